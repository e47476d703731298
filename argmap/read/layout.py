"""The layout stage: text to logical lines, with indentation measured and comments set aside.

A logical line is one physical line, or several joined by a backslash at the end of a line.
Line ends are ``\\r\\n``, ``\\r`` or ``\\n``, as in the language server protocol; no other
character (form feed, U+2028, ...) ends a line. Everything here is a single loop over the lines:
no recursion, so indentation thousands of levels deep costs nothing special.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple, overload

import attrs

from argmap.model import Span
from argmap.read.make import maker

__all__ = [
    "MAX_DEPTH",
    "MAX_LINE",
    "MAX_SIZE",
    "Comment",
    "Limits",
    "Line",
    "Plain",
    "Problem",
    "continued",
    "logical_lines",
    "split_lines",
]

TAB_WIDTH = 4

# The limits on what argmap reads (docs/limits.md gives the reasons for each value).
MAX_SIZE = 10_000_000
"""The most a map may hold: 10,000,000 code points of text, or bytes of a file (E013)."""
MAX_LINE = 100_000
"""The longest a line may be, in code points: a physical line, or a logical line joined from
continuation lines (E014)."""
MAX_DEPTH = 1_000
"""The deepest a line may be nested: a top-level line is at depth 1, a line indented under it at
depth 2, and so on (E015)."""


@attrs.frozen(kw_only=True)
class Limits:
    """The limits a parse enforces; each is checked before any work that grows with it.

    ``None`` turns a limit off (for trusted input only: every later stage then runs unbounded).

    >>> Limits().max_depth
    1000
    >>> Limits(max_depth=50).max_line
    100000
    """

    max_size: int | None = MAX_SIZE
    max_line: int | None = MAX_LINE
    max_depth: int | None = MAX_DEPTH

    @classmethod
    def from_settings(cls, settings: object) -> tuple[Limits, list[str]]:
        """The limits an editor's JSON settings ask for, and what in them was not understood.

        ``settings`` holds any of ``maxSize``, ``maxLine`` and ``maxDepth`` (docs/limits.md),
        each a whole number, ``0`` or ``null`` for no limit; a value of another kind keeps the
        default and is named among the problems.

        >>> Limits.from_settings({"maxSize": 0, "maxDepth": 50})
        (Limits(max_size=None, max_line=100000, max_depth=50), [])
        >>> Limits.from_settings({"maxLine": "long"})[1]
        ["maxLine: expected a whole number, 0 or null for no limit, got 'long'"]
        """
        if settings is None:
            return cls(), []
        if not isinstance(settings, dict):
            return cls(), [f"expected an object of limits, got {settings!r}"]
        given: dict[str, int | None] = {}
        problems: list[str] = []
        for name, field in _SETTINGS.items():
            if name not in settings:
                continue
            value = settings[name]
            if value is None or (type(value) is int and value >= 0):
                given[field] = value or None
            else:
                expected = "expected a whole number, 0 or null for no limit"
                problems.append(f"{name}: {expected}, got {value!r}")
        problems.extend(f"{name}: not a limit" for name in settings if name not in _SETTINGS)
        return cls(**given), problems


_SETTINGS = {"maxSize": "max_size", "maxLine": "max_line", "maxDepth": "max_depth"}


_LINE_END = re.compile(r"\r\n|\r|\n")
# A comment is '#' at the start of a line's content, or '#' after whitespace and followed by
# whitespace or the end of the line: "C#" and "#1" stay text, "text  # note" is a comment.
_INLINE_COMMENT = re.compile(r"(?<=\s)#(?=\s|$)")


# Segment and Line are made for every line of every parse: named tuples, which cost a third of
# what a frozen attrs class does to create.


class Segment(NamedTuple):
    """Where part of a logical line's content comes from: ``offset`` into the content maps to
    ``line``, ``column`` (1-based) in the file."""

    offset: int
    line: int
    column: int


class Line(NamedTuple):
    """One logical line: its indentation width and its content, without comment or indentation."""

    indent: int
    content: str
    segments: tuple[Segment, ...]

    @property
    def line(self) -> int:
        return self.segments[0].line

    def position(self, offset: int) -> tuple[int, int]:
        """The file position (line, column) of an offset into ``content``."""
        segments = self.segments
        segment = segments[0]
        if len(segments) > 1:  # the last segment that starts at or before the offset
            segment = segments[max(0, bisect.bisect_right(segments, offset, key=_offset) - 1)]
        return segment.line, segment.column + offset - segment.offset

    def span(self, start: int, end: int) -> Span:
        segments = self.segments
        if len(segments) == 1:  # nearly every line: no continuation, no search
            _, line, column = segments[0]  # the first segment is at offset 0
            return _make_span(line, column + start, line, column + end)
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line=line, column=column, end_line=end_line, end_column=end_column)

    @property
    def whole(self) -> Span:
        return self.span(0, len(self.content))


class Plain(NamedTuple):
    """A physical line the parser's ``plain`` pattern matched whole (see :func:`logical_lines`):
    its number and the match, which is all the parser needs of it."""

    line: int
    match: re.Match[str]


@attrs.frozen(kw_only=True)
class Comment:
    """A comment: its text after '#', where it stands, and whether it has the line to itself."""

    text: str
    span: Span
    own_line: bool


@attrs.frozen(kw_only=True)
class Problem:
    """A layout mistake, turned into a diagnostic by the parser."""

    kind: str  # "tab", "nul" or "long"
    span: Span
    # For a "nul" or "long" line that holds a statement: its indentation, so the parser can keep the
    # line's place in the tree (its children must not move up to the line above).
    indent: int | None = None


def split_lines(text: str) -> list[str]:
    """Split on ``\\r\\n``, ``\\r`` and ``\\n`` only (``str.splitlines`` also splits on U+2028)."""
    if "\r" not in text:  # the usual text: a plain split, several times faster than the regex
        return text.split("\n")
    return _LINE_END.split(text)


@overload
def logical_lines(
    text: str, *, max_line: int | None = MAX_LINE, plain: None = None, first_line: int = 1
) -> Iterator[Line | Comment | Problem]: ...


@overload
def logical_lines(
    text: str,
    *,
    max_line: int | None = MAX_LINE,
    plain: Callable[[str], re.Match[str] | None],
    first_line: int = 1,
) -> Iterator[Line | Comment | Problem | Plain]: ...


def logical_lines(
    text: str,
    *,
    max_line: int | None = MAX_LINE,
    plain: Callable[[str], re.Match[str] | None] | None = None,
    first_line: int = 1,
) -> Iterator[Line | Comment | Problem | Plain]:
    """Yield the logical lines, comments and layout problems of ``text``, in order.

    A line longer than ``max_line`` code points (``None``: no limit) is a "long" problem and is
    skipped, as is a logical line that grows past it by continuation.

    ``plain`` (the parser's): a physical line it matches, whole, is yielded as a :class:`Plain`,
    its number and the match, with none of the work of a :class:`Line`. It must match
    only a line that is a logical line of its own, with its content from its first character
    that is not a space to its last that is not a space or tab: no tab in the indentation, no
    comment and no backslash at the end (no NUL and no line too long reaches it).

    ``first_line``: the number of the text's first line, for a text that is some lines of a
    map read again in their place (argmap.lsp.splice).
    """
    physical, count = _physical_lines(text)
    number = first_line - 1
    last = number + count
    longest = count + len(text) if max_line is None else max_line  # nothing is longer
    nuls = "\0" in text  # looked for once: nearly every text has none
    for raw in physical:  # a continued line takes the lines it goes on to from `physical` too
        number += 1
        nul = raw.find("\0") if nuls else -1
        if nul >= 0 or len(raw) > longest:
            rest = raw.replace("\0", "") if nul >= 0 else raw
            body = rest.lstrip(" \t")
            indent = len(rest[: len(rest) - len(body)].expandtabs(TAB_WIDTH))
            has_statement = body.strip() != "" and not body.startswith("#")
            # The column past the limit; for a line too long, the skipped line's continuation
            # lines are skipped with it (they would otherwise read as lines of their own).
            kind, column = ("nul", nul + 1) if nul >= 0 else ("long", longest + 1)
            yield Problem(
                kind=kind, span=_point(number, column), indent=indent if has_statement else None
            )
            if kind == "long":
                while _continues(raw.rstrip(" \t")) and number < last:
                    raw = next(physical)
                    number += 1
            continue
        if plain is not None:
            found = plain(raw)
            if found is not None:
                yield _tuple(Plain, (number, found))  # Plain(...), without its __new__
                continue
        body = raw.lstrip(" \t")
        if not body:
            continue
        start = len(raw) - len(body)
        if body[0] == "#":
            yield _comment(body, number, start, own_line=True)
            continue
        tab = raw.find("\t", 0, start)  # the first tab in the line, if it is in the indentation
        if tab >= 0:
            yield Problem(kind="tab", span=_point(number, tab + 1))
            indent = len(raw[:start].expandtabs(TAB_WIDTH))
        else:
            indent = start
        if "#" in body:
            content, comment = _strip_comment(body, number, start)
            if comment is not None:
                yield comment
        else:
            content = body.rstrip(" \t")
        if not content.endswith("\\"):  # the common case: one physical line, no continuation
            # Line(indent, content, (Segment(0, number, start + 1),)), without the named
            # tuples' __new__, a Python function: a third of the cost of each
            yield _tuple(Line, (indent, content, (_tuple(Segment, (0, number, start + 1)),)))
            continue
        segments = [Segment(0, number, start + 1)]
        parts = [content]
        offset = 0  # where the last part starts in the joined content
        # A line ending in an odd number of backslashes goes on at the next line (a backslash
        # at the end of the file continues onto nothing, and is dropped all the same).
        while _continues(content):
            parts[-1] = content = content[:-1].rstrip(" \t")
            if number == last:
                break
            offset += len(content) + 1  # parts are joined with one space
            raw = next(physical)
            number += 1
            if "\0" in raw:
                yield Problem(kind="nul", span=_point(number, raw.find("\0") + 1))
                break
            if len(raw) > longest:
                yield Problem(kind="long", span=_point(number, longest + 1))
                break
            body = raw.lstrip(" \t")
            begin = len(raw) - len(body)
            content, comment = _strip_comment(body, number, begin)
            if offset + len(content) > longest:  # too long once joined: where it crosses
                yield Problem(kind="long", span=_point(number, begin + longest - offset + 1))
                break
            if comment is not None:
                yield comment
            segments.append(Segment(offset, number, begin + 1))
            parts.append(content)
        yield Line(indent, parts[0] if len(parts) == 1 else " ".join(parts), tuple(segments))


# Lines are split a block of about this many code points at a time: splitting is fastest in
# one call, but a list of every line of a large map would hold as much memory again as its text.
_BLOCK = 1 << 20


def _physical_lines(text: str) -> tuple[Iterator[str], int]:
    """The physical lines of ``text`` in order (as :func:`split_lines` splits them), made as
    they are needed, and how many there are."""
    if "\r" in text:
        lines = split_lines(text)
        return iter(lines), len(lines)
    return _blocks(text), text.count("\n") + 1


def _blocks(text: str) -> Iterator[str]:
    return itertools.chain.from_iterable(_split_blocks(text))


def _split_blocks(text: str) -> Iterator[list[str]]:
    start = 0
    while True:
        end = text.find("\n", start + _BLOCK)
        if end < 0:
            yield text[start:].split("\n")
            return
        yield text[start:end].split("\n")
        start = end + 1


_make_span = maker(Span)
_tuple = tuple.__new__


def continued(line: str) -> bool:
    """Whether a physical line goes on at the next: it ends in a backslash, before any comment.
    (A line of a comment of its own reads as content here: it may be a continued line's.)"""
    body = line.lstrip(" \t")
    return _continues(_strip_comment(body, 0, 0)[0]) if "\\" in body else False


def _offset(segment: Segment) -> int:
    return segment.offset


def _continues(content: str) -> bool:
    # Counted with rstrip: a regex like r"\\+$" is quadratic on a long run of backslashes.
    return (len(content) - len(content.rstrip("\\"))) % 2 == 1


def _strip_comment(body: str, line: int, start: int) -> tuple[str, Comment | None]:
    match = _INLINE_COMMENT.search(body) if "#" in body else None  # `in` is far faster
    if match is None:
        return body.rstrip(" \t"), None
    cut = match.start()
    return body[:cut].rstrip(" \t"), _comment(body[cut:], line, start + cut, own_line=False)


def _comment(text: str, line: int, start: int, *, own_line: bool) -> Comment:
    span = Span(line=line, column=start + 1, end_line=line, end_column=start + 1 + len(text))
    return Comment(text=text[1:].rstrip(" \t"), span=span, own_line=own_line)


def _point(line: int, column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column + 1)
