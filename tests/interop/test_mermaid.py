"""Mermaid output, checked with the real Mermaid parser (the npm package, under node)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.interop import mermaid
from argmap.model import ArgumentMap
from argmap.teach.map_builder import MapBuilder, premise
from tests.conftest import OPED, golden
from tests.interop.helpers import HERE_GOLDENS, TEXTS, mermaid_parse


def _expected_labels(m: ArgumentMap) -> dict[str, str]:
    """What a reader sees in each box: the text, then who says it."""
    out = {}
    for number, claim in enumerate(m.claims, start=1):
        out[f"c{number}"] = claim.text + ", ".join(m.attribution(claim))
    return out


def test_op_ed_is_valid_mermaid(update_goldens: bool) -> None:
    m = argmap.parse_file(OPED).map
    out = mermaid.write(m)
    assert out.diagnostics == ()
    golden(HERE_GOLDENS / "us-china-north-korea.mmd", out.text, update_goldens)
    [parsed] = mermaid_parse([out.text])
    assert parsed["ok"], parsed["error"]
    nodes = parsed["nodes"]
    assert len(nodes) == len(m.claims) + len(m.groups)
    for name, label in _expected_labels(m).items():
        assert nodes[name]["text"] == label
        assert set(nodes[name]["tags"]) <= {"br", "small"}
    assert nodes["c1"]["classes"] == ["conclusion"]
    # One arrow per group, to its target; one plain line per co-premise.
    arrows = [e for e in parsed["edges"] if e[2] == "arrow_point"]
    lines = [e for e in parsed["edges"] if e[2] == "arrow_open"]
    assert len(arrows) == len(m.groups)
    assert len(lines) == sum(len(g.premises) for g in m.groups)


def test_a_broken_diagram_is_rejected() -> None:
    """The parser in the test really parses: it refuses what Mermaid refuses."""
    [parsed] = mermaid_parse(['flowchart BT\n  c1["unclosed --> c2\n'])
    assert not parsed["ok"]


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(TEXTS, min_size=40, max_size=40))
def test_hostile_text_stays_text(texts: list[str]) -> None:
    """Quotes, brackets, entity codes, '%%{', HTML: each label reads back as the claim's text
    and never becomes markup. One batch of maps, one node run."""
    texts = [*texts, '"', "#quot;", "%%{init: {}}%%", "<script>x</script>", "a & b", "`md`"]
    diagrams, built = [], []
    for index in range(0, len(texts), 3):
        chunk = texts[index : index + 3]
        b = MapBuilder(title=chunk[0])
        b.source("s", "someone")
        top = b.conclusion(chunk[0], sources=["s"])
        for text in chunk[1:]:
            b.objection(top, premise(text, implicit=True))
        m = b.build()
        built.append(m)
        diagrams.append(mermaid.write(m).text)
    for m, parsed in zip(built, mermaid_parse(diagrams), strict=True):
        assert parsed["ok"], parsed["error"]
        for name, label in _expected_labels(m).items():
            node = parsed["nodes"][name]
            assert node["text"] == label
            assert set(node["tags"]) <= {"br", "small"}


def test_escape_covers_mermaid_and_html() -> None:
    escaped = mermaid.escape('"#&<>`%')
    assert re.fullmatch(r"(#\w+;)+", escaped)
