"""Claims written twice instead of reused."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Related, Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Claim

__all__ = ["duplicate_text", "normalise"]


def normalise(text: str) -> str:
    """Text as compared for duplicates: case-folded, spaces collapsed, end punctuation dropped.

    >>> normalise("  Tea  is GOOD !? ")
    'tea is good'
    """
    # After split and join the only whitespace left is single spaces between words.
    return " ".join(text.casefold().split()).rstrip(" .!?;:,")


@rule("W207", "duplicate-text", Severity.WARNING, partial_ok=True)
def duplicate_text(m: ArgumentMap) -> Iterator[Finding]:
    """Two claims with the same text (ignoring case, spacing and final punctuation).

    Writing a claim twice makes two boxes where the map means one. Give the first an id and
    reuse it with `@id`.
    """
    # The first claim of each text, by the hash of the text as compared: a map's texts are
    # most of its memory, and a second copy of each, normalised, would be held only for this.
    # Two texts with one hash are told apart by the texts themselves.
    first: dict[int, Claim] = {}
    clashes: dict[str, Claim] = {}
    for claim in m.claims:
        key = normalise(claim.text)
        earlier = first.setdefault(hash(key), claim)
        if earlier is not claim and normalise(earlier.text) != key:
            earlier = clashes.setdefault(key, claim)
        if earlier is claim or earlier.id == claim.id:
            continue
        hint = (
            f"reuse the first with `@{earlier.id}`"
            if not earlier.anonymous
            else "give the first an id and reuse it with `@id`"
        )
        yield Finding(
            message=f"claim `{claim.id}` repeats the text of claim `{earlier.id}`",
            span=claim.span,
            hint=hint,
            related=(Related(message="the first claim with this text", span=earlier.span),),
        )
