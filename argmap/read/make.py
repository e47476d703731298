"""Making the model's small frozen objects fast: a parse makes a few for every line.

attrs gives a frozen class an ``__init__`` that sets each field through ``object.__setattr__``,
looked up anew for every object; for a class with slots, setting each slot through its own
descriptor does the same in half the time (a 100,000-claim map makes some 450,000 spans, claims
and premises). :func:`maker` builds such a function for one class, taking the fields in order,
positionally, and checks first that the class has nothing its ``__init__`` would have done
besides: no defaults computed by factories, no validators, converters or ``__attrs_post_init__``.
tests/test_make.py checks that what it makes equals what the class makes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["maker"]

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of the slotted attrs class ``cls``, in order, that makes
    the same object as ``cls(**fields)``."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # any attrs class
    plain = "__slots__" in cls.__dict__ and not hasattr(cls, "__attrs_post_init__")
    for field in fields:
        plain = plain and field.init and field.validator is None and field.converter is None
    if not plain:
        names = [field.name for field in fields]
        return lambda *values: cls(**dict(zip(names, values, strict=True)))
    # The function is written out, as attrs writes __init__: one call per slot, no loop.
    names = [f"v{index}" for index in range(len(fields))]
    lines = [f"def make({', '.join(names)}):", "    made = new(cls)"]
    lines += [f"    set{index}(made, {name})" for index, name in enumerate(names)]
    lines.append("    return made")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    for index, field in enumerate(fields):
        namespace[f"set{index}"] = cls.__dict__[field.name].__set__
    exec("\n".join(lines), namespace)  # our own text: names made from field positions
    made: Callable[..., T] = namespace["make"]
    return made
