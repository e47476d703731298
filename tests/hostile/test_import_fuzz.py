"""Every importer fuzzed with issue 21's hostile shapes: never an exception, bounded output.

The shapes: NUL characters and lone surrogates (raw, and as JSON escapes), runs of emphasis
markers, blanks, open tags and brackets, integers of thousands of digits, JSON nested past the
limit, lines past the line limit, thousands of repeated bad entries. Each importer (AIF,
Argdown, Kialo, argmap's JSON import, and the draft every importer builds its map with) gets
them mixed with its own syntax. Whatever comes in, what comes out is a map whose canonical text
reads back, a file can hold, and whose size and diagnostics are bounded.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.interop import Imported, aif, argdown, kialo
from argmap.interop.draft import MAX_REPEATS, Draft, DraftClaim, DraftGroup
from argmap.interop.ingest import JSON_DEPTH, load_json
from argmap.model import Kind, Span
from argmap.read.layout import MAX_LINE
from argmap.write.from_model import dumps
from argmap.write.json_io import from_dict

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
CODES = 12  # more codes than any import reports

HOSTILE = st.sampled_from(
    [
        "\0",
        "\ud800",
        "\udfff",
        "\ufeff",
        "*a ",
        "*a " * 400,
        "**",
        "__",
        "_",
        "#(",
        "#( " * 300,
        "{k" + " " * 3_000 + "v}",
        " " * 2_000,
        "\t",
        "-- x" + " " * 500,
        "<!--",
        "/*",
        "//",
        "\\",
        '"',
        "'",
        "1" * 5_000,
        "[" * (JSON_DEPTH + 5),
        "é",
        "x" * (MAX_LINE + 1),
    ]
)


def _sound(imported: Imported, given_size: int) -> None:
    assert isinstance(imported, Imported)
    imported.text.encode("utf-8")  # no lone surrogate anywhere
    assert "\0" not in imported.text
    for d in imported.diagnostics:
        d.message.encode("utf-8")
    back = argmap.parse(imported.text)
    assert back.ok, back.diagnostics
    assert len(imported.diagnostics) <= CODES * (MAX_REPEATS + 1)
    assert len(imported.text) <= 200 * given_size + 1_000


def _repeat(draw: st.DrawFn, piece: st.SearchStrategy[str]) -> str:
    """A piece, sometimes repeated hundreds of times."""
    return draw(piece) * draw(st.sampled_from([1, 1, 2, 40]))


# Line formats ---------------------------------------------------------------------------------

ARGDOWN = st.sampled_from(
    [
        *("[a]: ", "[b]", "<A>: ", "<A>", "\n", "\n  + ", "\n  - ", "\n    <+ ", "\n  -> "),
        *("(1) ", "(2) ", "\n----\n", "\n-- rule --\n", "{uses: [1]}", "===\n", "title: T\n"),
        *("Tea is good. ", "{conclusion: true}", '{attribution: "\\ud800"}', "\n  ><  ", "# H"),
        "\n\n",
    ]
)
KIALO = st.sampled_from(
    [
        *("1. ", "1.1. ", "1.1.1. ", "1.2. ", "Pro: ", "Con: ", "Thesis: ", "-> See 1.1.", "\n"),
        *("Discussion Title: T\n", "Tea is good.", "\n\n", ".".join(["1"] * 1_100) + ". "),
    ]
)


@st.composite
def line_texts(draw: st.DrawFn, own: st.SearchStrategy[str]) -> str:
    pieces = st.one_of(own, own, HOSTILE)
    return "".join(_repeat(draw, pieces) for _ in range(draw(st.integers(1, 25))))


def _both(text: str) -> list[str | bytes]:
    return [text, text.encode("utf-8", "surrogatepass")]  # bytes: surrogates are bad UTF-8


@FUZZ
@given(line_texts(ARGDOWN))
def test_argdown(text: str) -> None:
    for data in _both(text):
        _sound(argdown.read(data), len(data))


@FUZZ
@given(line_texts(KIALO))
def test_kialo(text: str) -> None:
    for data in _both(text):
        _sound(kialo.read(data), len(data))


# JSON: AIF and argmap's own --------------------------------------------------------------------

REPEATED = 200_000  # characters: a piece longer than this is not repeated


def _times(draw: st.DrawFn, pieces: list[str], most: int) -> int:
    """How often to repeat pieces: once, or `most` times when they are short. Repeating only
    short pieces keeps a document within a few megabytes, where repeats nested in repeats would
    grow it as `most` to the power of the depth (a fuzz run once took all of the machine's
    memory)."""
    times = draw(st.sampled_from([1, 1, most]))
    return times if sum(map(len, pieces)) <= REPEATED else 1


JSON_STRINGS = st.sampled_from(
    [
        *('"1"', '"a"', '"\\u0000"', '"\\ud800"', '"I"', '"RA"', '"CA"', '"L"', '"YA"', '""'),
        *("1", "1" * 5_000, "-" + "9" * 4_500, "null", "true", "1e999", '"' + "x" * 2_000 + '"'),
    ]
)


@st.composite
def json_values(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(JSON_STRINGS)
    if draw(st.integers(0, 9)) == 0:
        deep = draw(st.sampled_from([JSON_DEPTH - 5, JSON_DEPTH + 1, 5_000]))
        return "[" * deep + "]" * deep
    if draw(st.booleans()):
        items = [draw(json_values(depth + 1)) for _ in range(draw(st.integers(0, 4)))]
        return "[" + ",".join(items * _times(draw, items, 300)) + "]"
    keys = st.sampled_from(
        ["nodeID", "text", "type", "fromID", "toID", "nodeID", "\\ud800", "personID"]
    )
    pairs = [
        f'"{draw(keys)}": {draw(json_values(depth + 1))}' for _ in range(draw(st.integers(0, 4)))
    ]
    return "{" + ",".join(pairs) + "}"


@st.composite
def aif_documents(draw: st.DrawFn) -> str:
    nodes = ",".join(draw(json_values(1)) for _ in range(draw(st.integers(0, 6))))
    edges = ",".join(draw(json_values(1)) for _ in range(draw(st.integers(0, 6))))
    nodes = ",".join([nodes] * _times(draw, [nodes], 500)) if nodes else ""
    return f'{{"nodes": [{nodes}], "edges": [{edges}], "locutions": {draw(json_values(1))}}}'


@FUZZ
@given(st.one_of(aif_documents(), json_values()))
def test_aif(text: str) -> None:
    for data in _both(text):
        _sound(aif.read(data), len(data))


def _argmap_json(draw: st.DrawFn) -> str:
    claim = (
        f'{{"id": {draw(JSON_STRINGS)}, "text": {draw(JSON_STRINGS)}, "conclusion": false, '
        f'"implicit": false, "sources": [], "span": null}}'
    )
    return f'{{"format": "argmap", "version": {draw(JSON_STRINGS)}, "claims": [{claim}]}}'


@FUZZ
@given(st.data())
def test_argmap_json_import(data: st.DataObject) -> None:
    # What `argmap import` does: the importers' JSON reading, then the model from the data.
    text = data.draw(st.one_of(st.builds(lambda: None), json_values()))
    if text is None:
        text = data.draw(st.composite(lambda draw: _argmap_json(draw))())
    value, _, found = load_json(text)
    assert len(found) <= 3
    for d in found:
        assert d.span is not None and d.span.line >= 1 and d.span.column >= 1
    if value is None:
        return
    try:
        m = from_dict(value)
    except ValueError:
        return  # a message naming the place, which the command prints
    try:
        out = dumps(m)
    except ValueError:
        return
    out.encode("utf-8")


# The draft every importer builds with ----------------------------------------------------------

TEXTS = st.one_of(HOSTILE, st.sampled_from(["Tea.", "", "  ", "a\nb", "x" * (MAX_LINE - 1_000)]))
KEYS = st.sampled_from(["a", "b", "c", "d", "g1", "g2", "g3", "missing"])


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    draft = Draft(title=draw(st.one_of(st.none(), TEXTS)))
    for key in draw(st.lists(KEYS, max_size=5)):
        draft.claim(
            DraftClaim(
                key=key,
                text=draw(TEXTS),
                id=draw(st.one_of(st.none(), TEXTS, KEYS, st.just("claim"), st.just("t" * 500))),
                hint=draw(st.one_of(st.none(), TEXTS)),
                conclusion=draw(st.booleans()),
                attribution=draw(st.sampled_from([None, (), ("s1",), ("s1", "s2")])),
                span=Span(line=1, column=1, end_line=1, end_column=2),
            )
        )
    for n in range(draw(st.integers(0, 6))):
        draft.group(
            DraftGroup(
                key=f"g{n}",
                kind=draw(st.sampled_from(list(Kind))),
                target=draw(KEYS),
                premises=draw(st.lists(KEYS, max_size=3)),
                id=draw(st.one_of(st.none(), KEYS, TEXTS)),
                attribution=draw(st.sampled_from([None, (), ("s1",)])),
            )
        )
    draft.sources = {"s1": draw(TEXTS), "s2": "Two"}
    return draft


@FUZZ
@given(drafts())
def test_draft(draft: Draft) -> None:
    texts = [*(c.text for c in draft.claims.values()), *draft.sources.values(), draft.title or ""]
    size = sum(map(len, texts)) + 100
    _sound(draft.build(), size)


def test_json_escapes_and_digits_are_read_by_every_json_importer() -> None:
    doc = json.dumps({"nodes": [{"nodeID": 1, "text": "x", "type": "I"}]})
    value: Any
    value, _, found = load_json(doc.replace('"x"', '"\\ud800\\u0000"').replace("1", "1" * 5_000))
    assert found[0].code == "W402" and value["nodes"][0]["text"] == "\ufffd\ufffd"
    assert value["nodes"][0]["nodeID"] == "1" * 5_000
