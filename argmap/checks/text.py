"""Claims written twice instead of reused."""

from __future__ import annotations

import array
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


_BUCKETS = 1 << 20
_MASK = _BUCKETS - 1


@rule("W207", "duplicate-text", Severity.WARNING, partial_ok=True)
def duplicate_text(m: ArgumentMap) -> Iterator[Finding]:
    """Two claims with the same text (ignoring case, spacing and final punctuation).

    Writing a claim twice makes two boxes where the map means one. Give the first an id and
    reuse it with `@id`.
    """
    # Two claims with one text have one hash, so they share one of these buckets: most claims
    # are alone in theirs and cannot repeat or be repeated. A byte a bucket (saturating at 2)
    # and an array of hashes, rather than a dict of every claim's text or hash: a map's texts
    # are most of its memory, and a dict of them all would be held only for this.
    claims = m.claims
    buckets = bytearray(_BUCKETS)
    codes = array.array("q")
    keep = codes.append
    for claim in claims:
        code = hash(normalise(claim.text))
        keep(code)
        if buckets[code & _MASK] < 2:
            buckets[code & _MASK] += 1
    # The first claim of each text, by the hash of the text as compared, among the claims that
    # share a bucket; two texts with one hash are told apart by the texts themselves.
    first: dict[int, Claim] = {}
    clashes: dict[str, Claim] = {}
    for claim, code in zip(claims, codes, strict=True):
        if buckets[code & _MASK] < 2:
            continue
        key = normalise(claim.text)
        earlier = first.setdefault(code, claim)
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
