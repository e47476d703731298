"""What one logical line says: the statements the grammar's parse turns into."""

from __future__ import annotations

import attrs

from argmap.model import Kind, Reference, Span

__all__ = [
    "ClaimStatement",
    "GroupStatement",
    "ReuseStatement",
    "SourceStatement",
    "Statement",
    "TitleStatement",
]


@attrs.frozen(kw_only=True)
class TitleStatement:
    text: str
    span: Span


@attrs.frozen(kw_only=True)
class SourceStatement:
    id: str
    text: str
    span: Span
    id_span: Span


@attrs.frozen(kw_only=True)
class ClaimStatement:
    """A claim: ``conclusion c: text [src]``, ``claim c: ...``, ``c: ...``, ``- ...`` etc."""

    keyword: str | None  # "conclusion", "claim", "implicit" or None
    id: str | None
    text: str
    sources: tuple[Reference, ...]
    span: Span
    id_span: Span | None
    keyword_span: Span | None


@attrs.frozen(kw_only=True)
class ReuseStatement:
    id: str
    span: Span


@attrs.frozen(kw_only=True)
class GroupStatement:
    """``reason [id] [for|to target] [[sources]]:``."""

    kind: Kind
    id: str | None
    target: Reference | None
    target_keyword: str | None
    sources: tuple[Reference, ...]
    span: Span
    id_span: Span | None


Statement = TitleStatement | SourceStatement | ClaimStatement | ReuseStatement | GroupStatement
