"""Small helpers the rules share."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import Claim, Group

__all__ = ["did_you_mean", "node_name", "quote"]


def quote(text: str, limit: int = 50) -> str:
    """User text inside a message: one line, shortened, backticks neutralised."""
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, if one is close."""
    import difflib  # only when a name is unknown: a clean map's check starts without it

    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def node_name(node: Claim | Group) -> str:
    """How a message names a node: ``claim `sanctions``` or ``objection `no-squeeze```."""
    kind = "claim" if isinstance(node, Claim) else node.kind.value
    return f"{kind} `{node.id}`"
