"""Resolution: names, types, calendars and scenario moves checked against declarations."""

from leadrules.resolve.scenario import allowed_moves, resolve_scenario
from leadrules.resolve.scheme import calendar_engine, resolve_scheme

__all__ = ["allowed_moves", "calendar_engine", "resolve_scenario", "resolve_scheme"]
