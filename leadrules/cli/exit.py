"""Exit codes, named in one place."""

import enum


class Exit(enum.IntEnum):
    CLEAN = 0  # nothing to report
    FINDINGS = 1  # lint findings at or above --fail-on
    BAD_INPUT = 2  # usage error, or input that cannot be read, parsed or resolved
    INTERNAL = 3  # a bug in leadrules ("please report")
