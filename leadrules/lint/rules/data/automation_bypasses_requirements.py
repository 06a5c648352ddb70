"""Automation bypasses requirements: an automatic move into a status skips the data it requires.

**Why it matters.** `requires` holds reps to a rule: to move a lead to Connected they must log
the interaction and its date, to Qualified fill in budget, authority, need and timeline
(seed 000). Automatic moves — an event from an integration, a timer, an attempt limit, a stage
change — put leads into the same statuses with no rep in the loop. When nothing on such a move
supplies the required fields, the status means less for automated leads than for the ones
moved by hand: an email reply makes a lead Connected without connection notes, a stage change
makes it Converted without an opportunity id. Sometimes that is intended (the integration
fills the field, or the rep completes it afterwards); the council should decide, which is why
this is an info. A move whose own `set` gives a value the target's `requires` rejects is a
certain mistake and a warning (a timer that sets `lost_reason = other` into a status that
requires `lost_reason in (budget, competitor)`).

**Options.** None. Automatic moves are `transition … on EVENT auto`, `after … -> S`,
`when … -> S` and `when stage becomes/returns to … -> S`; each written move is reported once
per target status. A field counts as supplied when the move sets it (`set` on the timer or
rule, or `set` in the target's `on enter`), when the move's own condition makes sure it is
filled in (`when …` of the timer or rule, `requires …` of the transition), or when the status
the lead comes from required it or set it on entry (the data is still on the lead). For a
move from several statuses (a transition with several sources, a stage change) a field
missing from any of them is named.

**Fails**

```leads
field notes text
status New {
  initial
}
status Connected {
  requires notes
}
transition New -> Connected on reply_received auto
```

**Passes**

```leads
field notes text
status New {
  initial
}
status Connected {
  requires notes
  on enter { set notes = "replied by email" }
}
transition New -> Connected on reply_received auto
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from leadrules.errors import Severity, Span
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.data._common import UNKNOWN, evaluate, filled_fields, shorten
from leadrules.model.common import Condition, condition_fields, condition_text
from leadrules.model.scheme import Assignment, Status

RULE = Rule("LR305", "automation-bypasses-requirements", Severity.INFO, "data",
            "An automatic move into a status that does not supply the data the status "
            "requires of reps")


def check(ctx: Context) -> Iterator[Problem]:
    statuses = ctx.scheme.status_map
    carried: dict[str, dict[str, object]] = {}

    def carried_by(name: str) -> dict[str, object]:
        if name not in carried:
            s = statuses[name]
            known: dict[str, object] = dict.fromkeys(filled_fields(s.requires), UNKNOWN)
            known.update((a.field.name, UNKNOWN) for a in s.on_enter
                         if isinstance(a, Assignment))
            carried[name] = known
        return carried[name]

    def judge(what: str, span: Span, subject: str, target: Status, sources: Iterable[str],
              cond: Condition | None, sets: tuple[Assignment, ...]) -> Iterator[Problem]:
        need = target.requires
        if need is None:
            return
        literal: dict[str, object] = {a.field.name: a.value for a in sets}
        literal.update((a.field.name, a.value) for a in target.on_enter
                       if isinstance(a, Assignment))
        mentioned = list(dict.fromkeys(ref.name for ref in condition_fields(need)))
        everything: dict[str, object] = dict.fromkeys(mentioned, UNKNOWN)
        if evaluate(need, everything | literal) is False:
            shown = ", ".join(f"{n} = {v}" for n, v in literal.items() if n in mentioned)
            yield Problem(span, f"{what} sets {shown}, which does not meet what "
                          f"'{target.name}' requires: {condition_text(need)}",
                          help="set a value the target status accepts, or widen its "
                          "`requires`", subject=subject, severity=Severity.WARNING)
            return
        own = dict.fromkeys(filled_fields(cond), UNKNOWN) | literal
        missing: list[str] = []
        for source in sources:
            known = carried_by(source) | own
            if evaluate(need, known) is False:
                missing.extend(n for n in mentioned if n not in known and n not in missing)
        if missing:
            ordered = [n for n in mentioned if n in missing]
            yield Problem(span, f"{what} moves leads into '{target.name}' without supplying "
                          f"{', '.join(ordered)}, which reps must fill in to move a lead there",
                          help=f"set the fields on the move or in the `on enter` of "
                          f"'{target.name}', or make sure the integration fills them in; if "
                          "reps complete them afterwards, say so in its `use`",
                          subject=subject)

    for t in ctx.scheme.transitions:
        if t.manual:
            continue
        names = [s.name for s in t.sources]
        origin = "any status" if t.from_any else shorten(names)
        assert t.event is not None
        yield from judge(f"the automatic move on '{t.event.name}' from {origin}", t.span,
                         f"{t.event.name}|{'any' if t.from_any else ','.join(names)}"
                         f"->{t.target.name}", statuses[t.target.name], names, t.requires, ())
    for s in ctx.statuses:
        for timer in s.timers:
            if timer.target is None:
                continue
            yield from judge(f"the timer 'after {timer.delay}' in '{s.name}'", timer.span,
                             f"{s.name}|after {timer.delay}->{timer.target.name}",
                             statuses[timer.target.name], [s.name], timer.when, timer.sets)
        for rule in s.rules:
            text = condition_text(rule.when)
            yield from judge(f"the rule 'when {text}' in '{s.name}'", rule.span,
                             f"{s.name}|when {text}->{rule.target.name}",
                             statuses[rule.target.name], [s.name], rule.when, rule.sets)
    sync_sources: dict[Span, list[str]] = {}
    for u, _, data in ctx.graph.edges(data=True):
        if data["kind"] == "stage-sync":
            sync_sources.setdefault(data["span"], []).append(u)
    for sync in ctx.scheme.syncs:
        verb = "becomes" if sync.kind == "becomes" else "returns to"
        yield from judge(f"the stage change 'when stage {verb} {sync.stage.name}'", sync.span,
                         f"stage {verb} {sync.stage.name}->{sync.status.name}",
                         statuses[sync.status.name], sync_sources.get(sync.span, []), None, ())
