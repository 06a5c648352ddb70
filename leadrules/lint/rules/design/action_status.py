"""Action status: a status that is a task, or how one contact attempt went.

**Why it matters.** A status is a stage of work with the lead, not an action (seed 003).
"Перезвонить", "Отправить письмо", "Уточнить адрес электронной почты", "Отправить КП" are tasks
a manager sets and does to move the lead on; "Не дозвонился", "Не отвечает" are not a business
process at all (seed 002): a lead nobody reached stays in «Новая заявка», the attempts are
counted and the manager changed. Calls and emails live in the activity feed and the history;
as statuses they multiply, they flip every few minutes and they say nothing about progress.

**Options.** None. A status is reported when its name or label contains

- a **task** — "Call back", "Send email", "Send proposal", "Follow up", "Clarify email
  address", "Перезвонить", "Отправить КП", 回电, 跟进, "Hubungi semula", "Oddzwonić",
  "Wysłać ofertę"…, anywhere in the scheme; or
- the **outcome of one attempt** — "No answer", "Didn't get through", "Email sent",
  "Не дозвонился", "Не отвечает", 未接通, "Tiada jawapan", "Nie odbiera"…, except on an
  `outcome` status: a lost status named by its reason ("Lost: unreachable") is one lost status
  per reason, as seed 003 suggests.

Words are matched in English, Russian, Chinese, Malay and Polish, whatever their case or
punctuation and in their common inflected forms. A word right after a negation does not count,
and a Chinese task followed by 中 ("in progress": 跟进中) is a stage of work, not a task. A
council adds its own tasks in its configuration:

```toml
[words]
action = ["Перезвонить завтра", "Send NDA"]
```

**Fails**

```leads
field attempts count
status New {
  initial
  means "Just arrived; nobody has called yet."
}
status "Не дозвонился" {
  means "We called and nobody picked up."
}
status Working {
  means "We are talking to the client."
}
transition New -> "Не дозвонился" manual
transition New, "Не дозвонился" -> Working manual
```

**Passes**

```leads
field attempts count
status New {
  initial
  means "Just arrived; we keep calling until someone picks up."
  when attempts >= 10 -> Working
}
status Working {
  means "We are talking to the client."
}
transition New -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._lexicon import ATTEMPTS, TASKS, flat
from leadrules.lint.rules.design._text import phrases

RULE = Rule("LR203", "action-status", Severity.WARNING, "design",
            "A status that is a task or the outcome of one contact attempt, not a stage of work")


def check(ctx: Context) -> Iterator[Problem]:
    tasks = phrases(ctx.words("action", flat(TASKS)), progressive_ok=True)
    attempts = phrases(frozenset(w.casefold() for w in flat(ATTEMPTS)), progressive_ok=True)
    for status in ctx.statuses:
        task = tasks.first(status.name, status.label)
        if task is not None:
            yield Problem(status.span, f"'{status.name}' is a task (\"{task}\"), not a stage "
                          "of work: tasks are done while the lead is in a status",
                          help="make it a `task \"…\"` in the `on enter` of the status the "
                          "lead is in, and name the status after the stage of work",
                          subject=status.name)
            continue
        attempt = None if status.outcome else attempts.first(status.name, status.label)
        if attempt is not None:
            yield Problem(status.span, f"'{status.name}' records how one contact attempt went "
                          f"(\"{attempt}\"), not where the lead is in the process",
                          help="count attempts in a field (`when attempts >= 10 -> …`) and "
                          "keep the lead in its stage of work (New, Attempting contact); the "
                          "activity history keeps every call and email", subject=status.name)
