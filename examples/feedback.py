"""Feedback on a student's map against the op-ed reference map.

    python examples/feedback.py STUDENT.arg [REFERENCE.arg]

Prints what the student's map is missing, what it adds, and what it places differently, with a
score a teacher can explain. Without a student map, it makes one: the reference with a reason
turned into an objection and a premise reworded, the two most common mistakes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap.teach.comparison import compare

REFERENCE = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"


def sample_student() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    text = text.replace("reason provocations:", "objection provocations:")
    return text.replace(
        "- The threat to stop all trade with China lacks credibility.",
        "- Nobody believes the US would really stop trading with China.",
    )


def main(argv: list[str]) -> int:
    student_text = Path(argv[0]).read_text(encoding="utf-8") if argv else sample_student()
    reference = argmap.parse_file(argv[1] if len(argv) > 1 else REFERENCE)
    student = argmap.parse(student_text)
    for name, result in (("student", student), ("reference", reference)):
        if not result.ok:
            print(f"the {name} map has syntax errors; fix them first:", file=sys.stderr)
            for d in result.diagnostics:
                print(f"  {d.span}: {d.code} {d.message}", file=sys.stderr)
            return 1
    comparison = compare(student.map, reference.map)
    print(comparison.report(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
