"""Rules about the main contention: exactly one conclusion, and something that supports it."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Related, Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Span

__all__ = ["no_conclusion", "several_conclusions", "unsupported_conclusion"]


@rule("W201", "no-conclusion", Severity.WARNING)
def no_conclusion(m: ArgumentMap) -> Iterator[Finding]:
    """A map with no `conclusion`.

    A map argues for one main contention, marked with the `conclusion` keyword. Without it,
    argmap cannot tell what the reasons and objections are ultimately about.
    """
    if m.conclusions:
        return
    # Point at the first top-level claim, the likeliest main contention, else the first claim.
    top = (c for c in m.claims if m.parent(c) is None)
    first = next(top, m.claims[0] if m.claims else None)
    if first is None:
        yield Finding(
            message="the map is empty: it has no claims",
            span=Span(line=1, column=1, end_line=1, end_column=1),
            hint="start with `conclusion id: the main contention`",
        )
    else:
        yield Finding(
            message="the map has no conclusion",
            span=first.span,
            hint="mark the main contention with `conclusion`",
        )


@rule("W202", "several-conclusions", Severity.WARNING)
def several_conclusions(m: ArgumentMap) -> Iterator[Finding]:
    """A map with more than one `conclusion`.

    A map normally has exactly one main contention. If a claim only supports or opposes
    another, it is not a conclusion: write it as `claim id: ...`.
    """
    first, *others = m.conclusions or (None,)
    for other in others:
        assert first is not None
        yield Finding(
            message=f"a second conclusion: `{first.id}` is already the map's conclusion",
            span=other.id_span or other.span,
            hint="split the map, or make one of them a `claim`",
            related=(Related(message="the first conclusion", span=first.id_span or first.span),),
        )


@rule("W204", "unsupported-conclusion", Severity.WARNING)
def unsupported_conclusion(m: ArgumentMap) -> Iterator[Finding]:
    """A conclusion with no reason at all.

    A map that only objects to its conclusion, or only states it, gives the reader no ground to
    accept it. Add a `reason:` under it.
    """
    for claim in m.conclusions:
        if not m.reasons_for(claim.id):
            yield Finding(
                message=f"conclusion `{claim.id}` has no reason",
                span=claim.id_span or claim.span,
                hint="add a `reason:` under it",
            )
