"""The linter: a status council's design rules, checked on every pull request.

`lint(scheme)` runs every enabled rule (one module each in `leadrules.lint.rules`) and returns
findings; `all_rules()` lists the rules; `load_config`/`find_config` read the configuration.
"""

from leadrules.lint.config import LintConfig, find_config, load_config
from leadrules.lint.engine import Finding, LintResult, lint
from leadrules.lint.registry import all_rules, find_rule

__all__ = ["Finding", "LintConfig", "LintResult", "all_rules", "find_config", "find_rule",
           "lint", "load_config"]
