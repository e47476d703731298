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


@pytest.mark.slow
def test_workflow_install_line_installs_argmap_from_git(tmp_path: Path) -> None:
    """The workflow's install step, run as written, with ARGMAP_GIT pointed at this repository
    (its committed HEAD): pip builds and installs argmap from git, as it will from the URL a
    user sets. (No index serves the name `argmap`.)"""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["maps"]["steps"]
    [install] = [s["run"] for s in steps if s.get("name") == "Install argmap"]
    assert "ARGMAP_GIT" in workflow["env"] and "${ARGMAP_GIT}" in install
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    target = tmp_path / "site"
    # The same line, with pip from this interpreter, into a folder (the deps are already here).
    command = install.replace(
        "pip install",
        f"{shlex.quote(sys.executable)} -m pip install -q "
        f"--no-deps --target {shlex.quote(str(target))}",
    )
    done = subprocess.run(
        ["bash", "-c", command],
        env={**os.environ, "ARGMAP_GIT": f"file://{ROOT}@{head}"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    ran = subprocess.run(
        [sys.executable, "-c", "import argmap; print(argmap.__file__)"],
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert ran.stdout.startswith(str(target)), ran.stdout + ran.stderr


def test_readme_gives_the_ci_lines_to_paste() -> None:
    """README names the hooks and the workflow, with lines that match the files."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".pre-commit-hooks.yaml" in readme and "examples/github-workflow.yml" in readme
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    config = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    pasted = yaml.safe_load(config)["repos"][0]
    assert {h["id"] for h in pasted["hooks"]} <= hooks
    assert "pip install argmap" not in readme and "pip install argmap" not in WORKFLOW.read_text()
