"""The structural checker: registered rules run over a model, one file per concern.

Each module here registers the rules of one concern (references, groups, cycles, ...) when it is
imported; :mod:`~argmap.checks.checker` runs them, and :func:`check` is the library's entry point.

>>> from argmap import parse
>>> from argmap.checks import run
>>> [d.code for d in run(parse("conclusion c: Tea is good.\\n").map)]
['W204']
"""

from __future__ import annotations

from argmap.checks import (  # noqa: F401  (importing a module registers its rules)
    conclusions,
    connectivity,
    cycles,
    groups,
    hints,
    references,
    relations,
    sources,
    text,
)
from argmap.checks.checker import check, check_file, check_text, checker_rules, run, selected

__all__ = ["check", "check_file", "check_text", "checker_rules", "run", "selected"]
