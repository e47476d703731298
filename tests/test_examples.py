"""Every script in examples/ runs, as a user would run it, and says what it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from tests.conftest import OPED, ROOT

EXAMPLES = ROOT / "examples"


def run(script: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_every_example_is_tested() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    tested = {name[5:] + ".py" for name in globals() if name.startswith("test_")}
    assert scripts <= tested, scripts - tested


def test_quiz() -> None:
    out = run("quiz.py", "--seed", "1", "--count", "2").stdout
    questions, answers = out.split("Answers:\n")
    assert questions.count("What is the missing premise?") == 2
    assert questions.count("________") == 2
    m = argmap.parse_file(OPED).map
    texts = {c.text for c in m.claims}
    given = [line.strip() for line in answers.splitlines() if line.strip()]
    assert len(given) == 2
    for line in given:
        _, answer = line.split(". ", 1)
        assert answer in texts
        assert answer not in questions  # the hidden premise is really hidden


def test_feedback() -> None:
    out = run("feedback.py").stdout
    assert "should be a reason, not an objection" in out
    assert '"Nobody believes the US would really stop trading with China." stands where' in out
    assert out.rstrip().endswith("30/31 = 97%.")


def test_feedback_on_a_perfect_copy(tmp_path: Path) -> None:
    copy = tmp_path / "student.arg"
    copy.write_text(OPED.read_text(encoding="utf-8"), encoding="utf-8")
    out = run("feedback.py", str(copy)).stdout
    assert out.startswith("- The map matches the reference.")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_examples_have_a_docstring_with_usage(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text.startswith('"""') and "python examples/" in text.split('"""')[1]


def test_build_and_render(tmp_path: Path) -> None:
    out = run("build_and_render.py", str(tmp_path / "walk.svg")).stdout
    assert out == f"7 claims, 5 groups, 0 problems: {tmp_path / 'walk.svg'}\n"
    svg = (tmp_path / "walk.svg").read_text(encoding="utf-8")
    assert "We should walk to school." in svg
    assert "Traffic fumes on the main road harm" in svg


def test_batch_render(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    (maps / "class-b").mkdir(parents=True)
    (maps / "oped.arg").write_text(OPED.read_text(encoding="utf-8"), encoding="utf-8")
    (maps / "class-b" / "walk.arg").write_text(
        "conclusion w: We should walk.\n  reason:\n    - It is healthy.\n", encoding="utf-8"
    )
    (maps / "class-b" / "broken.arg").write_text("conclusion c Tea\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "batch_render.py"), str(maps), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1  # one map refused
    assert done.stdout.splitlines()[0] == "drew 2 maps, refused 1"
    assert f"{maps / 'class-b' / 'broken.arg'}: 1:14: E002" in done.stdout
    drawn = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert drawn == ["class-b", "class-b/walk.svg", "oped.svg"]
