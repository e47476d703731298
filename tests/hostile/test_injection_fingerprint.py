"""A forged fingerprint: the comment alone no longer makes an SVG up to date.

Anyone can compute a map's fingerprint and put it in an SVG of their own: a ``<script>``, an
``onload``, or other words in the boxes. ``argmap render --check`` (and ``render``) now takes an
SVG whose fingerprint matches as up to date only when it is the drawing the map makes, apart
from the numbers of its layout (coordinates and sizes, which other fonts change) and the
Graphviz version comment (:func:`argmap.render.stamp.same_drawing`). A forged file fails the
check and ``render`` replaces it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import render
from argmap.cli import main
from argmap.render import stamp
from tests.conftest import OPED
from tests.hostile.svg_safety import assert_safe

MAP = "title: Tea\nconclusion c: Tea is good.\n  reason:\n    - It is warm.\n"


@pytest.fixture
def drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with ``tea.arg`` and the ``tea.svg`` argmap draws from it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tea.arg").write_text(MAP)
    assert main(["render", "-q", "tea.arg"]) == 0
    return tmp_path / "tea.svg"


def _comment(svg: bytes) -> bytes:
    found = re.search(
        rb"<!-- argmap-fingerprint: sha256:[0-9a-f]{64}(?: layout: [a-z]+ [0-9]+)? -->\n", svg
    )
    assert found
    return found[0]


def _forgeries(svg: bytes) -> dict[str, bytes]:
    geometry = re.search(rb' d="[^"]*"', svg)
    assert geometry
    return {
        "own drawing": _comment(svg)
        + b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
        "script added": svg.replace(b"</svg>", b"<script>alert(1)</script></svg>"),
        "onload added": svg.replace(b"<svg ", b'<svg onload="alert(1)" ', 1),
        "text changed": svg.replace(b"Tea is good.", b"Tea is bad!!"),
        "link added": svg.replace(b"<title>argmap</title>", b'<a href="https://x.example">'),
        "markup in a geometry value": svg.replace(
            geometry[0], b' d="M0,0"/><script>alert(1)</script><path d="M0,0"', 1
        ),
        "before the svg": svg.replace(b"<svg ", b"<?xml-stylesheet href='x.css'?>\n<svg ", 1),
        "drawing scaled away": re.sub(rb"scale\([^()]*\)", b"scale(0)", svg, count=1),
        "a size made a word": re.sub(rb' width="[^"]*"', b' width="none"', svg, count=1),
    }


@pytest.mark.parametrize(
    "forgery",
    [
        "own drawing",
        "script added",
        "onload added",
        "text changed",
        "link added",
        "markup in a geometry value",
        "before the svg",
        "drawing scaled away",
        "a size made a word",
    ],
)
def test_a_forged_svg_fails_the_check_and_is_redrawn(
    drawn: Path, forgery: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = drawn.read_bytes()
    forged = _forgeries(good)[forgery]
    drawn.write_bytes(forged)
    m = argmap.parse(MAP).map
    assert stamp.read(forged, "svg") == render.fingerprint(m, "svg")  # the comment is right
    capsys.readouterr()
    assert main(["render", "--check", "tea.arg"]) == 1
    err = capsys.readouterr().err
    assert "would redraw tea.svg: its fingerprint is that of tea.arg, but the drawing" in err
    assert drawn.read_bytes() == forged  # --check writes nothing
    assert main(["render", "-q", "tea.arg"]) == 0
    assert drawn.read_bytes() == good
    assert_safe(good)


def _other_fonts(svg: bytes) -> bytes:
    """The same drawing as a machine with other fonts and another Graphviz would make it:
    every number of the layout changed (the top group's scale and rotation are not the
    layout's), and the version comment."""
    svg = re.sub(rb"graphviz version [^<>]*? -->", b"graphviz version 99.0 (0)\n -->", svg)
    svg = re.sub(rb"(translate\()([^()]*)", lambda m: m[1] + re.sub(rb"\d", b"7", m[2]), svg)
    return re.sub(
        rb'( (?:x|y|width|height|viewBox|points|d)=")([^"]*)"',
        lambda m: m[1] + re.sub(rb"\d", b"7", m[2]) + b'"',
        svg,
    )


def test_a_drawing_from_other_fonts_is_up_to_date(drawn: Path) -> None:
    other = _other_fonts(drawn.read_bytes())
    assert other != drawn.read_bytes()
    drawn.write_bytes(other)
    assert main(["render", "--check", "tea.arg"]) == 0
    assert main(["render", "-q", "tea.arg"]) == 0
    assert drawn.read_bytes() == other  # left alone: it is current


def test_the_real_cli_fails_a_forged_svg(drawn: Path) -> None:
    good = drawn.read_bytes()
    drawn.write_bytes(_forgeries(good)["own drawing"])
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", "--check", "tea.arg"],
        capture_output=True,
        text=True,
        cwd=drawn.parent,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "the drawing is not what the map draws" in done.stderr
    assert "argmap render tea.arg" in done.stderr


def test_a_dot_file_is_its_own_fingerprint(drawn: Path) -> None:
    assert main(["render", "-q", "-f", "dot", "tea.arg"]) == 0
    dot = drawn.with_suffix(".dot")
    dot.write_text(dot.read_text().replace("Tea is good.", "Tea is bad."))
    assert main(["render", "--check", "-f", "dot", "tea.arg"]) == 1


def test_a_png_is_checked_by_its_fingerprint_only(drawn: Path) -> None:
    """What SECURITY.md says: a PNG cannot run code, and its pixels differ with the fonts, so
    ``--check`` reads only its fingerprint; commit SVG where CI should verify the drawing."""
    assert main(["render", "-q", "-f", "png", "tea.arg"]) == 0
    png = drawn.with_suffix(".png")
    data = png.read_bytes()
    at = data.index(b"IDAT")
    png.write_bytes(data[:at] + b"IDAT" + bytes(len(data) - at - 4))  # other pixels
    assert main(["render", "--check", "-f", "png", "tea.arg"]) == 0


def test_a_drawing_made_with_real_other_fonts_is_up_to_date(drawn: Path, tmp_path: Path) -> None:
    """The same map drawn by the real Graphviz with every font replaced by a monospace one
    (a fontconfig file of our own): other bytes, the same drawing."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf'
        f"</include>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n"
        '  <match target="pattern"><edit name="family" mode="assign" binding="strong">'
        "<string>monospace</string></edit></match>\n</fontconfig>\n"
    )
    (tmp_path / "oped.arg").write_bytes(OPED.read_bytes())

    def drawing(**env: str) -> bytes:
        return subprocess.run(
            [sys.executable, "-m", "argmap", "render", "-q", "oped.arg", "-o", "-"],
            capture_output=True,
            cwd=tmp_path,
            timeout=300,
            check=True,
            env={**os.environ, **env},
        ).stdout

    ours = drawing()
    theirs = drawing(FONTCONFIG_FILE=str(config))
    if ours == theirs:
        pytest.skip("this machine has no second font family to draw with")
    assert stamp.same_drawing(theirs, ours)
    (tmp_path / "oped.svg").write_bytes(theirs)
    assert main(["render", "--check", "oped.arg"]) == 0
