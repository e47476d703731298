"""The analysis of an edit, built from the analysis of the version before it.

Most keystrokes change a claim's text or a comment and leave the map's structure alone. For
such an edit only the lines it touches are read again; the new map is the old one with those
claims and comments replaced, and of the checker's rules only the one that reads claims' texts
may run again (W207, duplicate texts), and only when an edited text is or was another claim's:
every other rule reads the structure, which is unchanged, so its diagnostics are the old ones,
those at an edited claim moved with it. The index, attributions and evaluation are handed on.

An edit that rewrites a line in place, keeping its place in the tree, is followed too. A claim
made implicit or not, given the keyword ``claim`` or none, or citing other sources, keeps the
diagnostics of every rule blind to those (moved with the claim's id, keyword and citations);
only the rules that read the sources it cites (SOURCE_RULES) run again if they changed. A claim
that nothing stands under, names or reuses given another id, or a group with an id of its own
given another kind (``reason`` / ``objection``) or another named target, may change the
structure: every rule but W207 runs again over the new map (a quarter to a third of the time of
a fresh parse and check at 10,000 claims). The attributions are handed on unless the sources
cited or the structure changed, the shape and evaluation unless whether a claim is implicit or
the structure changed (the server still hands the evaluation on if the shape is the same).

:func:`reanalyse` takes that path only when it can show that the result is what a fresh
:func:`~argmap.lsp.analysis.analyse` of the new text gives, and returns ``None`` otherwise (the
caller then analyses afresh):

- the texts split into lines as the parser splits them (no ``\\r``, no byte-order mark), within
  the size limit, and the edited lines hold no backslash (a continuation joins lines);
- the previous version has no syntax error and no teaching hint turned on (hints read texts);
- lines are added or removed only where nothing follows but blank lines (nothing moves);
- every statement on the edited lines is of the kind it was (a claim, a group), at the same
  indentation, with the same id (none, if it had none; a claim may take another, see
  ``_renamable``), and a claim keeps the keyword ``conclusion`` or stays without it; a group
  without an id keeps its kind and named target (its generated id counts those), and names a
  target only if it did (at the top level); the lines read without a diagnostic, and no
  comment on them is a directive (``# argmap: ...``);
- at most :data:`MOST_LINES` lines changed.

A diagnostic of the previous version on an edited line that points anywhere but at what moves
with the claim (the claim, its id, keyword, citations), at a source after an edited text say
(it moves by an amount not known), has every rule but W207 run again.

tests/test_lsp_incremental.py compares the result with a fresh analysis after every edit of
random edit sequences (of texts, and of lines rewritten in place), and checks that the rules
taken as blind to texts, and to implicit and sources, are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from argmap.checks import run
from argmap.diagnostics import Diagnostic
from argmap.lsp.analysis import Analysis
from argmap.model import ArgumentMap, Claim, Comment, Group, Span
from argmap.read import layout
from argmap.read.layout import Limits, split_lines
from argmap.read.parser import ParseResult, parse_line
from argmap.read.statements import ClaimStatement, GroupStatement, Statement

__all__ = ["SOURCE_RULES", "TEXT_RULES", "counted", "reanalyse", "shared_lines"]

# The checker's rules that read claims' texts: run again when a text changes. The teaching hints
# read them too; a map with hints on is analysed afresh.
TEXT_RULES = ("W207",)
# The rules that read the sources claims cite (undefined references, unused sources): run again
# when a claim cites others. No rule but the hints reads whether a claim is implicit.
SOURCE_RULES = ("E101", "W206")

_DEFAULT_LIMITS = Limits()
_T = TypeVar("_T")


def reanalyse(
    previous: Analysis,
    text: str,
    *,
    encoding: str,
    limits: Limits | None = None,
    lines: tuple[str, ...] | None = None,
) -> Analysis | None:
    """The analysis of ``text`` made from ``previous`` (the analysis of the version before),
    or ``None`` when the edit is not one this can follow (see the module's docstring).
    ``lines``: the text split as :func:`~argmap.read.layout.split_lines` splits it, if the
    caller has it already."""
    limits = _DEFAULT_LIMITS if limits is None else limits
    old_result = previous.result
    if (
        encoding != previous.encoding
        or not old_result.ok
        or old_result.path is not None
        or "\r" in text
        or "\r" in old_result.text
        or text.startswith("\ufeff")
        or (limits.max_size is not None and len(text) > limits.max_size)
    ):
        return None
    if text == old_result.text:
        return previous
    old_lines = previous.lines
    new_lines = tuple(split_lines(text)) if lines is None else lines
    hunks = _hunks(old_lines, new_lines)
    if hunks is None:
        return None
    old_statements: list[tuple[int, Statement]] = []
    new_statements: list[tuple[int, Statement]] = []
    comments = previous.map.comments
    for start, old_end, new_end in hunks:
        old_region, new_region = old_lines[start:old_end], new_lines[start:new_end]
        if any("\\" in line for line in (*old_region, *new_region, *old_lines[start - 1 : start])):
            return None
        old_read = _read(old_region, start, limits)
        new_read = _read(new_region, start, limits)
        if old_read is None or new_read is None or len(old_read[0]) != len(new_read[0]):
            return None
        if any("argmap" in c.text.casefold() for c in (*old_read[1], *new_read[1])):
            return None  # a directive, written or removed
        old_statements += old_read[0]
        new_statements += new_read[0]
        comments = _comments(comments, start, old_end, new_read[1])
    m = previous.map
    from argmap.checks.hints import directives

    if directives(m).hints:
        return None
    claims: dict[int, Claim] = {}  # id() of an old claim: the claim that replaces it
    groups: dict[int, Group] = {}
    pairs: list[tuple[Claim, Claim]] = []  # each edited claim, and the claim it becomes
    moves: dict[Span | None, Span | None] = {}
    # What the edit changed beyond texts: whether a claim is implicit (``implicit``: the shape),
    # which sources it cites (``cited``: SOURCE_RULES run again, attributions change), ids,
    # kinds or targets (``reshaped``: every rule but TEXT_RULES runs again).
    implicit = cited = reshaped = False
    items, _ = previous.index()
    for (old_indent, old), (new_indent, new) in zip(old_statements, new_statements, strict=True):
        if old == new and old_indent == new_indent:
            continue
        if old_indent != new_indent or old.span.line != new.span.line:
            return None
        item = next((c for c in items.get(old.span.line, ()) if c.span == old.span), None)
        if isinstance(old, GroupStatement) and isinstance(new, GroupStatement):
            if not isinstance(item, Group) or not _same_group(old, new, item):
                return None
            groups[id(item)] = _regrouped(groups.get(id(item), item), new)
            reshaped = True
            continue
        if not (isinstance(old, ClaimStatement) and isinstance(new, ClaimStatement)):
            return None
        claim = item
        if not isinstance(claim, Claim) or claim.text != old.text or claim.sources != old.sources:
            return None
        if _same_but_text(old, new):
            # Where diagnostics may point on its line: the claim (its end moves), id, keyword.
            moves.update({old.span: new.span, old.id_span: old.id_span})
            moves[old.keyword_span] = old.keyword_span
        elif not _same_claim(old, new):
            return None
        elif old.id == new.id:  # a keyword, sources: what else points at the line moves
            implicit = implicit or (old.keyword == "implicit") != (new.keyword == "implicit")
            cited = cited or [r.id for r in old.sources] != [r.id for r in new.sources]
            moves[old.span] = new.span
            for before, after in (
                (old.id_span, new.id_span),
                (old.keyword_span, new.keyword_span),
                *zip((r.span for r in old.sources), (r.span for r in new.sources), strict=False),
            ):
                if before is not None and after is not None:
                    moves[before] = after  # one pointed at where neither is: analysed again
        elif _renamable(m, claim):
            reshaped = True
        else:
            return None
        claims[id(claim)] = attrs.evolve(
            claim,
            id=claim.id if new.id is None else new.id,
            text=new.text,
            implicit=new.keyword == "implicit",
            sources=new.sources,
            span=new.span,
            id_span=new.id_span,
        )
        pairs.append((claim, claims[id(claim)]))
        for written in m.groups_using(claim.id):  # its group, and those that reuse it
            group = groups.get(id(written), written)
            premises = tuple(
                attrs.evolve(p, id=claims[id(claim)].id, span=new.span)
                if not p.reuse and p.id == claim.id and p.span == old.span
                else p
                for p in group.premises
            )
            if premises != group.premises:
                groups[id(written)] = attrs.evolve(group, premises=premises)
    again = SOURCE_RULES if cited else ()
    diagnostics: tuple[Diagnostic, ...] | None = None
    if not reshaped:
        diagnostics = _moved_with(
            tuple(d for d in previous.diagnostics if d.code not in again), moves
        )
    if diagnostics is None:
        # The structure's rules run again over the new map; only the texts' are kept.
        reshaped = True
        diagnostics = tuple(d for d in previous.diagnostics if d.code in TEXT_RULES)
    new_map = attrs.evolve(
        m,
        claims=_replaced(m.claims, claims),
        groups=_replaced(m.groups, groups),
        comments=comments,
    )
    result = ParseResult(map=new_map, diagnostics=(), text=text)
    texts: dict[int, int] | None = previous.texts()
    if claims:
        texts = counted(previous.texts(), [old for old, _ in pairs], [new for _, new in pairs])
    if texts is None:  # a text that is, or was, another claim's too: W207 runs again
        kept = [d for d in diagnostics if d.code not in TEXT_RULES]
        diagnostics = (*kept, *run(new_map, select=TEXT_RULES))
    if reshaped:
        kept = [d for d in diagnostics if d.code in TEXT_RULES]
        diagnostics = (*kept, *run(new_map, ignore=TEXT_RULES))
    elif again:
        diagnostics = (*diagnostics, *run(new_map, select=again))
    diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
    analysis = Analysis(result=result, diagnostics=diagnostics, lines=new_lines, encoding=encoding)
    if texts is not None:
        analysis.counted_from(texts)
    analysis.derived_from(
        previous,
        {**claims, **groups},
        same_shape=not (reshaped or implicit),
        same_sources=not (reshaped or cited),
    )
    return analysis


def counted(
    texts: dict[int, int], removed: Iterable[Claim], added: Iterable[Claim]
) -> dict[int, int] | None:
    """The counts of :meth:`Analysis.texts` once the claims ``removed`` are gone and those
    ``added`` are in the map; ``None`` if one of their texts is, or was, another claim's too
    (by its hash): W207's findings then change. Otherwise they are the same: a text that only
    one claim has is in none of them."""
    from argmap.checks.text import normalise

    counts = dict(texts)
    touched = set()
    for claim in removed:
        key = hash(normalise(claim.text))
        touched.add(key)
        counts[key] -= 1
        if not counts[key]:
            del counts[key]
    for claim in added:
        key = hash(normalise(claim.text))
        touched.add(key)
        counts[key] = counts.get(key, 0) + 1
    if any(texts.get(key, 0) > 1 or counts.get(key, 0) > 1 for key in touched):
        return None
    return counts


# An edit of more lines than this is analysed afresh: reading them again would cost more.
MOST_LINES = 64


def _hunks(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[int, int, int]] | None:
    """The runs of lines an edit changed, each as where it starts (0-based, in both texts) and
    where it ends in the old and in the new text: lines are added or removed only in the last,
    and only where nothing but blank lines follows it (nothing else moves). ``None`` for an
    edit that moves lines, or changes more than :data:`MOST_LINES`."""
    shorter = min(len(old), len(new))
    start = shared_lines(old, new, shorter, 1)
    end = shared_lines(old, new, shorter - start, -1)
    old_end, new_end = len(old) - end, len(new) - end
    if old_end != new_end and any(line.lstrip(" \t") for line in old[old_end:]):
        return None
    # Lines that stand where they stood and differ; the rest of the longer side is the last.
    aligned = min(old_end, new_end)
    differ: list[int] = []
    at = start
    while at < aligned:
        at += shared_lines(old, new, aligned - at, 1, at)
        if at < aligned:
            differ.append(at)
            at += 1
        if len(differ) > MOST_LINES:
            return None
    hunks: list[tuple[int, int, int]] = []
    for line in differ:
        if hunks and hunks[-1][1] == line:
            hunks[-1] = (hunks[-1][0], line + 1, line + 1)
        else:
            hunks.append((line, line + 1, line + 1))
    if old_end != new_end:  # the lines added or removed, with the run just before them
        first = hunks.pop()[0] if hunks and hunks[-1][1] == aligned else aligned
        hunks.append((first, old_end, new_end))
    if sum(max(o, n) - s for s, o, n in hunks) > MOST_LINES:
        return None
    return hunks


def shared_lines(
    old: Sequence[str], new: Sequence[str], most: int, way: int, offset: int = 0
) -> int:
    """How many lines the two share from line ``offset`` on (``way`` 1), or at the end (-1), at
    most ``most``; compared a block at a time (one comparison of tuples is one C loop)."""
    step, done = 512, 0
    while done < most:
        size = min(step, most - done)
        if way > 0:
            at = offset + done
            same = old[at : at + size] == new[at : at + size]
        else:
            same = (
                old[len(old) - done - size : len(old) - done]
                == new[len(new) - done - size : len(new) - done]
            )
        if not same:
            for index in range(done, done + size):
                if way > 0:
                    if old[offset + index] != new[offset + index]:
                        return index
                elif old[-1 - index] != new[-1 - index]:
                    return index
        done += size
    return most


def _read(
    lines: Sequence[str], start: int, limits: Limits
) -> tuple[list[tuple[int, Statement]], list[Comment]] | None:
    """The statements (with their indentation) and comments of some whole lines that start at
    0-based line ``start``; ``None`` if any of them does not read cleanly."""
    statements: list[tuple[int, Statement]] = []
    comments: list[Comment] = []
    problems: list[Diagnostic] = []
    for item in layout.logical_lines("\n".join(lines), max_line=limits.max_line):
        if isinstance(item, layout.Line):
            segments = tuple(layout.Segment(o, n + start, c) for o, n, c in item.segments)
            statement = parse_line(layout.Line(item.indent, item.content, segments), problems)
            if statement is None or problems:
                return None
            statements.append((item.indent, statement))
        elif isinstance(item, layout.Comment):
            comments.append(Comment(text=item.text, span=_moved(item.span, start)))
        else:
            return None
    return statements, comments


def _moved(span: Span, lines: int) -> Span:
    return Span(
        line=span.line + lines,
        column=span.column,
        end_line=span.end_line + lines,
        end_column=span.end_column,
    )


def _same_but_text(old: ClaimStatement, new: ClaimStatement) -> bool:
    """Whether two claims on one line differ only in their text (and so in where the sources
    after it stand)."""
    return (
        old.keyword == new.keyword
        and old.id == new.id
        and old.id_span == new.id_span
        and old.keyword_span == new.keyword_span
        and old.span.line == new.span.line == new.span.end_line
        and old.span.column == new.span.column
        and [r.id for r in old.sources] == [r.id for r in new.sources]
    )


# The keywords a claim can trade for one another on its line without moving in the tree: a
# conclusion is placed by its keyword (and may be misplaced by it), the others are not.
_PLAIN_KEYWORDS = frozenset({None, "claim", "implicit"})


def _same_claim(old: ClaimStatement, new: ClaimStatement) -> bool:
    """Whether a claim on one line keeps its place in the tree: an id of its own in both (maybe
    another, see :func:`_renamable`) or none in both (the place gives it one), and keywords that
    do not place it (not ``conclusion``) or the same one. Its text, sources and ``implicit`` may
    change."""
    return (
        (old.id is None) == (new.id is None)
        and (old.keyword == new.keyword or {old.keyword, new.keyword} <= _PLAIN_KEYWORDS)
        and old.span.line == new.span.line == new.span.end_line
    )


def _renamable(m: ArgumentMap, claim: Claim) -> bool:
    """Whether a claim with an id of its own can take another without changing anything else
    in the map: no other claim or group has its id, no group stands under it or names it (their
    ids, or their premises', may be made of it), and no ``@id`` reuses it; only the group it
    stands in names it, as a premise. (Handwritten ids never enter the generated ones.)"""
    if claim.anonymous or sum(1 for c in m.claims if c.id == claim.id) != 1:
        return False
    if any(g.id == claim.id or g.target == claim.id for g in m.groups):
        return False
    return all(
        p.id != claim.id or (not p.reuse and p.span == claim.span)
        for g in m.groups_using(claim.id)
        for p in g.premises
    )


def _same_group(old: GroupStatement, new: GroupStatement, group: Group) -> bool:
    """Whether a group's line keeps its id and its place in the tree: its own id (a generated
    one counts the groups of one kind and target, so those two stay then too), and a named
    target only where it had one (where it stands at the top level: one under a claim names
    none). Its kind, target and sources may change if it has an id of its own."""
    if old.id != new.id or (old.target is None) != (new.target is None):
        return False
    if old.span.line != new.span.line or new.span.end_line != new.span.line:
        return False
    if old.target is not None and group.target_keyword is None:
        return False
    if old.id is None:
        return old.kind == new.kind and _target(old) == _target(new)
    return True


def _target(statement: GroupStatement) -> str | None:
    return None if statement.target is None else statement.target.id


def _regrouped(group: Group, new: GroupStatement) -> Group:
    """``group`` as the line ``new`` writes it (see :func:`_same_group`)."""
    target = new.target
    named = target is not None and group.target_keyword is not None
    return attrs.evolve(
        group,
        kind=new.kind,
        target=target.id if named and target is not None else group.target,
        sources=new.sources,
        target_keyword=new.target_keyword if named else None,
        span=new.span,
        id_span=new.id_span,
        target_span=target.span if named and target is not None else None,
    )


def _replaced(items: tuple[_T, ...], by: dict[int, _T]) -> tuple[_T, ...]:
    if not by:
        return items
    return tuple([by.get(id(item), item) for item in items])


def _comments(
    comments: tuple[Comment, ...], start: int, old_end: int, new: list[Comment]
) -> tuple[Comment, ...]:
    """The comments with those of the edited lines (0-based ``start`` to ``old_end``) replaced."""
    before = [c for c in comments if c.span is not None and c.span.line <= start]
    after = [c for c in comments if c.span is not None and c.span.line > old_end]
    if len(before) + len(after) == len(comments) and not new:
        return comments
    return (*before, *new, *after)


def _moved_with(
    diagnostics: tuple[Diagnostic, ...], spans: dict[Span | None, Span | None]
) -> tuple[Diagnostic, ...] | None:
    """The diagnostics of the rules blind to texts, which point at edited claims by their spans
    (``spans``: each old span, and the new one), moved with them; ``None`` if one points
    anywhere else on an edited line (a source after the text: it moved by an unknown amount).
    The diagnostics of TEXT_RULES are kept as they are (the caller finds them again)."""
    lines = {span.line for span in spans if span is not None}
    if not lines:
        return diagnostics
    moved: list[Diagnostic] = []
    for diagnostic in diagnostics:
        places = [
            span
            for span in (diagnostic.span, *(r.span for r in diagnostic.related))
            if span is not None and any(span.line <= line <= span.end_line for line in lines)
        ]
        if diagnostic.code in TEXT_RULES or not places:
            moved.append(diagnostic)
            continue
        if any(span not in spans for span in places):
            return None
        moved.append(
            attrs.evolve(
                diagnostic,
                span=spans.get(diagnostic.span, diagnostic.span),
                related=tuple(
                    attrs.evolve(r, span=spans.get(r.span, r.span)) for r in diagnostic.related
                ),
            )
        )
    return tuple(moved)
