"""Golden Markdown guides: one per example scheme, and one scheme that translates its labels
and definitions, in every built-in language and in one the guide has no words for.

To (re)write the golden files after a deliberate change, run
`LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_guide_markdown.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadrules import Loader, load_text
from leadrules.guide import guide_markdown
from leadrules.model.scheme import Scheme
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "guide"
SCHEMES = sorted(EXAMPLES.glob("*.leads"))
LOCALES = ("en", "ru", "pl", "zh", "ms", "de")

# A small scheme with `label`, `means` and `use` in four more languages (and a status, Lost,
# left untranslated on purpose), covering every kind of line the guide puts into words.
TRANSLATED = '''\
scheme "Inbound leads" {
  version "2.1"
  owner "Status council"
  review every 90 days
  reviewed 2026-10-01
}

calendar business {
  timezone "Europe/Warsaw"
  open mon-fri 09:00-17:00
}

field name         text
field phone        phone
field email        email
field attempts     count     "Contact attempts logged"
field last_touch   datetime
field deal_value   money
field authority    bool      "Talking to the decision maker"
field lost_reason  choice(budget, not_ready, unreachable, other)

stages {
  MQL "Marketing qualified" label ru "Маркетинговый лид" label pl "Lead marketingowy" \\
      label zh "营销合格线索" label ms "Lead layak pemasaran"
  SQL "Sales qualified" reportable label ru "Лид для продаж" label pl "Lead sprzedażowy" \\
      label zh "销售合格线索" label ms "Lead layak jualan"
}

team SDR "Sales development"
role manager "Sales manager"

status New "New lead" {
  initial
  stages MQL
  label ru "Новый"
  label pl "Nowy"
  label zh "新线索"
  label ms "Baharu"
  means "Just arrived; nobody has touched it yet."
  means ru "Только что поступил; с ним ещё не работали."
  means pl "Właśnie wpłynął; nikt się nim jeszcze nie zajął."
  means zh "刚进入系统,还没有人跟进。"
  means ms "Baru masuk; belum ada sesiapa menyentuhnya."
  use "The moment a lead is created."
  use ru "Как только лид создан."
  use pl "Gdy tylko lead powstanie."
  use zh "线索创建时立即使用。"
  use ms "Sebaik sahaja lead dicipta."
  requires name and (email or phone)
  on enter {
    assign team SDR by round_robin
    task "First call" due 2 business hours
  }
  sla 2 business hours escalate manager
  after 24 hours notify manager
  when attempts >= 5 -> Lost set lost_reason = unreachable
}

status Working {
  stages MQL, SQL
  label ru "В работе"
  label pl "W toku"
  label zh "跟进中"
  label ms "Sedang diusahakan"
  means "A conversation is going back and forth."
  means ru "Идёт разговор с клиентом."
  means pl "Trwa rozmowa z klientem."
  means zh "正在与客户来回沟通。"
  means ms "Perbualan sedang berlangsung."
  requires attempts >= 1 and authority = yes
  on enter { start sequence "follow-up" }
  on exit { stop sequence "follow-up" }
  sla activity every 3 business days notify owner
  after 21 days without activity -> Lost set lost_reason = not_ready
  sub demo "Demo booked"
}

status Won {
  outcome won
  locked
  stages SQL
  label ru "Сделка"
  label pl "Wygrany"
  label zh "成交"
  label ms "Berjaya"
  requires deal_value
  on enter { stop sequence all; do create_deal }
}

status Lost {
  outcome lost
  requires lost_reason
  after 1 week -> Working when lost_reason in (budget, not_ready) and last_touch > 30 days
}

transition New -> Working        manual
transition Working -> Won        on deal_signed auto
transition any -> Lost           manual approve manager if deal_value >= 10000

when stage becomes SQL -> Working

expect {
  conversion New -> Working 40%..60%
  time_in New < 4 hours
  time_in Working 1.5..3 days
  share Lost <= 50%
}
'''


def translated() -> Scheme:
    scheme = load_text(TRANSLATED, "translated.leads")
    assert isinstance(scheme, Scheme)
    return scheme


def check_golden(name: str, got: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {golden}"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_example_guide_matches_golden_file(path: Path):
    """The guide of each example scheme is exactly the reviewed golden Markdown."""
    check_golden(f"{path.stem}.md", guide_markdown(Loader().scheme(path)))


@pytest.mark.parametrize("locale", LOCALES)
def test_translated_guide_matches_golden_file(locale: str):
    """A scheme that translates its texts gives the reviewed guide in each language."""
    check_golden(f"translated.{locale}.md", guide_markdown(translated(), locale))


def test_every_golden_file_belongs_to_a_test():
    """No golden guide is left over from a renamed example or a dropped locale."""
    expected = {f"{p.stem}.md" for p in SCHEMES} | {f"translated.{loc}.md" for loc in LOCALES}
    assert {p.name for p in GOLDEN.glob("*.md")} == expected


def test_the_examples_are_all_covered():
    """Every example language (English, Chinese, Russian, Polish) has a golden guide."""
    assert {p.stem for p in SCHEMES} >= {"universal", "stage_vs_status", "two_mandatory",
                                         "proposal_scale", "qualification_pipeline"}


def test_the_docs_show_real_output():
    """The excerpt in docs/guide.md is a piece of the golden universal guide, line for line
    and in order, and its translation example checks clean."""
    doc = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    excerpt = doc.split("```markdown\n", 1)[1].split("```", 1)[0]
    golden = iter((GOLDEN / "universal.md").read_text(encoding="utf-8").split("\n"))
    for line in filter(None, excerpt.split("\n")):
        assert any(line == g for g in golden), f"not in the golden guide (in order): {line}"
    snippet = doc.split("```leads base=universal.leads wrap=append\n", 1)[1].split("```", 1)[0]
    base = (EXAMPLES / "universal.leads").read_text(encoding="utf-8")
    scheme = load_text(base + "\n" + snippet, "universal.leads")
    assert isinstance(scheme, Scheme)
    assert "Возвращён в работу" in guide_markdown(scheme, "ru")
