"""The one diagnostic type: every output (terminal, JSON, GitHub, SARIF, LSP) is a view of it."""

from __future__ import annotations

import enum

import attrs

from argmap.model import Span

__all__ = ["Diagnostic", "Related", "Severity"]


class Severity(enum.IntEnum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    def __str__(self) -> str:
        """The label, as reports print it: ``f"{Severity.ERROR}"`` is ``error``.

        The value is still the number: ``int(Severity.ERROR)`` is 3, and severities compare
        as numbers (``--fail-on``).
        """
        return self.label

    def __format__(self, spec: str) -> str:
        return format(self.label, spec)


@attrs.frozen(kw_only=True)
class Related:
    """Another place that explains a diagnostic, e.g. the first definition of a duplicate id."""

    message: str
    span: Span | None = None


@attrs.frozen(kw_only=True)
class Diagnostic:
    """A finding at a place in a map: a stable ``code`` (``E101``), the rule's ``name``
    (``undefined-reference``), a severity, a one-line message and an optional hint."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None = None
    hint: str | None = None
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[int, int, str, str]:
        span = self.span
        return (span.line if span else 0, span.column if span else 0, self.code, self.message)
