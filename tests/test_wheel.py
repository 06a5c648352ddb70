"""The built wheel works on its own: installed in a fresh environment, run from elsewhere.

This guards the packaging of the grammar (it lives in the top-level grammar/ folder and is
mapped into the package at build time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile

import pytest

from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    [built] = list(out.glob("leadrules-*.whl"))
    return built


def test_wheel_ships_the_grammar(wheel):
    """The .lark grammar is inside the package in the wheel."""
    names = zipfile.ZipFile(wheel).namelist()
    assert "leadrules/grammar/leadrules.lark" in names
    assert not any(n.startswith(("tests/", "grammar/")) for n in names)


def test_wheel_installs_and_checks_from_another_folder(wheel, tmp_path):
    """A fresh virtual environment with only the wheel checks an example from elsewhere."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    pip = subprocess.run([str(py), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", str(wheel)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "universal.leads", elsewhere)
    shutil.copy(EXAMPLES / "baseline.scenario", elsewhere)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run([str(env_dir / "bin" / "leadrules"), "check", "universal.leads",
                           "baseline.scenario"], cwd=elsewhere, capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "universal.leads: ok" in done.stdout and "baseline.scenario: ok" in done.stdout
