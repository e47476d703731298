"""Real drawings by the Graphviz bundled in pygraphviz: SVG structure, PNG, PDF, determinism,
limits, and the system engine."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.render import (
    EngineError,
    LayoutTimeout,
    MapTooLarge,
    backend,
    draw,
    fingerprint,
    render,
    stamp,
    to_dot,
)
from argmap.render.text import wrap
from tests.conftest import OPED, ROOT

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture(scope="module")
def oped() -> ArgumentMap:
    return argmap.parse_file(OPED).map


@pytest.fixture(scope="module")
def oped_svg(oped: ArgumentMap) -> bytes:
    return render(oped, "svg", direction="down")  # boxes wrapped at WRAP


def _groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The SVG groups Graphviz made for nodes / clusters / edges, by their id."""
    return {
        g.get("id", ""): g for g in root.iter(f"{SVG}g") if kind in (g.get("class") or "").split()
    }


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def test_oped_svg_is_valid_xml_with_every_claim(oped: ArgumentMap, oped_svg: bytes) -> None:
    root = ET.fromstring(oped_svg)
    nodes = _groups(root, "node")
    claims = {id: g for id, g in nodes.items() if "claim" in g.get("class", "").split()}
    copies = {id for id, g in claims.items() if "copy" in g.get("class", "").split()}
    assert copies == {"copy:prediction.reason1:too-far"}, "a reused claim's copy"
    claims = {id: g for id, g in claims.items() if id not in copies}
    assert set(claims) == {c.id for c in oped.claims}, "one node per claim, named by its id"
    for claim in oped.claims:
        node = claims[claim.id]
        assert node.findtext(f"{SVG}title") == claim.id
        # The box shows the text wrapped; joined back, it is the claim's text.
        shown = _texts(node)
        body = [t for t in shown if t not in ("CONCLUSION", "UNSTATED PREMISE")]
        if claim.implicit:  # the mapper's, not the author's: no attribution line
            assert not any(t.startswith("\u2014") for t in body)
            body.append("")
        else:
            assert body[-1] == "\u2014 " + ", ".join(oped.attribution(claim))
        assert " ".join(body[:-1]) == claim.text
        assert body[:-1] == wrap(claim.text)
        # The full text is the tooltip, for readers and for scripts.
        anchor = node.find(f".//{SVG}a")
        assert anchor is not None and anchor.get(f"{XLINK}title") == claim.text
    assert claims["closer"].get("class") == "node claim conclusion"
    assert claims["aligned"].get("class") == "node claim implicit"
    assert claims["too-far"].get("class") == "node claim reused"


def test_oped_svg_has_one_frame_per_group(oped: ArgumentMap, oped_svg: bytes) -> None:
    root = ET.fromstring(oped_svg)
    frames = _groups(root, "cluster")
    # Every group has a frame; prediction.reason1's holds a copy of the claim it reuses.
    assert set(frames) == {f"frame:{g.id}" for g in oped.groups}
    for group in oped.groups:
        assert frames[f"frame:{group.id}"].get("class") == f"cluster group {group.kind.value}"
    junctions = {i: g for i, g in _groups(root, "node").items() if "junction" in g.get("class")}
    assert set(junctions) == {g.id for g in oped.groups}
    assert _texts(junctions["credibility"]) == ["but"]
    assert _texts(junctions["blockade-only"]) == ["however"]
    edges = _groups(root, "edge")
    for group in oped.groups:
        assert edges[f"arrow:{group.id}"].findtext(f"{SVG}title") == (f"{group.id}->{group.target}")


def test_oped_svg_carries_its_fingerprint(oped: ArgumentMap, oped_svg: bytes) -> None:
    assert stamp.read(oped_svg, "svg") == fingerprint(oped, "svg", direction="down")
    assert stamp.read(oped_svg, "svg") != fingerprint(oped, "svg", direction="down", legend=True)
    assert stamp.read(oped_svg, "svg") != fingerprint(oped, "svg")  # auto: another choice
    assert b"<!-- argmap-fingerprint: sha256:" in oped_svg.split(b"<svg", 1)[0]


def test_in_process_and_isolated_draw_the_same(oped: ArgumentMap, oped_svg: bytes) -> None:
    assert render(oped, "svg", timeout=None, isolate=False, direction="down") == oped_svg
    # The auto direction's choice is the same in both, and in the system engine's way too.
    auto = render(oped, "svg")
    assert render(oped, "svg", timeout=None, isolate=False) == auto


@pytest.mark.parametrize("format", ["svg", "png"])
def test_worker_draws_what_pygraphviz_draws(oped: ArgumentMap, format: str) -> None:
    # The worker calls Graphviz itself (so that it can skip freeing the layout before it
    # ends): its bytes must be those of pygraphviz's own AGraph.draw, kept or freed.
    import pygraphviz  # type: ignore[import-untyped]

    from argmap.render import _worker

    dot = to_dot(oped, direction="down")
    graph = pygraphviz.AGraph(string=dot)
    if format == "png":
        graph.graph_attr["dpi"] = "144"
    expected = graph.draw(format=format, prog="dot")
    assert _worker.draw(dot.encode(), format, "144") == expected
    # The worker process keeps the layout (free=False) and ends without tearing down.
    worker = subprocess.run(
        [sys.executable, _worker.__file__, format, "144", "0"],
        input=dot.encode(),
        capture_output=True,
        check=True,
    )
    assert worker.stdout == expected


def test_png_and_pdf(oped: ArgumentMap) -> None:
    png = render(oped, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert stamp.read(png, "png") == fingerprint(oped, "png")
    pdf = render(oped, "pdf", timeout=None, isolate=False)
    assert pdf.startswith(b"%PDF-")
    assert b"/CreationDate" not in pdf  # cairo's clock time, blanked: same map, same bytes
    assert render(oped, "pdf") == pdf


def test_dot_format_needs_no_layout(oped: ArgumentMap) -> None:
    drawing = draw(oped, "dot", max_nodes=1, engine="system", timeout=0.000001)
    assert drawing.data.decode() == argmap.to_dot(oped)
    assert stamp.read(drawing.data, "dot") == drawing.fingerprint


DETERMINISM = textwrap.dedent(
    """
    import hashlib, sys
    import argmap
    m = argmap.parse_file(sys.argv[1]).map
    dot = argmap.to_dot(m, legend=True).encode()
    svg = argmap.render(m, "svg", legend=True)
    print(hashlib.sha256(dot).hexdigest(), hashlib.sha256(svg).hexdigest())
    """
)


def test_same_bytes_across_runs_and_hash_seeds() -> None:
    seen = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", DETERMINISM, str(OPED)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        seen.add(done.stdout)
    assert len(seen) == 1, seen


def test_too_large_map_is_refused_before_layout(oped: ArgumentMap) -> None:
    with pytest.raises(MapTooLarge, match=r"31 claims and groups, more than the 30.*--max-nodes"):
        render(oped, "svg", max_nodes=30)


@pytest.fixture
def slow_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout that never finishes on its own, in place of the bundled worker."""
    script = tmp_path / "slow_worker.py"
    script.write_text("import time\ntime.sleep(60)\n")
    monkeypatch.setattr(backend, "_WORKER", script)


@pytest.mark.usefixtures("slow_worker")
def test_layout_past_its_time_limit_is_stopped(oped: ArgumentMap) -> None:
    with pytest.raises(
        LayoutTimeout, match=r"within 0.5 s.*in parts with --split.*--timeout.*-f dot"
    ):
        render(oped, "svg", timeout=0.5)


def _fake_dot(tmp_path: Path, body: str) -> Path:
    """A directory holding a `dot` program made of ``body`` (a Python script)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "dot"
    program.write_text(f"#!{sys.executable}\n{body}")
    program.chmod(0o755)
    return folder


def test_system_engine_runs_dot_on_path(
    oped: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake records its arguments and draws with the bundled library, like a real dot.
    body = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(backend.__file__).parent)!r})
        import _worker
        open({str(tmp_path / "args")!r}, "w").write(" ".join(sys.argv[1:]))
        sys.stdout.buffer.write(_worker.draw(sys.stdin.buffer.read(), "svg", ""))
        """
    )
    monkeypatch.setenv("PATH", str(_fake_dot(tmp_path, body)))
    svg = render(oped, "svg", engine="system")
    assert (tmp_path / "args").read_text() == "-Tsvg"
    assert stamp.read(svg, "svg") == fingerprint(oped, "svg")
    ET.fromstring(svg)


def test_system_engine_limits(
    oped: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(EngineError, match="no `dot` program on PATH"):
        render(oped, "svg", engine="system")
    monkeypatch.setenv("PATH", str(_fake_dot(tmp_path, "import time\ntime.sleep(60)\n")))
    with pytest.raises(LayoutTimeout, match=r"dot did not finish the layout within 0\.5 s"):
        render(oped, "svg", engine="system", timeout=0.5)


def test_system_engine_failure_is_reported(
    oped: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "import sys\nsys.stderr.write('Error: <stdin>: syntax error in line 1\\n')\nsys.exit(1)\n"
    )
    monkeypatch.setenv("PATH", str(_fake_dot(tmp_path, body)))
    with pytest.raises(EngineError, match="dot failed: Error: <stdin>: syntax error in line 1"):
        render(oped, "svg", engine="system")


@pytest.mark.skipif(
    not any(Path(p, "dot").exists() for p in os.environ.get("PATH", "").split(os.pathsep)),
    reason="no system Graphviz",
)
def test_real_system_dot(oped: ArgumentMap) -> None:
    root = ET.fromstring(render(oped, "svg", engine="system"))
    claims = [g for g in _groups(root, "node").values() if "claim" in g.get("class", "")]
    assert len(claims) == len(oped.claims)


def test_a_prepared_worker_draws_the_next_layout(oped: ArgumentMap) -> None:
    expected = render(oped, "svg")
    backend.prepare("svg", timeout=30)
    (key,) = backend._SPARES
    spare = backend._SPARES[key]
    assert render(oped, "svg", timeout=30) == expected
    assert backend._SPARES == {}  # taken by the layout...
    assert spare.returncode == 0  # ...which it drew, and ended


def test_a_worker_prepared_for_other_settings_is_left_alone(oped: ArgumentMap) -> None:
    backend.prepare("png", timeout=30)
    try:
        svg = render(oped, "svg", timeout=30)
        assert stamp.read(svg, "svg") == fingerprint(oped, "svg")
        assert len(backend._SPARES) == 1
        backend.prepare("png", timeout=30)  # one per setting: no second one
        assert len(backend._SPARES) == 1
    finally:
        spare = next(iter(backend._SPARES.values()))
        backend._end_spares()
    assert backend._SPARES == {} and spare.returncode is not None


@pytest.mark.usefixtures("slow_worker")
def test_a_prepared_worker_is_stopped_at_the_time_limit(oped: ArgumentMap) -> None:
    backend.prepare("svg", timeout=0.5)
    (spare,) = backend._SPARES.values()
    with pytest.raises(LayoutTimeout, match=r"within 0.5 s"):
        render(oped, "svg", timeout=0.5)
    assert spare.returncode is not None  # killed, not left running
