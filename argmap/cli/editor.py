"""``argmap editor NAME``: write the plugin or configuration that connects an editor to argmap."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from argmap.report import shown_path

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
    parser.add_argument(
        "--vsix",
        action="store_true",
        help="vscode only: also build the installable extension, argmap-VERSION.vsix, with npm "
        "(npm install, then npm run package, in the extension's folder)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.fmt import write_atomically
    from argmap.editors.plugins import files

    if args.vsix and args.name != "vscode":
        print("argmap: --vsix builds the VS Code extension: use it with `vscode`", file=sys.stderr)
        return 2
    for relative, text in sorted(files(args.name).items()):
        path = os.path.join(args.out, *relative.split("/"))
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            print(f"argmap: {shown_path(path)}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(path)
    return _build_vsix(os.path.join(args.out, "argmap-vscode")) if args.vsix else 0


def _build_vsix(folder: str) -> int:
    """Bundle and package the extension in ``folder`` with npm; print the .vsix's path."""
    from argmap.editors.plugins import vsix_name

    npm = shutil.which("npm")
    if npm is None:
        print("argmap: --vsix needs npm (Node.js) on PATH", file=sys.stderr)
        return 2
    steps = [[npm, "run", "--silent", "package"]]
    if not os.path.isdir(os.path.join(folder, "node_modules")):
        steps.insert(0, [npm, "install", "--no-audit", "--no-fund", "--silent"])
    for step in steps:
        done = subprocess.run(step, cwd=folder, stdout=sys.stderr, check=False)
        if done.returncode != 0:
            print(f"argmap: `{' '.join(step[1:])}` failed in {folder}", file=sys.stderr)
            return 1
    print(os.path.join(folder, vsix_name()))
    return 0
