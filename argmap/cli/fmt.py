"""``argmap fmt PATH...``: rewrite maps in the canonical style, or check that they are in it."""

from __future__ import annotations

import argparse
import codecs
import difflib
import os
import sys
from collections.abc import Callable

from argmap.cli.files import FileChanged, write_atomically
from argmap.cli.inputs import InputError, Skipped, add_limit_options, expand, limits, read_bytes
from argmap.report import shown_path

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "fmt",
        help="format maps in the canonical style",
        description="Rewrite .arg maps in the canonical style (see docs/editors.md, "
        "'Formatting'). A map with syntax errors is reported and left untouched. "
        "Exit 0 when every file is (now) formatted, 1 when --check/--diff found a file to "
        "reformat or a file has syntax errors, 2 on a usage or I/O error.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or - (stdin to stdout)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file would change"
    )
    mode.add_argument(
        "--diff", action="store_true", help="write nothing; print a unified diff of the changes"
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


def _encode(text: str, ending: str, bom: bool) -> bytes:
    if ending != "\n":
        text = text.replace("\n", ending)
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def run(args: argparse.Namespace) -> int:
    from argmap.read.parser import parse_bytes
    from argmap.report import FileReport, render_report
    from argmap.write.formatter import format_result, line_ending

    status = 0
    given = limits(args)
    for item in expand(args.paths, stdin_label=args.stdin_filename, follow_links=args.follow_links):
        if isinstance(item, Skipped):
            print(f"argmap: {shown_path(item.path)}: {item.message}", file=sys.stderr)
            continue
        if isinstance(item, InputError):
            print(f"argmap: {shown_path(item.path)}: {item.message}", file=sys.stderr)
            status = 2
            continue
        before = _snapshot(item.path)
        data = read_bytes(item.path, item.label, limit=given.max_size)
        if isinstance(data, InputError):
            print(f"argmap: {shown_path(data.path)}: {data.message}", file=sys.stderr)
            status = 2
            continue
        result = parse_bytes(data, path=item.label, limits=given)
        formatted = format_result(result)
        if formatted is None:
            report = FileReport(path=item.label, text=result.text, diagnostics=result.diagnostics)
            sys.stderr.write(render_report([report], "text"))
            shown = shown_path(item.label)
            print(f"argmap: {shown}: not formatted: fix the syntax first", file=sys.stderr)
            status = max(status, 1)
            continue
        original = data.decode("utf-8")
        bom = original.startswith("\ufeff")
        new = _encode(formatted, line_ending(result.text), bom)
        if item.path == "-" and not (args.check or args.diff):
            sys.stdout.buffer.write(new)
            sys.stdout.flush()
            continue
        if new == data:
            continue
        if args.check:
            print(f"would reformat {shown_path(item.label)}")
            status = max(status, 1)
        elif args.diff:
            sys.stdout.write(_diff(result.text, formatted, shown_path(item.label)))
            status = max(status, 1)
        else:
            try:
                write_atomically(item.path, new, unchanged=_unchanged(item.path, before, data))
            except FileChanged:
                print(
                    f"argmap: {shown_path(item.label)}: changed while it was being formatted "
                    "(saved by "
                    "another program?); left as it is: run argmap fmt again",
                    file=sys.stderr,
                )
                status = max(status, 1)
                continue
            except OSError as error:
                shown = shown_path(item.label)
                print(f"argmap: {shown}: {error.strerror or error}", file=sys.stderr)
                status = 2
                continue
            print(f"reformatted {shown_path(item.label)}", file=sys.stderr)
    return status


def _snapshot(path: str) -> tuple[int, int, int, int] | None:
    if path == "-":
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _unchanged(
    path: str, before: tuple[int, int, int, int] | None, data: bytes
) -> Callable[[], bool]:
    """Whether the file at ``path`` is still the one read (same file, size, time and bytes)."""

    def check() -> bool:
        if before is None or _snapshot(path) != before:
            return False
        return read_bytes(path, limit=len(data)) == data

    return check


def _diff(before: str, after: str, label: str) -> str:
    from argmap.read.layout import split_lines

    old = [line + "\n" for line in split_lines(before)]
    if before.endswith(("\n", "\r")):
        old.pop()  # split_lines leaves an empty string after the final line break
    elif old:
        old[-1] = old[-1][:-1]
    new = [line + "\n" for line in after.split("\n")[:-1]]  # only \n: texts may hold U+2028
    out = []
    for line in difflib.unified_diff(old, new, fromfile=label, tofile=label):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
