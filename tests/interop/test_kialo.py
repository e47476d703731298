"""Kialo's text export: the outline becomes a map; a con under a con is a rebuttal."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.interop import kialo
from argmap.model import Kind
from tests.conftest import golden

HERE = Path(__file__).parent
SAMPLE = HERE / "kialo-sample.txt"


def test_sample_imports_checks_and_renders(update_goldens: bool) -> None:
    imported = kialo.read(SAMPLE.read_bytes())
    m = imported.map
    golden(HERE / "goldens" / "kialo-sample.arg", imported.text, update_goldens)
    assert m.title == "Should the school day start later?"
    thesis = m.conclusions[0]
    assert thesis.text == "The school day should start at nine instead of eight."
    kinds = [g.kind for g in m.groups_targeting(thesis.id)]
    assert kinds == [Kind.REASON, Kind.OBJECTION, Kind.REASON]
    # 1.1.1 is a con under a pro: an objection to the pro's claim; 1.1.1.1, a con under that
    # con, is a rebuttal of the objection. A text that runs over two lines is one claim.
    body_clock = m.premises(m.reasons_for(thesis.id)[0])[0]
    objection = m.objections_to(body_clock.id)[0]
    rebuttal = m.groups_targeting(objection.id)[0]
    assert rebuttal.kind is Kind.REBUTTAL
    assert m.premises(rebuttal)[0].text.endswith("does not bring earlier sleep.")
    # Links reuse the claim they point at: 1.2.2 supports the parents' con with 1.1.1's claim.
    bedtime = m.premises(objection)[0]
    assert len(m.groups_using(bedtime.id)) == 2
    # 1.4.1 stands under a claim that is not in the file: reported, skipped.
    assert [(d.code, d.span.line) for d in imported.diagnostics if d.span] == [("W403", 13)]
    found = argmap.check(m)
    assert not [d for d in found if d.severity is argmap.Severity.ERROR], found
    from argmap.render import render

    assert render(m, format="svg").startswith(b"<?xml")


def test_not_a_kialo_export() -> None:
    imported = kialo.read("Just some notes.\nNothing numbered.\n")
    assert [d.code for d in imported.diagnostics] == ["E401"]
    assert not imported.ok


def test_lines_before_the_outline_are_reported() -> None:
    imported = kialo.read("Exported from Kialo\n1. A thesis.\n1.1. Con: A con.\n")
    assert [(d.code, d.span.line) for d in imported.diagnostics if d.span] == [("W401", 1)]
    assert [g.kind for g in imported.map.groups] == [Kind.OBJECTION]
