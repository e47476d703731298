"""What one logical line says: the statements the grammar's parse turns into.

Named tuples rather than attrs classes: one is made for every line of every parse, and a named
tuple costs half as much to make. They are internal; the model (:mod:`argmap.model`) is what
argmap gives out.
"""

from __future__ import annotations

from typing import NamedTuple

from argmap.model import Kind, Reference, Span

__all__ = [
    "ClaimStatement",
    "GroupStatement",
    "ReuseStatement",
    "SourceStatement",
    "Statement",
    "TitleStatement",
]


class TitleStatement(NamedTuple):
    text: str
    span: Span


class SourceStatement(NamedTuple):
    id: str
    text: str
    span: Span
    id_span: Span


class ClaimStatement(NamedTuple):
    """A claim: ``conclusion c: text [src]``, ``claim c: ...``, ``c: ...``, ``- ...`` etc."""

    keyword: str | None  # "conclusion", "claim", "implicit" or None
    id: str | None
    text: str
    sources: tuple[Reference, ...]
    span: Span
    id_span: Span | None
    keyword_span: Span | None


class ReuseStatement(NamedTuple):
    id: str
    span: Span


class GroupStatement(NamedTuple):
    """``reason [id] [for|to target] [[sources]]:``."""

    kind: Kind
    id: str | None
    target: Reference | None
    target_keyword: str | None
    sources: tuple[Reference, ...]
    span: Span
    id_span: Span | None


Statement = TitleStatement | SourceStatement | ClaimStatement | ReuseStatement | GroupStatement
