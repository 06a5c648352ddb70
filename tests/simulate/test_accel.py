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


def test_a_build_that_cannot_be_installed_says_so(tmp_path):
    """A site-packages the build cannot write to (read-only, or not a folder) gives a message
    and the pure engine, never a traceback that would stop `make test`."""
    built = tmp_path / f"{accel.NAME}.cpython-x.so"
    built.write_bytes(b"")
    not_a_folder = tmp_path / "site-packages"
    not_a_folder.write_text("a file", encoding="utf-8")
    problem = accel.install(built, not_a_folder)
    assert problem is not None
    assert "cannot write the compiled engine" in problem and "pure Python" in problem
    folder = tmp_path / "lib"
    folder.mkdir()
    assert accel.install(built, folder) is None
    assert (folder / built.name).exists()


def test_a_build_that_fails_to_load_falls_back_with_the_reason(fresh_pick):
    """A compiled module that raises as it loads is not used, and describe() says why."""
    fresh_pick.delenv("LEADRULES_ENGINE", raising=False)

    def broken(name, *args, **kwargs):
        raise RuntimeError("bad build")
    fresh_pick.setattr(accel.importlib, "import_module", broken)
    assert accel.engine() is pure
    assert "does not load: RuntimeError: bad build" in accel.describe()


@pytest.mark.parametrize("which", ["pure", "compiled"])
def test_a_clock_that_does_not_advance_stops_the_run_with_a_message(fresh_pick, which):
    """Too many events at one instant stop the run with SimulationError (E305 to the user) in
    both event loops: heapq's by time (pure) and the native heap (compiled). The guard is
    lowered so that a few dozen arrivals at the same second trip it."""
    module = pure if which == "pure" else accel.engine()
    if which == "compiled" and module is pure:
        pytest.skip(f"no current compiled engine: {accel.describe()}")
    fresh_pick.setattr(module, "MAX_EVENTS_AT_ONCE", 50)
    model = build(Loader().load(EXAMPLES / "baseline.scenario"))
    with pytest.raises(module.SimulationError, match="the clock does not advance"):
        module.Run(model, 7, 0, arrivals=[model.start + 3600.0] * 60).run()
    assert len(module.Run(model, 7, 0, arrivals=[model.start + 3600.0] * 20).run().all_leads) == 20
