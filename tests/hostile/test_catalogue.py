"""A catalogue of hostile inputs: each case is a map (text or bytes) and what argmap must do.

Every case also meets the invariants every input meets (tests/hostile/invariants.py): parsing
never raises, diagnostics sit inside the file, messages quote user text short and visible, the
DOT parses back with Graphviz and sets no attribute that reads a file or makes a link.
Expected syntax diagnostics are written next to each case as ``(line, column, code)``; ``why``
says what the case attacks and why the behaviour is the right one.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

import attrs
import pytest

from argmap.checks import check
from argmap.read.parser import ParseResult, parse, parse_bytes
from argmap.render import render, to_dot
from tests.hostile.invariants import (
    assert_dot_is_tame,
    assert_messages_are_tame,
    assert_positions_inside,
)
from tests.hostile.svg_safety import assert_safe

Check = Callable[[ParseResult], None]


@attrs.frozen
class Case:
    id: str
    data: str | bytes
    expect: list[tuple[int, int, str]]  # the syntax diagnostics, exactly
    why: str
    more: Check | None = None  # further checks on the result
    svg: bool = False  # also draw it with Graphviz and check the SVG


def _ids(*ids: str) -> Check:
    def check_ids(result: ParseResult) -> None:
        assert [c.id for c in result.map.claims] == list(ids)

    return check_ids


def _texts(*texts: str) -> Check:
    def check_texts(result: ParseResult) -> None:
        assert [c.text for c in result.map.claims] == list(texts)

    return check_texts


def _message(code: str, *words: str) -> Check:
    def check_message(result: ParseResult) -> None:
        [d] = [d for d in result.diagnostics if d.code == code]
        for word in words:
            assert word in d.message + " " + (d.hint or ""), (word, d.message, d.hint)

    return check_message


def _all(*checks: Check) -> Check:
    def check_all(result: ParseResult) -> None:
        for c in checks:
            c(result)

    return check_all


def _same_as(text: str) -> Check:
    def check_same(result: ParseResult) -> None:
        other = parse(text).map
        assert [(c.id, c.text) for c in result.map.claims] == [(c.id, c.text) for c in other.claims]
        assert [(g.id, g.target, g.premises) for g in result.map.groups] == [
            (g.id, g.target, g.premises) for g in other.groups
        ]

    return check_same


TEA = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n"
BREAKOUT = '"\\]; x \\[image="/etc/passwd" URL="javascript:alert(1)"\\]; y \\[label="'

CASES = [
    # Encodings ------------------------------------------------------------------------------
    Case(
        "utf16-bom",
        TEA.encode("utf-16"),
        [(1, 1, "E009")],
        "UTF-16 is named, not misread as NUL-riddled UTF-8",
        _message("E009", "UTF-16"),
    ),
    Case(
        "utf32-bom",
        TEA.encode("utf-32"),
        [(1, 1, "E009")],
        "UTF-32 likewise (its BOM starts like UTF-16's: checked first)",
        _message("E009", "UTF-32"),
    ),
    Case(
        "utf16-no-bom",
        "c: T.\n".encode("utf-16-le"),
        [(1, 2, "E010"), (2, 1, "E010")],
        "without a BOM, UTF-16 is UTF-8 with NULs: one E010 for the line, no crash",
    ),
    Case(
        "invalid-utf8",
        b"conclusion c: Caf\xe9.\n",
        [(1, 18, "E009")],
        "a Latin-1 byte: E009 at its line and column, counted in code points",
    ),
    Case(
        "overlong-utf8",
        b"conclusion c: T\xc0\xaf.\n",
        [(1, 16, "E009")],
        "an overlong '/' is an error, never decoded into a '/'",
    ),
    Case(
        "utf8-surrogate",
        b"conclusion c: T\xed\xa0\x80.\n",
        [(1, 16, "E009")],
        "an encoded surrogate is not UTF-8",
    ),
    Case(
        "utf8-bom",
        codecs.BOM_UTF8 + TEA.encode(),
        [],
        "a UTF-8 BOM is accepted and positions do not move",
        _same_as(TEA),
    ),
    Case(
        "bom-inside",
        "conclusion c: T.\n\ufeff  reason:\n    - x\n",
        [(2, 1, "E001")],
        "a BOM anywhere but the start is an invisible character: named in the message",
        _message("E001", "U+FEFF"),
    ),
    Case(
        "nul",
        b"conclusion c: T.\n  reason:\n    - x\x00y\n",
        [(3, 8, "E010")],
        "a NUL skips its line (a sign of a binary file)",
    ),
    Case(
        "control-characters",
        "conclusion c: Tea\x07 is \x1bgood\x08.\n",
        [],
        "control characters in text are text; the drawing drops them (XML cannot hold them)",
        _texts("Tea\x07 is \x1bgood\x08."),
        svg=True,
    ),
    Case(
        "u2028-u2029",
        "conclusion c: Tea\u2028is\u2029good.\n  reason:\n    - x\n",
        [],
        "U+2028/U+2029 do not end a line (as in the LSP): one claim",
        _texts("Tea\u2028is\u2029good.", "x"),
        svg=True,
    ),
    Case(
        "lone-cr",
        TEA.replace("\n", "\r"),
        [],
        "old Mac line ends: the same map as with \\n",
        _same_as(TEA),
    ),
    Case(
        "mixed-line-ends",
        "conclusion c: Tea is good.\r\n  reason:\r    - It is warm.\n",
        [],
        "\\r\\n, \\r and \\n in one file: the same map",
        _same_as(TEA),
    ),
    Case(
        "form-feed-indent",
        "conclusion c: T.\n\f  reason:\n    - x\n",
        [(2, 1, "E001")],
        "a form feed is not indentation: named, never guessed at",
        _message("E001", "U+000C"),
    ),
    # Size and shape (the limits themselves: tests/hostile/test_limits.py) ---------------------
    Case(
        "many-diagnostics",
        "x\n" * 20_000,
        [(n, 2, "E002") for n in range(1, 20_001)],
        "20,000 broken lines: one diagnostic each, in linear time",
    ),
    Case(
        "long-word",
        "conclusion c: " + "x" * 16_000 + "\n",
        [],
        "a 16,000-character word: read, and drawn",
    ),
    # 2,001, not 99,001: the DOT of a long backslash run is quadratic (render/text.py, reported).
    Case(
        "backslash-run",
        "conclusion c: T " + "\\" * 2_001 + "\n",
        [],
        "an odd run of backslashes continues onto nothing: dropped",
    ),
    Case(
        "many-siblings",
        "conclusion c: T.\n  reason:\n" + "    - x\n" * 20_000,
        [],
        "20,000 co-premises in one group",
        lambda r: len(r.map.claims) == 20_001 or None,
    ),
    # Identifiers ----------------------------------------------------------------------------
    Case(
        "cyrillic-lookalike",
        "conclusion c\u0430t: T.\n  reason:\n    @cat\n",
        [],
        "Cyrillic U+0430 and Latin 'a' are different ids (compared code point by code point); "
        "the reference is then undefined, an E101 from the checker",
        lambda r: [d.code for d in check(r)] == ["E101"] or _fail(check(r)),
    ),
    Case(
        "zero-width-in-id",
        "conclusion a\u200bb: T.\n",
        [(1, 13, "E001")],
        "a zero-width space would make two ids look the same: rejected, named",
        _message("E001", "U+200B", "invisible"),
    ),
    Case(
        "bidi-in-id",
        "conclusion ab\u202ec: T.\n",
        [(1, 14, "E001")],
        "a bidi override would reorder how an id reads (Trojan Source): rejected, named",
        _message("E001", "U+202E"),
    ),
    Case(
        "bidi-in-text",
        "conclusion c: Tea \u202eis good.\n  reason:\n    - x\n",
        [],
        "in text, bidi controls are the author's text (Arabic, Hebrew need them): kept",
        _texts("Tea \u202eis good.", "x"),
        svg=True,
    ),
    Case(
        "bidi-in-message",
        "conclusion c: T.\n  reason: \u202eevil\x1b[2J\n",
        [(2, 11, "E011")],
        "quoted in a message, a bidi override or ESC is shown as \\uXXXX (never raw)",
        _message("E011", "\\u202e", "\\u001b"),
    ),
    Case(
        "nfd-id",
        "conclusion cafe\u0301: T.\n",
        [(1, 16, "E001")],
        "an id in decomposed form (NFD) is rejected at the combining mark, with the fix named",
        _message("E001", "U+0301", "NFC"),
    ),
    Case(
        "nfc-id",
        "conclusion caf\u00e9: T.\n  reason:\n    - x\n",
        [],
        "the composed form is an ordinary id",
        _ids("caf\u00e9", "caf\u00e9.reason1.1"),
    ),
    Case(
        "case-collision",
        "conclusion Tea: T.\nclaim tea: U.\n",
        [],
        "ids are case-sensitive: `Tea` and `tea` are two claims (docs/limits.md)",
        _ids("Tea", "tea"),
    ),
    Case(
        "fullwidth-id",
        "conclusion \uff43: T.\nclaim c: U.\n",
        [],
        "fullwidth U+FF43 is a letter: a different id from 'c' (no NFKC folding)",
        _ids("\uff43", "c"),
    ),
    # DOT ------------------------------------------------------------------------------------
    Case(
        "dot-keywords",
        "conclusion node: T.\n  reason edge:\n    graph: x\n    digraph: y\n"
        "    subgraph: z\n    strict: s\n    Node: n\n",
        [],
        "DOT's reserved words are ordinary ids in argmap and quoted in the DOT",
        _ids("node", "graph", "digraph", "subgraph", "strict", "Node"),
        svg=True,
    ),
    Case(
        "port-syntax",
        "conclusion a:b:c: T.\n  reason:\n    n:sw: x\n",
        [],
        "`a:b:c` is the id `a` and the text `b:c: T.`: never a DOT node:port:compass",
        _all(_ids("a", "n"), _texts("b:c: T.", "sw: x")),
        svg=True,
    ),
    Case(
        "dot-breakout",
        f"title: {BREAKOUT}\nsource s: {BREAKOUT}\n"
        f"conclusion c: {BREAKOUT} [s]\n  reason:\n    - {BREAKOUT}\n",
        [],
        "quotes and brackets in every kind of text: never a DOT attribute",
        svg=True,
    ),
    Case(
        "html-breakout",
        'conclusion c: </TD></TR></TABLE>> image="x" <IMG SRC="/etc/passwd"/>'
        "\n  reason:\n    - <![CDATA[ ]]> <!-- x --> &amp; &#60;\n",
        [],
        "HTML-like label markup in text: escaped, never a table cell or an image",
        svg=True,
    ),
    Case(
        "svg-breakout",
        "title: <script>alert(1)</script>\nconclusion c: <svg onload=alert(1)>"
        "\n  reason:\n    - <foreignObject><iframe src=javascript:alert(2)>\n",
        [],
        "SVG and script markup: literal text in the drawing",
        svg=True,
    ),
    Case(
        "trailing-backslash",
        "conclusion c: ends in a backslash \\\\\n  reason:\n    - x \\\\\n",
        [],
        "an escaped backslash at the end of a text cannot escape DOT's closing quote",
        _texts("ends in a backslash \\", "x \\"),
        svg=True,
    ),
    Case(
        "graphviz-escapes",
        "conclusion c: \\N \\G \\E \\T \\H \\L \\l \\r \\n end\n",
        [],
        "Graphviz's \\N, \\G... in text stay literal: never the node's or graph's name",
        _texts("\\N \\G \\E \\T \\H \\L \\l \\r \\n end"),
        svg=True,
    ),
    # Links and paths ------------------------------------------------------------------------
    Case(
        "javascript-links",
        "title: javascript:alert(1)\nsource s: JaVaScRiPt:alert(2)\n"
        "conclusion c: java\tscript:alert(3) [s]\n  reason:\n    - data:text/html,<script>x"
        "</script>\n    - &#106;avascript:alert(4) file:///etc/passwd\n",
        [],
        "argmap emits no user URL: no href in the SVG at all, whatever the text",
        svg=True,
    ),
    Case(
        "paths",
        "source x: ../../etc/passwd\ntitle: /etc/shadow\nconclusion c: ~/.ssh/id_rsa"
        " [x]\n  reason:\n    - file:///etc/passwd\n",
        [],
        "the language names no paths: this is text (test_nothing_is_read proves it)",
        _texts("~/.ssh/id_rsa", "file:///etc/passwd"),
        svg=True,
    ),
]


def _fail(found: object) -> None:
    raise AssertionError(found)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case) -> None:
    result = parse_bytes(case.data) if isinstance(case.data, bytes) else parse(case.data)
    got = [(d.span.line, d.span.column, d.code) for d in result.diagnostics]  # type: ignore[union-attr]
    assert got == case.expect, case.why
    assert_positions_inside(result)
    assert_messages_are_tame(result.diagnostics)
    if case.more is not None:
        case.more(result)
    diagnostics = check(result)
    assert_messages_are_tame([d for d in diagnostics if d.code.startswith("E0")])
    assert_dot_is_tame(result.map)
    if case.svg:
        svg = render(result.map, "svg", timeout=None, isolate=False)
        assert_safe(svg)
        assert b"href" not in svg  # argmap writes no link at all
        for claim in result.map.claims:
            assert claim.id.encode("utf-8") in svg or "&" in claim.id  # every claim is drawn


def test_the_catalogue_is_large_and_distinct() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)
    assert len({c.data for c in CASES}) == len(CASES)


def test_dot_keywords_are_quoted() -> None:
    dot = to_dot(parse("conclusion node: T.\n  reason:\n    strict: x\n").map)
    assert '"node" [' in dot and '"strict" [' in dot


def test_a_word_too_long_for_graphviz() -> None:
    """The box wraps it; the tooltip, which would hold it whole, is shortened."""
    assert_dot_is_tame(parse("conclusion c: " + "x" * 20_000 + "\n").map)
