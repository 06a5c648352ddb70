"""CI wiring: the entry script of the repository's GitHub Action (`python -m leadrules.ci.action`).

The action (action.yml at the repository root) installs leadrules and runs this package, which
checks the schemes, runs `fmt --check`, and on a pull request compares every changed scheme with
the base branch (`leadrules diff --against`), then writes the job summary, the step outputs and
one pull-request comment. Everything that touches GitHub goes through small seams (an API
function, the environment, a command runner), so the whole flow runs locally and in tests
without GitHub.
"""
