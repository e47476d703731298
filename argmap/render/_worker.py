"""The layout child process: DOT on stdin, a drawing on stdout, Graphviz's messages on stderr.

Run by :mod:`argmap.render.backend` as ``python _worker.py FORMAT DPI CPU_SECONDS`` (by path, so
that it imports pygraphviz and nothing of argmap). Graphviz is C code: the only sure way to stop
a layout that runs too long is to kill the process it runs in, so it runs here, not in the
caller's process. Exit status: 0 drawn, 3 Graphviz refused the graph.

Several DOT texts on stdin, separated by NUL bytes (which no DOT argmap writes contains), are
candidates: each is laid out, the one that reads best in a page column (:func:`choose`) is
drawn, and a line ``argmap-chose N`` on stderr says which (``--direction auto``).
"""

from __future__ import annotations

import sys

__all__ = ["CHOSE", "COLUMN", "choose", "draw", "draw_best", "main", "text_scale"]

COLUMN = 750.0
"""The page column the ``auto`` direction fits a drawing into, in points: 1,000 CSS px."""
WIDEST = 2.5
"""The widest aspect ratio (width : height) the ``auto`` direction prefers to avoid."""
CHOSE = "argmap-chose "
_PAD = 36.0  # points: the graph's pad (0.25 in) on both sides, outside Graphviz's bounding box


def draw(dot: bytes, format: str, dpi: str) -> bytes:
    """Lay out and draw DOT with the Graphviz bundled in the pygraphviz wheel."""
    import pygraphviz  # type: ignore[import-untyped]

    graph = pygraphviz.AGraph(string=dot.decode("utf-8"))
    if dpi and format == "png":
        graph.graph_attr["dpi"] = dpi
    return graph.draw(format=format, prog="dot")


def text_scale(width: float, column: float = COLUMN) -> float:
    """How much a drawing ``width`` points wide is scaled down to fit ``column`` (at most 1:
    a drawing narrower than the column is shown at its natural size, not enlarged)."""
    return min(1.0, column / width) if width > 0 else 1.0


def choose(sizes: list[tuple[float, float]]) -> int:
    """Which of several layouts (width, height in points) reads best in a page column: the one
    whose text is largest once fitted into :data:`COLUMN`. Text sizes within 5% of each other
    count as equal; among those, one no wider than :data:`WIDEST` wins over one that is, then
    the shorter drawing on the page, then the earlier candidate."""
    scales = [text_scale(width) for width, _ in sizes]
    top = max(scales)
    near = [i for i, scale in enumerate(scales) if scale >= top * 0.95]

    def key(i: int) -> tuple[bool, float, int]:
        width, height = sizes[i]
        return (width > WIDEST * height, height * scales[i], i)

    return min(near, key=key)


def draw_best(dots: list[bytes], format: str, dpi: str) -> tuple[int, bytes]:
    """Draw the candidate that reads best (:func:`choose`) and say which one it was."""
    if len(dots) == 1:
        return 0, draw(dots[0], format, dpi)
    import pygraphviz

    sizes = []
    for dot in dots:
        graph = pygraphviz.AGraph(string=dot.decode("utf-8"))
        graph.layout(prog="dot")
        _, _, width, height = (float(v) for v in graph.graph_attr["bb"].split(","))
        sizes.append((width + _PAD, height + _PAD))
    chosen = choose(sizes)
    # Drawn again from its text: a drawing of a layout kept from above differs in bytes from
    # the same DOT drawn directly, and a choice must not change what the chosen one looks like.
    return chosen, draw(dots[chosen], format, dpi)


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
        chosen, data = draw_best(dots, format, dpi)
    except Exception as error:  # pygraphviz raises DotError, ValueError, OSError
        print(f"argmap-worker: {error}", file=sys.stderr)
        return 3
    if len(dots) > 1:
        print(f"{CHOSE}{chosen}", file=sys.stderr)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
