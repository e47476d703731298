"""The page in the other places it goes, in headless Chromium: a hostile map, a map with errors,
two maps in one Markdown (MkDocs) page, the Jupyter frame, an SVG whose ids carry a prefix, and
a browser with JavaScript off."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from selenium.webdriver.common.by import By

import argmap
from argmap.render import page
from argmap.render.notebook import interactive
from argmap.render.text import clean
from tests.browser import chromium
from tests.conftest import OPED
from tests.hostile.test_page_safety import BREAKOUT, HOSTILE

WRAPPER = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'


def open_page(driver: Any, quiet: list[str], path: Path, document: str) -> None:
    path.write_text(document, encoding="utf-8")
    quiet.append(chromium.url(path))
    driver.get(chromium.url(path))
    chromium.ready(driver)


def selected(driver: Any, scope: Any = None) -> set[str]:
    found = (scope or driver).find_elements(By.CSS_SELECTOR, "g.node.av-selected")
    return {e.get_attribute("id") for e in found}


@pytest.mark.parametrize("drawing", ["svg", "canvas"])
@pytest.mark.parametrize("text", [HOSTILE.read_text(encoding="utf-8"), BREAKOUT])
def test_hostile_text_is_shown_as_text(
    browser: Any, quiet: list[str], tmp_path: Path, text: str, drawing: str
) -> None:
    result = argmap.parse(text)
    document = page.to_html(result, evaluate=True, drawing=drawing)
    open_page(browser, quiet, tmp_path / "hostile.html", document)
    assert browser.execute_script("return window.pwned") is None
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2
    assert browser.find_elements(By.TAG_NAME, "img") == []
    for claim in result.map.claims:
        browser.find_element(By.CSS_SELECTOR, f'.av-outline a[data-node="{claim.id}"]').click()
        shown = browser.find_element(By.CSS_SELECTOR, ".av-details .av-text")
        assert shown.get_attribute("textContent") == clean(claim.text)
    if drawing == "canvas":  # each box's stand-in is named by the text, as text
        for claim in result.map.claims:
            label = browser.find_element(By.ID, claim.id).get_attribute("aria-label")
            assert label.endswith(clean(claim.text))
        assert browser.find_elements(By.CSS_SELECTOR, ".av-boxes *:not(span.av-box)") == []
    assert browser.execute_script("return window.pwned") is None


def test_a_map_with_errors_shows_them_above_what_is_drawn(
    browser: Any, quiet: list[str], tmp_path: Path
) -> None:
    text = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\nobjection for gone:\n  - x\n"
    result = argmap.parse(text)
    open_page(browser, quiet, tmp_path / "broken.html", page.to_html(result))
    notice = browser.find_element(By.CSS_SELECTOR, ".av-diagnostics")
    assert notice.get_attribute("role") == "alert"
    assert notice.text.startswith("This map has 1 error.")
    assert "gone" in notice.text
    top = notice.rect["y"]
    drawing = browser.find_element(By.CSS_SELECTOR, ".av-viewport")
    assert drawing.rect["y"] > top
    marked = browser.execute_script(
        "return getComputedStyle(arguments[0], '::before').content", drawing
    )
    assert marked == '"Drawn from a map with errors: may be incomplete"'
    browser.find_element(By.CSS_SELECTOR, 'g.node[id="c"]').click()
    assert selected(browser) == {"c"}


def test_two_maps_in_one_markdown_page_keep_apart(
    browser: Any, quiet: list[str], tmp_path: Path
) -> None:
    text = OPED.read_text(encoding="utf-8")
    body = markdown.markdown(
        f"# Lesson\n\n```argmap\n{text}```\n\nAnd a second one:\n\n```argmap\n{text}```\n",
        extensions=["argmap.markdown"],
        extension_configs={"argmap.markdown": {"interactive": True, "evaluate": True}},
    )
    open_page(browser, quiet, tmp_path / "lesson.html", f"{WRAPPER}<body>{body}</body></html>")
    first, second = browser.find_elements(By.CSS_SELECTOR, ".argmap-view")
    assert first.get_attribute("data-argmap-ready") == second.get_attribute("data-argmap-ready")
    assert first.get_attribute("data-argmap-ready") == ""
    # Each map's ids carry its own prefix (argmap-1-, argmap-2-): no id is on the page twice.
    repeated = browser.execute_script(
        "const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);"
        "return ids.filter((id, i) => ids.indexOf(id) !== i);"
    )
    assert repeated == []
    second.find_element(By.CSS_SELECTOR, 'g.node[id="argmap-2-stability"]').click()
    assert selected(browser, second) == {"argmap-2-stability"}
    assert selected(browser, first) == set()
    assert "av-selecting" not in first.get_attribute("class")
    assert first.find_element(By.CSS_SELECTOR, ".av-details .av-hint")
    # Each has its overlay on (evaluate: true) and its own search.
    assert "av-evaluated" in first.get_attribute("class")
    first.find_element(By.CSS_SELECTOR, ".av-search").send_keys("nuclear")
    assert len(first.find_elements(By.CSS_SELECTOR, "g.node.av-match")) == 4
    assert second.find_elements(By.CSS_SELECTOR, "g.node.av-match") == []
    # In a longer page the wheel scrolls the page, and zooms only with Ctrl held.
    camera = second.find_element(By.CSS_SELECTOR, "g.av-camera")
    before = camera.get_attribute("transform")
    browser.execute_script(
        "arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -200, bubbles: true,"
        " cancelable: true, clientX: 300, clientY: 300}))",
        second.find_element(By.CSS_SELECTOR, ".av-viewport"),
    )
    assert camera.get_attribute("transform") == before
    browser.execute_script(
        "arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -200, ctrlKey: true,"
        " bubbles: true, cancelable: true, clientX: 300, clientY: 300}))",
        second.find_element(By.CSS_SELECTOR, ".av-viewport"),
    )
    assert camera.get_attribute("transform") != before


def test_the_jupyter_frame_runs_the_page(browser: Any, quiet: list[str], tmp_path: Path) -> None:
    m = argmap.parse_file(OPED).map
    shown = interactive(m)._repr_html_()
    open_page(browser, quiet, tmp_path / "cell.html", f"{WRAPPER}<body>{shown}</body></html>")
    quiet.append("about:srcdoc")
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.argmap-frame"))
    try:
        browser.find_element(By.CSS_SELECTOR, 'g.node[id="talks"]').click()
        assert selected(browser) == {"talks"}
        assert m.claim("talks").text in browser.find_element(By.CSS_SELECTOR, ".av-details").text
    finally:
        browser.switch_to.default_content()


def test_a_diagram_drawn_with_an_id_prefix_still_works(
    browser: Any, quiet: list[str], tmp_path: Path
) -> None:
    # The scheme of a renderer that prefixes every SVG id so that several maps share a page.
    document = page.to_html(argmap.parse_file(OPED))
    svg_start, svg_end = document.index("<svg"), document.index("</svg>")
    svg = re.sub(r' id="([^"]*)"', r' id="m7-\1"', document[svg_start:svg_end])
    document = document[:svg_start] + svg + document[svg_end:]
    document = document.replace('"prefix":""', '"prefix":"m7-"', 1)
    open_page(browser, quiet, tmp_path / "prefixed.html", document)
    browser.find_element(By.CSS_SELECTOR, 'g.node[id="m7-closer"]').click()
    assert selected(browser) == {"m7-closer"}
    lit = browser.find_elements(By.CSS_SELECTOR, "g.av-support")
    assert "m7-arrow:squeeze" in {e.get_attribute("id") for e in lit}
    assert "m7-sanctions" in {e.get_attribute("id") for e in lit}


@pytest.mark.parametrize("drawing", ["svg", "canvas"])
def test_without_javascript_the_page_reads(tmp_path: Path, drawing: str) -> None:
    # The page holds its first frame back until its script's element is parsed (rel=expect):
    # with scripts off it is still parsed, and the page shows its outline, and its drawing or
    # the note that the drawing needs the script; no toolbar, whose buttons would do nothing.
    driver = chromium.start(script=False)
    try:
        path = tmp_path / "noscript.html"
        path.write_text(page.to_html(argmap.parse_file(OPED), drawing=drawing), encoding="utf-8")
        driver.get(chromium.url(path))
        # The script would have shown the toolbar (and removed the note): it did not run.
        assert not driver.find_element(By.CSS_SELECTOR, ".av-toolbar").is_displayed()
        outline = driver.find_element(By.CSS_SELECTOR, ".av-outline")
        assert outline.is_displayed() and "Washington and Beijing" in outline.text
        if drawing == "canvas":
            note = driver.find_element(By.CSS_SELECTOR, ".av-needs-script")
            assert note.is_displayed() and "outline holds the whole map" in note.text
        else:
            assert driver.find_element(By.CSS_SELECTOR, ".av-viewport svg").is_displayed()
        assert [u for u in chromium.requests(driver) if u != chromium.url(path)] == []
    finally:
        driver.quit()
