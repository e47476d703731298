"""``argmap compare STUDENT REFERENCE``: feedback on a student's map against a reference."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from argmap.report import shown_path

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "compare",
        help="give feedback on a student's map against a reference map",
        description="Match the student's claims and groups to the reference's and say what is "
        "missing, extra, or placed differently, with a score a teacher can explain.",
    )
    parser.add_argument("student", metavar="STUDENT", help="the student's .arg file")
    parser.add_argument("reference", metavar="REFERENCE", help="the reference .arg file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    from argmap.cli.inputs import add_limit_options

    add_limit_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.inputs import Input, InputError, limits, read
    from argmap.report import FileReport, render_report
    from argmap.teach.comparison import compare

    maps = []
    for path in (args.student, args.reference):
        result = read(Input(path=path, label=path), limits(args))
        if isinstance(result, InputError):
            print(f"argmap: {shown_path(result.path)}: {result.message}", file=sys.stderr)
            return 2
        if not result.ok:
            report = FileReport(path=path, text=result.text, diagnostics=result.diagnostics)
            sys.stderr.write(render_report([report], "text"))
            return 1
        maps.append(result)
    comparison = compare(maps[0], maps[1])
    if args.format == "text":
        sys.stdout.write(comparison.report())
    else:
        document = {
            "score": round(comparison.score, 4),
            "points": comparison.points,
            "total": comparison.total,
            "claims": {"found": comparison.claims_found, "total": comparison.claims_total},
            "groups": {"exact": comparison.groups_exact, "total": comparison.groups_total},
            "matches": [
                {"reference": m.reference.id, "student": m.student.id, "by": m.by}
                for m in comparison.matches
            ],
            "student_errors": [_error(d) for d in comparison.student_errors],
            "reference_errors": [_error(d) for d in comparison.reference_errors],
            "issues": [
                {
                    "kind": i.kind,
                    "message": i.message,
                    "reference": i.reference,
                    "student": i.student,
                }
                for i in comparison.issues
            ],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return 0


def _error(d: Diagnostic) -> dict[str, object]:
    span = d.span
    return {
        "code": d.code,
        "message": d.message,
        "line": span.line if span else None,
        "column": span.column if span else None,
    }
