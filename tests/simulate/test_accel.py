"""The compiled engine is engine.py compiled: the same figures to the last bit, and never a
stale build."""

from __future__ import annotations

import sys
import types

import pytest

from leadrules import Loader
from leadrules.simulate import accel
from leadrules.simulate import engine as pure
from leadrules.simulate.metrics import run_metrics
from leadrules.simulate.run import build
from tests.conftest import EXAMPLES


@pytest.fixture
def fresh_pick(monkeypatch):
    accel._pick.cache_clear()
    yield monkeypatch
    accel._pick.cache_clear()


def test_the_compiled_engine_gives_exactly_the_pure_engines_figures(fresh_pick):
    """The baseline scenario (business calendar, SLAs, timers, approvals, data rules) gives the
    same figures from both engines, run for run."""
    compiled = accel.engine()
    if compiled is pure:
        pytest.skip(f"no current compiled engine: {accel.describe()}")
    model = build(Loader().load(EXAMPLES / "baseline.scenario"))
    for run in range(2):
        a = run_metrics(pure.Run(model, 7, run).run())
        b = run_metrics(compiled.Run(model, 7, run).run())
        assert a == b


def test_a_stale_build_is_not_used(fresh_pick):
    """A compiled module stamped with another engine.py is ignored, and the reason is given."""
    fresh_pick.delenv("LEADRULES_ENGINE", raising=False)
    fresh_pick.setitem(sys.modules, accel.NAME, types.SimpleNamespace(SOURCE_DIGEST="old"))
    assert accel.engine() is pure
    assert "out of date" in accel.describe()


def test_the_pure_engine_can_be_forced(fresh_pick):
    """LEADRULES_ENGINE=python runs engine.py as Python whatever is built."""
    fresh_pick.setenv("LEADRULES_ENGINE", "python")
    assert accel.engine() is pure
    assert accel.describe() == "pure Python (LEADRULES_ENGINE=python)"
