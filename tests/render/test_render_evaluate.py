"""The evaluation overlay: IN / OUT / UNDECIDED badges and muted colours, in DOT, SVG, PNG and
from the CLI. Without ``evaluate`` the drawing is the one the other render tests pin down."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz
import pytest

import argmap
from argmap.evaluation import Label, evaluate
from argmap.model import ArgumentMap
from argmap.render import STATUSES, build, draw, fingerprint, render, stamp, to_dot
from argmap.render.text import clean, wrap
from tests.conftest import OPED, golden
from tests.render.test_render_cli import cli
from tests.render.test_render_security import _assert_inert

HERE = Path(__file__).parent
CASES = HERE / "cases"
GOLDENS = HERE / "goldens"
CYCLE = CASES / "evaluation.arg"  # OUT claims and groups, and an attack cycle left UNDECIDED
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
WORDS = {"IN", "OUT", "UNDECIDED"}


def _load(path: Path) -> ArgumentMap:
    result = argmap.parse_file(path)
    assert not [d for d in argmap.check(result) if d.severity is argmap.Severity.ERROR]
    return result.map


@pytest.mark.parametrize(
    "path", [OPED, CYCLE, CASES / "undercut.arg", CASES / "hostile.arg"], ids=lambda p: p.stem
)
def test_golden_dot_with_the_overlay(path: Path, update_goldens: bool) -> None:
    m = _load(path)
    golden(GOLDENS / f"{path.stem}.evaluate.dot", to_dot(m, evaluate=True), update_goldens)
    if path == CYCLE:
        dot = to_dot(m, evaluate=True, legend=True)
        golden(GOLDENS / f"{path.stem}.evaluate.legend.dot", dot, update_goldens)


@pytest.mark.parametrize("path", [*sorted(CASES.glob("*.arg")), OPED], ids=lambda p: p.stem)
def test_without_the_overlay_nothing_changes(path: Path) -> None:
    m = _load(path)
    plain = to_dot(m)
    assert to_dot(m, evaluate=False) == plain
    for word in WORDS:
        assert f"&#160;{word}&#160;" not in plain
    assert to_dot(m, evaluate=True) != plain
    assert fingerprint(m, evaluate=True) != fingerprint(m)  # a plain drawing is stale


def _classes(item: pygraphviz.ItemAttribute) -> set[str]:
    return set((item.get("class") or "").split())


@pytest.mark.parametrize("path", [OPED, CYCLE], ids=lambda p: p.stem)
def test_every_node_has_its_label_badge_and_colours(path: Path) -> None:
    m = _load(path)
    e = evaluate(m)
    graph = pygraphviz.AGraph(string=to_dot(m, evaluate=True))
    for node in m.nodes():
        label = e.label(node.id)
        attr = graph.get_node(node.id).attr
        status = STATUSES[label.value]
        assert label.value in _classes(attr), node.id
        # The badge: the label's word, the second signal besides colour.
        assert f"<B>&#160;{status.word}&#160;</B>" in attr["label"], node.id
        assert f'BGCOLOR="{status.badge}"' in attr["label"]
        others = WORDS - {status.word}
        assert not any(f"&#160;{w}&#160;" in attr["label"] for w in others)
        tooltip = attr["tooltip"]
        if label is Label.IN:
            assert "\\n" not in tooltip  # IN: the tooltip is as without the overlay
        else:
            assert tooltip.endswith("\\n" + e.explain(node.id).replace("&", "&amp;"))
        if node in m.claims and label is not Label.IN:
            assert attr["fillcolor"] == STATUSES[label.value].fill
            assert attr["color"] == STATUSES[label.value].border
    for group in m.groups:
        label = e.label(group.id)
        arrow = next(a for a in graph.out_edges(group.id) if a.attr["id"] == f"arrow:{group.id}")
        assert label.value in _classes(arrow.attr)
        if label is Label.OUT:  # faded, and the pill hollow
            assert len(arrow.attr["color"]) == 9 and arrow.attr["color"].endswith("80")
            assert graph.get_node(group.id).attr["fillcolor"] == "white"
        elif label is Label.UNDECIDED:
            assert arrow.attr["style"] == "dashed"
        else:
            assert not arrow.attr.get("style")


def test_the_caption_counts_labels_and_names_cycles() -> None:
    oped = to_dot(_load(OPED), evaluate=True)
    assert "Evaluation (grounded): 27 IN, 4 OUT, 0 UNDECIDED<" in oped
    assert "attack cycle" not in oped
    cycle = to_dot(_load(CYCLE), evaluate=True)
    assert "9 IN, 3 OUT, 6 UNDECIDED; undecided because of attack cycles" in cycle
    untitled = argmap.parse("conclusion c: Tea.\n").map
    assert "Evaluation (grounded): 1 IN, 0 OUT, 0 UNDECIDED" in to_dot(untitled, evaluate=True)


def test_a_second_definition_gets_no_badge() -> None:
    """A claim and a group with one id (an error the user may --force past): only the first
    definition is evaluated, so the other is drawn without a badge rather than with a wrong one."""
    m = argmap.parse("conclusion x: Tea.\n  reason x:\n    - Warm.\n").map
    graph = pygraphviz.AGraph(string=to_dot(m, evaluate=True))
    assert "in" in _classes(graph.get_node("x").attr)
    group = graph.get_node("x~2").attr
    assert _classes(group) == {"junction", "reason"} and "&#160;" not in group["label"]


def test_build_and_to_dot_agree() -> None:
    m = _load(CYCLE)
    assert build(m, evaluate=True).source == to_dot(m, evaluate=True)


# Real drawings --------------------------------------------------------------------------------


def _by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("id")}


def test_svg_shows_badges_and_keeps_the_text() -> None:
    m = _load(CYCLE)
    e = evaluate(m)
    data = render(m, "svg", evaluate=True, direction="down")  # boxes wrapped at WRAP
    root = ET.fromstring(data)
    nodes = _by_id(root)
    for node in m.nodes():
        element = nodes[node.id]
        label = e.label(node.id)
        assert label.value in (element.get("class") or "").split()
        shown = [t.text or "" for t in element.iter(f"{SVG}text")]
        badge = STATUSES[label.value].word
        assert [s for s in shown if s.strip("\xa0") in WORDS] == [f"\xa0{badge}\xa0"]
        anchor = element.find(f".//{SVG}a")
        assert anchor is not None
        title = anchor.get(f"{XLINK}title") or ""
        if label is not Label.IN:
            assert title.endswith("\n" + e.explain(node.id))
    for claim in m.claims:  # the claim's text is all there, wrapped as without the overlay
        shown = [t.text or "" for t in nodes[claim.id].iter(f"{SVG}text")]
        assert [s for s in shown if s in wrap(claim.text)] == wrap(claim.text)
    assert data == render(m, "svg", evaluate=True, direction="down"), "deterministic"
    assert stamp.read(data, "svg") == fingerprint(m, "svg", evaluate=True, direction="down")


def test_png_and_the_op_ed_draw() -> None:
    m = _load(OPED)
    drawing = draw(m, "png", evaluate=True, legend=True)
    assert drawing.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert drawing.messages == ()  # no Graphviz warning about the badges' tables
    assert stamp.read(drawing.data, "png") == drawing.fingerprint


def test_hostile_text_in_tooltips_stays_literal() -> None:
    m = _load(CASES / "hostile.arg")
    e = evaluate(m)
    root = ET.fromstring(render(m, "svg", evaluate=True, legend=True))
    nodes = _by_id(root)
    assert e.label("c") is Label.OUT  # the objection stands: the explanation follows the text
    for claim in m.claims:
        anchor = nodes[claim.id].find(f".//{SVG}a")
        assert anchor is not None
        expected = clean(claim.text)
        if e.label(claim.id) is not Label.IN:
            expected += "\n" + e.explain(claim.id)
        assert anchor.get(f"{XLINK}title") == expected
    _assert_inert(root)
    # A text ending in a backslash, then the explanation on its own line.
    m = argmap.parse(
        "conclusion c: Tea \\\\\n  reason r:\n    - Warm \\\\n\n  objection o:\n    - Cold \\\\\n"
    ).map
    e = evaluate(m)
    assert e.label("c") is Label.OUT
    root = ET.fromstring(render(m, "svg", evaluate=True))
    nodes = _by_id(root)
    anchor = nodes["c"].find(f".//{SVG}a")
    assert anchor is not None
    assert anchor.get(f"{XLINK}title") == m.claim("c").text + "\n" + e.explain("c")
    assert m.claim("c").text.endswith("\\")


# The command line ---------------------------------------------------------------------------


def test_cli_evaluate_draws_the_overlay_and_redraws_without(tmp_path: Path) -> None:
    shutil.copy(CYCLE, tmp_path / "school.arg")
    done = cli("school.arg", "--evaluate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "school.svg").read_bytes()
    root = ET.fromstring(svg)
    later = _by_id(root)["later"]
    assert "undecided" in (later.get("class") or "").split()
    assert "\xa0UNDECIDED\xa0" in [t.text for t in later.iter(f"{SVG}text")]
    again = cli("school.arg", "--evaluate", "--check", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # up to date
    plain = cli("school.arg", "--check", cwd=tmp_path)
    assert plain.returncode == 1  # a plain drawing is another drawing
    assert "would redraw school.svg" in plain.stderr


def test_same_overlay_across_hash_seeds() -> None:
    import hashlib

    from tests.conftest import outputs_across_hash_seeds

    script = (
        "import hashlib, sys, argmap\n"
        "m = argmap.parse_file(sys.argv[1]).map\n"
        "dot = argmap.to_dot(m, evaluate=True, legend=True).encode()\n"
        "svg = argmap.render(m, 'svg', evaluate=True)\n"
        "print(hashlib.sha256(dot).hexdigest(), hashlib.sha256(svg).hexdigest())\n"
    )
    seen = outputs_across_hash_seeds("-c", script, str(CYCLE))
    expected = hashlib.sha256(to_dot(_load(CYCLE), evaluate=True, legend=True).encode())
    assert len(seen) == 1 and seen.pop().split()[0] == expected.hexdigest()
