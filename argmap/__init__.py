"""argmap: argument maps as plain text, checked, drawn and served to editors.

>>> import argmap
>>> result = argmap.parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n")
>>> [d.code for d in argmap.check(result)]
[]
"""

from __future__ import annotations

from argmap.api import check, check_file, check_text
from argmap.diagnostics import Diagnostic, Related, Severity
from argmap.model import ArgumentMap, Claim, Comment, Group, Kind, Premise, Reference, Source, Span
from argmap.parser import ParseResult, parse, parse_bytes, parse_file
from argmap.version import __version__

__all__ = [
    "ArgumentMap",
    "Claim",
    "Comment",
    "Diagnostic",
    "Group",
    "Kind",
    "ParseResult",
    "Premise",
    "Reference",
    "Related",
    "Severity",
    "Source",
    "Span",
    "__version__",
    "check",
    "check_file",
    "check_text",
    "parse",
    "parse_bytes",
    "parse_file",
]
