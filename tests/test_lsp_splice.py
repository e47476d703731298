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
from collections.abc import Callable
from pathlib import Path

import pytest
from lsprotocol import types

from argmap.lsp.analysis import analyse
from argmap.lsp.splice import splice
from argmap.read.layout import Limits
from tests.lsp_edits import edit, generated_map, same_as_fresh

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


# Lines a hostile or careless edit inserts: a tab or a NUL in them, a second title, a source and
# an @id out of place, a conclusion deep down, a long line, a directive, a continued line left
# open, a duplicate id, groups with and without targets.
HOSTILE = [
    "\ttabbed: T.",
    "  x\0y: nul.",
    "title: Again",
    "source s: S",
    "  @w",
    "reason for c:",
    "    conclusion z: Z.",
    "    - " + "long " * 30,
    "objection to w:",
    "  - claim",
    "reason r:",
    "    reason:",
    "# argmap: hints",
    "  - a \\",
    "c: dup.",
    "- top",
]


def _hostile(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        return edit(rng, text)
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(HOSTILE))
    return "\n".join(lines)


def _follow(
    base: str, seed: int, edits: int, change: Callable[[random.Random, str], str], limits: Limits
) -> int:
    """A random sequence of ``edits`` changes of ``base``, each made from the last analysis
    (spliced or fresh) and compared with a fresh one; how many the splice followed."""
    rng = random.Random(seed)
    previous = analyse(base, limits=limits)
    text, followed = base, 0
    for _ in range(edits):
        text = base if rng.random() < 0.1 else change(rng, text)
        found = splice(previous, text, encoding=UTF16, limits=limits)
        if found is None:
            previous = analyse(text, limits=limits)
            continue
        followed += 1
        same_as_fresh(found, text, limits)
        previous = found
    return followed


_BASES = {"oped": OPED.read_text(encoding="utf-8"), "generated": generated_map(), "tricky": TRICKY}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("base", sorted(_BASES))
def test_a_spliced_edit_is_a_fresh_analysis(base: str, seed: int) -> None:
    followed = _follow(_BASES[base], seed, 40, edit, Limits())
    # Most random edits are followed: the comparison is not made vacuously.
    assert followed >= 40 // 5


@pytest.mark.parametrize("base", sorted(_BASES))
def test_a_spliced_hostile_edit_is_a_fresh_analysis(base: str) -> None:
    unlimited = Limits(max_size=None, max_line=None, max_depth=None)
    followed = sum(
        _follow(_BASES[base], seed, 30, _hostile, Limits() if seed % 2 else unlimited)
        for seed in range(12)
    )
    # A NUL written stays until the text starts again: some sequences have little to follow.
    assert followed >= 12 * 30 // 10


@pytest.mark.parametrize(
    ("limits", "below"),
    [
        (Limits(max_line=20), "conclusion c: Tea is good and warm and sweet.\n"),  # too long
        (Limits(max_depth=2), "conclusion c: Tea.\n  reason:\n    - Warm.\n"),  # too deep
    ],
)
def test_a_map_past_a_limit_is_analysed_afresh(limits: Limits, below: str) -> None:
    # A comment rewritten in place, away from the line past the limit: nothing but the limit
    # keeps the splice from following it.
    before = "# a note\n\n" + below
    previous = analyse(before, limits=limits)
    assert previous.result.diagnostics  # the line past the limit is reported
    after = before.replace("# a note", "# another note")
    assert splice(previous, after, encoding=UTF16, limits=limits) is None
    assert splice(analyse(before), after, encoding=UTF16) is not None  # within the limits


def test_a_tab_before_the_region_counts_as_the_parser_counts_it() -> None:
    # The tab takes "tabbed" to column 5: it stands under the group, in line with "- No.", and
    # the new objection goes back out to it (found by a random hostile edit).
    before = (
        "conclusion d: Tea.\nobjection to d:\n\ttabbed: T.\n  - No.\n    reason:\n      - Yes.\n"
    )
    after = before + "  objection:\n    - New.\n"
    found = splice(analyse(before), after, encoding=UTF16)
    assert found is not None
    same_as_fresh(found, after)


_REASON = "conclusion c: Tea.\n  reason:\n    - Warm.\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (_REASON, _REASON + "    - Hot.\n"),  # a co-premise
        (_REASON + "  objection:\n    - Costly.\n", _REASON),  # a group deleted
        (_REASON, _REASON + "  objection:\n    - Costly.\n"),
        (_REASON, _REASON + "reason for \n"),  # half typed at the end
        (_REASON + "- One.\n", _REASON + "- One.\n- Two.\n"),  # numbered after another: claim.2
        (_REASON, _REASON + "    - Hot \\\n      tea.\n"),  # a continued line
        # Ids after the region that count what is in it: the rest of the parent's subtree is
        # read again too (a group of the same target and kind, a co-premise numbered after).
        (
            "conclusion c: Tea.\n  objection:\n    - O.\n  reason:\n    - B.\n",
            "conclusion c: Tea.\n  reason:\n    - N.\n"
            "  objection:\n    - O.\n  reason:\n    - B.\n",
        ),
        (_REASON, _REASON.replace("  reason:\n", "  reason:\n    - Cold.\n")),
        (_REASON + "    - Hot.\n", _REASON.replace("    - Warm.\n", "    - Hot.\n")),
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
        # A group of the same target and kind without an id after it, outside the claim's
        # subtree: its id counts them.
        (
            "conclusion c: Tea.\n  objection:\n    - O.\nreason for c:\n  - B.\n",
            "conclusion c: Tea.\n  reason:\n    - N.\n"
            "  objection:\n    - O.\nreason for c:\n  - B.\n",
        ),
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


def test_the_lines_an_earlier_version_could_not_read_move_with_an_edit_above_them() -> None:
    # Line 5 does not parse (no `:`): the names on it, `later` among them, may be what `@later`
    # reuses, so E101 keeps quiet about it. A reason written above it moves it down a line;
    # were the lines not read kept where they were, `later` would be lost and E101 would speak.
    before = "conclusion c: Tea.\n  reason:\n    - Warm.\n    @later\nclaim later is half typed\n"
    previous = analyse(before)
    assert previous.unread_lines() == {5}
    assert "E101" not in {d.code for d in previous.diagnostics}
    after = before.replace("  reason:\n", "  objection:\n    - Costly.\n  reason:\n")
    found = splice(previous, after, encoding=UTF16)
    assert found is not None
    assert found.unread_lines() == {7}
    assert "E101" not in {d.code for d in found.diagnostics}
    same_as_fresh(found, after)
    # And a line half typed in the region joins them, the one before still moved.
    typed = after.replace("    - Costly.\n", "    - Costly.\n    reason for\n")
    found = splice(found, typed, encoding=UTF16)
    assert found is not None
    assert found.unread_lines() == {4, 8}
    same_as_fresh(found, typed)


@pytest.mark.parametrize(
    ("broken", "followed"),
    [
        ("- Last.\nreason for", True),  # E012 "... found the end of the line": no line named
        ("- Last.\nclaim c", True),  # E002, its hint "write `claim c: ...`"
        ("- Last.\n- ", True),  # E007 "... on the same line": no line named
        ("- Last\nmore text", False),  # E001 "... the text on line 4": that line moves
    ],
)
def test_a_broken_line_after_an_edit_that_moves_it(broken: str, followed: bool) -> None:
    # A line added above a broken one moves it: its diagnostic moves with it, unless its
    # message names a line by its number.
    before = _REASON + broken + "\n"
    after = before.replace("    - Warm.\n", "    - Warm.\n    - Hot.\n")
    found = splice(analyse(before), after, encoding=UTF16)
    assert (found is not None) is followed
    if found is not None:
        same_as_fresh(found, after)
