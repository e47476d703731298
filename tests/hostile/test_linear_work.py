"""Work that must stay linear in a hostile input (issue 15): "did you mean" hints for thousands
of undefined references, and a page of thousands of unclosed ```` ```argmap ```` fences.

Speed is measured in bench/hostile_bench.py; here the work itself is counted, so a quadratic
search fails without a clock.
"""

from __future__ import annotations

import difflib

import markdown
import pytest

import argmap
from argmap.checks._util import Suggester
from argmap.markdown import _fences


def _undefined(count: int) -> str:
    lines = ["conclusion top: The top claim."]
    for n in range(count):
        lines += [f"claim point-{n}: Point number {n}.", f"objection to pont-{n}:", "  - No."]
    return "\n".join(lines) + "\n"


def test_hints_weigh_a_bounded_number_of_names_per_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    weighed = 0
    real = difflib.get_close_matches

    def counting(word, possibilities, n=3, cutoff=0.6):  # type: ignore[no-untyped-def]
        nonlocal weighed
        possibilities = list(possibilities)
        weighed += len(possibilities)
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    count = 2_000
    found = [d for d in argmap.check(argmap.parse(_undefined(count))) if d.code == "E101"]
    assert len(found) == count
    # every hint names the id one typo away
    assert all(d.hint == f"did you mean `point-{n}`?" for n, d in enumerate(found))
    assert weighed <= count * Suggester.SHORTLIST  # was count * (count + 1): every id, each time


def test_each_distinct_name_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    suggester = Suggester([f"name-{n}" for n in range(100)])
    calls = []
    real = suggester._closest
    monkeypatch.setattr(suggester, "_closest", lambda name: calls.append(name) or real(name))
    assert suggester.hint("nme-7") == suggester.hint("nme-7") == "did you mean `name-7`?"
    assert calls == ["nme-7"]


def test_a_name_far_from_every_other_gets_no_hint_and_a_bounded_search() -> None:
    suggester = Suggester([f"point-{n}" for n in range(5_000)])
    assert suggester.hint("zzzzzzzz") is None
    assert len(suggester._shortlist("point-12x")) <= Suggester.SHORTLIST


def test_fences_in_one_pass_find_what_the_pattern_found() -> None:
    lines = ["```argmap", "conclusion c: x."] * 4_000
    assert list(_fences(lines)) == []
    # as with the pattern, the first opening fence runs to the first closing one
    closed = [*lines, "```"]
    assert list(_fences(closed)) == [(0, len(closed) - 1)]
    # a fence closes only at its own backticks; tildes are fences too; text after is kept
    page = ["````argmap", "a", "```", "````", "~~~ argmap ", "b", "~~~", "```argmap"]
    assert list(_fences(page)) == [(0, 3), (4, 6)]


def test_a_page_of_unclosed_fences_stays_text() -> None:
    page = "\n".join(["```argmap", "conclusion c: x."] * 4_000)
    html = markdown.markdown(page, extensions=["argmap.markdown", "fenced_code"])
    assert 'class="argmap' not in html and "conclusion c: x." in html
