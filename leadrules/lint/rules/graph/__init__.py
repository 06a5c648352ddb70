"""Graph shape: can leads start, move, and finish?"""

from leadrules.lint.rules.graph import (
    ambiguous_automation,
    dead_end,
    duplicate_transition,
    instant_loop,
    locked_exit,
    missing_outcome,
    short_status,
    single_initial,
    trap,
    unreachable_status,
)

RULES = (single_initial, unreachable_status, dead_end, trap, locked_exit, missing_outcome,
         instant_loop, ambiguous_automation, duplicate_transition, short_status)
