"""The canonical formatter: the text of a map, rewritten in one style without changing its meaning.

The formatter works line by line on what the parser reads (logical lines, comments, statements),
so it keeps everything the model keeps and a little more: the keyword a claim was written with
(``claim x:`` stays ``claim x:``), which claims are named, and every comment. The style:

* two spaces of indentation per level of the tree;
* one blank line between top-level blocks (a run of ``source`` lines is one block); inside a
  block, a run of blank lines becomes one blank line, and none are added;
* ``text [a, b]``: one space before a list of sources, ``, `` between its ids;
* escapes only where the text needs them: ``\\[`` where a bracket would read as a list of
  sources or stay unclosed, ``\\#`` where a ``#`` would start a comment
  (whitespace before and after it: ``#1`` stays as it is), ``\\\\`` where a backslash
  precedes a character it would escape or ends the text;
* lines longer than :data:`WIDTH` code points wrap at single spaces with a backslash at the end of
  the line, the continuation indented two levels deeper than its statement;
* a comment after a line stays after it (two spaces, then ``#``); a comment on its own line is
  indented to the level its column belongs to.

Generated ids are never written: an anonymous claim stays ``- text``. A text with syntax errors is
not formatted (:func:`format_result` returns ``None``): guessing at broken lines could lose words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from argmap.model import Reference
from argmap.read import layout
from argmap.read.parser import ParseResult, parse, parse_line
from argmap.read.statements import (
    ClaimStatement,
    GroupStatement,
    ReuseStatement,
    SourceStatement,
    Statement,
    TitleStatement,
)

__all__ = ["INDENT", "WIDTH", "escape_text", "format_result", "format_text", "line_ending"]

INDENT = "  "
WIDTH = 100
# Continuation lines go two levels deeper than their statement, so they never look like children.
CONTINUATION = INDENT * 2

_ESCAPABLE = "\\[]#@"


def format_text(text: str) -> str | None:
    """The canonical form of a map's text, or ``None`` if the text has syntax errors.

    >>> format_text("conclusion c:Tea is good.[s]\\n      reason:\\n        -  It is warm.\\n")
    'conclusion c: Tea is good. [s]\\n  reason:\\n    - It is warm.\\n'
    """
    return format_result(parse(text))


def format_result(result: ParseResult) -> str | None:
    """The canonical form of a parsed text, or ``None`` if it has syntax errors."""
    if not result.ok:
        return None
    items = list(_items(result.text))
    _place_blank_lines(items)
    out: list[str] = []
    for item in items:
        if item.blank_before and out:
            out.append("")
        out.extend(item.lines)
    return "".join(line + "\n" for line in out)


def line_ending(text: str) -> str:
    """The line ending a text uses: that of its first line break, ``\\n`` if it has none."""
    for index, char in enumerate(text):
        if char == "\n":
            return "\n"
        if char == "\r":
            return "\r\n" if text[index + 1 : index + 2] == "\n" else "\r"
    return "\n"


# Items: the statements and own-line comments of a text, with their depth ----------------------


@attrs.define
class _Item:
    lines: list[str]
    depth: int
    statement: Statement | None  # None for an own-line comment
    blank_before: bool  # the user left a blank line before it
    first_line: int
    last_line: int


def _items(text: str) -> Iterator[_Item]:
    stack: list[int] = []  # indentation widths of the open lines, outermost first
    pending: list[layout.Comment] = []  # inline comments of the statement being read
    previous_end = 0
    lines = layout.split_lines(text)
    diagnostics: list = []

    def blank_between(end: int, start: int) -> bool:
        return any(not lines[n - 1].strip(" \t") for n in range(end + 1, start))

    # The text parsed within whatever limits it was read with, so none is applied again here.
    for entry in layout.logical_lines(text, max_line=None):
        if isinstance(entry, layout.Problem):  # cannot happen in a text that parsed
            raise ValueError("a text with layout problems cannot be formatted")
        if isinstance(entry, layout.Comment):
            if not entry.own_line:
                # The layout yields a line's inline comments just before the line itself.
                pending.append(entry)
                continue
            indent = entry.span.column - 1
            depth = sum(1 for width in stack if width < indent)
            yield _Item(
                lines=[INDENT * depth + "#" + entry.text],
                depth=depth,
                statement=None,
                blank_before=blank_between(previous_end, entry.span.line),
                first_line=entry.span.line,
                last_line=entry.span.line,
            )
            previous_end = entry.span.line
            continue
        while stack and stack[-1] >= entry.indent:
            stack.pop()
        depth = len(stack)
        stack.append(entry.indent)
        statement = parse_line(entry, diagnostics)
        if statement is None:  # cannot happen in a text that parsed
            raise ValueError("a text with syntax errors cannot be formatted")
        last = entry.segments[-1].line
        body = _wrap(INDENT * depth, statement)
        item_lines: list[str] = []
        if len(pending) == 1:
            body[-1] += "  #" + pending[0].text
        else:
            # Several comments inside one wrapped line: keep their order, above the statement.
            item_lines += [INDENT * depth + "#" + c.text for c in pending]
        item_lines += body
        pending = []
        yield _Item(
            lines=item_lines,
            depth=depth,
            statement=statement,
            blank_before=blank_between(previous_end, entry.line),
            first_line=entry.line,
            last_line=last,
        )
        previous_end = last


def _place_blank_lines(items: list[_Item]) -> None:
    """One blank line before each top-level block (with the comments written right above it)."""
    previous_statement: Statement | None = None
    for index, item in enumerate(items):
        if item.statement is None:
            continue
        if item.depth == 0 and not (
            isinstance(item.statement, SourceStatement)
            and isinstance(previous_statement, SourceStatement)
        ):
            start = index
            while (
                start > 0
                and items[start - 1].statement is None
                and items[start - 1].depth == 0
                and not items[start].blank_before
            ):
                start -= 1
            if start > 0:
                items[start].blank_before = True
        previous_statement = item.statement


# One statement ----------------------------------------------------------------------------------


def _sources(references: tuple[Reference, ...]) -> str:
    return "[" + ", ".join(r.id for r in references) + "]" if references else ""


def _wrap(indent: str, statement: Statement) -> list[str]:
    if isinstance(statement, ReuseStatement):
        return [f"{indent}@{statement.id}"]
    if isinstance(statement, GroupStatement):
        parts = [statement.kind.value]
        if statement.id is not None:
            parts.append(statement.id)
        if statement.target is not None and statement.target_keyword is not None:
            parts += [statement.target_keyword, statement.target.id]
        if statement.sources:
            parts.append(_sources(statement.sources))
        return [indent + " ".join(parts) + ":"]
    if isinstance(statement, TitleStatement):
        head, text, suffix = "title: ", statement.text, ""
    elif isinstance(statement, SourceStatement):
        head, text, suffix = f"source {statement.id}: ", statement.text, ""
    else:
        assert isinstance(statement, ClaimStatement)
        words = [w for w in (statement.keyword, statement.id) if w is not None]
        head = " ".join(words) + ": " if words else "- "
        text, suffix = statement.text, _sources(statement.sources)
    raw = escape_text(text, sources=bool(suffix))
    if suffix:
        suffix = " " + suffix
    return _fill(indent, head, raw, suffix)


def _fill(indent: str, head: str, raw: str, suffix: str) -> list[str]:
    """Wrap ``raw`` at single spaces so that lines stay within :data:`WIDTH` where they can."""
    first = indent + head
    if len(first) + len(raw) + len(suffix) <= WIDTH:
        return [first + raw + suffix]
    words = _words(raw)
    lines: list[str] = []
    prefix = first
    current = ""
    for number, word in enumerate(words):
        last = number == len(words) - 1
        tail = suffix if last else " \\"
        candidate = f"{current} {word}" if current else word
        if current and len(prefix) + len(candidate) + len(tail) > WIDTH:
            lines.append(prefix + current + " \\")
            prefix = indent + CONTINUATION
            current = word
        else:
            current = candidate
    lines.append(prefix + current + suffix)
    return lines


def _words(raw: str) -> list[str]:
    """Split raw text at the spaces where a line may break: a single space between two
    characters that are neither blanks nor a backslash (joining puts back exactly one space)."""
    words: list[str] = []
    start = 0
    for index in range(1, len(raw) - 1):
        if (
            raw[index] == " "
            and raw[index - 1] not in " \t\\"
            and raw[index + 1] not in " \t"
            and index > start
        ):
            words.append(raw[start:index])
            start = index + 1
    words.append(raw[start:])
    return words


# Escapes ----------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s")


def escape_text(text: str, *, sources: bool = False) -> str:
    """Text as written in a map: the parser reads it back as ``text``.

    ``sources`` says a list of sources follows the text on its line, which changes where a
    bracket is read as the start of that list.

    >>> print(escape_text("see [1]"), escape_text("C# and #1 # 2"), escape_text("a\\\\"))
    see \\[1\\] C# and #1 \\# 2 a\\\\
    """
    risky = _risky_brackets(text, sources=sources)
    out: list[str] = []
    for index, char in enumerate(text):
        if char == "\\":
            following = text[index + 1] if index + 1 < len(text) else ""
            out.append("\\\\" if following == "" or following in _ESCAPABLE else "\\")
        elif char in "[]" and index in risky:
            out.append("\\" + char)
        elif char == "#" and _starts_comment(text, index):
            out.append("\\#")
        else:
            out.append(char)
    return "".join(out)


def _starts_comment(text: str, index: int) -> bool:
    """Whether the ``#`` at ``index`` would start a comment, as the layout stage reads a line
    (:mod:`argmap.read.layout`): whitespace (or the head of the line) before it, and whitespace
    or the end of the text after it. ``#1`` and ``C#`` are text and need no backslash."""
    before = index == 0 or _SPACE.match(text[index - 1]) is not None
    return before and (index + 1 == len(text) or _SPACE.match(text[index + 1]) is not None)


def _risky_brackets(text: str, *, sources: bool) -> set[int]:
    """The brackets that need a backslash, and the ``]`` that closes each risky ``[``.

    A ``[`` is risky when no ``]`` follows it (the parser would call it unclosed), or when the
    line has no list of sources and this ``[`` opens the last bracket pair at the very end of the
    text (the parser would read it as a list of sources).
    """
    risky: set[int] = set()
    opens = [i for i, c in enumerate(text) if c == "["]
    for index in opens:
        if "]" not in text[index + 1 :]:
            risky.add(index)
    if not sources and text.endswith("]"):
        # The last '[' with no bracket between it and the final ']'.
        end = len(text) - 1
        before = max(text.rfind("[", 0, end), text.rfind("]", 0, end))
        if before >= 0 and text[before] == "[":
            risky.update((before, end))
    for index in sorted(risky & set(opens)):
        close = text.find("]", index + 1)
        following_open = text.find("[", index + 1)
        if close >= 0 and (following_open < 0 or close < following_open):
            risky.add(close)
    return risky
