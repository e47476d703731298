"""Graphviz under control: a layout that explodes is cut off by the time limit with a clear error,
and no user text becomes a Graphviz attribute (the catalogue checks every case for the latter)."""

from __future__ import annotations

import pytest

from argmap.read.parser import parse
from argmap.render import LayoutTimeout, render
from tests.hostile.invariants import assert_dot_is_tame, dot_attributes


def _exploding(length: int) -> str:
    """A premise chain whose conclusion is also supported by every premise: dot's network
    simplex goes quadratic-to-cubic on it."""
    lines = ["conclusion c0: Claim 0."]
    for n in range(1, length):
        lines += [f"reason for c{n - 1}:", f"  c{n}: Claim {n}."]
    for n in range(2, length):
        lines += ["reason for c0:", f"  @c{n}"]
    return "\n".join(lines) + "\n"


def test_an_exploding_layout_is_stopped_by_the_time_limit() -> None:
    m = parse(_exploding(700)).map
    with pytest.raises(LayoutTimeout) as error:
        render(m, "svg", timeout=2)  # a child process, killed at the limit
    assert "did not finish the layout within 2 s" in str(error.value)


@pytest.mark.parametrize(
    "payload",
    [
        '"; image="/etc/passwd',
        "\\] \\[image=x",
        '" URL="javascript:alert(1)" x="',
        "\\]; node \\[shape=none image=x\\]; \\[",
        '<IMG SRC="/etc/passwd"/>',
        "</TD></TR></TABLE>> image=<x>",
        '"\\]\n\\[image="x',
    ],
)
def test_user_text_never_sets_an_attribute(payload: str) -> None:
    payload = payload.replace("\n", " ")
    text = (
        f"title: {payload}\nsource s: {payload}\nconclusion c: {payload} [s]\n"
        f"  reason:\n    - {payload}\n  objection o:\n    p: {payload}\n"
    )
    result = parse(text)
    assert result.ok, result.diagnostics
    assert_dot_is_tame(result.map)  # read back by Graphviz's own parser
    # and the payload is inside the claim's label, whole
    labels = dot_attributes(result.map)[("node", "label")]
    assert any("/etc/passwd" in v or "image" in v or "URL" in v or "IMG" in v for v in labels)
