"""The benchmark generator makes clean maps of exactly the size asked, with every construct."""

from __future__ import annotations

import pytest

from argmap.checks import check
from argmap.model import Group, Kind
from argmap.read.parser import parse
from tests.test_bad_input import generate


@pytest.mark.parametrize("claims", [1, 2, 3, 10, 57, 250])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_size_and_clean(claims: int, seed: int) -> None:
    text = generate(claims, seed=seed)
    assert text == generate(claims, seed=seed)  # deterministic
    result = parse(text)
    assert result.ok, result.diagnostics
    assert len(result.map.claims) == claims
    expected = {"W204"} if claims == 1 else set()  # a lone conclusion has no reason
    assert {d.code for d in check(result)} == expected, check(result)[:5]


def test_every_construct_appears() -> None:
    result = parse(generate(1_000))
    m = result.map
    groups = m.groups
    assert {g.kind for g in groups} == set(Kind)
    assert any(g.explicit_target and g.target_keyword == "for" for g in groups)
    assert any(g.explicit_target and g.target_keyword == "to" for g in groups)  # named undercuts
    targets = [m.target(g) for g in groups if g.kind is Kind.OBJECTION]
    assert any(isinstance(t, Group) and t.kind is Kind.REASON for t in targets)  # undercuts
    assert any(p.reuse for g in groups for p in g.premises)
    assert any(len(g.premises) > 1 for g in groups) and len(m.reasons_for("c1")) > 1
    assert any(c.implicit for c in m.claims) and any(c.anonymous for c in m.claims)
    assert any(c.sources for c in m.claims) and any(g.sources for g in groups)
    assert any(c.span.end_line > c.span.line for c in m.claims)  # type: ignore[union-attr]
    assert m.comments
