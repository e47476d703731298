"""Render time of generated maps of 10, 100 and 1,000 claims: DOT building vs Graphviz.

Run: ``python bench/render_bench.py [SIZES...] [--repeat N]``. The maps come from
``bench/generate.py`` (every construct, clean for ``argmap check``). For each size it prints the
best of N runs of:

* ``DOT build``: our own work, model -> DOT text (``argmap.render.to_dot``);
* ``layout+SVG``: the bundled Graphviz laying out and drawing that DOT, in this process;
* ``render()``: the whole library call as the CLI makes it, with the layout in a child process
  that enforces the time limit (so it includes that process's start-up, about 0.1 s).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_wall
from generate import generate

import argmap
from argmap.render import backend, render, to_dot

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'claims':>7} {'groups':>7} {'DOT build':>10} {'layout+SVG':>11} {'render()':>9}")
    for size in args.sizes:
        m = argmap.parse(generate(size)).map
        dot = to_dot(m)
        ours = best_wall(args.repeat, lambda m=m: to_dot(m))
        with contextlib.redirect_stderr(io.StringIO()):  # pygraphviz: "layout may take long"
            theirs = best_wall(
                args.repeat,
                lambda dot=dot: backend.layout(dot, "svg", timeout=None, isolate=False),
            )
        whole = best_wall(args.repeat, lambda m=m: render(m, "svg", timeout=None, max_nodes=None))
        print(
            f"{len(m.claims):>7} {len(m.groups):>7} {ours * 1000:>8.1f}ms "
            f"{theirs * 1000:>9.1f}ms {whole * 1000:>7.0f}ms",
            flush=True,
        )


if __name__ == "__main__":
    main()
