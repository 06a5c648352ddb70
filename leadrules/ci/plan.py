"""The command lines a CI run makes, built from its inputs — in one place, so the log, the
summary's "same on your machine" block and the tests all see the same words.
"""

from __future__ import annotations

import os
from pathlib import Path

from leadrules.ci.inputs import Inputs


def check_args(inputs: Inputs, files: tuple[str, ...], fmt: str | None,
               output: str | None = None) -> list[str]:
    """`check FILES [-f FMT] [-o OUT] [--fail-on L] [--baseline B]`.

    Without `fmt` the command picks its own format: GitHub annotations under Actions (the log
    run), text on a terminal.
    """
    args: list[str] = []
    if fmt:
        args += ["-f", fmt]
    if output:
        args += ["-o", output]
    if inputs.fail_on:
        args += ["--fail-on", inputs.fail_on]
    if inputs.baseline:
        args += ["--baseline", inputs.baseline]
    if any(f.startswith("-") for f in files):
        return ["check", *args, *operands(files)]
    return ["check", *files, *args]


def fmt_args(files: tuple[str, ...]) -> list[str]:
    """`fmt --check --diff FILES`."""
    return ["fmt", "--check", "--diff", *operands(files)]


def operands(paths: tuple[str, ...] | list[str]) -> list[str]:
    """File names after a command's options; behind `--` when one starts with `-`, so a file
    called `-o.leads` is a file, not an option."""
    return ["--", *paths] if any(p.startswith("-") for p in paths) else list(paths)


def diff_args(inputs: Inputs, path: str, against: str, scenario: str | None) -> list[str]:
    """`diff FILE --against REV -f markdown --fail-on L [--scenario S [--runs N] [--seed N]]`."""
    # a pull request that fixes a broken scheme is compared with an empty one, not failed
    options = ["--against", against, "-f", "markdown", "--fail-on", inputs.diff_fail_on,
               "--old-invalid", "empty"]
    if scenario:
        options += ["--scenario", scenario]
        if inputs.runs is not None:
            options += ["--runs", str(inputs.runs)]
        if inputs.seed is not None:
            options += ["--seed", str(inputs.seed)]
    if path.startswith("-"):
        return ["diff", *options, "--", path]
    return ["diff", path, *options]


def scenario_map(root: Path, scenarios: list[str]) -> dict[str, str]:
    """Scheme path → the scenario that simulates it (each scenario names its own scheme).

    A scenario that cannot be parsed is left out here; the check reports its problems.
    """
    from leadrules.errors import LeadrulesError
    from leadrules.model.scenario import Scenario
    from leadrules.parse import parse_file

    found: dict[str, str] = {}
    for path in scenarios:
        try:
            model = parse_file(str(root / path), "scenario")
        except (LeadrulesError, OSError):
            continue
        if not isinstance(model, Scenario) or model.scheme_path is None:
            continue
        scheme = os.path.normpath(os.path.join(os.path.dirname(path), model.scheme_path))
        found.setdefault(Path(scheme).as_posix(), path)
    return found


__all__ = ["check_args", "diff_args", "fmt_args", "operands", "scenario_map"]
