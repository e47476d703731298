"""What must hold for any input, hostile or not: used by the catalogue and by the fuzzers."""

from __future__ import annotations

import functools
import re
import unicodedata

import pygraphviz

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Span
from argmap.read.layout import split_lines
from argmap.read.parser import ParseResult, parse
from argmap.render import to_dot
from tests.conftest import OPED

__all__ = [
    "DANGEROUS_ATTRIBUTES",
    "assert_dot_is_tame",
    "assert_messages_are_tame",
    "assert_positions_inside",
    "dot_attributes",
]

# Graphviz attributes that read files, emit links, or change the size of the work or the output.
# User text must never set any of them; argmap sets none of them either.
DANGEROUS_ATTRIBUTES = frozenset(
    {
        "image",
        "imagepath",
        "imagescale",
        "shapefile",
        "fontpath",
        "fontnames",
        "stylesheet",
        "URL",
        "href",
        "target",
        "labelURL",
        "labelhref",
        "labeltarget",
        "headURL",
        "headhref",
        "headtarget",
        "tailURL",
        "tailhref",
        "tailtarget",
        "edgeURL",
        "edgehref",
        "edgetarget",
        "size",
        "dpi",
        "resolution",
        "ratio",
        "viewport",
        "layers",
        "layerselect",
    }
)
_IMG = re.compile(r"<\s*img\b", re.IGNORECASE)
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def assert_positions_inside(result: ParseResult) -> None:
    """Every diagnostic has a 1-based position inside the text (or just past its end)."""
    lines = split_lines(result.text)
    for d in result.diagnostics:
        assert d.span is not None, d
        _inside(d.span, lines, d)
        for related in d.related:
            if related.span is not None:
                _inside(related.span, lines, d)


def _inside(span: Span, lines: list[str], d: Diagnostic) -> None:
    assert 1 <= span.line <= len(lines), (d, len(lines))
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (d, len(lines[span.line - 1]))
    assert (span.end_line, span.end_column) >= (span.line, span.column), d


def assert_messages_are_tame(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    """Messages and hints quote user text short, on one line, with nothing invisible in them."""
    for d in diagnostics:
        for text in (d.message, d.hint or ""):
            assert len(text) <= 400, (d.code, len(text), text[:100])
            assert "\n" not in text and "\r" not in text, (d.code, text[:100])
            assert not _INVISIBLE.search(text), (d.code, ascii(text[:200]))
            assert all(unicodedata.category(c) not in ("Zl", "Zp") for c in text), d.code


@functools.cache
def _benign_names() -> frozenset[tuple[str, str]]:
    return frozenset(dot_attributes(parse(OPED.read_text(encoding="utf-8")).map))


def dot_attributes(m: ArgumentMap) -> dict[tuple[str, str], list[str]]:
    """Every attribute the DOT of ``m`` sets, read back by Graphviz's own parser (pygraphviz):
    ``(where, name) -> [values]`` for where in graph, node, edge."""
    graph = pygraphviz.AGraph(string=to_dot(m))
    found: dict[tuple[str, str], list[str]] = {}

    def add(where: str, attrs: dict[str, str]) -> None:
        for name, value in attrs.items():
            if value != "":
                found.setdefault((where, name), []).append(value)

    pending = [graph]
    while pending:  # subgraphs nest; walk them with a list, not recursion
        g = pending.pop()
        add("graph", dict(g.graph_attr))
        add("node", dict(g.node_attr))
        add("edge", dict(g.edge_attr))
        pending.extend(g.subgraphs())
    for node in graph.nodes():
        add("node", dict(node.attr))
    for edge in graph.edges():
        add("edge", dict(edge.attr))
    return found


def assert_dot_is_tame(m: ArgumentMap) -> None:
    """The DOT parses back with Graphviz; no attribute is one user text could use to read a file
    or make a link; every attribute name is one argmap also sets for the benign op-ed map; and
    no HTML-like label holds an image."""
    found = dot_attributes(m)
    names = {name for _, name in found}
    assert not names & DANGEROUS_ATTRIBUTES, names & DANGEROUS_ATTRIBUTES
    unknown = set(found) - _benign_names()
    # The op-ed map has no title: a title adds the graph's label and labelloc.
    unknown -= {("graph", "label"), ("graph", "labelloc")}
    assert not unknown, unknown
    for (_, name), values in found.items():
        if name == "label":
            for value in values:
                assert not _IMG.search(value), value[:200]
