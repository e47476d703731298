"""The VS Code extension as users install it: ``argmap editor vscode --vsix`` builds a .vsix
with the real tools (esbuild bundles the client, vsce packages it), and the .vsix holds what VS
Code needs and nothing else. VS Code itself cannot be installed here (no Debian package)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from argmap.editors.plugins import REPOSITORY, VSCODE_DEV_DEPENDENCIES, vsix_name
from argmap.editors.textmate import SCOPE, grammar_json
from tests.conftest import ROOT
from tests.editors.conftest import ENV

TOOLS = ROOT / "tests" / "vscode"
pytestmark = pytest.mark.skipif(
    shutil.which("npm") is None or not (TOOLS / "node_modules" / ".bin" / "vsce").exists(),
    reason="npm, or the tools in tests/vscode, are missing (npm ci --prefix tests/vscode)",
)


def test_the_pinned_tools_are_the_extensions_own() -> None:
    package = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"] == VSCODE_DEV_DEPENDENCIES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("vscode")
    folder = out / "argmap-vscode"
    folder.mkdir()
    # The tools tests/vscode installed, so that the build does not fetch them again.
    os.symlink(TOOLS / "node_modules", folder / "node_modules")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "editor", "vscode", "--vsix", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    vsix = Path(done.stdout.splitlines()[-1])
    assert vsix == folder / vsix_name() and vsix.is_file()
    return vsix, done.stderr


def test_vsce_packages_without_questions_or_warnings(built: tuple[Path, str]) -> None:
    _, log = built
    assert "DONE  Packaged" in log
    assert "WARNING" not in log and "Do you want to continue" not in log


def test_the_vsix_holds_the_bundle_and_no_node_modules(built: tuple[Path, str]) -> None:
    vsix, _ = built
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        assert names == {
            "extension.vsixmanifest",
            "[Content_Types].xml",
            "extension/package.json",
            "extension/language-configuration.json",
            "extension/readme.md",
            "extension/LICENSE.txt",
            "extension/syntaxes/argmap.tmLanguage.json",
            "extension/dist/extension.js",
        }
        package = json.loads(archive.read("extension/package.json"))
        grammar = archive.read("extension/syntaxes/argmap.tmLanguage.json").decode()
        bundle = archive.read("extension/dist/extension.js").decode()
        manifest = archive.read("extension.vsixmanifest").decode()
        licence = archive.read("extension/LICENSE.txt").decode()
    assert package["main"] == "./dist/extension.js"
    assert package["repository"]["url"] == REPOSITORY and package["license"] == "MIT"
    assert package["contributes"]["grammars"][0]["scopeName"] == SCOPE
    assert grammar == grammar_json()
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert REPOSITORY in manifest and "Microsoft.VisualStudio.Services.Content.License" in manifest
    # The language client is inside the bundle; only `vscode` is left to the editor.
    assert "vscode-languageclient" not in json.dumps(package.get("dependencies", {}))
    assert "LanguageClient" in bundle and "argmap.renderSvg" in bundle


def test_the_bundle_loads_with_only_vscode_provided(
    built: tuple[Path, str], tmp_path: Path
) -> None:
    vsix, _ = built
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(tmp_path)
    stub = tmp_path / "extension" / "node_modules" / "vscode"
    stub.mkdir(parents=True)
    # The client extends VS Code's classes as it loads: every name of the stub is a class.
    (stub / "index.js").write_text(
        "module.exports = new Proxy({}, { get: () => class {} });\n", encoding="utf-8"
    )
    done = subprocess.run(
        [
            "node",
            "-e",
            "const e = require('./dist/extension.js');"
            "console.log(typeof e.activate, typeof e.deactivate)",
        ],
        cwd=tmp_path / "extension",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["function", "function"]


def test_vsix_is_for_vscode_only(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "editor", "vim", "--vsix", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--vsix" in done.stderr
    assert not any(tmp_path.iterdir())
