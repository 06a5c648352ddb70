"""Configuration: found beside or above the scheme, validated precisely, applied to rules."""

from __future__ import annotations

import pytest

from leadrules.errors import LeadrulesError, Severity
from leadrules.lint import find_config, load_config
from leadrules.lint.registry import find_rule

BUDGET = find_rule("status-budget").rule


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_leadrules_toml_is_found_above_the_scheme(tmp_path):
    """A .leadrules.toml in a parent folder applies to schemes below it."""
    write(tmp_path / ".leadrules.toml", 'fail-on = "info"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    scheme = write(tmp_path / "a" / "b" / "s.leads", "")
    assert find_config(scheme) == tmp_path / ".leadrules.toml"


def test_pyproject_counts_only_with_a_leadrules_table(tmp_path):
    """pyproject.toml is used only when it has [tool.leadrules]; the nearest file wins."""
    write(tmp_path / "pyproject.toml", "[tool.leadrules]\ndisable = []\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 80\n")
    scheme = write(tmp_path / "sub" / "s.leads", "")
    assert find_config(scheme) == tmp_path / "pyproject.toml"
    write(tmp_path / "sub" / ".leadrules.toml", "")
    assert find_config(scheme) == tmp_path / "sub" / ".leadrules.toml"


def test_settings_are_applied(tmp_path):
    """disable, severity, rule options, word lists and fail-on all take effect."""
    config = load_config(write(tmp_path / ".leadrules.toml", """
fail-on = "error"
disable = ["LR102"]
[severity]
status-budget = "error"
single-initial = "off"
[rules.status-budget]
info-above = 5
[words]
action = ["Nachfassen"]
"""))
    assert config.fail_on == Severity.ERROR
    assert not config.enabled(find_rule("unreachable-status").rule)
    assert not config.enabled(find_rule("single-initial").rule)
    assert config.severity_for(BUDGET) == Severity.ERROR
    assert config.options_for(BUDGET) == {"info-above": 5, "warning-above": 12}
    assert config.words == {"action": ("Nachfassen",)}


def test_select_keeps_only_the_named_rules_and_groups(tmp_path):
    """select = ["graph", "LR201"] runs the graph group and status-budget, nothing else."""
    config = load_config(write(tmp_path / ".leadrules.toml", 'select = ["graph", "LR201"]\n'))
    assert config.enabled(BUDGET)
    assert config.enabled(find_rule("unreachable-status").rule)
    assert not config.enabled(find_rule("unused-suppression").rule)


def test_pyproject_table(tmp_path):
    """In pyproject.toml the same settings live under [tool.leadrules]."""
    config = load_config(write(tmp_path / "pyproject.toml",
                               '[tool.leadrules]\nfail-on = "info"\n'
                               '[tool.leadrules.rules.status-budget]\nwarning-above = 9\n'))
    assert config.fail_on == Severity.INFO
    assert config.options_for(BUDGET)["warning-above"] == 9


@pytest.mark.parametrize("text, code, line, fragment, help_text", [
    ('fail-of = "info"\n', "E401", 1, "unknown setting 'fail-of'", "did you mean 'fail-on'?"),
    ('disable = ["status-budjet"]\n', "E402", 1, "unknown rule 'status-budjet'",
     "did you mean 'status-budget'?"),
    ('\n[rules.status-budget]\ninfo-abov = 3\n', "E401", 3,
     "unknown option 'info-abov' of rule status-budget", "did you mean 'info-above'?"),
    ('[rules.status-budget]\ninfo-above = "seven"\n', "E403", 2,
     "option info-above of status-budget must be a whole number", None),
    ('[severity]\nstatus-budget = "loud"\n', "E403", 2, "must be error, warning, info or off",
     None),
    ('fail-on = "sometimes"\n', "E403", 1, "fail-on must be error, warning or info", None),
    ('[words]\nactions = ["x"]\n', "E401", 2, "unknown word list 'actions'",
     "did you mean 'action'?"),
    ("disable = [\n", "E400", 1, "not valid TOML: Invalid value", None),
])
def test_mistakes_are_located_errors(tmp_path, text, code, line, fragment, help_text):
    """Every configuration mistake is an error at its line, with a did-you-mean."""
    path = write(tmp_path / ".leadrules.toml", text)
    with pytest.raises(LeadrulesError) as info:
        load_config(path)
    d = info.value.first
    assert (d.code, d.span.line) == (code, line)
    assert fragment in d.message
    if help_text:
        assert d.help == help_text


def test_found_configuration_is_named_relative_to_the_working_folder(tmp_path, monkeypatch):
    """Messages name a found .leadrules.toml as a short relative path, not a machine path."""
    write(tmp_path / ".leadrules.toml", "")
    (tmp_path / "s").mkdir()
    scheme = write(tmp_path / "s" / "x.leads", "")
    monkeypatch.chdir(tmp_path)
    assert str(find_config(scheme)) == ".leadrules.toml"


def test_pyproject_errors_point_into_the_leadrules_table(tmp_path):
    """A key that other tools also use is located in [tool.leadrules], not in theirs."""
    path = write(tmp_path / "pyproject.toml",
                 '[tool.ruff.lint]\nselect = ["E"]\n\n[tool.leadrules]\nselect = "graph"\n')
    with pytest.raises(LeadrulesError) as info:
        load_config(path)
    assert info.value.first.span.line == 5


def test_the_search_stops_at_the_repository_root(tmp_path):
    """A configuration above the repository (the folder with .git) is not used."""
    write(tmp_path / ".leadrules.toml", 'fail-on = "info"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    scheme = write(tmp_path / "repo" / "s.leads", "")
    assert find_config(scheme) is None
