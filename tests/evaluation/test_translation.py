"""The map layer against an independent statement of the rules: random maps, brute force."""

from __future__ import annotations

import itertools
import random

from argmap.evaluation import EnumerationLimit, Label, evaluate, translate
from argmap.evaluation.translate import Role
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise
from tests.evaluation.brute import IN, OUT, UNDEC, map_naive_grounded, map_semantics, random_map

NAMES = {Label.IN: IN, Label.OUT: OUT, Label.UNDECIDED: UNDEC}
MAPS = 1200


def _order(m: ArgumentMap) -> list[str]:
    return [c.id for c in m.claims] + [g.id for g in m.groups]


def test_small_random_maps_agree_with_brute_force_on_every_semantics() -> None:
    rng = random.Random(1995)  # Dung's year
    checked = undecided = several = no_stable = circular = 0
    for number in range(MAPS):
        m = random_map(rng, rng.randint(1, 7), rng.randint(1, 7), messy=number % 4 == 0)
        order = _order(m)
        expected = map_semantics(m)
        e = evaluate(m)
        assert tuple(NAMES[e.label(x)] for x in order) == expected["grounded"], m
        try:
            got_preferred = {
                tuple(NAMES[x.label(i)] for i in order) for x in e.preferred(max_extensions=5000)
            }
            got_stable = {
                tuple(NAMES[x.label(i)] for i in order) for x in e.stable(max_extensions=5000)
            }
        except EnumerationLimit:  # pragma: no cover - a sample this small never needs it
            raise AssertionError(m) from None
        assert got_preferred == expected["preferred"], m
        assert got_stable == expected["stable"], m
        checked += 1
        undecided += not e.decided
        several += len(got_preferred) > 1
        no_stable += not got_stable
        circular += any(d.kind == "circular" for d in e.translation.defects.values())
    assert checked >= 1000
    assert undecided >= 100 and several >= 50 and no_stable >= 30 and circular >= 50


def test_larger_random_maps_agree_with_naive_iteration() -> None:
    rng = random.Random(2006)
    for number in range(1000):
        m = random_map(rng, rng.randint(5, 40), rng.randint(5, 40), messy=number % 5 == 0)
        e = evaluate(m)
        expected = map_naive_grounded(m)
        assert {x: NAMES[e.label(x)] for x in _order(m)} == expected, m


def test_every_node_gets_a_label_an_explanation_and_a_finite_chain() -> None:
    rng = random.Random(42)
    for number in range(300):
        m = random_map(rng, rng.randint(1, 30), rng.randint(1, 30), messy=number % 3 == 0)
        e = evaluate(m)
        assert set(e.labels) == set(_order(m))
        for x in _order(m):
            chain = e.chain(x)
            assert chain[0].id == x and chain[0].label is e.label(x)
            assert e.explain(x).startswith(str(e.label(x)))
            for step, following in itertools.pairwise(chain):
                assert step.next == following.id
            # An OUT node hinges on something; an UNDECIDED one ends on an attack cycle.
            if e.label(x) is Label.UNDECIDED:
                assert chain[-1].kind == "cycle"
                assert e.undecided_by_cycle[x] in e.cycles
                assert x in {n for r in e.regions for n in r.nodes}
            else:
                assert x not in e.undecided_by_cycle
            if e.label(x) is Label.OUT and chain[0].kind not in ("circular", "empty", "undefined"):
                assert chain[0].next is not None
            # Each step names a node whose label supports the claim the step makes.
            step = chain[0]
            if step.kind == "opposed" or step.kind == "undercut":
                assert e.label(step.next) is Label.IN  # type: ignore[arg-type]
            if step.kind == "premise-out":
                assert e.label(step.next) is Label.OUT  # type: ignore[arg-type]


def test_cycles_go_through_an_attack_and_their_parity_counts_attacks() -> None:
    # UNDECIDED only ever comes from attack cycles: support alone never makes a cycle that
    # stays undecided (circular reasons are OUT). An odd cycle has an odd number of attacks.
    rng = random.Random(77)
    seen = odd = 0
    for _ in range(400):
        m = random_map(rng, rng.randint(1, 25), rng.randint(1, 25))
        e = evaluate(m)
        for cycle in e.cycles:
            ring = [*cycle.nodes, cycle.nodes[0]]
            attacks = 0
            for x, y in itertools.pairwise(ring):
                node = m.get(x)
                if isinstance(node, Group) and node.kind.opposes and node.target == y:
                    attacks += 1
            assert attacks >= 1, cycle
            assert attacks % 2 == cycle.odd, cycle
            seen += 1
            odd += cycle.odd
    assert seen >= 100 and odd >= 20


def test_the_framework_is_linear_in_the_map() -> None:
    rng = random.Random(3)
    for _ in range(50):
        m = random_map(rng, rng.randint(1, 60), rng.randint(1, 60), messy=True)
        t = translate(m)
        size = len(m.claims) + len(m.groups)
        relations = sum(len(g.premises) + 1 for g in m.groups)
        assert len(t.framework.arguments) <= 2 * size + len(m.claims)
        assert sum(len(x) for x in t.framework.targets) <= 2 * relations + size
        # Helper names cannot collide with map ids: ids never hold ':'.
        assert all(
            ":" in name
            for name, role in zip(t.framework.arguments, t.roles, strict=True)
            if role is not Role.NODE
        )


def _chain_map(depth: int, kind: Kind) -> ArgumentMap:
    """c0 <- g0 (premise c1) <- ... : one group per level, each with the next claim."""
    claims = tuple(Claim(id=f"c{i}", text=f"Claim {i}.") for i in range(depth + 1))
    groups = tuple(
        Group(id=f"g{i}", kind=kind, target=f"c{i}", premises=(Premise(id=f"c{i + 1}"),))
        for i in range(depth)
    )
    return ArgumentMap(claims=claims, groups=groups)


def test_deep_maps_need_no_recursion() -> None:
    depth = 10_000
    # A chain of objections: the last claim is an unopposed premise, so labels alternate.
    e = evaluate(_chain_map(depth, Kind.OBJECTION))
    assert e.label(f"c{depth}") is Label.IN
    assert e.label("c0") is (Label.IN if depth % 2 == 0 else Label.OUT)
    # c0 <- g0 <- c1 <- ... <- g{depth-1}, which stands on an unopposed premise: the end.
    assert [s.id for s in e.chain("c0")][-3:] == [f"g{depth - 2}", f"c{depth - 1}", f"g{depth - 1}"]
    assert len(e.chain("c0")) == 2 * depth
    # A chain of reasons: everything stands on the premise at the bottom.
    e = evaluate(_chain_map(depth, Kind.REASON))
    assert set(e.labels.values()) == {Label.IN}
    assert e.decided


def test_a_generated_clean_map_is_fully_decided() -> None:
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    from argmap import parse

    result = parse(generate(2000, seed=5))
    e = evaluate(result.map)
    # Generated maps have no attack cycle (reuse only takes claims without reasons), so the
    # grounded labelling decides everything and it is the only preferred and stable one.
    assert e.decided and not e.cycles
    assert len(e.labels) == len(result.map.claims) + len(result.map.groups)
    assert {Label.IN, Label.OUT} <= set(e.labels.values())
    assert e.preferred() == e.stable()
    assert len(e.preferred()) == 1


def test_every_case_map_of_the_test_suite_evaluates() -> None:
    # The checker's and parser's case files: many maps with errors, partial maps after syntax
    # errors, odd bytes. Evaluation must give every node a label and a finite explanation.
    from pathlib import Path

    from argmap.read.parser import parse_bytes
    from tests.caseloader import load_cases
    from tests.conftest import ROOT

    count = 0
    for path in sorted((ROOT / "tests" / "cases").rglob("*.txt")):
        for case in load_cases(Path(path)):
            e = evaluate(parse_bytes(case.data).map)
            for x in e.labels:
                assert e.chain(x)[0].label is e.label(x)
                e.explain(x)
            e.as_dict()
            count += 1
    assert count >= 100
