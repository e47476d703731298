"""Contradictory relations: one claim on both sides of the same target."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Related, Severity
from argmap.model import ArgumentMap, Group
from argmap.rules import Finding, rule

__all__ = ["supports_and_opposes"]


@rule("W205", "supports-and-opposes", Severity.WARNING, partial_ok=True)
def supports_and_opposes(m: ArgumentMap) -> Iterator[Finding]:
    """One claim both supports and opposes the same target.

    A claim that is a co-premise of a reason for X and of an objection to X argues on both
    sides at once; usually one of the two groups meant a different claim.
    """
    done: set[str] = set()
    for claim in m.claims:
        if claim.id in done:  # a duplicate id (E102) names the same premises again
            continue
        done.add(claim.id)
        support: dict[str, Group] = {}
        for group in m.groups_using(claim.id):
            if group.kind.supports and group.target is not None:
                support.setdefault(group.target, group)
        if not support:
            continue
        for group in m.groups_using(claim.id):
            if group.kind.opposes and group.target in support:
                reason = support[group.target]
                premise = next(p for p in group.premises if p.id == claim.id)
                yield Finding(
                    message=f"claim `{claim.id}` both supports and opposes `{group.target}`",
                    span=premise.span,
                    related=(Related(message="it supports it here", span=reason.span),),
                )
