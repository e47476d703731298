"""The registry of diagnostic codes: every code argmap can report, with its documentation.

Codes come in bands and are never reused:

* ``E0xx`` syntax: the parser could not read a line (reported by :mod:`argmap.read.parser`);
* ``E1xx`` structure errors: the map is malformed (rules in :mod:`argmap.checks`);
* ``W2xx`` warnings: well-formed but suspicious;
* ``H3xx`` teaching hints, off by default.

A rule's docstring is its user documentation: ``argmap explain CODE`` prints it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from argmap.diagnostics import Diagnostic, Related, Severity

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Span

__all__ = [
    "Finding",
    "Rule",
    "registered",
    "reported_code",
    "rule",
    "syntax_code",
]


@attrs.frozen(kw_only=True)
class Finding:
    """What a check yields; the registry makes it a :class:`Diagnostic` with the rule's code."""

    message: str
    span: Span | None = None
    hint: str | None = None
    related: tuple[Related, ...] = ()


Check = Callable[["ArgumentMap"], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A registered code. Checker rules have ``check``; syntax codes are raised by the parser.

    ``partial_ok`` says the rule stays sound on a map with syntax errors, whose failed lines are
    missing from the model; rules that would then report false positives (an undefined reference
    to a claim on a broken line) do not run until the syntax is fixed.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    partial_ok: bool = False
    default_enabled: bool = True
    reporter: str = "a structural check"  # who reports it, as `argmap explain` says

    def diagnostic(
        self,
        message: str,
        span: Span | None = None,
        *,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            span=span,
            hint=hint,
            related=related,
        )

    def run(self, argument_map: ArgumentMap) -> Iterator[Diagnostic]:
        assert self.check is not None, f"{self.code} is reported by the parser"
        for f in self.check(argument_map):
            yield self.diagnostic(f.message, f.span, hint=f.hint, related=f.related)


_REGISTRY: dict[str, Rule] = {}


def _register(new: Rule) -> Rule:
    for existing in _REGISTRY.values():
        if existing.name == new.name and existing.code != new.code:
            raise ValueError(f"rule name {new.name!r} is used by {existing.code}")
    if new.code in _REGISTRY and _REGISTRY[new.code].name != new.name:
        raise ValueError(f"code {new.code} is already {_REGISTRY[new.code].name!r}")
    _REGISTRY[new.code] = new
    return new


def _split_doc(doc: str | None) -> tuple[str, str]:
    text = inspect.cleandoc(doc or "")
    summary = text.split("\n", 1)[0].strip()
    return summary, text


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    partial_ok: bool = False,
    default_enabled: bool = True,
) -> Callable[[Check], Rule]:
    """Register a checker rule; the decorated function's docstring is its documentation."""

    def decorate(check: Check) -> Rule:
        summary, doc = _split_doc(check.__doc__)
        return _register(
            Rule(
                code=code,
                name=name,
                severity=severity,
                summary=summary,
                doc=doc,
                check=check,
                partial_ok=partial_ok,
                default_enabled=default_enabled,
            )
        )

    return decorate


def reported_code(code: str, name: str, severity: Severity, doc: str, *, reporter: str) -> Rule:
    """Register a code that a stage other than the checker reports (``reporter`` says which)."""
    summary, text = _split_doc(doc)
    return _register(
        Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            doc=text,
            reporter=reporter,
        )
    )


def syntax_code(code: str, name: str, doc: str) -> Rule:
    """Register a code that the parser reports (always an error)."""
    return reported_code(code, name, Severity.ERROR, doc, reporter="reported by the parser")


def registered() -> tuple[Rule, ...]:
    """The codes registered so far, sorted by code, without importing the modules that register
    the others (:func:`argmap.report.catalogue.all_rules` imports them all)."""
    return tuple(_REGISTRY[c] for c in sorted(_REGISTRY))
