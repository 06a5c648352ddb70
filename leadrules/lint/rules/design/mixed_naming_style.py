"""Mixed naming style: some statuses say what is expected next, others what was done.

**Why it matters.** Statuses are usually named either after "what is expected to be done"
(«Новый»: the request should be accepted; «Предложение»: a proposal should be prepared and
sent) or after "what has been done" («Обработан», «Отправлено предложение»). Both are right;
the point is to choose one and name every status in it (seed 003). A list that mixes them
makes reps wonder whether "Proposal sent" comes before or after "Proposal", and whether a
status describes their next task or their last one.

**Options.** None. The working statuses are compared — neither the `initial` status nor
outcomes nor `locked` statuses, which read naturally in either style (seed 003's own scale runs
«Новый» … «Сконвертирован», «Забракован»). Each is sorted by its label as reps see it (its name
when it has none), and then by its name:

- **done**: a finished step of work — "Proposal sent", "Demo done", "Meeting scheduled",
  «Обработан», «Отправлено предложение», 已发送报价, 报价了, "E-mel dihantar",
  "Oferta wysłana" (word lists, and past participles: English `-ed`; Russian short participles
  such as `-ан`, `-ено` and past forms such as `-лся`; Polish `-any`, `-ony`, `-owany`;
  Chinese 已… and …了);
- **expected**: the work ahead — "New", "Proposal", "Negotiation", "Review needed",
  «В обработке», «Предложение», 处理中, 待处理, "Dalam proses", "W toku" (word lists, English
  `-ing` — but not nouns such as timing or pricing — and `-tion`, Russian `-ние`, `-тие`,
  `-ция`, Polish `-anie`, `-enie`, `-cja`, Chinese …中 and 待…);
- neither: everything else, including a word right after a negation ("Not contacted") and
  words that say where the LEAD is rather than what the rep did — Qualified, Connected,
  Contacted, Converted, Recycled, «Квалифицирован», Zakwalifikowany, 已联系 — which fit
  either style.

One finding per scheme, as an **info**, when both styles occur among the labels (or else among
the names); it lists the statuses of each style. A council adds its own words in its
configuration:

```toml
[words]
done = ["Closed out"]
expected = ["Onboarding"]
```

**Fails**

```leads
status Новый {
  initial
  means "Заявка только поступила."
}
status "В обработке" {
  means "Выясняем контакты и потребности."
}
status "КП отправлено" {
  means "Клиенту отправлено предложение."
}
status Сконвертирован {
  outcome won
  means "Клиент согласился."
}
transition Новый -> "В обработке" manual
transition "В обработке" -> "КП отправлено" manual
transition "КП отправлено" -> Сконвертирован manual
```

**Passes**

```leads
status Новый {
  initial
  means "Заявка только поступила."
}
status "В обработке" {
  means "Выясняем контакты и потребности."
}
status Предложение {
  means "Готовим и отправляем предложение."
}
status Сконвертирован {
  outcome won
  means "Клиент согласился."
}
transition Новый -> "В обработке" manual
transition "В обработке" -> Предложение manual
transition Предложение -> Сконвертирован manual
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._lexicon import DONE, EXPECTED, LEAD_STATES, flat
from leadrules.lint.rules.design._text import (
    NEGATIONS,
    Phrases,
    is_cjk,
    phrases,
    quoted,
    raw_tokens,
    tokens,
)
from leadrules.model.scheme import Status

RULE = Rule("LR205", "mixed-naming-style", Severity.INFO, "design",
            "Some statuses are named after what is expected next, others after what was done")

_CYRILLIC = re.compile(r"[а-я]")
_POLISH = re.compile(r"[ąćęłńóśźż]")
RU_DONE = ("ан", "ана", "ано", "аны", "ян", "яна", "яно", "ен", "ена", "ено", "ены")
RU_PAST = ("лся", "лась", "лось", "лись", "ил", "ила", "ило", "или")
RU_EXPECTED = ("ние", "тие", "ция", "ции")
PL_DONE = ("owany", "owana", "owane", "iony", "iona", "ione", "ęty", "ęta", "ęte")
PL_DONE_LONG = ("any", "ana", "ane", "ony", "ona", "one", "ano")
PL_EXPECTED = ("anie", "enie", "cja", "cje", "cji")
#: Nouns that end in -ing without being "-ing" forms of work in progress.
ING_NOUNS = frozenset({"timing", "pricing", "billing", "thing", "something", "nothing",
                       "morning", "evening", "funding", "marketing", "setting", "listing",
                       "string", "spring", "wedding", "building", "ceiling", "feeling",
                       "heading", "landing", "parking"})
SHOWN = 6


def check(ctx: Context) -> Iterator[Problem]:
    styles = _Styles(phrases(frozenset(w.casefold() for w in flat(LEAD_STATES))),
                     phrases(ctx.words("expected", flat(EXPECTED))),
                     phrases(ctx.words("done", flat(DONE))))
    working = [s for s in ctx.statuses if not (s.initial or s.outcome or s.locked)]
    labelled = any(s.label for s in working)
    channels: tuple[tuple[str, Callable[[Status], str]], ...] = (
        ("labels" if labelled else "names", lambda s: s.label or s.name),
        ("names", lambda s: s.name))
    for channel, text_of in channels:
        done: list[Status] = []
        expected: list[Status] = []
        for status in working:
            style = styles.of(text_of(status))
            if style == "done":
                done.append(status)
            elif style == "expected":
                expected.append(status)
        if done and expected:
            minority = done if len(done) <= len(expected) else expected
            yield Problem(minority[0].span, f"the status {channel} mix two naming styles: "
                          f"{_names(done, text_of)} {_say(done)} what was done, "
                          f"{_names(expected, text_of)} {_say(expected)} what is expected "
                          "next",
                          help="choose one style and rename the others: either what is "
                          "expected next («Новый», «Предложение») or what was done "
                          "(«Обработан», «Отправлено предложение»)", subject=channel)
            return


def _say(statuses: list[Status]) -> str:
    return "says" if len(statuses) == 1 else "say"


def _names(statuses: list[Status], text_of: Callable[[Status], str]) -> str:
    names = [text_of(s) for s in statuses]
    if len(names) > SHOWN:
        return quoted(names[:SHOWN - 1]) + f" and {len(names) - SHOWN + 1} more"
    return quoted(names)


class _Styles:
    def __init__(self, states: Phrases, expected: Phrases, done: Phrases) -> None:
        self.lists = (("state", states), ("done", done), ("expected", expected))

    def of(self, text: str) -> str | None:
        """'done', 'expected' or None for one name or label."""
        raw = raw_tokens(text)
        kinds: list[str | None] = [None] * len(raw)
        for kind, words in self.lists:
            for match in words.find(text):
                for i in range(match.start, match.end):
                    kinds[i] = kinds[i] or kind
        toks = tokens(text)
        for i, tok in enumerate(raw):
            if i and toks[i - 1] in NEGATIONS:
                continue
            if kinds[i] is None or (kinds[i] == "expected" and is_cjk(tok)):
                # a run of Chinese characters is one token: 已发送报价 holds 报价 (expected)
                # but its 已 makes it done
                kinds[i] = _guess(tok) or kinds[i]
        if "done" in kinds:
            return "done"
        return "expected" if "expected" in kinds else None


def _guess(tok: str) -> str | None:
    """The style a word's ending suggests (see the rule's documentation)."""
    if is_cjk(tok):
        if tok.startswith("已") or tok.endswith("了") or "完成" in tok:
            return "done"
        return "expected" if tok.endswith("中") or tok.startswith("待") else None
    if _CYRILLIC.search(tok):
        if (len(tok) >= 7 and tok.endswith(RU_DONE)) or (len(tok) >= 6 and tok.endswith(RU_PAST)):
            return "done"
        return "expected" if len(tok) >= 6 and tok.endswith(RU_EXPECTED) else None
    if len(tok) >= 5 and tok.endswith("ed") and not tok.endswith("eed"):
        return "done"
    if len(tok) >= 7 and (tok.endswith(PL_DONE) or (
            tok.endswith(PL_DONE_LONG) and (len(tok) >= 8 or _POLISH.search(tok)))):
        return "done"
    if len(tok) >= 6 and tok.endswith("ing") and tok not in ING_NOUNS:
        return "expected"
    if len(tok) >= 7 and tok.endswith(("tion", "sion", *PL_EXPECTED)):
        return "expected"
    return None
