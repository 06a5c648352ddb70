"""Time and SLAs: timers that fire, and fire in time."""

from leadrules.lint.rules.time import expect_contradicts_timers, no_timer, unreachable_timer

RULES = (unreachable_timer, expect_contradicts_timers, no_timer)
