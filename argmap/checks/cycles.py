"""Circular reasoning: claims that support one another in a circle."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.checks.graphs import strongly_connected
from argmap.diagnostics import Related, Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Claim, Group, Kind

__all__ = ["support_cycle"]


_SHOWN = 12  # the most claims a message names; a longer circle shows its two ends


@rule("E106", "support-cycle", Severity.ERROR, partial_ok=True)
def support_cycle(m: ArgumentMap) -> Iterator[Finding]:
    """Claims that support one another in a circle (circular reasoning).

    If `a` is a reason for `b` and `b` is a reason for `a`, neither gives the other any support.
    The message names the whole circle. Attack cycles (two claims that contradict each other)
    are legitimate and not reported.
    """
    get = m.get  # m.target, inlined: these loops see every group
    reasons = [
        group for group in m.groups if group.kind is Kind.REASON and group.target is not None
    ]
    # A claim on a circle is supported (a target) and supports (a co-premise): a co-premise
    # that nothing supports cannot be on one, and its steps are left out from the start. Each
    # target is looked up once, not once for each of its reasons and co-premises: on a large
    # map, each lookup is a jump to another part of memory, the costliest step here.
    targets: set[str] = {group.target for group in reasons}  # type: ignore[misc]  # not None
    supported = {target for target in targets if isinstance(get(target), Claim)}
    edges: dict[str, list[tuple[str, Group]]] = {}
    for group in reasons:
        target: str = group.target  # type: ignore[assignment]
        if target not in supported:
            continue  # undefined, or a group: a step to it is on no circle of claims
        for premise in group.premises:
            source = premise.id
            # a one-step loop is a self-reference; what is in `supported` is a claim
            if source != target and source in supported:
                out = edges.get(source)
                if out is None:
                    edges[source] = [(target, group)]
                else:
                    out.append((target, group))
    cyclic = _cyclic_part(edges)
    if not cyclic:
        return
    order = {claim.id: index for index, claim in enumerate(m.claims)}
    # Every claim on a circle has a step out of it, so it is among these.
    claims = sorted((claim for claim in edges if claim in cyclic), key=order.__getitem__)
    number = {claim: index for index, claim in enumerate(claims)}
    successors = [[number[t] for t, _ in edges[claim] if t in number] for claim in claims]
    for members in strongly_connected(len(claims), successors):
        component = [claims[index] for index in members]
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        path = _cycle(start, set(component), edges)
        shown = path
        steps = [f"`{claim}`" for claim, _ in path]
        if len(steps) > _SHOWN:  # a message stays one readable line: the circle's two ends
            shown = path[: _SHOWN // 2] + path[-_SHOWN // 2 :]
            steps[_SHOWN // 2 : -_SHOWN // 2] = ["…"]
            steps[-1] += f" → `{start}` ({len(path)} claims in the circle)"
        else:
            steps[-1] += f" → `{start}`"
        more = len(component) - len(path)
        first = m.claim(start)
        yield Finding(
            message=f"circular reasoning: {' → '.join(steps)}"
            + (f" (and {more} more claims in the same circle)" if more else ""),
            span=first.id_span or first.span,
            hint="one of these reasons must rest on something outside the circle",
            related=tuple(
                Related(message=f"`{claim}` supports `{via.target}` here", span=via.span)
                for claim, via in shown
            ),
        )


def _cyclic_part(edges: dict[str, list[tuple[str, Group]]]) -> set[str]:
    """The claims left once every claim that nothing left supports is peeled away (Kahn's
    algorithm): each circle lies inside, along with what it leads to, and an acyclic map leaves
    nothing. Cheaper than Tarjan's algorithm, which then runs on what is left."""
    supporters: dict[str, int] = {}
    for successors in edges.values():
        for target, _ in successors:
            supporters[target] = supporters.get(target, 0) + 1
    left = set(edges).union(supporters)
    ready = [claim for claim in edges if claim not in supporters]
    while ready:
        claim = ready.pop()
        left.discard(claim)
        for target, _ in edges.get(claim, ()):
            supporters[target] -= 1
            if not supporters[target]:
                ready.append(target)
    return left


def _cycle(
    start: str, members: set[str], edges: dict[str, list[tuple[str, Group]]]
) -> list[tuple[str, Group]]:
    """The shortest circle through ``start``: each step is a claim and the reason it stands in."""
    previous: dict[str, tuple[str, Group]] = {}
    queue = deque([start])
    while queue:
        claim = queue.popleft()
        for target, via in edges.get(claim, ()):
            if target not in members:
                continue
            if target == start:
                path = [(claim, via)]
                while claim != start:
                    claim, step = previous[claim]
                    path.append((claim, step))
                return path[::-1]
            if target not in previous:
                previous[target] = (claim, via)
                queue.append(target)
    raise AssertionError("a strongly connected component holds a cycle")
