"""Argument diagrams: a map as DOT (pure), laid out and drawn by Graphviz (SVG, PNG, PDF).

>>> import argmap
>>> m = argmap.parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n").map
>>> argmap.render.to_dot(m).startswith("digraph argmap {")
True
>>> argmap.render.render(m, "svg").startswith(b"<?xml")
True

``argmap.render`` is this module and can also be called as the function :func:`render`, so
``argmap.render(m)`` and ``argmap.render.render(m)`` are the same.
"""

from __future__ import annotations

import re
import sys
import types

import attrs

from argmap.model import ArgumentMap
from argmap.render import backend, stamp
from argmap.render.backend import (
    DPI,
    ENGINES,
    TIMEOUT,
    EngineError,
    LayoutTimeout,
    RenderError,
)
from argmap.render.dot import STATUSES, WRAP_RIGHT, build, to_dot
from argmap.render.split import PART_SIZE, Part, split
from argmap.render.text import WRAP

__all__ = [
    "AUTO",
    "AUTO_LIMIT",
    "DIRECTIONS",
    "DPI",
    "ENGINES",
    "FORMATS",
    "MAX_NODES",
    "PART_SIZE",
    "STATUSES",
    "TIMEOUT",
    "Drawing",
    "EngineError",
    "LayoutTimeout",
    "MapTooLarge",
    "Part",
    "Plan",
    "RenderError",
    "build",
    "draw",
    "embed",
    "fingerprint",
    "plan",
    "render",
    "split",
    "to_dot",
]

FORMATS = ("svg", "png", "pdf", "dot")
DIRECTIONS = ("auto", "down", "right")
"""``down``: the conclusion on top, evidence below. ``right``: the conclusion on the left,
evidence to its right, siblings stacked in a column. ``auto`` (the default): the layouts of
:data:`AUTO` are tried and the one that reads best in a 1,000 px page column is drawn
(docs/rendering.md)."""
AUTO = (
    ("down", WRAP),
    ("right", WRAP_RIGHT),
    ("right", 20),
    ("right", 18),
    ("right", 16),
    ("right", 14),
)
"""What ``auto`` tries, in order: (direction, characters per line in a box). Drawn right, the
width of a deep map is its levels side by side, each as wide as its widest box, so narrower
boxes are what brings it into a column. They are tried only while none before them fits the
column at natural size, and the last two (from :data:`argmap.render._worker.NARROW`) only
while none before them has 9 px text (:func:`argmap.render._worker.pick`)."""
AUTO_LIMIT = 400
"""The most claims and groups for which ``auto`` tries the layouts of :data:`AUTO`; a larger
map is drawn ``down`` (no page column holds it anyway, and every layout of it takes seconds)."""
MAX_NODES = 4000
"""The most claims and groups a map may have to be laid out (``-f dot`` has no limit), so that
an untrusted map cannot keep a machine busy for long (the layout time limit, :data:`TIMEOUT`,
stops the rest). Layout time grows faster than the map: 2,000 claims (3,075 claims and groups)
take about 5 s, 5,000 about a minute, and the worst shape under the cap (one claim with 1,999
reasons) about 13 s (bench/render_bench.py, docs/rendering.md); such a picture cannot be read
on one page anyway. A larger map can be drawn in parts (:func:`split`)."""


class MapTooLarge(RenderError):
    """The map has more claims and groups than :data:`MAX_NODES` (or the limit given)."""


@attrs.frozen(kw_only=True)
class Drawing:
    """A drawn map: the bytes to write, their fingerprint, and anything Graphviz said."""

    format: str
    data: bytes
    fingerprint: str
    messages: tuple[str, ...] = ()
    direction: str = "down"
    """The direction it was drawn in (what ``auto`` chose)."""
    wrap: int = WRAP
    """The characters per line in its boxes (what ``auto`` chose)."""


@attrs.frozen(kw_only=True)
class Plan:
    """What :func:`draw` lays out for a map, before any layout: the candidate layouts (one, or
    those of :data:`AUTO`), their DOT texts, and the fingerprint the drawing will carry.

    Made by :func:`plan`; :meth:`draw` draws it. Building the DOT is a noticeable share of a
    large map's drawing (about 0.08 s at 2,000 claims), so a caller that needs the fingerprint
    first (``argmap render``, to leave an up-to-date diagram alone) builds it once."""

    format: str
    layouts: tuple[tuple[str, int], ...]
    """(direction, characters per line) of each candidate, in the order ``auto`` tries them."""
    dots: tuple[str, ...]
    fingerprint: str
    size: int
    """The claims and groups drawn (of the part, with one)."""
    part: bool = False
    dpi: int = DPI

    def draw(
        self,
        *,
        engine: str = "bundled",
        timeout: float | None = TIMEOUT,
        isolate: bool = True,
        max_nodes: int | None = MAX_NODES,
        layout: tuple[str, int] | None = None,
    ) -> Drawing:
        """Lay out and draw (the options are :func:`draw`'s). ``layout``, one of
        :attr:`layouts`, draws that candidate without choosing: what ``--check`` does with the
        choice recorded in an ``auto`` SVG (:func:`argmap.render.stamp.read_layout`), so that
        a machine whose fonts would make ``auto`` choose another layout still finds the
        diagram up to date. The fingerprint stays the plan's, and the choice is recorded
        again."""
        if self.format == "dot":
            return Drawing(
                format="dot", data=self.dots[0].encode("utf-8"), fingerprint=self.fingerprint
            )
        if max_nodes is not None and self.size > max_nodes:
            what = "the part" if self.part else "the map"
            raise MapTooLarge(
                f"{what} has {self.size} claims and groups, more than the {max_nodes} argmap "
                "lays out (a layout that size takes minutes and cannot be read on one page). "
                "Draw it in parts with --split, raise the limit with --max-nodes, or write the "
                "DOT with -f dot"
            )
        indexes = list(range(len(self.layouts)))
        if layout is not None:
            if layout not in self.layouts:
                raise ValueError(f"{layout!r} is not one of this plan's layouts")
            indexes = [self.layouts.index(layout)]
        output = backend.layout(
            [self.dots[index] for index in indexes],
            self.format,
            engine=engine,
            timeout=timeout,
            isolate=isolate,
            dpi=self.dpi,
        )
        chosen = self.layouts[indexes[output.chosen]]
        # Only a choice among several depends on the machine (its fonts): only that is recorded.
        recorded = chosen if len(self.layouts) > 1 else None
        return Drawing(
            format=self.format,
            data=stamp.write(output.data, self.format, self.fingerprint, recorded),
            fingerprint=self.fingerprint,
            messages=output.messages,
            direction=chosen[0],
            wrap=chosen[1],
        )


def plan(
    m: ArgumentMap,
    format: str = "svg",
    *,
    legend: bool = False,
    dpi: int = DPI,
    evaluate: bool = False,
    part: Part | None = None,
    direction: str = "auto",
    prefix: str = "",
) -> Plan:
    """What :func:`draw` would lay out, with its fingerprint, built without a layout (the
    options are :func:`draw`'s)."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    layouts = _candidates(m, part, direction, format)
    dots = tuple(_dot(m, legend, evaluate, part, prefix, layout) for layout in layouts)
    return Plan(
        format=format,
        layouts=layouts,
        dots=dots,
        fingerprint=stamp.fingerprint("\0".join(dots), format, dpi),
        size=len(part.nodes) if part is not None else len(m.claims) + len(m.groups),
        part=part is not None,
        dpi=dpi,
    )


def fingerprint(
    m: ArgumentMap,
    format: str = "svg",
    *,
    legend: bool = False,
    dpi: int = DPI,
    evaluate: bool = False,
    part: Part | None = None,
    direction: str = "auto",
    prefix: str = "",
) -> str:
    """The fingerprint :func:`draw` would store in this drawing, computed without a layout."""
    options = {"legend": legend, "evaluate": evaluate, "part": part, "prefix": prefix}
    return plan(m, format, dpi=dpi, direction=direction, **options).fingerprint  # type: ignore[arg-type]


def _candidates(
    m: ArgumentMap, part: Part | None, direction: str, format: str
) -> tuple[tuple[str, int], ...]:
    """The layouts to choose from, (direction, wrap): one, or for ``auto`` those of :data:`AUTO`."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: choose one of {', '.join(DIRECTIONS)}")
    if direction != "auto":
        return ((direction, WRAP if direction == "down" else WRAP_RIGHT),)
    size = len(part.nodes) if part is not None else len(m.claims) + len(m.groups)
    # -f dot writes DOT without a layout, so it cannot choose: it is the top-down one.
    return AUTO if format != "dot" and size <= AUTO_LIMIT else AUTO[:1]


def _dot(
    m: ArgumentMap,
    legend: bool,
    evaluate: bool,
    part: Part | None,
    prefix: str,
    layout: tuple[str, int],
) -> str:
    direction, wrap = layout
    return to_dot(
        m,
        legend=legend,
        evaluate=evaluate,
        part=part,
        direction=direction,
        wrap=wrap,
        prefix=prefix,
    )


def draw(
    m: ArgumentMap,
    format: str = "svg",
    *,
    legend: bool = False,
    engine: str = "bundled",
    timeout: float | None = TIMEOUT,
    isolate: bool = True,
    max_nodes: int | None = MAX_NODES,
    dpi: int = DPI,
    evaluate: bool = False,
    part: Part | None = None,
    direction: str = "auto",
    prefix: str = "",
) -> Drawing:
    """Draw a map as ``format`` (one of :data:`FORMATS`) and say what Graphviz reported.

    ``engine`` is ``"bundled"`` (the Graphviz in the pygraphviz wheel) or ``"system"`` (``dot``
    on ``PATH``). ``timeout`` limits the layout, in seconds (``None``: no limit); the layout
    runs in a child process that is killed at the limit, or in this process with
    ``isolate=False`` (no limit then). A map with more than ``max_nodes`` claims and groups
    raises :class:`MapTooLarge` before any layout starts. Other failures raise
    :class:`LayoutTimeout` or :class:`EngineError`; all three are :class:`RenderError`.
    ``evaluate`` adds the evaluation overlay: every claim and group badged IN, OUT or
    UNDECIDED (the grounded labelling of :func:`argmap.evaluation.evaluate`), OUT greyed and
    UNDECIDED amber, with the reason in the tooltip. ``part`` draws one part of the map (from
    :func:`split`; ``max_nodes`` then counts the part's claims and groups). ``direction`` is
    one of :data:`DIRECTIONS` (``auto`` draws whichever layout of :data:`AUTO` reads best in a
    1,000 px column; ``-f dot`` gets the ``down`` DOT, since it has no layout to choose by).
    ``prefix`` goes before every ``id`` in the drawing (see :func:`embed`). The same as
    ``plan(m, format, ...).draw(...)`` (:class:`Plan`).
    """
    drawn = plan(
        m,
        format,
        legend=legend,
        dpi=dpi,
        evaluate=evaluate,
        part=part,
        direction=direction,
        prefix=prefix,
    )
    return drawn.draw(engine=engine, timeout=timeout, isolate=isolate, max_nodes=max_nodes)


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="[\d.]+pt"')


def embed(m: ArgumentMap, prefix: str = "argmap-", **options: object) -> str:
    """The map as SVG to put inside an HTML page (MkDocs, Jupyter, an editor's preview).

    Unlike a standalone file, it has nothing before ``<svg`` (no XML declaration, DOCTYPE or
    fingerprint comment), and it scales to its container: the
    fixed ``width`` and ``height`` in points become ``width="100%"`` with a ``max-width`` of the
    natural width, and the ``viewBox`` keeps the proportions, so a drawing narrower than the
    column keeps its size and a wider one shrinks to fit instead of being cut off. ``prefix``
    goes before every ``id`` (``argmap-argmap``, ``argmap-sanctions``, ``argmap-frame:squeeze``):
    give each map on one page its own. The other options are :func:`draw`'s.

    >>> import argmap
    >>> m = argmap.parse("conclusion c: Tea is good.").map
    >>> svg = embed(m, prefix="m1-")
    >>> svg.startswith('<svg width="100%"')
    True
    >>> 'id="m1&#45;c"' in svg  # Graphviz writes "-" in an id as &#45;
    True
    """
    svg = render(m, "svg", prefix=prefix, **options).decode("utf-8")
    # What comes before <svg (the XML declaration, the DOCTYPE, Graphviz's comments and the
    # fingerprint) belongs to a file, not to a page.
    body = svg[svg.index("<svg") :]
    # Graphviz writes the size as width="Wpt" height="Hpt" right after <svg.
    return _SIZE.sub(
        lambda found: f'<svg width="100%" style="max-width: {found[1]}pt; height: auto"',
        body,
        count=1,
    )


def render(m: ArgumentMap, format: str = "svg", **options: object) -> bytes:
    """The bytes of a drawing of ``m``: see :func:`draw` for the options.

    >>> import argmap
    >>> m = argmap.parse("conclusion c: Tea is good.").map
    >>> render(m, "dot").decode().splitlines()[0]
    'digraph argmap {'
    """
    return draw(m, format, **options).data  # type: ignore[arg-type]


class _CallableModule(types.ModuleType):
    """Lets ``argmap.render(m)`` work although ``argmap.render`` is this package."""

    def __call__(self, m: ArgumentMap, format: str = "svg", **options: object) -> bytes:
        return render(m, format, **options)


sys.modules[__name__].__class__ = _CallableModule
