"""Notebooks and the library surface: a map shows itself as SVG; `import argmap` stays light."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import argmap
import argmap.render
from tests.conftest import OPED, ROOT


def test_map_displays_as_svg_in_a_notebook() -> None:
    m = argmap.parse_file(OPED).map
    svg = m._repr_svg_()
    assert svg is not None and "<?xml" not in svg and "<svg" in svg
    # It scales to the output's width, and each diagram shown has ids of its own.
    assert '<svg width="100%" style="max-width: ' in svg and "viewBox=" in svg
    bundle = m._repr_mimebundle_()
    again = bundle["image/svg+xml"]
    ids = re.findall(r' id="([^"]+)"', svg)
    assert ids and not set(ids) & set(re.findall(r' id="([^"]+)"', again))
    prefix = r"argmap(-|&#45;)\d+(-|&#45;)"  # Graphviz writes "-" as &#45; in ids
    assert re.sub(prefix, "", again) == re.sub(prefix, "", svg)
    assert bundle["text/plain"].startswith(m.title)


def test_notebook_falls_back_to_the_outline(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise argmap.render.EngineError("no Graphviz here")

    monkeypatch.setattr(argmap.render, "render", broken)
    m = argmap.parse_file(OPED).map
    assert m._repr_svg_() is None
    bundle = m._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert "Washington and Beijing are edging closer" in bundle["text/plain"]


def test_library_entry_points() -> None:
    m = argmap.parse("conclusion c: Tea is good.\n").map
    assert argmap.to_dot(m) == argmap.render.to_dot(m)
    assert argmap.render(m, "dot") == argmap.render.render(m, "dot") == argmap.to_dot(m).encode()
    from argmap import render, to_dot

    assert render is argmap.render and to_dot is argmap.render.to_dot
    assert {"render", "to_dot"} <= set(argmap.__all__)


def test_import_argmap_does_not_load_graphviz() -> None:
    code = (
        "import sys, argmap\n"
        "print(sorted(m for m in ('graphviz', 'pygraphviz', 'argmap.render') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
