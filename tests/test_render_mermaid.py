"""Diagrams as Mermaid `stateDiagram-v2` text, for Markdown that GitHub draws.

The Mermaid text of every example is recorded in tests/golden/render/NAME.mmd (rewrite with
`LEADRULES_UPDATE_GOLDEN=1`, see tests/test_render_dot.py). Its validity is checked by
structure: every line is one of the statement forms written, ids are plain ASCII, labels
cannot end early, every state a transition or class names is declared.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from leadrules import Loader, load_text
from leadrules.model.scheme import Scheme
from leadrules.render import render_mermaid
from leadrules.render.focus import UnknownFocus
from leadrules.render.mermaid import escape
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "render"
SCHEMES = sorted(EXAMPLES.glob("*.leads"))

ID = r"[A-Za-z][A-Za-z0-9_]*"
TEXT = r"(?:[^\"#;\n]|#\w+;)+"  # quotes, '#' and ';' only as entity codes (#quot; #59;)
LABEL = rf'"({TEXT})"'
FORMS = {
    "composite": re.compile(rf"^  state {LABEL} as ({ID}) \{{$"),
    "end": re.compile(r"^  \}$"),
    "state": re.compile(rf"^ {{2,4}}state {LABEL} as ({ID})$"),
    "description": re.compile(rf"^ {{2,4}}({ID}) : ({TEXT})$"),
    "transition": re.compile(rf"^  (\[\*\]|{ID}) --> ({ID})(?: : ({TEXT}))?$"),
    "classDef": re.compile(r"^  classDef (\w+) ([\w#:,.\- ]+)$"),
    "class": re.compile(rf"^  class ({ID}(?:,{ID})*) (\w+)$"),
}


def check_structure(text: str) -> dict[str, list[tuple[str, ...]]]:
    """Fail unless `text` is a well-formed diagram of the forms the writer uses; return the
    statements found, by form."""
    lines = text.split("\n")
    assert lines[0] == "---" and re.match(r'^title: "(?:[^"\\]|\\.)*"$', lines[1])
    assert lines[2] == "---" and lines[3] == "stateDiagram-v2"
    assert lines[4] == "  direction LR" and lines[-1] == "", "ends with one newline"
    found: dict[str, list[tuple[str, ...]]] = {form: [] for form in FORMS}
    depth = 0
    for line in lines[5:-1]:
        matches = [(form, m) for form, m in ((f, p.match(line)) for f, p in FORMS.items()) if m]
        assert len(matches) == 1, f"not one statement: {line!r}"
        form, m = matches[0]
        found[form].append(m.groups())
        depth += {"composite": 1, "end": -1}.get(form, 0)
        assert 0 <= depth <= 1, "composite states are not nested"
        if form == "state":
            assert line.startswith("    ") == (depth == 1)
    assert depth == 0, "every composite state is closed"
    states = [g[1] for g in found["state"]]
    assert len(states) == len(set(states)), "each state is declared once"
    composites = [g[1] for g in found["composite"]]
    assert not set(states) & set(composites)
    for source, target, _label in found["transition"]:
        assert source == "[*]" or source in states, f"undeclared {source}"
        assert target in states, f"undeclared {target}"
    for state, _text in found["description"]:
        assert state in states
    defined = {g[0] for g in found["classDef"]}
    for ids, name in found["class"]:
        assert name in defined and set(ids.split(",")) <= set(states)
    return found


def text_scheme(text: str) -> Scheme:
    loaded = load_text(text, "t.leads")
    assert isinstance(loaded, Scheme)
    return loaded


def universal() -> Scheme:
    return Loader().scheme(EXAMPLES / "universal.leads")


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_mermaid_of_every_example_matches_the_golden_file(path: Path):
    """Each example's Mermaid text is exactly the recorded text."""
    got = render_mermaid(Loader().scheme(path))
    golden = GOLDEN / f"{path.stem}.mmd"
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {golden}"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_every_example_is_well_formed(path: Path):
    """Each example's diagram passes the structural check, ids plain ASCII."""
    text = render_mermaid(Loader().scheme(path))
    found = check_structure(text)
    assert all(g[1].isascii() for g in found["state"])


def test_ids_are_ascii_whatever_the_names():
    """Russian and Chinese status names become s0, s1, …; the names stay in the labels."""
    text = render_mermaid(Loader().scheme(EXAMPLES / "proposal_scale.leads"))
    found = check_structure(text)
    assert [g[1] for g in found["state"]][:3] == ["s0", "s1", "s2"]
    assert 'state "Новый" as s0' in text
    assert 'state "Забракован: нет связи" as s5' in text


def test_stages_are_composite_states_and_transitions_stay_outside():
    """Each stage with statuses is a composite state; transitions are written at the top
    level, after every composite state is closed."""
    text = render_mermaid(universal())
    found = check_structure(text)
    titles = [g[0] for g in found["composite"]]
    assert titles == ["1 · MQL — Marketing Qualified Lead", "2 · SAL — Sales Accepted Lead",
                      "3 · SQL — Sales Qualified Lead", "4 · Opportunity · pipeline",
                      "Any stage: no stages line"]  # Customer: no status starts there
    last_end = max(i for i, line in enumerate(text.split("\n")) if line == "  }")
    first_move = min(i for i, line in enumerate(text.split("\n")) if " --> " in line)
    assert last_end < first_move
    mql = text.split('as g0 {')[1].split("  }")[0]
    assert 'as s0' in mql and 'as s7' in mql and 'as s9' in mql  # New, Nurture, Recycled


def test_any_transition_is_one_state_and_one_transition():
    """`any -> Unqualified` is a single "any status" state with a single transition."""
    text = render_mermaid(universal())
    found = check_structure(text)
    assert [g[1] for g in found["state"]].count("a0") == 1
    assert [(s, t) for s, t, _ in found["transition"] if s == "a0"] == [("a0", "s8")]
    assert sum(1 for _s, t, _l in found["transition"] if t == "s8") == 2  # and Stale's timer


def test_transition_labels_say_the_kind():
    """Labels tell manual, event, timer, data and approval moves apart."""
    text = render_mermaid(universal())
    assert "  s0 --> s1 : on first_outreach" in text
    assert "  s1 --> s2 : manual" in text
    assert "  s3 --> s4 : after 30 days without activity" in text
    assert "  s1 --> s7 : when attempts #gt;= 10" in text
    assert ("  a0 --> s8 : manual · approval: sales_manager if deal_value #gt;= 50000"
            in text)
    assert "  [*] --> s0" in text and "  y0 --> s3" in text


def test_badges_outcomes_and_locked_statuses():
    """SLAs and alerts are description lines; outcomes, locked and markers get classes."""
    text = render_mermaid(universal())
    assert "s0 : SLA 2 business hours" in text and "s0 : alert after 24 hours" in text
    assert "s6 : outcome won · locked" in text
    assert "  class s6 won" in text and "  class s8 lost" in text
    assert "  class s6 locked" in text and "  class a0 marker" in text


def test_quotes_semicolons_and_hashes_are_escaped():
    """A name with quotes, ';', '#' and '%' cannot break the diagram."""
    s = text_scheme('field n count\n'
                    'status "Say \\"yes\\"; #1 100%" { initial }\n'
                    'status "B<c>" { after 2 days -> "Say \\"yes\\"; #1 100%" }\n'
                    'transition "Say \\"yes\\"; #1 100%" -> "B<c>" manual requires n >= 1\n')
    text = render_mermaid(s)
    check_structure(text)
    assert 'state "Say #quot;yes#quot;#59; #35;1 100#37;" as s0' in text
    assert 'state "B#lt;c#gt;" as s1' in text
    assert "s0 --> s1 : manual · requires n #gt;= 1" in text
    assert escape("a#b") == "a#35;b" and escape("x\ny") == "x y"


def test_focus_and_locale():
    """Focus keeps the status and its neighbours; locale translates labels."""
    text = render_mermaid(universal(), focus="Connected")
    found = check_structure(text)
    # Attempting in; Working, Qualified, Nurture, Unqualified (any) out, and the stage
    # changes that move a Connected lead: to Working, Converted and Nurture
    assert {g[1] for g in found["state"]} == {"s1", "s2", "s3", "s5", "s6", "s7", "s8"}
    with pytest.raises(UnknownFocus):
        render_mermaid(universal(), focus="Conected")
    s = text_scheme('status New "New lead" { initial\n label ru "Новый" }\n')
    assert 'state "Новый" as s0' in render_mermaid(s, locale="ru")
    assert 'state "New lead" as s0' in render_mermaid(s)


def test_the_same_scheme_gives_the_same_text():
    """Two renders of two loads are byte for byte equal."""
    assert render_mermaid(universal()) == render_mermaid(universal())
