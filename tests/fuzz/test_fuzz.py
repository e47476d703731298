"""Fuzzing with a fixed budget: derandomized Hypothesis, so CI runs the same examples every time.

The budget: ``ARGMAP_FUZZ_EXAMPLES`` examples per property (default 150; the SVG property runs a
tenth of it, each drawing being a Graphviz run). The whole module takes about 30 s at the
default. For a long run (about an hour on 2 cores)::

    ARGMAP_FUZZ_EXAMPLES=20000 ARGMAP_FUZZ_RANDOM=1 pytest tests/fuzz -p no:cacheprovider

``ARGMAP_FUZZ_RANDOM=1`` draws new examples on every run instead of the fixed ones. Any failure
found becomes a named case in tests/hostile/test_catalogue.py, so it stays fixed.

Properties: bytes and mutated maps parse to diagnostics inside the file, never an exception;
a model built from hostile text is written (``writer.dumps``) and read back as the same model;
``fmt`` is idempotent and keeps the meaning; the DOT of any model parses back with Graphviz and
sets no dangerous attribute; the SVG of any model passes tests/hostile/svg_safety.py, and its
interactive page tests/hostile/page_safety.py.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.model import ArgumentMap
from argmap.read.parser import parse, parse_bytes
from argmap.render import page, render
from argmap.render.text import clean
from argmap.teach.map_builder import MapBuilder, premise, reuse
from argmap.write.formatter import format_text
from argmap.write.from_model import dumps
from tests.conftest import OPED
from tests.hostile import page_safety
from tests.hostile.invariants import (
    assert_dot_is_tame,
    assert_messages_are_tame,
    assert_positions_inside,
)
from tests.hostile.svg_safety import assert_safe
from tests.test_writer import _spanless

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "150"))
RANDOM = os.environ.get("ARGMAP_FUZZ_RANDOM") == "1"
BUDGET = settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALL = settings(BUDGET, max_examples=max(5, EXAMPLES // 10))

OPED_TEXT = OPED.read_text(encoding="utf-8")
# Every character the syntax or a renderer gives a meaning to, and invisible ones.
ALPHABET = [
    *" \t\n\r:-@[],#\\\"'<>&;{}|=/`",
    "\x00",
    "\x1b",
    "\x0c",
    "\u2028",
    "\u202e",
    "\u200b",
    "\ufeff",
    "é",
    "e\u0301",
    "\u0430",
    "字",
    "😀",
    "\ud7ff",
    "conclusion ",
    "reason:",
    "objection ",
    "rebuttal:",
    "claim ",
    "implicit ",
    "title: ",
    "source s: ",
    "for ",
    "to ",
    "  ",
    "    ",
    "- ",
    "@c",
    "[s]",
    "\\N",
    "\\G",
    "javascript:",
    "data:",
    "<script>",
    "\\\n",
]
_PIECES = [
    *"ab #[]@\\:-,\"'<>&;{}=/",
    "é",
    "字",
    "😀",
    "\t",
    "\u2028",
    "\u202e",
    "\u200b",
    "\x07",
    "\\#",
    "[x]",
    " # ",
    "[a, b]",
    "\\N",
    "\\G",
    "javascript:alert(1)",
    "<script>",
    "</TD>",
    '"]; x [image="/etc/passwd"]',
    "&amp;",
    "\\",
]
HOSTILE = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10)
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)


def _assert_sound(result: object) -> None:
    assert_positions_inside(result)  # type: ignore[arg-type]
    assert_messages_are_tame(result.diagnostics)  # type: ignore[attr-defined]


@BUDGET
@given(st.binary(max_size=3_000))
def test_random_bytes(data: bytes) -> None:
    _assert_sound(parse_bytes(data))


@BUDGET
@given(st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join))
def test_random_text_from_the_syntax(text: str) -> None:
    result = parse(text)
    _assert_sound(result)
    check(result)  # the checker never raises on what the parser built


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = OPED_TEXT
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        piece = draw(st.sampled_from(ALPHABET))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "replace":
            text = text[:at] + piece + text[at + 1 :]
        else:
            end = min(len(text), at + draw(st.integers(1, 200)))
            text = text[:end] + text[at:end] + text[end:]
    return text


@BUDGET
@given(mutated())
def test_mutated_maps(text: str) -> None:
    result = parse(text)
    _assert_sound(result)
    check(result)
    _assert_sound(parse_bytes(text.encode("utf-8", errors="surrogatepass")))
    formatted = format_text(text)
    if formatted is not None:  # fmt: idempotent, and the same meaning
        assert format_text(formatted) == formatted
        assert _spanless(parse(formatted).map) == _spanless(result.map)


@st.composite
def models(draw: st.DrawFn) -> ArgumentMap:
    """A map built in code from hostile text: claims, reasons, objections, rebuttals, reuse,
    sources and attribution, several levels deep."""
    b = MapBuilder(title=draw(st.none() | HOSTILE))
    sources = [b.source(f"s{n}", draw(HOSTILE)) for n in range(draw(st.integers(0, 3)))]
    pick_sources = (
        st.lists(st.sampled_from(sources), max_size=2, unique=True) if sources else (st.just([]))
    )
    claims = [b.conclusion(draw(HOSTILE), sources=draw(pick_sources))]
    named: list[str] = []  # only a claim with an id of its own can be reused with `@`
    groups: list[str] = []
    for n in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["reason", "objection", "rebuttal"]))
        if kind == "rebuttal" and not groups:
            kind = "objection"
        target = draw(st.sampled_from(groups if kind == "rebuttal" else claims + groups))
        premises: list[object] = []
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()) and named:
                premises.append(reuse(draw(st.sampled_from(named))))
            else:
                ident = f"p{n}_{len(premises)}" if draw(st.booleans()) else None
                premises.append(premise(draw(HOSTILE), id=ident, implicit=draw(st.booleans())))
                if ident is not None:
                    named.append(ident)
        add = getattr(b, kind)
        group = add(target, *premises)
        groups.append(group)
        claims.extend(p.id for p in b.draft().group(group).premises if not p.reuse)
    return b.build()


@BUDGET
@given(models())
def test_models_survive_writing_and_reading(m: ArgumentMap) -> None:
    text = dumps(m)
    again = parse(text)
    assert again.ok, again.diagnostics
    assert _spanless(again.map) == _spanless(m)
    assert format_text(text) == text  # dumps writes the canonical form


@BUDGET
@given(models())
def test_the_dot_of_any_model_is_tame(m: ArgumentMap) -> None:
    assert_dot_is_tame(m)


@SMALL
@given(models())
def test_the_svg_of_any_model_is_safe(m: ArgumentMap) -> None:
    svg = render(m, "svg")  # the real thing: a child process with the time limit
    assert_safe(svg)
    assert b"href" not in svg


@SMALL
@given(models())
def test_the_page_of_any_model_is_safe(m: ArgumentMap) -> None:
    for drawing in ("svg", "canvas"):  # the real drawing inside, inline or as shapes
        document = page.to_html(m, evaluate=True, drawing=drawing)
        page_safety.assert_safe(document)
        assert ("<svg" in document) == (drawing == "svg" and bool(m.claims))  # shapes read
        nodes = page_safety.data(document)["nodes"]
        texts = {c.id: nodes[c.id]["text"] for c in m.claims}
        assert texts == {c.id: clean(c.text) for c in m.claims}
