"""Mermaid flowcharts: a map that GitHub, GitLab and many wikis draw from a fenced code block.

Claims are boxes (the conclusion with a heavy border, implicit premises dashed), each reason,
objection and rebuttal a small node of its own colour labelled "because", "but" or "however":
its co-premises join it with plain lines and it points with one arrow at what it supports or
opposes, a claim or (for an undercut or a rebuttal) another group. Arrows point up, as in
argmap's diagrams. Attribution is the source's id under the claim's text.

User text never becomes Mermaid syntax, configuration or markup: every character that means
something to Mermaid or HTML is written as a Mermaid entity code (``#quot;``, ``#35;``...), in
labels and in comments alike, by :func:`escape`, and line breaks and control characters as
spaces. So no ``%%{init: ...}%%`` directive (which Mermaid reads anywhere in a diagram, comments
included), no ``}%%`` and no new line can come from a map. Mermaid node ids are ``c1``, ``c2``...
and ``g1``, ``g2``..., with the map's ids, the sources and the comments kept as Mermaid comments
(``%%``), so nothing the map says is lost. The title goes in the front matter as a YAML
double-quoted string with every control and line-separator character escaped.
"""

from __future__ import annotations

import json

from argmap.diagnostics import Diagnostic
from argmap.interop.codes import EXPORT_LOSS
from argmap.interop.results import Exported
from argmap.model import ArgumentMap, Claim, Group, Kind

__all__ = ["escape", "write"]

# Characters with a meaning to Mermaid's lexer (quotes, entity codes, comments, markdown
# strings) or to the HTML a label becomes.
_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "%": "#37;",  # "%%{" anywhere opens a Mermaid directive
}
_WORDS = {Kind.REASON: "because", Kind.OBJECTION: "but", Kind.REBUTTAL: "however"}
_STYLES = (
    "classDef claim fill:#ffffff,stroke:#333333,color:#111111",
    "classDef conclusion fill:#ffffff,stroke:#111111,stroke-width:3px,color:#111111",
    "classDef implicit fill:#ffffff,stroke:#555555,stroke-dasharray:5 4,color:#333333,"
    "font-style:italic",
    "classDef reason fill:#e3f2e5,stroke:#2e7d32,color:#1b5e20",
    "classDef objection fill:#fde8e8,stroke:#c62828,color:#8e1c1c",
    "classDef rebuttal fill:#fff0dc,stroke:#ef6c00,color:#8a3d00",
)


def escape(text: str) -> str:
    """Text for inside a quoted Mermaid label: every meaningful character as an entity code,
    control characters (but tabs) and line separators as spaces.

    >>> escape('say "hi" <b>#1</b>')
    'say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;'
    """
    out = []
    for char in text:
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif (ord(char) < 0x20 and char != "\t") or char in "\x7f\x85\u2028\u2029":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _comment(text: str, prefix: str = "") -> str:
    """A Mermaid comment line holding ``text``, escaped, on one line.

    >>> _comment('x %%{init: {"theme": "dark"}}%%\\nflowchart', prefix="#")
    '%% #x #37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;}}#37;#37; flowchart'
    """
    return "%% " + " ".join((prefix + escape(text)).split())


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line: JSON's escapes, ``\\u``/``\\U``
    escapes for every other character that is not printable (DEL, C1, U+2028, bidi...), and
    ``%`` as ``\\x25``, so that not even a Mermaid that knows no front matter finds a directive.

    >>> print(_yaml_string('T "1"\\u2028\\x85 %%{'))
    "T \\"1\\"\\u2028\\u0085 \\x25\\x25{"
    """
    return "".join(map(_yaml_char, json.dumps(text, ensure_ascii=False)))


def _yaml_char(char: str) -> str:
    if char == "%":
        return "\\x25"
    if char.isprintable() or char == " ":
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def write(m: ArgumentMap, *, direction: str = "BT") -> Exported:
    """The map as a Mermaid flowchart (``flowchart BT``: arrows point up to the conclusion).

    >>> from argmap import parse
    >>> text = write(parse("conclusion c: Tea.\\n  reason:\\n    - Warm.\\n").map).text
    >>> print(text.split("\\n\\n")[0])
    flowchart BT
      %% c
      c1["Tea."]:::conclusion
      c2["Warm."]:::claim
      g1(["because"]):::reason
      c2 --- g1
      g1 --> c1
    """
    diagnostics: list[Diagnostic] = []
    lines: list[str] = []
    if m.title is not None:
        # Front matter is YAML. Mermaid draws the title as text, not markup, so it needs no
        # entity codes, and reads directives only after the front matter.
        lines += ["---", f"title: {_yaml_string(m.title)}", "---"]
    lines.append(f"flowchart {direction}")
    for source in m.sources:
        lines.append("  " + _comment(f"{source.id}: {source.text}", prefix="source "))
    for comment in m.comments:
        lines.append("  " + _comment(comment.text, prefix="#"))
    names: dict[str, str] = {}
    claims: list[Claim] = []
    for claim in m.claims:
        if claim.id not in names:
            names[claim.id] = f"c{len(claims) + 1}"
            claims.append(claim)
    groups: list[Group] = []
    for group in m.groups:
        if group.id not in names:
            names[group.id] = f"g{len(groups) + 1}"
            groups.append(group)
    for claim in claims:
        if not claim.anonymous:
            lines.append("  " + _comment(claim.id))
        label = escape(claim.text)
        who = m.attribution(claim)
        if who:
            label += "<br/><small>" + escape(", ".join(who)) + "</small>"
        style = "conclusion" if claim.conclusion else "implicit" if claim.implicit else "claim"
        lines.append(f'  {names[claim.id]}["{label}"]:::{style}')
    edges: list[str] = []
    for group in groups:
        if not group.anonymous:
            lines.append("  " + _comment(group.id))
        label = _WORDS[group.kind]
        who = m.attribution(group)
        if who:
            label += "<br/><small>" + escape(", ".join(who)) + "</small>"
        lines.append(f'  {names[group.id]}(["{label}"]):::{group.kind.value}')
        for premise in group.premises:
            if premise.id in names and isinstance(m.get(premise.id), Claim):
                edges.append(f"  {names[premise.id]} --- {names[group.id]}")
            else:
                diagnostics.append(
                    EXPORT_LOSS.diagnostic(
                        f"`{premise.id}` is not a claim in this map; it is not drawn",
                        premise.span,
                    )
                )
        if group.target is not None and group.target in names:
            edges.append(f"  {names[group.id]} --> {names[group.target]}")
        else:
            diagnostics.append(
                EXPORT_LOSS.diagnostic(
                    f"{group.id} has no target in this map; its arrow is not drawn", group.span
                )
            )
    lines += edges
    lines.append("")
    lines += ["  " + style for style in _STYLES]
    return Exported(
        text="\n".join(lines) + "\n",
        diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key)),
    )
