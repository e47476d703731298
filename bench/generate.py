"""A generator of realistic, structurally clean maps of any size, for benchmarks and stress tests.

``generate(n_claims, seed=0)`` returns the text of a map with exactly ``n_claims`` claims: a
conclusion, convergent reasons and objections breadth first under every claim, linked
co-premises, implicit premises, rebuttals among objections, undercuts among reasons, groups
placed with ``for`` / ``to`` (undercuts by name too), reuse of claims with ``@id``, attribution
to three sources, comments, and long claims continued with a backslash. The map is clean for
``argmap check`` (no errors, no warnings): reuse only takes claims that have no reasons of their
own, so it can close no support circle. Deterministic for a given seed. Runnable:
``python bench/generate.py N > map.arg``.
"""

from __future__ import annotations

import random
import sys
from collections import deque

import attrs

__all__ = ["generate"]

_WORDS = (
    "trade sanctions policy regime border talks nuclear missile pressure threat credibility "
    "economy stability refugees alliance treaty envoy summit deadline signal leverage risk "
    "Beijing Washington Pyongyang China leaders market tariff blockade inspection diplomacy"
).split()


@attrs.define
class _Claim:
    id: str | None
    text: str
    implicit: bool = False
    source: str | None = None
    groups: list[_Group] = attrs.Factory(list)
    home: _Group | None = None


@attrs.define
class _Group:
    kind: str
    id: str | None
    target: _Claim | _Group | None
    premises: list[_Claim] = attrs.Factory(list)
    reused: list[str] = attrs.Factory(list)
    nested: list[_Group] = attrs.Factory(list)  # rebuttals and undercuts among the co-premises
    source: str | None = None
    explicit: bool = False


def generate(n_claims: int, seed: int = 0) -> str:
    """The text of a clean map with exactly ``n_claims`` claims (at least one)."""
    rng = random.Random(seed)
    made = 0
    groups_made = 0
    claims: list[_Claim] = []

    def new_claim(home: _Group | None) -> _Claim:
        nonlocal made
        made += 1
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 24)))
        named = home is None or rng.random() < 0.7
        claim = _Claim(
            id=f"c{made}" if named else None,
            text=f"Claim {made}: {words}.",
            implicit=home is not None and rng.random() < 0.08,
            source=rng.choice(("b", "c")) if home is not None and rng.random() < 0.1 else None,
            home=home,
        )
        claims.append(claim)
        return claim

    def new_group(kind: str, target: _Claim | _Group, named: bool = False) -> _Group:
        nonlocal groups_made
        groups_made += 1
        return _Group(
            kind=kind,
            id=f"g{groups_made}" if named or rng.random() < 0.4 else None,
            target=target,
            source=rng.choice(("b", "c")) if rng.random() < 0.1 else None,
        )

    root = new_claim(None)
    top_level: list[_Group] = []
    queue = deque([root])
    while made < n_claims:
        claim = queue.popleft() if queue else rng.choice(claims)
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            if made >= n_claims:
                break
            kind = "reason" if rng.random() < 0.65 or claim is root else "objection"
            group = new_group(kind, claim)
            if rng.random() < 0.05 and claim.id is not None:
                group.explicit = True
                top_level.append(group)
            else:
                claim.groups.append(group)
            for _ in range(rng.choice((1, 2, 2, 3))):
                if made >= n_claims:
                    break
                premise = new_claim(group)
                group.premises.append(premise)
                queue.append(premise)
            inner_kind = "rebuttal" if kind == "objection" else "objection"
            if made < n_claims and rng.random() < (0.25 if kind == "objection" else 0.1):
                inner = new_group(inner_kind, group, named=kind == "reason")
                if kind == "reason" and rng.random() < 0.3:  # an undercut placed by name
                    group.id = group.id or f"g{groups_made}r"
                    inner.explicit = True
                    top_level.append(inner)
                else:
                    group.nested.append(inner)
                inner.premises.append(new_claim(inner))
    # Reuse: a claim without groups of its own (so no support circle can close through it),
    # as an extra co-premise of a reason for another claim, never of its own group's target.
    every_group = [g for c in claims for g in c.groups] + top_level
    targeted = {id(g.target) for g in every_group}
    leaves = [c for c in claims if c.id is not None and id(c) not in targeted and c.home]
    reasons = [g for g in every_group if g.kind == "reason" and isinstance(g.target, _Claim)]
    for _ in range(min(len(leaves), len(reasons)) // 10):
        leaf, reason = rng.choice(leaves), rng.choice(reasons)
        homes_target = leaf.home.target if leaf.home is not None else None
        if (
            reason.target is not homes_target
            and leaf is not reason.target
            and leaf.id not in reason.reused
            and all(p is not leaf for p in reason.premises)
        ):
            reason.reused.append(leaf.id)  # type: ignore[arg-type]
    return _emit(root, top_level, rng)


def _emit(root: _Claim, top_level: list[_Group], rng: random.Random) -> str:
    lines: list[str] = []
    cited = {"a"}  # the conclusion's
    # An explicit stack instead of recursion: maps may be deep.
    stack: list[tuple[int, _Claim | _Group | str]] = [(0, root)]
    for group in reversed(top_level):
        stack.insert(0, (0, group))
    while stack:
        indent, item = stack.pop()
        pad = " " * indent
        if not isinstance(item, str) and item.source:
            cited.add(item.source)
        if isinstance(item, str):
            lines.append(f"{pad}@{item}")
        elif isinstance(item, _Claim):
            lines.append(pad + _claim_line(item, root, rng, pad))
            for group in reversed(item.groups):
                stack.append((indent + 2, group))
        else:
            lines.append(pad + _group_line(item))
            children: list[tuple[int, _Claim | _Group | str]] = []
            children.extend((indent + 2, p) for p in item.premises)
            children.extend((indent + 2, r) for r in item.reused)
            children.extend((indent + 2, n) for n in item.nested)
            stack.extend(reversed(children))
        if rng.random() < 0.01:
            lines.append(f"{pad}# a note on the line above")
    names = {"a": "The author", "b": "A commenter", "c": "Another commenter"}
    head = ["# A generated map for benchmarks (bench/generate.py).", "title: A generated map"]
    head += [f"source {s}: {names[s]}" for s in sorted(cited)]
    return "\n".join([*head, "", *lines]) + "\n"


def _claim_line(claim: _Claim, root: _Claim, rng: random.Random, pad: str) -> str:
    if claim is root:
        head = f"conclusion {claim.id}:"
    elif claim.id is None:
        head = "implicit:" if claim.implicit else "-"
    else:
        head = f"implicit {claim.id}:" if claim.implicit else f"{claim.id}:"
    text = claim.text
    if len(text) > 120 and rng.random() < 0.3:
        cut = text.index(" ", 60)
        text = f"{text[:cut]} \\\n{pad}  {text[cut + 1 :]}"
    source = " [a]" if claim is root else (f" [{claim.source}]" if claim.source else "")
    return f"{head} {text}{source}"


def _group_line(group: _Group) -> str:
    parts = [group.kind]
    if group.id is not None:
        parts.append(group.id)
    if group.explicit:
        target = group.target
        assert target is not None and target.id is not None
        parts.append(f"{'for' if isinstance(target, _Claim) else 'to'} {target.id}")
    if group.source:
        parts.append(f"[{group.source}]")
    return " ".join(parts) + ":"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
