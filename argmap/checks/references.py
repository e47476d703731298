"""Rules about names: every reference resolves, and every id is defined once."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator

from argmap.checks._util import Suggester, node_name
from argmap.diagnostics import Related, Severity
from argmap.diagnostics.rules import Finding, rule
from argmap.model import ArgumentMap, Claim, Group, Kind, Source

__all__ = ["duplicate_id", "undefined_reference", "undefined_references"]


@rule("E101", "undefined-reference", Severity.ERROR)
def undefined_reference(m: ArgumentMap) -> Iterator[Finding]:
    """An `@id`, `for X`, `to X` or `[source]` that names nothing.

    Every id a map refers to must be defined somewhere in the same file: a claim
    (`sanctions: ...`), a group (`objection credibility:`) or a source (`source hammond: ...`).
    Definitions may come after their use. Example of the mistake:

        objection to sanctons:       # E101: no claim or group is called `sanctons`
          - Sanctions leak.
    """
    return undefined_references(m)


def undefined_references(m: ArgumentMap, unread: Collection[str] = ()) -> Iterator[Finding]:
    """E101's findings, leaving out the names in ``unread``: on a map with syntax errors, the
    names that the lines the parser could not read may define (see
    :func:`argmap.checks.checker.unread_names`), so every reference reported is undefined
    whatever those lines say."""

    # Only for a hint, so built on the first unknown name: most maps never need it. One
    # suggester answers every reference, so the hints stay linear in their number.
    suggesters: dict[str, Suggester] = {}

    def did_you_mean(name: str, among: str) -> str | None:
        if among not in suggesters:
            names = (
                [s.id for s in m.sources]
                if among == "sources"
                else [n.id for n in m.nodes() if not n.anonymous]
            )
            suggesters[among] = Suggester(names)
        return suggesters[among].hint(name)

    for group in m.groups:
        # A group indented under a line targets that line: a defined claim or group, or an
        # `@id` that gets its own diagnostic. Only a target named with `for` / `to` is checked.
        if (
            group.target_keyword is not None  # group.explicit_target
            and group.target is not None
            and group.target not in m
            and group.target not in unread
        ):
            yield Finding(
                message=f"`{group.target}` is not defined: no claim or group has this id",
                span=group.target_span or group.span,
                hint=did_you_mean(group.target, "nodes"),
            )
        for premise in group.premises:
            if not premise.reuse:
                continue  # a claim defined in place
            if premise.id in unread:
                continue  # an unread line may define it, as a claim
            if premise.id not in m:
                yield Finding(
                    message=f"`@{premise.id}` reuses a claim that is not defined",
                    span=premise.span,
                    hint=did_you_mean(premise.id, "nodes"),
                )
            elif isinstance(named := m.get(premise.id), Group):
                yield Finding(
                    message=f"`@{premise.id}` names {node_name(named)}; `@` reuses a claim, and "
                    "only claims can be co-premises",
                    span=premise.span,
                    hint=_group_reuse_hint(named),
                )
    every: Iterator[Claim | Group] = itertools.chain(m.claims, m.groups)
    for node in every:
        if not node.sources:
            continue
        for ref in node.sources:
            if m.source(ref.id) is None and ref.id not in unread:
                yield Finding(
                    message=f"no source `{ref.id}` is declared",
                    span=ref.span,
                    hint=did_you_mean(ref.id, "sources")
                    or f"declare it at the top level: `source {ref.id}: who says this`",
                )


def _group_reuse_hint(named: Group) -> str:
    """What `@group` most likely meant: one of its claims, or a group aimed at it."""
    named_claims = [p.id for p in named.premises if "." not in p.id]
    if named_claims:
        claims = " or ".join(f"`@{i}`" for i in named_claims[:3])
        reuse = f"to reuse one of its claims, write {claims}"
    else:
        reuse = "to reuse one of its claims, give that claim an id (`id: text`) and write `@id`"
    if named.kind is Kind.REASON:
        aim = f"to attack the step it makes, write `objection to {named.id}:` at the top level"
    else:
        aim = f"to answer it, write `rebuttal to {named.id}:` at the top level"
    return f"{reuse}; {aim}"


@rule("E102", "duplicate-id", Severity.ERROR, partial_ok=True)
def duplicate_id(m: ArgumentMap) -> Iterator[Finding]:
    """Two definitions of one id.

    Claims and groups share one set of ids, because `to X` may name either; sources have their
    own. Each id is defined once and reused with `@id` (a claim) or named with `for` / `to`.
    """
    if len(m.ids()) < len(m.claims) + len(m.groups):  # else no id is twice: nothing to sort
        yield from _duplicates(sorted(m.nodes(), key=_position))
    yield from _duplicates(m.sources)


def _duplicate_hint(item: Claim | Group | Source, earlier: Claim | Group | Source) -> str:
    where = f" on line {earlier.span.line}" if earlier.span else ""
    hint = f"give this one another id, such as `{item.id}-2`"
    if isinstance(item, Claim) and isinstance(earlier, Claim):
        hint += f", or, if it is the claim{where}, replace this line with `@{item.id}`"
    return hint


def _position(node: Claim | Group | Source) -> tuple[int, int]:
    # nodes() lists claims before groups; the first definition is the one written first.
    return (node.span.line, node.span.column) if node.span else (0, 0)


def _duplicates(items: Iterable[Claim | Group | Source]) -> Iterator[Finding]:
    first: dict[str, Claim | Group | Source] = {}
    for item in items:
        if "." in item.id:  # generated ids are unique by construction
            continue
        earlier = first.setdefault(item.id, item)
        if earlier is item:
            continue
        what = f"source `{item.id}`" if isinstance(earlier, Source) else node_name(earlier)
        yield Finding(
            message=f"`{item.id}` is defined twice: it is already {what}",
            span=item.id_span or item.span,
            hint=_duplicate_hint(item, earlier),
            related=(Related(message="first defined here", span=earlier.id_span or earlier.span),),
        )
