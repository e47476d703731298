"""One document as the language server sees it: parse result, diagnostics, positions, names.

Everything here is pure: an :class:`Analysis` is built from a text and answers questions about
positions in it. Editors count columns in UTF-16 code units by default (UTF-8 or UTF-32 when the
client and server agree on it); argmap counts code points. The conversion needs the line's text,
so the analysis keeps the lines, split exactly as argmap and the protocol split them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

import attrs
from lsprotocol import types

from argmap.checks import check
from argmap.checks.checker import unread_lines, words_on
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Claim, Group, Source, Span
from argmap.read.layout import Limits, split_lines
from argmap.read.parser import ParseResult, parse

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["ID", "Analysis", "Occurrence", "analyse"]

ID = re.compile(r"[^\W\d][\w-]*")
_REUSE = re.compile(r"@[ \t]*([^\W\d][\w-]*)")

Namespace = Literal["node", "source"]


class Occurrence(NamedTuple):  # a large map has tens of thousands: the cheapest record to make
    """A written id: a definition (``sanctions:``, ``source hammond:``) or a use (``@sanctions``,
    ``for sanctions``, ``[hammond]``). Claims and groups share the ``node`` namespace."""

    id: str
    namespace: Namespace
    span: Span
    definition: bool


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# The parts of a map its evaluation reads (docs/evaluation.md): ids and kinds, targets and
# co-premises, which claims are implicit or conclusions. Texts, sources, spans and comments are not.
Shape = tuple[tuple[object, ...], ...]


@attrs.define(eq=False)
class _Evaluation:
    lock: threading.Lock = attrs.Factory(threading.Lock)
    value: list[Evaluation] = attrs.Factory(list)
    failed: list[Exception] = attrs.Factory(list)  # a bug of ours, raised again, not recomputed


def shape(m: ArgumentMap) -> Shape:
    """What :func:`argmap.evaluation.evaluate` reads of a map: two maps of the same shape have
    the same labels and explanations, whatever their texts and line numbers."""
    claims = tuple((c.id, c.implicit, c.conclusion) for c in m.claims)
    groups = tuple((g.id, g.kind, g.target, tuple(p.id for p in g.premises)) for g in m.groups)
    return claims, groups


@attrs.frozen(kw_only=True)
class Analysis:
    """A parsed and checked document, with its lines and the ids written in it.

    What only some requests need is computed on first use and kept with this version: the ids
    written in it (:attr:`occurrences`) and the evaluation (:meth:`evaluation`), which an
    analysis of the same :func:`shape` can hand on (:meth:`inherit`).
    """

    result: ParseResult
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[str, ...]
    encoding: str = types.PositionEncodingKind.Utf16
    _occurrences: list[tuple[Occurrence, ...]] = attrs.field(
        factory=list, init=False, eq=False, repr=False
    )
    # The evaluation, shared by the versions of one shape (a list of one, replaced by inherit).
    _evaluation: list[_Evaluation] = attrs.field(
        factory=lambda: [_Evaluation()], init=False, eq=False, repr=False
    )
    # The evaluation of an earlier version of another shape, if one was computed: what hover
    # shows, marked as such, while this version's is computed (see :meth:`inherit`).
    _earlier: list[_Evaluation] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _shape: list[Shape] = attrs.field(factory=list, init=False, eq=False, repr=False)
    # The map whose attributions this one's are (this one's, or the map an edit of texts was made
    # from), and a lock: they are found in one pass over the map, by whichever thread asks first.
    _attributed: list[tuple[ArgumentMap, threading.Lock]] = attrs.field(
        factory=list, init=False, eq=False, repr=False
    )
    _lines_index: list[tuple[_ByLine[Claim | Group | Source], _ByLine[Occurrence]]] = attrs.field(
        factory=list, init=False, eq=False, repr=False
    )
    # How many claims have each text as W207 compares them (by hash): what the next version
    # needs to tell whether an edit of a text can change W207's findings (argmap.lsp.incremental).
    _texts: list[dict[int, int]] = attrs.field(factory=list, init=False, eq=False, repr=False)
    # The lines the map does not hold whole (argmap.checks.checker.unread_lines): what the next
    # version's partial checks need of the lines an edit kept (argmap.lsp.splice).
    _unread: list[frozenset[int]] = attrs.field(factory=list, init=False, eq=False, repr=False)

    @property
    def map(self) -> ArgumentMap:
        return self.result.map

    @property
    def errors(self) -> int:
        """How many error diagnostics the document has (syntax or structure)."""
        return sum(1 for d in self.diagnostics if d.severity >= Severity.ERROR)

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every written id, in the order of the text."""
        if not self._occurrences:
            self._occurrences.append(tuple(_occurrences(self.map, self.lines)))
        return self._occurrences[0]

    def index(self) -> tuple[_ByLine[Claim | Group | Source], _ByLine[Occurrence]]:
        """The items of the map (claims, groups, sources, in that order) by the lines they cover,
        and the ``@id`` co-premises by theirs: a position looks at its line only."""
        if not self._lines_index:
            items: tuple[Claim | Group | Source, ...] = (
                *self.map.claims,
                *self.map.groups,
                *self.map.sources,
            )
            self._lines_index.append((_by_line(items), _by_line(_reuses(self.map, self.lines))))
        return self._lines_index[0]

    def derived_from(
        self,
        previous: Analysis,
        replaced: dict[int, Claim | Group | Source],
        *,
        same_shape: bool = True,
        same_sources: bool = True,
    ) -> None:
        """Take the index of ``previous``, whose map this one's is but for the items
        ``replaced`` (by the ``id()`` of the item each replaces), each on its own lines
        (argmap.lsp.incremental). With ``same_shape`` its shape and evaluation are those of
        ``previous`` too, with ``same_sources`` (the same sources cited, and the same structure)
        its attributions; otherwise they are found afresh when asked for."""
        if same_shape:
            self._shape[:] = previous._shape
            if not self.errors and not previous.errors:
                self._evaluation[0] = previous._evaluation[0]
                self._earlier[:] = previous._earlier
        if same_sources:
            self._attributed[:] = previous._attributing()
        if self._lines_index:
            return
        items, reuses = previous.index()
        items = dict(items)
        for line in {
            number
            for item in replaced.values()
            if item.span is not None
            for number in range(item.span.line, item.span.end_line + 1)
        }:
            items[line] = [replaced.get(id(item), item) for item in items.get(line, ())]
        self._lines_index.append((items, reuses))

    def attribution(self, id: str) -> tuple[str, ...]:
        """``map.attribution(id)``, answered by the map an edit of texts was made from, whose
        attributions may be known already, if there is one (:meth:`derived_from`). A call from
        another thread meanwhile waits for it."""
        ((m, lock),) = self._attributing()
        with lock:
            return m.attribution(id)

    def _attributing(self) -> list[tuple[ArgumentMap, threading.Lock]]:
        if not self._attributed:
            self._attributed.append((self.map, threading.Lock()))
        return self._attributed

    def texts(self) -> dict[int, int]:
        """How many claims have each text, by the hash of the text as W207 compares texts."""
        if not self._texts:
            from argmap.checks.text import normalise

            counts: dict[int, int] = {}
            for claim in self.map.claims:
                key = hash(normalise(claim.text))
                counts[key] = counts.get(key, 0) + 1
            self._texts.append(counts)
        return self._texts[0]

    def counted_from(self, counts: dict[int, int]) -> None:
        """Take the counts of :meth:`texts`, made from those of an earlier version."""
        if not self._texts:
            self._texts.append(counts)

    def unread_lines(self) -> frozenset[int]:
        """The lines (1-based) with a word on them that the map does not hold whole, as
        :func:`argmap.checks.checker.unread_lines` finds them: none if nothing went wrong."""
        if not self._unread:
            result = self.result
            found: frozenset[int] = frozenset()
            if result.diagnostics:
                numbers = range(1, len(self.lines) + 1)
                found = unread_lines(result.map, result.diagnostics, self.lines, numbers)
            self._unread.append(found)
        return self._unread[0]

    def unread_lines_from(self, lines: frozenset[int]) -> None:
        """Take the lines of :meth:`unread_lines`, found from those of an earlier version."""
        if not self._unread:
            self._unread.append(lines)

    def shape(self) -> Shape:
        if not self._shape:
            self._shape.append(shape(self.map))
        return self._shape[0]

    @property
    def evaluated(self) -> bool:
        """Whether :meth:`evaluation` answers at once (computed, inherited, or not needed)."""
        cell = self._evaluation[0]
        return bool(self.errors) or bool(cell.value) or bool(cell.failed)

    def evaluation(self) -> Evaluation | None:
        """The grounded labelling of the map (``argmap evaluate``), or ``None`` when the document
        has errors: as on the command line, only a map without errors is evaluated. Computed
        once, whichever thread (or version of the same shape) asks first."""
        if self.errors:
            return None
        cell = self._evaluation[0]
        with cell.lock:
            if cell.failed:
                raise cell.failed[0]
            if not cell.value:
                from argmap.evaluation import evaluate

                try:
                    cell.value.append(evaluate(self.map))
                except Exception as error:
                    cell.failed.append(error)
                    raise
            return cell.value[0]

    def inherit(self, previous: Analysis) -> bool:
        """Share the evaluation of an earlier version, computed or still to be, if this map has
        its shape (an edit of texts, comments or sources only): its labels and explanations hold
        for this map as they are. Whether it did. Call before asking for the evaluation.

        Of a map of another shape, it keeps the last evaluation computed (:meth:`earlier`)."""
        if self.errors or previous.errors:
            return False
        if self._evaluation[0] is previous._evaluation[0]:
            return True  # shared already (derived_from)
        if not _sized_alike(self.map, previous.map) or self.shape() != previous.shape():
            cell = previous._evaluation[0]
            earlier = [cell] if cell.value else previous._earlier
            self._earlier[:] = earlier[:1]
            return False
        self._evaluation[0] = previous._evaluation[0]
        self._earlier[:] = previous._earlier
        return True

    def earlier(self) -> Evaluation | None:
        """The last evaluation computed for an earlier version of another shape, handed on by
        :meth:`inherit`: labels that held before the last change of the map's structure."""
        return self._earlier[0].value[0] if self._earlier else None

    @property
    def text(self) -> str:
        return self.result.text

    def prepare(self) -> None:
        """Find now what a request at a position needs of the whole map, which would otherwise
        be found by the first one after an edit: the index, and the groups using each claim
        (what hover says a claim is, supports and opposes, and whose it is)."""
        self.index()
        self.map.groups_using("")  # the first question finds every claim's

    # Positions --------------------------------------------------------------------------------

    def position(self, line: int, column: int) -> types.Position:
        """The protocol position of argmap's 1-based ``line:column`` (code points)."""
        index = max(line - 1, 0)
        if index >= len(self.lines):
            # Past the end: the end of the document.
            index = max(len(self.lines) - 1, 0)
            text = self.lines[index] if self.lines else ""
            return types.Position(line=index, character=_units(text, self.encoding))
        text = self.lines[index]
        return types.Position(
            line=index, character=_units(text[: max(column - 1, 0)], self.encoding)
        )

    def range(self, span: Span | None) -> types.Range:
        if span is None:
            start = types.Position(line=0, character=0)
            return types.Range(start=start, end=start)
        return types.Range(
            start=self.position(span.line, span.column),
            end=self.position(span.end_line, span.end_column),
        )

    def point(self, position: types.Position) -> tuple[int, int]:
        """argmap's 1-based ``(line, column)`` of a protocol position (clamped to the line)."""
        if position.line >= len(self.lines):
            return position.line + 1, 1
        text = self.lines[position.line]
        units = 0
        for index, char in enumerate(text):
            units += _units(char, self.encoding)
            if units > position.character:  # a position inside a character stays on it
                return position.line + 1, index + 1
        return position.line + 1, len(text) + 1

    def end(self) -> types.Position:
        """The position after the last character of the document."""
        last = len(self.lines) - 1
        return types.Position(line=last, character=_units(self.lines[last], self.encoding))

    def line_text(self, line: int) -> str:
        """The text of 1-based line ``line`` (empty past the end)."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    # Names ------------------------------------------------------------------------------------

    def occurrence_at(self, line: int, column: int) -> Occurrence | None:
        """The written id under ``line:column`` (a cursor just after an id counts): the first in
        :attr:`occurrences` that holds it, found among those of the items on its line."""
        items, reuses = self.index()
        on = items.get(line, ())
        found: list[Occurrence] = [
            *_definitions(s for s in on if isinstance(s, Source)),
            *_uses(n for n in on if not isinstance(n, Source)),
            *_targets(g for g in on if isinstance(g, Group)),
            *reuses.get(line, ()),
        ]
        found.sort(key=_written)  # stable: ties keep the order of `occurrences`
        for occurrence in found:
            if occurrence.span.contains(line, column):
                return occurrence
        return None

    def occurrences_of(self, id: str, namespace: Namespace) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.occurrences if o.id == id and o.namespace == namespace)

    def definition(self, id: str, namespace: Namespace) -> Occurrence | None:
        return next((o for o in self.occurrences_of(id, namespace) if o.definition), None)

    def node_at(self, line: int, column: int) -> Claim | Group | Source | None:
        """The claim, group or source whose line holds ``line:column``."""
        for item in self.index()[0].get(line, ()):
            span = item.span
            if span is not None and not (span.line == line and column < span.column):
                return item
        return None

    def word_at(self, line: int, column: int) -> str | None:
        """The id-like word under the cursor, read from the text (for lines that did not parse)."""
        text = self.line_text(line)
        for match in ID.finditer(text):
            if match.start() + 1 <= column <= match.end() + 1:
                return match.group()
        return None


_Item = TypeVar("_Item", Occurrence, "Claim | Group | Source")
_ByLine = dict[int, list[_Item]]


def _by_line(items: Iterable[_Item]) -> _ByLine[_Item]:
    found: _ByLine[_Item] = {}
    for item in items:
        span = item.span
        if span is None:
            continue
        if span.end_line == span.line:  # nearly every item: one line
            on = found.get(span.line)
            if on is None:
                found[span.line] = [item]
            else:
                on.append(item)
        else:
            for line in range(span.line, span.end_line + 1):
                found.setdefault(line, []).append(item)
    return found


def _sized_alike(m: ArgumentMap, other: ArgumentMap) -> bool:
    """Whether the maps have as many claims and groups: if not, their shapes differ, and that
    is known without finding them."""
    return len(m.claims) == len(other.claims) and len(m.groups) == len(other.groups)


def analyse(
    text: str, *, encoding: str = types.PositionEncodingKind.Utf16, limits: Limits | None = None
) -> Analysis:
    """Parse and check ``text`` as the command line does, and index its ids."""
    result = parse(text, limits=limits)
    lines = tuple(split_lines(result.text))
    if result.complete:
        return Analysis(result=result, diagnostics=check(result), lines=lines, encoding=encoding)
    # The lines not read are kept for the next version's checks (argmap.lsp.splice).
    unread = unread_lines(result.map, result.diagnostics, lines, range(1, len(lines) + 1))
    diagnostics = check(result, unread=words_on(lines, unread))
    analysis = Analysis(result=result, diagnostics=diagnostics, lines=lines, encoding=encoding)
    analysis.unread_lines_from(unread)
    return analysis


def _occurrences(m: ArgumentMap, lines: tuple[str, ...]) -> list[Occurrence]:
    found = [
        *_definitions(m.sources),
        *_uses(m.nodes()),
        *_targets(m.groups),
        *_reuses(m, lines),
    ]
    found.sort(key=_written)
    return found


def _definitions(sources: Iterable[Source]) -> Iterator[Occurrence]:
    for source in sources:
        if source.id_span is not None:
            yield Occurrence(source.id, "source", source.id_span, True)


def _uses(nodes: Iterable[Claim | Group]) -> Iterator[Occurrence]:
    """The ids of claims and groups where they are defined, and the sources they cite."""
    for node in nodes:
        if node.id_span is not None:
            yield Occurrence(node.id, "node", node.id_span, True)
        for ref in node.sources:
            if ref.span is not None:
                yield Occurrence(ref.id, "source", ref.span, False)


def _targets(groups: Iterable[Group]) -> Iterator[Occurrence]:
    for group in groups:
        if group.target is not None and group.target_span is not None:
            yield Occurrence(group.target, "node", group.target_span, False)


def _reuses(m: ArgumentMap, lines: tuple[str, ...]) -> Iterator[Occurrence]:
    for group in m.groups:
        for premise in group.premises:
            if premise.reuse and premise.span is not None:
                span = _reuse_span(premise.id, premise.span, lines)
                yield Occurrence(premise.id, "node", span, False)


def _written(occurrence: Occurrence) -> tuple[int, int]:
    return occurrence.span.line, occurrence.span.column


def _reuse_span(id: str, span: Span, lines: tuple[str, ...]) -> Span:
    """The span of the id in ``@id`` (the statement's span also covers the ``@``)."""
    if 0 < span.line <= len(lines):
        match = _REUSE.match(lines[span.line - 1], span.column - 1)
        if match is not None and match.group(1) == id:
            return Span(
                line=span.line,
                column=match.start(1) + 1,
                end_line=span.line,
                end_column=match.end(1) + 1,
            )
    return span
