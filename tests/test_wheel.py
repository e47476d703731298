"""The wheel ships the grammar as package data: build it, install it in a new venv, parse."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import OPED, ROOT

pytestmark = pytest.mark.slow


def _source_tree(tmp_path: Path) -> Path:
    """A copy of the files that make the package, so building leaves the work tree untouched."""
    tree = tmp_path / "src"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tree / name)
    for folder in ("argmap", "grammar"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def _modules() -> list[str]:
    """Every module in the source tree, as an installed wheel must provide it."""
    names = []
    for path in sorted((ROOT / "argmap").rglob("*.py")):
        if path.name == "__main__.py":  # running it is the CLI, not an import
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return [*names, "argmap.grammar"]


def test_wheel_installs_and_parses_with_its_own_grammar(tmp_path: Path) -> None:
    tree = _source_tree(tmp_path)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(tree)],
        check=True,
    )
    (wheel,) = dist.glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "argmap/grammar/argmap.lark" in names
    assert "argmap/py.typed" in names
    assert {"argmap/render/page.js", "argmap/render/page.css"} <= names  # the page's inline code

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # markdown: the one module that needs more than argmap's own dependencies is the MkDocs
    # extension, which only runs where Python-Markdown is installed anyway.
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel), "markdown"], check=True)

    # Run from an empty folder, so nothing can come from the source tree.
    work = tmp_path / "elsewhere"
    work.mkdir()
    script = f"""
import importlib, argmap, argmap.read.lark_lines
assert "site-packages" in argmap.__file__, argmap.__file__
for name in {_modules()!r}:
    importlib.import_module(name)
result = argmap.parse_file({str(OPED)!r})
assert result.ok, result.diagnostics
assert argmap.check(result) == (), argmap.check(result)
assert "Content-Security-Policy" in argmap.to_html(result, draw=False)  # page.js, page.css
print(len(result.map.claims), argmap.read.lark_lines.grammar_text().count("TEXT"))
"""
    done = subprocess.run(
        [python, "-c", script], cwd=work, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    claims, _ = done.stdout.split()
    assert int(claims) == len(argmap_claims())

    cli = subprocess.run(
        [env_dir / "bin" / "argmap", "check", str(OPED)], cwd=work, capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr

    # The README's first command: render the op-ed map with nothing but the wheel's Graphviz
    # (PATH holds only the venv, so no system `dot` could be found).
    drawn = subprocess.run(
        ["argmap", "render", str(OPED), "-o", "us-china-north-korea.svg"],
        cwd=work,
        capture_output=True,
        text=True,
        env={"PATH": str(env_dir / "bin"), "HOME": str(tmp_path)},
    )
    assert drawn.returncode == 0, drawn.stdout + drawn.stderr
    svg = (work / "us-china-north-korea.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "Washington and Beijing" in svg


def argmap_claims() -> tuple[object, ...]:
    import argmap

    return argmap.parse_file(OPED).map.claims
