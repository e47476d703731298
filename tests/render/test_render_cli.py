"""``argmap render``: the real CLI in a subprocess for the main paths, in-process for the rest."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.render import fingerprint, stamp
from tests.conftest import OPED, ROOT

TEA = "conclusion tea: Tea is good.\n  reason:\n    - It is warm.\n"
BROKEN = "conclusion tea: Tea is good.\n  reason for nothing:\n    - x\n"


def cli(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m argmap render ...`` as a user runs it; ``path`` replaces PATH."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "argmap", "render", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    """A folder of maps: the op-ed, one below a subfolder, and one with an error."""
    shutil.copy(OPED, tmp_path / "oped.arg")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "tea.arg").write_text(TEA)
    return tmp_path


def test_renders_with_no_system_graphviz(maps: Path) -> None:
    """The Done-when command: the bundled Graphviz draws, with no `dot` anywhere on PATH."""
    empty = maps / "empty-path"
    empty.mkdir()
    done = cli("oped.arg", "-o", str(maps / "x.svg"), cwd=maps, path=str(empty))
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"drew {maps / 'x.svg'}\n"
    root = ET.parse(maps / "x.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert [p.name for p in maps.iterdir() if p.name.endswith(".tmp")] == []


def test_directory_in_parallel_then_up_to_date_then_check(maps: Path) -> None:
    first = cli(".", "-j", "2", cwd=maps)
    assert first.returncode == 0, first.stderr
    assert "\r" not in first.stderr, "no progress line when stderr is not a terminal"
    assert sorted(first.stderr.splitlines()) == sorted(
        ["drew oped.svg", "drew sub/tea.svg", "argmap render: 2 drawn."]
    )
    drawn = {p: p.stat().st_mtime_ns for p in (maps / "oped.svg", maps / "sub" / "tea.svg")}
    second = cli(".", cwd=maps)
    assert second.returncode == 0
    assert second.stderr == "argmap render: 2 up to date.\n"
    assert {p: p.stat().st_mtime_ns for p in drawn} == drawn, "up-to-date files are not rewritten"
    assert cli(".", "--check", cwd=maps).returncode == 0
    (maps / "sub" / "tea.arg").write_text(TEA.replace("warm", "hot"))
    stale = cli(".", "--check", cwd=maps)
    assert stale.returncode == 1
    assert "would redraw sub/tea.svg: it was drawn from another version of sub/tea.arg" in (
        stale.stderr
    )
    assert {p: p.stat().st_mtime_ns for p in drawn} == drawn, "--check writes nothing"
    # The stale diagram is argmap's own, its chosen layout recorded beside its fingerprint:
    # redrawn without --force.
    assert b" layout: " in (maps / "sub" / "tea.svg").read_bytes()
    redrawn = cli(".", cwd=maps)
    assert redrawn.returncode == 0, redrawn.stderr
    assert redrawn.stderr == "drew sub/tea.svg\nargmap render: 1 drawn, 1 up to date.\n"
    assert b"It is hot." in (maps / "sub" / "tea.svg").read_bytes()


def test_map_with_errors_is_not_drawn_unless_forced(maps: Path) -> None:
    (maps / "broken.arg").write_text(BROKEN)
    done = cli("broken.arg", cwd=maps)
    assert done.returncode == 1
    assert "broken.arg:2:14: error E008" in done.stderr
    assert "not drawn: the map has errors (--force draws it)" in done.stderr
    assert not (maps / "broken.svg").exists()
    forced = cli("broken.arg", "--force", cwd=maps)
    assert forced.returncode == 0, forced.stderr
    assert "error E008" in forced.stderr and "drew broken.svg" in forced.stderr
    assert (maps / "broken.svg").exists()


# In-process ---------------------------------------------------------------------------------


@pytest.fixture
def here(maps: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(maps)
    return maps


def test_formats_from_flag_or_extension(here: Path) -> None:
    assert main(["render", "oped.arg", "-f", "png"]) == 0
    assert (here / "oped.png").read_bytes().startswith(b"\x89PNG")
    assert main(["render", "oped.arg", "-o", "out/oped.pdf"]) == 0
    assert (here / "out" / "oped.pdf").read_bytes().startswith(b"%PDF-")
    assert main(["render", "oped.arg", "-f", "dot", "-o", "out/"]) == 0
    m = argmap.parse_file(here / "oped.arg").map
    assert (here / "out" / "oped.dot").read_text() == argmap.to_dot(m)


def test_fingerprints_skip_png_and_pdf_is_compared(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for format in ("png", "pdf", "dot"):
        assert main(["render", "sub/tea.arg", "-f", format]) == 0
        assert capsys.readouterr().err == f"drew sub/tea.{format}\n"
        assert main(["render", "sub/tea.arg", "-f", format, "--check"]) == 0
        assert main(["render", "sub/tea.arg", "-f", format]) == 0
        assert capsys.readouterr().err == ""  # up to date: nothing to say, nothing written
    data = (here / "sub" / "tea.png").read_bytes()
    m = argmap.parse_file(here / "sub" / "tea.arg").map
    assert stamp.read(data, "png") == fingerprint(m, "png")
    (here / "sub" / "tea.pdf").write_bytes(b"%PDF-1.5 something else")
    assert main(["render", "sub/tea.arg", "-f", "pdf", "--check"]) == 1
    # a PDF argmap did not draw is not replaced without --force (argmap.cli.outputs)
    assert main(["render", "sub/tea.arg", "-f", "pdf", "--rewrite"]) == 2
    assert main(["render", "sub/tea.arg", "-f", "pdf", "--rewrite", "--force"]) == 0
    assert main(["render", "sub/tea.arg", "-f", "pdf", "--rewrite"]) == 0


def test_output_directory_mirrors_inputs(here: Path) -> None:
    assert main(["render", ".", "-o", "site"]) == 0
    assert (here / "site" / "oped.svg").exists() and (here / "site" / "sub" / "tea.svg").exists()
    assert main(["render", "oped.arg", "sub/tea.arg", "-o", "flat"]) == 0
    assert sorted(p.name for p in (here / "flat").iterdir()) == ["oped.svg", "tea.svg"]


def test_stdin_and_stdout(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEA.encode())))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    assert main(["render", "-", "-f", "dot"]) == 0
    sys.stdout.flush()
    assert out.getvalue().decode() == argmap.to_dot(argmap.parse(TEA).map)


def test_usage_errors(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "other").mkdir()
    (here / "other" / "tea.arg").write_text(TEA)
    assert main(["render", "sub/tea.arg", "other/tea.arg", "-o", "out"]) == 2
    assert "would both write out/tea.svg" in capsys.readouterr().err
    assert main(["render", "oped.arg", "-o", "oped.arg"]) == 2
    assert "would overwrite a map" in capsys.readouterr().err
    assert main(["render", ".", "-o", "-"]) == 2
    assert main(["render", "-", "--check"]) == 2
    assert main(["render", "missing.arg"]) == 2
    assert "missing.arg: no such file or directory" in capsys.readouterr().err
    assert main(["render", "oped.arg", "-j", "0"]) == 2
    assert main(["render", "oped.arg", "--timeout", "soon"]) == 2


def test_limits_give_a_message_and_a_suggestion(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "oped.arg", "--max-nodes", "5"]) == 1
    err = capsys.readouterr().err
    assert "31 claims and groups, more than the 5" in err and "-f dot" in err
    assert not (here / "oped.svg").exists()
    assert main(["render", "oped.arg", "--max-nodes", "5", "-f", "dot"]) == 0


def test_default_node_cap_applies(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.render

    seen: list[dict[str, object]] = []
    real = argmap.render.Plan.draw

    def spy(self: argmap.render.Plan, **options: object) -> object:
        seen.append(options)
        return real(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap.render.Plan, "draw", spy)
    assert main(["render", "sub/tea.arg", "-f", "dot"]) == 0
    assert "max_nodes" not in seen[-1]  # the library's MAX_NODES, not "no cap"
    assert main(["render", "sub/tea.arg", "-f", "dot", "--max-nodes", "7", "--rewrite"]) == 0
    assert seen[-1]["max_nodes"] == 7


def test_progress_line_only_on_a_terminal(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["render", ".", "-f", "dot"]) == 0
    shown = terminal.getvalue()
    assert "\r\x1b[K[1/2] " in shown and "\r\x1b[K[2/2] " in shown
    assert shown.count("\r\x1b[K") == 3  # two steps, then the line is cleared
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["render", ".", "-f", "dot", "--rewrite", "-q"]) == 0
    assert quiet.getvalue() == ""


def test_a_stale_diagram_builds_its_dot_once(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint that finds a diagram stale and the drawing share one DOT build."""
    import argmap.render

    assert main(["render", "oped.arg", "--direction", "down"]) == 0
    before = (here / "oped.svg").read_bytes()
    built: list[str] = []
    real = argmap.render.to_dot

    def counted(m: argmap.ArgumentMap, **options: object) -> str:
        built.append(str(options["direction"]))
        return real(m, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap.render, "to_dot", counted)
    (here / "oped.arg").write_text(OPED.read_text(encoding="utf-8").replace("Washington", "The US"))
    assert main(["render", "oped.arg", "--direction", "down"]) == 0
    assert built == ["down"]
    assert (here / "oped.svg").read_bytes() != before, "it was stale, and redrawn"
    built.clear()
    assert main(["render", "oped.arg", "--direction", "down", "--check"]) == 0  # current
    assert built == ["down"]


@pytest.mark.parametrize(("format", "started"), [("svg", True), ("pdf", True), ("png", False)])
def test_check_starts_graphviz_ahead_only_for_what_it_draws(
    here: Path, monkeypatch: pytest.MonkeyPatch, format: str, started: bool
) -> None:
    """--check redraws an SVG (to compare) and every PDF: Graphviz's process starts while the
    map is read; a PNG is checked by its fingerprint alone."""
    from argmap.render import backend

    assert main(["render", "sub/tea.arg", "-f", format]) == 0
    prepared: list[str] = []
    real = backend.prepare

    def spy(format: str, **options: object) -> None:
        prepared.append(format)
        real(format, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(backend, "prepare", spy)
    assert main(["render", "sub/tea.arg", "-f", format, "--check"]) == 0
    assert prepared == ([format] if started else [])
