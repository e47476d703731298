"""The canonical formatter: meaning kept, idempotent, escapes right, and ``argmap fmt`` on files."""

from __future__ import annotations

import codecs
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.model import ArgumentMap
from argmap.read.parser import parse
from argmap.write.formatter import WIDTH, escape_text, format_text
from tests.conftest import golden

GOLDENS = Path(__file__).parent / "goldens"


def strip_spans(m: ArgumentMap) -> ArgumentMap:
    """The map without any span: what the formatter must keep exactly."""

    def refs(items):
        return tuple(attrs.evolve(r, span=None) for r in items)

    return attrs.evolve(
        m,
        title_span=None,
        sources=tuple(attrs.evolve(s, span=None, id_span=None) for s in m.sources),
        claims=tuple(
            attrs.evolve(c, span=None, id_span=None, sources=refs(c.sources)) for c in m.claims
        ),
        groups=tuple(
            attrs.evolve(
                g,
                span=None,
                id_span=None,
                target_span=None,
                sources=refs(g.sources),
                premises=refs(g.premises),
            )
            for g in m.groups
        ),
        comments=tuple(attrs.evolve(c, span=None) for c in m.comments),
    )


def assert_same_meaning(before: str, after: str) -> None:
    first, second = parse(before), parse(after)
    assert first.ok and second.ok, second.diagnostics
    assert strip_spans(second.map) == strip_spans(first.map)


# Examples ---------------------------------------------------------------------------------------


def test_oped_golden(oped_path: Path, update_goldens: bool) -> None:
    text = oped_path.read_text(encoding="utf-8")
    formatted = format_text(text)
    assert formatted is not None
    assert_same_meaning(text, formatted)
    assert format_text(formatted) == formatted
    golden(GOLDENS / "us-china-north-korea.fmt.arg", formatted, update_goldens)


def test_canonical_spacing_and_indentation() -> None:
    text = (
        "title:Tea\n"
        "source  s :  Someone\n"
        "source t: Someone else\n"
        "conclusion   c :  Tea is good.[s,t]\n"
        "      reason   r  [ s ] :\n"
        "            -   It is warm.\n"
        "            @ w\n"
        "claim w: Warm things comfort.\n"
        "objection  to   c:\n"
        "   implicit i: Tea stains.\n"
    )
    assert format_text(text) == (
        "title: Tea\n"
        "\n"
        "source s: Someone\n"
        "source t: Someone else\n"
        "\n"
        "conclusion c: Tea is good. [s, t]\n"
        "  reason r [s]:\n"
        "    - It is warm.\n"
        "    @w\n"
        "\n"
        "claim w: Warm things comfort.\n"
        "\n"
        "objection to c:\n"
        "  implicit i: Tea stains.\n"
    )


def test_comments_stay_with_their_lines() -> None:
    text = (
        "# header\n"
        "\n"
        "\n"
        "conclusion c: Tea.   #  inline\n"
        "        # about the reason\n"
        "        reason:\n"
        "                - Warm.\n"
        "                # last in the block\n"
        "# top-level note, attached to the next block\n"
        "claim d: Other.\n"
        "# end\n"
    )
    assert format_text(text) == (
        "# header\n"
        "\n"
        "conclusion c: Tea.  #  inline\n"
        "  # about the reason\n"
        "  reason:\n"
        "    - Warm.\n"
        "    # last in the block\n"
        "\n"
        "# top-level note, attached to the next block\n"
        "claim d: Other.\n"
        "# end\n"
    )


def test_long_lines_wrap_at_single_spaces() -> None:
    words = " ".join(f"word{n}" for n in range(40))
    text = f"conclusion c: {words} [s]\nsource s: S\n"
    formatted = format_text(text)
    assert formatted is not None
    lines = formatted.splitlines()
    assert all(len(line) <= WIDTH for line in lines)
    assert lines[0].endswith(" \\") and lines[1].startswith("    word")
    assert_same_meaning(text, formatted)
    # Double spaces are part of the text: never a break there, so the text keeps them.
    spaced = "c: " + "  ".join(["x" * 30] * 5) + "\n"
    assert format_text(spaced) == spaced


def test_several_inline_comments_of_a_wrapped_line_move_above_it() -> None:
    text = "c: one \\  # first\n  two \\  # second\n  three\n"
    formatted = format_text(text)
    assert formatted == "# first\n# second\nc: one two three\n"
    assert_same_meaning(text, formatted)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("see [1]", "see \\[1\\]"),
        ("[1] first", "[1] first"),
        ("an [ open", "an \\[ open"),
        ("C# #1 # 2", "C# #1 \\# 2"),
        ("#tag", "#tag"),
        ("world's #1", "world's #1"),
        ("# first", "\\# first"),
        ("ends with #", "ends with \\#"),
        ("a\t# tab", "a\t\\# tab"),
        ("ends in \\", "ends in \\\\"),
        ("C:\\path", "C:\\path"),
        ("a \\[ b", "a \\\\\\[ b"),
        ("@home", "@home"),
        ("x ] y", "x ] y"),
    ],
)
def test_escapes(text: str, written: str) -> None:
    assert escape_text(text) == written
    result = parse(f"c: {written}")
    assert result.ok, result.diagnostics
    assert result.map.claims[0].text == text


def test_generated_ids_are_never_written() -> None:
    text = "claim x: X\nreason for x:\n  - A.\n  objection:\n    - B.\n"
    formatted = format_text(text)
    assert formatted is not None
    assert "." not in formatted.replace("A.", "").replace("B.", "")
    assert_same_meaning(text, formatted)


def test_text_with_errors_is_not_formatted() -> None:
    assert format_text("conclusion c: x\n  reasn:\n    - y\n") is None
    assert format_text("\tc: x\n") is None
    assert format_text("c: see [1]\n") is None


def test_empty_and_comment_only_texts() -> None:
    assert format_text("") == ""
    assert format_text("\n\n  \n") == ""
    assert format_text("   # only a comment\n\n\n# another") == "# only a comment\n\n# another\n"


# Properties -------------------------------------------------------------------------------------

IDS = ["a", "b2", "sanctions", "x_y", "é-t", "Ωmega", "_u", "中文"]
# Brackets, '#' and backslashes come often: they are what escaping is about.
HOSTILE = [
    *"abZ09",
    *"[][]##\\\\@:,-.é中😀\U0001d518",
    "\t",
    "\u00a0",
    "\u2028",
    "\x0c",
    "'",
    " ",
    " ",
    " ",
]
_SPACE_AT = re.compile(r"\s")


NONBLANK = [c for c in HOSTILE if not _SPACE_AT.match(c)]


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Claim text as the model holds it: no line break or NUL, no blank at either end."""
    first = draw(st.sampled_from(NONBLANK))
    middle = draw(st.text(alphabet=st.sampled_from(HOSTILE), max_size=38))
    last = draw(st.sampled_from([*NONBLANK, "", "\u00a0", "\x0c"]))
    return (first + middle).rstrip(" \t") + last


def _write_text(draw: st.DrawFn, text: str, sources: bool) -> str:
    """The text as a user might write it: fully escaped, or escaped as the formatter does."""
    if draw(st.booleans()):
        return re.sub(r"([\\\[\]#@])", r"\\\1", text)
    return escape_text(text, sources=sources)


def _wrap_randomly(draw: st.DrawFn, line: str) -> list[str]:
    """Break a line at some single spaces with a backslash, as a user might."""
    parts = re.split(r"(?<=[^ \t\\]) (?=[^ \t])", line)
    if len(parts) == 1 or not draw(st.booleans()):
        return [line]
    out = [parts[0]]
    for part in parts[1:]:
        if draw(st.integers(0, 3)) == 0:
            out[-1] += " \\"
            out.append(" " * draw(st.integers(0, 9)) + part)
        else:
            out[-1] += " " + part
    return out


@st.composite
def maps(draw: st.DrawFn) -> str:
    """The text of a map that parses: random structure, spacing, comments and hostile text."""
    unit = draw(st.integers(1, 4))
    lines: list[str] = []
    names = list(IDS)
    defined: list[str] = []
    sources = draw(st.lists(st.sampled_from(["s", "r", "ß"]), unique=True, max_size=2))

    def comment() -> None:
        if draw(st.integers(0, 5)) == 0:
            indent = " " * draw(st.integers(0, 8))
            lines.append(indent + "#" + draw(st.sampled_from(["", " note", "#x", " a # b"])))
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "  ", "\t"])))

    def attribution() -> str:
        if not sources or draw(st.integers(0, 2)):
            return ""
        chosen = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2))
        return " " * draw(st.integers(0, 2)) + "[" + " , ".join(chosen) + "]"

    def inline() -> str:
        return draw(st.sampled_from(["", "", "", "  # why", " #", "\t# x # y"]))

    def claim(depth: int, head: str) -> None:
        text = draw(texts())
        cited = attribution()
        line = " " * (unit * depth) + head + _write_text(draw, text, bool(cited)) + cited
        wrapped = _wrap_randomly(draw, line)
        wrapped[-1] += inline()
        lines.extend(wrapped)

    def named_head(depth: int, top: bool) -> str:
        kinds = ["", "claim ", "implicit "] + (["conclusion "] if top else [])
        if draw(st.integers(0, 2)) == 0 and not top:
            return "- "
        keyword = draw(st.sampled_from(kinds))
        name = draw(st.sampled_from(names))
        defined.append(name)
        if keyword and draw(st.integers(0, 4)) == 0:
            return keyword.rstrip() + ": "
        return f"{keyword}{name}" + " " * draw(st.integers(0, 1)) + ": "

    def group(depth: int, target: str | None, budget: int) -> None:
        kind = draw(st.sampled_from(["reason", "objection", "rebuttal"]))
        parts = [kind]
        if draw(st.booleans()):
            name = draw(st.sampled_from(names))
            parts.append(name)
        if target is not None:
            parts.append(draw(st.sampled_from(["for", "to"])) + " " + target)
        cited = attribution()
        if cited:
            parts.append(cited.strip())
        lines.append(" " * (unit * depth) + (" " * draw(st.integers(1, 2))).join(parts) + ":")
        for _ in range(draw(st.integers(1, 3))):
            comment()
            if defined and draw(st.integers(0, 4)) == 0:
                lines.append(" " * (unit * (depth + 1)) + "@" + draw(st.sampled_from(defined)))
                continue
            claim(depth + 1, named_head(depth + 1, top=False))
            if budget > 0 and draw(st.integers(0, 2)) == 0:
                group(depth + 2, None, budget - 1)

    if draw(st.booleans()):
        lines.append("title: " + _write_text(draw, draw(texts()), False))
    for source in sources:
        lines.append(f"source {source}: " + _write_text(draw, draw(texts()), False))
    for _ in range(draw(st.integers(1, 3))):
        comment()
        if defined and draw(st.integers(0, 3)) == 0:
            group(0, draw(st.sampled_from(defined)), 2)
            continue
        claim(0, named_head(0, top=True))
        for _ in range(draw(st.integers(0, 2))):
            group(unit, None, 2)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(maps())
def test_formatting_keeps_the_model_and_is_idempotent(text: str) -> None:
    result = parse(text)
    assert result.ok, (text, result.diagnostics)  # the generator writes valid maps
    formatted = format_text(text)
    assert formatted is not None
    assert_same_meaning(text, formatted)
    assert format_text(formatted) == formatted


@settings(max_examples=500, deadline=None)
@given(texts(), st.sampled_from(["c: ", "- ", "title: ", "source s: "]), st.booleans())
def test_escaped_text_reads_back(text: str, head: str, cited: bool) -> None:
    cited = cited and head in ("c: ", "- ")
    line = head + escape_text(text, sources=cited) + (" [s]" if cited else "")
    result = parse(line)
    assert result.ok, (line, result.diagnostics)
    m = result.map
    found = m.title if head == "title: " else m.sources[0].text if m.sources else m.claims[0].text
    assert found == text


# The command ------------------------------------------------------------------------------------

MESSY = "conclusion c:Tea.\n      reason:\n          - Warm.\n"
CLEAN = "conclusion c: Tea.\n  reason:\n    - Warm.\n"


def test_fmt_rewrites_a_file_keeping_mode_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_bytes(codecs.BOM_UTF8 + MESSY.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + CLEAN.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["map.arg"]  # no temporary file left


def test_fmt_does_not_touch_a_formatted_file(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text(CLEAN)
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, 1_000_000_000))
    assert main(["fmt", str(path)]) == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)


def test_fmt_refuses_a_file_with_syntax_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "map.arg"
    broken = "conclusion c:  Tea.\n  reasn:\n      - Warm.\n"
    path.write_text(broken)
    assert main(["fmt", str(path)]) == 1
    assert path.read_text() == broken
    err = capsys.readouterr().err
    assert "2:3: error E003 unknown keyword `reasn`" in err
    assert "not formatted" in err


def test_fmt_check_and_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy, clean = tmp_path / "messy.arg", tmp_path / "clean.arg"
    messy.write_text(MESSY)
    clean.write_text(CLEAN)
    assert main(["fmt", "--check", str(clean)]) == 0
    assert main(["fmt", "--check", str(messy), str(clean)]) == 1
    assert capsys.readouterr().out == f"would reformat {messy}\n"
    assert main(["fmt", "--diff", str(messy)]) == 1
    out = capsys.readouterr().out
    assert "-conclusion c:Tea.\n" in out and "+conclusion c: Tea.\n+  reason:\n" in out
    assert messy.read_text() == MESSY  # neither mode writes


def test_fmt_directory_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a.arg").write_text(MESSY)
    (tmp_path / "notes.txt").write_text(MESSY)
    assert main(["fmt", str(tmp_path)]) == 0
    assert (tmp_path / "a.arg").read_text() == CLEAN
    assert (tmp_path / "notes.txt").read_text() == MESSY
    assert main(["fmt", str(tmp_path / "missing.arg")]) == 2


def test_fmt_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.arg"
    real.write_text(MESSY)
    link = tmp_path / "link.arg"
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and real.read_text() == CLEAN


def test_fmt_stdin_to_stdout_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "fmt", "-"],
        input=MESSY.replace("\n", "\r\n").encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == CLEAN.replace("\n", "\r\n").encode()
    broken = subprocess.run(
        [sys.executable, "-m", "argmap", "fmt", "-"],
        input=b"c: see [1]\n",
        capture_output=True,
        check=False,
    )
    assert broken.returncode == 1 and broken.stdout == b""
    assert b"<stdin>:1:" in broken.stderr


def test_hash_before_a_word_is_left_as_written() -> None:
    """docs/language.md: `#1` is text, so `fmt` keeps it as written (no `\\#1`)."""
    text = "conclusion c: Tea is the world's #1 drink. [s]\nsource s: Someone\n"
    formatted = format_text(text)
    assert formatted is not None
    assert "world's #1 drink. [s]" in formatted
    assert "\\#" not in formatted
    assert_same_meaning(text, formatted)
