"""The command line: ``argmap COMMAND ...``. Each command lives in its own module here.

:func:`main` takes ``argv`` and returns the exit code, so tests can call it in-process.
Exit codes: 0 clean, 1 findings (at or above ``--fail-on``), 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from argmap.cli import (
    check,
    compare,
    convert,
    editor,
    evaluate,
    explain,
    export,
    fmt,
    import_,
    lsp,
    render,
)

__all__ = ["main"]

COMMANDS = (check, explain, evaluate, fmt, render, export, import_, convert, compare, lsp, editor)


def build_parser() -> argparse.ArgumentParser:
    from argmap.version import __version__

    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument maps as plain text: check them, draw them, edit them.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse exits on --help, --version and usage errors
        return exit.code if isinstance(exit.code, int) else 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (argmap check | head): not an error of ours.
        sys.stderr.close()
        return 1
