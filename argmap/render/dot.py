"""The DOT builder: an argument map as a ``graphviz.Digraph``, pure and deterministic.

The visual language (docs/rendering.md):

* the conclusion on top (``rankdir=BT``), arrows pointing up from evidence to what it bears on;
* a claim is a box; its text wrapped at :data:`~argmap.render.text.WRAP` characters, its
  attribution in small grey type; implicit premises dashed and italic;
* the co-premises of one reason / objection / rebuttal sit in one frame (a cluster) that joins
  into ONE arrow through a small *junction* node carrying the connective ("because", "but",
  "however"), so colour is never the only signal;
* an undercut (an objection to a reason) and a rebuttal (an objection to an objection) point at
  the junction of the group they oppose: the junction is the inference;
* a reused claim (``@id``) is drawn once and linked to every group that uses it.

Every DOT name is a map id (or, for the frames, edges and legend, a name with a ``:`` that map
ids cannot contain); every piece of user text goes through :mod:`argmap.render.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.model import ArgumentMap, Claim, Group, Kind
from argmap.render import text as txt

__all__ = ["ROLES", "Role", "build", "to_dot"]


@attrs.frozen(kw_only=True)
class Role:
    """How one kind of group looks: its connective word, its colour and the frame's tint."""

    word: str
    colour: str
    tint: str


ROLES = {
    Kind.REASON: Role(word="because", colour="#2e7d32", tint="#edf7ee"),
    Kind.OBJECTION: Role(word="but", colour="#c62828", tint="#fdeeee"),
    Kind.REBUTTAL: Role(word="however", colour="#e65100", tint="#fff4e5"),
}

FONT = "Helvetica,Arial,sans-serif"
INK = "#263238"  # claim borders and text: near-black, softer than pure black
GREY = "#6b7780"  # attribution and other secondary text
CONCLUSION_FILL = "#eef2fb"
CONCLUSION_INK = "#1a2f6b"
LEGEND = "~legend"  # a DOT name no map id can take

# Map ids come from the grammar (letters, digits, '_', '-') or from argmap ('.' added). Anything
# else would need quoting rules that differ between Graphviz versions, so it is refused.
_SAFE_ID = re.compile(r"[^\W][\w.-]*\Z")


def to_dot(m: ArgumentMap, *, legend: bool = False, wrap: int = txt.WRAP) -> str:
    """The DOT text of a map: same map, same text, byte for byte.

    >>> from argmap import parse
    >>> print(to_dot(parse("conclusion c: Tea is good.").map).splitlines()[0])
    digraph argmap {
    """
    return build(m, legend=legend, wrap=wrap).source


def build(m: ArgumentMap, *, legend: bool = False, wrap: int = txt.WRAP) -> graphviz.Digraph:
    """The map as a ``graphviz.Digraph`` (see the module docstring for the visual language)."""
    return _Builder(m, wrap=wrap).build(legend=legend)


class _Builder:
    def __init__(self, m: ArgumentMap, *, wrap: int) -> None:
        self.map = m
        self.wrap = wrap
        self.graph = graphviz.Digraph("argmap")
        # DOT names already used: duplicate ids (an error the user may --force past) must not
        # merge two things into one box.
        self.names: dict[str, str] = {}
        self.used: set[str] = set()

    # Naming ---------------------------------------------------------------------------------

    def name(self, node: Claim | Group) -> str:
        key = f"{type(node).__name__}:{node.id}"
        if key not in self.names:
            if not _SAFE_ID.match(node.id):
                raise ValueError(
                    f"cannot draw id {node.id!r}: ids are letters, digits, '_', '-' and '.'"
                )
            name, count = node.id, 1
            while name in self.used:  # '~' never occurs in an id, so the new name is free
                count += 1
                name = f"{node.id}~{count}"
            self.used.add(name)
            self.names[key] = name
        return self.names[key]

    # The graph ------------------------------------------------------------------------------

    def build(self, *, legend: bool) -> graphviz.Digraph:
        m, g = self.map, self.graph
        g.attr(
            "graph",
            rankdir="BT",
            compound="true",
            nodesep="0.3",
            ranksep="0.32",
            pad="0.25",
            bgcolor="white",
            fontname=FONT,
            outputorder="edgesfirst",
            id="argmap",
            **{"class": "argmap"},
        )
        g.attr(
            "node",
            shape="box",
            style="rounded,filled",
            fillcolor="white",
            color=INK,
            fontcolor=INK,
            fontname=FONT,
            fontsize="11",
            margin="0.14,0.08",
            penwidth="1.2",
        )
        g.attr("edge", penwidth="1.6", arrowsize="0.8", fontname=FONT)
        title = "<BR/>".join(txt.lines(m.title or "", 2 * self.wrap))
        if title:
            g.attr("graph", label=f'<<FONT POINT-SIZE="16"><B>{title}</B></FONT>>', labelloc="t")

        framed = self._framed()
        for claim in self._claims():
            if claim.id not in framed:
                self._claim(g, claim)
        tops = [c for c in self._claims() if c.conclusion and c.id not in framed]
        if tops:
            # The conclusion on top even when another tree is deeper (rankdir=BT: max is top).
            with g.subgraph() as top:
                top.attr(rank="max")
                for claim in tops:
                    top.node(self.name(claim))
        for group in self._groups():
            self._group(group, [c for c in m.premises(group) if framed.get(c.id) is group])
        if legend:
            self._legend()
        return g

    def _claims(self) -> Iterator[Claim]:
        """Each claim id once: a second definition (an error the user may --force past) is
        the one argmap check reports, and the first is the one every reference means."""
        seen: set[str] = set()
        for claim in self.map.claims:
            if claim.id not in seen:
                seen.add(claim.id)
                yield claim

    def _groups(self) -> Iterator[Group]:
        seen: set[str] = set()
        for group in self.map.groups:
            if group.id not in seen:
                seen.add(group.id)
                yield group

    def _framed(self) -> dict[str, Group]:
        """Which frame each claim is drawn in: the group that defines it (not one reusing it)."""
        framed: dict[str, Group] = {}
        for group in self._groups():
            for premise in group.premises:
                claim = self.map.get(premise.id)
                if premise.reuse or not isinstance(claim, Claim) or premise.id in framed:
                    continue
                if self.map.parent(claim) is group:
                    framed[premise.id] = group
        return framed

    # Claims ---------------------------------------------------------------------------------

    def _claim(self, into: graphviz.Digraph, claim: Claim) -> None:
        classes = ["claim"]
        attrs_: dict[str, str] = {}
        if claim.conclusion:
            classes.append("conclusion")
            attrs_.update(penwidth="2.4", color=CONCLUSION_INK, fillcolor=CONCLUSION_FILL)
        if claim.implicit:
            classes.append("implicit")
            attrs_.update(style="rounded,filled,dashed")
        if len(self.map.groups_using(claim.id)) > 1:
            classes.append("reused")
        into.node(
            self.name(claim),
            label=self._claim_label(claim),
            tooltip=txt.dot_string(claim.text),
            id=self.name(claim),
            **{"class": " ".join(classes)},
            **attrs_,
        )

    def _claim_label(self, claim: Claim) -> str:
        body = "<BR/>".join(txt.lines(claim.text, self.wrap))
        # An empty <I></I> or <B></B> is a syntax error to Graphviz, which then drops the label.
        if claim.implicit and body:
            body = f"<I>{body}</I>"
        if claim.conclusion and body:
            body = f'<FONT POINT-SIZE="12" COLOR="{CONCLUSION_INK}"><B>{body}</B></FONT>'
        rows = []
        header = "CONCLUSION" if claim.conclusion else "UNSTATED PREMISE" if claim.implicit else ""
        if header:
            rows.append(_row(f'<FONT POINT-SIZE="7" COLOR="{GREY}">{header}</FONT>'))
        rows.append(_row(body))
        sources = self.map.attribution(claim)
        if sources:
            who = "&#8212; " + txt.html(", ".join(sources))
            rows.append(_row(f'<FONT POINT-SIZE="8" COLOR="{GREY}">{who}</FONT>', "RIGHT"))
        return _table(rows)

    # Groups ---------------------------------------------------------------------------------

    def _group(self, group: Group, members: list[Claim]) -> None:
        g, role = self.graph, ROLES[group.kind]
        kind = group.kind.value
        junction = self.name(group)
        anchor = None
        if members:
            with g.subgraph(name=f"cluster_{junction}") as frame:
                frame.attr(
                    id=f"frame:{junction}",
                    style="rounded,filled",
                    color=role.colour,
                    fillcolor=role.tint,
                    penwidth="1.2",
                    margin="10",
                    label="",
                    **{"class": f"group {kind}"},
                )
                for index, claim in enumerate(members):
                    if index == len(members) // 2 and len(members) % 2 == 0:
                        # An even number of boxes has no middle one: an invisible point
                        # between them starts the frame's line at its centre.
                        anchor = f"{junction}~anchor"
                        frame.node(
                            anchor,
                            label="",
                            shape="point",
                            width="0",
                            height="0",
                            style="invis",
                            id=f"anchor:{junction}",
                            **{"class": "anchor"},
                        )
                    self._claim(frame, claim)
        g.node(
            junction,
            label=f"<<B>{role.word}</B>>",
            tooltip=txt.dot_string(self._describe(group)),
            id=junction,
            shape="box",
            style="rounded,filled",
            color=role.colour,
            fillcolor=role.colour,
            fontcolor="white",
            fontsize="10",
            margin="0.08,0.03",
            width="0.3",
            height="0.22",
            penwidth="1",
            **{"class": f"junction {kind}"},
        )
        link = {"dir": "none", "color": role.colour}
        if members:
            # One line from the frame as a whole: compound=true clips it at the frame's border.
            tail = anchor or self.name(members[len(members) // 2])
            g.edge(
                tail,
                junction,
                ltail=f"cluster_{junction}",
                id=f"link:{junction}",
                **{"class": f"link {kind}"},
                **link,
            )
        inside = {claim.id for claim in members}
        for claim in self.map.premises(group):
            if claim.id not in inside:  # a reused claim stays where it was defined
                g.edge(
                    self.name(claim),
                    junction,
                    id=f"link:{junction}:{self.name(claim)}",
                    **{"class": f"link {kind} reuse"},
                    **link,
                )
        target = self.map.target(group)
        if target is not None:
            g.edge(
                junction,
                self.name(target),
                id=f"arrow:{junction}",
                color=role.colour,
                **{"class": f"arrow {kind}"},
            )

    def _describe(self, group: Group) -> str:
        """The junction's tooltip: what the group does, in words."""
        target = self.map.target(group)
        verb = "supports" if group.kind is Kind.REASON else "opposes"
        what = "nothing (undefined target)"
        if isinstance(target, Claim):
            what = f"claim {target.id}"
        elif isinstance(target, Group):
            what = f"{target.kind.value} {target.id}"
            if group.kind is Kind.OBJECTION and target.kind is Kind.REASON:
                what = f"the inference of reason {target.id}"
        sources = self.map.attribution(group)
        by = f" [{', '.join(sources)}]" if sources else ""
        return f"{group.kind.value} {group.id}{by}: {verb} {what}"

    # Legend ---------------------------------------------------------------------------------

    def _legend(self) -> None:
        rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>How to read this map</B></TD></TR>']
        explain = {
            Kind.REASON: "reason: the claims in its frame, together, support what it points at",
            Kind.OBJECTION: "objection: opposes what it points at; pointing at a "
            "\u201cbecause\u201d, it denies that the reason supports its claim",
            Kind.REBUTTAL: "rebuttal: answers an objection",
        }
        for kind, role in ROLES.items():
            rows.append(
                f'<TR><TD BGCOLOR="{role.colour}" STYLE="rounded">'
                f'<FONT COLOR="white"><B>{role.word}</B></FONT></TD>'
                f'<TD ALIGN="LEFT">{explain[kind]}</TD></TR>'
            )
        rows.append(
            f'<TR><TD BORDER="1" STYLE="dashed" COLOR="{INK}"><I>text</I></TD>'
            '<TD ALIGN="LEFT">unstated premise: left implicit by the author, added by the mapper'
            "</TD></TR>"
        )
        sources = [s for s in self.map.sources if self.map.source(s.id) is s]
        if sources:
            rows.append(
                f'<TR><TD ALIGN="RIGHT"><FONT COLOR="{GREY}">&#8212; source</FONT></TD>'
                '<TD ALIGN="LEFT">who asserts the claim:</TD></TR>'
            )
        for source in sources:
            text = "<BR/>".join(txt.lines(source.text, 2 * self.wrap))
            rows.append(
                f'<TR><TD ALIGN="RIGHT"><FONT COLOR="{GREY}">{txt.html(source.id)}</FONT></TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR>'
            )
        label = (
            '<<TABLE BORDER="1" COLOR="#b0bec5" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
            'BGCOLOR="#fafafa">' + "".join(rows) + "</TABLE>>"
        )
        # Unconnected, it is a component of its own, which dot sets beside the top rank: a key
        # in the corner by the title. (Tying it to the map's bottom rank stretched a middle one.)
        self.graph.node(
            LEGEND,
            label=label,
            shape="plain",
            fontsize="9",
            id="argmap:legend",
            tooltip="legend",
            **{"class": "legend"},
        )


def _row(content: str, align: str = "LEFT") -> str:
    return f'<TR><TD ALIGN="{align}" BALIGN="{align}">{content}</TD></TR>'


def _table(rows: list[str]) -> str:
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>>"
    )
