"""Shared fixtures: paths into the repository, and the switch that rewrites golden files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OPED = ROOT / "maps" / "us-china-north-korea.arg"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing against them",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def oped_path() -> Path:
    return OPED


def golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file at ``path``, or rewrite it with --update-goldens."""
    if update or not path.exists():
        if not update:
            pytest.fail(f"missing golden file {path}; run pytest --update-goldens to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (pytest --update-goldens)"


def outputs_across_hash_seeds(*args: str, seeds: tuple[str, ...] = ("0", "1", "4242")) -> set[str]:
    """The distinct standard outputs of ``python *args`` run under several PYTHONHASHSEED values:
    one element when the output is deterministic."""
    seen = set()
    for seed in seeds:
        done = subprocess.run(
            [sys.executable, *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            check=True,
        )
        seen.add(done.stdout)
    return seen


def run_argmap(
    *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``python -m argmap *args`` as a user runs it, from the repository root; ``env`` is added
    to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, **env},
    )
