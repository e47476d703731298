"""``argmap export FILE -f json|outline|markdown``: the map in a form other programs read."""

from __future__ import annotations

import argparse
import sys

from argmap.cli.outputs import add_flags

__all__ = ["add_parser", "run"]

FORMATS = ("json", "outline", "markdown")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="write a map as JSON, a text outline or Markdown",
        description="Write a map as JSON (for web front ends), a plain-text outline (for screen "
        "readers) or a Markdown list. A map with syntax errors is not exported.",
    )
    parser.add_argument("path", metavar="FILE", help="a .arg file, or - for stdin")
    parser.add_argument("-f", "--format", choices=FORMATS, default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    add_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.inputs import Input, InputError, read
    from argmap.report import FileReport, render_report

    label = "<stdin>" if args.path == "-" else args.path
    result = read(Input(path=args.path, label=label))
    if isinstance(result, InputError):
        print(f"argmap: {result.path}: {result.message}", file=sys.stderr)
        return 2
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
        print(f"argmap: {output}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0
