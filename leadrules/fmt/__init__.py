"""`leadrules fmt`: one canonical layout for schemes and scenarios (rules: docs/fmt.md).

The formatter reads the file with the parser's own lexer, so it never changes what a file
means (tests/fmt checks that the resolved models before and after are equal), and it keeps
every comment where it was. A file that does not parse is reported and left alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from leadrules.fmt.layout import statements
from leadrules.fmt.printer import Printer
from leadrules.fmt.tokens import tokenize
from leadrules.gcpause import gc_paused
from leadrules.parse.parser import Kind, sniff_kind

__all__ = ["format_text", "kind_of"]


def kind_of(path: str | os.PathLike[str], text: str) -> Kind:
    """A file's language: from its extension, else from its first word."""
    suffix = Path(os.fspath(path)).suffix
    if suffix == ".leads":
        return "scheme"
    if suffix == ".scenario":
        return "scenario"
    return sniff_kind(text.lstrip("\ufeff"))


def format_text(text: str, path: str = "<text>", kind: Kind | None = None) -> str:
    """The text in the canonical layout; raises LeadrulesError (as `check` does) when the
    text does not parse. Line endings become `\\n`; a byte-order mark is kept."""
    kind = kind or kind_of(path, text)
    with gc_paused():  # like parsing: many small objects, no garbage cycles
        tokens = tokenize(text, path, kind)
        printer = Printer()
        printer.block_items(statements(tokens.items), 0, None)
        return printer.text(tokens.tail, tokens.bom)
