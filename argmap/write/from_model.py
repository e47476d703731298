"""From a model back to ``.arg`` text: :func:`dumps`, the same text ``argmap fmt`` writes.

The writer lays the model out as the language nests it: top-level claims with the groups under
them, each group with its co-premises and the groups aimed at it. It then runs the formatter over
that text, so the result is the canonical form by construction. Parsing the result gives back the
same map (spans aside, and the generated ids, which the parser regenerates from the layout).
"""

from __future__ import annotations

from argmap.model import ArgumentMap, Claim, Comment, Group, Reference, Span
from argmap.read.layout import Limits
from argmap.read.parser import parse
from argmap.write.formatter import escape_text, format_result

__all__ = ["dumps"]

_INF = float("inf")


def dumps(m: ArgumentMap, *, limits: Limits | None = None) -> str:
    """The map as canonical ``.arg`` text.

    Raises ``ValueError`` for what the language cannot hold: a text with a line break or with
    spaces at either end, a claim reused with ``@`` that has no id of its own, a group without
    a target.

    ``limits`` (the parser's by default) are those the text is read back within.

    >>> from argmap import parse
    >>> print(dumps(parse("conclusion c:Tea is good.\\n reason:\\n  - It is warm.").map), end="")
    conclusion c: Tea is good.
      reason:
        - It is warm.
    """
    # Each line: (depth, text, where it came from, if known) so comments and blank lines can go
    # back in place.
    lines: list[tuple[int, str, Span | None]] = []
    if m.title is not None:
        lines.append((0, f"title: {_text(m.title, 'the title')}", m.title_span))
    for source in m.sources:
        text = _text(source.text, f"source {source.id}")
        lines.append((0, f"source {source.id}: {text}", source.span))
    order = {id(node): index for index, node in enumerate(m.nodes())}

    def position(node: Claim | Group) -> tuple[float, float, int]:
        span: Span | None = node.span
        return (span.line, span.column, 0) if span else (_INF, _INF, order[id(node)])

    home = {c.id: g for g in m.groups for c in m.premises(g) if _defines(m, g, c)}
    tops: list[Claim | Group] = [c for c in m.claims if c.id not in home]
    for group in m.groups:
        if group.target_keyword is not None or group.target is None or group.target not in m:
            tops.append(group)
    tops.sort(key=position)
    printed: set[int] = set()
    for top in tops:
        stack: list[tuple[int, Claim | Group | str]] = [(0, top)]
        while stack:
            depth, item = stack.pop()
            if isinstance(item, str):  # a reuse: "@id"
                lines.append((depth, f"@{item}", None))
                continue
            if id(item) in printed:
                continue
            printed.add(id(item))
            children: list[tuple[int, Claim | Group | str]] = []
            if isinstance(item, Claim):
                lines.append((depth, _claim_line(item, top=depth == 0), item.span))
            else:
                lines.append((depth, _group_line(item, top=depth == 0), item.span))
                for premise in item.premises:
                    claim = m.get(premise.id)
                    if (
                        isinstance(claim, Claim)
                        and home.get(claim.id) is item
                        and not premise.reuse
                    ):
                        children.append((depth + 1, claim))
                    elif "." in premise.id:
                        raise ValueError(f"claim {premise.id} is reused, so it needs an id")
                    else:
                        children.append((depth + 1, premise.id))
            nested = [g for g in m.groups_targeting(item.id) if g.target_keyword is None]
            children += [(depth + 1, g) for g in sorted(nested, key=position)]
            stack.extend(reversed(children))
    result = parse(
        "".join(line + "\n" for line in _with_comments(lines, m.comments)), limits=limits
    )
    formatted = format_result(result)
    if formatted is None:
        raise ValueError(f"the map cannot be written as .arg text: {result.diagnostics[0].message}")
    return formatted


def _with_comments(
    lines: list[tuple[int, str, Span | None]], comments: tuple[Comment, ...]
) -> list[str]:
    """Put each comment back before the first line written after it, or after its own line,
    and a blank line wherever the original had a gap."""
    pending = sorted(((c.span.line, c.text) for c in comments if c.span), reverse=True)
    out: list[str] = []
    last = 0  # the last line of the original written so far

    def gap(line: int) -> None:
        if last and line > last + 1:
            out.append("")

    for depth, text, span in lines:
        pad = "  " * depth
        while span is not None and pending and pending[-1][0] < span.line:
            line, comment = pending.pop()
            gap(line)
            out.append(f"{pad}#{comment}")
            last = line
        if span is not None:
            gap(span.line)
            last = span.end_line
            if pending and pending[-1][0] == span.end_line:
                text += f"  #{pending.pop()[1]}"
        out.append(pad + text)
    out.extend(f"#{comment}" for _, comment in reversed(pending))
    return out


def _defines(m: ArgumentMap, group: Group, claim: Claim) -> bool:
    """Whether ``group`` is where ``claim`` is written out (its first non-reuse use)."""
    for g in m.groups_using(claim.id):
        if any(p.id == claim.id and not p.reuse for p in g.premises):
            return g is group
    return False


def _claim_line(claim: Claim, *, top: bool) -> str:
    named = "" if claim.anonymous else claim.id
    if claim.conclusion:
        head = f"conclusion {named}:" if named else "conclusion:"
    elif claim.implicit:
        head = f"implicit {named}:" if named else "implicit:"
    elif top:
        head = f"claim {named}:" if named else "claim:"
    else:
        head = f"{named}:" if named else "-"
    text = _text(claim.text, f"claim {claim.id}", sources=bool(claim.sources))
    return f"{head} {text}{_sources(claim.sources)}"


def _group_line(group: Group, *, top: bool) -> str:
    parts = [group.kind.value]
    if not group.anonymous:
        parts.append(group.id)
    if top:
        if group.target is None:
            raise ValueError(f"{group.kind.value} {group.id} has no target")
        if "." in group.target:
            raise ValueError(f"{group.id} names its target {group.target}, which has no id")
        parts.append(f"{group.target_keyword or 'to'} {group.target}")
    return " ".join(parts) + _sources(group.sources) + ":"


def _sources(refs: tuple[Reference, ...]) -> str:
    return f" [{', '.join(r.id for r in refs)}]" if refs else ""


def _text(text: str, what: str, *, sources: bool = False) -> str:
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        raise ValueError(f"{what}: a text must be one line, not empty, without spaces at its ends")
    return escape_text(text, sources=sources)
