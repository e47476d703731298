"""How fast the interactive page (``argmap export -f html``) opens and answers a click, in
headless Chromium (Debian's chromium and chromium-driver, through selenium: tests/browser/).

Run: ``python bench/page_bench.py [SIZES...] [--repeat N] [--clicks N]``. For each size (claims;
the map from ``bench/generate.py``) it writes the page, then opens it N times from disk in a
fresh tab and reports the best and the median of:

* ``load``: from the start of navigation to the end of the ``load`` event (the HTML, the SVG
  and the page's script, which runs before ``load``);
* ``first frame``: to the first frame drawn after that (two animation frames later): the page
  is on screen and answers input;
* ``click``: a click on a claim, from the event to the next frame drawn (the handler, then the
  browser's style, layout and paint of the highlight), over ``--clicks`` claims spread over the
  map, and the slowest of them.

Nothing is asserted: the numbers go in docs/page.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

import argmap  # noqa: E402
from tests.browser import chromium  # noqa: E402

_OPENED = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  done([nav.loadEventEnd, performance.now()]);
}));
"""
_CLICK = """
const [id, done] = [arguments[0], arguments[arguments.length - 1]];
const box = document.querySelector(`g.node[id="${id}"]`);
const start = performance.now();
box.dispatchEvent(new MouseEvent("click", {bubbles: true}));
const handled = performance.now();
requestAnimationFrame(() => setTimeout(() => done([handled - start, performance.now() - start,
  box.classList.contains("av-selected")]), 0));
"""


def measure(size: int, repeat: int, clicks: int, driver: object, folder: Path) -> dict[str, str]:
    text = generate(size)
    result = argmap.parse(text)
    started = time.perf_counter()
    document = argmap.to_html(result)
    export = time.perf_counter() - started
    path = folder / f"map-{size}.html"
    path.write_text(document, encoding="utf-8")
    loads, frames, handlers, answers = [], [], [], []
    claims = [c.id for c in result.map.claims]
    chosen = claims[:: max(1, len(claims) // clicks)][:clicks]
    for _ in range(repeat):
        driver.get("about:blank")  # type: ignore[attr-defined]
        driver.get(chromium.url(path))  # type: ignore[attr-defined]
        load, frame = driver.execute_async_script(_OPENED)  # type: ignore[attr-defined]
        loads.append(load)
        frames.append(frame)
        for claim in chosen:
            handler, answer, lit = driver.execute_async_script(_CLICK, claim)  # type: ignore[attr-defined]
            assert lit, claim
            handlers.append(handler)
            answers.append(answer)
    errors = chromium.console_errors(driver)
    assert not errors, errors
    asked = [u for u in chromium.requests(driver) if u not in (chromium.url(path), "about:blank")]
    assert not asked, asked

    def ms(values: list[float]) -> str:
        return f"{min(values):.0f} / {statistics.median(values):.0f}"

    return {
        "claims": f"{size:,}",
        "page": f"{len(document.encode()) / 1024:,.0f} KiB",
        "export": f"{export:.2f} s",
        "load (ms)": ms(loads),
        "first frame (ms)": ms(frames),
        "click handler (ms)": ms(handlers),
        "click to frame (ms)": ms(answers),
        "slowest click (ms)": f"{max(answers):.0f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[17, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=20)
    args = parser.parse_args(argv)
    why = chromium.available()
    if why is not None:
        print(f"no headless Chromium: {why}", file=sys.stderr)
        return 2
    driver = chromium.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows = [measure(n, args.repeat, args.clicks, driver, Path(folder)) for n in args.sizes]
    finally:
        driver.quit()
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---:|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")
    print("\n(best / median of the runs; click: over every run's clicks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
