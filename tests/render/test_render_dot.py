"""The DOT builder: golden files for every construct, and the structure they must have."""

from __future__ import annotations

from pathlib import Path

import pygraphviz
import pytest

import argmap
from argmap.checks import check
from argmap.diagnostics import Severity
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise
from argmap.render import build, to_dot
from tests.conftest import OPED, golden

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.arg"))
GOLDENS = HERE / "goldens"
LEGEND = {"attribution", "hostile", "us-china-north-korea"}  # also drawn with the legend on
RIGHT = {"rebuttal", "undercut", "us-china-north-korea"}  # also drawn right (pill-to-pill arrows)


def _load(path: Path) -> ArgumentMap:
    result = argmap.parse_file(path)
    errors = [d for d in check(result) if d.severity is Severity.ERROR]
    assert not errors, f"{path.name} is meant to be a valid map: {errors}"
    return result.map


@pytest.mark.parametrize("path", [*CASES, OPED], ids=lambda p: p.stem)
def test_golden_dot(path: Path, update_goldens: bool) -> None:
    m = _load(path)
    golden(GOLDENS / f"{path.stem}.dot", to_dot(m), update_goldens)
    if path.stem in LEGEND:
        golden(GOLDENS / f"{path.stem}.legend.dot", to_dot(m, legend=True), update_goldens)
    if path.stem in RIGHT:
        golden(GOLDENS / f"{path.stem}.right.dot", to_dot(m, direction="right"), update_goldens)


def test_every_construct_has_a_case() -> None:
    names = {p.stem for p in CASES}
    for construct in (
        "conclusion", "linked", "convergent", "objection", "rebuttal", "undercut", "implicit",
        "reuse", "attribution", "title", "wrapping", "hostile",
    ):  # fmt: skip
        assert construct in names


def _graph(m: ArgumentMap, **options: bool) -> pygraphviz.AGraph:
    return pygraphviz.AGraph(string=to_dot(m, **options))


def _classes(item: pygraphviz.ItemAttribute) -> set[str]:
    return set((item.get("class") or "").split())


@pytest.mark.parametrize("path", [*CASES, OPED], ids=lambda p: p.stem)
def test_structure(path: Path) -> None:
    """One box per claim, one junction and one arrow per group, a frame per defining group."""
    m = _load(path)
    graph = _graph(m)
    claims = {n for n in graph.nodes() if {"claim"} <= _classes(n.attr) - {"copy"}}
    claims -= {n for n in graph.nodes() if "copy" in _classes(n.attr)}
    assert claims == {c.id for c in m.claims}
    junctions = {n for n in graph.nodes() if "junction" in _classes(n.attr)}
    assert junctions == {g.id for g in m.groups}
    for group in m.groups:
        junction = graph.get_node(group.id)
        assert (
            junction.attr["label"]
            == {
                Kind.REASON: "<B>because</B>",
                Kind.OBJECTION: "<B>but</B>",
                Kind.REBUTTAL: "<B>however</B>",
            }[group.kind]
        )
        assert f"junction {group.kind.value}" in junction.attr["class"]
        target = m.target(group)
        assert target is not None
        out = graph.out_edges(group.id)
        assert [edge[1] for edge in out] == [target.id]
        assert out[0].attr["id"] == f"arrow:{group.id}"
    frames = {s.name: s for s in graph.subgraphs() if (s.name or "").startswith("cluster_")}
    # Every group with premises has a frame, holding each of them: its own claims, and a copy
    # of each claim it reuses from elsewhere (a co-premise like the others).
    assert set(frames) == {f"cluster_{g.id}" for g in m.groups if m.premises(g)}
    for name, frame in frames.items():
        group = m.group(name.removeprefix("cluster_"))
        inside = {n for n in frame.nodes() if "claim" in _classes(n.attr)}
        own = {c.id for c in m.premises(group) if m.parent(c) is group}
        copies = {f"{c.id}~in~{group.id}" for c in m.premises(group) if c.id not in own}
        assert inside == own | copies
        for copy in copies:
            assert "copy" in _classes(graph.get_node(copy).attr)
        assert frame.graph_attr["class"] == f"group {group.kind.value}"
        assert frame.graph_attr["id"] == f"frame:{group.id}"


def test_linked_premises_join_into_one_line() -> None:
    m = _load(HERE / "cases" / "linked.arg")
    graph = _graph(m)
    for group in m.groups:
        into = graph.in_edges(group.id)
        assert len(into) == 1, "the frame joins its premises into one line"
        assert into[0].attr["ltail"] == f"cluster_{group.id}"
        assert into[0].attr["dir"] == "none"
    # Two premises have no middle box: an invisible point starts the line at the frame's centre.
    assert graph.in_edges("health")[0][0] == "health~anchor"
    assert graph.in_edges("calm")[0][0] == "calm.2"


def test_undercut_points_at_the_reasons_junction() -> None:
    m = _load(HERE / "cases" / "undercut.arg")
    graph = _graph(m)
    assert graph.out_edges("bandwagon") == [("bandwagon", "popular")]
    assert "junction reason" in graph.get_node("popular").attr["class"]
    undercut = m.objections_to("price")[0]
    assert graph.out_edges(undercut.id) == [(undercut.id, "price")]


def test_reused_claim_is_a_co_premise_in_every_frame() -> None:
    m = _load(HERE / "cases" / "reuse.arg")
    graph = _graph(m)
    assert "reused" in _classes(graph.get_node("price").attr)
    frames = {s.name: s for s in graph.subgraphs()}
    users = sorted(g.id for g in m.groups_using("price"))
    home = m.parent(m.claim("price"))
    assert home is not None and home.id in users
    assert "price" in frames[f"cluster_{home.id}"].nodes()
    for user in users:
        if user == home.id:
            continue
        # Drawn in the frame of every other group that uses it, with its text and a note
        # that it is reused, and a dotted line to its own box.
        copy = f"price~in~{user}"
        assert copy in frames[f"cluster_{user}"].nodes()
        attr = graph.get_node(copy).attr
        assert "REUSED CLAIM" in attr["label"] and "dotted" in attr["style"]
        assert attr["id"] == f"copy:{user}:price"
        (same,) = [e for e in graph.edges() if e.attr.get("id") == f"same:{user}:price"]
        assert (same[0], same[1]) == ("price", copy) and same.attr["constraint"] == "false"
    # No line runs from the claim's own box to another group's pill.
    links = {e[1] for e in graph.out_edges("price") if "link" in _classes(e.attr)}
    assert links <= {home.id}


def test_implicit_and_conclusion_look_different() -> None:
    graph = _graph(_load(HERE / "cases" / "implicit.arg"))
    matter = graph.get_node("matter")
    assert "dashed" in matter.attr["style"] and "<I>" in matter.attr["label"]
    assert _classes(matter.attr) == {"claim", "implicit"}
    tea = graph.get_node("tea")
    assert _classes(tea.attr) == {"claim", "conclusion"}
    assert float(tea.attr["penwidth"]) > 2


def test_attribution_shows_who_asserts_each_claim() -> None:
    m = _load(HERE / "cases" / "attribution.arg")
    graph = _graph(m)
    for claim in m.claims:
        label = graph.get_node(claim.id).attr["label"]
        assert label.endswith(f"&#8212; {', '.join(m.attribution(claim))}</FONT></TD></TR></TABLE>")
    assert "bob" in graph.get_node("taste.1").attr["label"]  # inherited from its group
    assert "cat, ann" in graph.get_node("health.2").attr["label"]  # its own sources


def test_legend_is_optional_and_lists_sources() -> None:
    m = _load(HERE / "cases" / "attribution.arg")
    assert "~legend" not in _graph(m).nodes()
    graph = _graph(m, legend=True)  # kept: a node does not keep its graph alive
    legend = graph.get_node("~legend")
    assert legend.attr["id"] == "argmap:legend"
    for source in m.sources:
        assert source.text in legend.attr["label"]


def test_conclusion_is_held_on_the_top_rank() -> None:
    dot = to_dot(_load(HERE / "cases" / "toplevel.arg"))
    assert "{\n\t\trank=max\n\t\ttea\n\t}" in dot


def test_same_map_same_text() -> None:
    m = _load(OPED)
    assert to_dot(m) == to_dot(argmap.parse_file(OPED).map)
    assert build(m).source == to_dot(m)


def test_ids_that_need_quoting_are_refused() -> None:
    # The parser never makes such an id; a map built by hand could.
    m = ArgumentMap(claims=(Claim(id='a" -> b', text="x", conclusion=True),))
    with pytest.raises(ValueError, match="cannot draw id"):
        to_dot(m)


def test_duplicate_ids_do_not_merge_boxes() -> None:
    """A group and a claim with one id (an error the user may --force past): two things."""
    m = ArgumentMap(
        claims=(Claim(id="x", text="Claim x.", conclusion=True), Claim(id="y", text="Claim y.")),
        groups=(Group(id="x", kind=Kind.REASON, target="x", premises=(Premise(id="y"),)),),
    )
    graph = pygraphviz.AGraph(string=to_dot(m))
    assert {"x", "x~2", "y"} <= set(graph.nodes())
    assert graph.out_edges("x~2") == [("x~2", "x")]
