"""A readable, deterministic text dump of a parsed map, for golden files.

One block per title, source, claim, group and comment, in the order they were written, with
spans as ``LINE:COL-LINE:COL`` (end exclusive); then the diagnostics. Derived facts that
the model computes (``parent``, effective ``attribution``) are shown under each node, so a
golden shows what the map means, not only what was written.
"""

from __future__ import annotations

from argmap.checks import check
from argmap.model import Claim, Group, Span
from argmap.read.parser import ParseResult

__all__ = ["dump"]


def _span(span: Span | None) -> str:
    if span is None:
        return "-"
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def _text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _refs(refs: tuple) -> str:
    return ", ".join(f"{r.id} {_span(r.span)}" for r in refs)


def dump(result: ParseResult) -> str:
    """The dump of a parse result's map and of all its diagnostics (syntax and checks)."""
    m = result.map
    blocks: list[tuple[tuple[int, int, int], list[str]]] = []

    def add(span: Span | None, order: int, lines: list[str]) -> None:
        key = (span.line, span.column, order) if span else (0, 0, order)
        blocks.append((key, lines))

    if m.title is not None:
        add(m.title_span, 0, [f"title {_text(m.title)} {_span(m.title_span)}"])
    for source in m.sources:
        add(
            source.span,
            1,
            [
                f"source {source.id} {_span(source.span)}",
                f"  id-span {_span(source.id_span)}",
                f"  text {_text(source.text)}",
            ],
        )
    for claim in m.claims:
        add(claim.span, 2, _claim(result, claim))
    for group in m.groups:
        add(group.span, 3, _group(result, group))
    for comment in m.comments:
        add(comment.span, 4, [f"comment {_text(comment.text)} {_span(comment.span)}"])
    blocks.sort(key=lambda block: block[0])
    out = [line for _, lines in blocks for line in lines]
    diagnostics = check(result)
    out.append("diagnostics" + ("" if diagnostics else " none"))
    out.extend(f"  {d.span} {d.code} {d.message}" for d in diagnostics)
    return "\n".join(out) + "\n"


def _claim(result: ParseResult, claim: Claim) -> list[str]:
    m = result.map
    flags = [
        name
        for name, on in (
            ("conclusion", claim.conclusion),
            ("implicit", claim.implicit),
            ("anonymous", claim.anonymous),
        )
        if on
    ]
    lines = [f"claim {claim.id} {_span(claim.span)}" + (f" [{', '.join(flags)}]" if flags else "")]
    if claim.id_span is not None:
        lines.append(f"  id-span {_span(claim.id_span)}")
    lines.append(f"  text {_text(claim.text)}")
    if claim.sources:
        lines.append(f"  sources {_refs(claim.sources)}")
    parent = m.parent(claim)
    if parent is not None:
        lines.append(f"  parent {parent.id}")
    lines.append(f"  attribution {', '.join(m.attribution(claim)) or '-'}")
    return lines


def _group(result: ParseResult, group: Group) -> list[str]:
    m = result.map
    head = f"group {group.id} {group.kind.value} {_span(group.span)}"
    lines = [head + (" [anonymous]" if group.anonymous else "")]
    if group.id_span is not None:
        lines.append(f"  id-span {_span(group.id_span)}")
    if group.target is None:
        lines.append("  target -")
    elif group.explicit_target:
        lines.append(f"  target {group.target} ({group.target_keyword} {_span(group.target_span)})")
    else:
        lines.append(f"  target {group.target} (indented under it)")
    if not group.premises:
        lines.append("  premises -")
    for premise in group.premises:
        name = f"@{premise.id}" if premise.reuse else premise.id
        lines.append(f"  premise {name} {_span(premise.span)}")
    if group.sources:
        lines.append(f"  sources {_refs(group.sources)}")
    lines.append(f"  attribution {', '.join(m.attribution(group)) or '-'}")
    return lines
