"""The text and Markdown outlines: complete, readable, and escaped."""

from __future__ import annotations

import argmap
from argmap.write.outline import to_markdown, to_outline
from tests.conftest import OPED


def test_outline_holds_every_claim_once_spelled_out() -> None:
    m = argmap.parse_file(OPED).map
    outline = to_outline(m)
    for claim in m.claims:
        assert claim.text in outline
    assert outline.count("(see above)") == 1  # too-far is reused once
    assert outline.startswith(m.title + "\n\nConclusion: Washington and Beijing")
    assert "Objection credibility (against the inference):" in outline
    assert "Rebuttal blockade-only [reader]:" in outline


def test_outline_indents_by_structure() -> None:
    text = "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n    objection:\n      - x\n"
    assert to_outline(argmap.parse(text).map) == (
        "Conclusion: Tea is good.\n"
        "  Reason:\n"
        "    - It is warm.\n"
        "    Objection (against the inference):\n"
        "      - x\n"
    )


def test_disconnected_parts_are_listed_not_dropped() -> None:
    text = "conclusion c: Tea is good.\nclaim d: Coffee is good.\n  reason:\n    - It wakes.\n"
    outline = to_outline(argmap.parse(text).map)
    assert outline.endswith(
        "\nNot connected to a conclusion:\n- Coffee is good.\n  Reason:\n    - It wakes.\n"
    )


def test_support_cycle_terminates() -> None:
    text = "conclusion c: A\n  reason:\n    b: B\n      reason:\n        @c\n"
    outline = to_outline(argmap.parse(text).map)
    assert outline.count("(see above)") == 1


def test_markdown_escapes_user_text() -> None:
    text = "conclusion c: <script>alert(1)</script> *bold* [link](javascript:x) & `code`\n"
    md = to_markdown(argmap.parse(text).map)
    assert "<script>" not in md
    assert "&lt;script&gt;" in md
    assert r"\*bold\*" in md and r"\[link\]" in md and r"\`code\`" in md
    assert "&amp;" in md


def test_markdown_of_the_op_ed() -> None:
    md = to_markdown(argmap.parse_file(OPED).map)
    assert md.startswith("# US and China edge closer")
    assert "- **Conclusion:** Washington and Beijing" in md
    assert "  - **Reason squeeze**" in md
