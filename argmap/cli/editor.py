"""``argmap editor NAME``: write the plugin or configuration that connects an editor to argmap."""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["add_parser", "run"]

NAMES = ("vscode", "neovim", "helix", "emacs", "vim")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "editor",
        help="write editor support files (VS Code, Neovim, Helix, Emacs, Vim)",
        description="Write the plugin or configuration for an editor: highlighting and argmap's "
        "language server. docs/editors.md says where each goes.",
    )
    parser.add_argument("name", choices=NAMES, metavar="NAME", help=", ".join(NAMES))
    parser.add_argument(
        "--out", default=".", metavar="DIR", help="the folder to write into (default: here)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.fmt import write_atomically
    from argmap.editors.plugins import files

    for relative, text in sorted(files(args.name).items()):
        path = os.path.join(args.out, *relative.split("/"))
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            print(f"argmap: {path}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(path)
    return 0
