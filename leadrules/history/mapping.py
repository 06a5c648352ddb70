"""CRM status labels → scheme statuses.

A label maps to a status by, in this order: a mapping file (`--map`), the status's name, its
label, its translated labels, its `aka` lines, and `migrate` lines (labels of statuses that a
later version removed). When none matches exactly, a label that matches one status ignoring
case and surrounding spaces maps to it too; anything else is an unknown status, reported with
a "did you mean" among the scheme's names, labels and akas.

The mapping file is a CSV with the header `crm_label,status` (UTF-8). An empty `status` means
"these rows are not status changes" (say, a note type the CRM logs beside the statuses): they
are rejected with that reason, counted, never silently dropped.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping

import attrs

from leadrules.model.scheme import Scheme
from leadrules.suggest import did_you_mean


class HistoryInputError(ValueError):
    """Input that cannot be read at all (a missing column, a bad mapping file, an unknown time
    zone): the CLI prints it as `where: message` and exits 2."""

    def __init__(self, where: str, message: str, help: str | None = None) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.help = help


@attrs.frozen
class Mapped:
    """What one raw label became: a status, or the reason it cannot be used."""

    status: str | None
    migrated: bool = False  # came through a `migrate` line
    reason: str = ""  # why it is not usable (status None)
    kind: str = ""  # the reason's family (see model.REJECTION_KINDS)


MappingSpec = str | os.PathLike[str] | Mapping[str, str | None] | None


class StatusMapper:
    """Maps raw labels, caching the answer per distinct label (a log repeats a few labels
    millions of times)."""

    def __init__(self, scheme: Scheme, mapping: MappingSpec = None) -> None:
        self.scheme = scheme
        self.table: dict[str, str | None] = {}
        names = {s.name for s in scheme.statuses}
        for s in scheme.statuses:
            labels = [s.name, s.display, *(t.text for t in s.translations if t.kind == "label"),
                      *s.aka]
            for label in labels:
                self.table.setdefault(label, s.name)
        self.migrations = dict(scheme.migration_map)
        self.explicit: dict[str, str | None] = {}
        if mapping is not None:
            self.explicit = (read_mapping_file(mapping, names) if isinstance(
                mapping, (str, os.PathLike)) else _check_mapping(dict(mapping), names, "mapping"))
        folded: dict[str, set[str]] = {}
        for label, status in [*self.table.items(), *self.migrations.items()]:
            if status is not None:
                folded.setdefault(label.strip().casefold(), set()).add(status)
        self._folded = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1}
        self._suggest = sorted({*self.table, *self.migrations, *self.explicit})
        self.cache: dict[str, Mapped] = {}

    def map(self, label: str) -> Mapped:
        """The status a raw label stands for (cached)."""
        found = self.cache.get(label)
        if found is None:
            found = self.cache[label] = self._map(label)
        return found

    def _map(self, label: str) -> Mapped:
        if label in self.explicit:
            target = self.explicit[label]
            if target is None:
                return Mapped(None, reason=f"'{label}' is mapped to nothing by the mapping file",
                              kind="ignored")
            return Mapped(target)
        if label in self.table:
            return Mapped(self.table[label])
        if label in self.migrations:
            return Mapped(self.migrations[label], migrated=True)
        if not label.strip():
            return Mapped(None, reason="missing status", kind="status")
        key = label.strip().casefold()
        if key in self._folded:
            status = self._folded[key]
            return Mapped(status, migrated=any(
                k.strip().casefold() == key for k in self.migrations))
        hint = did_you_mean(label, self._suggest)
        return Mapped(None, reason=f"unknown status '{label}'" + (f" ({hint})" if hint else ""),
                      kind="status")


def read_mapping_file(path: str | os.PathLike[str], statuses: set[str]) -> dict[str, str | None]:
    """The `crm_label,status` table of a mapping file; every status must be the scheme's."""
    where = os.fspath(path)
    try:
        with open(where, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as exc:
        raise HistoryInputError(where, f"cannot read the mapping file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise HistoryInputError(where, "the mapping file is not UTF-8 text") from None
    if not rows or [c.strip() for c in rows[0][:2]] != ["crm_label", "status"]:
        raise HistoryInputError(f"{where}:1", "a mapping file starts with the header "
                                "`crm_label,status`", help="one CRM label and its scheme "
                                "status per line; an empty status ignores the label")
    table: dict[str, str | None] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(c.strip() for c in row):
            continue
        label = row[0]
        status = row[1].strip() if len(row) > 1 else ""
        if label in table:
            raise HistoryInputError(f"{where}:{number}", f"'{label}' is mapped twice")
        table[label] = status or None
        if status and status not in statuses:
            hint = did_you_mean(status, statuses)
            raise HistoryInputError(f"{where}:{number}", f"unknown status '{status}'",
                                    help=hint or "name a status of the scheme")
    return table


def _check_mapping(table: dict[str, str | None], statuses: set[str],
                   where: str) -> dict[str, str | None]:
    for label, status in table.items():
        if status is not None and status not in statuses:
            hint = did_you_mean(status, statuses)
            raise HistoryInputError(where, f"'{label}' maps to unknown status '{status}'",
                                    help=hint or "name a status of the scheme")
    return table
