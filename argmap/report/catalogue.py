"""The catalogue of every code argmap reports, from every stage that reports one: what
``argmap explain`` prints and what SARIF lists as its rules.

The stages register their own codes (:mod:`argmap.diagnostics.rules`) when they are imported;
this module imports each of them, so the catalogue is whole.
"""

from __future__ import annotations

import argmap.checks
import argmap.interop.codes
import argmap.read.syntax_codes  # noqa: F401  (importing a stage registers its codes)
from argmap.diagnostics.rules import Rule, registered

__all__ = ["all_rules", "lookup"]


def all_rules() -> tuple[Rule, ...]:
    """Every code, sorted by code."""
    return registered()


def lookup(code_or_name: str) -> Rule | None:
    """The rule with this code (``E101``, case-insensitive) or name (``undefined-reference``)."""
    key = code_or_name.strip()
    rules = registered()
    return next((r for r in rules if r.code == key.upper()), None) or next(
        (r for r in rules if r.name == key.lower()), None
    )
