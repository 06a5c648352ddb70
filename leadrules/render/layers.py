"""Columns for the DOT layout: which rank (left-to-right position) each node gets.

Graphviz's dot neither keeps clusters in a given order nor stops one from sliding under
another, so bands are laid out here: each band gets a run of ranks of its own, after the
previous band's. Inside a band, a node goes one rank to the right of every node that moves
into it (longest path), after the moves that close a loop are set aside (found by a
depth-first walk in declaration order, so the same scheme always gives the same ranks). A
stage-change marker shares its target's rank, and the start dot sits left of the initial
status. Nodes outside bands ("any status") are left to dot.
"""

from __future__ import annotations

from leadrules.render.diagram import Diagram


def ranks(diagram: Diagram) -> dict[str, int]:
    """Node id → rank, for every node in a band (empty when the diagram has no bands)."""
    out: dict[str, int] = {}
    base = 0
    for band in diagram.bands:
        members = [n for n in diagram.nodes if n.band == band.index and n.beside is None]
        inside = {n.id for n in members}
        succ: dict[str, list[str]] = {n.id: [] for n in members}
        for m in diagram.moves:
            if m.source in inside and m.target in inside and m.target not in succ[m.source]:
                succ[m.source].append(m.target)
        order = _acyclic_order([n.id for n in members], succ)
        position = {node: i for i, node in enumerate(order)}
        depth: dict[str, int] = {}
        for node in order:  # a topological order of the loop-free moves
            depth.setdefault(node, 0)
            for nxt in succ[node]:
                if position[nxt] > position[node]:  # not a move that closes a loop
                    depth[nxt] = max(depth.get(nxt, 0), depth[node] + 1)
        for node, d in depth.items():
            out[node] = base + d
        base += (max(depth.values()) if depth else 0) + 1
    for n in diagram.nodes:
        if n.beside is not None and n.beside in out:
            out[n.id] = out[n.beside]
    return out


def _acyclic_order(nodes: list[str], succ: dict[str, list[str]]) -> list[str]:
    """A topological order of the graph with its depth-first back edges removed: reverse
    post-order of a depth-first walk from each node in turn (iterative, for big schemes)."""
    seen: set[str] = set()
    post: list[str] = []
    for root in nodes:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in seen:
                    seen.add(child)
                    stack.append((child, iter(succ[child])))
                    break
            else:
                stack.pop()
                post.append(node)
    return post[::-1]
