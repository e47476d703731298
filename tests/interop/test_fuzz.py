"""No input makes an importer raise: any text or bytes in, an ``Imported`` with diagnostics out.

Three kinds of input per importer: arbitrary bytes, arbitrary text, and text made of the
format's own pieces (Argdown's markers and relation symbols, AIF's node types and edges,
Kialo's numbered lines) with ids that are argmap keywords among them, which is where a reader
meets the cases a random string seldom reaches.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.interop import Imported, aif, argdown, kialo
from argmap.read.parser import KEYWORDS

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from([*KEYWORDS, "for", "to", "a", "B-2", "x.y", "1", "é", ""])


def _holds(imported: Imported) -> None:
    """What every import returns: a map whose canonical text reads back as that map."""
    assert isinstance(imported, Imported)
    back = argmap.parse(imported.text)
    assert back.ok, (imported.text, back.diagnostics)
    assert all(d.code.startswith(("E4", "W4")) for d in imported.diagnostics)


# Argdown ----------------------------------------------------------------------------------------

_ARGDOWN_PIECES = st.sampled_from(
    [
        *"[]<>():{}#*_-+\\/ \t\n",
        "\n  ",
        "\n    ",
        "\n   ",
        "\n\n",
        "+ ",
        "- ",
        "<+ ",
        "<- ",
        "+> ",
        "-> ",
        "_> ",
        "<_ ",
        ">< ",
        "(1) ",
        "(2) ",
        "(3) ",
        "----",
        "--\n",
        "-- rule --",
        "{uses: [1, 3]}",
        "{uses: [}",
        "{conclusion: true}",
        "{implicit: true}",
        "{attribution: [s]}",
        "===\n",
        "title: t\n",
        "sources:\n  s: S\n",
        "1. ",
        "* ",
        "# ",
        "//",
        "/*",
        "*/",
        "<!--",
        "-->",
        "@",
        "text",
        "\r\n",
        "\ufeff",
    ]
)


_ELEMENTS = st.one_of(
    WORDS.map(lambda w: f"[{w}]: text {w}"),
    WORDS.map(lambda w: f"<{w}>: text {w}"),
    WORDS.map(lambda w: f"[{w}]"),
    WORDS.map(lambda w: f"<{w}>"),
    st.sampled_from(["plain text", "more text", "*bold* #tag"]),
)
_MARKS = st.sampled_from(
    "|+ |- |_ |<+ |<- |<_ |+> |-> |_> |>< |(1) |(2) |(3) |(4) |1. |2. |* ".split("|")
)
_DATA = st.sampled_from(["", "", " {uses: [1, 3]}", " {conclusion: true}", " {implicit: true}"])
_OTHER_LINES = st.sampled_from(["", "----", "--", "-- rule {uses: [2]} --", "# Heading", "// c"])


@st.composite
def _line(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(_OTHER_LINES)
    indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 5, 6]))
    return indent + draw(_MARKS) + draw(_ELEMENTS) + draw(_DATA)


@st.composite
def argdown_texts(draw: st.DrawFn) -> str:
    """Argdown-shaped lines (elements, relations, reconstructions, lists at any indentation),
    or the format's pieces strung together at random."""
    if draw(st.booleans()):
        return "\n".join(draw(st.lists(_line(), max_size=14)))
    parts = draw(st.lists(_ARGDOWN_PIECES | WORDS.map(lambda w: f"[{w}]: t") | WORDS, max_size=60))
    return "".join(parts)


@FUZZ
@given(argdown_texts())
def test_argdown_never_raises_on_its_own_pieces(text: str) -> None:
    _holds(argdown.read(text))


@FUZZ
@given(st.text(max_size=300))
def test_argdown_never_raises_on_text(text: str) -> None:
    _holds(argdown.read(text))


@FUZZ
@given(st.binary(max_size=300))
def test_argdown_never_raises_on_bytes(data: bytes) -> None:
    _holds(argdown.read(data))


# AIF --------------------------------------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 30) | st.text(max_size=8) | WORDS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
_IDS = st.integers(1, 8).map(str) | WORDS | st.integers(1, 8)


@st.composite
def aif_documents(draw: st.DrawFn) -> Any:
    node = st.fixed_dictionaries(
        {
            "nodeID": _IDS,
            "type": st.sampled_from(["I", "L", "RA", "CA", "MA", "PA", "TA", "YA", "X"])
            | _JSON_VALUES,
            "text": st.text(max_size=12) | WORDS | _JSON_VALUES,
        }
    )
    edge = st.fixed_dictionaries({"edgeID": _IDS, "fromID": _IDS, "toID": _IDS})
    document: dict[str, Any] = {
        "nodes": draw(st.lists(node, max_size=10) | _JSON_VALUES),
        "edges": draw(st.lists(edge, max_size=12) | _JSON_VALUES),
    }
    if draw(st.booleans()):
        document["participants"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"participantID": _IDS, "firstname": WORDS | _JSON_VALUES, "surname": WORDS}
                ),
                max_size=3,
            )
            | _JSON_VALUES
        )
    if draw(st.booleans()):
        document["locutions"] = draw(
            st.lists(st.fixed_dictionaries({"nodeID": _IDS, "personID": _IDS}), max_size=4)
            | _JSON_VALUES
        )
    return {"AIF": document} if draw(st.booleans()) else document


@FUZZ
@given(aif_documents())
def test_aif_never_raises_on_aif_shaped_json(document: Any) -> None:
    _holds(aif.read(json.dumps(document)))


@FUZZ
@given(_JSON_VALUES)
def test_aif_never_raises_on_any_json(value: Any) -> None:
    _holds(aif.read(json.dumps(value)))


@FUZZ
@given(st.binary(max_size=300))
def test_aif_never_raises_on_bytes(data: bytes) -> None:
    _holds(aif.read(data))


# Kialo ------------------------------------------------------------------------------------------

_KIALO_PIECES = st.sampled_from(
    "1.|1.1.|1.1.1.|1.2.|2.|1.1.1.1.| Pro: | Con: |-> See |\n| |x".split("|")
)


@FUZZ
@given(st.lists(_KIALO_PIECES | WORDS | st.text(max_size=5), max_size=40).map("".join))
def test_kialo_never_raises_on_its_own_pieces(text: str) -> None:
    _holds(kialo.read(text))


@FUZZ
@given(st.binary(max_size=300))
def test_kialo_never_raises_on_bytes(data: bytes) -> None:
    _holds(kialo.read(data))
