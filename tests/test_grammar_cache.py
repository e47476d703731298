"""lark's analysis of the grammar is cached between runs, only where that is safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import OPED

# `claim reason:` uses a keyword as an id: argmap's fast path leaves such lines to lark, so lark
# (and its cache) is really used.
PARSE = (
    "import argmap; assert argmap.parse_file({path!r}).ok; "
    "assert argmap.parse('claim reason: x').ok"
)


def _run(env_cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(env_cache)}
    return subprocess.run(
        [sys.executable, "-c", PARSE.format(path=str(OPED))],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cache_is_written_to_a_private_folder_and_reused(tmp_path: Path) -> None:
    assert _run(tmp_path).returncode == 0
    folder = tmp_path / "argmap"
    assert folder.stat().st_mode & 0o777 == 0o700
    (cache,) = folder.glob("grammar-*.lark")
    written = cache.stat().st_mtime_ns
    done = _run(tmp_path)  # the second run reads it and does not rewrite it
    assert done.returncode == 0 and done.stderr == ""
    assert cache.stat().st_mtime_ns == written


def test_no_cache_in_a_folder_others_can_write(tmp_path: Path) -> None:
    folder = tmp_path / "argmap"
    folder.mkdir()
    folder.chmod(0o777)
    assert _run(tmp_path).returncode == 0
    assert list(folder.iterdir()) == []


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    assert _run(tmp_path).returncode == 0
    (cache,) = (tmp_path / "argmap").glob("grammar-*.lark")
    cache.write_bytes(b"not a pickle")
    done = _run(tmp_path)
    assert done.returncode == 0, done.stderr
