"""Tools for teaching: building maps in code and comparing a student's map with a reference.

* :mod:`~argmap.teach.map_builder`: :class:`MapBuilder`, for quiz generators and notebooks;
* :mod:`~argmap.teach.comparison`: :func:`compare`, feedback on a student's map.

The teaching hints (H3xx) are rules of the checker, in :mod:`argmap.checks.hints`.
"""

from __future__ import annotations

from argmap.teach.comparison import ClaimMatch, Comparison, Issue, compare, similarity
from argmap.teach.map_builder import MapBuilder, premise, reuse

__all__ = [
    "ClaimMatch",
    "Comparison",
    "Issue",
    "MapBuilder",
    "compare",
    "premise",
    "reuse",
    "similarity",
]
