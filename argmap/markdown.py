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
``<pre class="argmap-diagnostics">`` block, so the author sees what to fix. It is also logged
as a warning on the ``mkdocs.argmap`` logger, which ``mkdocs build --strict`` counts: a strict
build fails on a broken map. A map that cannot be
drawn (too large, Graphviz timed out) shows why, and its text outline, in the same way.
Options: ``legend`` (default false) adds the diagram's legend; ``evaluate`` (default false) draws
the evaluation overlay; ``direction`` (``auto``, ``down`` or ``right``; default ``auto``) lays
the diagrams out (docs/rendering.md). Each diagram scales to the page's column, and the maps of
one page have ids of their own (``argmap-1-``, ``argmap-2-``, … before each id).
``interactive`` (default false) shows each map as the interactive view of
``argmap export -f html`` (pan and zoom, selection, search, the outline; ``evaluate`` then turns
its overlay on at first), each map's script working only inside its own ``<div>``.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
from collections.abc import Iterator
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

__all__ = ["ArgmapExtension", "makeExtension", "to_html"]

_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})[ \t]*argmap[ \t]*")
_CLOSE = re.compile(r"(?P<fence>`{3,}|~{3,})[ \t]*")
# A child of the "mkdocs" logger, whose warnings `mkdocs build --strict` counts; outside MkDocs,
# an ordinary logger.
_LOG = logging.getLogger("mkdocs.argmap")


def to_html(
    text: str,
    *,
    legend: bool = False,
    evaluate: bool = False,
    interactive: bool = False,
    prefix: str = "argmap-",
    direction: str = "auto",
    where: str = "a map",
) -> str:
    """One map's text as HTML: its inline SVG (or, with ``interactive``, its interactive view),
    or its diagnostics if it has errors (then also logged as a warning that names ``where`` the
    map is).

    The SVG scales to the page's column; ``prefix`` goes before every id in it, so that each map
    on a page needs its own (the extension numbers them: ``argmap-1-``, ``argmap-2-``, …).
    """
    from argmap.checks import check
    from argmap.diagnostics import Severity
    from argmap.read import parse
    from argmap.render import RenderError, embed
    from argmap.write.outline import to_outline

    result = parse(text)
    problems = [d for d in check(result) if d.severity is Severity.ERROR]
    if problems:
        lines = [f"{d.span or '1:1'}: {d.code} {d.message}" for d in problems]
        _LOG.warning("argmap: %s has errors, so it is not drawn: %s", where, "; ".join(lines))
        return _notice("This argument map has errors, so it is not drawn:", lines)
    if interactive:
        from argmap.render.page import fragment

        return fragment(result, evaluate=evaluate, prefix=prefix, direction=direction)
    try:
        svg = embed(
            result.map, prefix=prefix, legend=legend, evaluate=evaluate, direction=direction
        )
    except RenderError as error:
        return _notice(f"This argument map could not be drawn: {error}", [to_outline(result.map)])
    return f'<div class="argmap">\n{svg}</div>'


def _notice(title: str, lines: list[str]) -> str:
    text = "\n".join([title, *lines])
    return f'<pre class="argmap-diagnostics">{html.escape(text)}</pre>'


class _Fences(Preprocessor):
    def __init__(self, md: Markdown, options: dict[str, Any]) -> None:
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        done = 0
        for count, (start, end) in enumerate(_fences(lines), start=1):
            drawn = to_html(
                "".join(line + "\n" for line in lines[start + 1 : end]),
                prefix=f"argmap-{count}-",  # each map on the page has ids of its own
                where=f"the argmap fence at line {start + 1}",
                **self.options,
            )
            # The stash keeps the HTML away from the Markdown that runs after this.
            out += [*self._text(lines[done:start]), "", "", self.md.htmlStash.store(drawn), "", ""]
            done = end + 1
        return out + self._text(lines[done:])

    def _text(self, lines: list[str]) -> list[str]:
        """Lines outside the fences, where an ```` ```argmap ```` line opens a fence that never
        closes: it is text, and it goes in the stash as text. Left as it is, the
        ``fenced_code`` extension (MkDocs turns it on) would look for its end from each such
        line to the end of the page, which is quadratic on a page of them."""
        return [
            self.md.htmlStash.store(html.escape(line)) if _OPEN.fullmatch(line) else line
            for line in lines
        ]


def _fences(lines: list[str]) -> Iterator[tuple[int, int]]:
    """The ```` ```argmap ```` fences: (opening line, closing line) pairs, in one pass.

    A fence closes at the next line of exactly its backticks or tildes; an unclosed one is left
    as text. Each line's closing fence is looked up in an index of where each fence string
    closes, so a page of thousands of unclosed fences takes linear time, not quadratic.
    """
    closing: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if found := _CLOSE.fullmatch(line):
            closing.setdefault(found["fence"], []).append(number)
    after = 0
    for number, line in enumerate(lines):
        if number < after or not (found := _OPEN.fullmatch(line)):
            continue
        candidates = closing.get(found["fence"], [])
        at = bisect.bisect_right(candidates, number)
        if at < len(candidates):
            yield number, candidates[at]
            after = candidates[at] + 1


class ArgmapExtension(Extension):
    """Draws ```` ```argmap ```` fences; options ``legend``, ``evaluate``, ``direction`` and
    ``interactive``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "legend": [False, "add the legend to each diagram"],
            "evaluate": [False, "draw which claims stand (IN / OUT / UNDECIDED)"],
            "direction": ["auto", "auto, down or right: how the diagrams are laid out"],
            "interactive": [False, "show each map as the interactive view (pan, zoom, select)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        options = {
            "legend": bool(self.getConfig("legend")),
            "evaluate": bool(self.getConfig("evaluate")),
            "direction": str(self.getConfig("direction")),
            "interactive": bool(self.getConfig("interactive")),
        }
        # Before fenced_code (priority 25), which would otherwise take the fence as code.
        md.preprocessors.register(_Fences(md, options), "argmap", 30)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    """What Python-Markdown calls to load ``argmap.markdown``."""
    return ArgmapExtension(**kwargs)
