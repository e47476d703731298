"""The pathological inputs of issues 15 and 21, timed: they must stay linear.

Run: ``python bench/hostile_bench.py [--repeat R] [--scale F]``. Prints the best CPU time of R
runs of

- checking a map with N undefined references, each a near miss of a defined id (N = 1,000,
  2,000, 4,000), beside the old way of suggesting (``difflib`` over every id, for each
  reference) on the same names, measured in the same run;
- the Markdown extension's fence search on a page of N unclosed ```` ```argmap ```` fences;
- issue 21's shapes, each at three sizes (times ``F``, default 1): the importers (a chain of
  objections to a dropped AIF CA node, AIF reasons, Kialo pros, Argdown emphasis markers,
  blanks in metadata, open tags, an inference line of blanks), the AIF and Argdown exports,
  ``compare`` of two maps, a Markdown page of unclosed fences through ``fenced_code``, and
  ``argmap evaluate`` of many hard attack-cycle regions.

The shapes are functions of their size, which tests/hostile/test_import_linear.py counts the
work of.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argmap
from argmap.markdown import _fences
from argmap.model import ArgumentMap

__all__ = [
    "aif_export_map",
    "aif_reasons",
    "argdown_emphasis",
    "argdown_inline_rule",
    "argdown_metadata_spaces",
    "argdown_open_tags",
    "chain_to_a_dropped_conflict",
    "compare_maps",
    "kialo_pros",
    "main",
    "regions",
    "unclosed_fences",
]


def _aif(nodes: list[dict[str, str]], edges: list[tuple[str, str]]) -> str:
    listed = [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)]
    return json.dumps({"nodes": nodes, "edges": listed})


def chain_to_a_dropped_conflict(count: int) -> str:
    """AIF: a CA node with no premise (dropped), and a chain of ``count`` CA nodes, each
    attacking the one before: every one of them is dropped in turn."""
    nodes = [{"nodeID": "c0", "text": "Default Conflict", "type": "CA"}]
    edges = []
    for i in range(1, count + 1):
        nodes.append({"nodeID": f"p{i}", "text": f"Point {i}.", "type": "I"})
        nodes.append({"nodeID": f"c{i}", "text": "Default Conflict", "type": "CA"})
        edges += [(f"p{i}", f"c{i}"), (f"c{i}", f"c{i - 1}")]
    return _aif(nodes, edges)


def aif_reasons(count: int) -> str:
    """AIF: ``count`` reasons (an I node and an RA node each) for one claim."""
    nodes = [{"nodeID": "top", "text": "Top.", "type": "I"}]
    edges = []
    for i in range(count):
        nodes.append({"nodeID": f"p{i}", "text": f"Point {i}.", "type": "I"})
        nodes.append({"nodeID": f"r{i}", "text": "Default Inference", "type": "RA"})
        edges += [(f"p{i}", f"r{i}"), (f"r{i}", "top")]
    return _aif(nodes, edges)


def kialo_pros(count: int) -> str:
    """A Kialo export: a thesis and ``count`` pros."""
    return "1. Top.\n" + "".join(f"1.{i}. Pro: Point {i}.\n" for i in range(1, count + 1))


def argdown_emphasis(count: int) -> str:
    """Argdown: a statement of ``count`` italic markers that never close."""
    return "[a]: " + "*a " * count + "\n  + [b]: B.\n"


def argdown_metadata_spaces(count: int) -> str:
    """Argdown: metadata holding a word, ``count`` blanks, and another word."""
    return "[a]: A. {k" + " " * count + "v}\n  + [b]: B.\n"


def argdown_open_tags(count: int) -> str:
    """Argdown: a statement of ``count`` tags in parentheses that never close."""
    return "[a]: " + "#( " * count + "\n  + [b]: B.\n"


def argdown_inline_rule(count: int) -> str:
    """Argdown: an inference line of ``count`` blanks that is not closed by ``--``."""
    return "<a>\n\n(1) [p]: P.\n-- x" + " " * count + "y\n(2) [c]: C.\n"


def _reasons_map(count: int, word: str) -> str:
    lines = ["conclusion top: The top claim."]
    for i in range(count):
        lines += [f"  reason {word}{i}:", f"    {word}p{i}: Point number {i} is {word}."]
    return "\n".join(lines) + "\n"


def aif_export_map(count: int) -> ArgumentMap:
    """A map of ``count`` reasons for one conclusion, to export."""
    return argmap.parse(_reasons_map(count, "made")).map


def compare_maps(count: int) -> tuple[ArgumentMap, ArgumentMap]:
    """A student's map and a reference map of ``count`` reasons each, worded differently and
    with other ids, so that every claim is matched by its text."""
    return argmap.parse(_reasons_map(count, "said")).map, aif_export_map(count)


def unclosed_fences(count: int) -> str:
    """A Markdown page of ``count`` ```` ```argmap ```` fences that never close."""
    return "```argmap\nconclusion c: x.\n" * count


def regions(count: int, size: int) -> str:
    """A map of ``count`` separate attack-cycle regions, each a ladder of ``size`` rungs of
    claims that object to each other (a number of complete labellings exponential in
    ``size``)."""
    lines = ["conclusion top: The top claim.", "  reason:", "    - It is so."]
    for r in range(count):
        for j in range(size):
            a, b = f"a{r}x{j}", f"b{r}x{j}"
            lines += [f"claim {a}: Point a {r} {j}.", f"claim {b}: Point b {r} {j}."]
            lines += [f"objection to {a}:", f"  @{b}", f"objection to {b}:", f"  @{a}"]
            if j:
                lines += [f"objection to {a}:", f"  @a{r}x{j - 1}"]
    return "\n".join(lines) + "\n"


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
    options.add_argument("--scale", type=float, default=1.0, help="multiply issue 21's sizes")
    options.add_argument(
        "--only", default="", help="run only issue 21's shapes with this in their name"
    )
    args = options.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import best_cpu

    if args.only:
        _issue_21(args, best_cpu)
        return 0
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
    _issue_21(args, best_cpu)
    return 0


def _issue_21(args: argparse.Namespace, best_cpu: Callable[..., float]) -> None:
    import markdown

    from argmap.interop import aif, argdown, kialo
    from argmap.teach import compare

    def reader(read: Callable[[str], object], shape: Callable[[int], str]) -> Any:
        return lambda n: (shape(n), lambda text: read(text))

    cases: list[tuple[str, tuple[int, ...], Any]] = [
        (
            "AIF chain to a dropped CA",
            (400, 800, 1_600),
            reader(aif.read, chain_to_a_dropped_conflict),
        ),
        ("AIF reasons", (2_500, 5_000, 10_000), reader(aif.read, aif_reasons)),
        ("Kialo pros", (5_000, 10_000, 20_000), reader(kialo.read, kialo_pros)),
        ("Argdown emphasis", (7_500, 15_000, 30_000), reader(argdown.read, argdown_emphasis)),
        (
            "Argdown metadata blanks",
            (7_500, 15_000, 30_000),
            reader(argdown.read, argdown_metadata_spaces),
        ),
        ("Argdown open tags", (7_500, 15_000, 30_000), reader(argdown.read, argdown_open_tags)),
        (
            "Argdown inference blanks",
            (7_500, 15_000, 30_000),
            reader(argdown.read, argdown_inline_rule),
        ),
        ("AIF export", (2_500, 5_000, 10_000), lambda n: (aif_export_map(n), aif.write)),
        (
            "compare",
            (1_250, 2_500, 5_000),
            lambda n: (compare_maps(n), lambda maps: compare(*maps)),
        ),
        (
            "Markdown unclosed fences",
            (2_000, 4_000, 8_000),
            lambda n: (
                unclosed_fences(n),
                lambda page: markdown.markdown(page, extensions=["argmap.markdown", "fenced_code"]),
            ),
        ),
        ("evaluate regions", (10, 20, 40), lambda n: (regions(n, 14), _evaluate_text)),
    ]
    print("issue 21 (sizes times --scale):")
    for name, sizes, make in cases:
        if args.only and args.only not in name:
            continue
        for size in sizes:
            size = max(1, int(size * args.scale))
            data, work = make(size)
            seconds = best_cpu(args.repeat, lambda data=data, work=work: work(data))
            length = f"{len(data) / 1e3:7.0f} KB" if isinstance(data, str) else " " * 10
            print(
                f"  {name:<26} {size:>7} {length}: {seconds * 1000:9.1f} ms",
                flush=True,
            )


def _evaluate_text(text: str) -> str:
    """``argmap evaluate``'s text report, which searches each region in turn."""
    from argmap.cli.evaluate import text_report
    from argmap.evaluation import evaluate

    return text_report(evaluate(argmap.parse(text).map), "map.arg", 256)


if __name__ == "__main__":
    raise SystemExit(main())
