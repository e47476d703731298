"""User text never becomes markup: hostile claims, titles and sources render as literal text.

Every test here draws with the real Graphviz and reads the SVG back with an XML parser.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise, Reference, Source
from argmap.render import render, to_dot
from argmap.render.text import clean, wrap

HOSTILE = Path(__file__).parent / "cases" / "hostile.arg"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _svg(m: ArgumentMap, **options: object) -> ET.Element:
    data = render(m, "svg", timeout=None, isolate=False, direction="down", **options)  # type: ignore[arg-type]
    return ET.fromstring(data)  # raises if the SVG is not well-formed XML


def _node(root: ET.Element, id: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("id") == id]
    assert len(found) == 1, f"one SVG group with id {id!r}"
    return found[0]


def _shown(node: ET.Element) -> list[str]:
    return [t.text or "" for t in node.iter(f"{SVG}text")]


def _tooltip(node: ET.Element) -> str | None:
    anchor = node.find(f".//{SVG}a")
    return None if anchor is None else anchor.get(f"{XLINK}title")


def _assert_literal(root: ET.Element, m: ArgumentMap) -> None:
    for claim in m.claims:
        node = _node(root, claim.id)
        shown = _shown(node)
        if claim.conclusion or claim.implicit:  # the header band comes first
            assert shown.pop(0) == ("CONCLUSION" if claim.conclusion else "UNSTATED PREMISE")
        # An unstated premise names only sources written on it (it is the mapper's).
        sources = (
            tuple(dict.fromkeys(r.id for r in claim.sources))
            if claim.implicit
            else m.attribution(claim)
        )
        body = shown[:-1] if sources else shown
        assert body == wrap(claim.text), claim.id
        if sources:
            assert shown[-1] == "\u2014 " + clean(", ".join(sources))
        assert _tooltip(node) == clean(claim.text)


def _assert_inert(root: ET.Element) -> None:
    """Nothing in the drawing can run, load or link: no script, no link, no image, no style."""
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("script", "image", "foreignObject", "use", "iframe", "style"), tag
        for name in element.attrib:
            local = name.split("}")[-1].lower()
            assert local not in ("href", "src", "style") and not local.startswith("on"), name


@pytest.fixture(scope="module")
def hostile() -> ArgumentMap:
    result = argmap.parse_file(HOSTILE)
    assert not [d for d in argmap.check(result) if d.severity is argmap.Severity.ERROR]
    return result.map


def test_hostile_claims_render_as_literal_text(hostile: ArgumentMap) -> None:
    root = _svg(hostile, legend=True)
    _assert_literal(root, hostile)
    _assert_inert(root)
    text = "\n".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert '<script>alert("title")</script> & "quotes" \\N \\G {braces}' in text  # the title
    assert "<b>bold</b> javascript:alert(1) ]; node [shape=none] &amp; \\" in text  # a source


def test_hostile_text_cannot_change_the_graph(hostile: ArgumentMap) -> None:
    """`]; node [...]`, `<...>` and backslashes stay inside their labels: no node is added."""
    graph = pygraphviz.AGraph(string=to_dot(hostile))
    expected = {c.id for c in hostile.claims} | {g.id for g in hostile.groups} | {"r~anchor"}
    assert set(graph.nodes()) == expected
    assert len(graph.edges()) == 2 + 2  # each group: one line in, one arrow out
    for claim in hostile.claims:
        assert graph.get_node(claim.id).attr["tooltip"] is not None


def test_trailing_backslash_and_escapes(hostile: ArgumentMap) -> None:
    root = _svg(hostile)
    last = hostile.claims[-1]
    assert last.text.endswith("\\")
    assert _shown(_node(root, last.id))[0] == "ends with a backslash \\"
    conclusion = _node(root, "c")
    assert "\\N \\G \\L \\n \\l \\r." in " ".join(_shown(conclusion))


# Every C0 control but NUL (refused by the parser) and the line breaks, then DEL, a C1 control,
# the Unicode line and paragraph separators and two non-characters.
CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r")
CONTROL += "\x7f\x85\u2028\u2029\ufffe\uffff"


def test_control_characters_cannot_break_out() -> None:
    # Through the parser (which refuses only NUL) ...
    parsed = argmap.parse(f"conclusion c: Control {CONTROL} end.\n").map
    # ... and in a map built by hand, which the parser would never make.
    built = ArgumentMap(
        title="Title\x00with\x1b[31mNUL\u2028",
        sources=(Source(id="s", text="Source\x00\ud800 end\\"),),
        claims=(
            Claim(
                id="c",
                text="NUL\x00 ESC\x1b[2J surrogate\udfff end\\",
                conclusion=True,
                sources=(Reference(id="s"),),
            ),
            Claim(id="p", text="\x00" * 3),
        ),
        groups=(Group(id="g", kind=Kind.REASON, target="c", premises=(Premise(id="p"),)),),
    )
    for m in (parsed, built):
        root = _svg(m, legend=True)
        _assert_literal(root, m)
        _assert_inert(root)
    shown = " ".join(_shown(_node(_svg(built), "c")))
    assert "NUL\u2400 ESC\u241b[2J surrogate\ufffd end\\" in shown


def test_wrapping_splits_very_long_words() -> None:
    word = "x" * 500
    m = argmap.parse(f"conclusion c: {word} end\n").map
    lines = _shown(_node(_svg(m), "c"))[1:]  # after the CONCLUSION header
    assert "".join(lines) == f"{word} end"
    assert max(len(line) for line in lines) == 38


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=120), title=st.text(max_size=40))
def test_any_text_is_literal(text: str, title: str) -> None:
    m = ArgumentMap(
        title=title or None,
        claims=(Claim(id="c", text=text, conclusion=True),),
    )
    root = _svg(m)
    _assert_literal(root, m)
    _assert_inert(root)
