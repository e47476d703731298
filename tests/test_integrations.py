"""CI integrations: the pre-commit hooks and the GitHub Actions workflow example are real."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import OPED, ROOT

WORKFLOW = ROOT / "examples" / "github-workflow.yml"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_pre_commit_manifest_is_valid() -> None:
    done = subprocess.run(
        [_bin("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_pre_commit_hooks_run_on_a_repository_of_maps(tmp_path: Path) -> None:
    repo = tmp_path / "maps"
    repo.mkdir()
    shutil.copy(OPED, repo / "good.arg")
    (repo / "bad.arg").write_text("conclusion c Tea is good.\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    for command in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *command], cwd=repo, check=True, env=env)
    done = subprocess.run(
        [_bin("pre-commit"), "try-repo", str(ROOT), "argmap-check", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bad.arg:1:14: error E002" in done.stdout
    assert "good.arg" not in done.stdout.split("- exit code: 1", 1)[1]


def test_workflow_validates_against_the_github_schema() -> None:
    done = subprocess.run(
        [_bin("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_commands_run(tmp_path: Path) -> None:
    """Each argmap step of the workflow, run here on a copy of the maps folder."""
    (tmp_path / "maps").mkdir()
    shutil.copy(OPED, tmp_path / "maps" / OPED.name)
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["maps"]["steps"]
    commands = [s["run"] for s in steps if s.get("run", "").startswith("argmap ")]
    assert len(commands) == 2
    # The stale-diagram check fails until the diagrams are committed: render them first, as the
    # workflow's comment tells its users to.
    check = next(c for c in commands if "--check" in c)
    for command in [check.replace("--check ", ""), *commands]:
        argv = shlex.split(command)
        done = subprocess.run(
            [_bin("argmap"), *argv[1:]], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (tmp_path / "diagrams" / "us-china-north-korea.svg").exists()
