"""The parser: text to an :class:`ArgumentMap` plus diagnostics, never an exception.

Stages: decode bytes (:func:`decode`), split into logical lines (:mod:`argmap.read.layout`), parse
each line with the lark grammar shipped in the package (compiled once per process), and build the
model from the statements and their indentation (:mod:`argmap.read.assemble`).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Kind, Reference, Span
from argmap.read import fast_lines, gcpause, layout
from argmap.read.assemble import Builder
from argmap.read.layout import MAX_DEPTH, MAX_LINE, MAX_SIZE, Limits
from argmap.read.make import maker
from argmap.read.statements import (
    ClaimStatement,
    GroupStatement,
    ReuseStatement,
    SourceStatement,
    Statement,
    TitleStatement,
)
from argmap.read.syntax_codes import (
    GROUP_TEXT,
    INPUT_TOO_LARGE,
    INVALID_ENCODING,
    LINE_TOO_LONG,
    MISSING_COLON,
    MISSING_ID,
    MISSING_TEXT,
    NUL_BYTE,
    SYNTAX_ERROR,
    TAB_INDENTATION,
    UNCLOSED_BRACKET,
    UNKNOWN_KEYWORD,
)

if TYPE_CHECKING:  # lark is imported when a line first needs it (argmap.read.lark_lines)
    from lark.exceptions import UnexpectedInput

    from argmap.read.lark_lines import Reading, Token

__all__ = [
    "KEYWORDS",
    "MAX_DEPTH",
    "MAX_LINE",
    "MAX_SIZE",
    "Limits",
    "ParseResult",
    "decode",
    "parse",
    "parse_bytes",
    "parse_decoded",
    "parse_file",
    "parse_line",
]

KEYWORDS = ("conclusion", "claim", "implicit", "reason", "objection", "rebuttal", "title", "source")


@attrs.frozen(kw_only=True)
class ParseResult:
    """What :func:`parse` returns: the map (partial if there are errors), the syntax diagnostics,
    and the text they point into."""

    map: ArgumentMap
    diagnostics: tuple[Diagnostic, ...]
    text: str
    path: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the text parsed without syntax errors."""
        return not self.diagnostics

    @property
    def complete(self) -> bool:
        """Whether the map holds every line as written: no syntax error dropped or moved one.

        A tab in the indentation (E005) is an error, but the line is read all the same, so the
        checker can run every rule; after any other syntax error it runs only the sound ones.
        """
        return all(d.code == TAB_INDENTATION.code for d in self.diagnostics)


def parse(
    text: str,
    *,
    path: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    cache: bool = True,
) -> ParseResult:
    """Parse the text of a map. Never raises on bad input: mistakes become diagnostics.

    ``limits`` bounds the input (default :class:`Limits`: 10,000,000 code points, lines of
    100,000, nesting 1,000 deep); a text past a limit gets a diagnostic where it crosses it.
    ``cache`` keeps the reading of each line for the next parse, which an editor's next
    version of the text mostly shares; a program that reads each text once turns it off.

    >>> result = parse("conclusion c: Tea is good.")
    >>> result.ok, result.map.conclusions[0].text
    (True, 'Tea is good.')
    >>> parse("conclusion c: Tea is good.", limits=Limits(max_line=10)).diagnostics[0].code
    'E014'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    limits = _DEFAULT_LIMITS if limits is None else limits
    if limits.max_size is not None and len(text) > limits.max_size:
        return _too_large(text, len(text), limits.max_size, "code points", path)
    with gcpause.paused():
        return _parse(text, path, limits, cache)


_DEFAULT_LIMITS = Limits()


def _too_large(
    text: str, size: int, limit: int, unit: str, path: str | os.PathLike[str] | None
) -> ParseResult:
    """An input past the size limit: one diagnostic where it crosses the limit, no map.

    Nothing past the limit is read (a file's bytes are not even decoded), so the cost of a huge
    input is bounded by the limit, not by the input.
    """
    before = text[:limit]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    column = len(before) - start + 1
    message = (
        f"the map is {size:,} {unit} long; argmap reads at most {limit:,}: "
        "the text from here on is past the limit"
    )
    return ParseResult(
        map=ArgumentMap(),
        diagnostics=(
            INPUT_TOO_LARGE.diagnostic(
                message,
                _point(line, column),
                hint="split the map into several files, or raise the limit for trusted input "
                "(`--max-bytes`, or `argmap.Limits` in code)",
            ),
        ),
        text=before,
        path=None if path is None else os.fspath(path),
    )


def _parse(
    text: str, path: str | os.PathLike[str] | None, limits: Limits, cache: bool
) -> ParseResult:
    builder = Builder(max_depth=limits.max_depth)
    diagnostics = read_into(builder, text, limits=limits, cache=cache)
    argument_map, placement = builder.finish()
    diagnostics.extend(placement)
    diagnostics.sort(key=Diagnostic.sort_key)
    return ParseResult(
        map=argument_map,
        diagnostics=tuple(diagnostics),
        text=text,
        path=None if path is None else os.fspath(path),
    )


def read_into(
    builder: Builder,
    text: str,
    *,
    limits: Limits = _DEFAULT_LIMITS,
    cache: bool = True,
    first_line: int = 1,
    previous: tuple[str, int] | None = None,
) -> list[Diagnostic]:
    """Read the lines of ``text`` into ``builder``, the first of them being line ``first_line``
    of the map, after the claim ``previous`` (its text and last line) if the line before is one
    (for some lines read again in their place: argmap.lsp.splice); the syntax diagnostics,
    unsorted (the builder's own come with its :meth:`~Builder.finish`)."""
    claim, place_group = builder.claim, builder.group
    diagnostics: list[Diagnostic] = []
    # `previous`, kept up to date below: the claim on the line before, if it was one (one hint).
    # A text of more lines than the cache holds would only churn it: read one pass after
    # another in order, each line is evicted before it comes round again.
    cache = cache and text.count("\n") < _CACHED_LINES
    read = _parse_content if cache else _read_content
    for item in layout.logical_lines(
        text, max_line=limits.max_line, plain=_plain_line, first_line=first_line
    ):
        if isinstance(item, layout.Plain):  # most lines: a claim, group or reuse, matched whole
            number, found = item
            # The groups, as fast_lines.PLAIN_LINE lists them: a claim's, a group's, a reuse's.
            (
                indent,
                _,
                ident,
                keyword,
                keyed,
                body,
                sources,
                ids,
                word,
                group_id,
                target_word,
                target,
                group_ids,
                _,
                reused,
            ) = found.groups()
            indent = len(indent)
            if body is not None:  # a claim
                body = body.rstrip(" \t")
                end = found.start(6) + len(body) if sources is None else found.end(7)
                span = _make_span(number, indent + 1, number, end + 1)
                keyword_span = None
                at = found.start(3) + 1
                if keyword is not None:
                    keyword_span = _make_span(number, indent + 1, number, indent + 1 + len(keyword))
                    ident, at = keyed, found.start(5) + 1
                id_span = None if ident is None else _make_span(number, at, number, at + len(ident))
                claim(
                    indent,
                    span,
                    keyword,
                    ident,
                    body,
                    () if sources is None else _plain_references(number, found.start(8), ids),
                    span,
                    id_span,
                    keyword_span,
                )
                previous = (body, number)
                continue
            previous = None
            if word is not None:  # a group
                span = _make_span(number, indent + 1, number, found.end(14) + 1)
                if group_id is None:
                    id_span = None
                else:
                    at = found.start(10) + 1
                    id_span = _make_span(number, at, number, at + len(group_id))
                if target_word is None and group_ids is None:
                    place_group(indent, span, _KINDS[word], group_id, span, id_span)
                    continue
                reference = None
                if target is not None:
                    at = found.start(12) + 1
                    target_span = _make_span(number, at, number, at + len(target))
                    reference = _make_reference(target, target_span)
                cited = (
                    ()
                    if group_ids is None
                    else _plain_references(number, found.start(13), group_ids)
                )
                fields = (_KINDS[word], group_id, reference, target_word, cited, span, id_span)
                builder.add(indent, _tuple(GroupStatement, fields), span)
                continue
            span = _make_span(number, indent + 1, number, found.end(15) + 1)  # a reuse: `@id`
            builder.add(indent, _tuple(ReuseStatement, (reused, span)), span)
            continue
        if isinstance(item, layout.Line):  # nearly every other item
            indent, content, segments = item
            # The commonest lines, `- text`, `id: text`, `reason:` or `objection id:`: placed
            # straight from where their parts are, as parse_line and Builder.add would place
            # their statements. (Line.span, inlined for the line of one segment.)
            if content.startswith(_GROUP_WORDS):
                group = _plain_group(content)
                if group is not None:
                    word, _, ident, at = group
                    if len(segments) == 1:
                        _, number, column = segments[0]
                        span = _make_span(number, column, number, column + len(content))
                        at += column
                        id_span = (
                            None
                            if ident is None
                            else _make_span(number, at, number, at + len(ident))
                        )
                    else:
                        span = item.whole
                        id_span = None if ident is None else item.span(at, at + len(ident))
                    place_group(indent, span, _KINDS[word], ident, span, id_span)
                    previous = None
                    continue
            plain = _plain_claim(content)
            if plain is not None:
                ident, at, start = plain
                if len(segments) == 1:
                    _, number, column = segments[0]
                    span = _make_span(number, column, number, column + len(content))
                    at += column
                    id_span = (
                        None if ident is None else _make_span(number, at, number, at + len(ident))
                    )
                else:
                    span = item.whole
                    id_span = None if ident is None else item.span(at, at + len(ident))
                body = content[start:].rstrip(" \t")  # as _text (a joined line may end in " ")
                claim(indent, span, None, ident, body, (), span, id_span, None)
                previous = (body, span.end_line)
                continue
            statement = parse_line(item, diagnostics, read)
            if statement is None:
                if previous is not None:
                    _continued(item, previous, diagnostics)
                builder.add(indent, None, item.whole)
                previous = None
                continue
            builder.add(indent, statement, statement.span)
            previous = (
                (statement.text, statement.span.end_line)
                if type(statement) is ClaimStatement
                else None
            )
        elif isinstance(item, layout.Comment):
            builder.comment(item.text, item.span)
        else:
            diagnostics.append(_layout_problem(item, limits))
            if item.indent is not None:  # a skipped line keeps its place in the tree
                builder.add(item.indent, None, item.span)
    return diagnostics


def parse_bytes(
    data: bytes, *, path: str | os.PathLike[str] | None = None, limits: Limits | None = None
) -> ParseResult:
    """Decode bytes as UTF-8 and parse them; a file in another encoding gets a diagnostic.

    The size limit (``limits.max_size``) counts bytes here, checked before decoding.
    """
    return _parse_bytes(data, path, limits, len(data))


def _parse_bytes(
    data: bytes, path: str | os.PathLike[str] | None, limits: Limits | None, size: int
) -> ParseResult:
    limits = _DEFAULT_LIMITS if limits is None else limits
    if limits.max_size is not None and size > limits.max_size:
        head = data[: limits.max_size]
        if head.startswith(codecs.BOM_UTF8):
            head = head[3:]
        text = head.decode("utf-8", errors="replace")
        return _too_large(text, size, limits.max_size, "bytes", path)
    text, problem = decode(data)
    return parse_decoded(text, problem, path=path, limits=limits)


def parse_decoded(
    text: str,
    problem: Diagnostic | None,
    *,
    path: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    cache: bool = True,
) -> ParseResult:
    """Parse what :func:`decode` gave; bytes it could not decode are their problem, no map."""
    if problem is not None:
        return ParseResult(
            map=ArgumentMap(),
            diagnostics=(problem,),
            text=text.removeprefix("\ufeff"),  # positions are counted without it, as in parse
            path=None if path is None else os.fspath(path),
        )
    return parse(text, path=path, limits=limits, cache=cache)


def parse_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> ParseResult:
    """Read and parse a file. I/O failures raise :class:`OSError`; bad content never raises.

    A file past the size limit is read no further than the limit and one byte.
    """
    limits = _DEFAULT_LIMITS if limits is None else limits
    with open(path, "rb") as handle:
        if limits.max_size is None:
            data = handle.read()
            return _parse_bytes(data, path, limits, len(data))
        data = handle.read(limits.max_size + 1)
        size = len(data)
        if size > limits.max_size:  # the true size, for the message; nothing more is read
            size = max(size, handle.seek(0, os.SEEK_END))
    return _parse_bytes(data, path, limits, size)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes) -> tuple[str, Diagnostic | None]:
    """Decode a map's bytes: the text (U+FFFD for bad bytes) and the problem, if any."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            message = f"the file is {name} text; argmap reads UTF-8"
            return "", INVALID_ENCODING.diagnostic(
                message, _point(1, 1), hint="save the file as UTF-8 in your editor"
            )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8").removeprefix("\ufeff")
        lines = layout.split_lines(before)  # \r\n, \r and \n, as the parser counts lines
        line, column = len(lines), len(lines[-1]) + 1
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8: argmap reads UTF-8 text"
        return data.decode("utf-8", errors="replace"), INVALID_ENCODING.diagnostic(
            message, _point(line, column), hint="save the file as UTF-8 in your editor"
        )


# Statements ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([\\\[\]#@])")
_OPEN = re.compile(r"(?<!\\)(?:\\\\)*\[")  # an unescaped `[`


class _LineError(Exception):
    """A line that is not a statement: lark's error, for the diagnostic."""

    def __init__(self, error: UnexpectedInput) -> None:
        super().__init__(str(error))
        self.error = error


_CACHED_LINES = 1 << 16


def _read_content(content: str) -> Reading:
    """The reading of one line's content (:mod:`.lark_lines`), positions relative to the
    content.

    The common, well-formed lines take :mod:`.fast_lines`, which returns exactly what lark
    would (tests/test_fastpath.py compares the two on every line in the repository and on
    generated hostile lines) several times faster, and without importing lark; anything else
    goes to lark, which also reports the mistakes (as :class:`_LineError`).
    """
    reading = fast_lines.read(content)
    if reading is not None:
        return reading
    from argmap.read import lark_lines

    try:
        return lark_lines.read(content)
    except lark_lines.UnexpectedInput as error:
        raise _LineError(error) from None


# Cached by content: an editor re-parses the whole document on every keystroke, and all but the
# edited line are then cache hits. Failures are not cached.
_parse_content = functools.lru_cache(maxsize=_CACHED_LINES)(_read_content)


def parse_line(
    line: layout.Line,
    diagnostics: list[Diagnostic],
    read: Callable[[str], Reading] | None = None,
) -> Statement | None:
    """Parse one logical line into a statement, or ``None`` (with a diagnostic) if it fails.

    ``read`` reads the line's content (default: the cached reader)."""
    try:
        tag, children = (read or _parse_content)(line.content)
    except _LineError as failure:
        diagnostics.append(_syntax_error(line, failure.error))
        return None
    # The whole line: anonymous tokens (`title`, `source`, `@`, the colon, brackets) are not in
    # the tree, so the first and last tokens would miss them. (Line.whole, inlined for the
    # line of one segment, which nearly every line is.)
    segments = line.segments
    if len(segments) == 1:
        _, number, column = segments[0]
        span = _make_span(number, column, number, column + len(line.content))
    else:
        span = line.whole
    # Statements are made with positional arguments: one is made for every line, and a named
    # tuple made with keywords costs twice as much.
    if tag == "claim":
        return _claim(line, children, span, diagnostics)
    if tag == "group":
        return _group(line, children, span)
    # title, source and reuse hold tokens only: `title: TEXT`, `source ID: TEXT`, `@ID`.
    if tag == "title":
        return TitleStatement(_text(line, children[-1], diagnostics), span)
    if tag == "source":
        ident, text = children[-2], children[-1]
        return SourceStatement(ident[1], _text(line, text, diagnostics), span, _span(line, ident))
    return ReuseStatement(children[-1][1], span)


def _claim(
    line: layout.Line, children: list, span: Span, diagnostics: list[Diagnostic]
) -> ClaimStatement:
    # The children in the grammar's order: `CONCLUSION|CLAIM|IMPLICIT [ID]`, `ID` or `DASH`,
    # then TEXT, then maybe sources.
    keyword = keyword_span = ident = id_span = None
    head = children[0]
    at = 0 if head[0] == "ID" else 1
    if at and head[0] != "DASH":
        keyword, keyword_span = head[1], _span(line, head)
    if children[at][0] == "ID":
        ident, id_span = children[at][1], _span(line, children[at])
        at += 1
    text = _text(line, children[at], diagnostics)
    sources = _references(line, children[at + 1][1]) if len(children) > at + 1 else ()
    # ClaimStatement(...), without the named tuple's own __new__ (a Python function)
    return _tuple(ClaimStatement, (keyword, ident, text, sources, span, id_span, keyword_span))


_KINDS = {kind.value: kind for kind in Kind}  # a dict lookup is several times faster than Kind(...)


def _group(line: layout.Line, children: list, span: Span) -> GroupStatement:
    kind = _KINDS[children[0][1]]
    ident = id_span = target = target_keyword = None
    sources: tuple[Reference, ...] = ()
    for child in children[1:]:
        if child[0] == "target":
            keyword, name = child[1]
            target_keyword = keyword[1]
            target = Reference(id=name[1], span=_span(line, name))
        elif child[0] == "sources":
            sources = _references(line, child[1])
        else:
            ident, id_span = child[1], _span(line, child)
    return _tuple(GroupStatement, (kind, ident, target, target_keyword, sources, span, id_span))


def _text(line: layout.Line, token: Token, diagnostics: list[Diagnostic]) -> str:
    raw = token[1].rstrip(" \t")
    # An unescaped `[` with no `]` after it: the first one after the last `]`. (A lookahead
    # for "no `]` up to the end" would rescan the line at every `[`: quadratic.)
    unclosed = _OPEN.search(raw, raw.rfind("]") + 1) if "[" in raw else None
    if unclosed is not None:
        at = token[2] + unclosed.end() - 1
        diagnostics.append(
            UNCLOSED_BRACKET.diagnostic(
                "this `[` is never closed",
                line.span(at, at + 1),
                hint="close the list of sources with `]`, or write `\\[` for a literal bracket",
            )
        )
    return _ESCAPE.sub(r"\1", raw) if "\\" in raw else raw


def _references(line: layout.Line, tokens: list[Token]) -> tuple[Reference, ...]:
    return tuple(Reference(id=t[1], span=_span(line, t)) for t in tokens)


def _span(line: layout.Line, token: Token) -> Span:
    start = token[2]
    segments = line.segments
    if len(segments) == 1:  # Line.span, inlined for the line of one segment
        _, number, column = segments[0]
        start += column
        return _make_span(number, start, number, start + len(token[1]))
    return line.span(start, start + len(token[1]))


def _plain_references(line: int, start: int, ids: str) -> tuple[Reference, ...]:
    """The sources of a plain line (:data:`.fast_lines.PLAIN_LINE`): its list's ids, which start
    at ``start`` in the line ``line``, as :func:`_references` reads them."""
    references = []
    for found in _ID_IN.finditer(ids):
        column = start + found.start() + 1
        name = found.group()
        references.append(_make_reference(name, _make_span(line, column, line, column + len(name))))
    return tuple(references)


def _point(line: int, column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column + 1)


_ID_IN = re.compile(fast_lines.ID_PATTERN)
_plain_line = fast_lines.PLAIN_LINE.match
_make_reference = maker(Reference)  # Reference(id, span)
_make_span = maker(Span)  # Span(line, column, end_line, end_column), positional and faster
_plain_claim = fast_lines.plain_claim
_plain_group = fast_lines.plain_group
_GROUP_WORDS = ("reason", "objection", "rebuttal")
_tuple = tuple.__new__


# Syntax errors ------------------------------------------------------------------------------


def _continued(line: layout.Line, before: tuple[str, int], diagnostics: list[Diagnostic]) -> None:
    """A line of plain words after a claim whose sentence is not finished: the backslash that
    continues the claim onto this line was forgotten. Reported as that, not as a missing colon.
    ``before`` is that claim's text and its last line."""
    last = diagnostics[-1] if diagnostics else None
    if last is None or last.code != MISSING_COLON.code or ":" in line.content:
        return
    before_text, above = before
    if before_text.rstrip().endswith((".", "!", "?", '."', '?"', '!"', ".)", ")")):
        return  # a finished sentence: the line is more likely a claim without its colon
    if len(line.content.split()) < 2:
        return
    diagnostics[-1] = SYNTAX_ERROR.diagnostic(
        f"this line has no `:` or `-`, so it is not a claim of its own; it reads like the rest "
        f"of the text on line {above}, which does not end its sentence",
        line.whole,
        hint=f"to go on with line {above}'s text here, end line {above} with a backslash "
        f"(`… {_quote(' '.join(before_text.split()[-3:]), 30)} \\`); for a claim of its own, "
        "start this line with `- `",
    )


#
# A line that lark rejects is classified by what lark expected at the point it stopped and by
# the text before that point. (lark's match_examples was tried first: with the contextual lexer
# its state comparison misfires, and in lark 1.3 it can even raise while logging.)

_ID = re.compile(r"[^\W\d][\w-]*")
_WORD = re.compile(r"[^\s,\[\]:]+|.", re.DOTALL)
_HINT_LINE = (
    "a line is a claim (`id: text` or `- text`), `@id`, a group (`reason:`), `title:` or "
    "`source id:`"
)

_NAMES = {
    "COLON": "`:`",
    "ID": "an id",
    "TEXT": "text",
    "DASH": "`-`",
    "AT": "`@`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "COMMA": "`,`",
    "FOR": "`for`",
    "TO": "`to`",
    "$END": "the end of the line",
    "a keyword": "a keyword",
}


def _syntax_error(line: layout.Line, error: UnexpectedInput) -> Diagnostic:
    content = line.content
    misspelt = _misspelt_keyword(content)
    if misspelt is not None:
        word, keyword = misspelt
        return UNKNOWN_KEYWORD.diagnostic(
            f"unknown keyword `{_quote(word)}`; did you mean `{keyword}`?",
            line.span(0, len(word)),
            hint=f"write `{_quote(keyword + content[len(word) :])}`; the keywords are "
            f"{', '.join(KEYWORDS)}",
        )
    from argmap.read.lark_lines import UnexpectedToken

    at_end = isinstance(error, UnexpectedToken) and error.token.type == "$END"
    offset = len(content) if at_end else (error.pos_in_stream or 0)
    rest = content[offset:]
    word = "" if at_end else _WORD.match(rest).group()  # type: ignore[union-attr]
    here = line.span(offset, offset + max(1, len(word)))
    found = "the end of the line" if at_end else _describe(word)
    expected = _expected(error)
    before = content[:offset].rstrip(" \t")
    first = _ID.match(content)
    head = first.group() if first else ""
    last = before.split()[-1] if before.strip() else ""  # the word before the error

    if expected == {"COMMA", "RSQB"} or (expected == {"ID"} and before.endswith(("[", ","))):
        return _bracket_error(line, offset, word, found, expected)
    if expected == {"ID"}:
        after = "`@`" if before.endswith("@") else f"`{_quote(last)}`"
        return MISSING_ID.diagnostic(
            f"expected an id after {after}, found {found}",
            here,
            hint="an id starts with a letter or `_` and goes on with letters, digits, `_` and `-`",
        )
    if expected == {"TEXT"}:
        what = {"title": "a title", "source": "a source"}.get(head, "a claim")
        only = "only a list of sources" if word == "[" else "nothing"
        return MISSING_TEXT.diagnostic(
            f"{only} follows the {'`-`' if content.startswith('-') else 'colon'}: "
            f"{what} needs its text on the same line",
            here,
            hint=f"write the text on this line: `{_quote(before)} text`; a long text can go on "
            "to the next line after a backslash at the end of the line",
        )
    if expected == {"$END"} and before.endswith(":"):
        return GROUP_TEXT.diagnostic(
            f"{_article(head)} {head} has no text of its own; put its co-premises on the lines "
            "below, indented",
            line.span(offset, len(content)),
            hint=f"move the text to the next line, as a co-premise indented under the header "
            f"(at column {line.segments[0].column + 2}): `- {_quote(rest)}`",
        )
    if expected == {"$END"} and word == "[":
        return SYNTAX_ERROR.diagnostic(
            f"a {head} has no list of sources: only claims and groups are attributed",
            here,
            hint="write `\\[` for a literal bracket",
        )
    if expected == {"$END"}:
        return SYNTAX_ERROR.diagnostic(
            f"unexpected {found} after `{_quote(before)}`: `@id` stands alone on its line",
            here,
            hint="a reused claim keeps the text of its definition",
        )
    if "COLON" in expected and (at_end or ":" not in rest):
        hint = f"write `{_quote(before)}: ...`"
        if head in ("reason", "objection", "rebuttal"):  # a group header has no text
            hint = f"end the header with a colon: `{_quote(before)}:`, its co-premises below it"
        if (
            not at_end
            and first is not None
            and first.end() == len(before)
            and len(rest.split()) > 1
        ):
            # `warm Tea is warm.`: an id without its colon, or a claim's text without its `- `.
            hint += (
                f" to name the claim `{_quote(head)}`, or `- {_quote(content)}` if the whole "
                "line is its text"
            )
        return MISSING_COLON.diagnostic(
            f"expected `:` after `{_quote(before)}`, found {found}", here, hint=hint
        )
    hint = _HINT_LINE
    if not before and content[:1].isdigit():
        hint = "an id starts with a letter or `_`, not a digit"
    elif "COLON" in expected and _ID.fullmatch(last) and _ID.fullmatch(word):
        hint = f"an id is one word: write `{last}-{word}`"
    names = sorted(_NAMES.get(name, f"`{name.lower()}`") for name in _simplify(expected))
    return SYNTAX_ERROR.diagnostic(
        f"unexpected {found}; expected {_one_of(names)}", here, hint=hint
    )


def _bracket_error(
    line: layout.Line, offset: int, word: str, found: str, expected: set[str]
) -> Diagnostic:
    content = line.content
    opening = content.rfind("[", 0, offset)
    if opening >= 0 and "]" not in content[opening:]:
        return UNCLOSED_BRACKET.diagnostic(
            "this `[` is never closed",
            line.span(opening, opening + 1),
            hint="close the list of sources with `]`, or write `\\[` for a literal bracket",
        )
    here = line.span(offset, offset + max(1, len(word)))
    if expected == {"ID"} and word in ("]", ","):
        return MISSING_ID.diagnostic(
            f"expected a source id, found {found}",
            here,
            hint="a list of sources holds ids separated by commas, like `[hammond, reader]`",
        )
    return UNCLOSED_BRACKET.diagnostic(
        f"a list of sources holds ids separated by commas, like `[hammond, reader]`; found {found}",
        here,
        hint="write `\\[` for a literal bracket in a claim's text",
    )


def _misspelt_keyword(content: str) -> tuple[str, str] | None:
    """The first word and the keyword it is close to, if the line parses with that keyword."""
    first = _ID.match(content)
    if first is None or first.group() in KEYWORDS:
        return None
    word = first.group()
    keyword = _keyword_like(word)
    if keyword is None:
        return None
    from argmap.read import lark_lines

    try:
        lark_lines.read(keyword + content[len(word) :])
    except lark_lines.UnexpectedInput:
        return None
    return word, keyword


def _expected(error: UnexpectedInput) -> set[str]:
    from argmap.read.lark_lines import UnexpectedToken

    if isinstance(error, UnexpectedToken):
        names = set(error.accepts or error.expected)
    else:
        names = set(getattr(error, "allowed", None) or ())
    return {"$END" if name == "<END-OF-FILE>" else name for name in names}


def _simplify(names: set[str]) -> set[str]:
    keywords = {n for n in names if n.lower() in KEYWORDS}
    if keywords:
        names = (names - keywords) | {"a keyword"}
    return names


def _describe(word: str) -> str:
    if word.strip() and word.isprintable() and not unicodedata.category(word[0]).startswith("M"):
        return f"`{_quote(word)}`"
    # Whitespace other than spaces and tabs, a control or invisible character (zero-width,
    # bidi), or a combining mark that does not belong to an id: name it, never show it.
    char = word[0]
    name = unicodedata.name(char, "")
    after = ""
    if unicodedata.category(char).startswith("M"):
        what, after = "the combining mark", " (an id is written in composed form, NFC)"
    elif unicodedata.category(char) in ("Cf", "Cc", "Co", "Cn", "Cs"):
        what = "the invisible character"
    else:
        what = "the character"
    return f"{what} U+{ord(char):04X}" + (f" {name}" if name else "") + after


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _one_of(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _keyword_like(word: str) -> str | None:
    import difflib  # only for a line that does not parse

    close = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.75)
    return close[0] if close else None


def _quote(text: str, limit: int = 40) -> str:
    """User text inside a message: one line, shortened, backticks neutralised, and invisible
    characters (controls such as ESC, bidi overrides, zero-width spaces) shown as ``\\uXXXX``, so
    a message can neither break out of its code span nor reorder or hide what a terminal or an
    editor shows around it. Messages stay plain text: a consumer that puts them in HTML escapes
    them (SECURITY.md)."""
    text = " ".join(text[: limit * 4].split()).replace("`", "'")
    if not text.isprintable():
        text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    text = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Printable to Python, but invisible or direction-changing: bidi marks and embeddings, zero-width
# characters, the word joiner and the BOM.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _layout_problem(problem: layout.Problem, limits: Limits) -> Diagnostic:
    if problem.kind == "long":
        return LINE_TOO_LONG.diagnostic(
            f"this line is longer than {limits.max_line:,} characters, the most argmap reads in "
            "a line: it is skipped",
            problem.span,
            hint="a claim is one sentence: split the text, or continue it on the next line with "
            "a backslash (the joined line has the same limit)",
        )
    if problem.kind == "nul":
        return NUL_BYTE.diagnostic("a NUL character: this line is skipped", problem.span)
    return TAB_INDENTATION.diagnostic(
        "a tab in the indentation: indent with spaces",
        problem.span,
        hint="replace each tab with spaces",
    )
