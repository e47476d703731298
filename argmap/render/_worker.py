"""The layout child process: DOT on stdin, a drawing on stdout, Graphviz's messages on stderr.

Run by :mod:`argmap.render.backend` as ``python _worker.py FORMAT DPI CPU_SECONDS`` (by path, so
that it imports pygraphviz and nothing of argmap). Graphviz is C code: the only sure way to stop
a layout that runs too long is to kill the process it runs in, so it runs here, not in the
caller's process. Exit status: 0 drawn, 3 Graphviz refused the graph.

Several DOT texts on stdin, separated by NUL bytes (which no DOT argmap writes contains), are
candidates: they are laid out in order until one fits the page column at its natural size
(:func:`fits`), the one of those that reads best in the column (:func:`choose`) is drawn, and a
line ``argmap-chose N`` on stderr says which (``--direction auto``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

__all__ = [
    "CHOSE",
    "COLUMN",
    "NARROW",
    "READABLE",
    "WIDEST",
    "choose",
    "draw",
    "draw_best",
    "fits",
    "main",
    "pick",
    "readable",
    "text_scale",
]

COLUMN = 750.0
"""The page column the ``auto`` direction fits a drawing into, in points: 1,000 CSS px."""
WIDEST = 2.5
"""The widest aspect ratio (width : height) the ``auto`` direction draws, if any candidate is
no wider."""
READABLE = 9 / 11 * 0.75
"""The scale at which body text (11 pt, argmap.render.dot) is 9 CSS px high (0.75 pt a px)."""
NARROW = 4
"""Candidates from this one on (``auto``'s narrowest boxes, argmap.render.AUTO) are laid out
only while no candidate before them has 9 px text: with fonts wider than Helvetica's metrics
(DejaVu Sans, where Helvetica resolves to it) a deep map needs them."""
CHOSE = "argmap-chose "
_PAD = 36.0  # points: the graph's pad (0.25 in) on both sides, outside Graphviz's bounding box


def draw(dot: bytes, format: str, dpi: str, *, free: bool = True) -> bytes:
    """Lay out and draw DOT with the Graphviz bundled in the pygraphviz wheel.

    The same calls as ``AGraph.draw(format=format, prog="dot")``, made directly so that
    ``free=False`` can leave the layout and the graph in memory: the worker process ends
    right after writing the drawing, and freeing a large graph's layout first only delays
    it (about 0.1 s at 2,000 claims)."""
    laid_out = _Layout(dot, format, dpi)
    try:
        return laid_out.render(format)
    finally:
        laid_out.close(free)


class _Layout:
    """A graph laid out by the bundled Graphviz, kept in memory to be measured and drawn."""

    def __init__(self, dot: bytes, format: str, dpi: str) -> None:
        import pygraphviz  # type: ignore[import-untyped]
        from pygraphviz import graphviz as gv  # the C API that pygraphviz wraps

        self.gv = gv
        self.graph = pygraphviz.AGraph(string=dot.decode("utf-8"))
        if dpi and format == "png":
            self.graph.graph_attr["dpi"] = dpi
        self.context = gv.gvContextWithBuiltins()
        if gv.gvLayout(self.context, self.graph.handle, b"dot"):
            raise ValueError("Graphviz raised a layout error")

    def size(self) -> tuple[float, float]:
        """Width and height in points, the pad included: as ``AGraph.layout`` does, the layout
        is written into the graph's attributes (which changes nothing of what it draws)."""
        self.gv.gvRender(self.context, self.graph.handle, format=b"dot")
        _, _, width, height = (float(v) for v in self.graph.graph_attr["bb"].split(","))
        return width + _PAD, height + _PAD

    def render(self, format: str) -> bytes:
        error, data = self.gv.gvRenderData(self.context, self.graph.handle, format.encode("ascii"))
        if error:
            raise ValueError(f"Graphviz could not draw the layout as {format}")
        return bytes(data)

    def close(self, free: bool) -> None:
        if free:
            self.gv.gvFreeLayout(self.context, self.graph.handle)
            self.gv.gvFreeContext(self.context)
        else:
            _KEPT.append(self)  # freed by the end of the process, not before


_KEPT: list[object] = []


def text_scale(width: float, column: float = COLUMN) -> float:
    """How much a drawing ``width`` points wide is scaled down to fit ``column`` (at most 1:
    a drawing narrower than the column is shown at its natural size, not enlarged)."""
    return min(1.0, column / width) if width > 0 else 1.0


def choose(sizes: list[tuple[float, float]]) -> int:
    """Which of several layouts (width, height in points) reads best in a page column.

    Only those no wider than :data:`WIDEST` count, if there are any. Of them, the one whose
    text is largest once fitted into :data:`COLUMN` wins; text sizes within 5% of each other
    count as equal, except that one whose text reaches 9 px (:data:`READABLE`) beats one whose
    text does not. Among equals the shorter drawing on the page wins, then the earlier one."""
    scales = [text_scale(width) for width, _ in sizes]
    allowed = [i for i, (width, height) in enumerate(sizes) if width <= WIDEST * height]
    allowed = allowed or list(range(len(sizes)))
    top = max(scales[i] for i in allowed)
    floor = max(top * 0.95, min(top, READABLE))
    near = [i for i in allowed if scales[i] >= floor]
    return min(near, key=lambda i: (sizes[i][1] * scales[i], i))


def fits(size: tuple[float, float]) -> bool:
    """Whether a layout fits the column at its natural size, no wider than :data:`WIDEST`:
    none tried after it can have larger text, so ``auto`` tries no more."""
    width, height = size
    return width <= COLUMN and width <= WIDEST * height


def readable(size: tuple[float, float]) -> bool:
    """Whether a layout's body text is at least 9 px in the column, no wider than
    :data:`WIDEST`."""
    width, height = size
    return width <= WIDEST * height and text_scale(width) >= READABLE


def pick(count: int, measure: Callable[[int], tuple[float, float]]) -> int:
    """Which of ``count`` candidates to draw: ``measure(i)`` lays out candidate ``i`` and gives
    its size; candidates are measured in order until one :func:`fits`, then :func:`choose`
    decides among those measured. Those from :data:`NARROW` on are the last resort: they are
    measured only while none before is :func:`readable`."""
    sizes: list[tuple[float, float]] = []
    for index in range(count):
        if index >= NARROW and any(readable(size) for size in sizes):
            break
        sizes.append(measure(index))
        if fits(sizes[-1]):
            break
    return choose(sizes)


def draw_best(dots: list[bytes], format: str, dpi: str, *, free: bool = True) -> tuple[int, bytes]:
    """Draw the candidate that reads best (:func:`pick`) and say which one it was
    (``free``: as in :func:`draw`), the same bytes as :func:`draw` of its DOT.

    The chosen candidate is drawn from the layout that measured it when it was the last one
    laid out. Otherwise it is laid out again: Graphviz keeps the attributes of the graph it
    laid out last in global variables, and drawing an earlier layout after a later one reads
    another graph's attributes (a label's text taken for a style, say)."""
    if len(dots) == 1:
        return 0, draw(dots[0], format, dpi, free=free)
    measured: list[_Layout] = []
    try:

        def measure(index: int) -> tuple[float, float]:
            measured.append(_Layout(dots[index], format, dpi))
            return measured[-1].size()

        chosen = pick(len(dots), measure)
        if chosen == len(measured) - 1:
            return chosen, measured[chosen].render(format)
    finally:
        for laid_out in measured:
            laid_out.close(free)
    return chosen, draw(dots[chosen], format, dpi, free=free)


def main(argv: list[str]) -> int:
    format, dpi, cpu = argv
    try:
        import resource

        # A backstop in case the parent dies without killing us: the kernel stops a runaway
        # layout once it has used this much CPU time.
        seconds = int(cpu)
        if seconds > 0:
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    except (ImportError, ValueError, OSError):
        pass
    try:  # loaded before the DOT is read: a worker started ahead waits with Graphviz ready
        import pygraphviz  # noqa: F401
    except ImportError as error:
        print(f"argmap-worker: {error}", file=sys.stderr)
        return 3
    dots = sys.stdin.buffer.read().split(b"\0")
    try:
        chosen, data = draw_best(dots, format, dpi, free=False)
    except Exception as error:  # pygraphviz raises DotError, ValueError, OSError
        print(f"argmap-worker: {error}", file=sys.stderr)
        return 3
    if len(dots) > 1:
        print(f"{CHOSE}{chosen}", file=sys.stderr)
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is written: ending here skips freeing the graph and tearing down the
    # interpreter, which for a large map takes a noticeable share of a second.
    os._exit(code)
