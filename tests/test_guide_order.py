"""Process order: the guide and its quick picker list statuses as a lead meets them — the
initial status first, then breadth first along the moves, outcomes last."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadrules import Loader, load_text
from leadrules.guide import guide_markdown
from leadrules.guide.moves import all_moves
from leadrules.guide.order import process_order
from leadrules.model.scheme import Scheme
from tests.conftest import EXAMPLES


def order(text: str) -> tuple[str, ...]:
    scheme = load_text(text, "t.leads")
    assert isinstance(scheme, Scheme)
    return process_order(scheme, all_moves(scheme))


def test_universal_statuses_come_in_process_order(universal):
    """The universal scheme reads New → Attempting → Connected … with Converted and
    Unqualified last."""
    assert process_order(universal, all_moves(universal)) == (
        "New", "Attempting", "Connected", "Nurture", "Working", "Qualified", "Recycled",
        "Stale", "Converted", "Unqualified")


def test_the_quick_picker_follows_process_order(universal):
    """The quick picker's rows are numbered in process order, not in writing order."""
    text = guide_markdown(universal)
    picker = text.split("## Quick picker", 1)[1].split("## Contents", 1)[0]
    rows = re.findall(r"^\| (\d+) \| \[([^\]]+)\]", picker, re.MULTILINE)
    assert [label for _, label in rows] == [
        "New / Not contacted", "Attempting contact", "Connected", "Nurture", "Working",
        "Qualified", "Recycled", "Stale - review needed", "Converted", "Unqualified / Lost"]
    assert [int(n) for n, _ in rows] == list(range(1, 11))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.leads")), ids=lambda p: p.stem)
def test_initial_first_outcomes_last(path: Path):
    """In every example the initial status leads and won, lost and locked statuses close."""
    scheme = Loader().scheme(path)
    got = process_order(scheme, all_moves(scheme))
    assert sorted(got) == sorted(s.name for s in scheme.statuses)
    assert scheme.status_map[got[0]].initial
    ends = [n for n in got if scheme.status_map[n].outcome or scheme.status_map[n].locked]
    assert list(got[-len(ends):]) == ends
    kinds = [scheme.status_map[n].outcome or "locked" for n in ends]
    assert kinds == sorted(kinds, key=["won", "lost", "locked"].index)


def test_breadth_first_and_writing_order_break_ties():
    """Statuses one move away come before those two moves away; among them, the order the
    moves are written."""
    assert order('''
status A { initial }
status B { }
status C { }
status D { }
transition A -> C manual
transition A -> B manual
transition B -> D manual
''') == ("A", "C", "B", "D")


def test_any_moves_and_stage_changes_do_not_jump_the_queue():
    """A status reached only by `any -> X` or by a stage change comes after the work the
    statuses themselves lead to."""
    assert order('''
stages { S1; S2 }
status A { initial; stages S1 }
status Parked { }
status Synced { stages S2 }
status B { }
status C { }
status Won { outcome won }
transition A -> B manual
transition B -> C manual
transition C -> Won manual
transition any -> Parked manual
when stage becomes S2 -> Synced
''') == ("A", "B", "C", "Parked", "Synced", "Won")


def test_timers_and_data_rules_are_moves_too():
    """Timers and data rules lead the walk after a status's own transitions."""
    assert order('''
field n count
status A { initial; after 3 days -> T; when n >= 2 -> R }
status R { }
status T { }
status M { }
transition A -> M manual
''') == ("A", "M", "T", "R")


def test_unreachable_statuses_keep_their_writing_order():
    """Statuses no move reaches follow the walk in the order they are written."""
    assert order('''
status Z { }
status A { initial }
status Y { }
status Lost { outcome lost }
transition A -> Lost manual
''') == ("A", "Z", "Y", "Lost")


def test_without_an_initial_status_the_first_written_starts():
    """A scheme with no `initial` status starts the walk from its first status."""
    assert order('''
status First { }
status Second { }
transition First -> Second manual
''') == ("First", "Second")
