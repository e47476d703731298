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
    assert (root / package["main"]).is_file()
    (language,) = package["contributes"]["languages"]
    assert language["extensions"] == [".arg"]
    configuration = json.loads((root / language["configuration"]).read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
    (grammar,) = package["contributes"]["grammars"]
    assert grammar["language"] == language["id"] and grammar["scopeName"] == SCOPE
    assert (root / grammar["path"]).read_text(encoding="utf-8") == grammar_json()
    assert json.loads((root / grammar["path"]).read_text(encoding="utf-8"))["scopeName"] == SCOPE
    assert f"onLanguage:{language['id']}" in package["activationEvents"]
    assert "vscode-languageclient" in package["dependencies"]
    commands = {c["command"] for c in package["contributes"]["commands"]}
    script = (root / package["main"]).read_text(encoding="utf-8")
    assert all(f'"{command}"' in script for command in commands)
    assert '"argmap.renderSvg"' in script
    assert package["contributes"]["configuration"]["properties"]["argmap.server.command"][
        "default"
    ] == ["argmap", "lsp"]
    if shutil.which("node") is None:
        pytest.skip("node is not installed: extension.js not syntax-checked")
    done = subprocess.run(
        ["node", "--check", str(root / package["main"])], capture_output=True, text=True
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


VIM_CHECK = """\
set nocompatible
let &runtimepath = '{runtime},' . &runtimepath
filetype plugin on
syntax on
edit {map}
let out = [&filetype, v:errmsg, &shiftwidth, &expandtab]
for [l, c] in {positions}
  call add(out, synIDattr(synID(l, c, 1), 'name'))
endfor
call writefile(out, '{out}')
qall!
"""


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
@pytest.mark.parametrize("editor", ["vim", "neovim"])
def test_vim_syntax_in_real_vim(tmp_path: Path, editor: str) -> None:
    runtime = write(editor, tmp_path) / ("vim" if editor == "vim" else "nvim")
    if editor == "neovim":  # Neovim's Lua file is tested above; vim can load its Vim script
        (runtime / "ftdetect").mkdir()
        (runtime / "ftdetect" / "argmap.vim").write_text(files("vim")["vim/ftdetect/argmap.vim"])
    script = tmp_path / "check.vim"
    out = tmp_path / "out.txt"
    lines = OPED.read_text(encoding="utf-8").splitlines()

    def at(needle: str, offset: int = 0) -> list[int]:
        number = next(i for i, line in enumerate(lines) if needle in line)
        return [number + 1, lines[number].index(needle) + 1 + offset]

    conclusion = at("conclusion closer:")
    positions = [
        conclusion,
        [conclusion[0], 12],
        [conclusion[0], 20],
        at("[reader]:"),  # on a line of its own: vim does not follow continuations
        at("reason squeeze:"),
        at("sanctions:"),
        at("@too-far"),
        [1, 1],
    ]
    script.write_text(VIM_CHECK.format(runtime=runtime, map=OPED, positions=positions, out=out))
    subprocess.run(
        ["vim", "-Es", "-N", "-u", "NONE", "-i", "NONE", "-S", str(script)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    found = out.read_text().splitlines()
    assert found[:4] == ["argmap", "", "2", "1"]
    assert found[4:] == [
        "argmapStatement",
        "argmapId",
        "argmapText",
        "argmapGroupSources",
        "argmapGroupKeyword",
        "argmapId",
        "argmapReuse",
        "argmapComment",
    ]
