"""argmap: argument maps as plain text, checked, drawn and served to editors.

>>> import argmap
>>> result = argmap.parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n")
>>> [d.code for d in argmap.check(result)]
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.api import check, check_file, check_text
from argmap.diagnostics import Diagnostic, Related, Severity
from argmap.model import ArgumentMap, Claim, Comment, Group, Kind, Premise, Reference, Source, Span
from argmap.parser import ParseResult, parse, parse_bytes, parse_file
from argmap.version import __version__

if TYPE_CHECKING:
    from argmap.render import to_dot

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
    "render",
    "to_dot",
]


def __getattr__(name: str) -> object:
    # Drawing needs graphviz and pygraphviz: imported on first use, so `import argmap` and
    # `argmap check` stay fast. `argmap.render` is the package argmap.render, which can also be
    # called as its function: argmap.render(m) == argmap.render.render(m).
    if name in ("render", "to_dot"):
        import importlib

        module = importlib.import_module("argmap.render")
        return module if name == "render" else module.to_dot
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
