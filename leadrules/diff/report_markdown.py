"""The diff as a pull-request comment (GitHub Markdown).

A reviewer reads the summary in ten seconds — what breaks, new lint errors and warnings, the
funnel figures that changed significantly — and opens the rest only when needed: changes by
class (cosmetic ones folded), the lint delta, the simulated impact with confidence intervals,
and the Mermaid diagram of the change, which GitHub draws as is.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from leadrules.diff import mermaid
from leadrules.diff.figures import ci, headline_figures, num
from leadrules.diff.model import CLASSES, Change, ChangeClass
from leadrules.diff.result import DiffReport, headline
from leadrules.diff.words import line_note
from leadrules.errors import Severity

TITLES = {ChangeClass.BREAKING: "Breaking changes", ChangeClass.BEHAVIOURAL:
          "Behavioural changes", ChangeClass.COSMETIC: "Cosmetic changes"}
ICONS = {ChangeClass.BREAKING: "🛑", ChangeClass.BEHAVIOURAL: "🔀", ChangeClass.COSMETIC: "🖌️"}


# names of the schemes being written that hold a backtick (almost always none): the change
# texts embed names as they are, and a backtick in one would open or close a code span
_TICKED: ContextVar[tuple[str, ...]] = ContextVar("ticked", default=())


def write(report: DiffReport, diagram: bool = True) -> str:
    names: set[str] = set()
    for scheme in (report.old, report.new):
        names.update(s.name for s in scheme.statuses)
        names.update(f.name for f in scheme.fields)
        names.update(t.name for t in scheme.teams)
        names.update(r.name for r in scheme.roles)
    names |= set(report.old.events) | set(report.new.events)
    token = _TICKED.set(tuple(sorted((n for n in names if "`" in n), key=len, reverse=True)))
    try:
        return _write(report, diagram)
    finally:
        _TICKED.reset(token)


def _write(report: DiffReport, diagram: bool) -> str:
    out = [f"## Scheme change: `{_code(report.new_label)}`", "",
           f"Compared with `{_code(report.old_label)}`"
           + (f" ({_md(report.old_note)})" if report.old_absent else "")
           + f": **{headline(report)}**.", ""]
    out += _summary(report)
    for cls in CLASSES:
        items = report.diff.of(cls)
        if not items:
            continue
        if cls is ChangeClass.COSMETIC:
            out += ["<details>", f"<summary>{TITLES[cls]} ({len(items)})</summary>", ""]
            out += [f"- {_md(c.text)}{_lines(c)}" for c in items]
            out += ["", "</details>", ""]
            continue
        out += [f"### {ICONS[cls]} {TITLES[cls]} ({len(items)})", ""]
        if cls is ChangeClass.BREAKING:
            out += ["| Change | Why it breaks | Lines (old → new) |", "|---|---|---|"]
            out += [f"| {_cell(c.text)} | {_cell(c.why or '')} | {_lines(c).strip(' ()')} |"
                    for c in items]
        else:
            out += [f"- {_md(c.text)}{_lines(c)}" for c in items]
        out.append("")
    out += _lint(report)
    out += _impact(report)
    if diagram and (report.diff.meaningful or report.old_absent):
        out += ["### Diagram of the change", "",
                "Green: added · amber: changed · red, dashed and struck through: removed. "
                "Move labels say `NEW`, `CHANGED` or `REMOVED`.", "",
                "```mermaid", mermaid.write(report).rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _summary(report: DiffReport) -> list[str]:
    out = ["### Summary", ""]
    breaking = report.diff.of(ChangeClass.BREAKING)
    for c in breaking:
        out.append(f"- 🛑 **Breaking:** {_md(c.text)}" + (f" — {_md(c.why)}" if c.why else ""))
    if not breaking:
        out.append("- ✅ Nothing breaking: no lead is stranded and no requirement got stricter.")
    behavioural = report.diff.of(ChangeClass.BEHAVIOURAL)
    if behavioural:
        shown = behavioural[:3]
        out.append(f"- 🔀 {len(behavioural)} behavioural change"
                   f"{'' if len(behavioural) == 1 else 's'}: "
                   + "; ".join(_md(c.text) for c in shown)
                   + ("; …" if len(behavioural) > len(shown) else ""))
    elif not report.diff.meaningful:
        out.append("- 🟰 Nothing changed in meaning.")
    lint = report.lint
    if lint is not None:
        bad = [f for f in lint.new if f.diagnostic.severity >= Severity.WARNING]
        if bad:
            errors = sum(1 for f in bad if f.diagnostic.severity is Severity.ERROR)
            warnings = len(bad) - errors
            what = ", ".join(x for x in (f"{errors} error{'s' if errors != 1 else ''}"
                                         if errors else "",
                                         f"{warnings} warning{'s' if warnings != 1 else ''}"
                                         if warnings else "") if x)
            out.append(f"- ⚠️ New lint findings: {what} ("
                       + ", ".join(f"`{f.diagnostic.code}` {f.diagnostic.rule}"
                                   for f in bad[:5]) + ")")
        if lint.fixed:
            out.append(f"- 🧹 {len(lint.fixed)} lint finding{'' if len(lint.fixed) == 1 else 's'}"
                       " fixed")
    sim = report.simulation
    if sim is not None:
        if not sim.ran:
            sides = " and ".join(side for side, _ in sim.unfit)
            out.append(f"- 🧪 The scenario `{_code(sim.scenario)}` does not fit the {sides} "
                       "scheme, so the change was not simulated (see *Simulated impact*).")
        else:
            top = headline_figures(sim.figures)
            if top:
                out.append(f"- 📈 Simulated (\"{_md(sim.name)}\", {sim.runs} runs each): "
                           + "; ".join(f"`{f.figure}` {num(f.before)} → {num(f.after)}"
                                       for f in top)
                           + f" ({len(sim.significant)} figures changed significantly)")
            else:
                out.append(f"- 📈 Simulated (\"{_md(sim.name)}\", {sim.runs} runs each): no "
                           "figure changed significantly.")
    return [*out, ""]


def _lint(report: DiffReport) -> list[str]:
    lint = report.lint
    if lint is None or (not lint.new and not lint.fixed and not lint.changed):
        return []
    out = ["### Lint", "", "| | Rule | Severity | Finding | Line |", "|---|---|---|---|---|"]
    reworded = tuple(new for _, new in lint.changed)
    for label, items in (("new", lint.new), ("fixed", lint.fixed), ("reworded", reworded)):
        for f in items:
            d = f.diagnostic
            out.append(f"| {label} | `{d.code}` {d.rule or ''} | {d.severity} | "
                       f"{_cell(d.message)} | {d.span.line} |")
    return [*out, ""]


def _impact(report: DiffReport) -> list[str]:
    sim = report.simulation
    if sim is None:
        return []
    out = ["### Simulated impact", "",
           f"Scenario \"{_md(sim.name)}\" (`{_code(sim.scenario)}`) on the old and the new "
           f"scheme: {sim.runs} runs each, seed {sim.seed}, common random numbers. Differences "
           "are new − old with a 95% confidence interval from paired runs; only significant "
           "ones are listed.", ""]
    if not sim.ran:
        for side, problems in sim.unfit:
            out.append(f"The scenario no longer fits the **{side}** scheme; these lines need "
                       "updating:" if side == "new" else
                       f"The scenario does not fit the **{side}** scheme:")
            out.append("")
            out += [f"- `{_code(str(d.span))}` {d.code} {_md(d.message)}" for d in problems]
            out.append("")
        return out
    if not sim.significant:
        return [*out, "No figure changed significantly.", ""]
    out += ["| Figure | Old | New | Change [95% CI] |", "|---|---:|---:|---:|"]
    out += [f"| `{f.figure}` | {num(f.before)} | {num(f.after)} | {ci(f)} |"
            for f in sim.significant]
    out += ["", f"{len(sim.significant)} of {len(sim.figures)} figures changed significantly.",
            ""]
    return out


def _lines(c: Change) -> str:
    note = line_note(c)
    return f" {note}" if note else ""


def _md(text: str, table: bool = False) -> str:
    """Text outside code spans: Markdown's active characters escaped (backticks kept, as the
    change texts quote scheme lines in them); in a table cell, `|` is escaped everywhere.
    A name holding backticks is escaped outside code spans, and a code span holding one gets
    a fence longer than its longest run of backticks."""
    ticked = _TICKED.get()
    if ticked:
        pattern = re.compile("|".join(re.escape(n) for n in ticked))
        text = pattern.sub(lambda m: f"\ue000{ticked.index(m.group(0))}\ue001", text)
    out = []
    in_code = False
    span: list[str] = []
    for ch in text:
        if ch == "`":
            if in_code:
                out.append(_span("".join(span), table))
                span = []
            in_code = not in_code
        elif in_code:
            span.append(ch)
        else:
            out.append(_escaped(ch))
    if in_code:  # an unclosed backtick: literal
        out.append("\\`" + "".join(_escaped(ch) for ch in span))
    result = "".join(out)
    if ticked:
        result = re.sub("\ue000(\\d+)\ue001",
                        lambda m: ticked[int(m.group(1))].replace("`", "\\`"), result)
    return result


def _span(body: str, table: bool) -> str:
    """A code span of `body`, with the names it holds restored; fenced and padded as CommonMark
    needs when they bring backticks in."""
    ticked = _TICKED.get()
    body = re.sub("\ue000(\\d+)\ue001", lambda m: ticked[int(m.group(1))], body)
    if table:
        body = body.replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    if not longest:
        return f"`{body}`"
    fence = "`" * (longest + 1)
    return f"{fence} {body} {fence}"


def _escaped(ch: str) -> str:
    """One character of text outside code spans, escaped when Markdown would act on it."""
    return "\\" + ch if ch in "\\*_[]<>|#" else ch


def _cell(text: str) -> str:
    return _md(text, table=True).replace("\n", " ")


def _code(text: str) -> str:
    return text.replace("`", "'")
