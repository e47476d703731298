"""AIF JSON (the shape AIFdb and OVA export: ``nodes``, ``edges``, ``locutions``): read and write.

Reading is lenient, because real AIFdb files are messy: locution (L), illocution (YA) and
transition (TA) nodes, nodes listed twice, edges to nodes that are not there, inference nodes
without a scheme. I nodes become claims, RA nodes reasons, CA nodes objections; a CA aimed at
a CA is a rebuttal, a CA aimed at an RA an objection to that inference. Who asserts an I node
(an L node anchored to it by an ``Asserting`` YA node, and the locution's speaker) becomes its
attribution. Everything else is reported (``W401``-``W403``) where it stands in the file.

Writing is strict: every node has an id, a text and an AIF type; every edge joins two nodes in
the file, I to RA/CA and RA/CA to what they support or attack; attribution is written as an L
node and an ``Asserting`` YA node per claim and speaker, with the locution and participant
records AIFdb uses. Node ids are the map's ids, so ids survive a round trip. What AIF cannot
hold (the title, comments, implicit premises, the conclusion marker where the structure does
not show it, a reason's own attribution) is reported with ``W404``.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.interop.codes import (
    EXPORT_LOSS,
    IMPORT_INCONSISTENT,
    IMPORT_SKIPPED,
    UNREADABLE_INPUT,
)
from argmap.interop.draft import (
    Draft,
    DraftClaim,
    DraftGroup,
    _break_cycles,
    _top_down,
    clean_text,
    first_definitions,
    is_id,
    limit_depth,
    looks_generated,
    slug,
)
from argmap.interop.ingest import Positions, load_json
from argmap.interop.results import Exported, Imported
from argmap.model import ArgumentMap, Claim, Group, Kind, Span
from argmap.read.layout import Limits

__all__ = ["problems", "read", "write"]

DEFAULT_SCHEMES = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "PA": "Default Preference",
}
ASSERTING = "Asserting"
_DIALOGUE = {"L": "locution", "TA": "transition", "YA": "illocution"}
_SKIPPED = {
    "MA": "a rephrase (MA node): argmap has no rephrase relation",
    "PA": "a preference (PA node): argmap has no preferences between arguments",
}


# Reading ------------------------------------------------------------------------------------


def _key(value: Any) -> str | None:
    """An AIF id as a string: AIFdb writes numbers, OVA strings."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | str):
        return str(value).strip() or None
    return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def read(data: str | bytes, *, limits: Limits | None = None) -> Imported:
    """A map from AIF JSON. Never raises on bad input: problems are diagnostics.

    ``limits`` are the parser's (docs/limits.md): the input's size is checked against them.

    >>> doc = '{"nodes": [{"nodeID": "1", "text": "Tea is good.", "type": "I"},'
    >>> doc += ' {"nodeID": "2", "text": "It is warm.", "type": "I"},'
    >>> doc += ' {"nodeID": "3", "text": "Default Inference", "type": "RA"}],'
    >>> doc += ' "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"},'
    >>> doc += ' {"edgeID": "2", "fromID": "3", "toID": "1"}]}'
    >>> print(read(doc).text, end="")
    conclusion: Tea is good.
      reason:
        - It is warm.
    """
    value, text, found = load_json(data, limits)
    draft = Draft(limits=limits)
    draft.diagnostics += found
    if value is None:
        return _failed(draft)
    where = Positions(text)
    root = value
    if isinstance(root, dict) and not isinstance(root.get("nodes"), list):
        inner = root.get("AIF") or root.get("aif")  # OVA 3 wraps the AIF in {"AIF": ...}
        if isinstance(inner, dict):
            root = inner
    if not isinstance(root, dict) or not isinstance(root.get("nodes"), list):
        draft.diagnostics.append(
            UNREADABLE_INPUT.diagnostic(
                "not AIF: expected a JSON object with a list of `nodes`", where.span(0)
            )
        )
        return _failed(draft)
    return _Reader(draft, root, where).run()


def _failed(draft: Draft) -> Imported:
    """Nothing converted: an empty map, with why."""
    built = Draft().build()
    return Imported(map=built.map, text=built.text, diagnostics=tuple(draft.diagnostics))


class _Reader:
    def __init__(self, draft: Draft, root: dict[str, Any], where: Positions) -> None:
        self.draft = draft
        self.root = root
        self.where = where
        self.nodes: dict[str, dict[str, Any]] = {}
        self.types: dict[str, str] = {}
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        self.used: set[str] = set()

    def span(self, item: Any) -> Span:
        return self.where.span(getattr(item, "offset", 0))

    def report(self, rule: Any, message: str, item: Any) -> None:
        self.draft.report(rule, message, lambda: self.span(item))

    def run(self) -> Imported:
        self._nodes()
        self._edges()
        speakers = self._speakers()
        attribution = self._attribution(speakers)
        self._claims(attribution)
        # Only who asserts a claim becomes a source: AIFdb lists every participant of the
        # dialogue, most of whom assert nothing that is kept.
        cited = {s for c in self.draft.claims.values() for s in c.attribution or ()}
        self.draft.sources = {k: v for k, v in self.draft.sources.items() if k in cited}
        self._groups()
        self._conclusion()
        self._dialogue()
        return self.draft.build()

    # Nodes and edges ------------------------------------------------------------------------

    def _nodes(self) -> None:
        for item in self.root["nodes"]:
            node_id = _key(item.get("nodeID")) if isinstance(item, dict) else None
            if node_id is None:
                self.report(IMPORT_INCONSISTENT, "a node without a `nodeID` is skipped", item)
                continue
            kind = _str(item.get("type")).strip().upper()
            if node_id in self.nodes:
                first = self.nodes[node_id]
                same = (
                    _str(first.get("text")) == _str(item.get("text"))
                    and self.types[node_id] == kind
                )
                detail = "the same node" if same else "a different node under the same id"
                self.report(
                    IMPORT_INCONSISTENT,
                    f"node {node_id} is listed twice ({detail}); the second is skipped",
                    item,
                )
                continue
            if kind not in {"I", "RA", "CA", "MA", "PA", *_DIALOGUE}:
                shown = kind or "no type"
                self.report(IMPORT_SKIPPED, f"node {node_id} of type {shown!r} is skipped", item)
                continue
            self.nodes[node_id] = item
            self.types[node_id] = kind

    def _edges(self) -> None:
        seen: set[tuple[str, str]] = set()
        edges = self.root.get("edges")
        for item in edges if isinstance(edges, list) else ():
            if not isinstance(item, dict):
                self.report(IMPORT_INCONSISTENT, "an edge that is not an object is skipped", item)
                continue
            source, target = _key(item.get("fromID")), _key(item.get("toID"))
            missing = [k for k in (source, target) if k is None or k not in self.nodes]
            if source is None or target is None or missing:
                names = ", ".join(str(k) for k in missing) or "?"
                self.report(
                    IMPORT_INCONSISTENT,
                    f"an edge from {source} to {target} names a node that is not in the file "
                    f"({names}); it is skipped",
                    item,
                )
                continue
            if (source, target) in seen:
                self.report(
                    IMPORT_INCONSISTENT,
                    f"the edge from {source} to {target} is listed twice; the second is skipped",
                    item,
                )
                continue
            seen.add((source, target))
            self.outgoing.setdefault(source, []).append(target)
            self.incoming.setdefault(target, []).append(source)

    # Who says what --------------------------------------------------------------------------

    def _speakers(self) -> dict[str, str]:
        """L node id -> source id, declaring the sources on the draft."""
        people: dict[str, tuple[str, str]] = {}  # participantID -> (source id, name)
        taken: set[str] = set()
        participants = self.root.get("participants")
        for item in participants if isinstance(participants, list) else ():
            if not isinstance(item, dict):
                continue
            person = _key(item.get("participantID"))
            if person is None:
                continue
            name = clean_text(
                " ".join(_str(item.get(k)).strip() for k in ("firstname", "surname")).strip()
            )
            people[person] = (self._source_id(person, name or person, taken), name or person)
            self.draft.sources.setdefault(*people[person])
        speakers: dict[str, str] = {}
        locutions = self.root.get("locutions")
        by_node: dict[str, str] = {}
        for item in locutions if isinstance(locutions, list) else ():
            if isinstance(item, dict):
                node, person = _key(item.get("nodeID")), _key(item.get("personID"))
                if node is not None and person is not None:
                    by_node.setdefault(node, person)
        for node_id, kind in self.types.items():
            if kind != "L":
                continue
            person = by_node.get(node_id)
            if person is not None and person not in people:
                people[person] = (self._source_id(person, person, taken), person)
            if person is not None:
                source, name = people[person]
            else:
                # No locution record: AIFdb's L texts read "Speaker : what was said".
                text = _str(self.nodes[node_id].get("text"))
                name = clean_text(text.split(":", 1)[0]) if ":" in text else ""
                if not name:
                    continue
                source = next((s for s, n in people.values() if n == name), None) or ""
                if not source:
                    source = self._source_id("", name, taken)
                    people[f"name:{name}"] = (source, name)
            speakers[node_id] = source
            self.draft.sources.setdefault(source, name)
        return speakers

    @staticmethod
    def _source_id(person: str, name: str, taken: set[str]) -> str:
        """A source id: the participant's id where it is one (a map written by argmap), else
        the speaker's name in lower case, made an id (``Anon`` -> ``anon``), for participants
        and for speakers named only in an L node's text alike."""
        base = person if person and is_id(person) else slug(name.lower(), "speaker")
        found, n = base, 1
        while found in taken:
            n += 1
            found = f"{base}-{n}"
        taken.add(found)
        return found

    def _attribution(self, speakers: dict[str, str]) -> dict[str, tuple[str, ...]]:
        """I node id -> the sources that assert it (through L -> YA(Asserting) -> I)."""
        found: dict[str, list[str]] = {}
        for node_id, kind in self.types.items():
            if kind != "YA":
                continue
            text = clean_text(_str(self.nodes[node_id].get("text")))
            scheme = clean_text(_str(self.nodes[node_id].get("scheme"))) or text
            if scheme.casefold() != ASSERTING.casefold():
                continue
            claims = [t for t in self.outgoing.get(node_id, []) if self.types[t] == "I"]
            locutions = [s for s in self.incoming.get(node_id, []) if self.types[s] == "L"]
            for claim in claims:
                for locution in locutions:
                    if locution in speakers:
                        found.setdefault(claim, []).append(speakers[locution])
                        self.used.update((node_id, locution))
        return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}

    # The argument ---------------------------------------------------------------------------

    def _claims(self, attribution: dict[str, tuple[str, ...]]) -> None:
        for node_id, kind in self.types.items():
            if kind != "I":
                continue
            item = self.nodes[node_id]
            text = clean_text(_str(item.get("text")))
            if not text:
                self.report(IMPORT_INCONSISTENT, f"I node {node_id} has no text; skipped", item)
                continue
            own = is_id(node_id) and not looks_generated(node_id)
            hint = node_id.replace(".", "-") if node_id[:1].isalpha() else f"n{node_id}"
            self.draft.claim(
                DraftClaim(
                    key=node_id,
                    text=text,
                    id=node_id if own else None,
                    hint=hint,
                    # No locution says nothing: the claim inherits, as it would in a map.
                    attribution=attribution.get(node_id) or None,
                    span=self.span(item),
                )
            )

    def _groups(self) -> None:
        for node_id, kind in self.types.items():
            item = self.nodes[node_id]
            if kind in _SKIPPED:
                self.report(IMPORT_SKIPPED, f"node {node_id} is {_SKIPPED[kind]}; skipped", item)
                continue
            if kind not in ("RA", "CA"):
                continue
            scheme = clean_text(_str(item.get("scheme"))) or clean_text(_str(item.get("text")))
            if scheme and scheme != DEFAULT_SCHEMES[kind]:
                self.report(
                    IMPORT_SKIPPED,
                    f"the scheme {scheme!r} of node {node_id} is not kept: argmap has no schemes",
                    item,
                )
            premises = []
            for source in self.incoming.get(node_id, []):
                source_kind = self.types[source]
                if source_kind == "I":
                    premises.append(source)
                elif source_kind in ("RA", "CA"):
                    pass  # reported from the other side, as that node's target
                elif source_kind == "YA":
                    pass  # dialogue anchoring, counted with the dialogue
                else:
                    self.report(
                        IMPORT_SKIPPED,
                        f"the edge from {source_kind} node {source} to {node_id} is skipped",
                        item,
                    )
            targets = [t for t in self.outgoing.get(node_id, []) if self.types[t] != "YA"]
            if not targets:
                self.report(
                    IMPORT_INCONSISTENT,
                    f"{kind} node {node_id} supports or attacks nothing; it is skipped",
                    item,
                )
                continue
            for index, target in enumerate(targets):
                target_kind = self.types[target]
                if target_kind not in ("I", "RA", "CA"):
                    self.report(
                        IMPORT_SKIPPED,
                        f"the edge from {node_id} to {target_kind} node {target} is skipped",
                        item,
                    )
                    continue
                if kind == "RA" and target_kind != "I":
                    self.report(
                        IMPORT_SKIPPED,
                        f"RA node {node_id} supports the inference or conflict {target}: argmap "
                        "reasons support claims only, so this support is skipped",
                        item,
                    )
                    continue
                group_kind = (
                    Kind.REASON
                    if kind == "RA"
                    else Kind.REBUTTAL
                    if target_kind == "CA"
                    else Kind.OBJECTION
                )
                key = node_id if index == 0 else f"{node_id}#{index}"
                own = index == 0 and is_id(node_id) and not looks_generated(node_id)
                self.draft.group(
                    DraftGroup(
                        key=key,
                        kind=group_kind,
                        target=target,
                        premises=list(premises),
                        id=node_id if own else None,
                        attribution=self._group_attribution(premises),
                        span=self.span(item),
                    )
                )

    def _group_attribution(self, premises: list[str]) -> tuple[str, ...] | None:
        """AIF says who asserts claims, not who argues: a group is attributed to whoever asserts
        all its premises, and otherwise inherits (the rule :func:`write` predicts)."""
        found = {self.draft.claims[p].attribution for p in premises if p in self.draft.claims}
        return found.pop() if len(found) == 1 else None

    def _conclusion(self) -> None:
        """AIF has no conclusion marker: the one claim that is argued for or against and is
        no premise of anything is taken to be it."""
        premises = {k for g in self.draft.groups.values() for k in g.premises}
        targeted = {g.target for g in self.draft.groups.values()}
        roots = [k for k in self.draft.claims if k in targeted and k not in premises]
        if len(roots) == 1:
            self.draft.claims[roots[0]].conclusion = True

    def _dialogue(self) -> None:
        """One notice per kind of dialogue node that carried nothing argmap keeps."""
        for kind, what in _DIALOGUE.items():
            unused = [k for k, t in self.types.items() if t == kind and k not in self.used]
            if not unused:
                continue
            first = self.nodes[unused[0]]
            many = len(unused) > 1
            count = f"{len(unused)} {kind} node{'s' if many else ''} ({what}s of the dialogue)"
            self.report(
                IMPORT_SKIPPED,
                f"{count} {'are' if many else 'is'} not kept, this one first: argmap keeps who "
                "asserts a claim (L -> Asserting -> I), not the dialogue itself",
                first,
            )


# Writing ------------------------------------------------------------------------------------


def write(m: ArgumentMap) -> Exported:
    """The map as AIF JSON, with what AIF cannot hold reported (``W404``).

    >>> from argmap import parse
    >>> out = write(parse("conclusion c: Tea is good.\\n  reason r:\\n    w: It is warm.\\n").map)
    >>> [n["nodeID"] for n in json.loads(out.text)["nodes"]]
    ['c', 'w', 'r']
    """
    diagnostics: list[Diagnostic] = []
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []

    def loss(message: str, span: Span | None) -> None:
        diagnostics.append(EXPORT_LOSS.diagnostic(message, span))

    def edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    if m.title is not None:
        loss("AIF has no title; the title is not written", m.title_span)
    for comment in m.comments:
        loss("AIF has no comments; this comment is not written", comment.span)
    claims = first_definitions(m.claims)
    claim_ids = {c.id for c in claims}
    groups = [g for g in first_definitions(m.groups) if g.id not in claim_ids]
    for claim in claims:
        nodes.append({"nodeID": claim.id, "text": claim.text, "type": "I"})
        if claim.implicit:
            loss(
                f"AIF cannot mark a premise as unstated: `{claim.id}` is written as a plain claim",
                claim.span,
            )
    written: set[str] = {c.id for c in claims}
    kept: list[Group] = []
    for group in groups:
        premises = [p.id for p in group.premises if p.id in written]
        for p in group.premises:
            if p.id not in written:
                loss(f"`{p.id}` is not a claim in this map; it is left out of {group.id}", p.span)
        if not premises or group.target is None or m.get(group.target) is None:
            loss(f"{group.kind.value} {group.id} has no premise or no target; not written", None)
            continue
        kind = "RA" if group.kind is Kind.REASON else "CA"
        nodes.append(
            {
                "nodeID": group.id,
                "text": DEFAULT_SCHEMES[kind],
                "type": kind,
                "scheme": DEFAULT_SCHEMES[kind],
            }
        )
        kept.append(group)
        written.add(group.id)
    for group in kept:
        for premise in dict.fromkeys(p.id for p in group.premises if p.id in written):
            edge(premise, group.id)
        edge(group.id, group.target)  # type: ignore[arg-type]

    people = [s.id for s in m.sources]
    for claim in claims:
        for source in m.attribution(claim):
            locution, anchor = f"L:{claim.id}:{source}", f"YA:{claim.id}:{source}"
            nodes.append({"nodeID": locution, "text": f"{source}: {claim.text}", "type": "L"})
            nodes.append({"nodeID": anchor, "text": ASSERTING, "type": "YA", "scheme": ASSERTING})
            edge(locution, anchor)
            edge(anchor, claim.id)
            locutions.append({"nodeID": locution, "personID": source})
            if source not in people:
                people.append(source)
    described = {s.id: s.text for s in m.sources}
    participants = [
        {"participantID": p, "firstname": described.get(p, p), "surname": ""} for p in people
    ]
    _report_unreadable(m, kept, loss)
    document = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": participants,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    found = problems(json.loads(text))
    assert not found, found  # the writer is strict by construction
    return Exported(text=text, diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key)))


def _report_unreadable(m: ArgumentMap, groups: list[Group], loss: Any) -> None:
    """Report what :func:`read` would not get back: the conclusion where the structure does
    not single it out, and a group's attribution where it differs from its premises'."""
    premises = {p.id for g in groups for p in g.premises}
    targeted = {g.target for g in groups}
    roots = [c for c in m.claims if c.id in targeted and c.id not in premises]
    found = {roots[0].id} if len(roots) == 1 else set()
    for claim in m.claims:
        if claim.conclusion and claim.id not in found:
            loss(
                f"AIF has no conclusion marker, and the structure does not single out "
                f"`{claim.id}`: it will not read back as the conclusion",
                claim.span,
            )
        elif not claim.conclusion and claim.id in found:
            loss(
                f"AIF has no conclusion marker: `{claim.id}`, the only claim argued about that "
                "is no premise, will read back as the conclusion",
                claim.span,
            )
    for node in _unread_attribution(m, groups):
        who = ", ".join(m.attribution(node)) or "no one"
        if isinstance(node, Group):
            message = (
                f"AIF attributes claims, not reasons: {node.id} is argued by {who}, which its "
                "premises' attribution does not show"
            )
        else:
            message = (
                f"AIF cannot say that no one asserts `{node.id}`: without a locution it "
                "will read back with the attribution of where it stands"
            )
        loss(message, node.span)


def _unread_attribution(m: ArgumentMap, groups: list[Group]) -> list[Claim | Group]:
    """The claims and groups whose attribution :func:`read` would get wrong. It reads a claim's
    speakers from its locutions (none: it inherits) and gives a group the attribution all its
    premises share (none shared: it inherits), each standing where the reader writes it."""
    first_user: dict[str, str] = {}
    for group in groups:
        for premise in group.premises:
            first_user.setdefault(premise.id, group.id)
    parent: dict[str, str | None] = {}
    for claim in m.claims:
        parent.setdefault(claim.id, first_user.get(claim.id))
    for group in groups:
        parent.setdefault(group.id, group.target)
    named = {n.id: n.id for n in m.nodes() if not n.anonymous}
    _break_cycles(parent, [g.id for g in groups], named)
    limit_depth(parent, [g.id for g in groups])
    wanted: dict[str, tuple[str, ...] | None] = {}
    for claim in m.claims:
        wanted.setdefault(claim.id, m.attribution(claim) or None)
    for group in groups:
        said = {m.attribution(c) for c in m.premises(group)}
        wanted.setdefault(group.id, said.pop() if len(said) == 1 and () not in said else None)
    effective: dict[str, tuple[str, ...]] = {}
    for key in _top_down(parent):
        up = parent.get(key)
        effective[key] = wanted.get(key) or (effective.get(up, ()) if up is not None else ())
    nodes: list[Claim | Group] = [*m.claims, *groups]
    return [n for n in nodes if effective.get(n.id) != m.attribution(n)]


def problems(document: Any) -> list[str]:
    """What makes ``document`` less than strict AIF JSON (empty for :func:`write`'s output):
    unique string ids, known node types, every edge between nodes in the file, I nodes only
    into RA/CA, each RA/CA with premises and exactly one conclusion, YA/L/locutions consistent.
    """
    found: list[str] = []
    if not isinstance(document, dict):
        return ["the document is not a JSON object"]
    nodes = document.get("nodes")
    edges = document.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return ["`nodes` and `edges` must be lists"]
    types: dict[str, str] = {}
    for node in nodes:
        if not isinstance(node, dict) or not isinstance(node.get("nodeID"), str):
            found.append(f"node without a string nodeID: {node!r}")
            continue
        if node["nodeID"] in types:
            found.append(f"duplicate node {node['nodeID']}")
        if node.get("type") not in {"I", "RA", "CA", "L", "YA"}:
            found.append(f"node {node['nodeID']} has type {node.get('type')!r}")
        if not isinstance(node.get("text"), str) or not node["text"]:
            found.append(f"node {node['nodeID']} has no text")
        types[node["nodeID"]] = node.get("type", "")
    allowed = {
        ("I", "RA"),
        ("I", "CA"),
        ("RA", "I"),
        ("CA", "I"),
        ("CA", "RA"),
        ("CA", "CA"),
        ("L", "YA"),
        ("YA", "I"),
    }
    into: dict[str, int] = {}
    out_of: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    edge_ids: set[str] = set()
    for item in edges:
        if not isinstance(item, dict):
            found.append(f"edge that is not an object: {item!r}")
            continue
        source, target = item.get("fromID"), item.get("toID")
        if item.get("edgeID") in edge_ids or not isinstance(item.get("edgeID"), str):
            found.append(f"edge id {item.get('edgeID')!r} missing or repeated")
        edge_ids.add(item.get("edgeID"))  # type: ignore[arg-type]
        if source not in types or target not in types:
            found.append(f"edge {source} -> {target} names a missing node")
            continue
        if (types[source], types[target]) not in allowed:
            found.append(f"edge {source} -> {target}: {types[source]} to {types[target]}")
        if (source, target) in pairs:
            found.append(f"edge {source} -> {target} repeated")
        pairs.add((source, target))
        into[target] = into.get(target, 0) + 1
        out_of[source] = out_of.get(source, 0) + 1
    for node_id, kind in types.items():
        if kind in ("RA", "CA", "YA") and out_of.get(node_id, 0) != 1:
            found.append(f"{kind} node {node_id} has {out_of.get(node_id, 0)} conclusions")
        if kind in ("RA", "CA", "YA") and not into.get(node_id):
            found.append(f"{kind} node {node_id} has no premise")
    locutions = document.get("locutions", [])
    people = {p.get("participantID") for p in document.get("participants", [])}
    for locution in locutions:
        if types.get(locution.get("nodeID")) != "L":
            found.append(f"locution {locution!r} is not about an L node")
        if locution.get("personID") not in people:
            found.append(f"locution {locution!r} names no participant")
    return found
