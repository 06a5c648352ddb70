"""Which scheme files a CI run looks at, and which of them a pull request changed (via git).

Patterns are the action's `files` input: globs relative to the repository root, one or more per
line or separated by spaces (`**/*.leads`, `schemes/*.leads`, a plain path, or a folder, which
means every scheme under it). They are matched against the files git knows about — tracked ones
and untracked ones that are not ignored — so a virtual environment or build folder is never
searched; outside a git checkout, the folder tree is walked instead (hidden folders skipped).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

SCHEME_SUFFIX = ".leads"


class GitError(Exception):
    """A git command failed; the message says which and why, in words a user can act on."""


def split_patterns(text: str) -> list[str]:
    """`**/*.leads schemes/x.leads`, or one pattern a line: the patterns in order, no blanks."""
    return [p for p in re.split(r"[\s,]+", text.strip()) if p]


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over `/`-separated relative paths.

    `**/` matches any number of folders (none included), `**` anything, `*` any characters but
    `/`, `?` one such character.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matching(paths: Iterable[str], patterns: Sequence[str]) -> list[str]:
    """The paths that match any pattern, sorted.

    A pattern without a wildcard names a file, or a folder: then every scheme under it.
    """
    globs, plain = [], []
    for pattern in patterns:
        pattern = pattern.replace("\\", "/").removeprefix("./").rstrip("/")
        if pattern in ("", "."):
            pattern = "**/*" + SCHEME_SUFFIX
        if any(c in pattern for c in "*?"):
            globs.append(pattern_regex(pattern))
        else:
            plain.append(pattern)
    found = set()
    for path in paths:
        if any(r.match(path) for r in globs) or any(
                path == p or (path.startswith(p + "/") and path.endswith(SCHEME_SUFFIX))
                for p in plain):
            found.add(path)
    return sorted(found)


def candidate_files(root: Path) -> list[str]:
    """Every file git knows about under `root` (tracked, or untracked and not ignored)."""
    try:
        out = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except GitError:
        return sorted(_walk(root))
    return sorted({p for p in out.split("\0") if p})


def _walk(root: Path) -> Iterable[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            yield Path(folder, name).relative_to(root).as_posix()


def git(root: Path, *args: str) -> str:
    """Run git in `root`; its standard output, or `GitError` with git's own complaint."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        said = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines
        why = said[0] if said else f"exit code {done.returncode}"
        raise GitError(f"`git {' '.join(args)}` failed: {why}")
    return done.stdout


def has_revision(root: Path, rev: str) -> bool:
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        return False
    return True


def ensure_commit(root: Path, rev: str) -> bool:
    """Whether commit `rev` is in the checkout, fetching it by itself when it is not."""
    if has_revision(root, rev):
        return True
    try:
        git(root, "fetch", "--no-tags", "--depth=1", "origin", rev)
    except GitError:
        return False
    return has_revision(root, rev)


def merge_base(root: Path, base: str, fetch: bool = True) -> tuple[str, list[str]]:
    """The commit the pull request started from, and notes on what had to be fetched.

    `base` is a revision (`origin/main`). When it is missing, or the checkout is too shallow to
    hold the common ancestor, the history is fetched — the slow way round that
    `actions/checkout` with `fetch-depth: 0` avoids; the notes say so.
    """
    notes: list[str] = []
    why = ""
    if not has_revision(root, base) and fetch and base.startswith("origin/"):
        branch = base.removeprefix("origin/")
        try:
            git(root, "fetch", "--no-tags", "origin", f"+refs/heads/{branch}:refs/remotes/{base}")
            notes.append(f"Fetched {base}: it was not in the checkout.")
        except GitError as exc:
            why = f" and cannot be fetched ({exc})"
    if not has_revision(root, base):
        raise GitError(f"the base revision '{base}' is not in this checkout{why}; check out "
                       "with `fetch-depth: 0` (actions/checkout) or fetch it first")
    try:
        return git(root, "merge-base", base, "HEAD").strip(), notes
    except GitError:
        if not fetch or git(root, "rev-parse", "--is-shallow-repository").strip() != "true":
            raise
    git(root, "fetch", "--no-tags", "--unshallow", "origin")
    notes.append("Fetched the whole history: the checkout was shallow (set `fetch-depth: 0` "
                 "in actions/checkout to save this step).")
    return git(root, "merge-base", base, "HEAD").strip(), notes


def changed_files(root: Path, since: str) -> list[str]:
    """Files that differ between `since` and HEAD (a rename counts as removed + added)."""
    out = git(root, "diff", "--name-only", "--no-renames", "-z", since, "HEAD", "--")
    return sorted({p for p in out.split("\0") if p})


def exists_at(root: Path, rev: str, path: str) -> bool:
    """Whether `path` is a file in commit `rev`."""
    try:
        git(root, "cat-file", "-e", f"{rev}:{path}")
    except GitError:
        return False
    return True


__all__ = ["GitError", "candidate_files", "changed_files", "ensure_commit", "exists_at", "git",
           "matching", "merge_base", "pattern_regex", "split_patterns"]
