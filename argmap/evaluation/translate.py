"""From an argument map to an abstract framework, as ``docs/evaluation.md`` describes.

Every claim and every group of the map becomes one argument. Support becomes attacks through
helper arguments, so that Dung's conditions give exactly the map's rules:

- ``fails:p`` stands for "co-premise ``p`` fails". Only ``p`` attacks it, so it is IN exactly
  when ``p`` is OUT; it attacks every group with ``p`` among its co-premises. A group therefore
  needs all its co-premises IN (linked premises).
- ``unsupported:c`` stands for "no reason for ``c`` stands". Each reason for ``c`` attacks it, and
  it attacks ``c``. A claim with reasons therefore needs one of them IN (convergent reasons).
  A claim with no reason has no such argument: it is accepted unless opposed.
- An objection or rebuttal attacks its target: a claim, a reason (an undercut of its
  inference), or another objection or rebuttal.
- ``defect:g`` is an unattacked argument that keeps a group OUT whatever happens: a reason that
  is part of a support cycle (circular reasoning), a group with no co-premises, a group with a
  co-premise that is not a defined claim.

The framework is linear in the size of the map. Ids cannot hold ``:``, so helper names never
collide with map ids.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from argmap.checks.graphs import strongly_connected
from argmap.evaluation.framework import Framework
from argmap.model import ArgumentMap, Claim, Group, Kind

__all__ = ["Defect", "Role", "Translation", "translate"]


class Role(enum.Enum):
    """What an argument of the translated framework stands for."""

    NODE = "node"  # a claim or group of the map
    FAILS = "fails"  # "co-premise p fails": attacked by p, attacks the groups using p
    UNSUPPORTED = "unsupported"  # "no reason for c stands": attacked by c's reasons, attacks c
    DEFECT = "defect"  # a structural flaw that keeps a group OUT


@attrs.frozen
class Defect:
    """Why a group is OUT whatever else holds: ``kind`` is ``circular``, ``empty`` or
    ``undefined``; ``related`` names the claims involved."""

    kind: str
    message: str
    related: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False)
class Translation:
    """A map's framework and how its arguments relate back to the map.

    Arguments ``0 .. len(nodes) - 1`` are the map's claims and groups (``nodes``, claims first,
    each in written order; only the first definition of a duplicated id counts). The helper
    arguments follow. ``subjects[a]`` is the map id an argument is about.
    """

    map: ArgumentMap
    framework: Framework
    nodes: tuple[Claim | Group, ...]
    roles: tuple[Role, ...]
    subjects: tuple[str, ...]
    index: Mapping[str, int]
    defects: Mapping[str, Defect]
    premises: Mapping[str, tuple[str, ...]]  # group id -> its co-premises that are claims
    reasons: Mapping[str, tuple[str, ...]]  # claim id -> the reasons for it
    opponents: Mapping[str, tuple[str, ...]]  # node id -> the objections and rebuttals against it
    fails: Mapping[str, int]  # claim id -> its helper "fails:p", if it is a co-premise
    unsupported: Mapping[str, int]  # claim id -> its helper "unsupported:c", if it has reasons

    def node(self, id: str) -> Claim | Group:
        """The claim or group with this id; ``KeyError`` if the map has none."""
        return self.nodes[self.index[id]]


def translate(m: ArgumentMap) -> Translation:
    """The framework of a map (any map: a map with errors gets a documented best reading)."""
    nodes: list[Claim | Group] = []
    index: dict[str, int] = {}
    for node in m.nodes():
        if node.id not in index and m.get(node.id) is node:
            index[node.id] = len(nodes)
            nodes.append(node)
    groups = [n for n in nodes if isinstance(n, Group)]

    premises: dict[str, tuple[str, ...]] = {}
    undefined: dict[str, str] = {}
    for group in groups:
        found: dict[str, None] = {}
        for premise in group.premises:
            if isinstance(m.get(premise.id), Claim):
                found.setdefault(premise.id, None)
            else:
                undefined.setdefault(group.id, premise.id)
        premises[group.id] = tuple(found)

    reasons: dict[str, list[str]] = {}
    opponents: dict[str, list[str]] = {}
    for group in groups:
        target = group.target
        if target is None or target not in index:
            continue  # an undefined target: the group is labelled but acts on nothing
        if group.kind is Kind.REASON:
            if isinstance(nodes[index[target]], Claim):
                reasons.setdefault(target, []).append(group.id)
            # a reason for a group (E104) supports nothing
        else:
            opponents.setdefault(target, []).append(group.id)

    defects: dict[str, Defect] = {}
    circular = _circular_reasons(nodes, premises, reasons)
    for group in groups:
        if not group.premises:
            defects[group.id] = Defect("empty", "it has no co-premises")
        elif group.id in undefined:
            missing = undefined[group.id]
            defects[group.id] = Defect(
                "undefined", f"its co-premise `{missing}` is not a defined claim", (missing,)
            )
        elif group.id in circular:
            defects[group.id] = circular[group.id]

    names = [node.id for node in nodes]
    roles = [Role.NODE] * len(nodes)
    subjects = list(names)
    attacks: list[tuple[int, int]] = []

    def helper(role: Role, subject: str) -> int:
        names.append(f"{role.value}:{subject}")
        roles.append(role)
        subjects.append(subject)
        return len(names) - 1

    fails: dict[str, int] = {}
    for group in groups:
        g = index[group.id]
        for used in premises[group.id]:
            if used not in fails:
                fails[used] = helper(Role.FAILS, used)
                attacks.append((index[used], fails[used]))
            attacks.append((fails[used], g))
    unsupported: dict[str, int] = {}
    for claim, for_it in reasons.items():
        unsupported[claim] = helper(Role.UNSUPPORTED, claim)
        attacks.append((unsupported[claim], index[claim]))
        attacks.extend((index[reason], unsupported[claim]) for reason in for_it)
    for target, against in opponents.items():
        attacks.extend((index[group], index[target]) for group in against)
    for group_id in sorted(defects, key=index.__getitem__):
        attacks.append((helper(Role.DEFECT, group_id), index[group_id]))

    return Translation(
        map=m,
        framework=Framework.from_indexes(names, attacks),
        nodes=tuple(nodes),
        roles=tuple(roles),
        subjects=tuple(subjects),
        index=MappingProxyType(index),
        defects=MappingProxyType(defects),
        premises=MappingProxyType(premises),
        reasons=MappingProxyType({k: tuple(v) for k, v in reasons.items()}),
        opponents=MappingProxyType({k: tuple(v) for k, v in opponents.items()}),
        fails=MappingProxyType(fails),
        unsupported=MappingProxyType(unsupported),
    )


def _circular_reasons(
    nodes: list[Claim | Group],
    premises: dict[str, tuple[str, ...]],
    reasons: dict[str, list[str]],
) -> dict[str, Defect]:
    """The reasons that close a support cycle: a co-premise lies in the same strongly connected
    part of the support graph (premise -> claim it supports) as the claim the reason supports.

    Such a reason gives no support (E106: "neither gives the other any support"), so circular
    reasoning can never make a claim IN, in any semantics.
    """
    claims = [n.id for n in nodes if isinstance(n, Claim)]
    local = {claim: i for i, claim in enumerate(claims)}
    successors: list[list[int]] = [[] for _ in claims]
    for target, for_it in reasons.items():
        for reason in for_it:
            for premise in premises[reason]:
                successors[local[premise]].append(local[target])
    component = [0] * len(claims)
    for number, members in enumerate(strongly_connected(len(claims), successors)):
        for member in members:
            component[member] = number
    found: dict[str, Defect] = {}
    for target, for_it in reasons.items():
        for reason in for_it:
            for premise in premises[reason]:
                if component[local[premise]] != component[local[target]]:
                    continue
                if premise == target:
                    message = f"its co-premise `{premise}` is the claim it supports"
                else:
                    message = (
                        f"its co-premise `{premise}` rests on `{target}`, the claim it supports"
                    )
                found[reason] = Defect("circular", message, (premise, target))
                break
    return found
