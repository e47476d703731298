"""argmap.read.make: the fast constructors make exactly what the model's classes make."""

from __future__ import annotations

import attrs
import pytest

from argmap.model import Claim, Premise, Reference, Span
from argmap.read.make import maker

SPAN = Span(line=3, column=5, end_line=4, end_column=1)


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (Span, (3, 5, 4, 1)),
        (Claim, ("c", "Tea is good.", True, False, (Reference(id="s", span=SPAN),), SPAN, None)),
        (Premise, ("c", SPAN, True)),
    ],
)
def test_what_it_makes_is_what_the_class_makes(cls: type, values: tuple) -> None:
    names = [field.name for field in attrs.fields(cls)]
    expected = cls(**dict(zip(names, values, strict=True)))
    made = maker(cls)(*values)
    assert type(made) is cls
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert attrs.asdict(made) == attrs.asdict(expected)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(made, names[0], values[0])


def test_a_class_with_more_to_do_is_made_by_the_class() -> None:
    made_by_init: list[int] = []

    @attrs.frozen
    class Checked:
        value: int = attrs.field(validator=attrs.validators.gt(0))

    @attrs.frozen
    class Hooked:
        value: int

        def __attrs_post_init__(self) -> None:
            made_by_init.append(self.value)

    with pytest.raises(ValueError):
        maker(Checked)(0)
    assert maker(Hooked)(7) == Hooked(7) and made_by_init == [7, 7]
