"""Time and SLAs: timers that fire, and fire in time."""

RULES: tuple = ()
