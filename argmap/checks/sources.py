"""Sources that nothing cites."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap

__all__ = ["unused_source", "unused_sources"]


@rule("W206", "unused-source", Severity.WARNING)
def unused_source(m: ArgumentMap) -> Iterator[Finding]:
    """A declared source that no claim or group cites.

    Sources exist to attribute claims: cite one with `[id]` at the end of a claim or group
    header, or remove the declaration.
    """
    return unused_sources(m)


def unused_sources(m: ArgumentMap, unread: Collection[str] = ()) -> Iterator[Finding]:
    """W206's findings, leaving out the sources named in ``unread`` (on a map with syntax
    errors, what the unread lines may cite)."""
    cited = {ref.id for node in m.nodes() for ref in node.sources}
    for source in m.sources:
        if source.id not in cited and source.id not in unread:
            yield Finding(
                message=f"source `{source.id}` is never cited",
                span=source.id_span or source.span,
                hint=f"attribute a claim with `[{source.id}]`, or remove the source",
            )
