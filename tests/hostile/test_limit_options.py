"""Raising the limits: ``--max-bytes``, ``--max-line``, ``--max-depth`` on every command that
reads maps, ``render --max-nodes 0``, and the language server's ``initializationOptions``.

Past the size limit nothing more is read, from a file or from stdin: a 16 GiB sparse file and an
endless pipe are refused at once, with E013 at a line and column, and no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from argmap import parse as argmap_parse
from argmap.cli import main
from argmap.read.layout import MAX_SIZE, Limits
from tests.test_lsp_server import OPED, change_document, open_document

ARGMAP = [sys.executable, "-m", "argmap"]
SMALL = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n"
# Big enough to be refused, and a well-formed map, so lifting the limit gives a clean check.
BIG = "".join(f"claim k{n}: Claim number {n} of many.\n" for n in range(320_000))


def _json(output: str) -> list[dict]:
    return json.loads(output)["files"][0]["diagnostics"]


def _check(*words: str, stdin: bytes | None = None, stdin_file: Path | None = None):
    command = [*ARGMAP, "check", "--format", "json", "--select", "E", *words]
    if stdin_file is not None:
        with stdin_file.open("rb") as handle:
            return subprocess.run(command, stdin=handle, capture_output=True, timeout=120)
    return subprocess.run(command, input=stdin, capture_output=True, timeout=120)


def test_a_file_past_the_default_limit_and_the_limit_lifted(tmp_path: Path) -> None:
    path = tmp_path / "big.arg"
    path.write_text("conclusion top: Top.\n" + BIG, encoding="utf-8")
    size = path.stat().st_size
    assert size > MAX_SIZE
    refused = _check(str(path))
    assert refused.returncode == 1 and b"Traceback" not in refused.stderr
    [found] = _json(refused.stdout.decode())
    assert found["code"] == "E013" and f"{size:,} bytes" in found["message"]
    assert found["range"]["start"]["line"] > 1 and found["range"]["start"]["column"] >= 1
    assert "--max-bytes" in found["hint"]
    lifted = _check("--max-bytes", "0", str(path))
    assert lifted.returncode == 0, lifted.stdout[:500]
    assert _json(lifted.stdout.decode()) == []
    lowered = _check("--max-bytes", "1,000", str(path))
    [found] = _json(lowered.stdout.decode())
    assert found["code"] == "E013" and "at most 1,000" in found["message"]


def test_a_huge_sparse_file_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    # 16 GiB that take no disk: reading it whole would exhaust memory long before the timeout.
    path = tmp_path / "sparse.arg"
    with path.open("wb") as handle:
        handle.write(b"conclusion c: Tea is good.\n")
        handle.truncate(1 << 34)
    for words in ((), ("--max-bytes", "5000")):
        done = _check(*words, str(path))
        assert done.returncode == 1 and b"Traceback" not in done.stderr
        [found] = _json(done.stdout.decode())
        assert found["code"] == "E013" and f"{1 << 34:,} bytes" in found["message"]
        assert found["range"]["start"] == {
            "line": 2,
            "column": (int(words[1]) if words else MAX_SIZE) - 26,
        }


def test_an_endless_stdin_is_read_no_further_than_the_limit() -> None:
    endless = subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('- A claim.\\n' * 999)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert endless.stdout is not None
        done = subprocess.run(
            [*ARGMAP, "check", "--format", "json", "--max-bytes", "100000", "-"],
            stdin=endless.stdout,
            capture_output=True,
            timeout=120,
        )
    finally:
        endless.kill()
        endless.wait()
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    [found] = _json(done.stdout.decode())
    assert found["code"] == "E013" and "100,001 bytes" in found["message"]
    # 100,000 bytes are 9,090 lines of 11 bytes and 10 more: the limit falls in line 9,091
    assert found["range"]["start"] == {"line": 9091, "column": 11}


def test_stdin_past_the_limit_and_lifted(tmp_path: Path) -> None:
    path = tmp_path / "big.arg"
    path.write_text("conclusion top: Top.\n" + BIG, encoding="utf-8")
    refused = _check("-", stdin_file=path)
    [found] = _json(refused.stdout.decode())
    assert found["code"] == "E013" and f"{MAX_SIZE + 1:,} bytes" in found["message"]
    lifted = _check("--max-bytes", "0", "-", stdin_file=path)
    assert lifted.returncode == 0 and _json(lifted.stdout.decode()) == []


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (("--max-line", "10"), "E014"),
        (("--max-depth", "2"), "E015"),
        (("--max-bytes", str(len(SMALL) - 1)), "E013"),
    ],
)
def test_each_limit_can_be_lowered(words: tuple[str, str], code: str, capsys) -> None:  # type: ignore[no-untyped-def]
    path = Path(__file__).parent / "limit-small.arg"
    try:
        path.write_text(SMALL, encoding="utf-8")
        assert main(["check", "--select", "E", str(path)]) == 0
        assert main(["check", "--select", "E", "--max-bytes", str(len(SMALL)), str(path)]) == 0
        assert main(["check", "--select", "E", *words, str(path)]) == 1
    finally:
        path.unlink()
    assert code in capsys.readouterr().out


def test_depth_and_line_limits_lifted(tmp_path: Path) -> None:
    deep = "conclusion c: Top.\n" + "".join(
        "  " * (2 * n + 1) + "reason:\n" + "  " * (2 * n + 2) + f"claim d{n}: Deep {n}.\n"
        for n in range(600)
    )
    long = "conclusion c: " + "word " * 30_000 + "end.\n"
    for text, words, code in (
        (deep, ("--max-depth", "0"), "E015"),
        (long, ("--max-line", "0"), "E014"),
    ):
        path = tmp_path / "map.arg"
        path.write_text(text, encoding="utf-8")
        [found] = _json(_check(str(path)).stdout.decode())
        assert found["code"] == code
        assert _json(_check(*words, str(path)).stdout.decode()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["evaluate"],
        ["fmt", "--check"],
        ["render", "-f", "dot", "-o", "-"],
        ["export", "-f", "json"],
        ["convert", "--from", "arg", "--to", "argdown"],
    ],
)
def test_every_command_that_reads_maps_takes_the_limits(command: list[str]) -> None:
    small = subprocess.run([*ARGMAP, *command, "-"], input=SMALL.encode(), capture_output=True)
    assert small.returncode == 0, small.stderr
    refused = subprocess.run(
        [*ARGMAP, *command, "--max-bytes", "20", "-"], input=SMALL.encode(), capture_output=True
    )
    assert refused.returncode != 0 and b"Traceback" not in refused.stderr
    assert b"E013" in refused.stdout + refused.stderr


def test_compare_and_import_take_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text(SMALL, encoding="utf-8")
    compared = subprocess.run(
        [*ARGMAP, "compare", "--max-bytes", "20", str(path), str(path)], capture_output=True
    )
    assert compared.returncode == 1 and b"E013" in compared.stderr
    data = subprocess.run([*ARGMAP, "export", "-f", "json", str(path)], capture_output=True)
    (tmp_path / "map.json").write_bytes(data.stdout)
    for limit, code in (("0", 0), ("20", 1)):
        done = subprocess.run(
            [*ARGMAP, "import", "--max-bytes", limit, str(tmp_path / "map.json")],
            capture_output=True,
        )
        assert done.returncode == code, done.stderr
    assert b"E013 the input is larger than 20 bytes" in done.stderr


# An input past the size limit is the same mistake whatever the command and the format: an E013
# at the line and column where it crosses the limit, exit 1, nothing written, and a hint that
# names the option that raises the limit.
_ARGDOWN = "[tea]: Tea is good.\n  + <w>: It is warm.\n"
_KIALO = "1. Tea is good.\n1.1. Pro: It is warm.\n"
_OVER = [  # (the file, the command, its text, where its 21st byte is)
    ("map.arg", ["convert", "--from", "arg", "--to", "argdown"], SMALL, "1:21"),
    ("map.argdown", ["convert", "--from", "argdown", "--to", "arg"], _ARGDOWN, "2:1"),
    ("map.txt", ["convert", "--from", "kialo", "--to", "arg"], _KIALO, "2:5"),
    ("map.json", ["convert", "--from", "aif", "--to", "arg"], '{"nodes": [], "edges": []}', "1:21"),
    ("map.json", ["import"], '{"format": "argmap", "version": 1}', "1:21"),
]


@pytest.mark.parametrize(("name", "command", "text", "where"), _OVER)
@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_an_input_past_the_size_limit_is_e013_and_exit_1(
    tmp_path: Path, name: str, command: list[str], text: str, where: str, stdin: bool
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    words = [*ARGMAP, *command, "--max-bytes", "20", "-o", str(out)]
    if stdin:
        done = subprocess.run([*words, "-"], input=text.encode(), capture_output=True, timeout=60)
    else:
        done = subprocess.run([*words, str(path)], capture_output=True, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert f"{'<stdin>' if stdin else path}:{where}: error E013 " in err
    assert "hint:" in err and "`--max-bytes`" in err
    assert "Traceback" not in err and not out.exists()
    if not stdin:  # the limit is what refused it
        lifted = subprocess.run([*words, "--max-bytes", "0", str(path)], capture_output=True)
        assert lifted.returncode == 0 and out.exists(), lifted.stderr


def test_the_importers_read_within_the_limits_given(tmp_path: Path) -> None:
    # The importers share the parser's limits (argmap.interop.ingest), so the flags reach them.
    kialo = tmp_path / "long.txt"
    kialo.write_text(f"1. Top claim.\n1.1. Pro: {'It is warm. ' * 10}\n", encoding="utf-8")
    convert = [*ARGMAP, "convert", "--from", "kialo", "--to", "arg", str(kialo)]
    default = subprocess.run(convert, capture_output=True)
    assert default.returncode == 0 and b"It is warm." in default.stdout, default.stderr
    lowered = subprocess.run([*convert, "--max-line", "50"], capture_output=True)
    assert b"E014" in lowered.stderr and b"line is longer than 50 characters" in lowered.stderr
    assert b"It is warm." not in lowered.stdout and b"Traceback" not in lowered.stderr
    deep = tmp_path / "deep.txt"
    deep.write_text("1. Top.\n1.1. Pro: A.\n1.1.1. Pro: B.\n", encoding="utf-8")
    nested = [*ARGMAP, "convert", "--from", "kialo", "--to", "arg", str(deep)]
    assert subprocess.run(nested, capture_output=True).returncode == 0
    lowered = subprocess.run([*nested, "--max-depth", "2"], capture_output=True)
    assert b"E015" in lowered.stderr and b"B." not in lowered.stdout
    argdown = tmp_path / "map.argdown"
    argdown.write_text("[tea]: Tea is good.\n  + <warm>: It is warm.\n", encoding="utf-8")
    refused = subprocess.run(
        [*ARGMAP, "convert", "--to", "arg", "--max-bytes", "20", str(argdown)], capture_output=True
    )
    assert refused.returncode == 1 and b"E013 the input is larger than 20 bytes" in refused.stderr
    from argmap import interop

    text = argdown.read_text(encoding="utf-8")
    assert interop.read(text, "argdown").ok
    small = interop.read(text, "argdown", limits=Limits(max_size=20))
    assert [d.code for d in small.diagnostics] == ["E013"]
    assert "larger than 20 characters" in small.diagnostics[0].message


def test_a_raised_line_limit_reaches_the_converted_map(tmp_path: Path) -> None:
    # Raising --max-line lets an import keep a claim longer than the default line: the text is
    # neither blanked on reading nor cut when the map is written and read back.
    long = "warm " * 30_000  # 150,000 characters
    kialo = tmp_path / "long.txt"
    kialo.write_text(f"1. Top claim.\n1.1. Pro: {long}\n", encoding="utf-8")
    convert = [*ARGMAP, "convert", "--from", "kialo", "--to", "arg", str(kialo)]
    default = subprocess.run(convert, capture_output=True)
    assert default.returncode == 1 and b"E014" in default.stderr
    lifted = subprocess.run([*convert, "--max-line", "0"], capture_output=True)
    assert lifted.returncode == 0, lifted.stderr[-500:]
    assert b"E014" not in lifted.stderr
    back = argmap_parse(lifted.stdout.decode(), limits=Limits(max_line=None))
    assert back.ok and any(c.text == long.strip() for c in back.map.claims)


@pytest.mark.parametrize("value", ["-1", "ten", "1.5"])
def test_a_bad_limit_is_a_usage_error(value: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "--max-bytes", value, "-"]) == 2
    assert "--max-bytes" in capsys.readouterr().err


def test_render_max_nodes_zero_lifts_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text(SMALL, encoding="utf-8")
    capped = subprocess.run(
        [*ARGMAP, "render", str(path), "-o", str(tmp_path / "a.svg"), "--max-nodes", "2"],
        capture_output=True,
    )
    assert capped.returncode != 0 and b"more than the 2" in capped.stdout + capped.stderr
    lifted = subprocess.run(
        [*ARGMAP, "render", str(path), "-o", str(tmp_path / "a.svg"), "--max-nodes", "0"],
        capture_output=True,
    )
    assert lifted.returncode == 0, lifted.stderr
    assert (tmp_path / "a.svg").read_bytes().startswith(b"<?xml")


def test_limits_from_settings() -> None:
    assert Limits.from_settings(None) == (Limits(), [])
    assert Limits.from_settings({"maxSize": 0, "maxLine": None, "maxDepth": 7}) == (
        Limits(max_size=None, max_line=None, max_depth=7),
        [],
    )
    limits, problems = Limits.from_settings({"maxSize": -1, "maxDepth": True, "size": 3})
    assert limits == Limits()
    assert len(problems) == 3 and problems[-1] == "size: not a limit"
    assert Limits.from_settings([1])[0] == Limits()


# The language server with limits from initializationOptions, over real stdio.


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[*ARGMAP, "lsp", "--stdio"]),
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=OPED.parent.as_uri(),
            initialization_options={"limits": {"maxSize": 2000, "maxLine": 40}},
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="module")
async def test_the_server_takes_its_limits_from_initialization_options(
    client: LanguageClient,
) -> None:
    # the defaults (10,000,000 code points, lines of 100,000) would take both of these
    uri, found = await open_document(client, "limits.arg", SMALL)
    assert found == []
    found = await change_document(client, uri, 2, SMALL + "# " + "x" * 2000 + "\n")
    assert [d.code for d in found] == ["E013"]
    found = await change_document(client, uri, 3, SMALL + "    - " + "word " * 10 + "\n")
    assert [(d.code, d.range.start.line) for d in found] == [("E014", 3)]
