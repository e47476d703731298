"""Where `argmap check` spends its time on a generated map of N claims.

Run: ``python bench/check_bench.py [N] [--repeat R] [--profile]`` (N defaults to 10,000).
Prints the best CPU time of R runs of each stage in this process: layout (text to logical
lines), lark (parsing every logical line), statements (lark's tokens to statements, lark
included), building the model, the whole :func:`argmap.parse`, and each checker rule; then the
wall time, CPU time and peak RSS of the real ``python -m argmap check --max-bytes 0 FILE`` in a
child process. ``--profile`` adds the top of a cProfile of parse + check.

Side by side, in one run, R rounds alternating (medians of wall time, peak RSS of each):

- ``--argdown``: the same map as Argdown, through ``argdown json`` (bench/argdown, ``npm ci``);
- ``--against DIR``: ``argmap check`` of another checkout of argmap (say, a ``git worktree`` of
  main), to measure a change before and after;
- ``--only-processes`` skips the in-process stages.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_cpu
from generate import generate

import argmap
from argmap.checks import check, checker_rules
from argmap.read import lark_lines, layout
from argmap.read.assemble import Builder
from argmap.read.layout import Limits
from argmap.read.parser import _parse_content, parse, parse_line

__all__ = ["main"]


def _row(name: str, seconds: float, total: float | None = None) -> None:
    share = f"{100 * seconds / total:5.1f}%" if total else ""
    print(f"  {name:<34} {seconds * 1000:10.1f} ms {share}")


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    options.add_argument("claims", nargs="?", type=int, default=10_000)
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--profile", action="store_true")
    options.add_argument("--argdown", action="store_true", help="and Argdown, side by side")
    options.add_argument("--against", type=Path, metavar="DIR", help="and another checkout")
    options.add_argument("--only-processes", action="store_true")
    args = options.parse_args(argv)
    # As after `pip install`, which compiles every module: a sandbox that sets
    # PYTHONDONTWRITEBYTECODE would otherwise have each child process compile argmap anew (and a
    # checkout compared with --against compile on every start, where this one does not).
    for checkout in (Path(argmap.__file__).parent.parent, args.against):
        if checkout is not None:
            compileall.compile_dir(Path(checkout, "argmap"), quiet=1)
    if args.only_processes:
        return side_by_side(generate(args.claims), args)

    text = generate(args.claims)
    lines = list(layout.logical_lines(text))
    logical = [item for item in lines if isinstance(item, layout.Line)]
    print(
        f"map: {args.claims} claims, {len(text.splitlines())} lines, {len(text) / 1e6:.2f} MB, "
        f"{len(logical)} logical lines"
    )

    def lark_only() -> None:
        parser = lark_lines.parser()
        for line in logical:
            parser.parse(line.content)

    statements = []

    def to_statements() -> None:
        _parse_content.cache_clear()  # time lark too, not the cache
        statements.clear()
        diagnostics: list = []
        statements.extend(parse_line(line, diagnostics) for line in logical)

    def build() -> None:
        builder = Builder()
        for line, statement in zip(logical, statements, strict=True):
            builder.add(line.indent, statement, line.whole)
        builder.finish()

    repeat = args.repeat
    t_layout = best_cpu(repeat, lambda: list(layout.logical_lines(text)))
    t_lark = best_cpu(repeat, lark_only)
    t_statements = best_cpu(repeat, to_statements)
    t_build = best_cpu(repeat, build)

    unlimited = Limits(max_size=None)  # as `--max-bytes 0`: a 100,000-claim map is past 10 MB

    def cold_parse() -> None:
        _parse_content.cache_clear()
        parse(text, limits=unlimited)

    t_parse = best_cpu(repeat, cold_parse)
    result = parse(text, limits=unlimited)
    assert result.ok, result.diagnostics[:5]
    rule_times = [
        (f"{rule.code} {rule.name}", best_cpu(repeat, lambda rule=rule: list(rule.run(result.map))))
        for rule in checker_rules()
        if rule.default_enabled
    ]
    t_check = best_cpu(repeat, lambda: check(result))
    findings = check(result)

    print(f"in process (CPU time, best of {repeat}):")
    _row("parse (whole)", t_parse, t_parse)
    _row("  layout: logical lines", t_layout, t_parse)
    _row("  lark: parse each line", t_lark, t_parse)
    _row("  statements (lark + conversion)", t_statements, t_parse)
    _row("  building the model", t_build, t_parse)
    _row("checks (all rules)", t_check, t_check)
    for name, seconds in sorted(rule_times, key=lambda item: -item[1]):
        _row("  " + name, seconds, t_check)
    print(f"  findings: {len(findings)}")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "generated.arg")
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "argmap", "check", "--max-bytes", "0", str(path)]
        best = least_cpu = float("inf")
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
            best = min(best, time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            least_cpu = min(least_cpu, cpu)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        print(f"`python -m argmap check` (best of {repeat}): exit {done.returncode}")
        _row("wall time", best)
        _row("CPU time", least_cpu)
        print(f"  {'peak RSS':<34} {peak_kib / 1024:10.1f} MiB")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        _row("(bare python start-up, for scale)", time.perf_counter() - start)

    if args.argdown or args.against:
        side_by_side(text, args)
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        check(parse(text, limits=unlimited))
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(20)
        print(out.getvalue())
    return 0


# Runs argmap from the checkout in the environment variable ROOT, not from the installed one.
_FROM_ROOT = (
    "import os, sys\n"
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]\n"
    "sys.path.insert(0, os.environ['ROOT'])\n"
    "from argmap.cli import entry\n"
    "entry()\n"
)


def side_by_side(text: str, args: argparse.Namespace) -> int:
    """Whole processes on one map, alternating: argmap, and Argdown or another checkout."""
    import statistics

    from common import process

    from argmap.interop import argdown
    from argmap.read.parser import Limits

    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "map.arg")
        path.write_text(text, encoding="utf-8")
        check = ["check", "--max-bytes", "0", str(path)]
        commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "argmap": ([sys.executable, "-m", "argmap", *check], None)
        }
        if args.against:
            environment = dict(os.environ, ROOT=str(args.against.resolve()))
            commands[f"argmap of {args.against}"] = (
                [sys.executable, "-c", _FROM_ROOT, *check],
                environment,
            )
        if args.argdown:
            model = parse(text, limits=Limits(max_size=None)).map
            source = Path(folder, "map.argdown")
            source.write_text(argdown.write(model).text, encoding="utf-8")
            binary = here / "argdown" / "node_modules" / ".bin" / "argdown"
            commands["argdown json"] = ([str(binary), "json", str(source), folder], None)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (command, environment) in commands.items():
                code, wall, peak = process(command, env=environment)
                assert code == 0, f"{name} exited with {code}"
                walls[name].append(wall)
                peaks[name].append(peak)
    print(f"side by side, {args.claims} claims, {args.repeat} rounds alternating (medians):")
    first = statistics.median(walls["argmap"])
    for name in commands:
        wall = statistics.median(walls[name])
        peak = statistics.median(peaks[name])
        ratio = first / wall
        print(f"  {name:<40} {wall * 1000:9.0f} ms {peak:8.1f} MiB  argmap / this {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
