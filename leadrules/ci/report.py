"""The Markdown a CI run writes: the job summary (everything) and the pull-request comment
(what the pull request changes in meaning, with one line each for lint and formatting).

Both are built from the outputs of the commands the run made — `check -f markdown`,
`fmt --check --diff`, `diff -f markdown` — kept as they are, with their headings moved down
a level or more so they nest under ours. Nothing here reads the clock: the same run gives the
same text, so an unchanged pull request leaves its comment untouched.
"""

from __future__ import annotations

import re
import shlex

import attrs

from leadrules import __version__
from leadrules.ci.comment import MARKER, fit
from leadrules.ci.plan import operands
from leadrules.ci.runner import Result

MAX_SUMMARY = 1_000_000  # UTF-8 bytes; GitHub takes at most 1 MiB of summary per step
_HEADING = re.compile(r"^(#{1,6})(\s)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@attrs.frozen
class SchemeDiff:
    """One changed scheme: compared (with the diff's result), or new or removed (a note)."""

    path: str
    state: str  # compared | added | removed
    result: Result | None = None
    note: str = ""


@attrs.frozen
class Outcome:
    """Everything a run found, for the summary, the comment and the exit code."""

    files: tuple[str, ...]
    check: Result
    check_markdown: str
    fmt: Result | None = None
    fmt_note: str = ""
    base: str | None = None  # the revision compared with, as shown (origin/main)
    base_sha: str | None = None
    diffs: tuple[SchemeDiff, ...] = ()
    diff_note: str = ""
    notes: tuple[str, ...] = ()
    head_sha: str = ""
    run_url: str | None = None
    exit_code: int = 0
    reasons: tuple[str, ...] = ()  # why the run fails, in words


def verdict(o: Outcome) -> str:
    """`**Passes**` or `**Fails** (exit code 1): why`, the first thing a reader sees."""
    if o.exit_code == 0:
        return "**Passes** (exit code 0)."
    return f"**Fails** (exit code {o.exit_code}): {'; '.join(o.reasons)}."


def _lines(markdown: str) -> list[tuple[str, bool]]:
    """Each line, and whether it is inside a fenced code block (fences included)."""
    out, fence = [], ""
    for line in markdown.splitlines():
        m = _FENCE.match(line)
        if m and (not fence or m.group(1).startswith(fence)):
            fence = "" if fence else m.group(1)  # a closing fence is at least as long
            out.append((line, True))
        else:
            out.append((line, bool(fence)))
    return out


def demote(markdown: str, levels: int) -> str:
    """Headings pushed down `levels` (at most to `######`), code blocks left alone."""
    return "\n".join(
        line if code else _HEADING.sub(
            lambda h: "#" * min(len(h.group(1)) + levels, 6) + h.group(2), line)
        for line, code in _lines(markdown))


def nest(markdown: str, level: int) -> str:
    """Headings moved so the report's top heading is at `level` (never moved up)."""
    levels = [len(h.group(1)) for line, code in _lines(markdown)
              if not code and (h := _HEADING.match(line))]
    return demote(markdown, max(level - min(levels), 0)) if levels else markdown


def fenced(text: str, language: str = "") -> str:
    """`text` in a code block whose fence is longer than any run of backticks inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def headline(check_markdown: str) -> str:
    """The check report's first line (`**leadrules: 3 errors, … in 2 of 4 files**`)."""
    return next((line for line in check_markdown.splitlines() if line.strip()), "").strip()


def result_line(check_markdown: str) -> str:
    lines = [line for line in check_markdown.splitlines() if line.strip()]
    return lines[1].strip() if len(lines) > 1 else ""


def fmt_section(o: Outcome, details: bool) -> str:
    """Formatting, in one line (and the changes fmt would make, folded, when `details`)."""
    if o.fmt is None:
        return o.fmt_note
    if o.fmt.code == 0:
        every = "The file is" if len(o.files) == 1 else f"All {len(o.files)} files are"
        return f"{every} in the canonical layout (`leadrules fmt --check`)."
    if o.fmt.code != 1:
        return (f"`leadrules fmt --check` could not read every file (exit code {o.fmt.code}); "
                "the lint report says why.")
    named = re.findall(r"^--- (.+?)\s*$", o.fmt.stdout, re.M)
    files = [f for f in o.files if f in named] or list(o.files)
    again = shlex.join(["leadrules", "fmt", *operands(files)])
    text = (f"Not in the canonical layout: {len(files)} of {len(o.files)} "
            f"file{'' if len(o.files) == 1 else 's'}. Run `{again}` and commit the result.")
    if details and o.fmt.stdout.strip():
        text += ("\n\n<details>\n<summary>What <code>leadrules fmt</code> would change</summary>"
                 "\n\n" + fenced(o.fmt.stdout, "diff") + "\n\n</details>")
    return text


def diff_sections(o: Outcome, level: int) -> list[str]:
    """One section per changed scheme, its diff report nested under a heading of `level`."""
    out = []
    for d in o.diffs:
        body = d.result.stdout.strip() if d.result is not None else ""
        if d.result is not None and d.result.code < 2 and _HEADING.match(body):
            out += ["", nest(body, level)]  # the diff's report names the file itself
            continue
        out += ["", f"{'#' * level} {code(d.path)}", ""]
        if d.result is None:
            out.append(d.note)
        elif d.result.code >= 2:
            out.append(f"`{d.result.shown}` failed (exit code {d.result.code}):")
            out += ["", fenced((d.result.stderr or d.result.stdout).strip() or "(no output)")]
        else:
            out.append(nest(body, level + 1) if body else "No change in meaning.")
    return out


def compared_with(o: Outcome) -> str:
    if not o.base:
        return ""
    sha = f" (`{o.base_sha[:12]}`)" if o.base_sha and o.base_sha != o.base else ""
    return f"Compared with {code(o.base)}{sha}."


def summary(o: Outcome) -> str:
    """The job summary: the whole check report, formatting, and every diff."""
    out = ["## leadrules", "", verdict(o), "", "### Lint", "", nest(o.check_markdown.strip(), 4)]
    out += ["", "### Formatting", "", fmt_section(o, details=True)]
    if o.base is not None or o.diff_note:
        out += ["", "### What changed in meaning", ""]
        out.append(o.diff_note or compared_with(o))
        if not o.diffs and not o.diff_note:
            out += ["", "No scheme file changed."]
        out += diff_sections(o, 4)
    if o.notes:
        out += ["", "### Notes", "", *[f"- {n}" for n in o.notes]]
    out += ["", commands(o)]
    return fit("\n".join(out).strip() + "\n", MAX_SUMMARY,
               "…the rest is cut: a job summary holds at most 1 MiB. Run the same commands on "
               "your machine to see everything.", utf8=True)


def commands(o: Outcome) -> str:
    """The commands this run made, to repeat it by hand."""
    runs = [o.check, *([o.fmt] if o.fmt else []),
            *[d.result for d in o.diffs if d.result is not None]]
    lines = "\n".join(r.shown for r in runs)
    return ("<details>\n<summary>The same on your machine</summary>\n\n"
            + fenced(lines, "sh") + "\n\n</details>")


def comment(o: Outcome) -> str:
    """The pull-request comment: marker, what changed in meaning, lint and formatting lines."""
    changed = len(o.diffs)
    title = ("## leadrules: what this pull request changes in the lead-status scheme"
             if changed else "## leadrules: this pull request changes no scheme file")
    out = [MARKER, title, "", verdict(o)]
    if o.diff_note:
        out += ["", o.diff_note]
    out += diff_sections(o, 3)
    check_result = result_line(o.check_markdown)
    lint = headline(o.check_markdown).strip("*").removeprefix("leadrules: ")
    out += ["", "---", "", f"**Lint:** {lint}"
            + (f" — {check_result}" if check_result else "")]
    out += ["", f"**Formatting:** {fmt_section(o, details=False)}"]
    foot = f"leadrules {__version__}"
    if o.head_sha:
        foot += f" · for {o.head_sha[:12]}"
    if o.run_url:
        foot += f" · [job summary]({o.run_url}) has the full report"
    out += ["", f"<sub>{foot}</sub>"]
    text = "\n".join(out).strip() + "\n"
    more = ("…the rest is cut: GitHub takes at most 65,536 characters in a comment. "
            + (f"The [job summary]({o.run_url}) has everything." if o.run_url
               else "The job summary has everything."))
    return fit(text, note=more)


__all__ = ["Outcome", "SchemeDiff", "comment", "demote", "fenced", "nest", "summary"]
