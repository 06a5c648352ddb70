"""Diagrams as Graphviz DOT: bands, markers, the style of each kind of move, focus, locale,
lint marks, determinism, and images drawn by the `dot` program.

The DOT of every example is recorded in tests/golden/render/NAME.dot. To rewrite the golden
files after a deliberate change, run
`LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_dot.py tests/test_render_mermaid.py`
and review the diff (and look at the pictures: `leadrules render FILE -o FILE.png`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leadrules import Loader, load_text
from leadrules.lint import lint
from leadrules.model.scheme import Scheme
from leadrules.render import DotMissing, render_dot, to_image
from leadrules.render.focus import UnknownFocus
from leadrules.render.style import APPROVAL, LINT, MOVES
from tests.conftest import EXAMPLES, ROOT
from tests.lint.helpers import TODAY

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_render import readable

GOLDEN = ROOT / "tests" / "golden" / "render"
SCHEMES = sorted(EXAMPLES.glob("*.leads"))
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")

TRANSLATED = '''stages {
 MQL "Marketing qualified" label ru "Маркетинговый лид"
 SQL }
status New "New lead" {
  initial
  stages MQL
  label ru "Новый"
  means "Just arrived."
}
status Won { outcome won; locked; stages SQL }
transition New -> Won manual
'''


def scheme(name: str) -> Scheme:
    return Loader().scheme(EXAMPLES / name)


def text_scheme(text: str) -> Scheme:
    loaded = load_text(text, "t.leads")
    assert isinstance(loaded, Scheme)
    return loaded


def edges(dot: str) -> list[str]:
    """The visible edge lines of a DOT text."""
    return [line.strip() for line in dot.splitlines()
            if " -> " in line and "style=invis" not in line]


def edge(dot: str, source: str, target: str) -> list[str]:
    """Edge lines between two node ids, whichever way round they are written."""
    return [e for e in edges(dot) if e.startswith((f'"{source}" -> "{target}"',
                                                  f'"{target}" -> "{source}"'))]


def nodes_drawn(dot: str) -> set[str]:
    """The status nodes (s0, s1, …) a DOT text declares."""
    return set(re.findall(r'^\s*"(s\d+)" \[', dot, re.M))


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_dot_of_every_example_matches_the_golden_file(path: Path):
    """Each example's DOT is exactly the recorded text (review diagram changes in diffs)."""
    got = render_dot(Loader().scheme(path))
    golden = GOLDEN / f"{path.stem}.dot"
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {golden}"
    assert got == golden.read_text(encoding="utf-8")


def test_the_same_scheme_gives_the_same_bytes():
    """Rendering twice, from two loads of the file, gives identical DOT."""
    assert render_dot(scheme("universal.leads")) == render_dot(
        Loader().scheme(EXAMPLES / "universal.leads"))


def test_stages_are_bands_in_journey_order():
    """Every stage is a cluster, numbered in journey order, then the any-stage band."""
    dot = render_dot(scheme("universal.leads"))
    clusters = re.findall(r"subgraph cluster_g(\d+)", dot)
    assert clusters == ["0", "1", "2", "3", "4", "5"]
    heads = re.findall(r"<b>(\d · \w+|Any stage)</b>", dot)
    assert heads == ["1 · MQL", "2 · SAL", "3 · SQL", "4 · Opportunity", "5 · Customer",
                     "Any stage"]
    assert "Marketing Qualified Lead" in dot and "pipeline" in dot


def test_a_status_sits_in_the_band_of_its_earliest_stage():
    """New (MQL, SAL) is in the MQL band; Unqualified (no stages line) in the last band."""
    dot = render_dot(scheme("universal.leads"))
    blocks = dict(re.findall(r"subgraph cluster_g(\d+) \{(.*?)\n  \}", dot, re.S))
    assert '"s0" [' in blocks["0"]  # New
    assert '"s1" [' in blocks["1"]  # Attempting: SAL, SQL
    assert '"s8" [' in blocks["5"] and "Any stage" in blocks["5"]  # Unqualified


def test_the_columns_are_chained_left_to_right():
    """Invisible edges of weight 0 chain the columns, so dot cannot reorder the bands."""
    dot = render_dot(scheme("universal.leads"))
    assert re.search(r'"start" -> "s\d+" \[style=invis weight=0\]', dot)
    assert re.findall(r"t\d+ -> [tx]\d+ \[style=invis weight=100\]", dot)


def test_a_scheme_without_stages_has_no_bands():
    """Two_mandatory has no stages: no clusters, and every status is drawn."""
    dot = render_dot(scheme("two_mandatory.leads"))
    assert "subgraph" not in dot
    assert nodes_drawn(dot) == {f"s{i}" for i in range(6)}


def test_any_transition_is_drawn_once_from_the_any_node():
    """`transition any -> Unqualified` is one node and one edge, not one edge per status."""
    dot = render_dot(scheme("universal.leads"))
    assert len(re.findall(r'^\s*"a0" \[', dot, re.M)) == 1
    assert dot.count("any status") >= 1
    assert len(edge(dot, "a0", "s8")) == 1
    touching = [e for e in edges(dot) if '"s8"' in e]
    # from any, from Stale (its timer), and its own timer to Recycled: nothing else
    assert len(touching) == 3
    assert edge(dot, "s4", "s8") and edge(dot, "s8", "s9")


def test_each_kind_of_move_has_its_own_style():
    """Automatic solid with the event, manual dashed, timer dotted with the delay, data with
    the condition, stage sync bold from a stage-change node, approval marked with the role."""
    dot = render_dot(scheme("universal.leads"))
    auto = edge(dot, "s0", "s1")[0]  # New -> Attempting on first_outreach
    assert 'style="solid"' in auto and "on first_outreach" in auto
    assert MOVES["auto"].color in auto
    manual = edge(dot, "s5", "s2")[0]  # Connected -> Qualified, manual
    assert 'style="dashed"' in manual and "label" not in manual
    timer = edge(dot, "s3", "s4")[0]  # Working -> Stale after 30 days without activity
    assert 'style="dotted"' in timer and "after 30 days without" in timer
    assert MOVES["timer"].color in timer
    data = edge(dot, "s1", "s7")  # Attempting -> Nurture: manual and when attempts >= 10
    assert any('style="solid"' in e and "when attempts &gt;= 10" in e and
               MOVES["data"].color in e for e in data)
    sync = edge(dot, "y0", "s3")[0]  # stage becomes SQL -> Working
    assert 'style="bold"' in sync and MOVES["stage-sync"].color in sync
    assert re.search(r'"y0" \[.*label="stage becomes SQL"', dot)
    approval = edge(dot, "a0", "s8")[0]
    assert 'arrowhead="normaltee"' in approval
    assert "approval: sales_manager" in approval and "if deal_value &gt;= 50000" in approval
    assert APPROVAL in approval


def test_moves_back_keep_their_direction():
    """A move to an earlier column is written backwards with dir=back: the arrow still
    points at its target."""
    dot = render_dot(scheme("universal.leads"))
    back = edge(dot, "s3", "s7")  # Working -> Nurture (manual), Nurture is left of Working
    assert back and all(e.startswith('"s7" -> "s3"') and 'dir="back"' in e for e in back)


def test_initial_outcomes_and_locked_statuses_are_marked():
    """A start dot points at the initial status; won and lost are coloured; locked has a
    double border and says so."""
    dot = render_dot(scheme("universal.leads"))
    assert re.search(r'^\s*"start" -> "s0" \[', dot, re.M)
    converted = re.search(r'^\s*"s6" \[(.*)\]$', dot, re.M)
    unqualified = re.search(r'^\s*"s8" \[(.*)\]$', dot, re.M)
    assert converted and unqualified
    assert 'fillcolor="#d7f0d8"' in converted.group(1) and 'peripheries="2"' in converted.group(1)
    assert "outcome won · locked" in converted.group(1)
    assert 'fillcolor="#fbdada"' in unqualified.group(1)


def test_sla_and_alert_badges_are_on_the_status():
    """New shows its SLA and its alert on one line under the name."""
    dot = render_dot(scheme("universal.leads"))
    assert "SLA 2 business hours · alert after 24 hours" in dot
    assert "activity every 7 days" in dot  # Working's activity SLA


def test_the_legend_lists_what_the_diagram_draws():
    """The header names every kind of move and marker drawn, and nothing else."""
    dot = render_dot(scheme("universal.leads"))
    for meaning in ("automatic, on an event", "manual: a rep's decision",
                    "after a delay (timer)", "when a condition holds", "the stage changed",
                    "outcome won", "outcome lost", "initial status"):
        assert meaning in dot
    assert "a stage change sets the status" not in render_dot(scheme("two_mandatory.leads"))


def test_focus_keeps_exactly_the_neighbours():
    """--focus Working draws Working and the statuses it moves to or from, and no other."""
    dot = render_dot(scheme("universal.leads"), focus="Working")
    # Connected (meeting_held), Stale (both ways), Qualified, Nurture, Unqualified (any),
    # Converted and Nurture (stage changes that move a lead out of Working)
    assert nodes_drawn(dot) == {"s2", "s3", "s4", "s5", "s6", "s7", "s8"}
    assert '"y0"' in dot  # stage becomes SQL -> Working
    assert '"a0"' not in dot  # Working is no target of `any`
    assert "(from any status)" in dot  # Working -> Unqualified through `any`
    assert "Around “Working”" in dot
    working = re.search(r'^\s*"s3" \[(.*)\]$', dot, re.M)
    assert working and 'fillcolor="#fff3c4"' in working.group(1)


def test_focus_on_a_target_of_any_keeps_the_any_node():
    """Focusing on Unqualified draws the any node once, plus the statuses around it."""
    dot = render_dot(scheme("universal.leads"), focus="Unqualified")
    # Stale (its timer), Recycled (the timer out); Unqualified names no stage, so the
    # stage changes can move it too: to Working, Converted and Nurture
    assert nodes_drawn(dot) == {"s3", "s4", "s6", "s7", "s8", "s9"}
    assert len(edge(dot, "a0", "s8")) == 1


def test_focus_accepts_a_label():
    """A status may be named by its label too."""
    assert render_dot(scheme("universal.leads"), focus="Stale - review needed") == \
        render_dot(scheme("universal.leads"), focus="Stale")


def test_an_unknown_focus_is_an_error_with_a_suggestion():
    """A misspelt status is E200 with a did-you-mean."""
    with pytest.raises(UnknownFocus) as info:
        render_dot(scheme("universal.leads"), focus="Nurtur")
    d = info.value.first
    assert d.code == "E200" and "'Nurtur'" in d.message
    assert d.help == "did you mean 'Nurture'?"


def test_locale_uses_translated_labels():
    """--locale ru draws the scheme's Russian labels for statuses and stages."""
    s = text_scheme(TRANSLATED)
    ru, default = render_dot(s, locale="ru"), render_dot(s)
    assert "<b>Новый</b>" in ru and "Маркетинговый лид" in ru
    assert "<b>New lead</b>" in default and "Marketing qualified" in default
    assert "Новый" not in default
    assert render_dot(s, locale="de") == default  # not translated: the defaults


def test_lint_findings_are_marked_with_their_rule_codes():
    """With findings, statuses and moves they point at are coloured and carry the codes."""
    s = scheme("universal.leads")
    findings = lint(s, source=(EXAMPLES / "universal.leads").read_text(encoding="utf-8"),
                    today=TODAY).findings
    dot = render_dot(s, findings=findings)
    recycled = re.search(r'^\s*"s9" \[(.*)\]$', dot, re.M)
    assert recycled and "⚠ LR403 no-timer" in recycled.group(1) and LINT in recycled.group(1)
    first = edge(dot, "s0", "s1")[0]  # an automatic move that bypasses requirements
    assert LINT in first and "⚠ LR305" in first
    assert "Lint findings on" in dot
    assert render_dot(s) != dot and "LR305" not in render_dot(s)


def test_findings_elsewhere_are_listed_under_the_legend():
    """Findings on fields (unused-field) are on no status or move: the header lists them."""
    path = EXAMPLES / "qualification_pipeline.leads"
    s = Loader().scheme(path)
    findings = lint(s, source=path.read_text(encoding="utf-8"), today=TODAY).findings
    dot = render_dot(s, findings=findings)
    assert "Elsewhere in the file: LR304 unused-field ×5" in dot


def test_quotes_and_backslashes_in_names_are_escaped():
    """Names with quotes, angle brackets and ampersands stay inside their labels."""
    s = text_scheme('status "Say \\"yes\\" <now> & then" { initial }\n'
                    'status B { means "a <b> \\"c\\"" }\n'
                    'transition "Say \\"yes\\" <now> & then" -> B manual\n')
    dot = render_dot(s)
    assert "Say &quot;yes&quot; &lt;now&gt; &amp; then" in dot
    assert 'tooltip="a <b> \\"c\\""' in dot


def test_a_generated_thirty_status_scheme_renders():
    """The 30-status scheme of benchmarks/bench_render.py draws every status in its band."""
    s = text_scheme(readable(30))
    dot = render_dot(s)
    assert nodes_drawn(dot) == {f"s{i}" for i in range(30)}
    assert len(re.findall(r"subgraph cluster_g", dot)) == 6


# -- images, drawn by the dot program --------------------------------------------------------
@needs_dot
def test_svg_is_the_same_twice():
    """dot draws the same SVG for the same DOT (diagrams can be reviewed in diffs)."""
    dot = render_dot(scheme("universal.leads"))
    first, second = to_image(dot, "svg"), to_image(dot, "svg")
    assert first == second and first.lstrip().startswith(b"<?xml")


@needs_dot
def test_png_and_pdf_are_images_and_reproducible():
    """PNG and PDF come out with their signatures, and a PDF carries no creation time."""
    dot = render_dot(scheme("two_mandatory.leads"))
    png, pdf = to_image(dot, "png"), to_image(dot, "pdf")
    assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
    assert to_image(dot, "pdf") == pdf


def test_a_missing_dot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """With no dot on PATH, to_image raises E004 saying how to install Graphviz."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DotMissing) as info:
        to_image("digraph { a }", "svg", source="x.leads")
    d = info.value.first
    assert d.code == "E004" and d.span.file == "x.leads"
    assert "apt-get install graphviz" in (d.help or "")
    assert "brew install graphviz" in (d.help or "")
    assert "graphviz.org/download" in (d.help or "")


def test_an_unknown_image_format_is_refused():
    """to_image draws only svg, png and pdf."""
    with pytest.raises(ValueError):
        to_image("digraph { a }", "jpg")


# -- legibility: no line through a label, no label over another -------------------------------
def _cjk_font() -> bool:
    fc = shutil.which("fc-list")
    return fc is not None and "Noto Sans CJK" in subprocess.run(
        [fc], capture_output=True, text=True, check=False).stdout


def overlaps(dot: str) -> list[tuple[str, ...]]:
    """Edge lines crossing a label's text, and labels overlapping, in dot's own layout."""
    layout = json.loads(subprocess.run(["dot", "-Tjson"], input=dot.encode("utf-8"),
                                       capture_output=True, check=True).stdout)

    def boxes(ops: list[dict] | None) -> list[tuple[float, float, float, float, str]]:
        out, size = [], 10.0
        for op in ops or []:
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T":
                (x, y), w = op["pt"], op["width"]
                x0 = {"c": x - w / 2, "l": x, "r": x - w}[op["align"]]
                out.append((x0 + 1, y - size * 0.2, x0 + w - 1, y + size * 0.75, op["text"]))
        return out

    labels = [(b, ("node", o["_gvid"])) for o in layout.get("objects", [])
              for b in boxes(o.get("_ldraw_"))]
    labels += [(b, ("edge", e["_gvid"])) for e in layout.get("edges", [])
               for b in boxes(e.get("_ldraw_"))]
    found: list[tuple[str, ...]] = []
    for e in layout.get("edges", []):
        for op in e.get("_draw_", []):
            if op["op"] not in ("b", "B"):
                continue
            points = _bezier(op["points"])
            for (x0, y0, x1, y1, text), owner in labels:
                if owner != ("edge", e["_gvid"]) and any(
                        x0 < x < x1 and y0 < y < y1 for x, y in points):
                    found.append(("line through", text))
    for i, (a, owner_a) in enumerate(labels):
        for b, owner_b in labels[i + 1:]:
            if owner_a != owner_b and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                found.append(("labels overlap", a[4], b[4]))
    return found


def _bezier(points: list[list[float]], steps: int = 16) -> list[tuple[float, float]]:
    out = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


LEGIBLE = [*(p.stem for p in SCHEMES), "readable30", "universal-lint", "universal-focus"]


@needs_dot
@pytest.mark.skipif(not _cjk_font(), reason="layout measured with Noto Sans CJK only")
@pytest.mark.parametrize("name", LEGIBLE)
def test_no_line_crosses_a_label(name: str):
    """In dot's layout of each example (and the 30-status scheme), no edge passes through
    a label's text and no two labels overlap."""
    if name == "readable30":
        dot = render_dot(text_scheme(readable(30)))
    elif name == "universal-lint":
        s = scheme("universal.leads")
        source = (EXAMPLES / "universal.leads").read_text(encoding="utf-8")
        dot = render_dot(s, findings=lint(s, source=source, today=TODAY).findings)
    elif name == "universal-focus":
        dot = render_dot(scheme("universal.leads"), focus="Working")
    else:
        dot = render_dot(scheme(f"{name}.leads"))
    assert overlaps(dot) == []
