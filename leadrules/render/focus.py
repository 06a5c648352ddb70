"""`--focus STATUS`: which status is meant, and which of its neighbours are drawn.

A status is named by its name or, when that is unambiguous, by its label (in the default
language or the one asked for). An unknown name is an `E200` error with a did-you-mean.
"""

from __future__ import annotations

from leadrules.errors import Diagnostic, LeadrulesError, Span
from leadrules.model.scheme import Scheme
from leadrules.suggest import did_you_mean


class UnknownFocus(LeadrulesError):
    """The status asked for with `focus` is not in the scheme (E200, located at the start
    of the scheme's file: the name comes from the command line, not from a line of it)."""


def find_status(scheme: Scheme, wanted: str, locale: str | None = None) -> str:
    """The name of the status `wanted` means; raises `LeadrulesError` (E200) when none."""
    if wanted in scheme.status_map:
        return wanted
    for kind_locale in (locale, None):
        by_label = [s.name for s in scheme.statuses if s.text("label", kind_locale) == wanted]
        if len(by_label) == 1:
            return by_label[0]
    candidates = [s.name for s in scheme.statuses]
    candidates += [t for s in scheme.statuses
                   if (t := s.text("label", locale)) and t not in candidates]
    raise UnknownFocus([Diagnostic(
        "E200", f"there is no status '{wanted}' to focus on", Span.whole_file(scheme.path),
        expected="the name (or label) of a status the scheme declares",
        help=did_you_mean(wanted, candidates))])
