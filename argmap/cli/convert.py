"""``argmap convert IN -o OUT``: a map from or to AIF JSON, Argdown, Kialo text or Mermaid."""

from __future__ import annotations

import argparse
import sys

from argmap.cli.outputs import add_flags
from argmap.report import shown_path

__all__ = ["add_parser", "run"]

FROM = ("arg", "aif", "argdown", "kialo")
TO = ("arg", "aif", "argdown", "mermaid")
FAIL_ON = ("error", "warning")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "convert",
        help="convert a map from or to AIF, Argdown, Kialo or Mermaid",
        description="Convert a map between formats: .arg, AIF JSON (.json), Argdown (.argdown), "
        "a Kialo export (.txt, read only) and Mermaid (.mmd, write only). The formats come "
        "from the file extensions, or from --from / --to. Whatever one side cannot hold is "
        "reported on stderr with its place in the file (codes W401-W405; `argmap explain W401`). "
        "Exit 0 when converted, 1 when the input could not be read (or, with --fail-on warning, "
        "when anything was reported), 2 on a usage or I/O error.",
    )
    parser.add_argument("path", metavar="IN", help="the file to convert, or - for stdin")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="where to write (default: stdout; needs --to)"
    )
    parser.add_argument("--from", dest="source", choices=FROM, help="the input format")
    parser.add_argument("--to", dest="target", choices=TO, help="the output format")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="the lowest severity that makes the exit code 1 (default: error)",
    )
    add_flags(parser)
    from argmap.cli.inputs import add_limit_options

    add_limit_options(parser)
    parser.set_defaults(run=run)


def _format(given: str | None, path: str | None, allowed: tuple[str, ...], side: str) -> str:
    from argmap.interop import format_for

    found = given or (format_for(path) if path and path != "-" else None)
    if found is None:
        flag = "--from" if side == "input" else "--to"
        raise _Usage(f"cannot tell the {side} format from {path or 'stdout'!r}: use {flag}")
    if found not in allowed:
        raise _Usage(f"argmap cannot {'read' if side == 'input' else 'write'} {found}")
    return found


class _Usage(Exception):
    pass


def run(args: argparse.Namespace) -> int:
    from argmap.cli.export import write_output
    from argmap.cli.inputs import Input, InputError, limits, read_bytes
    from argmap.cli.inputs import read as read_map
    from argmap.diagnostics import Severity
    from argmap.interop import read, write
    from argmap.read.parser import ParseResult
    from argmap.report import FileReport, render_report

    try:
        source = _format(args.source, args.path, FROM, "input")
        target = _format(args.target, args.output, TO, "output")
    except _Usage as problem:
        print(f"argmap: {problem}", file=sys.stderr)
        return 2
    label = "<stdin>" if args.path == "-" else args.path
    given = limits(args)
    # Past the size limit, a map and an import alike are an E013 at the line and column where
    # the input crosses it (exit 1); neither is read further than the limit and one byte.
    data: ParseResult | bytes | InputError
    if source == "arg":
        data = read_map(Input(args.path, label), given)
    else:
        data = read_bytes(args.path, label, limit=given.max_size)
    if isinstance(data, InputError):
        print(f"argmap: {shown_path(data.path)}: {data.message}", file=sys.stderr)
        return 2

    reports: list[FileReport] = []
    if not isinstance(data, bytes):
        if not data.ok:
            reports.append(FileReport(path=label, text=data.text, diagnostics=data.diagnostics))
            sys.stderr.write(render_report(reports, "text"))
            print(f"argmap: {shown_path(label)} has syntax errors; not converted", file=sys.stderr)
            return 1
        m, map_text, map_label = data.map, data.text, label
    else:
        imported = read(data, source, limits=given)
        text = data.decode("utf-8-sig", errors="replace")
        reports.append(FileReport(path=label, text=text, diagnostics=imported.diagnostics))
        if not imported.ok:
            sys.stderr.write(render_report(reports, "text"))
            print(
                f"argmap: {shown_path(label)} could not be read as {source}; not converted",
                file=sys.stderr,
            )
            return 1
        m, map_text, map_label = imported.map, imported.text, f"{label} (as .arg)"

    if target == "arg":
        from argmap.write.from_model import dumps

        output = map_text if source != "arg" else dumps(m)
    else:
        exported = write(m, target)
        output = exported.text
        if exported.diagnostics:
            reports.append(
                FileReport(path=map_label, text=map_text, diagnostics=exported.diagnostics)
            )
    found = [d for r in reports for d in r.diagnostics]
    if found:
        sys.stderr.write(render_report(reports, "text"))
    written = write_output(output, args)
    if written:
        return written
    threshold = Severity.ERROR if args.fail_on == "error" else Severity.WARNING
    return 1 if any(d.severity >= threshold for d in found) else 0
