"""The library's entry points for checking: a parse result, a map, text or a file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import attrs

from argmap import checks
from argmap.checks.hints import UNKNOWN_DIRECTIVE, directives, hint_rules
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap
from argmap.parser import ParseResult, parse, parse_file

__all__ = ["check", "check_file", "check_text"]


def check(
    target: ParseResult | ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    hints: bool | Iterable[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """All diagnostics for a parse result (its syntax errors, then the checker's findings) or a
    map, sorted by position. ``select`` / ``ignore`` take codes, prefixes or rule names.

    ``hints`` turns the teaching hints (H3xx, off by default) on: ``True`` for all of them, or
    some codes or names. With ``None`` (the default) the map's own directives decide
    (``# argmap: hints``, see docs/language.md); ``False`` ignores them. A hint turned on is
    filtered by ``select`` / ``ignore`` like any rule that is on by default; a hint named in
    ``select`` runs in any case. A directive argmap cannot read is reported as W290.

    On a parse result with syntax errors, only the rules that stay sound on a partial map run.
    """
    select = None if select is None else tuple(select)
    ignore = tuple(ignore or ())
    syntax: tuple[Diagnostic, ...] = ()
    if isinstance(target, ArgumentMap):
        m, partial = target, False
    else:
        m, partial = target.map, not target.complete
        syntax = tuple(d for d in target.diagnostics if not any(_matches(d, p) for p in ignore))
    found = list(checks.run(m, partial=partial, select=select, ignore=ignore))
    read = directives(m)
    on = set(_hint_codes(hints))
    if hints is not False:
        on |= read.hints
    for hint in hint_rules():
        if hint.code not in on or (partial and not hint.partial_ok):
            continue
        if checks.selected(hint, select, ignore):
            continue  # named in select: checks.run ran it
        if checks.selected(attrs.evolve(hint, default_enabled=True), select, ignore):
            found.extend(hint.run(m))
    if read.problems and checks.selected(UNKNOWN_DIRECTIVE, select, ignore):
        found.extend(
            UNKNOWN_DIRECTIVE.diagnostic(p.message, p.span, hint=p.hint) for p in read.problems
        )
    return tuple(sorted((*syntax, *found), key=Diagnostic.sort_key))


def _hint_codes(hints: bool | Iterable[str] | None) -> list[str]:
    if hints is None or hints is False:
        return []
    if hints is True:
        return [r.code for r in hint_rules()]
    codes = []
    for name in [hints] if isinstance(hints, str) else hints:
        key = name.strip()
        found = next(
            (r for r in hint_rules() if key.upper() == r.code or key.lower() == r.name), None
        )
        if found is None:
            names = ", ".join(f"{r.code} {r.name}" for r in hint_rules())
            raise ValueError(f"unknown teaching hint {name!r}: the hints are {names}")
        codes.append(found.code)
    return codes


def check_text(text: str, **options: Any) -> tuple[Diagnostic, ...]:
    """Parse and check the text of a map."""
    return check(parse(text), **options)


def check_file(path: str | os.PathLike[str], **options: Any) -> tuple[Diagnostic, ...]:
    """Read, parse and check a file; I/O failures raise :class:`OSError`."""
    return check(parse_file(path), **options)


def _matches(diagnostic: Diagnostic, pattern: str) -> bool:
    return diagnostic.code.startswith(pattern.upper()) or diagnostic.name == pattern.lower()
