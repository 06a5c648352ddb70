"""The text rendering of diagnostics: headline, source line, caret, expected and help."""

from __future__ import annotations

from leadrules.errors import Diagnostic, Span
from leadrules.report.text import render, width


def lines_of(text: str):
    rows = text.split("\n")
    return lambda _file, n: rows[n - 1] if 0 < n <= len(rows) else None


def test_layout_with_caret_expected_and_help():
    """The caret underlines exactly the span, under the right column."""
    src = "transition Stale -> Nurtur manual"
    d = Diagnostic("E200", "unknown status 'Nurtur'", Span.point("x.leads", 1, 21, 6),
                   help="did you mean 'Nurture'?", expected="a status")
    assert render(d, lines_of(src)) == (
        "x.leads:1:21: E200 unknown status 'Nurtur'\n"
        " 1 | transition Stale -> Nurtur manual\n"
        "   |                     ^^^^^^\n"
        "   = expected: a status\n"
        "   = help: did you mean 'Nurture'?")


def test_caret_under_wide_characters():
    """Chinese characters take two cells, so the caret moves and widens accordingly."""
    src = "status 合格 { stages 未知 }"
    d = Diagnostic("E200", "unknown stage '未知'", Span.point("x.leads", 1, 20, 2))
    out = render(d, lines_of(src)).split("\n")
    assert width(src[:19]) == 21
    assert out[2] == "   | " + " " * 21 + "^^^^"


def test_tabs_are_expanded_consistently():
    """A tab in the source line does not shift the caret."""
    src = "\tsla 2 busness hours"
    d = Diagnostic("E100", "unexpected 'busness'", Span.point("x.leads", 1, 8, 7))
    out = render(d, lines_of(src)).split("\n")
    assert out[1].index("busness") == out[2].index("^")


def test_gutter_grows_with_line_numbers():
    """Line 120 widens the gutter and the caret line follows."""
    rows = ["x"] * 119 + ["  initial wat"]
    d = Diagnostic("E100", "unexpected 'wat'", Span.point("x.leads", 120, 11, 3))
    out = render(d, lambda _f, n: rows[n - 1]).split("\n")
    assert out[1].startswith(" 120 | ") and out[2] == "     |           ^^^"


def test_colour_only_when_asked():
    """ANSI colours appear with color=True and never otherwise."""
    d = Diagnostic("E001", "no such file", Span.whole_file("x.leads"))
    assert "\x1b[" not in render(d, lambda *_: None)
    assert "\x1b[" in render(d, lambda *_: None, color=True)
