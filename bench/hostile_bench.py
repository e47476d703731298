"""The pathological inputs of issue 15, timed: they must stay linear.

Run: ``python bench/hostile_bench.py [--repeat R]``. Prints the best CPU time of R runs of

- checking a map with N undefined references, each a near miss of a defined id (N = 1,000,
  2,000, 4,000), beside the old way of suggesting (``difflib`` over every id, for each
  reference) on the same names, measured in the same run;
- the Markdown extension's fence search on a page of N unclosed ```` ```argmap ```` fences.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_cpu

import argmap
from argmap.markdown import _fences

__all__ = ["main"]


def undefined_references(count: int) -> str:
    """A map of ``count`` claims, each with an objection to a misspelt id."""
    lines = ["conclusion top: The top claim."]
    for n in range(count):
        lines += [f"claim point-{n}: Point number {n}.", f"objection to pont-{n}:", "  - No."]
    return "\n".join(lines) + "\n"


def old_suggestions(names: list[str], queries: list[str]) -> list[list[str]]:
    """How hints were found before: every id weighed for every reference."""
    return [difflib.get_close_matches(q, sorted(set(names)), n=1, cutoff=0.6) for q in queries]


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args(argv)
    print("undefined references (E101 with a did-you-mean hint each):")
    for count in (1_000, 2_000, 4_000):
        text = undefined_references(count)
        result = argmap.parse(text)
        found = argmap.check(result)
        hinted = sum(1 for d in found if d.code == "E101" and d.hint)
        seconds = best_cpu(args.repeat, lambda result=result: argmap.check(result))
        names = ["top"] + [f"point-{n}" for n in range(count)]
        queries = [f"pont-{n}" for n in range(count)]
        old = best_cpu(1, lambda n=names, q=queries: old_suggestions(n, q)) if count <= 2_000 else 0
        old_text = f"{old * 1000:9.0f} ms" if old else "  (skipped)"
        print(
            f"  {count:>5} refs, {len(text) / 1e3:6.0f} KB: check {seconds * 1000:7.1f} ms "
            f"({hinted} hints); old hints alone {old_text}"
        )
    print("Markdown: unclosed ```argmap fences:")
    for count in (1_000, 4_000, 16_000):
        lines = ["```argmap", "conclusion c: x."] * count
        seconds = best_cpu(args.repeat, lambda lines=lines: list(_fences(lines)))
        print(f"  {count:>6} fences: {seconds * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
