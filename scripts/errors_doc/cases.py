"""The cases behind docs/errors.md: small files that make `leadrules check` report each code.

A case is a folder of files, the command run in it, and what that command must report: its
exit code and the set of codes in its messages. scripts/gen_errors_doc.py runs every case and
stops with an error when one reports anything else, so a case that no longer demonstrates its
code (because the tool's checks changed) is noticed instead of silently documented.

Cases are used by name in errors.tmpl.md: `@@CASE:NAME@@` shows the files and the output,
`@@MSG:NAME@@` quotes the text of the case's only message (for the other forms of a message
that the prose mentions), `@@DIAG:NAME@@` its first message in full. Every case must be used.

`check` lints every scheme that loads, and lint findings (LR codes) are not counted in a
case's `codes`. A case's own scheme either fails to load (then it is not linted) or its run
says `--no-lint` where findings would bury the point; the exit-code cases lint for real. Runs
whose output depends on the date (the council-review rule) give `--today`.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

UNIVERSAL = "examples/universal.leads"
SMELLS = "examples/smells"
TODAY = "2026-11-26"  # the date the council-review rule counts from, for the same output daily
LANGUAGE = Path(__file__).resolve().parents[2] / "docs" / "language.md"


@dataclass(frozen=True)
class Case:
    """One run of the command, in a fresh folder holding `files` and copies of `copy`."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    codes: tuple[str, ...] = ()  # every code the output must report (no more, no fewer)
    exit: int = 2  # the exit code it must end with
    args: tuple[str, ...] = ()  # the command's arguments; default: check the first file
    show: tuple[str, ...] | None = None  # files shown above the output; default: all of them
    copy: tuple[str, ...] = ()  # repository files or folders copied in, under their last name
    encoding: str = "utf-8"  # how a file given as bytes is shown
    echo_exit: bool = False  # also show `$ echo $?` and the exit code
    internal_error: bool = False  # run with a simulated bug in the check command
    env: dict[str, str] = field(default_factory=dict)  # environment variables set for the run

    @property
    def argv(self) -> tuple[str, ...]:
        return self.args or ("check", next(iter(self.files)))

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self.files) if self.show is None else self.show


def text(source: str) -> str:
    """A file's text written as an indented triple-quoted string."""
    return textwrap.dedent(source).lstrip("\n")


def language_file(name: str) -> str:
    """The snippet of docs/language.md annotated `name=NAME` (its first scheme and scenario)."""
    page = LANGUAGE.read_text(encoding="utf-8")
    found = re.search(rf"^```\w+ name={re.escape(name)}\n(.*?)^```", page, re.M | re.S)
    if found is None:
        raise LookupError(f"docs/language.md has no snippet name={name}")
    return found.group(1)


def config(toml: str) -> dict[str, str | bytes]:
    """A folder with a scheme and its `.leadrules.toml` (the scheme is not linted: the
    configuration is read first, and its mistakes stop the check)."""
    return {".leadrules.toml": text(toml), "statuses.leads": "status New { initial }\n"}


CONFIG_ARGS = ("check", "--config", ".leadrules.toml", "statuses.leads")


def scenario(body: str, scheme: str = "universal.leads") -> str:
    """A scenario "Load" on `scheme` with a horizon and arrivals, then `body`'s lines."""
    head = f'scenario "Load" {{\n  scheme "{scheme}"\n  horizon 90 days\n' \
           "  arrivals 60 per business day\n"
    return head + textwrap.indent(text(body), "  ") + "}\n"


CASES: dict[str, Case] = {
    # -- reading files ---------------------------------------------------------------------
    "E001": Case(args=("check", "statuses.leads"), codes=("E001",)),
    "E002": Case(
        {"zgloszenia.leads": text("""
            status Nowy {
              initial
              means "Zgłoszenie z formularza"
            }
            """).encode("cp1250")},
        codes=("E002",), encoding="cp1250"),
    "E003": Case(
        {"copy.scenario": text("""
            scenario "Copy" {
              scheme "baseline.scenario"
              horizon 30 days
              arrivals 10 per day
            }
            """),
         "baseline.scenario": scenario("", scheme="universal.leads")},
        codes=("E003",), show=("copy.scenario",), copy=(UNIVERSAL,)),
    # A computer without Graphviz: PATH names no folder with a `dot` program in it.
    "E004": Case(args=("render", "universal.leads", "-o", "universal.svg"), copy=(UNIVERSAL,),
                 codes=("E004",), show=(), env={"PATH": "no-graphviz-here"}),
    # -- syntax ----------------------------------------------------------------------------
    "E100_keyword": Case({"statuses.leads": text("""
        status New {
          intial
        }
        """)}, codes=("E100",)),
    "E100_missing": Case({"statuses.leads": text("""
        status New { initial }
        status Attempting { }

        transition New -> Attempting
        """)}, codes=("E100",)),
    "E100_spaces": Case({"statuses.leads": text("""
        status In processing {
          initial
        }
        """)}, codes=("E100",)),
    "E100_character": Case({"statuses.leads": text("""
        field email email
        field phone phone
        status New {
          initial
          requires email & phone
        }
        """)}, codes=("E100",)),
    "E100_brace": Case({"statuses.leads": text("""
        status New {
          initial
        """)}, codes=("E100",)),
    "E100_set": Case({"statuses.leads": text("""
        field attempts count
        status New {
          initial
          on enter { set attempts >= 0 }
        }
        """)}, codes=("E100",)),
    "E100_range": Case({"statuses.leads": text("""
        status New { initial }
        status Lost { outcome lost }
        expect {
          share Lost = 50%
        }
        """)}, codes=("E100",)),
    "E101": Case({"status.leads": text("""
        status Baharu {
          initial
          means "Lead baru masuk; tiada siapa menyentuhnya lagi.
        }
        """)}, codes=("E101",)),
    "E102": Case({"deep.leads": text("""
        field email email
        status New {
          initial
          requires """) + "(" * 65 + "email" + ")" * 65 + "\n}\n"}, codes=("E102",)),
    # -- names, types and values -----------------------------------------------------------
    "E200_status": Case({"statuses.leads": text("""
        field attempts count

        status New {
          initial
          when attempts >= 10 -> Nurtur
        }

        status Nurture { }
        """)}, codes=("E200",)),
    "E200_kind": Case({"statuses.leads": text("""
        team SDR
        role sdr_manager

        status New {
          initial
          on enter { notify SDR }
        }
        """)}, codes=("E200",)),
    "E200_approve_owner": Case({"statuses.leads": text("""
        status New { initial }
        status Lost { outcome lost }
        transition New -> Lost manual approve owner
        """)}, codes=("E200",)),
    "E201_status": Case({"zayavki.leads": text("""
        status Новый {
          initial
        }

        status Новый {
          means "Заявка только поступила"
        }
        """)}, codes=("E201",)),
    "E201_team_role": Case({"statuses.leads": text("""
        team SDR "Sales development"
        role SDR
        """)}, codes=("E201",)),
    "E202": Case({"statuses.leads": text("""
        field email email
        field phone phone

        status New {
          initial
          requires email
          requires phone
        }
        """)}, codes=("E202",)),
    "E203": Case({"statuses.leads": text("""
        status any {
          initial
        }

        role owner
        """)}, codes=("E203",)),
    "E201_aka": Case({"statuses.leads": text("""
        status New {
          initial
          aka "Open", "Новый"
        }

        status Working {
          aka "Working - Contacted", "Новый"
        }
        """)}, codes=("E201",)),
    "E204": Case({"statuses.leads": text("""
        status New {
          initial
        }

        status Working {
        }

        migrate Contacted, Working -> Working
        """)}, codes=("E204",)),
    "E210_none": Case({"statuses.leads": text("""
        role sdr_manager

        status New {
          initial
          sla 2 business hours escalate sdr_manager
        }
        """)}, codes=("E210",)),
    "E210_several": Case({"statuses.leads": text("""
        calendar warszawa {
          timezone "Europe/Warsaw"
          open mon-fri 08:00-16:00
        }

        calendar kuala_lumpur {
          timezone "Asia/Kuala_Lumpur"
          open mon-fri 09:00-18:00
        }

        role kierownik

        status Nowy {
          initial
          sla 8 business hours escalate kierownik
        }
        """)}, codes=("E210",)),
    "E210_scenario": Case(
        {"load.scenario": scenario("", scheme="statuses.leads"), "statuses.leads": text("""
            status New { initial }
            """)},
        args=("check", "load.scenario"), codes=("E210",)),
    "E211": Case({"kalendarz.leads": text("""
        calendar business {
          timezone "Europe/Warsow"
          open mon-fri 08:00-16:00
        }
        """)}, codes=("E211",)),
    "E211_missing": Case({"calendar.leads": text("""
        calendar business {
          open mon-fri 09:00-17:00
        }
        """)}, codes=("E211",)),
    "E212": Case({"calendar.leads": text("""
        calendar business {
          timezone "America/New_York"
          open mon-fri 17:00-09:00
        }
        """)}, codes=("E212",)),
    "E212_missing": Case({"calendar.leads": text("""
        calendar business {
          timezone "UTC"
        }
        """)}, codes=("E212",)),
    "E213": Case({"calendar.leads": text("""
        calendar business {
          timezone "Europe/Moscow"
          open mon-fri 09:00-18:00
          closed 2026-02-30
        }
        """)}, codes=("E213",)),
    "E213_datetime": Case({"statuses.leads": text("""
        field meeting_at datetime
        status New {
          initial
          requires meeting_at < 2026-02-30T09:00
        }
        """)}, codes=("E213",)),
    "E213_period": Case({"calendar.leads": text("""
        calendar business {
          timezone "UTC"
          open mon-fri 09:00-17:00
          closed 2026-12-26..2026-12-24
        }
        """)}, codes=("E213",)),
    "E214": Case({"kalendarz.leads": text("""
        calendar business {
          timezone "Europe/Warsaw"
          open pon-pt 08:00-16:00
        }
        """)}, codes=("E214",)),
    "E220_money": Case({"zayavki.leads": text("""
        field бюджет money

        status Новый {
          initial
          requires бюджет >= "100000"
        }
        """)}, codes=("E220",)),
    "E220_text": Case({"statuses.leads": text("""
        field next_step text

        status Working {
          initial
          requires next_step != none
        }
        """)}, codes=("E220",)),
    "E220_order": Case({"statuses.leads": text("""
        field lost_reason choice(budget, competitor, other)
        status Lost {
          outcome lost
          requires lost_reason > budget
        }
        """)}, codes=("E220",)),
    "E220_date_value": Case({"load.scenario": scenario("""
        value timeline: "2026-12-01" 50%
        """)}, copy=(UNIVERSAL,), codes=("E220",)),
    "E221": Case({"statuses.leads": text("""
        field lost_reason choice(budget, competitor, unreachable, other)

        status Lost {
          outcome lost
          requires lost_reason = competiter
        }
        """)}, codes=("E221",)),
    "E222": Case({"statuses.leads": text("""
        status New { initial }
        status Lost { outcome lost }

        expect {
          share Lost <= 150%
          time_in New 30%
        }
        """)}, codes=("E222",)),
    "E223": Case({"statuses.leads": text("""
        field budget currency
        """)}, codes=("E223",)),
    "E224": Case({"load.scenario": scenario("""
        in New {
          work lognorm(10, 3) minutes by SDR
          then first_outreach
        }
        """)}, copy=(UNIVERSAL,), codes=("E224",)),
    "E224_count": Case({"load.scenario": scenario("""
        value deal_value normal(20_000)
        """)}, copy=(UNIVERSAL,), codes=("E224",)),
    "E224_units": Case({"load.scenario": scenario("""
        approval lognormal(3 minutes, 1) by sales_manager
        """)}, copy=(UNIVERSAL,), codes=("E224",)),
    "E224_value_units": Case({"load.scenario": scenario("""
        value deal_value 3 days
        """)}, copy=(UNIVERSAL,), codes=("E224",)),
    "E224_order": Case({"load.scenario": scenario("""
        in Connected {
          after 8 days..3 days: meeting_held 60%
        }
        """)}, copy=(UNIVERSAL,), codes=("E224",)),
    # -- scenarios -------------------------------------------------------------------------
    "E300": Case({"load.scenario": scenario("", scheme="univeral.leads")},
                 copy=(UNIVERSAL,), codes=("E300",)),
    "E300_folder": Case({"load.scenario": scenario("", scheme=".")}, codes=("E300",)),
    "E301": Case({"load.scenario": scenario("""
        in Connected {
          work 30 minutes by SDR
          then Working 60%, Converted 10%
        }
        """)}, copy=(UNIVERSAL,), codes=("E301",)),
    "E302": Case({"load.scenario": scenario("""
        in Connected {
          after 3..8 days: meeting_held 60%, Qualified 30%, Nurture 20%
        }
        """)}, copy=(UNIVERSAL,), codes=("E302",)),
    "E303_horizon": Case({"load.scenario": text("""
        scenario "Load" {
          scheme "universal.leads"
          arrivals 60 per business day
        }
        """)}, copy=(UNIVERSAL,), codes=("E303",)),
    "E303_work": Case({"load.scenario": scenario("""
        in New {
          then first_outreach
        }
        """)}, copy=(UNIVERSAL,), codes=("E303",)),
    "E303_scheme": Case({"load.scenario": text("""
        scenario "Load" {
          horizon 90 days
          arrivals 60 per day
        }
        """)}, codes=("E303",)),
    # -- configuration files ---------------------------------------------------------------
    "E400": Case(config("""
        # Agreed by the status council, 2026-11-02.
        fail-on = "warning"
        disable = [status-budget]
        """), args=CONFIG_ARGS, codes=("E400",), show=(".leadrules.toml",)),
    "E401": Case(config("""
        fail_on = "error"

        [rules.status-budget]
        warn-above = 10
        """), args=CONFIG_ARGS, codes=("E401",), show=(".leadrules.toml",)),
    "E401_words": Case(config("""
        [words]
        actions = ["Nachfassen"]
        """), args=CONFIG_ARGS, codes=("E401",), show=(".leadrules.toml",)),
    "E402": Case(config("""
        disable = ["status-budjet"]

        [severity]
        overlaping-statuses = "error"
        """), args=CONFIG_ARGS, codes=("E402",), show=(".leadrules.toml",)),
    "E403": Case(config("""
        fail-on = "warnings"

        [severity]
        no-timer = "high"

        [rules.status-budget]
        warning-above = "10"
        """), args=CONFIG_ARGS, codes=("E403",), show=(".leadrules.toml",)),
    # -- simulation --------------------------------------------------------------------------
    "E304": Case({"load.scenario": text("""
                      scenario "Load" {
                        scheme "universal.leads"
                        horizon 30 days
                        arrivals 20 per day
                      }
                      """),
                  "universal.leads": text("""
                      status New { initial }
                      status Working { initial }
                      status Won { outcome won }
                      transition New -> Working manual
                      transition Working -> Won manual
                      """)},
                 args=("simulate", "load.scenario"), codes=("E304",)),
    "E305": Case({"load.scenario": text("""
                      scenario "Load" {
                        scheme "universal.leads"
                        horizon 30 days
                        arrivals 20 per day
                        staff Team unlimited
                        in A {
                          work 1 minute by Team counting n
                        }
                      }
                      """),
                  "universal.leads": text("""
                      team Team
                      field n count
                      status A {
                        initial
                        when n >= 1 -> B
                      }
                      status B {
                        when n >= 1 -> A
                      }
                      status Won { outcome won }
                      transition B -> Won manual
                      """)},
                 args=("simulate", "load.scenario", "--runs", "1"), codes=("E305",)),
    # -- the summary line and exit codes ---------------------------------------------------
    "SUMMARY": Case(
        {"statuses.leads": text("""
            status New {
              initial
              when attempts >= 10 -> Nurtur
            }
            """),
         "other.leads": text("""
            status New { initial }
            """)},
        args=("check", "--no-lint", "statuses.leads", "other.leads"), codes=("E200",)),
    "SUMMARY_LINT": Case(
        {"statuses.leads": text("""
            status New {
              initial
              when attempts >= 10 -> Nurtur
            }
            """),
         "other.leads": text("""
            status New { initial }
            """)},
        args=("check", "statuses.leads", "other.leads"), codes=("E200",)),
    "OK": Case(
        {"first.leads": language_file("first.leads"),
         "today.scenario": language_file("today.scenario")},
        args=("check", "--today", TODAY, "first.leads", "today.scenario"), show=(), exit=0,
        echo_exit=True),
    "LINT": Case(args=("check", "smells/lost_without_reason.leads"), copy=(SMELLS,), exit=1,
                 echo_exit=True),
    "LINT_FAIL_ON": Case(args=("check", "--fail-on", "error", "smells/lost_without_reason.leads"),
                         copy=(SMELLS,), exit=0, echo_exit=True),
    "EMPTY": Case(args=("check", "drafts/"), files={"drafts/README.md": "Nothing yet.\n"},
                  show=(), echo_exit=True),
    "USAGE": Case(args=("check",), echo_exit=True),
    "INTERNAL": Case(args=("check", "statuses.leads"), exit=3, internal_error=True,
                     echo_exit=True),
}
