"""docs/rules.md is generated from the rules and must be current."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT


def test_rules_doc_is_up_to_date():
    """The committed rule reference equals what scripts/gen_rules_doc.py writes today."""
    spec = importlib.util.spec_from_file_location("gen_rules_doc",
                                                  ROOT / "scripts" / "gen_rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == module.render(), "run .venv/bin/python scripts/gen_rules_doc.py"
