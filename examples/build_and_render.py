"""Build a map in code, check it, and draw it.

    python examples/build_and_render.py [OUTPUT.svg]

A teaching tool that generates exercises builds its maps this way rather than by writing text.
The builder returns ids for everything it adds, so later steps can aim objections at them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap.teach.map_builder import MapBuilder, premise


def build() -> argmap.ArgumentMap:
    b = MapBuilder(title="Should we walk to school?")
    b.source("pupil", "A pupil in class 4B")
    walk = b.conclusion("We should walk to school.", id="walk")
    health = b.reason(
        walk,
        "Walking every day keeps children healthy.",
        premise("Keeping healthy matters more than saving ten minutes.", implicit=True),
    )
    b.reason(walk, "The school is only a kilometre away.")
    rain = b.objection(walk, premise("It often rains in the morning.", sources=["pupil"]))
    b.rebuttal(rain, "Raincoats and umbrellas keep children dry.")
    b.objection(health, "Traffic fumes on the main road harm children's lungs.")
    return b.build()


def main(argv: list[str]) -> int:
    m = build()
    problems = argmap.check(m)
    for d in problems:
        print(f"{d.code} {d.message}", file=sys.stderr)
    output = Path(argv[0] if argv else "walk-to-school.svg")
    output.write_bytes(argmap.render(m, format="svg"))
    print(f"{len(m.claims)} claims, {len(m.groups)} groups, {len(problems)} problems: {output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
