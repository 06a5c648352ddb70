"""What the guide says, as data: the Markdown and HTML writers only lay it out.

`build(scheme, locale)` returns a `Guide`: the quick picker, one `Entry` per status in process
order (each a list of titled `Part`s: meaning, when to use it, required data, automation, time
limits, data rules, next moves, how a lead arrives, sub-statuses, healthy ranges), the
stage/status table, the teams and roles, and the footer. Text is plain; `Link`s point at a
status's anchor.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence

import attrs

from leadrules.guide.moves import Move, all_moves
from leadrules.guide.order import move_rank, process_order
from leadrules.guide.phrasing import Phraser, humanize
from leadrules.guide.words import BUILT_IN, has_words
from leadrules.model.common import All, AnyOf, Condition, Filled, Not, condition_fields
from leadrules.model.scheme import (
    DataRule,
    Scheme,
    StageSync,
    Status,
    Task,
    Timer,
    Transition,
    translated,
)
from leadrules.resolve.scheme import resolve_scheme

MAX_NEXT = 4  # targets named in the quick picker's "next step" before "…"


@attrs.frozen
class Link:
    text: str
    anchor: str


Inline = str | Link
Text = tuple[Inline, ...]


@attrs.frozen
class Paragraph:
    text: Text
    muted: bool = False  # a placeholder ("not written yet"), shown less loudly


@attrs.frozen
class Bullets:
    items: tuple[Text, ...]
    intro: str | None = None


@attrs.frozen
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    kind: str = ""  # picker | moves | stages: lets the HTML style each kind
    numeric: tuple[int, ...] = ()  # columns aligned right


Block = Paragraph | Bullets | Table


@attrs.frozen
class Part:
    title: str
    blocks: tuple[Block, ...]
    kind: str = ""


@attrs.frozen
class Entry:
    """One status."""

    name: str
    anchor: str
    number: int
    label: str
    badges: tuple[str, ...]
    parts: tuple[Part, ...]
    outcome: str | None = None
    locked: bool = False
    initial: bool = False


@attrs.frozen
class Section:
    anchor: str
    title: str
    blocks: tuple[Block, ...]


@attrs.frozen
class Guide:
    locale: str | None
    lang: str  # for <html lang>: the locale as a language tag (pt_BR → pt-BR), else en
    kicker: str  # "Status guide"
    title: str  # the scheme's name
    meta: tuple[str, ...]
    picker: Section
    contents_title: str
    statuses_title: str
    entries: tuple[Entry, ...]
    stages: Section
    people: Section | None
    diagram_title: str
    footer: tuple[str, ...]


def text(*parts: Inline) -> Text:
    return tuple(p for p in parts if p != "")


def slug(name: str) -> str:
    """An anchor for a status: letters and digits of any script, dashes between words."""
    words = re.sub(r"[\W_]+", "-", name.casefold()).strip("-")
    return "status-" + (words or "x")


def build(scheme: Scheme, locale: str | None = None) -> Guide:
    """The guide's content for a scheme (resolved first if needed), in a locale."""
    scheme = resolve_scheme(scheme)
    return _Builder(scheme, locale).guide()


class _Builder:
    def __init__(self, scheme: Scheme, locale: str | None) -> None:
        self.scheme = scheme
        self.locale = locale.replace("-", "_") if locale else None
        self.p = Phraser(scheme, self.locale)
        self.moves = all_moves(scheme)
        self.order = process_order(scheme, self.moves)
        self.position = {name: i for i, name in enumerate(self.order)}
        self.written_at = {id(m): i for i, m in enumerate(self.moves)}
        self.anchors: dict[str, str] = {}
        used: set[str] = set()
        for name in self.order:
            anchor = base = slug(name)
            n = 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            self.anchors[name] = anchor

    # -- helpers --------------------------------------------------------------------------

    def w(self, key: str, **values: object) -> str:
        return self.p.word(key, **values)

    def label(self, name: str) -> str:
        return self.p.status(name)

    def link(self, name: str) -> Link:
        return Link(self.label(name), self.anchors[name])

    def joined(self, items: Sequence[Text], conjunction: str = "and") -> Text:
        """Inline texts joined as a list: `a, b or c`."""
        out: list[Inline] = []
        for i, item in enumerate(items):
            if i:
                last = i == len(items) - 1
                out.append(self.p.w[conjunction] if last else self.p.w["sep"])
            out.extend(item)
        return tuple(out)

    def moves_from(self, name: str) -> list[Move]:
        """The moves out of a status: its own transitions in writing order, then its timers
        and data rules, then `any -> …` moves, then stage changes."""
        found = [m for m in self.moves if m.source == name]
        return sorted(found, key=lambda m: (move_rank(m), self.written_at[id(m)]))

    def who(self, m: Move) -> str:
        """Who or what makes a move, with what it needs."""
        p, origin = self.p, m.origin
        if isinstance(origin, Transition):
            if origin.event is None:
                out = p.word("who_manual")
            else:
                out = p.word("who_event", n=p.quote(humanize(origin.event.name)))
            if origin.requires is not None:
                out += p.word("who_requires", c=p.condition(origin.requires))
            if origin.approve is not None:
                role = p.role(origin.approve)
                if origin.approve_if is not None:
                    out += p.word("who_approve_if", r=role, c=p.condition(origin.approve_if))
                else:
                    out += p.word("who_approve", r=role)
            return out
        if isinstance(origin, Timer):
            key = "who_timer_idle" if origin.without_activity else "who_timer"
            out = p.timed(key, origin.delay) + p.sets(origin.sets)
            if origin.when is not None:
                out += p.word("if", c=p.condition(origin.when))
            return out
        if isinstance(origin, DataRule):
            return p.word("who_data", c=p.condition(origin.when)) + p.sets(origin.sets)
        assert isinstance(origin, StageSync)
        key = "who_becomes" if origin.kind == "becomes" else "who_returns"
        return p.word(key, st=p.stage(origin.stage.name))

    # -- the guide ------------------------------------------------------------------------

    def guide(self) -> Guide:
        scheme, p = self.scheme, self.p
        meta = scheme.meta
        title = meta.name if meta else os.path.splitext(os.path.basename(scheme.path))[0]
        lines: list[str] = []
        head = []
        if meta and meta.version:
            head.append(self.w("version", v=meta.version))
        if meta and meta.owner:
            head.append(self.w("owner", v=meta.owner))
        if head:
            lines.append(" · ".join(head))
        if meta and meta.description:
            lines.append(meta.description)
        review = []
        if meta and meta.reviewed:
            review.append(self.w("reviewed_on", v=meta.reviewed.isoformat()))
        if meta and meta.review_every:
            review.append(p.timed("review_every", meta.review_every))
        if review:
            lines.append(self.p.w["sentence_sep"].join(review))
        return Guide(
            locale=self.locale,
            lang=self.locale.replace("_", "-") if self.locale else "en",
            kicker=self.w("title"), title=title, meta=tuple(lines),
            picker=self.picker(), contents_title=self.w("contents"),
            statuses_title=self.w("statuses"),
            entries=tuple(self.entry(i + 1, scheme.status_map[n])
                          for i, n in enumerate(self.order)),
            stages=self.stages(), people=self.people(), diagram_title=self.w("diagram"),
            footer=self.footer())

    def picker(self) -> Section:
        rows = []
        for i, name in enumerate(self.order):
            s = self.scheme.status_map[name]
            use = s.text("use", self.locale) or s.text("means", self.locale) or "—"
            rows.append((text(str(i + 1)), text(self.link(name)), text(use), self.next_step(s)))
        table = Table((self.w("col_number"), self.w("col_status"), self.w("col_use"),
                       self.w("col_next")), tuple(rows), kind="picker", numeric=(0,))
        return Section("quick-picker", self.w("picker"),
                       (Paragraph(text(self.w("picker_intro"))), table))

    def next_step(self, s: Status) -> Text:
        """The quick picker's one line: the entry task, then where the lead goes next."""
        if s.locked:
            return text(self.w("next_final"))
        out = self.moves_from(s.name)
        own = [m for m in out if not m.from_any and m.kind != "stage-sync"] or [
            m for m in out if m.kind != "stage-sync"]
        targets: list[str] = []
        for m in own:
            if m.target not in targets:
                targets.append(m.target)
        items: list[Text] = []
        for target in targets[:MAX_NEXT]:
            automatic = all(m.automatic for m in own if m.target == target)
            tag = self.w("next_auto") if automatic else ""
            items.append(text(self.link(target), tag))
        if len(targets) > MAX_NEXT:
            items.append(text(self.w("more")))
        task = next((a for a in s.on_enter if isinstance(a, Task)), None)
        first: list[Inline] = []
        if task is not None:
            first.append(self.p.timed("next_task", task.due, t=self.p.quote(task.text))
                         if task.due else self.p.quote(task.text))
        if not items:
            if first:
                return tuple(first)
            return text(self.w("next_end") if s.outcome else "—")
        arrow = "→ "
        if first:
            first.append(" ")
        return tuple(first) + text(arrow) + self.joined(items, "or")

    def entry(self, number: int, s: Status) -> Entry:
        p, loc = self.p, self.locale
        badges = []
        if s.initial:
            badges.append(self.w("badge_initial"))
        if s.outcome:
            badges.append(self.w(f"badge_{s.outcome}"))
        if s.locked:
            badges.append(self.w("badge_locked"))
        if s.stages:
            badges.append(self.w("in_stages", v=p.w["sep"].join(
                p.stage(r.name) for r in s.stages)))
        parts = [self.written("means", s.text("means", loc)),
                 self.written("use", s.text("use", loc)),
                 self.required(s), self.automatic(s)]
        if s.aka:  # what reps see in the CRM, when it differs from the scheme's words
            parts.insert(2, Part(self.w("aka"), (Paragraph(text(", ".join(s.aka))),), "aka"))
        time = [p.sla(x) for x in s.slas] + [p.timer(t) for t in s.timers]
        if time:
            parts.append(Part(self.w("time"), (Bullets(tuple(text(t) for t in time)),),
                              "time"))
        if s.rules:
            rules = [p.word("as_soon_as", c=p.condition(r.when)) + " "
                     + p.word("moves_to", s=self.label(r.target.name)) + p.sets(r.sets)
                     for r in s.rules]
            parts.append(Part(self.w("data_rules"), (Bullets(tuple(text(r) for r in rules)),),
                              "data"))
        parts.append(self.next_moves(s))
        parts.append(self.arrivals(s))
        if s.subs:
            subs = tuple(text(sub.label or humanize(sub.name)) for sub in s.subs)
            parts.append(Part(self.w("subs"), (Bullets(subs, self.w("subs_intro")),), "subs"))
        healthy = [p.expectation(e) for e in self.scheme.expects if e.status.name == s.name]
        if healthy:
            parts.append(Part(self.w("healthy"), (Bullets(tuple(text(h) for h in healthy)),),
                              "healthy"))
        return Entry(s.name, self.anchors[s.name], number, self.label(s.name), tuple(badges),
                     tuple(parts), outcome=s.outcome, locked=s.locked, initial=s.initial)

    def written(self, key: str, value: str | None) -> Part:
        if value:
            return Part(self.w(key), (Paragraph(text(value)),), key)
        return Part(self.w(key), (Paragraph(text(self.w("missing_text")), muted=True),), key)

    def required(self, s: Status) -> Part:
        if s.requires is None:
            return Part(self.w("required"), (Paragraph(text(self.w("nothing_required"))),),
                        "required")
        blocks: list[Block] = [Paragraph(text(self.p.condition(s.requires)))]
        notes = []
        seen: set[str] = set()
        for ref in condition_fields(s.requires):
            field = self.scheme.field_map.get(ref.name)
            if field is None or field.name in seen:
                continue
            seen.add(field.name)
            about = []
            if field.description:
                about.append(field.description)
            if field.choices and _filled(s, field.name):
                about.append(self.w("one_of", v=self.p.w["sep"].join(
                    humanize(c.name) for c in field.choices)))
            if about:
                notes.append(text(self.w("field_note", f=humanize(field.name),
                                         v=self.p.w["semicolon"].join(about))))
        if notes:
            blocks.append(Bullets(tuple(notes)))
        return Part(self.w("required"), tuple(blocks), "required")

    def automatic(self, s: Status) -> Part:
        blocks: list[Block] = []
        if s.on_enter:
            blocks.append(Bullets(tuple(text(self.p.action(a)) for a in s.on_enter),
                                  self.w("on_enter")))
        if s.on_exit:
            blocks.append(Bullets(tuple(text(self.p.action(a)) for a in s.on_exit),
                                  self.w("on_exit")))
        if not blocks:
            blocks.append(Paragraph(text(self.w("no_automation"))))
        return Part(self.w("automatic"), tuple(blocks), "automatic")

    def next_moves(self, s: Status) -> Part:
        title = self.w("next")
        if s.locked:
            return Part(title, (Paragraph(text(self.w("no_moves_locked"))),), "next")
        rows: list[tuple[Text, ...]] = []
        for m in self.moves_from(s.name):
            row = (text(self.link(m.target)), text(self.who(m)))
            if row not in rows:
                rows.append(row)
        if not rows:
            key = "no_moves_end" if s.outcome else "no_moves"
            return Part(title, (Paragraph(text(self.w(key))),), "next")
        table = Table((self.w("col_target"), self.w("col_who")), tuple(rows), kind="moves")
        return Part(title, (table,), "next")

    def arrivals(self, s: Status) -> Part:
        items: list[Text] = []
        if s.initial:
            items.append(text(self.w("arrives_initial")))
        groups: dict[str, list[Move]] = {}
        for m in self.moves:
            if m.target == s.name:
                groups.setdefault(self.who(m), []).append(m)
        ordered = sorted(groups.items(), key=lambda kv: (
            min(move_rank(m) for m in kv[1]), min(self.position.get(m.source, 0)
                                                  for m in kv[1])))
        for who, moves in ordered:
            if any(m.from_any for m in moves):
                sources: Text = text(self.w("any_status"))
            else:
                names = sorted({m.source for m in moves}, key=lambda n: self.position.get(n, 0))
                sources = self.joined([self.status_ref(n) for n in names], "or")
            head, _, tail = self.w("arrives_from", s="\0", v=who).partition("\0")
            items.append(text(head, *sources, tail))
        if not items:
            return Part(self.w("arrives"), (Paragraph(text(self.w("arrives_none"))),),
                        "arrives")
        return Part(self.w("arrives"), (Bullets(tuple(items)),), "arrives")

    def status_ref(self, name: str) -> Text:
        """A linked status label inside the locale's quotation marks."""
        head, _, tail = self.w("status_ref", v="\0").partition("\0")
        return text(head, self.link(name), tail)

    def stages(self) -> Section:
        title = self.w("stages")
        if not self.scheme.stages:
            return Section("stages", title, (Paragraph(text(self.w("no_stages"))),))
        rows = []
        for i, stage in enumerate(self.scheme.stages):
            valid = [n for n in self.order
                     if stage.name in {r.name for r in self.scheme.status_map[n].stages}]
            shown = stage.text(self.locale)
            if shown != stage.name:
                shown += f" ({stage.name})"
            rows.append((text(str(i + 1)), text(shown),
                         text("✓" if stage.reportable else ""),
                         self.joined([text(self.link(n)) for n in valid], "and")
                         if valid else text("—")))
        blocks: list[Block] = [
            Paragraph(text(self.w("stages_intro"))),
            Table((self.w("col_number"), self.w("col_stage"), self.w("col_reportable"),
                   self.w("col_valid")), tuple(rows), kind="stages", numeric=(0,))]
        anywhere = [n for n in self.order if not self.scheme.status_map[n].stages]
        if anywhere:
            head, _, tail = self.w("stage_any", v="\0").partition("\0")
            links = self.joined([text(self.link(n)) for n in anywhere], "and")
            blocks.append(Paragraph(text(head, *links, tail)))
        return Section("stages", title, tuple(blocks))

    def people(self) -> Section | None:
        scheme = self.scheme
        if not scheme.teams and not scheme.roles:
            return None
        blocks: list[Block] = []
        if scheme.teams:
            blocks.append(Bullets(tuple(_named(t.name, t.label) for t in scheme.teams),
                                  self.w("teams")))
        if scheme.roles:
            blocks.append(Bullets(tuple(_named(r.name, r.label) for r in scheme.roles),
                                  self.w("roles")))
        return Section("people", self.w("people"), tuple(blocks))

    def footer(self) -> tuple[str, ...]:
        lines = [self.w("footer", v=os.path.basename(self.scheme.path))]
        loc = self.locale
        if loc:
            missing = sum(1 for s in self.scheme.statuses
                          if translated(None, s.translations, "label", loc) is None)
            if missing:
                lines.append(self.w("footer_untranslated", n=missing,
                                    total=len(self.scheme.statuses), loc=loc))
            if not has_words(loc):
                lines.append(self.w("footer_fallback", loc=loc, v=", ".join(BUILT_IN)))
        return tuple(lines)


def _named(name: str, label: str | None) -> Text:
    return text(f"{name} — {label}" if label and label != name else name)


def _filled(s: Status, field: str) -> bool:
    """Whether `requires` asks for the field to be filled in (rather than compared)."""
    return any(isinstance(c, Filled) and c.field.name == field for c in _leaves(s.requires))


def _leaves(cond: Condition | None) -> Iterator[Condition]:
    if isinstance(cond, (All, AnyOf)):
        for op in cond.operands:
            yield from _leaves(op)
    elif isinstance(cond, Not):
        yield from _leaves(cond.operand)
    elif cond is not None:
        yield cond
