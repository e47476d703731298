"""Other formats: AIF JSON, Argdown, Kialo exports in; AIF, Argdown, Mermaid out.

>>> from argmap import parse
>>> from argmap.interop import read, write
>>> m = parse("conclusion c: Tea is good.\\n  reason r:\\n    w: It is warm.\\n").map
>>> exported = write(m, "argdown")
>>> imported = read(exported.text, "argdown")
>>> [c.text for c in imported.map.claims]
['Tea is good.', 'It is warm.']

Every conversion returns its result with diagnostics (codes ``E401``, ``W401``-``W405``) for
whatever the target could not hold or the input held that argmap has no place for: a
conversion never drops information silently. See ``docs/interop.md`` for each format's mapping.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType

from argmap.interop.results import Exported, Imported
from argmap.model import ArgumentMap
from argmap.read.layout import Limits

__all__ = [
    "EXTENSIONS",
    "READERS",
    "WRITERS",
    "Exported",
    "Imported",
    "format_for",
    "read",
    "write",
]

READERS = ("aif", "argdown", "kialo", "arg")
WRITERS = ("aif", "argdown", "mermaid", "arg")
EXTENSIONS = {
    ".json": "aif",
    ".aif": "aif",
    ".argdown": "argdown",
    ".ad": "argdown",
    ".txt": "kialo",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".arg": "arg",
}


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file's extension names, or ``None``."""
    return EXTENSIONS.get(os.path.splitext(os.fspath(path))[1].lower())


def _reader(format: str) -> Callable[..., Imported]:
    if format not in READERS[:-1]:
        raise ValueError(f"argmap cannot read {format!r}; it reads {', '.join(READERS[:-1])}")
    reader: Callable[..., Imported] = _module(format).read
    return reader


def _writer(format: str) -> Callable[[ArgumentMap], Exported]:
    if format not in WRITERS[:-1]:
        raise ValueError(f"argmap cannot write {format!r}; it writes {', '.join(WRITERS[:-1])}")
    writer: Callable[[ArgumentMap], Exported] = _module(format).write
    return writer


def _module(format: str) -> ModuleType:
    # Each format's module is imported when it is first used: the others cost nothing.
    return importlib.import_module(f"argmap.interop.{format}")


def read(data: str | bytes, format: str, *, limits: Limits | None = None) -> Imported:
    """Read a map in another format (``aif``, ``argdown``, ``kialo``).

    ``limits`` (the parser's by default, docs/limits.md) bound the input's size, its lines and,
    for Kialo, its nesting.
    """
    return _reader(format)(data, limits=limits)


def write(m: ArgumentMap, format: str) -> Exported:
    """Write a map in another format (``aif``, ``argdown``, ``mermaid``)."""
    return _writer(format)(m)
