"""Argdown: round trips, the Argdown project's own example maps, and the relation symbols."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.interop import argdown
from argmap.model import Kind
from argmap.write.formatter import escape_text
from tests.conftest import OPED
from tests.interop.helpers import CORPUS, maps, meaning

EXAMPLES = sorted(p.name for p in CORPUS.glob("*.argdown"))


def test_the_corpus_is_there() -> None:
    assert len(EXAMPLES) == 6, f"expected Argdown's six example maps in {CORPUS}"


def test_op_ed_round_trip_keeps_the_model() -> None:
    m = argmap.parse_file(OPED).map
    out = argdown.write(m)
    assert out.diagnostics == ()  # comments are written as Argdown comments
    back = argdown.read(out.text)
    assert meaning(back.map) == meaning(m)
    # Argdown comments are not argmap's: reading them back reports each one.
    assert [(d.code, d.message) for d in back.diagnostics] == [
        ("W401", "a comment is not kept")
    ] * 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_of_generated_maps(m: argmap.ArgumentMap) -> None:
    out = argdown.write(m)
    back = argdown.read(out.text)
    assert meaning(back.map) == meaning(m), out.text
    assert all(d.code == "W401" for d in back.diagnostics)  # only comments, never anything else


def test_ids_survive_and_generated_ids_are_regenerated() -> None:
    m = argmap.parse("conclusion c: A.\n  reason r:\n    - B.\n  objection:\n    - C.\n").map
    back = argdown.read(argdown.write(m).text).map
    assert sorted(n.id for n in back.nodes()) == sorted(n.id for n in m.nodes())


# Per example: claims, groups, and what the import reported by code. No golden copies of the
# converted maps: the examples are the Argdown authors' text, read from shared/, not copied here.
EXPECTED = {
    "Populism-Core-Argument-Argdown-Example.argdown": (62, 41, {"W401": 89, "W402": 4, "W403": 1}),
    "argdown-primer.argdown": (12, 11, {"W401": 26, "W402": 2}),
    "greenspan-schefczyk_hardwrap.argdown": (23, 11, {"W401": 43, "W402": 1, "W403": 1}),
    "legalisation-softdrugs.argdown": (18, 19, {"W401": 25, "W402": 1}),
    "semmelweis_betz.argdown": (32, 17, {"W401": 44, "W402": 1}),
    "state-censorship.argdown": (28, 14, {"W401": 38}),
}


@pytest.mark.parametrize("name", EXAMPLES)
def test_argdown_examples_import_check_and_render(name: str) -> None:
    imported = argdown.read((CORPUS / name).read_bytes())
    m = imported.map
    codes = Counter(d.code for d in imported.diagnostics)
    assert (len(m.claims), len(m.groups), dict(codes)) == EXPECTED[name]
    # What the import skipped is reported, each with its place in the file: tags, comments,
    # headings, prose, metadata, inference rules (W401); contradictions, sketched attacks on
    # reconstructed arguments, a second text under one title (W402); a numbering slip, and a
    # premise that the Greenspan map's `uses` leaves out (W403).
    assert all(d.span is not None for d in imported.diagnostics)
    found = argmap.check(m)
    assert not [d for d in found if d.severity is argmap.Severity.ERROR], found
    # Argdown has no main-contention marker, so every import warns W201 (no conclusion); the
    # populism and Semmelweis maps restate a conclusion word for word in several arguments
    # without a title, so they also get W207 (duplicate text).
    assert {d.code for d in found} <= {"W201", "W207"}
    from argmap.render import render

    assert render(m, format="svg").startswith(b"<?xml")


def test_relations_in_every_direction() -> None:
    text = """[a]: A.
  + [b]: B.
  - [c]: C.
  <+ <d>: D.
  <- <e>: E.
  +> [f]: F.
  -> [g]: G.
  >< [h]: H.
"""
    imported = argdown.read(text)
    m = imported.map

    def kinds(target: str) -> list[tuple[Kind, list[str]]]:
        return [(g.kind, [c.text for c in m.premises(g)]) for g in m.groups_targeting(target)]

    assert kinds("a") == [
        (Kind.REASON, ["B."]),
        (Kind.OBJECTION, ["C."]),
        (Kind.REASON, ["D."]),  # an argument with a description: a claim holding it
        (Kind.OBJECTION, ["E."]),
        (Kind.OBJECTION, ["H."]),  # a contradiction: an objection each way
    ]
    assert kinds("f") == [(Kind.REASON, ["A."])]
    assert kinds("g") == [(Kind.OBJECTION, ["A."])]
    assert kinds("h") == [(Kind.OBJECTION, ["A."])]
    assert [g.id for g in m.groups_targeting("a")][2:4] == ["d", "e"]
    assert [d.code for d in imported.diagnostics] == ["W402"]  # the contradiction


def test_reconstruction_with_two_steps_uses_and_an_undercut() -> None:
    text = """<Tea>

(1) [warm]: Tea is warm.
(2) Warm drinks comfort.
-- Modus ponens {uses: [1, 2]} --
(3) [comfort]: Tea comforts.
(4) Comfort is good.
----
(5) [good]: Tea is good.

<Spoils>: Tea spoils the sleep.
  _> <Tea>
"""
    imported = argdown.read(text)
    m = imported.map
    final = m.group("Tea")
    assert (final.kind, final.target) == (Kind.REASON, "good")
    assert final.premises[0].id == "comfort"
    step = m.reasons_for("comfort")[0]
    assert [c.text for c in m.premises(step)] == ["Tea is warm.", "Warm drinks comfort."]
    undercut = m.groups_targeting("Tea")
    assert [(g.kind, g.id) for g in undercut] == [(Kind.OBJECTION, "Spoils")]
    assert [d.message for d in imported.diagnostics] == [
        "the inference rule 'Modus ponens' is not kept"
    ]


def test_skipped_parts_are_reported_where_they_stand() -> None:
    text = """===
title: Tea
author: Someone
===

# A heading

Some prose that is not a statement.

[a]: Tea is __good__. #pro {source: "T1"}
  + [b]: It is warm. // because it is
"""
    imported = argdown.read(text)
    found = sorted((d.span.line, d.code, d.message) for d in imported.diagnostics)
    assert found == [
        (3, "W401", "the front-matter key `author` is not kept"),
        (6, "W401", "a heading is not kept: argmap has no groups"),
        (8, "W401", "a paragraph with no title and no relation is read as prose and not kept"),
        (10, "W401", "bold and italic formatting is not kept"),
        (10, "W401", "metadata `source` not kept"),
        (10, "W401", "tag #pro not kept"),
        (11, "W401", "a comment is not kept"),
    ]
    assert imported.map.title == "Tea"
    assert imported.map.claim("a").text == "Tea is good."


def test_hostile_text_is_escaped() -> None:
    text = "see [1] <x> #tag a_b *c* {d} // e /* f @[g] \\ end"
    m = argmap.parse(f"conclusion c: {escape_text(text)}\n").map
    assert m.claim("c").text == text
    written = argdown.write(m).text
    assert argdown.read(written).map.claim("c").text == text


@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_a_chain_deeper_than_an_import_nests_keeps_its_meaning(fmt: str) -> None:
    # Past DEEPEST levels the reader writes a group at the top level, naming its target, where
    # it inherits no attribution: the writers predict that and say what the reader must know.
    from argmap import interop
    from argmap.interop.draft import DEEPEST

    lines = ["source a: Ann", "source b: Bob", "conclusion c0: Claim 0. [a]"]
    for n in range(1, DEEPEST + 10):  # each reason indented under the claim it supports
        who = " [b]" if n == DEEPEST // 2 + 3 else ""
        pad = "  " * (2 * n - 1)
        lines += [f"{pad}reason:", f"{pad}  c{n}: Claim {n}.{who}"]
    m = argmap.parse("\n".join(lines) + "\n").map
    out = interop.write(m, fmt)
    back = interop.read(out.text, fmt)  # type: ignore[attr-defined]
    before, after = meaning(m), meaning(back.map)  # type: ignore[attr-defined]
    # What the format cannot hold is reported (AIF: a reason's own attribution), and only that.
    lost = {n.id for n in m.nodes() if n.span in {d.span for d in out.diagnostics}}
    assert lost <= {f"c{DEEPEST // 2 + 2}.reason1"}
    for part in ("claims", "groups"):
        assert {k: v for k, v in after[part].items() if k not in lost} == {
            k: v for k, v in before[part].items() if k not in lost
        }
    assert "reason to c" in back.text  # type: ignore[attr-defined]  # the deep ones, at the top
