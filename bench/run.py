"""The benchmark suite, in one command: every stage of argmap, and argmap beside Argdown.

    python bench/run.py                 # everything; writes docs/performance.md
    python bench/run.py --quick         # small sizes, one round, nothing written (a smoke run)
    python bench/run.py --no-argdown    # skip the peer (no npm needed)

For each size the generator (bench/generate.py) writes a realistic map in .arg syntax, and from
the same model the Argdown text (argmap's own Argdown writer, whose output the Argdown CLI then
reads) and a plain DOT file. It then measures:

* in this process (best CPU time of the rounds): layout (text to logical lines), lark (every
  line), statements (fast path or lark, and conversion), building the model, the checks, DOT
  building, Graphviz's layout and Graphviz's SVG writing;
* whole processes (median wall time, runs of argmap and Argdown interleaved so that the machine's
  load falls on both alike): ``argmap check FILE`` and ``argdown json FILE DIR``, the start-up on
  a 10-claim map, and the peak memory of the 10,000-claim check. argmap's bytecode cache is
  written first, as ``pip install`` does (this sandbox sets PYTHONDONTWRITEBYTECODE, which
  would leave an editable install compiling every module on every start);
* the language server, over real stdio: from a change to its diagnostics (bench/lsp_latency.py).

The Argdown CLI (npm @argdown/cli 1.7.5) is installed into bench/argdown/ by ``npm ci`` on the
first run. The parse cache is cleared before every in-process parse, so no stage is timed warm
unless it says so.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_cpu, process
from generate import generate
from lsp_latency import KINDS as LSP_KINDS
from lsp_latency import ROOT as LSP_ROOT
from lsp_latency import measure as lsp_latency

import argmap
from argmap.checks import check
from argmap.cli.files import write_atomically
from argmap.interop import argdown
from argmap.read import gcpause, lark_lines, layout
from argmap.read.assemble import Builder
from argmap.read.layout import Limits
from argmap.read.parser import _parse_content, parse, parse_line
from argmap.render import to_dot
from argmap.write.json_io import to_json

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARGDOWN = HERE / "argdown"
ARGDOWN_BIN = ARGDOWN / "node_modules" / ".bin" / "argdown"
LARGE = 100_000  # claims: past the default size limit, read with `--max-bytes 0`
UNLIMITED = Limits(max_size=None)  # as `--max-bytes 0`
LSP_ROUNDS = 4 * len(LSP_KINDS)  # edits sent to the language server: four of each kind


HOW = """\
## How these were measured

- **Maps**: `bench/generate.py N` writes a map of N claims with linked and convergent reasons,
  objections, rebuttals, undercuts, reuse (`@id`), attribution, implicit premises, comments and
  continuation lines. The Argdown file is the same model written by argmap's Argdown exporter;
  the last column of the process table is what the Argdown CLI itself read from it, so both tools
  parse maps of the same size.
- **In-process stages** are CPU time (`time.process_time`), the best of the rounds, in one
  Python process; the line cache is cleared before every parse, so nothing is timed warm, and
  what a stage makes is freed after its clock stops: `argmap check` ends without freeing its
  map, and freeing it would cost 5 ms at 10,000 claims and 65 ms at 100,000.
  *layout*: text to logical lines; *lark alone*: lark's LALR parse of every line (what every line
  would cost without the fast path); *statements*: the fast path (or lark, for a line it leaves)
  and the conversion to statements; *model*: statements to the model; *checks*: every rule that
  is on by default. *Graphviz layout* and *SVG writing* are timed apart on the Graphviz bundled
  with pygraphviz, in this process. *Our share* is (parse + check + DOT building) over the whole:
  argmap's own code against Graphviz's. The line under the table adds what a whole `argmap
  render` process costs beyond it: the same command run with `-f dot` does everything but
  Graphviz (and the child process it runs in, which starts while the map is read).
- **Whole processes** are wall time: `argmap check FILE` (the installed `argmap` program, from
  the editable install of a development checkout) and `argdown json FILE DIR` (@argdown/cli,
  installed by `npm ci` into `bench/argdown/`), run one after the other, alternately, five times
  each; the median is shown. The 10-claim row is the start-up. Peak memory is the largest
  resident set of the `argmap check` process on the largest map, from `getrusage`. The
  start-up line times `python -c pass` and `python -c "import attrs"` in the same interpreter,
  alternately, five times each.
- **A map of 100,000 claims** (about 20 MB) is past the default size limit, so it is checked
  with `--max-bytes 0`, three times (the median wall time and the largest peak memory); Argdown
  is run on it once. *Growth* divides the in-process parse and check of each map by its claims:
  the best of three rounds in a new process for each map (as `argmap check` runs: a process
  that has just measured a larger map is slower on the next), three processes for each map,
  run in turn over the maps.
  Work that grows linearly would keep that flat, but a larger map's objects no longer fit the
  processor's caches, so every step that reaches one waits longer on memory. The last two
  columns show what that alone costs on the machine: the standard library's `json.loads`
  (C code, one pass over its input) reading the same maps written as argmap's JSON, with the
  collector paused as in argmap's parse.
- **Language server**: `python -m argmap lsp` over real stdio, spoken to as an editor does
  (`bench/lsp_latency.py`): after `didOpen`, 28 full-text `didChange`s, each timed until its
  `publishDiagnostics` arrives: four of each of its seven kinds of edit in turn (a half-typed
  line at the end, a comment, a word typed into a claim, the claim made implicit, its id
  retyped, a new reason under it, one of its lines deleted), each made from the generated text
  and so undoing the one before. The medians and 90th percentile are over all of them; the
  targets hold the slowest kind's median (`python bench/lsp_latency.py` shows every kind).
- **Maps too large to lay out**: Graphviz's layout grows faster than the map. For maps of
  thousands of claims, `argmap render --split` draws them in parts; what it costs and saves is
  measured in [rendering.md](rendering.md#large-maps).
- Run it yourself: `python bench/run.py` (`--quick` for a smoke run that writes nothing,
  `--no-argdown` without npm).
"""


def plain_dot(m: argmap.ArgumentMap) -> str:
    """The map's structure as the plainest DOT: one node per claim and group, one edge per link."""
    lines = ["digraph map {"]
    for claim in m.claims:
        lines.append(f'  "{claim.id}";')
    for group in m.groups:
        lines.append(f'  "{group.id}" [shape=point];')
        for premise in group.premises:
            lines.append(f'  "{premise.id}" -> "{group.id}";')
        if group.target is not None:
            lines.append(f'  "{group.id}" -> "{group.target}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def cold(work: Callable[[], object]) -> Callable[[], object]:
    """The work with the line cache emptied first, so nothing is parsed warm."""

    def run() -> object:
        _parse_content.cache_clear()
        return work()

    return run


def paused(work: Callable[[], object]) -> Callable[[], object]:
    """The work with the cyclic collector paused, as parse() and check() pause it, so that a
    stage timed on its own costs what it costs inside them."""

    def run() -> object:
        with gcpause.paused():
            return work()

    return run


def stages(text: str, rounds: int) -> dict[str, float]:
    """CPU seconds of each in-process stage of parsing and checking one map."""
    logical = [i for i in layout.logical_lines(text) if isinstance(i, layout.Line)]

    def lark_only() -> None:
        parser = lark_lines.parser()
        for line in logical:
            parser.parse(line.content)

    def to_statements() -> list[object]:
        return [parse_line(line, []) for line in logical]

    statements = to_statements()

    def build() -> object:
        builder = Builder()
        for line, statement in zip(logical, statements, strict=True):
            builder.add(line.indent, statement, line.whole)  # type: ignore[arg-type]
        return builder.finish()

    result = parse(text)
    return {
        "layout": best_cpu(rounds, paused(lambda: list(layout.logical_lines(text)))),
        "lark": best_cpu(rounds, paused(lark_only)),
        "statements": best_cpu(rounds, cold(paused(to_statements))),
        "model": best_cpu(rounds, paused(build)),
        "parse": best_cpu(rounds, cold(lambda: parse(text))),
        "checks": best_cpu(rounds, lambda: check(result)),
    }


def render_stages(text: str, rounds: int) -> dict[str, float]:
    """CPU seconds of DOT building, Graphviz's layout and its SVG writing for one map."""
    m = parse(text).map
    layout_gv, svg = graphviz_times(to_dot(m), rounds)
    return {"dot": best_cpu(rounds, lambda: to_dot(m)), "layout_gv": layout_gv, "svg": svg}


def graphviz_times(dot: str, rounds: int) -> tuple[float, float]:
    """CPU seconds of Graphviz's layout and of its SVG writing, apart (the bundled Graphviz
    of the pygraphviz wheel, in this process), each the best of the rounds."""
    import pygraphviz  # type: ignore[import-untyped]

    layout_best = svg_best = float("inf")
    with contextlib.redirect_stderr(io.StringIO()):  # pygraphviz warns on long layouts
        for _ in range(rounds):
            graph = pygraphviz.AGraph(string=dot)
            start = time.process_time()
            graph.layout(prog="dot")
            laid = time.process_time()
            graph.draw(format="svg")  # with the positions just computed: no second layout
            layout_best = min(layout_best, laid - start)
            svg_best = min(svg_best, time.process_time() - laid)
    return layout_best, svg_best


def processes(files: dict[str, Path], rounds: int, argdown_too: bool) -> dict[str, float]:
    """Median wall seconds of whole processes, argmap and Argdown runs interleaved."""
    runs: dict[str, list[float]] = {"argmap": [], "argdown": []}
    argmap_bin = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    with tempfile.TemporaryDirectory() as out:
        for _ in range(rounds):
            code, wall, _peak = process([argmap_bin, "check", str(files["arg"])])
            assert code == 0, f"argmap check found problems in {files['arg']}"
            runs["argmap"].append(wall)
            if argdown_too:
                command = [str(ARGDOWN_BIN), "json", str(files["argdown"]), out]
                code, wall, _peak = process(command)
                assert code == 0, f"argdown failed on {files['argdown']}"
                runs["argdown"].append(wall)
    return {name: statistics.median(values) for name, values in runs.items() if values}


def start_up(rounds: int) -> dict[str, float]:
    """Median wall seconds of Python starting with nothing to do, and of Python importing attrs
    and nothing else, in the interpreter ``argmap`` runs on, runs interleaved: the part of every
    ``argmap check`` that no change to argmap's own code can shorten."""
    python = sys.executable
    commands = {"python": [python, "-c", "pass"], "attrs": [python, "-c", "import attrs"]}
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            walls[name].append(process(command)[1])
    return {name: statistics.median(values) for name, values in walls.items()}


def large(path: Path, argdown_path: Path, rounds: int, argdown_too: bool) -> dict[str, float]:
    """A map past the default size limit: ``argmap check --max-bytes 0`` as a whole process
    (median wall seconds and the largest peak MiB of the rounds), and ``argdown json`` once
    (its exit code, wall seconds and peak MiB: Argdown 1.7.5 fails on 100,000 claims)."""
    argmap_bin = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    walls, peaks = [], []
    for _ in range(rounds):
        code, wall, peak = process([argmap_bin, "check", "--max-bytes", "0", str(path)])
        assert code == 0, f"argmap check found problems in {path}"
        walls.append(wall)
        peaks.append(peak)
    found = {"wall": statistics.median(walls), "peak": max(peaks)}
    if argdown_too:
        with tempfile.TemporaryDirectory() as out:
            code, wall, peak = process([str(ARGDOWN_BIN), "json", str(argdown_path), out])
        found.update(argdown_code=code, argdown_wall=wall, argdown_peak=peak)
    return found


def growth(path: str, claims: int, rounds: int) -> tuple[float, float]:
    """In-process CPU seconds per claim of parse + check of the map at ``path``, and of the
    standard library's ``json.loads`` (C code, and linear) reading the same map written as
    argmap's JSON, with the cyclic collector paused as parse() pauses it: what a larger map
    alone costs on this machine, past any algorithm (its objects no longer fit the processor's
    caches). Each is the best of the rounds. Run by :func:`growths`, each time in a new process."""
    text = Path(path).read_text(encoding="utf-8")
    result = parse(text, limits=UNLIMITED)
    data = to_json(result.map, indent=None)
    parsing = best_cpu(rounds, cold(lambda: parse(text, limits=UNLIMITED)))
    checking = best_cpu(rounds, lambda: check(result))
    loading = best_cpu(rounds, paused(lambda: json.loads(data)))
    return (parsing + checking) / claims, loading / claims


_GROWTH = (
    "import json, sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from run import growth\n"
    "print(json.dumps(growth(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))\n"
)


def growths(maps: dict[int, Path], rounds: int, children: int) -> dict[int, tuple[float, float]]:
    """:func:`growth` of each map (its claims: its file), each time in a new process, as
    ``argmap check`` runs: a process that has measured a larger map holds a heap laid out
    for it, which slows what comes after. The best of ``children`` processes for each map, run
    in turn over the maps, so that a busy moment of the shared machine does not fall on one size
    alone."""
    best = {claims: (math.inf, math.inf) for claims in maps}
    for _ in range(children):
        for claims, path in maps.items():
            command = [sys.executable, "-c", _GROWTH, str(HERE), str(path), str(claims)]
            done = subprocess.run(
                [*command, str(rounds)], capture_output=True, text=True, check=True
            )
            ours, loads = json.loads(done.stdout)
            best[claims] = (min(best[claims][0], ours), min(best[claims][1], loads))
    return best


def render_process(path: Path, rounds: int) -> tuple[float, float]:
    """Median wall seconds of ``argmap render FILE -o OUT.svg`` and of the same with ``-f dot``,
    runs interleaved, drawing anew each time."""
    argmap_bin = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    walls: dict[str, list[float]] = {"svg": [], "dot": []}
    with tempfile.TemporaryDirectory() as out:
        for index in range(rounds):
            for format in walls:
                target = str(Path(out, f"{index}.{format}"))
                command = [argmap_bin, "render", str(path), "-o", target, "-q"]
                code, wall, _peak = process(command)
                assert code == 0, f"argmap render failed on {path}"
                walls[format].append(wall)
    return statistics.median(walls["svg"]), statistics.median(walls["dot"])


def argdown_counts(path: Path) -> tuple[int, int]:
    """How many statements and arguments Argdown itself read from the file (a sanity check
    that both tools parse maps of the same size)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([str(ARGDOWN_BIN), "json", str(path), out], check=True, capture_output=True)
        data = json.loads(next(Path(out).glob("*.json")).read_text(encoding="utf-8"))
    return len(data["statements"]), len(data["arguments"])


def install_argdown() -> str:
    """Install the Argdown CLI into bench/argdown/ (once) and return its version."""
    if not ARGDOWN_BIN.exists():
        subprocess.run(
            ["npm", "ci", "--prefix", str(ARGDOWN), "--no-audit", "--no-fund", "--loglevel=error"],
            check=True,
        )
    version = subprocess.run(
        [str(ARGDOWN_BIN), "--version"], capture_output=True, text=True, check=True
    )
    return version.stdout.strip()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    options.add_argument("--quick", action="store_true", help="small sizes, one round, no file")
    options.add_argument("--no-argdown", action="store_true", help="skip the Argdown CLI")
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = options.parse_args(argv)
    quick = args.quick
    sizes = [10, 100] if quick else [10, 100, 1000, 10000]
    render_sizes = [10, 100] if quick else [10, 100, 1000]
    lsp_sizes = [100] if quick else [100, 1000, 10000]
    rounds = 1 if quick else args.rounds
    argdown_too = not args.no_argdown
    argdown_version = install_argdown() if argdown_too else None

    report: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        report.append(line)

    with tempfile.TemporaryDirectory() as folder:
        files: dict[int, dict[str, Path]] = {}
        for size in sizes:
            text = generate(size)
            m = parse(text).map
            base = Path(folder, f"map-{size}")
            files[size] = {"arg": base.with_suffix(".arg"), "argdown": base.with_suffix(".argdown")}
            files[size]["arg"].write_text(text, encoding="utf-8")
            files[size]["argdown"].write_text(argdown.write(m).text, encoding="utf-8")
            base.with_suffix(".dot").write_text(plain_dot(m), encoding="utf-8")

        say("## In-process stages (CPU time, best of the rounds)")
        say()
        say(
            "| claims | lines | layout | lark alone (the fallback) | "
            "statements (fast path or lark) | model | parse (all) | checks |"
        )
        say("|---:|---:|---:|---:|---:|---:|---:|---:|")
        parse_times = {}
        for size in sizes:
            text = files[size]["arg"].read_text(encoding="utf-8")
            t = stages(text, rounds)
            parse_times[size] = t
            say(
                f"| {size:,} | {text.count(chr(10)):,} | {ms(t['layout'])} | {ms(t['lark'])} | "
                f"{ms(t['statements'])} | {ms(t['model'])} | {ms(t['parse'])} | {ms(t['checks'])} |"
            )
        say()
        say("## Rendering (CPU time, best of the rounds)")
        say()
        say(
            "| claims | parse + check | DOT building | Graphviz layout | Graphviz SVG writing "
            "| our share |"
        )
        say("|---:|---:|---:|---:|---:|---:|")
        render_share = {}
        for size in render_sizes:
            text = files[size]["arg"].read_text(encoding="utf-8")
            t = render_stages(text, rounds)
            checked = parse_times[size]["parse"] + parse_times[size]["checks"]  # as above
            ours = checked + t["dot"]
            render_share[size] = ours / (ours + t["layout_gv"] + t["svg"])
            say(
                f"| {size:,} | {ms(checked)} | {ms(t['dot'])} | "
                f"{ms(t['layout_gv'])} | {ms(t['svg'])} | {render_share[size]:.0%} |"
            )
        say()
        drawn, written = render_process(files[max(render_sizes)]["arg"], rounds)
        say(
            f"`argmap render` as a whole process on {max(render_sizes):,} claims (median wall "
            f"time): {ms(drawn)} to draw the SVG; {ms(written)} for the same command writing the "
            f"DOT instead (`-f dot`: Python's start, argmap's imports, parse, check, DOT building "
            f"and the file's write, without Graphviz or its child process), "
            f"{written / drawn:.0%} of it."
        )
        say()
        say("## Whole processes (median wall time, runs interleaved)")
        say()
        # As after `pip install`, which compiles every module: this sandbox sets
        # PYTHONDONTWRITEBYTECODE, so an editable install would otherwise recompile argmap's
        # modules on every start.
        compileall.compile_dir(Path(argmap.__file__).parent, quiet=1)
        head = "| claims | `argmap check` |"
        rule = "|---:|---:|"
        if argdown_too:
            head += " `argdown json` | ratio | Argdown read (statements, arguments) |"
            rule += "---:|---:|---|"
        say(head)
        say(rule)
        walls = {}
        for size in sizes:
            w = processes(files[size], rounds, argdown_too)
            walls[size] = w
            row = f"| {size:,} | {ms(w['argmap'])} |"
            if argdown_too:
                counts = argdown_counts(files[size]["argdown"])
                row += (
                    f" {ms(w['argdown'])} | {w['argmap'] / w['argdown']:.2f} | "
                    f"{counts[0]:,}, {counts[1]:,} |"
                )
            say(row)
        largest = max(sizes)
        argmap_bin = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
        peaks = [process([argmap_bin, "check", str(files[largest]["arg"])])[2] for _ in range(2)]
        peak = max(peaks)
        say()
        say(f"Peak memory of `argmap check` on {largest:,} claims: {peak:.0f} MiB.")
        say()
        fixed, smallest = start_up(rounds), min(sizes)
        say(
            f"Start-up: Python alone takes {ms(fixed['python'])} to start and stop, and "
            f"{ms(fixed['attrs'])} if it imports attrs (which argmap's model is built on) and "
            f"nothing else; `argmap check` on {smallest:,} claims takes "
            f"{ms(walls[smallest]['argmap'])}."
        )
        if argdown_too and not quick:
            budget = walls[largest]["argdown"] / 10
            say(
                f"One tenth of Argdown's time on {largest:,} claims is {ms(budget)}. Past the "
                f"start-up of the {smallest:,}-claim check, that leaves "
                f"{ms(budget - walls[smallest]['argmap'])} for reading and checking "
                f"{largest:,} claims, which take "
                f"{ms(walls[largest]['argmap'] - walls[smallest]['argmap'])}."
            )
        say()
        big_map: dict[str, float] = {}
        per_claim: dict[int, float] = {}  # parse + check, per claim
        baseline: dict[int, float] = {}  # json.loads of the same maps, per claim
        if not quick:
            say(f"## A map of {LARGE:,} claims")
            say()
            text = generate(LARGE)
            m = parse(text, limits=UNLIMITED).map
            big_file, big_argdown = Path(folder, "large.arg"), Path(folder, "large.argdown")
            big_file.write_text(text, encoding="utf-8")
            big_argdown.write_text(argdown.write(m).text, encoding="utf-8")
            del m
            big_map = large(big_file, big_argdown, min(rounds, 3), argdown_too)
            say(
                f"`argmap check --max-bytes 0` ({len(text.encode('utf-8')) / 1e6:.1f} MB, past "
                f"the default limit of 10 MB): {ms(big_map['wall'])} (median wall time), "
                f"{big_map['peak']:.0f} MiB at most."
            )
            if argdown_too:
                outcome = (
                    "read it"
                    if big_map["argdown_code"] == 0
                    else f"failed (exit code {big_map['argdown_code']:.0f})"
                )
                say(
                    f"`argdown json` on the same map {outcome} after "
                    f"{ms(big_map['argdown_wall'])}, at {big_map['argdown_peak']:.0f} MiB."
                )
            say()
            del text
        # A quick run measures its two small maps, so that this code runs too.
        maps = {size: files[size]["arg"] for size in ((10, 100) if quick else (1000, 10000))}
        if not quick:
            maps[LARGE] = big_file
        first = min(maps)
        say(
            "Growth: in-process parse + check per claim, and a linear baseline in C on the "
            "same maps (CPU time, best of the rounds)."
        )
        say()
        say(
            f"| claims | per claim | against {first:,} claims | `json.loads` of its JSON, per "
            f"claim | against {first:,} claims |"
        )
        say("|---:|---:|---:|---:|---:|")
        for size, (ours, loads) in growths(maps, min(rounds, 3), 1 if quick else 3).items():
            per_claim[size], baseline[size] = ours, loads
            say(
                f"| {size:,} | {ours * 1e6:.1f} µs | {ours / per_claim[first]:.2f} | "
                f"{loads * 1e6:.1f} µs | {loads / baseline[first]:.2f} |"
            )
        say()
        say("## Language server: from a change to its diagnostics (real stdio)")
        say()
        say("| claims | median | 90th percentile | slowest kind of edit (its median) |")
        say("|---:|---:|---:|---|")
        lsp: dict[int, tuple[str, float]] = {}  # the slowest kind of edit and its median
        rounds = len(LSP_KINDS) if quick else LSP_ROUNDS
        for size in lsp_sizes:
            found = lsp_latency(size, rounds, {"this": LSP_ROOT})["this"]
            times = [t for kind in LSP_KINDS for t in found[f"{kind} diagnostics"]]
            ordered = sorted(times)
            p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
            medians = {kind: statistics.median(found[f"{kind} diagnostics"]) for kind in LSP_KINDS}
            lsp[size] = max(medians.items(), key=lambda item: item[1])
            slowest, median = lsp[size]
            say(
                f"| {size:,} | {ms(statistics.median(times))} | {ms(p90)} | "
                f"{slowest}: {ms(median)} |"
            )

    say()
    say("## Targets")
    say()
    say("| target | measured | met |")
    say("|---|---|---|")

    def target(name: str, value: str, met: bool) -> None:
        say(f"| {name} | {value} | {'yes' if met else 'NO'} |")

    small, big = min(sizes), max(sizes)
    if argdown_too:
        ratio = walls[big]["argmap"] / walls[big]["argdown"]
        target(f"check, {big:,} claims: at most 1/10 of Argdown", f"{ratio:.2f}", ratio <= 0.1)
        ratio = walls[small]["argmap"] / walls[small]["argdown"]
        target(f"check, {small} claims: at most 1/4 of Argdown", f"{ratio:.2f}", ratio <= 1 / 4)
    target(
        f"check, {small} claims: under 0.25 s",
        ms(walls[small]["argmap"]),
        walls[small]["argmap"] < 0.25,
    )
    target(f"peak memory, {big:,} claims: under 150 MB", f"{peak:.0f} MiB", peak * 1.048576 < 150)
    if big_map:
        wall, most = big_map["wall"], big_map["peak"]
        target(f"check, {LARGE:,} claims: under 2 s", ms(wall), wall < 2.0)
        target(f"check, {LARGE:,} claims: under 150 MB", f"{most:.0f} MiB", most * 1.048576 < 150)
        slope = per_claim[LARGE] / per_claim[1000]
        target(
            f"linear growth: per claim at {LARGE:,} claims at most 1.25x that at 1,000",
            f"{slope:.2f}x",
            slope <= 1.25,
        )
    for size, limit in ((1000, 0.01), (10000, 0.05)):
        if size in lsp:
            slowest, median = lsp[size]
            target(
                f"language server, {size:,} claims: every kind of edit under {ms(limit)}",
                f"{ms(median)} ({slowest}, the slowest)",
                median < limit,
            )
    if 1000 in render_share:
        share = render_share[1000]
        target("render, 1,000 claims: our own time under 10%", f"{share:.0%}", share < 0.10)

    if not quick:
        stamp = time.strftime("%Y-%m-%d")
        header = [
            "# Performance",
            "",
            f"Measured on {stamp} by `python bench/run.py` on {machine()}"
            + (f", Argdown CLI {argdown_version}" if argdown_version else "")
            + ". These machines are shared and noisy: compare numbers within one run, not "
            "across runs.",
            "",
        ]
        text = "\n".join(header + report + ["", *HOW.splitlines()]) + "\n"
        write_atomically(args.output, text.encode("utf-8"))
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
