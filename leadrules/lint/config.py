"""Lint configuration: which rules run, how severe they are, their options, extra words.

Read from `.leadrules.toml` (top level) or `pyproject.toml` (`[tool.leadrules]`), the first
found in the scheme's folder or above it. Every unknown setting, rule or option is a precise
error with its line in the file and a "did you mean".

    fail-on = "warning"                 # error | warning | info
    select = ["graph", "LR201"]          # only these rules or groups (default: all)
    disable = ["status-budget"]          # rule names, codes or groups
    [severity]                           # rule → error | warning | info | off
    overlapping-statuses = "error"
    [rules.status-budget]                # rule → its options
    warning-above = 10
    [words]                              # lexicon → extra words
    action = ["Перезвонить завтра"]
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from leadrules.errors import Diagnostic, LeadrulesError, Severity, Span
from leadrules.lint.rule import GROUPS, Rule
from leadrules.suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
SETTINGS = ("fail-on", "select", "disable", "severity", "rules", "words")
LEXICONS = ("action", "rating", "synonyms", "done", "expected", "parking", "stage")


@attrs.frozen
class LintConfig:
    disabled: frozenset[str] = frozenset()  # rule names
    selected: frozenset[str] | None = None  # rule names; None: every rule
    severity: Mapping[str, Severity | None] = attrs.field(factory=dict)  # None: off
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    words: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    fail_on: Severity = Severity.WARNING
    path: str | None = None

    def enabled(self, rule: Rule) -> bool:
        if self.selected is not None and rule.name not in self.selected:
            return False
        return rule.name not in self.disabled and self.severity.get(rule.name, 1) is not None

    def severity_for(self, rule: Rule, graded: Severity | None = None) -> Severity:
        """The configured severity, else the level the rule gave this finding, else its own."""
        return self.severity.get(rule.name) or graded or rule.severity

    def options_for(self, rule: Rule) -> dict[str, Any]:
        given = self.options.get(rule.name, {})
        return {name: given.get(name, opt.default) for name, opt in rule.options.items()}


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest `.leadrules.toml`, or `pyproject.toml` with `[tool.leadrules]`, at or above
    `start` (a file or a folder), searching no higher than the repository root (the folder with
    `.git`), so a stray file above a checkout never changes its results."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        own = candidate / ".leadrules.toml"
        if own.is_file():
            return _as_given(own)
        project = candidate / "pyproject.toml"
        if project.is_file() and re.search(r"^\[tool\.leadrules[.\]]",
                                           project.read_text(encoding="utf-8"), re.M):
            return _as_given(project)
        if (candidate / ".git").exists():
            break
    return None


def _as_given(path: Path) -> Path:
    """A path relative to the working folder when it lies below it (messages stay short and
    free of machine-specific folders), else absolute."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_config(path: str | os.PathLike[str]) -> LintConfig:
    """Read and validate a configuration file; raises `LeadrulesError` on any mistake."""
    from leadrules.lint.registry import all_rules, find_rule

    name = os.fspath(path)
    text = Path(name).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11-3.13 put the position only in the message: "… (at line 2, column 5)".
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            line, column = int(found[1]), int(found[2])
        else:  # "(at end of document)": point just after the last text written
            lines = text.rstrip().split("\n")
            line, column = len(lines), len(lines[-1]) + 1
        reason = re.sub(r"\s*\(at [^)]*\)$", "", str(exc))
        raise LeadrulesError([Diagnostic("E400", f"not valid TOML: {reason}",
                                         Span.point(name, line, column))]) from None
    if Path(name).name == "pyproject.toml":
        data = data.get("tool", {}).get("leadrules", {})
    problems: list[Diagnostic] = []

    # in pyproject.toml, only [tool.leadrules…] tables are ours: search from the first of them
    ours = re.search(r"^\[tool\.leadrules[.\]]", text, re.M) if name.endswith(
        "pyproject.toml") else None
    offset = ours.start() if ours else 0

    def where(key: str) -> Span:
        k = re.escape(key)
        pattern = re.compile(rf'^\s*"?{k}"?\s*[=\]]|\.{k}\]|"{k}"', re.M)
        match = pattern.search(text, offset)
        if match is None:
            return Span.whole_file(name)
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        return Span.point(name, line, column, len(key))

    def bad(code: str, message: str, key: str, help: str | None = None) -> None:
        problems.append(Diagnostic(code, message, where(key), help=help))

    names = [m.rule.name for m in all_rules()]

    def rule_of(key: str) -> Rule | None:
        module = find_rule(key)
        if module is None:
            bad("E402", f"unknown rule '{key}'", key, did_you_mean(key, names))
            return None
        return module.rule

    def rules_of(key: str) -> list[str]:
        """Rule names for a name, a code, or a group name."""
        if key in GROUPS:
            return [m.rule.name for m in all_rules() if m.rule.group == key]
        rule = rule_of(key)
        return [rule.name] if rule else []

    for key in data:
        if key not in SETTINGS:
            bad("E401", f"unknown setting '{key}'", key, did_you_mean(key, SETTINGS))
    fail_on = Severity.WARNING
    if "fail-on" in data:
        value = str(data["fail-on"])
        if value not in SEVERITIES:
            bad("E403", f"fail-on must be error, warning or info, not '{value}'", "fail-on")
        else:
            fail_on = SEVERITIES[value]
    disabled = {name for key in _list(data.get("disable", []), "disable", bad)
                for name in rules_of(key)}
    selected = None
    if "select" in data:
        selected = frozenset(name for key in _list(data["select"], "select", bad)
                             for name in rules_of(key))
    severity: dict[str, Severity | None] = {}
    for key, value in _table(data.get("severity", {}), "severity", bad).items():
        rule = rule_of(key)
        if rule is None:
            continue
        if value == "off":
            severity[rule.name] = None
        elif value in SEVERITIES:
            severity[rule.name] = SEVERITIES[value]
        else:
            bad("E403", f"severity of {key} must be error, warning, info or off, not "
                f"'{value}'", key)
    options: dict[str, dict[str, Any]] = {}
    for key, given in _table(data.get("rules", {}), "rules", bad).items():
        rule = rule_of(key)
        if rule is None:
            continue
        for opt, value in _table(given, key, bad).items():
            spec = rule.options.get(opt)
            if spec is None:
                known = list(rule.options) or ["(this rule has no options)"]
                bad("E401", f"unknown option '{opt}' of rule {rule.name}", opt,
                    did_you_mean(opt, rule.options) or "options: " + ", ".join(known))
            elif not isinstance(value, spec.type) or isinstance(value, bool) != (
                    spec.type is bool):
                bad("E403", f"option {opt} of {rule.name} must be "
                    f"{_type_name(spec.type)}, not {value!r}", opt)
            else:
                options.setdefault(rule.name, {})[opt] = value
    words: dict[str, tuple[str, ...]] = {}
    for key, values in _table(data.get("words", {}), "words", bad).items():
        if key not in LEXICONS:
            bad("E401", f"unknown word list '{key}'", key, did_you_mean(key, LEXICONS))
        else:
            words[key] = tuple(str(v) for v in _list(values, key, bad))
    if problems:
        raise LeadrulesError(problems)
    return LintConfig(frozenset(disabled), selected, severity, options, words, fail_on, name)


def _list(value: Any, key: str, bad: Any) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    bad("E403", f"{key} must be a list of texts, such as [\"a\", \"b\"]", key)
    return []


def _table(value: Any, key: str, bad: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    bad("E403", f"{key} must be a table ([{key}] with one setting per line)", key)
    return {}


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    words = {int: "a whole number", float: "a number", bool: "true or false", str: "a text",
             list: "a list"}
    return " or ".join(words.get(k, k.__name__) for k in kinds)
