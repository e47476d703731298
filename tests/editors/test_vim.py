"""Vim with the files of ``argmap editor vim``: filetype, colours, `gq`, `=`, and ALE talking to
``argmap lsp``. Vim runs headless (``vim -Nu NONE -es``) with a script that writes a report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import OPED
from tests.editors.conftest import BROKEN, LOOSE, formatted, plugin, run_editor

pytestmark = pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")

ALE = Path("/usr/share/vim-ale")  # Debian's vim-ale

PRELUDE = """\
set nocompatible
let &runtimepath = {runtime} . ',' . &runtimepath
filetype plugin indent on
syntax on
let report = {{}}
"""

FINISH = """\
call writefile([json_encode(report)], {out})
qall!
"""


def vim(tmp_path: Path, body: str, runtime: list[Path] | None = None) -> dict:
    """Run Vim on a script (``body``, Vim script that fills the dict ``report``)."""
    root = plugin("vim", tmp_path / "plugin") / "vim"
    paths = ",".join(str(p) for p in [root, *(runtime or [])])
    out = tmp_path / "report.json"
    script = tmp_path / "script.vim"
    script.write_text(
        PRELUDE.format(runtime=json.dumps(paths)) + body + FINISH.format(out=json.dumps(str(out))),
        encoding="utf-8",
    )
    return run_editor(["vim", "-Nu", "NONE", "-i", "NONE", "-es", "-S", str(script)], out)


def groups_at(lines: list[str], places: dict[str, tuple[str, int]]) -> str:
    """Vim script that records the syntax group at each place: a needle found in the map and an
    offset into it."""
    script = []
    for name, (needle, offset) in places.items():
        number = next(i for i, line in enumerate(lines) if needle in line)
        column = lines[number].index(needle) + 1 + offset
        script.append(
            f"let report[{json.dumps(name)}] = synIDattr(synID({number + 1}, {column}, 1), 'name')"
        )
    return "\n".join(script) + "\n"


# Where to look in maps/us-china-north-korea.arg, and the group Vim must give each place.
PLACES = {
    "statement keyword": (("conclusion closer:", 0), "argmapStatement"),
    "claim id": (("conclusion closer:", 11), "argmapId"),
    "claim text": (("conclusion closer:", 20), "argmapText"),
    "continuation line": (("    Korea. [hammond]", 4), "argmapText"),
    "sources at the end of a continuation": (("    Korea. [hammond]", 12), "argmapSources"),
    "text on a line that continues": (("about 90%", 0), "argmapText"),
    "continuation backslash": (("North \\", 6), "argmapContinuation"),
    "group keyword": (("reason squeeze:", 0), "argmapGroupKeyword"),
    "group id": (("reason squeeze:", 7), "argmapGroupId"),
    "objection id": (("objection credibility:", 10), "argmapGroupId"),
    "dash": (("- The threat to stop", 0), "argmapDash"),
    "text after a dash": (("- The threat to stop", 2), "argmapText"),
    "reuse": (("@too-far", 0), "argmapReuse"),
    "comment": (("# Beijing's reservations", 0), "argmapComment"),
    "title keyword": (("title: US and China", 0), "argmapStatement"),
    "source id": (("source hammond:", 7), "argmapId"),
    "source text": (("source hammond:", 16), "argmapText"),
}


def test_filetype_settings_and_colours(tmp_path: Path) -> None:
    lines = OPED.read_text(encoding="utf-8").splitlines()
    places = {name: place for name, (place, _) in PLACES.items()}
    body = f"edit {OPED}\n"
    body += "let report.settings = [&filetype, &shiftwidth, &expandtab, &indentexpr, &formatexpr]\n"
    body += groups_at(lines, places)
    report = vim(tmp_path, body)
    assert report.pop("settings") == [
        "argmap",
        2,
        1,
        "argmap#indent(v:lnum)",
        "argmap#formatexpr()",
    ]
    assert report == {name: group for name, (_, group) in PLACES.items()}


def test_colours_of_escapes_targets_and_a_hash_in_text(tmp_path: Path) -> None:
    lines = [
        "conclusion c: C# is \\[not\\] a comment.  # but this is",
        "objection o to c [s]:",
        "  - It is.",
        "source s: Me",
    ]
    (tmp_path / "small.arg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    places = {
        "C#": ("C#", 1),
        "escape": ("\\[", 0),
        "inline comment": ("# but", 0),
        "target keyword": (" to c", 1),
        "target id": (" to c", 4),
        "group sources": ("[s]:", 1),
    }
    report = vim(tmp_path, f"edit {tmp_path / 'small.arg'}\n" + groups_at(lines, places))
    assert report == {
        "C#": "argmapText",
        "escape": "argmapEscape",
        "inline comment": "argmapComment",
        "target keyword": "argmapTarget",
        "target id": "argmapTargetId",
        "group sources": "argmapGroupSources",
    }


FORMAT = """\
edit {path}
let before = getline(1, '$')
{keys}
let report.lines = getline(1, '$')
let report.modified = &modified
let report.messages = split(execute('messages'), "\\n")
"""


@pytest.mark.parametrize("keys", ["normal! gggqG", "normal! 2Ggqip", "ArgmapFormat"])
def test_gq_formats_the_whole_map(tmp_path: Path, keys: str) -> None:
    path = tmp_path / "loose.arg"
    path.write_text(LOOSE, encoding="utf-8")
    report = vim(tmp_path, FORMAT.format(path=path, keys=keys))
    assert "\n".join(report["lines"]) + "\n" == formatted(LOOSE) != LOOSE
    assert report["modified"] == 1


@pytest.mark.parametrize("keys", ["normal! gggqG", "normal! 5Ggqip", "normal! 4Ggqq"])
def test_gq_on_a_broken_map_leaves_it_byte_for_byte(tmp_path: Path, keys: str) -> None:
    path = tmp_path / "broken.arg"
    path.write_bytes(BROKEN.encode("utf-8"))
    report = vim(tmp_path, FORMAT.format(path=path, keys=keys) + "write\n")
    assert path.read_bytes() == BROKEN.encode("utf-8")
    assert report["lines"] == BROKEN.splitlines() and report["modified"] == 0
    messages = "\n".join(report["messages"])
    assert "argmap fmt: the map was not changed" in messages
    assert "E006" in messages  # argmap's own message, shown, not put in the buffer


def test_reindenting_keeps_a_valid_map_valid(tmp_path: Path) -> None:
    copy = tmp_path / "oped.arg"
    copy.write_bytes(OPED.read_bytes())
    body = f"""\
edit {copy}
normal! gg=G
let report.same = getline(1, '$') ==# readfile({json.dumps(str(OPED))})
let report.modified = &modified
"""
    report = vim(tmp_path, body)
    assert report == {"same": 1, "modified": 0}


def test_new_lines_get_the_indentation_of_the_tree(tmp_path: Path) -> None:
    path = tmp_path / "typing.arg"
    path.write_text("conclusion c: Tea is good.\n  reason r:\n", encoding="utf-8")
    body = f"""\
edit {path}
execute "normal! 2GA\\n- It is warm \\\\\\nand kind.\\n@c\\n"
call setline(1, getline(1) . ' \\')
execute "normal! 1GA\\nstill the conclusion."
let report.lines = getline(1, '$')
"""
    report = vim(tmp_path, body)
    assert report["lines"] == [
        "conclusion c: Tea is good. \\",
        "    still the conclusion.",
        "  reason r:",
        "    - It is warm \\",
        "        and kind.",
        "    @c",
        "",
    ]


@pytest.mark.skipif(not (ALE / "autoload" / "ale.vim").is_file(), reason="vim-ale is not installed")
def test_ale_gets_diagnostics_and_definitions_from_the_server(tmp_path: Path) -> None:
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    body = f"""\
let g:ale_linters = {{'argmap': ['argmap']}}
runtime plugin/ale.vim
edit {path}
ALELint
let tries = 0
while tries < 200 && empty(getloclist(0))
  sleep 50m
  let tries += 1
endwhile
let report.diagnostics = map(getloclist(0), {{_, d -> [d.lnum, d.col, d.text[:3]]}})
call cursor(1, 29)
ALEGoToDefinition
let tries = 0
while tries < 200 && line('.') == 1
  sleep 50m
  let tries += 1
endwhile
let report.definition = [line('.'), col('.')]
"""
    report = vim(tmp_path, body, runtime=[ALE, ALE / "after"])
    assert report["diagnostics"] == [[4, 5, "E101"], [5, 15, "E006"]]
    assert report["definition"] == [7, 8]


def test_vim_lsp_configuration_registers_the_server(tmp_path: Path) -> None:
    # vim-lsp is not packaged for Debian: a stand-in `lsp#register_server` records what the
    # configuration registers when vim-lsp announces itself with `User lsp_setup`.
    stand_in = tmp_path / "vim-lsp" / "autoload"
    stand_in.mkdir(parents=True)
    (stand_in / "lsp.vim").write_text(
        "let g:registered = []\n"
        "function! lsp#register_server(info) abort\n"
        "  call add(g:registered, a:info)\n"
        "endfunction\n",
        encoding="utf-8",
    )
    body = """\
runtime plugin/argmap_lsp.vim
doautocmd User lsp_setup
let server = g:registered[0]
let report.count = len(g:registered)
let report.name = server.name
let report.allowlist = server.allowlist
let report.cmd = server.cmd({})
let g:argmap_command = '/opt/argmap/bin/argmap'
let report.custom = server.cmd({})
"""
    report = vim(tmp_path, body, runtime=[tmp_path / "vim-lsp"])
    assert report == {
        "count": 1,
        "name": "argmap",
        "allowlist": ["argmap"],
        "cmd": ["argmap", "lsp"],
        "custom": ["/opt/argmap/bin/argmap", "lsp"],
    }
