"""Argdown: read a documented subset, write what argmap holds.

Read: front matter (``title``; ``sources``, which argmap writes), statements ``[T]: text`` and
references ``[T]``, arguments ``<A>: description`` and ``<A>``, untitled statements inside
relations, Markdown list items (``* ...``, ``1. ...``: an element each), premise-conclusion
structures (``(1)`` ... ``----`` / ``-- rule --`` ... ``(n)``, several inference steps,
``{uses: [...]}`` on the inference or on its conclusion), and the relations ``+ - _``
(incoming, also written ``<+ <- <_``), ``+> -> _>`` (outgoing) and ``><`` (contradiction),
nested by indentation as Argdown 1.7.5 nests them (:func:`_nest`). Skipped, each reported
(``W401``) where it stands: headings, tags, comments, bold/italic markers, metadata in ``{...}``
other than argmap's, inference rules, other front-matter keys, and prose (untitled statements
with no relation).

How Argdown becomes argmap: a statement is a claim (its title, made an id, is the claim's id).
A reconstructed argument is a reason per inference step: its premises are the co-premises, the
step's conclusion the target; the argument's relations are its conclusion's. An argument with a
description and no reconstruction becomes a claim holding the description, and each of its
relations one group with that claim as premise. An argument with neither takes as co-premises
the statements that support it: that is how argmap writes objections, whose conclusion Argdown
would otherwise need as text.

Write: claims as titled statements (the id is the title), reasons as reconstructed arguments
(co-premises, an inference line, the target as conclusion), objections and rebuttals as
arguments supported by their co-premises and attacking (``->``) a claim or an objection, or
undercutting (``_>``) a reason. ``conclusion``, ``implicit`` and attribution go in Argdown's
``{...}`` metadata, sources and the title in the front matter.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs

from argmap.diagnostics import Diagnostic
from argmap.interop.codes import (
    EXPORT_LOSS,
    IMPORT_APPROXIMATED,
    IMPORT_INCONSISTENT,
    IMPORT_SKIPPED,
)
from argmap.interop.draft import (
    Draft,
    DraftClaim,
    DraftGroup,
    _break_cycles,
    clean_text,
    first_definitions,
    hint_from,
    is_id,
    limit_depth,
    looks_generated,
    slug,
)
from argmap.interop.ingest import text_of
from argmap.interop.results import Exported, Imported
from argmap.model import ArgumentMap, Claim, Group, Kind, Span
from argmap.read.layout import Limits

__all__ = ["escape", "read", "unescape", "write"]

# Characters that mean something in Argdown text; argmap writes them with a backslash.
_SPECIAL = set("\\[]<>{}#@*_`")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=\s|$)")
_PCS_ITEM = re.compile(r"\((\d+)\)(?=\s|$)")
_DASHES = re.compile(r"-{2,}\s*$")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)[ \t]+(?=\S)")
_HEADING = re.compile(r"#{1,6}(?=\s|$)")
# A tag in parentheses ends at the first `)`; a `(` before it means no tag there, so that the
# search from each `#(` stops at the next parenthesis (linear on a line of unclosed `#(`).
_TAG = re.compile(r"(?<!\S)#(\([^()\n]*\)|[^\s#()\[\]{}]+)")
_MARKERS = ("**", "__", "*", "_")
_WORD_CHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")
_FRONT_KEY = re.compile(r"([^\W\d][\w-]*)\s*:(.*)$")
_OUR_KEYS = {"conclusion", "implicit", "attribution"}

SUPPORT, ATTACK, UNDERCUT, CONTRADICTION = "support", "attack", "undercut", "contradiction"
_VERBS = {
    SUPPORT: "supports",
    ATTACK: "attacks",
    UNDERCUT: "undercuts",
    CONTRADICTION: "contradicts",
}
_SYMBOLS = {
    "+": (SUPPORT, True),
    "<+": (SUPPORT, True),
    "-": (ATTACK, True),
    "<-": (ATTACK, True),
    "_": (UNDERCUT, True),
    "<_": (UNDERCUT, True),
    "+>": (SUPPORT, False),
    "->": (ATTACK, False),
    "_>": (UNDERCUT, False),
    "><": (CONTRADICTION, False),
}


def escape(text: str) -> str:
    """Argdown text that reads back as ``text``: special characters behind a backslash.

    >>> escape("C# [sic] a_b <x> //")
    'C\\\\# \\\\[sic\\\\] a\\\\_b \\\\<x\\\\> \\\\//'
    """
    out = []
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char in _SPECIAL or (char == "/" and following in ("/", "*")):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def unescape(text: str) -> str:
    """The inverse of :func:`escape`: a backslash keeps the next character as it is."""
    return _ESCAPE.sub(lambda m: m.group(1), text)


# Reading: lines, comments, items ----------------------------------------------------------


@attrs.define
class _Line:
    number: int
    indent: int
    content: str  # without indentation and comments; escapes still in place


@attrs.define
class _Item:
    """One element of a block: its marker, the lines it spans, its children by indentation."""

    marker: str  # "element", "list" (a list item's element), "relation", "pcs", "inference",
    # "heading"
    symbol: str
    line: int
    column: int
    indent: int
    parts: list[str]
    children: list[_Item] = attrs.field(factory=list)
    number: int = 0

    @property
    def text(self) -> str:
        return " ".join(p for p in (p.strip(" \t") for p in self.parts) if p)

    @property
    def span(self) -> Span:
        return Span(
            line=self.line, column=self.column, end_line=self.line, end_column=self.column + 1
        )


def _strip_comments(lines: list[str], report: Any) -> list[tuple[int, str, bool]]:
    """Lines with comments blanked out: (number, text, whether only a comment was there)."""
    out: list[tuple[int, str, bool]] = []
    closing: str | None = None
    for number, line in enumerate(lines, start=1):
        kept: list[str] = []
        index = 0
        had_comment = closing is not None
        while index < len(line):
            if closing is not None:
                end = line.find(closing, index)
                if end < 0:
                    index = len(line)
                    break
                index = end + len(closing)
                closing = None
                continue
            char = line[index]
            if char == "\\" and index + 1 < len(line):
                kept.append(line[index : index + 2])
                index += 2
                continue
            at_word = index == 0 or line[index - 1] in " \t"
            if line.startswith("<!--", index) or line.startswith("/*", index):
                closing = "-->" if line.startswith("<!--", index) else "*/"
                report(number, index + 1, "a comment is not kept")
                had_comment = True
                index += 4 if closing == "-->" else 2
                continue
            if line.startswith("//", index) and at_word:
                report(number, index + 1, "a comment is not kept")
                had_comment = True
                break
            kept.append(char)
            index += 1
        text = "".join(kept)
        out.append((number, text, had_comment and not text.strip(" \t")))
    return out


def _blocks(lines: list[tuple[int, str, bool]]) -> Iterator[list[_Line]]:
    block: list[_Line] = []
    for number, text, only_comment in lines:
        if only_comment:
            continue
        if not text.strip(" \t"):
            if block:
                yield block
            block = []
            continue
        stripped = text.lstrip(" \t")
        indent = len(text) - len(stripped)
        block.append(_Line(number=number, indent=indent, content=stripped.rstrip(" \t")))
    if block:
        yield block


def _items(block: list[_Line], unplaced: list[_Item]) -> list[_Item]:
    """The block's items, nested by indentation (an explicit stack, no recursion)."""
    flat: list[_Item] = []
    in_rule = False
    for line in block:
        content = line.content
        if in_rule:
            flat[-1].parts.append(content)
            if _DASHES.fullmatch(content):
                flat[-1].parts.pop()
                in_rule = False
            continue
        inline = _inline_rule(content)
        if inline:
            flat.append(_item("inference", "", line, [inline]))
            continue
        if _DASHES.fullmatch(content):
            dashes = len(content.strip())
            flat.append(_item("inference", "", line, []))
            in_rule = dashes < 4
            continue
        pcs = _PCS_ITEM.match(content)
        if pcs:
            item = _item("pcs", "", line, [content[pcs.end() :]])
            item.number = int(pcs.group(1))
            flat.append(item)
            continue
        listed = _LIST_ITEM.match(content)
        if listed and (not flat or flat[0].marker == "list"):
            # A Markdown list: each item is an element of its own, as in Argdown.
            item = _item("list", "", line, [content[listed.end() :]])
            item.column += listed.end()
            flat.append(item)
            continue
        relation = _RELATION.match(content)
        if relation and flat:
            flat.append(_item("relation", relation.group(1), line, [content[relation.end() :]]))
            continue
        if not flat:
            marker = "heading" if _HEADING.match(content) else "element"
            flat.append(_item(marker, "", line, [content]))
            continue
        flat[-1].parts.append(content)  # a continuation line
    return _nest(flat, unplaced)


def _inline_rule(content: str) -> str | None:
    """The rule of an inference line ``-- rule --``, or ``None`` if ``content`` is not one."""
    line = content.rstrip()
    if len(line) < 4 or not line.startswith("--") or not line.endswith("--"):
        return None
    return line[2:-2].strip() or None


def _strip_emphasis(text: str) -> str:
    """``text`` with Markdown bold and italic markers taken out: ``**a**``, ``__a__``, ``*a*``,
    ``_a_`` become ``a``. An opening marker follows no word character or backslash and comes
    before a non-blank; it closes at the nearest same marker after at least one character that
    follows a non-blank (not a backslash) and comes before no word character. Markers are read
    left to right, each pair once. The closing markers of each kind are listed first, so each
    opening marker finds its closer by bisection: linear in the text however many markers stay
    unclosed (a regular expression with a lazy ``.+?`` rescans the rest of the line for each)."""
    if "*" not in text and "_" not in text:
        return text
    length = len(text)

    def word(index: int) -> bool:
        return 0 <= index < length and _WORD_CHAR.match(text, index) is not None

    def blank(index: int) -> bool:
        return _SPACE.match(text, index) is not None

    closers: dict[str, list[int]] = {}
    for marker in _MARKERS:
        size = len(marker)
        closers[marker] = [
            i
            for i in _occurrences(text, marker)
            if i > 0 and text[i - 1] != "\\" and not blank(i - 1) and not word(i + size)
        ]
    out: list[str] = []
    index = done = 0
    while index < length:
        char = text[index]
        if char not in "*_" or word(index - 1) or (index and text[index - 1] == "\\"):
            index += 1
            continue
        for marker in _MARKERS:
            size = len(marker)
            if not text.startswith(marker, index) or index + size >= length:
                continue
            if blank(index + size):
                continue
            ends = closers[marker]
            at = bisect.bisect_left(ends, index + size + 1)
            if at < len(ends):
                end = ends[at]
                out += [text[done:index], text[index + size : end]]
                index = done = end + size
                break
        else:
            index += 1
    out.append(text[done:])
    return "".join(out)


def _occurrences(text: str, marker: str) -> Iterator[int]:
    """Where ``marker`` starts in ``text``, overlapping occurrences included."""
    index = text.find(marker)
    while index >= 0:
        yield index
        index = text.find(marker, index + 1)


def _nest(flat: list[_Item], unplaced: list[_Item]) -> list[_Item]:
    """Relations under the element above them, by indentation, as Argdown nests them: a line
    indented deeper than the line above is its child; a line dedented to a column between two
    levels stands at the upper level (``A`` / two spaces ``- C`` / four ``<+ D`` / three ``- E``:
    ``E`` attacks ``A``), and a line indented less than that column opens a new level there
    again. A relation dedented past the first level is an Argdown syntax error: it and the lines
    under it go to ``unplaced``."""
    roots: list[_Item] = []
    stack: list[_Item] = []
    for item in flat:
        if item.marker == "relation" and stack:
            dedent = False
            while len(stack) > 1 and stack[-1].indent > item.indent:
                stack.pop()
                dedent = True
            top = stack[-1]
            if len(stack) > 1 and (top.indent == item.indent or dedent):
                item.indent = top.indent  # a sibling of the level it stopped under
                stack.pop()
            elif dedent:
                unplaced.append(item)
                stack.append(item)  # what stands under it goes with it
                continue
            stack[-1].children.append(item)
            stack.append(item)
            continue
        stack = [item]
        roots.append(item)
    return roots


def _item(marker: str, symbol: str, line: _Line, parts: list[str]) -> _Item:
    return _Item(
        marker=marker,
        symbol=symbol,
        line=line.number,
        column=line.indent + 1,
        indent=line.indent,
        parts=parts,
    )


# Reading: metadata ------------------------------------------------------------------------


# A quoted string, a delimiter, or a bare word run: words joined by blanks, up to the next
# delimiter or ':', without the blanks at its end. (Written so that no blank is scanned twice:
# a lazy run that looks ahead past the blanks at each character is quadratic in them.)
_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[{}\[\],:]|[^{}\[\],:\s]+(?:\s+[^{}\[\],:\s]+)*'
)


class _DataError(ValueError):
    pass


def _data(text: str) -> Any:
    """A YAML flow value as Argdown metadata uses it: ``{uses: [1, 2], source: "C1a"}``."""
    tokens = _TOKEN.findall(text)
    position = 0

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise _DataError("unexpected end")
        position += 1
        return tokens[position - 1]

    def scalar(token: str) -> Any:
        if token.startswith('"'):
            return json.loads(token)
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        token = token.strip()
        lowered = token.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered in ("null", "~"):
            return None
        if re.fullmatch(r"-?\d+", token):
            return int(token)
        return token

    def value(depth: int) -> Any:
        if depth > 20:
            raise _DataError("nested too deep")
        token = take()
        if token == "{":
            found: dict[str, Any] = {}
            while True:
                token = take()
                if token == "}":
                    return found
                if token == ",":
                    continue
                key = scalar(token)
                if take() != ":":
                    raise _DataError("expected ':'")
                found[str(key)] = value(depth + 1)
        if token == "[":
            items: list[Any] = []
            while True:
                if position < len(tokens) and tokens[position] == "]":
                    take()
                    return items
                if position < len(tokens) and tokens[position] == ",":
                    take()
                    continue
                items.append(value(depth + 1))
        if token in "}],:":
            raise _DataError(f"unexpected {token!r}")
        return scalar(token)

    result = value(0)
    if position != len(tokens):
        raise _DataError("text after the metadata")
    return result


def _split_data(text: str) -> tuple[str, str | None]:
    """Text and the ``{...}`` metadata at its end, if any (escaped braces are text)."""
    stripped = text.rstrip()
    if not stripped.endswith("}") or stripped.endswith("\\}"):
        return text, None
    depth = 0
    index = len(stripped) - 1
    while index >= 0:
        char = stripped[index]
        escaped = index > 0 and stripped[index - 1] == "\\"
        if char == "}" and not escaped:
            depth += 1
        elif char == "{" and not escaped:
            depth -= 1
            if depth == 0:
                return stripped[:index].rstrip(), stripped[index:]
        index -= 1
    return text, None


# Reading: the Argdown model ---------------------------------------------------------------


@attrs.define
class _Statement:
    key: str
    title: str | None
    texts: list[tuple[str, Span]] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)
    span: Span | None = None


@attrs.define
class _Step:
    premises: list[str]
    conclusion: str
    span: Span


@attrs.define
class _Argument:
    title: str
    descriptions: list[tuple[str, Span]] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)
    steps: list[_Step] | None = None
    span: Span | None = None


@attrs.define
class _Relation:
    type: str
    source: tuple[str, str]  # ("s", statement key) or ("a", argument title)
    target: tuple[str, str]
    span: Span


class _Reader:
    def __init__(self, text: str, limits: Limits | None) -> None:
        self.text = text
        self.draft = Draft(limits=limits)
        self.statements: dict[str, _Statement] = {}
        self.arguments: dict[str, _Argument] = {}
        self.relations: list[_Relation] = []
        self.untitled = 0

    def report(self, rule: Any, message: str, span: Span | None) -> None:
        self.draft.report(rule, message, span)

    def point(self, line: int, column: int) -> Span:
        return Span(line=line, column=column, end_line=line, end_column=column + 1)

    # Parsing ----------------------------------------------------------------------------

    def run(self) -> Imported:
        lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start = self._front_matter(lines)
        blanked = _strip_comments(
            lines[start:],
            lambda n, c, m: self.report(IMPORT_SKIPPED, m, self.point(n + start, c)),
        )
        blanked = [(n + start, t, c) for n, t, c in blanked]
        previous: _Argument | None = None
        for block in _blocks(blanked):
            unplaced: list[_Item] = []
            roots = _items(block, unplaced)
            for item in unplaced:
                self.report(
                    IMPORT_INCONSISTENT,
                    "a relation indented less than the first relation under its element is an "
                    "Argdown syntax error; it and the lines under it are skipped",
                    item.span,
                )
            previous = self._block(roots, previous)
        return self._convert()

    def _front_matter(self, lines: list[str]) -> int:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != "===":
            return 0
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            self.report(IMPORT_INCONSISTENT, "front matter without a closing `===`", None)
            return 0
        entries: list[tuple[int, str, list[str]]] = []
        for index in range(first + 1, end):
            line = lines[index]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            found = _FRONT_KEY.match(line)
            if found and not line[0].isspace():
                entries.append((index + 1, found.group(1), [found.group(2)]))
            elif entries:
                entries[-1][2].append(line)
        for number, key, values in entries:
            where = self.point(number, 1)
            if key == "title":
                self.draft.title = clean_text(_yaml_scalar(" ".join(v.strip() for v in values)))
            elif key == "sources" and not values[0].strip():
                for line in values[1:]:
                    entry = _FRONT_KEY.match(line.strip())
                    if entry and is_id(entry.group(1)):
                        self.draft.sources[entry.group(1)] = clean_text(
                            _yaml_scalar(entry.group(2).strip())
                        )
            else:
                self.report(IMPORT_SKIPPED, f"the front-matter key `{key}` is not kept", where)
        return end + 1

    def _block(self, roots: list[_Item], previous: _Argument | None) -> _Argument | None:
        first = roots[0]
        if first.marker == "heading":
            self.report(IMPORT_SKIPPED, "a heading is not kept: argmap has no groups", first.span)
            self._skip_under(first)
            return previous
        if first.marker in ("pcs", "inference"):
            argument = previous
            if argument is None or argument.steps is not None:
                self.untitled += 1
                argument = self._argument(f"Untitled argument {self.untitled}", first.span)
                if previous is not None and previous.steps is not None:
                    self.report(
                        IMPORT_APPROXIMATED,
                        f"a second reconstruction follows <{previous.title}>; it is read as an "
                        "untitled argument",
                        first.span,
                    )
            self._pcs(argument, roots)
            return None
        if first.marker == "list":
            for item in roots:
                if item.marker != "list":
                    self._cannot_place(item)
                    continue
                element = self._element(item, top=True)
                if element is not None:
                    self._relations(item, element)
            return None
        element = self._element(first, top=True)
        if element is None:
            return None
        self._relations(first, element)
        argument = self.arguments[element[1]] if element[0] == "a" else None
        if len(roots) > 1 and roots[1].marker in ("pcs", "inference") and argument is not None:
            self._pcs(argument, roots[1:])  # a reconstruction right under its argument
            return None
        for item in roots[1:]:
            self._cannot_place(item)
        return argument

    def _cannot_place(self, item: _Item) -> None:
        self.report(IMPORT_INCONSISTENT, "a line argmap cannot place is skipped", item.span)
        self._skip_under(item)

    def _skip_under(self, item: _Item) -> None:
        """Report each relation nested under a line that is skipped: none goes in silence."""
        stack = list(item.children)
        while stack:
            child = stack.pop()
            self.report(
                IMPORT_INCONSISTENT,
                "a relation under a line that is skipped is skipped",
                child.span,
            )
            stack.extend(child.children)

    def _element(
        self, item: _Item, *, top: bool, step: dict[str, Any] | None = None
    ) -> tuple[str, str] | None:
        """The statement or argument an item defines or names, as ("s", key) / ("a", title).
        ``step`` (in a reconstruction) receives the ``uses`` of the item's metadata."""
        raw = item.text
        head = re.match(r"(\[|<)((?:[^\\\]>]|\\.)*?)(\]|>)(:?)", raw)
        if head and {"[": "]", "<": ">"}[head.group(1)] == head.group(3):
            title = clean_text(unescape(head.group(2)))
            rest = raw[head.end() :]
            described = head.group(4) == ":"
            if not title:
                head = None
        else:
            head = None
        if head is None:
            text, data = self._content(raw, item.span)
            if not text:
                return None
            if top and not item.children:
                self.report(
                    IMPORT_SKIPPED,
                    f"a {'list item' if item.marker == 'list' else 'paragraph'} with no title "
                    "and no relation is read as prose and not kept",
                    item.span,
                )
                return None
            self.untitled += 1
            key = f"untitled:{self.untitled}"
            statement = self.statements.setdefault(key, _Statement(key=key, title=None))
            statement.texts.append((text, item.span))
            statement.span = item.span
            self._take_data(statement.data, data, item.span, step)
            return ("s", key)
        text, data = self._content(rest, item.span)
        if head.group(1) == "[":
            known = self.statements.get(f"title:{title}")
            if known is None:
                known = _Statement(key=f"title:{title}", title=title, span=item.span)
                self.statements[known.key] = known
            if text and described:
                known.texts.append((text, item.span))
            elif text:
                self.report(IMPORT_INCONSISTENT, "text after a title without ':'", item.span)
            self._take_data(known.data, data, item.span, step)
            return ("s", known.key)
        argument = self._argument(title, item.span)
        if text:
            argument.descriptions.append((text, item.span))
        self._take_data(argument.data, data, item.span, None)
        return ("a", title)

    def _argument(self, title: str, span: Span) -> _Argument:
        found = self.arguments.get(title)
        if found is None:
            found = self.arguments[title] = _Argument(title=title, span=span)
        return found

    def _content(self, raw: str, span: Span) -> tuple[str, str | None]:
        """Statement text with tags and formatting taken out (and reported), and its data."""
        text, data = _split_data(raw)
        tags = [m.group(0) for m in _TAG.finditer(text)]
        if tags:
            shown = ", ".join(tags)
            self.report(IMPORT_SKIPPED, f"tag{'s' if len(tags) > 1 else ''} {shown} not kept", span)
            text = _TAG.sub("", text)
        plain = _strip_emphasis(text)
        if plain != text:
            self.report(IMPORT_SKIPPED, "bold and italic formatting is not kept", span)
        return clean_text(unescape(plain)), data

    def _take_data(
        self, into: dict[str, Any], data: str | None, span: Span, step: dict[str, Any] | None
    ) -> None:
        if data is None:
            return
        try:
            value = _data(data)
        except (_DataError, ValueError) as error:
            self.report(IMPORT_SKIPPED, f"metadata that argmap cannot read ({error})", span)
            return
        if not isinstance(value, dict):
            self.report(IMPORT_SKIPPED, "metadata that is not a mapping is not kept", span)
            return
        if step is not None and "uses" in value:
            step["uses"] = value.pop("uses")  # on a conclusion: the premises its inference uses
        other = [k for k in value if k not in _OUR_KEYS]
        if other:
            keys = ", ".join(f"`{k}`" for k in other)
            self.report(IMPORT_SKIPPED, f"metadata {keys} not kept", span)
        into.update({k: v for k, v in value.items() if k in _OUR_KEYS})

    def _relations(self, root: _Item, element: tuple[str, str]) -> None:
        stack: list[tuple[_Item, tuple[str, str]]] = [(root, element)]
        while stack:
            item, parent = stack.pop()
            for child in reversed(item.children):
                target = self._element(child, top=False)
                if target is None:
                    self.report(IMPORT_INCONSISTENT, "a relation to nothing is skipped", child.span)
                    continue
                kind, incoming = _SYMBOLS[child.symbol]
                source, aim = (target, parent) if incoming else (parent, target)
                self.relations.append(_Relation(kind, source, aim, child.span))
                stack.append((child, target))

    def _pcs(self, argument: _Argument, roots: list[_Item]) -> None:
        numbered: dict[int, str] = {}
        places: dict[int, Span] = {}
        segments: list[list[str]] = [[]]
        inferences: list[_Item] = []
        order: list[str] = []
        for item in roots:
            if item.marker == "inference":
                if item.parts:
                    rule, data = _split_data(" ".join(item.parts))
                    if rule.strip():
                        self.report(
                            IMPORT_SKIPPED,
                            f"the inference rule {clean_text(rule)!r} is not kept",
                            item.span,
                        )
                    uses: Any = None
                    if data is not None:
                        try:
                            found = _data(data)
                        except (_DataError, ValueError):
                            found = None
                        if isinstance(found, dict):
                            uses = found.pop("uses", None)
                            if found:
                                keys = ", ".join(f"`{k}`" for k in found)
                                self.report(IMPORT_SKIPPED, f"metadata {keys} not kept", item.span)
                    item.number = -1 if uses is None else 0
                    item.parts = [json.dumps(uses)] if uses is not None else []
                inferences.append(item)
                segments.append([])
                # A relation under an inference line is the argument's (Argdown: an undercut
                # of its inference).
                self._relations(item, ("a", argument.title))
                continue
            if item.marker != "pcs":
                self._cannot_place(item)
                continue
            step: dict[str, Any] = {}
            element = self._element(item, top=False, step=step)
            if "uses" in step and not segments[-1] and inferences:
                if not inferences[-1].parts:  # the inference itself names none
                    inferences[-1].parts = [json.dumps(step["uses"])]
                else:
                    self.report(
                        IMPORT_INCONSISTENT,
                        "`uses` is given on both the inference and its conclusion; the "
                        "inference's counts",
                        item.span,
                    )
            elif "uses" in step:
                self.report(
                    IMPORT_SKIPPED,
                    "`uses` on a statement that is no conclusion is not kept",
                    item.span,
                )
            if element is None or element[0] != "s":
                self.report(IMPORT_INCONSISTENT, "a premise that is not a statement", item.span)
                self._skip_under(item)
                continue
            if item.number in numbered:
                self.report(
                    IMPORT_INCONSISTENT,
                    f"({item.number}) is numbered twice in <{argument.title}>; `uses` names the "
                    "first",
                    item.span,
                )
            numbered.setdefault(item.number, element[1])
            places.setdefault(item.number, item.span)
            segments[-1].append(element[1])
            order.append(element[1])
            self._relations(item, element)
        steps: list[_Step] = []
        for index, inference in enumerate(inferences):
            after = segments[index + 1]
            if not after:
                self.report(
                    IMPORT_INCONSISTENT,
                    "an inference with no conclusion is skipped",
                    inference.span,
                )
                continue
            conclusion = after[0]
            premises = segments[index]
            uses = json.loads(inference.parts[0]) if inference.parts else None
            if isinstance(uses, list):
                chosen = [numbered[n] for n in uses if isinstance(n, int) and n in numbered]
                missing = [n for n in uses if not (isinstance(n, int) and n in numbered)]
                if missing:
                    self.report(
                        IMPORT_INCONSISTENT,
                        f"`uses` names statements that are not there: {missing}",
                        inference.span,
                    )
                premises = chosen or premises
            steps.append(_Step(premises=premises, conclusion=conclusion, span=inference.span))
        if not steps:
            self.report(
                IMPORT_INCONSISTENT,
                f"the reconstruction of <{argument.title}> has no inference; its statements are "
                "kept, unconnected",
                roots[0].span,
            )
            return
        if segments[-1][1:]:
            self.report(
                IMPORT_INCONSISTENT,
                "statements after the last conclusion are not premises of anything",
                roots[-1].span,
            )
        used = {k for step in steps for k in step.premises} | {steps[-1].conclusion}
        trailing = set(segments[-1][1:])
        for number, key in sorted(numbered.items()):
            if key not in used and key not in trailing:
                self.report(
                    IMPORT_INCONSISTENT,
                    f"({number}) of <{argument.title}> is used by no inference (see `uses`); it is "
                    "kept, but not connected to the conclusion",
                    places[number],
                )
        argument.steps = steps

    # Converting -------------------------------------------------------------------------

    def _convert(self) -> Imported:
        draft = self.draft
        # Relations in document order: their keys, and the order of the groups, follow it.
        self.relations.sort(key=lambda r: (r.span.line, r.span.column))
        for statement in self.statements.values():
            draft.claim(self._claim(statement))
        for argument in self.arguments.values():
            if argument.steps is not None and argument.descriptions:
                self.report(
                    IMPORT_SKIPPED,
                    f"the description of <{argument.title}> is not kept: argmap keeps its "
                    "reconstruction",
                    argument.descriptions[0][1],
                )
            if self._form(argument.title) == "described":
                draft.claim(self._gist(argument))
        for argument in self.arguments.values():
            for index, step in enumerate(argument.steps or ()):
                final = index == len(argument.steps or ()) - 1
                draft.group(
                    DraftGroup(
                        key=f"a:{argument.title}" if final else f"a:{argument.title}#{index}",
                        kind=Kind.REASON,
                        target=step.conclusion,
                        premises=list(step.premises),
                        id=_wanted(argument.title) if final else None,
                        attribution=_attribution(argument.data),
                        span=step.span,
                    )
                )
        for index, relation in enumerate(self.relations):
            self._relation(index, relation)
        ordered = sorted(draft.groups.values(), key=lambda g: _position(g.span))
        draft.groups = {g.key: g for g in ordered}
        return draft.build()

    def _first(self, texts: list[tuple[str, Span]], another: str) -> str | None:
        """The first of ``texts`` that is not empty; each different one after it is reported
        where it stands (``another``: what it is)."""
        first = next((text for text, _ in texts if text), None)
        for other, where in texts:
            if other and other != first:
                self.report(IMPORT_APPROXIMATED, f"{another} here; argmap keeps the first", where)
        return first

    def _claim(self, statement: _Statement) -> DraftClaim:
        span = statement.span
        text = self._first(statement.texts, f"[{statement.title}] has another text")
        if text is None:
            text = statement.title or "?"
            self.report(
                IMPORT_APPROXIMATED,
                f"[{statement.title}] is never given a text; its title stands in for it",
                span,
            )
        data = statement.data
        title = statement.title
        return DraftClaim(
            key=statement.key,
            text=text,
            id=_wanted(title) if title else None,
            hint=(title or "").replace(".", "-") or hint_from(text),
            conclusion=data.get("conclusion") is True,
            implicit=data.get("implicit") is True,
            attribution=_attribution(data),
            span=span,
        )

    def _gist(self, argument: _Argument) -> DraftClaim:
        text = self._first(argument.descriptions, f"<{argument.title}> has another description")
        if text is None:
            text = argument.title
            self.report(
                IMPORT_APPROXIMATED,
                f"<{argument.title}> has no description or reconstruction; its title stands in "
                "for its text",
                argument.span,
            )
        return DraftClaim(
            key=f"gist:{argument.title}",
            text=text,
            hint=slug(argument.title) + "-gist",
            attribution=_attribution(argument.data),
            span=argument.span,
        )

    def _supporters(self, argument: _Argument) -> list[_Relation]:
        """Supports aimed at an argument that has neither a description nor a reconstruction:
        what supports it is all there is to it, so those are its co-premises."""
        return [
            r for r in self.relations if r.type == SUPPORT and r.target == ("a", argument.title)
        ]

    def _form(self, title: str) -> str:
        argument = self.arguments[title]
        if argument.steps is not None:
            return "reconstructed"
        if argument.descriptions or not self._supporters(argument):
            return "described"
        if not any(r.source == ("a", title) for r in self.relations):
            # Supported and supporting or attacking nothing: its supports are kept as reasons
            # for the argument, whose title stands in for its text.
            return "described"
        return "supported"

    def _premises(self, element: tuple[str, str]) -> list[str]:
        kind, name = element
        if kind == "s":
            return [name]
        form = self._form(name)
        if form == "reconstructed":
            return [self.arguments[name].steps[-1].conclusion]  # type: ignore[index]
        if form == "described":
            return [f"gist:{name}"]
        found: list[str] = []
        for relation in self._supporters(self.arguments[name]):
            source = relation.source
            if source[0] == "s":
                found.append(source[1])
            elif self._form(source[1]) != "supported":  # no chains of content-free arguments
                found.extend(self._premises(source))
        return list(dict.fromkeys(found))

    def _outgoing(self, title: str) -> list[tuple[int, _Relation]]:
        return [
            (i, r)
            for i, r in enumerate(self.relations)
            if r.source == ("a", title) and not self._membership(r)
        ]

    def _membership(self, relation: _Relation) -> bool:
        return (
            relation.type == SUPPORT
            and relation.target[0] == "a"
            and self._form(relation.target[1]) == "supported"
        )

    def _attacked(self, relation: _Relation) -> list[tuple[str, Kind]]:
        """For an attack or undercut on an argument: (target group key, kind of the new group)."""
        title = relation.target[1]
        form = self._form(title)
        if form == "reconstructed":
            return [(f"a:{title}", Kind.OBJECTION)]
        # Attacks and undercuts of an argument that only attacks oppose those attacks.
        outgoing = [(f"r:{i}", r) for i, r in self._outgoing(title)]
        opposing = [(k, r) for k, r in outgoing if r.type != SUPPORT]
        if outgoing and len(opposing) == len(outgoing):
            return [(k, Kind.REBUTTAL) for k, _ in opposing]
        if relation.type == ATTACK and form == "described":
            return [(f"gist:{title}", Kind.OBJECTION)]
        return [(k, Kind.OBJECTION) for k, r in outgoing if r.type == SUPPORT]

    def _relation(self, index: int, relation: _Relation) -> None:
        if self._membership(relation):
            return
        source, target = relation.source, relation.target
        if source == target and source[0] == "a":
            self.report(
                IMPORT_INCONSISTENT,
                f"<{source[1]}> {_VERBS[relation.type]} itself; skipped (Argdown drops it too)",
                relation.span,
            )
            return
        premises = self._premises(source)
        if not premises:
            self.report(IMPORT_INCONSISTENT, "a relation from an empty argument", relation.span)
            return
        name = source[1] if source[0] == "a" else None
        own_id = None
        if name is not None and self.arguments[name].steps is None:
            first = next((i for i, _ in self._outgoing(name)), None)
            own_id = _wanted(name) if first == index else None
        attribution = _attribution(self.arguments[name].data) if name else None

        def group(key: str, kind: Kind, aim: str, ident: str | None = own_id) -> None:
            self.draft.group(
                DraftGroup(
                    key=key,
                    kind=kind,
                    target=aim,
                    premises=list(premises),
                    id=ident,
                    attribution=attribution,
                    span=relation.span,
                )
            )

        key = f"r:{index}"
        if target[0] == "s":
            if relation.type == SUPPORT:
                if source[0] == "a" and premises == [target[1]]:
                    return  # a reconstructed argument's support of its own conclusion
                group(key, Kind.REASON, target[1])
            elif relation.type == CONTRADICTION:
                self.report(
                    IMPORT_APPROXIMATED,
                    "a contradiction is read as two objections, one each way",
                    relation.span,
                )
                group(key, Kind.OBJECTION, target[1])
                if source[0] == "s":
                    self.draft.group(
                        DraftGroup(
                            key=f"{key}#back",
                            kind=Kind.OBJECTION,
                            target=source[1],
                            premises=[target[1]],
                            attribution=None,
                            span=relation.span,
                        )
                    )
            else:
                if relation.type == UNDERCUT:
                    self.report(
                        IMPORT_APPROXIMATED,
                        "an undercut of a statement is read as an objection to it",
                        relation.span,
                    )
                group(key, Kind.OBJECTION, target[1])
            return
        title = target[1]
        form = self._form(title)
        if relation.type == SUPPORT:
            if form == "reconstructed":
                self.report(
                    IMPORT_APPROXIMATED,
                    f"support for <{title}>, which does not say which premise it supports, is "
                    "read as support for its conclusion",
                    relation.span,
                )
                group(key, Kind.REASON, self.arguments[title].steps[-1].conclusion)  # type: ignore[index]
            else:
                group(key, Kind.REASON, f"gist:{title}")
            return
        aims = self._attacked(relation)
        if not aims:
            self.report(
                IMPORT_INCONSISTENT,
                f"<{title}> supports or attacks nothing, so this attack has no target; skipped",
                relation.span,
            )
            return
        if relation.type == CONTRADICTION:
            self.report(
                IMPORT_APPROXIMATED,
                "a contradiction with an argument is read as an attack",
                relation.span,
            )
        elif form == "reconstructed" and relation.type == ATTACK:
            self.report(
                IMPORT_APPROXIMATED,
                f"an attack on <{title}>, which does not say which premise it attacks, is read "
                "as an objection to its inference",
                relation.span,
            )
        elif relation.type == UNDERCUT and any(k is Kind.REBUTTAL for _, k in aims):
            self.report(
                IMPORT_APPROXIMATED,
                f"an undercut of <{title}>, which attacks, is read as a rebuttal of it",
                relation.span,
            )
        elif relation.type == ATTACK and form == "supported" and aims[0][1] is Kind.OBJECTION:
            self.report(
                IMPORT_APPROXIMATED,
                f"an attack on <{title}>, which has no premise of its own to attack, is read as "
                "an objection to its inference",
                relation.span,
            )
        for number, (aim, kind) in enumerate(aims):
            group(
                key if number == 0 else f"{key}#{number}",
                kind,
                aim,
                own_id if number == 0 else None,
            )


def _position(span: Span | None) -> tuple[int, int]:
    return (span.line, span.column) if span is not None else (0, 0)


def _wanted(title: str | None) -> str | None:
    if title is None or looks_generated(title):
        return None
    return title if is_id(title) else slug(title)


def _attribution(data: dict[str, Any]) -> tuple[str, ...] | None:
    """The attribution metadata says; ``None`` (inherit, as in a map) where there is none."""
    if "attribution" not in data:
        return None
    value = data.get("attribution")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(str(v) for v in value if isinstance(v, str) and is_id(v)))


def _yaml_scalar(text: str) -> str:
    text = text.strip()
    if text.startswith('"'):
        try:
            return str(json.loads(text))
        except ValueError:
            return text.strip('"')
    if text.startswith("'") and text.endswith("'") and len(text) > 1:
        return text[1:-1].replace("''", "'")
    return text


def read(text: str | bytes, *, limits: Limits | None = None) -> Imported:
    """A map from Argdown text. Never raises on bad input: what is skipped is a diagnostic.

    ``limits`` are the parser's (docs/limits.md): size and line length.

    >>> doc = "[tea]: Tea is good.\\n  + <warm>: It is warm.\\n"
    >>> print(read(doc).text, end="")
    claim tea: Tea is good.
      reason warm:
        - It is warm.
    """
    decoded, found = text_of(text, lines=True, limits=limits)
    reader = _Reader(decoded, limits)
    reader.draft.diagnostics += found
    return reader.run()


# Writing ----------------------------------------------------------------------------------


def write(m: ArgumentMap) -> Exported:
    """The map as Argdown. Comments are written as Argdown comments.

    >>> from argmap import parse
    >>> print(write(parse("conclusion c: Tea.\\n  reason r:\\n    w: Warm.\\n").map).text, end="")
    [c]: Tea. {conclusion: true}
    <BLANKLINE>
    <r>
    <BLANKLINE>
    (1) [w]: Warm.
    ----
    (2) [c]
    """
    diagnostics: list[Diagnostic] = []
    writer = _Writer(m, diagnostics)
    return Exported(
        text=writer.run(), diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key))
    )


class _Writer:
    def __init__(self, m: ArgumentMap, diagnostics: list[Diagnostic]) -> None:
        self.m = m
        self.diagnostics = diagnostics
        self.defined: set[str] = set()
        self.claims = {c.id: c for c in reversed(m.claims)}  # the first definition wins
        uses: dict[str, int] = {}
        for group in m.groups:
            for premise in group.premises:
                uses[premise.id] = uses.get(premise.id, 0) + 1
            if group.target is not None:
                uses[group.target] = uses.get(group.target, 0) + 1
        premised = {p.id for g in m.groups for p in g.premises}
        self.tops = [c for c in first_definitions(m.claims) if c.id not in premised]
        tops = {c.id for c in self.tops}
        self.titled = {
            c.id for c in m.claims if not c.anonymous or uses.get(c.id, 0) > 1 or c.id in tops
        }
        self.attributed = _needs_attribution(m)

    def loss(self, message: str, span: Span | None) -> None:
        self.diagnostics.append(EXPORT_LOSS.diagnostic(message, span))

    def run(self) -> str:
        blocks: list[tuple[Span | None, list[str]]] = []
        front = []
        if self.m.title is not None:
            front.append(f"title: {json.dumps(self.m.title, ensure_ascii=False)}")
        if self.m.sources:
            front.append("sources:")
            for source in self.m.sources:
                front.append(f"    {source.id}: {json.dumps(source.text, ensure_ascii=False)}")
        for claim in self.tops:
            blocks.append((claim.span, [self.statement(claim)]))
        for group in first_definitions(self.m.groups):
            block = self.group(group)
            if block:
                blocks.append((group.span, block))
        out: list[str] = []
        if front:
            out += ["===", *front, "===", ""]
        comments = sorted(
            (c for c in self.m.comments if c.span is not None),
            key=lambda c: c.span.line,  # type: ignore[union-attr]
        )
        for span, block in blocks:
            while comments and span is not None and comments[0].span.line < span.line:  # type: ignore[union-attr]
                out.append("//" + comments.pop(0).text)
            out += [*block, ""]
        out += ["//" + c.text for c in comments]
        out += ["//" + c.text for c in self.m.comments if c.span is None]
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n" if out else ""

    def statement(self, claim: Claim) -> str:
        """A claim's first appearance defines it (text and metadata); later ones name it."""
        title = f"[{claim.id}]" if claim.id in self.titled else ""
        if claim.id in self.defined:
            return title
        self.defined.add(claim.id)
        data: dict[str, Any] = {}
        if claim.conclusion:
            data["conclusion"] = True
        if claim.implicit:
            data["implicit"] = True
        if claim.id in self.attributed:
            data["attribution"] = list(self.m.attribution(claim))
        text = escape(claim.text)
        head = f"{title}: " if title else ""
        return f"{head}{text}{_format_data(data)}"

    def premise(self, claim_id: str, group: Group, span: Span | None) -> Claim | None:
        claim = self.claims.get(claim_id)
        if claim is None:
            self.loss(
                f"`{claim_id}` is not a claim in this map; it is left out of {group.id}", span
            )
        return claim

    def group(self, group: Group) -> list[str]:
        target = self.m.get(group.target) if group.target is not None else None
        premises = [
            c for c in (self.premise(p.id, group, p.span) for p in group.premises) if c is not None
        ]
        if target is None or not premises:
            self.loss(
                f"{group.kind.value} {group.id} has no premise or no target; not written",
                group.span,
            )
            return []
        data: dict[str, Any] = {}
        if group.id in self.attributed:
            data["attribution"] = list(self.m.attribution(group))
        head = f"<{group.id}>{_format_data(data)}"
        if group.kind is Kind.REASON:
            if not isinstance(target, Claim):
                self.loss(
                    f"reason {group.id} supports a {target.kind.value}; not written", group.span
                )
                return []
            lines = [head, ""]
            for number, claim in enumerate(premises, start=1):
                lines.append(f"({number}) {self.statement(claim)}")
            lines.append("----")
            lines.append(f"({len(premises) + 1}) {self.statement(target)}")
            return lines
        if isinstance(target, Claim):
            relation = f"    -> {self.statement(target)}"
        elif target.kind is Kind.REASON:
            relation = f"    _> <{target.id}>"
        else:
            relation = f"    -> <{target.id}>"
        lines = [head, relation]
        for claim in premises:
            lines.append(f"    <+ {self.statement(claim)}")
        return lines


def _needs_attribution(m: ArgumentMap) -> set[str]:
    """The claims and groups whose attribution the reader would not get by inheritance.

    The reader writes each claim under the first group that uses it and each group under its
    target (as :class:`~argmap.interop.draft.Draft` does); where a node's attribution differs
    from what it would inherit there, the metadata must say it.
    """
    parent: dict[str, str | None] = {}
    for claim in m.claims:
        users = [] if claim.conclusion else m.groups_using(claim.id)
        parent.setdefault(claim.id, users[0].id if users else None)
    for group in m.groups:
        parent.setdefault(group.id, group.target if group.target in m else None)
    named = {node.id: node.id for node in m.nodes() if not node.anonymous}
    _break_cycles(parent, [g.id for g in m.groups], named)
    limit_depth(parent, [g.id for g in m.groups])
    needed = set()
    for key, up in parent.items():
        inherited = m.attribution(up) if up is not None else ()
        if m.attribution(key) != inherited:
            needed.add(key)
    return needed


def _format_data(data: dict[str, Any]) -> str:
    if not data:
        return ""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        else:
            shown = json.dumps(value)
        parts.append(f"{key}: {shown}")
    return " {" + ", ".join(parts) + "}"
