"""`leadrules render`: formats from the extension or --format, lint marks, focus, locale, and
the usual located messages (exit 2) for bad input, an unknown status or a missing `dot`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from tests.conftest import EXAMPLES, ROOT

UNIVERSAL = str(EXAMPLES / "universal.leads")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"),
                                               (".pdf", b"%PDF")])
def test_images_take_their_format_from_the_extension(tmp_path: Path, capsys, suffix: str,
                                                      magic: bytes):
    """-o out.svg|png|pdf writes that image and says where."""
    out = tmp_path / f"out{suffix}"
    code, stdout, _ = run(["render", UNIVERSAL, "-o", str(out)], capsys)
    assert code == Exit.CLEAN and out.read_bytes().startswith(magic)
    assert stdout.strip() == f"wrote {out}"


@pytest.mark.parametrize(("suffix", "start"), [(".dot", "digraph leadrules {"),
                                               (".mmd", "---\ntitle:")])
def test_text_formats_take_their_format_from_the_extension(tmp_path: Path, capsys,
                                                           suffix: str, start: str):
    """-o out.dot writes DOT, -o out.mmd writes Mermaid."""
    out = tmp_path / f"out{suffix}"
    code, _, _ = run(["render", UNIVERSAL, "-o", str(out)], capsys)
    assert code == Exit.CLEAN and out.read_text(encoding="utf-8").startswith(start)


def test_format_option_wins_over_the_extension(tmp_path: Path, capsys):
    """--format mmd writes Mermaid even into a file named .txt."""
    out = tmp_path / "diagram.txt"
    code, _, _ = run(["render", UNIVERSAL, "-o", str(out), "--format", "mmd"], capsys)
    assert code == Exit.CLEAN and "stateDiagram-v2" in out.read_text(encoding="utf-8")


def test_without_output_dot_goes_to_the_screen(capsys):
    """With no -o, the DOT text is printed, and nothing else."""
    code, out, _ = run(["render", UNIVERSAL], capsys)
    assert code == Exit.CLEAN and out.startswith("digraph leadrules {") and "wrote" not in out


def test_an_unknown_extension_is_a_usage_error(tmp_path: Path, capsys):
    """-o out.jpg without --format exits 2 naming the formats."""
    code, _, err = run(["render", UNIVERSAL, "-o", str(tmp_path / "out.jpg")], capsys)
    assert code == Exit.BAD_INPUT and ".svg, .png, .pdf, .dot or .mmd" in err


def test_binary_formats_need_a_file(capsys):
    """PNG is not printed to the screen."""
    code, _, err = run(["render", UNIVERSAL, "--format", "png"], capsys)
    assert code == Exit.BAD_INPUT and "-o" in err


def test_bad_input_is_reported_with_locations(tmp_path: Path, capsys):
    """A scheme with mistakes prints located messages, draws nothing and exits 2."""
    out = tmp_path / "out.dot"
    code, stdout, _ = run(["render", str(ROOT / "docs" / "tour" / "mistakes.leads"), "-o",
                           str(out)], capsys)
    assert code == Exit.BAD_INPUT and not out.exists()
    assert "mistakes.leads:19:26: E200 unknown status 'Nurtur'" in stdout
    assert "^^^^^^" in stdout and stdout.rstrip().endswith("nothing drawn: 3 problems")


def test_a_scenario_is_not_a_scheme(capsys):
    """Drawing a scenario file is E003."""
    code, stdout, _ = run(["render", str(EXAMPLES / "baseline.scenario")], capsys)
    assert code == Exit.BAD_INPUT and "E003" in stdout


def test_an_unknown_focus_suggests_a_status(capsys):
    """--focus Nurtur exits 2 with did-you-mean, without quoting line 1 of the file."""
    code, stdout, _ = run(["render", UNIVERSAL, "--focus", "Nurtur"], capsys)
    assert code == Exit.BAD_INPUT
    assert "E200 there is no status 'Nurtur' to focus on" in stdout
    assert "did you mean 'Nurture'?" in stdout and " 1 | " not in stdout


def test_focus_draws_the_neighbourhood(capsys):
    """--focus Qualified draws Qualified, Connected, Working, Converted and Unqualified."""
    code, out, _ = run(["render", UNIVERSAL, "--focus", "Qualified"], capsys)
    assert code == Exit.CLEAN
    for label in ("<b>Qualified</b>", "<b>Connected</b>", "<b>Working</b>",
                  "<b>Converted</b>", "<b>Unqualified / Lost</b>"):
        assert label in out
    assert "<b>Recycled</b>" not in out and "<b>New / Not contacted</b>" not in out


def test_lint_marks_findings_with_rule_codes(tmp_path: Path, capsys):
    """--lint colours statuses and moves with findings and writes their codes."""
    out = tmp_path / "out.dot"
    code, stdout, _ = run(["render", UNIVERSAL, "--lint", "--today", "2026-11-26", "-o",
                           str(out)], capsys)
    text = out.read_text(encoding="utf-8")
    assert code == Exit.CLEAN and "lint findings marked" in stdout
    assert "⚠ LR403 no-timer" in text and "⚠ LR305" in text


def test_locale_picks_translated_labels(tmp_path: Path, capsys):
    """--locale ru uses the scheme's Russian labels."""
    scheme = tmp_path / "t.leads"
    scheme.write_text('status New "New lead" { initial\n label ru "Новый" }\n',
                      encoding="utf-8")
    code, out, _ = run(["render", str(scheme), "--locale", "ru", "--format", "mmd"], capsys)
    assert code == Exit.CLEAN and 'state "Новый" as s0' in out


def test_a_missing_dot_says_how_to_install_it(tmp_path: Path, capsys,
                                              monkeypatch: pytest.MonkeyPatch):
    """With no dot on PATH, SVG exits 2 with E004 and the install commands; DOT and Mermaid
    still work."""
    monkeypatch.setenv("PATH", str(tmp_path))
    code, stdout, _ = run(["render", UNIVERSAL, "-o", str(tmp_path / "out.svg")], capsys)
    assert code == Exit.BAD_INPUT and not (tmp_path / "out.svg").exists()
    assert "E004 drawing SVG needs Graphviz's `dot` program" in stdout
    for hint in ("apt-get install graphviz", "brew install graphviz",
                 "https://graphviz.org/download/"):
        assert hint in stdout
    for suffix in (".dot", ".mmd"):
        code, _, _ = run(["render", UNIVERSAL, "-o", str(tmp_path / f"out{suffix}")], capsys)
        assert code == Exit.CLEAN


def test_the_same_file_gives_the_same_bytes(tmp_path: Path, capsys):
    """Two runs write identical DOT and Mermaid files."""
    for suffix in (".dot", ".mmd"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        run(["render", UNIVERSAL, "-o", str(first)], capsys)
        run(["render", UNIVERSAL, "-o", str(second)], capsys)
        assert first.read_bytes() == second.read_bytes()
