"""Draw every map in a folder: a batch job for a course site or an autograder.

    python examples/batch_render.py MAPS_FOLDER OUTPUT_FOLDER [--format svg|png|pdf]

Maps with errors are not drawn; their diagnostics are listed at the end, so one student's broken
file never stops the batch. Diagrams are written atomically, next to each other in OUTPUT_FOLDER.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import argmap
from argmap.cli.files import write_atomically
from argmap.diagnostics import Severity
from argmap.render import RenderError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("maps", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--format", choices=("svg", "png", "pdf"), default="svg")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    drawn, refused = [], []
    for path in sorted(args.maps.rglob("*.arg")):
        result = argmap.parse_file(path)
        errors = [d for d in argmap.check(result) if d.severity is Severity.ERROR]
        if errors:
            refused.append((path, errors))
            continue
        try:
            data = argmap.render(result.map, format=args.format)
        except RenderError as error:
            refused.append((path, [str(error)]))
            continue
        target = args.output / path.relative_to(args.maps).with_suffix(f".{args.format}")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        drawn.append(target)
    print(f"drew {len(drawn)} maps, refused {len(refused)}")
    for path, problems in refused:
        for problem in problems:
            text = (
                problem
                if isinstance(problem, str)
                else f"{problem.span}: {problem.code} {problem.message}"
            )
            print(f"  {path}: {text}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
