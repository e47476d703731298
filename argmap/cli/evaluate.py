"""``argmap evaluate FILE``: which claims stand (IN), fall (OUT) or stay open, and why."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.cli.inputs import Input, InputError, add_limit_options, limits, read
from argmap.report import shown_path

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Region
    from argmap.evaluation.framework import Budget

__all__ = ["add_parser", "run"]

JSON_VERSION = 1


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="say which claims stand once objections and rebuttals are weighed",
        description="Label every claim and group IN, OUT or UNDECIDED (the grounded "
        "labelling), with the reason for each; where attack cycles leave things undecided, "
        "list the preferred and stable labellings. A map with errors is refused (exit 1). "
        "The rules are in docs/evaluation.md.",
    )
    parser.add_argument("path", metavar="FILE", help="a map, or - for stdin")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--max-extensions",
        type=int,
        default=None,
        metavar="N",
        help="list at most N preferred or stable labellings per region (default 256)",
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=None,
        metavar="N",
        help="search at most N steps for the preferred and stable labellings, all regions "
        "together (default 10,000,000)",
    )
    parser.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name to report for -"
    )
    add_limit_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.checks import check
    from argmap.diagnostics import Severity
    from argmap.evaluation import evaluate
    from argmap.evaluation.framework import DEFAULT_MAX_EXTENSIONS
    from argmap.report import FileReport, render_report

    limit = DEFAULT_MAX_EXTENSIONS if args.max_extensions is None else args.max_extensions
    steps = args.max_steps  # None: the library's default
    for flag, value in (("--max-extensions", limit), ("--max-steps", steps)):
        if value is not None and value < 1:
            print(f"argmap: {flag} must be at least 1", file=sys.stderr)
            return 2
    # One file: a directory is an error here, not a folder to walk.
    label = args.stdin_filename if args.path == "-" else Path(args.path).as_posix()
    missing = args.path != "-" and not os.path.lexists(args.path)
    result = (
        InputError(label, "no such file or directory")
        if missing
        else read(Input(path=args.path, label=label), limits(args))
    )
    if isinstance(result, InputError):
        print(f"argmap: {shown_path(result.path)}: {result.message}", file=sys.stderr)
        return 2
    label = result.path or "-"
    errors = tuple(d for d in check(result) if d.severity is Severity.ERROR)
    if errors:
        report = FileReport(path=label, text=result.text, diagnostics=errors)
        sys.stderr.write(render_report([report], "text"))
        print(
            f"argmap: not evaluating {shown_path(label)}: fix the errors first "
            f"(`argmap check {shown_path(label)}` lists every finding)",
            file=sys.stderr,
        )
        return 1
    evaluation = evaluate(result.map)
    if args.format == "json":
        found = evaluation.as_dict(max_extensions=limit, budget=steps)
        data = {"version": JSON_VERSION, "path": label, **found}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(text_report(evaluation, label, limit, steps))
    return 0


def _names(ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids) or "nothing"


def _quoted(text: str, limit: int = 60) -> str:
    """A claim's text in a terminal line: quoted, on one line, shortened, control characters
    shown as escapes so that a map cannot drive the terminal."""
    text = " ".join(text.split())
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return f'"{text if len(text) <= limit else text[: limit - 1] + "…"}"'


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def text_report(
    evaluation: Evaluation, path: str, max_extensions: int, max_steps: int | None = None
) -> str:
    """The terminal view: a summary, every node in written order, then the attack cycles.
    The regions' searches share ``max_steps`` (``None``: the library's default)."""
    from argmap.evaluation import Label
    from argmap.evaluation.framework import Budget
    from argmap.model import Claim

    m = evaluation.map
    counts = evaluation.counts
    claims = sum(isinstance(n, Claim) for n in evaluation.translation.nodes)
    groups = len(evaluation.translation.nodes) - claims
    out = [
        f"{shown_path(path)}: {counts[Label.IN]} IN, {counts[Label.OUT]} OUT, "
        f"{counts[Label.UNDECIDED]} UNDECIDED "
        f"(grounded labelling of {_plural(claims, 'claim')} and {_plural(groups, 'group')})"
    ]
    for conclusion in m.conclusions:
        if conclusion.id in evaluation.labels:
            out.append(f"Conclusion `{conclusion.id}` is {evaluation.label(conclusion.id)}.")
    out.append("")
    for id in evaluation.written_order():
        node = evaluation.translation.node(id)
        label = evaluation.label(id)
        name = id
        if isinstance(node, Claim):
            word = "conclusion " if node.conclusion else "implicit " if node.implicit else ""
            if node.anonymous:  # a generated id says nothing to a reader: give the text too
                name = f"{id} {_quoted(node.text)}"
        else:
            word = f"{node.kind.value} "
        indent = " " * (node.span.column - 1) if node.span is not None else ""
        reason = evaluation.explain(id)[len(str(label)) :]
        out.append(f"{label!s:<10}{indent}{word}{name}{reason}")
    out.append("")
    if evaluation.decided:
        out.append(
            "Nothing is undecided: this is the only complete labelling, so the preferred and "
            "stable labellings are the same."
        )
    else:
        out.append(
            f"Undecided because of attack cycles ({_plural(len(evaluation.regions), 'region')}):"
        )
        budget = Budget.of(max_steps)
        for number, region in enumerate(evaluation.regions, 1):
            out.extend(_region(evaluation, region, number, max_extensions, budget))
    return "\n".join(out) + "\n"


def _region(
    evaluation: Evaluation, region: Region, number: int, limit: int, budget: Budget
) -> list[str]:
    from argmap.evaluation import EnumerationLimit, Label

    out = [f"  region {number}: {_names(region.nodes)}"]
    for cycle in region.cycles:
        out.append(f"    {'odd' if cycle.odd else 'even'} cycle: {cycle}")
    found = {}
    for kind in ("preferred", "stable"):
        try:
            found[kind] = (
                evaluation.preferred(region, max_extensions=limit, budget=budget)
                if kind == "preferred"
                else evaluation.stable(region, max_extensions=limit, budget=budget)
            )
        except EnumerationLimit as error:
            flag = "--max-steps" if error.what == "steps" else "--max-extensions"
            out.append(f"    {kind}: not listed: {error} ({flag} raises the limit)")
            continue
        labellings = found[kind]
        if kind == "stable" and found.get("preferred") == labellings:
            out.append(f"    stable: the same {_plural(len(labellings), 'labelling')}")
            continue
        if not labellings:
            out.append(f"    {kind}: none")
        for index, labelling in enumerate(labellings, 1):
            parts = [
                f"IN {_names(labelling.ids(Label.IN))}",
                f"OUT {_names(labelling.ids(Label.OUT))}",
            ]
            undecided = labelling.ids(Label.UNDECIDED)
            if undecided:
                parts.append(f"UNDECIDED {_names(undecided)}")
            out.append(f"    {kind} {index}: {'; '.join(parts)}")
    return out
