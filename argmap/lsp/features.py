"""The language features as pure functions: an :class:`Analysis` and a position in, protocol
types out. The server (:mod:`argmap.lsp.server`) only wires them to messages, so each feature is
tested here without a server.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs
import lark
from lsprotocol import types

from argmap.diagnostics import Diagnostic, Severity
from argmap.lsp.analysis import ID, Analysis, Namespace
from argmap.model import ArgumentMap, Claim, Group, Source, Span
from argmap.read.lark_lines import grammar_text
from argmap.read.parser import KEYWORDS
from argmap.write.formatter import format_result, line_ending

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = [
    "RenameError",
    "code_actions",
    "completion",
    "definition",
    "diagnostics",
    "document_symbols",
    "formatting",
    "hover",
    "prepare_rename",
    "references",
    "rename",
]

SOURCE = "argmap"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    # Teaching hints are advice a student should read: LSP's "hint" level is drawn so faintly
    # (three dots in VS Code) that it would hide them.
    Severity.HINT: types.DiagnosticSeverity.Information,
}
# Words that read as keywords somewhere: never accepted as a new id.
RESERVED = frozenset(KEYWORDS) | {"for", "to"}
# Symbols nested deeper than this are listed under their ancestor at this depth: editors and
# JSON encoders recurse, and a generated map can be thousands of levels deep.
MAX_SYMBOL_DEPTH = 64


# Diagnostics ------------------------------------------------------------------------------------


def diagnostics(analysis: Analysis, uri: str) -> list[types.Diagnostic]:
    """The checker's diagnostics, with the command line's codes, as protocol diagnostics."""
    return [_diagnostic(analysis, uri, d) for d in analysis.diagnostics]


def _diagnostic(analysis: Analysis, uri: str, d: Diagnostic) -> types.Diagnostic:
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=analysis.range(r.span)), message=r.message
        )
        for r in d.related
    ]
    return types.Diagnostic(
        range=analysis.range(d.span),
        message=message,
        severity=_SEVERITY[d.severity],
        code=d.code,
        source=SOURCE,
        related_information=related or None,
        data={"name": d.name},
    )


# Hover -----------------------------------------------------------------------------------------

# Characters that can start markup anywhere in a Markdown paragraph; the others ('-', '+', '.',
# digits, '=') only at the start of a line, handled in _md.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>&#|~!$])")
_MARKDOWN_LEAD = re.compile(r"^([-+=]|\d+(?=[.)]))")


def _md(text: str) -> str:
    """User text made inert in Markdown: one line, markup characters escaped."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    match = _MARKDOWN_LEAD.match(text)
    if match is not None:
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group()[0].isdigit() else "\\" + text
    return text


def _name(node: Claim | Group) -> str:
    kind = "claim" if isinstance(node, Claim) else node.kind.value
    return f"{kind} `{node.id}`"


def _role(m: ArgumentMap, claim: Claim) -> str:
    roles = []
    if claim.conclusion:
        roles.append("conclusion")
    elif claim.implicit:
        roles.append("implicit premise")
    for group in m.groups_using(claim.id):
        roles.append(f"co-premise of {_name(group)}")
    return ", ".join(roles) or "claim (not used in any reason or objection)"


def _list(nodes: Iterable[Claim | Group]) -> str:
    return ", ".join(_name(n) for n in nodes) or "nothing"


def _attribution(m: ArgumentMap, node: Claim | Group, attribution: _Attribution) -> str:
    names = []
    for source_id in attribution(node.id):
        source = m.source(source_id)
        names.append(f"`{source_id}`" + (f" ({_md(source.text)})" if source else ""))
    return ", ".join(names) or "none"


_Attribution = Callable[[str], tuple[str, ...]]


def _describe(m: ArgumentMap, item: Claim | Group | Source, attribution: _Attribution) -> str:
    """What hover says of ``item`` of map ``m``; ``attribution``: ``m.attribution``, or what
    gives the same answers (:meth:`Analysis.attribution`)."""
    if isinstance(item, Source):
        citing = [n for n in m.nodes() if any(r.id == item.id for r in n.sources)]
        return "\n\n".join(
            [
                f"**source** `{item.id}`",
                _md(item.text),
                f"Cited by: {_list(citing)}",
            ]
        )
    if isinstance(item, Claim):
        return "\n\n".join(
            [
                f"**{_name(item)}**: {_role(m, item)}",
                _md(item.text),
                f"Attribution: {_attribution(m, item, attribution)}",
                f"Supports: {_list(m.supports(item.id))}",
                f"Opposes: {_list(m.opposes(item.id))}",
            ]
        )
    verb = "Supports" if item.kind.supports else "Opposes"
    target = m.target(item)
    premises = [f"- {_md(c.text)} (`{c.id}`)" for c in m.premises(item)]
    return "\n\n".join(
        [
            f"**{_name(item)}**",
            f"{verb}: {_name(target) if target is not None else f'`{item.target}` (undefined)'}",
            "Co-premises:\n\n" + ("\n".join(premises) or "none"),
            f"Attribution: {_attribution(m, item, attribution)}",
            f"Opposed by: {_list(m.objections_to(item.id))}",
        ]
    )


_CODE_SPAN = re.compile(r"`([^`]*)`")


def _md_keeping_ids(text: str) -> str:
    """An explanation made inert in Markdown, with the ids it names in backticks kept as code
    (anything else between backticks is escaped like the rest)."""

    def inert(part: str) -> str:
        if not part.strip():
            return part
        body = part.strip()
        return part[: part.index(body[0])] + _md(body) + part[len(part.rstrip()) :]

    parts: list[str] = []
    at = 0
    for match in _CODE_SPAN.finditer(text):
        if re.fullmatch(r"[\w.-]+", match.group(1)) is None:
            continue
        parts += [inert(text[at : match.start()]), match.group()]
        at = match.end()
    parts.append(inert(text[at:]))
    return "".join(parts)


def _evaluation(analysis: Analysis, item: Claim | Group, current: bool, wait: bool) -> str:
    """The hover's line on the evaluation: the node's label and why, as `argmap evaluate` says
    it; on a document with errors, that evaluation waits for a map without them. Without
    ``wait``, an evaluation not computed yet is said to be on its way, with the label of the
    version before the last change of the map's structure if there is one."""
    if not current or analysis.errors:
        count = analysis.errors
        errors = f"{count} error{'s' if count != 1 else ''}"
        return f"Evaluation: needs a map without errors (this document has {errors})"
    if not wait and not analysis.evaluated:
        return _pending(analysis.earlier(), item)
    evaluation = analysis.evaluation()
    if (
        evaluation is None
        or item.id not in evaluation.labels
        or analysis.map.get(item.id) is not item  # a second definition of the id
    ):
        return "Evaluation: not available for this node"
    label = str(evaluation.label(item.id))
    line = evaluation.explain(item.id)
    assert line.startswith(label)
    return f"Evaluation: **{label}**{_md_keeping_ids(line[len(label) :])}"


def _pending(earlier: Evaluation | None, item: Claim | Group) -> str:
    pending = "being computed for this version"
    if earlier is None or item.id not in earlier.labels:
        return f"Evaluation: {pending}; hover again in a moment"
    return (
        f"Evaluation: {pending}; it was **{earlier.label(item.id)}** before the last change "
        "of the map's structure"
    )


def _lookup(m: ArgumentMap, id: str, namespace: Namespace) -> Claim | Group | Source | None:
    return m.source(id) if namespace == "source" else m.get(id)


@attrs.frozen
class _Target:
    """What a hover is about: an item of map ``m`` (the current map or the last good one), or an
    id the current map does not define (``item`` is ``None``, ``missing`` says what it is)."""

    item: Claim | Group | Source | None
    m: ArgumentMap
    span: Span | None
    missing: str = ""


def _hover_target(
    analysis: Analysis, position: types.Position, last_good: Analysis | None
) -> _Target | None:
    line, column = analysis.point(position)
    occurrence = analysis.occurrence_at(line, column)
    if occurrence is not None:
        item = _lookup(analysis.map, occurrence.id, occurrence.namespace)
        if item is None:
            what = "source" if occurrence.namespace == "source" else "claim or group"
            return _Target(None, analysis.map, occurrence.span, f"No {what} `{occurrence.id}`")
        return _Target(item, analysis.map, occurrence.span)
    item = analysis.node_at(line, column)
    if item is not None:
        return _Target(item, analysis.map, item.span)
    word = analysis.word_at(line, column)
    if word is None:
        return None
    for candidate in (analysis, last_good):
        if candidate is not None:
            item = candidate.map.get(word) or candidate.map.source(word)
            if item is not None:
                return _Target(item, candidate.map, None)
    return None


def hover(
    analysis: Analysis,
    position: types.Position,
    last_good: Analysis | None = None,
    *,
    wait: bool = True,
) -> types.Hover | None:
    """What the id or line under the cursor is: text, role, attribution, what it supports and
    opposes. On a line that does not parse, the id under the cursor is looked up in the current
    map, then in ``last_good`` (the last version of the document without syntax errors).

    ``wait``: compute the evaluation if it is not yet (else say it is on its way)."""
    target = _hover_target(analysis, position, last_good)
    if target is None:
        return None
    item, m, span = target.item, target.m, target.span
    if item is None:
        value = f"{target.missing} is defined."
    else:
        owner = analysis if m is analysis.map else last_good
        attribution = owner.attribution if owner is not None and m is owner.map else m.attribution
        value = _describe(m, item, attribution)
        if not isinstance(item, Source):
            value += "\n\n" + _evaluation(analysis, item, m is analysis.map, wait)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
        range=None if span is None else analysis.range(span),
    )


# Definition and references -----------------------------------------------------------------------


def definition(analysis: Analysis, position: types.Position, uri: str) -> list[types.Location]:
    """Where the id under the cursor is defined."""
    occurrence = analysis.occurrence_at(*analysis.point(position))
    if occurrence is None:
        return []
    found = analysis.definition(occurrence.id, occurrence.namespace)
    return [] if found is None else [types.Location(uri=uri, range=analysis.range(found.span))]


def references(
    analysis: Analysis, position: types.Position, uri: str, *, include_declaration: bool = True
) -> list[types.Location]:
    """Every place the id under the cursor is written."""
    occurrence = analysis.occurrence_at(*analysis.point(position))
    if occurrence is None:
        return []
    return [
        types.Location(uri=uri, range=analysis.range(o.span))
        for o in analysis.occurrences_of(occurrence.id, occurrence.namespace)
        if include_declaration or not o.definition
    ]


# Rename ----------------------------------------------------------------------------------------


class RenameError(ValueError):
    """A rename that cannot be done; the message says why, in the user's words."""


def prepare_rename(analysis: Analysis, position: types.Position) -> types.Range | None:
    """The range of the id under the cursor, if it can be renamed."""
    occurrence = analysis.occurrence_at(*analysis.point(position))
    if occurrence is None:
        return None
    return analysis.range(occurrence.span)


def rename(
    analysis: Analysis, position: types.Position, new_name: str, uri: str
) -> types.WorkspaceEdit:
    """Rename the id under the cursor everywhere in the document.

    Raises :class:`RenameError` when the cursor is on no written id, the new name is not an id or
    is a keyword, the name is taken, or the document has syntax errors (a line that did not
    parse could hold a use of the id that a rename would miss).
    """
    occurrence = analysis.occurrence_at(*analysis.point(position))
    if occurrence is None:
        raise RenameError("there is no id to rename here")
    if not analysis.result.ok:
        raise RenameError("fix the syntax errors first: a line that does not parse may use the id")
    if "." in occurrence.id:  # cannot happen for written ids; generated ids are never renamed
        raise RenameError(f"`{occurrence.id}` is generated by argmap and cannot be renamed")
    if ID.fullmatch(new_name) is None:
        raise RenameError(
            f"`{new_name}` is not an id: ids start with a letter or `_` and go on with letters, "
            "digits, `_` and `-`"
        )
    if new_name in RESERVED:
        raise RenameError(f"`{new_name}` is a keyword and cannot be an id")
    if new_name != occurrence.id and _lookup(analysis.map, new_name, occurrence.namespace):
        raise RenameError(f"`{new_name}` is already defined")
    edits = [
        types.TextEdit(range=analysis.range(o.span), new_text=new_name)
        for o in analysis.occurrences_of(occurrence.id, occurrence.namespace)
    ]
    return types.WorkspaceEdit(changes={uri: edits})


# Completion ------------------------------------------------------------------------------------


@functools.cache
def _lark() -> lark.Lark:
    # The parser's own lark object runs a transformer inline, which interactive parsing cannot use.
    return lark.Lark(grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)


@functools.cache
def _keyword_terminals() -> dict[str, str]:
    return {
        t.name: t.pattern.value
        for t in _lark().terminals
        if t.pattern.type == "str" and t.pattern.value.isalpha()
    }


_TOP_LEVEL_ONLY = {"conclusion", "title", "source"}
_AFTER_AT = re.compile(r"@[ \t]*([\w-]*)$")
_AFTER_TARGET = re.compile(r"^[ \t]*(?:reason|objection|rebuttal)\b.*?\b(for|to)[ \t]+([\w-]*)$")
_IN_SOURCES = re.compile(r"\[[ \t]*(?:[\w-]+[ \t]*,[ \t]*)*([\w-]*)$")
_PARTIAL = re.compile(r"[\w-]*$")


def keywords_at(prefix: str) -> list[str]:
    """The keywords that the grammar accepts after ``prefix`` (a line's text before the cursor,
    without its indentation and without the word being typed)."""
    try:
        interactive = _lark().parse_interactive(prefix)
        interactive.exhaust_lexer()
        accepted = interactive.accepts()
    except lark.exceptions.LarkError:
        return []
    terminals = _keyword_terminals()
    return sorted(terminals[name] for name in accepted if name in terminals)


def completion(analysis: Analysis, position: types.Position) -> list[types.CompletionItem]:
    """Ids after ``@``, ``for`` and ``to``; sources inside ``[``; keywords the grammar accepts."""
    line, column = analysis.point(position)
    before = analysis.line_text(line)[: column - 1]
    m = analysis.map
    if _AFTER_AT.search(before):
        return [_id_item(c) for c in m.claims if not c.anonymous]
    target = _AFTER_TARGET.search(before)
    if target is not None:
        nodes: tuple[Claim | Group, ...] = (
            m.claims if target.group(1) == "for" else (*m.claims, *m.groups)
        )
        return [_id_item(n) for n in nodes if not n.anonymous]
    if _IN_SOURCES.search(before) and "[" in before:
        return [
            types.CompletionItem(
                label=s.id,
                kind=types.CompletionItemKind.Reference,
                detail=_short(s.text),
            )
            for s in m.sources
        ]
    body = before.lstrip(" \t")
    indented = len(body) < len(before)
    word = _PARTIAL.search(body)
    head = body[: word.start()] if word else body
    keywords = keywords_at(head)
    if indented:
        keywords = [k for k in keywords if k not in _TOP_LEVEL_ONLY]
    return [types.CompletionItem(label=k, kind=types.CompletionItemKind.Keyword) for k in keywords]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _id_item(node: Claim | Group) -> types.CompletionItem:
    if isinstance(node, Claim):
        return types.CompletionItem(
            label=node.id,
            kind=types.CompletionItemKind.Value,
            detail=_short(node.text),
        )
    return types.CompletionItem(
        label=node.id, kind=types.CompletionItemKind.Class, detail=node.kind.value
    )


# Document symbols ------------------------------------------------------------------------------


def document_symbols(analysis: Analysis) -> list[types.DocumentSymbol]:
    """The outline: conclusions first, then top-level groups, then other claims, then sources;
    under each, what is written indented under it (groups under claims, co-premises and nested
    objections under groups)."""
    m = analysis.map
    children: dict[str, list[Claim | Group]] = {}
    top: list[Claim | Group] = []
    for node in m.nodes():
        if node.span is None or m.get(node.id) is not node:
            continue  # a duplicate definition: the outline shows the first
        parent = m.parent(node)
        if parent is None:
            top.append(node)
        else:
            children.setdefault(parent.id, []).append(node)
    for siblings in children.values():
        siblings.sort(key=_order)
    top.sort(key=lambda n: (_rank(n), _order(n)))

    # Each node's block ends where its last descendant ends; walk the text backwards once.
    ends: dict[str, Span] = {}
    ordered = sorted((n for n in m.nodes() if n.span is not None), key=_order, reverse=True)
    for node in ordered:
        end = node.span
        for child in children.get(node.id, ()):
            child_end = ends.get(child.id, child.span)
            if child_end is not None and end is not None and child_end > end:
                end = child_end
        ends[node.id] = end  # type: ignore[assignment]

    def symbol(node: Claim | Group, kids: list[types.DocumentSymbol]) -> types.DocumentSymbol:
        assert node.span is not None
        end = ends.get(node.id, node.span)
        whole = Span(
            line=node.span.line,
            column=node.span.column,
            end_line=end.end_line,
            end_column=end.end_column,
        )
        return types.DocumentSymbol(
            name=_symbol_name(node),
            detail=_symbol_detail(node),
            kind=_symbol_kind(node),
            range=analysis.range(whole),
            selection_range=analysis.range(node.id_span or node.span),
            children=kids,
        )

    result: list[types.DocumentSymbol] = []
    # An explicit stack instead of recursion: maps may nest very deeply.
    stack: list[tuple[Claim | Group, list[types.DocumentSymbol], int]] = [
        (node, result, 0) for node in reversed(top)
    ]
    while stack:
        node, into, depth = stack.pop()
        kids: list[types.DocumentSymbol] = []
        into.append(symbol(node, kids))
        target = kids if depth < MAX_SYMBOL_DEPTH else into
        next_depth = depth + 1 if depth < MAX_SYMBOL_DEPTH else depth
        for child in reversed(children.get(node.id, ())):
            stack.append((child, target, next_depth))
    for source in m.sources:
        if source.span is not None:
            result.append(
                types.DocumentSymbol(
                    name=source.id,
                    detail=_short(source.text),
                    kind=types.SymbolKind.Key,
                    range=analysis.range(source.span),
                    selection_range=analysis.range(source.id_span or source.span),
                )
            )
    return result


def _order(node: Claim | Group) -> tuple[int, int]:
    span = node.span
    return (span.line, span.column) if span is not None else (0, 0)


def _rank(node: Claim | Group) -> int:
    if isinstance(node, Claim):
        return 0 if node.conclusion else 2
    return 1


def _symbol_name(node: Claim | Group) -> str:
    if isinstance(node, Group):
        return f"{node.kind.value} {node.id}" if not node.anonymous else node.kind.value
    label = node.id if not node.anonymous else _short(node.text, 40)
    return label or node.id


def _symbol_detail(node: Claim | Group) -> str:
    if isinstance(node, Group):
        if node.explicit_target:
            return f"{node.target_keyword} {node.target}"
        return ""
    prefix = "conclusion: " if node.conclusion else "implicit: " if node.implicit else ""
    return prefix + _short(node.text) if not node.anonymous else prefix.rstrip(": ")


def _symbol_kind(node: Claim | Group) -> types.SymbolKind:
    if isinstance(node, Claim):
        return types.SymbolKind.Class if node.conclusion else types.SymbolKind.String
    return types.SymbolKind.Interface if node.kind.supports else types.SymbolKind.Event


# Formatting ------------------------------------------------------------------------------------


def formatting(analysis: Analysis) -> list[types.TextEdit]:
    """The canonical form as one edit; no edit for a document with syntax errors."""
    formatted = format_result(analysis.result)
    if formatted is None:
        return []
    text = analysis.text
    ending = line_ending(text)
    if ending != "\n":
        formatted = formatted.replace("\n", ending)
    if formatted == text:
        return []
    whole = types.Range(start=types.Position(line=0, character=0), end=analysis.end())
    return [types.TextEdit(range=whole, new_text=formatted)]


# Code actions ----------------------------------------------------------------------------------

_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")


def code_actions(analysis: Analysis, range: types.Range, uri: str) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics in ``range``, where the fix is certain: declare a missing
    source, indent with spaces instead of tabs, take the one name a "did you mean" hint offers."""
    start = analysis.point(range.start)
    end = analysis.point(range.end)
    actions: list[types.CodeAction] = []
    for d in analysis.diagnostics:
        span = d.span
        if (
            span is None
            or (span.end_line, span.end_column) < start
            or (span.line, span.column) > end
        ):
            continue
        protocol = _diagnostic(analysis, uri, d)
        for title, edits, preferred in _fixes(analysis, d):
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[protocol],
                    is_preferred=preferred,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
    return actions


def _fixes(analysis: Analysis, d: Diagnostic) -> Iterable[tuple[str, list[types.TextEdit], bool]]:
    span = d.span
    assert span is not None
    if d.code == "E005":
        text = analysis.line_text(span.line)
        body = text.lstrip(" \t")
        indent = text[: len(text) - len(body)]
        from argmap.read.layout import TAB_WIDTH

        edit = types.TextEdit(
            range=analysis.range(
                Span(line=span.line, column=1, end_line=span.line, end_column=len(indent) + 1)
            ),
            new_text=indent.expandtabs(TAB_WIDTH),
        )
        yield "Indent with spaces instead of tabs", [edit], True
    occurrence = analysis.occurrence_at(span.line, span.column)
    if d.code == "E101" and occurrence is not None and occurrence.namespace == "source":
        yield (
            f"Declare source `{occurrence.id}`",
            [_declare_source(analysis, occurrence.id)],
            not (d.hint and _DID_YOU_MEAN.search(d.hint)),
        )
    # The parser puts E003's suggestion in the message; the checker puts E101's in the hint.
    guess = _DID_YOU_MEAN.search(d.hint or "") or _DID_YOU_MEAN.search(d.message)
    if guess is None:
        return
    name = guess.group(1)
    if d.code == "E101" and occurrence is not None:
        edit = types.TextEdit(range=analysis.range(occurrence.span), new_text=name)
        yield f"Change to `{name}`", [edit], True
    elif d.code == "E003" and name in KEYWORDS:
        yield (
            f"Change to `{name}`",
            [types.TextEdit(range=analysis.range(span), new_text=name)],
            True,
        )


def _declare_source(analysis: Analysis, id: str) -> types.TextEdit:
    """Insert ``source ID: ...`` after the last source, else after the title, else at the top."""
    m = analysis.map
    anchor = m.sources[-1].span if m.sources else m.title_span
    declaration = f"source {id}: who says this?"
    ending = line_ending(analysis.text)
    if anchor is None:
        at = types.Position(line=0, character=0)
        return types.TextEdit(
            range=types.Range(start=at, end=at), new_text=declaration + ending * 2
        )
    line = anchor.end_line  # 1-based line of the anchor's end = 0-based index of the next line
    if line >= len(analysis.lines):
        at = analysis.end()
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=ending + declaration)
    at = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=declaration + ending)
