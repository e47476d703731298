"""A regex fast path for the common shapes of a line: the same result as lark, or ``None``.

lark's LALR parse costs about 40 µs a line and dominates the parse of a large map. Nearly every
line of a real map is one of a few well-formed shapes (``- text [srcs]``, ``id: text``,
``conclusion|claim|implicit [id]: text``, ``reason|objection|rebuttal [id] [for|to id] [[srcs]]:``,
``@id``, ``title: text``, ``source id: text``). :func:`read` recognises those with compiled
regular expressions built from the grammar's own terminals (``grammar/argmap.lark``) and returns
exactly the ``(tag, children)`` that :func:`.lark_lines.read` returns, tokens and positions
included. Whenever it is not certain, it returns ``None`` and the caller runs lark, which gives
the real result or the syntax error. In particular a keyword used as an id (``claim reason:``,
``to: text``) is left to lark: its contextual lexer reads keywords differently by position.
tests/test_fastpath.py checks the two against each other on every line we have and on
generated hostile lines.
"""

from __future__ import annotations

import re

__all__ = ["PLAIN_LINE", "plain_claim", "plain_group", "read"]

# The grammar's terminals, copied verbatim (tests/test_fastpath.py checks they still match it).
ID_PATTERN = r"[^\W\d][\w-]*"
TEXT_PATTERN = (
    r"(?:[^\\\[\s]|\\.?|\[(?![^\[\]]*\][ \t]*$))(?:[^\\\[]|\\.?|\[(?![^\[\]]*\][ \t]*$))*"
)

# Words that are terminals somewhere in the grammar. An id equal to one of them is read by
# lark's contextual lexer as the keyword or as an id depending on the parser state: left to lark.
_RESERVED = frozenset(
    "conclusion claim implicit reason objection rebuttal title source for to".split()
)

_S = r"[ \t]*"  # what `%ignore /[ \t]+/` skips, between any two tokens
# Atomic groups: lark's lexer takes the greedy match of a terminal and never gives part of it
# back, so the surrounding regex must not backtrack into it either.
_ID = rf"(?>{ID_PATTERN})"
# The same language as TEXT, and the same greedy match, but a run of plain characters is taken
# in one step rather than one alternation per character: three times faster on a long claim.
_RUN_TEXT_PATTERN = TEXT_PATTERN.replace(r"(?:[^\\\[]|", r"(?:[^\\\[]+|", 1)
if _RUN_TEXT_PATTERN == TEXT_PATTERN:  # the grammar's TEXT changed shape: update both
    raise RuntimeError("argmap.read.fast_lines: TEXT_PATTERN no longer has the expected form")
_TEXT = rf"(?>{_RUN_TEXT_PATTERN})"

_WORD = re.compile(rf"{_S}({_ID})")
# After the text: the end, or a list of sources that ends the line. lark's TEXT stops only at
# the end or at a `[` that opens such a list, so this is tried right where TEXT stopped.
_SOURCES = re.compile(rf"\[{_S}{_ID}(?:{_S},{_S}{_ID})*{_S}\]{_S}\Z")
_IDS = re.compile(ID_PATTERN)
# `- text`: the dash, then the text (and maybe sources, checked separately).
_DASH = re.compile(rf"{_S}(-){_S}({_TEXT})")
# `id: text` after the first word; `conclusion [id]: text` after the keyword.
_COLON_TEXT = re.compile(rf"{_S}:{_S}({_TEXT})")
_OPT_ID_COLON_TEXT = re.compile(rf"{_S}(?:({_ID}){_S})?:{_S}({_TEXT})")
# `source id: text` after the keyword; `title: text` after it. Neither takes sources.
_SOURCE = re.compile(rf"{_S}({_ID}){_S}:{_S}({_TEXT})\Z")
_TITLE = re.compile(rf"{_S}:{_S}({_TEXT})\Z")
# `reason [id] [for|to id] [[srcs]]:` after the keyword. `for`/`to` must be a whole word here:
# lark would also read `forx` as `for x` (a string terminal in that state), which is left to it.
_GROUP = re.compile(
    rf"{_S}(?:({_ID}){_S})?"
    rf"(?:(for|to)(?![\w-]){_S}({_ID}){_S})?"
    rf"(?:(\[{_S}{_ID}(?:{_S},{_S}{_ID})*{_S}\]){_S})?"
    rf":{_S}\Z"
)
# `- text` or `id: text` whose TEXT is plain to the end: no `\` and no `[`, the two characters
# TEXT treats specially, and starting with no whitespace (regex \s, as TEXT's first character).
# Such a TEXT is exactly the rest of the line, as _plain finds it.
_PLAIN_CLAIM = re.compile(rf"{_S}(?:(-)|({_ID}){_S}:){_S}([^\\\[\s][^\\\[]*)\Z")
_REUSE = re.compile(rf"{_S}@{_S}({_ID}){_S}\Z")

# An id that is not a keyword, decided in the regex itself: the id, matched whole (atomic), is
# not one of the words. (A keyword as an id is lark's to read, as everywhere here.)
_FREE_ID = rf"(?!(?:{'|'.join(sorted(_RESERVED))})(?![\w-])){_ID}"
# The commonest physical lines, matched whole, as the layout splits the text
# (layout.logical_lines, ``plain=PLAIN_LINE.match``): the indentation (spaces only), then
# - a claim, `- text`, `id: text` or `conclusion|claim|implicit [id]: text`, whose text holds no
#   `\`, `[` or `#` (so no escape, no comment, no continuation) and starts with no whitespace,
#   maybe with `[srcs]` at the end;
# - a group, `reason [id] [for|to id] [[srcs]]:`;
# - or a reuse, `@id`.
# Groups: 1 indentation; a claim's: 2 the dash, 3 its id without a keyword, 4 the keyword, 5 the
# id after it, 6 its text (and the spaces after it), 7 the sources' list with its brackets, 8
# the ids in it; a group's: 9 its keyword, 10 its id, 11 `for` or `to`, 12 the target, 13 the
# ids of its sources, 14 its colon; 15 the id a reuse names. Each is read exactly as lark reads
# it: TEXT stops only at a `[` that opens a list ending the line, and such a list is all a `[`
# may open here; no id is a keyword (lark's contextual lexer reads those by position).
_FREE_IDS = rf"{_FREE_ID}(?:{_S},{_S}{_FREE_ID})*"
PLAIN_LINE = re.compile(
    rf"( *)(?:"
    rf"(?:(-)|({_FREE_ID}){_S}:|(conclusion|claim|implicit)(?![\w-]){_S}(?:({_FREE_ID}){_S})?:)"
    rf"{_S}((?>[^\\\[\s#][^\\\[#]*))"
    rf"(\[{_S}({_FREE_IDS}){_S}\])?"
    rf"|(reason|objection|rebuttal)(?![\w-]){_S}(?:({_FREE_ID}){_S})?"
    rf"(?:(for|to)(?![\w-]){_S}({_FREE_ID}){_S})?(?:\[{_S}({_FREE_IDS}){_S}\]{_S})?(:)"
    rf"|@{_S}({_FREE_ID})"
    rf"){_S}\Z"
)

_CLAIM_KEYWORDS = {"conclusion": "CONCLUSION", "claim": "CLAIM", "implicit": "IMPLICIT"}
_GROUP_KEYWORDS = {"reason": "REASON", "objection": "OBJECTION", "rebuttal": "REBUTTAL"}
_TARGET_KEYWORDS = {"for": "FOR", "to": "TO"}


def _sources(content: str, start: int) -> tuple[str, list] | None:
    """The `[a, b]` list at ``start`` (where TEXT stopped), or None if it is not a clean one."""
    if _SOURCES.match(content, start) is None:
        return None
    ids = []
    for match in _IDS.finditer(content, start + 1):
        value = match.group()
        if value in _RESERVED:
            return None
        ids.append(("ID", value, match.start()))
    return ("sources", ids)


def _claim(content: str, head: list, text: str, start: int) -> tuple[str, list] | None:
    children = [*head, ("TEXT", text, start)]
    end = start + len(text)
    if end != len(content):
        sources = _sources(content, end)
        if sources is None:
            return None
        children.append(sources)
    return ("claim", children)


def _plain(rest: str) -> str | None:
    """TEXT, if ``rest`` (all of the line after the dash or the colon) is spaces or tabs and
    then plain text to the end: no `\\` and no `[`, the two characters TEXT treats specially.
    TEXT is then exactly that text, found without a regex (most lines of a map are like this)."""
    if "\\" in rest or "[" in rest:
        return None
    text = rest.lstrip(" \t")
    if not text or text[0].isspace():  # TEXT does not start with whitespace (regex \s)
        return None
    return text


def plain_claim(content: str) -> tuple[str | None, int, int] | None:
    """The commonest lines, ``- text`` and ``id: text`` with plain text (no ``[``, no ``\\``):
    the id (``None`` after a dash) and where it starts, and where the text starts (it runs to
    the end of the content); or ``None`` for any other line. What :func:`read` gives for such
    a line is made from exactly this: the parser's common path reads a line with this alone."""
    match = _PLAIN_CLAIM.match(content)
    if match is None or "\n" in content:  # `\n`: never in a logical line; to lark
        return None
    if match.start(1) >= 0:
        return (None, match.start(1), match.start(3))
    ident = match.group(2)
    if ident in _RESERVED:
        return None
    return (ident, match.start(2), match.start(3))


def plain_group(content: str) -> tuple[str, int, str | None, int] | None:
    """The commonest group lines, ``reason:`` or ``objection id:``, naming no target and no
    sources: the keyword and where it starts, the id (or ``None``) and where it starts; or
    ``None`` for any other line. The same regular expressions as :func:`read`'s, so the same
    reading."""
    word_match = _WORD.match(content)
    if word_match is None or "\n" in content:
        return None
    word = word_match.group(1)
    if word not in _GROUP_KEYWORDS:
        return None
    match = _GROUP.match(content, word_match.end())
    if match is None or match.group(2) is not None or match.group(4) is not None:
        return None
    ident = match.group(1)
    if ident in _RESERVED:
        return None
    return (word, word_match.start(1), ident, match.start(1))


def read(content: str) -> tuple[str, list] | None:
    """lark's ``(tag, children)`` for one line's content, or ``None`` if not certain of it."""
    plain = plain_claim(content)
    if plain is not None:
        ident, at, start = plain
        first_token = ("DASH", "-", at) if ident is None else ("ID", ident, at)
        return ("claim", [first_token, ("TEXT", content[start:], start)])
    if "\n" in content:
        return None
    stripped = content.lstrip(" \t")
    first = stripped[:1]
    if first == "-":  # a dash, and text that is not plain
        match = _DASH.match(content)
        if match is None:
            return None
        return _claim(content, [("DASH", "-", match.start(1))], match.group(2), match.start(2))
    if first == "@":
        match = _REUSE.match(content)
        if match is None or match.group(1) in _RESERVED:
            return None
        return ("reuse", [("ID", match.group(1), match.start(1))])
    word_match = _WORD.match(content)
    if word_match is None:
        return None
    word = word_match.group(1)
    at = word_match.end()
    word_start = word_match.start(1)
    if word not in _RESERVED:  # `id: text [srcs]`, with text that is not plain
        match = _COLON_TEXT.match(content, at)
        if match is None:
            return None
        return _claim(content, [("ID", word, word_start)], match.group(1), match.start(1))
    kind = _CLAIM_KEYWORDS.get(word)
    if kind is not None:  # `conclusion [id]: text [srcs]`
        match = _OPT_ID_COLON_TEXT.match(content, at)
        if match is None:
            return None
        head = [(kind, word, word_start)]
        ident = match.group(1)
        if ident is not None:
            if ident in _RESERVED:
                return None
            head.append(("ID", ident, match.start(1)))
        return _claim(content, head, match.group(2), match.start(2))
    kind = _GROUP_KEYWORDS.get(word)
    if kind is not None:
        return _group(content, kind, word, word_start, at)
    if word == "title":
        match = _TITLE.match(content, at)
        if match is None:
            return None
        return ("title", [("TEXT", match.group(1), match.start(1))])
    if word == "source":
        match = _SOURCE.match(content, at)
        if match is None or match.group(1) in _RESERVED:
            return None
        return (
            "source",
            [
                ("ID", match.group(1), match.start(1)),
                ("TEXT", match.group(2), match.start(2)),
            ],
        )
    return None  # `for` or `to` first: left to lark


def _group(content: str, kind: str, word: str, start: int, at: int) -> tuple[str, list] | None:
    match = _GROUP.match(content, at)
    if match is None:
        return None
    children: list = [(kind, word, start)]
    ident, keyword, target, sources = match.group(1, 2, 3, 4)
    if ident is not None:
        if ident in _RESERVED:
            return None
        children.append(("ID", ident, match.start(1)))
    if keyword is not None:
        if target in _RESERVED:
            return None
        children.append(
            (
                "target",
                [
                    (_TARGET_KEYWORDS[keyword], keyword, match.start(2)),
                    ("ID", target, match.start(3)),
                ],
            )
        )
    if sources is not None:
        ids = []
        for found in _IDS.finditer(content, match.start(4) + 1, match.end(4)):
            if found.group() in _RESERVED:
                return None
            ids.append(("ID", found.group(), found.start()))
        children.append(("sources", ids))
    return ("group", children)
