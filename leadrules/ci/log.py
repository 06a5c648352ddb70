"""What a CI run writes besides its reports: the log (GitHub workflow commands under Actions,
plain lines by hand), the job summary file and the step outputs file."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from leadrules.ci.inputs import Context
from leadrules.ci.runner import Result

Echo = Callable[[str], None]


class Log:
    """The run's log: commands with their output, warnings and errors."""

    def __init__(self, echo: Echo, ctx: Context) -> None:
        self.echo = echo
        self.ctx = ctx

    def command(self, result: Result, fold: bool = True) -> Result:
        """A command and its output; folded into a group under Actions when `fold`."""
        folded = fold and self.ctx.in_actions
        if folded:
            self.echo(f"::group::{result.shown} (exit code {result.code})")
        else:
            self.echo(f"$ {result.shown}" + (f"   # exit code {result.code}" if fold else ""))
        for text in (result.stdout, result.stderr):
            if text.strip():
                self.echo(text.rstrip())
        if folded:
            self.echo("::endgroup::")
        return result

    def warning(self, text: str) -> None:
        self.echo(f"::warning title=leadrules::{text}" if self.ctx.in_actions
                  else f"leadrules: {text}")

    def error(self, text: str) -> None:
        self.echo(f"::error title=leadrules::{text}" if self.ctx.in_actions
                  else f"leadrules action: {text}")


def write_summary(ctx: Context, text: str, echo: Echo) -> None:
    """Append to the job summary, or print it when there is none (a run by hand)."""
    if ctx.summary_path:
        with open(ctx.summary_path, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        echo(text)


def write_outputs(ctx: Context, values: Mapping[str, str]) -> None:
    """The step outputs (`name=value` lines in $GITHUB_OUTPUT); values are single lines."""
    if not ctx.output_path:
        return
    with open(ctx.output_path, "a", encoding="utf-8") as f:
        for name, value in values.items():
            f.write(f"{name}={value}\n")


__all__ = ["Echo", "Log", "write_outputs", "write_summary"]
