"""The README's promises: its two commands exist, CI runs the test command, docs are linked."""

from __future__ import annotations

import re

from leadrules.codes import CODES
from tests.conftest import ROOT


def test_readme_commands_are_make_targets_and_ci_runs_the_test_command():
    """`make demo` and `make test` exist, and .ci/run calls exactly `make test`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
    assert ci[-1].strip() == "make test"


def test_readme_links_resolve():
    """Every relative link in the README points at a file that exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)\)", readme):
        assert (ROOT / target).exists(), target


def test_every_error_code_is_documented():
    """docs/errors.md explains every code the language core can report."""
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if code not in text]
    assert not missing, missing
