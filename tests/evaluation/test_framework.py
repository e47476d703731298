"""The abstract layer against brute force: grounded, preferred, stable on random frameworks."""

from __future__ import annotations

import random

import pytest

from argmap.checks.graphs import strongly_connected
from argmap.evaluation.framework import (
    EnumerationLimit,
    Framework,
    Label,
    cyclic_components,
    grounded,
    preferred,
    region_labellings,
    stable,
    undecided_regions,
)
from tests.evaluation.brute import IN, OUT, UNDEC, af_complete, af_semantics

NAMES = {Label.IN: IN, Label.OUT: OUT, Label.UNDECIDED: UNDEC}
FRAMEWORKS = 1500


def _plain(labels: tuple[Label, ...]) -> tuple[str, ...]:
    return tuple(NAMES[x] for x in labels)


def _random_frameworks() -> list[tuple[int, list[tuple[int, int]]]]:
    rng = random.Random(20240615)
    found = []
    for _ in range(FRAMEWORKS):
        n = rng.choice((0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 12))
        density = rng.choice((0.05, 0.1, 0.15, 0.2, 0.3, 0.45))
        attacks = [
            (a, b)
            for a in range(n)
            for b in range(n)
            if rng.random() < (density if a != b else density / 3)
        ]
        found.append((n, attacks))
    return found


def test_every_semantics_agrees_with_brute_force_on_random_frameworks() -> None:
    checked = with_cycles = without_stable = several_preferred = 0
    for n, attacks in _random_frameworks():
        framework = Framework.from_indexes([f"a{i}" for i in range(n)], attacks)
        expected = af_semantics(n, attacks)
        g = grounded(framework)
        assert _plain(g.labels) == expected["grounded"], (n, attacks)
        got_preferred = {_plain(x) for x in preferred(framework, g, max_extensions=10_000)}
        assert got_preferred == expected["preferred"], (n, attacks)
        got_stable = {_plain(x) for x in stable(framework, g, max_extensions=10_000)}
        assert got_stable == expected["stable"], (n, attacks)
        # Every complete labelling, by the search over the whole framework as one region.
        complete = {_plain(x) for x in region_labellings(framework, range(n))}
        assert complete == set(af_complete(n, attacks)), (n, attacks)
        checked += 1
        with_cycles += Label.UNDECIDED in g.labels
        without_stable += not got_stable
        several_preferred += len(got_preferred) > 1
    assert checked >= 1000
    # The sample is not trivial: plenty of frameworks exercise each case.
    assert with_cycles >= 200 and without_stable >= 50 and several_preferred >= 100


def test_grounded_records_causes_decided_earlier() -> None:
    for n, attacks in _random_frameworks()[:300]:
        framework = Framework.from_indexes([f"a{i}" for i in range(n)], attacks)
        g = grounded(framework)
        for a, label in enumerate(g.labels):
            if label is Label.OUT:
                cause = g.cause[a]
                assert g.labels[cause] is Label.IN and a in framework.targets[cause]
                assert g.rank[cause] < g.rank[a]
            elif label is Label.IN:
                assert all(g.rank[b] < g.rank[a] for b in framework.attackers[a])
            else:
                assert g.rank[a] == -1 and g.cause[a] == -1


def test_undecided_arguments_all_hang_off_a_cyclic_component() -> None:
    for n, attacks in _random_frameworks()[:500]:
        framework = Framework.from_indexes([f"a{i}" for i in range(n)], attacks)
        g = grounded(framework)
        undecided = {a for a, x in enumerate(g.labels) if x is Label.UNDECIDED}
        on_cycles = {a for part in cyclic_components(framework, g.labels) for a in part}
        assert on_cycles <= undecided
        # Reachable from a cycle along attacks among undecided arguments.
        reached, todo = set(on_cycles), list(on_cycles)
        while todo:
            for t in framework.targets[todo.pop()]:
                if t in undecided and t not in reached:
                    reached.add(t)
                    todo.append(t)
        assert reached == undecided
        regions = undecided_regions(framework, g.labels)
        assert sorted(a for r in regions for a in r) == sorted(undecided)
        region_of = {a: i for i, r in enumerate(regions) for a in r}
        for a in undecided:
            for t in framework.targets[a]:
                if t in undecided:
                    assert region_of[a] == region_of[t]


def test_strongly_connected_matches_mutual_reachability() -> None:
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(0, 12)
        succ = [[b for b in range(n) if rng.random() < 0.2] for _ in range(n)]
        reach = []
        for a in range(n):
            seen, todo = {a}, [a]
            while todo:
                for b in succ[todo.pop()]:
                    if b not in seen:
                        seen.add(b)
                        todo.append(b)
            reach.append(seen)
        components = strongly_connected(n, succ)
        assert sorted(a for c in components for a in c) == list(range(n))
        for component in components:
            for a in component:
                assert {b for b in range(n) if a in reach[b] and b in reach[a]} == set(component)


def test_textbook_frameworks() -> None:
    # a <-> b: nothing grounded; two preferred and two stable labellings.
    mutual = Framework.build("ab", [("a", "b"), ("b", "a")])
    assert grounded(mutual).labels == (Label.UNDECIDED, Label.UNDECIDED)
    assert set(preferred(mutual)) == {(Label.IN, Label.OUT), (Label.OUT, Label.IN)}
    assert set(stable(mutual)) == set(preferred(mutual))
    # a -> b -> c -> a: an odd cycle has no stable labelling; preferred is all undecided.
    odd = Framework.build("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert stable(odd) == ()
    assert preferred(odd) == ((Label.UNDECIDED,) * 3,)
    # Reinstatement: c attacks b, b attacks a; c is unattacked, so a is IN again.
    chain = Framework.build("abc", [("b", "a"), ("c", "b")])
    assert grounded(chain).labels == (Label.IN, Label.OUT, Label.IN)
    # A self-attacking argument is undecided and defeats nothing.
    selfish = Framework.build("ab", [("a", "a"), ("a", "b")])
    assert grounded(selfish).labels == (Label.UNDECIDED, Label.UNDECIDED)
    assert stable(selfish) == ()


def test_build_rejects_unknown_names_and_duplicates() -> None:
    with pytest.raises(ValueError):
        Framework.build("ab", [("a", "c")])
    with pytest.raises(ValueError):
        Framework.build(["a", "a"], [])
    with pytest.raises(ValueError):
        Framework.from_indexes(["a"], [(0, 1)])
    assert Framework.build("ab", [("a", "b")]).attacks == (("a", "b"),)


def test_enumeration_limits_are_clear_errors() -> None:
    # Ten independent two-cycles: 2 ** 10 = 1024 preferred (and stable) labellings.
    names = [f"{side}{i}" for i in range(10) for side in "xy"]
    attacks = [(f"x{i}", f"y{i}") for i in range(10)] + [(f"y{i}", f"x{i}") for i in range(10)]
    framework = Framework.build(names, attacks)
    with pytest.raises(EnumerationLimit) as caught:
        preferred(framework)
    assert caught.value.what == "extensions" and caught.value.limit == 256
    assert "more than 256 preferred labellings" in str(caught.value)
    assert len(stable(framework, max_extensions=1024)) == 1024
    # One region where the search itself is too long.
    ring = Framework.build(names, [(names[i], names[(i + 1) % 20]) for i in range(20)])
    with pytest.raises(EnumerationLimit) as caught:
        preferred(ring, budget=2)  # the ring needs three: IN, OUT or UNDECIDED at a0
    assert caught.value.what == "steps"
    assert len(stable(ring)) == 2  # an even ring of 20: two stable labellings


def test_grounded_on_a_very_long_chain_needs_no_recursion() -> None:
    n = 50_000
    framework = Framework.from_indexes(
        [str(i) for i in range(n)], [(i + 1, i) for i in range(n - 1)]
    )
    labels = grounded(framework).labels
    assert labels[-1] is Label.IN
    assert labels[0] is (Label.IN if (n - 1) % 2 == 0 else Label.OUT)
    assert all(labels[i] is not labels[i + 1] for i in range(n - 1))
