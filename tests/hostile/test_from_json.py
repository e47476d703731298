"""Hostile JSON given to ``argmap.from_json``: the documented ``ValueError``, saying where the
JSON is wrong, never another exception and never a map that differs from what the JSON says.

``from_json`` reads as ``argmap import`` and the importers do (argmap/interop/ingest.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import argmap
from argmap import Limits, from_json, to_json
from tests.conftest import OPED


def _doc(**fields: Any) -> dict[str, Any]:
    return {"format": "argmap", "version": 1, **fields}


def _claim(**fields: Any) -> dict[str, Any]:
    return {"id": "c", "text": "Tea is good.", "conclusion": True, "implicit": False, **fields}


def _refused(text: str | bytes, message: str, **options: Any) -> None:
    with pytest.raises(ValueError) as refused:
        from_json(text, **options)
    assert str(refused.value) == message


def test_the_op_ed_map_still_round_trips() -> None:
    m = argmap.parse_file(OPED).map
    assert from_json(to_json(m)) == m
    assert from_json(to_json(m).encode("utf-8")) == m


@pytest.mark.parametrize("bracket", ["[", '{"a": '])
def test_deep_nesting_is_refused_where_it_crosses_the_depth(bracket: str) -> None:
    closing = "]" if bracket == "[" else "}"
    text = '{"format": "argmap",\n"x": ' + bracket * 100_000 + "1" + closing * 100_000 + "}"
    column = len('"x": ') + 99 * len(bracket) + 1  # the 100th bracket in is 101 levels deep
    _refused(text, f"line 2, column {column}: JSON nested deeper than 100 levels; nothing is read")


def test_a_million_digit_integer_is_the_wrong_type_not_a_crash() -> None:
    digits = "7" * 1_000_000
    # The value is quoted, cut at 40 characters.
    _refused(
        '{"format": "argmap", "version": ' + digits + "}",
        f"version: expected int, found '{digits[:39]}",
    )
    span = '{"line": ' + digits + ', "column": 1, "end_line": 1, "end_column": 2}'
    text = json.dumps(_doc(claims=[_claim(span=None)])).replace('"span": null', f'"span": {span}')
    with pytest.raises(ValueError, match=r"^claims\[0\]\.span\.line: expected int, found '7777"):
        from_json(text)


@pytest.mark.parametrize("number", ["1e999999", "1" + "0" * 1_000_000 + ".5", "NaN", "1.0"])
def test_a_number_that_is_not_a_whole_number_is_the_wrong_type(number: str) -> None:
    with pytest.raises(ValueError, match=r"^version: expected int, found "):
        from_json('{"format": "argmap", "version": ' + number + "}")


@pytest.mark.parametrize(
    ("escape", "column"),
    [("\\u0000", 11), ("\\ud800", 11), ("\\udfff tail", 11), ("ok", None)],
    ids=["NUL", "high surrogate", "low surrogate", "clean"],
)
def test_a_nul_or_lone_surrogate_in_a_string_is_refused_at_the_string(
    escape: str, column: int | None
) -> None:
    text = '{"format": "argmap", "version": 1,\n "title": "' + escape + '"}'
    if column is None:
        assert from_json(text).title == "ok"
        return
    _refused(
        text, f"line 2, column {column}: a NUL character or a lone surrogate, which no map can hold"
    )


def test_a_raw_nul_or_lone_surrogate_is_refused_too() -> None:
    nul = '{"format": "argmap", "version": 1, "title": "a\0b"}'
    _refused(nul, "line 1, column 47: a NUL character or a lone surrogate, which no map can hold")
    lone = '{"format": "argmap", "version": 1, "title": "a\ud800b"}'
    _refused(lone, "line 1, column 47: a NUL character or a lone surrogate, which no map can hold")


def test_a_nul_in_a_claim_text_deep_in_the_document_is_refused() -> None:
    text = json.dumps(_doc(claims=[_claim(), _claim(id="d", text="Warm\0")]), indent=1)
    with pytest.raises(ValueError, match=r"^line \d+, column \d+: a NUL character"):
        from_json(text)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the document: expected an object"),
        ("map", "the document: expected an object"),
        (_doc(version=True), "version: expected int, found True"),
        (_doc(version="1"), "version: expected int, found '1'"),
        (_doc(claims={}), "claims: expected a list"),
        (_doc(claims=[7]), "claims[0]: expected an object"),
        (_doc(claims=[_claim(id=None)]), "claims[0].id: expected str, found None"),
        (
            _doc(claims=[_claim(conclusion="yes")]),
            "claims[0].conclusion: expected bool, found 'yes'",
        ),
        (_doc(claims=[_claim(span=[1, 1, 1, 2])]), "claims[0].span: expected an object"),
        (_doc(groups=[{"id": "g", "kind": 1}]), "groups[0].kind: expected str, found 1"),
    ],
)
def test_wrong_types_are_refused_at_their_place(document: Any, message: str) -> None:
    _refused(json.dumps(document), message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            '{"format": "argmap",}',
            "line 1, column 21: not JSON: Expecting property name enclosed in double quotes",
        ),
        ("", "line 1, column 1: not JSON: Expecting value"),
        (b'{"title": "caf\xe9"}', "line 1, column 15: not UTF-8: JSON must be UTF-8"),
        (json.dumps(_doc()).encode("utf-16"), "line 1, column 1: not UTF-8: JSON must be UTF-8"),
    ],
    ids=["trailing comma", "empty", "latin-1", "utf-16"],
)
def test_what_is_not_json_is_refused_where_it_stops_being_json(
    data: str | bytes, message: str
) -> None:
    _refused(data, message)


def test_the_size_limit_applies_and_can_be_lifted() -> None:
    text = json.dumps(_doc(title="x" * 100))
    _refused(
        text,
        "line 1, column 21: the input is larger than 20 characters; nothing is read",
        limits=Limits(max_size=20),
    )
    assert from_json(text, limits=Limits(max_size=None)).title == "x" * 100
