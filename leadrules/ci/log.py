"""What a CI run writes besides its reports: the log (GitHub workflow commands under Actions,
plain lines by hand), the job summary file and the step outputs file."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping

from leadrules.ci.inputs import Context
from leadrules.ci.runner import Result
from leadrules.report.github import escape_data

Echo = Callable[[str], None]


class Log:
    """The run's log: commands with their output, warnings and errors."""

    def __init__(self, echo: Echo, ctx: Context) -> None:
        self.echo = echo
        self.ctx = ctx

    def command(self, result: Result, fold: bool = True) -> Result:
        """A command and its output; folded into a group under Actions when `fold`.

        Only the unfolded run (`check`, whose annotations are workflow commands) may speak to
        the runner: a folded command's output quotes scheme text (a `fmt --diff`, a diff
        report), so under Actions it is fenced with `::stop-commands::` and a line of a scheme
        that looks like `::set-env …` stays text.
        """
        folded = fold and self.ctx.in_actions
        # a file name may hold a newline: under Actions the next line would be read as a command
        shown = escape_data(result.shown) if self.ctx.in_actions else result.shown
        if folded:
            self.echo(f"::group::{shown} (exit code {result.code})")
        else:
            self.echo(f"$ {shown}" + (f"   # exit code {result.code}" if fold else ""))
        token = secrets.token_hex(16) if folded else ""
        if token:
            self.echo(f"::stop-commands::{token}")
        for text in (result.stdout, result.stderr):
            if text.strip():
                self.echo(text.rstrip())
        if token:
            self.echo(f"::{token}::")
        if folded:
            self.echo("::endgroup::")
        return result

    def warning(self, text: str) -> None:
        self.echo(f"::warning title=leadrules::{escape_data(text)}" if self.ctx.in_actions
                  else f"leadrules: {text}")

    def error(self, text: str) -> None:
        self.echo(f"::error title=leadrules::{escape_data(text)}" if self.ctx.in_actions
                  else f"leadrules action: {text}")


def write_summary(ctx: Context, text: str, echo: Echo) -> None:
    """Append to the job summary, or print it when there is none (a run by hand)."""
    if ctx.summary_path:
        with open(ctx.summary_path, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        echo(text)


def write_outputs(ctx: Context, values: Mapping[str, str]) -> None:
    """The step outputs in $GITHUB_OUTPUT: `name=value`, or GitHub's `name<<DELIMITER` form
    for a value with a line break (a path from an input could hold one, and a `name=value`
    line would then let its second line set another output)."""
    if not ctx.output_path:
        return
    with open(ctx.output_path, "a", encoding="utf-8") as f:
        for name, value in values.items():
            if "\n" in value or "\r" in value:
                delimiter = f"leadrules_{secrets.token_hex(16)}"
                f.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
            else:
                f.write(f"{name}={value}\n")


__all__ = ["Echo", "Log", "write_outputs", "write_summary"]
