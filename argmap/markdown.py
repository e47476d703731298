"""A Python-Markdown extension: ```` ```argmap ```` fences become inline SVG diagrams.

MkDocs uses Python-Markdown, so a course site turns it on in ``mkdocs.yml``::

    markdown_extensions:
      - argmap.markdown

Then a fence in any page draws the map:

.. code-block:: markdown

    ```argmap
    conclusion c: We should walk to school.
      reason:
        - Walking is healthy.
    ```

A map with errors does not break the build: the page shows its diagnostics instead, escaped, in a
``<pre class="argmap-diagnostics">`` block, so the author sees what to fix. A map that cannot be
drawn (too large, Graphviz timed out) shows why, and its text outline, in the same way.
Options: ``legend`` (default false) adds the diagram's legend; ``evaluate`` (default false) draws
the evaluation overlay; ``interactive`` (default false) shows each map as the interactive view of
``argmap export -f html`` (pan and zoom, selection, search, the outline; ``evaluate`` then turns
its overlay on at first), each map's script working only inside its own ``<div>``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

__all__ = ["ArgmapExtension", "makeExtension", "to_html"]

_FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*argmap[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_PROLOGUE = re.compile(r"\A(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.DOTALL)


def to_html(
    text: str, *, legend: bool = False, evaluate: bool = False, interactive: bool = False
) -> str:
    """One map's text as HTML: its inline SVG (or its interactive view), or its diagnostics if
    it has errors."""
    from argmap.checks import check
    from argmap.diagnostics import Severity
    from argmap.read import parse
    from argmap.render import RenderError, render
    from argmap.write.outline import to_outline

    result = parse(text)
    problems = [d for d in check(result) if d.severity is Severity.ERROR]
    if problems:
        lines = [f"{d.span or '1:1'}: {d.code} {d.message}" for d in problems]
        return _notice("This argument map has errors, so it is not drawn:", lines)
    if interactive:
        from argmap.render.page import fragment

        return fragment(result, evaluate=evaluate)
    try:
        svg = render(result.map, format="svg", legend=legend, evaluate=evaluate).decode("utf-8")
    except RenderError as error:
        return _notice(f"This argument map could not be drawn: {error}", [to_outline(result.map)])
    body = _PROLOGUE.sub("", svg)
    return f'<div class="argmap">\n{body}</div>'


def _notice(title: str, lines: list[str]) -> str:
    text = "\n".join([title, *lines])
    return f'<pre class="argmap-diagnostics">{html.escape(text)}</pre>'


class _Fences(Preprocessor):
    def __init__(self, md: Markdown, options: dict[str, Any]) -> None:
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)

        def replace(match: re.Match[str]) -> str:
            drawn = to_html(match["body"], **self.options)
            # The stash keeps the HTML away from the Markdown that runs after this.
            return "\n\n" + self.md.htmlStash.store(drawn) + "\n\n"

        return _FENCE.sub(replace, text).split("\n")


class ArgmapExtension(Extension):
    """Draws ```` ```argmap ```` fences; options ``legend``, ``evaluate`` and ``interactive``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "legend": [False, "add the legend to each diagram"],
            "evaluate": [False, "draw which claims stand (IN / OUT / UNDECIDED)"],
            "interactive": [False, "show each map as the interactive view (pan, zoom, select)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        options = {
            "legend": bool(self.getConfig("legend")),
            "evaluate": bool(self.getConfig("evaluate")),
            "interactive": bool(self.getConfig("interactive")),
        }
        # Before fenced_code (priority 25), which would otherwise take the fence as code.
        md.preprocessors.register(_Fences(md, options), "argmap", 30)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    """What Python-Markdown calls to load ``argmap.markdown``."""
    return ArgmapExtension(**kwargs)
