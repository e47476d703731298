"""The page with its drawing painted on a canvas (``drawing="canvas"``, what a large map gets),
driven in headless Chromium on the op-ed map: the same selection, evaluation, search, outline,
keyboard, pan and zoom as the SVG page (tests/browser/test_page.py), read from the boxes'
focusable stand-ins (which carry the classes an SVG box would) and from the canvas's pixels.
Each test also asserts that the page fetched nothing and logged no error."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import argmap
from argmap.evaluation import evaluate
from argmap.render import page as page_module
from tests.browser import chromium
from tests.conftest import OPED

MAP = argmap.parse(OPED.read_text(encoding="utf-8")).map
DOCUMENT = page_module.to_html(argmap.parse_file(OPED), drawing="canvas")
SHAPES = {item[0]: item for item in json.loads(
    DOCUMENT.split('class="av-data">')[1].split("</script>")[0])["shapes"]["items"]}  # fmt: skip
SETTLE = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("painted") / "oped.html"
    out.write_text(DOCUMENT, encoding="utf-8")
    return out


@pytest.fixture
def opened(browser: Any, page: Path, quiet: list[str]) -> Any:
    quiet.append(chromium.url(page))
    browser.get(chromium.url(page))
    chromium.ready(browser)
    settle(browser)
    return browser


def settle(driver: Any) -> None:
    """Waits for the next frame (the canvas is painted in an animation frame)."""
    driver.execute_async_script(SETTLE)


def ids(driver: Any, css: str) -> set[str]:
    return {e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, css)}


def view(driver: Any) -> tuple[float, float, float]:
    value = driver.find_element(By.CSS_SELECTOR, "canvas.av-canvas").get_attribute("data-view")
    x, y, k = re.fullmatch(r"translate\((\S+) (\S+)\) scale\((\S+)\)", value).groups()
    return float(x), float(y), float(k)


def on_screen(driver: Any, x: float, y: float) -> tuple[float, float]:
    """Where a point of the drawing is in the canvas (CSS pixels from its corner)."""
    dx, dy, k = view(driver)
    return dx + k * x, dy + k * y


def centre(driver: Any, node_id: str) -> tuple[float, float]:
    x0, y0, x1, y1 = SHAPES[node_id][2]
    return on_screen(driver, (x0 + x1) / 2, (y0 + y1) / 2)


def click(driver: Any, node_id: str) -> None:
    canvas = driver.find_element(By.CSS_SELECTOR, "canvas.av-canvas")
    x, y = centre(driver, node_id)
    rect = canvas.rect
    ActionChains(driver).move_to_element_with_offset(
        canvas, x - rect["width"] / 2, y - rect["height"] / 2
    ).click().perform()
    settle(driver)


def pixel(driver: Any, x: float, y: float) -> tuple[int, int, int]:
    """The colour the reader sees at a point of the canvas (copied out, so that the page's
    canvas is never read back)."""
    found = driver.execute_script(
        "const c = document.querySelector('canvas.av-canvas');"
        "const r = devicePixelRatio || 1;"
        "const copy = new OffscreenCanvas(1, 1).getContext('2d', {willReadFrequently: true});"
        "copy.fillStyle = '#fff'; copy.fillRect(0, 0, 1, 1);"
        "copy.drawImage(c, -Math.round(arguments[0] * r), -Math.round(arguments[1] * r));"
        "return Array.from(copy.getImageData(0, 0, 1, 1).data);",
        x,
        y,
    )
    return tuple(found[:3])  # type: ignore[return-value]


def closer_to(driver: Any, node_id: str) -> None:
    """Zooms in (the wheel) about a box, so that its border is pixels wide."""
    canvas = driver.find_element(By.CSS_SELECTOR, "canvas.av-canvas")
    while view(driver)[2] < 1:
        x, y = centre(driver, node_id)
        rect = canvas.rect
        origin = ScrollOrigin.from_element(
            canvas, int(x - rect["width"] / 2), int(y - rect["height"] / 2)
        )
        ActionChains(driver).scroll_from_origin(origin, 0, -200).perform()
    settle(driver)


def border(driver: Any, node_id: str) -> tuple[int, int, int]:
    """The colour of a box's left border (where its path runs), half way down."""
    x0, y0, _, y1 = SHAPES[node_id][2]
    return pixel(driver, *on_screen(driver, x0, (y0 + y1) / 2))


def hue(rgb: tuple[int, int, int]) -> str:
    red, green, blue = rgb
    if min(rgb) > 150:
        return "faded"
    if green > red + 40 and green > blue + 30:
        return "green"
    if red > green + 60 and red > blue + 60:
        return "red"
    if blue > red + 60:
        return "blue"
    return "dark"


def group_members(group_ids: list[str]) -> set[str]:
    found = set(group_ids)
    for group in group_ids:
        found.update(claim.id for claim in MAP.premises(group))
    return found


def test_the_page_carries_shapes_not_svg() -> None:
    assert "<svg" not in DOCUMENT
    assert '<canvas class="av-canvas" aria-hidden="true"></canvas>' in DOCUMENT
    # Every box, line and frame of the SVG, under the same ids.
    svg = argmap.render.render(MAP, "svg").decode()
    found = re.findall(r'<g id="([^"]+)" class="(?:node|edge|cluster group)', svg)
    drawn = {html.unescape(i) for i in found}
    assert drawn == set(SHAPES)
    assert page_module.to_html(MAP, drawing="canvas") == page_module.to_html(MAP, drawing="canvas")


def test_the_drawing_is_painted_and_each_box_has_a_stand_in(opened: Any) -> None:
    assert opened.title == MAP.title
    assert opened.find_elements(By.CSS_SELECTOR, ".av-needs-script") == []
    stand_ins = opened.find_elements(By.CSS_SELECTOR, ".av-boxes .node.claim:not(.copy)")
    assert {e.get_attribute("id") for e in stand_ins} == {c.id for c in MAP.claims}
    for element in stand_ins:
        assert element.get_attribute("tabindex") == "0"
        assert element.get_attribute("role") == "button"
    closer = opened.find_element(By.ID, "closer")
    assert closer.get_attribute("aria-label") == "Conclusion: " + MAP.claim("closer").text
    # The conclusion's box is painted in its own colours: a dark blue border.
    closer_to(opened, "closer")
    assert border(opened, "closer") == pytest.approx((26, 47, 107), abs=40)
    x, y = centre(opened, "closer")
    assert pixel(opened, x, y - 200) == (255, 255, 255)  # and nothing where nothing is


def test_clicking_a_claim_lights_what_supports_and_opposes_it(opened: Any) -> None:
    click(opened, "closer")
    supports = group_members([g.id for g in MAP.reasons_for("closer")])
    opposes = group_members([g.id for g in MAP.objections_to("closer")])
    assert ids(opened, ".av-boxes .av-selected") == {"closer"}
    assert ids(opened, ".av-boxes .av-support") == supports
    assert ids(opened, ".av-boxes .av-oppose") == opposes
    text = opened.find_element(By.CSS_SELECTOR, ".av-details").text
    assert MAP.claim("closer").text in text and "Supported by" in text
    current = opened.find_element(By.CSS_SELECTOR, ".av-outline a.av-current")
    assert current.get_attribute("data-node") == "closer"
    # Painted as the SVG page shows it: the selection blue, a reason's premise green, an
    # objection's red, and the rest faded.
    # (At the fitted size a border is about a pixel wide: its hue is what is sure.)
    assert hue(border(opened, "closer")) == "blue"
    assert hue(border(opened, "sanctions")) == "green"
    assert hue(border(opened, "stability")) == "red"
    assert hue(border(opened, "credibility")) == "faded"  # its own border is #263238
    closer_to(opened, "closer")
    # The arrow from the reason squeeze into it is lit (its head at full strength).
    head = next(s for s in SHAPES["arrow:squeeze"][3] if len(s) == 3)
    x, y, dx1, dy1, dx2, dy2 = (float(n) for n in re.findall(r"-?[\d.]+", head[1])[:6])
    x, y = x + (2 * dx1 + dx2) / 3, y + (2 * dy1 + dy2) / 3  # its middle (points relative)
    assert pixel(opened, *on_screen(opened, x, y)) == pytest.approx((46, 125, 50), abs=45)
    # A click on nothing clears it.
    bx, by = centre(opened, "closer")
    canvas = opened.find_element(By.CSS_SELECTOR, "canvas.av-canvas")
    ActionChains(opened).move_to_element_with_offset(
        canvas, bx - canvas.rect["width"] / 2, by - 200 - canvas.rect["height"] / 2
    ).click().perform()
    assert ids(opened, ".av-boxes .av-lit") == set()


def test_a_copy_selects_the_claim_it_copies(opened: Any) -> None:
    click(opened, "copy:prediction.reason1:too-far")
    assert ids(opened, ".av-boxes .av-selected") == {"too-far"}


def test_the_evaluation_switch(opened: Any) -> None:
    evaluation = evaluate(MAP)
    click(opened, "pressure")
    opened.find_element(By.CSS_SELECTOR, ".av-evaluate").click()
    settle(opened)
    verdict = opened.find_element(By.CSS_SELECTOR, ".av-details .av-verdict")
    assert verdict.text == evaluation.explain("pressure").replace("`", "")
    out = {i for i, label in evaluation.labels.items() if label.value == "out"}
    assert ids(opened, ".av-boxes .av-out") == out & set(SHAPES)
    # Every claim has its badge: the IN badge's dark pill above the conclusion's top right.
    _, y0, x1, _ = SHAPES["closer"][2]
    badge = on_screen(opened, x1 - 8, y0 - 3)
    assert max(pixel(opened, *badge)) < 120
    opened.find_element(By.CSS_SELECTOR, ".av-evaluate").click()
    settle(opened)
    assert min(pixel(opened, *badge)) > 200  # off again: no badge


def test_zoom_pan_and_fit_change_the_view(opened: Any) -> None:
    canvas = opened.find_element(By.CSS_SELECTOR, "canvas.av-canvas")
    fitted = view(opened)
    ActionChains(opened).scroll_from_origin(ScrollOrigin.from_element(canvas), 0, -300).perform()
    wheeled = view(opened)
    assert wheeled[2] > fitted[2] * 1.5
    opened.find_element(By.CSS_SELECTOR, ".av-zoom-out").click()
    assert view(opened)[2] == pytest.approx(wheeled[2] * 0.8, abs=2e-3)
    before = view(opened)
    ActionChains(opened).move_to_element(canvas).click_and_hold().move_by_offset(
        120, 40
    ).release().perform()
    after = view(opened)
    assert (after[0] - before[0], after[1] - before[1]) == pytest.approx((120, 40), abs=6)
    assert ids(opened, ".av-boxes .av-lit") == set()  # a drag is not a click
    settle(opened)
    x0, _, _, y1 = SHAPES["closer"][2]
    inside = pixel(opened, *on_screen(opened, x0 + 6, y1 - 6))
    assert inside == pytest.approx((238, 242, 251), abs=6)  # painted where it went
    opened.find_element(By.CSS_SELECTOR, ".av-fit").click()
    assert view(opened) == fitted


def test_search_marks_the_matching_claims(opened: Any) -> None:
    field = opened.find_element(By.CSS_SELECTOR, ".av-search")
    field.send_keys("nuclear weapons")
    assert ids(opened, ".av-boxes .av-match") == {"too-far", "prediction"}
    field.send_keys(Keys.ENTER)
    settle(opened)
    assert ids(opened, ".av-boxes .av-selected") == {"too-far"}
    x0, y0, _, y1 = SHAPES["too-far"][2]
    assert pixel(opened, *on_screen(opened, x0 + 6, (y0 + y1) / 2)) == pytest.approx(
        (255, 245, 157), abs=12
    )  # the match's yellow
    field.send_keys(Keys.ESCAPE)
    assert ids(opened, ".av-boxes .av-match") == set()


def test_an_outline_link_selects_and_shows_its_box(opened: Any) -> None:
    opened.find_element(By.CSS_SELECTOR, ".av-zoom-out").click()
    opened.find_element(By.CSS_SELECTOR, '.av-outline a[data-node="blockade"]').click()
    settle(opened)
    assert ids(opened, ".av-boxes .av-selected") == {"blockade"}
    assert opened.execute_script("return location.hash") == "#blockade"
    canvas = opened.find_element(By.CSS_SELECTOR, "canvas.av-canvas").rect
    x0, y0, x1, y1 = SHAPES["blockade"][2]
    left, top = on_screen(opened, x0, y0)
    right, bottom = on_screen(opened, x1, y1)
    assert left >= 0 and right <= canvas["width"] and top >= 0 and bottom <= canvas["height"]
    assert bottom - top >= 28  # near enough to read
    assert border(opened, "blockade") == pytest.approx((21, 101, 192), abs=30)


def test_a_box_clicked_in_the_drawing_is_shown_in_the_outline(opened: Any) -> None:
    last = MAP.claims[-1].id
    opened.find_element(By.CSS_SELECTOR, ".av-zoom-out").click()
    click(opened, last)
    settle(opened)
    outline = opened.find_element(By.CSS_SELECTOR, ".av-outline").rect
    entry = opened.find_element(By.CSS_SELECTOR, ".av-outline a.av-current").rect
    assert outline["y"] <= entry["y"] and entry["y"] + entry["height"] <= (
        outline["y"] + outline["height"]
    )


def test_the_keyboard_reaches_every_claim(opened: Any) -> None:
    viewport = opened.find_element(By.CSS_SELECTOR, ".av-viewport")
    opened.execute_script("arguments[0].focus()", viewport)
    viewport.send_keys(Keys.TAB)
    active = opened.switch_to.active_element
    first = opened.find_elements(By.CSS_SELECTOR, ".av-boxes [tabindex='0']")[0]
    assert active == first
    assert ids(opened, ".av-boxes .av-selected") == {active.get_attribute("id")}
    settle(opened)
    # The focused box is ringed in the selection blue, dashed: along its left side, zoomed in
    # so that the ring is pixels wide, some samples fall on a dash (blue) and none is the
    # box's own border colour.
    closer_to(opened, active.get_attribute("id"))
    assert opened.switch_to.active_element == active
    x0, y0, _, y1 = SHAPES[active.get_attribute("id")][2]
    side = [
        pixel(opened, *on_screen(opened, x0 + 0.5, y0 + (y1 - y0) * n / 40)) for n in range(8, 33)
    ]
    assert any(hue(rgb) == "blue" and rgb[2] - rgb[0] > 100 for rgb in side), side
    assert all(hue(rgb) != "dark" for rgb in side), side
    reached = {active.get_attribute("id")}
    for _ in range(len(opened.find_elements(By.CSS_SELECTOR, ".av-boxes [tabindex='0']")) - 1):
        opened.switch_to.active_element.send_keys(Keys.TAB)
        reached.add(opened.switch_to.active_element.get_attribute("id"))
    assert {c.id for c in MAP.claims} <= reached
    opened.switch_to.active_element.send_keys("0")
    opened.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert ids(opened, ".av-boxes .av-lit") == set()


def test_a_link_to_a_claim_opens_with_it_selected(
    browser: Any, page: Path, quiet: list[str]
) -> None:
    url = chromium.url(page) + "#stability"
    quiet.append(url)
    browser.get(url)
    chromium.ready(browser)
    assert ids(browser, ".av-boxes .av-selected") == {"stability"}


def test_two_painted_maps_in_one_page_keep_apart(
    browser: Any, quiet: list[str], tmp_path: Path
) -> None:
    result = argmap.parse_file(OPED)
    parts = [page_module.fragment(result, prefix=f"argmap-{n}-", drawing="canvas") for n in (1, 2)]
    path = tmp_path / "two.html"
    path.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body>{''.join(parts)}</body></html>",
        encoding="utf-8",
    )
    quiet.append(chromium.url(path))
    browser.get(chromium.url(path))
    chromium.ready(browser)
    repeated = browser.execute_script(
        "const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);"
        "return ids.filter((id, i) => ids.indexOf(id) !== i);"
    )
    assert repeated == []
    first, second = browser.find_elements(By.CSS_SELECTOR, ".argmap-view")
    second.find_element(By.CSS_SELECTOR, '.av-outline a[data-node="stability"]').click()
    assert ids(second, ".av-boxes .av-selected") == {"argmap-2-stability"}
    assert ids(first, ".av-boxes .av-selected") == set()


def test_a_large_map_s_long_outline_follows_the_drawing(
    browser: Any, quiet: list[str], tmp_path: Path
) -> None:
    # A generated map of 300 claims (drawing="auto" paints it; its outline's entries are laid
    # out only when in sight, so scrolling to one must wait for those above it to take their
    # sizes): each box focused from the keyboard has its entry shown in the outline.
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    result = argmap.parse(generate(300, seed=3))
    document = page_module.to_html(result)
    assert "<svg" not in document and 'class="av-outline av-long"' in document
    path = tmp_path / "large.html"
    path.write_text(document, encoding="utf-8")
    quiet.append(chromium.url(path))
    browser.get(chromium.url(path))
    chromium.ready(browser)
    claims = [c.id for c in result.map.claims]
    for claim in claims[::-37]:
        stand_in = browser.find_element(By.ID, claim)
        browser.execute_script("arguments[0].focus()", stand_in)
        for _ in range(4):
            settle(browser)
        assert ids(browser, ".av-boxes .av-selected") == {claim}
        outline = browser.find_element(By.CSS_SELECTOR, ".av-outline").rect
        entry = browser.find_element(By.CSS_SELECTOR, "a.av-current:not(.av-repeat)").rect
        top, bottom = outline["y"], outline["y"] + outline["height"]
        assert top <= entry["y"] < bottom, (claim, outline, entry)
        assert entry["y"] + entry["height"] <= bottom or entry["height"] > outline["height"]
