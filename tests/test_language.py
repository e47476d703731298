"""Language goldens: one small map per construct and the model argmap builds from it.

The maps are ``tests/cases/language/<construct>.arg``; docs/language.md refers to them by name.
``pytest --update-goldens`` rewrites the ``.golden`` files; review the diff by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.read.parser import parse, parse_file
from tests.conftest import golden
from tests.model_dump import dump

LANGUAGE = Path(__file__).parent / "cases" / "language"
CONSTRUCTS = (
    "conclusion",
    "claims",
    "linked-premises",
    "convergent-reasons",
    "objections",
    "rebuttals",
    "undercut",
    "explicit-targets",
    "reuse",
    "implicit",
    "sources",
    "attribution-inheritance",
    "title",
    "comments",
    "continuation",
    "escapes",
    "generated-ids",
)


def test_every_construct_has_a_map_and_nothing_else_is_there() -> None:
    assert sorted(p.stem for p in LANGUAGE.glob("*.arg")) == sorted(CONSTRUCTS)


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_language_golden(construct: str, update_goldens: bool) -> None:
    result = parse_file(LANGUAGE / f"{construct}.arg")
    assert result.ok, result.diagnostics  # every example is free of syntax errors
    golden(LANGUAGE / f"{construct}.golden", dump(result), update_goldens)


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_dump_is_deterministic_and_line_ends_do_not_matter(construct: str) -> None:
    text = (LANGUAGE / f"{construct}.arg").read_text(encoding="utf-8")
    expected = dump(parse(text))
    assert dump(parse(text)) == expected
    assert dump(parse(text.replace("\n", "\r\n"))) == expected
    assert dump(parse(text.replace("\n", "\r"))) == expected
    assert dump(parse("\ufeff" + text)) == expected
