"""The HTML guide: one self-contained page (no network), anchors that resolve, the diagram
inline or a note saying how to get it, and the same bytes every time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from leadrules import Loader, load_text
from leadrules.guide import guide_html, guide_markdown
from leadrules.model.scheme import Scheme
from tests.conftest import EXAMPLES, ROOT

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Page(HTMLParser):
    """Collects tags, attributes, ids and text, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def page_html(universal) -> str:
    return guide_html(universal)


def test_the_page_is_self_contained(page_html):
    """Nothing is fetched from the network: no scripts, stylesheets, fonts, frames or images
    from elsewhere, and no http(s) address in any src or href."""
    page = parse(page_html)
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "img", "object", "embed", "base"), tag
        for name in ("src", "href", "xlink:href", "srcset", "action", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    style = page_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


def test_the_page_is_well_formed_and_its_links_resolve(page_html):
    """Every element is closed in order, and every in-page link points at an existing id."""
    page = parse(page_html)
    assert page.errors == [] and page.stack == []
    targets = {str(a["href"])[1:] for t, a in page.tags if t == "a" and a.get("href")}
    assert targets and targets <= page.ids


def test_the_page_has_a_picker_on_top_contents_and_an_anchor_per_status(page_html, universal):
    """The quick picker is the first section, a table of contents follows, and each status
    has its own anchor."""
    page = parse(page_html)
    sections = [a.get("id") for t, a in page.tags if t in ("section", "nav")]
    assert sections[:2] == ["quick-picker", None]  # the picker, then the contents (nav)
    assert page_html.index('id="quick-picker"') < page_html.index('class="toc"')
    for anchor in ("status-new", "status-attempting", "status-converted", "status-unqualified"):
        assert anchor in page.ids
    assert len([t for t, a in page.tags if t == "article"]) == len(universal.statuses)


def test_the_page_is_readable_on_a_phone_and_on_paper(page_html):
    """A viewport for phones, a card layout for the picker on small screens, print styles,
    and dark text on a light background."""
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page_html
    assert "@media (max-width: 640px)" in page_html and "@media print" in page_html
    assert "color-scheme: light" in page_html and "background: #fff" in page_html
    assert "prefers-color-scheme" not in page_html


def test_scheme_text_is_shown_not_run():
    """Markup and web addresses written in the scheme appear as text: escaped, never a link."""
    scheme = load_text('''
status New "<b>New</b>" {
  initial
  means "See https://example.com/guide?a=1&b=2 <script>alert(1)</script>"
}
''', "t.leads")
    assert isinstance(scheme, Scheme)
    html = guide_html(scheme)
    assert "<script>" not in html and "<b>New</b>" not in html
    assert "&lt;b&gt;New&lt;/b&gt;" in html
    assert "https://example.com/guide?a=1&amp;b=2" in html
    assert 'href="https://' not in html
    text = guide_markdown(scheme)
    assert "\\<b\\>New\\</b\\>" in text


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz's dot is not "
                    "installed (scripts/system-deps installs it)")
def test_the_diagram_is_inline_svg(page_html):
    """With Graphviz installed, the diagram is an inline SVG: no XML prolog, no doctype."""
    body = page_html.split('<section id="diagram"', 1)[1].split("</section>", 1)[0]
    assert "<svg role=\"img\" aria-label=\"Diagram\"" in body
    assert "<?xml" not in page_html and "<!DOCTYPE svg" not in page_html


def test_without_dot_the_page_says_where_the_diagram_would_be(universal, monkeypatch):
    """When Graphviz's dot is missing, the page still works and says how to install it."""
    import leadrules.guide.diagram as diagram

    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    html = guide_html(universal)
    assert "<svg" not in html
    assert "The diagram of the statuses would appear here" in html
    assert "sudo apt-get install graphviz" in html and "brew install graphviz" in html
    assert "нашлась программа dot из Graphviz" in guide_html(universal, "ru")
    assert parse(html).errors == []


def test_without_the_renderer_the_page_still_works(universal, monkeypatch):
    """If this copy of leadrules cannot draw, the page says so instead of failing."""
    monkeypatch.setitem(sys.modules, "leadrules.render", None)
    html = guide_html(universal)
    assert "this copy of leadrules cannot draw diagrams" in html and "<svg" not in html


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.leads")), ids=lambda p: p.stem)
def test_the_same_scheme_gives_the_same_bytes(path):
    """Two runs — the scheme loaded afresh each time — give identical guides."""
    first, second = Loader().scheme(path), Loader().scheme(path)
    assert guide_html(first) == guide_html(second)
    assert guide_markdown(first, "ru") == guide_markdown(second, "ru")


def test_the_same_bytes_in_separate_processes(tmp_path):
    """The command writes byte-identical guides whatever Python's hash seed is."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"guide{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "leadrules", "guide",
                        str(EXAMPLES / "qualification_pipeline.leads"), "-o", str(out),
                        "--locale", "pl"], check=True, env=env, cwd=ROOT,
                       capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
