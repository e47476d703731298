"""Mermaid: nothing a map (or an imported AIF file) says becomes Mermaid configuration.

Mermaid reads a ``%%{init: ...}%%`` directive anywhere in a diagram, comments included, and
applies it (``theme``, ``themeCSS`` with an outside URL, ``flowchart.htmlLabels``...). argmap
writes the map's comments, sources and ids as ``%%`` comments and its texts as labels; every
one goes through :func:`argmap.interop.mermaid.escape`. Checked with the real Mermaid 11 parser
(tests/mermaid/parse.mjs), which reports the configuration a diagram sets.
"""

from __future__ import annotations

import json
import re

import attrs
import yaml

import argmap
from argmap.interop import aif, mermaid
from argmap.model import Comment
from argmap.teach.map_builder import MapBuilder, premise
from tests.interop.helpers import mermaid_parse

ATTACK = (
    '%%{init: {"theme": "dark", "themeCSS": ".node{background:url(https://evil.example/x)}"}}%%'
)
# Each way out of a comment or a label: a directive, its end, a new line, a Unicode line break.
SHAPES = [
    ATTACK,
    '}%%\n%%{init: {"flowchart": {"htmlLabels": true}}}%%',
    'x\n%%{init: {"fontFamily": "Evil"}}%%',
    'x\r%%{init: {"theme": "forest"}}%%',
    'x\u2028%%{init: {"theme": "neutral"}}%%\u2029',
    '%%{wrap}%%%%{ init : { "theme" : "base" } }%%',
    'x\nflowchart TD\n  evil["<img src=x onerror=alert(1)>"]',
]


def _map_saying(text: str) -> argmap.ArgumentMap:
    """A map that says ``text`` in every place the Mermaid writer puts user text: the title,
    a source, a comment, a claim and an implicit premise."""
    builder = MapBuilder(title=text)
    builder.source("s", text)
    top = builder.conclusion(text, sources=["s"])
    builder.reason(top, premise(text, implicit=True))
    # draft(): the model as importers make it, where a text may hold line breaks
    return attrs.evolve(builder.draft(), comments=(Comment(text=text),))


def _one_line(text: str) -> str:
    return re.sub("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]", " ", text)


def parsed_front_matter(diagram: str) -> object:
    head, rest = diagram.split("---\n", 2)[1:]
    assert rest.startswith("flowchart BT\n")
    return yaml.safe_load(head)


def test_the_parser_applies_a_directive_in_a_comment() -> None:
    """The oracle sees the attack: a directive inside a ``%%`` comment sets the configuration."""
    [parsed] = mermaid_parse([f'flowchart BT\n  %% #{ATTACK}\n  c1["Tea."]\n'])
    assert parsed["ok"], parsed["error"]
    assert parsed["config"]["theme"] == "dark"
    assert "evil.example" in parsed["config"]["themeCSS"]


def test_comments_sources_titles_and_labels_set_no_configuration() -> None:
    maps = [_map_saying(text) for text in SHAPES]
    diagrams = [mermaid.write(m).text for m in maps]
    for text, diagram in zip(SHAPES, diagrams, strict=True):
        assert "%%{" not in diagram and "}%%" not in diagram, text
        assert not any(
            line.strip().startswith(("evil", "flowchart TD")) for line in diagram.splitlines()
        )
    for m, parsed in zip(maps, mermaid_parse(diagrams), strict=True):
        assert parsed["ok"], parsed["error"]
        assert parsed["config"] == {}, parsed["config"]
        assert set(parsed["nodes"]) == {"c1", "c2", "g1"}  # no node of the attacker's
        # A label is one line: line breaks and control characters read as spaces.
        assert parsed["nodes"]["c1"]["text"] == _one_line(m.claims[0].text) + "s"
        assert parsed["nodes"]["c1"]["tags"] == ["br", "small"]
        # The title is the front matter's one YAML key (Mermaid reads it with js-yaml).
        front = parsed_front_matter(mermaid.write(m).text)
        assert front == {"title": m.title}


def test_an_aif_participant_name_sets_no_configuration() -> None:
    """AIF import -> Mermaid export: the speaker's name is a source's text (a comment) and
    the attribution under each claim (a label)."""
    m = argmap.parse("conclusion c: Tea is good. [s]\n  reason:\n    - It is warm.\n").map
    document = json.loads(aif.write(m).text)
    for person in document["participants"]:
        person["firstname"] = ATTACK
        person["surname"] = '}%%\n%%{init: {"theme": "forest"}}%%'
    imported = aif.read(json.dumps(document))
    assert imported.map is not None
    names = {source.text for source in imported.map.sources}
    assert any("%%{init" in name for name in names), names  # the name came through
    diagram = mermaid.write(imported.map).text
    assert "%%{" not in diagram
    [parsed] = mermaid_parse([diagram])
    assert parsed["ok"], parsed["error"]
    assert parsed["config"] == {}
