"""The command line: ``argmap COMMAND ...``. Each command lives in its own module here.

:func:`main` takes ``argv`` and returns the exit code, so tests can call it in-process;
:func:`entry` is the ``argmap`` program itself.
Exit codes: 0 clean, 1 findings (at or above ``--fail-on``), 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

__all__ = ["entry", "main"]

# Each command is a module of this package (``import`` is ``import_``), imported only when it
# runs or the help lists them all: `argmap check` never loads what `argmap render` needs.
COMMANDS = {
    "check": "check",
    "explain": "explain",
    "evaluate": "evaluate",
    "fmt": "fmt",
    "render": "render",
    "export": "export",
    "import": "import_",
    "convert": "convert",
    "compare": "compare",
    "lsp": "lsp",
    "editor": "editor",
}


def build_parser(only: str | None = None, *, names_only: bool = False) -> argparse.ArgumentParser:
    """The argument parser: every command, or only the command ``only``.

    With ``names_only``, the other commands are there by name alone, with no options and no
    help: enough to parse ``--version`` or to refuse an unknown command with the same words,
    without importing every command's module (the help needs them all; it builds them all).
    """
    from argmap.version import __version__

    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument maps as plain text: check them, draw them, edit them.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        if (only is None and not names_only) or name == only:
            importlib.import_module(f"argmap.cli.{module}").add_parser(commands)
        elif names_only:
            commands.add_parser(name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((word for word in argv if not word.startswith("-")), None)
    # The words before a command are the program's own options (--version, --help: no option
    # of argmap's own takes a value). Only the help lists every command's help, so only it
    # builds every command's parser; `argmap --version` builds none (argparse also takes
    # abbreviations such as `--he`, hence the prefix).
    asks_help = any(word.startswith(("-h", "--h")) for word in argv)
    if command in COMMANDS:
        parser = build_parser(command)
    else:
        parser = build_parser(names_only=not asks_help)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse exits on --help, --version and usage errors
        return exit.code if isinstance(exit.code, int) else 2
    args.argv = argv  # the words as typed, for messages that give a command to run
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (argmap check | head): say so once, without a traceback.
        _drop_stdout()
        print("argmap: the output was closed before all of it was written", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, /dev/full, an output that cannot be written
        _drop_stdout()
        from argmap.report import shown_path

        where = f"{shown_path(str(error.filename))}: " if error.filename else "writing the output: "
        print(f"argmap: {where}{error.strerror or error}", file=sys.stderr)
        return 2


def _drop_stdout() -> None:
    """Send what is left of stdout nowhere, so that flushing it later raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a file (a test's capture)
        pass


def entry() -> NoReturn:
    """The ``argmap`` program (and ``python -m argmap``): :func:`main`, then a quick exit.

    Tearing the interpreter down frees every object one at a time: after checking a 10,000-claim
    map that is some 100 ms, a tenth of the run, for memory the operating system takes back at
    once anyway. So once the output is flushed the process ends with ``os._exit``, as mypy's
    does. Nothing is lost by it: every file argmap writes is closed and renamed into place, and
    every thread and layout it started has finished, before :func:`main` returns. (A layout
    process started ahead and never used sees its input close, and ends on its own.)
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # the reader went away, closed the stream, or the disk is full
        code = code or 2
    os._exit(code)
