"""The layout child process: DOT on stdin, a drawing on stdout, Graphviz's messages on stderr.

Run by :mod:`argmap.render.backend` as ``python _worker.py FORMAT DPI CPU_SECONDS`` (by path, so
that it imports pygraphviz and nothing of argmap). Graphviz is C code: the only sure way to stop
a layout that runs too long is to kill the process it runs in, so it runs here, not in the
caller's process. Exit status: 0 drawn, 3 Graphviz refused the graph.
"""

from __future__ import annotations

import sys

__all__ = ["draw", "main"]


def draw(dot: bytes, format: str, dpi: str) -> bytes:
    """Lay out and draw DOT with the Graphviz bundled in the pygraphviz wheel."""
    import pygraphviz  # type: ignore[import-untyped]

    graph = pygraphviz.AGraph(string=dot.decode("utf-8"))
    if dpi and format == "png":
        graph.graph_attr["dpi"] = dpi
    return graph.draw(format=format, prog="dot")


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
    dot = sys.stdin.buffer.read()
    try:
        data = draw(dot, format, dpi)
    except Exception as error:  # pygraphviz raises DotError, ValueError, OSError
        print(f"argmap-worker: {error}", file=sys.stderr)
        return 3
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
