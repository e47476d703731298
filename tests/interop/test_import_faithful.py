"""Imports that never crash and never change a map's meaning in silence: the cases found by
trying real files, one test each."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.interop import aif, argdown
from argmap.model import Kind
from tests.conftest import run_argmap

KEYWORDS = [*argmap.read.KEYWORDS, "for", "to"]


def _found(imported: argmap.interop.Imported) -> list[tuple[int, str, str]]:
    return [(d.span.line if d.span else 0, d.code, d.message) for d in imported.diagnostics]


# 1, 2. Keyword titles and ids --------------------------------------------------------------------


@pytest.mark.parametrize("word", KEYWORDS)
def test_a_statement_titled_with_a_keyword_is_renamed_and_reported(word: str) -> None:
    imported = argdown.read(f"[A]: top.\n  + [{word}]: sub.\n")
    m = imported.map
    (reason,) = m.reasons_for("A")
    (claim,) = m.premises(reason)
    # The claim keeps its text and its place, is not made implicit, and has an id of its own.
    assert (claim.id, claim.text, claim.implicit) == (f"{word}-1", "sub.", False)
    assert _found(imported) == [
        (
            2,
            "W405",
            f"`{word}` is an argmap keyword, so it cannot be an id; this claim is named `{word}-1`",
        )
    ]


@pytest.mark.parametrize("word", KEYWORDS)
def test_an_argument_named_with_a_keyword_is_renamed_and_reported(word: str) -> None:
    imported = argdown.read(f"[A]: top.\n  + <{word}>: sub.\n")
    (reason,) = imported.map.reasons_for("A")
    assert reason.id == f"{word}-1"
    assert [d.code for d in imported.diagnostics] == ["W405"]


def test_a_renamed_id_does_not_take_a_title_that_is_there() -> None:
    imported = argdown.read("[title-1]: one.\n  + [title]: two.\n")
    assert sorted(c.id for c in imported.map.claims) == ["title-1", "title-2"]
    assert "`title-2`" in imported.diagnostics[0].message


def test_implicit_and_claim_titles_keep_their_meaning() -> None:
    m = argdown.read("[A]: top.\n  + [implicit]: said.\n  + [claim]: also said.\n").map
    assert [(c.id, c.implicit) for c in m.claims] == [
        ("A", False),
        ("implicit-1", False),
        ("claim-1", False),
    ]


def test_an_aif_node_id_that_is_a_keyword_is_renamed() -> None:
    document = {
        "nodes": [
            {"nodeID": "reason", "type": "I", "text": "It is warm."},
            {"nodeID": "title", "type": "I", "text": "Tea is good."},
            {"nodeID": "ra", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "reason", "toID": "ra"},
            {"edgeID": "2", "fromID": "ra", "toID": "title"},
        ],
    }
    imported = aif.read(json.dumps(document))
    m = imported.map
    assert sorted((c.id, c.text) for c in m.claims) == [
        ("reason-1", "It is warm."),
        ("title-1", "Tea is good."),
    ]
    assert [g.target for g in m.groups] == ["title-1"]
    assert sorted(d.code for d in imported.diagnostics) == ["W405", "W405"]


def test_the_cli_converts_a_keyword_title_without_a_traceback(tmp_path) -> None:
    source = tmp_path / "doc.argdown"
    source.write_text("[A]: top.\n  + [title]: sub.\n", encoding="utf-8")
    done = run_argmap("convert", str(source), "-o", str(tmp_path / "doc.arg"))
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "W405" in done.stderr + done.stdout
    assert "title-1: sub." in (tmp_path / "doc.arg").read_text(encoding="utf-8")


# 3. A support of an argument with no description and no reconstruction -----------------------


def test_a_support_of_a_bare_argument_is_kept() -> None:
    imported = argdown.read("[C]: Tea is warm.\n  +> <Target>\n")
    m = imported.map
    (reason,) = m.groups
    assert reason.kind is Kind.REASON
    assert [c.text for c in m.premises(reason)] == ["Tea is warm."]
    assert m.get(reason.target).text == "Target"  # type: ignore[union-attr]
    assert [d.code for d in imported.diagnostics] == ["W402"]  # the title stands in


# 4. Dedents between two levels -------------------------------------------------------------------


def test_a_dedent_between_two_levels_attaches_as_argdown_reads_it() -> None:
    # Checked against the Argdown CLI 1.7.5: E attacks A (the line at three spaces stands at
    # the level of C), and F, at three spaces again, is a child of E.
    text = "[A]: a\n  - [C]: c\n    <+ [D]: d\n   - [E]: e\n   + [F]: f\n"
    imported = argdown.read(text)
    m = imported.map
    assert [m.premises(g)[0].id for g in m.groups_targeting("A")] == ["C", "E"]
    assert [m.premises(g)[0].id for g in m.groups_targeting("E")] == ["F"]
    assert imported.diagnostics == ()


def test_a_dedent_past_the_first_level_is_reported() -> None:
    imported = argdown.read("[A]: a\n    - [C]: c\n  - [E]: e\n    + [F]: f\n")
    assert [g.target for g in imported.map.groups] == ["A"]
    assert _found(imported) == [
        (
            3,
            "W403",
            "a relation indented less than the first relation under its element is an Argdown "
            "syntax error; it and the lines under it are skipped",
        )
    ]


# 5. Markdown lists -------------------------------------------------------------------------------


def test_list_items_are_elements_of_their_own() -> None:
    imported = argdown.read("1. First item\n2. Second item\n")
    assert imported.map.claims == ()
    assert _found(imported) == [
        (1, "W401", "a list item with no title and no relation is read as prose and not kept"),
        (2, "W401", "a list item with no title and no relation is read as prose and not kept"),
    ]


def test_titled_statements_in_list_items_are_kept_with_their_relations() -> None:
    text = (
        "* [Nietzsche]: God is dead.\n* [Hegel]: History has an end.\n    - [Other]: It goes on.\n"
    )
    imported = argdown.read(text)
    m = imported.map
    assert [(c.id, c.text) for c in m.claims] == [
        ("Nietzsche", "God is dead."),
        ("Hegel", "History has an end."),
        ("Other", "It goes on."),
    ]
    assert [(g.kind, g.target) for g in m.groups] == [(Kind.OBJECTION, "Hegel")]
    assert imported.diagnostics == ()


# 6. `uses` on a conclusion; intermediate conclusions -------------------------------------------


def test_uses_on_a_conclusion_links_the_premises_it_names() -> None:
    text = """<A>

(1) [p1]: One.
(2) [p2]: Two.
----
(3) [c1]: Three.
(4) [p4]: Four.
(5) [p5]: Five.
----
(6) [c]: Six. {uses: [3, 5]}
"""
    imported = argdown.read(text)
    m = imported.map
    assert [p.id for p in m.group("A").premises] == ["c1", "p5"]
    assert [p.id for p in m.reasons_for("c1")[0].premises] == ["p1", "p2"]
    # (4) is in the reconstruction but no inference uses it: kept, and said so.
    assert _found(imported) == [
        (
            7,
            "W403",
            "(4) of <A> is used by no inference (see `uses`); it is kept, but not connected to "
            "the conclusion",
        )
    ]


def test_an_intermediate_conclusion_left_out_of_uses_is_reported() -> None:
    text = """<A>

(1) [p1]: One.
----
(2) [c1]: Two.
(3) [p3]: Three.
-- {uses: [3]} --
(4) [c]: Four.
"""
    imported = argdown.read(text)
    assert [p.id for p in imported.map.group("A").premises] == ["p3"]
    assert [(line, code) for line, code, _ in _found(imported)] == [(5, "W403")]
    assert "(2) of <A> is used by no inference" in imported.diagnostics[0].message


# 7. AIF sources ----------------------------------------------------------------------------------


def test_aif_declares_only_the_speakers_whose_claims_are_kept_in_one_style() -> None:
    participants = [
        {"participantID": n, "firstname": name, "surname": ""}
        for n, name in enumerate(["Rachel", "Sam", "Tom", "Una"], start=1)
    ]
    document = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "Tea is good."},
            {"nodeID": "2", "type": "L", "text": "Rachel : Tea is good."},
            {"nodeID": "3", "type": "YA", "text": "Asserting"},
            {"nodeID": "4", "type": "I", "text": "It is warm."},
            {"nodeID": "5", "type": "L", "text": "Anon : It is warm."},
            {"nodeID": "6", "type": "YA", "text": "Asserting"},
            {"nodeID": "7", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "1"},
            {"edgeID": "3", "fromID": "5", "toID": "6"},
            {"edgeID": "4", "fromID": "6", "toID": "4"},
            {"edgeID": "5", "fromID": "4", "toID": "7"},
            {"edgeID": "6", "fromID": "7", "toID": "1"},
        ],
        "participants": participants,
        "locutions": [{"nodeID": "2", "personID": 1}],
    }
    imported = aif.read(json.dumps(document))
    m = imported.map
    assert [(s.id, s.text) for s in m.sources] == [("rachel", "Rachel"), ("anon", "Anon")]
    assert not [d for d in argmap.check(m) if d.code == "W206"]  # no unused source


# Relations nowhere else: under an inference line, under a skipped line --------------------------


def test_a_relation_under_an_inference_line_undercuts_the_inference() -> None:
    # Argdown 1.7.5 reads this as `undercut U -> A`.
    imported = argdown.read("<A>\n\n(1) [P]: p\n----\n  _ [U]: u\n(2) [C]: c\n")
    m = imported.map
    (undercut,) = m.groups_targeting("A")
    assert (undercut.kind, [p.id for p in undercut.premises]) == (Kind.OBJECTION, ["U"])
    assert imported.diagnostics == ()


def test_relations_under_a_skipped_line_are_each_reported() -> None:
    imported = argdown.read("# Heading\n  + [x]: y\n    - [z]: w\n")
    assert imported.map.claims == ()
    assert _found(imported) == [
        (1, "W401", "a heading is not kept: argmap has no groups"),
        (2, "W403", "a relation under a line that is skipped is skipped"),
        (3, "W403", "a relation under a line that is skipped is skipped"),
    ]


def test_an_argument_that_attacks_itself_is_reported() -> None:
    # Argdown 1.7.5 drops such a relation from its export; argmap says so.
    imported = argdown.read("<A>: about a\n  -> <A>\n  -> [S]: s\n")
    assert [(g.kind, g.target) for g in imported.map.groups] == [(Kind.OBJECTION, "S")]
    assert _found(imported) == [(2, "W403", "<A> attacks itself; skipped (Argdown drops it too)")]
