"""Other formats: AIF JSON, Argdown, Kialo exports in; AIF, Argdown, Mermaid out.

>>> from argmap import parse
>>> from argmap.interop import read, write
>>> m = parse("conclusion c: Tea is good.\\n  reason r:\\n    w: It is warm.\\n").map
>>> exported = write(m, "argdown")
>>> imported = read(exported.text, "argdown")
>>> [c.text for c in imported.map.claims]
['Tea is good.', 'It is warm.']

Every conversion returns its result with diagnostics (codes ``E401``, ``W401``-``W404``) for
whatever the target could not hold or the input held that argmap has no place for: a
conversion never drops information silently. See ``docs/interop.md`` for each format's mapping.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from argmap.interop.results import Exported, Imported
from argmap.model import ArgumentMap

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


def _reader(format: str) -> Callable[[str | bytes], Imported]:
    if format == "aif":
        from argmap.interop.aif import read as aif

        return aif
    if format == "argdown":
        from argmap.interop.argdown import read as argdown

        return argdown
    if format == "kialo":
        from argmap.interop.kialo import read as kialo

        return kialo
    raise ValueError(f"argmap cannot read {format!r}; it reads {', '.join(READERS[:-1])}")


def _writer(format: str) -> Callable[[ArgumentMap], Exported]:
    if format == "aif":
        from argmap.interop.aif import write as aif

        return aif
    if format == "argdown":
        from argmap.interop.argdown import write as argdown

        return argdown
    if format == "mermaid":
        from argmap.interop.mermaid import write as mermaid

        return mermaid
    raise ValueError(f"argmap cannot write {format!r}; it writes {', '.join(WRITERS[:-1])}")


def read(data: str | bytes, format: str) -> Imported:
    """Read a map in another format (``aif``, ``argdown``, ``kialo``)."""
    return _reader(format)(data)


def write(m: ArgumentMap, format: str) -> Exported:
    """Write a map in another format (``aif``, ``argdown``, ``mermaid``)."""
    return _writer(format)(m)
