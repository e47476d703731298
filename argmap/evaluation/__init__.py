"""Which claims stand: the grounded labelling of a map, its explanations and other semantics.

>>> from argmap import parse
>>> from argmap.evaluation import evaluate
>>> text = "conclusion c: Tea is good.\\n  reason:\\n    - It is warm.\\n"
>>> evaluate(parse(text).map).label("c")
<Label.IN: 'in'>
"""

from __future__ import annotations

from argmap.evaluation.explain import Cycle, Step
from argmap.evaluation.framework import EnumerationLimit, Framework, Label
from argmap.evaluation.result import Evaluation, Labelling, Region, evaluate
from argmap.evaluation.translate import Translation, translate

__all__ = [
    "Cycle",
    "EnumerationLimit",
    "Evaluation",
    "Framework",
    "Label",
    "Labelling",
    "Region",
    "Step",
    "Translation",
    "evaluate",
    "translate",
]
