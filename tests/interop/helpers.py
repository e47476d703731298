"""Shared by the interop tests: what "the same model" means, generated maps, the Mermaid parser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.teach.map_builder import MapBuilder, premise, reuse
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus" / "argdown"
MERMAID = ROOT / "tests" / "mermaid"


def meaning(m: ArgumentMap) -> dict[str, Any]:
    """What a conversion must keep: claims' texts, kinds, targets, co-premise grouping, the
    conclusion, implicit flags and (effective) attribution, by id. Spans, the placement of
    groups and where a claim's ``[source]`` is written are layout, not meaning."""
    return {
        "title": m.title,
        "sources": sorted((s.id, s.text) for s in m.sources if _cited(m, s.id)),
        "claims": {c.id: (c.text, c.conclusion, c.implicit, m.attribution(c)) for c in m.claims},
        "groups": {
            g.id: (g.kind, g.target, tuple(p.id for p in g.premises), m.attribution(g))
            for g in m.groups
        },
    }


def _cited(m: ArgumentMap, source: str) -> bool:
    return any(source in m.attribution(node) for node in m.nodes())


# Generated maps ---------------------------------------------------------------------------------

_PIECES = [*"ab #[]@\\:-,<>{}_*/\"'&%`|", "é", "字", "😀", "\t", "\\#", "[x]", " // ", "/*", "-->"]
TEXTS = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10)
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)
IDS = st.sampled_from(["a", "b2", "sanctions", "x_y", "é-t", "Ωmega", "true", "end"])


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """A map built with :class:`MapBuilder`: reasons, objections, undercuts, rebuttals, reuse,
    implicit premises, named and anonymous claims and groups, attribution at any level."""
    builder = MapBuilder(title=draw(st.none() | TEXTS))
    sources = draw(st.lists(st.sampled_from(["s", "r", "ß"]), unique=True, max_size=2))
    for source in sources:
        builder.source(source, draw(TEXTS))
    names = iter(draw(st.lists(IDS, unique=True, max_size=8)))
    claims: list[str] = []
    reasons: list[str] = []
    opposing: list[str] = []

    def cite() -> list[str]:
        return draw(st.lists(st.sampled_from(sources), max_size=1, unique=True)) if sources else []

    def name() -> str | None:
        return next(names, None) if draw(st.booleans()) else None

    top = builder.conclusion(draw(TEXTS), id=name(), sources=cite())
    claims.append(top)
    if draw(st.booleans()):
        claims.append(builder.claim(draw(TEXTS), id=next(names, None) or "other", sources=cite()))
    named: list[str] = [c for c in claims if "." not in c]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["reason", "objection", "undercut", "rebuttal"]))
        if (kind == "undercut" and not reasons) or (kind == "rebuttal" and not opposing):
            kind = "objection"
        target = draw(
            st.sampled_from(
                reasons if kind == "undercut" else opposing if kind == "rebuttal" else claims
            )
        )
        items: list[Any] = []
        used: set[str] = set()
        for _ in range(draw(st.integers(1, 3))):
            # A claim is never its own premise, nor twice in one group.
            others = [n for n in named if n != target and n not in used]
            if others and draw(st.integers(0, 4)) == 0:
                chosen = draw(st.sampled_from(others))
                used.add(chosen)
                items.append(reuse(chosen))
            else:
                ident = name()
                items.append(
                    premise(
                        draw(TEXTS),
                        id=ident,
                        implicit=draw(st.integers(0, 3)) == 0,
                        sources=cite(),
                    )
                )
                if ident:
                    named.append(ident)
                    used.add(ident)
        method = {
            "reason": builder.reason,
            "objection": builder.objection,
            "undercut": builder.objection,
            "rebuttal": builder.rebuttal,
        }[kind]
        group = method(target, *items, id=name(), sources=cite())
        (reasons if kind == "reason" else opposing).append(group)
        built = builder.draft()
        claims = [c.id for c in built.claims]
    return builder.build()


# The Mermaid parser -----------------------------------------------------------------------------


def mermaid_parse(texts: list[str]) -> list[dict[str, Any]]:
    """Parse diagrams with the real Mermaid parser under node (tests/mermaid/parse.mjs)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the Mermaid parser runs under node")
    if not (MERMAID / "node_modules" / "mermaid").is_dir():
        pytest.fail(
            "tests/mermaid/node_modules is missing: run `npm ci --prefix tests/mermaid` "
            "(CI does this in .ci/run)"
        )
    done = subprocess.run(
        [node, str(MERMAID / "parse.mjs")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=MERMAID,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


HERE_GOLDENS = Path(__file__).parent / "goldens"
