"""The parser: text to an :class:`ArgumentMap` plus diagnostics, never an exception.

Stages: decode bytes (:func:`decode`), split into logical lines (:mod:`argmap.layout`), parse
each line with the lark grammar shipped in the package (compiled once per process), and build the
model from the statements and their indentation (:mod:`argmap.builder`).
"""

from __future__ import annotations

import codecs
import difflib
import functools
import os
import re
from importlib import resources

import attrs
import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from argmap import layout
from argmap.builder import Builder
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Kind, Reference, Span
from argmap.statements import (
    ClaimStatement,
    GroupStatement,
    ReuseStatement,
    SourceStatement,
    Statement,
    TitleStatement,
)
from argmap.syntax import (
    GROUP_TEXT,
    INVALID_ENCODING,
    MISSING_COLON,
    MISSING_ID,
    MISSING_TEXT,
    NUL_BYTE,
    SYNTAX_ERROR,
    TAB_INDENTATION,
    UNCLOSED_BRACKET,
    UNKNOWN_KEYWORD,
)

__all__ = [
    "KEYWORDS",
    "ParseResult",
    "decode",
    "grammar_text",
    "parse",
    "parse_bytes",
    "parse_file",
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


def grammar_text() -> str:
    """The lark grammar, read from the installed package."""
    return resources.files("argmap.grammar").joinpath("argmap.lark").read_text(encoding="utf-8")


class _ToStatement(lark.Transformer[lark.Token, tuple[str, list[lark.Token]]]):
    """Run inline with the LALR parser: keeps each rule's tokens, tagged with the rule's name."""

    def start(self, children: list[tuple[str, list[lark.Token]]]) -> tuple[str, list[lark.Token]]:
        return children[0]

    def __default__(self, data: str, children: list, meta: object) -> tuple[str, list] | lark.Tree:
        if data.startswith("_"):  # lark inlines these rules into their parent itself
            return lark.Tree(data, children)
        return (data, children)


@functools.cache
def _lark() -> lark.Lark:
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        transformer=_ToStatement(),
    )


@functools.cache
def _lark_tree() -> lark.Lark:
    # Error classification replays examples; it needs a parser without the inline transformer.
    return lark.Lark(grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)


def parse(text: str, *, path: str | os.PathLike[str] | None = None) -> ParseResult:
    """Parse the text of a map. Never raises on bad input: mistakes become diagnostics.

    >>> result = parse("conclusion c: Tea is good.")
    >>> result.ok, result.map.conclusions[0].text
    (True, 'Tea is good.')
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = Builder()
    diagnostics: list[Diagnostic] = []
    for item in layout.logical_lines(text):
        if isinstance(item, layout.Comment):
            builder.comment(item.text, item.span)
        elif isinstance(item, layout.Problem):
            diagnostics.append(_layout_problem(item))
        else:
            statement = _parse_line(item, diagnostics)
            builder.add(item.indent, statement, item.whole)
    argument_map, placement = builder.finish()
    diagnostics.extend(placement)
    diagnostics.sort(key=Diagnostic.sort_key)
    return ParseResult(
        map=argument_map,
        diagnostics=tuple(diagnostics),
        text=text,
        path=None if path is None else os.fspath(path),
    )


def parse_bytes(data: bytes, *, path: str | os.PathLike[str] | None = None) -> ParseResult:
    """Decode bytes as UTF-8 and parse them; a file in another encoding gets a diagnostic."""
    text, problem = decode(data)
    if problem is not None:
        return ParseResult(
            map=ArgumentMap(),
            diagnostics=(problem,),
            text=text,
            path=None if path is None else os.fspath(path),
        )
    return parse(text, path=path)


def parse_file(path: str | os.PathLike[str]) -> ParseResult:
    """Read and parse a file. I/O failures raise :class:`OSError`; bad content never raises."""
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_bytes(data, path=path)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes) -> tuple[str, Diagnostic | None]:
    """Decode a map's bytes. Returns the text (with U+FFFD for bad bytes) and the problem, if any."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            message = f"the file is {name} text; argmap reads UTF-8"
            return "", INVALID_ENCODING.diagnostic(
                message, _point(1, 1), hint="save the file as UTF-8 in your editor"
            )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8: argmap reads UTF-8 text"
        return data.decode("utf-8", errors="replace"), INVALID_ENCODING.diagnostic(
            message, _point(line, column), hint="save the file as UTF-8 in your editor"
        )


# Statements ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([\\\[\]#@])")
_UNCLOSED = re.compile(r"(?<!\\)(?:\\\\)*\[(?=[^\]]*$)")


def _parse_line(line: layout.Line, diagnostics: list[Diagnostic]) -> Statement | None:
    try:
        tag, children = _lark().parse(line.content)
    except UnexpectedInput as error:
        diagnostics.append(_syntax_error(line, error))
        return None
    tokens = _flatten(children)
    span = line.span(tokens[0].start_pos, tokens[-1].end_pos)
    if tag == "title":
        return TitleStatement(text=_text(line, tokens[-1], diagnostics), span=span)
    if tag == "source":
        ident, text = tokens[-2], tokens[-1]
        return SourceStatement(
            id=str(ident),
            text=_text(line, text, diagnostics),
            span=span,
            id_span=_span(line, ident),
        )
    if tag == "reuse":
        return ReuseStatement(id=str(tokens[-1]), span=span)
    if tag == "group":
        return _group(line, children, span)
    return _claim(line, children, span, diagnostics)


def _claim(
    line: layout.Line, children: list, span: Span, diagnostics: list[Diagnostic]
) -> ClaimStatement:
    keyword = ident = text = None
    sources: tuple[Reference, ...] = ()
    for child in children:
        if isinstance(child, tuple):
            sources = _references(line, child[1])
        elif child.type in ("CONCLUSION", "CLAIM", "IMPLICIT"):
            keyword = child
        elif child.type == "ID":
            ident = child
        elif child.type == "TEXT":
            text = child
    assert text is not None
    return ClaimStatement(
        keyword=None if keyword is None else str(keyword),
        id=None if ident is None else str(ident),
        text=_text(line, text, diagnostics),
        sources=sources,
        span=span,
        id_span=None if ident is None else _span(line, ident),
        keyword_span=None if keyword is None else _span(line, keyword),
    )


def _group(line: layout.Line, children: list, span: Span) -> GroupStatement:
    kind = Kind(str(children[0]))
    ident = None
    target = target_keyword = None
    sources: tuple[Reference, ...] = ()
    for child in children[1:]:
        if isinstance(child, tuple) and child[0] == "target":
            keyword, name = child[1]
            target_keyword = str(keyword)
            target = Reference(id=str(name), span=_span(line, name))
        elif isinstance(child, tuple):
            sources = _references(line, child[1])
        elif child.type == "ID":
            ident = child
    return GroupStatement(
        kind=kind,
        id=None if ident is None else str(ident),
        target=target,
        target_keyword=target_keyword,
        sources=sources,
        span=span,
        id_span=None if ident is None else _span(line, ident),
    )


def _text(line: layout.Line, token: lark.Token, diagnostics: list[Diagnostic]) -> str:
    raw = str(token).rstrip(" \t")
    unclosed = _UNCLOSED.search(raw)
    if unclosed is not None:
        at = token.start_pos + unclosed.end() - 1
        diagnostics.append(
            UNCLOSED_BRACKET.diagnostic(
                "this `[` is never closed",
                line.span(at, at + 1),
                hint="close the list of sources with `]`, or write `\\[` for a literal bracket",
            )
        )
    return _ESCAPE.sub(r"\1", raw)


def _references(line: layout.Line, tokens: list[lark.Token]) -> tuple[Reference, ...]:
    return tuple(Reference(id=str(t), span=_span(line, t)) for t in tokens if t.type == "ID")


def _flatten(children: list) -> list[lark.Token]:
    tokens: list[lark.Token] = []
    for child in children:
        if isinstance(child, tuple):
            tokens.extend(_flatten(child[1]))
        else:
            tokens.append(child)
    return tokens


def _span(line: layout.Line, token: lark.Token) -> Span:
    return line.span(token.start_pos, token.end_pos)


def _point(line: int, column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column + 1)


# Syntax errors ------------------------------------------------------------------------------

# Known mistakes, recognised by the parser state they leave lark in (lark's match_examples).
_EXAMPLES = {
    "missing-colon": [
        "conclusion c text",
        "claim c text",
        "implicit c text",
        "c text",
        "title text",
        "source s text",
        "reason r x",
        "reason for t x",
        "reason [s] x",
        "reason r",
        "reason for t",
        "reason [s]",
    ],
    "missing-text": ["conclusion:", "conclusion c:", "claim:", "c:", "-", "title:", "source s:"],
    "group-text": ["reason: text", "reason r for t [s]: text"],
    "missing-id": ["source: text", "@", "reason for:", "reason to [s]:", "reason []:"],
    "unclosed-bracket": ["reason [s", "reason [s:", "reason [s,", "reason [s t]:", "c: x [s t]"],
}

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
}


def _syntax_error(line: layout.Line, error: UnexpectedInput) -> Diagnostic:
    content = line.content
    token = getattr(error, "token", None)
    at_end = isinstance(error, UnexpectedToken) and error.token.type == "$END"
    offset = len(content) if at_end else (error.pos_in_stream or 0)
    here = line.span(offset, offset + (len(str(token)) if token and not at_end else 1))
    found = "the end of the line" if at_end else _describe(content, offset, token)
    label = error.match_examples(_lark_tree().parse, _EXAMPLES, use_accepts=True)
    first = re.match(r"[^\W\d][\w-]*", content)
    word = first.group() if first else ""
    if (
        word
        and word not in KEYWORDS
        and _keyword_like(word)
        and (label in ("missing-colon", "missing-text") or content[len(word) :].strip() == ":")
    ):
        guess = _keyword_like(word)
        return UNKNOWN_KEYWORD.diagnostic(
            f"unknown keyword `{_quote(word)}`; did you mean `{guess}`?",
            line.span(0, len(word)),
            hint=f"the keywords are {', '.join(KEYWORDS)}",
        )
    if label == "missing-colon":
        head = content[:offset].rstrip()
        return MISSING_COLON.diagnostic(
            f"expected `:` after `{_quote(head)}`, found {found}",
            here,
            hint=f"write `{_quote(head)}: ...`",
        )
    if label == "missing-text":
        return MISSING_TEXT.diagnostic(
            "nothing follows the colon: a claim needs its text on the same line",
            here,
            hint="a long text can go on to the next line after a backslash at the end of the line",
        )
    if label == "group-text":
        kind = content.split(None, 1)[0]
        return GROUP_TEXT.diagnostic(
            f"a {kind} has no text of its own; put its co-premises on the lines below, indented",
            line.span(offset, len(content)),
            hint=f"{kind}:\\n    - {_quote(content[offset:].strip())}",
        )
    if label == "missing-id":
        return MISSING_ID.diagnostic(f"expected an id, found {found}", here)
    if label == "unclosed-bracket" or (
        isinstance(error, UnexpectedCharacters) and content[offset : offset + 1] == "["
    ):
        return UNCLOSED_BRACKET.diagnostic(
            "a `[` at the end of a line lists sources, like `[hammond]` or `[hammond, reader]`",
            here,
            hint="write `\\[` for a literal bracket in a claim's text",
        )
    expected = sorted(_NAMES.get(name, f"`{name.lower()}`") for name in _expected(error))
    return SYNTAX_ERROR.diagnostic(
        f"unexpected {found}; expected {_one_of(expected)}",
        here,
        hint="a line is a claim (`id: text` or `- text`), `@id`, a group (`reason:`), "
        "`title:` or `source id:`",
    )


def _expected(error: UnexpectedInput) -> set[str]:
    if isinstance(error, UnexpectedToken):
        names = set(error.accepts or error.expected)
    else:
        names = set(getattr(error, "allowed", None) or ())
    keywords = {n for n in names if n.lower() in KEYWORDS}
    if keywords:
        names -= keywords
        names.add("a keyword")
    return names


def _one_of(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _describe(content: str, offset: int, token: lark.Token | None) -> str:
    if token is not None:
        return f"`{_quote(str(token))}`"
    return f"`{_quote(content[offset : offset + 1])}`"


def _keyword_like(word: str) -> str | None:
    close = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.75)
    return close[0] if close else None


def _quote(text: str, limit: int = 40) -> str:
    """User text inside a message: one line, shortened, backticks neutralised."""
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _layout_problem(problem: layout.Problem) -> Diagnostic:
    if problem.kind == "nul":
        return NUL_BYTE.diagnostic("a NUL character: this line is skipped", problem.span)
    return TAB_INDENTATION.diagnostic(
        "a tab in the indentation: indent with spaces",
        problem.span,
        hint="replace each tab with spaces",
    )
