"""The argument map: frozen attrs value classes and the queries that tools need."""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable, Iterator, KeysView, Sequence

import attrs

__all__ = [
    "ArgumentMap",
    "Claim",
    "Comment",
    "Group",
    "Kind",
    "Node",
    "Premise",
    "Reference",
    "Source",
    "Span",
]


# No __weakref__ slot: a large map has a span or two for every line, and the slot would make each
# 16 bytes larger (80 bytes instead of 64, as objects are sized in steps of 16).
@attrs.frozen(kw_only=True, order=True, weakref_slot=False)
class Span:
    """A range of source text: 1-based lines and columns (in code points), end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"

    def contains(self, line: int, column: int) -> bool:
        """Whether ``line:column`` lies inside this span (end inclusive, for cursors)."""
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


class Kind(enum.Enum):
    """The role of a group: a reason supports its target, an objection or rebuttal opposes it."""

    REASON = "reason"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"

    @property
    def supports(self) -> bool:
        return self is Kind.REASON

    @property
    def opposes(self) -> bool:
        return self is not Kind.REASON


@attrs.frozen(kw_only=True)
class Reference:
    """A use of an id in the text: a source in ``[...]`` or a target after ``for`` / ``to``."""

    id: str
    span: Span | None = None


@attrs.frozen(kw_only=True)
class Premise:
    """A co-premise of a group: a claim defined in place, or reused with ``@id``."""

    id: str
    span: Span | None = None
    reuse: bool = False


@attrs.frozen(kw_only=True)
class Source:
    """Who asserts something: ``source hammond: Andrew Hammond, op-ed, Arab News``."""

    id: str
    text: str
    span: Span | None = None
    id_span: Span | None = None


@attrs.frozen(kw_only=True)
class Claim:
    """One declarative sentence: one box in the diagram.

    ``id_span`` is ``None`` for an anonymous claim (``- text``), whose id argmap generates.
    ``sources`` are the sources written on the claim itself; :meth:`ArgumentMap.attribution`
    gives the effective attribution, which an unattributed claim inherits from where it stands.
    """

    id: str
    text: str
    conclusion: bool = False
    implicit: bool = False
    sources: tuple[Reference, ...] = ()
    span: Span | None = None
    id_span: Span | None = None

    @property
    def anonymous(self) -> bool:
        """Whether argmap generated the id: generated ids hold a '.', hand-written ones cannot."""
        return "." in self.id


@attrs.frozen(kw_only=True)
class Group:
    """A reason, objection or rebuttal: co-premises that together support or oppose a target.

    The target is a claim, or another group: an objection to a reason attacks its inference,
    a rebuttal opposes an objection. ``target_keyword`` is ``"for"`` or ``"to"`` when the group
    named its target (``target_span`` is then where), ``None`` when it stands indented under it.
    """

    id: str
    kind: Kind
    target: str | None
    premises: tuple[Premise, ...] = ()
    sources: tuple[Reference, ...] = ()
    target_keyword: str | None = None
    span: Span | None = None
    id_span: Span | None = None
    target_span: Span | None = None

    @property
    def explicit_target(self) -> bool:
        """Whether the group names its target with ``for`` / ``to`` instead of standing under it."""
        return self.target_keyword is not None

    @property
    def anonymous(self) -> bool:
        """Whether argmap generated the id: generated ids hold a '.', hand-written ones cannot."""
        return "." in self.id


@attrs.frozen(kw_only=True)
class Comment:
    """A comment, kept so that formatting never loses one."""

    text: str
    span: Span | None = None


Node = Claim | Group


def _index(items: Iterable[Claim | Group | Source]) -> dict[str, Claim | Group | Source]:
    index: dict[str, Claim | Group | Source] = {}
    for item in items:
        index.setdefault(item.id, item)  # the first definition wins; duplicates are diagnosed
    return index


def _first_written(claims: Sequence[Claim], groups: Sequence[Group]) -> dict[str, Claim | Group]:
    """Each id's first definition: the one written first, claim or group (on a tie, the one
    given first). One pass, with no sort: an id is rarely defined twice."""
    items: tuple[Claim | Group, ...] = (*claims, *groups)
    nodes: dict[str, Claim | Group] = dict(zip(map(_ID, items), items, strict=True))  # in C
    if len(nodes) == len(items):
        return nodes  # each id once: the dict the loop below would make, in the same order
    nodes = {}
    for item in items:
        known = nodes.setdefault(item.id, item)
        if known is not item and _position(item) < _position(known):
            nodes[item.id] = item
    return nodes


_ID = operator.attrgetter("id")


def _position(node: Claim | Group | Source) -> tuple[int, int]:
    return (node.span.line, node.span.column) if node.span is not None else (0, 0)


@attrs.frozen(kw_only=True)
class ArgumentMap:
    """A whole map. Frozen: change it with :func:`attrs.evolve`, which rebuilds the indexes.

    >>> from argmap import parse
    >>> m = parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n").map
    >>> [claim.text for claim in m.premises(m.reasons_for("c")[0])]
    ['It is warm.']
    """

    title: str | None = None
    title_span: Span | None = None
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    groups: tuple[Group, ...] = ()
    comments: tuple[Comment, ...] = ()

    _nodes: dict[str, Claim | Group] = attrs.field(init=False, repr=False, eq=False)
    _sources: dict[str, Source] = attrs.field(init=False, repr=False, eq=False)
    _targeting: dict[str, tuple[Group, ...]] = attrs.field(init=False, repr=False, eq=False)
    # The groups using each claim, and the homes of the claims away from their first group:
    # built on the first question that needs them (checking a map asks none).
    _using: dict[str, Group | tuple[Group, ...]] | None = attrs.field(
        init=False, repr=False, eq=False, default=None
    )
    _away: dict[str, Group | None] | None = attrs.field(
        init=False, repr=False, eq=False, default=None
    )
    _attributions: dict[str, tuple[str, ...]] | None = attrs.field(
        init=False, repr=False, eq=False, default=None
    )

    def __attrs_post_init__(self) -> None:
        targeting: dict[str, list[Group]] = {}
        for group in self.groups:
            if group.target is not None:
                if group.target in targeting:
                    targeting[group.target].append(group)
                else:
                    targeting[group.target] = [group]
        object.__setattr__(self, "_nodes", _first_written(self.claims, self.groups))
        object.__setattr__(self, "_sources", _index(self.sources))
        object.__setattr__(self, "_targeting", {k: tuple(v) for k, v in targeting.items()})
        object.__setattr__(self, "_using", None)
        object.__setattr__(self, "_away", None)
        object.__setattr__(self, "_attributions", None)

    def _uses(self) -> tuple[dict[str, Group | tuple[Group, ...]], dict[str, Group | None]]:
        """The groups using each claim, and the homes of the claims whose first group only
        reuses them (built once, on the first call)."""
        if self._using is not None and self._away is not None:
            return self._using, self._away
        # Nearly every claim is in one group, kept as itself rather than in a tuple of one (on
        # a large map, as many tuples as claims); the few claims in several groups get a list,
        # made a tuple at the end.
        using: dict[str, Group | tuple[Group, ...]] = {}
        several: dict[str, list[Group]] = {}
        # The home (the group it is written in) of each claim whose first group only reuses it;
        # every other claim's home is its first group.
        away: dict[str, Group | None] = {}
        for group in self.groups:
            for premise in group.premises:
                first = using.get(premise.id)
                if first is None:
                    using[premise.id] = group
                    if premise.reuse:  # used before it is defined: its home is not its first group
                        away[premise.id] = None
                    continue
                if not premise.reuse and premise.id in away and away[premise.id] is None:
                    away[premise.id] = group
                if first is group:
                    continue
                users = several.get(premise.id)
                if users is None:
                    several[premise.id] = [first, group]  # type: ignore[list-item]  # a Group
                elif users[-1] is not group:
                    users.append(group)
        using.update((claim_id, tuple(users)) for claim_id, users in several.items())
        object.__setattr__(self, "_using", using)
        object.__setattr__(self, "_away", away)
        return using, away

    # Lookup -----------------------------------------------------------------------------

    def get(self, id: str) -> Claim | Group | None:
        """The claim or group with this id (its first definition), or ``None``."""
        return self._nodes.get(id)

    def claim(self, id: str) -> Claim:
        """The claim with this id; ``KeyError`` if there is none."""
        node = self._nodes.get(id)
        if not isinstance(node, Claim):
            raise KeyError(f"no claim with id {id!r}")
        return node

    def group(self, id: str) -> Group:
        """The group with this id; ``KeyError`` if there is none."""
        node = self._nodes.get(id)
        if not isinstance(node, Group):
            raise KeyError(f"no group with id {id!r}")
        return node

    def source(self, id: str) -> Source | None:
        """The declared source with this id, or ``None``."""
        return self._sources.get(id)

    def ids(self) -> KeysView[str]:
        """The id of every claim and group, each once: the claims' ids, then the groups'."""
        return self._nodes.keys()

    def __contains__(self, id: object) -> bool:
        return id in self._nodes

    def nodes(self) -> Iterator[Claim | Group]:
        """Every claim, then every group, in the order they were written."""
        yield from self.claims
        yield from self.groups

    # Structure --------------------------------------------------------------------------

    @property
    def conclusions(self) -> tuple[Claim, ...]:
        """The claims marked ``conclusion``: normally exactly one."""
        return tuple(c for c in self.claims if c.conclusion)

    def target(self, group: Group | str) -> Claim | Group | None:
        """What a group supports or opposes, or ``None`` if its target is undefined."""
        group = self._group(group)
        return None if group.target is None else self._nodes.get(group.target)

    def premises(self, group: Group | str) -> tuple[Claim, ...]:
        """A group's co-premises as claims, in order, leaving out undefined references."""
        group = self._group(group)
        found = (self._nodes.get(p.id) for p in group.premises)
        return tuple(c for c in found if isinstance(c, Claim))

    def co_premises(
        self, claim: Claim | str, group: Group | str | None = None
    ) -> tuple[Claim, ...]:
        """The claims beside ``claim`` in ``group`` (or in every group using it, if none given)."""
        claim_id = claim if isinstance(claim, str) else claim.id
        groups = [self._group(group)] if group is not None else self.groups_using(claim_id)
        seen: dict[str, Claim] = {}
        for g in groups:
            for other in self.premises(g):
                if other.id != claim_id:
                    seen.setdefault(other.id, other)
        return tuple(seen.values())

    def groups_targeting(self, id: str) -> tuple[Group, ...]:
        """The groups whose target is ``id`` (a claim, or a group for undercuts and rebuttals)."""
        return self._targeting.get(id, ())

    def reasons_for(self, id: str) -> tuple[Group, ...]:
        """The reasons that support ``id``."""
        return tuple(g for g in self.groups_targeting(id) if g.kind.supports)

    def objections_to(self, id: str) -> tuple[Group, ...]:
        """The objections and rebuttals that oppose ``id``."""
        return tuple(g for g in self.groups_targeting(id) if g.kind.opposes)

    def groups_using(self, claim_id: str) -> tuple[Group, ...]:
        """The groups in which a claim is a co-premise."""
        users = self._uses()[0].get(claim_id, ())
        return (users,) if isinstance(users, Group) else users

    def supports(self, claim_id: str) -> tuple[Claim | Group, ...]:
        """What a claim supports: the targets of the reasons it is a co-premise of."""
        return self._targets_of(g for g in self.groups_using(claim_id) if g.kind.supports)

    def opposes(self, claim_id: str) -> tuple[Claim | Group, ...]:
        """What a claim opposes: the targets of the objections and rebuttals it stands in."""
        return self._targets_of(g for g in self.groups_using(claim_id) if g.kind.opposes)

    def parent(self, node: Claim | Group | str) -> Claim | Group | None:
        """Where a node was written: a claim's defining group, a nested group's target.

        Top-level claims and groups placed with ``for`` / ``to`` have no parent.
        """
        node_id = node if isinstance(node, str) else node.id
        found = self._nodes.get(node_id)
        if isinstance(found, Claim):
            return self._home(node_id)
        if isinstance(found, Group) and not found.explicit_target and found.target is not None:
            return self._nodes.get(found.target)
        return None

    def _home(self, claim_id: str) -> Group | None:
        """The group a claim is written in: the first that holds it other than by ``@id``."""
        using, away = self._uses()
        if claim_id in away:
            return away[claim_id]
        users = using.get(claim_id)
        return users[0] if isinstance(users, tuple) else users

    def attribution(self, node: Claim | Group | str) -> tuple[str, ...]:
        """Who asserts a claim or group: the ids of its own sources, else those of where it stands.

        A claim written inside a group ``[hammond]`` is Hammond's unless it names its own source;
        a claim reused with ``@id`` keeps the attribution of its definition.
        """
        node_id = node if isinstance(node, str) else node.id
        if self._attributions is None:
            # An id defined twice makes the answers depend on the order of the walks (the walk
            # through a second definition reads its sources): then every node's is found at once,
            # in the order of the ids.
            unique = len(self._nodes) == len(self.claims) + len(self.groups)
            object.__setattr__(self, "_attributions", {} if unique else self._attribute_all())
        known = self._attributions
        assert known is not None
        found = known.get(node_id)
        if found is None:
            start = self._nodes.get(node_id)
            found = () if start is None else self._attribute(start, known)
        return found

    def _attribute_all(self) -> dict[str, tuple[str, ...]]:
        """Every node's attribution in one pass: each walk up the tree stops at the first node
        already known, so the whole costs time linear in the map, however deep it is."""
        known: dict[str, tuple[str, ...]] = {}
        for start in self._nodes.values():
            self._attribute(start, known)
        return known

    def _attribute(
        self, start: Claim | Group, known: dict[str, tuple[str, ...]]
    ) -> tuple[str, ...]:
        """The attribution of ``start``, found by walking up the tree to the first node that is
        in ``known`` or names sources; what the walk passed is added to ``known``."""
        path: list[str] = []
        passed: set[str] = set()  # path's ids, for the test: a deep map has long paths
        current: Claim | Group | None = start
        found: tuple[str, ...] = ()
        while current is not None and current.id not in passed:
            if current.id in known:
                found = known[current.id]
                break
            if current.sources:
                found = tuple(dict.fromkeys(ref.id for ref in current.sources))
                known[current.id] = found
                break
            path.append(current.id)
            passed.add(current.id)
            current = self.parent(current)
        for node_id in path:
            known[node_id] = found
        return found

    # Helpers ----------------------------------------------------------------------------

    def _group(self, group: Group | str) -> Group:
        return self.group(group) if isinstance(group, str) else group

    def _targets_of(self, groups: Iterable[Group]) -> tuple[Claim | Group, ...]:
        found: dict[str, Claim | Group] = {}
        for g in groups:
            target = self.target(g)
            if target is not None:
                found.setdefault(target.id, target)
        return tuple(found.values())
