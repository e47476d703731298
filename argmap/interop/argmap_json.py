"""argmap's own JSON (what :func:`argmap.to_json` writes) read back into a map.

The JSON may come from anywhere (a web front end, a file someone sent), so it is read as the
importers read theirs (:mod:`argmap.interop.ingest`): within the parser's size limit, nested at
most :data:`~argmap.interop.ingest.JSON_DEPTH` deep, integers of more than 4,000 digits kept as
their digits (so they are the wrong type, not a crash), and no NUL or lone surrogate in a
string. ``argmap import`` reports what is wrong as diagnostics; :func:`from_json` raises.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.ingest import load_json
from argmap.model import ArgumentMap
from argmap.read.layout import Limits
from argmap.write.json_io import from_dict

__all__ = ["from_json"]


def from_json(text: str | bytes, *, limits: Limits | None = None) -> ArgumentMap:
    """A map from :func:`~argmap.to_json`'s output (text, or UTF-8 bytes).

    Raises ``ValueError`` saying where the JSON is wrong: at a line and column when it cannot be
    read (not JSON or not UTF-8, past the size limit of ``limits``, the parser's by default;
    nested more than 100 levels deep; a string holding a NUL character or a lone surrogate,
    which no map can hold), at the place in the document otherwise (``claims[3].id: expected
    str``; an integer of more than 4,000 digits is the wrong type).

    >>> from_json('{"format": "argmap", "version": 1, "claims": [{"id": 7}]}')
    Traceback (most recent call last):
    ...
    ValueError: claims[0].id: expected str, found 7
    >>> from_json('{"format": "argmap",\\n "title": "\\\\u0000"}')
    Traceback (most recent call last):
    ...
    ValueError: line 2, column 11: a NUL character or a lone surrogate, which no map can hold
    """
    value, _, found = load_json(text, limits, offsets=False)
    if found:
        raise ValueError(_refusal(found))
    return from_dict(value)


def _refusal(found: list[Diagnostic]) -> str:
    """Why the JSON is refused: its first error, else its first warning (what the importers
    read as U+FFFD, a NUL or a lone surrogate, which a map read back exactly cannot be)."""
    errors = [d for d in found if d.severity >= Severity.ERROR]
    first = (errors or found)[0]
    what = first.message if errors else "a NUL character or a lone surrogate, which no map can hold"
    if first.span is None:
        return what
    return f"line {first.span.line}, column {first.span.column}: {what}"
