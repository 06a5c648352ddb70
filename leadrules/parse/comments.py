"""Where a line's `#` comment starts, knowing that a `#` inside quoted text is not one.

Used by error recovery (to count braces and parentheses in code only) and by lint
suppressions (to find `# leadrules: ignore[…]` comments).
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?')


def split_comment(line: str) -> tuple[str, int | None]:
    """The code part of a line and the index where its comment starts (None: no comment)."""
    quoted = escape = False
    for i, ch in enumerate(line):
        if quoted:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == "#":
            return line[:i], i
    return line, None


def code_only(line: str) -> str:
    """A line without its comment and without quoted texts (an unclosed one runs to the end)."""
    return _QUOTED.sub("", split_comment(line)[0])
