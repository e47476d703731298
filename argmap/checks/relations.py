"""Contradictory relations: one claim on both sides of the same target."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Related, Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Group, Kind

__all__ = ["supports_and_opposes"]


@rule("W205", "supports-and-opposes", Severity.WARNING, partial_ok=True)
def supports_and_opposes(m: ArgumentMap) -> Iterator[Finding]:
    """One claim both supports and opposes the same target.

    A claim that is a co-premise of a reason for X and of an objection to X argues on both
    sides at once; usually one of the two groups meant a different claim.
    """
    # The claims that oppose something: only they can be on both sides. (Each group with a
    # target is listed by kind, so that no pass below reads every group of the map again.)
    opposing: set[str] = set()
    reasons: list[Group] = []
    objections: list[Group] = []
    for group in m.groups:
        if group.target is None:
            continue
        if group.kind is Kind.REASON:
            reasons.append(group)
        else:
            objections.append(group)
            opposing.update([premise.id for premise in group.premises])
    if not opposing:
        return
    # The first group, in the order written, in which such a claim supports a target.
    support: dict[tuple[str, str], Group] = {}
    for group in reasons:
        for premise in group.premises:
            if premise.id in opposing:
                support.setdefault((premise.id, group.target), group)  # type: ignore[arg-type]
    if not support:
        return
    once: set[str] | None = None  # the claims defined once, counted at the first finding
    for group in objections:
        seen: set[str] = set()
        for premise in group.premises:  # once per claim and group, at its first use there
            if premise.id in seen:
                continue
            seen.add(premise.id)
            reason = support.get((premise.id, group.target))  # type: ignore[arg-type]  # has one
            if reason is None:
                continue
            if once is None:
                once = _defined_once(m)
            if premise.id in once:
                yield Finding(
                    message=f"claim `{premise.id}` both supports and opposes `{group.target}`",
                    span=premise.span,
                    hint="one of the two groups most likely meant another claim: give it a claim "
                    "of its own here (`- text`) instead of this one",
                    related=(Related(message="it supports it here", span=reason.span),),
                )


def _defined_once(m: ArgumentMap) -> set[str]:
    """The ids of the claims defined once: a claim whose id is defined twice (E102) is two
    claims, not one on both sides."""
    defined: dict[str, int] = {}
    for claim in m.claims:
        defined[claim.id] = defined.get(claim.id, 0) + 1
    return {claim_id for claim_id, count in defined.items() if count == 1}
