"""The limits (argmap.read.layout.Limits) at their real values: at the limit, and one past it.

And the passes downstream of the parser at the depth limit, so that no recursion anywhere can
fail on a map the parser accepts: checks, evaluation, DOT, outline, writer, formatter, JSON,
interop writers and readers, the language server's analysis and document symbols.
"""

from __future__ import annotations

import json

import pytest

from argmap import from_json, interop
from argmap.checks import check
from argmap.evaluation import evaluate
from argmap.interop.draft import DEEPEST
from argmap.lsp import features
from argmap.lsp.analysis import analyse
from argmap.read import layout
from argmap.read.layout import MAX_DEPTH, MAX_LINE, MAX_SIZE
from argmap.read.parser import Limits, parse, parse_bytes, parse_file
from argmap.render import to_dot
from argmap.write.formatter import format_text
from argmap.write.from_model import dumps
from argmap.write.json_io import to_json
from argmap.write.outline import to_markdown, to_outline
from tests.hostile.invariants import assert_positions_inside


def test_the_limits_are_the_documented_values() -> None:
    assert (MAX_SIZE, MAX_LINE, MAX_DEPTH) == (10_000_000, 100_000, 1_000)
    assert Limits() == Limits(max_size=MAX_SIZE, max_line=MAX_LINE, max_depth=MAX_DEPTH)


def _sized(size: int) -> str:
    """A valid map of exactly ``size`` code points, cheap to parse: long comment lines."""
    head = "conclusion c: Tea is good.\n"
    line = "#" + "x" * 99_998 + "\n"  # 100,000 code points with its line end
    count, rest = divmod(size - len(head), len(line))
    return head + line * count + "#" + "y" * (rest - 2) + "\n"


def test_input_size_at_and_past_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = _sized(MAX_SIZE)
    assert len(text) == MAX_SIZE
    result = parse(text)
    assert result.ok and [c.id for c in result.map.claims] == ["c"]
    past = parse(text + "x")
    assert [d.code for d in past.diagnostics] == ["E013"]
    lines = text.count("\n")
    assert str(past.diagnostics[0].span) == f"{lines + 1}:1"  # the code point past the limit
    assert past.map.claims == ()
    assert_positions_inside(past)
    # bytes count for files: 10,000,000 bytes read, one more refused before decoding
    assert parse_bytes(text.encode()).ok
    assert [d.code for d in parse_bytes(text.encode() + b"x").diagnostics] == ["E013"]
    path = tmp_path / "big.arg"
    path.write_bytes(text.encode() + b"x" * 5_000_000)
    [d] = parse_file(path).diagnostics
    assert d.code == "E013" and "15,000,000 bytes" in d.message
    assert parse(text + "\n", limits=Limits(max_size=None)).ok  # for trusted input


def test_line_length_at_and_past_the_limit() -> None:
    head = "conclusion c: "
    at = head + "x" * (MAX_LINE - len(head))
    result = parse(at + "\n  reason:\n    - y\n")
    assert result.ok and len(result.map.claims[0].text) == MAX_LINE - len(head)
    past = parse(at + "x\n  reason:\n    - y\n")
    assert [(str(d.span), d.code) for d in past.diagnostics] == [(f"1:{MAX_LINE + 1}", "E014")]
    # the skipped line keeps its place: the reason below it is not moved to the top level
    assert [d.code for d in check(past) if d.code == "E008"] == []
    assert_positions_inside(past)


def _deep(depth: int) -> str:
    """A map nested ``depth`` lines deep, claim/reason alternating, one space per level."""
    lines = ["conclusion c0: Claim 0."]
    for level in range(1, depth):
        if level % 2:
            lines.append(" " * level + "reason:")
        else:
            lines.append(" " * level + f"c{level}: Claim {level}.")
    return "\n".join(lines) + "\n"


def test_depth_at_and_past_the_limit() -> None:
    assert parse(_deep(MAX_DEPTH)).ok
    past = parse(_deep(MAX_DEPTH + 1))
    assert [(str(d.span), d.code) for d in past.diagnostics] == [
        (f"{MAX_DEPTH + 1}:{MAX_DEPTH + 1}", "E015")
    ]
    # far past: still one diagnostic, at the first line too deep
    assert len(parse(_deep(3 * MAX_DEPTH)).diagnostics) == 1


def _chain(length: int) -> str:
    lines = ["conclusion c0: Claim 0."]
    for n in range(1, length):
        lines += [f"reason for c{n - 1}:", f"  c{n}: Claim {n}."]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("shape", ["deep", "chain"])
def test_every_pass_survives_the_deepest_map(shape: str) -> None:
    text = _deep(MAX_DEPTH) if shape == "deep" else _chain(2_000)
    result = parse(text)
    assert result.ok
    m = result.map
    # the deep map ends with a reason at the last level: empty, and that is all that is wrong
    assert [d.code for d in check(result)] == (["E103"] if shape == "deep" else [])
    assert len(evaluate(m).labels) == len(m.claims) + len(m.groups)
    assert to_dot(m).startswith("digraph")
    assert to_outline(m) and to_markdown(m)
    again = parse(dumps(m))
    assert again.ok and [c.id for c in again.map.claims] == [c.id for c in m.claims]
    formatted = format_text(text)
    assert formatted is not None and format_text(formatted) == formatted
    assert from_json(to_json(m)).claims == m.claims
    for name in ("aif", "argdown", "mermaid"):
        exported = interop.write(m, name)
        # argmap reads AIF and Argdown back (a long chain: test_interop_reads_a_long_chain)
        if name != "mermaid" and shape == "deep":
            imported = interop.read(exported.text, name)  # type: ignore[attr-defined]
            assert len(imported.map.claims) == len(m.claims)  # type: ignore[attr-defined]
    analysis = analyse(text)
    symbols = features.document_symbols(analysis)
    from pygls.protocol import default_converter

    json.dumps(default_converter().unstructure(symbols))  # nested JSON, as sent to the editor


@pytest.mark.parametrize("name", ["aif", "argdown"])
def test_interop_reads_a_long_chain(name: str) -> None:
    # Each group stands under its target when read back, down to DEEPEST levels; deeper ones
    # are written at the top level, naming their target: the same map, readable text.
    m = parse(_chain(2_000)).map
    imported = interop.read(interop.write(m, name).text, name)  # type: ignore[attr-defined]
    back = imported.map  # type: ignore[attr-defined]
    assert [(c.id, c.text) for c in back.claims] == [(c.id, c.text) for c in m.claims]
    assert sorted((g.target, [p.id for p in g.premises]) for g in back.groups) == sorted(
        (g.target, [p.id for p in g.premises]) for g in m.groups
    )
    assert parse(imported.text).ok  # type: ignore[attr-defined]
    lines = layout.logical_lines(imported.text)  # type: ignore[attr-defined]
    deepest = max(line.indent for line in lines if isinstance(line, layout.Line)) // 2 + 1
    assert DEEPEST <= deepest <= DEEPEST + 1
