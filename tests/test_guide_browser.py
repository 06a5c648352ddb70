"""The HTML guide in a real browser: Debian's headless Chromium opens it without console
errors and takes a screenshot (a wide desktop window, and a phone-sized one for a Chinese
guide). Chromium is installed by scripts/system-deps; when it is missing, this test installs it
with apt-get (as root), and skips — saying why — only when that is impossible.

`LEADRULES_UPDATE_GOLDEN=1` also refreshes docs/images/guide.png, the screenshot in the docs.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

from leadrules import Loader
from leadrules.guide import guide_html
from tests.conftest import EXAMPLES, ROOT

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
# Console messages (any: the page has no scripts), uncaught errors, and failed page loads.
PROBLEM_MARKERS = (":CONSOLE", "Uncaught", "Page load failed")


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def install_chromium() -> str:
    """Try `apt-get install chromium`; return why it cannot be done ("" on success)."""
    if os.environ.get("LEADRULES_NO_INSTALL"):
        return "LEADRULES_NO_INSTALL is set"
    if not shutil.which("apt-get"):
        return "there is no apt-get on this machine"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "installing it needs root (run scripts/system-deps)"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq", "chromium"]
    try:
        if subprocess.run(install, env=env, capture_output=True, timeout=1200).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True,
                           timeout=600)
            done = subprocess.run(install, env=env, capture_output=True, timeout=1200)
            if done.returncode:
                return "apt-get install chromium failed: " + \
                    done.stderr.decode("utf-8", "replace").strip()[-300:]
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"apt-get install chromium failed: {exc}"
    return ""


def screenshot(chromium: str, page: Path, png: Path, size: str, profile: Path) -> list[str]:
    """Open `page`, save a screenshot, and return the log lines that report a problem."""
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
         f"--window-size={size}", page.resolve().as_uri()],
        capture_output=True, timeout=180, check=False)
    log = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, log[-2000:]
    return [line for line in log.splitlines() if any(m in line for m in PROBLEM_MARKERS)]


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_guide_opens_without_console_errors(chromium, tmp_path):
    """The universal guide renders in Chromium with no console message and no error, and
    the screenshot shows a page (a blank one compresses to about 10 KB)."""
    page = tmp_path / "guide.html"
    page.write_text(guide_html(Loader().scheme(EXAMPLES / "universal.leads")),
                    encoding="utf-8")
    png = tmp_path / "guide.png"
    problems = screenshot(chromium, page, png, "1280,2000", tmp_path / "profile")
    assert problems == []
    assert png_size(png) == (1280, 2000)
    assert png.stat().st_size > 40_000
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        target = ROOT / "docs" / "images" / "guide.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)


def test_a_chinese_guide_on_a_phone(chromium, tmp_path):
    """A Chinese guide at phone width opens cleanly too."""
    page = tmp_path / "guide.zh.html"
    page.write_text(guide_html(Loader().scheme(EXAMPLES / "stage_vs_status.leads"), "zh"),
                    encoding="utf-8")
    png = tmp_path / "phone.png"
    assert screenshot(chromium, page, png, "390,1200", tmp_path / "profile") == []
    assert png_size(png) == (390, 1200)


def test_the_console_check_would_catch_an_error(chromium, tmp_path):
    """The log check is not vacuous: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html lang=\"en\"><title>x</title><p>x</p>"
                    "<script>undefinedFunction()</script></html>", encoding="utf-8")
    problems = screenshot(chromium, page, tmp_path / "broken.png", "400,300",
                          tmp_path / "profile")
    assert any("Uncaught ReferenceError" in line for line in problems)
