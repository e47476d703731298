"""The interactive page: a map as one self-contained HTML file (``argmap export -f html``).

The page holds the map's own Graphviz SVG, its text outline, its sources and its diagnostics,
written out as escaped HTML so that they read without any script; then the map as JSON in a
``<script type="application/json">`` block, and one small inline script (``page.js``, next to
this module) that adds pan and zoom, selection, search and the evaluation overlay. Nothing is
fetched: a Content-Security-Policy allows only that script and style (``page.css``), by hash.

>>> import argmap
>>> page = to_html(argmap.parse("conclusion c: Tea is good.").map, draw=False)
>>> page.startswith("<!DOCTYPE html>") and "'unsafe-inline'" not in page
True

User text never becomes markup or script: in HTML it is escaped (``&``, ``<``, ``>``, ``"``,
``'``), in the JSON block ``<``, ``>``, ``&`` and every character beyond Latin-1 (the line
separators U+2028/U+2029 among them) are written as ``\\u`` escapes (so no text can close the
block), the SVG is the one the hostile-input tests check, and the script only ever puts text in
the page as ``textContent``. The same map gives the same bytes.

:func:`fragment` is the page's body alone, for a page that holds several maps (the Markdown
extension, ``interactive`` option): each fragment carries its own copy of the style and script,
and the script works only inside the element that holds it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Claim, Group
from argmap.read import ParseResult, parse
from argmap.render.backend import TIMEOUT, RenderError
from argmap.render.text import clean
from argmap.version import __version__

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["CANVAS_FROM", "DATA_VERSION", "fragment", "policy", "script", "style", "to_html"]

DATA_VERSION = 2
"""The version of the JSON the page's script reads (the ``version`` key)."""

CANVAS_FROM = 150
"""From this many claims ``drawing="auto"`` paints the diagram on a canvas (:func:`to_html`)."""

DRAWINGS = ("auto", "svg", "canvas")

_WIDE = re.compile(r"[^\x00-\xff]")
_DRAWN = "av:drawn"  # the script's id in a page of its own (no claim's id has a colon)


@cache
def script() -> str:
    """The page's script (``argmap/render/page.js``), as it is inlined."""
    return resources.files("argmap.render").joinpath("page.js").read_text(encoding="utf-8")


@cache
def style() -> str:
    """The page's style sheet (``argmap/render/page.css``), as it is inlined."""
    return resources.files("argmap.render").joinpath("page.css").read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy() -> str:
    """The Content-Security-Policy of the page: nothing loads; only its own script and style
    run, named by their SHA-256 hashes."""
    return (
        f"default-src 'none'; script-src {_hash(script())}; style-src {_hash(style())}; "
        "base-uri 'none'; form-action 'none'"
    )


def to_html(
    source: ParseResult | ArgumentMap | str,
    *,
    evaluate: bool = False,
    diagnostics: tuple[Diagnostic, ...] | list[Diagnostic] | None = None,
    draw: bool = True,
    timeout: float | None = TIMEOUT,
    direction: str = "auto",
    drawing: str = "auto",
) -> str:
    """A map as one self-contained interactive HTML page.

    ``source`` is a map's text, a parse result or a map. The page shows ``diagnostics`` above
    the map (by default those :func:`argmap.check` finds; syntax errors too for text or a
    parse result); a map with errors is still drawn as far as it goes, under a notice saying
    so. ``evaluate`` turns the evaluation overlay on when the page opens (the reader can switch
    it either way). ``draw=False`` leaves the diagram out (the outline and details remain);
    ``timeout`` and ``direction`` lay the diagram out as in :func:`argmap.render.draw`.

    ``drawing`` says how the diagram goes in the page: ``"svg"`` inlines Graphviz's SVG, which
    reads without script; ``"canvas"`` carries the same laid-out shapes and text as compact
    data that the script paints on a ``<canvas>``, with one focusable stand-in per box for the
    keyboard and screen readers (a browser opens a map of a thousand claims drawn this way
    several times as fast as its SVG); ``"auto"`` (the default) takes the canvas from
    :data:`CANVAS_FROM` claims.
    """
    view = _View.of(
        source,
        diagnostics=diagnostics,
        evaluate=evaluate,
        draw=draw,
        timeout=timeout,
        direction=direction,
        drawing=drawing,
    )
    title = html.escape(clean(view.map.title or "Argument map"))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">\n'
        # Nothing is drawn until the page's script has run (its element, av:drawn, parsed): a
        # frame of the half-read page would lay out the outline for nothing.
        f'<link rel="expect" href="#{_DRAWN}" blocking="render">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="argmap {html.escape(__version__)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{style()}</style>\n"
        "</head>\n<body>\n"
        f"{view.body(standalone=True)}"
        "</body>\n</html>\n"
    )


def fragment(
    source: ParseResult | ArgumentMap | str,
    *,
    evaluate: bool = False,
    diagnostics: tuple[Diagnostic, ...] | list[Diagnostic] | None = None,
    prefix: str = "",
    timeout: float | None = TIMEOUT,
    direction: str = "auto",
    drawing: str = "auto",
) -> str:
    """The interactive view of a map as one ``<div>``, to put in a page beside others.

    ``prefix`` is put before the ids of the outline's entries and of the diagram, so that
    several maps on a page keep apart; ``drawing`` is as in :func:`to_html`.
    The style and the script come inline with it; the script finds its own ``<div>`` and
    nothing outside it.
    """
    view = _View.of(
        source,
        diagnostics=diagnostics,
        evaluate=evaluate,
        draw=True,
        timeout=timeout,
        prefix=prefix,
        direction=direction,
        drawing=drawing,
    )
    return f"<style>{style()}</style>\n{view.body(standalone=False)}"


@attrs.frozen(kw_only=True)
class _View:
    map: ArgumentMap
    diagnostics: tuple[Diagnostic, ...]
    evaluation: Evaluation | None
    evaluate: bool
    svg: str | None  # the diagram as SVG to inline ...
    shapes: dict[str, object] | None  # ... or as shapes for the script to paint
    problem: str | None  # why there is no diagram
    prefix: str = ""

    @classmethod
    def of(
        cls,
        source: ParseResult | ArgumentMap | str,
        *,
        diagnostics: tuple[Diagnostic, ...] | list[Diagnostic] | None,
        evaluate: bool,
        draw: bool,
        timeout: float | None,
        prefix: str = "",
        direction: str = "auto",
        drawing: str = "auto",
    ) -> _View:
        from argmap.checks import check
        from argmap.evaluation import evaluate as evaluate_map

        if drawing not in DRAWINGS:
            raise ValueError(f"drawing must be one of {', '.join(DRAWINGS)}, not {drawing!r}")
        if isinstance(source, str):
            source = parse(source)
        m = source.map if isinstance(source, ParseResult) else source
        found = tuple(check(source) if diagnostics is None else diagnostics)
        svg: str | None = None
        shapes: dict[str, object] | None = None
        problem: str | None = "This page was made without the diagram."
        if not m.claims:
            problem = "The map has no claims to draw."
        elif draw:
            svg, problem = _draw(m, timeout, prefix, direction)
            canvas = drawing == "canvas" or (drawing == "auto" and len(m.claims) >= CANVAS_FROM)
            if svg is not None and canvas:
                with contextlib.suppress(ValueError, ET.ParseError):  # else it stays SVG
                    shapes, svg = _shapes(svg), None
        return cls(
            map=m,
            diagnostics=found,
            evaluation=evaluate_map(m) if m.claims else None,
            evaluate=evaluate,
            svg=svg,
            shapes=shapes,
            problem=problem,
            prefix=prefix,
        )

    # The page ------------------------------------------------------------------------------

    def body(self, *, standalone: bool) -> str:
        m = self.map
        title = html.escape(clean(m.title)) if m.title else ""
        heading = (
            f'<h1 class="av-title">{title}</h1>\n'
            if standalone
            else f'<p class="av-title" role="heading" aria-level="2">{title}</p>\n'
        )
        mode = "page" if standalone else "embedded"
        parts = [
            f'<div class="argmap-view av-{mode}">\n',
            heading if title else "",
            self._diagnostics(),
            self._toolbar(),
            '<div class="av-body">\n',
            self._diagram(),
            '<div class="av-side">\n',
            '<section class="av-details" aria-live="polite" aria-label="Selected claim">\n'
            '<p class="av-hint">Select a claim in the drawing or the outline to see its full '
            "text, its sources, and what supports and opposes it.</p>\n</section>\n",
            self._outline(),
            self._sources(),
            "</div>\n</div>\n",
            self._legend(),
            f'<script type="application/json" class="av-data">{self._data()}</script>\n',
            f'<script id="{_DRAWN}">' if standalone else "<script>",
            f"{script()}</script>\n",
            "</div>\n",
        ]
        return "".join(parts)

    def _diagnostics(self) -> str:
        if not self.diagnostics:
            return ""
        errors = sum(d.severity is Severity.ERROR for d in self.diagnostics)
        if errors:
            drawn = (
                "The drawing and the outline below show what could be read; they may be "
                "incomplete or wrong until these are fixed."
            )
            head = f"This map has {_plural(errors, 'error')}. {drawn}"
            kind = "av-has-errors"
        else:
            head = f"{_plural(len(self.diagnostics), 'finding')} from argmap check:"
            kind = "av-has-warnings"
        rows = []
        for d in self.diagnostics:
            where = f"line {d.span.line}, column {d.span.column}" if d.span else "the whole map"
            rows.append(
                f'<li class="av-{d.severity.label}"><span class="av-code">{html.escape(d.code)}'
                f'</span> <span class="av-where">{where}</span>: '
                f"{html.escape(clean(d.message))}"
                + (f' <span class="av-fix">{html.escape(clean(d.hint))}</span>' if d.hint else "")
                + "</li>\n"
            )
        role = ' role="alert"' if errors else ""
        return (
            f'<section class="av-diagnostics {kind}" aria-label="Problems in this map"{role}>\n'
            f'<p class="av-diagnostics-head">{html.escape(head)}</p>\n'
            f"<ul>\n{''.join(rows)}</ul>\n</section>\n"
        )

    def _toolbar(self) -> str:
        checked = " checked" if self.evaluate else ""
        disabled = "" if self.evaluation is not None else " disabled"
        zoom = (
            '<button type="button" class="av-zoom-in" aria-label="Zoom in" title="Zoom in (+)">'
            "+</button>"
            '<button type="button" class="av-zoom-out" aria-label="Zoom out" title="Zoom out (-)">'
            "&#8722;</button>"
            '<button type="button" class="av-fit" title="Fit the map to the window (0)">'
            "Fit</button>"
            if self.svg is not None or self.shapes is not None
            else ""
        )
        return (
            '<div class="av-toolbar" role="toolbar" aria-label="Map controls" hidden>\n'
            f"{zoom}"
            f'<label class="av-switch"><input type="checkbox" class="av-evaluate"{checked}'
            f"{disabled}> Evaluation</label>"
            '<input type="search" class="av-search" placeholder="Search claims" '
            'aria-label="Search claim text" autocomplete="off">'
            '<span class="av-count" aria-live="polite"></span>\n</div>\n'
        )

    def _diagram(self) -> str:
        if self.svg is None and self.shapes is None:
            why = self.problem or ""
            return f'<div class="av-nodiagram" role="note">{html.escape(why)}</div>\n'
        # Painted: a canvas the script sizes and paints, and a list it fills with one
        # focusable stand-in per box (the keyboard's and screen readers' way to each claim).
        inside = (
            self.svg
            if self.svg is not None
            else '<canvas class="av-canvas" aria-hidden="true"></canvas>'
            '<div class="av-boxes" role="list" aria-label="Claims in the drawing"></div>'
            '<p class="av-needs-script">This drawing is painted by the page\'s script, which '
            "is not running; the outline holds the whole map.</p>"
        )
        painted = " av-painted" if self.svg is None else ""
        return (
            f'<div class="av-viewport{painted}" tabindex="0" role="group" '
            'aria-roledescription="diagram" '
            'aria-label="Diagram of the map. Drag or use the arrow keys to move it, + and - to '
            'zoom, 0 to fit; Tab moves through the claims.">\n'
            f"{inside}</div>\n"
        )

    def _outline(self) -> str:
        from argmap.write.outline import entries

        # A long outline lays out only the entries in sight (page.css, av-long).
        long = " av-long" if len(self.map.claims) >= CANVAS_FROM else ""
        out = [
            f'<nav class="av-outline{long}" aria-label="Outline of the map">\n<h2>Outline</h2>\n'
        ]
        listed = list(entries(self.map))
        sizes = _subtree_sizes([None if e.node is None else e.depth for e in listed])
        depth = -1
        for entry, size in zip(listed, sizes, strict=True):
            if entry.node is None:
                while depth >= 0:
                    out.append("</li>\n</ul>\n")
                    depth -= 1
                out.append(f'<p class="av-heading">{html.escape(clean(entry.label))}</p>\n')
                continue
            if entry.depth > depth:
                out.append('<ul class="av-tree">\n' * (entry.depth - depth))
            else:
                out.append("</li>\n")
                while depth > entry.depth:
                    out.append("</ul>\n</li>\n")
                    depth -= 1
            depth = entry.depth
            node = entry.node
            label = clean(entry.label)
            kind = "claim" if isinstance(node, Claim) else f"group {node.kind.value}"
            if isinstance(node, Claim) and node.conclusion and entry.depth == 0:
                label = "Conclusion: " + label
            anchor = html.escape(self.prefix + node.id)
            repeat = " av-repeat" if entry.repeat else ""
            out.append(
                # Out of sight, a long outline's item is as tall as its size class says.
                (f'<li class="av-s{min(size.bit_length(), 12)}">' if long else "<li>")
                + f'<a class="av-item {kind}{repeat}" href="#{anchor}" '
                f'data-node="{html.escape(node.id)}">{html.escape(label)}</a>'
                f"{html.escape(entry.note)}"
            )
        while depth >= 0:
            out.append("</li>\n</ul>\n")
            depth -= 1
        out.append("</nav>\n")
        return "".join(out)

    def _sources(self) -> str:
        m = self.map
        sources = [s for s in m.sources if m.source(s.id) is s]
        if not sources:
            return ""
        rows = "".join(
            f"<dt>{html.escape(s.id)}</dt><dd>{html.escape(clean(s.text))}</dd>\n" for s in sources
        )
        return (
            f'<details class="av-sources">\n<summary>Sources ({len(sources)})</summary>\n'
            f"<dl>\n{rows}</dl>\n</details>\n"
        )

    def _legend(self) -> str:
        return (
            '<p class="av-legend"><span class="av-key av-key-reason">because</span> a reason '
            'supports what it points at · <span class="av-key av-key-objection">but</span> an '
            'objection opposes it · <span class="av-key av-key-rebuttal">however</span> a '
            "rebuttal answers an objection · dashed: an unstated premise. Arrows point from the "
            "evidence up to what it bears on.</p>\n"
        )

    # The data ------------------------------------------------------------------------------

    def _data(self) -> str:
        m = self.map
        nodes: dict[str, dict[str, object]] = {}
        for node in m.nodes():
            if node.id in nodes or m.get(node.id) is not node:
                continue  # a second definition of an id: the first is the one drawn
            nodes[node.id] = self._node(node)
        evaluation = None
        e = self.evaluation
        if e is not None:
            evaluation = {
                node_id: [label.value, clean(e.explain(node_id))]
                for node_id, label in e.labels.items()
                if node_id in nodes
            }
        data = {
            "version": DATA_VERSION,
            "prefix": self.prefix,
            "evaluate": self.evaluate and e is not None,
            "nodes": nodes,
            "sources": {s.id: clean(s.text) for s in m.sources if m.source(s.id) is s},
            "evaluation": evaluation,
            "shapes": None if self.shapes is None else self._shared(nodes),
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # Every character beyond Latin-1 as a \u escape too (U+2028 and U+2029 among them):
        # Chromium reads a stretch of the page that is all Latin-1 as one byte a character,
        # and a single em dash in it would make it two (a fifth of a large page's opening).
        text = _WIDE.sub(lambda wide: json.dumps(wide[0])[1:-1], text)
        return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")

    def _shared(self, nodes: dict[str, dict[str, object]]) -> dict[str, object]:
        """The shapes, each line of a claim's box that is a piece of its text given as the
        length of that piece instead (the box's lines take the text in turn, spaces between
        them skipped; lengths in UTF-16 units, as the script counts): the text is in the page
        once, not twice."""
        assert self.shapes is not None
        items = []
        for item in self.shapes["items"]:  # type: ignore[attr-defined]
            node_id, names, bounds, drawn, lines = item
            classes = names.split()
            # The claim the script takes the box for (page.js: unprefixed, ids).
            own = node_id.startswith(self.prefix)
            node_id = node_id[len(self.prefix) :]
            if "copy" in classes:
                node_id = node_id.rsplit(":", 1)[-1]  # copy:GROUP:CLAIM
            node = nodes.get(node_id) if own and {"node", "claim"} <= set(classes) else None
            if node is None or node["kind"] != "claim":
                items.append(item)
                continue
            text = str(node["text"])
            at = 0
            shared = []
            for font, x, y, line in lines:
                start = len(text) - len(text[at:].lstrip(" "))
                if line and text.startswith(line, start):
                    at = start + len(line)
                    shared.append([font, x, y, len(line.encode("utf-16-le")) // 2])
                else:
                    shared.append([font, x, y, line])
            items.append([item[0], names, bounds, drawn, shared])
        return {**self.shapes, "items": items}

    def _node(self, node: Claim | Group) -> dict[str, object]:
        m = self.map
        found: dict[str, object] = {}
        if isinstance(node, Claim):
            found["kind"] = "claim"
            found["text"] = clean(node.text)
            if node.conclusion:
                found["conclusion"] = True
            if node.implicit:
                found["implicit"] = True
            found["in"] = [g.id for g in m.groups_using(node.id)]
        else:
            found["kind"] = node.kind.value
            found["text"] = clean(_describe(node))
            found["premises"] = [c.id for c in m.premises(node)]
            target = m.target(node)
            if target is not None:
                found["target"] = target.id
        found["by"] = [g.id for g in m.groups_targeting(node.id)]
        found["sources"] = list(m.attribution(node))
        if node.span is not None:
            found["line"] = node.span.line
        return found


def _subtree_sizes(depths: list[int | None]) -> list[int]:
    """How many entries each outline entry holds, itself included (``None``: a heading, which
    ends every list)."""
    sizes = [1] * len(depths)
    open_: list[int] = []  # the entries whose lists are still open, outermost first
    for index, depth in enumerate([*depths, None]):
        while open_ and (depth is None or depths[open_[-1]] >= depth):  # type: ignore[operator]
            done = open_.pop()
            sizes[done] = index - done
        if depth is not None and index < len(depths):
            open_.append(index)
    return sizes


def _describe(group: Group) -> str:
    """A group's name for a reader: ``Reason squeeze``, or ``Reason`` for a generated id."""
    name = group.kind.value.capitalize()
    return name if group.anonymous else f"{name} {group.id}"


def _draw(
    m: ArgumentMap, timeout: float | None, prefix: str, direction: str
) -> tuple[str | None, str | None]:
    """The map's SVG for the page (its title is the page's heading, so not drawn again), or
    why it could not be drawn."""
    from argmap.render import render

    try:
        data = render(
            attrs.evolve(m, title=None), "svg", timeout=timeout, prefix=prefix, direction=direction
        )
    except RenderError as error:
        return None, f"The diagram could not be drawn: {error}"
    svg = data.decode("utf-8")
    start = svg.find("<svg")
    # The prologue (XML declaration, DOCTYPE) has no place in HTML; comments only add bytes.
    return re.sub(r"<!--.*?-->\n?", "", svg[start:], flags=re.DOTALL), None


_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMANDS = re.compile(r"[^MCLZmclz\d\s,.eE+-]")  # Graphviz draws with M, C, L only


def _tenths(value: int) -> str:
    whole, tenth = divmod(abs(value), 10)
    return ("-" if value < 0 else "") + (f"{whole}.{tenth}" if tenth else str(whole))


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shapes(svg: str) -> dict[str, object]:
    """The laid-out drawing as compact data for the page's script to paint: Graphviz's shapes
    and text lines, each element under its id and classes, coordinates in the drawing's own
    units (the ``viewBox``) to a tenth, and each distinct look (fill, stroke, font) once.

    ``items`` are ``[id, classes, [x0, y0, x1, y1], shapes, lines]`` in the SVG's order (the
    order they are painted in); a shape is ``[look, path]`` (``[look, path, 1]`` for a polygon:
    an arrowhead, which highlighting leaves as it is), a line ``[font, x, y, text]``.
    """
    root = ET.fromstring(svg)
    box = [float(v) for v in (root.get("viewBox") or "0 0 0 0").split()]
    graph = root.find(_SVG + "g")
    shift = re.fullmatch(
        r".*translate\((\S+) (\S+)\)", graph.get("transform", "") if graph is not None else ""
    )
    sx, sy = (float(shift[1]), float(shift[2])) if shift else (0.0, 0.0)
    looks: dict[tuple[str | None, ...], int] = {}
    fonts: dict[tuple[str, ...], int] = {}
    items: list[list[object]] = []

    def path(d: str, points: list[float]) -> str:
        # Relative coordinates, in tenths counted as integers so that rounding never drifts,
        # and Graphviz's straight sides (a curve whose first control point is its start and
        # whose second is its end) as lines: a box's path shrinks from about 330 characters
        # to 75.
        segments: list[tuple[str, list[tuple[int, int]]]] = []  # m, c or l, absolute
        values: list[int] = []
        command = ""
        for token in re.finditer(r"[A-Za-z]|" + _NUMBER.pattern, d):
            word = token.group()
            if word.isalpha():
                command = word
                continue
            values.append(round((float(word) + (sy if len(values) % 2 else sx)) * 10))
            if len(values) % 2:
                continue
            points.extend((values[-2] / 10, values[-1] / 10))
            if command == "C" and len(values) < 6:
                continue  # a curve's points: two controls, then its end
            pairs = list(zip(values[::2], values[1::2], strict=True))
            segments.append((command.lower(), pairs))
            values = []
            if command == "M":
                command = "L"  # pairs after a move are lines
        out = []
        at = (0, 0)  # the current point, in tenths
        last = ""
        for kind, pairs in segments:
            if kind == "c" and pairs[0] == at and pairs[1] == pairs[2]:
                kind, pairs = "l", pairs[2:]
            out.append(kind if kind != last else "")
            out.append(" ".join(f"{_tenths(x - at[0])} {_tenths(y - at[1])}" for x, y in pairs))
            at, last = pairs[-1], "l" if kind == "m" else kind
        return re.sub(r" ?([a-z]) ?", r"\1", " ".join(filter(None, out)))

    def look(element: ET.Element) -> int:
        stroke = element.get("stroke")
        key = (
            None if element.get("fill") == "none" else element.get("fill", "black"),
            None if stroke in (None, "none") else stroke,
            element.get("stroke-width", "1"),
            element.get("stroke-dasharray"),
        )
        return looks.setdefault(key, len(looks))

    def read(group: ET.Element, *, top: bool) -> tuple[list[object], list[object], list[float]]:
        shapes: list[object] = []
        lines: list[object] = []
        points: list[float] = []
        for element in group.iter() if not top else list(group):
            tag = element.tag.removeprefix(_SVG)
            if tag == "path":
                d = element.get("d", "")
                if _COMMANDS.search(d):
                    raise ValueError(f"a path command this page does not paint: {d[:40]!r}")
                shapes.append([look(element), path(d, points)])
            elif tag == "polygon":
                if top and element.get("fill") == "white" and element.get("stroke") == "none":
                    continue  # the page's own background
                pairs = element.get("points", "").replace(",", " ").split()
                d = "M" + " ".join(f"{pairs[i]} {pairs[i + 1]}" for i in range(0, len(pairs), 2))
                shapes.append([look(element), path(d, points) + "Z", 1])
            elif tag == "text":
                font = (
                    element.get("font-style", "normal"),
                    element.get("font-weight", "normal"),
                    element.get("font-size", "14"),
                    element.get("font-family", "serif"),
                    element.get("fill", "black"),
                    element.get("text-anchor", "start"),
                )
                lines.append(
                    [
                        fonts.setdefault(font, len(fonts)),
                        float(_number(float(element.get("x", "0")) + sx)),
                        float(_number(float(element.get("y", "0")) + sy)),
                        element.text or "",
                    ]
                )
        return shapes, lines, points

    if graph is not None:
        for element in [graph, *graph.findall(_SVG + "g")]:
            shapes, lines, points = read(element, top=element is graph)
            if not shapes and not lines:
                continue
            xs, ys = points[0::2] or [0.0], points[1::2] or [0.0]
            bounds = [float(_number(v)) for v in (min(xs), min(ys), max(xs), max(ys))]
            items.append([element.get("id", ""), element.get("class", ""), bounds, shapes, lines])
    return {
        "box": [float(_number(v)) for v in box],
        "looks": [list(key) for key in looks],
        "fonts": [list(key) for key in fonts],
        "items": items,
    }


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
