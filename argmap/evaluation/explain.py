"""Why each claim and group has its label: one step per node, chained to the decisive node.

Every step points (``next``) at the node that decides it: the objection that stands, the
co-premise that fails, the undecided node it waits on. Steps only point at nodes decided earlier
by the grounded algorithm, or, for undecided nodes, one step closer to an attack cycle, so a
chain always ends. Everything is computed in one linear pass, without recursion.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import attrs

from argmap.evaluation.framework import Grounded, Label, cyclic_components, undecided_regions
from argmap.evaluation.translate import Role, Translation
from argmap.model import Claim, Group, Kind

__all__ = ["Cycle", "Step", "Undecided", "analyse_undecided", "build_steps"]


@attrs.frozen
class Cycle:
    """An attack cycle that leaves nodes undecided.

    ``nodes`` go round one cycle (each node bears on the next: it is a co-premise of it, a
    reason for it, or it opposes it; the last bears on the first); ``members`` is every node in
    the same knot of cycles, in map order. ``odd`` when the cycle holds an odd number of
    attacks: a knot with only odd cycles has no stable labelling.
    """

    nodes: tuple[str, ...]
    members: tuple[str, ...]
    odd: bool

    def __str__(self) -> str:
        return " → ".join(f"`{node}`" for node in (*self.nodes, self.nodes[0]))


@attrs.frozen(kw_only=True)
class Step:
    """One link of an explanation: node ``id`` has ``label`` because ``why``.

    ``why`` is the clause alone ("objection `x` stands"); :attr:`text` is the whole sentence
    ("OUT because objection `x` stands"), with ``prefix`` before the clause ("circular
    reasoning: ") and ``note`` in brackets after it when there is one. ``next``
    is the node this one hinges on, explained by the next step; ``related`` every node the
    clause names. ``kind`` is one of: ``premise`` (a claim with no reason that nothing
    opposes), ``supported`` (a reason for it stands), ``reinstated`` (every objection to it
    fails), ``stands`` (a group whose co-premises stand, unopposed or with its opponents
    defeated), ``opposed`` (an objection or rebuttal against it stands), ``undercut`` (an
    objection to a reason's inference stands), ``premise-out`` (a co-premise is OUT),
    ``unsupported`` (every reason for it fails), ``circular``, ``empty``, ``undefined``
    (structural defects), ``cycle`` (on an attack cycle), ``depends`` (waits on an undecided
    node).
    """

    id: str
    label: Label
    kind: str
    why: str
    because: bool = True
    next: str | None = None
    related: tuple[str, ...] = ()
    note: str | None = None
    prefix: str = ""

    @property
    def head(self) -> str:
        """The sentence without the note: "OUT because objection `x` stands"."""
        return f"{self.label}{' because ' if self.because else ': '}{self.prefix}{self.why}"

    @property
    def text(self) -> str:
        """The whole sentence, note included."""
        return self.head + (f" ({self.note})" if self.note else "")


@attrs.frozen(kw_only=True, eq=False)
class Undecided:
    """What the grounded labelling leaves open, and why.

    ``cycles`` are the attack cycles (one shown per knot); ``cycle_of`` gives, for every
    undecided node, the index of the cycle it is caught in or depends on; ``on_cycle`` are the
    nodes on a shown cycle; ``toward`` maps every other undecided node to ``(via, node)``: the
    undecided node it waits on, one step closer to a cycle, and how (``premise``, ``reason`` or
    ``opponent``). ``regions`` are the independent undecided parts of the framework.
    """

    cycles: tuple[Cycle, ...]
    cycle_of: Mapping[str, int]
    on_cycle: frozenset[str]
    toward: Mapping[str, tuple[str, str]]
    regions: tuple[tuple[int, ...], ...]
    region_cycles: tuple[tuple[int, ...], ...]


def _shortest_cycle(start: int, members: set[int], targets: Sequence[Sequence[int]]) -> list[int]:
    previous: dict[int, int] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in targets[node]:
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while node != start:
                    node = previous[node]
                    path.append(node)
                return path[::-1]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    raise AssertionError("a cyclic component holds a cycle through each member")


def analyse_undecided(t: Translation, g: Grounded) -> Undecided:
    """Attack cycles, and for every undecided node the way to one, in linear time."""
    framework = t.framework
    labels = g.labels
    node_count = len(t.nodes)
    subjects = t.subjects
    cycles: list[Cycle] = []
    cycle_args: list[list[int]] = []
    for component in cyclic_components(framework, labels):
        members = set(component)
        claims = [a for a in component if a < node_count and isinstance(t.nodes[a], Claim)]
        nodes = claims or [a for a in component if a < node_count] or component
        path = _shortest_cycle(nodes[0], members, framework.targets)
        cycle_args.append(path)
        shown = tuple(subjects[a] for a in path if a < node_count)
        if not shown:  # cannot happen: helper arguments only attack map nodes
            shown = tuple(dict.fromkeys(subjects[a] for a in path))
        cycles.append(
            Cycle(
                nodes=shown,
                members=tuple(subjects[a] for a in component if a < node_count),
                odd=len(path) % 2 == 1,
            )
        )

    # Breadth first from the shown cycles along attacks among undecided arguments.
    origin: dict[int, int] = {}
    previous: dict[int, int] = {}
    queue: deque[int] = deque()
    for number, path in enumerate(cycle_args):
        for a in path:
            if a not in origin:
                origin[a] = number
                queue.append(a)
    while queue:
        a = queue.popleft()
        for nxt in framework.targets[a]:
            if labels[nxt] is Label.UNDECIDED and nxt not in origin:
                origin[nxt] = origin[a]
                previous[nxt] = a
                queue.append(nxt)

    cycle_of: dict[str, int] = {}
    on_cycle: set[str] = set()
    toward: dict[str, tuple[str, str]] = {}
    for a in range(node_count):
        if labels[a] is not Label.UNDECIDED:
            continue
        node_id = subjects[a]
        cycle_of[node_id] = origin[a]
        if a not in previous:
            on_cycle.add(node_id)
            continue
        before = previous[a]
        role = t.roles[before]
        if role is Role.FAILS:
            toward[node_id] = ("premise", subjects[before])
        elif role is Role.UNSUPPORTED:
            toward[node_id] = ("reason", subjects[previous[before]])
        else:
            toward[node_id] = ("opponent", subjects[before])

    regions = tuple(tuple(r) for r in undecided_regions(framework, labels))
    region_of = {a: number for number, region in enumerate(regions) for a in region}
    by_region: list[list[int]] = [[] for _ in regions]
    for number, path in enumerate(cycle_args):
        by_region[region_of[path[0]]].append(number)
    region_cycles = tuple(tuple(numbers) for numbers in by_region)
    return Undecided(
        cycles=tuple(cycles),
        cycle_of=MappingProxyType(cycle_of),
        on_cycle=frozenset(on_cycle),
        toward=MappingProxyType(toward),
        regions=regions,
        region_cycles=region_cycles,
    )


def _names(ids: Sequence[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _kind(t: Translation, id: str) -> str:
    node = t.node(id)
    return node.kind.value if isinstance(node, Group) else "claim"


def build_steps(t: Translation, g: Grounded, undecided: Undecided) -> dict[str, Step]:
    """One :class:`Step` per claim and group, in map order."""
    labels = g.labels
    index = t.index

    def label(id: str) -> Label:
        return labels[index[id]]

    steps: dict[str, Step] = {}
    for a, node in enumerate(t.nodes):
        node_id = node.id
        mine = labels[a]
        opponents = t.opponents.get(node_id, ())
        if mine is Label.UNDECIDED:
            steps[node_id] = _undecided_step(t, undecided, node_id)
        elif isinstance(node, Claim):
            steps[node_id] = _claim_step(t, g, node, mine, opponents, label)
        else:
            steps[node_id] = _group_step(t, g, node, mine, opponents)
    return steps


def _undecided_step(t: Translation, undecided: Undecided, node_id: str) -> Step:
    if node_id in undecided.on_cycle:
        cycle = undecided.cycles[undecided.cycle_of[node_id]]
        why = f"caught in the attack cycle {cycle}"
        return Step(
            id=node_id,
            label=Label.UNDECIDED,
            kind="cycle",
            why=why,
            because=False,
            related=cycle.nodes,
        )
    via, other = undecided.toward[node_id]
    if via == "premise":
        why = f"its co-premise `{other}` is undecided"
    elif via == "reason":
        several = len(t.reasons.get(node_id, ())) > 1
        why = f"its reason `{other}` is undecided" + (
            " and no other reason stands" if several else ""
        )
    else:
        node = t.node(node_id)
        if isinstance(node, Group) and node.kind is Kind.REASON:
            why = f"objection `{other}` to its inference is undecided"
        else:
            why = f"{_kind(t, other)} `{other}` is undecided"
    return Step(
        id=node_id,
        label=Label.UNDECIDED,
        kind="depends",
        why=why,
        next=other,
        related=(other,),
    )


def _claim_step(
    t: Translation,
    g: Grounded,
    node: Claim,
    mine: Label,
    opponents: tuple[str, ...],
    label: Callable[[str], Label],
) -> Step:
    node_id = node.id
    reasons = t.reasons.get(node_id, ())
    if mine is Label.IN:
        if not reasons:
            if not opponents:
                why = ("an implicit premise" if node.implicit else "a premise") + (
                    " nothing opposes"
                )
                return Step(id=node_id, label=mine, kind="premise", why=why, because=False)
            why = f"every objection to it fails ({_names(opponents)})"
            return Step(
                id=node_id,
                label=mine,
                kind="reinstated",
                why=why,
                because=False,
                next=opponents[0],
                related=opponents,
            )
        helper = t.unsupported[node_id]  # OUT, since the claim is IN
        standing = t.subjects[g.cause[helper]]
        if not opponents:
            why = f"reason `{standing}` stands and nothing opposes it"
            return Step(
                id=node_id,
                label=mine,
                kind="supported",
                why=why,
                next=standing,
                related=(standing,),
            )
        why = f"reason `{standing}` stands and every objection to it fails ({_names(opponents)})"
        return Step(
            id=node_id,
            label=mine,
            kind="reinstated",
            why=why,
            next=opponents[0],
            related=(standing, *opponents),
        )
    # OUT
    cause = g.cause[t.index[node_id]]
    if t.roles[cause] is Role.UNSUPPORTED:
        if all(r in t.defects and t.defects[r].kind == "circular" for r in reasons):
            kind = "circular"
            why = (
                f"its only reason `{reasons[0]}` is circular"
                if len(reasons) == 1
                else f"every reason for it is circular ({_names(reasons)})"
            )
        else:
            kind = "unsupported"
            why = (
                f"its only reason `{reasons[0]}` fails"
                if len(reasons) == 1
                else f"every reason for it fails ({_names(reasons)})"
            )
        return Step(
            id=node_id,
            label=mine,
            kind=kind,
            why=why,
            next=reasons[0],
            related=reasons,
        )
    winner = t.subjects[cause]
    why = f"{_kind(t, winner)} `{winner}` stands"
    sound = [r for r in reasons if label(r) is Label.IN]
    return Step(
        id=node_id,
        label=mine,
        kind="opposed",
        why=why,
        next=winner,
        related=(winner,),
        note=(
            f"reason `{sound[0]}` stands too, but a reason does not answer an objection"
            if sound
            else None
        ),
    )


def _group_step(
    t: Translation,
    g: Grounded,
    node: Group,
    mine: Label,
    opponents: tuple[str, ...],
) -> Step:
    node_id = node.id
    undercut = node.kind is Kind.REASON
    if mine is Label.IN:
        premises = t.premises[node_id]
        opposed = [p for p in premises if t.opponents.get(p)]
        why = "its co-premises stand" if opposed else "none of its co-premises is opposed"
        if opponents:
            kinds = {_kind(t, o) for o in opponents}
            if undercut:
                noun = "objection to its inference"
            elif kinds == {"rebuttal"}:
                noun = "rebuttal of it"
            else:
                noun = "group against it"
            why += f" and every {noun} fails ({_names(opponents)})"
        following = opponents[0] if opponents else (opposed[0] if opposed else None)
        return Step(
            id=node_id,
            label=mine,
            kind="stands",
            why=why,
            because=False,
            next=following,
            related=opponents,
        )
    defect = t.defects.get(node_id)
    if defect is not None:
        heading = "circular reasoning: " if defect.kind == "circular" else ""
        return Step(
            id=node_id,
            label=mine,
            kind=defect.kind,
            why=defect.message,
            because=False,
            prefix=heading,
            related=defect.related,
        )
    cause = g.cause[t.index[node_id]]
    subject = t.subjects[cause]
    if t.roles[cause] is Role.FAILS:
        why = f"its co-premise `{subject}` is OUT"
        kind = "premise-out"
    elif undercut:
        why = f"objection `{subject}` to its inference stands"
        kind = "undercut"
    else:
        why = f"{_kind(t, subject)} `{subject}` stands"
        kind = "opposed"
    return Step(
        id=node_id,
        label=mine,
        kind=kind,
        why=why,
        next=subject,
        related=(subject,),
    )
