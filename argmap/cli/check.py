"""``argmap check PATH...``: parse and check maps, report in text, JSON, GitHub or SARIF."""

from __future__ import annotations

import argparse
import sys

from argmap.cli.inputs import InputError, Skipped, add_limit_options, expand, limits, read
from argmap.diagnostics import Severity
from argmap.report import shown_path

__all__ = ["add_parser", "run"]

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "hint": Severity.HINT}


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(commands: argparse._SubParsersAction) -> None:
    from argmap.report import FORMATS

    parser = commands.add_parser(
        "check",
        help="check maps for syntax and structural mistakes",
        description="Check .arg maps. Exit 0 when clean, 1 when a finding is at or above "
        "--fail-on, 2 on a usage or I/O error.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="warning",
        help="the lowest severity that makes the exit code 1 (default: warning)",
    )
    parser.add_argument(
        "--select", type=_codes, metavar="CODES", help="only these codes, prefixes or rule names"
    )
    parser.add_argument(
        "--ignore", type=_codes, default=[], metavar="CODES", help="skip these codes or names"
    )
    parser.add_argument(
        "--hints",
        action="store_true",
        help="also give the teaching hints H301-H304 (golden rule, rabbit rule, holding hands, "
        "one claim per box); a map can turn them on itself with `# argmap: hints`",
    )
    parser.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name to report for -"
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="follow symbolic links that lead out of a directory being walked",
    )
    add_limit_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.checks import check
    from argmap.report import FileReport, Unreadable, render_report

    reports: list[FileReport] = []
    unreadable: list[Unreadable] = []
    given = limits(args)
    for item in expand(args.paths, stdin_label=args.stdin_filename, follow_links=args.follow_links):
        if isinstance(item, Skipped):
            print(f"argmap: {shown_path(item.path)}: {item.message}", file=sys.stderr)
            continue
        result = read(item, given) if not isinstance(item, InputError) else item
        if isinstance(result, InputError):
            print(f"argmap: {shown_path(result.path)}: {result.message}", file=sys.stderr)
            unreadable.append(Unreadable(path=result.path, message=result.message))
            continue
        diagnostics = check(
            result, select=args.select, ignore=args.ignore, hints=True if args.hints else None
        )
        reports.append(
            FileReport(path=result.path or "-", text=result.text, diagnostics=diagnostics)
        )
    # SARIF and GitHub output is written even when no file could be read: it carries them.
    if reports or not unreadable or args.format in ("sarif", "github"):
        sys.stdout.write(render_report(reports, args.format, unreadable=unreadable))
    if unreadable:
        return 2
    threshold = FAIL_ON[args.fail_on]
    failing = any(d.severity >= threshold for r in reports for d in r.diagnostics)
    return 1 if failing else 0
