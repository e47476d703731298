"""The check and explain commands: in-process through main(argv), and as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.diagnostics import Diagnostic
from argmap.report.catalogue import all_rules
from tests.conftest import OPED, ROOT
from tests.conftest import run_argmap as run

BROKEN = """\
conclusion c: Tea is good. [nobody]
  reason:
    - It is warm.
    @missing
"""
WARNED = """\
conclusion c: Tea is good.
  objection:
    - It can be bitter.
"""


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    (tmp_path / "broken.arg").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "warned.arg").write_text(WARNED, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "clean.arg").write_text(OPED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    return tmp_path


def test_op_ed_map_is_clean_through_the_real_cli() -> None:
    done = run("check", "maps/")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "No problems in 1 file.\n"
    assert done.stderr == ""


def test_text_report_points_at_the_mistake(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(maps / "broken.arg")]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{maps / 'broken.arg'}:1:29: error E101 no source `nobody` is declared"
    assert lines[1] == "  1 | conclusion c: Tea is good. [nobody]"
    assert lines[2] == "    |                             ^^^^^^"
    assert (
        f"{maps / 'broken.arg'}:4:5: error E101 `@missing` reuses a claim that is not defined"
        in out
    )
    assert out.endswith("Found 2 errors in 1 of 1 file.\n")


def test_directories_are_walked_in_sorted_order(
    maps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--format", "json", str(maps)]) == 1
    report = json.loads(capsys.readouterr().out)
    paths = [f["path"] for f in report["files"]]
    assert paths == sorted(paths)
    assert [Path(p).name for p in paths] == ["broken.arg", "clean.arg", "warned.arg"]
    assert report["summary"] == {"files": 3, "errors": 2, "warnings": 1, "hints": 0}


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("hint", 1)])
def test_fail_on_sets_the_threshold(maps: Path, fail_on: str, expected: int) -> None:
    assert main(["check", "--fail-on", fail_on, str(maps / "warned.arg")]) == expected


def test_select_and_ignore(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "W204", str(maps / "warned.arg")]) == 0
    assert main(["check", "--select", "E", str(maps / "warned.arg")]) == 0
    assert main(["check", "--select", "unsupported-conclusion", str(maps / "warned.arg")]) == 1
    assert "W204" in capsys.readouterr().out


def test_stdin_with_a_name() -> None:
    done = run("check", "--stdin-filename", "typed.arg", "-", stdin=BROKEN)
    assert done.returncode == 1
    assert done.stdout.startswith("typed.arg:1:29: error E101")


def test_missing_path_is_an_io_error_and_the_rest_is_still_checked(maps: Path) -> None:
    done = run("check", str(maps / "nope.arg"), str(maps / "sub"))
    assert done.returncode == 2
    assert done.stderr == f"argmap: {maps / 'nope.arg'}: no such file or directory\n"
    assert done.stdout == "No problems in 1 file.\n"


def test_usage_error_exits_2() -> None:
    done = run("check", "--format", "xml", "maps/")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_github_annotations_follow_the_workflow_command_syntax(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A path with the characters the syntax reserves: ',' and ':' in properties, '%' anywhere.
    path = tmp_path / "a,b:c%d.arg"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["check", "--format", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    pattern = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
    for line in lines:
        match = pattern.match(line)
        assert match, line
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}
        decoded = props["file"].replace("%2C", ",").replace("%3A", ":").replace("%25", "%")
        assert decoded == str(path)
    assert lines[0].startswith("::error ")
    assert "line=1,col=29,endLine=1,endColumn=35,title=E101 undefined-reference::" in lines[0]


def test_github_escapes_newlines_in_messages() -> None:
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.report import FileReport, render_report

    d = Diagnostic(code="E001", name="syntax-error", severity=Severity.ERROR, message="a\nb%c")
    out = render_report([FileReport(path="x.arg", text="", diagnostics=(d,))], "github")
    assert out == "::error file=x.arg,title=E001 syntax-error::a%0Ab%25c\n"


def test_sarif_is_well_formed(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "sarif", str(maps)]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert {r["ruleId"] for r in results} == {"E101", "W204"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert all(isinstance(v, int) and v >= 1 for v in region.values())
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in {a["location"]["uri"] for a in run_["artifacts"]}


@pytest.mark.parametrize("format", ["text", "json", "github", "sarif"])
def test_output_is_deterministic_across_hash_seeds(maps: Path, format: str) -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", "--format", format, str(maps)],
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_explain_prints_the_rule_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "E106"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("E106 support-cycle (error, a structural check)\n\n")
    assert "circle" in out
    assert main(["explain", "duplicate-text"]) == 0
    assert capsys.readouterr().out.startswith("W207 duplicate-text (warning")


def test_explain_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == [r.code for r in all_rules()]


def test_explain_unknown_code() -> None:
    done = run("explain", "X999")
    assert done.returncode == 2
    assert "unknown code" in done.stderr


def test_version() -> None:
    from argmap import __version__

    done = run("--version")
    assert done.returncode == 0
    assert done.stdout == f"argmap {__version__}\n"


def test_every_rule_has_documentation_and_a_unique_name() -> None:
    rules = all_rules()
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"[EWH]\d{3}", rule.code)
        assert rule.code[0] == {3: "E", 2: "W", 1: "H"}[rule.severity]
        assert rule.summary and rule.doc.startswith(rule.summary)


def test_committed_maps_are_in_canonical_form() -> None:
    done = run("fmt", "--check", "maps/")
    assert done.returncode == 0, done.stdout + done.stderr


# What `argmap check` loads: its start-up is most of its time on a small map (docs/performance.md).
_HEAVY = ("lark", "graphviz", "pygraphviz", "pygls", "lsprotocol", "json", "difflib")
_OTHER_COMMANDS = ("argmap.render", "argmap.lsp", "argmap.interop", "argmap.evaluation")
_LOADED = (
    "import sys; from argmap.cli import main; code = main(sys.argv[1:]); "
    "print(code, *sorted(m for m in sys.modules if m.split('.')[0] in {heavy} "
    "or m.startswith({other}) or m.startswith('argmap.cli.')))"
)


def _loaded(*argv: str) -> list[str]:
    script = _LOADED.format(heavy=set(_HEAVY), other=_OTHER_COMMANDS)
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd=ROOT
    )
    return done.stdout.splitlines()[-1].split()


def test_check_loads_only_what_a_clean_map_needs() -> None:
    # No lark (every line of the op-ed map takes the fast path), no drawing, no language
    # server, no other command's module.
    assert _loaded("check", str(OPED)) == ["0", "argmap.cli.check", "argmap.cli.inputs"]


def test_a_line_the_fast_path_leaves_loads_lark_and_is_read_right(tmp_path: Path) -> None:
    path = tmp_path / "keyword-id.arg"
    path.write_text("claim reason: A keyword as an id is lark's to read.\n", encoding="utf-8")
    loaded = _loaded("check", "--ignore", "W", str(path))
    assert loaded[0] == "0" and "lark" in loaded


def test_version_builds_no_command_parser() -> None:
    assert _loaded("--version") == ["0"]
    assert _loaded("--bogus") == ["2"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--version"],
        ["--version", "check"],
        ["--bogus", "--version"],
        ["--bogus"],
        ["chek"],
        ["x", "y"],
        ["-h"],
        ["--help"],
        ["--he"],
        ["check", "--help"],
        ["render", "-h"],
    ],
)
def test_the_lazy_parsers_answer_as_the_full_one(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import build_parser

    try:
        build_parser().parse_args(argv)
    except SystemExit as exit:
        full = exit.code
    else:  # pragma: no cover - every case here exits
        pytest.fail("no exit")
    expected = capsys.readouterr()
    assert main(argv) == full
    assert capsys.readouterr() == expected


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("conclusion c: Café.\n".encode("latin-1"), (1, 18)),  # a byte that is not UTF-8
        ("conclusion c: Tea.\n".encode("utf-16"), (1, 1)),  # a wide BOM
    ],
    ids=["latin-1", "utf-16"],
)
def test_an_input_that_is_not_utf8_is_decoded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, where: tuple[int, int]
) -> None:
    from argmap.cli import inputs
    from argmap.read import parser

    decoded: list[bytes] = []

    def counting(given: bytes) -> tuple[str, Diagnostic | None]:
        decoded.append(given)
        return real(given)

    real = parser.decode
    monkeypatch.setattr(parser, "decode", counting)
    monkeypatch.setattr(inputs, "decode", counting)
    path = tmp_path / "map.arg"
    path.write_bytes(data)
    result = inputs.read(inputs.Input(str(path), "map.arg"))
    assert not isinstance(result, inputs.InputError)
    (problem,) = result.diagnostics
    assert problem.code == "E009" and problem.span is not None
    assert (problem.span.line, problem.span.column) == where
    assert result.path == "map.arg" and not result.map.claims
    assert decoded == [data]
