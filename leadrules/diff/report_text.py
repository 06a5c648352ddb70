"""The diff for a terminal: a headline, the changes by class, the lint delta and the impact.

Colour (only on a terminal): breaking red, behavioural yellow, cosmetic dim.
"""

from __future__ import annotations

from leadrules.diff.figures import ci, num
from leadrules.diff.model import CLASSES, Change, ChangeClass
from leadrules.diff.result import DiffReport, headline
from leadrules.diff.words import line_note
from leadrules.report.text import render as render_diagnostic

COLOURS = {ChangeClass.BREAKING: "1;31", ChangeClass.BEHAVIOURAL: "33",
           ChangeClass.COSMETIC: "2"}
MARKS = {ChangeClass.BREAKING: "✗", ChangeClass.BEHAVIOURAL: "•", ChangeClass.COSMETIC: "·"}
TITLES = {ChangeClass.BREAKING: "Breaking", ChangeClass.BEHAVIOURAL: "Behavioural",
          ChangeClass.COSMETIC: "Cosmetic"}


def write(report: DiffReport, color: bool = False) -> str:
    def style(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    out = [f"leadrules diff: {report.old_label} → {report.new_label}"]
    if report.old_problems:
        out.append(f"({report.old_label}: {report.old_note})")
    elif report.old_absent:
        out.append(f"({report.old_label} did not exist: everything is added)")
    out.append(headline(report))
    for cls in CLASSES:
        items = report.diff.of(cls)
        if not items:
            continue
        out += ["", style(f"{TITLES[cls]} ({len(items)})", COLOURS[cls])]
        for c in items:
            out.append(f"  {style(MARKS[cls], COLOURS[cls])} {c.text}{_lines(c)}")
            if c.why:
                out.append(f"      why: {c.why}")
    if report.lint is not None:
        out += ["", _lint_title(report)]
        for f in report.lint.new:
            out.append("  new:   " + render_diagnostic(f.diagnostic, brief=True))
        for f in report.lint.fixed:
            out.append("  fixed: " + render_diagnostic(f.diagnostic, brief=True))
        for _, f in report.lint.changed:
            out.append("  reworded: " + render_diagnostic(f.diagnostic, brief=True))
    sim = report.simulation
    if sim is not None:
        out += ["", f"Impact under scenario \"{sim.name}\" ({sim.scenario}): {sim.runs} runs "
                f"each, seed {sim.seed}, common random numbers"]
        if not sim.ran:
            for side, problems in sim.unfit:
                out.append(f"  the scenario no longer fits the {side} scheme; update these "
                           "lines:" if side == "new" else
                           f"  the scenario does not fit the {side} scheme:")
                out += [f"    {render_diagnostic(d, brief=True)}" for d in problems]
        elif not sim.significant:
            out.append("  no simulated figure changed significantly")
        else:
            width = max(len(g.figure) for g in sim.significant)
            out.append(f"  {'figure':<{width}} {'before':>12} {'after':>12}  change [95% CI]")
            for g in sim.significant:
                out.append(f"  {g.figure:<{width}} {num(g.before):>12} {num(g.after):>12}  "
                           f"{ci(g)}")
            out.append(f"  {len(sim.significant)} of {len(sim.figures)} figures changed "
                       "significantly")
    return "\n".join(out) + "\n"


def _lines(c: Change) -> str:
    note = line_note(c)
    return f"  {note}" if note else ""


def _lint_title(report: DiffReport) -> str:
    assert report.lint is not None
    new, fixed = len(report.lint.new), len(report.lint.fixed)
    changed = len(report.lint.changed)
    if not new and not fixed and not changed:
        return "Lint: no new findings, none fixed"
    return (f"Lint: {new} new finding{'' if new == 1 else 's'}, {fixed} fixed"
            + (f", {changed} reworded (same rule and subject)" if changed else ""))
