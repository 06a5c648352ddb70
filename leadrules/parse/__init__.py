"""Parsing: text → scheme and scenario models (names unresolved). See `parser`."""

from leadrules.parse.parser import parse_file, parse_text, read_source, sniff_kind

__all__ = ["parse_file", "parse_text", "read_source", "sniff_kind"]
