"""Shared fixtures: paths and the loaded reference examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadrules import Loader
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
# The real data the history tests read (present in CI; skipped with the reason elsewhere).
BPIC = SHARED / "data" / "bpic2012_full_and_helpdesk" / "BPI_Challenge_2012_A.xes.gz"
OLIST = SHARED / "data" / "olist_marketing_funnel"
NEEDS_BPIC = pytest.mark.skipif(not BPIC.exists(), reason=f"the BPIC 2012 log is not at {BPIC} "
                                "(../shared/data is not beside this checkout)")
NEEDS_OLIST = pytest.mark.skipif(not OLIST.exists(), reason=f"the Olist tables are not at "
                                 f"{OLIST} (../shared/data is not beside this checkout)")


@pytest.fixture(scope="session")
def universal() -> Scheme:
    return Loader().scheme(EXAMPLES / "universal.leads")


@pytest.fixture(scope="session")
def baseline() -> Scenario:
    result = Loader().load(EXAMPLES / "baseline.scenario")
    assert isinstance(result, Scenario)
    return result


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the CLI's defaults, even on GitHub Actions (which would pick github output)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless Chromium, installed when missing (root only); else the test skips."""
    from tests.test_guide_browser import find_chromium, install_chromium

    found = find_chromium()
    if found is None:
        reason = install_chromium()
        found = find_chromium()
        if found is None:
            why = reason or "apt-get ran, but no chromium program appeared"
            pytest.skip(f"Chromium is not installed and cannot be installed here ({why}); "
                        "install it with scripts/system-deps or `sudo apt-get install chromium`")
    return found
