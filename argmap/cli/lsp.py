"""``argmap lsp``: the language server, speaking the protocol over standard input and output."""

from __future__ import annotations

import argparse
import gc

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
    # The server's imports (pygls, the protocol's types) make tens of thousands of objects that
    # live as long as it does: no collection would free one, so none runs while they are made,
    # and they are frozen out of the collector's reach (see argmap/lsp/server.py).
    gc.disable()
    from argmap.lsp.server import main

    gc.freeze()
    gc.enable()
    main()
    return 0
