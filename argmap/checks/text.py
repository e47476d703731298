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
    folded = text.casefold()
    # Most texts already have no whitespace but single spaces (any other whitespace character
    # is not printable), and split and join would give them back unchanged, less a space at
    # either end: skipping them saves a fifth to a third of W207's time on a large map.
    if "  " not in folded and folded.isprintable():
        return folded.lstrip(" ").rstrip(_END)
    # After split and join the only whitespace left is single spaces between words.
    return " ".join(folded.split()).rstrip(_END)


_END = " .!?;:,"  # what a text may end in that does not tell it from another


_EMPTY, _SHARED = -1, -2  # a bucket with no claim yet; one whose claims are in the dict


def _buckets(claims: int) -> int:
    """How many buckets for so many claims: a power of two, two to four a claim."""
    return 1 << (2 * claims).bit_length()


@rule("W207", "duplicate-text", Severity.WARNING, partial_ok=True)
def duplicate_text(m: ArgumentMap) -> Iterator[Finding]:
    """Two claims with the same text (ignoring case, spacing and final punctuation).

    Writing a claim twice makes two boxes where the map means one. Give the first an id and
    reuse it with `@id`.
    """
    # The first claim of each text, by the hash of the text as compared; two texts with one
    # hash are told apart by the texts themselves. A map's texts are most of its memory, and a
    # dict of every claim's hash would be held only for this: each claim is first put in a
    # bucket of an array, by its hash, and only the claims that share a bucket go in the dict
    # (a bucket's first claim when a second comes), in the order written, as they all would.
    claims = m.claims
    buckets = array.array("i", [_EMPTY]) * _buckets(len(claims))
    mask = len(buckets) - 1
    first: dict[int, Claim] = {}
    clashes: dict[str, Claim] = {}
    for index, claim in enumerate(claims):
        key = normalise(claim.text)
        code = hash(key)
        bucket = code & mask
        alone = buckets[bucket]
        if alone == _EMPTY:
            buckets[bucket] = index
            continue
        if alone != _SHARED:
            buckets[bucket] = _SHARED
            before = claims[alone]
            first[hash(normalise(before.text))] = before
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
