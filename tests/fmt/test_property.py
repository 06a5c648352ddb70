"""Property: formatting a generated scheme or scenario keeps its meaning, is idempotent, and
keeps every comment.

Schemes are generated from the grammar's pieces — fields, stages, teams, roles, statuses with
bodies and nested blocks, transitions, stage sync, expect — with random spacing, tabs, comments
(full-line and trailing), blank lines, `;` separators, lines continued after commas and with
`\\`, quoted and bare names, and names in English, Russian, Chinese, Malay and Polish.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import LeadrulesError, load_text, parse_text
from leadrules.fmt import format_text

STATUSES = ["New", "Working", "Новый", "В_работе", "合格", "新线索", "Baharu", "Dihubungi",
            "Nowy", "Zamknięty", "В обработке", "Tidak layak", "won"]
FIELDS = ["email", "attempts", "预算", "источник", "percubaan", "budżet", "lost reason"]
WORDS = re.compile(r"[^\W\d]\w*")
KEYWORDS = {"won"}  # bare, these would be read as keywords in some places


def name(draw: st.DrawFn, value: str) -> str:
    bare_ok = WORDS.fullmatch(value) is not None and value not in KEYWORDS
    return value if bare_ok and draw(st.booleans()) else f'"{value}"'


@st.composite
def scheme(draw: st.DrawFn) -> str:
    statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=2, max_size=5, unique=True))
    fields = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True))
    stmts: list[object] = []  # a statement: list of tokens, or (header tokens, children)
    for f in fields:
        kind = draw(st.sampled_from(["text", "count", "money", "choice"]))
        toks = ["field", name(draw, f)]
        if kind == "choice":
            toks += ["choice", "(", "a", ",", name(draw, "b"), ",", '"c d"', ")"]
        else:
            toks.append(kind)
        if draw(st.booleans()):
            toks.append(draw(st.sampled_from(['"A label"', '"Метка, \\"в кавычках\\""',
                                              '"标签"', '"a # not a comment"'])))
        stmts.append(toks)
    stmts.append(("stages", [[name(draw, "MQL"), '"Marketing"'], ["SQL", "reportable"]]))
    stmts.append(["role", "manager"])
    stmts.append(("calendar business", [["timezone", '"Europe/Warsaw"'],
                                        ["open", "mon", "-", "fri", "09:00", "-", "17:00"],
                                        ["closed", "2026-12-24", "..", "2026-12-26", ",",
                                         "2027-01-01"]]))
    stmts.append(["team", "SDR", '"Sales development"'])
    for i, s in enumerate(statuses):
        body: list[object] = [["initial"]] if i == 0 else []
        if i == len(statuses) - 1:
            body.append(["outcome", "lost"])
        body.append(["means", draw(st.sampled_from(['"Just arrived."', '"Заявка."',
                                                    '"线索"']))])
        if draw(st.booleans()):
            body.append(["stages", "MQL", ",", "SQL"])
        f = name(draw, fields[0])
        if draw(st.booleans()):
            body.append(["requires", f, "and", "(", f, "or", "not", f, ")"])
        if draw(st.booleans()):
            body.append(["sla", "2", "business", "hours", "escalate", "manager"])
        if draw(st.booleans()):
            body.append(("on enter", [["assign", "team", "SDR"], ["notify", "manager", ",",
                                                                   "owner"]]))
        if i + 1 < len(statuses) and draw(st.booleans()):
            body.append(["after", "3", "days", "->", name(draw, statuses[i + 1])])
        if draw(st.booleans()):
            body.append(["aka", f'"CRM {i}"', ",", f'"Метка {i}"'])
        if draw(st.booleans()):
            body.append(["label", "ru", '"Метка"'])
            body.append(["means", "pl", '"Znaczenie"'])
        stmts.append((f"status {name(draw, s)}", body))
    if draw(st.booleans()):
        stmts.append(("status Pusty", []))
    if draw(st.booleans()):
        stmts.append(["migrate", '"Old status"', ",", "Stary", "->", name(draw, statuses[0])])
    if draw(st.booleans()):
        stmts.append(["when", "stage", "becomes", "MQL", "->", name(draw, statuses[0])])
    for i in range(len(statuses) - 1):
        sources = [name(draw, statuses[i])]
        if i and draw(st.booleans()):
            sources += [",", name(draw, statuses[i - 1])]
        trigger = draw(st.sampled_from([["manual"], ["on", "first_call", "auto"],
                                        ["manual", "approve", "manager"]]))
        stmts.append(["transition", *sources, "->", name(draw, statuses[i + 1]), *trigger])
    stmts.append(("expect", [["share", name(draw, statuses[-1]), "<=", "50%"],
                             ["time_in", name(draw, statuses[0]), "1", "..", "3", "days"]]))
    order = draw(st.permutations(range(len(stmts))))
    return render(draw, [stmts[k] for k in order], 0)


COMMENTS = ["# a comment", "# комментарий", "# 注释", "# leadrules: ignore[x] \"why\""]


def render(draw: st.DrawFn, stmts: list[object], depth: int) -> str:
    out = []
    for stmt in stmts:
        indent = draw(st.sampled_from(["", "  " * depth, "\t" * depth, "    "]))
        if draw(st.integers(0, 5)) == 0:
            out.append(indent + draw(st.sampled_from(COMMENTS)) + "\n")
        if draw(st.integers(0, 5)) == 0:
            out.append("\n" * draw(st.integers(1, 3)))
        if isinstance(stmt, tuple):
            header, children = stmt
            inner = render(draw, children, depth + 1)
            if len(children) <= 1 and "#" not in inner and draw(st.booleans()):
                out.append(f"{indent}{header} {{ {inner.strip()} }}")
            else:
                out.append(f"{indent}{header} {{{draw(st.sampled_from(['', '  # c']))}\n"
                           f"{inner}\n{indent}}}")
        else:
            out.append(indent + tokens(draw, stmt))  # type: ignore[arg-type]
        end = draw(st.sampled_from(["\n", "\n", "\n", ";", "; ", "  # trailing\n",
                                    "     # lined up?\n"]))
        out.append(end if not (isinstance(stmt, tuple) and end.startswith(";")) else "\n")
    return "".join(out)


def tokens(draw: st.DrawFn, toks: list[str]) -> str:
    text = toks[0]
    for prev, tok in itertools.pairwise(toks):
        if prev == ",":
            sep = draw(st.sampled_from([" ", "", "  ", ",\n      ", "  # after a comma\n   "]))
            text += sep[1:] if sep.startswith(",") else sep
            text += tok
            continue
        if tok in (",", ")", "..") or prev in ("(", ".."):
            sep = draw(st.sampled_from(["", " "]))
        else:
            sep = draw(st.sampled_from([" ", " ", "  ", "\t", "    ", " \\\n   "]))
        text += sep + tok
    return text


def check(text: str, path: str) -> None:
    try:
        before = parse_text(text, path)
    except LeadrulesError:
        return  # the generator made something the language refuses: not this test's concern
    out = format_text(text, path)
    assert parse_text(out, path) == before
    assert format_text(out, path) == out
    assert comments(out) == comments(text)
    if path.endswith(".scenario"):
        return  # resolving needs the scheme file; the parsed scenario is its meaning here
    try:
        meaning: object = load_text(text, path)
    except LeadrulesError as exc:
        meaning = sorted((d.code, d.message) for d in exc.diagnostics)
    try:
        after: object = load_text(out, path)
    except LeadrulesError as exc:
        after = sorted((d.code, d.message) for d in exc.diagnostics)
    assert after == meaning


def comments(text: str) -> list[str]:
    """Every comment in a text, without quoted texts (a `#` inside quotes is not one)."""
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    return sorted(c.rstrip() for c in re.findall(r"#[^\n]*", code))


@st.composite
def scenario(draw: st.DrawFn) -> str:
    statuses = draw(st.lists(st.sampled_from(STATUSES[:-1]), min_size=2, max_size=4,
                             unique=True))
    settings_: list[object] = [
        ["scheme", '"generated.leads"'], ["horizon", "180", "days"],
        draw(st.sampled_from([["arrivals", "60", "per", "business", "day"],
                              ["arrivals", "60", "per", "day"]])),
        ["staff", name(draw, "SDR"), "10"],
        ["staff", '"Inside sales"', "unlimited"],
        ["value", name(draw, "deal_value"), "lognormal", "(", "20000", ",", "15000", ")"],
        ["value", name(draw, "lost reason"), ":", "budget", "40%", ",", '"no budget"', "60%"],
    ]
    if draw(st.booleans()):  # long enough to wrap at 100 columns
        hours: list[object] = ["arrivals", "by", "hour", ":"]
        for h in range(8, 20):
            hours += [str(h), "8%", ","]
        settings_.append([*hours, "20", "4%"])
    if draw(st.booleans()):
        settings_.append(["arrivals", "by", "weekday", ":", "mon", "50%", ",", "Friday", "50%"])
    for i, s in enumerate(statuses):
        body: list[object] = [["work", "10", "minutes", "by", "SDR", "counting", "attempts"]]
        target = name(draw, statuses[(i + 1) % len(statuses)])
        body.append(draw(st.sampled_from([
            ["then", target],
            ["after", "3", "..", "8", "days", ":", target, "60%", ",", name(draw, s), "40%"],
            ["each", "attempt", ":", target, "12%"],
            ["every", "7", "days", "work", "~", "30", "minutes", "by", "AE"]])))
        settings_.append((f"in {name(draw, s)}", body))
    return render(draw, [(f"scenario {name(draw, 'Q4')}", settings_)], 0)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scheme())
def test_generated_schemes_keep_their_meaning(text: str) -> None:
    check(text, "generated.leads")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_generated_scenarios_keep_their_meaning(text: str) -> None:
    check(text, "generated.scenario")


@st.composite
def tables(draw: st.DrawFn) -> str:
    """Runs of table rows with random padding: the riskiest part for idempotence."""
    names = st.sampled_from(["A", "New", "Attempting", "合格", "新线索客户", "Zamknięty",
                             "В_обработке_долго", "x" * 40])
    pads = st.sampled_from([" ", " ", "  ", "   ", "      ", "\t", " " * 15])
    rows = []
    for _ in range(draw(st.integers(2, 7))):
        kind = draw(st.sampled_from(["transition", "field", "team"]))
        pad1, pad2 = draw(pads), draw(pads)
        if kind == "transition":
            rows.append(f"transition {draw(names)}{pad1}-> {draw(names)}{pad2}"
                        + draw(st.sampled_from(["manual", "on x auto"])))
        elif kind == "field":
            rows.append(f"field {draw(names)}{pad1}{draw(st.sampled_from(['text', 'count']))}"
                        + draw(st.sampled_from(["", f'{pad2}"A label"']))
                        + draw(st.sampled_from(["", "   # c", "  # d"])))
        else:
            rows.append(f"team {draw(names)}{pad1}\"Label\""
                        + draw(st.sampled_from(["", "   # c", "  # d"])))
    return "\n".join(rows) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_tables_with_random_padding_are_stable(text: str) -> None:
    out = format_text(text, "t.leads")
    assert parse_text(out, "t.leads") == parse_text(text, "t.leads")
    assert format_text(out, "t.leads") == out
