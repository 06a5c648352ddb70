"""Every diagnostic code the language core can report, with a readable name.

Lint rules (a later stage) have codes of their own; these are the errors that make a file
unusable: it cannot be read, parsed, or its names and values do not resolve.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    "E001": ("unreadable-file", "the file cannot be read (missing, a folder, no permission)"),
    "E002": ("not-utf8", "the file is not UTF-8 text"),
    "E003": ("wrong-kind-of-file", "a scenario file named where a scheme (.leads) is needed, "
             "or a scheme where a scenario is needed"),
    "E004": ("dot-missing", "drawing SVG, PNG or PDF needs Graphviz's `dot` program, which is "
             "not installed"),
    "E100": ("syntax-error", "the text does not follow the language"),
    "E101": ("unterminated-text", "a quoted text has no closing quote"),
    "E102": ("too-deeply-nested", "parentheses or `not` nested too deeply"),
    "E200": ("unknown-name", "a status, stage, field, team, role, event or calendar that is "
             "not declared"),
    "E201": ("duplicate-name", "two declarations with the same name"),
    "E202": ("repeated-line", "a line that may appear once is written twice"),
    "E203": ("reserved-name", "a name the language keeps for itself (`any`, `owner`)"),
    "E204": ("migrate-live-status", "a `migrate` line moves leads out of a status the scheme "
             "still has"),
    "E210": ("no-calendar", "business time is used but no calendar says what is open"),
    "E211": ("bad-timezone", "a calendar's time zone is missing, empty, or not an IANA name "
             "such as \"Europe/Warsaw\""),
    "E212": ("bad-hours", "a calendar without open hours, or hours that are not a valid "
             "HH:MM-HH:MM interval"),
    "E213": ("bad-date", "not a real calendar date"),
    "E214": ("bad-day", "not a day of the week"),
    "E220": ("type-mismatch", "a comparison or value that does not fit the field's type"),
    "E221": ("not-a-choice", "a value outside a choice field's list"),
    "E222": ("bad-value", "a number, percentage, range or duration out of bounds"),
    "E223": ("unknown-type", "not one of the field types"),
    "E224": ("bad-distribution", "an unknown distribution, or one with the wrong parameters or "
             "units"),
    "E300": ("scenario-scheme", "the scenario's scheme is missing or cannot be loaded"),
    "E301": ("move-not-allowed", "a scenario makes a move the scheme does not allow"),
    "E302": ("bad-weights", "percentages that add up to more than 100%"),
    "E303": ("missing-setting", "a scenario setting the simulator needs is missing"),
}


def code_name(code: str) -> str:
    return CODES[code][0]

# Configuration files (.leadrules.toml, [tool.leadrules] in pyproject.toml)
CODES.update({
    "E400": ("config-syntax", "the configuration file is not valid TOML"),
    "E401": ("unknown-setting", "a setting, option or word list the configuration does not have"),
    "E402": ("unknown-rule", "a rule name or code that no rule has"),
    "E403": ("bad-setting-value", "a setting or option with a value of the wrong kind"),
})

# Simulation
CODES.update({
    "E304": ("not-simulatable", "the scheme cannot be simulated as written (no single initial "
             "status)"),
    "E305": ("instant-loop-at-run-time", "a simulated lead moved in a loop with no delay"),
})
