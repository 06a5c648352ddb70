"""The engine compiled with mypyc: optional, faster, and the same results to the last bit.

Python spends most of a simulation on interpreting the engine's own code (the profile is flat),
so `make` compiles engine.py to a C extension with mypyc, the compiler mypy and black ship
with, when a C compiler is there. The source stays the one pure-Python module: the build
compiles a copy of it as the top-level module `_leadrules_engine`, stamped with the digest of
the engine.py it came from, into the environment's site-packages.

`engine()` picks the compiled module when it was built from today's engine.py, and otherwise the
pure-Python engine, saying why (`describe()`); LEADRULES_ENGINE=python forces the pure one.
A stale build is never used, so editing engine.py cannot run old code.

    python -m leadrules.simulate.accel      # build (prints what it did; exit 0 either way)
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from types import ModuleType

from leadrules.simulate import engine as pure

NAME = "_leadrules_engine"
SOURCE = Path(pure.__file__)
REBUILD = f"{Path(sys.executable).name} -m leadrules.simulate.accel"


# The modules whose classes the compiled engine was built against: a change to any of them
# makes the build stale too (a field's type changed there would fail at run time otherwise).
BUILT_AGAINST = ("compile.py", "conditions.py", "dists.py", "records.py", "residual.py")


def digest() -> str:
    h = hashlib.sha256(SOURCE.read_bytes())
    for name in BUILT_AGAINST:
        h.update((SOURCE.parent / name).read_bytes())
    return h.hexdigest()[:20]


@functools.cache
def _pick() -> tuple[ModuleType, str]:
    if os.environ.get("LEADRULES_ENGINE", "").lower() == "python":
        return pure, "pure Python (LEADRULES_ENGINE=python)"
    try:
        compiled = importlib.import_module(NAME)
    except ImportError:
        return pure, f"pure Python (no compiled engine; build it with `{REBUILD}`)"
    except Exception as exc:  # a build that fails as it loads must not stop a simulation
        return pure, (f"pure Python (the compiled engine does not load: "
                      f"{type(exc).__name__}: {exc}; rebuild: `{REBUILD}`)")
    if getattr(compiled, "SOURCE_DIGEST", None) != digest():
        return pure, f"pure Python (the compiled engine is out of date; rebuild: `{REBUILD}`)"
    return compiled, "compiled with mypyc"


def engine() -> ModuleType:
    """The engine module to run: compiled when it is current, else engine.py itself."""
    return _pick()[0]


def describe() -> str:
    """Which engine runs, in words (the benchmark prints it)."""
    return _pick()[1]


def build() -> tuple[bool, str]:
    """Compile engine.py with mypyc into site-packages: (done, what happened)."""
    if shutil.which(os.environ.get("CC", "cc")) is None and shutil.which("gcc") is None:
        return False, "no C compiler found; the simulator runs as pure Python"
    try:
        import mypyc  # noqa: F401  (a dev dependency: part of mypy)
    except ImportError:
        return False, "mypyc is not installed (pip install mypy); the simulator runs as " \
                      "pure Python"
    target = Path(sysconfig.get_paths()["platlib"])
    source = SOURCE.read_text(encoding="utf-8")
    stamp = f'\n\nSOURCE_DIGEST = "{digest()}"  # the engine.py this was compiled from\n'
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / f"{NAME}.py").write_text(source + stamp, encoding="utf-8")
        env = {**os.environ, "MYPYPATH": str(SOURCE.parents[2])}
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", "--ignore-missing-imports", f"{NAME}.py"],
            cwd=work, env=env, capture_output=True, text=True, check=False)
        built = sorted(work.glob(f"{NAME}.*.so")) + sorted(work.glob(f"{NAME}.*.pyd"))
        if done.returncode != 0 or not built:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])
            return False, f"mypyc failed; the simulator runs as pure Python:\n{tail}"
        problem = install(built[0], target)
        if problem is not None:
            return False, problem
    return True, f"compiled the simulation engine with mypyc into {target / built[0].name}"


def install(built: Path, target: Path) -> str | None:
    """Put the built module into `target` in place of any older build; what went wrong, in
    words, when it cannot (a read-only site-packages must not fail `make test`)."""
    try:
        for old in [*target.glob(f"{NAME}.*.so"), *target.glob(f"{NAME}.*.pyd")]:
            old.unlink()
        shutil.copy2(built, target / built.name)
    except OSError as exc:
        return (f"cannot write the compiled engine into {target} ({exc.strerror or exc}); "
                "the simulator runs as pure Python")
    return None


def main() -> int:
    try:
        _, message = build()
    except OSError as exc:  # e.g. no writable temporary folder: the pure engine still runs
        message = f"could not build the compiled engine ({exc}); the simulator runs as pure Python"
    print(f"leadrules: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
