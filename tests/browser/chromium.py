"""Headless Chromium for the page tests and the page benchmark: Debian's ``chromium`` and
``chromium-driver``, driven by selenium, with nothing that downloads a browser or a driver.

:func:`start` gives a driver whose log records every network request (the DevTools ``Network``
events of the performance log) and the console; :func:`requests` and :func:`console_errors` read
them. Pages are opened from ``file://`` as a reader opens a downloaded page.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "BINARY", "DRIVER", "available", "console_errors", "ready", "requests", "start", "url",
]  # fmt: skip

BINARY = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("ARGMAP_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,860",
)


def available() -> str | None:
    """Why the browser tests cannot run here (``None``: they can)."""
    for path in (BINARY, DRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} is not installed (Debian: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def start(width: int = 1280, height: int = 860, *, script: bool = True) -> Any:
    """A headless Chromium with a fresh profile, logging the network and the console
    (``script=False``: with JavaScript switched off, as a reader may have it)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BINARY
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not script:
        javascript = {"profile.managed_default_content_settings.javascript": 2}
        options.add_experimental_option("prefs", javascript)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.get("about:blank")
    driver.get_log("performance")  # the new-tab page's own requests, before any test
    driver.get_log("browser")
    original_quit = driver.quit

    def quit() -> None:
        try:
            original_quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    driver.quit = quit
    return driver


def requests(driver: Any) -> list[str]:
    """The URLs the browser asked for since the last call (the page itself included)."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            found.append(message["params"]["request"]["url"])
    return found


def console_errors(driver: Any) -> list[str]:
    """The console's errors and warnings since the last call (CSP violations among them)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] in ("SEVERE", "WARNING")
    ]


_READY = """
const done = arguments[arguments.length - 1];
const waiting = () => document.querySelector(".av-painted .av-boxes:empty");
const wait = () => (waiting() ? setTimeout(wait, 5) : done());
wait();
"""


def ready(driver: Any) -> None:
    """Waits until every painted drawing on the page has its boxes' stand-ins (the page makes
    them once its first frame is drawn)."""
    driver.execute_async_script(_READY)


def url(path: Path) -> str:
    """The ``file://`` URL of a page on disk."""
    return path.resolve().as_uri()
