"""``argmap lsp``: the language server, speaking the protocol over standard input and output."""

from __future__ import annotations

import argparse

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "lsp",
        help="run the language server (for editors)",
        description="Run argmap's language server on standard input and output. Editors start "
        "it; see docs/editors.md.",
    )
    # Editors' LSP clients often pass --stdio; standard I/O is the only transport anyway.
    parser.add_argument("--stdio", action="store_true", help="use standard I/O (the default)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.lsp.server import main

    main()
    return 0
