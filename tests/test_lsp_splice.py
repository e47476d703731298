"""An edit followed by reading again only the subtrees it changes (argmap.lsp.splice) gives what
a fresh analysis of the new text gives.

Random edit sequences (lines added, deleted, duplicated, indented, half-typed; ids changed; new
reasons) over the op-ed map, a generated one and a map written to hold what the splice must not
get wrong (ids made from counts and places, continued lines, a title, syntax errors): after
each edit the splice either refuses it or matches a fresh analysis in everything the server
asks of it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from argmap.lsp.analysis import analyse
from argmap.lsp.splice import splice
from tests.lsp_edits import edit, same_as_fresh

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
UTF16 = types.PositionEncodingKind.Utf16

# Groups without ids that share a target and kind (their ids count them), numbered claims at the
# top level, reuses, a continued claim, a duplicate id, a title and a source, comments at every
# depth. (A group without a target, whose id names its line, has every edit that moves lines
# analysed afresh: see the last test.)
TRICKY = """\
title: Tea
source a: A writer
# a comment
conclusion c: Tea is good. [a]
  reason:
    - Warm.
    - Cheap.
      objection:
        - Not always.
  reason:
    w: Wet.
      objection:
        # inside
        - Not always.
        - Sometimes.
  objection:
    - Costly.
- A claim of its own.
- Another claim of its own.
claim d: Milk is good \\
  with tea.
reason for c:
  - Extra.
  @w
reason for c:
  - More.
objection to d:
  - No.
    reason:
      - Yes.
claim d: Again.
"""


def _generated() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return generate(80, seed=3)


def _follow(base: str, seed: int, edits: int) -> tuple[int, int]:
    """A random sequence of edits of ``base``, each made from the last analysis (spliced or
    fresh); how many the splice followed, and how many edits there were."""
    rng = random.Random(seed)
    previous = analyse(base)
    text, followed = base, 0
    for _ in range(edits):
        text = base if rng.random() < 0.1 else edit(rng, text)
        found = splice(previous, text, encoding=UTF16)
        if found is None:
            previous = analyse(text)
            continue
        followed += 1
        same_as_fresh(found, text)
        previous = found
    return followed, edits


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("base", ["oped", "generated", "tricky"])
def test_a_spliced_edit_is_a_fresh_analysis(base: str, seed: int) -> None:
    text = {"oped": OPED.read_text(encoding="utf-8"), "generated": _generated(), "tricky": TRICKY}
    followed, edits = _follow(text[base], seed, 40)
    # Most random edits are followed: the comparison is not made vacuously.
    assert followed >= edits // 5


_REASON = "conclusion c: Tea.\n  reason:\n    - Warm.\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (_REASON, _REASON + "    - Hot.\n"),  # a co-premise
        (_REASON + "  objection:\n    - Costly.\n", _REASON),  # a group deleted
        (_REASON, _REASON + "  objection:\n    - Costly.\n"),
        (_REASON, _REASON + "reason for \n"),  # half typed at the end
        (_REASON, _REASON + "    - Hot \\\n      tea.\n"),  # a continued line
        # A group of the same target and kind without an id before another: both are read again.
        (_REASON + "  reason:\n    - B.\n", _REASON + "  reason:\n    - N.\n  reason:\n    - B.\n"),
        (_REASON + "# note\n", _REASON + "# note\n# more\n"),  # comments only
        (_REASON + "claim d: Milk.\n", _REASON + "\n\nclaim d: Milk.\n"),  # blank lines
    ],
)
def test_edits_that_add_or_remove_lines_are_followed(before: str, after: str) -> None:
    found = splice(analyse(before), after, encoding=UTF16)
    assert found is not None
    same_as_fresh(found, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A numbered claim at the top level: the numbers count every one above it.
        ("conclusion c: Tea.\n- One.\n", "conclusion c: Tea.\n- Zero.\n- One.\n"),
        # A group of the same target and kind without an id after it: its id counts them.
        (
            "conclusion c: Tea.\n  objection:\n    - O.\n  reason:\n    - B.\n",
            "conclusion c: Tea.\n  reason:\n    - N.\n"
            "  objection:\n    - O.\n  reason:\n    - B.\n",
        ),
        # A numbered premise after the region: its id is its place in the group.
        (_REASON, _REASON.replace("  reason:\n", "  reason:\n    - Cold.\n")),
        # A premise left outside any group: numbered among the claims of the top level.
        (_REASON, "conclusion c: Tea.\n    - Warm.\n"),
        # A title written or removed.
        (_REASON, "title: T\n" + _REASON),
        # A group without a target after lines added: its id names its line.
        ("reason:\n  - A.\n", "\nreason:\n  - A.\n"),
    ],
)
def test_edits_whose_ids_or_lines_may_change_elsewhere_are_analysed_afresh(
    before: str, after: str
) -> None:
    assert splice(analyse(before), after, encoding=UTF16) is None
