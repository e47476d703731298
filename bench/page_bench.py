"""How fast the interactive page (``argmap export -f html``) opens and answers a click, in
headless Chromium (Debian's chromium and chromium-driver, through selenium: tests/browser/).

Run: ``python bench/page_bench.py [SIZES...] [--repeat N] [--clicks N] [--before CHECKOUT]``.
Each size is a number of claims (the map from ``bench/generate.py``) or ``oped`` (the op-ed
map, 17 claims). For each it writes the pages to compare, then opens them in turn, ``--repeat``
times each, alternating (each page first in turn), in one browser, and reports the best and the
median of:

* ``opened``: from the start of navigation to the first frame drawn once the page has loaded
  (its script has run: the map is drawn and answers input);
* ``stand-ins``: from the start of navigation to when a painted drawing's boxes have their
  focusable stand-ins (the page makes them when the browser is first idle after that frame;
  the keyboard's and screen readers' way to the boxes); for an SVG page, as ``opened``;
* ``click``: a real click (the DevTools protocol's mouse events, through the browser's input
  path) on a claim's box, from the event to the first frame drawn after it (the page's
  handler, then style, layout and paint of the highlight), over ``--clicks`` claims spread
  over the map, and the slowest of them. Before each, untimed, the claim is brought into view
  at reading size (its outline entry followed, then Escape: nothing selected), as a reader
  would zoom to it: a fitted 1,000-claim map's boxes are a pixel or two wide. Each click is
  checked to have selected its claim.

The pages compared: ``svg`` and ``canvas`` (the two ``drawing`` choices of
:func:`argmap.render.page.to_html`) and, with ``--before``, the page a checkout of another
version of argmap writes (made by that checkout's code, in a child process). Nothing is
asserted: the numbers go in docs/page.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

import argmap  # noqa: E402
from tests.browser import chromium  # noqa: E402

OPED = ROOT / "maps" / "us-china-north-korea.arg"

_OPENED = """
const done = arguments[arguments.length - 1];
const after = () => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
if (document.readyState === "complete") after();
else addEventListener("load", after);
"""
# Where a claim's box is on screen: the SVG's element, or (a painted drawing) its shapes'
# bounds in the page's data under the canvas's view transform.
_WHERE = """
const id = arguments[0];
const canvas = document.querySelector("canvas.av-canvas");
if (!canvas) {
  const r = document.getElementById(id).getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}
const data = JSON.parse(document.querySelector("script.av-data").textContent).shapes;
const [x0, y0, x1, y1] = data.items.find((item) => item[0] === id)[2];
const [, x, y, k] = /translate\\((\\S+) (\\S+)\\) scale\\((\\S+)\\)/.exec(
  canvas.getAttribute("data-view")).map(Number);
const frame = canvas.getBoundingClientRect();
const [ox, oy] = data.box;
return [frame.left + x + k * ((x0 + x1) / 2 - ox), frame.top + y + k * ((y0 + y1) / 2 - oy)];
"""
_READABLE = """
const [id, done] = [arguments[0], arguments[arguments.length - 1]];
const view = document.querySelector(".argmap-view");
view.querySelector(`.av-outline a[data-node="${id}"]`).click();
view.querySelector(".av-viewport").dispatchEvent(
  new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
"""
_ARM = """
window.__answered = null;
document.addEventListener("click", (event) => {
  const start = event.timeStamp;
  requestAnimationFrame(() => setTimeout(() => {
    window.__answered = [performance.now() - start,
      document.getElementById(arguments[0]).classList.contains("av-selected")];
  }, 0));
}, { capture: true, once: true });
"""
_ANSWERED = """
const done = arguments[arguments.length - 1];
const wait = () => (window.__answered ? done(window.__answered) : setTimeout(wait, 5));
wait();
"""
_STANDINS = """
const done = arguments[arguments.length - 1];
const waiting = () => document.querySelector(".av-painted .av-boxes:empty");
const wait = () => (waiting() ? setTimeout(wait, 1) : done(performance.now()));
wait();
"""


def _click(driver: Any, claim: str) -> float:
    driver.execute_async_script(_READABLE, claim)
    x, y = driver.execute_script(_WHERE, claim)
    driver.execute_script(_ARM, claim)
    for kind in ("mousePressed", "mouseReleased"):
        driver.execute_cdp_cmd(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
        )
    answer, lit = driver.execute_async_script(_ANSWERED)
    assert lit, f"{driver.current_url}: a click on {claim} at {x:.1f}, {y:.1f} did not select it"
    return float(answer)


def _pages(size: str, folder: Path, before: Path | None) -> tuple[str, list[str], dict[str, Path]]:
    text = OPED.read_text(encoding="utf-8") if size == "oped" else generate(int(size))
    source = folder / f"map-{size}.arg"
    source.write_text(text, encoding="utf-8")
    result = argmap.parse(text)
    claims = [c.id for c in result.map.claims]
    pages = {}
    for drawing in ("svg", "canvas"):
        pages[drawing] = folder / f"map-{size}-{drawing}.html"
        pages[drawing].write_text(argmap.to_html(result, drawing=drawing), encoding="utf-8")
    if before is not None:
        pages["before"] = folder / f"map-{size}-before.html"
        # -S: without site's start-up, so that this checkout's own editable install (a finder
        # that comes before PYTHONPATH) does not answer "import argmap".
        path = os.pathsep.join([str(before), sysconfig.get_paths()["purelib"]])
        env = {**os.environ, "PYTHONPATH": path}
        command = [sys.executable, "-S", "-m", "argmap", "export", "-f", "html", str(source)]
        subprocess.run(
            [*command, "-o", str(pages["before"])],
            env=env,
            cwd=before,
            check=True,
            capture_output=True,
        )
    label = "17 (the op-ed)" if size == "oped" else f"{int(size):,}"
    return label, claims, pages


def measure(
    size: str, repeat: int, clicks: int, driver: Any, folder: Path, before: Path | None
) -> list[dict[str, str]]:
    label, claims, pages = _pages(size, folder, before)
    chosen = claims[:: max(1, len(claims) // clicks)][:clicks]
    opened: dict[str, list[float]] = {name: [] for name in pages}
    standing: dict[str, list[float]] = {name: [] for name in pages}
    answers: dict[str, list[float]] = {name: [] for name in pages}
    names = list(pages)
    for turn in range(repeat):
        # Each page first in turn: the page opened after a heavy one (the SVG of 1,000 claims)
        # opens while the browser is still clearing that one away.
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            path = pages[name]
            driver.get("about:blank")
            time.sleep(0.5)  # the last page torn down, not timed with this one
            driver.get(chromium.url(path))
            opened[name].append(driver.execute_async_script(_OPENED))
            standing[name].append(driver.execute_async_script(_STANDINS))
            answers[name].extend(_click(driver, claim) for claim in chosen)
    errors = chromium.console_errors(driver)
    assert not errors, errors
    allowed = {chromium.url(p) for p in pages.values()} | {"about:blank"}
    asked = [u for u in chromium.requests(driver) if u not in allowed]
    assert not asked, asked

    def ms(values: list[float]) -> str:
        return f"{min(values):.0f} / {statistics.median(values):.0f}"

    rows = []
    for name, path in pages.items():
        rows.append(
            {
                "claims": label,
                "page": name,
                "size": f"{path.stat().st_size / 1024:,.0f} KiB",
                "opened (ms)": ms(opened[name]),
                "stand-ins (ms)": ms(standing[name]),
                "click to frame (ms)": ms(answers[name]),
                "slowest click (ms)": f"{max(answers[name]):.0f}",
            }
        )
    if "before" in pages:
        for row, name in zip(rows, pages, strict=True):
            ratio = statistics.median(opened[name]) / statistics.median(opened["before"])
            row["opened / before"] = f"{ratio:.2f}"
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["oped", "100", "1000"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--before", type=Path, help="a checkout of argmap to compare with")
    args = parser.parse_args(argv)
    why = chromium.available()
    if why is not None:
        print(f"no headless Chromium: {why}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    driver = chromium.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows = [
                row
                for size in args.sizes
                for row in measure(
                    size, args.repeat, args.clicks, driver, Path(folder), args.before
                )
            ]
    finally:
        driver.quit()
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * 2 + "---:|" * (len(rows[0]) - 2))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")
    print(
        f"\n(best / median of {args.repeat} opens each, alternating; clicks: {args.clicks} a "
        f"page, every open; {time.perf_counter() - started:.0f} s in all)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
