"""The structural checker: registered rules run over a model, one file per concern.

>>> from argmap import parse
>>> from argmap.checks import run
>>> [d.code for d in run(parse("conclusion c: Tea is good.\\n").map)]
['W204']
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap import gcpause
from argmap.checks import (  # noqa: F401  (importing a module registers its rules)
    conclusions,
    connectivity,
    cycles,
    groups,
    hints,
    references,
    relations,
    sources,
    text,
)
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap
from argmap.rules import Rule, registered

__all__ = ["checker_rules", "run", "selected"]


def checker_rules() -> tuple[Rule, ...]:
    """The rules that check a model (the syntax codes are the parser's). Importing this package
    has registered them all."""
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
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """Run the checker's rules over a map and return their diagnostics, sorted by position.

    ``partial`` says the map came from text with syntax errors: rules that would then report
    false positives are skipped (see :attr:`argmap.rules.Rule.partial_ok`).
    """
    select = None if select is None else tuple(select)
    ignore = None if ignore is None else tuple(ignore)
    found: list[Diagnostic] = []
    with gcpause.paused():
        for rule in checker_rules():
            if partial and not rule.partial_ok:
                continue
            if selected(rule, select, ignore):
                found.extend(rule.run(argument_map))
    found.sort(key=Diagnostic.sort_key)
    return tuple(found)
