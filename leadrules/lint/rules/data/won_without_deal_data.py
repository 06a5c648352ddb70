"""Won without deal data: a won outcome that does not record the deal, or is not locked.

**Why it matters.** When a lead becomes an opportunity (Converted), seed 000 asks for the
linked opportunity id, the expected close date and the deal value, and the lead's status is
locked: it cannot be changed back. Without the id nobody can tie the won lead to its deal;
without the value and the close date the pipeline cannot be forecast, and "converted, then
stalled as an opportunity" (premature conversion, seed 000) cannot be spotted. A won status
that is not locked lets a converted lead be moved again, so last quarter's won numbers change.

**Options.**
- `id-words` (default: opportunity, opp, deal, id, сделк, номер, договор, szans, transakc,
  umow, peluang, tawaran, 商机, 机会, 交易, 订单, 合同): words that mark a field as the link to
  the deal.
- `value-words` (default: value, amount, sum, сумм, стоимост, wartość, kwota, nilai, jumlah,
  金额, 价值): words that mark a `number` field as the deal value.

Setting an option replaces its list, so copy the defaults you want to keep.

The three aspects, each met by a field that the status's own `requires` fills in on every way
of meeting it (as in `lost-without-reason`):
- **opportunity id**: a `text` or `number` field whose name contains an `id-words`
  word (words of up to 3 letters must be a whole part of the name, longer words the start of
  a part, Chinese words anywhere: `deal_id`, `номер_сделки`, `商机编号`);
- **expected close date**: any `date` or `datetime` field;
- **deal value**: any `money` field, or a `number` field whose name contains a `value-words`
  word.

Each missing aspect is one finding: a **warning** when the status requires none of the three
(the win records no deal at all), an **info** when it requires some of them and the council
may have left the rest out on purpose. A won status without `locked` is a warning.

**Fails**

```leads
field deal_value money
status Qualified {
  initial
}
status Won {
  outcome won
}
transition Qualified -> Won manual
```

**Passes**

```leads
field opportunity_id text
field close_date date
field deal_value money
status Qualified {
  initial
}
status Won {
  outcome won
  locked
  requires opportunity_id and close_date and deal_value
}
transition Qualified -> Won manual
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Option, Problem, Rule
from leadrules.lint.rules.data._common import guarantees, name_matches
from leadrules.model.scheme import Field

ID_WORDS = ["opportunity", "opp", "deal", "id", "сделк", "номер", "договор", "szans",
            "transakc", "umow", "peluang", "tawaran", "商机", "机会", "交易", "订单", "合同"]
VALUE_WORDS = ["value", "amount", "sum", "сумм", "стоимост", "wartość", "kwota", "nilai",
               "jumlah", "金额", "价值"]

RULE = Rule("LR303", "won-without-deal-data", Severity.WARNING, "data",
            "A won outcome that does not require the deal's id, close date and value, or "
            "is not locked",
            {"id-words": Option(ID_WORDS, "words that mark a field as the link to the deal",
                                list),
             "value-words": Option(VALUE_WORDS, "words that mark a number field as the deal "
                                   "value", list)})


def check(ctx: Context) -> Iterator[Problem]:
    fields = ctx.scheme.field_map
    id_words = [str(w) for w in ctx.options["id-words"]]
    value_words = [str(w) for w in ctx.options["value-words"]]

    def is_id(f: Field) -> bool:
        return f.type in ("text", "number") and name_matches(f.name, id_words)

    def is_date(f: Field) -> bool:
        return f.type in ("date", "datetime")

    def is_value(f: Field) -> bool:
        return f.type == "money" or (f.type == "number" and name_matches(f.name, value_words))

    aspects: list[tuple[str, str, Callable[[Field], bool]]] = [
        ("opportunity id", "a field linking the deal, such as `opportunity_id text`", is_id),
        ("expected close date", "a `date` field such as `close_date date`", is_date),
        ("value", "a `money` field such as `deal_value money`", is_value),
    ]
    for status in ctx.statuses:
        if status.outcome != "won":
            continue
        if not status.locked:
            yield Problem(status.span, f"'{status.name}' is a won outcome but not `locked`: a "
                          "converted lead can still be moved, and won numbers change after "
                          "the fact", help="add `locked`: once a lead is an opportunity its "
                          "status is frozen (seed 000)", subject=f"{status.name}|locked")
        missing = [(aspect, example) for aspect, example, test in aspects
                   if not guarantees(status.requires, _field_test(fields, test))]
        level = Severity.WARNING if len(missing) == len(aspects) else Severity.INFO
        for aspect, example in missing:
            yield Problem(status.span, f"'{status.name}' is a won outcome that does not require "
                          f"the deal's {aspect}", help=f"require {example} in "
                          f"'{status.name}' (seed 000: opportunity id, expected close date, "
                          "deal value)", subject=f"{status.name}|{aspect}", severity=level)


def _field_test(fields: Mapping[str, Field],
                test: Callable[[Field], bool]) -> Callable[[str], bool]:
    """A test on a field name: declared, and passing `test`."""
    return lambda name: name in fields and test(fields[name])
