"""Ways out for large maps: drawing a map in parts (``--split``) and the fast layout."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pygraphviz
import pytest

import argmap
from argmap.cli import main
from argmap.model import ArgumentMap, Claim, Group
from argmap.render import MapTooLarge, Part, draw, split, to_dot
from tests.conftest import OPED, ROOT
from tests.render.test_render_cli import cli

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def _generated(claims: int) -> ArgumentMap:
    return argmap.parse(generate(claims)).map


def _drawn(m: ArgumentMap, part: Part) -> tuple[set[str], set[str], set[str]]:
    """The claims, the junctions and the 'continued' notes in a part's DOT."""
    graph = pygraphviz.AGraph(string=to_dot(m, part=part))
    kinds: dict[str, set[str]] = {"claim": set(), "junction": set(), "continued": set()}
    for node in graph.nodes():
        classes = (node.attr.get("class") or "").split()
        if "copy" in classes:  # a reused claim's copy in another frame: not a box of its own
            continue
        for kind, found in kinds.items():
            if kind in classes:
                found.add(str(node))
    return kinds["claim"], kinds["junction"], kinds["continued"]


@pytest.mark.parametrize(("claims", "size"), [(0, 12), (300, 60), (300, 1000)])
def test_parts_cover_the_map_once_and_hold_only_their_branch(claims: int, size: int) -> None:
    m = argmap.parse_file(OPED).map if claims == 0 else _generated(claims)
    parts = split(m, size)
    ids = [node for part in parts for node in part.nodes]
    assert sorted(ids) == sorted({node.id for node in m.nodes()})  # each node in one part
    assert parts[0].root == m.conclusions[0].id
    assert {cut for part in parts for cut in part.cuts} == {p.root for p in parts[1:]}
    for part in parts:
        claims_drawn, junctions, notes = _drawn(m, part)
        root = m.get(part.root)
        context = {m.target(root).id} if isinstance(root, Group) else set()  # type: ignore[union-attr]
        groups = [m.group(node) for node in part.nodes if isinstance(m.get(node), Group)]
        reused = {claim.id for group in groups for claim in m.premises(group)}
        # Its own claims, plus only the claims its groups reuse and the claim it bears on.
        own = {node for node in part.nodes if isinstance(m.get(node), Claim)}
        assert own <= claims_drawn <= own | reused | context
        assert {node for node in part.nodes if isinstance(m.get(node), Group)} <= junctions
        assert junctions <= part.nodes | set(part.cuts) | context
        assert notes == {f"{cut}~continued" for cut in part.cuts}
        if size >= 60:  # no single frame of these maps is that large
            assert len(part.nodes) <= size
    if size >= len(ids):
        assert len(parts) == 1 and to_dot(m, part=parts[0]).count("claim") > 0


def test_split_is_deterministic_and_small_maps_stay_whole() -> None:
    m = _generated(200)
    assert split(m, 50) == split(_generated(200), 50)
    assert [to_dot(m, part=p) for p in split(m, 50)] == [to_dot(m, part=p) for p in split(m, 50)]
    whole = split(m, 10_000)
    assert len(whole) == 1 and whole[0].cuts == ()
    with pytest.raises(ValueError, match="at least one"):
        split(m, 0)


def test_a_support_circle_still_gets_a_part() -> None:
    # Under --force: g stands under b, which g defines. Neither is under a root.
    m = argmap.parse("claim a: A.\nreason g for b:\n  b: B.\n").map
    parts = split(m, 5)
    assert [(p.root, sorted(p.nodes)) for p in parts] == [("a", ["a"]), ("b", ["b", "g"])]
    for part in parts:
        assert to_dot(m, part=part).startswith("digraph argmap {")


def test_a_part_is_drawn_by_graphviz_with_its_caption() -> None:
    m = argmap.parse_file(OPED).map
    top, *rest = split(m, 12)
    svg = draw(m, "svg", part=rest[0], timeout=None, isolate=False).data.decode()
    assert f"Part: {m.get(rest[0].root).kind.value} {rest[0].root}" in svg  # type: ignore[union-attr]
    svg = draw(m, "svg", part=top, timeout=None, isolate=False).data.decode()
    assert f"continued in part {top.cuts[0]}" in svg
    with pytest.raises(MapTooLarge, match="the part has"):
        draw(m, "svg", part=rest[0], max_nodes=2)


def test_too_large_points_at_the_ways_out() -> None:
    with pytest.raises(MapTooLarge) as found:
        draw(argmap.parse_file(OPED).map, "svg", max_nodes=5)
    assert "--split" in str(found.value)


def test_split_cli_files_check_and_stale(tmp_path: Path) -> None:
    shutil.copy(OPED, tmp_path / "oped.arg")
    done = cli("oped.arg", "--split", "--part-size", "12", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    m = argmap.parse_file(OPED).map
    names = [f"oped@{part.root}.svg" for part in split(m, 12)]
    assert sorted(p.name for p in tmp_path.glob("*.svg")) == sorted(names)
    first = {name: (tmp_path / name).read_bytes() for name in names}
    assert all(data.startswith(b"<?xml") for data in first.values())
    done = cli("oped.arg", "--split", "--part-size", "12", "--check", cwd=tmp_path)
    assert done.returncode == 0 and "up to date" in done.stderr
    # Deterministic: drawn again, the same bytes.
    assert (
        cli("oped.arg", "--split", "--part-size", "12", "--rewrite", cwd=tmp_path).returncode == 0
    )
    assert {name: (tmp_path / name).read_bytes() for name in names} == first
    # With the legend, each part is another drawing: stale for --check.
    done = cli("oped.arg", "--split", "--part-size", "12", "--legend", "--check", cwd=tmp_path)
    assert done.returncode == 1 and f"would redraw {names[0]}" in done.stderr
    (tmp_path / names[-1]).unlink()
    done = cli("oped.arg", "--split", "--part-size", "12", "--check", cwd=tmp_path)
    assert done.returncode == 1 and f"would draw {names[-1]}" in done.stderr


def test_split_cli_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tea.arg").write_text("conclusion tea: Tea is good.\n  reason:\n    - Warm.\n")
    assert main(["render", "tea.arg", "--split", "-f", "dot", "-o", "out/"]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["tea@tea.dot"]
    assert main(["render", "tea.arg", "--split", "-o", "-"]) == 2
    assert main(["render", "tea.arg", "--split", "--part-size", "0"]) == 2
    (tmp_path / "bad.arg").write_text("conclusion c: C.\n  reason for nothing:\n    - x\n")
    assert main(["render", "bad.arg", "--split"]) == 1  # errors: not drawn, as without --split
    assert not list(tmp_path.glob("bad*.svg"))
