"""``argmap convert``: formats from extensions or flags, files written atomically, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.report.catalogue import all_rules, lookup
from tests.conftest import OPED
from tests.interop.helpers import CORPUS, meaning


def test_the_codes_are_registered() -> None:
    codes = {r.code: r for r in all_rules()}
    for code in ("E401", "W401", "W402", "W403", "W404", "W405"):
        assert code in codes
    assert lookup("export-loss") is codes["W404"]


def test_arg_to_aif_to_arg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_path, back = tmp_path / "map.json", tmp_path / "back.arg"
    assert main(["convert", str(OPED), "-o", str(json_path)]) == 0
    err = capsys.readouterr().err
    assert "W404 AIF cannot mark a premise as unstated: `aligned`" in err
    assert json.loads(json_path.read_text())["nodes"][0]["nodeID"] == "closer"
    assert main(["convert", str(json_path), "-o", str(back)]) == 0
    m = argmap.parse(back.read_text()).map
    assert [c.id for c in m.conclusions] == ["closer"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["back.arg", "map.json"]


def test_stdin_and_stdout_need_the_formats(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    assert main(["convert", "-", "--to", "argdown"]) == 2
    assert "--from" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OPED.read_bytes())))
    assert main(["convert", "-", "--from", "arg", "--to", "argdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("===\ntitle:")
    assert meaning(argmap.interop.argdown.read(out).map) == meaning(argmap.parse_file(OPED).map)


def test_argdown_to_mermaid_in_one_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.mmd"
    assert main(["convert", str(CORPUS / "state-censorship.argdown"), "-o", str(out)]) == 0
    assert out.read_text().startswith('---\ntitle: "Censorship from the State"')
    assert "W401" in capsys.readouterr().err  # the tags and metadata it skipped


def test_unreadable_input_and_unknown_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [')
    assert main(["convert", str(broken), "-o", str(tmp_path / "x.arg")]) == 1
    err = capsys.readouterr().err
    assert "error E401 not JSON" in err and "not converted" in err
    assert not (tmp_path / "x.arg").exists()
    assert main(["convert", str(OPED), "-o", str(tmp_path / "x.docx")]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["convert", str(OPED), "-o", str(tmp_path / "x.txt")]) == 2  # Kialo: read only
    assert main(["convert", str(tmp_path / "missing.json"), "--to", "arg"]) == 2


def test_fail_on_warning(tmp_path: Path) -> None:
    assert main(["convert", str(OPED), "-o", str(tmp_path / "m.json")]) == 0
    assert main(["convert", str(OPED), "-o", str(tmp_path / "m.json"), "--fail-on", "warning"]) == 1


def test_a_map_with_syntax_errors_is_not_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.arg"
    broken.write_text("conclusion c: x\n  reasn:\n    - y\n")
    assert main(["convert", str(broken), "--to", "aif"]) == 1
    assert "E003" in capsys.readouterr().err


def test_real_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "oped.argdown"
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "convert", str(OPED), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "<credibility>" in out.read_text(encoding="utf-8")
