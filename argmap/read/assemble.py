"""From statements and their indentation to the model, in one pass with an explicit stack.

The stack holds the open lines (frames) from the top level down to the current line's parent,
so nesting thousands of levels deep never touches Python's recursion limit.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, cast

import attrs

from argmap.diagnostics import Diagnostic
from argmap.model import (
    ArgumentMap,
    Claim,
    Comment,
    Group,
    Kind,
    Premise,
    Reference,
    Source,
    Span,
)
from argmap.read.make import maker
from argmap.read.statements import (
    ClaimStatement,
    GroupStatement,
    ReuseStatement,
    Statement,
    TitleStatement,
)
from argmap.read.syntax_codes import BAD_INDENTATION, MISPLACED, TOO_DEEP

__all__ = ["Builder", "Open"]

FrameKind = Literal["claim", "group", "leaf", "broken"]

# Positional and faster: a claim and a premise for every line of most maps.
_make_claim = maker(Claim)  # id, text, conclusion, implicit, sources, span, id_span
_make_premise = maker(Premise)  # id, span, reuse
# id, kind, target, premises, sources, target_keyword, span, id_span, target_span
_make_group = maker(Group)
_tuple = tuple.__new__


@attrs.define
class _GroupDraft:
    id: str
    kind: Kind
    target: str | None
    keyword: str | None  # "for" / "to" when the group's own target stands, else None
    sources: tuple[Reference, ...]
    span: Span
    id_span: Span | None
    target_span: Span | None  # where its line names a target, if it does
    premises: list[Premise]
    index: int  # its place in Builder._groups, where the finished group replaces it

    def group(self) -> Group:
        return _make_group(
            self.id,
            self.kind,
            self.target,
            tuple(self.premises),
            self.sources,
            self.keyword,
            self.span,
            self.id_span,
            self.target_span if self.keyword else None,
        )


class _Frame(NamedTuple):  # one for every line: a named tuple is the cheapest record to make
    indent: int
    kind: FrameKind
    id: str | None = None
    group: _GroupDraft | None = None
    line: int = 0  # where it stands, for messages that say which line to line up with


_SKIPPED = _Frame(-1, "broken")  # what Builder._place gives for a line it skips


class Open(NamedTuple):
    """A line that stands above the lines a builder is to read, as if it had read it: for some
    lines of a map read again in their place (:meth:`Builder.resume`)."""

    indent: int
    kind: FrameKind
    id: str | None
    line: int
    # The group of a group's line, with the premises written above the lines to be read.
    group: Group | None = None


class Builder:
    """Collects statements line by line; :meth:`finish` returns the map and placement errors."""

    def __init__(self, *, max_depth: int | None = None) -> None:
        """``max_depth``: the deepest a line may be nested (1 = top level); ``None``: no limit."""
        self._max_depth = max_depth
        # The indentation of a line skipped as too deep: lines indented further are its subtree.
        self._too_deep: int | None = None
        self._stack: list[_Frame] = []
        self._title: TitleStatement | None = None
        self._sources: list[Source] = []
        self._claims: list[Claim] = []
        # Each group in the order written: a draft while lines may still be added to it, the
        # group once its line is off the stack (so a large map holds one group's draft, its
        # statement and list at a time, not every one until the end).
        self._groups: list[Group | _GroupDraft] = []
        self._comments: list[Comment] = []
        self._diagnostics: list[Diagnostic] = []
        self._group_counts: dict[tuple[str | None, Kind], int] = {}
        self._anonymous = 0
        self._generated: set[str] = set()
        # The line the current one replaces at its indentation, for hints: a `reason:` with
        # its co-premise written at the same column, say.
        self._sibling: _Frame | None = None

    def resume(
        self,
        opened: tuple[Open, ...],
        group_counts: dict[tuple[str | None, Kind], int],
        numbered: int = 0,
    ) -> None:
        """Go on from the lines ``opened`` (outermost first), with ``group_counts`` groups
        without an id of their own written before for each target and kind, and ``numbered``
        claims outside any group given an id (:attr:`numbered`), as a builder that read them
        would. Call before any line is added: the map :meth:`finish` makes holds each group
        opened first, with the premises read under it added."""
        for frame in opened:
            draft = None
            if frame.group is not None:
                g = frame.group
                if g.span is None:
                    raise ValueError("a group opened again needs the span of its line")
                draft = _GroupDraft(
                    g.id,
                    g.kind,
                    g.target,
                    g.target_keyword,
                    g.sources,
                    g.span,
                    g.id_span,
                    g.target_span,
                    list(g.premises),
                    len(self._groups),
                )
                self._groups.append(draft)
            self._stack.append(_Frame(frame.indent, frame.kind, frame.id, draft, frame.line))
        self._group_counts.update(group_counts)
        self._anonymous = numbered

    @property
    def group_counts(self) -> dict[tuple[str | None, Kind], int]:
        """How many groups without an id of their own were placed for each target and kind."""
        return dict(self._group_counts)

    @property
    def generated(self) -> frozenset[str]:
        """The ids made for claims and groups without one of their own."""
        return frozenset(self._generated)

    @property
    def numbered(self) -> int:
        """How many claims outside any group were given an id (``claim.N``)."""
        return self._anonymous

    def comment(self, text: str, span: Span) -> None:
        self._comments.append(Comment(text=text, span=span))

    def add(self, indent: int, statement: Statement | None, span: Span) -> None:
        """Place one logical line. ``statement`` is ``None`` for a line that failed to parse."""
        if isinstance(statement, ClaimStatement):  # by far the commonest
            self.claim(
                indent,
                span,
                statement.keyword,
                statement.id,
                statement.text,
                statement.sources,
                statement.span,
                statement.id_span,
                statement.keyword_span,
            )
            return
        parent = self._place(indent, span)
        if parent is _SKIPPED:
            return
        stack = self._stack
        if isinstance(statement, GroupStatement):
            target = statement.target
            draft = self._group(
                parent,
                statement.kind,
                statement.id,
                None if target is None else target.id,
                None if target is None else target.span,
                statement.target_keyword,
                statement.sources,
                statement.span,
                statement.id_span,
            )
            stack.append(_tuple(_Frame, (indent, "group", draft.id, draft, span.line)))
        elif isinstance(statement, ReuseStatement):
            self._reuse(statement, parent)
            stack.append(_Frame(indent, "claim", statement.id, None, span.line))
        elif statement is None:
            stack.append(_Frame(indent, "broken", None, None, span.line))
        elif isinstance(statement, TitleStatement):
            self._title_statement(statement, parent)
            stack.append(_Frame(indent, "leaf", None, None, span.line))
        else:
            if parent is not None:
                self._misplaced("`source` stands at the top level", statement.span)
            self._sources.append(
                Source(
                    id=statement.id,
                    text=statement.text,
                    span=statement.span,
                    id_span=statement.id_span,
                )
            )
            stack.append(_Frame(indent, "leaf", None, None, span.line))

    def claim(
        self,
        indent: int,
        span: Span,
        keyword: str | None,
        id: str | None,
        text: str,
        sources: tuple[Reference, ...],
        claim_span: Span,
        id_span: Span | None,
        keyword_span: Span | None,
    ) -> None:
        """Place one claim line: :meth:`add` of a :class:`ClaimStatement` of these fields, in
        its order, without the statement (the parser makes none for its commonest lines)."""
        parent = self._place(indent, span)
        if parent is _SKIPPED:
            return
        conclusion = keyword == "conclusion"
        group = None
        if parent is not None:
            group = parent.group
            if group is None or conclusion:  # under a claim, a leaf or a broken line
                conclusion = self._claim_misplaced(
                    conclusion, parent, indent, claim_span, keyword_span
                )
        if id is not None:
            claim_id = id
        elif group is not None:
            claim_id = self._fresh(f"{group.id}.{len(group.premises) + 1}")
        else:
            self._anonymous += 1
            claim_id = self._fresh(f"claim.{self._anonymous}")
        self._claims.append(
            _make_claim(
                claim_id,
                text,
                conclusion,
                keyword == "implicit",
                sources,
                claim_span,
                id_span,
            )
        )
        if group is not None:
            group.premises.append(_make_premise(claim_id, claim_span, False))
        # _Frame(...), without the named tuple's own __new__ (a Python function)
        self._stack.append(_tuple(_Frame, (indent, "claim", claim_id, None, span.line)))

    def _place(self, indent: int, span: Span) -> _Frame | None:
        """The parent of a line at ``indent``, after closing the lines it goes back out of; or
        ``_SKIPPED`` for a line nested too deep (reported at the root of the skipped lines)."""
        if self._too_deep is not None:
            if indent > self._too_deep:
                return _SKIPPED  # inside a subtree skipped as too deep: reported once, at its root
            self._too_deep = None
        stack = self._stack
        groups = self._groups
        inner = None  # the least indented line this one goes back out of
        while stack and stack[-1][0] > indent:  # [0]: the indent
            inner = stack.pop()
            if inner[3] is not None:  # _close(groups, inner), inlined: [3] is the group draft
                groups[inner[3].index] = inner[3].group()
        sibling = None
        if stack and stack[-1][0] == indent:
            sibling = stack.pop()
            if sibling[3] is not None:
                groups[sibling[3].index] = sibling[3].group()
        elif inner is not None and (stack or indent > 0):
            self._bad_indent(
                f"this line goes back out to column {indent + 1}, where no line above it starts",
                span,
                hint=_align_hint(inner, stack[-1] if stack else None),
            )
        elif not stack and indent > 0:
            self._bad_indent(
                "the first line of a map is not indented",
                span,
                hint="start it at column 1: the top level of a map is not indented",
            )
        self._sibling = sibling
        if self._max_depth is not None and len(stack) >= self._max_depth:
            self._diagnostics.append(
                TOO_DEEP.diagnostic(
                    f"this line is nested {len(stack) + 1:,} levels deep; argmap reads "
                    f"at most {self._max_depth:,}: it is skipped, with the lines under it",
                    Span(
                        line=span.line,
                        column=span.column,
                        end_line=span.line,
                        end_column=span.column + 1,
                    ),
                    hint="a map this deep is usually generated: give the deep part its own "
                    "top-level claim and link it with `reason for ID:`",
                )
            )
            self._too_deep = indent
            return _SKIPPED
        return stack[-1] if stack else None

    def finish(self) -> tuple[ArgumentMap, list[Diagnostic]]:
        for frame in self._stack:
            _close(self._groups, frame)
        self._stack.clear()
        groups = cast("tuple[Group, ...]", tuple(self._groups))  # every draft is closed now
        self._groups.clear()
        argument_map = ArgumentMap(
            title=None if self._title is None else self._title.text,
            title_span=None if self._title is None else self._title.span,
            sources=tuple(self._sources),
            claims=tuple(self._claims),
            groups=groups,
            comments=tuple(self._comments),
        )
        return argument_map, self._diagnostics

    # Placement ------------------------------------------------------------------------------

    def _title_statement(self, statement: TitleStatement, parent: _Frame | None) -> None:
        if parent is not None:
            self._misplaced("`title` stands at the top level", statement.span)
        elif self._title is not None:
            self._misplaced("a map has one title; this is the second", statement.span)
        else:
            self._title = statement

    def _claim_misplaced(
        self,
        conclusion: bool,
        parent: _Frame,
        indent: int,
        span: Span,
        keyword_span: Span | None,
    ) -> bool:
        """A claim that does not stand in a group: say why, if it is a mistake; whether it
        is still the map's conclusion (a `conclusion` stands at the top level only)."""
        if conclusion:
            self._misplaced(
                "a `conclusion` stands at the top level of the map, not indented",
                keyword_span or span,
                hint="start it at column 1; a claim inside a group needs no keyword: "
                "`id: text` or `- text`",
            )
        elif parent.kind == "claim":
            self._under_claim(span, parent, indent)
        elif parent.kind == "leaf":
            self._misplaced(
                f"a claim cannot stand under line {parent.line}, a title or source",
                span,
                hint=f"start it at column {parent.indent + 1}, in line with line {parent.line}, "
                "or put it inside a `reason:` under a claim",
            )
        return False

    def _under_claim(self, span: Span, parent: _Frame, indent: int) -> None:
        """A claim indented under a claim: say which slip it most likely is."""
        stack = self._stack
        sibling = self._sibling
        above = stack[-2] if len(stack) >= 2 else None
        if sibling is not None and sibling.kind == "group" and not _has_premises(sibling):
            # `reason:` with its co-premise at the same column instead of under it.
            self._misplaced(
                f"this claim is in line with the `{sibling.group.kind.value}:` on "  # type: ignore[union-attr]
                f"line {sibling.line} instead of under it",
                span,
                hint=f"indent it further than column {sibling.indent + 1}, e.g. at column "
                f"{sibling.indent + 3}, so that it is a co-premise of line {sibling.line}",
            )
        elif above is not None and above.kind == "group":
            # A co-premise indented further than the co-premise above it.
            self._misplaced(
                f"a claim cannot stand directly under a claim: this one is indented under line "
                f"{parent.line}, a co-premise, by {indent - parent.indent} more "
                f"space{'s' if indent - parent.indent != 1 else ''}",
                span,
                hint=f"to make it a co-premise beside line {parent.line}, start it at column "
                f"{parent.indent + 1}, in line with it; to support line {parent.line} itself, "
                "put a `reason:` line between them",
            )
        else:
            self._misplaced(
                f"a claim cannot stand directly under a claim: this one is indented under line "
                f"{parent.line}",
                span,
                hint=f"put a `reason:` (or `objection:`) line under line {parent.line}, at "
                f"column {indent + 1}, and indent this claim under it",
            )

    def _reuse(self, statement: ReuseStatement, parent: _Frame | None) -> None:
        group = None if parent is None else parent.group
        if group is not None:
            group.premises.append(Premise(id=statement.id, span=statement.span, reuse=True))
        elif parent is None or parent.kind != "broken":
            self._misplaced(
                "`@id` reuses a claim as a co-premise, so it stands inside a reason or objection",
                statement.span,
                hint=f"to add to `{_short(statement.id)}` from here, write "
                f"`reason for {_short(statement.id)}:`",
            )

    def group(
        self,
        indent: int,
        span: Span,
        kind: Kind,
        id: str | None,
        group_span: Span,
        id_span: Span | None,
    ) -> None:
        """Place one line of a group that names no target and no sources (``reason:``,
        ``objection id:``): :meth:`add` of such a :class:`GroupStatement`, without the
        statement."""
        parent = self._place(indent, span)
        if parent is _SKIPPED:
            return
        draft = self._group(parent, kind, id, None, None, None, (), group_span, id_span)
        self._stack.append(_tuple(_Frame, (indent, "group", draft.id, draft, span.line)))

    def _group(
        self,
        parent: _Frame | None,
        kind: Kind,
        id: str | None,
        target: str | None,
        target_span: Span | None,
        target_keyword: str | None,
        sources: tuple[Reference, ...],
        span: Span,
        id_span: Span | None,
    ) -> _GroupDraft:
        nested = parent is not None and parent.kind in ("claim", "group")
        keyword = None if nested else target_keyword
        if parent is None:
            if target is None:
                self._misplaced(
                    f"this {kind.value} is not under a claim and names no target",
                    span,
                    hint=f"indent it under a claim, or write `{kind.value} for ID:` / "
                    f"`{kind.value} to ID:`",
                )
        elif parent.kind == "leaf":
            self._misplaced("nothing is indented under a title or a source", span)
        elif nested:
            if target is not None:
                self._misplaced(
                    f"this group is indented under `{_short(parent.id)}` and also names a target",
                    target_span or span,
                    hint="either indent it or name its target, not both",
                )
            target = parent.id
        if id is not None:
            group_id = id
        else:
            key = (target, kind)
            count = self._group_counts[key] = self._group_counts.get(key, 0) + 1
            prefix = target if target is not None else f"L{span.line}"
            group_id = self._fresh(f"{prefix}.{kind.value}{count}")
        draft = _GroupDraft(
            group_id,
            kind,
            target,
            keyword,
            sources,
            span,
            id_span,
            target_span,
            [],
            len(self._groups),
        )
        self._groups.append(draft)
        return draft

    def _fresh(self, candidate: str) -> str:
        """A generated id no other generated id has. The plain scheme can repeat itself: in a
        group `claim` (`claim.1`) or in two groups given the same id (an E102 error)."""
        fresh, n = candidate, 1
        while fresh in self._generated:
            n += 1
            fresh = f"{candidate}-{n}"
        self._generated.add(fresh)
        return fresh

    # Diagnostics ----------------------------------------------------------------------------

    def _misplaced(self, message: str, span: Span, hint: str | None = None) -> None:
        self._diagnostics.append(MISPLACED.diagnostic(message, span, hint=hint))

    def _bad_indent(self, message: str, span: Span, hint: str) -> None:
        self._diagnostics.append(BAD_INDENTATION.diagnostic(message, span, hint=hint))


def _close(groups: list[Group | _GroupDraft], frame: _Frame) -> None:
    """A line leaves the stack: nothing can be added to its group any more."""
    if frame.group is not None:
        groups[frame.group.index] = frame.group.group()


def _has_premises(frame: _Frame) -> bool:
    return frame.group is not None and bool(frame.group.premises)


def _align_hint(inner: _Frame, outer: _Frame | None) -> str:
    """Where a line that goes back out to no line's column could start instead: in line with
    the line it goes back out of, or with the one it would then stand under."""
    first = (
        f"at column {outer.indent + 1} (like line {outer.line})"
        if outer is not None
        else "at column 1 (the top level)"
    )
    return (
        f"line it up with a line above: start it {first} or at column {inner.indent + 1} "
        f"(like line {inner.line})"
    )


def _short(id: str | None, limit: int = 40) -> str:
    """An id inside a message, shortened: ids hold only letters, digits, `_` and `-`, but may be
    as long as a line."""
    id = id or ""
    return id if len(id) <= limit else id[: limit - 1] + "…"
