"""Teaching hints (H3xx): the Rationale / van Gelder rules of thumb, off unless asked for.

They are heuristics about wording, so they are hints, never errors; docs/hints.md explains each
one and its known false positives. They run when selected (``--select H302``), with
``argmap check --hints`` (``argmap.check(..., hints=True)``), or when the map asks for them with
a comment directive (``# argmap: hints``), which :func:`directives` reads. A directive can also
declare synonyms (``# argmap: synonyms car automobile``) for the term comparisons.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

import attrs

from argmap.checks._util import node_name
from argmap.checks.terms import Synonyms, terms, words
from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Finding, Rule, reported_code, rule
from argmap.model import ArgumentMap, Claim, Group, Kind, Span

__all__ = [
    "UNKNOWN_DIRECTIVE",
    "Directives",
    "Problem",
    "directives",
    "golden_rule",
    "hint_rules",
    "holding_hands",
    "one_claim_per_box",
    "rabbit_rule",
]

_DIRECTIVE = re.compile(r"\s*argmap\s*:(.*)\Z", re.IGNORECASE | re.DOTALL)
_HINT_CODE = re.compile(r"H3\d\d\Z")
VERBS = ("hints", "synonyms")


# Directives -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Problem:
    """A directive argmap could not read: reported as W290 by :func:`argmap.checks.check`."""

    message: str
    span: Span | None = None
    hint: str | None = None


@attrs.frozen(kw_only=True)
class Directives:
    """What the map's ``# argmap:`` comments ask for.

    ``hints`` holds the codes of the hints turned on (every hint for a bare ``hints``);
    ``synonyms`` the declared synonym groups; ``problems`` the directives that could not be read.
    """

    hints: frozenset[str] = frozenset()
    synonyms: Synonyms = attrs.field(factory=Synonyms)
    problems: tuple[Problem, ...] = ()


def hint_rules() -> tuple[Rule, ...]:
    """The teaching hints, by code."""
    return tuple(sorted(_HINTS.values(), key=lambda r: r.code))


def _find_hint(word: str) -> Rule | None:
    key = word.strip().lower()
    for found in _HINTS.values():
        if found.name == key or found.code.lower() == key:
            return found
    return None


def directives(m: ArgumentMap) -> Directives:
    """Read the map's comment directives (see docs/language.md, "Directives").

    >>> from argmap import parse
    >>> d = directives(parse("# argmap: hints rabbit-rule\\nconclusion c: Tea.\\n").map)
    >>> sorted(d.hints)
    ['H302']
    """
    on: set[str] = set()
    groups: list[list[str]] = []
    problems: list[Problem] = []
    for comment in m.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        parts = match.group(1).split()
        if not parts:
            problems.append(
                Problem(
                    message="empty directive: `# argmap:` needs `hints` or `synonyms` after it",
                    span=comment.span,
                )
            )
            continue
        verb, arguments = parts[0], parts[1:]
        if verb.lower() == "hints":
            if not arguments:
                on.update(_HINTS)
            for argument in arguments:
                found = _find_hint(argument)
                if found is None:
                    names = ", ".join(f"`{r.name}`" for r in hint_rules())
                    problems.append(
                        Problem(
                            message=f"`{argument}` is not a teaching hint",
                            span=comment.span,
                            hint=f"the hints are {names} (or their codes H301-H304)",
                        )
                    )
                else:
                    on.add(found.code)
        elif verb.lower() == "synonyms":
            bad = [a for a in arguments if words(a) != [a]]
            if len(arguments) < 2 or bad:
                problems.append(
                    Problem(
                        message=(
                            f"`{bad[0]}` is not a single word"
                            if bad
                            else "a synonyms directive needs at least two words"
                        ),
                        span=comment.span,
                        hint="write `# argmap: synonyms car automobile vehicle`: single words, "
                        "separated by spaces",
                    )
                )
            if len(arguments) >= 2:
                groups.append([a for a in arguments if a not in bad])
        else:
            close = [v for v in VERBS if v.startswith(verb.lower()[:4])]
            problems.append(
                Problem(
                    message=f"unknown directive `{verb}`",
                    span=comment.span,
                    hint=f"did you mean `{close[0]}`?"
                    if close
                    else "directives are `# argmap: hints ...` and `# argmap: synonyms ...`",
                )
            )
    return Directives(
        hints=frozenset(on), synonyms=Synonyms.build(groups), problems=tuple(problems)
    )


UNKNOWN_DIRECTIVE = reported_code(
    "W290",
    "unknown-directive",
    Severity.WARNING,
    """A `# argmap:` comment that argmap cannot read.

    A comment that starts with `argmap:` is a directive, read by `argmap check`, the language
    server and `argmap.check`, wherever it stands in the file:

        # argmap: hints                      (every teaching hint)
        # argmap: hints rabbit-rule H304     (these ones, by name or code)
        # argmap: synonyms car automobile    (words the hints treat as one term)

    Anything else after `argmap:` is reported rather than ignored, so that a misspelt directive
    does not silently do nothing. An ordinary comment must not start with `argmap:`.
    """,
    reporter="reported when argmap check reads the directives",
)


# The hints ------------------------------------------------------------------------------------


SHOWN = 6  # terms named in one message; the rest are counted


def _listed(items: Sequence[str]) -> str:
    quoted = [f'"{item}"' for item in items]
    if len(quoted) > SHOWN:
        return ", ".join(quoted[:SHOWN]) + f" and {len(quoted) - SHOWN} more"
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


class _Terms:
    """The terms of each claim's text, computed once per check run."""

    def __init__(self, synonyms: Synonyms) -> None:
        self.synonyms = synonyms
        self.found: dict[str, dict[str, str]] = {}

    def __call__(self, claim: Claim) -> dict[str, str]:
        if claim.text not in self.found:
            self.found[claim.text] = terms(claim.text, self.synonyms)
        return self.found[claim.text]


def _arguments(m: ArgumentMap) -> Iterator[tuple[Group, Claim, tuple[Claim, ...]]]:
    """Reasons and objections that bear on a claim, with their co-premises (first definitions)."""
    seen: set[str] = set()
    for group in m.groups:
        if group.id in seen or group.kind is Kind.REBUTTAL:
            continue
        seen.add(group.id)
        target = m.target(group)
        premises = m.premises(group)
        if isinstance(target, Claim) and premises:
            yield group, target, premises


@rule("H301", "golden-rule", Severity.HINT, default_enabled=False)
def golden_rule(m: ArgumentMap) -> Iterator[Finding]:
    """A reason or objection with a single co-premise: it usually hides an assumption.

    The golden rule of argument mapping: no reason (or objection) has just one premise. A
    single premise supports its target only together with an unstated one that links the two,
    and that hidden premise is often where the argument is weakest. Write it down:

        conclusion mortal: Socrates is mortal.
          reason:
            - Socrates is a man.
            implicit: All men are mortal.

    A heuristic: some one-premise reasons are complete as they stand. Turned on by
    `argmap check --hints`, `--select H301` or `# argmap: hints golden-rule` in the map.
    """
    for group in m.groups:
        if group.kind is Kind.REBUTTAL or len(group.premises) != 1:
            continue
        link = f"`{group.target}`" if group.target else "its target"
        yield Finding(
            message=f"golden rule: {node_name(group)} has a single co-premise; it usually "
            "hides an assumption",
            span=group.span,
            hint=f"add the unstated premise that links it to {link}: `implicit: ...`",
        )


@rule("H302", "rabbit-rule", Severity.HINT, default_enabled=False)
def rabbit_rule(m: ArgumentMap) -> Iterator[Finding]:
    """A significant term of the target claim appears in none of the co-premises.

    "Every rabbit in the conclusion must come out of a hat in the premises": a reason can only
    establish what its premises talk about. If the claim says "mortal" and no co-premise does,
    a premise is missing (often an unstated one):

        conclusion mortal: Socrates is mortal.
          reason:
            - Socrates is a man.          # "mortal" comes from nowhere
            implicit: All men are mortal. # ... now it does

    Applies to reasons and objections that target a claim. Terms are compared after dropping
    stop-words (pronouns included) and light stemming, so "sanction" matches "sanctions";
    declare words that mean the same with `# argmap: synonyms car automobile`. A heuristic
    (see docs/hints.md). Turned on by `--hints`, `--select H302` or `# argmap: hints`.
    """
    terms_of = _Terms(directives(m).synonyms)
    for group, target, premises in _arguments(m):
        have: set[str] = set()
        for claim in premises:
            have.update(terms_of(claim))
        missing = [word for key, word in terms_of(target).items() if key not in have]
        if not missing:
            continue
        verb = "appears" if len(missing) == 1 else "appear"
        yield Finding(
            message=f"rabbit rule: {_listed(missing)} in {node_name(target)} {verb} in none "
            f"of the co-premises of {node_name(group)}",
            span=group.span,
            hint="add the premise that brings "
            + ("it" if len(missing) == 1 else "them")
            + " in (often an unstated one: `implicit: ...`), or declare a synonym: "
            "`# argmap: synonyms WORD OTHER`",
        )


@rule("H303", "holding-hands", Severity.HINT, default_enabled=False)
def holding_hands(m: ArgumentMap) -> Iterator[Finding]:
    """A significant term of one co-premise, not in the target, appears in no other co-premise.

    Co-premises of one reason "hold hands": each term a premise brings in that the claim does
    not use must be picked up by another premise, or it does no work in the argument:

        conclusion mortal: Socrates is mortal.
          reason:
            - Socrates is a man.
            - All Greeks are mortal.   # "man" and "Greeks" do not meet: the link is missing

    Applies to reasons and objections with at least two co-premises that target a claim (with a
    single co-premise, see H301 golden-rule). Terms are compared as in H302 rabbit-rule. A
    heuristic (see docs/hints.md). Turned on by `--hints`, `--select H303` or `# argmap: hints`.
    """
    terms_of = _Terms(directives(m).synonyms)
    for group, target, premises in _arguments(m):
        if len(premises) < 2:
            continue
        spans = {p.id: p.span for p in group.premises}
        wanted = set(terms_of(target))
        found = [terms_of(claim) for claim in premises]
        # How many co-premises use each term: a term used by one only, and not by the target,
        # dangles. (Counting keeps a group with many co-premises linear.)
        users = Counter(key for seen in found for key in seen)
        for index, claim in enumerate(premises):
            dangling = [
                word for key, word in found[index].items() if users[key] == 1 and key not in wanted
            ]
            if not dangling:
                continue
            verb = "appears" if len(dangling) == 1 else "appear"
            yield Finding(
                message=f"holding hands: {_listed(dangling)} in {node_name(claim)} {verb} "
                f"neither in {node_name(target)} nor in another co-premise of "
                f"{node_name(group)}",
                span=spans.get(claim.id) or claim.span,
                hint="a co-premise is missing that links it to the others or to the claim, "
                "or the term does no work here",
            )


# "so" and "since" are inference words only where they start a clause: "so hard that" is a
# degree and "since 2016" a time.
_INFERENCE = re.compile(
    r"\b(because|therefore|hence|thus|consequently|it follows that|as a result)\b"
    r"|(?:^|[,;:]\s*)(so|since)\b(?!\s+(?:\d|then\b|when\b))",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc eg ie no inc ltd co corp gen gov sen rep fig al approx "
    "dept est jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(
    r"([\w)\]\"'\u201d%]+)([.!?]+)[\"'\u201d)\]]*\s+(?=[\"'\u201c(]?[A-Z0-9])"
)


_QUESTION = re.compile(r"\?[\"'\u201d)\]]*(?:\s|\Z)")


def _sentences(text: str) -> int:
    count = 1
    for match in _SENTENCE_END.finditer(text):
        word, stops = match.group(1), match.group(2)
        if (
            stops == "."
            and (
                word.lower().strip("\"')]\u201d") in _ABBREVIATIONS
                or len(word) == 1  # an initial: "J. Smith", "U.S. policy"
                or "." in text[max(0, match.start(1) - 2) : match.start(1)]  # "U.S."
            )
        ):
            continue
        count += 1
    return count


@rule("H304", "one-claim-per-box", Severity.HINT, default_enabled=False)
def one_claim_per_box(m: ArgumentMap) -> Iterator[Finding]:
    """A claim that holds an inference word, several sentences, or a question.

    One box holds one claim: one declarative sentence. A claim with "because", "since",
    "therefore", "so", "hence" or "thus" in it is usually a reason and its conclusion written
    as one; split it so the inference shows in the map:

        - Tea is good because it is warm.      # two claims in one box
        conclusion: Tea is good.               # ... as a map
          reason:
            - Tea is warm.

    Several sentences are several claims; a question is not a claim at all. A heuristic: "so"
    and "since" count only where they start a clause ("so hard that", "since 2016" do not);
    common abbreviations and initials do not end a sentence. Turned on by `--hints`,
    `--select H304` or `# argmap: hints`.
    """
    for claim in m.claims:
        text = " ".join(claim.text.split())
        inference = _INFERENCE.search(text)
        sentences = _sentences(text)
        if inference is not None:
            word = (inference.group(1) or inference.group(2)).lower()
            yield Finding(
                message=f'one claim per box: {node_name(claim)} contains the inference word "'
                f'{word}"; it may be a reason and its conclusion in one box',
                span=claim.span,
                hint="write each as its own claim, joined by a `reason:`",
            )
        elif sentences > 1:
            yield Finding(
                message=f"one claim per box: {node_name(claim)} has {sentences} sentences",
                span=claim.span,
                hint="a box holds one claim: give each sentence its own box",
            )
        elif _QUESTION.search(text):
            yield Finding(
                message=f"one claim per box: {node_name(claim)} is a question",
                span=claim.span,
                hint="a claim asserts something: write the answer the map argues for",
            )


_HINTS = {r.code: r for r in (golden_rule, rabbit_rule, holding_hands, one_claim_per_box)}
assert all(_HINT_CODE.match(code) for code in _HINTS)
