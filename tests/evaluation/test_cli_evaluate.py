"""``argmap evaluate``: in-process through main(argv), and as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from tests.conftest import OPED, ROOT, golden
from tests.conftest import run_argmap as run

GOLDENS = Path(__file__).parent / "goldens"
CYCLES = """\
claim a: The tax cut pays for itself.
  objection oa:
    @b
claim b: The tax cut widens the deficit.
  objection ob:
    @a
conclusion d: We should cut the tax.
  reason rd:
    @a
claim x: X.
  objection:
    @y
claim y: Y.
  objection:
    @z
claim z: Z.
  objection:
    @x
"""
BROKEN = "conclusion c: Tea is good.\n  reason:\n    @ghost\n"


def test_op_ed_text_report(capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    assert main(["evaluate", str(OPED.relative_to(ROOT))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maps/us-china-north-korea.arg: 27 IN, 4 OUT, 0 UNDECIDED")
    assert "Conclusion `closer` is IN." in out
    golden(GOLDENS / "oped.txt", out, update_goldens)


def test_op_ed_json_report(capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    assert main(["evaluate", "--format", "json", str(OPED.relative_to(ROOT))]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["version"] == 1 and data["semantics"] == "grounded" and data["decided"]
    assert data["counts"] == {"in": 27, "out": 4, "undecided": 0}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["closer"]["label"] == "in" and nodes["closer"]["conclusion"] is True
    assert nodes["no-squeeze"] == {
        "id": "no-squeeze",
        "type": "objection",
        "label": "out",
        "kind": "opposed",
        "because": "OUT because rebuttal `blockade-only` stands: "
        "none of its co-premises is opposed",
        "next": "blockade-only",
        "related": ["blockade-only"],
    }
    assert data["cycles"] == [] and data["regions"] == []
    golden(GOLDENS / "oped.json", out, update_goldens)


def test_cycles_through_the_real_cli(update_goldens: bool) -> None:
    done = run("evaluate", "-", "--stdin-filename", "cycles.arg", stdin=CYCLES)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "Conclusion `d` is UNDECIDED." in out
    assert "    even cycle: `a` → `ob` → `b` → `oa` → `a`" in out
    assert "    preferred 1: IN `a`, `d`, `ob`, `rd`; OUT `b`, `oa`" in out
    assert "    stable: the same 2 labellings" in out
    assert "    stable: none" in out  # the odd cycle x, y, z
    golden(GOLDENS / "cycles.txt", out, update_goldens)
    # The same bytes whatever the hash seed.
    again = run("evaluate", "-", "--stdin-filename", "cycles.arg", stdin=CYCLES, PYTHONHASHSEED="7")
    assert again.stdout == out


def test_cycles_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cycles.arg"
    path.write_text(CYCLES, encoding="utf-8")
    assert main(["evaluate", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"in": 0, "out": 0, "undecided": 12}
    assert [c["odd"] for c in data["cycles"]] == [False, True]
    first, second = data["regions"]
    assert first["preferred"] == [
        {"in": ["a", "d", "ob", "rd"], "out": ["b", "oa"], "undecided": []},
        {"in": ["b", "oa"], "out": ["a", "d", "ob", "rd"], "undecided": []},
    ]
    assert first["stable"] == first["preferred"]
    assert second["stable"] == [] and len(second["preferred"]) == 1
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["d"]["cycle"] == 0 and nodes["x"]["cycle"] == 1


def test_too_many_extensions_are_reported_not_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cycles.arg"
    path.write_text(CYCLES, encoding="utf-8")
    assert main(["evaluate", "--max-extensions", "1", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "    preferred: not listed: more than 1 preferred labellings "
        "(--max-extensions raises the limit)" in out
    )
    assert main(["evaluate", "--format", "json", "--max-extensions", "1", str(path)]) == 0
    region = json.loads(capsys.readouterr().out)["regions"][0]
    assert region["preferred"] is None
    assert region["preferred_limit"] == "more than 1 preferred labellings"
    assert main(["evaluate", "--max-extensions", "0", str(path)]) == 2


def test_a_map_with_errors_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    for format in ("text", "json"):
        assert main(["evaluate", "--format", format, str(path)]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert f"{path}:3:5: error E101 `@ghost` reuses a claim that is not defined" in captured.err
        assert f"argmap: not evaluating {path}: fix the errors first" in captured.err


def test_warnings_do_not_stop_evaluation(capsys: pytest.CaptureFixture[str]) -> None:
    # W204 (a conclusion with no reason): a warning only, so the map is evaluated.
    done = run("evaluate", "-", stdin="conclusion c: Tea is good.\n")
    assert done.returncode == 0
    assert "IN        conclusion c: a premise nothing opposes" in done.stdout


def test_a_support_cycle_is_refused_through_the_real_cli() -> None:
    done = run(
        "evaluate",
        "-",
        stdin="conclusion a: A.\n  reason:\n    @b\nclaim b: B.\n  reason:\n    @a\n",
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "E106" in done.stderr


def test_unreadable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["evaluate", str(tmp_path / "missing.arg")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["evaluate"]) == 2  # usage: FILE is required


def test_generated_ids_come_with_their_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tea.arg"
    path.write_text(
        "conclusion c: Tea is good.\n  reason:\n    - Tea is warm.\n    named: Warmth comforts.\n"
        "  objection:\n    - Tea is \x1b]0;tbitter.\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any('c.reason1.1 "Tea is warm.": a premise' in line for line in lines), lines
    # A written id is its own name; a control character is shown, never sent to the terminal.
    assert any(line.split()[1:2] == ["named:"] for line in lines), lines
    assert any('c.objection1.1 "Tea is \\x1b]0;tbitter."' in line for line in lines), lines
