"""The DOT builder: an argument map as DOT text, pure and deterministic.

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

With ``evaluate=True`` the diagram also shows the grounded labelling (docs/evaluation.md): every
claim and every group's pill carries a badge, IN, OUT or UNDECIDED, and what is OUT is greyed and
what is UNDECIDED amber. Nothing is hidden, and the badge's word is there so that colour is never
the only signal. Without it, the DOT is exactly what it was before the overlay existed.

Every DOT name is a map id (or, for the frames, edges and legend, a name with a ``:`` that map
ids cannot contain); every piece of user text goes through :mod:`argmap.render.text`.

The text is written here, in the layout the ``graphviz`` package gives a ``Digraph`` (one
statement a line, tab-indented, attributes by name after the label), which is 5-10 times faster
than building it through that package; :func:`build` still returns a ``graphviz.Digraph``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from argmap.model import ArgumentMap, Claim, Group, Kind
from argmap.render import text as txt
from argmap.render.split import Part

if TYPE_CHECKING:
    import graphviz  # type: ignore[import-untyped]

    from argmap.evaluation import Evaluation

__all__ = ["ROLES", "STATUSES", "Role", "Status", "build", "to_dot"]

TOOLTIP = 4000  # the longest tooltip text, in characters (see Builder.tooltip)


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


@attrs.frozen(kw_only=True)
class Status:
    """How one evaluation label looks in the overlay: the badge's word and colours, and the
    colours of the claims that have it (``None``: as without the overlay)."""

    word: str
    badge: str
    badge_ink: str
    fill: str | None = None
    border: str | None = None
    ink: str | None = None
    faint: str | None = None  # attribution and header text


# Keyed by the values of argmap.evaluation.Label, so that drawing without the overlay never
# imports the evaluation.
STATUSES = {
    "in": Status(word="IN", badge="#263238", badge_ink="white"),
    "out": Status(
        word="OUT",
        badge="#757575",
        badge_ink="white",
        fill="#f0f0f0",
        border="#9e9e9e",
        ink="#6f6f6f",
        faint="#9a9a9a",
    ),
    "undecided": Status(
        word="UNDECIDED",
        badge="#ffc107",
        badge_ink="#3e2723",
        fill="#fff8e1",
        border="#c79100",
    ),
}

FONT = "Helvetica,Arial,sans-serif"
INK = "#263238"  # claim borders and text: near-black, softer than pure black
GREY = "#6b7780"  # attribution and other secondary text
CONCLUSION_FILL = "#eef2fb"
CONCLUSION_INK = "#1a2f6b"
LEGEND = "~legend"  # a DOT name no map id can take
OUT_TINT = "#f5f5f5"  # the frame of an OUT group
_FADED = "80"  # the alpha of an OUT group's colours: half transparent

# Map ids come from the grammar (letters, digits, '_', '-') or from argmap ('.' added). Anything
# else would need quoting rules that differ between Graphviz versions, so it is refused.
_SAFE_ID = re.compile(r"[^\W][\w.-]*\Z")
_VERBATIM = frozenset({"label", "tooltip"})  # attributes whose values are DOT already
_PREFIX = re.compile(r"(?:[A-Za-z][\w-]*)?\Z", re.ASCII)
RANKDIR = {"down": "BT", "right": "RL"}
"""The directions a map can be drawn in, and Graphviz's ``rankdir`` for each: ranks run from
the evidence to the conclusion, so ``BT`` puts the conclusion on top and ``RL`` on the left."""
WRAP_RIGHT = 24
"""Characters per line in a box drawn ``right``: there the levels of the map stand side by side
across the page, so a narrower box buys width where it is scarce (docs/rendering.md)."""
NEST_FROM = 500
"""The fewest groups (frames) a drawing must have for its frames to be nested by the map's tree
(``_Builder._nested``); a smaller map is drawn with its frames side by side, as always."""
NEST_DEPTH = 64
"""The deepest the frames are nested: a group deeper down sits beside its parent's frame."""
NEST_WIDTH = 32
"""The most groups side by side in one invisible cluster: more (a claim with hundreds of
reasons) are held in clusters of this many, for the same reason frames are nested."""
LARGE_MCLIMIT = "0.5"
"""Graphviz's ``mclimit`` for a drawing whose frames are nested (:data:`NEST_FROM`): half the
passes of crossing minimisation. On the generated maps of 1,000 and 2,000 claims it leaves 14
and 55 crossings instead of 11 and 36, the boxes' placement as good, and 4-5% less work for the
layout (docs/rendering.md, "Large maps"); a smaller map gets Graphviz's full effort."""
FRAME_MARGIN = {"down": "10", "right": "6"}
"""Points between a frame and its boxes. Drawn right, each level of the map pays for two of
them across the page, so they are tighter there."""


def to_dot(
    m: ArgumentMap,
    *,
    legend: bool = False,
    wrap: int | None = None,
    evaluate: bool = False,
    part: Part | None = None,
    direction: str = "down",
    prefix: str = "",
) -> str:
    """The DOT text of a map: same map, same text, byte for byte.

    ``evaluate`` adds the evaluation overlay (IN / OUT / UNDECIDED badges and muted colours).
    ``part`` draws only that part of the map (see :func:`argmap.render.split.split`).
    ``direction`` is ``"down"`` (the conclusion on top, evidence below) or ``"right"`` (the
    conclusion on the left, evidence to its right, so that sibling reasons and objections stack
    in a column). ``wrap`` is the characters per line in a box (default
    :data:`~argmap.render.text.WRAP`, or :data:`WRAP_RIGHT` drawn ``right``). ``prefix`` is
    put before every ``id`` in the drawing (``m1-`` gives ``id="m1-argmap"``,
    ``id="m1-sanctions"``), so that several maps embedded in one page do not share ids; it
    must be empty or a letter followed by letters, digits, ``-`` and ``_``.

    >>> from argmap import parse
    >>> print(to_dot(parse("conclusion c: Tea is good.").map).splitlines()[0])
    digraph argmap {
    """
    body = _body(
        m,
        legend=legend,
        wrap=wrap,
        evaluate=evaluate,
        part=part,
        direction=direction,
        prefix=prefix,
    )
    return "".join(["digraph argmap {\n", *body, "}\n"])


def build(
    m: ArgumentMap,
    *,
    legend: bool = False,
    wrap: int | None = None,
    evaluate: bool = False,
    part: Part | None = None,
    direction: str = "down",
    prefix: str = "",
) -> graphviz.Digraph:
    """The map as a ``graphviz.Digraph`` whose ``source`` is :func:`to_dot`'s text, for
    programs that go on editing or drawing it with the ``graphviz`` package."""
    import graphviz

    body = _body(
        m,
        legend=legend,
        wrap=wrap,
        evaluate=evaluate,
        part=part,
        direction=direction,
        prefix=prefix,
    )
    return graphviz.Digraph("argmap", body=body)


def _body(
    m: ArgumentMap,
    *,
    legend: bool,
    wrap: int | None,
    evaluate: bool,
    part: Part | None,
    direction: str,
    prefix: str,
) -> list[str]:
    """The statements of the graph, one a line (see the module docstring)."""
    if direction not in RANKDIR:
        choices = ", ".join(RANKDIR)
        raise ValueError(f"unknown direction {direction!r}: choose one of {choices}")
    if not _PREFIX.match(prefix):
        raise ValueError(
            f"cannot use id prefix {prefix!r}: a letter, then letters, digits, '-' and '_'"
        )
    evaluation = None
    if evaluate:
        from argmap.evaluation import evaluate as evaluate_map

        evaluation = evaluate_map(m)
    if wrap is None:
        wrap = txt.WRAP if direction == "down" else WRAP_RIGHT
    builder = _Builder(m, wrap=wrap, evaluation=evaluation, part=part, prefix=prefix)
    return builder.build(legend=legend, direction=direction)


class _Builder:
    def __init__(
        self,
        m: ArgumentMap,
        *,
        wrap: int,
        evaluation: Evaluation | None,
        part: Part | None,
        prefix: str,
    ) -> None:
        self.map = m
        self.prefix = prefix
        self.direction = "down"
        self.wrap = wrap
        self.evaluation = evaluation
        self.part = part
        # With a part: what is drawn in full, what only as a pill pointing at its target (a
        # group cut off into a part of its own), and what only as context.
        self.full: frozenset[str] | None = None
        self.cut: frozenset[str] = frozenset()
        self.shown: set[str] = set()
        if part is not None:
            self.full, self.cut = part.nodes, frozenset(part.cuts)
            self.shown = set(part.nodes | self.cut)
            for node in part.nodes:
                found = m.get(node)
                if isinstance(found, Group):  # reused claims defined in another part
                    self.shown.update(claim.id for claim in m.premises(found))
            root = m.get(part.root)
            target = m.target(root) if isinstance(root, Group) else None
            if target is not None:  # what the part's root bears on
                self.shown.add(target.id)
        self.out: list[str] = []
        self.edges: list[str] | None = None  # edges kept for the end (see _nested)
        self.ids = _Ids()
        # DOT names already used: duplicate ids (an error the user may --force past) must not
        # merge two things into one box.
        self.names: dict[tuple[type, str], str] = {}
        self.used: set[str] = set()

    # Naming ---------------------------------------------------------------------------------

    def name(self, node: Claim | Group) -> str:
        key = (type(node), node.id)
        found = self.names.get(key)
        if found is None:
            if not _SAFE_ID.match(node.id):
                raise ValueError(
                    f"cannot draw id {node.id!r}: ids are letters, digits, '_', '-' and '.'"
                )
            name, count = node.id, 1
            while name in self.used:  # '~' never occurs in an id, so the new name is free
                count += 1
                name = f"{node.id}~{count}"
            self.used.add(name)
            found = self.names[key] = name
        return found

    # Writing ----------------------------------------------------------------------------------

    def attributes(self, values: dict[str, str], label: str | None = None) -> str:
        """``label=... name=value ...``: the label first, then by name. The values of ``label``
        and ``tooltip`` are DOT already (an HTML-like label, or made by
        :mod:`argmap.render.text`); the others are plain text argmap makes."""
        ids = self.ids
        parts = [
            f"{key}={value if key in _VERBATIM else ids[value]}"
            for key, value in sorted(values.items())
        ]
        return " ".join(parts if label is None else [f"label={label}", *parts])

    def statement(
        self, indent: str, what: str, values: dict[str, str], label: str | None = None
    ) -> None:
        """One line: ``what`` (a node, an edge, ``graph``) and its attributes in brackets."""
        listed = self.attributes(values, label)
        self.out.append(f"{indent}{what} [{listed}]\n" if listed else f"{indent}{what}\n")

    def node(self, indent: str, name: str, label: str | None = None, **values: str) -> None:
        self.statement(indent, self.ids[name], values, label)

    def edge(self, tail: str, head: str, **values: str) -> None:
        if self.edges is None:
            self.statement("\t", f"{self.ids[tail]} -> {self.ids[head]}", values)
            return
        # Nested: an edge statement inside a subgraph would make both its ends members of it.
        out, self.out = self.out, self.edges
        self.statement("\t", f"{self.ids[tail]} -> {self.ids[head]}", values)
        self.out = out

    # The evaluation overlay -------------------------------------------------------------------

    def label_of(self, node: Claim | Group) -> str | None:
        """The node's evaluation label (``"in"``, ``"out"``, ``"undecided"``), or ``None``
        without the overlay or for a second definition of an id (which is not evaluated)."""
        e = self.evaluation
        if e is None or node.id not in e.labels or e.translation.node(node.id) is not node:
            return None
        return e.labels[node.id].value

    def tooltip(self, node: Claim | Group, text: str) -> str:
        """A tooltip: ``text``, then on a new line why the node is OUT or UNDECIDED.

        Shortened past :data:`TOOLTIP` characters: Graphviz rejects a DOT string much longer
        than 16,000 characters, and the box itself shows the whole text, wrapped.
        """
        if len(text) > TOOLTIP:
            text = text[: TOOLTIP - 1] + "…"
        label = self.label_of(node)
        if self.evaluation is None or label is None or label == "in":
            return txt.dot_string(text)
        return txt.dot_lines(text, self.evaluation.explain(node.id))

    def caption(self) -> str:
        """The line under the title: what the overlay shows, in numbers."""
        e = self.evaluation
        assert e is not None
        counts = {label.value: n for label, n in e.counts.items()}
        parts = [f"{counts[key]} {status.word}" for key, status in STATUSES.items()]
        line = "Evaluation (grounded): " + ", ".join(parts)
        if e.cycles:
            line += "; undecided because of attack cycles"
        return line

    # The graph ------------------------------------------------------------------------------

    def build(self, *, legend: bool, direction: str) -> list[str]:
        m, out = self.map, self.out
        self.direction = direction
        self.statement(
            "\t",
            "graph",
            dict(
                rankdir=RANKDIR[direction],
                compound="true",
                nodesep="0.3",
                # Drawn right, ranks stand side by side: each gap is paid once a level.
                ranksep="0.32" if direction == "down" else "0.2",
                pad="0.25",
                bgcolor="white",
                fontname=FONT,
                outputorder="edgesfirst",
                id=f"{self.prefix}argmap",
                **{"class": "argmap"},
            ),
        )
        self.statement(
            "\t",
            "node",
            dict(
                shape="box",
                style="rounded,filled",
                fillcolor="white",
                color=INK,
                fontcolor=INK,
                fontname=FONT,
                fontsize="11",
                margin="0.14,0.08",
                penwidth="1.2",
            ),
        )
        self.statement("\t", "edge", dict(penwidth="1.6", arrowsize="0.8", fontname=FONT))
        title = txt.html_lines(m.title or "", 2 * self.wrap)
        heading = f'<FONT POINT-SIZE="16"><B>{title}</B></FONT>' if title else ""
        captions = [self.caption()] if self.evaluation is not None else []
        if self.part is not None:
            captions.append(f"Part: {self._what(self.part.root)} (the map drawn in parts)")
        for caption in captions:
            line = f'<FONT POINT-SIZE="10" COLOR="{GREY}">{txt.html(caption)}</FONT>'
            heading = f"{heading}<BR/>{line}" if heading else line
        if heading:
            self.statement("\t", "graph", dict(label=f"<{heading}>", labelloc="t"))

        framed = self._framed()
        for claim in self._claims():
            if claim.id not in framed:
                self._claim("\t", claim)
        tops = [c for c in self._claims() if c.conclusion and c.id not in framed]
        if tops:
            # The conclusion on top even when another tree is deeper (rankdir=BT: max is top).
            out.append("\t{\n\t\trank=max\n")
            for claim in tops:
                self.node("\t\t", self.name(claim))
            out.append("\t}\n")
        groups = list(self._groups())
        if len(groups) < NEST_FROM:
            for group in groups:
                self._group(group, [c for c in m.premises(group) if framed.get(c.id) is group])
        else:
            self.statement("\t", "graph", {"mclimit": LARGE_MCLIMIT})
            self._nested(groups, framed)
        if legend:
            self._legend()
        return out

    def _nested(self, groups: list[Group], framed: dict[str, Group]) -> None:
        """The groups of a large map, each one's frame and pill together with every group that
        bears on it inside an invisible cluster (an empty ``<g class="cluster tree">`` in the
        SVG).

        Graphviz keeps every two clusters side by side in one cluster (or in the graph) apart
        with a constraint of its own, so a map's frames all side by side cost it time that
        grows as the square of their number: 183,000 constraints at 2,000 claims
        (docs/rendering.md, "Where the time goes"). Nested by the map's own tree, the
        clusters side by side in any one are few. The frames, boxes and arrows are the same;
        what changes is that each argument's boxes stay together in a band of their own."""
        drawn = {group.id for group in groups}
        parents: dict[str, str] = {}
        for group in groups:
            target = self.map.target(group)
            if isinstance(target, Claim):  # the group whose frame holds that claim's box
                target = framed.get(target.id)
            if target is not None and target.id in drawn and target.id != group.id:
                parents[group.id] = target.id
        depth: dict[str, int] = {}
        for group in groups:
            path: list[str] = []  # up to a group placed already, or to the top
            node: str | None = group.id
            while node is not None and node not in depth:
                if node in path:  # a cycle of attacks: cut where it closes
                    parents.pop(path[-1])
                    break
                path.append(node)
                node = parents.get(node)
            for gid in reversed(path):
                above = parents.get(gid)
                if above is None:
                    depth[gid] = 0
                elif depth[above] < NEST_DEPTH:
                    depth[gid] = depth[above] + 1
                else:  # deep enough: beside its parent, not inside it
                    parents[gid], depth[gid] = parents[above], depth[above]
        chunks: dict[str, list[str]] = {}
        children: dict[str | None, list[Group]] = {}
        self.edges = []
        for group in groups:
            out, self.out = self.out, []
            self._group(group, [c for c in self.map.premises(group) if framed.get(c.id) is group])
            chunks[group.id], self.out = self.out, out
            children.setdefault(parents.get(group.id), []).append(group)
        tree = self.attributes({"label": '""', "margin": "0", "style": "invis"})
        # What is left to write, last first: a group; the start of an invisible cluster (its
        # name, its SVG id and what it starts with); or the end of one (None).
        stack: list[Group | tuple[str, str, list[str]] | None] = []

        def push(below: list[Group], name: str) -> None:
            """Groups side by side; more than NEST_WIDTH are held in clusters of that many."""
            if len(below) <= NEST_WIDTH:
                stack.extend(reversed(below))
                return
            for start in reversed(range(0, len(below), NEST_WIDTH)):
                stack.append(None)
                stack.extend(reversed(below[start : start + NEST_WIDTH]))
                part = f"{name}:{start // NEST_WIDTH + 1}"
                stack.append((f"cluster_~tree:{part}", f"tree:{part}", []))

        push(children.get(None, []), "")
        while stack:
            item = stack.pop()
            if item is None:
                self.out.append("\t}\n")
            elif isinstance(item, tuple):
                name, dom_id, first = item
                names = self.attributes({"id": self.prefix + dom_id, "class": "tree"})
                self.out.append(f"\tsubgraph {self.ids[name]} {{\n\t\t{names} {tree}\n")
                self.out.extend(first)
            elif children.get(item.id):
                junction = self.name(item)  # '~' and ':' never occur in an id: names are free
                stack.append(None)
                push(children[item.id], junction)
                stack.append((f"cluster_{junction}~tree", f"tree:{junction}", chunks[item.id]))
            else:
                self.out.extend(chunks[item.id])
        self.out.extend(self.edges)
        self.edges = None

    def _claims(self) -> Iterator[Claim]:
        """Each claim id once: a second definition (an error the user may --force past) is
        the one argmap check reports, and the first is the one every reference means."""
        seen: set[str] = set()
        for claim in self.map.claims:
            if claim.id not in seen and (self.full is None or claim.id in self.shown):
                seen.add(claim.id)
                yield claim

    def _groups(self) -> Iterator[Group]:
        seen: set[str] = set()
        for group in self.map.groups:
            if group.id not in seen and (self.full is None or group.id in self.shown):
                seen.add(group.id)
                yield group

    def _framed(self) -> dict[str, Group]:
        """Which frame each claim is drawn in: the group that defines it (not one reusing it),
        if that group is drawn in full."""
        framed: dict[str, Group] = {}
        for group in self._groups():
            if self.full is not None and group.id not in self.full:
                continue
            for premise in group.premises:
                claim = self.map.get(premise.id)
                if premise.reuse or not isinstance(claim, Claim) or premise.id in framed:
                    continue
                if self.map.parent(claim) is group:
                    framed[premise.id] = group
        return framed

    # Claims ---------------------------------------------------------------------------------

    def _claim(self, indent: str, claim: Claim, copy: str | None = None) -> None:
        """A claim's box; with ``copy`` (a group's DOT name), the copy of a reused claim drawn
        in that group's frame, so that the frame shows every co-premise of the group."""
        classes = ["claim"]
        attrs_: dict[str, str] = {}
        name, node_id = self.name(claim), self.prefix + self.name(claim)
        if copy is not None:
            name, node_id = _copy(name, copy), f"{self.prefix}copy:{copy}:{name}"
            classes.append("copy")
            attrs_.update(style="rounded,filled,dotted", penwidth="1.6")
        if claim.conclusion:
            classes.append("conclusion")
            attrs_.update(penwidth="2.4", color=CONCLUSION_INK, fillcolor=CONCLUSION_FILL)
        if claim.implicit:
            classes.append("implicit")
            attrs_.update(style="rounded,filled,dashed")
        if len(self.map.groups_using(claim.id)) > 1:
            classes.append("reused")
        label = self.label_of(claim)
        if label is not None:
            classes.append(label)
            status = STATUSES[label]
            if status.fill is not None:
                attrs_["fillcolor"] = status.fill
            if status.border is not None:
                attrs_["color"] = status.border
            if status.ink is not None:
                attrs_["fontcolor"] = status.ink
        self.node(
            indent,
            name,
            self._claim_label(claim, copy is not None),
            tooltip=self.tooltip(claim, claim.text),
            id=node_id,
            **{"class": " ".join(classes)},
            **attrs_,
        )

    def _claim_label(self, claim: Claim, copy: bool = False) -> str:
        label = self.label_of(claim)
        status = STATUSES[label] if label is not None else None
        faint = (status.faint if status is not None else None) or GREY
        body = txt.html_lines(claim.text, self.wrap)
        # An empty <I></I> or <B></B> is a syntax error to Graphviz, which then drops the label.
        if claim.implicit and body:
            body = f"<I>{body}</I>"
        if claim.conclusion and body:
            ink = (status.ink if status is not None else None) or CONCLUSION_INK
            body = f'<FONT POINT-SIZE="12" COLOR="{ink}"><B>{body}</B></FONT>'
        rows = []
        header = "CONCLUSION" if claim.conclusion else "UNSTATED PREMISE" if claim.implicit else ""
        if copy:  # the dotted line to the claim's own box says where else it stands
            header = "REUSED " + (header or "CLAIM")
        # With the overlay, a second column holds the badge at the top right, empty below it:
        # a cell spanning both columns would widen the badge's column (and stretch the badge).
        after = "<TD></TD>" if status is not None else ""
        if status is not None:
            # Its own row: beside the body, the badge would stretch to the body's height.
            top = f'<FONT POINT-SIZE="7" COLOR="{faint}">{header}</FONT>' if header else ""
            rows.append(_row(top, after=f'<TD ALIGN="RIGHT">{_badge(status)}</TD>'))
        elif header:
            rows.append(_row(f'<FONT POINT-SIZE="7" COLOR="{GREY}">{header}</FONT>'))
        rows.append(_row(body, after=after))
        sources = _shown_sources(self.map, claim)
        if sources:
            who = "&#8212; " + txt.html(", ".join(sources))
            rows.append(
                _row(f'<FONT POINT-SIZE="8" COLOR="{faint}">{who}</FONT>', "RIGHT", after=after)
            )
        return _table(rows)

    # Groups ---------------------------------------------------------------------------------

    def _group(self, group: Group, members: list[Claim]) -> None:
        role = ROLES[group.kind]
        kind = group.kind.value
        junction = self.name(group)
        anchor = None
        label = self.label_of(group)
        status = STATUSES[label] if label is not None else None
        evaluated = f" {label}" if label is not None else ""
        # An OUT group is drawn faded (its colours half transparent), an UNDECIDED one dashed.
        colour = role.colour + (_FADED if label == "out" else "")
        inside = {claim.id for claim in members}
        # A reused claim stays where it was defined; a copy of it stands in every other frame.
        copies = [c for c in self.map.premises(group) if c.id not in inside]
        if self.full is not None and group.id not in self.full:
            copies = []
        boxes = [(claim, False) for claim in members] + [(claim, True) for claim in copies]
        if boxes:
            frame = self.attributes(
                {
                    "id": f"{self.prefix}frame:{junction}",
                    "style": "rounded,filled" + (",dashed" if label == "undecided" else ""),
                    "color": colour,
                    "fillcolor": OUT_TINT if label == "out" else role.tint,
                    "penwidth": "1.2",
                    "margin": FRAME_MARGIN[self.direction],
                    "label": self._frame_label(group, label),
                    "class": f"group {kind}{evaluated}",
                }
            )
            # A cluster's own attributes are a bare list on its first line.
            cluster = self.ids[f"cluster_{junction}"]
            self.out.append(f"\tsubgraph {cluster} {{\n\t\t{frame}\n")
            middle = len(boxes) // 2 if len(boxes) % 2 == 0 else -1
            for index, (claim, copied) in enumerate(boxes):
                if index == middle:
                    # An even number of boxes has no middle one: an invisible point
                    # between them starts the frame's line at its centre.
                    anchor = f"{junction}~anchor"
                    self.node(
                        "\t\t",
                        anchor,
                        '""',
                        shape="point",
                        width="0",
                        height="0",
                        style="invis",
                        id=f"{self.prefix}anchor:{junction}",
                        **{"class": "anchor"},
                    )
                self._claim("\t\t", claim, junction if copied else None)
            self.out.append("\t}\n")
        pill = {"color": role.colour, "fillcolor": role.colour, "fontcolor": "white"}
        word = f"<B>{role.word}</B>"
        if status is not None:
            if label == "out":  # hollow: the connective no longer carries
                pill = {"color": colour, "fillcolor": "white", "fontcolor": role.colour}
            word = (
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                f'<TD>{word}</TD><TD WIDTH="4"></TD><TD>{_badge(status, 8)}</TD></TR></TABLE>'
            )
        self.node(
            "\t",
            junction,
            f"<{word}>",
            tooltip=self.tooltip(group, self._describe(group)),
            id=self.prefix + junction,
            shape="box",
            style="rounded,filled",
            **pill,
            fontsize="10",
            margin="0.08,0.03",
            width="0.3",
            height="0.22",
            penwidth="1",
            **{"class": f"junction {kind}{evaluated}"},
        )
        if self.full is not None and group.id not in self.full:
            # Drawn in another part: here only its pill, with its arrow if it was cut off
            # below this part (not if it is the context the part's root points at).
            if group.id in self.cut:
                self._continued(group, colour)
            return
        link = {"dir": "none", "color": colour}
        if label == "undecided":
            link["style"] = "dashed"
        if boxes:
            # One line from the frame as a whole: compound=true clips it at the frame's border.
            claim, copied = boxes[len(boxes) // 2]
            tail = anchor or (_copy(self.name(claim), junction) if copied else self.name(claim))
            self.edge(
                tail,
                junction,
                ltail=f"cluster_{junction}",
                id=f"{self.prefix}link:{junction}",
                **{"class": f"link {kind}{evaluated}"},
                **link,
            )
        for claim in copies:  # a dotted line from each copy to the claim's own box
            self.edge(
                self.name(claim),
                _copy(self.name(claim), junction),
                id=f"{self.prefix}same:{junction}:{self.name(claim)}",
                dir="none",
                style="dotted",
                color=GREY,
                constraint="false",
                **{"class": f"same {kind}"},
            )
        self._arrow(group, colour)

    def _frame_label(self, group: Group, label: str | None) -> str:
        """A frame's heading: none, but with the overlay a group that is OUT or UNDECIDED says
        so over its premises, so that the whole objection (or reason) reads as defeated, even
        where its premises themselves stand (IN)."""
        if label is None or label == "in":
            return '""'
        status = STATUSES[label]
        what = {"out": "does not stand", "undecided": "undecided"}[label]
        words = txt.html(f"this {group.kind.value} {what}")
        return (
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD>{_badge(status)}</TD><TD WIDTH="4"></TD>'
            f'<TD><FONT POINT-SIZE="9" COLOR="{status.ink or INK}">{words}</FONT></TD>'
            "</TR></TABLE>>"
        )

    def _arrow(self, group: Group, colour: str) -> None:
        target = self.map.target(group)
        if target is not None:
            label = self.label_of(group)
            evaluated = f" {label}" if label is not None else ""
            # Ranks alternate: boxes, pills, boxes... An arrow from a pill to a pill (an undercut,
            # a rebuttal) would put the objection's pill on a rank of boxes and its boxes on a
            # rank of pills, and a rank is as wide as its widest node: drawn right, where ranks
            # stand side by side across the page, each such level would cost two boxes' width.
            # Two ranks long, the arrow keeps pills with pills (drawn down, ranks are rows, and
            # the extra rank would widen the drawing instead).
            across = isinstance(target, Group) and self.direction == "right"
            self.edge(
                self.name(group),
                self.name(target),
                id=f"{self.prefix}arrow:{self.name(group)}",
                color=colour,
                # Arrows of one kind into one box end at one point (one arrowhead), so that a
                # claim with many reasons and objections is not ringed by arrowheads.
                samehead=group.kind.value,
                **({"minlen": "2"} if across else {}),
                **({"style": "dashed"} if label == "undecided" else {}),
                **{"class": f"arrow {group.kind.value}{evaluated}"},
            )

    def _continued(self, group: Group, colour: str) -> None:
        """A group drawn in a part of its own: its pill and arrow, and a note naming the part
        where its premises are."""
        junction = self.name(group)
        note = f"{junction}~continued"  # '~' never occurs in an id
        text = txt.html(f"continued in part {group.id}")
        self.node(
            "\t",
            note,
            f'<<FONT POINT-SIZE="9" COLOR="{GREY}"><I>{text}</I></FONT>>',
            tooltip=txt.dot_string(f"{self._what(group.id)} is drawn in full in its own part"),
            id=f"{self.prefix}continued:{junction}",
            style="rounded,dashed",
            color=GREY,
            **{"class": "continued"},
        )
        self.edge(
            note,
            junction,
            id=f"{self.prefix}link:{junction}",
            dir="none",
            style="dashed",
            color=colour,
            **{"class": f"link {group.kind.value} continued"},
        )
        self._arrow(group, colour)

    def _what(self, node_id: str) -> str:
        """``claim c1``, ``reason squeeze``: a node named for a reader."""
        found = self.map.get(node_id)
        return f"{found.kind.value} {node_id}" if isinstance(found, Group) else f"claim {node_id}"

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
        if self.evaluation is not None:
            meaning = {
                "in": "stands: nothing in the map defeats it",
                "out": "falls, given what the map says (greyed; a group's pill hollow)",
                "undecided": "cannot be settled from the map alone: it is on, or waits on, "
                "an attack cycle (amber; a group's lines dashed)",
            }
            for key, status in STATUSES.items():
                rows.append(
                    f'<TR><TD>{_badge(status)}</TD><TD ALIGN="LEFT">{meaning[key]}</TD></TR>'
                )
        sources = [s for s in self.map.sources if self.map.source(s.id) is s]
        if sources:
            rows.append(
                f'<TR><TD ALIGN="RIGHT"><FONT COLOR="{GREY}">&#8212; source</FONT></TD>'
                '<TD ALIGN="LEFT">who asserts the claim:</TD></TR>'
            )
        for source in sources:
            text = txt.html_lines(source.text, 2 * self.wrap)
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
        self.node(
            "\t",
            LEGEND,
            label,
            shape="plain",
            fontsize="9",
            id=f"{self.prefix}argmap:legend",
            tooltip="legend",
            **{"class": "legend"},
        )


class _Ids(dict[str, str]):
    """Names and values as DOT IDs, each worked out once: most recur (names, colours, classes)."""

    def __missing__(self, value: str) -> str:
        found = self[value] = txt.dot_id(value)
        return found


def _copy(name: str, junction: str) -> str:
    """The DOT name of the copy of claim ``name`` in the frame of group ``junction``: ``~``
    never occurs in an id, and ``~in~`` not in the names of duplicates (``x~2``)."""
    return f"{name}~in~{junction}"


def _shown_sources(m: ArgumentMap, claim: Claim) -> tuple[str, ...]:
    """Who a claim's box names as asserting it: its attribution, except that an unstated
    premise is the mapper's, not the author's: it names only sources written on it."""
    if claim.implicit:
        return tuple(dict.fromkeys(ref.id for ref in claim.sources))
    return m.attribution(claim)


def _row(content: str, align: str = "LEFT", after: str = "") -> str:
    return f'<TR><TD ALIGN="{align}" BALIGN="{align}">{content}</TD>{after}</TR>'


def _badge(status: Status, size: int = 9) -> str:
    """The label's word in a small rounded tag: the overlay's second signal besides colour."""
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" STYLE="rounded" '
        f'BGCOLOR="{status.badge}"><TR><TD><FONT POINT-SIZE="{size}" COLOR="{status.badge_ink}">'
        f"<B>&#160;{status.word}&#160;</B></FONT></TD></TR></TABLE>"
    )


def _table(rows: list[str]) -> str:
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>>"
    )
