"""The rules made faster for large maps (E106 support-cycle, W205 supports-and-opposes, W203
disconnected) against
the plain way of computing the same thing, on random maps full of circles, both sides and
undefined ids: every finding the same, message, place and related places."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap.checks import checker_rules
from argmap.checks.connectivity import _reached
from argmap.checks.graphs import strongly_connected
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise, Span


def _at(line: int) -> Span:
    return Span(line=line, column=1, end_line=line, end_column=2)


def _random_map(seed: int) -> ArgumentMap:
    rng = random.Random(seed)
    count = rng.randint(2, 25)
    ids = [f"c{n}" for n in range(count)]
    claims = [
        Claim(
            id=i, text=f"Claim {i}.", span=Span(line=n + 1, column=1, end_line=n + 1, end_column=9)
        )
        for n, i in enumerate(ids)
    ]
    if rng.random() < 0.3:  # a duplicate id: two claims, not one on both sides
        claims.append(
            Claim(id=ids[0], text="Again.", span=Span(line=99, column=1, end_line=99, end_column=5))
        )
    groups = []
    for n in range(rng.randint(1, 40)):
        kind = rng.choice([Kind.REASON, Kind.REASON, Kind.OBJECTION, Kind.REBUTTAL])
        target = rng.choice([*ids, "missing", None] + [g.id for g in groups])
        premises = tuple(
            Premise(
                id=rng.choice([*ids, "nowhere"]),
                span=Span(line=200 + n, column=k + 1, end_line=200 + n, end_column=k + 2),
            )
            for k in range(rng.randint(0, 3))
        )
        span = Span(line=100 + n, column=1, end_line=100 + n, end_column=7)
        groups.append(Group(id=f"g{n}", kind=kind, target=target, premises=premises, span=span))
    return ArgumentMap(claims=tuple(claims), groups=tuple(groups))


def _cycles_plainly(m: ArgumentMap) -> Iterator[tuple]:
    """E106 the plain way: every support step between claims, Tarjan on all of them; each
    component of two or more, by its first-written claim and its size."""
    order = {claim.id: index for index, claim in enumerate(m.claims)}
    edges: dict[str, list[tuple[str, Group]]] = {}
    for group in m.groups:
        if group.kind.supports and isinstance(m.target(group), Claim):
            for premise in m.premises(group):
                if premise.id != group.target:
                    edges.setdefault(premise.id, []).append((group.target, group))  # type: ignore[arg-type]
    claims = sorted(edges, key=order.__getitem__)
    number = {claim: index for index, claim in enumerate(claims)}
    successors = [[number[t] for t, _ in edges[c] if t in number] for c in claims]
    for members in strongly_connected(len(claims), successors):
        if len(members) > 1:
            component = {claims[index] for index in members}
            start = min(component, key=order.__getitem__)
            yield start, len(component)


def _both_sides_plainly(m: ArgumentMap) -> list[tuple]:
    """W205 the plain way: every (claim, target) a reason supports, then every opposing use."""
    counts: dict[str, int] = {}
    for claim in m.claims:
        counts[claim.id] = counts.get(claim.id, 0) + 1
    support: dict[tuple[str, str], Group] = {}
    for group in m.groups:
        if group.kind.supports and group.target is not None:
            for premise in group.premises:
                support.setdefault((premise.id, group.target), group)
    found = []
    for group in m.groups:
        if group.kind.opposes and group.target is not None:
            seen: set[str] = set()
            for premise in group.premises:
                if premise.id not in seen:
                    seen.add(premise.id)
                    reason = support.get((premise.id, group.target))
                    if reason is not None and counts.get(premise.id) == 1:
                        found.append((premise.id, group.target, premise.span, reason.span))
    return found


def _rule(code: str):  # type: ignore[no-untyped-def]
    return next(rule for rule in checker_rules() if rule.code == code)


@pytest.mark.parametrize("seed", range(300))
def test_support_cycles_as_found_plainly(seed: int) -> None:
    m = _random_map(seed)
    findings = list(_rule("E106").run(m))
    expected = list(_cycles_plainly(m))
    assert len(findings) == len(expected)
    by_claim = {m.claim(start).span: size for start, size in expected}
    for finding in findings:
        assert finding.span in by_claim
        assert finding.message.startswith("circular reasoning: `")


@pytest.mark.parametrize("seed", range(300))
def test_both_sides_as_found_plainly(seed: int) -> None:
    m = _random_map(seed)
    findings = [(f.message, f.span, tuple(r.span for r in f.related)) for f in _rule("W205").run(m)]
    expected = [
        (f"claim `{claim}` both supports and opposes `{target}`", span, (reason,))
        for claim, target, span, reason in _both_sides_plainly(m)
    ]
    assert findings == expected


def _reached_plainly(m: ArgumentMap, start: set[str]) -> set[str]:
    """What W203 reaches, the plain way: a search from ``start`` to the groups targeting each
    id reached, and from a group to its id and its co-premises."""
    reached = set(start)
    todo = list(start)
    while todo:
        for group in m.groups_targeting(todo.pop()):
            for node_id in (group.id, *(premise.id for premise in group.premises)):
                if node_id not in reached:
                    reached.add(node_id)
                    todo.append(node_id)
    return reached


@pytest.mark.parametrize("seed", range(300))
def test_reached_as_found_plainly(seed: int) -> None:
    m = _random_map(seed)
    start = set(random.Random(seed).sample([c.id for c in m.claims], 2))
    assert _reached(m, set(start)) == _reached_plainly(m, start)


def test_the_random_maps_hold_what_the_rules_look_for() -> None:
    maps = [_random_map(seed) for seed in range(300)]
    assert sum(bool(list(_cycles_plainly(m))) for m in maps) > 30
    assert sum(bool(_both_sides_plainly(m)) for m in maps) > 50


def _texts_map(seed: int) -> ArgumentMap:
    rng = random.Random(seed)
    pool = ["Tea is good.", "tea  is GOOD", "Tea is good!?", "Coffee is good.", "Water.", "water"]
    claims = tuple(
        Claim(id=rng.choice([f"c{n}", "same"]), text=rng.choice(pool), span=_at(n + 1))
        for n in range(rng.randint(1, 12))
    )
    return ArgumentMap(claims=claims)


# Every kind of character a text may hold, whitespace of every kind often among them.
_TEXTS = st.text(
    st.one_of(
        st.characters(),
        st.just(" "),
        st.sampled_from("\t\n\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000"),
        st.sampled_from(" .!?;:,\u200b\u00adaZ\u00df\u0130"),
    )
)


@given(_TEXTS)
@example("  Tea  is GOOD !? ")
@example("tea\u00a0is good")
@example(" Tea is good. ")
def test_normalise_is_its_definition(text: str) -> None:
    """W207's key, with its shortcut for texts of single spaces: case-folded, spaces
    collapsed, end punctuation dropped, exactly."""
    from argmap.checks.text import normalise

    assert normalise(text) == " ".join(text.casefold().split()).rstrip(" .!?;:,")


def _duplicates_plainly(m: ArgumentMap) -> list[tuple]:
    from argmap.checks.text import normalise

    first: dict[str, Claim] = {}
    found = []
    for claim in m.claims:
        earlier = first.setdefault(normalise(claim.text), claim)
        if earlier is not claim and earlier.id != claim.id:
            found.append((claim.id, earlier.id, claim.span, earlier.span))
    return found


@pytest.mark.parametrize("clash", ["none", "bucket", "hash"])
def test_duplicate_texts_as_found_plainly(clash: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.checks.text

    if clash == "bucket":  # texts of different hashes share buckets, as on a large map
        monkeypatch.setattr(argmap.checks.text, "_buckets", lambda claims: 2)
    if clash == "hash":  # every text the same hash: told apart by the texts alone
        monkeypatch.setattr(argmap.checks.text, "hash", lambda text: 0, raising=False)
    total = 0
    for seed in range(300):
        m = _texts_map(seed)
        findings = [(f.span, f.related[0].span, f.message) for f in _rule("W207").run(m)]
        expected = _duplicates_plainly(m)
        assert [(span, first) for span, first, _ in findings] == [(s, f) for _, _, s, f in expected]
        for (_, _, message), (claim, earlier, _, _) in zip(findings, expected, strict=True):
            assert message == f"claim `{claim}` repeats the text of claim `{earlier}`"
        total += len(expected)
    assert total > 300
