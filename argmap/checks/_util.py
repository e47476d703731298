"""Small helpers the rules share."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import Claim, Group

__all__ = ["Suggester", "node_name", "quote"]


def quote(text: str, limit: int = 50) -> str:
    """User text inside a message: one line, shortened, backticks neutralised."""
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Suggester:
    """ "Did you mean" over one set of names, for any number of unknown names, in time linear in
    their number: each distinct name is looked up once, and each lookup weighs at most
    :attr:`SHORTLIST` candidates with ``difflib`` (cutoff 0.6).

    The candidates come from two indexes built once, on the first lookup: names one deletion
    apart (``pont`` and ``point`` share ``pont``; ``saction`` and ``sanctions`` share
    ``sanction``), which finds the usual typo; only when there is none, the names sharing the
    most character pairs, reading at most :attr:`BUDGET` entries of the pair index, the rarest
    pairs first. A close name found by neither is missed: a hint, not a proof.
    """

    SHORTLIST = 8
    BUDGET = 300
    LONGEST = 40  # longer names are looked up by their pairs only

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self.answers: dict[str, str | None] = {}
        self.pairs: dict[str, list[int]] = {}
        self.deletions: dict[str, list[int]] = {}
        self.built = False

    def hint(self, name: str) -> str | None:
        """A hint naming the closest name, if one is close."""
        if name not in self.answers:
            self.answers[name] = self._closest(name)
        return self.answers[name]

    def _closest(self, name: str) -> str | None:
        import difflib  # only when a name is unknown: a clean map's check starts without it

        small = len(self.names) <= self.SHORTLIST
        shortlist = self.names if small else self._shortlist(name)
        close = difflib.get_close_matches(name, shortlist, n=1, cutoff=0.6)
        return f"did you mean `{close[0]}`?" if close else None

    def _build(self) -> None:
        for number, candidate in enumerate(self.names):
            for pair in _pairs(candidate):
                self.pairs.setdefault(pair, []).append(number)
            if len(candidate) <= self.LONGEST:
                for key in _deletions(candidate):
                    self.deletions.setdefault(key, []).append(number)
        self.built = True

    def _shortlist(self, name: str) -> list[str]:
        from collections import Counter

        if not self.built:
            self._build()
        chosen: dict[int, None] = {}
        if len(name) <= self.LONGEST:
            for key in sorted(_deletions(name), key=lambda key: (key != name, key)):
                for number in self.deletions.get(key, ())[: self.SHORTLIST]:
                    chosen.setdefault(number)
        if not chosen:  # no name one typo away: the names most alike
            postings = sorted(
                (self.pairs[pair] for pair in _pairs(name) if pair in self.pairs), key=len
            )
            counts: Counter[int] = Counter()
            budget = self.BUDGET
            for posting in postings:
                if budget <= 0:
                    break
                counts.update(posting[:budget])
                budget -= len(posting)
            for number, _ in counts.most_common(self.SHORTLIST):
                chosen.setdefault(number)
        return sorted(self.names[number] for number in list(chosen)[: self.SHORTLIST])


def _pairs(name: str) -> set[str]:
    padded = f"\0{name}\0"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def _deletions(name: str) -> set[str]:
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}


def node_name(node: Claim | Group) -> str:
    """How a message names a node: ``claim `sanctions``` or ``objection `no-squeeze```."""
    kind = "claim" if isinstance(node, Claim) else node.kind.value
    return f"{kind} `{node.id}`"
