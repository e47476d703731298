"""JSON for web front ends: ``to_json`` / ``from_dict``, versioned, with a schema in the package.

The JSON mirrors the model field by field, so JSON -> map -> JSON gives the same bytes. Each claim
and group also carries its effective ``attribution`` (derived, for front ends' convenience; it is
recomputed, not read, by :func:`from_dict`). JSON text is read back by ``argmap.from_json``
(:mod:`argmap.interop.argmap_json`), which decodes it as the importers decode untrusted JSON.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from argmap.model import (
    ArgumentMap,
    Claim,
    Comment,
    Group,
    Kind,
    Premise,
    Reference,
    Source,
    Span,
)

__all__ = ["FORMAT", "VERSION", "from_dict", "schema", "to_dict", "to_json"]

FORMAT = "argmap"
VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output, from the installed package."""
    text = resources.files("argmap").joinpath("schema/map-v1.schema.json").read_text("utf-8")
    return json.loads(text)


def to_json(argument_map: ArgumentMap, *, indent: int | None = 2) -> str:
    """The map as JSON text, keys in a fixed order, non-ASCII kept as is."""
    return json.dumps(to_dict(argument_map), indent=indent, ensure_ascii=False) + "\n"


def to_dict(m: ArgumentMap) -> dict[str, Any]:
    """The map as plain data (what :func:`to_json` writes)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": m.title,
        "title_span": _span(m.title_span),
        "sources": [
            {"id": s.id, "text": s.text, "span": _span(s.span), "id_span": _span(s.id_span)}
            for s in m.sources
        ],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "conclusion": c.conclusion,
                "implicit": c.implicit,
                "sources": [_reference(r) for r in c.sources],
                "attribution": list(m.attribution(c)),
                "span": _span(c.span),
                "id_span": _span(c.id_span),
            }
            for c in m.claims
        ],
        "groups": [
            {
                "id": g.id,
                "kind": g.kind.value,
                "target": g.target,
                "target_keyword": g.target_keyword,
                "premises": [
                    {"id": p.id, "reuse": p.reuse, "span": _span(p.span)} for p in g.premises
                ],
                "sources": [_reference(r) for r in g.sources],
                "attribution": list(m.attribution(g)),
                "span": _span(g.span),
                "id_span": _span(g.id_span),
                "target_span": _span(g.target_span),
            }
            for g in m.groups
        ],
        "comments": [{"text": c.text, "span": _span(c.span)} for c in m.comments],
    }


def from_dict(data: Any) -> ArgumentMap:
    """A map from plain data; a ``ValueError`` names the offending place (``claims[3].id``)."""
    reader = _Reader(data, "")
    if reader.get("format", str) != FORMAT:
        raise ValueError(f"format: expected {FORMAT!r}")
    version = reader.get("version", int)
    if version != VERSION:
        raise ValueError(f"version: argmap reads version {VERSION}, this is {version}")
    return ArgumentMap(
        title=reader.get("title", str, optional=True),
        title_span=reader.span("title_span"),
        sources=tuple(
            Source(
                id=r.get("id", str),
                text=r.get("text", str),
                span=r.span("span"),
                id_span=r.span("id_span"),
            )
            for r in reader.items("sources")
        ),
        claims=tuple(
            Claim(
                id=r.get("id", str),
                text=r.get("text", str),
                conclusion=r.get("conclusion", bool),
                implicit=r.get("implicit", bool),
                sources=tuple(_read_reference(x) for x in r.items("sources")),
                span=r.span("span"),
                id_span=r.span("id_span"),
            )
            for r in reader.items("claims")
        ),
        groups=tuple(_read_group(r) for r in reader.items("groups")),
        comments=tuple(
            Comment(text=r.get("text", str), span=r.span("span")) for r in reader.items("comments")
        ),
    )


def _read_group(r: _Reader) -> Group:
    kind = r.get("kind", str)
    try:
        group_kind = Kind(kind)
    except ValueError:
        message = f"{r.where('kind')}: {kind!r} is not reason, objection or rebuttal"
        raise ValueError(message) from None
    keyword = r.get("target_keyword", str, optional=True)
    if keyword not in (None, "for", "to"):
        raise ValueError(f"{r.where('target_keyword')}: expected 'for', 'to' or null")
    return Group(
        id=r.get("id", str),
        kind=group_kind,
        target=r.get("target", str, optional=True),
        target_keyword=keyword,
        premises=tuple(
            Premise(id=p.get("id", str), reuse=p.get("reuse", bool), span=p.span("span"))
            for p in r.items("premises")
        ),
        sources=tuple(_read_reference(x) for x in r.items("sources")),
        span=r.span("span"),
        id_span=r.span("id_span"),
        target_span=r.span("target_span"),
    )


def _read_reference(r: _Reader) -> Reference:
    return Reference(id=r.get("id", str), span=r.span("span"))


def _reference(ref: Reference) -> dict[str, Any]:
    return {"id": ref.id, "span": _span(ref.span)}


def _span(span: Span | None) -> dict[str, int] | None:
    if span is None:
        return None
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


class _Reader:
    """Typed access to one JSON object, with the path to it for error messages."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ValueError(f"{path or 'the document'}: expected an object")
        self.data = data
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type, *, optional: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and optional:
            return None
        # bool is an int in Python; JSON keeps them apart, and so do we.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{self.where(key)}: expected {kind.__name__}, found {value!r:.40}")
        return value

    def items(self, key: str) -> list[_Reader]:
        values = self.data.get(key, [])
        if not isinstance(values, list):
            raise ValueError(f"{self.where(key)}: expected a list")
        return [_Reader(v, f"{self.where(key)}[{i}]") for i, v in enumerate(values)]

    def span(self, key: str) -> Span | None:
        value = self.data.get(key)
        if value is None:
            return None
        r = _Reader(value, self.where(key))
        fields = {name: r.get(name, int) for name in ("line", "column", "end_line", "end_column")}
        if min(fields.values()) < 1:
            raise ValueError(f"{self.where(key)}: lines and columns count from 1")
        return Span(**fields)
