"""The status graph: nodes, edge kinds and attributes, stage order beside it."""

from __future__ import annotations

from leadrules import build_graph, load_text


def edges(g, kind):
    return sorted((u, v) for u, v, k in g.edges(data="kind") if k == kind)


def test_nodes_and_stage_order(universal):
    """Every status is a node with its flags; the stage order is kept on the graph."""
    g = build_graph(universal)
    assert list(g.nodes) == [s.name for s in universal.statuses]
    assert g.graph["stages"] == ("MQL", "SAL", "SQL", "Opportunity", "Customer")
    assert g.nodes["New"]["initial"] and g.nodes["Converted"]["locked"]
    assert g.nodes["Converted"]["outcome"] == "won"
    assert g.nodes["New"]["label"] == "New / Not contacted"


def test_edge_kinds(universal):
    """Manual, automatic, timer, data and stage-sync moves are all edges with their kind."""
    g = build_graph(universal)
    assert ("Attempting", "Nurture") in edges(g, "data")
    assert ("Working", "Stale") in edges(g, "timer")
    assert ("Attempting", "Connected") in edges(g, "auto")
    assert ("Attempting", "Connected") in edges(g, "manual")
    assert ("Stale", "Working") in edges(g, "manual")
    sync = edges(g, "stage-sync")
    assert ("New", "Working") in sync and ("Working", "Converted") in sync
    assert ("Working", "Nurture") in sync  # stage returns to MQL from SQL
    assert not any(u == "Converted" for u, _ in sync)  # locked statuses are never left


def test_edge_attributes(universal):
    """Edges carry the event, condition, approval, delay and the span of their rule."""
    g = build_graph(universal)
    [(target, auto)] = [(v, d) for _, v, d in g.out_edges("Qualified", data=True)
                        if d["kind"] == "auto"]
    assert auto["event"] == "opportunity_created" and target == "Converted"
    [timer] = [d for _, _, d in g.out_edges("Working", data=True) if d["kind"] == "timer"]
    assert timer["without_activity"] and str(timer["delay"]) == "30 days"
    [data] = [d for _, _, d in g.out_edges("Attempting", data=True) if d["kind"] == "data"]
    assert data["condition"] == "attempts >= 10"
    unq = [d for _, v, d in g.in_edges("Unqualified", data=True) if d["kind"] == "manual"]
    assert len(unq) == 8 and all(d["approval"] == "sales_manager" for d in unq)
    assert all(d["approval_if"] == "deal_value >= 50000" and d["from_any"] for d in unq)
    assert unq[0]["span"].line > 1


def test_recycle_timer_keeps_its_condition():
    """A timer's `when` condition is on its edge, in the language's own words."""
    g = build_graph(load_text("field r choice(a, b)\nstatus A { initial\n"
                              "  after 3 days -> B when r in (a) }\nstatus B {}", "g.leads"))
    [(u, v, d)] = list(g.edges(data=True))
    assert (u, v, d["kind"], d["condition"]) == ("A", "B", "timer", "r in (a)")


def test_graph_is_deterministic(universal):
    """Two builds give the same edges in the same order with the same keys."""
    a = list(build_graph(universal).edges(keys=True))
    b = list(build_graph(universal).edges(keys=True))
    assert a == b
