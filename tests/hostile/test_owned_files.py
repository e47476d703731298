"""Nothing a user owns is overwritten, leaked or hung on (issue 15), through the real CLI.

Each case of the issue: outputs over inputs, maps and other programs' files; parts that would
take another map's name; walks through links out of the tree, FIFOs, devices, ignored folders
and 1,100 nested folders; reads past the size limit; a file saved while `fmt` runs; full disks
and closed pipes. A "secret" is a file of the test's own, never a real one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.cli.outputs import fingerprinted

ROOT = Path(__file__).resolve().parents[2]
OPED = ROOT / "maps" / "us-china-north-korea.arg"
MAP = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n"
UGLY = "conclusion c:Tea is good.\n      reason:\n        -  It is warm.\n"
SECRET = "SECRET-4f1d9c: the contents of a file nobody asked for"


def _argmap(*args: str, cwd: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    streams = {"stderr": subprocess.PIPE, "stdout": options.pop("stdout", subprocess.PIPE)}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        **streams,  # type: ignore[arg-type]
        cwd=cwd,
        timeout=options.pop("timeout", 120),
        **options,  # type: ignore[arg-type]
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done


# Outputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "markdown", "outline"])
def test_export_never_writes_over_its_input(tmp_path: Path, format: str) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    for extra in ([], ["--force"]):
        done = _argmap("export", "map.arg", "-f", format, "-o", "map.arg", *extra, cwd=tmp_path)
        assert done.returncode == 2 and b"input of this run" in done.stderr
        assert (tmp_path / "map.arg").read_text() == MAP


def test_an_input_through_a_link_or_a_hard_link_is_still_the_input(tmp_path: Path) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    os.link(tmp_path / "map.arg", tmp_path / "hard.json")
    done = _argmap("export", "map.arg", "-o", "hard.json", "--force", cwd=tmp_path)
    assert done.returncode == 2 and (tmp_path / "map.arg").read_text() == MAP
    (tmp_path / "soft.json").symlink_to("map.arg")
    args = ("export", "map.arg", "-o", "soft.json", "--force", "--follow-links")
    assert _argmap(*args, cwd=tmp_path).returncode == 2
    assert (tmp_path / "map.arg").read_text() == MAP


def test_render_does_not_replace_another_map(tmp_path: Path) -> None:
    (tmp_path / "a.arg").write_text(MAP)
    (tmp_path / "other.arg").write_text(UGLY)
    done = _argmap("render", "a.arg", "-o", "other.arg", cwd=tmp_path)
    assert done.returncode == 2 and b"is a map (.arg)" in done.stderr
    assert (tmp_path / "other.arg").read_text() == UGLY


def test_convert_never_rewrites_its_input_in_place(tmp_path: Path) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    assert (
        _argmap("convert", "map.arg", "-o", "x.json", "--to", "aif", cwd=tmp_path).returncode == 0
    )
    aif = (tmp_path / "x.json").read_bytes()
    done = _argmap("convert", "x.json", "-o", "x.json", "--force", cwd=tmp_path)
    assert done.returncode == 2 and b"input of this run" in done.stderr
    assert (tmp_path / "x.json").read_bytes() == aif


def test_a_file_argmap_did_not_write_needs_force(tmp_path: Path) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}\n')
    done = _argmap("export", "map.arg", "-o", "notes.json", cwd=tmp_path)
    assert done.returncode == 2 and b"--force" in done.stderr
    assert notes.read_text() == '{"mine": true}\n'
    assert _argmap("export", "map.arg", "-o", "notes.json", "--force", cwd=tmp_path).returncode == 0
    assert fingerprinted(notes.read_bytes())
    # once argmap's own, it is replaced without --force
    (tmp_path / "map.arg").write_text(MAP.replace("warm", "hot"))
    assert _argmap("export", "map.arg", "-o", "notes.json", cwd=tmp_path).returncode == 0
    assert "hot" in notes.read_text()
    # an SVG of someone else's is not redrawn either
    (tmp_path / "map.svg").write_text("<svg>a logo</svg>")
    done = _argmap("render", "map.arg", cwd=tmp_path)
    assert done.returncode == 2 and (tmp_path / "map.svg").read_text() == "<svg>a logo</svg>"


def test_split_parts_never_take_another_maps_diagram(tmp_path: Path) -> None:
    """`oped --split` once named a part `oped-g1.svg`, the diagram of a map `oped-g1.arg`."""
    (tmp_path / "oped.arg").write_bytes(OPED.read_bytes())
    first = _argmap("render", "oped.arg", "--split", "--part-size", "12", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    parts = sorted(p.name for p in tmp_path.glob("oped@*.svg"))
    assert len(parts) > 1
    # another map whose name is a part's old name keeps its own diagram
    root = parts[1].removeprefix("oped@").removesuffix(".svg")
    (tmp_path / f"oped-{root}.arg").write_text(MAP)
    assert _argmap("render", f"oped-{root}.arg", cwd=tmp_path).returncode == 0
    theirs = (tmp_path / f"oped-{root}.svg").read_bytes()
    again = _argmap("render", "oped.arg", "--split", "--part-size", "12", "--rewrite", cwd=tmp_path)
    assert again.returncode == 0 and (tmp_path / f"oped-{root}.svg").read_bytes() == theirs
    # and a map named exactly like a part makes that part refused, not written over
    (tmp_path / f"oped@{root}.arg").write_text(MAP)
    refused = _argmap("render", "oped.arg", "--split", "--part-size", "12", cwd=tmp_path)
    assert refused.returncode == 2 and b"diagram of another map" in refused.stderr


def test_output_link_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    (outside / "precious.txt").write_text(SECRET)
    (tree / "x.arg").write_text(MAP)
    (tree / "x.svg").symlink_to(outside / "precious.txt")  # a committed link
    done = _argmap("render", "tree", cwd=tmp_path)
    assert done.returncode == 2 and b"symbolic link" in done.stderr
    assert (outside / "precious.txt").read_text() == SECRET


# Walks --------------------------------------------------------------------------------------


def _tree_with_a_link_out(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n")
    (outside / "y.arg").write_text(UGLY)
    (tree / "a.arg").write_text(MAP)
    (tree / "x.arg").symlink_to(outside / "secret.txt")
    (tree / "y.arg").symlink_to(outside / "y.arg")
    return tree, outside


def test_check_does_not_follow_a_link_out_of_the_tree(tmp_path: Path) -> None:
    _tree_with_a_link_out(tmp_path)
    done = _argmap("check", "tree", cwd=tmp_path)
    assert b"SECRET" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout
    assert b"tree/x.arg: skipped: a symbolic link out of the tree" in done.stderr
    followed = _argmap("check", "tree", "--follow-links", cwd=tmp_path)
    assert followed.returncode == 1 and b"tree/x.arg" in followed.stdout  # asked for: read


def test_fmt_does_not_rewrite_a_map_outside_the_tree(tmp_path: Path) -> None:
    _, outside = _tree_with_a_link_out(tmp_path)
    done = _argmap("fmt", "tree", cwd=tmp_path)
    assert done.returncode == 0 and b"tree/y.arg: skipped" in done.stderr
    assert (outside / "y.arg").read_text() == UGLY


def test_a_link_inside_the_tree_is_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "real.arg").write_text(UGLY)
    (tmp_path / "alias.arg").symlink_to("sub/real.arg")
    (tmp_path / "loop").symlink_to(".")  # a link back up is walked once
    done = _argmap("fmt", "--check", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert sorted(done.stdout.decode().splitlines()) == [
        "would reformat alias.arg",
        "would reformat sub/real.arg",
    ]


def test_a_fifo_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.arg")
    (tmp_path / "good.arg").write_text(MAP)
    alone = _argmap("check", "x.arg", cwd=tmp_path, timeout=60)
    assert alone.returncode == 2 and b"FIFO, not a regular file" in alone.stderr
    walked = _argmap("check", ".", cwd=tmp_path, timeout=60)
    assert walked.returncode == 0 and b"x.arg: skipped: a FIFO" in walked.stderr
    for command in (["fmt", "x.arg"], ["render", "x.arg", "-o", "-"], ["export", "x.arg"]):
        assert _argmap(*command, cwd=tmp_path, timeout=60).returncode == 2


def test_a_device_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "zero.arg").symlink_to("/dev/zero")
    done = _argmap("check", "zero.arg", cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and b"a device, not a regular file" in done.stderr


def test_stdin_and_files_are_read_no_further_than_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:  # endless: only a bounded read ends
        done = _argmap("check", "-", cwd=tmp_path, stdin=zero, timeout=120)
    assert done.returncode == 1 and b"E013" in done.stdout
    big = tmp_path / "big.arg"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GB, sparse
    done = _argmap("check", "big.arg", cwd=tmp_path, timeout=120)
    assert done.returncode == 1 and b"E013" in done.stdout
    with open(big, "rb") as handle:
        done = _argmap("import", "-", cwd=tmp_path, stdin=handle, timeout=120)
    assert done.returncode == 1 and b"<stdin>:1:10000001: error E013 " in done.stderr


def test_gitignore_node_modules_and_hidden_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n*.draft.arg\n!keep.draft.arg\n")
    for name in (
        "a.arg",
        "build/b.arg",
        "notes/c.draft.arg",
        "notes/keep.draft.arg",
        "node_modules/pkg/d.arg",
        ".hidden/e.arg",
        "sub/f.arg",
        "sub/g.arg",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(UGLY)
    (tmp_path / "sub" / ".gitignore").write_text("g.arg\n")
    done = _argmap("fmt", "--check", ".", cwd=tmp_path)
    assert done.stdout.decode().splitlines() == [
        "would reformat a.arg",
        "would reformat notes/keep.draft.arg",
        "would reformat sub/f.arg",
    ]
    # a file named on the command line is read, ignored or not
    assert _argmap("fmt", "--check", "build/b.arg", cwd=tmp_path).returncode == 1


def test_1100_nested_folders(tmp_path: Path) -> None:
    folder = str(tmp_path)
    for _ in range(1_100):  # one at a time: os.makedirs itself recurses
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    Path(folder, "deep.arg").write_text(MAP)
    try:
        assert _argmap("check", ".", cwd=tmp_path).returncode == 0
        assert _argmap("fmt", "--check", ".", cwd=tmp_path).returncode == 0
        done = _argmap("render", "--check", ".", cwd=tmp_path)
        assert done.returncode == 1 and b"would draw" in done.stderr
    finally:  # pytest's clean-up (shutil.rmtree) recurses: take the tree down bottom up
        os.unlink(os.path.join(folder, "deep.arg"))
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


# fmt and a file saved under it --------------------------------------------------------------


def test_fmt_leaves_a_file_saved_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import argmap.write.formatter as formatter

    path = tmp_path / "map.arg"
    path.write_text(UGLY)
    saved = "conclusion c: The editor's newer text.\n"
    real = formatter.format_result

    def format_while_an_editor_saves(result):  # type: ignore[no-untyped-def]
        formatted = real(result)
        path.write_text(saved)  # the editor saves between argmap's read and its replace
        return formatted

    monkeypatch.setattr(formatter, "format_result", format_while_an_editor_saves)
    assert main(["fmt", str(path)]) == 1
    assert path.read_text() == saved
    assert "changed while it was being formatted" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.arg"]  # no temporary left


# Full disks and closed pipes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["check", "map.arg", "--format", "json"],
        ["export", "map.arg"],
        ["render", "map.arg", "-o", "-", "-f", "dot"],
        ["fmt", "-"],
    ],
)
def test_a_full_disk_is_a_message(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "map.arg").write_text(UGLY)
    with open("/dev/full", "wb") as full, open(tmp_path / "map.arg", "rb") as source:
        done = _argmap(*command, cwd=tmp_path, stdout=full, stdin=source)
    assert done.returncode == 2 and b"No space left on device" in done.stderr


def test_an_unwritable_output_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    done = _argmap("export", "map.arg", "-o", "/dev/full", cwd=tmp_path)
    assert done.returncode == 2 and b"not a regular file" in done.stderr
    (tmp_path / "locked").mkdir(mode=0o500)
    done = _argmap("render", "map.arg", "-o", "locked/out.svg", cwd=tmp_path)
    if os.geteuid() != 0:  # root writes anywhere
        assert done.returncode == 2 and b"Permission denied" in done.stderr


def test_a_closed_pipe_is_a_message(tmp_path: Path) -> None:
    """`argmap check ... | head -1`: the reader is gone before argmap writes (a pipe whose
    reading end is closed; a live `head` may take the whole report into the pipe's buffer)."""
    (tmp_path / "map.arg").write_text(UGLY + "objection to missing:\n  - No.\n")
    for command in (["check", "map.arg"], ["export", "map.arg"], ["fmt", "-"]):
        reading, writing = os.pipe()
        os.close(reading)
        with open(tmp_path / "map.arg", "rb") as source:
            done = _argmap(*command, cwd=tmp_path, stdout=writing, stdin=source)
        os.close(writing)
        assert done.returncode == 2 and b"closed" in done.stderr, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["render", "map.arg", "-o", "map.svg"],  # auto: the layout it chose is in the mark
        ["render", "map.arg", "-o", "map.svg", "--direction", "right"],
        ["render", "map.arg", "-o", "map.png"],
        ["render", "map.arg", "-o", "map.dot"],
        ["export", "map.arg", "-o", "map.json"],
    ],
    ids=["svg auto", "svg right", "png", "dot", "json"],
)
def test_what_argmap_draws_it_redraws_after_the_map_changes(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "map.arg").write_text(MAP)
    assert _argmap(*args, cwd=tmp_path).returncode == 0
    assert fingerprinted((tmp_path / args[3]).read_bytes())
    (tmp_path / "map.arg").write_text(MAP.replace("warm", "hot"))
    done = _argmap(*args, cwd=tmp_path)  # no --force: the file is argmap's own
    assert done.returncode == 0, done.stderr.decode()
