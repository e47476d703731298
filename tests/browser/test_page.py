"""The op-ed page (``argmap export -f html``) driven in headless Chromium: selection and what it
highlights, the explanation shown, pan and zoom, the evaluation switch, search, the outline and
the keyboard. Each test also asserts that the page fetched nothing and logged no error."""

from __future__ import annotations

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
from tests.browser import chromium
from tests.conftest import OPED, run_argmap

MAP = argmap.parse(OPED.read_text(encoding="utf-8")).map


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "oped.html"
    done = run_argmap("export", "-f", "html", str(OPED), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def opened(browser: Any, page: Path, quiet: list[str]) -> Any:
    quiet.append(chromium.url(page))
    browser.get(chromium.url(page))
    return browser


def ids(driver: Any, css: str) -> set[str]:
    return {e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, css)}


def box(driver: Any, node_id: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'.av-viewport g.node[id="{node_id}"]')


def transform(driver: Any) -> tuple[float, float, float]:
    value = driver.find_element(By.CSS_SELECTOR, "g.av-camera").get_attribute("transform")
    x, y, k = re.fullmatch(r"translate\((\S+) (\S+)\) scale\((\S+)\)", value).groups()
    return float(x), float(y), float(k)


def details(driver: Any) -> str:
    return driver.find_element(By.CSS_SELECTOR, ".av-details").text


def group_members(group_ids: list[str]) -> set[str]:
    """The pills of these groups and their premises' boxes: what selecting their target lights."""
    found = set(group_ids)
    for group in group_ids:
        found.update(claim.id for claim in MAP.premises(group))
    return found


def test_the_page_opens_offline_and_shows_the_map(opened: Any) -> None:
    assert opened.title == MAP.title
    assert opened.find_element(By.CSS_SELECTOR, "h1.av-title").text == MAP.title
    assert opened.find_element(By.CSS_SELECTOR, ".av-toolbar").is_displayed()
    assert len(opened.find_elements(By.CSS_SELECTOR, "g.node.claim:not(.copy)[tabindex='0']")) == (
        len(MAP.claims)
    )
    assert opened.find_elements(By.CSS_SELECTOR, ".av-diagnostics") == []


def test_clicking_a_reused_claims_copy_selects_the_claim(opened: Any) -> None:
    # A claim reused in another group is drawn again in that group's frame (copy:GROUP:CLAIM);
    # the copy is a way to the claim, not a claim of its own.
    copy = opened.find_element(
        By.CSS_SELECTOR, 'g.node.claim.copy[id="copy:prediction.reason1:too-far"]'
    )
    assert copy.get_attribute("tabindex") == "0"
    copy.click()
    assert ids(opened, "g.node.av-selected") == {"too-far"}
    assert MAP.claim("too-far").text in details(opened)
    opened.find_element(By.CSS_SELECTOR, ".av-viewport").send_keys(Keys.ESCAPE)


def test_clicking_a_claim_lights_what_supports_and_opposes_it(opened: Any) -> None:
    box(opened, "closer").click()
    supports = group_members([g.id for g in MAP.reasons_for("closer")])
    opposes = group_members([g.id for g in MAP.objections_to("closer")])
    assert supports == {
        "squeeze", "sanctions", "aligned", "provocations", "provocation", "stakes",
        "pressure", "trade-threat",
    }  # fmt: skip
    assert ids(opened, "g.node.av-support") == supports
    assert ids(opened, "g.node.av-oppose") == opposes == {
        "no-squeeze", "stability", "talks-first", "talks",
    }  # fmt: skip
    assert ids(opened, "g.node.av-selected") == {"closer"}
    # The arrows into it are lit with their groups, and the rest of the drawing is dimmed.
    assert "arrow:squeeze" in ids(opened, "g.edge.av-support")
    assert "arrow:no-squeeze" in ids(opened, "g.edge.av-oppose")
    text = details(opened)
    assert "CONCLUSION" in text
    assert MAP.claim("closer").text in text
    assert "hammond: Andrew Hammond, LSE IDEAS - op-ed, Arab News, October 2017" in text
    assert "Supported by" in text and "Opposed by" in text
    current = opened.find_element(By.CSS_SELECTOR, ".av-outline a.av-current")
    assert current.get_attribute("data-node") == "closer"
    assert current.get_attribute("aria-current") == "true"
    # Clicking the background clears the selection.
    viewport = opened.find_element(By.CSS_SELECTOR, ".av-viewport")
    ActionChains(opened).move_to_element_with_offset(viewport, 0, -250).click().perform()
    assert ids(opened, ".av-lit") == set()


def test_the_evaluation_switch_shows_whether_a_claim_stands_and_why(opened: Any) -> None:
    evaluation = evaluate(MAP)
    box(opened, "pressure").click()
    assert "OUT" not in details(opened)
    assert opened.find_elements(By.CSS_SELECTOR, ".av-evaluated") == []
    opened.find_element(By.CSS_SELECTOR, ".av-evaluate").click()
    verdict = opened.find_element(By.CSS_SELECTOR, ".av-details .av-verdict")
    assert verdict.text == evaluation.explain("pressure").replace("`", "")
    assert verdict.text.startswith("OUT because objection credibility to its inference stands")
    assert "av-out" in box(opened, "pressure").get_attribute("class")
    badges = opened.find_elements(By.CSS_SELECTOR, "g.node.claim .av-badge")
    assert len(badges) == len(MAP.claims)
    assert all(b.is_displayed() for b in badges)
    words = sorted(b.text for b in badges)
    assert words == sorted(evaluation.labels[c.id].value.upper() for c in MAP.claims)
    groups = {g.id for g in MAP.groups}
    out = {i for i, label in evaluation.labels.items() if label.value == "out" and i in groups}
    assert out == {"pressure", "no-squeeze", "talks-first"}
    assert ids(opened, "g.node.junction.av-out") == out
    opened.find_element(By.CSS_SELECTOR, ".av-evaluate").click()  # off again
    assert not any(b.is_displayed() for b in badges)
    assert "OUT" not in details(opened)


def test_zoom_and_pan_change_the_transform(opened: Any) -> None:
    viewport = opened.find_element(By.CSS_SELECTOR, ".av-viewport")
    fitted = transform(opened)
    ActionChains(opened).scroll_from_origin(ScrollOrigin.from_element(viewport), 0, -300).perform()
    wheeled = transform(opened)
    assert wheeled[2] > fitted[2] * 1.5
    opened.find_element(By.CSS_SELECTOR, ".av-zoom-out").click()
    assert transform(opened)[2] == pytest.approx(wheeled[2] * 0.8, abs=2e-3)
    before = transform(opened)
    ActionChains(opened).move_to_element(viewport).click_and_hold().move_by_offset(
        120, 40
    ).release().perform()
    after = transform(opened)
    assert after[0] - before[0] == pytest.approx(120, abs=6)
    assert after[1] - before[1] == pytest.approx(40, abs=6)
    assert after[2] == before[2]
    assert ids(opened, ".av-lit") == set()  # a drag is not a click
    opened.find_element(By.CSS_SELECTOR, ".av-fit").click()
    assert transform(opened) == fitted


def test_search_lights_the_matching_claims(opened: Any) -> None:
    field = opened.find_element(By.CSS_SELECTOR, ".av-search")
    field.send_keys("nuclear")
    expected = {c.id for c in MAP.claims if "nuclear" in c.text.lower()}
    assert len(expected) == 4
    assert ids(opened, "g.node.av-match") == expected
    lines = opened.find_elements(By.CSS_SELECTOR, ".av-outline a.av-match")
    assert {a.get_attribute("data-node") for a in lines} == expected
    assert opened.find_element(By.CSS_SELECTOR, ".av-count").text == "4 matches"
    field.send_keys(" weapons")  # every word must occur
    both = {c.id for c in MAP.claims if all(w in c.text.lower() for w in ("nuclear", "weapons"))}
    assert ids(opened, "g.node.av-match") == both == {"too-far", "prediction"}
    field.send_keys(Keys.ENTER)
    assert ids(opened, "g.node.av-selected") == {"too-far"}  # the first in written order
    field.send_keys(Keys.ENTER)
    assert ids(opened, "g.node.av-selected") == {"prediction"}
    field.send_keys(Keys.ESCAPE)
    assert ids(opened, "g.node.av-match") == set()
    assert opened.find_element(By.CSS_SELECTOR, ".av-count").text == ""


def test_an_outline_link_selects_and_shows_its_box(opened: Any) -> None:
    opened.find_element(By.CSS_SELECTOR, ".av-zoom-out").click()
    link = opened.find_element(By.CSS_SELECTOR, '.av-outline a[data-node="blockade"]')
    assert link.get_attribute("href").endswith("#blockade")
    link.click()
    assert ids(opened, "g.node.av-selected") == {"blockade"}
    assert MAP.claim("blockade").text in details(opened)
    assert opened.execute_script("return location.hash") == "#blockade"
    frame = opened.find_element(By.CSS_SELECTOR, ".av-viewport").rect
    shown = box(opened, "blockade").rect
    assert frame["x"] <= shown["x"] and shown["x"] + shown["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= shown["y"] and shown["y"] + shown["height"] <= frame["y"] + frame["height"]
    assert shown["height"] >= 28  # zoomed in far enough to read
    # A link in the details panel selects the group it names.
    reason = MAP.reasons_for("blockade")[0].id
    opened.find_element(By.CSS_SELECTOR, f'.av-details button[data-node="{reason}"]').click()
    assert ids(opened, "g.node.av-selected") == {reason}


def test_the_keyboard_alone_reads_and_moves_the_map(opened: Any) -> None:
    first = opened.find_element(By.CSS_SELECTOR, ".av-outline a.av-item")
    opened.execute_script("arguments[0].focus()", first)
    assert ids(opened, "g.node.av-selected") == {"closer"}
    first.send_keys(Keys.ARROW_DOWN)
    focused = opened.switch_to.active_element
    assert focused.get_attribute("data-node") == "squeeze"
    assert ids(opened, "g.node.av-selected") == {"squeeze"}
    focused.send_keys(Keys.END)
    last = opened.find_elements(By.CSS_SELECTOR, ".av-outline a.av-item")[-1]
    assert opened.switch_to.active_element == last
    assert ids(opened, "g.node.av-selected") == {last.get_attribute("data-node")}
    # Into the drawing: the viewport, then Tab to a claim, which selects it.
    viewport = opened.find_element(By.CSS_SELECTOR, ".av-viewport")
    opened.execute_script("arguments[0].focus()", viewport)
    viewport.send_keys("0")
    before = transform(opened)
    viewport.send_keys("+")
    assert transform(opened)[2] == pytest.approx(before[2] * 1.25, abs=2e-3)
    zoomed = transform(opened)
    viewport.send_keys(Keys.ARROW_LEFT)
    moved = transform(opened)
    assert moved[0] == pytest.approx(zoomed[0] + 80)
    viewport.send_keys(Keys.ARROW_UP)
    assert transform(opened)[1] > moved[1]
    viewport.send_keys("0")
    assert transform(opened) == before
    viewport.send_keys(Keys.TAB)
    active = opened.switch_to.active_element
    assert active.get_attribute("role") == "button"
    selected = ids(opened, "g.node.av-selected")
    assert selected == {active.get_attribute("id")}
    assert active.get_attribute("aria-label")
    active.send_keys(Keys.ESCAPE)
    assert ids(opened, ".av-lit") == set()


def test_a_link_to_a_claim_opens_with_it_selected(
    browser: Any, page: Path, quiet: list[str]
) -> None:
    url = chromium.url(page) + "#stability"
    quiet.append(url)
    browser.get(url)
    assert ids(browser, "g.node.av-selected") == {"stability"}


def test_text_too_small_to_read_is_left_out_until_zoomed_in(opened: Any) -> None:
    viewport = opened.find_element(By.CSS_SELECTOR, ".av-viewport")
    root = opened.find_element(By.CSS_SELECTOR, ".argmap-view")
    text = opened.find_element(By.CSS_SELECTOR, 'g.node[id="closer"] text')
    assert "av-sketch" not in root.get_attribute("class") and text.is_displayed()
    opened.execute_script("arguments[0].focus()", viewport)
    while transform(opened)[2] >= 0.15:
        viewport.send_keys("-")
    assert "av-sketch" in root.get_attribute("class") and not text.is_displayed()
    viewport.send_keys("+")  # just above the lower threshold: still left out
    assert "av-sketch" in root.get_attribute("class")
    viewport.send_keys("0")
    assert "av-sketch" not in root.get_attribute("class") and text.is_displayed()
