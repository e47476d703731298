"""The evaluation of a map: which claims and groups stand (IN), fall (OUT) or stay open."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from argmap.evaluation import framework as af
from argmap.evaluation.explain import Cycle, Step, analyse_undecided, build_steps
from argmap.evaluation.framework import (
    DEFAULT_MAX_EXTENSIONS,
    EnumerationLimit,
    Grounded,
    Label,
)
from argmap.evaluation.translate import Translation, translate
from argmap.model import ArgumentMap, Claim

__all__ = ["Evaluation", "Labelling", "Region", "evaluate"]


@attrs.frozen
class Labelling:
    """One labelling of claims and groups: ``(id, label)`` pairs in map order."""

    items: tuple[tuple[str, Label], ...]
    _lookup: dict[str, Label] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_lookup", dict(self.items))

    def label(self, id: str) -> Label:
        """The label of a claim or group; ``KeyError`` if this labelling does not cover it."""
        return self._lookup[id]

    def ids(self, label: Label) -> tuple[str, ...]:
        """The ids with this label, in map order."""
        return tuple(id for id, mine in self.items if mine is label)

    def __iter__(self) -> Iterator[tuple[str, Label]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def as_dict(self) -> dict[str, list[str]]:
        """``{"in": [...], "out": [...], "undecided": [...]}``."""
        return {label.value: list(self.ids(label)) for label in Label}


@attrs.frozen
class Region:
    """A part of the map that the grounded labelling leaves undecided, independent of every
    other such part: its preferred and stable labellings can be listed on their own."""

    nodes: tuple[str, ...]
    cycles: tuple[Cycle, ...]
    arguments: tuple[int, ...] = attrs.field(repr=False)


@attrs.frozen(kw_only=True, eq=False)
class Evaluation:
    """The grounded labelling of a map, with explanations, cycles and the other semantics.

    ``labels`` covers every claim and group (map order: claims, then groups); ``steps`` holds
    one :class:`Step` per node. ``undecided_by_cycle`` maps each UNDECIDED node to the attack
    cycle it is caught in or depends on. ``regions`` are the independent undecided parts.
    """

    map: ArgumentMap
    translation: Translation
    grounded: Grounded
    labels: Mapping[str, Label]
    steps: Mapping[str, Step]
    cycles: tuple[Cycle, ...]
    undecided_by_cycle: Mapping[str, Cycle]
    regions: tuple[Region, ...]

    # The grounded labelling --------------------------------------------------------------

    def label(self, id: str) -> Label:
        """IN, OUT or UNDECIDED for a claim or group id; ``KeyError`` for an unknown id."""
        return self.labels[id]

    def ids(self, label: Label | None = None) -> tuple[str, ...]:
        """Every id (map order), or those with ``label``."""
        return tuple(i for i, mine in self.labels.items() if label is None or mine is label)

    @property
    def counts(self) -> dict[Label, int]:
        """How many claims and groups have each label."""
        counts = dict.fromkeys(Label, 0)
        for mine in self.labels.values():
            counts[mine] += 1
        return counts

    @property
    def decided(self) -> bool:
        """Nothing is UNDECIDED: the grounded labelling is then the only complete one, so the
        preferred and stable semantics give the same answer."""
        return not self.undecided_by_cycle

    # Explanations ------------------------------------------------------------------------

    def step(self, id: str) -> Step:
        """Why this node has its label, in one step."""
        return self.steps[id]

    def chain(self, id: str) -> tuple[Step, ...]:
        """The steps from this node to what finally decides it; always finite."""
        found = [self.steps[id]]
        seen = {id}
        while found[-1].next is not None and found[-1].next not in seen:
            seen.add(found[-1].next)
            found.append(self.steps[found[-1].next])
        return tuple(found)

    def explain(self, id: str) -> str:
        """One line: the label and why, with the decisive node's own reason when there is one.

        ``OUT because objection `no-squeeze` stands: none of its co-premises is opposed``
        """
        first = self.steps[id]
        line = first.head
        several = first.kind in ("unsupported", "circular") and len(first.related) > 1
        if first.label is not Label.IN and first.next is not None and not several:
            line += f": {self.steps[first.next].why}"
        return line + (f" ({first.note})" if first.note else "")

    # Other semantics ---------------------------------------------------------------------

    def preferred(
        self,
        region: Region | None = None,
        *,
        max_extensions: int = DEFAULT_MAX_EXTENSIONS,
        budget: af.Budget | int | None = None,
        max_steps: int | None = None,
    ) -> tuple[Labelling, ...]:
        """The preferred labellings of the whole map, or of one region (covering its nodes).

        Without attack cycles this is just the grounded labelling. Raises
        :class:`EnumerationLimit` when there are more than ``max_extensions`` or the search
        needs more steps (in all regions) than ``budget`` allows: a number of steps
        (``DEFAULT_MAX_STEPS``, 10,000,000, by default), or a :class:`~argmap.evaluation.
        framework.Budget`, which is shared: calls for one region after another then cost at
        most its steps in all. ``max_steps`` is the deprecated name of a number ``budget``.
        """
        return self._extensions("preferred", region, max_extensions, _budget(budget, max_steps))

    def stable(
        self,
        region: Region | None = None,
        *,
        max_extensions: int = DEFAULT_MAX_EXTENSIONS,
        budget: af.Budget | int | None = None,
        max_steps: int | None = None,
    ) -> tuple[Labelling, ...]:
        """The stable labellings (nothing UNDECIDED), possibly none; limits as :meth:`preferred`."""
        return self._extensions("stable", region, max_extensions, _budget(budget, max_steps))

    def _extensions(
        self,
        kind: str,
        region: Region | None,
        max_extensions: int,
        budget: af.Budget,
    ) -> tuple[Labelling, ...]:
        framework = self.translation.framework
        count = len(self.translation.nodes)
        names = self.translation.subjects
        if region is not None:
            found = af.region_extensions(
                framework,
                region.arguments,
                kind,
                max_extensions=max_extensions,
                budget=budget,
            )
            return tuple(
                Labelling(
                    tuple(
                        (names[a], x)
                        for a, x in zip(region.arguments, local, strict=True)
                        if a < count
                    )
                )
                for local in found
            )
        enumerate_ = af.preferred if kind == "preferred" else af.stable
        full = enumerate_(
            framework,
            self.grounded,
            max_extensions=max_extensions,
            budget=budget,
        )
        return tuple(
            Labelling(tuple(zip(names[:count], labels[:count], strict=True))) for labels in full
        )

    # Output ------------------------------------------------------------------------------

    def written_order(self) -> tuple[str, ...]:
        """Every id in the order the map's text has them (nodes without a place last)."""
        nodes = self.translation.nodes
        order = sorted(
            range(len(nodes)),
            key=lambda i: (
                (0, nodes[i].span.line, nodes[i].span.column)  # type: ignore[union-attr]
                if nodes[i].span is not None
                else (1, 0, i)
            ),
        )
        return tuple(nodes[i].id for i in order)

    def as_dict(
        self,
        *,
        max_extensions: int = DEFAULT_MAX_EXTENSIONS,
        budget: af.Budget | int | None = None,
        max_steps: int | None = None,
    ) -> dict[str, Any]:
        """A JSON-ready view: labels and explanations in written order, cycles, and for each
        undecided region its preferred and stable labellings (``null`` with a ``limit`` message
        when there were too many to list, or when the search steps of all the regions together
        passed ``budget``, as in :meth:`preferred`)."""
        spend = _budget(budget, max_steps)
        cycle_index = {cycle: n for n, cycle in enumerate(self.cycles)}
        nodes = []
        for id in self.written_order():
            node = self.translation.node(id)
            step = self.steps[id]
            entry: dict[str, Any] = {
                "id": id,
                "type": "claim" if isinstance(node, Claim) else node.kind.value,
                "label": step.label.value,
                "kind": step.kind,
                "because": self.explain(id),
                "next": step.next,
                "related": list(step.related),
            }
            if isinstance(node, Claim):
                entry["conclusion"] = node.conclusion
            if id in self.undecided_by_cycle:
                entry["cycle"] = cycle_index[self.undecided_by_cycle[id]]
            nodes.append(entry)
        regions = []
        for region in self.regions:
            item: dict[str, Any] = {
                "nodes": list(region.nodes),
                "cycles": [cycle_index[c] for c in region.cycles],
            }
            for kind in ("preferred", "stable"):
                try:
                    found = self._extensions(kind, region, max_extensions, spend)
                except EnumerationLimit as limit:
                    item[kind] = None
                    item[f"{kind}_limit"] = str(limit)
                else:
                    item[kind] = [labelling.as_dict() for labelling in found]
            regions.append(item)
        return {
            "semantics": "grounded",
            "counts": {label.value: n for label, n in self.counts.items()},
            "decided": self.decided,
            "nodes": nodes,
            "cycles": [
                {"nodes": list(c.nodes), "members": list(c.members), "odd": c.odd}
                for c in self.cycles
            ],
            "regions": regions,
        }


def evaluate(m: ArgumentMap) -> Evaluation:
    """The grounded labelling of a map, in time linear in its claims, groups and relations.

    See ``docs/evaluation.md`` for the rules. Any map can be evaluated; a map with errors gets a
    documented best reading (``argmap evaluate`` refuses such maps).

    >>> from argmap import parse
    >>> m = parse("conclusion c: Tea is good.\\n  objection o:\\n    - It is bitter.\\n").map
    >>> evaluate(m).explain("c")
    'OUT because objection `o` stands: none of its co-premises is opposed'
    """
    translation = translate(m)
    g = af.grounded(translation.framework)
    undecided = analyse_undecided(translation, g)
    count = len(translation.nodes)
    labels = {translation.subjects[a]: g.labels[a] for a in range(count)}
    regions = tuple(
        Region(
            nodes=tuple(translation.subjects[a] for a in region if a < count),
            cycles=tuple(undecided.cycles[n] for n in cycle_numbers),
            arguments=region,
        )
        for region, cycle_numbers in zip(undecided.regions, undecided.region_cycles, strict=True)
    )
    return Evaluation(
        map=m,
        translation=translation,
        grounded=g,
        labels=MappingProxyType(labels),
        steps=MappingProxyType(build_steps(translation, g, undecided)),
        cycles=undecided.cycles,
        undecided_by_cycle=MappingProxyType(
            {id: undecided.cycles[n] for id, n in undecided.cycle_of.items()}
        ),
        regions=regions,
    )


def _budget(budget: af.Budget | int | None, max_steps: int | None) -> af.Budget:
    """The budget of one call: ``budget`` (:meth:`~argmap.evaluation.framework.Budget.of`), or
    ``max_steps``, its deprecated name, with a warning."""
    if max_steps is not None:
        if budget is not None:
            raise TypeError("pass budget= alone: max_steps= is its deprecated name")
        warnings.warn(
            "max_steps= is deprecated: pass budget= (a number of steps, or a Budget to share)",
            DeprecationWarning,
            stacklevel=3,
        )
        budget = max_steps
    return af.Budget.of(budget)
