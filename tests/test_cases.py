"""The case files: every checker rule and syntax code, with maps that must and must not trip it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from argmap.checks import check
from argmap.diagnostics import Diagnostic
from argmap.read.parser import parse, parse_bytes
from argmap.report.catalogue import all_rules, lookup
from tests.caseloader import Case, load_cases, params

CASES = Path(__file__).parent / "cases"
CHECKS = CASES / "checks"
SYNTAX = CASES / "syntax"
SLIPS = CASES / "slips"
_FILE = re.compile(r"^([EWH]\d{3})-([a-z-]+)$")


def _show(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(
        f"  {d.span} {d.code} {d.message}" + (f"\n    hint: {d.hint}" if d.hint else "")
        for d in diagnostics
    )


def assert_case(case: Case) -> None:
    limits = case.limits
    result = (
        parse_bytes(case.data, limits=limits) if case.binary else parse(case.text, limits=limits)
    )
    diagnostics = list(check(result))
    if case.only is not None:
        diagnostics = [d for d in diagnostics if d.code in case.only]
    for d in diagnostics:
        assert d.span is not None, f"{case.where}: {d.code} has no position"
    actual = Counter((d.span.line, d.span.column, d.code) for d in diagnostics)  # type: ignore[union-attr]
    expected = Counter(e.key for e in case.expected)
    assert actual == expected, (
        f"{case.where}\n--- map\n{case.text}--- got\n{_show(diagnostics)}\n"
        f"--- expected\n" + "\n".join(f"  {e.line}:{e.column} {e.code}" for e in case.expected)
    )
    for e in case.expected:
        same = [d for d in diagnostics if (d.span.line, d.span.column, d.code) == e.key]  # type: ignore[union-attr]
        if e.message is not None:
            assert any(e.message in d.message for d in same), (
                f"{case.where}: no {e.code} at {e.line}:{e.column} says {e.message!r}\n"
                + _show(same)
            )
        if e.hint is not None:
            assert any(d.hint and e.hint in d.hint for d in same), (
                f"{case.where}: no {e.code} at {e.line}:{e.column} hints {e.hint!r}\n" + _show(same)
            )


@pytest.mark.parametrize("case", params(CHECKS))
def test_check_case(case: Case) -> None:
    assert_case(case)


@pytest.mark.parametrize("case", params(SYNTAX))
def test_syntax_case(case: Case) -> None:
    assert_case(case)


@pytest.mark.parametrize("case", params(SLIPS))
def test_slip_case(case: Case) -> None:
    assert_case(case)


def test_the_slip_catalogue_names_a_fix_for_every_slip() -> None:
    """At least twenty slips people really make, each with the message it gets and the hint
    that says where and how to fix it."""
    cases = [case for path in sorted(SLIPS.glob("*.txt")) for case in load_cases(path)]
    slips = [case for case in cases if case.expected]
    assert len(slips) >= 20, f"only {len(slips)} slips in the catalogue"
    for case in slips:
        for e in case.expected:
            assert e.message and e.hint, f"{case.where}: {e.code} has no message or hint to check"


def _rule_files(folder: Path) -> dict[str, Path]:
    found = {}
    for path in folder.glob("*.txt"):
        match = _FILE.match(path.stem)
        if match:
            code, name = match.groups()
            rule = lookup(code)
            assert rule is not None and rule.name == name, f"{path.name} names no registered rule"
            found[code] = path
    return found


def test_every_checker_rule_has_failing_and_passing_cases() -> None:
    files = _rule_files(CHECKS)
    for rule in all_rules():
        if rule.check is None or not rule.default_enabled:
            continue
        assert rule.code in files, f"no case file for {rule.code} {rule.name}"
        cases = load_cases(files[rule.code])
        trips = [c for c in cases if any(e.code == rule.code for e in c.expected)]
        clean = [c for c in cases if all(e.code != rule.code for e in c.expected)]
        assert len(trips) >= 2, f"{rule.code}: fewer than two cases that report it"
        assert len(clean) >= 2, f"{rule.code}: fewer than two cases that must not report it"


def test_every_syntax_code_has_cases() -> None:
    files = _rule_files(SYNTAX)
    for rule in all_rules():
        if rule.check is not None or not rule.code.startswith("E0"):
            continue
        assert rule.code in files, f"no case file for {rule.code} {rule.name}"
        cases = load_cases(files[rule.code])
        assert any(any(e.code == rule.code for e in c.expected) for c in cases), rule.code
