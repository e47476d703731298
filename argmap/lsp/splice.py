"""The analysis of an edit that changes a map's lines, made by reading again only the lines it
can change.

:mod:`argmap.lsp.incremental` follows the edits that keep every line where it was and every
statement of the kind it was. An edit that adds, removes or moves lines (a reason written under
a claim, a line deleted, a half-typed line) is followed here: the lines it changed are widened to
whole subtrees of one line (the *region*: the changed lines, the lines under them, and the
siblings' subtrees between the first changed line and the line they all stand under, the
*parent*). Only the region is read again, by a builder resumed as if it had read the lines above
it (the parent, and the groups without an id of their own counted so far); the map is the old one
with the region's claims, groups, sources, comments and syntax diagnostics replaced, and everything
after it moved by the lines the edit added or removed. The checker then runs over the new map, as
it would after a fresh parse.

:func:`splice` returns ``None`` (the caller analyses afresh) unless it can show that the result is
what a fresh :func:`~argmap.lsp.analysis.analyse` of the new text gives. What the region's lines
make depends on what is above them only through the parent and the counts resumed; what the lines
after it make depends on the region only through the ids made for claims and groups that have
none of their own. So an edit is followed only when:

- the texts split into lines as the parser splits them (no ``\\r``, no byte-order mark), within
  the size limit, with no NUL and no line past the line limit (the parser skips such a line with
  the lines it goes on to), and nothing nested past the depth limit;
- the edit does not start on a line that goes on from the one before (a backslash continues a
  line), the region does not start or end in the middle of a continued line, and no line of it
  has a tab in its indentation; it is at most :data:`MOST_LINES` lines, none of them nested so
  far in that the depth limit could reach it;
- the parent is a claim or a group, or there is none (the region is at the top level); the lines
  of the region stand further in than the parent, the first of them where the region's least
  indented lines stand, and the line after the region goes back out to them or to the parent;
- reading the old region again gives the old map's claims, groups, sources, comments and syntax
  diagnostics of those lines (the resumed builder reads them as the whole parse did);
- neither the old region nor the new one holds a title; no id made for a claim or group has a
  ``-N`` to tell it from another, and none made in the new region is made outside it;
- both regions number as many claims outside any group (``claim.N``: the numbers count every
  such claim above, and the builder resumes from their count), or none is after the region;
- for each target and kind of the groups without an id in either region, as many are in both, or
  none is after the region (their ids count the groups of that target and kind); the parent group
  gets as many premises from both, or none after the region has an id made from its place. Where
  this, or an id made in the region that a claim or group after it has, fails, the region is
  widened to the end of the parent's subtree (a co-premise deleted before others without ids,
  say, renumbers them) and read again;
- with lines added or removed, no group after the region without an id has no target (its id is
  made from its line), and no syntax diagnostic after it names a line (``line 12``: it moved);
  no syntax diagnostic is on the line after the region, or has related places; a parent claim has
  no claim of the region in line with it reported misplaced (the message names the claim before),
  and the statement line before the region has no syntax error (the hint for a broken first line
  of the region reads the claim on it).

An edit at two places far apart (the server may analyse two edits at once) is read as two, one
place after the other. W207 (duplicate texts) is not run again when no claim taken out or put in
has a text that another claim has, before or after: its findings are the old ones, moved. On a
map with syntax errors, the rules that run on a partial map leave out the names on the lines it
does not hold whole (:func:`argmap.checks.checker.unread_names`); those lines are not looked for
over the whole map again, but are the version before's (:meth:`Analysis.unread_lines`) outside the
regions, moved, and the regions' own.

tests/test_lsp_splice.py compares the result with a fresh analysis after every edit of random
edit sequences: lines added, removed and rewritten, indentation changed, text typed half-way,
hostile lines (tabs, NULs, titles, directives, long lines) inserted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

import attrs

from argmap.checks import check
from argmap.checks.checker import unread_lines, words_on
from argmap.diagnostics import Diagnostic
from argmap.lsp.analysis import Analysis
from argmap.lsp.incremental import TEXT_RULES, counted, shared_lines
from argmap.model import ArgumentMap, Claim, Comment, Group, Kind, Premise, Reference, Source, Span
from argmap.read.assemble import Builder, Open
from argmap.read.layout import TAB_WIDTH, Limits, continued, split_lines
from argmap.read.make import maker
from argmap.read.parser import ParseResult, read_into
from argmap.read.syntax_codes import INPUT_TOO_LARGE, TOO_DEEP

__all__ = ["MOST_LINES", "splice"]

# A region of more lines than this is analysed afresh: reading it again costs nearly as much.
MOST_LINES = 2_000

_DEFAULT_LIMITS = Limits()
_NUMBERED = re.compile(r"claim\.\d+(?:-\d+)?")
# How a syntax diagnostic names another line: "like line 12", "line 3's text" (argmap.read).
_NAMES_A_LINE = re.compile(r"\blines? \d")
_make_span = maker(Span)
_make_claim = maker(Claim)
_make_group = maker(Group)
_make_premise = maker(Premise)
_make_reference = maker(Reference)
_make_source = maker(Source)
_make_comment = maker(Comment)

_Item = TypeVar("_Item", Claim, Group, Source, Comment)
_Counts = dict[tuple[str | None, Kind], int]


class _Afresh(Exception):
    """The edit is not one :func:`splice` can follow."""


class _Region(NamedTuple):
    """What reading some lines again made: the map of their statements (the parent group first,
    if the parent is a group), their syntax diagnostics and the builder's counts."""

    map: ArgumentMap
    syntax: list[Diagnostic]
    generated: frozenset[str]
    group_counts: _Counts
    numbered: int


def splice(
    previous: Analysis,
    text: str,
    *,
    encoding: str,
    limits: Limits | None = None,
    lines: tuple[str, ...] | None = None,
) -> Analysis | None:
    """The analysis of ``text`` made from ``previous`` (the analysis of the version before), or
    ``None`` when the edit is not one this can follow (see the module's docstring). ``lines``:
    the text split as :func:`~argmap.read.layout.split_lines` splits it, if the caller has it
    already."""
    limits = _DEFAULT_LIMITS if limits is None else limits
    old = previous.result
    if (
        encoding != previous.encoding
        or old.path is not None
        or "\r" in text
        or "\r" in old.text
        or text.startswith("\ufeff")
        or (limits.max_size is not None and len(text) > limits.max_size)
        or any(d.code in (TOO_DEEP.code, INPUT_TOO_LARGE.code) for d in old.diagnostics)
        or "\0" in text
        or "\0" in old.text
    ):
        return None
    if text == old.text:
        return previous
    if lines is None:
        lines = tuple(split_lines(text))
    longest = limits.max_line
    if longest is not None and max(max(map(len, lines)), max(map(len, previous.lines))) > longest:
        return None  # a line too long is skipped with the lines it goes on to, as they read
    try:
        steps = _steps(old, previous.lines, text, lines, limits)
    except _Afresh:
        return None
    result = steps[-1].result
    unread = None if result.complete else _unread(previous, steps)
    names = None if unread is None else words_on(lines, unread)
    diagnostics, texts = _checked(previous, result, steps, names)
    analysis = Analysis(result=result, diagnostics=diagnostics, lines=lines, encoding=encoding)
    if texts is not None:
        analysis.counted_from(texts)
    if unread is not None:
        analysis.unread_lines_from(unread)
    return analysis


class _Step(NamedTuple):
    """One region read again: the parse result after it, the claims it took out and put in,
    its first line and the line after it (1-based, before the edit), by how many lines what
    follows moved, and the lines of the region the map does not hold whole (after the edit)."""

    result: ParseResult
    removed: tuple[Claim, ...]
    added: tuple[Claim, ...]
    begin: int
    end: int
    moved: int
    unread: frozenset[int]


# An edit of more lines than this is tried as two, each of the lines around one place that
# changed (the server may analyse two edits at once: the one it was analysing when the other
# came, and that one).
_SPLIT = 64
_REALIGNED = 8  # how many lines in a row must be the same to tell where one place ends


def _steps(
    old: ParseResult, old_lines: tuple[str, ...], text: str, lines: tuple[str, ...], limits: Limits
) -> list[_Step]:
    """The regions read again to make the parse result of ``text`` from ``old``'s: one, or two
    for an edit at two places apart."""
    shorter = min(len(old_lines), len(lines))
    start = shared_lines(old_lines, lines, shorter, 1)
    end = shared_lines(old_lines, lines, shorter - start, -1)
    if max(len(old_lines), len(lines)) - end - start <= _SPLIT:
        return [_read_again(old, old_lines, text, lines, limits, (start, len(old_lines) - end))]
    split = _realigned(old_lines, lines, start, len(old_lines) - end, len(lines) - end)
    if split is None:
        raise _Afresh
    at, moved = split
    middle = (*lines[: at + moved], *old_lines[at:])  # the first place edited, not the second
    first = _read_again(old, old_lines, "\n".join(middle), middle, limits, (start, at))
    # The second place: where the middle text and the new one part, after the first.
    after = at + moved
    after += shared_lines(middle, lines, len(lines) - end - after, 1, after)
    second = _read_again(first.result, middle, text, lines, limits, (after, len(middle) - end))
    return [first, second]


def _realigned(
    old: Sequence[str], new: Sequence[str], start: int, old_end: int, new_end: int
) -> tuple[int, int] | None:
    """Where the first place an edit changed ends: the first line of ``old`` from ``start``
    (within :data:`_SPLIT` lines) from which :data:`_REALIGNED` lines are those of ``new``
    moved by a few lines, and by how many; ``None`` if there is none."""
    window: dict[str, list[int]] = {}
    for at in range(start, min(new_end, start + 2 * _SPLIT)):
        window.setdefault(new[at], []).append(at)
    for at in range(start + 1, min(old_end, start + _SPLIT)):
        for there in window.get(old[at], ()):
            if old[at : at + _REALIGNED] == new[there : there + _REALIGNED]:
                return at, there - at
    return None


def _unread(previous: Analysis, steps: list[_Step]) -> frozenset[int]:
    """The lines of the new text that its map does not hold whole (:meth:`Analysis.unread_lines`):
    those of the version before, outside the regions (moved with the lines after them), and
    those of the regions. A line's is found from the statement on it and the syntax diagnostics
    of that statement's lines, none of which an edit outside the line's region changes (a region
    holds whole statements, and every syntax diagnostic has a place: see :func:`_syntax`)."""
    unread = previous.unread_lines()
    for step in steps:
        before = (number for number in unread if number < step.begin)
        after = (number + step.moved for number in unread if number >= step.end)
        unread = frozenset((*before, *step.unread, *after))
    return unread


def _checked(
    previous: Analysis, result: ParseResult, steps: list[_Step], unread: frozenset[str] | None
) -> tuple[tuple[Diagnostic, ...], dict[int, int] | None]:
    """The diagnostics of the new map (with ``unread``, the words of the lines it does not hold
    whole, if it has errors), and how many claims have each text (as :meth:`Analysis.texts`
    counts them) when W207's findings are the old ones moved: when no claim taken out or put in
    has a text another claim has, before or after."""
    texts: dict[int, int] | None = previous.texts()  # W207 runs on a map with errors too
    for step in steps:
        if texts is not None:
            texts = counted(texts, step.removed, step.added)
    if texts is None:
        return check(result, unread=unread), None
    kept = [d for d in previous.diagnostics if d.code in TEXT_RULES]
    for step in steps:
        kept = [_moved_diagnostic(d, step.end, step.moved) for d in kept]
    found = (*check(result, ignore=TEXT_RULES, unread=unread), *kept)
    return tuple(sorted(found, key=Diagnostic.sort_key)), texts


def _moved_diagnostic(diagnostic: Diagnostic, end: int, moved: int) -> Diagnostic:
    """A diagnostic outside the region, moved with the lines after it."""

    def place(span: Span | None) -> Span | None:
        return span if span is None or not moved else _moved_after(span, end, moved)

    return attrs.evolve(
        diagnostic,
        span=place(diagnostic.span),
        related=tuple(attrs.evolve(r, span=place(r.span)) for r in diagnostic.related),
    )


class _Wider(_Afresh):
    """Ids after the region count what is in it: the region must hold the rest of the parent's
    subtree too."""


def _read_again(
    old: ParseResult,
    old_lines: tuple[str, ...],
    text: str,
    lines: tuple[str, ...],
    limits: Limits,
    changed: tuple[int, int],
) -> _Step:
    """:func:`_spliced`, of the rest of the parent's subtree too if the ids of claims and groups
    after the region count what is in it (a co-premise deleted before others without ids)."""
    try:
        return _spliced(old, old_lines, text, lines, limits, changed, whole=False)
    except _Wider:
        return _spliced(old, old_lines, text, lines, limits, changed, whole=True)


def _spliced(
    old: ParseResult,
    old_lines: tuple[str, ...],
    text: str,
    lines: tuple[str, ...],
    limits: Limits,
    changed: tuple[int, int],
    *,
    whole: bool,
) -> _Step:
    """The parse result of ``text`` (split into ``lines``), made from ``old`` (of the text
    split into ``old_lines``), with what :class:`_Step` tells of it. ``changed``: the lines of
    the old text the edit changed (0-based, from and to): those before are the new text's too,
    and so are those after, moved. With ``whole``, the region holds the parent's subtree to its
    end."""
    m = old.map
    start, old_end = changed
    moved = len(lines) - len(old_lines)  # by how many lines everything after the edit moves
    if start > 0 and continued(old_lines[start - 1]):
        raise _Afresh  # the edit is of a continued line
    indented = [
        [indent for at in range(start, stop) if (indent := _starts(texts, at)) is not None]
        for texts, stop in ((old_lines, old_end), (lines, old_end + moved))
    ]
    first, parent, column = start, None, 0
    if any(indented):  # else comments or blank lines only: the region is the lines changed
        column = min(min(indents) for indents in indented if indents)
        old_end = _subtree_end(old_lines, old_end, column)
        # Where the first statement from the edit on is further in, in the old text or the new,
        # it is in the subtree of a line before it: the region starts there.
        deeper = any(
            (indent := _first_statement(texts, start, stop)) is not None and indent > column
            for texts, stop in ((old_lines, old_end), (lines, old_end + moved))
        )
        first, parent = _widened(old_lines, start, column, deeper)
        if parent is None and column > 0:
            raise _Afresh  # indented lines with nothing above them to stand under
        parent_indent = None if parent is None else _starts(old_lines, parent)
        if whole:
            if parent_indent is None:
                raise _Afresh  # the parent's subtree is the whole map
            old_end = _subtree_end(old_lines, old_end, parent_indent)
        after_region = _first_statement(old_lines, old_end, old_end + 1)
        if (
            after_region is not None
            and parent_indent is not None
            and parent_indent < after_region < column
        ):
            raise _Afresh  # it goes back out to where no line stands: the region may change that
    new_end = old_end + moved
    if max(old_end - first, new_end - first) > MOST_LINES:
        raise _Afresh
    if first > 0 and continued(old_lines[first - 1]):
        raise _Afresh
    for texts, stop in ((old_lines, old_end), (lines, new_end)):
        if stop > first and continued(texts[stop - 1]):
            raise _Afresh  # the region's last line goes on at the line after it
        indents = []
        for at in range(first, stop):
            line = texts[at]
            if "\0" in line or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                raise _Afresh
            if (indent := _starts(texts, at)) is not None:
                indents.append(indent)
        # Each region starts where its least indented lines stand, and none is nested so deep
        # that it could pass the depth limit (each level is at least a column further in).
        if indents and (indents[0] != column or min(indents) != column):
            raise _Afresh
        if limits.max_depth is not None and max(indents, default=0) + 1 > limits.max_depth:
            raise _Afresh
    old_region, new_region = old_lines[first:old_end], lines[first:new_end]
    begin, end = first + 1, old_end + 1  # the region's first line, the line after it (1-based)
    if old_end == len(old_lines):
        moved = 0  # nothing is after the region to move
    noted = {d.span.line for d in old.diagnostics if d.span is not None}
    if end in noted:
        raise _Afresh  # how the line after the region is reported may depend on the region

    # The line the region stands under, as the builder had it open, and the counts above it.
    opened: tuple[Open, ...] = ()
    parent_group = None
    parent_group_premises: tuple[Premise, ...] = ()
    if parent is not None:
        item = _statement_at(m, parent + 1)
        indent = parent_indent or 0
        if isinstance(item, Group):
            parent_group_premises = item.premises
            before_region = tuple(p for p in item.premises if _line(p) < begin)
            parent_group = _with_premises(item, before_region)
            opened = (Open(indent, "group", item.id, parent + 1, parent_group),)
        elif isinstance(item, Claim):
            opened = (Open(indent, "claim", item.id, parent + 1),)
        else:
            raise _Afresh  # under a title, a source, an @id or a line that did not parse
    claim_before = _claim_before(m, old_lines, first, noted)
    before = _read(old_region, begin, opened, {}, 0, claim_before, limits)
    after = _read(new_region, begin, opened, {}, 0, claim_before, limits)
    # The ids of groups without one of their own count those of their target and kind written
    # before: read again from those counts, for the targets and kinds the regions' groups have.
    counts: _Counts = {}
    for target, kind in {*before.group_counts, *after.group_counts}:
        if target is not None:
            found = _count_before(m.groups_targeting(target), kind, begin)
        else:  # only the groups of the top level without a target have none
            found = _count_before(m.groups, kind, begin, untargeted=True)
        if found:
            counts[target, kind] = found
    # So are the ids of claims outside any group (``claim.N``), by those before them.
    numbered = 0
    if before.numbered or after.numbered:
        if "claim" in m:
            raise _Afresh  # a group `claim`: its premises' ids are those of numbered claims
        numbered = sum(1 for c in m.claims[: _index(m.claims, begin)] if _numbered(c))
    if counts or numbered:
        before = _read(old_region, begin, opened, counts, numbered, claim_before, limits)
        after = _read(new_region, begin, opened, counts, numbered, claim_before, limits)

    # The old region read again must be what the whole parse made of it.
    skip = 0 if parent_group is None else 1
    old_groups, new_groups = before.map.groups[skip:], after.map.groups[skip:]
    if (
        before.map.claims != _between(m.claims, begin, end)
        or old_groups != _between(m.groups, begin, end)
        or before.map.sources != _between(m.sources, begin, end)
        or before.map.comments != _between(m.comments, begin, end)
        or sorted(before.syntax, key=Diagnostic.sort_key)
        != [d for d in old.diagnostics if d.span is not None and begin <= d.span.line < end]
    ):
        raise _Afresh
    _same_ids(m, before, after, end, moved)
    if before.numbered != after.numbered and any(
        _numbered(c) for c in m.claims[_index(m.claims, end) :]
    ):
        raise _Afresh  # a claim after the region is numbered among those before it
    if parent_group is not None:
        if len(before.map.groups[0].premises) != len(after.map.groups[0].premises) and any(
            "." in p.id and not p.reuse and _line(p) >= end for p in parent_group_premises
        ):
            raise _Wider  # a premise after the region is numbered by its place in the group
    elif parent is not None and any(
        d.span is not None and d.span.column == column + 1 for d in (*before.syntax, *after.syntax)
    ):
        raise _Afresh  # a claim in line with the parent claim's groups: its message names one
    syntax = _syntax(old.diagnostics, after.syntax, begin, end, moved)
    spans: dict[int, Span] = {}  # each claim's span moved, for its premise's
    claims = _joined(m.claims, begin, end, after.map.claims, moved, _moved_claims, spans)
    new_map = ArgumentMap(
        title=m.title,
        title_span=None if m.title_span is None else _moved_after(m.title_span, end, moved),
        sources=_joined(m.sources, begin, end, after.map.sources, moved, _moved_sources, spans),
        claims=claims,
        groups=_groups(m, begin, end, new_groups, after, parent_group, moved, spans),
        comments=_joined(m.comments, begin, end, after.map.comments, moved, _moved_comments, spans),
    )
    result = ParseResult(map=new_map, diagnostics=syntax, text=text)
    numbers = range(begin, new_end + 1)
    unread = unread_lines(after.map, after.syntax, lines, numbers) if after.syntax else frozenset()
    return _Step(result, before.map.claims, after.map.claims, begin, end, moved, unread)


def _indent(line: str) -> int | None:
    """The indentation of a line that holds a statement, as the parser measures it (a tab to the
    next multiple of :data:`~argmap.read.layout.TAB_WIDTH`); ``None`` for a blank line or a
    comment's."""
    body = line.lstrip(" \t")
    if not body or body[0] == "#":
        return None
    start = len(line) - len(body)
    return len(line[:start].expandtabs(TAB_WIDTH)) if "\t" in line[:start] else start


def _starts(lines: Sequence[str], at: int) -> int | None:
    """The indentation of line ``at`` (0-based) if a statement starts on it; ``None`` for a
    blank line, a comment's or a continued line's."""
    indent = _indent(lines[at])
    if indent is None or at == 0:
        return indent
    before = lines[at - 1]
    if continued(before):
        if before.lstrip(" \t").startswith("#"):
            raise _Afresh  # a comment's, or a continued line's that reads like one
        return None
    return indent


def _widened(lines: Sequence[str], start: int, column: int, deeper: bool) -> tuple[int, int | None]:
    """Where the region of an edit whose least indented changed lines stand at ``column``
    starts, from line ``start`` (0-based) on, or back at the line at ``column`` whose subtree
    holds it if it starts ``deeper``; and the line the region stands under (``None``: the top
    level)."""
    at = start - 1
    further = False  # whether a line further in than the region stands between it and `at`
    while at >= 0 and ((indent := _starts(lines, at)) is None or indent > column):
        further = further or indent is not None
        at -= 1
    if at < 0 or indent is None or indent < column:
        if further:
            raise _Afresh  # the region's first line goes back out to where no line stands
        return start, (at if at >= 0 else None)
    first = at if deeper else start
    if column == 0:
        return first, None
    while at >= 0 and ((indent := _starts(lines, at)) is None or indent >= column):
        at -= 1
    return first, (at if at >= 0 else None)


def _subtree_end(lines: Sequence[str], end: int, column: int) -> int:
    """Where the region ends: the first line from ``end`` on (0-based) that holds a statement
    not further in than ``column``."""
    at = end
    while at < len(lines):
        indent = _starts(lines, at)
        if indent is not None and indent <= column:
            break
        at += 1
    return at


def _first_statement(lines: Sequence[str], start: int, stop: int) -> int | None:
    """The indentation of the first statement from line ``start`` to ``stop`` (0-based)."""
    for at in range(start, min(stop, len(lines))):
        if (indent := _starts(lines, at)) is not None:
            return indent
    return None


def _claim_before(
    m: ArgumentMap, lines: Sequence[str], first: int, noted: set[int]
) -> tuple[str, int] | None:
    """The text and last line of the claim on the statement line before the region, if it is a
    claim's (the parser's hint for a broken line after it reads it)."""
    at = first - 1
    while at >= 0 and _indent(lines[at]) is None:
        at -= 1
    if at < 0:
        return None
    if at + 1 in noted:
        raise _Afresh  # a line with a syntax error: what the parser kept of it is not known here
    index = bisect.bisect_right(m.claims, at + 1, key=_line) - 1
    claim = m.claims[index] if index >= 0 else None
    if claim is None or claim.span is None or claim.span.end_line != at + 1:
        return None
    return claim.text, at + 1


def _read(
    lines: Sequence[str],
    begin: int,
    opened: tuple[Open, ...],
    counts: _Counts,
    numbered: int,
    claim_before: tuple[str, int] | None,
    limits: Limits,
) -> _Region:
    """Read the lines of a region, starting at line ``begin`` (1-based), in their place."""
    builder = Builder(max_depth=None)  # the caller has made sure no line is nested too deep
    builder.resume(opened, counts, numbered)
    syntax = read_into(
        builder, "\n".join(lines), limits=limits, first_line=begin, previous=claim_before
    )
    made, placement = builder.finish()
    syntax.extend(placement)
    return _Region(made, syntax, builder.generated, builder.group_counts, builder.numbered)


def _same_ids(m: ArgumentMap, before: _Region, after: _Region, end: int, moved: int) -> None:
    """Whether the ids made for claims and groups without one of their own are the same
    outside the region as they were, and those inside it as a whole parse makes them."""
    if before.map.title or after.map.title:
        raise _Afresh  # a second title is reported as one
    if any(made + "-2" in m for made in before.generated - after.generated):
        raise _Afresh  # an id made after the region was told from this one: it may lose its -2
    if any(made in m for made in after.generated - before.generated):
        raise _Wider  # an id made in the region that another claim or group has
    for key in {*before.group_counts, *after.group_counts}:
        if before.group_counts.get(key, 0) != after.group_counts.get(key, 0):
            target, kind = key
            after_region = m.groups_targeting(target) if target is not None else m.groups
            if any(
                g.id_span is None and g.kind is kind and g.target == target and _line(g) >= end
                for g in after_region
            ):
                raise _Wider  # its id counts the groups of its target and kind before it
    if moved and any(g.id_span is None and g.target is None for g in m.groups):
        raise _Afresh  # a group without an id or a target: its id names its line


def _syntax(
    diagnostics: Sequence[Diagnostic],
    region: list[Diagnostic],
    begin: int,
    end: int,
    moved: int,
) -> tuple[Diagnostic, ...]:
    """The syntax diagnostics: the old ones before the region, the region's, and the old ones
    after it, moved."""
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        if span is None or diagnostic.related:
            raise _Afresh
        if span.line < begin:
            kept.append(diagnostic)
        elif span.line >= end:
            if not moved:
                kept.append(diagnostic)
            elif _NAMES_A_LINE.search(f"{diagnostic.message} {diagnostic.hint or ''}"):
                raise _Afresh  # it names a line by its number, which has moved
            else:
                kept.append(
                    Diagnostic(
                        code=diagnostic.code,
                        name=diagnostic.name,
                        severity=diagnostic.severity,
                        message=diagnostic.message,
                        span=_moved_span(span, moved),
                        hint=diagnostic.hint,
                    )
                )
    return tuple(sorted((*kept, *region), key=Diagnostic.sort_key))


def _groups(
    m: ArgumentMap,
    begin: int,
    end: int,
    region: Sequence[Group],
    after: _Region,
    parent: Group | None,
    moved: int,
    spans: dict[int, Span],
) -> tuple[Group, ...]:
    """The groups: those before the region (the parent with the region's premises, and with
    those after it moved, as are the premises after it of the groups it stands in), the
    region's, and those after it, moved (after the claims: ``spans`` holds their spans)."""
    first, last = _index(m.groups, begin), _index(m.groups, end)
    groups = list(m.groups[:first])
    at = -1
    if parent is not None:
        at = bisect.bisect_left(groups, _line(parent), key=_line)
        made = after.map.groups[0]
        later = tuple(p for p in groups[at].premises if _line(p) >= end)
        groups[at] = _with_premises(made, (*made.premises, *_moved_premises(later, moved, spans)))
    if moved:  # the groups the region stands in: their premises after it move
        for index, group in enumerate(groups):
            premises = group.premises
            if premises and index != at and _line(premises[-1]) >= end:
                split = bisect.bisect_left(premises, end, key=_line)
                moved_premises = _moved_premises(premises[split:], moved, spans)
                groups[index] = _with_premises(group, (*premises[:split], *moved_premises))
    rest = m.groups[last:]
    return (*groups, *region, *(_moved_groups(rest, moved, spans) if moved else rest))


def _numbered(claim: Claim) -> bool:
    """Whether a claim was given an id as a claim outside any group (``claim.N``, maybe with a
    ``-N`` after it), in a map with no group ``claim`` (whose premises' ids are so too)."""
    return claim.id_span is None and _NUMBERED.fullmatch(claim.id) is not None


def _count_before(
    groups: Sequence[Group], kind: Kind, begin: int, *, untargeted: bool = False
) -> int:
    """How many of the groups without an id of their own, of the kind, start before the line
    (only those without a target, if ``untargeted``)."""
    return sum(
        1
        for g in groups
        if g.id_span is None
        and g.kind is kind
        and _line(g) < begin
        and (not untargeted or g.target is None)
    )


def _statement_at(m: ArgumentMap, line: int) -> Claim | Group | None:
    """The claim or group written on the line (1-based), if one is."""
    for items in (m.claims, m.groups):
        at = bisect.bisect_left(items, line, key=_line)
        if at < len(items) and _line(items[at]) == line:
            return items[at]
    return None


def _line(item: Claim | Group | Source | Comment | Premise) -> int:
    span = item.span
    if span is None:
        raise _Afresh  # a map made in code: the parser gives everything a span
    return span.line


def _index(items: Sequence[_Item], line: int) -> int:
    """How many of the items (in the order written) start before the line."""
    return bisect.bisect_left(items, line, key=_line)


def _between(items: tuple[_Item, ...], begin: int, end: int) -> tuple[_Item, ...]:
    return items[_index(items, begin) : _index(items, end)]


def _joined(
    items: tuple[_Item, ...],
    begin: int,
    end: int,
    region: tuple[_Item, ...],
    moved: int,
    move: Callable[[Sequence[_Item], int, dict[int, Span]], list[_Item]],
    spans: dict[int, Span],
) -> tuple[_Item, ...]:
    first, last = _index(items, begin), _index(items, end)
    rest = items[last:]
    return items[:first] + region + (tuple(move(rest, moved, spans)) if moved else rest)


# Moving what is after the region makes every item and span of it anew (a few tens of thousands
# at 10,000 claims): written out, without a call for each span. A claim's span is its premise's
# too: ``spans`` maps each old span (by its ``id()``) to the one moved already.


def _moved_span(span: Span, moved: int) -> Span:
    return _make_span(span.line + moved, span.column, span.end_line + moved, span.end_column)


def _moved_after(span: Span, end: int, moved: int) -> Span:
    return _moved_span(span, moved) if span.line >= end else span


def _maybe(span: Span | None, moved: int) -> Span | None:
    if span is None:
        return None
    return _make_span(span.line + moved, span.column, span.end_line + moved, span.end_column)


def _moved_references(references: tuple[Reference, ...], moved: int) -> tuple[Reference, ...]:
    return tuple([_make_reference(r.id, _maybe(r.span, moved)) for r in references])


def _moved_claims(claims: Sequence[Claim], moved: int, spans: dict[int, Span]) -> list[Claim]:
    make_span, make_claim = _make_span, _make_claim
    made: list[Claim] = []
    for claim in claims:
        span, id_span = claim.span, claim.id_span
        if span is None:
            raise _Afresh
        new = spans[id(span)] = make_span(
            span.line + moved, span.column, span.end_line + moved, span.end_column
        )
        made.append(
            make_claim(
                claim.id,
                claim.text,
                claim.conclusion,
                claim.implicit,
                _moved_references(claim.sources, moved) if claim.sources else (),
                new,
                _maybe(id_span, moved),
            )
        )
    return made


def _moved_premises(
    premises: Sequence[Premise], moved: int, spans: dict[int, Span]
) -> tuple[Premise, ...]:
    make_premise, known = _make_premise, spans.get
    return tuple(
        [make_premise(p.id, known(id(p.span)) or _maybe(p.span, moved), p.reuse) for p in premises]
    )


def _with_premises(group: Group, premises: tuple[Premise, ...]) -> Group:
    return _make_group(
        group.id,
        group.kind,
        group.target,
        premises,
        group.sources,
        group.target_keyword,
        group.span,
        group.id_span,
        group.target_span,
    )


def _moved_groups(groups: Sequence[Group], moved: int, spans: dict[int, Span]) -> list[Group]:
    make_group, make_span = _make_group, _make_span
    made: list[Group] = []
    for g in groups:
        span, id_span = g.span, g.id_span
        if span is None:
            raise _Afresh
        made.append(
            make_group(
                g.id,
                g.kind,
                g.target,
                _moved_premises(g.premises, moved, spans),
                _moved_references(g.sources, moved) if g.sources else (),
                g.target_keyword,
                make_span(span.line + moved, span.column, span.end_line + moved, span.end_column),
                _maybe(id_span, moved),
                _maybe(g.target_span, moved),
            )
        )
    return made


def _moved_sources(sources: Sequence[Source], moved: int, spans: dict[int, Span]) -> list[Source]:
    return [
        _make_source(s.id, s.text, _maybe(s.span, moved), _maybe(s.id_span, moved)) for s in sources
    ]


def _moved_comments(
    comments: Sequence[Comment], moved: int, spans: dict[int, Span]
) -> list[Comment]:
    return [_make_comment(c.text, _maybe(c.span, moved)) for c in comments]
