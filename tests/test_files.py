"""Atomic writes: old file or new file, never half; permissions and symlinks kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.cli.files import new_file_mode, write_atomically


def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    write_atomically(target, b"one")
    assert target.read_bytes() == b"one"
    assert target.stat().st_mode & 0o777 == new_file_mode()
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]


def test_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.arg"
    target.write_bytes(b"one")
    target.chmod(0o640)
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o640


def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.arg"
    real.write_bytes(b"one")
    link = tmp_path / "link.arg"
    link.symlink_to(real)
    write_atomically(link, b"two")
    assert link.is_symlink()
    assert real.read_bytes() == b"two"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.arg"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomically(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.arg"]


def test_a_writer_killed_mid_write_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "map.arg"
    old, new = b"o" * 50_000_000, b"n" * 50_000_000
    target.write_bytes(old)
    script = (
        "import sys\n"
        "from argmap.cli.files import write_atomically\n"
        f"data = b'n' * {len(new)}\n"
        "print('ready', flush=True)\n"
        f"while True:\n    write_atomically({str(target)!r}, data)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline() == b"ready\n"
    time.sleep(0.3)  # well inside a write of 50 MB, most likely
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert target.read_bytes() in (old, new)
