"""``argmap editor NAME``: each editor's files parse, and what they point at exists."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from luaparser import ast as lua_ast

from argmap.cli import main
from argmap.editors.plugins import EDITORS, files
from argmap.editors.textmate import SCOPE, grammar_json

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"


def write(name: str, out: Path) -> Path:
    assert main(["editor", name, "--out", str(out)]) == 0
    return out


def test_every_editor_writes_its_files(tmp_path: Path) -> None:
    for name in EDITORS:
        write(name, tmp_path)
        for relative, text in files(name).items():
            assert (tmp_path / relative).read_text(encoding="utf-8") == text
    assert main(["editor", "notepad", "--out", str(tmp_path)]) == 2  # argparse: not a choice


def test_editor_command_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "editor", "helix", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "helix" / "languages.toml")


def test_vscode_extension(tmp_path: Path) -> None:
    root = write("vscode", tmp_path) / "argmap-vscode"
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    # The bundle is built from extension.js (tests/editors/test_vscode.py builds it for real).
    assert package["main"] == "./dist/extension.js"
    assert "extension.js" in package["scripts"]["vscode:prepublish"].split()
    assert "--outfile=dist/extension.js" in package["scripts"]["vscode:prepublish"].split()
    (language,) = package["contributes"]["languages"]
    assert language["extensions"] == [".arg"]
    configuration = json.loads((root / language["configuration"]).read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
    (grammar,) = package["contributes"]["grammars"]
    assert grammar["language"] == language["id"] and grammar["scopeName"] == SCOPE
    assert (root / grammar["path"]).read_text(encoding="utf-8") == grammar_json()
    assert json.loads((root / grammar["path"]).read_text(encoding="utf-8"))["scopeName"] == SCOPE
    assert f"onLanguage:{language['id']}" in package["activationEvents"]
    assert "vscode-languageclient" in package["devDependencies"]
    assert "dependencies" not in package  # everything is in the bundle
    assert package["license"] == "MIT" and package["repository"]["url"].startswith("https://")
    assert (root / "LICENSE").read_text(encoding="utf-8") == (
        OPED.parent.parent / "LICENSE"
    ).read_text(encoding="utf-8")
    assert (root / ".vscodeignore").read_text(encoding="utf-8").startswith("#")
    commands = {c["command"] for c in package["contributes"]["commands"]}
    script = (root / "extension.js").read_text(encoding="utf-8")
    assert all(f'"{command}"' in script for command in commands)
    assert '"argmap.renderSvg"' in script
    assert package["contributes"]["configuration"]["properties"]["argmap.server.command"][
        "default"
    ] == ["argmap", "lsp"]
    if shutil.which("node") is None:
        pytest.skip("node is not installed: extension.js not syntax-checked")
    done = subprocess.run(
        ["node", "--check", str(root / "extension.js")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_helix_languages_toml(tmp_path: Path) -> None:
    config = tomllib.loads(
        (write("helix", tmp_path) / "helix" / "languages.toml").read_text(encoding="utf-8")
    )
    (language,) = config["language"]
    assert language["file-types"] == ["arg"] and language["scope"] == SCOPE
    for server in language["language-servers"]:
        assert config["language-server"][server] == {"command": "argmap", "args": ["lsp"]}
    assert language["formatter"] == {"command": "argmap", "args": ["fmt", "-"]}


def test_neovim_lua_parses_and_points_at_the_server(tmp_path: Path) -> None:
    root = write("neovim", tmp_path) / "nvim"
    source = (root / "plugin" / "argmap.lua").read_text(encoding="utf-8")
    tree = lua_ast.parse(source)  # raises on a syntax error
    strings = {node.s for node in lua_ast.walk(tree) if isinstance(node, lua_ast.String)}
    assert {"argmap", "lsp", "FileType"} <= {
        s.decode() if isinstance(s, bytes) else s for s in strings
    }
    assert (root / "syntax" / "argmap.vim").is_file() and (
        root / "ftplugin" / "argmap.vim"
    ).is_file()
    with pytest.raises(lua_ast.SyntaxException):  # the parser does reject broken Lua
        lua_ast.parse(source.replace("end,", "", 1))


def _balanced_lisp(text: str) -> bool:
    """Whether the parentheses of an Emacs Lisp file balance, outside strings, comments and
    character literals."""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == ";":
            index = text.find("\n", index)
            if index < 0:
                break
        elif char == '"':
            index += 1
            while index < len(text) and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            if index >= len(text):
                return False
        elif char == "?":
            index += 2 if text[index + 1] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        index += 1
    return depth == 0


def test_emacs_mode(tmp_path: Path) -> None:
    path = write("emacs", tmp_path) / "emacs" / "argmap-mode.el"
    text = path.read_text(encoding="utf-8")
    assert _balanced_lisp(text)
    assert not _balanced_lisp(text.replace("(provide 'argmap-mode)", "(provide 'argmap-mode"))
    assert "(provide 'argmap-mode)" in text and '("argmap" "lsp")' in text
    assert "(add-to-list 'auto-mode-alist '(\"\\\\.arg\\\\'\" . argmap-mode))" in text
    emacs = shutil.which("emacs")
    if emacs is None:
        return  # Emacs is not installed here: the structure checks above are what runs
    done = subprocess.run(
        [emacs, "--batch", "-Q", "-f", "batch-byte-compile", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
