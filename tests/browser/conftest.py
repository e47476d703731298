"""One headless Chromium per test module (tests/browser/chromium.py); every test then checks that
the page made no network request and logged no console error or warning."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = chromium.available()
    if why is not None:
        pytest.skip(f"no headless Chromium: {why}")
    driver = chromium.start()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def quiet(browser: Any) -> Iterator[list[str]]:
    """The page URLs a test may load; after it, any other request or console message fails."""
    chromium.requests(browser)
    chromium.console_errors(browser)
    allowed: list[str] = []
    yield allowed
    asked = [url for url in chromium.requests(browser) if url not in allowed]
    assert asked == [], f"the page made network requests: {asked}"
    assert chromium.console_errors(browser) == []
