"""Jupyter display: a map shows itself as its diagram, with the text outline beside it.

``import argmap`` gives :class:`~argmap.model.ArgumentMap` the two methods Jupyter looks for,
``_repr_svg_`` and ``_repr_mimebundle_``; they call the functions here, which import the
renderer only when a notebook first shows a map. The model itself knows nothing of drawing.

``interactive(m)`` opts into the interactive page instead (``argmap export -f html``), shown in
a sandboxed frame: its script runs there, apart from the notebook's, under the page's own
Content-Security-Policy.
"""

from __future__ import annotations

import html
import itertools

import attrs

from argmap.model import ArgumentMap
from argmap.write.outline import to_outline

__all__ = ["Interactive", "interactive", "mimebundle", "svg"]

# Every diagram a notebook shows gets ids of its own (argmap-1-, argmap-2-, ...): the outputs of
# one notebook share one page.
_SHOWN = itertools.count(1)


def svg(argument_map: ArgumentMap) -> str | None:
    """The map as an SVG diagram that scales to the output's width, with ids of its own;
    ``None`` (no SVG) if it cannot be drawn."""
    from argmap import render as drawing  # looked up at each call: tests may replace it

    try:
        return drawing.embed(argument_map, prefix=f"argmap-{next(_SHOWN)}-")
    except Exception:  # a notebook falls back to the text outline, never a traceback
        return None


def mimebundle(argument_map: ArgumentMap) -> dict[str, str]:
    """The diagram as SVG and the outline as text: Jupyter shows the best it can."""
    bundle = {"text/plain": to_outline(argument_map)}
    drawn = svg(argument_map)
    if drawn is not None:
        bundle["image/svg+xml"] = drawn
    return bundle


@attrs.frozen
class Interactive:
    """A map as the interactive page, for a notebook cell: ``interactive(m)`` as its last line."""

    map: ArgumentMap
    evaluate: bool = False
    height: int = 640

    def _repr_html_(self) -> str:
        from argmap.render.page import to_html

        page = html.escape(to_html(self.map, evaluate=self.evaluate), quote=True)
        return (
            f'<iframe class="argmap-frame" sandbox="allow-scripts" width="100%" '
            f'height="{int(self.height)}" title="Argument map" srcdoc="{page}"></iframe>'
        )

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": to_outline(self.map)}


def interactive(
    argument_map: ArgumentMap, *, evaluate: bool = False, height: int = 640
) -> Interactive:
    """The map as the interactive page in a notebook: pan and zoom, selection, search, the
    outline; ``evaluate`` turns the overlay on at first; ``height`` is the frame's, in pixels."""
    return Interactive(argument_map, evaluate=evaluate, height=height)
