"""The HTML simulation report (`leadrules simulate --report`): one self-contained page with the
bottlenecks first, the expect table, the diagram under load and charts drawn as inline SVG,
the same bytes for the same results, and no console error in headless Chromium.

`LEADRULES_UPDATE_GOLDEN=1` also refreshes docs/images/simulation.png, the screenshot in
docs/simulate.md.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from leadrules import Loader
from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from leadrules.model.scenario import Scenario
from leadrules.render import find_dot, render_dot, to_image
from leadrules.simulate.html import HEAT, _Data, _heat, load_dot, render_html
from leadrules.simulate.results import SimResult, aggregate
from leadrules.simulate.run import RunResult, build, simulate_runs
from leadrules.simulate.text import bottlenecks
from tests.conftest import EXAMPLES, ROOT
from tests.test_guide_browser import png_size, screenshot

# A desk with one SDR and a little too much work: saturated, with an unmodelled field, a rule
# that never fires next to one that does, two outcomes, and text that needs escaping.
PILOT_SCHEME = """scheme "Pilot <desk> & co" {
  version "0.1"
}

team SDR
field score number

status New {
  initial
  sla 1 day notify owner
  when score >= 90 -> Working
}
status Working {}
status Idle {}
status Won { outcome won }
status Lost { outcome lost }

transition New -> Working on contacted auto
transition Working -> Won on yes auto
transition Working -> Lost manual
transition New -> Lost manual
transition Working -> Idle manual

expect {
  conversion New -> Working 50%..100%
  time_in New < 1 hour
  share Won >= 90%
}
"""
PILOT_SCENARIO = """scenario "Pilot: <one> SDR & a queue" {
  scheme "pilot.leads"
  horizon 40 days
  warmup 5 days
  runs 3
  seed 11
  arrivals 45 per day
  staff SDR 1
  in New {
    work ~30 minutes by SDR
    then contacted 70%, Lost 30%
  }
  in Working {
    after 1..5 days: yes 40%, Lost 60%
  }
}
"""
SECTIONS = ("bottlenecks", "expectations", "diagram", "wip", "time-in", "teams", "statuses",
            "funnel", "moves", "assumptions")
needs_dot = pytest.mark.skipif(find_dot() is None, reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def pilot_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pilot")
    (folder / "pilot.leads").write_text(PILOT_SCHEME, encoding="utf-8")
    (folder / "pilot.scenario").write_text(PILOT_SCENARIO, encoding="utf-8")
    return folder / "pilot.scenario"


@pytest.fixture(scope="module")
def pilot(pilot_path: Path) -> tuple[SimResult, list[RunResult]]:
    scenario = Loader().load(pilot_path)
    assert isinstance(scenario, Scenario)
    runs = simulate_runs(scenario)
    return aggregate(scenario, runs, 11, build(scenario).assumptions), runs


@pytest.fixture(scope="module")
def pilot_page(pilot: tuple[SimResult, list[RunResult]]) -> str:
    return render_html(*pilot)


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, _ = capsys.readouterr()
    return int(info.value.code or 0), out


# -- the page ----------------------------------------------------------------------------------
def test_the_report_is_self_contained(pilot_page):
    """Nothing is fetched from anywhere: no scripts, stylesheets, fonts or http(s) links."""
    assert pilot_page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", pilot_page, re.I)
    for marker in ("<script", "<link", "@import", "url(", "<iframe", "<img"):
        assert marker not in pilot_page.lower()


def test_the_same_results_give_the_same_page(pilot, pilot_path, tmp_path, capsys):
    """Rendering twice gives equal text, and two runs of the command equal bytes."""
    assert render_html(*pilot) == render_html(*pilot)
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for out in (first, second):
        code, _ = cli(["simulate", str(pilot_path), "--report", str(out)], capsys)
        assert code == Exit.CLEAN
    assert first.read_bytes() == second.read_bytes()


def test_the_header_names_the_run(pilot_page):
    """The header gives the scenario, scheme, runs, seed, horizon, warm-up and leads a run."""
    header = pilot_page[pilot_page.index("<header>"):pilot_page.index("</header>")]
    for text in ("Pilot: &lt;one&gt; SDR &amp; a queue", "pilot.leads", "<dd>3</dd>",
                 "<dd>11</dd>", "<dd>40 days</dd>", "<dd>5 days</dd>", "after the warm-up"):
        assert text in header


def test_every_section_is_there_bottlenecks_first(pilot_page):
    """The sections come in order, most pressing first."""
    places = [pilot_page.index(f'<section id="{anchor}"') for anchor in SECTIONS]
    assert places == sorted(places)
    assert pilot_page.index("<header>") < places[0]


def test_the_bottleneck_sentences_are_listed_in_rank_order(pilot, pilot_page):
    """Every finding of `bottlenecks` is on the page, in its rank, escaped as text."""
    found = [text for _, text in bottlenecks(pilot[0])]
    assert any("team SDR is saturated" in text for text in found)
    places = [pilot_page.index(f">{html.escape(text)}</li>") for text in found]
    assert places == sorted(places)


def test_the_expect_table_shows_value_interval_range_and_verdict(pilot, pilot_page):
    """One row per expect line with its value, 95% interval, range over runs and a coloured
    PASS or FAIL."""
    section = pilot_page[pilot_page.index('id="expectations"'):pilot_page.index('id="diagram"')]
    result = pilot[0]
    assert section.count("<tr") == len(result.expects) + 1
    assert section.count('class="verdict pass"') == sum(x.passed is True for x in result.expects)
    assert section.count('class="verdict fail"') == sum(x.passed is False for x in result.expects)
    assert section.count('<tr class="fail">') == sum(x.passed is False for x in result.expects)
    for text in ("95% interval", "Range over runs", "conversion New -&gt; Working 50%..100%"):
        assert text in section
    assert ".verdict.pass { background: var(--pass); }" in pilot_page


def test_text_from_the_files_is_escaped(pilot_page):
    """Names with < and & are shown as text, never as markup."""
    assert "<one>" not in pilot_page and "<desk>" not in pilot_page
    assert "&lt;one&gt;" in pilot_page


def test_charts_per_status_with_the_range_and_the_warm_up(pilot, pilot_page):
    """Each status with leads has a work-in-progress chart (mean line, min–max band, warm-up
    shaded); the time-in-status chart has a row per status with visits; each team a bar."""
    runs = pilot[1]
    section = pilot_page[pilot_page.index('id="wip"'):pilot_page.index('id="time-in"')]
    busy = [s for s in ("New", "Working", "Won", "Lost") if any(any(r.series[s]) for r in runs)]
    assert section.count("<polyline") == section.count("<polygon") == len(busy) == 4
    assert section.count('fill="#eceff3"') == 4  # the warm-up
    assert "No lead was ever in: Idle." in section
    times = pilot_page[pilot_page.index('id="time-in"'):pilot_page.index('id="teams"')]
    assert times.count("<g><title>") == 2 and "median · p90" in times
    teams = pilot_page[pilot_page.index('id="teams"'):pilot_page.index('id="statuses"')]
    assert "% busy · wait" in teams
    assert 'stroke-dasharray="4 3"' in teams  # the saturation line


def test_the_tables_list_statuses_teams_moves_and_assumptions(pilot_page):
    """The full tables are there: every status, the team, the moves, and the assumption."""
    tables = pilot_page[pilot_page.index('id="teams"'):]
    for name in ("New", "Working", "Idle", "Won", "Lost", "SDR", "New -&gt; Working",
                 "Working -&gt; Won", "No move was blocked", "score"):
        assert name in tables


# -- the diagram -------------------------------------------------------------------------------
def test_load_is_drawn_into_the_dot(pilot):
    """Statuses are filled by mean WIP (the busiest darkest), arrows carry moves a run on the
    arrow the scenario drives, and lines it cannot read pass through unchanged."""
    result, runs = pilot
    data = _Data(result, runs)
    original = render_dot(result.scenario.scheme)
    loaded = load_dot(original, data)
    busiest = max(("New", "Working", "Idle"), key=data.wip)
    index = [s.name for s in data.statuses].index(busiest)
    node = next(line for line in loaded.splitlines() if line.lstrip().startswith(f'"s{index}"'))
    assert f'fillcolor="{_heat(1.0)}"' in node and "WIP " in node
    assert _heat(1.0) == "#" + "".join(f"{c:02x}" for c in HEAT[-1][1])
    arrows = [line for line in loaded.splitlines() if '"s0" -> "s1"' in line]
    assert len(arrows) == 2  # the condition and the event New → Working
    condition, event = sorted(arrows, key=lambda line: "on contacted" in line)
    assert "a run" in event and "penwidth" in event
    assert "a run" not in condition  # that rule never fires: the field is not modelled
    idle = next(line for line in loaded.splitlines() if '"s1" -> "s2"' in line)
    assert 'color="#b8c0c9"' in idle  # no lead went idle: greyed
    untouched = [line for line in original.splitlines() if "style=invis" in line]
    assert all(line in loaded.splitlines() for line in untouched)
    assert load_dot('  "s0" [label=<unbalanced]\n', data) == '  "s0" [label=<unbalanced]\n'
    if find_dot() is not None:
        assert to_image(loaded, "svg").startswith(b"<?xml")


@needs_dot
def test_the_diagram_is_inline_svg(pilot_page):
    """With dot installed the diagram is inline SVG with the load colours and a legend."""
    section = pilot_page[pilot_page.index('id="diagram"'):pilot_page.index('id="wip"')]
    assert '<div class="diagram">' in section and "<svg" in section
    assert "<?xml" not in section and "<!DOCTYPE" not in section.upper()
    assert _heat(1.0) in section and "a run" in section
    assert "Fill: mean work in progress" in section


def test_without_dot_the_page_says_so_and_shows_the_rest(pilot, monkeypatch):
    """When Graphviz is missing, a note takes the diagram's place and nothing else is lost."""
    monkeypatch.setattr("leadrules.render.find_dot", lambda: None)
    page = render_html(*pilot)
    assert '<p class="missing" role="note">' in page and "Graphviz" in page
    assert '<div class="diagram">' not in page
    for anchor in SECTIONS:
        assert f'<section id="{anchor}"' in page


# -- the command -------------------------------------------------------------------------------
def test_simulate_writes_the_report(pilot_path, tmp_path, capsys):
    """`--report FILE` writes the page and says so; the text report is printed as before."""
    out = tmp_path / "report.html"
    code, printed = cli(["simulate", str(pilot_path), "--report", str(out)], capsys)
    assert code == Exit.CLEAN
    assert "Bottlenecks, most pressing first" in printed
    assert printed.rstrip().endswith(f"wrote {out}")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.fixture(scope="module")
def baseline_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline") / "baseline.html"
    with pytest.raises(SystemExit) as info:
        main(["simulate", str(EXAMPLES / "baseline.scenario"), "--runs", "2", "--report",
              str(out)])
    assert info.value.code == Exit.CLEAN
    return out


@needs_dot
def test_the_baseline_report_shows_its_blocked_move_in_red(baseline_page):
    """The baseline's blocked move (Recycled → Attempting) is a red arrow saying so, and its
    bottlenecks lead the page."""
    page = baseline_page.read_text(encoding="utf-8")
    diagram = page[page.index('id="diagram"'):page.index('id="wip"')]
    assert re.search(r">blocked [\d,.]+ a run<", diagram)
    assert page.index('<ol class="bottlenecks">') < page.index('id="expectations"')
    assert "Recycled -&gt; Attempting was blocked" in page


# -- in a browser ------------------------------------------------------------------------------
def test_the_pilot_report_opens_without_console_errors(chromium, pilot_page, tmp_path):
    """The small scenario's report renders in Chromium with no console message or error."""
    page = tmp_path / "pilot.html"
    page.write_text(pilot_page, encoding="utf-8")
    png = tmp_path / "pilot.png"
    assert screenshot(chromium, page, png, "1280,2400", tmp_path / "profile") == []
    assert png_size(png) == (1280, 2400)
    assert png.stat().st_size > 40_000  # a blank page compresses to about 10 KB


def test_the_baseline_report_opens_without_console_errors(chromium, baseline_page, tmp_path):
    """The baseline scenario's report (2 runs) renders in Chromium cleanly, on a desktop and
    on a phone."""
    png = tmp_path / "baseline.png"
    assert screenshot(chromium, baseline_page, png, "1280,2900", tmp_path / "profile") == []
    assert png_size(png) == (1280, 2900)
    assert png.stat().st_size > 100_000
    phone = tmp_path / "phone.png"
    assert screenshot(chromium, baseline_page, phone, "390,1600", tmp_path / "profile") == []
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        target = ROOT / "docs" / "images" / "simulation.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
