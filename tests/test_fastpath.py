"""The regex fast path agrees with lark on every line it reads, and reads nearly every line."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput

import argmap.read.parser
from argmap.read import fast_lines, lark_lines, layout
from argmap.read.lark_lines import grammar_text
from argmap.read.parser import parse, parse_bytes
from bench.generate import generate
from tests.caseloader import load_cases
from tests.conftest import OPED, ROOT

SEEDS = (0, 1, 2, 3)


def _dump(node: object) -> object:
    """Everything parser.py may read of a reading, as plain data with each value's Python type:
    tags, token types, values and offsets."""
    if isinstance(node, tuple) and len(node) == 3:
        kind, value, start = node
        return ("token", type(kind).__name__, kind, type(value).__name__, value, type(start), start)
    if isinstance(node, tuple):
        tag, children = node
        return ("tuple", type(tag).__name__, tag, type(children).__name__, _dump(children))
    if isinstance(node, list):
        return [_dump(child) for child in node]
    return ("other", repr(node))


def _compare(fast: object, slow: object) -> tuple[object, object]:
    return _dump(fast), _dump(slow)


def _plain(content: str) -> object:
    """What the parser's commonest lines are placed from, as the tokens lark gives for them."""
    claim = fast_lines.plain_claim(content)
    if claim is not None:
        ident, at, start = claim
        first = ("DASH", "-", at) if ident is None else ("ID", ident, at)
        return ("claim", [first, ("TEXT", content[start:], start)])
    group = fast_lines.plain_group(content)
    if group is not None:
        word, at, ident, id_at = group
        return ("group", [(word.upper(), word, at)] + ([("ID", ident, id_at)] if ident else []))
    return None


def _check(content: str) -> bool:
    """Assert the fast path is right on ``content``; whether it fired."""
    fast = fast_lines.read(content)
    plain = _plain(content)
    try:
        slow = lark_lines.read(content)
    except UnexpectedInput:
        assert fast is None and plain is None, (content, fast, plain)
        return False
    if plain is not None:
        assert _dump(plain) == _dump(slow), content
    if fast is None:
        return False
    mine, lark_s = _compare(fast, slow)
    assert mine == lark_s, content
    return True


def _contents(text: str) -> Iterator[str]:
    """The contents the parser gives lark (logical lines), and each raw line as well."""
    for item in layout.logical_lines(text, max_line=None):
        if isinstance(item, layout.Line):
            yield item.content
    for raw in layout.split_lines(text):
        yield raw
        yield raw.strip(" \t")


def _texts() -> Iterator[tuple[str, str]]:
    folders = [ROOT / "tests", ROOT / "maps", ROOT / "docs", ROOT / "bench"]
    for folder in folders:
        for path in sorted(folder.rglob("*.arg")):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "cases").rglob("*.txt")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for seed in SEEDS:
        yield f"generate(2000, {seed})", generate(2000, seed)


def test_terminals_are_the_grammars() -> None:
    grammar = grammar_text()
    assert f"ID: /{fast_lines.ID_PATTERN}/" in grammar.splitlines()
    assert f"TEXT: /{fast_lines.TEXT_PATTERN}/" in grammar.splitlines()
    assert "%ignore /[ \\t]+/" in grammar.splitlines()


def test_every_line_in_the_repository() -> None:
    seen = fired = 0
    for _where, text in _texts():
        for content in set(_contents(text)):
            seen += 1
            fired += _check(content)
    assert seen > 20_000
    assert fired > seen // 2  # the corpus is mostly maps: the fast path must be used


@pytest.mark.parametrize("seed", SEEDS)
def test_fast_path_fires_on_a_generated_map(seed: int) -> None:
    contents = [
        item.content
        for item in layout.logical_lines(generate(2000, seed))
        if isinstance(item, layout.Line)
    ]
    fired = sum(_check(c) for c in contents)
    assert fired >= 0.95 * len(contents), (fired, len(contents))


def test_fast_path_fires_on_the_oped_map() -> None:
    contents = [
        item.content
        for item in layout.logical_lines(OPED.read_text(encoding="utf-8"))
        if isinstance(item, layout.Line)
    ]
    fired = sum(_check(c) for c in contents)
    assert fired >= 0.9 * len(contents), (fired, len(contents))


# Hostile lines: grammar pieces, keywords in odd places, and characters that lark treats
# specially or that look like whitespace or id characters without being them.
KEYWORDS = [*argmap.read.parser.KEYWORDS, "for", "to"]
IDS = ["a", "x1", "_a", "a-b", "é", "ß", "名前", "a²", "x\u0301", "1a", "٣", "-a", "forx", "tox"]
PUNCT = [":", "[", "]", ",", "@", "-", "\\", "\\[", "\\]", "\\\\", "#", "[]", "[a]", "[a, b]"]
SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", "\x0b", "\x0c", "\r", "\u2028", "\n"]
WORDS = ["text", "Tea is good.", "C#", "1", "x: y", "a.b", "\u200b"]
PIECE = st.sampled_from(KEYWORDS + IDS + PUNCT + SPACES + WORDS) | st.text(max_size=3)
SEP = st.sampled_from(["", " ", " ", "  ", "\t", " \t"])


@st.composite
def _pieces(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(PIECE, SEP), max_size=8))
    return "".join(a + b for a, b in parts)


@st.composite
def _shaped(draw: st.DrawFn) -> str:
    """A line of one of the fast path's shapes, with every part open to hostile variation."""
    ident = st.sampled_from(IDS + KEYWORDS) | _pieces()
    sep = SEP | st.sampled_from(SPACES)
    ids = draw(st.lists(ident, max_size=3))
    sources = draw(
        st.sampled_from(["", "[" + ", ".join(ids) + "]", "[" + ",".join(ids) + " ]"])
        | st.builds(lambda a, b: f"[{a}{b}]", sep, ident)
    )
    text = draw(st.lists(st.sampled_from(WORDS + PUNCT + IDS + KEYWORDS) | PIECE, max_size=5))
    text_s = draw(sep).join(text)
    head = draw(
        st.sampled_from(["-", "@", "title", "source", *KEYWORDS])
        | ident
        | st.builds(lambda k, i: f"{k} {i}", st.sampled_from(KEYWORDS), ident)
    )
    group_tail = draw(
        st.builds(
            lambda i, t, x: " ".join(p for p in (i, t, x) if p),
            st.sampled_from(["", "r", "for", "to"]) | ident,
            st.sampled_from(["", "for x", "to y", "for", "to to", "forx", "for\tx"]),
            st.just(sources),
        )
    )
    shape = draw(st.integers(0, 4))
    s1, s2, s3 = draw(sep), draw(sep), draw(sep)
    if shape == 0:
        return f"{s1}{head}{s2}:{s3}{text_s}{draw(sep)}{sources}{draw(sep)}"
    if shape == 1:
        return f"{s1}{head}{s2}{group_tail}{s3}:{draw(sep)}"
    if shape == 2:
        return f"{s1}-{s2}{text_s}{s3}{sources}{draw(sep)}"
    if shape == 3:
        return f"{s1}@{s2}{draw(ident)}{s3}"
    return f"{s1}{head}{s2}{text_s}{s3}{sources}"


GOOD_IDS = st.sampled_from(
    ["a", "x1", "_a", "a-b", "é", "ß", "名前", "a²", "c12", "forx", "reasons"]
)
GOOD_WORDS = st.sampled_from(["Tea", "is", "good.", "C#", "x:", "a.b", "\\[1\\]", "[a]", "é", "1"])
BLANK = st.sampled_from(["", " ", "\t", "  "])
GAP = st.sampled_from([" ", "\t", " \t"])


@st.composite
def _clean(draw: st.DrawFn) -> str:
    """A well-formed line of one of the fast path's shapes, spaced in every legal way."""
    b = lambda: draw(BLANK)  # noqa: E731
    ident = lambda: draw(GOOD_IDS)  # noqa: E731
    text = draw(GOOD_WORDS) + "".join(
        draw(GAP) + draw(GOOD_WORDS) for _ in range(draw(st.integers(0, 4)))
    )
    ids = [ident() for _ in range(draw(st.integers(1, 3)))]
    sources = "[" + b() + (b() + "," + b()).join(ids) + b() + "]"
    sources = draw(st.sampled_from(["", sources, b() + sources + b()]))
    shape = draw(st.integers(0, 6))
    if shape == 0:
        return f"{b()}-{b()}{text}{b()}{sources}"
    if shape == 1:
        return f"{b()}{ident()}{b()}:{b()}{text}{b()}{sources}"
    if shape == 2:
        keyword = draw(st.sampled_from(["conclusion", "claim", "implicit"]))
        name = draw(st.sampled_from(["", draw(GAP) + ident()]))
        return f"{b()}{keyword}{name}{b()}:{b()}{text}{b()}{sources}"
    if shape == 3:
        keyword = draw(st.sampled_from(["reason", "objection", "rebuttal"]))
        name = draw(st.sampled_from(["", draw(GAP) + ident()]))
        target = draw(
            st.sampled_from(
                ["", f"{draw(GAP)}for{draw(GAP)}{ident()}", f"{draw(GAP)}to{draw(GAP)}{ident()}"]
            )
        )
        return f"{b()}{keyword}{name}{target}{b()}{sources}{b()}:{b()}"
    if shape == 4:
        return f"{b()}@{b()}{ident()}{b()}"
    if shape == 5:
        return f"{b()}title{b()}:{b()}{text}{b()}"
    return f"{b()}source{draw(GAP)}{ident()}{b()}:{b()}{text}{b()}"


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    """A well-formed line with one hostile piece put in, or one character taken out."""
    line = draw(_clean())
    at = draw(st.integers(0, len(line)))
    if draw(st.booleans()) and line:
        return line[: min(at, len(line) - 1)] + line[min(at, len(line) - 1) + 1 :]
    return line[:at] + draw(PIECE | st.sampled_from(SPACES)) + line[at:]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_clean(), _mutated(), _shaped(), _pieces()))
@example("claim reason: x")
@example("to: text")
@example("reason r forx:")
@example("- x [1]")
@example("- x [a]\n")
@example("- a\nb [c]")
@example("x:\u00a0y")
@example("reason for x:")
@example("reason to to x:")
@example("- a \\[b] [c]")
@example("- a [b] [c] ")
@example("source for: x")
@example("@for")
def test_hostile_lines(content: str) -> None:
    _check(content)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(_clean(), _mutated(), _shaped(), _pieces()),
    st.sampled_from(["", " ", "    ", "\t", "  \t", " \u00a0"]),
)
@example("- x [for]", "    ")
@example("- x [a] ", "    ")
@example("c1: x\t", "    ")
@example("objection r :  ", "  ")
@example("implicit c45: Claim 45: text. [a]", "    ")
@example("conclusion: x", "  ")
@example("claim forx: t", "    ")
@example("implicit-x: t", "    ")
@example("claim c : x[a]", "    ")
@example("reason g1 for c1 [s]:", "    ")
@example("reason forx:", "    ")
@example("reason g1 forx:", "    ")
@example("objection to c [a, b] :", "  ")
@example("rebuttal to to:", "  ")
@example("reason for c [for]:", "  ")
@example("@ c2", "    ")
@example("@forx", "    ")
@example("@to", "    ")
@example("@c2 [a]", "    ")
def test_whole_lines_read_as_lark_reads_them(content: str, indent: str) -> None:
    """A line read from its match by fast_lines.PLAIN_LINE, under a group, among lines the
    other paths read: the same map and diagnostics as with lark alone."""
    text = f"c: x\n  reason:\n{indent}{content}\n    - y\n"
    with pytest.MonkeyPatch.context() as patch:
        fast, slow = _both(patch, lambda: parse(text))
    assert fast == slow


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*PUNCT, *SPACES, "a", "]", " [a]", "[a] ", "\\"]), max_size=12))
def test_the_faster_text_pattern_matches_as_the_grammars(parts: list[str]) -> None:
    text = "".join(parts)
    for start in range(len(text) + 1):
        grammar = re.compile(fast_lines.TEXT_PATTERN).match(text, start)
        mine = re.compile(fast_lines._TEXT).match(text, start)
        assert (grammar and grammar.group()) == (mine and mine.group()), (text, start)


# The whole parse as argmap does it (the commonest claim lines placed straight from
# fast_lines.plain_claim, the other lines read by fast_lines.read first), against lark alone:
# every line through parse_line and lark, every statement through Builder.add.


@functools.lru_cache(maxsize=1 << 16)
def _parse_content_lark(content: str) -> lark_lines.Reading:
    try:
        return lark_lines.read(content)
    except UnexpectedInput as error:
        raise argmap.read.parser._LineError(error) from None


def _both(monkeypatch: pytest.MonkeyPatch, run: object) -> tuple[object, object]:
    argmap.read.parser._parse_content.cache_clear()
    fast = run()  # type: ignore[operator]
    with monkeypatch.context() as patch:
        _parse_content_lark.cache_clear()
        patch.setattr(argmap.read.parser, "_parse_content", _parse_content_lark)
        patch.setattr(argmap.read.parser, "_read_content", _parse_content_lark)
        patch.setattr(argmap.read.parser, "_plain_line", None)
        patch.setattr(argmap.read.parser, "_plain_claim", lambda content: None)
        patch.setattr(argmap.read.parser, "_plain_group", lambda content: None)
        slow = run()  # type: ignore[operator]
    return fast, slow


def test_whole_parse_is_the_same_on_maps(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [OPED.read_text(encoding="utf-8")] + [generate(2000, seed) for seed in SEEDS]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").rglob("*.arg"))]
    for text in texts:
        fast, slow = _both(monkeypatch, lambda text=text: parse(text))
        assert fast == slow


# Pieces a slip or an attack puts into a line: layout (tabs, comments, continuations, line
# ends, NUL), syntax (colons, dashes, brackets, keywords) and text that case folding changes.
_PIECES = [" ", "  ", "\t", "#", " # c", "\\", ":", "-", "@", "[", "]", "[a]", "[a, b]", "x"]
_PIECES += ["reason:", "objection to c1:", "\r", "\r\n", "\0", "conclusion", "claim", "implicit"]
_PIECES += [" for ", " to ", "\\[", "é", "ß", "rebuttal", "\n", "  - ", "@c2", "source", "title:"]


def _mutated(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines))
        line = lines[at]
        cut = rng.randint(0, len(line))
        edit = rng.randrange(6)
        if edit == 0:
            line = line[:cut] + rng.choice(_PIECES) + line[cut:]
        elif edit == 1:
            line = line[:cut] + line[cut + 1 :]
        elif edit == 2:
            line += rng.choice(_PIECES)
        elif edit == 3:
            line = rng.choice(_PIECES) + line
        elif edit == 4:
            lines.insert(at, rng.choice(lines))
        else:
            line = line.strip()
        lines[at] = line
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_whole_parse_is_the_same_on_mutated_maps(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Maps with slips and hostile pieces in random places: the lines the fast paths take and
    the lines they leave to lark sit side by side, in every order."""
    rng = random.Random(seed)
    bases = [OPED.read_text(encoding="utf-8"), generate(60, seed)]
    bases += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.arg"))]
    bases.append("conclusion c: C.\n  reason:\n    - a \\\n\n    b: b \\\n   \n")
    for _ in range(100):
        text = _mutated(rng.choice(bases), rng)
        fast, slow = _both(monkeypatch, lambda text=text: parse(text))
        assert fast == slow, text


def test_whole_parse_is_the_same_on_every_case(monkeypatch: pytest.MonkeyPatch) -> None:
    count = 0
    for path in sorted((ROOT / "tests" / "cases").rglob("*.txt")):
        for case in load_cases(path):
            limits = case.limits

            def run(case=case, limits=limits):  # type: ignore[no-untyped-def]
                if case.binary:
                    return parse_bytes(case.data, limits=limits)
                return parse(case.text, limits=limits)

            fast, slow = _both(monkeypatch, run)
            assert fast == slow, case.where
            count += 1
    assert count > 100


def test_the_fast_path_is_really_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-parse tests above would pass trivially if argmap did not take the fast paths:
    a plain claim or group line is placed from its match by fast_lines.PLAIN_LINE alone, as the
    layout splits the text; another line from fast_lines.plain_claim or plain_group, if they
    read it; another is read by fast_lines.read, and only the line none reads goes to lark."""
    whole: list[str] = []
    plain: list[str] = []
    group: list[str] = []
    read: list[str] = []
    lark: list[str] = []
    real_plain, real_read, real_lark = fast_lines.plain_claim, fast_lines.read, lark_lines.read

    def spy(calls: list[str], real: object) -> object:
        return lambda content: calls.append(content) or real(content)  # type: ignore[operator]

    def matched(raw: str) -> re.Match[str] | None:
        found = fast_lines.PLAIN_LINE.match(raw)
        if found is not None:
            whole.append(raw)
        return found

    monkeypatch.setattr(argmap.read.parser, "_plain_line", matched)
    monkeypatch.setattr(argmap.read.parser, "_plain_claim", spy(plain, real_plain))
    monkeypatch.setattr(argmap.read.parser, "_plain_group", spy(group, fast_lines.plain_group))
    monkeypatch.setattr(fast_lines, "read", spy(read, real_read))
    monkeypatch.setattr(lark_lines, "read", spy(lark, real_lark))
    text = (
        "c: a\n  reason:\n    - b [s, t]\n    claim d: e  # kept\n  objection [s]:  # why\n"
        "    - f  # note\n    g: h\n    implicit k: l\nreason for c [s]:\n  @d\n"
    )
    fast, slow = _both(monkeypatch, lambda: parse(text))
    assert fast == slow
    assert whole == [
        "c: a",
        "  reason:",
        "    - b [s, t]",
        "    g: h",
        "    implicit k: l",
        "reason for c [s]:",
        "  @d",
    ]
    assert plain == ["claim d: e", "objection [s]:", "- f"]
    assert group == ["objection [s]:"]
    assert read == ["claim d: e", "objection [s]:"]
    # the whole parse with lark alone (in _both) read every line with lark; argmap none
    assert lark == [
        "c: a",
        "reason:",
        "- b [s, t]",
        "claim d: e",
        "objection [s]:",
        "- f",
        "g: h",
        "implicit k: l",
        "reason for c [s]:",
        "@d",
    ]
    m = fast.map  # type: ignore[attr-defined]
    assert [claim.text for claim in m.claims] == ["a", "b", "e", "f", "h", "l"]
    assert [(r.id, r.span.column) for r in m.claims[1].sources] == [("s", 10), ("t", 13)]
    assert m.claims[-1].implicit
    assert not fast.diagnostics  # type: ignore[attr-defined]
    (last,) = [g for g in m.groups if g.target_keyword == "for"]
    assert (last.target, [r.id for r in last.sources], [p.id for p in last.premises]) == (
        "c",
        ["s"],
        ["d"],
    )


@pytest.mark.parametrize(
    ("content", "fires"),
    [
        ("- Tea is good.", True),
        ("tea: Tea is good.", True),
        ("tea :  Tea is good.", True),
        ("reason:", True),
        ("objection no-squeeze :", True),
        ("rebuttal\tr1:", True),
        ("- Tea [a]", False),  # sources: read by fast_lines.read
        ("tea: a \\[ b", False),  # an escape
        ("for: x", False),  # a keyword as an id: lark's
        ("claim c: x", False),  # a keyword
        ("reason for:", False),
        ("reason for c:", False),  # a target
        ("reason [a]:", False),  # sources
        ("reasonx:", False),
        ("reason: x", False),  # an error
        ("reason to:", False),
    ],
)
def test_the_plain_lines(content: str, fires: bool) -> None:
    """Which lines the parser places straight from fast_lines.plain_claim / plain_group; each
    read as lark reads it (or, for a mistake, left to lark)."""
    assert (_plain(content) is not None) is fires
    _check(content)
