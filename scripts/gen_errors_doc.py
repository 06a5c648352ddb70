"""Regenerate docs/errors.md: every example in it is run, and the tool's real output shown.

Usage, from the repository root:

    .venv/bin/python scripts/gen_errors_doc.py               write docs/errors.md
    .venv/bin/python scripts/gen_errors_doc.py --check       exit 1 when docs/errors.md is stale
    .venv/bin/python scripts/gen_errors_doc.py --subprocess  run the installed `leadrules`
                                                             command instead (slower; the
                                                             output must be the same)

The page is scripts/errors_doc/errors.tmpl.md with its placeholders filled in from the cases
in scripts/errors_doc/cases.py (each run in its own folder of a temporary directory, so the
paths shown are relative to it) and from leadrules/codes.py:

    @@CODES@@         the table of every code: its name and meaning, linked to its section
    @@TITLE:E200@@    a code's heading, "E200 unknown-name" (its anchor is #e200-unknown-name)
    @@CASE:NAME@@     the case's files, then the command and everything it printed
    @@DIAG:NAME@@     the first message the case printed, as printed
    @@MSG:NAME@@      the text of the case's only message, without its place and code
    @@EXPECTED:NAME@@ the `= expected:` text of the case's only message
    @@LAST:NAME@@     the last line the case printed
    @@RC:NAME@@       the case's exit code

Generation stops with an error when a case ends with another exit code or reports other codes
than its declaration says, when a case or a code is not used in the page, or when the output
would contain the temporary directory's path. The same tool gives the same bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "errors_doc"
TEMPLATE = DATA / "errors.tmpl.md"
OUTPUT = ROOT / "docs" / "errors.md"
COMMAND = "run .venv/bin/python scripts/gen_errors_doc.py"

PLACEHOLDER = re.compile(r"@@([A-Z]+)(?::(\w+))?@@")
HEADLINE = re.compile(r"^\S[^\n]*?:\d+:\d+: (E\d{3}) (.*)$", re.M)
SIMULATED_BUG = KeyError("…")
LANGUAGES = {".leads": "leads", ".scenario": "scenario", ".toml": "toml"}  # a shown file's fence


class GenerationError(Exception):
    """A case or the template does not hold what the page promises."""


@dataclass(frozen=True)
class Run:
    """What one command printed (standard output and error, in order) and its exit code."""

    code: int
    output: str

    @property
    def codes(self) -> list[str]:
        """The code of every message printed, in order."""
        return [m.group(1) for m in HEADLINE.finditer(self.output)]

    def messages(self) -> list[str]:
        """The diagnostics printed, each as its block of lines (headline, source, notes)."""
        blocks = self.output.rstrip("\n").split("\n\n")
        return [b for b in blocks if HEADLINE.match(b)]


def load_cases() -> dict[str, Any]:
    """The cases of scripts/errors_doc/cases.py (loaded by path: scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("errors_doc_cases", DATA / "cases.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    cases: dict[str, Any] = module.CASES
    return cases


# -- running the command ---------------------------------------------------------------------
@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_in_process(argv: Sequence[str], cwd: Path, internal_error: bool = False,
                   env_set: dict[str, str] | None = None) -> Run:
    """Run the `leadrules` entry point in this process, in `cwd`, capturing what it prints.

    This is the function the installed command calls; running it here saves starting a
    Python process per case. Output is not a terminal, so it is not coloured, as in a pipe.
    """
    import leadrules.cli.main as cli
    import leadrules.cli.run_check as check_command
    from leadrules.report import text as report_text

    # Source lines are cached by path, and every case has its own `statuses.leads`.
    report_text._file_lines.cache_clear()
    out = io.StringIO()
    env = {k: v for k, v in os.environ.items() if k != "LEADRULES_DEBUG"}
    env.update(env_set or {})
    with contextlib.ExitStack() as stack:
        stack.enter_context(working_directory(cwd))
        stack.enter_context(mock.patch.dict(os.environ, env, clear=True))
        if internal_error:
            stack.enter_context(mock.patch.object(check_command, "run_check",
                                                  side_effect=SIMULATED_BUG))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(out))
        try:
            cli.main(list(argv))
        except SystemExit as exc:
            return Run(exit_code(exc.code), out.getvalue())
    return Run(0, out.getvalue())


def run_subprocess(argv: Sequence[str], cwd: Path, internal_error: bool = False,
                   env_set: dict[str, str] | None = None) -> Run:
    """Run the installed `leadrules` command (next to this Python) in `cwd`."""
    script = Path(sys.executable).parent / "leadrules"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "leadrules"]
    if internal_error:
        command = [sys.executable, "-c",
                   "import sys; from unittest import mock; import leadrules.cli.run_check as c; "
                   "from leadrules.cli.main import main; "
                   f"mock.patch.object(c, 'run_check', side_effect=KeyError({'…'!r})).start(); "
                   "main(sys.argv[1:])"]
    env = {k: v for k, v in os.environ.items() if k != "LEADRULES_DEBUG"}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(env_set or {})
    done = subprocess.run([*command, *argv], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", check=False)
    return Run(done.returncode, done.stdout)


def exit_code(code: object) -> int:
    """The exit status `sys.exit(code)` gives the shell."""
    if code is None:
        return 0
    return int(code) if isinstance(code, int) else 1


def run_case(case: Any, folder: Path, in_process: bool = True) -> Run:
    """Write the case's files (and copies) into `folder` and run its command there."""
    folder.mkdir(parents=True)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for item in case.copy:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, folder / source.name)
        else:
            shutil.copy(source, folder / source.name)
    runner = run_in_process if in_process else run_subprocess
    return runner(case.argv, folder, internal_error=case.internal_error, env_set=case.env)


def check_run(name: str, case: Any, run: Run, folder: Path) -> None:
    """Raise when a run does not demonstrate what its case declares, or shows a local path."""
    problems = []
    if run.code != case.exit:
        problems.append(f"exit code {run.code}, expected {case.exit}")
    if sorted(set(run.codes)) != sorted(set(case.codes)):
        problems.append(f"reports {sorted(set(run.codes))}, expected {sorted(set(case.codes))}")
    for local in {str(folder), str(folder.resolve()), str(folder.parent)}:
        if local in run.output:
            problems.append(f"the output shows the local path {local}")
    if problems:
        raise GenerationError(f"case {name}: " + "; ".join(problems) + "\n" + run.output)


def run_all(cases: dict[str, Any], in_process: bool = True) -> dict[str, Run]:
    """Run every case, each in its own folder of one temporary directory."""
    runs = {}
    with tempfile.TemporaryDirectory(prefix="leadrules-errors-doc-") as tmp:
        for name, case in cases.items():
            folder = Path(tmp) / name
            runs[name] = run_case(case, folder, in_process)
            check_run(name, case, runs[name], folder)
    return runs


# -- filling in the template -----------------------------------------------------------------
def fence(language: str, body: str) -> str:
    return f"```{language}\n{body}\n```"


def render_case(case: Any, run: Run) -> str:
    """The case's shown files, each under its name, then the console: command and output."""
    parts = []
    for name in case.shown:
        content = case.files[name]
        body = content.decode(case.encoding) if isinstance(content, bytes) else content
        language = LANGUAGES.get(Path(name).suffix, "text")
        parts.append(f"`{name}`:\n\n" + fence(language, body.rstrip("\n")))
    console = f"$ leadrules {' '.join(case.argv)}\n{run.output.rstrip()}"
    if case.echo_exit:
        console += f"\n$ echo $?\n{run.code}"
    parts.append(fence("text", console))
    return "\n\n".join(parts)


def only_message(name: str, run: Run) -> str:
    messages = run.messages()
    if len(messages) != 1:
        raise GenerationError(f"case {name} prints {len(messages)} messages; @@MSG@@ and "
                              "@@EXPECTED@@ need exactly one")
    return messages[0]


def codes_table(codes: dict[str, tuple[str, str]]) -> str:
    rows = ["| code | name | meaning |", "|---|---|---|"]
    rows += [f"| [{code}](#{code.lower()}-{name}) | {name} | {meaning} |"
             for code, (name, meaning) in codes.items()]
    return "\n".join(rows)


def fill(template: str, cases: dict[str, Any], runs: dict[str, Run],
         codes: dict[str, tuple[str, str]]) -> str:
    """The template with every placeholder replaced; raises on unknown or unused ones."""
    used: set[str] = set()
    titled: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2) or ""
        if kind == "CODES":
            return codes_table(codes)
        if kind == "TITLE":
            if arg not in codes:
                raise GenerationError(f"{match.group(0)}: not a code in leadrules/codes.py")
            titled.add(arg)
            return f"{arg} {codes[arg][0]}"
        if arg not in cases:
            raise GenerationError(f"{match.group(0)}: no such case in cases.py")
        used.add(arg)
        run = runs[arg]
        if kind == "CASE":
            return render_case(cases[arg], run)
        if kind == "DIAG":
            return run.messages()[0]
        if kind == "MSG":
            headline = only_message(arg, run).split("\n")[0]
            return HEADLINE.sub(r"\2", headline)
        if kind == "EXPECTED":
            notes = [line.split("= expected: ", 1)[1]
                     for line in only_message(arg, run).split("\n") if "= expected: " in line]
            if not notes:
                raise GenerationError(f"case {arg} has no `= expected:` line")
            return notes[0]
        if kind == "LAST":
            return run.output.rstrip().split("\n")[-1]
        if kind == "RC":
            return str(run.code)
        raise GenerationError(f"{match.group(0)}: unknown placeholder")

    page = PLACEHOLDER.sub(replace, template)
    if unused := [name for name in cases if name not in used]:
        raise GenerationError(f"cases not used in {TEMPLATE.name}: {', '.join(unused)}")
    if untitled := [code for code in codes if code not in titled]:
        raise GenerationError(f"codes without a section (@@TITLE:CODE@@): {', '.join(untitled)}")
    shown = {code for name in used if f"@@CASE:{name}@@" in template
             for code in runs[name].codes}
    if undemonstrated := [code for code in codes if code not in shown]:
        raise GenerationError(f"codes no @@CASE@@ demonstrates: {', '.join(undemonstrated)}")
    return page


def generate(in_process: bool = True) -> str:
    """The text of docs/errors.md for the tool as it is now."""
    from leadrules.codes import CODES

    cases = load_cases()
    runs = run_all(cases, in_process)
    return fill(TEMPLATE.read_text(encoding="utf-8"), cases, runs, CODES)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Regenerate docs/errors.md from scripts/errors_doc/ by running each case.")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when docs/errors.md differs")
    parser.add_argument("--subprocess", action="store_true",
                        help="run the installed leadrules command for each case (slower)")
    args = parser.parse_args(argv)
    try:
        page = generate(in_process=not args.subprocess)
    except GenerationError as exc:
        print(f"gen_errors_doc: {exc}", file=sys.stderr)
        return 1
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if args.check:
        if page == current:
            return 0
        diff = difflib.unified_diff(current.splitlines(), page.splitlines(),
                                    "docs/errors.md", "generated", lineterm="")
        print("\n".join(diff), f"\ndocs/errors.md is out of date: {COMMAND}", sep="\n")
        return 1
    OUTPUT.write_text(page, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}" + (" (unchanged)" if page == current else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
