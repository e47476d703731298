"""Neovim with the files of ``argmap editor neovim``: a current Neovim runs the language server
(diagnostics, hover, definition, completion, formatting), and Neovim 0.7 says what it lacks.
Neovim runs headless (``nvim --headless -u NONE``) with a Lua script that writes a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import OPED
from tests.editors.conftest import (
    BROKEN,
    LOOSE,
    current_neovim,
    formatted,
    old_neovim,
    plugin,
    run_editor,
)

NEOVIM = current_neovim()
OLD = old_neovim()

PRELUDE = """\
vim.opt.runtimepath:prepend({runtime})
vim.cmd("filetype plugin indent on")
vim.cmd("syntax on")
vim.cmd("runtime! plugin/argmap.lua")
local report = {{}}
local function finish()
  vim.fn.writefile({{ vim.json.encode(report) }}, {out})
  vim.cmd("qall!")
end
local ok, problem = pcall(function()
"""

FINISH = """\
end)
if not ok then report.error = tostring(problem) end
finish()
"""


def neovim(binary: str, tmp_path: Path, body: str) -> dict:
    root = plugin("neovim", tmp_path / "plugin") / "nvim"
    out = tmp_path / "report.json"
    script = tmp_path / "script.lua"
    script.write_text(
        PRELUDE.format(runtime=json.dumps(str(root)), out=json.dumps(str(out))) + body + FINISH,
        encoding="utf-8",
    )
    report = run_editor(
        [binary, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {script}"], out
    )
    assert "error" not in report, report["error"]
    return report


needs_current = pytest.mark.skipif(NEOVIM is None, reason="no Neovim 0.8 or later is installed")

ATTACH = """\
  vim.cmd("edit " .. vim.fn.fnameescape({path}))
  report.filetype = vim.bo.filetype
  report.attached = vim.wait(15000, function()
    return #vim.lsp.get_clients({{ bufnr = 0, name = "argmap" }}) > 0
  end, 20)
"""


def request(method: str, line: int, character: int, extra: str = "") -> str:
    return f"""\
  do
    local params = {{
      textDocument = {{ uri = vim.uri_from_bufnr(0) }},
      position = {{ line = {line}, character = {character} }},{extra}
    }}
    local answers = vim.lsp.buf_request_sync(0, "{method}", params, 10000) or {{}}
    local client = vim.lsp.get_clients({{ bufnr = 0, name = "argmap" }})[1]
    report["{method}"] = answers[client.id] and answers[client.id].result or vim.NIL
  end
"""


@needs_current
def test_server_features_in_neovim(tmp_path: Path) -> None:
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    assert NEOVIM is not None
    body = ATTACH.format(path=json.dumps(str(path)))
    body += """\
  vim.wait(15000, function() return #vim.diagnostic.get(0) >= 2 end, 20)
  report.diagnostics = vim.tbl_map(function(d)
    return { d.lnum + 1, d.col + 1, d.code }
  end, vim.diagnostic.get(0))
  table.sort(report.diagnostics, function(a, b) return a[1] < b[1] end)
"""
    body += request("textDocument/hover", 0, 11)
    body += request("textDocument/definition", 0, 28)
    body += request("textDocument/completion", 3, 5)
    report = neovim(NEOVIM, tmp_path, body)
    assert report["filetype"] == "argmap" and report["attached"] is True
    # The syntax error, and the undefined `@missing` on a line that parsed, both arrive.
    assert report["diagnostics"] == [[4, 5, "E101"], [5, 15, "E006"]]
    assert "claim `c`" in report["textDocument/hover"]["contents"]["value"]
    (location,) = report["textDocument/definition"]
    assert location["range"]["start"] == {"line": 6, "character": 7}
    completion = report["textDocument/completion"]
    labels = {item["label"] for item in completion["items"]}
    assert "c" in labels


FORMAT = """\
  report.formatexpr = vim.bo.formatexpr
  vim.cmd("normal! {keys}")
  report.lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
  report.modified = vim.bo.modified
  report.messages = vim.api.nvim_exec2("messages", {{ output = true }}).output
"""


@needs_current
@pytest.mark.parametrize("keys", ["gggqG", "2Ggqip"])
def test_gq_formats_a_valid_map_in_neovim(tmp_path: Path, keys: str) -> None:
    path = tmp_path / "loose.arg"
    path.write_text(LOOSE, encoding="utf-8")
    assert NEOVIM is not None
    body = ATTACH.format(path=json.dumps(str(path))) + FORMAT.format(keys=keys)
    report = neovim(NEOVIM, tmp_path, body)
    assert report["attached"] is True  # the server runs, and gq still uses argmap fmt
    assert report["formatexpr"] == "argmap#formatexpr()"
    assert "\n".join(report["lines"]) + "\n" == formatted(LOOSE) != LOOSE


@needs_current
@pytest.mark.parametrize("keys", ["gggqG", "5Ggqip"])
def test_gq_on_a_broken_map_leaves_it_byte_for_byte_in_neovim(tmp_path: Path, keys: str) -> None:
    path = tmp_path / "broken.arg"
    path.write_bytes(BROKEN.encode("utf-8"))
    assert NEOVIM is not None
    body = ATTACH.format(path=json.dumps(str(path))) + FORMAT.format(keys=keys)
    body += '  vim.cmd("write")\n'
    report = neovim(NEOVIM, tmp_path, body)
    assert path.read_bytes() == BROKEN.encode("utf-8")
    assert report["lines"] == BROKEN.splitlines() and report["modified"] is False
    assert "argmap fmt: the map was not changed" in report["messages"]
    assert "E006" in report["messages"]


@needs_current
def test_lsp_formatting_in_neovim(tmp_path: Path) -> None:
    path = tmp_path / "loose.arg"
    path.write_text(LOOSE, encoding="utf-8")
    assert NEOVIM is not None
    body = ATTACH.format(path=json.dumps(str(path)))
    body += """\
  vim.lsp.buf.format({ timeout_ms = 10000 })
  report.lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
"""
    report = neovim(NEOVIM, tmp_path, body)
    assert "\n".join(report["lines"]) + "\n" == formatted(LOOSE)


@needs_current
def test_colours_in_neovim(tmp_path: Path) -> None:
    lines = OPED.read_text(encoding="utf-8").splitlines()
    places = {
        "argmapGroupId": ("reason squeeze:", 7),
        "argmapText": ("    Korea. [hammond]", 4),
        "argmapReuse": ("@too-far", 0),
    }
    body = f'  vim.cmd("edit " .. vim.fn.fnameescape({json.dumps(str(OPED))}))\n'
    body += "  report.groups = {}\n"
    for needle, offset in places.values():
        number = next(i for i, line in enumerate(lines) if needle in line)
        column = lines[number].index(needle) + 1 + offset
        body += (
            "  table.insert(report.groups, "
            f"vim.fn.synIDattr(vim.fn.synID({number + 1}, {column}, 1), 'name'))\n"
        )
    assert NEOVIM is not None
    assert neovim(NEOVIM, tmp_path, body)["groups"] == list(places)


@pytest.mark.skipif(OLD is None, reason="no Neovim older than 0.8 is installed (Debian's 0.7)")
@pytest.mark.parametrize("lua_filetypes", [False, True])
def test_old_neovim_says_what_it_lacks(tmp_path: Path, lua_filetypes: bool) -> None:
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    # Neovim 0.7's Lua filetype detection is off unless asked for; both ways must work.
    body = (
        '  vim.cmd("filetype off")\n  vim.g.do_filetype_lua = 1\n'
        '  vim.cmd("filetype plugin indent on")\n'
        if lua_filetypes
        else ""
    )
    body += f"""\
  vim.cmd("edit " .. vim.fn.fnameescape({json.dumps(str(path))}))
  report.filetype = vim.bo.filetype
  report.syntax = vim.fn.synIDattr(vim.fn.synID(1, 1, 1), "name")
  report.messages = vim.api.nvim_exec("messages", true)
  report.errmsg = vim.v.errmsg
"""
    assert OLD is not None
    report = neovim(OLD, tmp_path, body)
    assert report["filetype"] == "argmap" and report["syntax"] == "argmapStatement"
    assert (
        "argmap: the language server needs Neovim 0.8 or later; this is 0.7" in report["messages"]
    )
    assert report["errmsg"] == ""
