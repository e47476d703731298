"""Bad input never raises and never hangs: the library and the real CLI answer every file with a
diagnostic or a clear I/O error."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.read.layout import split_lines
from argmap.read.parser import Limits, ParseResult, parse, parse_bytes, parse_file
from tests.model_dump import dump

ROOT = Path(__file__).resolve().parent.parent
OPED_TEXT = (ROOT / "maps" / "us-china-north-korea.arg").read_text(encoding="utf-8")


def _load_generator() -> Callable[..., str]:
    """bench/generate.py is a script folder, not a package: load it by path."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs resolves the module's annotations through it
    spec.loader.exec_module(module)
    return module.generate


generate = _load_generator()


def codes(result: ParseResult) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.code) for d in check(result)]  # type: ignore[union-attr]


def assert_positions_inside(result: ParseResult) -> None:
    """Every diagnostic has a 1-based position inside the text (a column may stand just after
    the end of its line: "the colon is missing here")."""
    lines = split_lines(result.text)
    for d in (*result.diagnostics, *check(result)):
        assert d.span is not None, d
        assert 1 <= d.span.line <= len(lines), d
        assert 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1, d
        assert (d.span.end_line, d.span.end_column) >= (d.span.line, d.span.column), d


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", *args],
        input=None if stdin is None else stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


# Files the library reads ---------------------------------------------------------------------


def test_empty_file() -> None:
    result = parse("")
    assert result.ok
    [warning] = check(result)
    assert (warning.code, str(warning.span)) == ("W201", "1:1")
    assert "the map is empty" in warning.message
    assert codes(parse_bytes(b"")) == [(1, 1, "W201")]
    assert codes(parse("\n\n   \n")) == [(1, 1, "W201")]


def test_utf8_bom_is_accepted_and_positions_do_not_move() -> None:
    with_bom = parse_bytes(b"\xef\xbb\xbf" + OPED_TEXT.encode())
    assert with_bom.diagnostics == () and check(with_bom) == ()
    assert with_bom.map == parse(OPED_TEXT).map  # spans included
    broken = "conclusion c Tea is good.\n"
    assert codes(parse_bytes(b"\xef\xbb\xbf" + broken.encode())) == codes(parse(broken))
    assert codes(parse("\ufeff" + broken)) == [(1, 14, "E002")]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_lone_cr_give_the_lf_model(ending: str) -> None:
    expected = parse(OPED_TEXT)
    result = parse_bytes(OPED_TEXT.replace("\n", ending).encode())
    assert result.map == expected.map
    assert dump(result) == dump(expected)
    broken = "conclusion c: Tea.\n  reason\n    - x\n  objection:\n"
    assert codes(parse(broken.replace("\n", ending))) == codes(parse(broken))


def test_mixed_line_endings_in_one_file() -> None:
    text = "conclusion c: Tea is good.\r\n  reason:\r    - Tea is warm.\n  reasn:\r\n"
    assert codes(parse(text)) == [(4, 3, "E003")]


def test_tabs_mixed_with_spaces() -> None:
    text = "conclusion c: Tea is good.\n \treason:\n\t  - Tea is warm.\n  \t \tobjection:\n"
    result = parse(text)
    assert [(d.span.line, d.span.column, d.code) for d in result.diagnostics] == [  # type: ignore[union-attr]
        (2, 2, "E005"),
        (3, 1, "E005"),
        (4, 3, "E005"),
    ]
    assert_positions_inside(result)


def test_nul_bytes() -> None:
    result = parse_bytes(b"conclusion c: Tea\x00 is good.\n\x00\n  reason:\n    - x\x00\n")
    assert [(d.span.line, d.span.column, d.code) for d in result.diagnostics] == [  # type: ignore[union-attr]
        (1, 18, "E010"),
        (2, 1, "E010"),
        (4, 8, "E010"),
    ]
    assert_positions_inside(result)


def test_bytes_that_are_not_utf8() -> None:
    result = parse_bytes("conclusion c: Tea.\n  reason:\n    - Café ".encode() + b"\xe9t\xe9.\n")
    assert codes(result) == [(3, 12, "E009")]
    assert "0xe9" in result.diagnostics[0].message
    assert_positions_inside(result)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = OPED_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [diagnostic] = parse_bytes(data).diagnostics
    assert diagnostic.code == "E009" and str(diagnostic.span) == "1:1"
    assert "UTF-16" in diagnostic.message or "UTF-32" in diagnostic.message


def test_utf16_without_bom_is_nul_bytes_not_a_crash() -> None:
    result = parse_bytes("conclusion c: Tea.\n".encode("utf-16-le"))
    assert {d.code for d in result.diagnostics} == {"E010"}


def test_a_2mb_single_line() -> None:
    text = "conclusion c: " + "Tea is good and " * 131_072 + "\n"
    assert len(text) > 2_000_000
    assert codes(parse(text)) == [(1, 100_001, "E014")]  # past the default line limit
    unlimited = Limits(max_line=None)  # and without it, still linear
    result = parse(text, limits=unlimited)
    assert result.ok and len(result.map.claims[0].text) > 2_000_000
    assert codes(result) == [(1, 12, "W204")]
    broken = "conclusion c " + "x [" * 700_000 + "\n"
    assert codes(parse(broken, limits=unlimited)) == [(1, 14, "E002")]


@pytest.mark.parametrize(
    "text",
    [
        "conclusion c: x "
        + "\\" * 200_001
        + "[\n",  # a regex on trailing backslashes was quadratic
        "conclusion c: x " + "[" * 200_000 + " ] y\n",  # so was the lookahead for an unclosed `[`
        "conclusion c: x \\\n" * 20_000 + "end\n",  # and joining continuation lines
        "c: " + "[a " * 100_000 + "\n",
        "reason " + "[" * 100_000 + ":\n",
        "@" * 200_000 + "\n",
        "- " + "\\[" * 200_000 + "\n",
    ],
    ids=["backslashes", "brackets", "continuations", "open-lists", "group-brackets", "ats", "esc"],
)
def test_pathological_lines_stay_linear(text: str) -> None:
    result = parse(text)  # each took seconds to minutes before the fixes; now milliseconds
    assert_positions_inside(result)


def test_thousands_of_indentation_levels() -> None:
    """5,000 alternating claim/reason levels: no recursion anywhere (parse, checks, attribution,
    queries), each level one space deeper than the last."""
    levels = 5_000
    lines = ["source s: Someone", "conclusion c0: Claim 0. [s]"]
    for level in range(1, levels // 2):
        lines.append(" " * (2 * level - 1) + "reason:")
        lines.append(" " * (2 * level) + f"c{level}: Claim {level}.")
    lines.append(" " * (levels - 1) + "reason:")
    lines.append(" " * levels + "@c0")  # closes a support circle through every level
    result = parse("\n".join(lines) + "\n", limits=Limits(max_depth=None, max_size=None))
    assert result.ok
    m = result.map
    deepest = f"c{levels // 2 - 1}"
    assert m.attribution(deepest) == ("s",)
    assert len(m.claims) == levels // 2 and len(m.groups) == levels // 2
    [circle] = check(result)
    assert circle.code == "E106" and "`c0` → `c2499` → `c2498`" in circle.message
    assert f"({levels // 2} claims in the circle)" in circle.message
    assert len(circle.related) == 12  # the steps the message names, not all 2,500
    # the same depth without the circle, disconnected from the conclusion
    detached = [lines[0], "conclusion top: Top.", "  reason:", "    - x", *lines[1:-2]]
    detached[4] = detached[4].replace("conclusion c0", "claim c0")
    result = parse("\n".join(detached) + "\n", limits=Limits(max_depth=None, max_size=None))
    [part] = check(result)
    assert part.code == "W203" and "claim `c0`" in part.message
    assert f"nor do the {levels - 2} claims and groups" in part.message


def test_a_wide_map_with_thousands_of_siblings() -> None:
    lines = ["conclusion c: Tea is good.", "  reason:"]
    lines += [f"    p{i}: Premise {i}." for i in range(5_000)]
    lines += ["  reason:", *(f"    @p{i}" for i in range(0, 5_000, 2))]
    result = parse("\n".join(lines) + "\n")
    assert result.ok and check(result) == ()
    assert len(result.map.co_premises("p0")) == 4_999


@pytest.mark.slow
def test_a_300000_line_file() -> None:
    """About 35 s of CPU here (2 cores): 3 s to generate, 28 s to parse, 4 s to check; the
    real `argmap check` on the same file took 42 s of CPU and 330 MiB (bench/check_bench.py)."""
    text = generate(171_000)
    assert len(text.splitlines()) >= 300_000
    result = parse(text, limits=Limits(max_size=None))
    assert result.ok
    assert check(result) == ()


@pytest.mark.parametrize("seed", range(20))
def test_random_binary(seed: int) -> None:
    data = random.Random(seed).randbytes(4_000)
    result = parse_bytes(data)
    assert result.diagnostics  # not UTF-8 (or NUL bytes): never silently accepted
    assert_positions_inside(result)


def test_random_binary_that_happens_to_be_utf8() -> None:
    rng = random.Random(7)
    points = (
        rng.choice((rng.randrange(0, 0x80), rng.randrange(0x80, 0xD800))) for _ in range(20_000)
    )
    text = "".join(map(chr, points))
    result = parse_bytes(text.encode("utf-8"))
    assert_positions_inside(result)


def test_files_and_io_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        parse_file(tmp_path / "missing.arg")
    with pytest.raises(IsADirectoryError):
        parse_file(tmp_path)
    path = tmp_path / "bad.arg"
    path.write_bytes(b"conclusion c: Tea \xff.\n")
    result = parse_file(path)
    assert result.path == str(path)
    assert codes(result) == [(1, 19, "E009")]


# The property: any text at all ---------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [
        *"abc xyz-_:@[],#\\\t\n\r\0é☕",
        *("conclusion ", "claim ", "implicit ", "reason", "objection", "rebuttal", "title:"),
        *("source ", " for ", " to ", "  ", "    ", "\n  ", "\n    ", "\ufeff", "\u2028"),
        *("\r\n", "\\\n"),
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_parses_to_diagnostics_inside_the_file(text: str) -> None:
    result = parse(text)
    assert_positions_inside(result)
    assert check(result) == check(parse(text))  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    assert_positions_inside(parse(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    assert_positions_inside(parse_bytes(data))


@st.composite
def _mutated_oped(draw: st.DrawFn) -> str:
    lines = OPED_TEXT.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "cut", "insert"]))
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 3)) + line
        elif action == "dedent":
            lines[index] = line[draw(st.integers(1, 4)) :]
        elif action == "cut":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + line[at + draw(st.integers(1, 5)) :]
        else:
            at = draw(st.integers(0, len(line)))
            lines[index] = (
                line[:at] + draw(st.lists(_ALPHABET, max_size=4).map("".join)) + line[at:]
            )
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated_oped())
def test_mutations_of_the_oped_map(text: str) -> None:
    result = parse(text)
    assert_positions_inside(result)
    check(result, select=["E", "W"])  # every rule, even on a partial map, never raises
    from argmap import checks

    checks.run(result.map)  # all rules run, as if the map were whole


# The real command line -----------------------------------------------------------------------


def test_cli_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.arg").write_bytes(b"")
    done = run_cli(str(tmp_path / "empty.arg"))
    assert done.returncode == 1  # --fail-on defaults to warning
    assert "W201" in done.stdout and "the map is empty" in done.stdout
    assert run_cli("--fail-on", "error", str(tmp_path / "empty.arg")).returncode == 0


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("nul.arg", b"conclusion c: Tea.\x00\n", "E010"),
        ("latin1.arg", "conclusion c: Café.\n".encode("latin-1"), "E009"),
        ("utf16.arg", "conclusion c: Tea.\n".encode("utf-16"), "E009"),
        ("tabs.arg", b"conclusion c: Tea.\n\treason:\n\t\t- x\n", "E005"),
        ("random.arg", random.Random(1).randbytes(3000), "E009"),
    ],
)
def test_cli_bad_bytes(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(data)
    done = run_cli(str(tmp_path / name))
    assert done.returncode == 1
    assert code in done.stdout


def test_cli_bom_and_crlf_are_clean(tmp_path: Path) -> None:
    path = tmp_path / "windows.arg"
    path.write_bytes(b"\xef\xbb\xbf" + OPED_TEXT.replace("\n", "\r\n").encode())
    done = run_cli(str(path))
    assert done.returncode == 0, done.stdout


def test_cli_directories_and_missing_paths(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli(str(empty))
    assert done.returncode == 2 and "no .arg files" in done.stderr

    maps = tmp_path / "maps"
    (maps / "sub").mkdir(parents=True)
    (maps / "good.arg").write_text(OPED_TEXT, encoding="utf-8")
    (maps / "sub" / "bad.arg").write_text("conclusion c Tea.\n", encoding="utf-8")
    (maps / "notes.txt").write_text("not a map", encoding="utf-8")
    done = run_cli(str(maps))
    assert done.returncode == 1
    assert "bad.arg:1:14" in done.stdout and "E002" in done.stdout
    assert "notes.txt" not in done.stdout

    done = run_cli(str(tmp_path / "missing.arg"))
    assert done.returncode == 2 and "missing.arg" in done.stderr


def test_cli_deep_nesting_and_a_long_line(tmp_path: Path) -> None:
    lines = ["conclusion c0: Claim 0."]
    for level in range(1, 750):
        lines += [
            " " * (2 * level - 1) + "reason:",
            " " * (2 * level) + f"c{level}: Claim {level}.",
        ]
    lines += [" " * 1_499 + "reason:", " " * 1_500 + "@c0"]
    (tmp_path / "deep.arg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "long.arg").write_text("conclusion c " + "x " * 1_000_000, encoding="utf-8")
    done = run_cli(str(tmp_path))
    assert done.returncode == 1
    # The CLI reads with the default limits (docs/limits.md): the levels past 1,000 are cut off
    # with one diagnostic, and the 2 MB line is skipped.
    assert "deep.arg:1001:1001: error E015" in done.stdout
    assert "long.arg:1:100001: error E014" in done.stdout
    assert len(done.stdout) < 10_000  # neither the depth nor the line floods the terminal


def test_cli_stdin_with_bad_bytes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "-"],
        input=b"conclusion c: Tea \xff\n",
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ},
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1 and b"E009" in done.stdout
