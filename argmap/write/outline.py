"""The map as a nested list: plain text for screen readers and terminals, or Markdown.

The outline starts at each conclusion and walks down: a claim, the groups that support or
oppose it, their co-premises, and the groups aimed at a group (undercuts, rebuttals). A claim
used in several places is spelled out once; later places refer back to it. Whatever does not
lead to a conclusion follows under its own heading, so nothing the map holds is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from argmap.model import ArgumentMap, Claim, Group, Kind

__all__ = ["SEE_ABOVE", "Entry", "entries", "to_markdown", "to_outline"]

SEE_ABOVE = " (see above)"

_LABEL = {Kind.REASON: "Reason", Kind.OBJECTION: "Objection", Kind.REBUTTAL: "Rebuttal"}


def to_outline(m: ArgumentMap) -> str:
    """The map as an indented plain-text outline.

    >>> from argmap import parse
    >>> print(to_outline(parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.").map))
    Conclusion: Tea is good.
      Reason:
        - It is warm.
    <BLANKLINE>
    """
    lines = [m.title, ""] if m.title else []
    for depth, node, note in _walk(m):
        pad = "  " * depth
        if isinstance(node, str):
            lines += ["", node]
        elif isinstance(node, Group):
            lines.append(f"{pad}{_group_label(m, node)}:{note}")
        else:
            marker = "Conclusion: " if node.conclusion and depth == 0 else "- "
            lines.append(f"{pad}{marker}{_claim_label(m, node)}{note}")
    return "\n".join(lines) + "\n"


def to_markdown(m: ArgumentMap) -> str:
    """The map as a nested Markdown list; user text is escaped, so it cannot become markup."""
    lines = [f"# {_md(m.title)}", ""] if m.title else []
    for depth, node, note in _walk(m):
        pad = "  " * depth
        if isinstance(node, str):
            lines += ["", f"**{_md(node)}**", ""]
        elif isinstance(node, Group):
            lines.append(f"{pad}- **{_md(_group_label(m, node))}**{_md(note)}")
        else:
            head = "**Conclusion:** " if node.conclusion and depth == 0 else ""
            lines.append(f"{pad}- {head}{_md(_claim_label(m, node))}{_md(note)}")
    return "\n".join(lines) + "\n"


@attrs.frozen(kw_only=True)
class Entry:
    """One line of the outline: how deep it stands, the claim or group (``None`` for a heading),
    its words as the plain outline writes them, and a note (``" (see above)"`` where a node
    shown earlier recurs, ``" (for c)"`` on a group placed away from its target)."""

    depth: int
    node: Claim | Group | None
    label: str
    note: str = ""

    @property
    def repeat(self) -> bool:
        """Whether this line refers back to a node spelled out earlier."""
        return self.note == SEE_ABOVE


def entries(m: ArgumentMap) -> Iterator[Entry]:
    """The outline's lines, in reading order, as data: for views that build their own list
    (the interactive page links each line to its box).

    >>> from argmap import parse
    >>> m = parse("conclusion c: Tea is good.\\n  reason:\\n    - It is warm.").map
    >>> [(e.depth, e.label) for e in entries(m)]
    [(0, 'Tea is good.'), (1, 'Reason'), (2, 'It is warm.')]
    """
    for depth, node, note in _walk(m):
        if isinstance(node, str):
            yield Entry(depth=depth, node=None, label=node)
        elif isinstance(node, Group):
            yield Entry(depth=depth, node=node, label=_group_label(m, node), note=note)
        else:
            yield Entry(depth=depth, node=node, label=_claim_label(m, node), note=note)


def _walk(m: ArgumentMap) -> Iterator[tuple[int, Claim | Group | str, str]]:
    """(depth, node or heading, note) in reading order, without recursion."""
    shown: set[str] = set()
    roots: list[Claim | Group] = list(m.conclusions)
    headed = False
    for round_ in range(2):
        if round_ == 1:
            roots = [n for n in _tops(m) if n.id not in shown]
        for root in roots:
            if root.id in shown:
                continue
            if round_ == 1 and not headed:
                headed = True
                yield (0, "Not connected to a conclusion:", "")
            stack: list[tuple[int, Claim | Group]] = [(0, root)]
            while stack:
                depth, node = stack.pop()
                if node.id in shown:
                    yield (depth, node, SEE_ABOVE)
                    continue
                shown.add(node.id)
                note = ""
                if isinstance(node, Group) and isinstance(m.target(node), Group) and depth == 0:
                    note = f" (to {node.target})"
                elif isinstance(node, Group) and depth == 0 and node.target is not None:
                    note = f" (for {node.target})"
                yield (depth, node, note)
                children: list[Claim | Group] = []
                if isinstance(node, Group):
                    children += m.premises(node)
                children += m.groups_targeting(node.id)
                stack.extend((depth + 1, child) for child in reversed(children))


def _tops(m: ArgumentMap) -> Iterator[Claim | Group]:
    """Nodes with nothing above them, in document order, then anything left (circles)."""
    for node in m.nodes():
        top = not m.groups_using(node.id) if isinstance(node, Claim) else m.target(node) is None
        if top:
            yield node
    yield from m.nodes()


def _group_label(m: ArgumentMap, group: Group) -> str:
    label = _LABEL[group.kind]
    if not group.anonymous:
        label += f" {group.id}"
    if group.kind is Kind.OBJECTION and isinstance(m.target(group), Group):
        label += " (against the inference)"
    return label + _attribution(m, group)


def _claim_label(m: ArgumentMap, claim: Claim) -> str:
    text = ("(implicit) " if claim.implicit else "") + claim.text
    return text + _attribution(m, claim)


def _attribution(m: ArgumentMap, node: Claim | Group) -> str:
    """Attribution where it changes: on a node that names its own sources, or a top node."""
    if not node.sources and m.parent(node) is not None:
        return ""
    sources = m.attribution(node)
    return f" [{', '.join(sources)}]" if sources else ""


_MD_INLINE = re.compile(r"([\\`*_\[\]#])")
# Markers of Markdown extensions that a backslash does not escape everywhere: attr_list's and
# CriticMarkup's braces (``{: onclick=...}`` would set an attribute), and PyMdown's ``~~``,
# ``^^``, ``==``, ``++``, ``$`` (maths), ``|`` (tables), ``:emoji:`` and ``://`` (emoji, links),
# ``@user`` (mentions). They are written as numeric character references, which every Markdown
# processor and extension reads as text.
_MD_MARKERS = re.compile(r"[{}~^$|]|==|\+\+|:(?=\S)|@(?=\w)")
_MD_BLOCK_START = re.compile(r"^(\d+)([.)])|^([+\-])|^=")


def _md(text: str) -> str:
    r"""Text as literal Markdown: inline markup, extensions' markers and HTML escaped, no block
    syntax at the start.

    >>> print(_md("T {: onclick=alert(1) } ~~x~~ #1 <b>"))
    T &#123;: onclick=alert(1) &#125; &#126;&#126;x&#126;&#126; \#1 &lt;b&gt;
    """
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_MARKERS.sub(lambda m: "".join(f"&#{ord(c)};" for c in m[0]), text)
    # A backslash escapes "+" and "-" but not "=" (Python-Markdown would show it).
    return _MD_BLOCK_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}" if m[3] else "&#61;", text
    )
