"""How long evaluation takes on a generated map of N claims (default 10,000).

Run: ``python bench/evaluate_bench.py [N] [--repeat R] [--cycles K]``. Prints the best of R runs
of each stage in this process: parsing and checking (for scale), translating the map into a
framework, the grounded labelling, the undecided analysis and explanations, the whole
:func:`argmap.evaluation.evaluate`, the JSON view, and, on a copy of the map with K mutual
attacks added (attack cycles), evaluate plus the preferred and stable labellings of every
undecided region. Then a chain of N nested objections (depth N), and the wall time of the real
``python -m argmap evaluate FILE`` in a child process.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_wall
from generate import generate

from argmap import parse
from argmap.checks import check
from argmap.evaluation import evaluate
from argmap.evaluation.explain import analyse_undecided, build_steps
from argmap.evaluation.framework import grounded
from argmap.evaluation.translate import translate
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise

__all__ = ["main"]


def _row(name: str, seconds: float) -> None:
    print(f"  {name:<44} {seconds * 1000:10.1f} ms")


def _with_cycles(text: str, pairs: int, seed: int) -> str:
    """The map with ``pairs`` mutual attacks between named claims appended: attack cycles."""
    m = parse(text).map
    named = [c.id for c in m.claims if not c.anonymous and not c.conclusion]
    rng = random.Random(seed)
    lines = [text.rstrip("\n"), ""]
    for _ in range(pairs):
        a, b = rng.sample(named, 2)
        lines += [f"objection to {a}:", f"  @{b}", f"objection to {b}:", f"  @{a}"]
    return "\n".join(lines) + "\n"


def _deep(depth: int) -> ArgumentMap:
    claims = tuple(Claim(id=f"c{i}", text=f"Claim {i}.") for i in range(depth + 1))
    groups = tuple(
        Group(id=f"g{i}", kind=Kind.OBJECTION, target=f"c{i}", premises=(Premise(id=f"c{i + 1}"),))
        for i in range(depth)
    )
    return ArgumentMap(claims=claims, groups=groups)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("claims", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cycles", type=int, default=200, help="mutual attacks to add")
    args = parser.parse_args(argv)

    text = generate(args.claims, seed=0)
    result = parse(text)
    m = result.map
    relations = sum(len(g.premises) + 1 for g in m.groups)
    print(
        f"Generated map: {len(m.claims)} claims, {len(m.groups)} groups, {relations} relations, "
        f"{len(text.splitlines())} lines (python {sys.version.split()[0]}, best of {args.repeat})"
    )
    _row("parse (for scale)", best_wall(args.repeat, lambda: parse(text)))
    _row("check (for scale)", best_wall(args.repeat, lambda: check(result)))
    t = translate(m)
    print(
        f"  framework: {len(t.framework.arguments)} arguments, "
        f"{sum(len(x) for x in t.framework.targets)} attacks"
    )
    _row("translate", best_wall(args.repeat, lambda: translate(m)))
    _row("grounded labelling", best_wall(args.repeat, lambda: grounded(t.framework)))
    g = grounded(t.framework)
    _row("undecided analysis", best_wall(args.repeat, lambda: analyse_undecided(t, g)))
    u = analyse_undecided(t, g)
    _row("explanations (one step per node)", best_wall(args.repeat, lambda: build_steps(t, g, u)))
    evaluation_time = best_wall(args.repeat, lambda: evaluate(m))
    _row("evaluate (all of the above)", evaluation_time)
    e = evaluate(m)
    counts = {label.value: n for label, n in e.counts.items()}
    print(f"  labels: {counts}; attack cycles: {len(e.cycles)}")
    _row("explain() every node", best_wall(args.repeat, lambda: [e.explain(i) for i in e.labels]))
    _row("as_dict (the JSON view)", best_wall(args.repeat, lambda: e.as_dict()))

    cyclic_text = _with_cycles(text, args.cycles, seed=1)
    cyclic = parse(cyclic_text).map
    print(f"With {args.cycles} mutual attacks added:")
    _row("evaluate", best_wall(args.repeat, lambda: evaluate(cyclic)))
    ce = evaluate(cyclic)
    counts = {label.value: n for label, n in ce.counts.items()}
    print(f"  labels: {counts}; cycles: {len(ce.cycles)}; regions: {len(ce.regions)}")

    def every_region() -> int:
        total = 0
        for region in ce.regions:
            total += len(ce.preferred(region)) + len(ce.stable(region))
        return total

    _row("preferred + stable of every region", best_wall(args.repeat, every_region))

    deep = _deep(args.claims)
    print(f"A chain of {args.claims} nested objections:")
    _row("evaluate", best_wall(args.repeat, lambda: evaluate(deep)))
    de = evaluate(deep)
    _row("chain() from the top", best_wall(args.repeat, lambda: de.chain("c0")))

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "map.arg")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        command = [sys.executable, "-m", "argmap", "evaluate", path]

        def child() -> None:
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode != 0:
                raise SystemExit(done.stderr.decode())

        print("The real command line:")
        _row("python -m argmap evaluate FILE (wall)", best_wall(max(1, args.repeat // 2), child))
    return 0


if __name__ == "__main__":
    sys.exit(main())
