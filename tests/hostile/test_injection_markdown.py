"""Markdown export: user text stays text under the real Python-Markdown and the extensions
MkDocs sites enable.

``title: T {: onclick=alert(1) }`` once became ``<h1 onclick="alert(1)">`` under ``attr_list``.
Every page here is rendered by Python-Markdown itself, with ``attr_list`` and the other
extensions that give characters a meaning (``abbr``, ``def_list``, ``footnotes``, ``tables``,
``toc``, ``admonition``, ``md_in_html``), and read back with an HTML parser: only
the elements argmap writes, no attribute but the heading's ``id`` from ``toc``, and each line's
text is the claim's.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.teach.map_builder import MapBuilder, premise
from argmap.write.outline import to_markdown

EXTENSIONS = [
    "attr_list",
    "abbr",
    "def_list",
    "footnotes",
    "tables",
    "toc",
    "admonition",
    "md_in_html",
]
ELEMENTS = {"h1", "ul", "li", "strong", "p"}


class _Page(HTMLParser):
    """Elements, attributes and the text of each heading and list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.texts: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag in ("h1", "li"):
            self.texts.append("")
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[-1] += data


def _page(md: str) -> _Page:
    page = _Page()
    page.feed(markdown.markdown(md, extensions=EXTENSIONS))
    page.close()
    return page


def _safe(page: _Page) -> None:
    assert set(page.tags) <= ELEMENTS, page.tags
    for tag, name, value in page.attributes:
        # toc gives the heading an id made of the title's words: letters, digits, - and _.
        assert (tag, name) == ("h1", "id"), (tag, name, value)
        assert value is not None and all(c.isalnum() or c in "-_" for c in value), value


def test_attr_list_sets_no_attribute_from_a_title_or_a_claim() -> None:
    text = (
        "title: T {: onclick=alert(1) }\n"
        "conclusion c: Tea {: .x #y onmouseover=alert(2) } is good.\n"
        "  reason:\n    - Warm {: style='color:red' }\n"
    )
    md = to_markdown(argmap.parse(text).map)
    page = _page(md)
    _safe(page)
    assert [t.strip() for t in page.texts] == [
        "T {: onclick=alert(1) }",
        "Conclusion: Tea {: .x #y onmouseover=alert(2) } is good.",
        "Reason",
        "Warm {: style='color:red' }",
    ]


def test_attr_list_does_read_attributes_where_argmap_did_not_escape() -> None:
    """The oracle: the same heading, unescaped, does get the attribute."""
    page = _page("# T {: onclick=alert(1) }\n")
    assert ("h1", "onclick", "alert(1)") in page.attributes


HOSTILE = [
    "T {: onclick=alert(1) }",
    "{#id .class key=value}",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "*[HTML]: Hyper",
    "[^1] and [^1]: note",
    "Term\n: definition",
    "a | b |\n|---|---|",
    '!!! danger "x"',
    '<div markdown="1">*x*</div>',
    "Learn C# #",
    "&lt; &#x3C; &amp;",
    "~~del~~ ==mark== ^^ins^^ ++ctrl+alt++ $x$ :smile: @user https://x.example",
    "{++ins++} {--del--} {~~a~>b~~}",
    "1. one",
    "- item",
    "> quote",
    "`code` **b** _i_ \\*",
    "\u202eevil\u202c \u200b \x00 \x1b[31m",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_texts_stay_text(text: str) -> None:
    b = MapBuilder(title=text)
    b.source("s", text)
    top = b.conclusion(text, sources=["s"])
    b.reason(top, premise(text, implicit=True))
    page = _page(to_markdown(b.draft()))
    _safe(page)
    shown = " ".join(text.split())
    assert page.texts[0] == shown
    assert page.texts[1].endswith(shown + " [s]")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from([*"{}[]()<>&#*_`~^=+$:|@!\\-.'\" ", "\n", "\x00", "\u202e", "é", "a"]),
        min_size=1,
        max_size=24,
    ).map("".join)
)
def test_fuzzed_texts_stay_text(text: str) -> None:
    if not text.split():
        return
    b = MapBuilder(title=text)
    b.conclusion(text)
    page = _page(to_markdown(b.draft()))
    _safe(page)
    shown = " ".join(text.split())
    assert page.texts[0] == shown
    assert page.texts[1] == "Conclusion: " + shown
