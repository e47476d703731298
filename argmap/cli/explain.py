"""``argmap explain [CODE]``: the documentation of a diagnostic code, or the list of codes."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "explain",
        help="explain a diagnostic code, or list them all",
        description="Print the documentation of a code (E101) or rule name "
        "(undefined-reference); with no argument, list every code.",
    )
    parser.add_argument("code", nargs="?", metavar="CODE", help="a code or a rule name")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.report.catalogue import all_rules, lookup

    if args.code is None:
        for rule in all_rules():
            off = "" if rule.default_enabled else "  (off by default)"
            print(f"{rule.code}  {rule.name:<24} {rule.severity.label:<8} {rule.summary}{off}")
        return 0
    found = lookup(args.code)
    if found is None:
        print(f"argmap: unknown code {args.code!r}; `argmap explain` lists them", file=sys.stderr)
        return 2
    print(f"{found.code} {found.name} ({found.severity.label}, {found.reporter})")
    print()
    print(found.doc)
    return 0
