"""Reading status names, labels and definitions the way the design rules compare them.

A text is cut into *tokens*: runs of letters of one script (Latin, Cyrillic…), runs of Chinese
characters, and numbers. Before cutting, `camelCase` is split (`MeetingSet` is "meeting set"),
the text is case-folded, `ё` becomes `е` and apostrophes vanish (`didn't` is "didnt"); every
other punctuation mark separates tokens (`e-mail` is "e mail", `Follow-up` is "follow up").

Tokens are then *stemmed* lightly so that inflected forms meet: one common ending is cut from a
Cyrillic token when at least three letters stay (`Новая`, `Новый` → "нов"; `дозвонился`,
`дозвонилась` → "дозвонил"), and from a Latin token when at least four letters stay (Polish
`odrzucony`, `odrzucona` → "odrzucon"). Word lists go through the same steps, so a list entry
matches every form that stems alike; nothing else is guessed.

A `Phrases` list matches a text when the tokens of one of its phrases appear one after the
other in the text's tokens (a phrase of Chinese characters matches inside a run of them), unless
the match comes right after a negation (`Not contacted` is not "contacted"; 未联系 is not 联系).
A one-character Chinese phrase (新, 热) matches only at the start of a run (新线索, not 重新激活).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{CJK_CHARS}]+|[^\W\d_{CJK_CHARS}]+|\d+")
_CAMEL = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])")
_CJK = re.compile(rf"[{CJK_CHARS}]")
_CYRILLIC = re.compile(r"[а-яё]")

#: Russian endings cut by `stem` (nouns, adjectives, participles, reflexive verbs).
RU_ENDINGS = tuple(sorted((
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ая", "яя", "ое", "ее",
    "ые", "ие", "ый", "ий", "ой", "ом", "ем", "ах", "ях", "ов", "ев", "ей", "ам", "ям", "ую",
    "юю", "ия", "ию", "ии", "ась", "ось", "ись", "ся", "сь", "а", "я", "о", "е", "ы", "и",
    "у", "ю", "ь", "й"), key=len, reverse=True))
#: Polish endings cut from Latin tokens (harmless on English and Malay: both sides are cut alike).
PL_ENDINGS = tuple(sorted((
    "owie", "ami", "ach", "ego", "emu", "ymi", "imi", "ych", "ich", "ej", "ie", "om", "ów",
    "ą", "ę", "y", "a", "e", "i", "u", "o"), key=len, reverse=True))

#: Words that turn what follows into its opposite: "Not contacted" is not "contacted" (a
#: listed phrase may still start with one: "Не дозвонился", "No answer").
NEGATION_WORDS = ("not", "no", "non", "never", "не", "нет", "ни", "nie", "tidak", "belum",
                  "bukan", "tiada")
CJK_NEGATIONS = frozenset("未不没無无非别")


def is_cjk(token: str) -> bool:
    return bool(_CJK.match(token))


@functools.lru_cache(maxsize=1 << 16)
def raw_tokens(text: str) -> tuple[str, ...]:
    """The text's tokens, case-folded but not stemmed."""
    text = _CAMEL.sub(" ", text).casefold().replace("ё", "е")
    text = text.replace("'", "").replace("’", "").replace("`", "")
    return tuple(_TOKEN.findall(text))


@functools.lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """Cut one common ending (see the module notes); Chinese tokens and numbers are kept."""
    if not token or is_cjk(token) or token.isdigit():
        return token
    if _CYRILLIC.search(token):
        endings, keep = RU_ENDINGS, 3
    else:
        endings, keep = PL_ENDINGS, 4
    for ending in endings:
        if token.endswith(ending) and len(token) - len(ending) >= keep:
            return token[: -len(ending)]
    return token


NEGATIONS = frozenset(stem(w) for w in NEGATION_WORDS)


@functools.lru_cache(maxsize=1 << 16)
def tokens(text: str) -> tuple[str, ...]:
    """The text's stemmed tokens."""
    return tuple(stem(t) for t in raw_tokens(text))


def normal(text: str) -> str:
    """One comparable form of a whole text (stemmed tokens joined by spaces)."""
    return " ".join(tokens(text))


@attrs.frozen
class Match:
    """Which listed phrase matched, which tokens of the text it covers, and the matched words
    as the text writes them (for messages)."""

    phrase: str
    start: int
    end: int  # exclusive
    text: str = ""


class Phrases:
    """A word list compiled for matching; build it with `phrases(words)` (cached)."""

    def __init__(self, words: Iterable[str], *, progressive_ok: bool = False) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.cjk: list[tuple[str, str]] = []
        self.progressive_ok = progressive_ok
        for word in words:
            toks = tokens(word)
            if not toks:
                continue
            if len(toks) == 1 and is_cjk(toks[0]):
                self.cjk.append((toks[0], word))
            else:
                self.by_first.setdefault(toks[0], []).append((toks, word))
        for bucket in self.by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))  # longest phrase first

    def find(self, text: str | None) -> list[Match]:
        """Every phrase of the list found in `text`, in order of position."""
        if not text:
            return []
        toks, raw = tokens(text), raw_tokens(text)
        found: list[Match] = []
        for i, tok in enumerate(toks):
            if i and toks[i - 1] in NEGATIONS:
                continue
            for phrase, word in self.by_first.get(tok, ()):
                if toks[i:i + len(phrase)] == phrase:
                    end = i + len(phrase)
                    found.append(Match(word, i, end, " ".join(raw[i:end])))
                    break
            if self.cjk and is_cjk(tok):
                found.extend(Match(word, i, i + 1, chars) for chars, word in self._in_cjk(tok))
        return found

    def _in_cjk(self, token: str) -> list[tuple[str, str]]:
        out = []
        for chars, word in self.cjk:
            at = token.find(chars)
            while at >= 0:
                if len(chars) == 1 and at > 0:
                    break  # one character matches only at the start: 新线索, not 重新激活
                before = token[at - 1] if at else ""
                after = token[at + len(chars):at + len(chars) + 1]
                if before not in CJK_NEGATIONS and not (self.progressive_ok and after == "中"):
                    out.append((chars, word))
                    break
                at = token.find(chars, at + 1)
        return out

    def first(self, *texts: str | None) -> str | None:
        """The words of the first match in the first text that has one, as written there
        (case-folded)."""
        for text in texts:
            hits = self.find(text)
            if hits:
                return hits[0].text
        return None


@functools.lru_cache(maxsize=256)
def phrases(words: frozenset[str], progressive_ok: bool = False) -> Phrases:
    """A compiled (and cached) word list. With `progressive_ok`, a Chinese phrase followed by
    中 ("…in progress") does not match: 跟进中 is a state, 跟进 a task."""
    return Phrases(sorted(words), progressive_ok=progressive_ok)


def quoted(names: Iterable[str]) -> str:
    """`'A', 'B' and 'C'` for messages."""
    items = [f"'{n}'" for n in names]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
