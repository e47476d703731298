"""The builder: groups keep the order they were written in though each is finished as soon as
its line leaves the stack (inner groups before outer ones), and a finished group's draft is not
kept to the end of the parse."""

from __future__ import annotations

from argmap.model import Group
from argmap.read import layout
from argmap.read.assemble import Builder
from argmap.read.parser import parse, parse_line

NESTED = (
    "conclusion c: C.\n"
    "  reason outer:\n"
    "    a: A.\n"
    "      objection inner:\n"
    "        - B.\n"
    "    d: D.\n"  # a co-premise of `outer`, after `inner` is finished
    "  objection second:\n"
    "    - E.\n"
    "objection for c:\n"
    "  - F.\n"
)


def test_groups_in_the_order_written_with_their_premises() -> None:
    m = parse(NESTED).map
    assert [g.id for g in m.groups] == ["outer", "inner", "second", "c.objection1"]
    assert [p.id for p in m.group("outer").premises] == ["a", "d"]
    assert [p.id for p in m.group("inner").premises] == ["inner.1"]
    assert m.group("c.objection1").target_keyword == "for"
    assert m.parent("d") is m.group("outer")


def test_a_group_is_finished_once_its_line_leaves_the_stack() -> None:
    builder = Builder()
    drafts = builder._groups  # the groups so far, as drafts or finished
    diagnostics: list = []
    lines = [i for i in layout.logical_lines(NESTED) if isinstance(i, layout.Line)]
    states = []
    for line in lines:
        statement = parse_line(line, diagnostics)
        assert statement is not None
        builder.add(line.indent, statement, statement.span)
        states.append([isinstance(g, Group) for g in drafts])
    assert states[5] == [False, True]  # at `d:`, `inner` is finished, `outer` is still open
    assert states[6] == [True, True, False]  # at `objection second:`, `outer` is finished too
    builder.finish()
    assert not diagnostics
