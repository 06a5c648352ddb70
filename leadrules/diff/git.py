"""The old text of a file at a git revision, for `leadrules diff FILE --against REF`.

The file's own repository is asked (`git -C <its folder>`), so the command works from any
working directory; the path is taken relative to that repository's root. Git's failures become
one plain sentence each (`GitError`), never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import attrs


class GitError(Exception):
    """Why the old text cannot be had: not a repository, an unknown revision, no git."""


@attrs.frozen
class OldText:
    """The file's text at `ref` (None when the file did not exist there) and its name for
    messages, `REF:path/in/repo`."""

    text: str | None
    label: str


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)


def text_at(path: str, ref: str) -> OldText:
    """`git show REF:<path relative to the repository root>`, run in the file's repository."""
    if shutil.which("git") is None:
        raise GitError("--against needs git, and git is not installed")
    real = Path(os.path.realpath(path))
    folder = real.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitError(f"{path} is not inside a git repository, so there is no revision "
                       f"'{ref}' to compare with; give the old file instead: "
                       "leadrules diff OLD.leads NEW.leads")
    root = Path(os.path.realpath(top.stdout.decode("utf-8", "replace").strip()))
    if ref.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet",
                                   f"{ref}^{{commit}}").returncode != 0:
        raise GitError(f"'{ref}' is not a revision of the repository at {root} (try a branch, "
                       "a tag, a commit id, or HEAD~1)")
    rel = real.relative_to(root).as_posix()
    label = f"{ref}:{rel}"
    if _git(root, "cat-file", "-e", f"{ref}:{rel}").returncode != 0:
        return OldText(None, label)
    shown = _git(root, "show", f"{ref}:{rel}")
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git cannot show {label}: {reason}")
    try:
        return OldText(shown.stdout.decode("utf-8"), label)
    except UnicodeDecodeError:
        raise GitError(f"{label} is not UTF-8 text") from None
