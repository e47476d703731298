"""Writing a map as text: the canonical ``.arg`` form, JSON, and the outline.

* :mod:`~argmap.write.formatter`: ``argmap fmt``, the canonical style of a map's own text
  (comments and layout kept);
* :mod:`~argmap.write.from_model`: :func:`dumps`, a model written as canonical ``.arg`` text;
* :mod:`~argmap.write.json_io`: versioned JSON with a schema, both ways (:func:`to_json`, and
  ``from_dict`` for the data ``argmap.from_json`` decodes as the importers do);
* :mod:`~argmap.write.schema_check`: :func:`validate`, JSON checked against the shipped schema
  with nothing else to install;
* :mod:`~argmap.write.outline`: the map as a nested list, plain or Markdown.

Other formats (AIF, Argdown, Kialo, Mermaid) are :mod:`argmap.interop`'s; diagrams are
:mod:`argmap.render`'s.
"""

from __future__ import annotations

from argmap.write.formatter import format_result, format_text
from argmap.write.from_model import dumps
from argmap.write.json_io import schema, to_json
from argmap.write.outline import to_markdown, to_outline
from argmap.write.schema_check import validate

__all__ = [
    "dumps",
    "format_result",
    "format_text",
    "schema",
    "to_json",
    "to_markdown",
    "to_outline",
    "validate",
]
