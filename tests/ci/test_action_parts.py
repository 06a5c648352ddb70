"""The action's parts on their own: input checking, file patterns, the comment's find-or-create
logic against a fake API, and the Markdown helpers that nest other reports."""

from __future__ import annotations

from typing import Any

import pytest

from leadrules.ci.action import main_with
from leadrules.ci.comment import MARKER, find_comment, fit, upsert_comment
from leadrules.ci.files import matching, split_patterns
from leadrules.ci.inputs import Context, InputError, Inputs
from leadrules.ci.report import demote, fenced, nest
from tests.ci.helpers import FakeGitHub

PATHS = ["statuses.leads", "emea/statuses.leads", "emea/old/legacy.leads", "emea/notes.md",
         "q4.scenario", "docs/x.leads"]


@pytest.mark.parametrize(("patterns", "expected"), [
    ("**/*.leads", ["docs/x.leads", "emea/old/legacy.leads", "emea/statuses.leads",
                    "statuses.leads"]),
    ("*.leads", ["statuses.leads"]),
    ("emea", ["emea/old/legacy.leads", "emea/statuses.leads"]),  # a folder: its schemes
    ("./emea/ q4.scenario", ["emea/old/legacy.leads", "emea/statuses.leads", "q4.scenario"]),
    ("emea/*.leads\ndocs/?.leads", ["docs/x.leads", "emea/statuses.leads"]),
    (".", ["docs/x.leads", "emea/old/legacy.leads", "emea/statuses.leads", "statuses.leads"]),
])
def test_files_patterns_select_like_globs(patterns, expected):
    """`**/` spans folders, `*` stays inside one, a folder means its schemes, `.` everything."""
    assert matching(PATHS, split_patterns(patterns)) == expected


@pytest.mark.parametrize(("values", "message"), [
    ({"diff-fail-on": "braking"}, "input 'diff-fail-on' is 'braking', which is not one of: "
     "breaking, behavioural, any, never; did you mean 'breaking'?"),
    ({"fail-on": "warnings"}, "did you mean 'warning'?"),
    ({"comment": "sure"}, "input 'comment' is 'sure': write true or false"),
    ({"runs": "1"}, "input 'runs' is '1': write a whole number, at least 2"),
    ({"files": "  "}, "input 'files' is empty"),
])
def test_misspelt_inputs_are_refused_with_a_suggestion(values, message):
    """A typo in the workflow file stops the run with the input's name and the fix."""
    with pytest.raises(InputError) as info:
        Inputs.from_values(values)
    assert message in str(info.value)


def test_inputs_defaults_and_empty_fail_on():
    """Unset inputs take the action's defaults; an empty fail-on defers to the config file."""
    inputs = Inputs.from_values({"fail-on": ""})
    assert inputs.files == ("**/*.leads",) and inputs.fail_on is None
    assert (inputs.diff_fail_on, inputs.fmt, inputs.comment) == ("breaking", "warn", True)
    assert inputs.sarif_file is None  # by hand, no SARIF unless asked


def test_bad_input_is_exit_2_with_a_summary_and_no_traceback(tmp_path):
    """Through the entry point, a bad input is exit code 2, an ::error:: line under Actions,
    and a summary that says why the check did not run."""
    printed: list[str] = []
    env = {"INPUT_DIFF_FAIL_ON": "braking", "GITHUB_ACTIONS": "true",
           "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    assert main_with(env, {}, tmp_path, echo=printed.append) == 2
    assert printed[0].startswith("::error title=leadrules::input 'diff-fail-on' is 'braking'")
    assert "did you mean 'breaking'?" in (tmp_path / "s.md").read_text(encoding="utf-8")


def test_no_scheme_found_is_bad_input(tmp_path):
    """A `files` input that matches no scheme is a mistake, not a clean run."""
    printed: list[str] = []
    assert main_with({"INPUT_FILES": "schemes/*.leads"}, {}, tmp_path,
                     echo=printed.append) == 2
    assert "no scheme (.leads file) matches input 'files' (schemes/*.leads)" in printed[0]


def test_context_reads_the_pull_request_number_from_the_event(tmp_path):
    """The pull-request number and head come from the event file; a new branch's all-zero
    `before` is no commit."""
    event = tmp_path / "e.json"
    event.write_text('{"pull_request": {"number": 12, "head": {"sha": "abc"}}, '
                     '"before": "0000000000"}')
    ctx = Context.from_env({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event),
                            "GITHUB_REPOSITORY": "a/b", "GITHUB_RUN_ID": "9",
                            "GITHUB_SHA": "merge-commit"})
    assert (ctx.pr_number, ctx.before, ctx.is_pull_request) == (12, None, True)
    assert ctx.sha == "abc"  # the pull request's head, not the merge commit GitHub checks out
    assert ctx.run_url == "https://github.com/a/b/actions/runs/9"


def test_the_marked_comment_is_found_on_a_later_page_and_edited():
    """Among many comments, the one starting with the marker is edited — not a quote of it."""
    others = [{"id": i, "body": f"comment {i}"} for i in range(150)]
    quoted = {"id": 500, "body": "> " + MARKER + "\n> old report"}
    ours = {"id": 501, "body": MARKER + "\nold report"}
    api = FakeGitHub([*others, quoted, ours])
    assert find_comment(api, "a/b", 3) == ours
    assert upsert_comment(api, "a/b", 3, MARKER + "\nnew") == ("updated", None)
    assert api.writes() == [("PATCH", "/repos/a/b/issues/comments/501",
                             {"body": MARKER + "\nnew"})]
    assert [r[1].rsplit("=", 1)[1] for r in api.requests if r[0] == "GET"] == ["1", "2"] * 2


def test_no_comment_is_created_when_asked_only_to_edit():
    """create=False never adds a comment (a pull request that stopped changing schemes)."""
    api = FakeGitHub()
    assert upsert_comment(api, "a/b", 3, MARKER, create=False) == ("skipped", None)
    assert not api.writes()


def test_demote_moves_headings_but_not_code():
    """Nested reports keep their structure one level down; code blocks are left alone."""
    text = "# A\n\n```sh\n# a shell comment\n```\n## B\n####### not a heading"
    assert demote(text, 2) == ("### A\n\n```sh\n# a shell comment\n```\n#### B\n"
                               "####### not a heading")


def test_a_longer_fence_is_not_closed_by_a_shorter_one():
    """A diff shown in a four-backtick block may hold a three-backtick line and headings."""
    text = "# A\n````diff\n```\n# not a heading\n````\n# B"
    assert demote(text, 1) == "## A\n````diff\n```\n# not a heading\n````\n## B"
    assert nest(text, 3) == "### A\n````diff\n```\n# not a heading\n````\n### B"


def test_fenced_outlasts_backticks_inside():
    """A diff that itself holds a code fence stays one block."""
    assert fenced("a\n```\nb", "diff") == "````diff\na\n```\nb\n````"


def test_fit_cuts_long_comments_at_a_line_and_closes_code():
    """A body over GitHub's limit is cut at a line break, a code block closed, a note added."""
    body = "intro\n```\n" + "line\n" * 50
    cut = fit(body, limit=60, note="(cut)")
    assert len(cut) <= 60 and cut.endswith("\n```\n\n(cut)")
    assert fit("short", limit=60) == "short"


def test_urllib_api_sends_the_token_and_json_and_reports_errors_in_words():
    """The real client: bearer token, JSON body, API version header; an HTTP error becomes an
    ApiError with GitHub's message and status (checked against a local HTTP server)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from leadrules.ci.comment import ApiError, urllib_api

    seen: list[tuple[str, str, str | None, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: Any) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            sent = json.loads(self.rfile.read(length)) if length else None
            seen.append((self.command, self.path, self.headers.get("Authorization"), sent))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer(200, [])

        def do_POST(self) -> None:
            self._answer(201, {"id": 1, "html_url": "https://x/1"})

        def do_PATCH(self) -> None:
            self._answer(403, {"message": "Resource not accessible by integration"})

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        api = urllib_api("t0k", f"http://127.0.0.1:{server.server_port}/")
        assert upsert_comment(api, "a/b", 3, MARKER + "\nhi") == ("created", "https://x/1")
        with pytest.raises(ApiError) as info:
            api("PATCH", "/repos/a/b/issues/comments/1", {"body": "x"})
    finally:
        server.shutdown()
    assert info.value.status == 403
    assert str(info.value) == "403: Resource not accessible by integration"
    assert seen[:2] == [
        ("GET", "/repos/a/b/issues/3/comments?per_page=100&page=1", "Bearer t0k", None),
        ("POST", "/repos/a/b/issues/3/comments", "Bearer t0k", {"body": MARKER + "\nhi"})]


def test_fit_counts_bytes_for_a_job_summary_and_closes_details():
    """A job summary's limit is 1 MiB of UTF-8: Cyrillic text twice as long in bytes as in
    characters is cut by bytes; a `<details>` block left open by the cut is closed."""
    body = "<details>\n<summary>Все</summary>\n\n" + "Холодный ящик\n" * 100 + "</details>\n"
    cut = fit(body, limit=500, note="(cut)", utf8=True)
    assert len(cut.encode("utf-8")) <= 500 < len(body.encode("utf-8"))
    assert cut.endswith("\n\n</details>\n\n(cut)") and cut.count("</details>") == 1
    assert len(fit(body, limit=500, note="(cut)")) > 400  # by characters, far more fits


def test_log_keeps_scheme_text_from_speaking_to_the_runner():
    """Under Actions, a folded command's output (scheme lines in a diff) is fenced with
    stop-commands, and warnings escape newlines and `%`, so no text becomes a workflow
    command."""
    from leadrules.ci.log import Log
    from leadrules.ci.runner import Result

    printed: list[str] = []
    log = Log(printed.append, Context(in_actions=True))
    log.command(Result(("fmt", "--check", "--diff", "a.leads"), 1, "+::set-env name=X::1\n"
                       "::add-mask::oops\n"))
    token = printed[1].removeprefix("::stop-commands::")
    assert printed[1].startswith("::stop-commands::") and len(token) >= 16
    assert printed[-2:] == [f"::{token}::", "::endgroup::"]
    log.warning("bad file a.leads\n::error::injected 100%")
    assert printed[-1] == "::warning title=leadrules::bad file a.leads%0A::error::injected 100%25"


def test_a_file_named_like_an_option_stays_a_file():
    """`-o.leads` comes after `--`, so the command reads it instead of taking an option."""
    from leadrules.ci.plan import check_args, diff_args, fmt_args

    inputs = Inputs.from_values({})
    assert check_args(inputs, ("-o.leads", "a.leads"), "markdown")[-3:] == \
        ["--", "-o.leads", "a.leads"]
    assert fmt_args(("a.leads",)) == ["fmt", "--check", "--diff", "a.leads"]
    assert diff_args(inputs, "-o.leads", "main", None)[-2:] == ["--", "-o.leads"]
    assert diff_args(inputs, "a.leads", "main", None)[:2] == ["diff", "a.leads"]


def test_an_output_with_a_line_break_cannot_set_another_output(tmp_path):
    """A value with a newline is written in the `name<<DELIMITER` form GitHub reads as one
    value; single-line values stay `name=value`."""
    from leadrules.ci.log import write_outputs

    path = tmp_path / "out"
    write_outputs(Context(output_path=str(path)),
                  {"sarif-file": "a\nexit-code=0", "exit-code": "1"})
    lines = path.read_text(encoding="utf-8").splitlines()
    delimiter = lines[0].removeprefix("sarif-file<<")
    assert lines[0].startswith("sarif-file<<leadrules_") and lines[1:] == [
        "a", "exit-code=0", delimiter, "exit-code=1"]
