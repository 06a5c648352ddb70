"""SVG, PNG and PDF: DOT text drawn by Graphviz's `dot` program, run as a subprocess.

leadrules has no Python binding to Graphviz; it needs the program only for these three
formats. When `dot` is not on PATH, `to_image` raises `DotMissing` (code E004) saying how to
install it. PDFs carry no creation time (SOURCE_DATE_EPOCH), so the same text gives the same
bytes in every format.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from leadrules.errors import Diagnostic, LeadrulesError, Span

IMAGE_FORMATS = ("svg", "png", "pdf")
INSTALL = ("install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), "
           "`brew install graphviz` (macOS), or a package from "
           "https://graphviz.org/download/ (Windows and others); DOT (-o FILE.dot) and "
           "Mermaid (-o FILE.mmd) need no Graphviz")


class DotMissing(LeadrulesError):
    """Graphviz's `dot` program is not installed (E004)."""


def find_dot() -> str | None:
    """The path of the `dot` program on PATH, or None."""
    return shutil.which("dot")


def to_image(dot_text: str, fmt: str, *, source: str | None = None) -> bytes:
    """DOT text drawn as `fmt` ("svg", "png" or "pdf") by the `dot` program.

    Raises `DotMissing` when `dot` is not installed (its message is located at `source`, the
    file being drawn, when given), and `RuntimeError` when `dot` rejects the text (a bug:
    leadrules writes the DOT itself).
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"not an image format: {fmt!r} (one of {', '.join(IMAGE_FORMATS)})")
    program = find_dot()
    if program is None:
        raise DotMissing([Diagnostic(
            "E004", f"drawing {fmt.upper()} needs Graphviz's `dot` program, which is not "
            "installed (it is not on PATH)", Span.whole_file(source or "<diagram>"),
            help=INSTALL)])
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")  # no creation time in PDFs
    done = subprocess.run([program, f"-T{fmt}"], input=dot_text.encode("utf-8"),
                          capture_output=True, env=env, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"dot could not draw the diagram (exit {done.returncode}): "
                           f"{message}")
    if fmt == "pdf":  # some cairo builds ignore SOURCE_DATE_EPOCH: pin the dates ourselves
        return _PDF_DATE.sub(rb"/\1 (D:19700101000000Z)", done.stdout)
    return done.stdout


# same length as the original, so the PDF's cross-reference offsets stay right
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}Z\)")
