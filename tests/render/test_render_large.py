"""Large maps: frames nested by the map's tree (``argmap.render.dot.NEST_FROM``), the cap."""

from __future__ import annotations

import re
import subprocess
import sys

import pygraphviz
import pytest

import argmap
from argmap.model import ArgumentMap, Claim
from argmap.render import MAX_NODES, MapTooLarge, backend, dot, draw, to_dot
from tests.conftest import OPED, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

CYCLE = """\
claim top: T.
objection o1 to y:
  b: B.
objection o2 to b:
  x: X.
objection o3 to x:
  y: Y.
"""


def _map(text: str) -> ArgumentMap:
    return argmap.parse(text).map


def _star(reasons: int) -> str:
    lines = ["conclusion c: The conclusion."]
    for i in range(reasons):
        lines += ["  reason:", f"    - Premise {i}."]
    return "\n".join(lines) + "\n"


@pytest.fixture
def nest_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nest the frames of every map, so that small maps (fast to lay out) show it."""
    monkeypatch.setattr(dot, "NEST_FROM", 1)


def _clusters(graph: pygraphviz.AGraph) -> dict[str, str | None]:
    """Every cluster's name and the name of the cluster it sits in (None: the graph)."""
    return {name: holder for name, (holder, _) in _subgraphs(graph).items()}


def _subgraphs(graph: pygraphviz.AGraph) -> dict[str, tuple[str | None, pygraphviz.AGraph]]:
    """Every cluster by name, however deep: the cluster it sits in, and itself."""
    found: dict[str, tuple[str | None, pygraphviz.AGraph]] = {}

    def walk(parent: pygraphviz.AGraph, name: str | None) -> None:
        for sub in parent.subgraphs():
            if (sub.name or "").startswith("cluster_"):
                found[sub.name] = (name, sub)
                walk(sub, sub.name)

    walk(graph, None)
    return found


def _frame_holder(m: ArgumentMap, group_id: str) -> str | None:
    """The group whose frame holds what a group bears on (its parent in the tree)."""
    target = m.target(group_id)
    if isinstance(target, Claim):
        target = m.parent(target)
    return None if target is None else target.id


def test_small_maps_keep_their_frames_side_by_side() -> None:
    m = argmap.parse_file(OPED).map
    assert len(m.groups) < dot.NEST_FROM
    assert "~tree" not in to_dot(m)
    assert "mclimit" not in to_dot(m)
    # The first map large enough is nested; the generator's 1,000 claims have 540 groups.
    large = _map(generate(1000))
    assert len(large.groups) >= dot.NEST_FROM
    assert "~tree" in to_dot(large)
    # ... and its crossings minimised with fewer passes (dot.LARGE_MCLIMIT).
    assert f"\n\tgraph [mclimit={dot.LARGE_MCLIMIT}]\n" in to_dot(large)


@pytest.mark.usefixtures("nest_all")
def test_frames_nest_by_the_tree() -> None:
    m = _map(generate(60))
    graph = pygraphviz.AGraph(string=to_dot(m))
    clusters = _clusters(graph)
    for group in m.groups:
        holder = _frame_holder(m, group.id)
        around = None if holder is None else f"cluster_{holder}~tree"
        tree = f"cluster_{group.id}~tree"  # there if anything bears on the group
        if tree in clusters:
            assert clusters[f"cluster_{group.id}"] == tree
            assert clusters[tree] == around
        else:
            assert clusters[f"cluster_{group.id}"] == around
    for name, (_, sub) in _subgraphs(graph).items():
        if name.endswith("~tree"):
            assert sub.graph_attr["style"] == "invis"
            assert sub.graph_attr["class"] == "tree"
            assert sub.graph_attr["id"] == "tree:" + name.removeprefix("cluster_").split("~")[0]
            assert sub.graph_attr["label"] == ""  # not the map's title, inherited and hidden


@pytest.mark.usefixtures("nest_all")
def test_nesting_keeps_every_box_frame_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _map(generate(60))
    nested = pygraphviz.AGraph(string=to_dot(m, evaluate=True))
    monkeypatch.setattr(dot, "NEST_FROM", sys.maxsize)
    flat = pygraphviz.AGraph(string=to_dot(m, evaluate=True))

    def content(graph: pygraphviz.AGraph) -> tuple[object, ...]:
        nodes = {(str(n), tuple(sorted(n.attr.items()))) for n in graph.nodes()}
        edges = {(str(e), tuple(sorted(e.attr.items()))) for e in graph.edges()}
        # The root's mclimit (dot.LARGE_MCLIMIT, nested only) is every subgraph's default.
        frames = {
            name: (
                tuple(sorted((k, v) for k, v in sub.graph_attr.items() if k != "mclimit")),
                frozenset(sub.nodes()),
            )
            for name, (_, sub) in _subgraphs(graph).items()
            if not name.endswith("~tree")
        }
        return nodes, edges, frames

    assert content(nested) == content(flat)
    # Edges are written outside every cluster: inside one, their ends would join it.
    for name, (_, sub) in _subgraphs(nested).items():
        assert sub.number_of_edges() == 0, name


@pytest.mark.usefixtures("nest_all")
def test_nested_svg_draws_the_frames_and_nothing_more() -> None:
    m = _map(generate(60))
    svg = draw(m, direction="down", prefix="m1-").data.decode()
    frames = re.findall(r'<g id="m1&#45;frame:([^"]+)" class="cluster group', svg)
    assert sorted(frames) == sorted(g.id for g in m.groups)
    trees = re.findall(r'<g id="m1&#45;tree:[^"]+" class="cluster tree">\n(.*?)</g>', svg, re.S)
    assert trees
    for body in trees:  # an invisible cluster: its title only, no outline, no text
        assert re.fullmatch(r"<title>[^<]*</title>\n", body), body
    assert draw(m, direction="down", prefix="m1-").data.decode() == svg


@pytest.mark.usefixtures("nest_all")
def test_many_siblings_are_held_in_clusters_of_nest_width() -> None:
    m = _map(_star(2 * dot.NEST_WIDTH + 3))
    graph = pygraphviz.AGraph(string=to_dot(m))
    clusters = _clusters(graph)
    chunks = sorted(name for name in clusters if name.startswith("cluster_~tree:"))
    assert chunks == ["cluster_~tree::1", "cluster_~tree::2", "cluster_~tree::3"]
    held = [sum(1 for holder in clusters.values() if holder == chunk) for chunk in chunks]
    assert held == [dot.NEST_WIDTH, dot.NEST_WIDTH, 3]
    assert _subgraphs(graph)["cluster_~tree::2"][1].graph_attr["id"] == "tree::2"
    assert all(holder in chunks for name, holder in clusters.items() if name not in chunks)


@pytest.mark.usefixtures("nest_all")
def test_a_cycle_of_frames_is_cut_and_drawn() -> None:
    m = _map(CYCLE)
    text = to_dot(m)
    graph = pygraphviz.AGraph(string=text)
    clusters = _clusters(graph)
    assert {f"cluster_{g}" for g in ("o1", "o2", "o3")} <= set(clusters)
    # Each frame once, and the tree clusters hold each other without a loop.
    for name in clusters:
        seen, at = set(), clusters[name]
        while at is not None:
            assert at not in seen
            seen.add(at)
            at = clusters[at]
    svg = draw(m, direction="down").data.decode()
    assert all(f'id="frame:{g}"' in svg for g in ("o1", "o2", "o3"))


@pytest.mark.usefixtures("nest_all")
def test_nesting_depth_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = ["conclusion c0: C."] + [
        f"{'  ' * (2 * i + 1)}objection:\n{'  ' * (2 * i + 2)}c{i + 1}: Claim {i + 1}."
        for i in range(8)
    ]
    m = _map("\n".join(chain) + "\n")
    monkeypatch.setattr(dot, "NEST_DEPTH", 3)
    clusters = _clusters(pygraphviz.AGraph(string=to_dot(m)))

    def depth(name: str) -> int:
        holder = clusters[name]
        return 0 if holder is None else 1 + depth(holder)

    trees = [name for name in clusters if name.endswith("~tree")]
    # Three levels of tree clusters (seven without the cap), the deepest groups side by side.
    assert len(trees) == 3 and max(depth(name) for name in trees) == 2
    assert len([name for name in clusters if not name.endswith("~tree")]) == 8


def test_a_map_of_2000_claims_is_drawn_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _map(generate(2000))
    assert len(m.claims) + len(m.groups) <= MAX_NODES  # 3,075: refused under the old 3,000
    seen: list[int] = []

    def layout(dots: object, format: str = "svg", **options: object) -> backend.Output:
        seen.append(1)
        return backend.Output(data=b"<svg/>")

    monkeypatch.setattr(backend, "layout", layout)
    draw(m, direction="down")  # not MapTooLarge: the layout is reached
    assert seen == [1]
    with pytest.raises(MapTooLarge):
        draw(_map(generate(3000)), direction="down")


def test_render_help_gives_the_cap_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    assert main(["render", "--help"]) == 0
    assert f"(default: {MAX_NODES};" in " ".join(capsys.readouterr().out.split())


def test_render_bench_reports_graphviz_phases() -> None:
    """bench/render_bench.py --phases reads Graphviz's own timing: each phase has a figure."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "render_bench.py"), "--phases", "10", "100"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    head, *rows = done.stdout.splitlines()
    assert (
        head.split()
        == "claims read other mincross crossings position pivots splines SVG layout".split()
    )
    assert [row.split()[0] for row in rows] == ["10", "100"]
    for row in rows:
        _, read, other, mincross, crossings, position, pivots, splines, svg, layout = row.split()
        assert all(f.endswith("s") for f in (read, other, mincross, position, splines, svg, layout))
        assert int(crossings) >= 0 and int(pivots) > 0  # the placement pivots at least once
