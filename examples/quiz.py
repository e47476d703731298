"""A quiz generator: hide one co-premise of a linked reason and ask for it.

    python examples/quiz.py [MAP] [--seed N] [--count N]

Linked co-premises work only together, so a student who understands the argument can say what
the missing one must be. The answer key follows the questions.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import argmap

DEFAULT_MAP = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"


def questions(m: argmap.ArgumentMap, count: int, seed: int) -> list[tuple[str, str]]:
    """(question, answer) pairs, one per chosen group with at least two co-premises."""
    linked = [g for g in m.groups if len(m.premises(g)) >= 2 and m.target(g) is not None]
    chooser = random.Random(seed)
    chosen = chooser.sample(linked, min(count, len(linked)))
    out = []
    for group in sorted(chosen, key=lambda g: m.groups.index(g)):
        premises = m.premises(group)
        hidden = chooser.randrange(len(premises))
        target = m.target(group)
        about = target.text if isinstance(target, argmap.Claim) else f"the {target.kind.value}"
        word = "supports" if group.kind.supports else "opposes"
        lines = [f"This {group.kind.value} {word}: {about}"]
        for index, claim in enumerate(premises):
            lines.append("  - " + ("________" if index == hidden else claim.text))
        lines.append("What is the missing premise?")
        out.append(("\n".join(lines), premises[hidden].text))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("map", nargs="?", default=str(DEFAULT_MAP))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args(argv)
    result = argmap.parse_file(args.map)
    if not result.ok:
        print(f"{args.map} has syntax errors; run argmap check on it", file=sys.stderr)
        return 1
    quiz = questions(result.map, args.count, args.seed)
    for number, (question, _) in enumerate(quiz, start=1):
        print(f"Question {number}. {question}\n")
    print("Answers:")
    for number, (_, answer) in enumerate(quiz, start=1):
        print(f"  {number}. {answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
