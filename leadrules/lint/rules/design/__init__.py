"""Design: statuses people can tell apart and pick without a guide."""

from leadrules.lint.rules.design import (
    action_status,
    missing_definition,
    mixed_naming_style,
    no_next_step,
    order_contradicts_process,
    overlapping_statuses,
    parking_without_review,
    rating_status,
    recycle_same_owner,
    status_budget,
)

RULES = (
    status_budget,
    overlapping_statuses,
    action_status,
    rating_status,
    mixed_naming_style,
    order_contradicts_process,
    missing_definition,
    no_next_step,
    parking_without_review,
    recycle_same_owner,
)
