"""Baselines: today's findings written down, so a pull request fails only on new ones.

A baseline holds fingerprints (rule, subject, message), not line numbers, so unrelated edits
that move lines do not revive old findings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from leadrules.errors import Diagnostic, LeadrulesError, Span

VERSION = 1


def read_baseline(path: str | os.PathLike[str]) -> frozenset[str]:
    name = os.fspath(path)
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        if data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise ValueError("not a leadrules baseline (version 1)")
        return frozenset(str(f) for f in data["findings"])
    except (OSError, ValueError, AttributeError) as exc:
        raise LeadrulesError([Diagnostic("E001", f"cannot use the baseline: {exc}",
                                         Span.whole_file(name))]) from None


def write_baseline(path: str | os.PathLike[str], fingerprints: Iterable[str]) -> int:
    """Write the fingerprints (sorted, so the file diffs well); returns how many."""
    items = sorted(set(fingerprints))
    text = json.dumps({"version": VERSION, "findings": items}, ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")
    return len(items)
