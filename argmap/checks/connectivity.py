"""Disconnected parts: claims and groups that do not lead to the conclusion."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Claim, Group

__all__ = ["disconnected"]


@rule("W203", "disconnected", Severity.WARNING)
def disconnected(m: ArgumentMap) -> Iterator[Finding]:
    """A claim or group that does not reach the conclusion.

    Every part of a map should bear on its conclusion: a claim is a co-premise of a group, and
    a group supports or opposes a claim or group, step by step up to the conclusion. A part that
    leads nowhere is usually a group whose target was mistyped or a claim left over from an
    edit. argmap reports each disconnected part once, at its topmost claim or group, with the
    number of claims and groups in it.
    """
    conclusions = m.conclusions
    if not conclusions:
        return  # no-conclusion says it already
    reached = _reached(m, {c.id for c in conclusions})
    if reached.issuperset(m.ids()):
        return  # the usual map: every part leads to the conclusion
    every: Iterator[Claim | Group] = itertools.chain(m.claims, m.groups)
    nodes = [n for n in every if n.id not in reached]
    nodes.sort(key=lambda n: (n.span.line, n.span.column) if n.span else (0, 0))
    seen: set[str] = set()
    for node in nodes:
        if node.id in seen:
            continue
        part = _part(m, node, reached)
        seen.update(part)
        top = _top(m, node, reached)
        if isinstance(top, Group) and top.target is not None and m.target(top) in (None, top):
            continue  # its target is undefined (E101) or itself (E105): that is the mistake
        what = "claim" if isinstance(top, Claim) else top.kind.value
        others = len(part) - 1
        yield Finding(
            message=f"{what} `{top.id}` does not lead to the conclusion" + _others(others),
            span=top.id_span or top.span,
            hint="attach it with a group, or check the id its group targets",
        )


def _reached(m: ArgumentMap, reached: set[str]) -> set[str]:
    """Every id that leads to one in ``reached``: what a search from them along each group to
    its co-premises would reach, found in one pass over the groups in the order written.

    A group whose target is reached by the time the pass comes to it is reached with its
    co-premises. A group that the pass leaves behind, its target not reached yet (it names a
    target below it, or leads nowhere), waits in ``pending`` under its target, and is taken up
    when that is reached. So each group is looked at once, nearly all of them in the order
    they were made and lie in memory. (A search from the conclusion, through the index of the
    groups targeting each id, jumps about the map: on a map of 100,000 claims, too large for
    the processor's cache, it costs three times as much per claim as on a small map.)
    """
    pending: dict[str, list[Group]] = {}
    todo: list[Group] = []  # groups whose target is reached, their co-premises not yet
    for group in m.groups:
        target = group.target
        if target not in reached:
            if target is not None:
                pending.setdefault(target, []).append(group)
            continue
        todo.append(group)
        while todo:
            taken = todo.pop()
            if taken.id not in reached:
                reached.add(taken.id)
                if taken.id in pending:  # groups left behind, waiting for this one
                    todo.extend(pending.pop(taken.id))
            for premise in taken.premises:
                if premise.id not in reached:
                    reached.add(premise.id)
                    if premise.id in pending:
                        todo.extend(pending.pop(premise.id))
    return reached


def _others(count: int) -> str:
    if count == 0:
        return ""
    if count == 1:
        return " (nor does the claim or group connected to it)"
    return f" (nor do the {count} claims and groups connected to it)"


def _neighbours(m: ArgumentMap, node: Claim | Group) -> Iterator[str]:
    if isinstance(node, Group):
        if node.target is not None:
            yield node.target
        yield from (p.id for p in node.premises)
    else:
        yield from (g.id for g in m.groups_using(node.id))
    yield from (g.id for g in m.groups_targeting(node.id))


def _part(m: ArgumentMap, start: Claim | Group, reached: set[str]) -> set[str]:
    """The unreached nodes connected to ``start``, in either direction."""
    part = {start.id}
    queue = deque([start])
    while queue:
        for neighbour in _neighbours(m, queue.popleft()):
            found = m.get(neighbour)
            if found is not None and neighbour not in part and neighbour not in reached:
                part.add(neighbour)
                queue.append(found)
    return part


def _top(m: ArgumentMap, node: Claim | Group, reached: set[str]) -> Claim | Group:
    """Follow the support/attack direction upwards as far as it goes. On a circle, which has no
    top, stay with the node we started from: the first written of its part."""
    start = node
    seen = {node.id}
    while True:
        if isinstance(node, Group):
            up = m.target(node)
        else:
            users = m.groups_using(node.id)
            up = users[0] if users else None
        if up is None or up.id in reached:
            return node
        if up.id in seen:
            return start
        seen.add(up.id)
        node = up
