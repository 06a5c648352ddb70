"""Status named like a stage: a status called MQL, Opportunity, Customer, Lead, Deal…

**Why it matters.** A stage is where the lead is in the buyer journey (MQL, SQL, Opportunity,
Customer); a status is what is happening with it right now (Attempting, Connected, Working).
"People often confuse the two, and it causes problems" (seed 000); both are needed and kept
apart (seed 001). A status named after a stage, or after another CRM record (a deal, an account,
a contact, a quotation), mixes the two: reps cannot tell which field to update, reports by stage
and by status disagree, and the status set starts to copy the lifecycle instead of the work.

**Options.** None. A status is reported when its name or its label, ignoring case, spaces,
`_`, `-` and punctuation (and the part in parentheses, or outside them, on its own), is

- a lifecycle stage or CRM record word: MQL, SQL, SAL, PQL (and their long forms), Lead,
  Opportunity, Customer, Churned customer, Deal, Account, Contact, Quotation, Quote, Subscriber,
  Prospect, with Russian, Chinese, Polish and Malay forms (Лид, Сделка, Клиент, Возможность;
  线索, 商机, 客户; Szansa, Klient, Transakcja; Peluang, Pelanggan, Prospek…). Add your own
  with `[words] stage = ["…"]` in the configuration;
- or the name or label of one of the scheme's own stages.

Only whole names count: "Opportunity lost" or "Converted to deal" are fine. When a council
deliberately names a won status after the stage it lives in, it says so with
`# leadrules: ignore[status-named-like-stage] "why"` on the status.

**Fails**

```leads
stages {
  MQL
  SQL
}
status New {
  initial
  stages MQL
}
status SQL "Sales qualified lead" {
  stages SQL
}
transition New -> SQL manual
```

**Passes**

```leads
stages {
  MQL
  SQL
}
status New {
  initial
  stages MQL
}
status Qualified "Qualified (BANT)" {
  stages SQL
}
transition New -> Qualified manual
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR505", "status-named-like-stage", Severity.WARNING, "stages",
            "A status named like a lifecycle stage or another CRM record")

STAGE_WORDS = (
    # English: lifecycle stages and CRM records
    "MQL", "SQL", "SAL", "PQL", "Marketing qualified lead", "Sales qualified lead",
    "Sales accepted lead", "Product qualified lead", "Marketing qualified", "Sales qualified",
    "Sales accepted", "Lead", "Leads", "Opportunity", "Opportunities", "Customer", "Customers",
    "Churned customer", "Deal", "Deals", "Account", "Accounts", "Contact", "Contacts",
    "Quotation", "Quote", "Subscriber", "Subscribers", "Prospect", "Prospects", "Evangelist",
    # Russian
    "Лид", "Лиды", "Сделка", "Сделки", "Клиент", "Клиенты", "Покупатель", "Возможность",
    "Потенциальный клиент", "Контакт", "Контакты", "Аккаунт", "Подписчик", "Квалифицированный лид",
    # Chinese
    "线索", "销售线索", "潜在客户", "潜客", "商机", "销售机会", "机会", "客户", "流失客户",
    "订阅者", "联系人", "账户", "交易", "报价", "报价单", "营销合格潜客", "销售合格潜客",
    "营销合格线索", "销售合格线索", "销售接受线索",
    # Polish
    "Szansa", "Szanse", "Szansa sprzedaży", "Szansa sprzedażowa", "Klient", "Klienci",
    "Potencjalny klient", "Transakcja", "Kontakt", "Konto", "Wycena", "Subskrybent",
    # Malay
    "Peluang", "Pelanggan", "Prospek", "Urus niaga", "Urusniaga", "Akaun", "Kenalan",
    "Sebut harga", "Pelanggan berpotensi",
)

_PARENS = re.compile(r"\(([^()]*)\)")


def normal(text: str) -> str:
    """Case, punctuation, `_`/`-` and camelCase joints ignored: `SalesQualified_lead` →
    `sales qualified lead`."""
    out: list[str] = []
    prev = ""
    for ch in text:
        if ch.isupper() and prev.islower():
            out.append(" ")
        out.append(ch if ch.isalnum() else " ")
        prev = ch
    return " ".join("".join(out).casefold().split())


def forms(text: str | None) -> set[str]:
    """The normal forms a name or label is compared by: whole, without the part in
    parentheses, and the part in parentheses."""
    if not text:
        return set()
    found = {normal(text), normal(_PARENS.sub(" ", text))}
    found.update(normal(inner) for inner in _PARENS.findall(text))
    return found - {""}


def check(ctx: Context) -> Iterator[Problem]:
    words = {normal(w) for w in ctx.words("stage", STAGE_WORDS)} - {""}
    stages: dict[str, str] = {}
    for stage in ctx.scheme.stages:
        shown = f"{stage.name} (\"{stage.label}\")" if stage.label else stage.name
        for form in forms(stage.name) | forms(stage.label):
            stages.setdefault(form, shown)
    for status in ctx.statuses:
        found: dict[str, list[str]] = {}  # what it matches → "its name 'X'", "its label 'Y'"
        for what, text in (("name", status.name), ("label", status.label)):
            mine = forms(text)
            hits = sorted(mine & stages.keys())
            if hits:
                found.setdefault(f"the stage {stages[hits[0]]}", []).append(f"{what} '{text}'")
            elif mine & words:
                found.setdefault("a lifecycle stage or CRM record", []).append(
                    f"{what} '{text}'")
        reasons = [f"its {' and its '.join(own)} {'match' if len(own) > 1 else 'matches'} "
                   f"{like}" for like, own in found.items()]
        if reasons:
            yield Problem(
                status.span,
                f"status '{status.name}' is named like a stage, not a status: "
                f"{'; '.join(reasons)}. A stage says where the lead is in the journey, a status "
                "what is happening with it now (seeds 000, 001)",
                help="name the status after the work or the decision (Attempting, Working, "
                "Qualified, Converted…) and let the `stages` line say where it is valid",
                subject=status.name)
