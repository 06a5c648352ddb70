"""Stages: lifecycle stages and statuses kept apart, and in step."""

from leadrules.lint.rules.stages import (
    backward_stage_move,
    empty_stage,
    stage_order_mismatch,
    status_named_like_stage,
    sync_stage_mismatch,
)

RULES: tuple = (
    stage_order_mismatch,
    sync_stage_mismatch,
    backward_stage_move,
    empty_stage,
    status_named_like_stage,
)
