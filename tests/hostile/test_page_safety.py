"""The interactive page with hostile text: user text stays text in the HTML, the JSON and the
SVG; the page's checker (page_safety.py) catches each way a page could go wrong."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import argmap
from argmap.render import page
from argmap.render.text import clean
from tests.conftest import OPED
from tests.hostile.page_safety import assert_safe, data, painted_lines, problems

HOSTILE = Path(__file__).parent.parent / "render" / "cases" / "hostile.arg"
# Text that would close the data block, run script, or break a JavaScript string.
BREAKOUT = (
    "conclusion c: </script><script>window.pwned=1</script> <!-- <script> \u2028 \u2029 & \\u003c\n"
    "  reason:\n"
    "    - <img src=x onerror=window.pwned=2> ' \" ` ${window.pwned=3}\n"
)


@pytest.fixture(scope="module")
def oped_page() -> str:
    return page.to_html(argmap.parse_file(OPED))


def test_the_oped_page_passes(oped_page: str) -> None:
    assert_safe(oped_page)


@pytest.mark.parametrize("text", [HOSTILE.read_text(encoding="utf-8"), BREAKOUT])
def test_hostile_text_stays_text(text: str) -> None:
    result = argmap.parse(text)
    document = page.to_html(result, evaluate=True)
    assert_safe(document)
    found = data(document)
    for claim in result.map.claims:  # the script receives the text exactly, cleaned
        assert found["nodes"][claim.id]["text"] == clean(claim.text)
        # The outline holds it escaped: as text, never as tags (assert_safe found none).
        assert html.escape(clean(claim.text)) in document
    assert "\u2028" not in document.split('class="av-data">')[1].split("</script>")[0]


@pytest.mark.parametrize("text", [HOSTILE.read_text(encoding="utf-8"), BREAKOUT])
def test_hostile_text_stays_text_in_a_painted_drawing(text: str) -> None:
    # The drawing as shapes (what a large map gets): its lines of text travel in the JSON, as
    # strings the script paints with fillText; no SVG, no markup.
    result = argmap.parse(text)
    document = page.to_html(result, evaluate=True, drawing="canvas")
    assert_safe(document)
    assert "<svg" not in document
    shapes = data(document)["shapes"]
    painted = "".join("".join(lines) for lines in painted_lines(document).values())
    for claim in result.map.claims:  # every word of every claim, as it was drawn
        for word in clean(claim.text).split():
            assert word in painted, word
    for look in shapes["looks"]:  # colours the renderer chose, not text
        assert all(v is None or re.fullmatch(r"[#\w.,]+", v) for v in look), look


def test_a_fragment_passes_and_carries_no_policy() -> None:
    document = page.fragment(argmap.parse(BREAKOUT))
    assert_safe(document, standalone=False)
    assert "Content-Security-Policy" not in document


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.replace("<svg ", '<svg onload="alert(1)" ', 1), "an event attribute"),
        (lambda d: d.replace("</body>", "<script>alert(1)</script></body>"), "scripts of types"),
        (lambda d: d.replace("'sha256-", "'unsafe-inline' 'sha256-", 1), "weak"),
        (lambda d: d.replace("default-src 'none'", "default-src *"), "weak"),
        (lambda d: d.replace("<svg ", '<svg style="x" ', 1), "a style attribute"),
        (lambda d: d.replace("</body>", '<img src="x"></body>'), "a <img> element"),
        (lambda d: d.replace('rel="expect"', 'rel="stylesheet"', 1), "a <link> element"),
        (lambda d: d.replace('href="#av:drawn"', 'href="x.css"', 1), "a <link> element"),
        (lambda d: d.replace('href="#closer"', 'href="https://e.example/"'), "a link"),
        (lambda d: d.replace('"nodes":{', '"nodes":{"x\\u003c":"<b>",', 1), "markup characters"),
        (lambda d: d.replace("})();", "})();alert(1);", 1), "not argmap's own"),
        (lambda d: d.replace("<style>", "<style>*{}", 1), "style blocks"),
        (
            lambda d: d.replace("<title>", "<title>", 1).replace("</svg>", "<script/></svg>"),
            "<script>",
        ),
    ],
)
def test_the_checker_catches(oped_page: str, change: object, expected: str) -> None:
    changed = change(oped_page)  # type: ignore[operator]
    assert changed != oped_page
    assert any(expected in p for p in problems(changed)), problems(changed)
