"""Building a map in code: :class:`MapBuilder`, for quiz generators, notebooks and tests.

>>> from argmap.teach.map_builder import MapBuilder, premise
>>> b = MapBuilder(title="Walking to school")
>>> walk = b.conclusion("We should walk to school.", id="walk")
>>> reason = b.reason(walk, "Walking is healthy.", premise("Healthy habits last.", implicit=True))
>>> rain = b.objection(walk, "It often rains.")
>>> b.rebuttal(rain, "Raincoats keep us dry.")
'walk.objection1.rebuttal1'
>>> m = b.build()
>>> [c.text for c in m.premises(reason)]
['Walking is healthy.', 'Healthy habits last.']

Every group is written under its target, in the order you add them, so the ids argmap generates
for what you leave unnamed are the ones the builder returns. :meth:`MapBuilder.build` writes the
map as ``.arg`` text and parses it back, so a built map is exactly the map that its text reads as
(with spans pointing into :meth:`MapBuilder.text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NoReturn

import attrs

from argmap.model import ArgumentMap, Claim, Group, Kind, Premise, Reference, Source
from argmap.read.parser import parse
from argmap.write.from_model import dumps

__all__ = ["MapBuilder", "NewClaim", "Reuse", "premise", "reuse"]

_ID = re.compile(r"[^\W\d][\w-]*")


@attrs.frozen(kw_only=True)
class NewClaim:
    """A co-premise written in place: what :func:`premise` returns."""

    text: str
    id: str | None = None
    implicit: bool = False
    sources: tuple[str, ...] = ()


@attrs.frozen
class Reuse:
    """A claim defined elsewhere, used again as a co-premise: what :func:`reuse` returns."""

    id: str


def reuse(id: str) -> Reuse:
    """Use the claim ``id`` (defined elsewhere) as a co-premise, like ``@id`` in a map."""
    return Reuse(id)


def premise(
    text: str, *, id: str | None = None, implicit: bool = False, sources: Iterable[str] = ()
) -> NewClaim:
    """A co-premise with options; a plain string is a co-premise with none."""
    return NewClaim(text=text, id=id, implicit=implicit, sources=tuple(sources))


class MapBuilder:
    """Collects claims and groups; :meth:`build` returns the frozen :class:`ArgumentMap`.

    Co-premises are given as strings (new anonymous claims), :func:`premise` objects (new claims
    with an id, ``implicit`` or sources), or :func:`reuse` objects for a claim defined elsewhere.
    """

    def __init__(self, title: str | None = None) -> None:
        self._title = title
        self._sources: list[Source] = []
        self._claims: list[Claim] = []
        self._groups: list[Group] = []
        self._ids: set[str] = set()
        self._counts: dict[tuple[str, Kind], int] = {}
        self._anonymous = 0

    def source(self, id: str, text: str) -> str:
        """Declare a source: who says things."""
        self._sources.append(Source(id=self._check_id(id, source=True), text=text))
        return id

    def conclusion(self, text: str, *, id: str | None = None, sources: Iterable[str] = ()) -> str:
        """Add the main contention; returns its id."""
        return self._top(text, id, sources, conclusion=True)

    def claim(self, text: str, *, id: str | None = None, sources: Iterable[str] = ()) -> str:
        """Add a top-level claim (to target, or to :func:`reuse`); returns its id."""
        return self._top(text, id, sources, conclusion=False)

    def reason(
        self,
        target: str,
        *premises: str | NewClaim | Reuse,
        id: str | None = None,
        sources: Iterable[str] = (),
        **unknown: NoReturn,
    ) -> str:
        """Add a reason for ``target`` (a claim id); returns the group's id.

        ``premises``: its co-premises, each a string, a :func:`premise` or a :func:`reuse`.
        ``id``: the group's id (generated when left out, as the parser would). ``sources``: the
        ids of the sources that give this reason, as in ``reason [hammond]:``. Any other keyword
        is a :class:`TypeError` that names these two.
        """
        _no_other_options("reason", unknown)
        return self._group(Kind.REASON, target, premises, id=id, sources=sources)

    def objection(
        self,
        target: str,
        *premises: str | NewClaim | Reuse,
        id: str | None = None,
        sources: Iterable[str] = (),
        **unknown: NoReturn,
    ) -> str:
        """Add an objection to ``target`` (a claim, or a reason: an undercut); returns its id.

        The parameters are those of :meth:`reason`.
        """
        _no_other_options("objection", unknown)
        return self._group(Kind.OBJECTION, target, premises, id=id, sources=sources)

    def rebuttal(
        self,
        target: str,
        *premises: str | NewClaim | Reuse,
        id: str | None = None,
        sources: Iterable[str] = (),
        **unknown: NoReturn,
    ) -> str:
        """Add a rebuttal to ``target`` (an objection or a rebuttal); returns its id.

        The parameters are those of :meth:`reason`.
        """
        _no_other_options("rebuttal", unknown)
        return self._group(Kind.REBUTTAL, target, premises, id=id, sources=sources)

    def draft(self) -> ArgumentMap:
        """The map as built so far, without spans."""
        return ArgumentMap(
            title=self._title,
            sources=tuple(self._sources),
            claims=tuple(self._claims),
            groups=tuple(self._groups),
        )

    def text(self) -> str:
        """The map as canonical ``.arg`` text."""
        return dumps(self.draft())

    def build(self) -> ArgumentMap:
        """The finished map: the text written and read back, so spans point into :meth:`text`.

        Structural mistakes (an unknown target, a cycle) are left for :func:`argmap.check`.
        """
        result = parse(self.text())
        assert result.ok, result.diagnostics  # the writer only writes what the parser reads
        return result.map

    # Internals ------------------------------------------------------------------------------

    def _check_id(self, id: str, *, source: bool = False) -> str:
        if not _ID.fullmatch(id):
            raise ValueError(f"{id!r} is not an id: letters, digits, '_' and '-', not first digit")
        if not source:
            if id in self._ids:
                raise ValueError(f"the id {id!r} is already used")
            self._ids.add(id)
        return id

    def _top(self, text: str, id: str | None, sources: Iterable[str], *, conclusion: bool) -> str:
        if id is None:
            self._anonymous += 1
            id = f"claim.{self._anonymous}"
        else:
            self._check_id(id)
        refs = tuple(Reference(id=s) for s in sources)
        self._claims.append(Claim(id=id, text=text, conclusion=conclusion, sources=refs))
        return id

    def _group(
        self,
        kind: Kind,
        target: str,
        premises: tuple[str | NewClaim | Reuse, ...],
        *,
        id: str | None,
        sources: Iterable[str],
    ) -> str:
        known = [c.id for c in self._claims] + [g.id for g in self._groups]
        if target not in known:
            raise ValueError(f"no claim or group {target!r} to attach a {kind.value} to")
        if id is None:
            count = self._counts[(target, kind)] = self._counts.get((target, kind), 0) + 1
            id = f"{target}.{kind.value}{count}"
        else:
            self._check_id(id)
        written: list[Premise] = []
        for index, item in enumerate(premises, start=1):
            if isinstance(item, Reuse):
                written.append(Premise(id=item.id, reuse=True))
                continue
            new = item if isinstance(item, NewClaim) else NewClaim(text=item)
            claim_id = self._check_id(new.id) if new.id else f"{id}.{index}"
            self._claims.append(
                Claim(
                    id=claim_id,
                    text=new.text,
                    implicit=new.implicit,
                    sources=tuple(Reference(id=s) for s in new.sources),
                )
            )
            written.append(Premise(id=claim_id))
        self._groups.append(
            Group(
                id=id,
                kind=kind,
                target=target,
                premises=tuple(written),
                sources=tuple(Reference(id=s) for s in sources),
            )
        )
        return id


def _no_other_options(method: str, unknown: Mapping[str, object]) -> None:
    """A keyword a group method does not take: say which ones it does take."""
    if unknown:
        wrong = ", ".join(f"{name!r}" for name in sorted(unknown))
        raise TypeError(
            f"MapBuilder.{method}() got an unexpected keyword argument {wrong}; it takes "
            "co-premises as positional arguments and the keywords 'id' and 'sources' "
            "(a co-premise's own options go in premise(text, id=..., implicit=..., sources=...))"
        )
