"""Finding and reading the maps named on the command line.

A directory is walked for ``*.arg`` files the way ruff and black walk a project: hidden folders,
``node_modules`` and whatever a ``.gitignore`` ignores are skipped; a symbolic link that leads
out of the tree is skipped and reported (``--follow-links`` follows it); FIFOs, devices and
other special files are skipped, never opened. The walk keeps its own stack, so no depth of
folders can exhaust Python's. Reads are bounded: at most the size limit and one byte is read
from any input, stdin and devices included, and only regular files are opened.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.read.layout import MAX_DEPTH, MAX_LINE, MAX_SIZE, Limits
from argmap.read.parser import ParseResult, decode, parse_bytes, parse_decoded, parse_file

if TYPE_CHECKING:
    import pathspec

__all__ = [
    "Input",
    "InputError",
    "Skipped",
    "add_limit_options",
    "expand",
    "limit_number",
    "limits",
    "read",
    "read_bytes",
    "walk",
]

EXTENSION = ".arg"
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


@attrs.frozen
class InputError:
    """A path that could not be read: reported on stderr, exit code 2."""

    path: str
    message: str


@attrs.frozen
class Skipped:
    """A file a walk passed over (a link out of the tree, a FIFO): reported, not an error."""

    path: str
    message: str


@attrs.frozen
class Input:
    """A map to read: a file, or standard input (``path`` is then ``"-"``)."""

    path: str
    label: str


def expand(
    paths: Sequence[str], *, stdin_label: str = "<stdin>", follow_links: bool = False
) -> Iterator[Input | InputError | Skipped]:
    """Files as given; directories walked for ``*.arg`` (sorted; see the module's notes)."""
    for raw in paths:
        if raw == "-":
            yield Input(path="-", label=stdin_label)
            continue
        path = Path(raw)
        if path.is_dir():
            found: list[Input | Skipped] = sorted(
                walk(path, follow_links=follow_links),
                key=lambda item: Path(item.path).parts,
            )
            if not any(isinstance(item, Input) for item in found):
                yield InputError(raw, f"no {EXTENSION} files in this directory")
            yield from found
        elif path.exists() or path.is_symlink():
            yield Input(path=raw, label=_label(path))
        else:
            yield InputError(raw, "no such file or directory")


def walk(root: Path, *, follow_links: bool = False) -> Iterator[Input | Skipped]:
    """The maps below ``root`` and the files passed over, in no particular order."""
    top = os.path.realpath(root)
    seen = {_identity(top)}
    base = os.path.abspath(root)
    stack: list[tuple[Path, str, _Chain]] = [(root, base, _gitignores_above(base))]
    while stack:
        folder, logical, chain = stack.pop()
        chain = _with_gitignore(chain, logical)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            yield Skipped(_label(folder), f"skipped: {error.strerror or error}")
            continue
        for entry in entries:
            path = Path(folder, entry.name)
            try:
                is_dir = entry.is_dir()  # follows links
                is_link = entry.is_symlink()
            except OSError:
                continue
            if is_dir:
                if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
                    continue
            elif not entry.name.endswith(EXTENSION):
                continue
            where = os.path.join(logical, entry.name)
            if _ignored(chain, where, is_dir):
                continue
            real = os.path.realpath(path) if is_link else ""
            if is_link and not follow_links and not _inside(real, top):
                yield Skipped(
                    _label(path),
                    "skipped: a symbolic link out of the tree (--follow-links follows it)",
                )
                continue
            if is_dir:
                try:
                    identity = _identity(str(path))
                except OSError:
                    continue
                if identity in seen:  # a link back up the tree, or twice to one folder
                    continue
                seen.add(identity)
                stack.append((path, where, chain))
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as error:
                yield Skipped(_label(path), f"skipped: {error.strerror or error}")
                continue
            if not stat.S_ISREG(mode):
                yield Skipped(_label(path), f"skipped: {_kind(mode)}, not a regular file")
                continue
            yield Input(path=str(path), label=_label(path))


def _identity(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


# The .gitignore files that apply to a folder: its own and its parents', up to the repository's
# top (the folder holding .git), nearest last. Matching follows git: the nearest file that says
# anything about a path decides (a `!pattern` re-includes), and an ignored folder is not entered,
# so nothing below it comes back. The patterns are read by pathspec, the matcher black uses.
_Chain = tuple[tuple[str, "pathspec.GitIgnoreSpec"], ...]


def _gitignores_above(base: str) -> _Chain:
    above: list[str] = []
    folder = base
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:  # not in a repository: no parent's .gitignore is this tree's
            return ()
        folder = parent
        above.append(folder)
    chain: _Chain = ()
    for parent in reversed(above):
        chain = _with_gitignore(chain, parent)
    return chain


def _with_gitignore(chain: _Chain, folder: str) -> _Chain:
    data = read_bytes(os.path.join(folder, ".gitignore"), limit=1_000_000)
    if not isinstance(data, bytes) or not data.strip():
        return chain
    import pathspec

    lines = data.decode("utf-8", errors="replace").splitlines()
    return (*chain, (folder, pathspec.GitIgnoreSpec.from_lines(lines)))


def _ignored(chain: _Chain, path: str, is_dir: bool) -> bool:
    for folder, spec in reversed(chain):
        relative = os.path.relpath(path, folder).replace(os.sep, "/")
        include = spec.check_file(relative + "/" if is_dir else relative).include
        if include is not None:
            return include
    return False


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def _label(path: Path) -> str:
    return path.as_posix()


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """The options that raise or lift the input limits (docs/limits.md), on every command that
    reads maps; :func:`limits` turns them into :class:`Limits`."""
    group = parser.add_argument_group(
        "input limits", "raise them for trusted input (0: no limit; docs/limits.md)"
    )
    group.add_argument(
        "--max-bytes",
        type=limit_number,
        default=MAX_SIZE,
        metavar="N",
        help=f"read inputs of at most N bytes (default: {MAX_SIZE:,})",
    )
    group.add_argument(
        "--max-line",
        type=limit_number,
        default=MAX_LINE,
        metavar="N",
        help=f"skip lines longer than N characters (default: {MAX_LINE:,})",
    )
    group.add_argument(
        "--max-depth",
        type=limit_number,
        default=MAX_DEPTH,
        metavar="N",
        help=f"skip lines nested deeper than N levels (default: {MAX_DEPTH:,})",
    )


def limits(args: argparse.Namespace) -> Limits:
    """The limits the options of :func:`add_limit_options` ask for (0 turns one off)."""
    return Limits(
        max_size=args.max_bytes or None,
        max_line=args.max_line or None,
        max_depth=args.max_depth or None,
    )


def limit_number(word: str) -> int:
    """A limit given on the command line: a whole number, 0 for none (``1_000`` and ``1,000``
    are read too)."""
    try:
        value = int(word.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {word!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (no limit) or more, got {word}")
    return value


def read_bytes(
    path: str,
    label: str | None = None,
    *,
    limit: int | None = MAX_SIZE,
) -> bytes | InputError:
    """The bytes of a regular file, or of standard input for ``-``: at most ``limit`` and one
    byte, so a reader can tell the input is past the limit (``None``: all of it); a failure is
    an :class:`InputError`.

    A FIFO, a device or a directory is refused without blocking: the file is opened with
    ``O_NONBLOCK`` and checked with ``fstat`` before anything is read.
    """
    name = label or path
    count = None if limit is None else limit + 1
    if path == "-":
        try:
            return _read_at_most(sys.stdin.buffer.fileno(), count)
        except (OSError, ValueError):  # stdin is not a file (a test's capture)
            return sys.stdin.buffer.read(-1 if count is None else count)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except IsADirectoryError:
        return InputError(name, "is a directory")
    except OSError as error:
        return InputError(name, error.strerror or str(error))
    try:
        info = os.fstat(handle)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            return InputError(name, "is a directory")
        if not stat.S_ISREG(mode):
            return InputError(name, f"{_kind(mode)}, not a regular file: argmap reads only files")
        # A regular file is asked for in one piece (its size and one byte): nothing to join,
        # so no copy of a large file is made. One that grows meanwhile is read on in pieces.
        size = info.st_size + 1
        return _read_at_most(handle, count, piece=max(size, 1 << 20))
    except OSError as error:
        if error.errno == errno.EISDIR:
            return InputError(name, "is a directory")
        return InputError(name, error.strerror or str(error))
    finally:
        os.close(handle)


def _read_at_most(handle: int, count: int | None, piece: int = 1 << 20) -> bytes:
    """At most ``count`` bytes (``None``: to the end), asked for ``piece`` bytes at a time."""
    chunks: list[bytes] = []
    left = count
    while left is None or left > 0:
        chunk = os.read(handle, piece if left is None else min(left, piece))
        if not chunk:
            break
        chunks.append(chunk)
        if left is not None:
            left -= len(chunk)
    return b"".join(chunks)


def read(item: Input, limits: Limits | None = None) -> ParseResult | InputError:
    """Read and parse one input; an unreadable file becomes an :class:`InputError`.

    No more than the size limit and one byte is read (``limits``: the defaults if ``None``).
    """
    limits = Limits() if limits is None else limits
    data = read_bytes(item.path, item.label, limit=limits.max_size)
    if isinstance(data, InputError):
        return data
    if limits.max_size is not None and len(data) > limits.max_size:
        if item.path == "-":  # its size is not known: it is reported as the limit and one byte
            return parse_bytes(data, path=item.label, limits=limits)
        # A regular file past the limit: parse_file reads no more either, and knows its size
        # for the message.
        try:
            return attrs.evolve(parse_file(item.path, limits=limits), path=item.label)
        except OSError as error:
            return InputError(item.label, error.strerror or str(error))
    text, problem = decode(data)
    del data  # only the text is needed now: for a large map, as much memory less while it is read
    # Each input is read once: no cache of its lines.
    return parse_decoded(text, problem, path=item.label, limits=limits, cache=False)
