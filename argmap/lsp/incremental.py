"""The analysis of an edit, built from the analysis of the version before it.

Most keystrokes change a claim's text or a comment and leave the map's structure alone. For
such an edit only the lines it touches are read again; the new map is the old one with those
claims and comments replaced, and of the checker's rules only the one that reads claims' texts
may run again (W207, duplicate texts), and only when an edited text is or was another claim's:
every other rule reads the structure, which is unchanged, so its diagnostics are the old ones,
those at an edited claim moved with it. The index, attributions and evaluation are handed on.

:func:`reanalyse` takes that path only when it can show that the result is what a fresh
:func:`~argmap.lsp.analysis.analyse` of the new text gives, and returns ``None`` otherwise (the
caller then analyses afresh):

- the texts split into lines as the parser splits them (no ``\\r``, no byte-order mark), within
  the size limit, and the edited lines hold no backslash (a continuation joins lines);
- the previous version has no syntax error and no teaching hint turned on (hints read texts);
- lines are added or removed only where nothing follows but blank lines (nothing moves);
- every statement on the edited lines reads as before but for a claim's text: the same kind,
  keyword, id, sources and positions of all that precedes the text; the lines read without a
  diagnostic, and no comment on them is a directive (``# argmap: ...``);
- a diagnostic of the previous version on an edited line points at the claim, its id or its
  keyword (which move with it or stay), not at a source after the text (which moves by an
  amount not known);
- at most :data:`MOST_LINES` lines changed.

tests/test_lsp_incremental.py compares the result with a fresh analysis after every edit of
random edit sequences, and checks that the rules taken as blind to texts are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import attrs

from argmap.checks import run
from argmap.diagnostics import Diagnostic
from argmap.lsp.analysis import Analysis
from argmap.model import Claim, Comment, Group, Span
from argmap.read import layout
from argmap.read.layout import Limits, split_lines
from argmap.read.parser import ParseResult, parse_line
from argmap.read.statements import ClaimStatement, Statement

__all__ = ["TEXT_RULES", "reanalyse"]

# The checker's rules that read claims' texts: run again when a text changes. The teaching hints
# read them too; a map with hints on is analysed afresh.
TEXT_RULES = ("W207",)

_DEFAULT_LIMITS = Limits()
_T = TypeVar("_T")


def reanalyse(
    previous: Analysis, text: str, *, encoding: str, limits: Limits | None = None
) -> Analysis | None:
    """The analysis of ``text`` made from ``previous`` (the analysis of the version before),
    or ``None`` when the edit is not one this can follow (see the module's docstring)."""
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
    new_lines = tuple(split_lines(text))
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
    items, _ = previous.index()
    for (old_indent, old), (new_indent, new) in zip(old_statements, new_statements, strict=True):
        if old == new and old_indent == new_indent:
            continue
        if not (
            old_indent == new_indent
            and isinstance(old, ClaimStatement)
            and isinstance(new, ClaimStatement)
            and _same_but_text(old, new)
        ):
            return None
        claim = next((c for c in items.get(old.span.line, ()) if c.span == old.span), None)
        if not isinstance(claim, Claim) or claim.text != old.text or claim.sources != old.sources:
            return None
        claims[id(claim)] = attrs.evolve(claim, text=new.text, sources=new.sources, span=new.span)
        pairs.append((claim, claims[id(claim)]))
        # Where diagnostics may point on its line: the claim (its end moves), its id, keyword.
        moves.update({old.span: new.span, old.id_span: old.id_span})
        moves[old.keyword_span] = old.keyword_span
        for written in m.groups_using(claim.id):  # its group, and those that reuse it
            group = groups.get(id(written), written)
            premises = tuple(
                attrs.evolve(p, span=new.span)
                if not p.reuse and p.id == claim.id and p.span == old.span
                else p
                for p in group.premises
            )
            if premises != group.premises:
                groups[id(written)] = attrs.evolve(group, premises=premises)
    diagnostics = _moved_with(previous.diagnostics, moves)
    if diagnostics is None:
        return None
    new_map = attrs.evolve(
        m,
        claims=_replaced(m.claims, claims),
        groups=_replaced(m.groups, groups),
        comments=comments,
    )
    result = ParseResult(map=new_map, diagnostics=(), text=text)
    texts: dict[int, int] | None = previous.texts()
    if claims:
        texts = _counted(previous.texts(), pairs)
        if texts is None:  # a text that is, or was, another claim's too: W207 runs again
            kept = [d for d in diagnostics if d.code not in TEXT_RULES]
            again = run(new_map, select=TEXT_RULES)
            diagnostics = tuple(sorted((*kept, *again), key=Diagnostic.sort_key))
    analysis = Analysis(result=result, diagnostics=diagnostics, lines=new_lines, encoding=encoding)
    if texts is not None:
        analysis.counted_from(texts)
    analysis.derived_from(previous, {**claims, **groups})
    return analysis


def _counted(texts: dict[int, int], pairs: list[tuple[Claim, Claim]]) -> dict[int, int] | None:
    """The counts of :meth:`Analysis.texts` once each old claim of ``pairs`` has the text of the
    new one; ``None`` if one of those texts is, or was, another claim's too (by its hash):
    W207's findings then change. Otherwise they are the same: a text that only one claim has is
    in none of them."""
    from argmap.checks.text import normalise

    counts = dict(texts)
    touched = set()
    for old, new in pairs:
        before, after = hash(normalise(old.text)), hash(normalise(new.text))
        touched |= {before, after}
        counts[before] -= 1
        if not counts[before]:
            del counts[before]
        counts[after] = counts.get(after, 0) + 1
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
    start = _common(old, new, shorter, 1)
    end = _common(old, new, shorter - start, -1)
    old_end, new_end = len(old) - end, len(new) - end
    if old_end != new_end and any(line.lstrip(" \t") for line in old[old_end:]):
        return None
    # Lines that stand where they stood and differ; the rest of the longer side is the last.
    aligned = min(old_end, new_end)
    differ: list[int] = []
    at = start
    while at < aligned:
        at += _common(old, new, aligned - at, 1, at)
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


def _common(old: Sequence[str], new: Sequence[str], most: int, way: int, offset: int = 0) -> int:
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
