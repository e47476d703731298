"""export, import and compare on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import argmap
from argmap.cli import main
from argmap.write.json_io import schema
from tests.conftest import OPED, ROOT


def test_export_json_validates_and_imports_back(tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    assert main(["export", str(OPED), "-o", str(out)]) == 0
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), schema())
    back = tmp_path / "map.arg"
    assert main(["import", str(out), "-o", str(back)]) == 0
    original = argmap.parse_file(OPED).map
    again = argmap.parse_file(back).map
    assert [(c.id, c.text) for c in again.claims] == [(c.id, c.text) for c in original.claims]
    assert [(g.id, g.target) for g in again.groups] == [(g.id, g.target) for g in original.groups]


@pytest.mark.parametrize(("fmt", "start"), [("outline", "US and China"), ("markdown", "# US")])
def test_export_outline_and_markdown(fmt: str, start: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", "-f", fmt, str(OPED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(start)


def test_export_refuses_a_broken_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.arg"
    path.write_text("conclusion c Tea\n", encoding="utf-8")
    assert main(["export", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "E002" in captured.err


def test_import_reports_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "argmap", "version": 9}', encoding="utf-8")
    assert main(["import", str(path)]) == 1
    assert "version" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.json")]) == 2


def test_compare_prints_feedback(tmp_path: Path) -> None:
    student = tmp_path / "student.arg"
    student.write_text(
        OPED.read_text(encoding="utf-8").replace("reason squeeze:", "objection squeeze:"),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "compare", str(student), str(OPED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "should be a reason, not an objection" in done.stdout
    assert done.stdout.rstrip().endswith("30/31 = 97%.")


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--format", "json", str(OPED), str(OPED)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["score"] == 1.0 and report["issues"] == []
