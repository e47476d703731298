"""Hand-made maps whose labelling is worked out here, in comments, and the op-ed map."""

from __future__ import annotations

from pathlib import Path

from argmap import check, parse, parse_file
from argmap.diagnostics import Severity
from argmap.evaluation import Evaluation, Label, evaluate

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED


def ev(text: str) -> Evaluation:
    result = parse(text)
    assert result.ok, result.diagnostics
    return evaluate(result.map)


def errors(text: str) -> list[str]:
    return [d.code for d in check(parse(text)) if d.severity is Severity.ERROR]


def test_the_op_ed_map(oped_path: Path) -> None:
    e = evaluate(parse_file(oped_path).map)
    expected = {
        # Hammond's reason `squeeze`: both co-premises are premises (no reason of their own)
        # that nothing opposes, `aligned` being an implicit one; nothing undercuts the
        # reason. All IN.
        "sanctions": IN,
        "aligned": IN,
        "squeeze": IN,
        # `provocations` likewise.
        "provocation": IN,
        "stakes": IN,
        "provocations": IN,
        # `pressure`: its co-premise stands, but the objection `credibility` to its inference
        # stands: its one co-premise has a reason of two unopposed premises, and nothing
        # rebuts it. The undercut defeats the reason, not the premise `trade-threat`.
        "trade-threat": IN,
        "credibility.1.reason1.1": IN,
        "credibility.1.reason1.2": IN,
        "credibility.1.reason1": IN,
        "credibility.1": IN,
        "credibility": IN,
        "pressure": OUT,
        # `no-squeeze`: Hammond's objection stands on `stability`, which two unopposed reasons
        # support... but the reader's rebuttal `blockade-only` stands (its co-premise has an
        # unopposed reason from `too-far`), so the objection is OUT.
        "legitimacy.1": IN,
        "legitimacy": IN,
        "border.1": IN,
        "border": IN,
        "stability": IN,
        "too-far": IN,
        "blockade.reason1": IN,
        "blockade": IN,
        "blockade-only": IN,
        "no-squeeze": OUT,
        # `talks-first`: its co-premise `talks` has no reason and two objections from the
        # reader that stand (`no-trust` on an unopposed premise; the anonymous one on
        # `prediction`, supported by `too-far`). `talks` is OUT, so the objection is OUT.
        "no-trust.1": IN,
        "no-trust": IN,
        "prediction.reason1": IN,
        "prediction": IN,
        "talks.objection1": IN,
        "talks": OUT,
        "talks-first": OUT,
        # The conclusion: reason `squeeze` stands (so does `provocations`), and both
        # objections to it fail. Hammond's contention stands, thanks to the reader's replies.
        "closer": IN,
    }
    assert dict(e.labels) == expected
    assert e.decided and not e.cycles  # no attack cycle: every semantics agrees
    assert [dict(x) for x in e.preferred()] == [expected] == [dict(x) for x in e.stable()]
    assert e.explain("closer") == (
        "IN because reason `squeeze` stands and every objection to it fails "
        "(`no-squeeze`, `talks-first`)"
    )
    assert e.explain("no-squeeze") == (
        "OUT because rebuttal `blockade-only` stands: none of its co-premises is opposed"
    )
    assert e.explain("pressure") == (
        "OUT because objection `credibility` to its inference stands: "
        "none of its co-premises is opposed"
    )
    assert e.explain("talks-first") == (
        "OUT because its co-premise `talks` is OUT: objection `no-trust` stands"
    )
    # The chain from the conclusion follows the dialectical line: closer <- no-squeeze
    # (objection, OUT) <- blockade-only (rebuttal, IN) on an unopposed premise.
    assert [(s.id, s.label) for s in e.chain("closer")] == [
        ("closer", IN),
        ("no-squeeze", OUT),
        ("blockade-only", IN),
    ]


def test_unopposed_chain_stands() -> None:
    # `boil` is a premise nothing opposes: IN. So `r2` (its only co-premise IN, no undercut)
    # is IN, so `warm` has a reason that stands: IN. Likewise `r1` and the conclusion.
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  reason r1:\n"
        "    warm: Tea is warm.\n"
        "      reason r2:\n"
        "        boil: Tea is made with boiling water.\n"
    )
    assert dict(e.labels) == {"good": IN, "warm": IN, "boil": IN, "r1": IN, "r2": IN}
    assert e.explain("good") == "IN because reason `r1` stands and nothing opposes it"
    assert e.explain("boil") == "IN: a premise nothing opposes"
    assert e.decided


def test_an_objection_that_stands_defeats_the_claim_even_against_a_standing_reason() -> None:
    # `r` and `o` both stand: each rests on an unopposed premise. An objection that stands
    # defeats its target: a reason does not answer an objection (only a rebuttal of it, or an
    # objection to one of its co-premises does). So `good` is OUT, while `r` stays IN.
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  reason r:\n"
        "    - Tea has antioxidants.\n"
        "  objection o:\n"
        "    - Tea stains teeth.\n"
    )
    assert e.label("good") is OUT and e.label("r") is IN and e.label("o") is IN
    assert e.explain("good") == (
        "OUT because objection `o` stands: none of its co-premises is opposed (reason `r` "
        "stands too, but a reason does not answer an objection)"
    )
    assert e.step("good").kind == "opposed" and e.step("good").next == "o"


def test_a_rebuttal_reinstates_the_claim() -> None:
    # `b` rests on an unopposed premise: IN. It rebuts `o`, so `o` is OUT (although its own
    # co-premise stands), and `good` has a standing reason and no standing objection: IN.
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  reason r:\n"
        "    - Tea has antioxidants.\n"
        "  objection o:\n"
        "    stain: Tea stains teeth.\n"
        "    rebuttal b:\n"
        "      - Brushing removes the stains.\n"
    )
    assert [e.label(x) for x in ("good", "r", "o", "stain", "b")] == [IN, IN, OUT, IN, IN]
    assert [s.id for s in e.chain("good")] == ["good", "o", "b"]
    assert e.explain("o") == "OUT because rebuttal `b` stands: none of its co-premises is opposed"


def test_an_objection_to_a_co_premise_defeats_an_objection_too() -> None:
    # The objection `o` needs its co-premise `stain`; `stain` has no reason and `no-stain`
    # stands against it, so `stain` is OUT, `o` is OUT and `good` (a premise) is IN again.
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  objection o:\n"
        "    stain: Tea stains teeth.\n"
        "      objection no-stain:\n"
        "        - Green tea hardly stains.\n"
    )
    assert [e.label(x) for x in ("good", "o", "stain", "no-stain")] == [IN, OUT, OUT, IN]
    assert e.explain("o") == (
        "OUT because its co-premise `stain` is OUT: objection `no-stain` stands"
    )
    assert e.explain("good") == "IN: every objection to it fails (`o`)"


def test_an_undercut_defeats_the_inference_not_the_premise() -> None:
    # `u` stands (unopposed premise) and objects to the reason `r`: the inference from `warm`
    # to `good` fails, so `r` is OUT; `warm` itself is untouched (IN). `good` has reasons and
    # none stands: OUT. With a second, sound reason `r2`, `good` stands again.
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  reason r:\n"
        "    warm: Tea is warm.\n"
        "    objection u:\n"
        "      - Warm drinks are not thereby healthy.\n"
    )
    assert [e.label(x) for x in ("good", "r", "warm", "u")] == [OUT, OUT, IN, IN]
    assert e.explain("good") == (
        "OUT because its only reason `r` fails: objection `u` to its inference stands"
    )
    e = ev(
        "conclusion good: Tea is good for you.\n"
        "  reason r:\n"
        "    warm: Tea is warm.\n"
        "    objection u:\n"
        "      - Warm drinks are not thereby healthy.\n"
        "  reason r2:\n"
        "    - Tea has antioxidants.\n"
    )
    assert [e.label(x) for x in ("good", "r", "r2")] == [IN, OUT, IN]


def test_two_claims_attacking_each_other_are_undecided_by_a_cycle() -> None:
    # `a` is a co-premise of the objection to `b` and `b` of the objection to `a`: an even
    # attack cycle. Neither can be decided from the map alone: grounded leaves all four nodes
    # UNDECIDED, and `d`, which rests on `a`, with them. There are two ways to settle the
    # cycle, and both are stable: `a` and its objection win, or `b` and its objection win.
    e = ev(
        "claim a: The tax cut pays for itself.\n"
        "  objection oa:\n"
        "    @b\n"
        "claim b: The tax cut widens the deficit.\n"
        "  objection ob:\n"
        "    @a\n"
        "conclusion d: We should cut the tax.\n"
        "  reason rd:\n"
        "    @a\n"
    )
    assert set(e.labels.values()) == {UNDEC}
    assert not e.decided
    (cycle,) = e.cycles
    assert str(cycle) == "`a` → `ob` → `b` → `oa` → `a`"
    assert not cycle.odd
    assert set(e.undecided_by_cycle) == set(e.labels)
    assert e.explain("a") == f"UNDECIDED: caught in the attack cycle {cycle}"
    assert e.explain("d") == "UNDECIDED because its reason `rd` is undecided: " + (
        "its co-premise `a` is undecided"
    )
    assert [s.id for s in e.chain("d")] == ["d", "rd", "a"]
    win_a = {"a": IN, "oa": OUT, "b": OUT, "ob": IN, "d": IN, "rd": IN}
    win_b = {"a": OUT, "oa": IN, "b": IN, "ob": OUT, "d": OUT, "rd": OUT}
    preferred = [dict(x) for x in e.preferred()]
    assert sorted(preferred, key=str) == sorted([win_a, win_b], key=str)
    assert sorted([dict(x) for x in e.stable()], key=str) == sorted([win_a, win_b], key=str)
    (region,) = e.regions
    assert set(region.nodes) == set(e.labels) and region.cycles == (cycle,)
    assert (
        errors("claim a: A.\n  objection:\n    @b\nclaim b: B.\n  objection:\n    @a\n") == []
    )  # attack cycles are legitimate


def test_an_odd_attack_cycle_has_no_stable_labelling() -> None:
    # a is opposed by b, b by c, c by a: three attacks round. No labelling decides it: the one
    # preferred labelling leaves the cycle UNDECIDED and there is no stable labelling. The
    # unrelated claim `z` is decided regardless.
    e = ev(
        "claim a: A.\n  objection:\n    @b\n"
        "claim b: B.\n  objection:\n    @c\n"
        "claim c: C.\n  objection:\n    @a\n"
        "claim z: Z.\n"
    )
    (cycle,) = e.cycles
    assert cycle.odd and len(cycle.nodes) == 6
    assert e.label("z") is IN
    assert all(e.label(x) is UNDEC for x in e.labels if x != "z")
    (only,) = e.preferred()
    assert dict(only) == dict(e.labels)
    assert e.stable() == ()
    (region,) = e.regions
    assert e.stable(region) == () and len(e.preferred(region)) == 1


def test_a_support_cycle_gives_no_support() -> None:
    # `a` because `b`, `b` because `a`: circular reasoning (E106, an error, so `argmap
    # evaluate` refuses the map). The library still gives a reading: reasons inside a
    # support cycle give no support (they are OUT), so `a` and `b`, with no other reason,
    # are OUT -- in every semantics, not merely undecided, so no preferred or stable
    # labelling can accept them either.
    text = "conclusion a: A.\n  reason ra:\n    @b\nclaim b: B.\n  reason rb:\n    @a\n"
    assert errors(text) == ["E106"]
    e = ev(text)
    assert dict(e.labels) == {"a": OUT, "b": OUT, "ra": OUT, "rb": OUT}
    assert e.decided
    assert e.explain("a") == (
        "OUT because its only reason `ra` is circular: its co-premise `b` rests on `a`, "
        "the claim it supports"
    )
    assert e.explain("ra") == (
        "OUT: circular reasoning: its co-premise `b` rests on `a`, the claim it supports"
    )
    assert [dict(x) for x in e.preferred()] == [dict(e.labels)] == [dict(x) for x in e.stable()]
    # A claim in the circle with a reason from outside stands on that reason alone; the
    # circular reasons still count for nothing (so `b` stays OUT).
    e = ev(
        "conclusion a: A.\n  reason ra:\n    @b\n  reason outside:\n    - P.\n"
        "claim b: B.\n  reason rb:\n    @a\n"
    )
    assert [e.label(x) for x in ("a", "b", "ra", "rb", "outside")] == [IN, OUT, OUT, OUT, IN]
    # Self-support (E105) is the shortest circle.
    e = ev("conclusion a: A.\n  reason r:\n    @a\n")
    assert e.label("a") is OUT and e.step("r").kind == "circular"


def test_unsupported_premises_and_claims_whose_reasons_all_fail() -> None:
    # A claim with no reason is a premise: IN unless an objection to it stands (even a
    # conclusion, though W204 warns about it). A claim that has reasons rests on them: when
    # none stands it is OUT ("unsupported"), although nothing opposes it.
    e = ev(
        "conclusion c: C.\n"
        "claim d: D.\n"
        "  reason rd:\n"
        "    p: P.\n"
        "      objection op:\n"
        "        - Not P.\n"
    )
    assert [e.label(x) for x in ("c", "d", "rd", "p", "op")] == [IN, OUT, OUT, OUT, IN]
    assert e.step("d").kind == "unsupported"
    assert e.explain("d") == "OUT because its only reason `rd` fails: its co-premise `p` is OUT"


def test_implicit_premises_count_like_stated_ones() -> None:
    # `aligned` is implicit: the mapper supplied it, and it counts like a stated premise. Here
    # an objection to it stands, so the linked reason loses a co-premise and falls.
    e = ev(
        "conclusion c: C.\n"
        "  reason r:\n"
        "    - Stated.\n"
        "    implicit aligned: Unstated.\n"
        "  reason r2:\n"
        "    implicit quiet: Another unstated premise.\n"
        "objection to aligned:\n"
        "  - It is not so.\n"
    )
    assert [e.label(x) for x in ("aligned", "r", "quiet", "r2", "c")] == [OUT, OUT, IN, IN, IN]
    assert e.explain("quiet") == "IN: an implicit premise nothing opposes"


def test_maps_with_errors_still_get_a_reading() -> None:
    # Empty groups and undefined co-premises (E103, E101) are OUT: they give no support and
    # defeat nothing. The checker reports the errors; `argmap evaluate` refuses such maps.
    e = ev("conclusion c: C.\n  objection o:\n  reason r:\n    @ghost\n")
    assert [e.label(x) for x in ("c", "o", "r")] == [OUT, OUT, OUT]
    assert e.explain("o") == "OUT: it has no co-premises"
    assert e.explain("r") == "OUT: its co-premise `ghost` is not a defined claim"
    assert e.explain("c") == "OUT because its only reason `r` fails: " + (
        "its co-premise `ghost` is not a defined claim"
    )
