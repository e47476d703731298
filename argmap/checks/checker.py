"""Running the checker: the rules that are on, over a model (:func:`run`), and the library's
entry points for a parse result, a map, text or a file (:func:`check`).

Importing :mod:`argmap.checks` has registered every rule; this module only runs them.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

import attrs

from argmap.checks.hints import UNKNOWN_DIRECTIVE, directives, hint_rules
from argmap.checks.references import undefined_reference, undefined_references
from argmap.checks.sources import unused_source, unused_sources
from argmap.diagnostics import Diagnostic
from argmap.diagnostics.rules import Finding, Rule, registered
from argmap.model import ArgumentMap
from argmap.read import gcpause
from argmap.read.layout import split_lines
from argmap.read.parser import ParseResult, parse, parse_file

__all__ = [
    "check",
    "check_file",
    "check_text",
    "checker_rules",
    "run",
    "selected",
    "unread_lines",
    "unread_names",
    "words_on",
]

# Rules that are sound on a partial map once they leave out the names that the unread lines may
# define or cite: a reference to a name that no unread line mentions is undefined, and a source
# that no unread line mentions is unused, whatever those lines turn out to say.
_ON_PARTIAL: dict[str, Callable[[ArgumentMap, Collection[str]], Iterator[Finding]]] = {
    undefined_reference.code: undefined_references,
    unused_source.code: unused_sources,
}

# A word that could be an id, as grammar/argmap.lark defines ids.
_WORD = re.compile(r"[^\W\d][\w-]*")


def checker_rules() -> tuple[Rule, ...]:
    """The rules that check a model (the syntax codes are the parser's). Importing
    :mod:`argmap.checks` has registered them all."""
    return tuple(r for r in registered() if r.check is not None)


def selected(
    rule: Rule, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> bool:
    """Whether a rule runs: ``select`` / ``ignore`` hold codes, code prefixes (``W``, ``E1``)
    or rule names. Rules that are off by default run only when selected explicitly."""

    def matches(patterns: Iterable[str]) -> bool:
        return any(rule.code.startswith(p.upper()) or rule.name == p.lower() for p in patterns if p)

    if ignore and matches(ignore):
        return False
    if select is not None:
        return (
            matches(select)
            if rule.default_enabled
            else any(rule.code == p.upper() or rule.name == p.lower() for p in select)
        )
    return rule.default_enabled


def run(
    argument_map: ArgumentMap,
    *,
    partial: bool = False,
    unread: Collection[str] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """Run the checker's rules over a map and return their diagnostics, sorted by position.

    ``partial`` says the map came from text with syntax errors: rules that would then report
    false positives are skipped (see :attr:`argmap.diagnostics.rules.Rule.partial_ok`).
    ``unread`` names what the lines that were not read may define or cite (:func:`unread_names`):
    given it, the undefined-reference and unused-source rules run too, on every name outside it.
    """
    select = None if select is None else tuple(select)
    ignore = None if ignore is None else tuple(ignore)
    found: list[Diagnostic] = []
    with gcpause.paused():
        for rule in checker_rules():
            if not selected(rule, select, ignore):
                continue
            if not partial or rule.partial_ok:
                found.extend(rule.run(argument_map))
            elif unread is not None and rule.code in _ON_PARTIAL:
                for f in _ON_PARTIAL[rule.code](argument_map, unread):
                    found.append(rule.diagnostic(f.message, f.span, hint=f.hint, related=f.related))
    found.sort(key=Diagnostic.sort_key)
    return tuple(found)


def check(
    target: ParseResult | ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    hints: bool | Iterable[str] | None = None,
    unread: Collection[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """All diagnostics for a parse result (its syntax errors, then the checker's findings) or a
    map, sorted by position. ``select`` / ``ignore`` take codes, prefixes or rule names.

    ``hints`` turns the teaching hints (H3xx, off by default) on: ``True`` for all of them, or
    some codes or names. With ``None`` (the default) the map's own directives decide
    (``# argmap: hints``, see docs/language.md); ``False`` ignores them. A hint turned on is
    filtered by ``select`` / ``ignore`` like any rule that is on by default; a hint named in
    ``select`` runs in any case. A directive argmap cannot read is reported as W290.

    On a parse result with syntax errors, only the rules that stay sound on a partial map run;
    ``unread`` is what :func:`unread_names` gives for it, if the caller knows it already (the
    language server, from the version before: see :mod:`argmap.lsp.splice`).
    """
    select = None if select is None else tuple(select)
    ignore = tuple(ignore or ())
    syntax: tuple[Diagnostic, ...] = ()
    if isinstance(target, ArgumentMap):
        m, partial = target, False
    else:
        m, partial = target.map, not target.complete
        syntax = tuple(d for d in target.diagnostics if not any(_matches(d, p) for p in ignore))
    if not partial or not isinstance(target, ParseResult):
        unread = None
    elif unread is None:
        unread = unread_names(target)
    found = list(run(m, partial=partial, unread=unread, select=select, ignore=ignore))
    read = directives(m)
    on = set(_hint_codes(hints))
    if hints is not False:
        on |= read.hints
    for hint in hint_rules():
        if hint.code not in on or (partial and not hint.partial_ok):
            continue
        if selected(hint, select, ignore):
            continue  # named in select: checks.run ran it
        if selected(attrs.evolve(hint, default_enabled=True), select, ignore):
            found.extend(hint.run(m))
    if read.problems and selected(UNKNOWN_DIRECTIVE, select, ignore):
        found.extend(
            UNKNOWN_DIRECTIVE.diagnostic(p.message, p.span, hint=p.hint) for p in read.problems
        )
    return tuple(sorted((*syntax, *found), key=Diagnostic.sort_key))


def unread_names(result: ParseResult) -> frozenset[str]:
    """Every word that could be an id on a line that the map of ``result`` does not hold
    whole: a line that did not parse, a statement with a syntax error on any of its lines (the
    parser may keep a claim and drop its broken list of sources), the text past a limit. That
    is all those lines may define or cite. The other lines (statements with their continuation
    lines, comments) are in the map as written."""
    lines = split_lines(result.text)
    found = unread_lines(result.map, result.diagnostics, lines, range(1, len(lines) + 1))
    return words_on(lines, found)


def unread_lines(
    m: ArgumentMap, diagnostics: Iterable[Diagnostic], lines: Sequence[str], numbers: range
) -> frozenset[int]:
    """Those of the lines ``numbers`` (1-based, of ``lines``) with a word on them that the map
    ``m``, read with the syntax ``diagnostics``, does not hold whole (see :func:`unread_names`).
    A parse without diagnostics holds every such line: the set is then empty."""
    # A premise that is not an `@id` has its claim's span.
    reuses = (p.span for g in m.groups for p in g.premises if p.reuse)
    spans = [
        span
        for span in itertools.chain(
            (m.title_span,),
            (s.span for s in m.sources),
            (c.span for c in m.claims),
            (c.span for c in m.comments),
            (g.span for g in m.groups),
            reuses,
        )
        if span is not None
    ]
    # The lines the map holds; a statement over several lines (a continued one) holds each of
    # them, with the longest such statement on it.
    read = {span.line for span in spans if span.end_line == span.line}
    statement: dict[int, range] = {}
    for span in spans:
        if span.end_line != span.line:
            held = range(span.line, span.end_line + 1)
            for number in held:
                if len(statement.get(number, ())) < len(held):
                    statement[number] = held
    read.update(statement)
    for problem in diagnostics:
        if problem.span is None:
            read.clear()  # a problem with no place: no line is known to be whole
            break
        for number in range(problem.span.line, problem.span.end_line + 1):
            read.difference_update(statement.get(number, (number,)))
    unread = set(numbers)
    unread.difference_update(read)
    return frozenset(number for number in unread if _WORD.search(lines[number - 1]))


def words_on(lines: Sequence[str], numbers: Iterable[int]) -> frozenset[str]:
    """Every word that could be an id on the lines ``numbers`` (1-based) of ``lines``."""
    return frozenset(word for number in numbers for word in _WORD.findall(lines[number - 1]))


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
