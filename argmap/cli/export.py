"""``argmap export FILE -f json|outline|markdown|html``: the map in a form other programs (or
readers, for the interactive HTML page) read."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from argmap.cli.outputs import add_flags
from argmap.report import shown_path

if TYPE_CHECKING:
    from argmap.read import ParseResult

__all__ = ["add_parser", "run"]

FORMATS = ("json", "outline", "markdown", "html")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="write a map as JSON, a text outline, Markdown or an interactive HTML page",
        description="Write a map as JSON (for web front ends), a plain-text outline (for screen "
        "readers), a Markdown list, or one self-contained interactive HTML page (-f html). A map "
        "with syntax errors is not exported, except as a page: the page shows the errors above "
        "what could be drawn, and the exit code is still 1.",
    )
    parser.add_argument("path", metavar="FILE", help="a .arg file, or - for stdin")
    parser.add_argument("-f", "--format", choices=FORMATS, default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="-f html: open the page with the evaluation overlay on",
    )
    add_flags(parser)
    from argmap.cli.inputs import add_limit_options

    add_limit_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.inputs import Input, InputError, limits, read
    from argmap.report import FileReport, render_report

    label = "<stdin>" if args.path == "-" else args.path
    result = read(Input(path=args.path, label=label), limits(args))
    if isinstance(result, InputError):
        print(f"argmap: {shown_path(result.path)}: {result.message}", file=sys.stderr)
        return 2
    if args.format == "html":
        return _page(result, label, args)
    if not result.ok:
        report = FileReport(path=label, text=result.text, diagnostics=result.diagnostics)
        sys.stderr.write(render_report([report], "text"))
        return 1
    if args.format == "json":
        from argmap.write.json_io import to_json

        text = to_json(result.map)
    elif args.format == "outline":
        from argmap.write.outline import to_outline

        text = to_outline(result.map)
    else:
        from argmap.write.outline import to_markdown

        text = to_markdown(result.map)
    return write_output(text, args)


def _page(result: ParseResult, label: str, args: argparse.Namespace) -> int:
    """The interactive page, also for a map with errors: they are printed, shown in the page
    above what could be drawn, and make the exit code 1."""
    from argmap.checks import check
    from argmap.diagnostics import Severity
    from argmap.render.page import to_html
    from argmap.report import FileReport, render_report

    diagnostics = check(result)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        report = FileReport(path=label, text=result.text, diagnostics=tuple(errors))
        sys.stderr.write(render_report([report], "text"))
    code = write_output(to_html(result, evaluate=args.evaluate, diagnostics=diagnostics), args)
    return code or (1 if errors else 0)


def write_output(text: str, args: argparse.Namespace) -> int:
    """Write to ``args.output`` under the output policy (:mod:`argmap.cli.outputs`), or to
    stdout; a refused or unwritable file is exit code 2."""
    output = args.output
    if output is None or output == "-":
        sys.stdout.write(text)
        return 0
    from argmap.cli.outputs import Policy, Refused

    policy = Policy.of([args.path], force=args.force, follow_links=args.follow_links)
    try:
        policy.write(output, text.encode("utf-8"))
    except Refused as refusal:
        print(f"argmap: {refusal}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"argmap: {shown_path(output)}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0
