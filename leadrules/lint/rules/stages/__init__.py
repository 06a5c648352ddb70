"""Stages: lifecycle stages and statuses kept apart, and in step."""

RULES: tuple = ()
