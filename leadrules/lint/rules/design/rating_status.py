"""Rating status: a rating or a flag used as a status (Hot, Warm, Cold, VIP, Do not contact).

**Why it matters.** A status says what is happening with the lead now; how promising it is
(hot, warm, cold, A/B/C, VIP, priority) or a mark on it (do not contact, assigned) is a
different question with its own answer. Seed 002 qualifies leads with the ABC technique and
keeps the letter in a field, so "qualified" stays one status while A, B and C decide who gets
the work. As statuses, ratings push the real stage out: a hot lead in negotiation must be
either "Hot" or "Negotiation", never both, and the funnel reports lose it.

**Options.** None. A status is reported when its whole name or label is a rating or a flag,
possibly with a grade or a word such as lead or client around it: "Hot", "Hot lead",
"Горячий клиент", "VIP", "Priority A", "Class B", "A", "Do not contact", "Не звонить",
"Assigned", 热线索, "A类客户", "Keutamaan tinggi", "Zimny" — in English, Russian, Chinese, Malay
and Polish. A name that only uses the word for something else is not reported: "Холодный ящик"
(the box where cold leads are warmed up) is a parking place, not a rating. A council adds its
own ratings in its configuration:

```toml
[words]
rating = ["Golden", "Tier S"]
```

**Fails**

```leads
status New {
  initial
  means "Just arrived."
}
status Hot {
  means "Ready to buy soon."
}
status Cold {
  means "Not buying this year."
}
transition New -> Hot manual
transition New -> Cold manual
```

**Passes**

```leads
field rating choice(hot, warm, cold)
status New {
  initial
  means "Just arrived."
}
status Qualified {
  means "We know the need and the budget; the rating field says how hot it is."
  requires rating
}
transition New -> Qualified manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._lexicon import GRADES, RATING_FILLERS, RATINGS, flat
from leadrules.lint.rules.design._text import Phrases, is_cjk, phrases, tokens

RULE = Rule("LR204", "rating-status", Severity.WARNING, "design",
            "A rating or flag (Hot, VIP, Do not contact) used as a status instead of a field")


def check(ctx: Context) -> Iterator[Problem]:
    ratings = ctx.words("rating", flat(RATINGS))
    fillers = frozenset(w.casefold() for w in flat(RATING_FILLERS))
    rating_list, filler_list = phrases(ratings), phrases(fillers)
    cjk_ratings = _cjk(ratings)
    cjk_fillers = _cjk(fillers)
    for status in ctx.statuses:
        for text in (status.name, status.label):
            if text and _is_rating(text, rating_list, filler_list, cjk_ratings, cjk_fillers):
                yield Problem(status.span, f"'{text}' is a rating or a flag, not a stage of "
                              "work: how promising a lead is belongs in a field",
                              help="keep it in a `choice` field (`field rating choice(hot, "
                              "warm, cold)`), use it in conditions (`when rating = cold -> "
                              "Nurture`), and let the status say what is happening",
                              subject=status.name)
                break


def _cjk(words: frozenset[str]) -> tuple[str, ...]:
    """The Chinese words, longest first (so 高优先级 goes before 优先)."""
    found = {t for w in words for t in tokens(w) if is_cjk(t)}
    return tuple(sorted(found, key=len, reverse=True))


def _is_rating(text: str, rating_list: Phrases, filler_list: Phrases,
               cjk_ratings: tuple[str, ...], cjk_fillers: tuple[str, ...]) -> bool:
    """Whether every token is a rating, a filler or a grade, with at least one rating or grade."""
    toks = tokens(text)
    covered = [False] * len(toks)
    rated = False
    for found, is_rating in ((rating_list.find(text), True), (filler_list.find(text), False)):
        for match in found:
            if is_cjk(toks[match.start]):
                continue  # Chinese runs are checked below, character by character
            for i in range(match.start, match.end):
                covered[i] = True
            rated = rated or is_rating
    for i, tok in enumerate(toks):
        if tok in GRADES:
            covered[i], rated = True, True
        elif is_cjk(tok):
            rest = tok
            for word in cjk_ratings:
                if word in rest:
                    rest, rated = rest.replace(word, ""), True
            for word in cjk_fillers:
                rest = rest.replace(word, "")
            covered[i] = not rest
    return bool(toks) and all(covered) and rated
