"""Kialo's plain-text export (a numbered outline with ``Pro:`` / ``Con:``): read only.

Kialo exports a discussion as ``1. thesis``, ``1.1. Pro: ...``, ``1.2. Con: ...``, with
``-> See 1.4.2.`` where a claim is reused. The thesis becomes the conclusion; a pro becomes a
reason for its parent claim, a con an objection to it, and a con under a con a rebuttal of that
objection. A link reuses the claim it points at. Each claim is a group of one premise: Kialo has
no linked premises. Lines that are not numbered claims are reported (``W401``) and skipped.
"""

from __future__ import annotations

import re

import attrs

from argmap.interop.codes import (
    IMPORT_APPROXIMATED,
    IMPORT_INCONSISTENT,
    IMPORT_SKIPPED,
    UNREADABLE_INPUT,
)
from argmap.interop.draft import Draft, DraftClaim, DraftGroup, clean_text
from argmap.interop.ingest import text_of
from argmap.interop.results import Imported
from argmap.model import Kind, Span
from argmap.read.layout import MAX_DEPTH, Limits
from argmap.read.syntax_codes import TOO_DEEP

__all__ = ["read"]

_ENTRY = re.compile(r"(\d+(?:\.\d+)*)\.?\s+(?:(pro|con|thesis)\s*:\s*)?(.*)$", re.IGNORECASE)
_LINK = re.compile(r"->\s*see\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)
_TITLE = re.compile(r"discussion title\s*:\s*(.*)$", re.IGNORECASE)


@attrs.define
class _Entry:
    number: str
    stance: str  # "thesis", "pro", "con"
    parts: list[str]
    span: Span
    link: str | None = None
    claim: str | None = None  # the claim key this entry stands for
    group: str | None = None


def read(data: str | bytes, *, limits: Limits | None = None) -> Imported:
    """A map from a Kialo ``.txt`` export. Never raises on bad input.

    ``limits`` are the parser's (docs/limits.md): size, line length and nesting depth.

    >>> doc = "Discussion Title: Tea\\n\\n1. Tea is good.\\n1.1. Pro: It is warm.\\n"
    >>> doc += "1.1.1. Con: Not in summer.\\n1.1.1.1. Con: Iced tea is cold.\\n"
    >>> print(read(doc).text, end="")
    title: Tea
    <BLANKLINE>
    conclusion: Tea is good.
      reason:
        - It is warm.
          objection:
            - Not in summer.
            rebuttal:
              - Iced tea is cold.
    """
    text, found = text_of(data, lines=True, limits=limits)
    max_depth = MAX_DEPTH if limits is None else limits.max_depth
    if not text and found:  # past the size limit: nothing to read
        built = Draft().build()
        return Imported(map=built.map, text=built.text, diagnostics=tuple(found))
    draft = Draft(limits=limits)
    draft.diagnostics += found
    entries: dict[str, _Entry] = {}
    last: _Entry | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.strip()
        span = Span(line=number, column=1, end_line=number, end_column=len(line) + 1)
        if not content:
            continue
        match = _ENTRY.match(content)
        if match is None:
            title = _TITLE.match(content)
            if title and not entries and draft.title is None:
                draft.title = clean_text(title.group(1)) or None
            elif last is not None:
                last.parts.append(content)  # a claim's text runs over several lines
            else:
                draft.report(IMPORT_SKIPPED, "a line before the first claim is not kept", span)
            continue
        path, stance, rest = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if path in entries:
            draft.report(
                IMPORT_INCONSISTENT, f"{path} is numbered twice; the second is skipped", span
            )
            last = None
            continue
        depth = path.count(".")
        if max_depth is not None and depth >= max_depth:
            draft.report(
                TOO_DEEP,
                f"{path[:40]}... is nested deeper than {max_depth:,} levels; it is skipped",
                span,
            )
            last = None
            continue
        if not stance:
            stance = "thesis" if depth == 0 else ""
        if not stance:
            draft.report(
                IMPORT_APPROXIMATED, f"{path} says neither Pro nor Con; it is read as a pro", span
            )
            stance = "pro"
        entry = _Entry(number=path, stance=stance, parts=[rest], span=span)
        link = _LINK.match(rest.strip())
        if link:
            entry.link = link.group(1).rstrip(".")
        entries[path] = entry
        last = entry
    if not entries:
        error = UNREADABLE_INPUT.diagnostic(
            "not a Kialo export: no numbered claim (`1. ...`, `1.1. Pro: ...`)",
            Span(line=1, column=1, end_line=1, end_column=2),
        )
        built = Draft().build()
        return Imported(map=built.map, text=built.text, diagnostics=(*found, error))
    _convert(draft, entries)
    return draft.build()


def _convert(draft: Draft, entries: dict[str, _Entry]) -> None:
    for entry in entries.values():
        if entry.link is not None:
            continue
        text = clean_text(" ".join(entry.parts))
        if not text:
            draft.report(IMPORT_INCONSISTENT, f"{entry.number} has no text; skipped", entry.span)
            continue
        entry.claim = entry.number
        draft.claim(
            DraftClaim(
                key=entry.number,
                text=text,
                hint="n" + entry.number.replace(".", "-"),
                conclusion=entry.stance == "thesis" and "." not in entry.number,
                span=entry.span,
            )
        )
    for entry in entries.values():
        if entry.link is not None:
            linked = entries.get(entry.link)
            if linked is None or linked.claim is None:
                draft.report(
                    IMPORT_INCONSISTENT,
                    f"{entry.number} links to {entry.link}, which is not in the file; skipped",
                    entry.span,
                )
                continue
            entry.claim = linked.claim
    for entry in entries.values():
        if "." not in entry.number or entry.claim is None:
            continue
        parent = entries.get(entry.number.rsplit(".", 1)[0])
        if parent is None or parent.claim is None:
            draft.report(
                IMPORT_INCONSISTENT,
                f"{entry.number} stands under a claim that is not in the file; skipped",
                entry.span,
            )
            continue
        if entry.stance == "thesis":
            draft.report(
                IMPORT_APPROXIMATED,
                f"{entry.number} is a thesis under another claim; it is read as a pro",
                entry.span,
            )
        if entry.stance == "con" and parent.stance == "con" and parent.group is not None:
            kind, target = Kind.REBUTTAL, parent.group
        elif entry.stance == "con":
            kind, target = Kind.OBJECTION, parent.claim
        else:
            kind, target = Kind.REASON, parent.claim
        entry.group = f"g:{entry.number}"
        draft.group(
            DraftGroup(
                key=entry.group,
                kind=kind,
                target=target,
                premises=[entry.claim],
                span=entry.span,
            )
        )
