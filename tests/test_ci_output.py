"""What a CI pipeline reads: `render --check` messages that give the true reason and the command
that fixes it, summaries that count every file, SARIF with relative paths and notifications."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TEA = "conclusion tea: Tea is good.\n  reason:\n    - It is warm.\n"
COFFEE = "conclusion coffee: Coffee is good.\n  reason:\n    - It wakes you up.\n"
BROKEN = "conclusion b: Broken.\n  reason:\n    @nothing\n"


def argmap_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m argmap ...`` run in ``folder``, as a CI job runs it in a checkout."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def drawn(tmp_path: Path) -> Path:
    """Two maps, each with its up-to-date diagram."""
    (tmp_path / "tea.arg").write_text(TEA)
    (tmp_path / "coffee.arg").write_text(COFFEE)
    done = argmap_in(tmp_path, "render", ".")
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_check_says_the_true_reason_and_the_command(drawn: Path) -> None:
    assert argmap_in(drawn, "render", "--check", ".").returncode == 0
    # A diagram copied from another map, though it is newer than its own map.
    shutil.copy(drawn / "coffee.svg", drawn / "tea.svg")
    # A map changed since it was drawn.
    (drawn / "coffee.arg").write_text(COFFEE.replace("wakes you up", "tastes of chocolate"))
    # A map with no diagram yet.
    (drawn / "milk.arg").write_text("conclusion milk: Milk is good.\n  reason:\n    - Calcium.\n")
    done = argmap_in(drawn, "render", "--check", ".", "--legend")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert (
        "would redraw tea.svg: it was drawn from another map: none of the claims of tea.arg "
        "are in it" in lines
    ), done.stderr
    assert (
        "would redraw coffee.svg: it was drawn from another version of coffee.arg, or with other "
        "options: its fingerprint does not match what the map draws now" in lines
    ), done.stderr
    assert "would draw milk.svg: milk.arg has no diagram there yet" in lines, done.stderr
    assert not any("older" in line for line in lines)
    assert (
        "argmap: to draw them, run the same command without --check: `argmap render . --legend`"
        in lines
    )


def test_check_names_a_diagram_argmap_did_not_draw(drawn: Path) -> None:
    svg = (drawn / "tea.svg").read_text()
    start = svg.index("<!-- argmap-fingerprint")
    (drawn / "tea.svg").write_text(svg[:start] + svg[svg.index("-->", start) + 4 :])
    done = argmap_in(drawn, "render", "--check", "tea.arg")
    assert done.returncode == 1
    assert "would redraw tea.svg: it has no argmap fingerprint" in done.stderr


def test_the_fix_the_check_names_does_fix_it(drawn: Path) -> None:
    shutil.copy(drawn / "coffee.svg", drawn / "tea.svg")
    done = argmap_in(drawn, "render", "--check", ".")
    command = done.stderr.split("without --check: `")[1].split("`")[0]
    assert command == "argmap render ."
    assert argmap_in(drawn, *command.split()[1:]).returncode == 0
    assert argmap_in(drawn, "render", "--check", ".").returncode == 0


def test_render_of_a_folder_counts_every_map(tmp_path: Path) -> None:
    (tmp_path / "tea.arg").write_text(TEA)
    (tmp_path / "broken.arg").write_text(BROKEN)
    done = argmap_in(tmp_path, "render", ".")
    assert done.returncode == 1
    assert "Found 1 error in 1 of 2 files." in done.stderr.splitlines(), done.stderr
    assert "argmap render: 1 drawn, 1 not drawn (errors)." in done.stderr.splitlines()


def test_check_of_a_folder_counts_every_map(tmp_path: Path) -> None:
    (tmp_path / "tea.arg").write_text(TEA)
    (tmp_path / "broken.arg").write_text(BROKEN + "  objection:\n    @nothing-either\n")
    done = argmap_in(tmp_path, "check", ".")
    assert done.stdout.endswith("Found 2 errors in 1 of 2 files.\n"), done.stdout


def _sarif(folder: Path, *paths: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    done = argmap_in(folder, "check", "--format", "sarif", *paths)
    return done, json.loads(done.stdout)


def test_sarif_paths_are_relative_to_srcroot(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "broken.arg").write_text(BROKEN)
    # Named by an absolute path, as CI scripts often do: the SARIF still carries a path
    # relative to the folder argmap runs in (%SRCROOT%).
    done, sarif = _sarif(tmp_path, str(tmp_path / "maps"))
    run = sarif["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    uris += [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in run["results"]
        for loc in result["locations"]
    ]
    assert set(uris) == {"maps/broken.arg"}, uris
    assert all(
        loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        for result in run["results"]
        for loc in result["locations"]
    )
    assert str(tmp_path) not in done.stdout


def test_sarif_reports_a_missing_file_as_a_notification(tmp_path: Path) -> None:
    (tmp_path / "tea.arg").write_text(TEA)
    done, sarif = _sarif(tmp_path, "tea.arg", "gone.arg")
    assert done.returncode == 2
    assert "argmap: gone.arg: no such file or directory" in done.stderr
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "gone.arg: no such file or directory"
    location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "gone.arg", "uriBaseId": "%SRCROOT%"}
    assert [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]] == ["tea.arg"]


def test_github_annotations_name_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "tea.arg").write_text(BROKEN)
    done = argmap_in(tmp_path, "check", "--format", "github", "tea.arg", "gone.arg")
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == "::error file=gone.arg,title=argmap::no such file or directory"
    assert lines[1].startswith("::error file=tea.arg,line=3,col=5,")
