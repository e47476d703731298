"""Every writer, fuzzed with hostile text: the output parses as its format and carries the text
only as text.

The strings mix control characters (NUL, ESC sequences, CR, LF, DEL, NEL, U+2028), the
directives and markup of each format (``%%{init}%%``, ``}%%``, ``{: onclick=...}``, ``<script>``,
``]]>``, ``-->``, quotes, ``&``, DOT's ``\\N``), bidi and zero-width characters. They go into
the title, a source, a comment, claims and implicit premises of maps built with the model API
(as importers build them, line breaks and all), and into file names for the reports. Writers:
Mermaid (the real Mermaid parser), Markdown (the real Python-Markdown), DOT (Graphviz's own
parser), SVG (XML, tests/hostile/svg_safety.py), the HTML page (tests/hostile/page_safety.py),
argmap's JSON, and the text, GitHub and SARIF reports.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import attrs
import pygraphviz
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import argmap
from argmap import render
from argmap.interop import mermaid
from argmap.model import ArgumentMap, Comment
from argmap.render import page
from argmap.report import FileReport, render_report, shown_path
from argmap.teach.map_builder import MapBuilder, premise
from argmap.write import json_io
from argmap.write.outline import to_markdown
from tests.hostile import page_safety, svg_safety
from tests.hostile.invariants import assert_dot_is_tame
from tests.hostile.test_injection_ci import GITHUB, _assert_tame
from tests.hostile.test_injection_markdown import _page, _safe
from tests.interop.helpers import mermaid_parse

PIECES = [
    *"ab <>&\"'`{}[]#%:;,|\\*_~^=+$@!",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "é",
    "字",
    "😀",
    '%%{init: {"theme": "dark"}}%%',
    "}%%",
    "{: onclick=alert(1) }",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "-->",
    "<!--",
    "\\N",
    "\\G",
    "::error::x",
    "##[error]",
    "javascript:alert(1)",
]
TEXTS = (
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8)
    .map("".join)
    .filter(lambda t: t.strip() != "")
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _hostile_map(title: str, source: str, comment: str, texts: list[str]) -> ArgumentMap:
    b = MapBuilder(title=title)
    b.source("s", source)
    top = b.conclusion(texts[0], sources=["s"])
    for index, text in enumerate(texts[1:]):
        if index % 2:
            b.objection(top, premise(text))
        else:
            b.reason(top, premise(text, implicit=True), premise(texts[0] + "2"))
    return attrs.evolve(b.draft(), comments=(Comment(text=comment),))


MAPS = st.builds(_hostile_map, TEXTS, TEXTS, TEXTS, st.lists(TEXTS, min_size=1, max_size=4))


def _one_line(text: str) -> str:
    return re.sub("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]", " ", text)


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(MAPS, min_size=40, max_size=40))
def test_mermaid(maps: list[ArgumentMap]) -> None:
    """One batch for one node run: no configuration, no node but argmap's, each label the
    claim's text (on one line)."""
    diagrams = [mermaid.write(m).text for m in maps]
    for m, diagram, parsed in zip(maps, diagrams, mermaid_parse(diagrams), strict=True):
        assert "%%{" not in diagram and "}%%" not in diagram
        assert parsed["ok"], (parsed["error"], diagram)
        assert parsed["config"] == {}
        assert len(parsed["nodes"]) == len(m.claims) + len(m.groups)
        for number, claim in enumerate(m.claims, start=1):
            node = parsed["nodes"][f"c{number}"]
            who = ", ".join(m.attribution(claim))
            assert node["text"] == _one_line(claim.text) + who
            assert set(node["tags"]) <= {"br", "small"}


@FUZZ
@given(MAPS)
def test_markdown(m: ArgumentMap) -> None:
    page_ = _page(to_markdown(m))
    _safe(page_)
    assert page_.texts[0] == " ".join((m.title or "").split())
    assert page_.texts[1].startswith("Conclusion: " + " ".join(m.claims[0].text.split()))


@FUZZ
@given(MAPS)
def test_dot(m: ArgumentMap) -> None:
    assert_dot_is_tame(m)
    graph = pygraphviz.AGraph(string=argmap.to_dot(m))
    assert len(graph.nodes()) >= len(m.claims)


def _visible(text: str) -> str:
    """A text as a drawing and the page show it: C0 controls as their Unicode pictures (a tab
    as a space, DEL as U+2421), C1 controls as U+FFFD, line and paragraph separators as
    spaces."""
    out = []
    for char in text:
        code = ord(char)
        if char == "\t" or char in "\u2028\u2029":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0:
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(MAPS)
def test_svg(m: ArgumentMap) -> None:
    data = render.draw(m, "svg").data
    svg_safety.assert_safe(data)
    root = ET.fromstring(data)
    # Boxes wrap lines anywhere there is a space (or in a long word): compare without spaces.
    shown = "".join("".join(root.itertext()).split())
    for claim in m.claims:
        assert "".join(_visible(claim.text).split()) in shown, (claim.text, shown)


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(MAPS)
def test_html_page(m: ArgumentMap) -> None:
    for drawing in ("svg", "canvas"):  # the drawing inline, or as shapes the script paints
        document = page.to_html(m, drawing=drawing)
        page_safety.assert_safe(document)
        assert ("<svg" in document) == (drawing == "svg" and bool(m.claims))  # shapes read
        data = json.dumps(page_safety.data(document), ensure_ascii=False)
        for claim in m.claims:
            text = json.dumps(" ".join(_visible(claim.text).split()), ensure_ascii=False)
            assert text[1:-1] in data


@FUZZ
@given(MAPS)
def test_json(m: ArgumentMap) -> None:
    text = json_io.to_json(m)
    data = json.loads(text)
    assert [c["text"] for c in data["claims"]] == [c.text for c in m.claims]
    assert data["title"] == m.title


NAMES = st.lists(
    st.sampled_from([*PIECES, "\udcff", "x.arg", "/", " "]), min_size=1, max_size=6
).map("".join)


@FUZZ
@given(st.lists(NAMES, min_size=1, max_size=3, unique=True), TEXTS)
@example(names=["/\x00"], text="a")  # found by the fuzzer: SARIF looked the name up and raised
def test_reports(names: list[str], text: str) -> None:
    """Hostile file names and map text in every report: the text report and GitHub's commands
    start no command of their own and hold no control character; JSON and SARIF parse."""
    source = f"conclusion c: {' '.join(_one_line(text).split()) or 'x'}\n  reason:\n    @warm\n"
    result = argmap.parse(source)
    diagnostics = argmap.check(result)
    reports = [FileReport(path=name, text=result.text, diagnostics=diagnostics) for name in names]
    shown = render_report(reports, "text")
    _assert_tame(shown)
    for name in names:
        assert f"{shown_path(name)}:" in shown
    github = render_report(reports, "github")
    _assert_tame(github, github=True)
    assert all(GITHUB.fullmatch(line) for line in github.splitlines())
    for format in ("json", "sarif"):
        out = render_report(reports, format)
        out.encode("utf-8")  # no lone surrogate left
        json.loads(out)
