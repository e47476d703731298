"""Rules about groups: co-premises, a target of the right kind, no loop on itself."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._util import node_name
from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Claim, Group, Kind

__all__ = ["empty_group", "self_reference", "wrong_target_kind"]


@rule("E103", "empty-group", Severity.ERROR)
def empty_group(m: ArgumentMap) -> Iterator[Finding]:
    """A reason, objection or rebuttal with no co-premise.

    A group is the claims that together support or oppose its target; without any, it says
    nothing. Indent its co-premises under it:

        objection credibility:
          - The threat to stop all trade with China lacks credibility.
    """
    for group in m.groups:
        if not group.premises:
            yield Finding(
                message=f"{group.kind.value} `{group.id}` has no co-premises",
                span=group.span,
                hint="indent its claims under it: `- text`, `id: text` or `@id`",
            )


_ALLOWED = {
    Kind.REASON: "a claim",
    Kind.OBJECTION: "a claim or a reason (to attack its inference)",
    Kind.REBUTTAL: "an objection or a rebuttal",
}


def _a(kind: Kind) -> str:
    return f"an {kind.value}" if kind is Kind.OBJECTION else f"a {kind.value}"


def _fits(kind: Kind, target: Claim | Group) -> bool:
    if kind is Kind.REASON:
        return isinstance(target, Claim)
    if kind is Kind.OBJECTION:
        return isinstance(target, Claim) or target.kind is Kind.REASON
    return isinstance(target, Group) and target.kind is not Kind.REASON


@rule("E104", "wrong-target-kind", Severity.ERROR, partial_ok=True)
def wrong_target_kind(m: ArgumentMap) -> Iterator[Finding]:
    """A group whose target is of the wrong kind.

    - A reason supports a claim.
    - An objection opposes a claim, or a reason: `objection to R` attacks R's inference (an
      undercut).
    - A rebuttal opposes an objection (or another rebuttal).
    - `for X` names a claim; `to X` may name a claim or a group.

    An objection to an objection is a rebuttal: write `rebuttal`.
    """
    get = m.get  # m.target, inlined: this loop sees every group
    for group in m.groups:
        target = None if group.target is None else get(group.target)
        if target is None or target is group:  # undefined (E101) or itself (E105)
            continue
        if group.kind is Kind.REASON and group.target_keyword != "for" and type(target) is Claim:
            continue  # the commonest group: a reason for a claim, as it should be
        span = group.target_span or group.span
        if group.target_keyword == "for" and not isinstance(target, Claim):
            yield Finding(
                message=f"`for` names a claim, but `{target.id}` is {_a(target.kind)}",
                span=span,
                hint=f"write `to {target.id}`",
            )
        elif not _fits(group.kind, target):
            message = (
                f"{_a(group.kind)} targets {_ALLOWED[group.kind]}, "
                f"but its target is {node_name(target)}"
            )
            hint = None
            if group.kind is Kind.OBJECTION and isinstance(target, Group):
                hint = (
                    "an objection to an objection or rebuttal is a `rebuttal`: write `rebuttal` "
                    "instead of `objection`"
                )
            elif group.kind is Kind.REBUTTAL and isinstance(target, Claim):
                message, hint = _rebuttal_to_claim(m, group, target, message)
            yield Finding(message=message, span=span, hint=hint)


def _rebuttal_to_claim(
    m: ArgumentMap, group: Group, target: Claim, message: str
) -> tuple[str, str]:
    """A rebuttal aimed at a claim: most often one written a level too deep (under the
    objection's co-premise) or a level too shallow (beside the objection), not a wrong keyword."""
    where = target.span
    if not group.explicit_target and where is not None:
        home = m.parent(target)
        if isinstance(home, Group) and home.kind.opposes:
            return (
                f"this rebuttal is indented under the claim on line {where.line}, a co-premise "
                f"of {node_name(home)}, one level too deep",
                f"to answer {node_name(home)}, move it out to column {where.column}, in line "
                f"with line {where.line}, among the {home.kind.value}'s co-premises",
            )
        here = group.span
        beside = [
            g
            for g in m.objections_to(target.id)
            if g.kind is Kind.OBJECTION and g.span and here and g.span < here
        ]
        objection = beside[-1] if beside else None
        if objection is not None and objection.span is not None:
            first = objection.premises[0].span if objection.premises else None
            column = first.column if first else objection.span.column + 2
            return (
                f"{message}: it stands beside {node_name(objection)} instead of under it",
                f"to answer {node_name(objection)} (line {objection.span.line}), indent it under "
                f"that objection, at column {column}, in line with its co-premises; to oppose "
                f"`{target.id}` itself, write `objection`",
            )
    return message, "a group that opposes a claim is an `objection`: write `objection`"


@rule("E105", "self-reference", Severity.ERROR, partial_ok=True)
def self_reference(m: ArgumentMap) -> Iterator[Finding]:
    """A claim that is its own co-premise, or a group that targets itself.

    `reason for c:` with `@c` among its co-premises says "c, because c": circular in one step.
    """
    for group in m.groups:
        if group.target == group.id:
            yield Finding(
                message=f"{group.kind.value} `{group.id}` targets itself",
                span=group.target_span or group.span,
            )
        for premise in group.premises:
            # A claim defined in place with its target's id is a second definition (E102).
            if premise.reuse and premise.id == group.target:
                relation = "for" if group.kind.supports else "against"
                yield Finding(
                    message=f"claim `{premise.id}` is a co-premise of {node_name(group)} "
                    f"{relation} itself",
                    span=premise.span,
                )
