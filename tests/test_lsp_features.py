"""The language features as pure functions, without a server: fast and exhaustive."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lsprotocol import types

from argmap.checks import check
from argmap.lsp import features
from argmap.lsp.analysis import analyse
from argmap.read.parser import parse

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
URI = "file:///map.arg"


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def find(text: str, needle: str, occurrence: int = 0) -> types.Position:
    """The 0-based position of the n-th ``needle`` in ``text`` (code points = UTF-16 here)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start)
    return at(line, start - (text.rfind("\n", 0, start) + 1))


@pytest.fixture(scope="module")
def oped() -> str:
    return OPED.read_text(encoding="utf-8")


# Positions and diagnostics ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        (
            types.PositionEncodingKind.Utf16,
            2 + 2 + 1,
        ),  # 😀 and U+1D518: two UTF-16 units each
        (types.PositionEncodingKind.Utf8, 4 + 4 + 1),
        (types.PositionEncodingKind.Utf32, 1 + 1 + 1),
    ],
)
def test_columns_in_each_encoding(encoding: str, expected: int) -> None:
    text = "- 😀\U0001d518 [nobody]\n"
    analysis = analyse(text, encoding=encoding)
    (diagnostic,) = [d for d in features.diagnostics(analysis, URI) if d.code == "E101"]
    prefix = len("- ") + expected + len("[")
    assert diagnostic.range.start == at(0, prefix)
    assert analysis.point(diagnostic.range.start) == (1, text.index("nobody") + 1)


def test_point_inside_a_surrogate_pair_and_past_the_end() -> None:
    analysis = analyse("- 😀 x\n")
    assert analysis.point(at(0, 3)) == (1, 3)  # the second half of 😀 stays on 😀
    assert analysis.point(at(0, 99)) == (1, 6)
    assert analysis.position(9, 1) == at(1, 0)  # past the last line: the end of the document


def test_diagnostics_match_the_checker(oped: str) -> None:
    for extra, codes in [
        ("\nobjection to sanctons:\n  - Leaks.\n", {"E101"}),
        ("\nreasn:\n  - x\n", {"E003"}),
    ]:
        text = oped + extra
        protocol = features.diagnostics(analyse(text), URI)
        assert [d.code for d in protocol] == [d.code for d in check(parse(text))]
        assert {d.code for d in protocol} >= codes
        assert all(d.source == "argmap" for d in protocol)


def test_severity_mapping() -> None:
    analysis = analyse("claim a: Tea.\nclaim b: Coffee.\n")
    severities = {d.code: d.severity for d in features.diagnostics(analysis, URI)}
    assert severities and set(severities.values()) == {types.DiagnosticSeverity.Warning}


# Hover -----------------------------------------------------------------------------------------


def test_hover_on_a_claim_id(oped: str) -> None:
    analysis = analyse(oped)
    found = features.hover(analysis, find(oped, "sanctions:"))
    assert found is not None
    value = found.contents.value
    assert value.startswith("**claim `sanctions`**: co-premise of reason `squeeze`")
    assert "Attribution: `hammond`" in value
    assert "Supports: claim `closer`" in value
    assert "Opposes: nothing" in value


def test_hover_on_group_target_and_source(oped: str) -> None:
    text = oped + "\nobjection to sanctions [reader]:\n  - Leaks.\n"
    analysis = analyse(text)
    group = features.hover(analysis, find(text, "no-squeeze"))
    assert group is not None and "Opposes: claim `closer`" in group.contents.value
    target = features.hover(analysis, find(text, "sanctions [reader]"))
    assert target is not None and "**claim `sanctions`**" in target.contents.value
    source = features.hover(analysis, find(text, "reader]:"))
    assert source is not None
    assert source.contents.value.startswith("**source** `reader`")
    assert "rebuttal `blockade-only`" in source.contents.value


def test_hover_on_undefined_and_on_nothing() -> None:
    text = "conclusion c: Tea.\nreason for nothing:\n  - x\n\n"
    analysis = analyse(text)
    found = features.hover(analysis, find(text, "nothing"))
    assert found is not None and "No claim or group `nothing`" in found.contents.value
    assert features.hover(analysis, at(3, 0)) is None


def test_hover_text_is_inert_markdown() -> None:
    text = "conclusion c: Click [here](javascript:x) <img src=x> **bold** \\# 1\n"
    found = features.hover(analyse(text), at(0, 12))
    assert found is not None
    value = found.contents.value
    assert "\\<img" in value and "\\]\\(" in value and "\\*\\*bold\\*\\*" in value
    # The last paragraph is argmap's own (the evaluation, in bold); the user's text is inert.
    user, ours = value.split("\n\n", 1)[1].rsplit("\n\n", 1)
    assert re.search(r"(?<!\\)[<\[*]", user) is None
    assert ours == "Evaluation: **IN**: a premise nothing opposes"


def test_hover_falls_back_to_the_last_good_map() -> None:
    good = analyse("conclusion c: Tea is good.\n")
    broken = analyse("conclusion c Tea is good.\n")  # the colon is missing
    assert not broken.result.ok
    found = features.hover(broken, at(0, 11), last_good=good)
    assert found is not None and "Tea is good" in found.contents.value
    assert features.hover(broken, at(0, 11)) is None


def _evaluation_line(found: types.Hover | None) -> str:
    assert found is not None
    return found.contents.value.split("\n\n")[-1]


def test_hover_shows_the_evaluation_of_claims_and_groups(oped: str) -> None:
    from argmap.evaluation import evaluate

    analysis = analyse(oped)
    e = evaluate(parse(oped).map)
    lines = oped.splitlines()
    seen = set()
    for node in analysis.map.nodes():
        span = node.id_span or node.span
        assert span is not None
        found = features.hover(analysis, at(span.line - 1, span.column - 1))
        line = _evaluation_line(found)
        label = str(e.label(node.id))
        assert line.startswith(f"Evaluation: **{label}**"), (node.id, line)
        # The same words as `argmap evaluate`, with the ids kept as code.
        plain = line.replace("**", "").replace("\\", "")
        assert plain == "Evaluation: " + e.explain(node.id), lines[span.line - 1]
        seen.add(label)
    assert seen == {"IN", "OUT"}
    pressure = _evaluation_line(features.hover(analysis, find(oped, "pressure:")))
    assert pressure == (
        "Evaluation: **OUT** because objection `credibility` to its inference stands: none of "
        "its co-premises is opposed"
    )
    # A source has no label.
    source = features.hover(analysis, find(oped, "hammond:"))
    assert source is not None and "Evaluation" not in source.contents.value


def test_hover_evaluation_of_an_attack_cycle() -> None:
    text = (
        "conclusion c: Tea is good.\n  objection:\n    @b\n"
        "claim b: Tea is bad.\n  objection:\n    @c\n"
    )
    line = _evaluation_line(features.hover(analyse(text), find(text, "b:")))
    assert line.startswith("Evaluation: **UNDECIDED**: caught in the attack cycle `c` → ")


def test_hover_evaluation_needs_a_map_without_errors(oped: str) -> None:
    text = oped + "\nobjection to sanctons:\n  - Leaks.\n"
    analysis = analyse(text)
    line = _evaluation_line(features.hover(analysis, find(text, "closer:")))
    assert line == "Evaluation: needs a map without errors (this document has 1 error)"
    assert analysis.evaluation() is None
    # Warnings and hints do not stop it (W204: a conclusion with no reason).
    warned = analyse("conclusion c: Tea is good.\n")
    assert [d.code for d in warned.diagnostics] == ["W204"]
    line = _evaluation_line(features.hover(warned, at(0, 11)))
    assert line == "Evaluation: **IN**: a premise nothing opposes"
    # From the last good map (the current one has a syntax error): no stale labels.
    good = analyse("conclusion c: Tea is good.\n")
    broken = analyse("conclusion c Tea is good.\n")
    found = features.hover(broken, at(0, 11), last_good=good)
    assert _evaluation_line(found).startswith("Evaluation: needs a map without errors")


def test_evaluation_is_computed_once_per_version(oped: str) -> None:
    analysis = analyse(oped)
    first = analysis.evaluation()
    assert first is not None and analysis.evaluation() is first


def test_explanations_are_inert_markdown_but_keep_ids() -> None:
    made = features._md_keeping_ids(" because `no-squeeze` [x](javascript:y) `<b>` *z* `a.b`")
    assert made == (" because `no-squeeze` \\[x\\]\\(javascript:y\\) \\`\\<b\\>\\` \\*z\\* `a.b`")


# Definition, references, rename -----------------------------------------------------------------


def test_definition_and_references_for_ids_and_sources(oped: str) -> None:
    analysis = analyse(oped)
    use = find(oped, "@too-far")
    use = at(use.line, use.character + 1)
    (location,) = features.definition(analysis, use, URI)
    assert location.range.start == find(oped, "too-far:")
    refs = features.references(analysis, use, URI)
    assert [r.range.start for r in refs] == [find(oped, "too-far:"), at(use.line, use.character)]
    without = features.references(analysis, use, URI, include_declaration=False)
    assert len(without) == 1
    cite = find(oped, "reader]")
    (source,) = features.definition(analysis, cite, URI)
    assert source.range.start == find(oped, "reader:")
    assert len(features.references(analysis, cite, URI)) == 4
    assert features.definition(analysis, at(0, 0), URI) == []


def test_rename_everywhere(oped: str) -> None:
    text = oped + "\nobjection to too-far:\n  - x\n"
    analysis = analyse(text)
    edit = features.rename(analysis, find(text, "too-far:"), "too_late", URI)
    assert edit.changes is not None
    assert len(edit.changes[URI]) == 3
    renamed = _apply(text, edit.changes[URI])
    assert "too-far" not in renamed
    assert [d.code for d in check(parse(renamed))] == [d.code for d in check(parse(text))]


def test_rename_a_source(oped: str) -> None:
    analysis = analyse(oped)
    edit = features.rename(analysis, find(oped, "reader:"), "commenter", URI)
    renamed = _apply(oped, edit.changes[URI])  # type: ignore[index]
    assert "[reader]" not in renamed and renamed.count("[commenter]") == 3
    assert parse(renamed).ok


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("reason", "keyword"),
        ("for", "keyword"),
        ("two words", "not an id"),
        ("9lives", "not an id"),
        ("a.b", "not an id"),
        ("closer", "already defined"),
    ],
)
def test_rename_refuses(oped: str, name: str, message: str) -> None:
    analysis = analyse(oped)
    with pytest.raises(features.RenameError, match=message):
        features.rename(analysis, find(oped, "too-far:"), name, URI)


def test_rename_refuses_on_syntax_errors_and_anonymous_claims(oped: str) -> None:
    broken = oped + "\nreasn:\n"
    with pytest.raises(features.RenameError, match="syntax"):
        features.rename(analyse(broken), find(broken, "too-far:"), "x", URI)
    anonymous = find(oped, "- The threat")
    analysis = analyse(oped)
    assert features.prepare_rename(analysis, at(anonymous.line, anonymous.character + 4)) is None
    with pytest.raises(features.RenameError, match="no id"):
        features.rename(analysis, at(anonymous.line, anonymous.character + 4), "x", URI)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line
        line = lines[start.line]
        lines[start.line] = line[: start.character] + edit.new_text + line[end.character :]
    return "\n".join(lines)


# Completion ------------------------------------------------------------------------------------


def _labels(text: str, position: types.Position) -> list[str]:
    return [item.label for item in features.completion(analyse(text), position)]


def test_completion_of_ids_and_sources(oped: str) -> None:
    text = oped + "reason for \nobjection x to \nreason:\n  @too\n- Text [hammond, \n"
    base = oped.count("\n")
    claims = [c.id for c in parse(oped).map.claims if not c.anonymous]
    assert _labels(text, at(base, 11)) == claims  # `for`: claims only
    to = _labels(text, at(base + 1, 15))
    assert "squeeze" in to and "sanctions" in to  # `to`: claims and groups
    assert _labels(text, at(base + 3, 6)) == claims
    assert _labels(text, at(base + 4, 16)) == ["hammond", "reader"]


def test_completion_of_keywords() -> None:
    text = "\n  \nreason \nreason r \nconclusion c: x\n  rea\n"
    top = _labels(text, at(0, 0))
    assert set(top) == {
        "claim",
        "conclusion",
        "implicit",
        "objection",
        "reason",
        "rebuttal",
        "source",
        "title",
    }
    assert "conclusion" not in _labels(text, at(1, 2))  # indented: no top-level-only keyword
    assert _labels(text, at(2, 7)) == ["for", "to"]
    assert _labels(text, at(3, 9)) == ["for", "to"]
    assert "reason" in _labels(text, at(5, 5))
    assert features.keywords_at("c: text [") == []  # inside text: no keyword


# Symbols ---------------------------------------------------------------------------------------


def test_document_symbols(oped: str) -> None:
    text = oped + "\nobjection to sanctions:\n  - Leaks.\nclaim extra: More.\n"
    symbols = features.document_symbols(analyse(text))
    assert [s.name for s in symbols] == ["closer", "objection", "extra", "hammond", "reader"]
    closer = symbols[0]
    assert closer.kind == types.SymbolKind.Class
    assert [c.name for c in closer.children] == [
        "reason squeeze",
        "reason provocations",
        "reason pressure",
        "objection no-squeeze",
        "objection talks-first",
    ]
    squeeze = closer.children[0]
    assert [c.name for c in squeeze.children] == ["sanctions", "aligned"]
    # Every child's range lies inside its parent's.
    stack = list(symbols)
    while stack:
        parent = stack.pop()
        for child in parent.children or ():
            assert _inside(child.range, parent.range)
            assert _inside(child.selection_range, child.range)
            stack.append(child)


def test_document_symbols_of_a_very_deep_map() -> None:
    lines = ["conclusion c0: Root."]
    for depth in range(1, 400):
        indent = "  " * (2 * depth - 1)
        lines += [indent + "reason:", indent + f"  c{depth}: Level {depth}."]
    symbols = features.document_symbols(analyse("\n".join(lines) + "\n"))
    depth, node = 0, symbols[0]
    while node.children:
        node, depth = node.children[0], depth + 1
    assert depth == features.MAX_SYMBOL_DEPTH


def _inside(inner: types.Range, outer: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(outer.start) <= key(inner.start) and key(inner.end) <= key(outer.end)


# Formatting and code actions --------------------------------------------------------------------


def test_formatting_keeps_crlf_and_refuses_errors() -> None:
    text = "conclusion c:Tea.\r\n    reason:\r\n        - Warm.\r\n"
    (edit,) = features.formatting(analyse(text))
    assert edit.new_text == "conclusion c: Tea.\r\n  reason:\r\n    - Warm.\r\n"
    assert edit.range.end == at(3, 0)
    assert features.formatting(analyse(edit.new_text)) == []
    assert features.formatting(analyse("reasn:\n")) == []


def _actions(text: str) -> list[types.CodeAction]:
    analysis = analyse(text)
    whole = types.Range(start=at(0, 0), end=analysis.end())
    return features.code_actions(analysis, whole, URI)


def test_code_action_declares_a_source() -> None:
    text = "title: T\nsource s: S\nconclusion c: Tea. [nobody]\n"
    (action,) = _actions(text)
    assert action.title == "Declare source `nobody`"
    fixed = _insert(text, action)
    assert (
        fixed
        == "title: T\nsource s: S\nsource nobody: who says this?\nconclusion c: Tea. [nobody]\n"
    )
    assert not any(d.code == "E101" for d in check(parse(fixed)))


def test_code_action_replaces_tabs() -> None:
    text = "conclusion c: Tea.\n\treason:\n\t\t- Warm.\n"
    actions = [a for a in _actions(text) if "tabs" in a.title]
    assert len(actions) == 2
    edits = [a.edit.changes[URI][0] for a in actions]  # type: ignore[union-attr, index]
    fixed = _apply(text, edits)
    assert fixed == "conclusion c: Tea.\n    reason:\n        - Warm.\n"
    assert not [d.code for d in check(parse(fixed))]


def test_code_action_did_you_mean() -> None:
    text = "conclusion closer: Tea.\nreason for clozer:\n  - Warm.\n"
    (action,) = _actions(text)
    assert action.title == "Change to `closer`" and action.is_preferred
    edit = action.edit.changes[URI][0]  # type: ignore[union-attr, index]
    assert edit.range.start == at(1, 11) and edit.new_text == "closer"
    (keyword,) = _actions("conclusion closer: Tea.\nreasn for closer:\n  - Hot.\n")
    assert keyword.title == "Change to `reason`"
    assert keyword.edit.changes[URI][0].range.start == at(1, 0)  # type: ignore[union-attr, index]


def _insert(text: str, action: types.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[URI]
    lines = text.split("\n")
    position = edit.range.start
    assert edit.range.start == edit.range.end
    line = lines[position.line]
    lines[position.line] = line[: position.character] + edit.new_text + line[position.character :]
    return "\n".join(lines)


# The preview command, in process -----------------------------------------------------------------


def _render_command(text: str):
    from argmap.lsp.server import RENDER_SVG, _Document, build_server

    server = build_server()
    server.documents[URI] = _Document(analysis=analyse(text), last_good=None)
    return server.protocol.fm.commands[RENDER_SVG]


def test_render_command_draws_svg(oped: str) -> None:
    svg = _render_command(oped)(URI)
    assert "<svg" in svg and "closer" in svg


def test_render_command_with_the_evaluation_overlay(oped: str) -> None:
    command = _render_command(oped)
    plain = command(URI)
    overlay = command({"uri": URI, "evaluate": True})
    assert "junction reason out" in overlay and "junction reason out" not in plain
    assert command({"uri": URI}) == plain


def test_render_command_errors_are_answers(monkeypatch: pytest.MonkeyPatch, oped: str) -> None:
    import sys

    from pygls.exceptions import JsonRpcException

    command = _render_command(oped)
    with pytest.raises(JsonRpcException, match="needs the URI"):
        command("file:///not-open.arg")
    monkeypatch.setitem(sys.modules, "argmap.render", None)  # as if drawing were not installed
    with pytest.raises(JsonRpcException, match="not available"):
        command({"uri": URI})


def test_a_hover_that_does_not_wait_says_the_evaluation_is_on_its_way() -> None:
    text = "conclusion c: Tea is good.\n  objection:\n    - It is hot.\n"
    analysis = analyse(text)
    found = features.hover(analysis, at(0, 11), wait=False)
    assert _evaluation_line(found) == (
        "Evaluation: being computed for this version; hover again in a moment"
    )
    assert not analysis.evaluated  # asking did not compute it
    assert found is not None and found.contents.value.startswith("**claim `c`**")
    analysis.evaluation()
    ready = features.hover(analysis, at(0, 11), wait=False)
    assert ready == features.hover(analysis, at(0, 11))
    assert _evaluation_line(ready) == (
        "Evaluation: **OUT** because objection `c.objection1` stands: none of its "
        "co-premises is opposed"
    )


def test_while_it_is_computed_hover_shows_the_label_before_the_change_of_structure() -> None:
    text = "conclusion c: Tea is good.\n  objection:\n    - It is hot.\n"
    before = analyse(text)
    before.evaluation()
    # A rebuttal: a new shape, so the evaluation is computed again (`c` turns IN).
    after = analyse(text + "    rebuttal:\n      - It cools.\n")
    assert not after.inherit(before)
    line = _evaluation_line(features.hover(after, at(0, 11), wait=False))
    assert line == (
        "Evaluation: being computed for this version; it was **OUT** before the last change "
        "of the map's structure"
    )
    # Handed on again by a version whose own evaluation was never computed.
    again = analyse(text + "    rebuttal:\n      - It cools down.\n")
    assert again.inherit(after) and again.earlier() is before.evaluation()
    third = analyse(text + "    rebuttal:\n      - It cools.\n      - Fast.\n")
    assert not third.inherit(again) and third.earlier() is before.evaluation()
    # A node the earlier map did not have: no label to show.
    fresh = _evaluation_line(features.hover(after, at(3, 10), wait=False))
    assert fresh == "Evaluation: being computed for this version; hover again in a moment"
    assert _evaluation_line(features.hover(after, at(0, 11))).startswith("Evaluation: **IN**")
