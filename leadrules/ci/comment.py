"""The one pull-request comment the action keeps up to date, through GitHub's REST API.

A pull request gets a single leadrules comment, found again by a hidden marker at its start
(`<!-- leadrules-diff -->`) and edited on every push, so reviewers are not flooded with one
comment per run. The API is a plain function `(method, path, body) -> JSON`: `urllib_api` talks
to GitHub with the job's token; tests pass a fake that records the requests.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

MARKER = "<!-- leadrules-diff -->"
MAX_BODY = 65_536  # GitHub refuses longer comments
PAGE = 100

Api = Callable[[str, str, Mapping[str, Any] | None], Any]


class ApiError(Exception):
    """A request GitHub answered with an error (or could not be sent)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}" if status else message)
        self.status = status


def urllib_api(token: str, base_url: str = "https://api.github.com", timeout: float = 30) -> Api:
    """The REST API with a token (GITHUB_TOKEN), using only the standard library."""
    def call(method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(
            base_url.rstrip("/") + path, data=data, method=method,
            headers={"Authorization": f"Bearer {token}",
                     "Accept": "application/vnd.github+json",
                     "X-GitHub-Api-Version": "2022-11-28",
                     "User-Agent": "leadrules-action",
                     **({"Content-Type": "application/json"} if data else {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            with contextlib.suppress(ValueError, AttributeError):
                detail = json.loads(detail).get("message", detail)
            raise ApiError(exc.code, str(detail)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise ApiError(0, f"cannot reach {base_url}: {exc}") from exc
        return json.loads(text) if text else None

    return call


def find_comment(api: Api, repo: str, number: int, marker: str = MARKER) -> dict[str, Any] | None:
    """The first comment on the pull request that starts with the marker, or None."""
    page = 1
    while True:
        batch = api("GET", f"/repos/{repo}/issues/{number}/comments?per_page={PAGE}&page={page}",
                    None)
        if not isinstance(batch, list):
            return None
        for comment in batch:
            if str(comment.get("body") or "").lstrip().startswith(marker):
                return dict(comment)
        if len(batch) < PAGE:
            return None
        page += 1


def upsert_comment(api: Api, repo: str, number: int, body: str, *,
                   create: bool = True) -> tuple[str, str | None]:
    """Create the comment, or edit the one already there; what was done, and its address.

    `create=False` only edits an existing comment (a pull request that no longer changes a
    scheme gets its old comment corrected, but no new one). The outcome is one of `created`,
    `updated`, `unchanged` or `skipped`.
    """
    existing = find_comment(api, repo, number)
    if existing is None:
        if not create:
            return "skipped", None
        made = api("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})
        return "created", _url(made)
    if existing.get("body") == body:
        return "unchanged", _url(existing)
    edited = api("PATCH", f"/repos/{repo}/issues/comments/{existing['id']}", {"body": body})
    return "updated", _url(edited) or _url(existing)


def _url(comment: Any) -> str | None:
    return comment.get("html_url") if isinstance(comment, dict) else None


def fit(body: str, limit: int = MAX_BODY, note: str = "", *, utf8: bool = False) -> str:
    """The body cut to GitHub's limit at a line break, ending with `note` when it was cut.

    `limit` counts characters (a comment's limit), or UTF-8 bytes with `utf8` (a job
    summary's: Cyrillic and Chinese names take two and three bytes a character). A code block
    or a `<details>` block the cut leaves open is closed, so the rest still renders.
    """
    def size(text: str) -> int:
        return len(text.encode("utf-8")) if utf8 else len(text)

    if size(body) <= limit:
        return body
    tail = "\n\n" + (note or "…the rest is cut: this comment would be too long for GitHub.")
    budget = limit - size(tail)
    room = budget
    while room > 0:
        cut = body.encode("utf-8")[:room].decode("utf-8", "ignore") if utf8 else body[:room]
        cut = cut[: cut.rfind("\n")] if "\n" in cut else cut
        closing = _closing(cut)
        if size(cut + closing) <= budget:
            return cut + closing + tail
        room = min(room, size(cut)) - size(closing)
    return tail.lstrip("\n")


def _closing(cut: str) -> str:
    """What closes the code block and the `<details>` blocks a cut leaves open."""
    fence = "\n```" if cut.count("```") % 2 else ""
    opened = max(cut.count("<details>") - cut.count("</details>"), 0)
    return fence + "\n\n</details>" * opened


__all__ = ["MARKER", "Api", "ApiError", "find_comment", "fit", "upsert_comment", "urllib_api"]
