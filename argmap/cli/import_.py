"""``argmap import FILE.json``: a map from argmap's JSON back to ``.arg`` text."""

from __future__ import annotations

import argparse
import sys

from argmap.cli.outputs import add_flags
from argmap.report import shown_path

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="turn argmap JSON back into .arg text",
        description="Read a map in argmap's JSON (what `argmap export -f json` writes) and "
        "write it as canonical .arg text.",
    )
    parser.add_argument("path", metavar="FILE", help="a .json file, or - for stdin")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    add_flags(parser)
    from argmap.cli.inputs import add_limit_options

    add_limit_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.export import write_output
    from argmap.cli.inputs import InputError, limits, read_bytes
    from argmap.diagnostics import Severity
    from argmap.interop.ingest import load_json
    from argmap.report import FileReport, render_report
    from argmap.write.from_model import dumps
    from argmap.write.json_io import from_dict

    given = limits(args)
    data = read_bytes(args.path, limit=given.max_size)
    if isinstance(data, InputError):
        print(f"argmap: {shown_path(data.path)}: {data.message}", file=sys.stderr)
        return 2
    # The importers' reading: the parser's limits (past the size limit, an E013 at the line and
    # column where the input crosses it), no NUL or lone surrogate, long integers.
    # argmap's own JSON: no offsets needed (from_dict reads none), so the C decoder reads it.
    value, source, found = load_json(data, given, offsets=False)
    label = "<stdin>" if args.path == "-" else args.path
    if found:
        # Past the size limit nothing was read: the report shows the input as far as it was.
        shown = source or data.decode("utf-8-sig", errors="replace")
        sys.stderr.write(
            render_report([FileReport(path=label, text=shown, diagnostics=tuple(found))])
        )
    if value is None or any(d.severity >= Severity.ERROR for d in found):
        print(f"argmap: {shown_path(label)}: not imported", file=sys.stderr)
        return 1
    try:
        text = dumps(from_dict(value))
    except ValueError as error:
        print(f"argmap: {shown_path(label)}: {error}", file=sys.stderr)
        return 1
    return write_output(text, args)
