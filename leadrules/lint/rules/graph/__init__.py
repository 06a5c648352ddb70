"""Graph shape: can leads start, move, and finish?"""

from leadrules.lint.rules.graph import single_initial, unreachable_status

RULES = (single_initial, unreachable_status)
