"""Design: statuses people can tell apart and pick without a guide."""

from leadrules.lint.rules.design import status_budget

RULES = (status_budget,)
