"""Which rules run on a map with syntax errors: only those that stay sound, so every finding on
the partial map is one that the map still has once its broken line is written right."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import check, check_text
from argmap.checks.checker import unread_names
from argmap.read.parser import parse

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
PARTIAL_RULES = ("E101", "W206")  # sound on a partial map given the unread names


def breakings(line: str) -> list[str]:
    """Ways to break a line: its `:` dropped (a syntax error that loses the whole line), and an
    unclosed `[` at its end (the parser keeps the statement and drops its sources)."""
    found = []
    if ":" in line:
        found.append(line.replace(":", " ", 1))
    if line.strip() and not line.lstrip().startswith("#") and not line.endswith("\\"):
        found.append(line + " [unclosed")
    return found


def findings(text: str) -> set[tuple[int, int, str, str]]:
    return {
        (d.span.line, d.span.column, d.code, d.message)
        for d in check_text(text)
        if d.code in PARTIAL_RULES and d.span is not None
    }


def broken_variants(text: str):
    lines = text.split("\n")
    for number, line in enumerate(lines):
        for broken in breakings(line):
            yield number + 1, "\n".join([*lines[:number], broken, *lines[number + 1 :]])


@pytest.mark.parametrize(
    "extra",
    [
        "",
        "  reason:\n    @nowhere\n    - A premise.\n",  # an undefined reuse
        "source unused: Nobody cites this\n",  # an unused source
        "claim x: Something. [ghost]\n",  # an undefined source
    ],
)
def test_findings_on_a_broken_map_hold_for_the_whole_map(extra: str) -> None:
    whole = OPED.read_text(encoding="utf-8") + extra
    expected = findings(whole)
    assert bool(expected) == bool(extra)
    reported_somewhere = set()
    broken = 0
    for number, text in broken_variants(whole):
        result = parse(text)
        if result.complete:
            continue  # the change made another valid line (a `:` in a claim's text)
        broken += 1
        partial = findings(text)
        # Sound: everything reported on the partial map is true of the whole map.
        assert partial <= expected, f"line {number} broken: {partial - expected}"
        reported_somewhere |= partial
        # And useful: a finding away from the broken line and the names on it is still made.
        for line, column, code, message in expected:
            named = message.split("`")[1].lstrip("@")
            if line != number and named not in unread_names(result):
                assert (line, column, code, message) in partial, (number, message)
    assert reported_somewhere == expected
    assert broken > 50


def test_a_name_on_the_broken_line_is_not_reported() -> None:
    # `c` is defined on the broken line: the whole map has no undefined reference.
    text = "conclusion c Tea is good.\nreason for c:\n  - Tea is warm.\n  @nowhere\n"
    assert {d.code for d in check_text(text)} == {"E002", "E101"}
    (undefined,) = [d for d in check_text(text) if d.code == "E101"]
    assert "nowhere" in undefined.message
    assert unread_names(parse(text)) == {"conclusion", "c", "Tea", "is", "good"}


def test_a_claim_kept_from_a_line_with_an_error_still_counts_as_unread() -> None:
    # The parser keeps the claim and drops its unclosed list: `s` may be cited there.
    text = "source s: Someone\nconclusion c: Tea is good. [s\n"
    assert [d.code for d in check_text(text)] == ["E006"]
    assert "s" in unread_names(parse(text))


def test_a_statement_with_an_error_on_its_continuation_line_is_unread_whole() -> None:
    # The error is on the second line of the claim; its first line may cite `s` too.
    text = "source s: Someone\nconclusion c: Tea is good \\\n    and [s\n"
    result = parse(text)
    assert [d.span.line for d in result.diagnostics if d.span] == [3]
    assert {"conclusion", "c", "Tea", "s"} <= unread_names(result)
    assert "Someone" not in unread_names(result)


def test_check_takes_the_unread_names_it_is_given() -> None:
    # The language server hands check the names it found from the version before: check uses
    # them, and finds the same ones itself when it is given none.
    text = "conclusion c: Tea.\n  reason:\n    @later\nclaim later is half typed\n"
    result = parse(text)
    assert unread_names(result) == {"claim", "later", "is", "half", "typed"}
    assert check(result, unread=unread_names(result)) == check(result)
    assert "E101" not in {d.code for d in check(result)}
    assert "E101" in {d.code for d in check(result, unread=frozenset())}
