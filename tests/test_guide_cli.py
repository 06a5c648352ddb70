"""`leadrules guide`: Markdown or HTML by file name or --format, a locale, and bad input
reported with file, line and caret (exit code 2)."""

from __future__ import annotations

import pytest

from leadrules import Loader
from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from leadrules.guide import guide_html, guide_markdown
from tests.conftest import EXAMPLES, ROOT

UNIVERSAL = str(EXAMPLES / "universal.leads")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_markdown_goes_to_the_screen_by_default(capsys):
    """Without -o the Markdown guide is printed, exactly as the library writes it."""
    code, out, _ = run(["guide", UNIVERSAL], capsys)
    assert code == Exit.CLEAN
    assert out == guide_markdown(Loader().scheme(UNIVERSAL))


@pytest.mark.parametrize("name, start", [("guide.md", "# Status guide"),
                                         ("guide.html", "<!DOCTYPE html>"),
                                         ("GUIDE.HTM", "<!DOCTYPE html>")])
def test_the_output_file_name_picks_the_format(capsys, tmp_path, name, start):
    """`-o guide.md` writes Markdown and `-o guide.html` HTML; a line on stderr says so."""
    target = tmp_path / name
    code, out, err = run(["guide", UNIVERSAL, "-o", str(target)], capsys)
    assert code == Exit.CLEAN and out == ""
    assert target.read_text(encoding="utf-8").startswith(start)
    assert f"wrote the status guide to {target} (10 statuses)" in err


def test_format_and_locale_options(capsys, tmp_path):
    """`--format html --locale ru` writes the Russian HTML guide, whatever the file is named."""
    target = tmp_path / "guide.txt"
    code, _, _ = run(["guide", UNIVERSAL, "-o", str(target), "-f", "html", "--locale", "RU"],
                     capsys)
    assert code == Exit.CLEAN
    assert target.read_text(encoding="utf-8") == guide_html(Loader().scheme(UNIVERSAL), "ru")


def test_a_scheme_with_mistakes_is_reported_with_locations(capsys, tmp_path):
    """Bad input prints each problem with file:line:col, the line and a caret; exit code 2,
    and no guide is written."""
    target = tmp_path / "guide.md"
    code, out, err = run(["guide", str(ROOT / "docs" / "tour" / "mistakes.leads"), "-o",
                          str(target)], capsys)
    assert code == Exit.BAD_INPUT and out == ""
    assert "mistakes.leads:19:26: E200 unknown status 'Nurtur'" in err
    assert "^^^^^^" in err and "did you mean 'Nurture'?" in err
    assert "no guide written: 3 problems" in err
    assert not target.exists()


@pytest.mark.parametrize("args, message", [
    (["examples/baseline.scenario"], "E003 this file is a scenario"),
    (["no_such.leads"], "E001 no such file"),
    ([UNIVERSAL, "-o", "guide.pdf"], "cannot tell the guide's format from 'guide.pdf'"),
    ([UNIVERSAL, "--locale", "russian language"], "is not a language code"),
])
def test_other_bad_input_exits_2(capsys, monkeypatch, args, message):
    """A scenario, a missing file, an unknown output format or a bad locale: exit code 2."""
    monkeypatch.chdir(ROOT)
    code, _, err = run(["guide", *args], capsys)
    assert code == Exit.BAD_INPUT
    assert message in err


def test_an_unwritable_output_is_reported(capsys, tmp_path):
    """A folder that does not exist is a clear message, not a traceback."""
    code, _, err = run(["guide", UNIVERSAL, "-o", str(tmp_path / "nope" / "g.md")], capsys)
    assert code == Exit.BAD_INPUT and "cannot write" in err


def test_without_dot_the_html_guide_is_still_written(capsys, tmp_path, monkeypatch):
    """Without Graphviz the HTML guide is written anyway, and the command says how to get the
    diagram."""
    import leadrules.cli.guide_cmd as guide_cmd
    import leadrules.guide.diagram as diagram

    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    monkeypatch.setattr(guide_cmd.shutil, "which", lambda name: None)
    target = tmp_path / "guide.html"
    code, _, err = run(["guide", UNIVERSAL, "-o", str(target)], capsys)
    assert code == Exit.CLEAN
    assert "dot program was not found" in target.read_text(encoding="utf-8")
    assert "the guide has no diagram" in err and "apt-get install graphviz" in err
