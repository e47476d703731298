"""argmap: argument maps as plain text, checked, drawn and served to editors.

>>> import argmap
>>> result = argmap.parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n")
>>> [d.code for d in argmap.check(result)]
[]

The package reads like its pipeline (docs/architecture.md): :mod:`argmap.read` turns text into
the model (:mod:`argmap.model`), :mod:`argmap.checks` checks it, :mod:`argmap.evaluation` says
which claims stand, and :mod:`argmap.render`, :mod:`argmap.write`, :mod:`argmap.interop` and
:mod:`argmap.report` give it out. This module is the library's front door: the names below are
the public API, whichever folder they live in. Those of the later stages are imported on first
use, so ``import argmap`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap.checks import check, check_file, check_text
from argmap.diagnostics import Diagnostic, Related, Severity
from argmap.model import ArgumentMap, Claim, Comment, Group, Kind, Premise, Reference, Source, Span
from argmap.read import Limits, ParseResult, parse, parse_bytes, parse_file
from argmap.version import __version__

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, evaluate
    from argmap.interop.argmap_json import from_json
    from argmap.render import to_dot
    from argmap.render.page import to_html
    from argmap.report import FileReport, render_report
    from argmap.report.catalogue import all_rules, lookup
    from argmap.teach import Comparison, MapBuilder, compare, premise, reuse
    from argmap.write import dumps, to_json, to_markdown, to_outline
    from argmap.write import validate as validate_json

# name -> the module that defines it, imported on first use (PEP 562).
_LATER: dict[str, str] = {
    "Evaluation": "argmap.evaluation",
    "evaluate": "argmap.evaluation",
    "to_dot": "argmap.render",
    "to_html": "argmap.render.page",
    "FileReport": "argmap.report",
    "render_report": "argmap.report",
    "all_rules": "argmap.report.catalogue",
    "lookup": "argmap.report.catalogue",
    "Comparison": "argmap.teach",
    "MapBuilder": "argmap.teach",
    "compare": "argmap.teach",
    "premise": "argmap.teach",
    "reuse": "argmap.teach",
    "dumps": "argmap.write",
    "from_json": "argmap.interop.argmap_json",  # read as the importers read JSON
    "to_json": "argmap.write",
    "to_markdown": "argmap.write",
    "to_outline": "argmap.write",
}
_RENAMED = {"validate_json": ("argmap.write", "validate")}

__all__ = [
    "ArgumentMap",
    "Claim",
    "Comment",
    "Comparison",
    "Diagnostic",
    "Evaluation",
    "FileReport",
    "Group",
    "Kind",
    "Limits",
    "MapBuilder",
    "ParseResult",
    "Premise",
    "Reference",
    "Related",
    "Severity",
    "Source",
    "Span",
    "__version__",
    "all_rules",
    "check",
    "check_file",
    "check_text",
    "compare",
    "dumps",
    "evaluate",
    "from_json",
    "lookup",
    "parse",
    "parse_bytes",
    "parse_file",
    "premise",
    "render",
    "render_report",
    "reuse",
    "to_dot",
    "to_html",
    "to_json",
    "to_markdown",
    "to_outline",
    "validate_json",
]


def __getattr__(name: str) -> Any:
    # Drawing needs graphviz and pygraphviz, the later stages more modules: each is imported on
    # first use, so `import argmap` and `argmap check` stay fast. `argmap.render` is the package
    # argmap.render, which can also be called as its function: argmap.render(m) is
    # argmap.render.render(m).
    if name == "render":
        return importlib.import_module("argmap.render")
    if name in _LATER:
        return getattr(importlib.import_module(_LATER[name]), name)
    if name in _RENAMED:
        module, attribute = _RENAMED[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


# Jupyter shows a map as its diagram (argmap.render.notebook). The display methods are attached
# here, by the package's front door, so that the model imports nothing of the drawing.
def _repr_svg_(self: ArgumentMap) -> str | None:
    from argmap.render.notebook import svg

    return svg(self)


def _repr_mimebundle_(
    self: ArgumentMap, include: object = None, exclude: object = None
) -> dict[str, str]:
    from argmap.render.notebook import mimebundle

    return mimebundle(self)


ArgumentMap._repr_svg_ = _repr_svg_  # type: ignore[attr-defined]
ArgumentMap._repr_mimebundle_ = _repr_mimebundle_  # type: ignore[attr-defined]
