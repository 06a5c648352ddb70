"""What each status's entry says: the moves out of it and who or what makes each one, the
quick picker's next step, how leads arrive, required data with field notes, and the
stage/status table."""

from __future__ import annotations

from leadrules import load_text
from leadrules.guide.content import Bullets, Entry, Guide, Link, Paragraph, Table, Text, build
from leadrules.model.scheme import Scheme


def plain(t: Text) -> str:
    return "".join(p.text if isinstance(p, Link) else p for p in t)


def entry(guide: Guide, name: str) -> Entry:
    return next(e for e in guide.entries if e.name == name)


def part(e: Entry, kind: str) -> list[str]:
    """A part's content as plain lines: paragraphs, list items, or 'target | who' rows."""
    found = next(p for p in e.parts if p.kind == kind)
    out: list[str] = []
    for block in found.blocks:
        if isinstance(block, Paragraph):
            out.append(plain(block.text))
        elif isinstance(block, Bullets):
            out += [plain(i) for i in block.items]
        elif isinstance(block, Table):
            out += [" | ".join(plain(c) for c in row) for row in block.rows]
    return out


def test_next_moves_say_who_or_what_makes_them(universal):
    """Every move out of a status is listed with what makes it: a rep, an event, data, a
    delay, approval, or a stage change."""
    attempting = entry(build(universal), "Attempting")
    assert part(attempting, "next") == [
        "Connected | automatically, on the event “reply received”",
        "Connected | a rep's decision",
        "Nurture | a rep's decision",
        "Nurture | automatically, as soon as attempts at least 10",
        "Unqualified / Lost | a rep's decision; needs approval by sales_manager when deal "
        "value at least 50,000",
        "Nurture | automatically, when the stage returns to Marketing Qualified Lead",
        "Working | automatically, when the stage becomes Sales Qualified Lead",
        "Converted | automatically, when the stage becomes Opportunity",
    ]
    working = part(entry(build(universal), "Working"), "next")
    assert "Stale - review needed | automatically, after 30 days without activity" in working
    unqualified = part(entry(build(universal), "Unqualified"), "next")
    assert ("Recycled | automatically, after 180 days, if lost reason is budget or not ready"
            in unqualified)


def test_moves_needing_data_or_approval_say_so():
    """A transition's own `requires` and an unconditional approval are part of who moves."""
    scheme = load_text('''
field budget money
role boss
status A { initial }
status B { }
status C { }
transition A -> B on deal_created auto requires budget
transition A -> C manual approve boss
''', "t.leads")
    assert isinstance(scheme, Scheme)
    assert part(entry(build(scheme), "A"), "next") == [
        "B | automatically, on the event “deal created”; needs budget",
        "C | a rep's decision; needs approval by boss",
    ]


def test_a_locked_status_and_a_dead_end_say_there_is_no_next_move(universal):
    """Locked statuses say nothing can leave them; a non-outcome dead end asks the council."""
    assert part(entry(build(universal), "Converted"), "next") == [
        "None: the status is locked."]
    scheme = load_text("status A { initial }\nstatus B { }\ntransition A -> B manual\n",
                       "t.leads")
    assert isinstance(scheme, Scheme)
    assert part(entry(build(scheme), "B"), "next") == [
        "No move leaves this status: ask the status council."]


def test_the_quick_picker_gives_the_entry_task_and_where_the_lead_goes(universal):
    """The next step is the task the status creates, then the statuses a lead moves on to,
    marked when the move is automatic."""
    rows = {plain(r[1]): plain(r[3]) for r in build(universal).picker.blocks[1].rows}  # type: ignore[union-attr]
    assert rows["New / Not contacted"] == ("“First contact” (within 2 business hours) → "
                                           "Attempting contact (automatic)")
    assert rows["Attempting contact"] == "→ Connected or Nurture"
    assert rows["Working"] == "→ Qualified, Nurture or Stale - review needed (automatic)"
    assert rows["Converted"] == "none: final status"


def test_arrivals_group_the_statuses_a_lead_comes_from(universal):
    """'How a lead gets here' groups sources by what moves them — transitions first, stage
    changes last — and names `any` as 'any status'."""
    assert part(entry(build(universal), "Unqualified"), "arrives") == [
        "from Stale - review needed: automatically, after 5 business days (lost reason set "
        "to unreachable)",
        "from any status: a rep's decision; needs approval by sales_manager when deal value "
        "at least 50,000",
    ]
    assert part(entry(build(universal), "Converted"), "arrives") == [
        "from Qualified: automatically, on the event “opportunity created”",
        "from New / Not contacted, Attempting contact, Connected, Nurture, Working, Qualified, "
        "Recycled, Stale - review needed or Unqualified / Lost: automatically, when the stage "
        "becomes Opportunity",
    ]
    assert part(entry(build(universal), "New"), "arrives") == ["every new lead starts here"]


def test_required_data_comes_with_field_notes(universal):
    """Field descriptions and, for a choice to pick, its values follow the requirement."""
    assert part(entry(build(universal), "Attempting"), "required") == [
        "attempts at least 1, and next follow up filled in",
        "attempts: Contact attempts logged: date, time, method",
    ]
    lost = part(entry(build(universal), "Unqualified"), "required")
    assert lost[0] == "lost reason"
    assert lost[1].startswith("lost reason: one of: budget, no authority, competitor")


def test_missing_definitions_are_pointed_out(universal):
    """A status without `use` says so instead of staying silent."""
    assert part(entry(build(universal), "Attempting"), "use") == [
        "Not written yet: ask the status council."]


def test_the_stage_table_lists_valid_statuses_per_stage(universal):
    """Stages come in journey order with reportable marked and their valid statuses."""
    stages = build(universal).stages
    table = next(b for b in stages.blocks if isinstance(b, Table))
    rows = [[plain(c) for c in row] for row in table.rows]
    assert rows[0] == ["1", "Marketing Qualified Lead (MQL)", "",
                       "New / Not contacted, Nurture and Recycled"]
    assert rows[3] == ["4", "Opportunity", "✓", "Converted"]
    note = plain(stages.blocks[-1].text)  # type: ignore[union-attr]
    assert note == "Valid in any stage (no stages listed): Unqualified / Lost"


def test_entry_parts_cover_the_status_guide_questions(universal):
    """Each entry answers: meaning, when to use it, data, automation, next moves — and time
    limits, sub-statuses and healthy ranges when the scheme has them."""
    new = entry(build(universal), "New")
    kinds = [p.kind for p in new.parts]
    assert kinds == ["means", "use", "required", "automatic", "time", "next", "arrives",
                     "healthy"]
    assert part(new, "healthy") == [
        "conversion to Attempting contact: 100% of the leads that enter this status",
        "time in this status (average per visit): less than 4 hours"]
    assert new.badges[0] == "starting status: every new lead begins here"


def test_crm_names_are_shown_so_reps_recognise_the_status():
    """A status's `aka` labels appear after its definition, in writing order; a status without
    them has no such part."""
    scheme = load_text(
        'status New "Новый" {\n  initial\n  means "Только что пришёл"\n'
        '  aka "Open - Not Contacted", "Новая заявка"\n}\n'
        "status Won { outcome won }\ntransition New -> Won manual\n", "aka.leads")
    assert isinstance(scheme, Scheme)
    guide = build(scheme)
    new = entry(guide, "New")
    assert [p.kind for p in new.parts][:3] == ["means", "use", "aka"]
    assert part(new, "aka") == ["Open - Not Contacted, Новая заявка"]
    assert "aka" not in [p.kind for p in entry(guide, "Won").parts]
