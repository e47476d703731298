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
    for group in m.groups:
        target = m.target(group)
        if target is None or target is group:  # undefined (E101) or itself (E105)
            continue
        span = group.target_span or group.span
        if group.target_keyword == "for" and not isinstance(target, Claim):
            yield Finding(
                message=f"`for` names a claim, but `{target.id}` is {_a(target.kind)}",
                span=span,
                hint=f"write `to {target.id}`",
            )
        elif not _fits(group.kind, target):
            hint = None
            if group.kind is Kind.OBJECTION and isinstance(target, Group):
                hint = "an objection to an objection or rebuttal is a `rebuttal`"
            elif group.kind is Kind.REBUTTAL and isinstance(target, Claim):
                hint = "a group that opposes a claim is an `objection`"
            yield Finding(
                message=f"{_a(group.kind)} targets {_ALLOWED[group.kind]}, "
                f"but its target is {node_name(target)}",
                span=span,
                hint=hint,
            )


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
