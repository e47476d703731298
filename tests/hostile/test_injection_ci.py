"""CI logs: a file's name cannot inject workflow commands or drive the terminal.

A pull request can add a file named ``a\\n::error file=evil.py,line=1::PWNED\\n.arg``. GitHub's
runner reads a line as a command when, after its leading spaces, it starts with ``::`` (and an
old-style ``##[`` command anywhere in a line). The real CLI runs here in a subprocess on a tree of
such files, as in CI: ``check`` (every format), ``render --check``, ``fmt --check`` and
``fmt --diff``. No line of their output may start a command of the file's, no control character
may reach the terminal (everything is valid UTF-8 too, also for a name that is not), and each
name can still be read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.report import shown_path

BROKEN = "conclusion   c: Tea.\n  reason:\n    @warm\n"  # an error (E101), and not formatted
NAMES = [
    "a\n::error file=evil.py,line=1::PWNED\n.arg",
    "::warning::lead.arg",
    "  ::notice::spaces.arg",
    "\r::error::cr.arg",
    "x ##[error]old.arg",
    "'quoted'.arg",
    "\x1b]0;title\x07\x1b[2J\x1b[31mred.arg",
    "\u202eevil\u200b.arg",
    "tab\there\x7f\x85.arg",
]
UNDECODABLE = b"caf\xff.arg"  # not UTF-8: Python names it with a surrogate escape
GITHUB = re.compile(
    r"::(error|warning|notice) file=([^,:\n]*),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=[^,:\n]*::[^\n]*"
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ci")
    for name in NAMES:
        (root / name).write_text(BROKEN, encoding="utf-8")
    with open(os.path.join(os.fsencode(root), UNDECODABLE), "w", encoding="utf-8") as handle:
        handle.write(BROKEN)
    return root


def _names() -> list[str]:
    return [*NAMES, os.fsdecode(UNDECODABLE)]


def _run(tree: Path, *args: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        cwd=tree,
        timeout=300,
        check=False,
    )
    out = done.stdout + done.stderr
    text = out.decode("utf-8")  # strict: no raw byte of a name that is not UTF-8
    assert "Traceback" not in text, text
    return done.returncode, text


def _assert_tame(text: str, *, github: bool = False) -> None:
    """No control character but the line break; no line that starts a command of the file's."""
    assert not [c for c in text if c != "\n" and not c.isprintable() and c != " "], repr(text)
    for line in text.splitlines():
        if github and line.startswith("::"):
            assert GITHUB.fullmatch(line), line
            continue
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.mark.parametrize(
    "command",
    [
        ["check", "."],
        ["render", "--check", "--force", "."],
        ["render", "--check", "."],
        ["fmt", "--check", "."],
        ["fmt", "--diff", "."],
    ],
)
def test_human_readable_reports_quote_names(tree: Path, command: list[str]) -> None:
    code, text = _run(tree, *command)
    assert code == 1, text
    _assert_tame(text)
    for name in _names():
        assert shown_path(name) in text, (name, text)


def test_the_text_report_names_each_file_on_its_own_line(tree: Path) -> None:
    _, text = _run(tree, "check", ".")
    heads = [line for line in text.splitlines() if ": error E101 " in line]
    assert sorted(heads) == sorted(
        f"{shown_path(n)}:3:5: error E101 `@warm` reuses a claim that is not defined"
        for n in _names()
    )


def _github_decoded(value: str) -> str:
    """A property as GitHub's runner decodes it."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github_commands_escape_names(tree: Path) -> None:
    code, text = _run(tree, "check", "--format", "github", ".")
    assert code == 1
    _assert_tame(text, github=True)
    lines = text.splitlines()
    assert len(lines) == len(_names())  # one command per file: nothing split a line
    files = {_github_decoded(GITHUB.fullmatch(line)[2]) for line in lines}  # type: ignore[index]
    # Names with only line breaks and printable characters come back as they are; others with
    # their control characters shown as escapes.
    for name in ("a\n::error file=evil.py,line=1::PWNED\n.arg", "\r::error::cr.arg"):
        assert name in files
    assert "\\x1b]0;title\\x07\\x1b[2J\\x1b[31mred.arg" in files
    assert "caf\\udcff.arg" in files


@pytest.mark.parametrize("format", ["json", "sarif"])
def test_json_and_sarif_carry_names_as_data(tree: Path, format: str) -> None:
    code, text = _run(tree, "check", "--format", format, ".")
    assert code == 1
    document = json.loads(text)
    if format == "json":
        assert sorted(f["path"] for f in document["files"]) == sorted(_names())
    else:
        uris = {a["location"]["uri"] for a in document["runs"][0]["artifacts"]}
        assert (
            "caf%FF.arg" in uris
            and "a%0A%3A%3Aerror%20file%3Devil.py%2Cline%3D1%3A%3APWNED%0A.arg" in uris
        )


def test_the_command_to_run_is_one_line(tree: Path) -> None:
    """``render --check`` ends with the command that redraws: each unusual name in bash's
    ``$'...'`` quoting, which a shell reads back as the name."""
    evil = NAMES[0]
    code, text = _run(tree, "render", "--check", "--force", evil)
    assert code == 1
    _assert_tame(text)
    [line] = [line for line in text.splitlines() if "without --check" in line]
    command = line.split("`")[1]
    assert command == "argmap render --force $'a\\n::error file=evil.py,line=1::PWNED\\n.arg'"
    bash = subprocess.run(
        ["bash", "-c", f"printf %s {command.split(' ', 3)[3]}"], capture_output=True, check=True
    )
    assert bash.stdout.decode() == evil


def test_the_command_names_a_file_that_is_not_utf8_by_its_bytes(tree: Path) -> None:
    name = os.fsdecode(UNDECODABLE)
    code, text = _run(tree, "render", "--check", "--force", name)
    assert code == 1
    [line] = [line for line in text.splitlines() if "without --check" in line]
    command = line.split("`")[1]
    assert command == "argmap render --force $'caf\\xff.arg'"
    bash = subprocess.run(
        ["bash", "-c", f"printf %s {command.split(' ', 3)[3]}"], capture_output=True, check=True
    )
    assert bash.stdout == UNDECODABLE


def test_a_source_excerpt_shows_an_invisible_character_as_its_escape() -> None:
    import argmap
    from argmap.report import FileReport, render_report

    text = "conclusion c: T.\n  reason: \u202eevil\n"
    result = argmap.parse(text)
    assert not result.ok
    shown = render_report([FileReport(path="m.arg", text=text, diagnostics=result.diagnostics)])
    excerpt = [line for line in shown.splitlines() if "evil" in line and " | " in line]
    assert excerpt and all("\\u202eevil" in line for line in excerpt), shown
    assert "\u202e" not in shown and "\\x202e" not in shown
