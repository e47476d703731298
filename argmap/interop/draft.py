"""From what an importer read to a valid map: names, reuse, placement and attribution.

Importers describe claims and groups with keys of their own (:class:`Draft`); :meth:`Draft.build`
decides what the ``.arg`` text needs (which claims need an id because they are used twice,
where each claim is written, which groups must name their target because the input argues in a
circle, which claims and groups need a ``[source]`` of their own for their attribution to come
out right), writes the map with :func:`argmap.write.dumps` and parses it back. The result is
exactly the map that its ``.arg`` text reads as.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from argmap.diagnostics import Diagnostic
from argmap.diagnostics.rules import Rule
from argmap.interop.codes import (
    IMPORT_APPROXIMATED,
    IMPORT_INCONSISTENT,
    IMPORT_RENAMED,
    UNREADABLE_INPUT,
)
from argmap.interop.ingest import BREAK, UNSTORABLE
from argmap.interop.results import Imported
from argmap.model import ArgumentMap, Claim, Group, Kind, Premise, Reference, Source, Span
from argmap.read.layout import MAX_LINE, Limits
from argmap.read.parser import KEYWORDS, parse
from argmap.read.syntax_codes import LINE_TOO_LONG
from argmap.write.formatter import escape_text
from argmap.write.from_model import dumps

__all__ = [
    "DEEPEST",
    "ID",
    "Draft",
    "DraftClaim",
    "DraftGroup",
    "clean_text",
    "first_definitions",
    "hint_from",
    "is_id",
    "looks_generated",
    "slug",
]

ID = re.compile(r"[^\W\d][\w-]*")
MAX_REPEATS = 100
"""The most diagnostics of one code an import lists; past it, one more says how many more."""
LONGEST_TEXT = MAX_LINE - 2_000
"""The longest text an import writes on one line (escapes included), leaving room on the line
for indentation, an id and a keyword within the parser's ``MAX_LINE``."""
LONGEST_ID = 200
"""The longest id an import keeps; a longer one is dropped, and the node named from its text."""
DEEPEST = 64
"""The deepest an import nests a line of reasoning by indentation. A group that would stand
deeper is written at the top level, naming its target (``reason for x:``): a chain of
thousands of reasons then reads back as the same map, in text a person can read and well
inside the parser's limits on depth and size."""
RESERVED = frozenset((*KEYWORDS, "for", "to"))
"""Words that cannot be an id: argmap's keywords, and ``for`` and ``to``, which name a
group's target. An imported id that is one of them is renamed (``title`` -> ``title-1``)."""
_GENERATED = re.compile(r"[^\W\d][\w-]*(\.[\w-]+)+")
_NOT_ID = re.compile(r"[^\w-]+")


def slug(text: str, prefix: str = "x") -> str:
    """An argmap id made from a title: ``"Statement 1"`` -> ``"Statement-1"``."""
    text = unicodedata.normalize("NFC", text)
    out = _NOT_ID.sub("-", text).strip("-")
    if not out or not ID.fullmatch(out):
        out = f"{prefix}-{out}" if out else prefix
    return out


def hint_from(text: str, words: int = 4) -> str:
    """A readable id from the first words of a text: ``"Tea is good."`` -> ``"tea-is-good"``."""
    return slug(" ".join(text.lower().split()[:words]), "c")


def clean_text(text: str) -> str:
    """Text as a claim can hold it: line breaks become one space, no blanks at either end."""
    # Split at the breaks and strip each piece: a pattern with blanks on both sides of the break
    # would scan a long run of blanks again from each of its characters.
    if "\n" not in text and "\r" not in text:
        return text.strip()
    return " ".join(part.strip(" \t") for part in BREAK.split(text)).strip()


def is_id(text: str) -> bool:
    """Whether ``text`` has the shape of an argmap id (it may still be a reserved word)."""
    return bool(ID.fullmatch(text))


def _free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... : the first that is neither taken nor reserved."""
    name, n = (base, 1) if base not in RESERVED else (f"{base}-1", 1)
    while name in taken or name in RESERVED:
        n += 1
        name = f"{base}-{n}"
    return name


def looks_generated(text: str) -> bool:
    """Whether ``text`` has the shape of an id argmap generates (``closer.reason1.2``)."""
    return bool(_GENERATED.fullmatch(text))


@attrs.define(kw_only=True)
class DraftClaim:
    """A claim as an importer read it. ``id`` is kept if it is a valid, unused argmap id;
    ``hint`` names the claim when it needs a name and has no id. ``attribution`` is the
    effective attribution wanted (``None``: whatever it inherits)."""

    key: str
    text: str
    id: str | None = None
    hint: str | None = None
    conclusion: bool = False
    implicit: bool = False
    attribution: tuple[str, ...] | None = ()
    span: Span | None = None


@attrs.define(kw_only=True)
class DraftGroup:
    """A reason, objection or rebuttal as an importer read it: premises and target are keys."""

    key: str
    kind: Kind
    target: str
    premises: list[str]
    id: str | None = None
    attribution: tuple[str, ...] | None = ()
    span: Span | None = None


@attrs.define
class Draft:
    """Claims, groups and sources collected by an importer, in the order they were read."""

    title: str | None = None
    sources: dict[str, str] = attrs.field(factory=dict)
    claims: dict[str, DraftClaim] = attrs.field(factory=dict)
    groups: dict[str, DraftGroup] = attrs.field(factory=dict)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    limits: Limits | None = None
    """The limits the import runs within (the parser's by default): a text is cut to fit
    their line length, and the map is written and read back within them."""

    def claim(self, claim: DraftClaim) -> DraftClaim:
        return self.claims.setdefault(claim.key, claim)

    def group(self, group: DraftGroup) -> DraftGroup:
        return self.groups.setdefault(group.key, group)

    repeats: dict[str, tuple[Rule, int]] = attrs.field(factory=dict)

    def report(
        self,
        rule: Rule,
        message: str,
        span: Span | Callable[[], Span] | None,
        hint: str | None = None,
    ) -> None:
        """Report ``message`` at ``span`` (or at what ``span()`` returns, worked out only if the
        report is kept). Past :data:`MAX_REPEATS` reports of one code, the rest are counted:
        :meth:`build` says how many were left out, so a file of a million bad entries gives
        a hundred diagnostics, not a million."""
        seen = self.repeats.get(rule.code, (rule, 0))[1]
        self.repeats[rule.code] = (rule, seen + 1)
        if seen < MAX_REPEATS:
            where = span() if callable(span) else span
            self.diagnostics.append(rule.diagnostic(message, where, hint=hint))

    # Building --------------------------------------------------------------------------------

    def build(self) -> Imported:
        """The map, written as ``.arg`` text and read back."""
        self._storable_texts()
        groups = self._valid_groups()
        used_by: dict[str, list[DraftGroup]] = {}
        for group in groups:
            for key in group.premises:
                used_by.setdefault(key, []).append(group)
        claims = list(self.claims.values())
        # Where each claim is written: under the first group that uses it, unless it is a
        # conclusion, which the language writes at the top level.
        home = {
            c.key: used_by[c.key][0].key for c in claims if c.key in used_by and not c.conclusion
        }
        parent: dict[str, str | None] = {c.key: home.get(c.key) for c in claims}
        for group in groups:
            parent[group.key] = group.target
        items: list[DraftClaim | DraftGroup] = [*claims, *groups]
        named = {
            item.key: item.id
            for item in items
            if item.id and is_id(item.id) and not looks_generated(item.id)
        }
        cuts = _break_cycles(parent, [g.key for g in groups], named)
        cuts |= limit_depth(parent, [g.key for g in groups])
        own, lifted = self._factor_attribution(claims, groups, parent)
        explicit: set[str] = set()
        for key in cuts | lifted:
            if key in home:
                del home[key]
            else:
                explicit.add(key)
        need_name = {k for k, users in used_by.items() if len(users) > 1 or k not in home}
        need_name |= {self.groups[g].target for g in explicit}
        names = self._names(claims, groups, need_name)

        sources = dict(self.sources)
        for refs in own.values():
            for source in refs:
                sources.setdefault(source, source)
        model = ArgumentMap(
            title=self.title,
            sources=tuple(Source(id=k, text=clean_text(v) or k) for k, v in sources.items()),
            claims=tuple(
                Claim(
                    id=names[c.key],
                    text=c.text,
                    conclusion=c.conclusion,
                    implicit=c.implicit,
                    sources=tuple(Reference(id=s) for s in own.get(c.key, ())),
                )
                for c in claims
            ),
            groups=tuple(
                Group(
                    id=names[g.key],
                    kind=g.kind,
                    target=names[g.target],
                    premises=tuple(
                        Premise(id=names[k], reuse=home.get(k) != g.key) for k in g.premises
                    ),
                    sources=tuple(Reference(id=s) for s in own.get(g.key, ())),
                    target_keyword="to" if g.key in explicit else None,
                )
                for g in groups
            ),
        )
        try:
            text = dumps(model, limits=self.limits)
        except ValueError as error:  # past the parser's limits: a line of 100,000 characters
            self.report(UNREADABLE_INPUT, f"the input cannot be converted: {error}", None)
            text = ""
        result = parse(text, limits=self.limits)
        if not result.ok:
            self.report(
                UNREADABLE_INPUT,
                f"the converted map cannot be read back: {result.diagnostics[0].message}",
                None,
            )
            text, result = "", parse("")
        diagnostics = sorted(self.diagnostics, key=Diagnostic.sort_key)
        diagnostics += self._left_out()
        return Imported(map=result.map, text=text, diagnostics=tuple(diagnostics))

    def _left_out(self) -> list[Diagnostic]:
        """One diagnostic per code reported more than :data:`MAX_REPEATS` times: how many more."""
        found = []
        for code, (rule, count) in sorted(self.repeats.items()):
            if count > MAX_REPEATS:
                message = (
                    f"{count - MAX_REPEATS:,} more {code} ({rule.name}) like the {MAX_REPEATS} "
                    "above are not listed"
                )
                found.append(rule.diagnostic(message, None))
        return found

    def _storable_texts(self) -> None:
        """Texts as a ``.arg`` line can hold them: a NUL character or a lone surrogate (which no
        map may hold, and which an escape in JSON or Argdown metadata can make) becomes U+FFFD;
        a text too long for a line of a map (E014) is cut to :data:`LONGEST_TEXT`; an empty
        text becomes ``?``. Each is reported where it stands. An id too long to be written
        (more than :data:`LONGEST_ID`) is not kept: the claim or group is named as if it had
        none."""

        max_line = MAX_LINE if self.limits is None else self.limits.max_line
        longest = (
            None if max_line is None else max(max_line - (MAX_LINE - LONGEST_TEXT), max_line // 2)
        )

        def fix(text: str, span: Span | None) -> str:
            if UNSTORABLE.search(text):
                self.report(
                    IMPORT_APPROXIMATED,
                    "a NUL character or lone surrogate, which no map can hold, is read as U+FFFD",
                    span,
                )
                text = clean_text(UNSTORABLE.sub("\ufffd", text))
            if longest is not None and (
                len(text) > longest
                or (2 * len(text) > longest and len(escape_text(text)) > longest)
            ):
                # Escapes at most double a text: half the room always fits.
                keep = longest
                if len(escape_text(text[:keep])) > longest:
                    keep = longest // 2
                self.report(
                    LINE_TOO_LONG,
                    f"a text of {len(text):,} characters is longer than a line of a map may hold; "
                    f"it is cut to its first {keep:,}",
                    span,
                )
                text = text[:keep].rstrip()
            if not text:
                self.report(IMPORT_APPROXIMATED, "an empty text is read as `?`", span)
            return text or "?"

        if self.title is not None:
            self.title = fix(self.title, None)
        self.sources = {k: fix(v, None) if v else v for k, v in self.sources.items()}
        for claim in self.claims.values():
            claim.text = fix(claim.text, claim.span)
        items: list[DraftClaim | DraftGroup] = [*self.claims.values(), *self.groups.values()]
        for item in items:
            if item.id is not None and len(item.id) > LONGEST_ID:
                item.id = None
            if isinstance(item, DraftClaim) and item.hint is not None:
                item.hint = item.hint[:LONGEST_ID]

    def _valid_groups(self) -> list[DraftGroup]:
        """Groups whose premises and target exist and whose kind fits the target's kind.

        A group aimed at a group that is dropped is dropped too, and so on down a chain: the
        drops spread from each dropped group to the groups aimed at it, each group looked at
        once, so a chain of thousands costs no more than thousands of separate groups."""
        groups = self.groups
        dropped: list[DraftGroup] = []
        aimed_at: dict[str, list[DraftGroup]] = {}
        for group in groups.values():
            unique = list(dict.fromkeys(group.premises))
            if len(unique) < len(group.premises):
                self.report(
                    IMPORT_INCONSISTENT,
                    f"a {group.kind.value} names the same premise twice; it is kept once",
                    group.span,
                )
            group.premises = [k for k in unique if k in self.claims]
            problem = self._problem(group, groups)
            if problem is None:
                if group.target not in self.claims:
                    aimed_at.setdefault(group.target, []).append(group)
            else:
                self.report(IMPORT_INCONSISTENT, problem, group.span)
                dropped.append(group)
        gone = {g.key for g in dropped}
        while dropped:
            for group in aimed_at.pop(dropped.pop().key, ()):
                if group.key not in gone:
                    what = group.kind.value
                    self.report(
                        IMPORT_INCONSISTENT,
                        f"the {what}'s target is not in the input; it is skipped",
                        group.span,
                    )
                    gone.add(group.key)
                    dropped.append(group)
        return [g for g in groups.values() if g.key not in gone]

    def _problem(self, group: DraftGroup, groups: dict[str, DraftGroup]) -> str | None:
        what = group.kind.value
        if not group.premises:
            return f"a {what} without any premise is skipped"
        if group.target in self.claims:
            if group.kind is Kind.REBUTTAL:
                return "a rebuttal must oppose an objection, not a claim; it is skipped"
            if group.target in group.premises:
                return f"a {what} whose premise is its own target is skipped"
            return None
        target = groups.get(group.target)
        if target is None:
            return f"the {what}'s target is not in the input; it is skipped"
        if target.key == group.key:
            return f"a {what} that targets itself is skipped"
        allowed = {
            Kind.REASON: (),
            Kind.OBJECTION: (Kind.REASON,),
            Kind.REBUTTAL: (Kind.OBJECTION, Kind.REBUTTAL),
        }[group.kind]
        if target.kind not in allowed:
            return f"a {what} cannot target a {target.kind.value} in argmap; it is skipped"
        return None

    def _names(
        self, claims: list[DraftClaim], groups: list[DraftGroup], need: set[str]
    ) -> dict[str, str]:
        """Final ids: valid wanted ids first, then names for what must be named, then
        placeholders (with a '.', so the writer leaves them out) for the rest."""
        taken: set[str] = set()
        names: dict[str, str] = {}
        items: list[DraftClaim | DraftGroup] = [*claims, *groups]
        for item in items:
            if item.id and is_id(item.id) and item.id not in taken and item.id not in RESERVED:
                names[item.key] = item.id
                taken.add(item.id)
        anonymous = 0
        for item in items:
            if item.key in names:
                continue
            if item.key in need or (item.id and is_id(item.id)):
                hint = item.id or getattr(item, "hint", None) or "c"
                name = _free(slug(hint, "c"), taken)
                names[item.key] = name
                taken.add(name)
                if item.id in RESERVED:
                    what = "claim" if isinstance(item, DraftClaim) else item.kind.value
                    self.report(
                        IMPORT_RENAMED,
                        f"`{item.id}` is an argmap keyword, so it cannot be an id; this {what} "
                        f"is named `{name}`",
                        item.span,
                    )
            else:
                anonymous += 1
                names[item.key] = f"anonymous.{anonymous}"
        return names

    def _factor_attribution(
        self,
        claims: list[DraftClaim],
        groups: list[DraftGroup],
        parent: dict[str, str | None],
    ) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        """The ``[sources]`` each node must carry so that, with inheritance, its attribution is
        the one wanted (none where it would inherit the same), and the nodes that must move to
        the top level because they are no one's but would inherit someone's where they stand."""
        wanted: dict[str, tuple[str, ...] | None] = {c.key: c.attribution for c in claims}
        wanted.update({g.key: g.attribution for g in groups})
        effective: dict[str, tuple[str, ...]] = {}
        own: dict[str, tuple[str, ...]] = {}
        lifted: set[str] = set()
        for key in _top_down(parent):
            up = parent.get(key)
            inherited = effective.get(up, ()) if up is not None else ()
            want = wanted.get(key)
            if want is None or tuple(want) == inherited:
                effective[key] = inherited
            elif not want:
                # Standing where it is, it would inherit; at the top level it inherits nothing.
                lifted.add(key)
                parent[key] = None
                effective[key] = ()
            else:
                effective[key] = tuple(want)
                own[key] = tuple(want)
        return own, lifted


def _break_cycles(
    parent: dict[str, str | None], group_keys: Iterable[str], named: dict[str, str]
) -> set[str]:
    """Where to cut chains of "written under" that come back on themselves (an input that
    argues in a circle), so that every claim and group is written somewhere. A cut claim is
    written at the top level and reused; a cut group names its target (``objection to x:``).
    Cutting at a claim or target that has a name of its own keeps the other ids as they are;
    choosing by name makes the cut the same whichever node the search starts from (the
    Argdown writer relies on that to predict how its output reads back)."""
    cuts: set[str] = set()
    groups = set(group_keys)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent.get(node)
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            claims = sorted((named[k], k) for k in cycle if k not in groups and k in named)
            aimed = sorted(
                (named[parent[k]], k)  # type: ignore[index]
                for k in cycle
                if k in groups and parent[k] in named
            )
            cut = claims[0][1] if claims else aimed[0][1] if aimed else None
            if cut is None:
                cut = next(k for k in cycle if k in groups)  # claims point at groups
            cuts.add(cut)
            parent[cut] = None
        for item in path:
            state[item] = 2
    return cuts


def limit_depth(parent: dict[str, str | None], group_keys: Iterable[str]) -> set[str]:
    """The groups that would be written deeper than :data:`DEEPEST`: each is cut free of its
    target (written at the top level, naming it), and what stands under it comes up with it.
    ``parent`` (what each claim and group is written under) is updated in place. The writers
    call it too, to predict where the reader writes each node."""
    groups = set(group_keys)
    depth: dict[str, int] = {}
    cuts: set[str] = set()
    for key in _top_down(parent):  # parents first, so a cut moves everything below it up
        up = parent.get(key)
        level = depth.get(up, 0) + 1 if up is not None else 1
        if level > DEEPEST and key in groups:
            parent[key] = None
            cuts.add(key)
            level = 1
        depth[key] = level
    return cuts


def _top_down(parent: dict[str, str | None]) -> list[str]:
    """Keys ordered so that each comes after its parent (the parents form a forest here)."""
    children: dict[str | None, list[str]] = {}
    for key, up in parent.items():
        children.setdefault(up if up in parent else None, []).append(key)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        key = stack.pop()
        order.append(key)
        stack.extend(reversed(children.get(key, [])))
    return order


NodeT = TypeVar("NodeT", Claim, Group)


def first_definitions(items: Iterable[NodeT]) -> list[NodeT]:
    """The claims or groups of a map with duplicate ids dropped: the first definition counts,
    as it does in the model's lookups."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out
