"""AIF JSON: strict writing, lenient reading of AIFdb-shaped files, and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.interop import aif
from argmap.model import Kind
from tests.conftest import OPED, golden
from tests.interop.helpers import maps, meaning

HERE = Path(__file__).parent
SAMPLE = HERE / "aifdb-sample.json"


def _without_implicit(found: dict) -> dict:
    """AIF cannot mark a premise as unstated: everything else must survive."""
    claims = {k: (t, c, False, a) for k, (t, c, _, a) in found["claims"].items()}
    return {**found, "claims": claims, "title": None}


def test_op_ed_round_trip_keeps_everything_aif_can_hold() -> None:
    m = argmap.parse_file(OPED).map
    out = aif.write(m)
    back = aif.read(out.text)
    assert back.diagnostics == ()
    assert meaning(back.map) == _without_implicit(meaning(m))
    # What AIF cannot hold is reported, at its place in the map: the title, the three comments
    # and the two implicit premises. The conclusion and all attribution come back.
    lost = sorted((d.code, d.span.line if d.span else 0) for d in out.diagnostics)
    places = [c.span.line for c in m.comments if c.span]
    places += [m.title_span.line if m.title_span else 0]
    places += [c.span.line for c in m.claims if c.implicit and c.span]
    assert len(places) == 6
    assert lost == sorted(("W404", line) for line in places)
    assert [c.id for c in back.map.conclusions] == ["closer"]


def test_written_aif_is_strict() -> None:
    document = json.loads(aif.write(argmap.parse_file(OPED).map).text)
    assert aif.problems(document) == []
    types = [n["type"] for n in document["nodes"]]
    assert types.count("I") == 17 and types.count("RA") == 8 and types.count("CA") == 6
    assert {(p["participantID"]) for p in document["participants"]} == {"hammond", "reader"}
    by_id = {n["nodeID"]: n for n in document["nodes"]}
    edges = {(e["fromID"], e["toID"]) for e in document["edges"]}
    assert ("blockade-only", "no-squeeze") in edges  # a rebuttal: CA aimed at a CA
    assert ("credibility", "pressure") in edges  # an undercut: CA aimed at an RA
    assert by_id["credibility"]["type"] == "CA" and by_id["pressure"]["type"] == "RA"


def test_problems_finds_what_is_not_strict() -> None:
    bad = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "2"},
            {"edgeID": "2", "fromID": "1", "toID": "9"},
        ],
    }
    found = aif.problems(bad)
    assert "edge 1 -> 2: I to I" in found
    assert "edge 1 -> 9 names a missing node" in found
    assert "RA node 3 has 0 conclusions" in found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_of_generated_maps(m: argmap.ArgumentMap) -> None:
    out = aif.write(m)
    assert aif.problems(json.loads(out.text)) == []
    back = aif.read(out.text)
    before, after = meaning(m), meaning(back.map)
    lost = {d.span for d in out.diagnostics if d.code == "W404"}
    for claim in m.claims:
        text, conclusion, implicit, who = before["claims"][claim.id]
        again = after["claims"][claim.id]
        assert again[0] == text  # the text always survives
        assert again[3] == who or claim.span in lost
        assert again[1] == conclusion or claim.span in lost
        assert again[2] == implicit or claim.span in lost
    assert set(after["claims"]) == set(before["claims"])
    for group in m.groups:
        kind, target, premises, who = before["groups"][group.id]
        assert after["groups"][group.id][:3] == (kind, target, premises)
        assert after["groups"][group.id][3] == who or group.span in lost
    assert set(after["groups"]) == set(before["groups"])
    cited = {s for c in m.claims for s in m.attribution(c)}
    assert {(s.id, s.text) for s in m.sources if s.id in cited} <= {
        (s.id, s.text) for s in back.map.sources
    }


# An AIFdb-shaped file ---------------------------------------------------------------------------


def test_aifdb_sample_imports_checks_and_renders(update_goldens: bool) -> None:
    imported = aif.read(SAMPLE.read_bytes())
    m = imported.map
    golden(HERE / "goldens" / "aifdb-sample.arg", imported.text, update_goldens)
    notes = "".join(
        f"{d.span.line}:{d.span.column} {d.code} {d.message}\n" for d in imported.diagnostics
    )
    golden(HERE / "goldens" / "aifdb-sample.diagnostics", notes, update_goldens)
    # The structure: RA a reason, CA an objection, CA at a CA a rebuttal, CA at an RA an
    # objection to that inference; speakers from the locutions.
    closer = m.conclusions[0]
    assert closer.text == "The council should close the road to cars on Saturdays."
    assert [g.kind for g in m.groups_targeting(closer.id)] == [Kind.REASON, Kind.OBJECTION]
    objection = m.objections_to(closer.id)[0]
    assert [g.kind for g in m.groups_targeting(objection.id)] == [Kind.REBUTTAL]
    reason = m.reasons_for(closer.id)[0]
    assert [len(m.premises(reason))] == [2]
    undercut = m.groups_targeting(reason.id)
    assert [g.kind for g in undercut] == [Kind.OBJECTION]
    assert m.attribution(closer) == ("ana-silva",)
    assert {s.text for s in m.sources} == {"Ana Silva", "Ben Okafor", "Cara Lind"}
    # Everything skipped is reported where it stands in the file.
    codes = {d.code for d in imported.diagnostics}
    assert codes == {"W401", "W403"}
    assert all(d.span is not None and d.span.line > 1 for d in imported.diagnostics)
    # The imported map checks without errors (the warning: Dina's claim supports nothing
    # argued about, so it is disconnected) and renders.
    found = argmap.check(m)
    assert not [d for d in found if d.severity is argmap.Severity.ERROR], found
    assert [d.code for d in found] == ["W203"]
    from argmap.render import render

    assert render(m, format="svg").startswith(b"<?xml")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"nodes": [', "not JSON"),
        (b"[1, 2]", "not AIF"),
        (b'{"edges": []}', "not AIF"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_unreadable_input_is_one_error(data: bytes, message: str) -> None:
    imported = aif.read(data)
    assert not imported.ok
    assert [d.code for d in imported.diagnostics] == ["E401"]
    assert message in imported.diagnostics[0].message
    assert imported.map.claims == ()


def test_json_errors_point_at_the_line() -> None:
    imported = aif.read('{\n  "nodes": [\n    {"nodeID": 1,}\n  ]\n}\n')
    assert imported.diagnostics[0].span is not None
    assert imported.diagnostics[0].span.line == 3


def test_numeric_ids_and_ova_wrapper() -> None:
    document = {
        "AIF": {
            "nodes": [
                {"nodeID": 10, "text": "Tea is good.", "type": "I"},
                {"nodeID": 11, "text": "It is warm.", "type": "I"},
                {"nodeID": 12, "text": "Default Inference", "type": "RA"},
                {"nodeID": 13, "text": "Warmth comforts.", "type": "I"},
                {"nodeID": 14, "text": "Default Inference", "type": "RA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 11, "toID": 12},
                {"edgeID": 2, "fromID": 12, "toID": 10},
                {"edgeID": 3, "fromID": 11, "toID": 14},
                {"edgeID": 4, "fromID": 14, "toID": 13},
            ],
        }
    }
    imported = aif.read(json.dumps(document))
    assert imported.diagnostics == ()
    # A claim used twice needs an id: the AIF node id, made an argmap id.
    assert "n11" in imported.map
    assert len(imported.map.groups_using("n11")) == 2
