"""Write docs/rules.md from the rules themselves (each rule's module docstring is its doc).

    .venv/bin/python scripts/gen_rules_doc.py          # write docs/rules.md
    .venv/bin/python scripts/gen_rules_doc.py --check  # exit 1 when docs/rules.md is stale

tests/test_rules_doc.py fails when the committed page differs from what this writes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leadrules.lint import all_rules  # noqa: E402
from leadrules.lint.rule import GROUPS  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"
GROUP_TITLES = {
    "graph": "Graph shape", "design": "Design", "data": "Data", "time": "Time and SLAs",
    "stages": "Stages", "governance": "Governance", "meta": "Suppressions",
}

INTRO = """\
# Lint rules

`leadrules check` (or `leadrules lint`) runs these rules on every scheme that parses and
resolves. Each finding names its rule by code and name:

```
s.leads:3:1: LR102 warning: no move reaches 'Old' from the initial status New [unreachable-status]
```

`leadrules rules` lists them; `leadrules rules NAME` (or `CODE`) prints one rule's page below.
This page is generated from the rules' own documentation by `scripts/gen_rules_doc.py`.

## Severity and exit codes

Every rule has a default severity: **error** (the scheme breaks the CRM or the funnel),
**warning** (a design fault the domain documents call out) or **info** (worth a look). The run
exits 1 when a finding is at or above `--fail-on` (default `warning`), 0 otherwise; a file that
cannot be read, parsed or resolved exits 2 (see [errors](errors.md)).

## Configuration

Put a `.leadrules.toml` beside the scheme or in a folder above it (or a `[tool.leadrules]`
table in `pyproject.toml`; the nearest file wins, and `--config FILE` names one):

```toml
fail-on = "warning"                 # error | warning | info
disable = ["status-budget"]          # rule names or codes

[severity]                           # rule = error | warning | info | off
overlapping-statuses = "error"

[rules.status-budget]                # a rule's options (see each rule)
warning-above = 10

[words]                              # words added to the rules' lexicons
action = ["Nachfassen", "Перезвонить завтра"]
```

Word lists: `action`, `rating`, `synonyms`, `done`, `expected`, `parking`, `stage` (see the
rules that use them). An unknown setting, rule, option or word list is an error with its line
and a "did you mean" (codes E400–E403).

## Suppressing one finding

Write the decision down where it applies, with a reason in quotes:

```leads
status Lost {  # leadrules: ignore[lost-without-reason] "free-text reasons until the Q3 migration"
```

A suppression applies to findings on its own line, or — alone on a line — to the next line
that holds a statement. A suppression without a reason, naming an unknown rule, or suppressing
nothing is itself reported ([unused-suppression](#lr901-unused-suppression)).

## Baselines

`--write-baseline FILE` records today's findings; `--baseline FILE` then hides them, so a pull
request fails only on new findings. Findings are matched by rule, subject and message — not by
line — so edits that move lines do not bring old findings back.

## Output formats

`--format text` (default), `json` ([documented](report-json.md)), `sarif` (SARIF 2.1.0, for
code scanning), `github` (workflow annotations; chosen automatically when `GITHUB_ACTIONS` is
set), `markdown` (a job summary or pull-request comment). `-o FILE` writes to a file.
"""


def render() -> str:
    rules = sorted(all_rules(), key=lambda m: m.rule.code)
    out = [INTRO, "## The rules\n"]
    for group in GROUPS:
        members = [m for m in rules if m.rule.group == group]
        if not members:
            continue
        out.append(f"### {GROUP_TITLES[group]}\n")
        out.append("| code | name | default | what it finds |\n|---|---|---|---|")
        for m in members:
            r = m.rule
            out.append(f"| {r.code} | [{r.name}](#{anchor(r.code, r.name)}) | {r.severity} | "
                       f"{r.summary} |")
        out.append("")
    for m in rules:
        r = m.rule
        title, _, body = m.doc.partition("\n")
        out.append(f"## {r.code} {r.name}\n")
        out.append(f"*{GROUP_TITLES[r.group]} · default severity: {r.severity}*\n")
        out.append(f"**{title.strip()}**\n")
        out.append(body.strip() + "\n")
        if r.options:
            out.append("| option | default | meaning |\n|---|---|---|")
            for name, opt in r.options.items():
                out.append(f"| `{name}` | `{opt.default!r}` | {opt.help} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def anchor(code: str, name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", f"{code} {name}".lower().replace(" ", "-"))


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print("docs/rules.md is stale: run .venv/bin/python scripts/gen_rules_doc.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
