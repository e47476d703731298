"""Abstract argumentation frameworks (Dung 1995) and their labellings (Caminada).

A framework is a set of arguments and an attack relation. A *labelling* gives every argument
IN, OUT or UNDECIDED; it is *complete* when an argument is IN exactly when all its attackers are
OUT, and OUT exactly when some attacker is IN. The *grounded* labelling is the complete labelling
with the fewest IN (the least committed one, unique); *preferred* labellings are the complete
ones with a maximal set of IN arguments; *stable* ones have no UNDECIDED argument.

Everything here works on argument indexes (0..n-1) and never recurses, so frameworks of any
depth are fine. The grounded labelling is linear in arguments + attacks. Preferred and stable
labellings are exponential in general: they are enumerated only over the part the grounded
labelling leaves undecided, one independent region at a time, under explicit limits.
"""

from __future__ import annotations

import enum
import itertools
from collections import deque
from collections.abc import Iterable, Sequence

import attrs

from argmap.checks.graphs import strongly_connected

__all__ = [
    "DEFAULT_MAX_EXTENSIONS",
    "DEFAULT_MAX_STEPS",
    "Budget",
    "EnumerationLimit",
    "Framework",
    "Grounded",
    "Label",
    "cyclic_components",
    "grounded",
    "preferred",
    "region_extensions",
    "region_labellings",
    "stable",
    "undecided_regions",
]

#: Enumeration gives up after this many search steps in all (a step labels one argument, or
#: looks at one for the next to label): every region searched with one :class:`Budget` draws on
#: it (``argmap evaluate --max-steps``).
DEFAULT_MAX_STEPS = 10_000_000
#: Enumeration gives up when there are more than this many extensions (per region and in all).
DEFAULT_MAX_EXTENSIONS = 256


class Label(enum.Enum):
    """The status of an argument, claim or group: accepted, rejected, or left open."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"

    def __str__(self) -> str:
        return self.name


class EnumerationLimit(Exception):
    """Preferred or stable labellings were not enumerated: there are too many to list.

    ``what`` names the limit that was hit (``"steps"`` or ``"extensions"``), ``limit`` its value.
    """

    def __init__(self, message: str, *, what: str, limit: int) -> None:
        super().__init__(message)
        self.what = what
        self.limit = limit


class Budget:
    """Search steps left for the enumerations of one evaluation. Each region's search spends
    from it, so a map of many hard regions costs at most ``steps`` in all, not ``steps`` each.
    """

    def __init__(self, steps: int = DEFAULT_MAX_STEPS) -> None:
        self.limit = steps
        self.left = steps

    @classmethod
    def of(cls, budget: Budget | int | None) -> Budget:
        """What a search spends: ``budget`` itself (shared with the searches it is passed to),
        a new budget of that many steps, or (``None``) one of :data:`DEFAULT_MAX_STEPS`."""
        if isinstance(budget, Budget):
            return budget
        return cls() if budget is None else cls(budget)

    def spend(self, steps: int, k: int) -> None:
        """``steps`` steps of a search over ``k`` arguments; raises when none is left."""
        self.left -= steps
        if self.left < 0:
            raise EnumerationLimit(
                f"gave up after {self.limit:,} search steps (the last over {k} undecided "
                "arguments)",
                what="steps",
                limit=self.limit,
            )


def _unique_sorted(items: list[int]) -> tuple[int, ...]:
    return tuple(sorted(set(items))) if len(items) > 1 else tuple(items)


@attrs.frozen
class Framework:
    """Arguments (named, in order) and who attacks whom, as indexes.

    Build one with :meth:`build` (from names) or :meth:`from_indexes`.
    """

    arguments: tuple[str, ...]
    attackers: tuple[tuple[int, ...], ...]
    targets: tuple[tuple[int, ...], ...]

    @classmethod
    def from_indexes(
        cls, arguments: Sequence[str], attacks: Iterable[tuple[int, int]]
    ) -> Framework:
        """A framework from argument names and ``(attacker, target)`` index pairs."""
        n = len(arguments)
        attackers: list[list[int]] = [[] for _ in range(n)]
        targets: list[list[int]] = [[] for _ in range(n)]
        for source, target in attacks:
            if not (0 <= source < n and 0 <= target < n):
                raise ValueError(f"attack ({source}, {target}) names no argument")
            attackers[target].append(source)
            targets[source].append(target)
        return cls(
            tuple(arguments),
            tuple(_unique_sorted(a) for a in attackers),
            tuple(_unique_sorted(t) for t in targets),
        )

    @classmethod
    def build(cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """A framework from argument names and ``(attacker, target)`` name pairs."""
        names = tuple(arguments)
        index = {name: i for i, name in enumerate(names)}
        if len(index) != len(names):
            raise ValueError("argument names must be unique")
        try:
            pairs = [(index[a], index[b]) for a, b in attacks]
        except KeyError as missing:
            raise ValueError(f"attack names no argument: {missing}") from None
        return cls.from_indexes(names, pairs)

    def __len__(self) -> int:
        return len(self.arguments)

    @property
    def attacks(self) -> tuple[tuple[str, str], ...]:
        """Every attack as ``(attacker, target)`` names."""
        names = self.arguments
        return tuple((names[a], names[t]) for a, ts in enumerate(self.targets) for t in ts)

    def index(self, name: str) -> int:
        """The index of the argument with this name; ``ValueError`` if there is none."""
        return self.arguments.index(name)


@attrs.frozen
class Grounded:
    """The grounded labelling, with the trace that explanations need.

    ``cause[a]`` is, for an OUT argument, the IN attacker that defeated it (the first one found),
    and -1 otherwise. ``rank[a]`` is the order in which arguments were decided (-1 if never): an
    argument's cause, and every attacker of an IN argument, was decided before it, so following
    causes always ends.
    """

    labels: tuple[Label, ...]
    cause: tuple[int, ...]
    rank: tuple[int, ...]


def grounded(framework: Framework) -> Grounded:
    """The grounded labelling, by the counter (worklist) algorithm: linear time, no recursion.

    Unattacked arguments are IN. Whatever an IN argument attacks is OUT. An argument whose
    attackers are all OUT becomes IN. What is never reached is UNDECIDED.
    """
    n = len(framework.arguments)
    attackers, targets = framework.attackers, framework.targets
    label: list[Label | None] = [None] * n
    cause = [-1] * n
    rank = [-1] * n
    alive = [len(a) for a in attackers]  # attackers not (yet) OUT
    queue: deque[int] = deque()
    decided = 0
    for a in range(n):
        if alive[a] == 0:
            label[a] = Label.IN
            rank[a] = decided
            decided += 1
            queue.append(a)
    while queue:
        winner = queue.popleft()
        for loser in targets[winner]:
            if label[loser] is not None:
                continue
            label[loser] = Label.OUT
            cause[loser] = winner
            rank[loser] = decided
            decided += 1
            for freed in targets[loser]:
                alive[freed] -= 1
                if alive[freed] == 0 and label[freed] is None:
                    label[freed] = Label.IN
                    rank[freed] = decided
                    decided += 1
                    queue.append(freed)
    labels = tuple(Label.UNDECIDED if x is None else x for x in label)
    return Grounded(labels, tuple(cause), tuple(rank))


def _undecided_graph(
    framework: Framework, labels: Sequence[Label]
) -> tuple[list[int], dict[int, int], list[list[int]]]:
    """The undecided arguments, their local numbering, and the attacks among them."""
    undecided = [a for a, label in enumerate(labels) if label is Label.UNDECIDED]
    local = {a: i for i, a in enumerate(undecided)}
    succ = [[local[t] for t in framework.targets[a] if t in local] for a in undecided]
    return undecided, local, succ


def cyclic_components(framework: Framework, labels: Sequence[Label]) -> list[list[int]]:
    """The strongly connected parts of the undecided arguments that hold an attack cycle.

    In a finite framework every argument the grounded labelling leaves undecided is on, or
    attacked from, one of these (ordered by their smallest argument).
    """
    undecided, _, succ = _undecided_graph(framework, labels)
    found = []
    for component in strongly_connected(len(undecided), succ):
        first = component[0]
        if len(component) > 1 or first in succ[first]:
            found.append([undecided[i] for i in component])
    return sorted(found)


def undecided_regions(framework: Framework, labels: Sequence[Label]) -> list[list[int]]:
    """The undecided arguments split into independent regions (weakly connected, no attack
    between two regions), each sorted, ordered by their smallest argument.

    Given the grounded labelling, every complete labelling is the grounded one with each region
    relabelled by a complete labelling of that region on its own, independently of the others.
    """
    undecided, _, succ = _undecided_graph(framework, labels)
    neighbours: list[list[int]] = [[] for _ in undecided]
    for a, ts in enumerate(succ):
        for t in ts:
            neighbours[a].append(t)
            neighbours[t].append(a)
    seen = [False] * len(undecided)
    regions = []
    for start in range(len(undecided)):
        if seen[start]:
            continue
        seen[start] = True
        part, todo = [start], [start]
        while todo:
            for other in neighbours[todo.pop()]:
                if not seen[other]:
                    seen[other] = True
                    part.append(other)
                    todo.append(other)
        regions.append(sorted(undecided[i] for i in part))
    return regions


# Enumeration over an undecided region ---------------------------------------------------------

_FREE, _IN, _OUT, _UNDEC = 0, 1, 2, 3
_LABEL = {_IN: Label.IN, _OUT: Label.OUT, _UNDEC: Label.UNDECIDED}


def region_labellings(
    framework: Framework,
    region: Sequence[int],
    *,
    stable: bool = False,
    budget: Budget | int | None = None,
    max_found: int | None = None,
) -> list[tuple[Label, ...]]:
    """Every complete labelling of ``region`` (stable ones only if ``stable``), in the order of
    ``region``. Attacks from outside the region are ignored: that is right for a region of
    :func:`undecided_regions`, whose outside attackers are all OUT in every complete labelling.

    A backtracking search that labels one argument at a time and propagates what the complete
    labelling conditions force. Raises :class:`EnumerationLimit` when ``budget`` (a
    :class:`Budget`, shared with other searches, or a number of steps; see :meth:`Budget.of`)
    has no steps left, or (``what="extensions"``) on finding more than ``max_found`` labellings.
    """
    budget = Budget.of(budget)
    position = {a: i for i, a in enumerate(region)}
    k = len(region)
    att = [[position[b] for b in framework.attackers[a] if b in position] for a in region]
    tgt = [[position[b] for b in framework.targets[a] if b in position] for a in region]
    lab = [_FREE] * k
    trail: list[int] = []

    def assign(x: int, value: int, queue: list[int]) -> bool:
        if lab[x] == _FREE:
            if stable and value == _UNDEC:
                return False
            lab[x] = value
            trail.append(x)
            queue.append(x)
            return True
        return lab[x] == value

    def check(y: int, queue: list[int]) -> bool:
        """Enforce what y's own condition says about y and its attackers."""
        free: list[int] = []
        outs = undecs = 0
        for a in att[y]:
            value = lab[a]
            if value == _IN:
                return assign(y, _OUT, queue)
            if value == _OUT:
                outs += 1
            elif value == _UNDEC:
                undecs += 1
            else:
                free.append(a)
        if not free:
            return assign(y, _IN if outs == len(att[y]) else _UNDEC, queue)
        mine = lab[y]
        if mine == _IN:
            return all(assign(a, _OUT, queue) for a in free)
        if mine == _OUT and len(free) == 1:
            return assign(free[0], _IN, queue)  # the only attacker that can still be IN
        if mine == _UNDEC and undecs == 0 and len(free) == 1:
            return assign(free[0], _UNDEC, queue)  # it cannot be IN, and not all may be OUT
        return True

    def propagate(queue: list[int]) -> bool:
        while queue:
            x = queue.pop()
            if not check(x, queue):
                return False
            for t in tgt[x]:
                if not check(t, queue):
                    return False
        return True

    values = (_IN, _OUT) if stable else (_IN, _OUT, _UNDEC)
    found: list[tuple[Label, ...]] = []
    queue: list[int] = []
    ok = all(check(y, queue) for y in range(k)) and propagate(queue)
    if not ok:
        return found
    decisions: list[list[int]] = []  # [argument, index of the value tried, trail length]
    while True:
        if ok:
            # Every argument before the last decision's is labelled: look on from there.
            start = decisions[-1][0] if decisions else 0
            var = next((x for x in range(start, k) if lab[x] == _FREE), -1)
            budget.spend((k if var == -1 else var) - start, k)
            if var == -1:
                budget.spend(k, k)  # writing the labelling down
                found.append(tuple(_LABEL[v] for v in lab))
                if max_found is not None and len(found) > max_found:
                    what = "stable" if stable else "complete"
                    raise EnumerationLimit(
                        f"more than {max_found} {what} labellings",
                        what="extensions",
                        limit=max_found,
                    )
            else:
                decisions.append([var, -1, len(trail)])
        ok = False
        while decisions and not ok:
            decision = decisions[-1]
            while len(trail) > decision[2]:
                lab[trail.pop()] = _FREE
            decision[1] += 1
            if decision[1] == len(values):
                decisions.pop()
                continue
            budget.spend(1, k)
            queue = []
            ok = assign(decision[0], values[decision[1]], queue) and propagate(queue)
            budget.spend(len(trail) - decision[2], k)  # the labels it forced
        if not ok:
            return found


def _maximal_in(labellings: list[tuple[Label, ...]], most: int) -> list[tuple[Label, ...]]:
    """The labellings whose IN set no other labelling's IN set strictly contains, in their
    order. Largest IN sets first: each is maximal unless a maximal one found before contains
    it, so the work is the labellings times the maximal ones, and past ``most`` maximal ones
    it stops (:class:`EnumerationLimit`)."""
    masks = [sum(1 << i for i, x in enumerate(lab) if x is Label.IN) for lab in labellings]
    order = sorted(range(len(masks)), key=lambda i: -masks[i].bit_count())
    kept: list[int] = []
    for index in order:
        mask = masks[index]
        if not any(masks[k] & mask == mask and masks[k] != mask for k in kept):
            kept.append(index)
            if len(kept) > most:
                raise EnumerationLimit(
                    f"more than {most} preferred labellings", what="extensions", limit=most
                )
    return [labellings[i] for i in sorted(kept)]


def region_extensions(
    framework: Framework,
    region: Sequence[int],
    kind: str,
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    budget: Budget | int | None = None,
) -> list[tuple[Label, ...]]:
    """The ``"preferred"`` or ``"stable"`` labellings of one undecided region, in the order of
    ``region``. Raises :class:`EnumerationLimit` when ``budget`` (:meth:`Budget.of`) has no
    steps left or past ``max_extensions``."""
    if kind not in ("preferred", "stable"):
        raise ValueError(f"unknown semantics {kind!r}")
    is_stable = kind == "stable"
    found = region_labellings(
        framework,
        region,
        stable=is_stable,
        budget=budget,
        max_found=max_extensions if is_stable else None,
    )
    if kind == "preferred":
        found = _maximal_in(found, max_extensions)
    if len(found) > max_extensions:
        raise EnumerationLimit(
            f"more than {max_extensions} {kind} labellings", what="extensions", limit=max_extensions
        )
    return found


def _enumerate(
    framework: Framework,
    kind: str,
    base: Grounded | None,
    max_extensions: int,
    budget: Budget | int | None,
) -> tuple[tuple[Label, ...], ...]:
    g = base if base is not None else grounded(framework)
    per_region: list[tuple[list[int], list[tuple[Label, ...]]]] = []
    total = 1
    budget = Budget.of(budget)  # one for all the regions
    for region in undecided_regions(framework, g.labels):
        found = region_extensions(
            framework, region, kind, max_extensions=max_extensions, budget=budget
        )
        total *= len(found)
        if total > max_extensions:
            raise EnumerationLimit(
                f"more than {max_extensions} {kind} labellings",
                what="extensions",
                limit=max_extensions,
            )
        per_region.append((region, found))
    result = []
    for choice in itertools.product(*(found for _, found in per_region)):
        labels = list(g.labels)
        for (region, _), local in zip(per_region, choice, strict=True):
            for a, label in zip(region, local, strict=True):
                labels[a] = label
        result.append(tuple(labels))
    return tuple(result)


def preferred(
    framework: Framework,
    base: Grounded | None = None,
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    budget: Budget | int | None = None,
) -> tuple[tuple[Label, ...], ...]:
    """Every preferred labelling (a complete one with a maximal IN set); at least one exists.

    Raises :class:`EnumerationLimit` when there are more than ``max_extensions`` of them or the
    regions' searches need more steps in all than ``budget`` has (a :class:`Budget`, or a number
    of steps, :data:`DEFAULT_MAX_STEPS` by default).
    """
    return _enumerate(framework, "preferred", base, max_extensions, budget)


def stable(
    framework: Framework,
    base: Grounded | None = None,
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    budget: Budget | int | None = None,
) -> tuple[tuple[Label, ...], ...]:
    """Every stable labelling (complete, nothing UNDECIDED); there may be none (odd cycles).

    Raises :class:`EnumerationLimit` like :func:`preferred`.
    """
    return _enumerate(framework, "stable", base, max_extensions, budget)
