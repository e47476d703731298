"""Paths and files: the language names no file; fmt and render never lose data.

`fmt` keeps line endings, the BOM and permissions, writes nothing when nothing changes, follows
symlinks, and a kill in the middle of formatting a large file leaves the old or the new file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UGLY = "conclusion c:Tea is good.\n      reason:\n        -  It is warm.\n"
PRETTY = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n"


def _argmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_nothing_the_map_names_is_read(tmp_path: Path) -> None:
    """Parse, check, draw and evaluate a map full of paths, with an audit hook that records
    every file opened: only Python's and Graphviz's own files are."""
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    text = (
        f"title: {secret}\nsource x: ../../etc/passwd {secret}\n"
        f"conclusion c: file://{secret} [x]\n  reason:\n    - {secret}\n    - ~/.ssh/id_rsa\n"
    )
    script = textwrap.dedent(
        f"""
        import sys
        opened = []
        sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == "open" else None)
        import argmap
        from argmap.evaluation import evaluate
        from argmap.render import render
        r = argmap.parse({text!r})
        argmap.check(r)
        evaluate(r.map)
        render(r.map, "svg", timeout=None, isolate=False)
        bad = [p for p in opened if "secret" in p or "passwd" in p or ".ssh" in p]
        print("BAD", bad)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert "BAD []" in done.stdout, done.stdout + done.stderr


def test_render_output_paths_are_the_users_choice(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "map.arg").write_text(PRETTY)
    done = _argmap("render", "map.arg", "-o", "sub/../out.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.svg").read_bytes().startswith(b"<?xml")
    # a symlink as output: refused unless asked; then the file it points to is replaced
    real = tmp_path / "real.svg"
    real.write_bytes((tmp_path / "out.svg").read_bytes())
    (tmp_path / "link.svg").symlink_to(real)
    refused = _argmap("render", "map.arg", "-o", "link.svg", "--rewrite", cwd=tmp_path)
    assert refused.returncode == 2 and "symbolic link" in refused.stderr
    followed = _argmap(
        "render", "map.arg", "-o", "link.svg", "--rewrite", "--follow-links", cwd=tmp_path
    )
    assert followed.returncode == 0, followed.stderr
    assert (tmp_path / "link.svg").is_symlink() and real.read_bytes().startswith(b"<?xml")


def test_fmt_keeps_line_endings_bom_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_bytes(b"\xef\xbb\xbf" + UGLY.replace("\n", "\r\n").encode())
    path.chmod(0o600)
    assert _argmap("fmt", "map.arg", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + PRETTY.replace("\n", "\r\n").encode()
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.arg"]  # no temporary left


def test_fmt_writes_nothing_when_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text(PRETTY)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    assert _argmap("fmt", "map.arg", cwd=tmp_path).returncode == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_fmt_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "real.arg"
    real.write_text(UGLY)
    link = tmp_path / "link.arg"
    link.symlink_to(real)
    assert _argmap("fmt", "link.arg", cwd=tmp_path).returncode == 0
    assert link.is_symlink() and real.read_text() == PRETTY


def test_fmt_leaves_a_file_with_errors_alone(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    broken = UGLY + "  reasn:\n"
    path.write_text(broken)
    assert _argmap("fmt", "map.arg", cwd=tmp_path).returncode == 1
    assert path.read_text() == broken


def test_fmt_killed_mid_run_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """Format a large file (about 4 MB) and kill argmap at increasing moments: after each kill
    the file is byte for byte the old one or the new one, never a mix."""
    unit = "".join(
        f"claim k{n}:Claim number {n} is here.\n  reason:\n      -  Premise {n}.\n"
        for n in range(1_000)
    )
    old = b"".join(
        ("conclusion c: Top.\n" if i == 0 else "").encode()
        + unit.replace("claim k", f"claim k{i}_").encode()
        for i in range(50)
    )
    path = tmp_path / "big.arg"
    path.write_bytes(old)
    new = None
    for delay in (0.3, 0.8, 1.5, 3.0):
        path.write_bytes(old)
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "fmt", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = path.read_bytes()
        if data != old:
            if new is None:
                new = subprocess.run(
                    [sys.executable, "-m", "argmap", "fmt", "-"],
                    input=old,
                    capture_output=True,
                    timeout=300,
                ).stdout
            assert data == new, f"a mix after a kill at {delay} s"
    # and the run to the end writes the formatted file
    subprocess.run([sys.executable, "-m", "argmap", "fmt", str(path)], timeout=300, check=True)
    assert path.read_bytes() != old and b"  reason:\n    - Premise 0." in path.read_bytes()
