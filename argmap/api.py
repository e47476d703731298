"""The library's entry points for checking: a parse result, a map, text or a file."""

from __future__ import annotations

import os
from collections.abc import Iterable

from argmap import checks
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap
from argmap.parser import ParseResult, parse, parse_file

__all__ = ["check", "check_file", "check_text"]


def check(
    target: ParseResult | ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """All diagnostics for a parse result (its syntax errors, then the checker's findings) or a
    map, sorted by position. ``select`` / ``ignore`` take codes, prefixes or rule names.

    On a parse result with syntax errors, only the rules that stay sound on a partial map run.
    """
    if isinstance(target, ArgumentMap):
        return checks.run(target, select=select, ignore=ignore)
    ignored = tuple(ignore or ())
    syntax = tuple(d for d in target.diagnostics if not any(_matches(d, p) for p in ignored))
    found = checks.run(target.map, partial=not target.complete, select=select, ignore=ignore)
    return tuple(sorted(syntax + found, key=Diagnostic.sort_key))


def check_text(text: str, **options: Iterable[str] | None) -> tuple[Diagnostic, ...]:
    """Parse and check the text of a map."""
    return check(parse(text), **options)


def check_file(
    path: str | os.PathLike[str], **options: Iterable[str] | None
) -> tuple[Diagnostic, ...]:
    """Read, parse and check a file; I/O failures raise :class:`OSError`."""
    return check(parse_file(path), **options)


def _matches(diagnostic: Diagnostic, pattern: str) -> bool:
    return diagnostic.code.startswith(pattern.upper()) or diagnostic.name == pattern.lower()
