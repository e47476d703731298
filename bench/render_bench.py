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
``--argdown`` instead times, side by side in one run (runs interleaved, median wall time), the
command ``argmap render MAP.arg`` against Argdown's ``argdown map -f dot MAP.argdown`` (the same map
written by argmap's Argdown writer; @argdown/cli from bench/argdown/) followed by the same bundled
Graphviz drawing Argdown's DOT as SVG (a second line gives each run's wall time, the ratio of
the best runs and the median of each round's ratio); and, in this process, Graphviz alone (CPU)
on argmap's DOT, on the same map's DOT with its frames side by side (not nested: what argmap
wrote before ``argmap.render.dot.NEST_FROM``), on argmap's DOT with the frames (clusters) left
out, and on Argdown's DOT: where the time goes. ``--before SRC`` also times, in the same
alternation, the ``argmap render`` command of another checkout of argmap's source (``SRC``,
e.g. an unpacked ``git archive main``), run as ``python -m argmap`` with ``SRC`` first on
``PYTHONPATH``.
``--settings`` instead times the whole-map layout (and SVG) under Graphviz attributes that
trade quality for speed, each set on the DOT argmap writes (docs/rendering.md, "Large maps").
``--phases`` instead lays out argmap's DOT once per size, in this process, with Graphviz's own
timing switched on (what ``dot -v`` prints, which itself costs a little), and gives its phases:
reading the DOT, crossing minimisation (and the crossings left), the horizontal placement (the
network simplex of ``dot_position``, with its pivots), the edges' splines, the rest of the
layout (measuring the labels' text, ranking), and writing the SVG.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
    parser.add_argument("--argdown", action="store_true", help="argmap beside Argdown + Graphviz")
    parser.add_argument("--before", type=Path, help="with --argdown: also time this checkout")
    parser.add_argument("--phases", action="store_true", help="Graphviz's own timing of phases")
    args = parser.parse_args()
    if args.phases:
        phases(args.sizes)
        return
    if args.settings:
        settings(args.sizes, args.repeat)
        return
    if args.argdown:
        beside_argdown(args.sizes, args.repeat, args.before)
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


def phases(sizes: list[int]) -> None:
    """Seconds of each phase of one layout and SVG of argmap's DOT, as Graphviz reports them."""
    import pygraphviz  # type: ignore[import-untyped]
    from pygraphviz import graphviz as gv  # type: ignore[import-untyped]

    # Graphviz's `Verbose` flag (`dot -v`), in the libgvc that pygraphviz loaded: the wheel's
    # own copy beside the package, or the system's.
    wheel = sorted(Path(pygraphviz.__file__).parent.parent.glob("pygraphviz.libs/libgvc-*"))
    found = str(wheel[0]) if wheel else ctypes.util.find_library("gvc")
    if found is None:
        raise SystemExit("render_bench: cannot find the libgvc that pygraphviz uses")
    ctypes.c_ubyte.in_dll(ctypes.CDLL(found), "Verbose").value = 1
    print(
        f"{'claims':>7} {'read':>6} {'other':>6} {'mincross':>9} {'crossings':>9} "
        f"{'position':>9} {'pivots':>7} {'splines':>8} {'SVG':>6} {'layout':>7}"
    )
    for size in sizes:
        dot = to_dot(argmap.parse(generate(size)).map, direction="down")
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
            saved = os.dup(2)
            os.dup2(log.fileno(), 2)  # Graphviz writes its timing to the C library's stderr
            try:
                start = time.perf_counter()
                graph = pygraphviz.AGraph(string=dot)
                read = time.perf_counter()
                context = gv.gvContextWithBuiltins()
                gv.gvLayout(context, graph.handle, b"dot")
                laid = time.perf_counter()
                gv.gvRenderData(context, graph.handle, b"svg")
                drawn = time.perf_counter()
            finally:
                os.dup2(saved, 2)
                os.close(saved)
            log.seek(0)
            said = log.read()
        mincross = re.search(r"mincross \S+: (\d+) crossings, ([\d.]+) secs", said)
        # The horizontal placement is the last network simplex, and by far the largest one.
        simplex = re.findall(r"network simplex: \d+ nodes \d+ edges (\d+) iter ([\d.]+) sec", said)
        splines = re.search(r"routesplines: .* ([\d.]+) sec", said)
        if mincross is None or not simplex or splines is None:
            raise SystemExit("render_bench: Graphviz did not report its phases")
        pivots, position = simplex[-1]
        layout = laid - read
        other = layout - float(mincross[2]) - float(position) - float(splines[1])
        print(
            f"{size:>7} {read - start:>5.2f}s {other:>5.2f}s {float(mincross[2]):>8.2f}s "
            f"{int(mincross[1]):>9} {float(position):>8.2f}s {int(pivots):>7} "
            f"{float(splines[1]):>7.2f}s {drawn - laid:>5.2f}s {layout:>6.2f}s",
            flush=True,
        )


def frameless(dot: str) -> str:
    """argmap's DOT with every cluster left out (its boxes kept): what clusters cost."""
    lines, kept, opened = dot.splitlines(keepends=True), [], []
    for index, line in enumerate(lines):
        cluster = line.startswith("\tsubgraph ")
        if line == "\t}\n":
            cluster = opened.pop()
        elif line.endswith("{\n"):
            opened.append(cluster)
        if not cluster and not (index and lines[index - 1].startswith("\tsubgraph ")):
            kept.append(line)
    return "".join(kept).replace(" ltail=", " xltail=")


def side_by_side(m: argmap.ArgumentMap) -> str:
    """The map's DOT with its frames side by side, never nested (argmap.render.dot.NEST_FROM)."""
    from argmap.render import dot

    nest_from, dot.NEST_FROM = dot.NEST_FROM, sys.maxsize
    try:
        return to_dot(m, direction="down")
    finally:
        dot.NEST_FROM = nest_from


def beside_argdown(sizes: list[int], repeat: int, before: Path | None = None) -> None:
    """argmap render against argdown map + Graphviz, wall time of whole processes."""
    import pygraphviz  # type: ignore[import-untyped]
    from run import ARGDOWN_BIN, install_argdown

    from argmap.interop import argdown

    print(f"Argdown CLI {install_argdown()}")
    argmap_bin = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    worker = str(Path(backend.__file__).with_name("_worker.py"))
    print(
        f"{'claims':>7} {'argmap render':>14} {'argdown+dot':>12} {'ratio':>6} "
        + (f"{'before':>8} " if before else "")
        + f"{'gv: ours':>9} {'gv: side by side':>17} {'gv: frameless':>14} {'gv: argdown':>12}"
    )
    for size in sizes:
        m = argmap.parse(generate(size)).map
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            (work / "map.arg").write_text(generate(size), encoding="utf-8")
            (work / "map.argdown").write_text(argdown.write(m).text, encoding="utf-8")
            ours_cmd = [argmap_bin, "render", "map.arg", "-o", "ours.svg", "-q", "--rewrite"]
            ours_cmd += ["--max-nodes", "1000000", "--timeout", "0", "--direction", "down"]
            walls: dict[str, list[float]] = {"ours": [], "theirs": [], "before": []}
            for _ in range(repeat):
                start = time.perf_counter()
                subprocess.run(ours_cmd, cwd=work, check=True)
                walls["ours"].append(time.perf_counter() - start)
                if before is not None:
                    start = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "argmap", *ours_cmd[1:]],
                        cwd=work,
                        check=True,
                        env={**os.environ, "PYTHONPATH": str(before.resolve())},
                    )
                    walls["before"].append(time.perf_counter() - start)
                start = time.perf_counter()
                subprocess.run(
                    [str(ARGDOWN_BIN), "map", "-f", "dot", "map.argdown", "out", "--silent"],
                    cwd=work,
                    check=True,
                )
                with open(work / "out" / "map.dot", "rb") as dot, open(work / "a.svg", "wb") as svg:
                    subprocess.run(
                        [sys.executable, worker, "svg", "72", "0"],
                        stdin=dot,
                        stdout=svg,
                        stderr=subprocess.DEVNULL,
                        check=True,
                    )
                walls["theirs"].append(time.perf_counter() - start)
            ours, theirs = (statistics.median(walls[k]) for k in ("ours", "theirs"))
            then = f"{statistics.median(walls['before']):>7.1f}s " if before else ""
            dots = {
                "ours": to_dot(m, direction="down"),
                "side by side": side_by_side(m),
                "frameless": frameless(to_dot(m, direction="down")),
                "argdown": (work / "out" / "map.dot").read_text(encoding="utf-8"),
            }

        def layout(dot: str) -> None:
            pygraphviz.AGraph(string=dot).draw(format="svg", prog="dot")

        with contextlib.redirect_stderr(io.StringIO()):
            gv = {name: best_cpu(1, lambda dot=dot: layout(dot)) for name, dot in dots.items()}
        print(
            f"{size:>7} {ours:>13.1f}s {theirs:>11.1f}s {ours / theirs:>5.2f}x {then}"
            f"{gv['ours']:>8.1f}s {gv['side by side']:>16.1f}s {gv['frameless']:>13.1f}s "
            f"{gv['argdown']:>11.1f}s",
            flush=True,
        )
        # Each run, and two ratios less swayed by a load that comes and goes than the medians':
        # the best runs', and the median of each round's own (its runs one after another).
        pairs = [a / b for a, b in zip(walls["ours"], walls["theirs"], strict=True)]
        runs = "  ".join(
            f"{name} " + " ".join(f"{t:.1f}" for t in walls[key])
            for name, key in (("argmap", "ours"), ("argdown+dot", "theirs"), ("before", "before"))
            if walls[key]
        )
        best = min(walls["ours"]) / min(walls["theirs"])
        print(
            f"{'':>7} runs (s): {runs}; ratio of the best {best:.2f}x,"
            f" median of each round's {statistics.median(pairs):.2f}x",
            flush=True,
        )


if __name__ == "__main__":
    main()
