"""Finding and reading the maps named on the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from argmap.read.parser import ParseResult, parse_bytes

__all__ = ["Input", "InputError", "expand", "read"]

EXTENSION = ".arg"


@attrs.frozen
class InputError:
    """A path that could not be read: reported on stderr, exit code 2."""

    path: str
    message: str


@attrs.frozen
class Input:
    """A map to read: a file, or standard input (``path`` is then ``"-"``)."""

    path: str
    label: str


def expand(paths: Sequence[str], *, stdin_label: str = "<stdin>") -> Iterator[Input | InputError]:
    """Files as given; directories walked for ``*.arg`` (sorted, hidden folders skipped)."""
    for raw in paths:
        if raw == "-":
            yield Input(path="-", label=stdin_label)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path))
            if not found:
                yield InputError(raw, f"no {EXTENSION} files in this directory")
            for file in found:
                yield Input(path=str(file), label=_label(file))
        elif path.exists() or path.is_symlink():
            yield Input(path=raw, label=_label(path))
        else:
            yield InputError(raw, "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(EXTENSION):
                yield Path(folder, name)


def _label(path: Path) -> str:
    return path.as_posix()


def read_bytes(path: str, label: str | None = None) -> bytes | InputError:
    """The bytes of a file, or of standard input for ``-``; a failure is an :class:`InputError`."""
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        return InputError(label or path, "is a directory")
    except OSError as error:
        return InputError(label or path, error.strerror or str(error))


def read(item: Input) -> ParseResult | InputError:
    """Read and parse one input; an unreadable file becomes an :class:`InputError`."""
    data = read_bytes(item.path, item.label)
    if isinstance(data, InputError):
        return data
    return parse_bytes(data, path=item.label)
