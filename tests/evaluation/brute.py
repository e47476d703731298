"""Independent reference implementations for the evaluation tests: brute force, no cleverness.

Nothing here imports argmap.evaluation. Dung frameworks are enumerated subset by subset (every
complete extension, from the definitions); maps are enumerated labelling by labelling against the
rules of docs/evaluation.md written out again from scratch.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from argmap.model import ArgumentMap, Claim, Group, Kind, Premise

__all__ = [
    "IN",
    "OUT",
    "UNDEC",
    "af_complete",
    "af_semantics",
    "map_complete",
    "map_naive_grounded",
    "map_semantics",
    "random_map",
]

IN, OUT, UNDEC = "in", "out", "undecided"


# Abstract frameworks ---------------------------------------------------------------------------


def af_complete(n: int, attacks: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
    """Every complete labelling, from Dung's definition: S conflict-free and S = F(S).

    Caminada's correspondence turns an extension S into a labelling: IN = S, OUT = the
    arguments S attacks, UNDECIDED = the rest.
    """
    attackers = [0] * n
    targets = [0] * n
    for a, b in attacks:
        attackers[b] |= 1 << a
        targets[a] |= 1 << b
    found = []
    for s in range(1 << n):
        plus = 0
        for a in range(n):
            if s >> a & 1:
                plus |= targets[a]
        if s & plus:
            continue  # not conflict-free
        defended = 0
        for a in range(n):
            if attackers[a] & ~plus == 0:
                defended |= 1 << a
        if defended != s:
            continue
        found.append(tuple(IN if s >> a & 1 else OUT if plus >> a & 1 else UNDEC for a in range(n)))
    return found


def _leq(a: Sequence[str], b: Sequence[str]) -> bool:
    """Information order: everything a decides, b decides the same way."""
    return all(x in (UNDEC, y) for x, y in zip(a, b, strict=True))


def _semantics(complete: list[tuple[str, ...]], *, by_in_set: bool) -> dict[str, object]:
    least = [lab for lab in complete if all(_leq(lab, other) for other in complete)]
    assert len(least) == 1, "the grounded labelling is the least complete labelling"
    if by_in_set:  # Dung: a maximal (by inclusion) set of IN arguments

        def below(a: Sequence[str], b: Sequence[str]) -> bool:
            return all(y == IN for x, y in zip(a, b, strict=True) if x == IN)

    else:  # Caminada: maximal in the information order
        below = _leq
    preferred = {
        lab for lab in complete if not any(other != lab and below(lab, other) for other in complete)
    }
    stable = {lab for lab in complete if UNDEC not in lab}
    return {"grounded": least[0], "preferred": preferred, "stable": stable}


def af_semantics(n: int, attacks: Sequence[tuple[int, int]]) -> dict[str, object]:
    """Grounded (least complete), preferred (maximal complete), stable (complete, no UNDEC).

    For frameworks, maximal in the information order is the same as a maximal IN set, which is
    Dung's definition of preferred, used here.
    """
    return _semantics(af_complete(n, attacks), by_in_set=True)


# Maps ------------------------------------------------------------------------------------------


class _Rules:
    """The rules of docs/evaluation.md on one map, written out independently."""

    def __init__(self, m: ArgumentMap) -> None:
        self.claims = [c.id for c in m.claims]
        self.groups = [g.id for g in m.groups]
        claim_ids = set(self.claims)
        nodes = claim_ids | set(self.groups)
        self.premises = {
            g.id: sorted({p.id for p in g.premises if p.id in claim_ids}) for g in m.groups
        }
        self.reasons: dict[str, list[str]] = {x: [] for x in nodes}
        self.opponents: dict[str, list[str]] = {x: [] for x in nodes}
        for g in m.groups:
            if g.target not in nodes:
                continue
            if g.kind is Kind.REASON:
                if g.target in claim_ids:
                    self.reasons[g.target].append(g.id)
            else:
                self.opponents[g.target].append(g.id)
        # Support edges premise -> the claim its reason supports; a reason is circular when its
        # target reaches one of its premises again (or is one).
        edges: dict[str, set[str]] = {c: set() for c in claim_ids}
        for g in m.groups:
            if g.kind is Kind.REASON and g.target in claim_ids:
                for p in self.premises[g.id]:
                    edges[p].add(g.target)  # type: ignore[arg-type]

        def reaches(start: str, goal: str) -> bool:
            seen, todo = {start}, [start]
            while todo:
                x = todo.pop()
                if x == goal:
                    return True
                for y in edges[x] - seen:
                    seen.add(y)
                    todo.append(y)
            return False

        self.defective = set()
        for g in m.groups:
            if not g.premises or any(p.id not in claim_ids for p in g.premises):
                self.defective.add(g.id)  # no co-premises, or one that is not a claim
            elif (
                g.kind is Kind.REASON
                and g.target in claim_ids
                and any(reaches(g.target, p) for p in self.premises[g.id])  # type: ignore[arg-type]
            ):
                self.defective.add(g.id)

    def claim_label(self, c: str, lab: dict[str, str]) -> str:
        reasons = [lab[r] for r in self.reasons[c]]
        against = [lab[o] for o in self.opponents[c]]
        if IN in against:
            return OUT
        if reasons and all(x == OUT for x in reasons):
            return OUT
        if all(x == OUT for x in against) and (not reasons or IN in reasons):
            return IN
        return UNDEC

    def group_label(self, g: str, lab: dict[str, str]) -> str:
        if g in self.defective:
            return OUT
        premises = [lab[p] for p in self.premises[g]]
        against = [lab[o] for o in self.opponents[g]]
        if OUT in premises or IN in against:
            return OUT
        if all(x == IN for x in premises) and all(x == OUT for x in against):
            return IN
        return UNDEC


def map_complete(m: ArgumentMap) -> list[dict[str, str]]:
    """Every labelling of the map that satisfies every rule at every node.

    Group labels are enumerated (3 ** groups); claim labels follow from them.
    """
    rules = _Rules(m)
    free = [g for g in rules.groups if g not in rules.defective]
    found = []
    for values in itertools.product((IN, OUT, UNDEC), repeat=len(free)):
        lab = dict(zip(free, values, strict=True))
        lab.update(dict.fromkeys(rules.defective, OUT))
        for c in rules.claims:
            lab[c] = rules.claim_label(c, lab)
        if all(rules.group_label(g, lab) == lab[g] for g in free):
            found.append(lab)
    return found


def map_semantics(m: ArgumentMap) -> dict[str, object]:
    """Grounded, preferred and stable labellings of a map, each as a tuple in map order."""
    order = [c.id for c in m.claims] + [g.id for g in m.groups]
    complete = [tuple(lab[x] for x in order) for lab in map_complete(m)]
    return _semantics(complete, by_in_set=False)


def map_naive_grounded(m: ArgumentMap) -> dict[str, str]:
    """The least fixed point of the rules, by plain repeated sweeps from all-UNDECIDED."""
    rules = _Rules(m)
    lab = {x: UNDEC for x in rules.claims + rules.groups}
    changed = True
    while changed:
        changed = False
        new = {}
        for c in rules.claims:
            new[c] = rules.claim_label(c, lab)
        for g in rules.groups:
            new[g] = rules.group_label(g, lab)
        for x, value in new.items():
            if lab[x] == UNDEC and value != UNDEC:
                lab[x] = value
                changed = True
    return lab


def random_map(rng: random.Random, claims: int, groups: int, *, messy: bool = False) -> ArgumentMap:
    """A random map: any kinds, any targets, reuse everywhere, so cycles of every sort occur.

    ``messy`` adds what only maps with errors have: empty groups, undefined co-premises and
    targets, wrong target kinds.
    """
    claim_ids = [f"c{i}" for i in range(claims)]
    group_ids = [f"g{j}" for j in range(groups)]
    kinds = [
        rng.choice((Kind.REASON, Kind.REASON, Kind.OBJECTION, Kind.REBUTTAL)) for _ in group_ids
    ]
    made = []
    for j, kind in enumerate(kinds):
        reasons = [group_ids[i] for i, k in enumerate(kinds) if k is Kind.REASON and i != j]
        opposing = [group_ids[i] for i, k in enumerate(kinds) if k is not Kind.REASON and i != j]
        if kind is Kind.REASON:
            target = rng.choice(claim_ids)
        elif kind is Kind.OBJECTION:
            target = (
                rng.choice(claim_ids + reasons)
                if reasons and rng.random() < 0.35
                else rng.choice(claim_ids)
            )
        else:
            target = rng.choice(opposing) if opposing else rng.choice(claim_ids)
        if messy and rng.random() < 0.15:
            target = rng.choice(("nowhere", rng.choice(group_ids + claim_ids)))
        count = rng.choice((1, 1, 2, 2, 3))
        premises = [rng.choice(claim_ids) for _ in range(count)]
        if messy and rng.random() < 0.08:
            premises = []
        if messy and rng.random() < 0.08:
            premises.append("ghost")
        made.append(
            Group(
                id=group_ids[j],
                kind=kind,
                target=target,
                premises=tuple(Premise(id=p, reuse=True) for p in premises),
            )
        )
    return ArgumentMap(
        claims=tuple(
            Claim(id=c, text=f"Claim {c}.", implicit=rng.random() < 0.1) for c in claim_ids
        ),
        groups=tuple(made),
    )
