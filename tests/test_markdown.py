"""```argmap fences in Markdown: a real MkDocs build of a small course site, and the extension."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown

import argmap
from tests.conftest import OPED

SVG = "{http://www.w3.org/2000/svg}"
BROKEN = "conclusion c Tea is good.\n  reason:\n    - <b>bold</b> & it is warm.\n"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "course"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(
        "site_name: Critical thinking\nmarkdown_extensions:\n  - argmap.markdown\n",
        encoding="utf-8",
    )
    oped = OPED.read_text(encoding="utf-8")
    (site / "docs" / "index.md").write_text(
        f"# The op-ed\n\nRead the map below.\n\n```argmap\n{oped}```\n\nAnd a code block:\n\n"
        "```python\nprint('not a map')\n```\n\nThe same map again:\n\n"
        f"```argmap\n{oped}```\n",
        encoding="utf-8",
    )
    (site / "docs" / "broken.md").write_text(
        f"# A student's map\n\n```argmap\n{BROKEN}```\n", encoding="utf-8"
    )
    return site


def _mkdocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_mkdocs_build_renders_the_op_ed_map(tmp_path: Path) -> None:
    site = _site(tmp_path)
    done = _mkdocs(site)  # not --strict: the broken page fails a strict build (below)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    start = page.index("<svg")
    svg = page[start : page.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)  # inline SVG that is well-formed XML on its own
    shown = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for claim in argmap.parse_file(OPED).map.claims:  # wrapped over lines, but every word there
        assert "".join(claim.text.split()) in "".join(shown.split())
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    # It scales to the column: no fixed size in points, the viewBox kept.
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox") and root.get("style", "").startswith("max-width: ")
    # Two maps on one page: ids of their own, the page's ids all unique.
    ids = [html.unescape(found) for found in re.findall(r' id="([^"]+)"', page)]
    assert len(ids) == len(set(ids))
    assert "argmap-1-argmap" in ids and "argmap-2-argmap" in ids
    assert "argmap-1-closer" in ids and "argmap-2-closer" in ids
    assert '<code class="language-python">' in page  # other fences are left to Markdown

    broken = (site / "site" / "broken" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="argmap-diagnostics">' in broken
    assert "E002" in broken
    assert "<svg" not in broken


def test_a_strict_mkdocs_build_fails_on_a_broken_map(tmp_path: Path) -> None:
    site = _site(tmp_path)
    done = _mkdocs(site, "--strict")
    assert done.returncode != 0, done.stdout + done.stderr
    assert (
        "WARNING -  argmap: the argmap fence at line 3 has errors, so it is not drawn: "
        "1:14: E002 expected `:` after `conclusion c`" in done.stderr
    ), done.stderr
    (site / "docs" / "broken.md").unlink()
    fixed = _mkdocs(site, "--strict")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "argmap" not in fixed.stderr


def test_errors_are_shown_escaped() -> None:
    out = markdown.markdown(f"```argmap\n{BROKEN}```\n", extensions=["argmap.markdown"])
    assert out.startswith('<pre class="argmap-diagnostics">This argument map has errors')
    assert "1:14: E002" in out
    assert "<b>" not in out


def test_hostile_text_stays_text_in_the_page() -> None:
    text = 'conclusion c: <script>alert("x")</script> & ]; node \\[ x\n  reason:\n    - fine\n'
    out = markdown.markdown(f"```argmap\n{text}```\n", extensions=["argmap.markdown"])
    assert "<script>" not in out
    ET.fromstring(out[out.index("<svg") : out.index("</svg>") + 6])
    assert "&lt;script&gt;" in out


def test_options_reach_the_renderer() -> None:
    text = OPED.read_text(encoding="utf-8")
    plain = markdown.markdown(f"```argmap\n{text}```\n", extensions=["argmap.markdown"])
    with_legend = markdown.markdown(
        f"```argmap\n{text}```\n",
        extensions=["argmap.markdown"],
        extension_configs={"argmap.markdown": {"legend": True}},
    )
    assert "legend" not in plain.lower()
    assert "legend" in with_legend.lower()
