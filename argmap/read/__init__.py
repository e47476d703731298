"""Reading a map: text to an :class:`~argmap.model.ArgumentMap` plus syntax diagnostics.

The stage runs in this order, one module each:

1. :mod:`~argmap.read.parser` decodes bytes and drives the rest; it is the stage's entry point.
2. :mod:`~argmap.read.layout` splits the text into logical lines, measures indentation, sets
   comments aside and enforces the limits.
3. Each line's content is read into plain data: :mod:`~argmap.read.fast_lines` (a verified regex
   for the common lines) or :mod:`~argmap.read.lark_lines` (the lark grammar, for the rest).
4. :mod:`~argmap.read.statements` holds what one line says; :mod:`~argmap.read.assemble` nests
   the statements by indentation into the model.

:mod:`~argmap.read.syntax_codes` registers the codes this stage reports (E0xx), and
:mod:`~argmap.read.gcpause` keeps Python's cyclic collector out of the way while it runs.
"""

from __future__ import annotations

from argmap.read.layout import Limits
from argmap.read.parser import KEYWORDS, ParseResult, parse, parse_bytes, parse_file

__all__ = ["KEYWORDS", "Limits", "ParseResult", "parse", "parse_bytes", "parse_file"]
