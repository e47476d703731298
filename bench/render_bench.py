"""Render time of generated maps of 10, 100 and 1,000 claims: DOT building vs Graphviz.

Run: ``python bench/render_bench.py [SIZES...] [--repeat N]``. The maps come from
``bench/generate.py`` (every construct, clean for ``argmap check``). For each size it prints the
best of N runs of:

* ``DOT build``: our own work, model -> DOT text (``argmap.render.to_dot``);
* ``layout+SVG``: the bundled Graphviz laying out and drawing that DOT, in this process;
* ``render()``: the whole library call as the CLI makes it, with the layout in a child process
  that enforces the time limit (so it includes that process's start-up, about 0.1 s);
* ``split``: the map in parts of ``argmap.render.PART_SIZE`` (``argmap render --split``): the
  parts' DOT building and layouts, in this process, one after another (the CLI lays out
  ``-j`` parts at once).

``--no-whole`` leaves out the two whole-map layouts (minutes past 3,000 claims).
``--settings`` instead times the whole-map layout (and SVG) under Graphviz attributes that
trade quality for speed, each set on the DOT argmap writes (docs/rendering.md, "Large maps").
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_cpu, best_wall
from generate import generate

import argmap
from argmap.render import backend, render, split, to_dot

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-whole", action="store_true", help="skip the whole-map layouts")
    parser.add_argument("--settings", action="store_true", help="time faster layout settings")
    args = parser.parse_args()
    if args.settings:
        settings(args.sizes, args.repeat)
        return
    print(
        f"{'claims':>7} {'groups':>7} {'DOT build':>10} {'layout+SVG':>11} {'render()':>9} "
        f"{'split':>8} {'parts':>5}"
    )
    for size in args.sizes:
        m = argmap.parse(generate(size)).map
        dot = to_dot(m)
        ours = best_wall(args.repeat, lambda m=m: to_dot(m))
        theirs = whole = float("nan")
        parts = split(m)
        with contextlib.redirect_stderr(io.StringIO()):  # pygraphviz: "layout may take long"
            if not args.no_whole:
                theirs = best_wall(
                    args.repeat,
                    lambda dot=dot: backend.layout(dot, "svg", timeout=None, isolate=False),
                )
            in_parts = best_wall(
                args.repeat,
                lambda m=m, parts=parts: [
                    backend.layout(to_dot(m, part=p), "svg", timeout=None, isolate=False)
                    for p in parts
                ],
            )
        if not args.no_whole:
            whole = best_wall(
                args.repeat, lambda m=m: render(m, "svg", timeout=None, max_nodes=None)
            )
        print(
            f"{len(m.claims):>7} {len(m.groups):>7} {ours * 1000:>8.1f}ms "
            f"{theirs * 1000:>9.1f}ms {whole * 1000:>7.0f}ms {in_parts:>7.1f}s {len(parts):>5}",
            flush=True,
        )


# Graphviz attributes that trade layout quality for speed.
SETTINGS = {
    "the default": {},
    "splines=line": {"splines": "line"},
    "nslimit=1 nslimit1=1": {"nslimit": "1", "nslimit1": "1"},
    "mclimit=0.3": {"mclimit": "0.3"},
    "remincross=false": {"remincross": "false"},
    "all four": {
        "splines": "line",
        "nslimit": "1",
        "nslimit1": "1",
        "mclimit": "0.3",
        "remincross": "false",
    },
}


def settings(sizes: list[int], repeat: int) -> None:
    """CPU seconds of the bundled Graphviz's layout and SVG, in this process, per setting."""
    import pygraphviz  # type: ignore[import-untyped]

    print(f"{'setting':<22}" + "".join(f"{size:>10,}" for size in sizes))
    dots = [to_dot(argmap.parse(generate(size)).map) for size in sizes]
    for name, attributes in SETTINGS.items():
        row = f"{name:<22}"
        for dot in dots:

            def draw(dot: str = dot, attributes: dict[str, str] = attributes) -> None:
                graph = pygraphviz.AGraph(string=dot)
                graph.graph_attr.update(attributes)
                graph.draw(format="svg", prog="dot")

            with contextlib.redirect_stderr(io.StringIO()):
                row += f"{best_cpu(repeat, draw):>9.2f}s"
        print(row, flush=True)


if __name__ == "__main__":
    main()
