"""A map too large for one diagram, cut into parts: branches of its tree, each of bounded size.

A map is a tree (a forest, with ``--force``): a claim stands under the group that defines it, a
group under its target. :func:`split` cuts that tree at groups: a reason, objection or rebuttal
whose branch would make a part too large gets a part of its own, with everything below it. The
part it was cut from keeps the group's pill and arrow (so the reader still sees that something
supports or opposes the claim there) and a note naming the part that draws it in full.

A part draws its branch in full. Around it, as context: the claim or group its root bears on,
and every claim its groups reuse (``@id``) from elsewhere, so that each group's premises are
all there. Nothing else of other branches appears.

>>> import argmap
>>> m = argmap.parse("conclusion c: Tea.\\n  reason r:\\n    - Warm.\\n  objection o:\\n"
...                  "    - Hot.\\n").map
>>> [(p.root, sorted(p.nodes), p.cuts) for p in split(m, size=4)]
[('c', ['c', 'o', 'o.1'], ('r',)), ('r', ['r', 'r.1'], ())]
"""

from __future__ import annotations

import attrs

from argmap.model import ArgumentMap, Claim, Group

__all__ = ["PART_SIZE", "Part", "split"]

PART_SIZE = 300
"""Claims and groups per part by default: a few seconds of layout at most, and about what a
large poster shows legibly (bench/render_bench.py, docs/rendering.md "Large maps")."""


@attrs.frozen(kw_only=True)
class Part:
    """One diagram of a split map.

    ``root`` is the id of the top-level claim or of the group the part starts from (also the
    suffix of its file name in ``argmap render --split``); ``nodes`` the ids of the claims and
    groups it draws in full; ``cuts`` the groups below it that other parts draw, in map order.
    """

    root: str
    nodes: frozenset[str]
    cuts: tuple[str, ...] = ()


def split(m: ArgumentMap, size: int = PART_SIZE) -> tuple[Part, ...]:
    """The map in parts of at most ``size`` claims and groups each, where cutting at groups
    allows it (one group's frame is never split). Top-level claims first, in the order they
    were written, each followed by the parts cut from below it; the same map always gives the
    same parts."""
    if size < 1:
        raise ValueError(f"a part holds at least one claim or group, not {size}")
    tree = _Tree(m)
    weight: dict[str, int] = {}
    cut: set[str] = set()
    for node in tree.post_order():
        weight[node] = 1 + sum(weight[child] for child in tree.children[node])
        if weight[node] <= size:
            continue
        # Cuttable: the groups right below, and (for a group) those below its co-premises,
        # unless a co-premise has cut them already.
        below = [(child, node) for child in tree.children[node] if child in tree.groups]
        for claim in tree.children[node]:
            if claim not in tree.groups:
                below += [(child, claim) for child in tree.children[claim] if child not in cut]
        below.sort(key=lambda pair: (-weight[pair[0]], tree.order[pair[0]]))
        for child, parent in below:
            if weight[node] <= size:
                break
            cut.add(child)
            weight[node] -= weight[child]
            if parent != node:
                weight[parent] -= weight[child]
    parts = []
    roots = set(tree.roots)
    for root in tree.pre_order():
        if root in roots or root in cut:
            nodes, cuts = tree.branch(root, cut)
            parts.append(Part(root=root, nodes=frozenset(nodes), cuts=cuts))
    return tuple(parts)


class _Tree:
    """The map's claims and groups (first definitions) as a forest, children in map order
    (claims as written, then groups as written)."""

    def __init__(self, m: ArgumentMap) -> None:
        nodes: list[Claim | Group] = []
        seen: set[str] = set()
        for node in m.nodes():
            if node.id not in seen and m.get(node.id) is node:
                seen.add(node.id)
                nodes.append(node)
        self.order = {node.id: index for index, node in enumerate(nodes)}
        self.groups = {node.id for node in nodes if isinstance(node, Group)}
        parent: dict[str, str | None] = {}
        for node in nodes:
            up = m.parent(node) if isinstance(node, Claim) else m.target(node)
            parent[node.id] = up.id if up is not None else None
        self.children: dict[str, list[str]] = {node.id: [] for node in nodes}
        for node in nodes:
            above = parent[node.id]
            if above is not None:
                self.children[above].append(node.id)
        self.roots = [node.id for node in nodes if parent[node.id] is None]
        # A support circle (an error --force draws past) has no way up to a root: the first of
        # its nodes in map order becomes one.
        reached = set(self._below(self.roots))
        for node in nodes:
            if node.id in reached:
                continue
            path: dict[str, int] = {}
            current: str | None = node.id
            while current is not None and current not in path:
                path[current] = len(path)
                current = parent[current]
            assert current is not None  # else the walk would have met a root, reached
            circle = list(path)[path[current] :]
            root = min(circle, key=self.order.__getitem__)
            self.children[parent[root]].remove(root)  # type: ignore[index]
            parent[root] = None
            self.roots.append(root)
            reached.update(self._below([root]))
        self.roots.sort(key=self.order.__getitem__)

    def _below(self, tops: list[str]) -> list[str]:
        found: list[str] = []
        stack = list(reversed(tops))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(self.children[node]))
        return found

    def pre_order(self) -> list[str]:
        return self._below(self.roots)

    def post_order(self) -> list[str]:
        return self.pre_order()[::-1]

    def branch(self, root: str, cut: set[str]) -> tuple[list[str], tuple[str, ...]]:
        """The nodes below ``root`` (itself included) up to the cut groups, and those groups."""
        nodes: list[str] = []
        cuts: list[str] = []
        stack = [root]
        while stack:
            node = stack.pop()
            nodes.append(node)
            for child in self.children[node]:
                (cuts if child in cut else stack).append(child)
        return nodes, tuple(sorted(cuts, key=self.order.__getitem__))
