"""JSON: valid against the shipped schema, and an exact round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import from_json
from argmap.write.json_io import schema, to_json
from tests.conftest import OPED


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_op_ed_map_validates_and_round_trips() -> None:
    m = argmap.parse_file(OPED).map
    text = to_json(m)
    jsonschema.validate(json.loads(text), schema())
    again = from_json(text)
    assert again == m
    assert to_json(again) == text


def test_attribution_is_derived_and_included() -> None:
    data = json.loads(to_json(argmap.parse_file(OPED).map))
    by_id = {c["id"]: c for c in data["claims"]}
    assert by_id["sanctions"]["attribution"] == ["hammond"]
    assert by_id["blockade"]["attribution"] == ["reader"]
    assert by_id["sanctions"]["sources"] == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d["claims"][0].update(id=3), "claims[0].id: expected str"),
        (lambda d: d["groups"][0].update(kind="because"), "groups[0].kind"),
        (lambda d: d["claims"][1]["span"].update(line=0), "claims[1].span"),
        (lambda d: d["claims"][1].update(conclusion=1), "claims[1].conclusion: expected bool"),
        (lambda d: d.update(claims={}), "claims: expected a list"),
    ],
)
def test_bad_json_says_where(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(to_json(argmap.parse_file(OPED).map))
    mutate(data)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        from_json(json.dumps(data))


def test_not_json() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        from_json("{")


# Any text a map can hold: not a NUL or a lone surrogate, which `dumps` and `from_json` refuse
# (tests/hostile/test_from_json.py).
_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"), min_size=1, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(_TEXT, min_size=1, max_size=6),
    title=st.none() | _TEXT,
)
def test_maps_built_in_code_round_trip(texts: list[str], title: str | None) -> None:
    claims = tuple(argmap.Claim(id=f"c{i}", text=t, conclusion=i == 0) for i, t in enumerate(texts))
    groups = tuple(
        argmap.Group(
            id=f"g{i}",
            kind=argmap.Kind.REASON if i % 2 else argmap.Kind.OBJECTION,
            target="c0",
            premises=(argmap.Premise(id=c.id),),
        )
        for i, c in enumerate(claims[1:])
    )
    m = argmap.ArgumentMap(title=title, claims=claims, groups=groups)
    text = to_json(m)
    jsonschema.validate(json.loads(text), schema())
    assert from_json(text) == m
    assert to_json(from_json(text)) == text
