"""`leadrules compare`: common random numbers make "no change" exactly zero, and a real
change significant."""

from __future__ import annotations

import json

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main

SCHEME = """team T
field attempts count
status A {
  initial
  when attempts >= LIMIT -> Lost
}
status Won { outcome won }
status Lost { outcome lost }
transition A -> Won on reply auto
"""
SCENARIO = """scenario "s" {
  scheme "s.leads"
  horizon 40 days
  warmup 5 days
  arrivals 30 per day
  runs 4
  seed 2
  staff T unlimited
  in A {
    every 1 day work 5 minutes by T counting attempts
    each attempt: reply 20%
  }
}
"""


def run(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    out, _ = capsys.readouterr()
    return int(info.value.code or 0), out


@pytest.fixture
def files(tmp_path):
    (tmp_path / "s.leads").write_text(SCHEME.replace("LIMIT", "6"))
    (tmp_path / "same.leads").write_text(SCHEME.replace("LIMIT", "6"))
    (tmp_path / "strict.leads").write_text(SCHEME.replace("LIMIT", "2"))
    (tmp_path / "s.scenario").write_text(SCENARIO)
    return tmp_path


def test_the_same_scheme_changes_nothing_at_all(files, capsys):
    """With common random numbers, an identical scheme gives identical runs: no change."""
    out_json = files / "c.json"
    code, out = run(["compare", str(files / "s.scenario"), "--scheme",
                     str(files / "same.leads"), "--json", str(out_json)], capsys)
    assert code == Exit.CLEAN and "No figure changed significantly." in out
    changes = json.loads(out_json.read_text())["changes"]
    assert changes and all(c["change"] == 0 for c in changes)


def test_a_stricter_attempt_limit_loses_more_leads(files, capsys):
    """Cutting the attempt limit from 6 to 2 raises the lost share, significantly."""
    out_json = files / "c.json"
    code, out = run(["compare", str(files / "s.scenario"), "--scheme",
                     str(files / "strict.leads"), "--json", str(out_json)], capsys)
    assert code == Exit.CLEAN
    changes = {c["figure"]: c for c in json.loads(out_json.read_text())["changes"]}
    lost = changes["outcome.Lost.share_pct"]
    assert lost["significant"] and lost["change"] > 20
    assert "outcome.Lost.share_pct" in out


def test_one_side_is_required(files, capsys):
    """Neither a second scenario nor --scheme is a usage error."""
    code, _ = run(["compare", str(files / "s.scenario")], capsys)
    assert code == Exit.BAD_INPUT
