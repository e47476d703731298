"""What a conversion returns: the converted map or text, and the diagnostics about it."""

from __future__ import annotations

import attrs

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap

__all__ = ["Exported", "Imported"]


@attrs.frozen(kw_only=True)
class Imported:
    """A map read from another format, with what the reading reported about the input.

    ``diagnostics`` point into the input file; ``text`` is the map as canonical ``.arg`` text,
    and the spans of ``map`` point into it.
    """

    map: ArgumentMap
    text: str
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the input could be read at all (no error-severity diagnostic)."""
        return all(d.severity < Severity.ERROR for d in self.diagnostics)


@attrs.frozen(kw_only=True)
class Exported:
    """A map written in another format: the text, and what that format could not hold.

    ``diagnostics`` point into the ``.arg`` map that was converted.
    """

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()
