"""dumps(map): canonical text that parses back to the same map, built maps included."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.teach.map_builder import MapBuilder, premise, reuse
from argmap.write.formatter import format_text
from argmap.write.from_model import dumps
from tests.conftest import OPED


def _spanless(m: argmap.ArgumentMap) -> tuple[object, ...]:
    """A map's meaning: everything but where it was written."""

    def refs(items: tuple[argmap.Reference, ...]) -> tuple[str, ...]:
        return tuple(r.id for r in items)

    claims = tuple(
        (c.id, c.text, c.conclusion, c.implicit, refs(c.sources), m.attribution(c))
        for c in m.claims
    )
    groups = tuple(
        (
            g.id,
            g.kind,
            g.target,
            g.target_keyword,
            tuple((p.id, p.reuse) for p in g.premises),
            refs(g.sources),
        )
        for g in m.groups
    )
    sources = tuple((s.id, s.text) for s in m.sources)
    return (m.title, sources, sorted(claims, key=str), sorted(groups, key=str))


def test_dumps_of_a_parsed_map_is_what_fmt_writes() -> None:
    text = OPED.read_text(encoding="utf-8")
    assert dumps(argmap.parse(text).map) == format_text(text)


def test_dumps_round_trips_the_op_ed_map() -> None:
    m = argmap.parse_file(OPED).map
    again = argmap.parse(dumps(m)).map
    assert _spanless(again) == _spanless(m)
    assert [c.text for c in again.comments] == [c.text for c in m.comments]


def test_dumps_without_spans_keeps_model_order() -> None:
    m = argmap.parse_file(OPED).map
    bare = attrs.evolve(
        m,
        claims=tuple(attrs.evolve(c, span=None, id_span=None) for c in m.claims),
        groups=tuple(attrs.evolve(g, span=None, id_span=None) for g in m.groups),
        comments=(),
    )
    assert _spanless(argmap.parse(dumps(bare)).map) == _spanless(m)


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (argmap.Claim(id="a", text="two\nlines"), "one line"),
        (argmap.Claim(id="a", text=" padded"), "spaces at its ends"),
        (argmap.Claim(id="a", text=""), "not empty"),
    ],
)
def test_dumps_refuses_what_the_language_cannot_hold(claim: argmap.Claim, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dumps(argmap.ArgumentMap(claims=(claim,)))


def test_reused_claim_needs_an_id() -> None:
    m = argmap.parse("conclusion c: A\n  reason:\n    - B\n  reason:\n    - C\n").map
    group = m.groups[1]
    broken = attrs.evolve(
        m,
        groups=(
            m.groups[0],
            attrs.evolve(group, premises=(argmap.Premise(id="c.reason1.1", reuse=True),)),
        ),
    )
    with pytest.raises(ValueError, match="needs an id"):
        dumps(broken)


def test_builder_ids_are_the_parsed_ids() -> None:
    b = MapBuilder(title="Walking to school")
    b.source("kid", "A pupil")
    walk = b.conclusion("We should walk to school.", id="walk")
    health = b.reason(walk, "Walking is healthy.", premise("Habits last.", implicit=True))
    rain = b.objection(walk, premise("It often rains.", sources=["kid"]))
    rebut = b.rebuttal(rain, "Raincoats keep us dry.")
    undercut = b.objection(health, "Only if the air is clean.")
    b.claim("Buses are slow.", id="slow")
    extra = b.reason(walk, reuse("slow"))
    m = b.build()
    assert sorted(g.id for g in m.groups) == sorted([health, rain, rebut, undercut, extra])
    assert m.target(undercut).id == health
    assert m.attribution(m.premises(rain)[0]) == ("kid",)
    assert m.premises(health)[1].implicit
    assert argmap.check(m) == ()
    assert _spanless(m) == _spanless(b.draft())


def test_builder_rejects_bad_ids_and_unknown_targets() -> None:
    b = MapBuilder()
    c = b.conclusion("A", id="a")
    with pytest.raises(ValueError, match="not an id"):
        b.claim("B", id="two words")
    with pytest.raises(ValueError, match="already used"):
        b.claim("B", id="a")
    with pytest.raises(ValueError, match="no claim or group"):
        b.reason("nowhere", "B")
    assert b.reason(c, "B") == "a.reason1"


# Hostile text: every character the syntax gives a meaning to, in every position.
_PIECES = [*"ab #[]@\\:-,", "é", "字", "😀", "\t", "\u2028", "\\#", "[x]", " # ", "[a, b]"]
_HOSTILE = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12)
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(_HOSTILE, min_size=2, max_size=6), title=_HOSTILE)
def test_hostile_text_survives_writing_and_reading(texts: list[str], title: str) -> None:
    b = MapBuilder(title=title)
    b.source("s", texts[0])
    top = b.conclusion(texts[0], sources=["s"])
    group = b.reason(top, *texts[1:])
    b.objection(group, premise(texts[-1], implicit=True))
    m = b.build()
    assert _spanless(m) == _spanless(b.draft())
    assert format_text(dumps(m)) == dumps(m)
