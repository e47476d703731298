"""Feedback on hand-made student maps against a reference map."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.teach.comparison import compare, similarity
from tests.conftest import OPED

REFERENCE = """\
conclusion walk: We should walk to school.
  reason:
    - Walking every day keeps children healthy.
    - Healthy habits formed early last for life.
  reason:
    - The school is only a kilometre away.
  objection:
    - It often rains in the morning.
    rebuttal:
      - Raincoats keep children dry.
"""


def _map(text: str) -> argmap.ArgumentMap:
    result = argmap.parse(text)
    assert result.ok, result.diagnostics
    return result.map


def _kinds(text: str) -> list[str]:
    return [issue.kind for issue in compare(_map(text), _map(REFERENCE)).issues]


def test_perfect_copy_scores_full_marks() -> None:
    result = compare(_map(REFERENCE), _map(REFERENCE))
    assert result.issues == ()
    assert (result.points, result.total, result.score) == (10, 10, 1.0)
    assert result.report().startswith("- The map matches the reference.\n")


def test_perfect_copy_of_the_op_ed_map() -> None:
    oped = argmap.parse_file(OPED).map
    result = compare(oped, oped)
    assert result.issues == ()
    assert result.claims_found == result.claims_total == len(oped.claims)
    assert result.groups_exact == result.groups_total == len(oped.groups)


def test_missing_reason() -> None:
    student = REFERENCE.replace("  reason:\n    - The school is only a kilometre away.\n", "")
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["missing-claim", "missing-group"]
    assert result.issues[0].message == 'Missing claim: "The school is only a kilometre away."'
    assert result.issues[1].message == (
        'Missing: the reason with "The school is only a kilometre away."'
    )
    assert (result.claims_found, result.groups_exact) == (5, 3)
    assert result.explain().endswith("8/10 = 80%")


def test_reason_turned_into_an_objection() -> None:
    student = REFERENCE.replace("  reason:\n    - The school", "  objection:\n    - The school")
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["wrong-kind"]
    assert result.issues[0].message == (
        'The group with "The school is only a kilometre away." should be a reason, '
        "not an objection."
    )
    assert result.points == 9


def test_linked_premises_split_into_two_reasons() -> None:
    student = REFERENCE.replace(
        "    - Walking every day keeps children healthy.\n",
        "    - Walking every day keeps children healthy.\n  reason:\n",
    )
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["split"]
    assert "belong in one reason" in result.issues[0].message
    assert "You gave them as separate reasons." in result.issues[0].message
    assert result.claims_found == 6 and result.groups_exact == 3


def test_convergent_reasons_merged_into_one() -> None:
    student = REFERENCE.replace(
        "  reason:\n    - The school is only a kilometre away.\n",
        "",
    ).replace(
        "    - Healthy habits formed early last for life.\n",
        "    - Healthy habits formed early last for life.\n"
        "    - The school is only a kilometre away.\n",
    )
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["merged"]
    merged = next(i for i in result.issues if i.kind == "merged")
    assert "are independent" in merged.message
    assert result.groups_exact < result.groups_total


def test_reworded_claim_is_matched_and_reported() -> None:
    student = REFERENCE.replace("It often rains in the morning.", "In the mornings it rains often.")
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["reworded"]
    assert result.claims_found == 6 and result.groups_exact == 4
    assert 'matched to the reference claim "It often rains in the morning."' in (
        result.issues[0].message
    )


def test_unrelated_claim_is_extra_not_a_match() -> None:
    student = REFERENCE.replace(
        "It often rains in the morning.", "Buses are expensive for families."
    )
    kinds = _kinds(student)
    assert "missing-claim" in kinds and "extra-claim" in kinds
    assert "reworded" not in kinds


def test_wrong_target() -> None:
    student = """\
conclusion walk: We should walk to school.
  reason:
    - Walking every day keeps children healthy.
    - Healthy habits formed early last for life.
  reason:
    - The school is only a kilometre away.
    objection:
      - It often rains in the morning.
      rebuttal:
        - Raincoats keep children dry.
"""
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["wrong-target"]
    assert result.issues[0].message == (
        'The objection with "It often rains in the morning." should be aimed at '
        '"We should walk to school.", not at the reason with "The school is only a kilometre '
        'away."'
    )


def test_matching_by_id_wins_over_text() -> None:
    reference = "conclusion c: Tea is good.\n  reason r:\n    w: Tea is warm.\n"
    student = "conclusion c: Tea is good.\n  reason r:\n    w: Tea warms you up.\n"
    result = compare(_map(student), _map(reference))
    assert result.matches[1].by == "id"
    assert result.claims_found == 2


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("Tea is good.", "tea is GOOD", 1.0, 1.0),
        ("Walking keeps children healthy.", "Walks keep a child healthy", 0.5, 1.0),
        ("Tea is good.", "Buses are expensive.", 0.0, 0.0),
    ],
)
def test_similarity(a: str, b: str, low: float, high: float) -> None:
    assert low <= similarity(a, b) <= high


def test_paraphrase_is_matched_by_where_it_stands() -> None:
    student = REFERENCE.replace(
        "It often rains in the morning.", "Mornings are often rainy, so you would get wet."
    )
    result = compare(_map(student), _map(REFERENCE))
    assert [i.kind for i in result.issues] == ["reworded"]
    assert result.matches[4].by == "position"
    assert "stands where the reference has" in result.issues[0].message
    assert result.points == result.total


UNDERCUT = """\
conclusion c: The bridge is safe.
  reason inspected:
    - The bridge was inspected last year.
    objection:
      - The inspection only looked at the paint.
"""


def test_an_undercut_aimed_at_the_conclusion_is_a_wrong_target() -> None:
    # The student left the reason out and aimed its undercut at the conclusion.
    student = (
        "conclusion c: The bridge is safe.\n"
        "  objection:\n"
        "    - The inspection only looked at the paint.\n"
    )
    result = compare(_map(student), _map(UNDERCUT))
    assert (result.groups_exact, result.groups_total) == (0, 2)
    assert [i.kind for i in result.issues] == ["missing-claim", "missing-group", "wrong-target"]
    assert result.issues[2].message == (
        'The objection with "The inspection only looked at the paint." should be aimed at the '
        'reason with "The bridge was inspected last year." (an undercut: it attacks the step '
        'from that reason to "The bridge is safe."), not at "The bridge is safe."'
    )


def test_a_student_map_with_errors_says_so() -> None:
    student = argmap.parse(UNDERCUT + "  reason:\n    @nothing\n")
    result = compare(student, argmap.parse(UNDERCUT))
    assert [d.code for d in result.student_errors] == ["E101"]
    assert result.reference_errors == ()
    report = result.report()
    assert report.startswith("! Your map has 1 error (the first, line 7: E101 ")
    assert "before trusting the score" in report
    # Given as a map, not a parse result, the structural errors are found all the same.
    assert compare(student.map, _map(UNDERCUT)).student_errors == result.student_errors
    assert compare(_map(UNDERCUT), _map(UNDERCUT)).student_errors == ()


def test_the_cli_reports_the_student_map_errors(tmp_path: Path) -> None:
    from tests.conftest import run_argmap

    (tmp_path / "student.arg").write_text(UNDERCUT + "  reason:\n    @nothing\n")
    (tmp_path / "reference.arg").write_text(UNDERCUT)
    done = run_argmap("compare", str(tmp_path / "student.arg"), str(tmp_path / "reference.arg"))
    assert done.stdout.startswith("! Your map has 1 error"), done.stdout
