"""Data: what must be filled in, and whether automation respects it."""

from leadrules.lint.rules.data import (
    automation_bypasses_requirements,
    lost_without_reason,
    manual_entry_without_requirements,
    unused_field,
    won_without_deal_data,
)

RULES = (lost_without_reason, manual_entry_without_requirements, won_without_deal_data,
         unused_field, automation_bypasses_requirements)
