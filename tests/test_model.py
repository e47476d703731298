"""The model's queries, on the op-ed map and on small maps; immutability and attrs.evolve."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from argmap.model import ArgumentMap, Claim, Group, Kind, Premise, Reference
from argmap.read.layout import Limits
from argmap.read.parser import parse, parse_file


def ids(nodes: object) -> list[str]:
    return [node.id for node in nodes]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def oped() -> ArgumentMap:
    result = parse_file(
        Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
    )
    assert result.ok, result.diagnostics
    return result.map


def small(text: str) -> ArgumentMap:
    result = parse(text)
    assert result.ok, result.diagnostics
    return result.map


# The op-ed map -------------------------------------------------------------------------------


def test_oped_lookup(oped: ArgumentMap) -> None:
    assert oped.title == "US and China edge closer on dealing with North Korea's Kim"
    assert ids(oped.sources) == ["hammond", "reader"]
    assert oped.source("reader").text.startswith("A reader's comment")  # type: ignore[union-attr]
    assert oped.source("nobody") is None
    assert ids(oped.conclusions) == ["closer"]
    assert isinstance(oped.get("squeeze"), Group)
    assert isinstance(oped.get("sanctions"), Claim)
    assert oped.get("nothing") is None
    assert "too-far" in oped and "nothing" not in oped
    assert oped.claim("aligned").implicit
    assert oped.group("credibility").kind is Kind.OBJECTION
    with pytest.raises(KeyError):
        oped.claim("squeeze")  # a group, not a claim
    with pytest.raises(KeyError):
        oped.group("sanctions")
    nodes = list(oped.nodes())
    assert nodes[: len(oped.claims)] == list(oped.claims)
    assert nodes[len(oped.claims) :] == list(oped.groups)


def test_oped_reasons_and_objections(oped: ArgumentMap) -> None:
    assert ids(oped.reasons_for("closer")) == ["squeeze", "provocations", "pressure"]
    assert ids(oped.objections_to("closer")) == ["no-squeeze", "talks-first"]
    assert ids(oped.reasons_for("stability")) == ["legitimacy", "border"]
    # the rebuttal opposes the objection it stands in; the objection to a reason is an undercut
    assert ids(oped.objections_to("no-squeeze")) == ["blockade-only"]
    assert ids(oped.objections_to("pressure")) == ["credibility"]
    assert ids(oped.groups_targeting("talks")) == ["no-trust", "talks.objection1"]
    assert oped.reasons_for("nothing") == () and oped.objections_to("nothing") == ()


def test_oped_target_and_premises(oped: ArgumentMap) -> None:
    assert oped.target("squeeze") is oped.claim("closer")
    assert oped.target("credibility") is oped.group("pressure")  # an undercut
    assert oped.target(oped.group("blockade-only")) is oped.group("no-squeeze")
    assert ids(oped.premises("squeeze")) == ["sanctions", "aligned"]
    assert ids(oped.premises("credibility")) == ["credibility.1"]
    assert ids(oped.premises("prediction.reason1")) == ["too-far"]  # a reuse
    assert oped.premises("prediction.reason1")[0] is oped.claim("too-far")


def test_oped_co_premises(oped: ArgumentMap) -> None:
    assert ids(oped.co_premises("sanctions")) == ["aligned"]
    assert ids(oped.co_premises(oped.claim("aligned"))) == ["sanctions"]
    assert ids(oped.co_premises("credibility.1.reason1.1")) == ["credibility.1.reason1.2"]
    assert oped.co_premises("trade-threat") == ()  # alone in its reason
    assert oped.co_premises("too-far") == ()  # alone in both reasons that use it


def test_oped_groups_using_supports_opposes(oped: ArgumentMap) -> None:
    assert ids(oped.groups_using("too-far")) == ["blockade.reason1", "prediction.reason1"]
    assert ids(oped.supports("too-far")) == ["blockade", "prediction"]
    assert oped.opposes("too-far") == ()
    assert ids(oped.supports("sanctions")) == ["closer"]
    assert ids(oped.opposes("stability")) == ["closer"]
    assert ids(oped.opposes("blockade")) == ["no-squeeze"]
    assert ids(oped.opposes("credibility.1")) == ["pressure"]  # opposes a reason's inference
    assert ids(oped.opposes("prediction")) == ["talks"]
    assert oped.groups_using("closer") == ()
    assert oped.supports("closer") == () and oped.opposes("closer") == ()


def test_oped_parent(oped: ArgumentMap) -> None:
    assert oped.parent("closer") is None
    assert oped.parent("squeeze") is oped.claim("closer")
    assert oped.parent("sanctions") is oped.group("squeeze")
    assert oped.parent("credibility") is oped.group("pressure")
    assert oped.parent("credibility.1.reason1") is oped.claim("credibility.1")
    assert oped.parent("blockade-only") is oped.group("no-squeeze")
    # a reused claim's parent is where it is defined, not where it is reused
    assert oped.parent("too-far") is oped.group("blockade.reason1")
    assert oped.parent(oped.claim("prediction")) is oped.group("talks.objection1")
    assert oped.parent("nothing") is None


def test_oped_attribution(oped: ArgumentMap) -> None:
    assert oped.attribution("closer") == ("hammond",)
    assert oped.attribution("squeeze") == ("hammond",)  # inherited from the conclusion
    assert oped.attribution("sanctions") == ("hammond",)
    assert oped.attribution("credibility.1.reason1.2") == ("hammond",)
    assert oped.attribution("blockade-only") == ("reader",)  # its own source wins
    assert oped.attribution("blockade") == ("reader",)
    assert oped.attribution("too-far") == ("reader",)
    assert oped.attribution("no-trust.1") == ("reader",)
    assert oped.attribution("prediction") == ("reader",)
    assert oped.attribution("talks") == ("hammond",)
    assert oped.attribution(oped.claim("stability")) == ("hammond",)
    assert oped.attribution("nothing") == ()


# Small maps ----------------------------------------------------------------------------------


def test_queries_on_explicit_targets_and_undefined_ids() -> None:
    m = parse(
        "conclusion c: Tea is good.\n"
        "  reason r:\n"
        "    warm: Tea is warm.\n"
        "    @ghost\n"
        "objection o to r [s]:\n"
        "  - Warmth is not goodness.\n"
        "objection to nothing:\n"
        "  - x\n"
        "source s: Someone\n"
    ).map
    assert ids(m.premises("r")) == ["warm"]  # the undefined reuse is left out
    assert [p.id for p in m.group("r").premises] == ["warm", "ghost"]
    assert m.target("o") is m.group("r")
    assert m.target("nothing.objection1") is None
    assert m.group("o").explicit_target and m.group("o").target_keyword == "to"
    assert not m.group("r").explicit_target
    assert m.parent("o") is None  # placed by `to`: no lexical parent
    assert m.parent("o.1") is m.group("o")
    assert m.attribution("o.1") == ("s",)
    assert m.attribution("warm") == ()
    assert ids(m.objections_to("r")) == ["o"]
    assert ids(m.groups_using("ghost")) == ["r"]
    with pytest.raises(KeyError):
        m.premises("nothing")


def test_co_premises_in_a_given_group_and_across_groups() -> None:
    m = small(
        "conclusion c: Tea is good.\n"
        "  reason r1:\n"
        "    a: A.\n"
        "    b: B.\n"
        "  reason r2:\n"
        "    @a\n"
        "    d: D.\n"
        "    @b\n"
    )
    assert ids(m.co_premises("a")) == ["b", "d"]  # across both groups, each once
    assert ids(m.co_premises("a", "r1")) == ["b"]
    assert ids(m.co_premises("a", m.group("r2"))) == ["d", "b"]
    assert ids(m.supports("a")) == ["c"]  # both groups support c: c once
    assert ids(m.groups_using("a")) == ["r1", "r2"]


def test_supports_and_opposes_several_targets() -> None:
    m = small(
        "conclusion c: Tea is good.\n"
        "  reason:\n"
        "    warm: Tea is warm.\n"
        "claim d: Coffee is good.\n"
        "objection dx to d:\n"
        "  @warm\n"
        "  rebuttal:\n"
        "    - Coffee is warm too.\n"
    )
    assert ids(m.supports("warm")) == ["c"]
    assert ids(m.opposes("warm")) == ["d"]
    assert ids(m.opposes("dx.rebuttal1.1")) == ["dx"]
    assert m.supports("dx.rebuttal1.1") == ()


def test_a_group_under_a_reuse_targets_the_reused_claim() -> None:
    m = small(
        "conclusion c: Tea is good.\n"
        "  reason:\n"
        "    warm: Tea is warm.\n"
        "  reason:\n"
        "    @warm\n"
        "      objection:\n"
        "        - Not always.\n"
    )
    objection = m.group("warm.objection1")
    assert m.target(objection) is m.claim("warm")
    assert m.parent(objection) is m.claim("warm")


def test_attribution_inheritance_and_reuse() -> None:
    m = small(
        "source a: Alice\n"
        "source b: Bob\n"
        "conclusion c: Tea is good. [a]\n"
        "  reason:\n"
        "    x: X. [b]\n"
        "      reason:\n"
        "        - Y.\n"
        "  objection [b, a, b]:\n"
        "    @x\n"
        "    - Z.\n"
    )
    assert m.attribution("c.reason1") == ("a",)
    assert m.attribution("x") == ("b",)
    assert m.attribution("x.reason1.1") == ("b",)  # from x, the nearest attributed line
    assert m.attribution("c.objection1") == ("b", "a")  # de-duplicated, in order
    assert m.attribution("c.objection1.2") == ("b", "a")


def test_attribution_of_a_deep_chain_does_not_recurse() -> None:
    depth = 2000  # claims; with their reasons, 4,000 levels of indentation
    lines = ["source s: Someone", "conclusion c0: Claim 0. [s]"]
    for level in range(1, depth):
        lines.append(" " * (2 * level - 1) + "reason:")
        lines.append(" " * (2 * level) + f"c{level}: Claim {level}.")
    result = parse("\n".join(lines) + "\n", limits=Limits(max_depth=None))  # past the limit
    assert result.ok, result.diagnostics
    m = result.map
    assert m.attribution(f"c{depth - 1}") == ("s",)
    assert m.parent(f"c{depth - 1}") is m.group(f"c{depth - 2}.reason1")


def test_attributions_asked_one_at_a_time_are_those_of_one_pass() -> None:
    """Each is found on first asking; asked from the leaves up, they are what one pass over the
    map in the order of the ids finds."""
    path = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
    text = (
        path.read_text(encoding="utf-8")
        + "\nclaim lone: No one says so.\n  reason:\n    - Nor so.\n"
    )
    whole = small(text)._attribute_all()
    m = small(text)
    asked = {id: m.attribution(id) for id in reversed(list(m.ids()))}
    assert asked == whole and asked["lone.reason1.1"] == () and asked["closer"] == ("hammond",)
    assert m.attribution("no-such-node") == ()


def test_attribution_with_an_id_defined_twice_does_not_depend_on_the_order_asked() -> None:
    # E102: the second `g` names a source; its co-premise's walk up reads it, unless the first
    # `g` is known already, as it is in the order of the ids.
    text = (
        "source a: A\nsource b: B\nconclusion c: C. [a]\n"
        "  reason g:\n    - P.\n  objection g [b]:\n    - Q.\n"
    )
    m = parse(text).map
    assert [c.id for c in m.claims] == ["c", "g.1", "g.1-2"]
    assert m.attribution("g.1-2") == ("a",)  # asked first
    assert parse(text).map._attribute_all()["g.1-2"] == ("a",)


def test_conclusions_in_order() -> None:
    m = parse("conclusion a: A.\nclaim b: B.\nconclusion: C.\n").map
    assert ids(m.conclusions) == ["a", "claim.1"]
    assert ArgumentMap().conclusions == ()


def test_first_written_definition_wins() -> None:
    m = parse(
        "conclusion c: Tea is good.\n  reason warm:\n    warm: Tea is warm.\n"
    ).map  # E102: the group is written first
    assert isinstance(m.get("warm"), Group)
    assert m.premises("warm") == ()  # its co-premise's id resolves to the group itself


# Immutability and evolve ---------------------------------------------------------------------


def test_frozen(oped: ArgumentMap) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        oped.title = "Another"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        oped.claims[0].text = "Another"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        oped.groups[0].target = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        oped.claims[0] = oped.claims[1]  # type: ignore[index]


def test_evolve_rebuilds_indexes(oped: ArgumentMap) -> None:
    extra_claim = Claim(id="leak", text="Sanctions leak through smuggling.")
    extra_group = Group(
        id="leaky",
        kind=Kind.OBJECTION,
        target="sanctions",
        premises=(Premise(id="leak"), Premise(id="stability", reuse=True)),
        sources=(Reference(id="reader"),),
        target_keyword="to",
    )
    evolved = attrs.evolve(
        oped, claims=(*oped.claims, extra_claim), groups=(*oped.groups, extra_group)
    )
    assert evolved.get("leak") is extra_claim
    assert ids(evolved.objections_to("sanctions")) == ["leaky"]
    assert ids(evolved.premises("leaky")) == ["leak", "stability"]
    assert ids(evolved.opposes("stability")) == ["closer", "sanctions"]
    assert evolved.parent("leak") is extra_group
    assert evolved.attribution("leak") == ("reader",)
    # the original is untouched
    assert oped.get("leak") is None and oped.objections_to("sanctions") == ()
    # dropping a group removes it from every index
    fewer = attrs.evolve(oped, groups=tuple(g for g in oped.groups if g.id != "pressure"))
    assert ids(fewer.reasons_for("closer")) == ["squeeze", "provocations"]
    assert fewer.get("pressure") is None
    assert fewer.target("credibility") is None


def test_equal_maps_and_hashing(oped: ArgumentMap) -> None:
    again = parse_file(Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg")
    assert again.map == oped
    assert hash(again.map) == hash(oped)
    assert attrs.evolve(oped, title="Other") != oped


def test_groups_using_and_parent_of_a_claim_in_several_groups() -> None:
    """A claim used before it is defined, and in three groups: every group, in order, once each
    (a group naming it twice counts once); its parent is the group that defines it."""
    m = parse(
        "conclusion c: C.\n"
        "  reason r1:\n"
        "    @x\n"
        "    @x\n"
        "  reason r2:\n"
        "    x: X.\n"
        "  reason r3:\n"
        "    @x\n"
        "  reason r4:\n"
        "    y: Y.\n"
    ).map
    assert ids(m.groups_using("x")) == ["r1", "r2", "r3"]
    assert ids(m.groups_using("y")) == ["r4"]
    assert m.groups_using("c") == m.groups_using("nowhere") == ()
    assert m.parent("x") is m.group("r2")
    assert m.parent("y") is m.group("r4")
    assert ids(m.supports("x")) == ["c"]  # each target once


def test_spans_have_no_weakref_slot() -> None:
    """A large map holds a span or two per line: each is 64 bytes, not 80 with the slot."""
    span = parse("conclusion c: C.").map.claims[0].span
    assert span is not None
    assert not hasattr(span, "__weakref__") and not hasattr(span, "__dict__")


def test_parent_of_claims_reused_before_or_instead_of_a_definition() -> None:
    m = parse(
        "conclusion c: C.\n"
        "  reason r1:\n"
        "    @x\n"
        "    x: X.\n"  # reused, then defined, in one group
        "    @top\n"
        "top: A claim of its own, at the top level.\n"
    ).map
    assert m.parent("x") is m.group("r1")
    assert m.parent("top") is None  # only reused in a group: it stands at the top level
    assert ids(m.groups_using("top")) == ["r1"]
