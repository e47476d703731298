"""How well diagrams read on a page: aspect ratio and body-text height in a 1,000 px column.

Run: ``python bench/readability.py [--direction down|right|auto ...] [--png DIR]``. The maps:

* the op-ed map (``maps/``) and the maps of ``examples/maps/`` (among them a 21-claim philosophy
  essay: a conclusion, two reasons, six objections with rebuttals, an undercut, a reused claim,
  a reason placed with ``for``);
* the Argdown corpus (``shared/corpus/argdown`` in a folder above the checkout, or
  ``--corpus DIR``), each file converted with the real ``argmap convert`` command;
* generated maps of 10, 30 and 60 claims (``bench/generate.py``).

For each map and direction it draws the SVG with the bundled Graphviz and reads its size (in
points, from the ``viewBox``). An SVG shown at its natural size is 4/3 px a point; fitted into a
1,000 px column it is scaled down when wider than that, never up. Body text is 11 pt, so its
height on the page is ``11 * 4/3 * min(1, 1000 / width_px)`` px. The goals (docs/rendering.md):
at most 60 claims, body text at least 9 px and the drawing no wider than 2.5:1.
The last column says what was drawn: the direction and the characters per line in a box (what
``auto`` chose). ``--png DIR`` also writes a PNG of each drawing (72 dpi) to look at.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

import argmap
from argmap.render import draw, render

__all__ = ["fitted_text", "main", "measure"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COLUMN = 1000  # px
BODY = 11  # pt: the claims' font size (argmap.render.dot)
PX = 4 / 3  # CSS px per pt
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def fitted_text(width_pt: float, column: int = COLUMN) -> float:
    """Body-text height in px when an SVG ``width_pt`` wide is fitted into ``column`` px."""
    return BODY * PX * min(1.0, column / (width_pt * PX))


def measure(svg: bytes) -> tuple[float, float]:
    """The drawing's width and height in points, from its viewBox."""
    found = _VIEWBOX.search(svg.decode("utf-8"))
    if found is None:
        raise ValueError("the SVG has no viewBox")
    return float(found[1]), float(found[2])


def maps(corpus: Path, work: Path) -> list[tuple[str, str]]:
    """(name, .arg text) of every map in the set."""
    found = [(path.name, path.read_text()) for path in sorted((ROOT / "maps").glob("*.arg"))]
    found += [(p.name, p.read_text()) for p in sorted((ROOT / "examples" / "maps").glob("*.arg"))]
    for path in sorted(corpus.glob("*.argdown")):
        out = work / (path.stem + ".arg")
        subprocess.run(
            [sys.executable, "-m", "argmap", "convert", str(path), "-o", str(out)],
            check=True,
            capture_output=True,
        )
        found.append((path.name, out.read_text()))
    found += [(f"generated-{n}", generate(n)) for n in (10, 30, 60)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--direction", action="append", choices=["down", "right", "auto"], default=None
    )
    near = [up / "shared/corpus/argdown" for up in ROOT.parents]
    corpus = next((path for path in near if path.is_dir()), near[0])
    parser.add_argument("--corpus", type=Path, default=corpus)
    parser.add_argument("--png", type=Path, help="also write a PNG of each drawing here")
    args = parser.parse_args()
    directions = args.direction or ["down"]
    print(
        f"{'map':<48} {'claims':>6} {'direction':>9} {'width pt':>9} {'height pt':>9} "
        f"{'ratio':>6} {'text px':>7}  drawn"
    )
    with tempfile.TemporaryDirectory() as work:
        for name, text in maps(args.corpus, Path(work)):
            m = argmap.parse(text).map
            for direction in directions:
                drawing = draw(m, "svg", max_nodes=None, direction=direction)
                width, height = measure(drawing.data)
                ratio = width / height
                print(
                    f"{name:<48} {len(m.claims):>6} {direction:>9} {width:>9.0f} {height:>9.0f} "
                    f"{ratio:>6.2f} {fitted_text(width):>7.1f}  {drawing.direction}, "
                    f"wrap {drawing.wrap}"
                )
                if args.png is not None:
                    args.png.mkdir(parents=True, exist_ok=True)
                    png = render(m, "png", max_nodes=None, dpi=72, direction=direction)
                    (args.png / f"{Path(name).stem}.{direction}.png").write_bytes(png)


if __name__ == "__main__":
    main()
