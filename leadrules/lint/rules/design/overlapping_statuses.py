"""Overlapping statuses: two statuses a rep could doubt between.

**Why it matters.** Statuses must not overlap: a manager should never hesitate over which one
to pick, so there is no "Уточнение информации" next to "Выяснение деталей" (seed 003). When
reps guess, they all guess differently and the reports mean nothing; "Working" vs "Connected"
vs "Qualified" only work because each has an explicit written definition (seed 000). Twenty
statuses where half are never used usually hide a few such pairs: merge them.

**Options.** None. Three things are reported, each on the later of the two statuses:
- **Handled alike** (warning): the scheme treats them exactly the same — same `initial`,
  `outcome` and `locked`, same stages, same `requires`, same `on enter`/`on exit` actions,
  SLAs and alerts, and the same moves in and out (sources, targets, kinds, events, approvals,
  conditions and delays). A move in written `transition any -> …` or made by a stage change
  counts as "from anywhere", and the `any` moves out, which every unlocked status has, are not
  compared. Nothing but the name tells them apart. Statuses with no move in or out at all are
  left to `unreachable-status`.
- **Synonyms** (warning): their names or labels share a group of the synonym list — lost
  (Dead, Lost, Junk, Отказ, 丢失, Odrzucony, Gagal…), won, new, contacted (Contacted,
  Connected, Связались, 已联系…), working (Working, In progress, В работе, 处理中, W toku…),
  clarifying ("Уточнение информации", "Выяснение деталей"…), qualified, parked, recycled —
  in English, Russian, Chinese, Malay and Polish. A word right after a negation does not count
  ("New / Not contacted" is not "contacted"). A won and a lost outcome never overlap. When both
  statuses have a `means` definition and different `requires`, the scheme does tell them
  apart: that is an **info** (check that the guide says when to use which), and nothing at all
  for two outcomes of the same kind — one lost status per reason, each requiring its reason,
  is what seed 003 recommends.
- **Same definition** (warning): their `means` texts are the same words.

A council adds its own synonym groups in its configuration, one group per text with the words
separated by `|`:

```toml
[words]
synonyms = ["Demo booked|Meeting scheduled|Встреча назначена"]
```

**Fails**

```leads
field lost_reason choice(budget, competitor, other)
status New {
  initial
  means "Just arrived."
}
status Dead {
  outcome lost
  means "We stopped working on it."
}
status Lost {
  outcome lost
  means "It will not buy from us."
}
transition New -> Dead manual
transition New -> Lost manual
```

**Passes**

```leads
field lost_reason choice(budget, competitor, other)
status New {
  initial
  means "Just arrived."
}
status Lost {
  outcome lost
  means "It will not buy from us."
  requires lost_reason
}
transition New -> Lost manual
```
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._lexicon import SYNONYM_GROUPS, flat
from leadrules.lint.rules.design._text import normal, phrases, tokens
from leadrules.model.scheme import Status

RULE = Rule("LR202", "overlapping-statuses", Severity.WARNING, "design",
            "Two statuses a rep could doubt between: handled alike, synonyms or one definition")

MEANING = {
    "lost": "a lost lead", "won": "a won deal", "new": "a new, untouched lead",
    "contacted": "a lead we have talked to", "working": "a lead being worked on",
    "clarifying": "finding out details", "qualified": "a qualified lead",
    "parked": "a lead parked for later", "recycled": "a lead brought back into play",
}


def check(ctx: Context) -> Iterator[Problem]:
    reported: set[tuple[str, str]] = set()
    yield from _handled_alike(ctx, reported)
    yield from _synonyms(ctx, reported)
    yield from _same_definition(ctx, reported)


# -- handled alike ---------------------------------------------------------------------------
def _signature(ctx: Context, status: Status) -> Hashable | None:
    name = status.name

    def who(other: str) -> str:
        return "*self*" if other == name else other

    ins = frozenset(
        ("*anywhere*" if d["from_any"] or d["kind"] == "stage-sync" else who(d["source"]),
         *_move(d)) for d in ctx.moves_in(name))
    outs = frozenset((who(d["target"]), *_move(d)) for d in ctx.moves_out(name)
                     if not d["from_any"])
    if not ins and not outs:
        return None
    alerts = tuple(t for t in status.timers if t.target is None)
    return (status.initial, status.outcome, status.locked,
            frozenset(r.name for r in status.stages), status.requires, status.on_enter,
            status.on_exit, status.slas, alerts, ins, outs)


def _move(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d["kind"], d["event"], d["approval"], d["approval_if"], d["condition"], d["delay"],
            d["without_activity"])


def _handled_alike(ctx: Context, reported: set[tuple[str, str]]) -> Iterator[Problem]:
    first: dict[Hashable, Status] = {}
    for status in ctx.statuses:
        sig = _signature(ctx, status)
        if sig is None:
            continue
        twin = first.setdefault(sig, status)
        if twin is status:
            continue
        reported.add((twin.name, status.name))
        yield Problem(status.span, f"'{status.name}' is handled exactly like '{twin.name}': "
                      "same stages, required data, automation and moves in and out, so only "
                      "the name tells a rep which to pick",
                      help="merge them (keep the difference in a field or a sub-status), or "
                      "give each the requirements, automation or moves that make it different",
                      subject=f"{twin.name}|{status.name}")


# -- synonyms --------------------------------------------------------------------------------
def _groups(ctx: Context) -> tuple[frozenset[str], dict[tuple[str, ...], set[str]]]:
    """Every listed word, and the groups of each, keyed by its normalised tokens (so that two
    spellings of one word share their groups). A council's own groups are named `=N:`
    followed by their words, for messages."""
    words: set[str] = set()
    groups: dict[tuple[str, ...], set[str]] = {}
    for group, lexicon in SYNONYM_GROUPS.items():
        for word in flat(lexicon):
            words.add(word)
            groups.setdefault(tokens(word), set()).add(group)
    for i, text in enumerate(sorted(ctx.words("synonyms", ()))):
        own = [w.strip() for w in text.split("|") if w.strip()]
        for word in own:
            words.add(word)
            groups.setdefault(tokens(word), set()).add(f"={i}:" + ", ".join(own))
    return frozenset(words), groups


def _synonyms(ctx: Context, reported: set[tuple[str, str]]) -> Iterator[Problem]:
    words, word_groups = _groups(ctx)
    matcher = phrases(words)
    members: dict[str, list[tuple[Status, str]]] = {}
    for status in ctx.statuses:
        seen: set[str] = set()
        for text in (status.name, status.label):
            for match in matcher.find(text):
                for group in word_groups[tokens(match.phrase)]:
                    if group not in seen:
                        seen.add(group)
                        members.setdefault(group, []).append((status, match.text))
    for group, found in members.items():
        index = _Index()
        for status, word in found:
            partner, level = index.partner(status)
            index.add(status, word)
            if partner is None:
                continue
            other, other_word = partner
            pair = (other.name, status.name)
            if pair in reported or level is None:
                continue
            reported.add(pair)
            yield _synonym_problem(group, status, word, other, other_word, level)


class _Index:
    """Earlier members of one synonym group, indexed so that finding the worst partner of a
    new member is constant work (no pairwise loops over big groups)."""

    def __init__(self) -> None:
        self.any: dict[str | None, tuple[Status, str]] = {}
        self.undefined: dict[str | None, tuple[Status, str]] = {}
        self.by_requires: dict[tuple[str | None, Any], tuple[Status, str]] = {}

    def add(self, status: Status, word: str) -> None:
        kind = status.outcome
        self.any.setdefault(kind, (status, word))
        if not status.means:
            self.undefined.setdefault(kind, (status, word))
        self.by_requires.setdefault((kind, status.requires), (status, word))

    def partner(self, status: Status) -> tuple[tuple[Status, str] | None, Severity | None]:
        """The earlier member it overlaps worst with, and how badly (None: not reported)."""
        kinds = [None, "won", "lost"] if status.outcome is None else [None, status.outcome]
        for kind in kinds:  # a warning: nothing in the scheme tells the two apart
            if not status.means and kind in self.any:
                return self.any[kind], Severity.WARNING
            hit = self.undefined.get(kind) or self.by_requires.get((kind, status.requires))
            if hit is not None:
                return hit, Severity.WARNING
        for kind in kinds:  # told apart by definitions and data: worth a look
            if kind in self.any:
                same_outcome = status.outcome is not None and kind == status.outcome
                return self.any[kind], None if same_outcome else Severity.INFO
        return None, None


def _synonym_problem(group: str, status: Status, word: str, other: Status, other_word: str,
                     level: Severity) -> Problem:
    if group.startswith("="):
        meaning = "words your council listed as synonyms (" + group.split(":", 1)[1] + ")"
    else:
        meaning = MEANING[group]
    words = f'"{word}"' + ("" if other_word == word else f' and "{other_word}"')
    subject = f"{other.name}|{status.name}"
    if level == Severity.WARNING:
        return Problem(status.span, f"'{status.name}' and '{other.name}' both name {meaning} "
                       f"({words}): a rep cannot tell which one to use",
                       help="merge them, or give each a `means` definition and the "
                       "`requires` that make the difference checkable", subject=subject)
    return Problem(status.span, f"'{status.name}' and '{other.name}' both name {meaning} "
                   f"({words}); their definitions and required data differ, so make sure "
                   "reps know when to use which", help="say in each `use` line when it is the "
                   "right one, or rename one of them", subject=subject, severity=Severity.INFO)


# -- same definition -------------------------------------------------------------------------
def _same_definition(ctx: Context, reported: set[tuple[str, str]]) -> Iterator[Problem]:
    first: dict[str, Status] = {}
    for status in ctx.statuses:
        text = normal(status.means or "")
        if not text:
            continue
        other = first.setdefault(text, status)
        if other is status or (other.name, status.name) in reported:
            continue
        reported.add((other.name, status.name))
        yield Problem(status.span, f"'{status.name}' has the same definition as "
                      f"'{other.name}': the guide cannot tell reps which one to use",
                      help="write what makes each status different, or merge them",
                      subject=f"{other.name}|{status.name}")
