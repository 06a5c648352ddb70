"""Running leadrules commands for a CI run, the way a user would type them.

The action calls the command line (`python -m leadrules …` with this interpreter, so the same
installation) rather than library functions: what the log shows is exactly what a reviewer
can paste into a terminal, and `fmt` and `diff` are used through their documented interfaces.
A command this installation lacks is reported by `has`, so the caller can say "upgrade" instead
of failing on a usage error.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import attrs


@attrs.frozen
class Result:
    """One finished command: its words (as typed), exit code and output."""

    args: tuple[str, ...]
    code: int
    stdout: str = ""
    stderr: str = ""

    @property
    def shown(self) -> str:
        """`leadrules check a.leads -f markdown`, quoted for a POSIX shell."""
        return shlex.join(("leadrules", *self.args))


class Runner(Protocol):
    def has(self, command: str) -> bool:
        """Whether this leadrules has the subcommand (`fmt`, `diff`)."""

    def run(self, args: Sequence[str]) -> Result:
        """Run `leadrules ARGS` and wait for it."""


class CommandRunner:
    """Runs `python -m leadrules` in the repository's folder with this very interpreter."""

    def __init__(self, cwd: Path, env: Mapping[str, str] | None = None) -> None:
        self.cwd = cwd
        self.env = dict(os.environ if env is None else env)

    def has(self, command: str) -> bool:
        from leadrules.cli.main import cli

        return command in cli.commands

    def run(self, args: Sequence[str]) -> Result:
        done = subprocess.run([sys.executable, "-m", "leadrules", *args], cwd=self.cwd,
                              env=self.env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", check=False)
        return Result(tuple(args), done.returncode, done.stdout, done.stderr)


__all__ = ["CommandRunner", "Result", "Runner"]
