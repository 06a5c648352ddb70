"""Loading files: parse + resolve, with a scenario's scheme found relative to the scenario.

`Loader` remembers every file it loaded (by real path), so a scheme named by several scenarios,
or also given on the command line, is read and reported once.
"""

from __future__ import annotations

import os
from pathlib import Path

from leadrules.errors import Diagnostic, LeadrulesError, Span
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.parse.parser import Kind, parse_file, parse_text, read_source, sniff_kind
from leadrules.resolve import resolve_scenario, resolve_scheme

Loaded = Scheme | Scenario


class Loader:
    """Loads and resolves schemes and scenarios, caching results and errors by real path."""

    def __init__(self) -> None:
        self._cache: dict[str, Loaded | LeadrulesError] = {}

    def load(self, path: str | os.PathLike[str], kind: Kind | None = None) -> Loaded:
        """A resolved scheme or scenario; raises `LeadrulesError` with all its problems."""
        name = os.fspath(path)
        key = os.path.realpath(name)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(parse_file(name, kind))
            except LeadrulesError as exc:
                self._cache[key] = exc
        result = self._cache[key]
        if isinstance(result, LeadrulesError):
            raise result
        return result

    def scheme(self, path: str | os.PathLike[str]) -> Scheme:
        """A resolved scheme; a scenario file given where a scheme belongs is `E003`."""
        result = self.load(path)
        if not isinstance(result, Scheme):
            raise LeadrulesError([Diagnostic(
                "E003", "this file is a scenario, but a scheme (.leads) is needed here",
                result.span)])
        return result

    def scenario(self, path: str | os.PathLike[str]) -> Scenario:
        """A resolved scenario; a scheme file given where a scenario belongs is `E003` (one
        clear line instead of a syntax error at every declaration of the scheme)."""
        wrong = wrong_kind(os.fspath(path), read_source(path), "scenario")
        if wrong is not None:
            raise LeadrulesError([wrong])
        result = self.load(path, "scenario")
        assert isinstance(result, Scenario)
        return result

    def _resolve(self, model: Loaded) -> Loaded:
        if isinstance(model, Scheme):
            return resolve_scheme(model)
        return resolve_scenario(model, self.scenario_scheme(model))

    def scenario_scheme(self, scenario: Scenario) -> Scheme:
        """The scheme a scenario names, loaded relative to the scenario's folder."""
        if scenario.scheme_path is None:
            problems = [*scenario.problems, Diagnostic(
                "E303", "the scenario does not say which scheme it simulates", scenario.span,
                expected='a line such as scheme "universal.leads"')]
            raise LeadrulesError(problems)
        where = Path(scenario.path).parent / scenario.scheme_path
        span = scenario.scheme_span or scenario.span
        if where.is_dir():
            raise LeadrulesError([*scenario.problems, Diagnostic(
                "E300", f"'{scenario.scheme_path}' is a folder, not a scheme file", span,
                help="name the .leads file, relative to the scenario file")])
        if where.is_file() and _is_scenario(where):
            raise LeadrulesError([*scenario.problems, Diagnostic(
                "E003", f"'{scenario.scheme_path}' is a scenario, but a scheme (.leads) is "
                "needed here", span, help="name the .leads file the scenario simulates")])
        if not where.is_file():
            raise LeadrulesError([*scenario.problems, Diagnostic(
                "E300", f"the scheme '{scenario.scheme_path}' does not exist (looked for "
                f"{where})", span, help="the path is relative to the scenario file")])
        try:
            return self.scheme(where)
        except LeadrulesError as exc:
            note = Diagnostic("E300", f"the scheme '{scenario.scheme_path}' has errors, so "
                              "this scenario cannot be checked", span)
            raise LeadrulesError([*exc.diagnostics, *scenario.problems, note]) from None


def wrong_kind(path: str, text: str, want: Kind) -> Diagnostic | None:
    """`E003` at the first statement when `text` is the other kind of file than `want` (one
    clear line instead of a syntax error at every declaration), else None."""
    if sniff_kind(text) == want:
        return None
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines, 1) if line.split("#", 1)[0].strip()), 1)
    width = max(len(lines[first - 1]) if lines else 0, 1)
    span = Span(path, first, 1, first, width + 1)
    if want == "scenario":
        return Diagnostic("E003", "this file is a scheme, but a scenario (.scenario) is needed "
                          "here", span, help='a scenario starts with `scenario "name" {` and '
                          'names its scheme: scheme "statuses.leads"')
    return Diagnostic("E003", "this file is a scenario, but a scheme (.leads) is needed here",
                      span)


def _is_scenario(path: Path) -> bool:
    """Whether a file is a scenario (by its extension, else by its first word)."""
    if path.suffix in (".leads", ".scenario"):
        return path.suffix == ".scenario"
    try:
        return sniff_kind(read_source(path)) == "scenario"
    except LeadrulesError:
        return False


def load(path: str | os.PathLike[str]) -> Loaded:
    """Parse and resolve a `.leads` scheme or `.scenario` file (scenarios load their scheme)."""
    return Loader().load(path)


def load_text(text: str, path: str = "<text>", scheme: Scheme | None = None) -> Loaded:
    """Parse and resolve text; a scenario is checked against `scheme` (or the one it names)."""
    return resolve(parse_text(text, path), scheme)


def resolve(model: Loaded, scheme: Scheme | None = None) -> Loaded:
    """Resolve a parsed model (a scenario against `scheme`, or the scheme it names)."""
    if isinstance(model, Scheme):
        return resolve_scheme(model)
    return resolve_scenario(model, resolve_scheme(scheme) if scheme else
                            Loader().scenario_scheme(model))
