"""Feedback on a student's map against a reference map: what matches, what is missing, what is off.

Claims are matched by id where both maps name a claim with the same id, then by the similarity
of their words (case, stop-words and common endings ignored). Groups are matched through their
co-premises. The score counts points a teacher can explain: one per reference claim found, one
per reference group reproduced exactly (same kind, same target, same co-premises).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import attrs

from argmap.checks import check
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Claim, Group, Kind
from argmap.read.parser import ParseResult

__all__ = ["ClaimMatch", "Comparison", "Issue", "compare", "similarity"]

THRESHOLD = 0.5
COMMON = 100
"""A word in more of the student's claims than this finds no candidates for a match by text."""
CANDIDATES = 100
"""The most groups aimed at one place that a match by position weighs for a reference group."""
# Where two claims stand in the same place, fewer shared words are enough to pair them.
POSITION_THRESHOLD = 0.2

_STOP = frozenset(
    """a an the and or but if then so of to in on at by for with from as is are was were be been
    being it its this that these those there their they he she his her him we our you your i
    will would can could should may might must not no do does did has have had about into than
    too very just only also""".split()
)
_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = ("ing", "edly", "ed", "ly", "es", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _terms(text: str) -> frozenset[str]:
    words = (w for w in _WORD.findall(text.casefold()) if w not in _STOP)
    return frozenset(_stem(w) for w in words)


def similarity(a: str, b: str) -> float:
    """How alike two claims' words are, from 0 to 1 (the Dice coefficient of their terms)."""
    ta, tb = _terms(a), _terms(b)
    if not ta and not tb:
        return 1.0 if a.strip().casefold() == b.strip().casefold() else 0.0
    return _dice(ta, tb)


def _dice(ta: frozenset[str], tb: frozenset[str]) -> float:
    """The Dice coefficient of two sets of terms, not both empty."""
    return 2 * len(ta & tb) / (len(ta) + len(tb))


@attrs.frozen(kw_only=True)
class ClaimMatch:
    """A reference claim and the student's claim taken to say the same thing."""

    reference: Claim
    student: Claim
    by: str  # "id", "text" (the same words), "similar text" or "position"
    score: float


@attrs.frozen(kw_only=True)
class Issue:
    """One piece of feedback, with the reference's and the student's ids it is about."""

    kind: str  # missing-claim, extra-claim, missing-group, extra-group, wrong-kind, ...
    message: str
    reference: str | None = None
    student: str | None = None


@attrs.frozen(kw_only=True)
class Comparison:
    """The result of :func:`compare`."""

    matches: tuple[ClaimMatch, ...]
    missing: tuple[Claim, ...]
    extra: tuple[Claim, ...]
    issues: tuple[Issue, ...]
    claims_found: int
    claims_total: int
    groups_exact: int
    groups_total: int
    student_errors: tuple[Diagnostic, ...] = ()
    reference_errors: tuple[Diagnostic, ...] = ()

    @property
    def points(self) -> int:
        return self.claims_found + self.groups_exact

    @property
    def total(self) -> int:
        return self.claims_total + self.groups_total

    @property
    def score(self) -> float:
        """Points over possible points, from 0 to 1."""
        return self.points / self.total if self.total else 1.0

    def explain(self) -> str:
        """How the score is made, in one sentence."""
        return (
            f"{self.claims_found} of {self.claims_total} claims found and "
            f"{self.groups_exact} of {self.groups_total} reasons, objections and rebuttals "
            f"reproduced exactly: {self.points}/{self.total} = {self.score:.0%}"
        )

    def report(self) -> str:
        """Feedback for the student, one line per point, then the score."""
        lines = [f"- {issue.message}" for issue in self.issues]
        if not lines:
            lines = ["- The map matches the reference."]
        warnings = [
            _errors_line(errors, whose)
            for errors, whose in (
                (self.student_errors, "Your map"),
                (self.reference_errors, "The reference map"),
            )
            if errors
        ]
        if warnings:
            lines = [*warnings, "", *lines]
        return "\n".join([*lines, "", f"Score: {self.explain()}."]) + "\n"


def _errors_line(errors: tuple[Diagnostic, ...], whose: str) -> str:
    first = errors[0]
    where = f"line {first.span.line}: " if first.span else ""
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return (
        f"! {whose} has {count} (the first, {where}{first.code} {first.message}): the comparison "
        "reads it as far as it can, so fix the errors (`argmap check`) before trusting the score."
    )


def compare(student: ArgumentMap | ParseResult, reference: ArgumentMap | ParseResult) -> Comparison:
    """Compare a student's map with a reference map.

    Each map is an :class:`ArgumentMap` or a :class:`~argmap.read.parser.ParseResult`; either is
    checked first, and its errors (``student_errors``, ``reference_errors``) head the report, so a
    score computed on a broken map never passes for a sound one.

    >>> from argmap import parse
    >>> ref = parse("conclusion c: Tea is good.\\n  reason:\\n    - Tea is warm.").map
    >>> mine = parse("conclusion c: Tea is good.\\n  objection:\\n    - Tea is warm.").map
    >>> print(compare(mine, ref).issues[0].message)
    The group with "Tea is warm." should be a reason, not an objection.
    """
    student_errors = _errors(student)
    reference_errors = _errors(reference)
    if isinstance(student, ParseResult):
        student = student.map
    if isinstance(reference, ParseResult):
        reference = reference.map
    matches = _match_claims(student, reference)
    matches += _match_by_position(student, reference, matches)
    order = {c.id: i for i, c in enumerate(reference.claims)}
    matches.sort(key=lambda m: order[m.reference.id])
    to_student = {m.reference.id: m.student.id for m in matches}
    matched_students = set(to_student.values())
    missing = tuple(c for c in reference.claims if c.id not in to_student)
    extra = tuple(c for c in student.claims if c.id not in matched_students)
    issues: list[Issue] = []
    for claim in missing:
        issues.append(
            Issue(
                kind="missing-claim",
                message=f'Missing claim: "{claim.text}"',
                reference=claim.id,
            )
        )
    for claim in extra:
        issues.append(
            Issue(
                kind="extra-claim",
                message=f'Your claim "{claim.text}" is not in the reference map.',
                student=claim.id,
            )
        )
    for match in matches:
        if match.by == "position":
            message = (
                f'"{match.student.text}" stands where the reference has '
                f'"{match.reference.text}": check that it says the same.'
            )
        elif match.by == "similar text" or (match.by == "id" and match.score < THRESHOLD):
            message = (
                f'"{match.student.text}" was matched to the reference claim '
                f'"{match.reference.text}" (similarity {match.score:.0%}).'
            )
        else:
            continue
        issues.append(
            Issue(
                kind="reworded",
                message=message,
                reference=match.reference.id,
                student=match.student.id,
            )
        )
    exact, group_issues = _compare_groups(student, reference, to_student)
    issues.extend(group_issues)
    return Comparison(
        matches=tuple(matches),
        missing=missing,
        extra=extra,
        issues=tuple(issues),
        claims_found=len(matches),
        claims_total=len(reference.claims),
        groups_exact=exact,
        groups_total=len(reference.groups),
        student_errors=student_errors,
        reference_errors=reference_errors,
    )


def _errors(target: ArgumentMap | ParseResult) -> tuple[Diagnostic, ...]:
    return tuple(d for d in check(target) if d.severity >= Severity.ERROR)


def _match_claims(student: ArgumentMap, reference: ArgumentMap) -> list[ClaimMatch]:
    """Pairs by id, then by the same words, then by similar words (best first, ties in
    document order). Similar claims are looked for only among the student's claims that share
    a word with the reference claim, through an index of words; a word in more than
    :data:`COMMON` of the student's claims is too common to find candidates by (though it still
    counts in the similarity), so each reference claim weighs a bounded number of candidates."""
    matches: dict[str, ClaimMatch] = {}
    used: set[str] = set()
    for claim in reference.claims:
        other = student.get(claim.id)
        if not claim.anonymous and isinstance(other, Claim) and other.id not in used:
            score = similarity(claim.text, other.text)
            matches[claim.id] = ClaimMatch(reference=claim, student=other, by="id", score=score)
            used.add(other.id)
    theirs = [(i, c, _terms(c.text)) for i, c in enumerate(student.claims) if c.id not in used]
    # The same words (a similarity of 1): each reference claim takes the first such claim left.
    same: dict[object, list[Claim]] = {}
    for _, other, terms in reversed(theirs):
        same.setdefault(_words_key(other.text, terms), []).append(other)
    for claim in reference.claims:
        if claim.id in matches:
            continue
        found = same.get(_words_key(claim.text, _terms(claim.text)), [])
        while found and found[-1].id in used:
            found.pop()
        if found:
            other = found.pop()
            matches[claim.id] = ClaimMatch(reference=claim, student=other, by="text", score=1.0)
            used.add(other.id)
    index: dict[str, list[int]] = {}
    for position, (_, other, terms) in enumerate(theirs):
        if other.id not in used:
            for term in terms:
                index.setdefault(term, []).append(position)
    candidates = []
    for r_index, claim in enumerate(reference.claims):
        if claim.id in matches:
            continue
        mine = _terms(claim.text)
        near = {p for t in mine if len(index.get(t, ())) <= COMMON for p in index.get(t, ())}
        for position in sorted(near):
            s_index, other, terms = theirs[position]
            score = _dice(mine, terms)  # both share a term: what similarity() gives
            if score >= THRESHOLD:
                candidates.append((-score, r_index, s_index, claim, other))
    candidates.sort(key=lambda c: c[:3])  # best first; ties in document order
    for negative, _, _, claim, other in candidates:
        if claim.id in matches or other.id in used:
            continue
        by = "text" if -negative == 1.0 else "similar text"
        matches[claim.id] = ClaimMatch(reference=claim, student=other, by=by, score=-negative)
        used.add(other.id)
    return [matches[c.id] for c in reference.claims if c.id in matches]


def _words_key(text: str, terms: frozenset[str]) -> object:
    """Equal exactly when :func:`similarity` of the two texts is 1."""
    return terms if terms else ("", text.strip().casefold())


def _match_by_position(
    student: ArgumentMap, reference: ArgumentMap, matches: list[ClaimMatch]
) -> list[ClaimMatch]:
    """Pair claims reworded beyond recognition by where they stand: the only unmatched
    co-premises of corresponding groups (same kind, same matched target claim)."""
    to_student = {m.reference.id: m.student.id for m in matches}
    used = set(to_student.values())
    found: list[ClaimMatch] = []
    groups: dict[str, str] = {}
    using = _by_premise(student)
    for ref in _top_down(reference):
        mapped = {to_student[p] for p in _premise_ids(ref) if p in to_student}
        target = _counterpart(ref.target, reference, to_student, groups)
        best = _best_group(using, mapped, target, ref.kind)
        if best is not None:
            groups[ref.id] = best.id
        unmatched = [c for c in reference.premises(ref) if c.id not in to_student]
        if target is None or not unmatched:
            continue
        alike = (g for g in student.groups_targeting(target) if g.kind is ref.kind)
        for group in itertools.islice(alike, CANDIDATES):
            theirs = [c for c in student.premises(group) if c.id not in used]
            if len(theirs) != len(unmatched):
                continue
            scores = [similarity(a.text, b.text) for a, b in zip(unmatched, theirs, strict=True)]
            if min(scores) < POSITION_THRESHOLD:
                continue
            for mine, other, score in zip(unmatched, theirs, scores, strict=True):
                found.append(ClaimMatch(reference=mine, student=other, by="position", score=score))
                to_student[mine.id] = other.id
                used.add(other.id)
            groups.setdefault(ref.id, group.id)
            break
    return found


def _compare_groups(
    student: ArgumentMap, reference: ArgumentMap, to_student: dict[str, str]
) -> tuple[int, list[Issue]]:
    issues: list[Issue] = []
    exact = 0
    group_map: dict[str, str] = {}  # reference group id -> student group id
    used: set[str] = set()
    reported: set[frozenset[str]] = set()  # pairs of reference groups already said to be merged
    using = _by_premise(student)
    to_reference = {s: r for r, s in to_student.items()}
    position = {id(g): i for i, g in enumerate(reference.groups)}
    # Groups aimed at groups need their targets' counterparts first: go top-down.
    for ref in _top_down(reference):
        premises = {to_student[p] for p in _premise_ids(ref) if p in to_student}
        target = _counterpart(ref.target, reference, to_student, group_map)
        best = _best_group(using, premises, target, ref.kind)
        label = _describe(reference, ref)
        if best is None:
            message = _sentence(f"Missing: {label}")
            issues.append(Issue(kind="missing-group", message=message, reference=ref.id))
            continue
        group_map[ref.id] = best.id
        used.add(best.id)
        theirs = set(_premise_ids(best))
        ok = True
        if best.kind is not ref.kind:
            ok = False
            issues.append(
                Issue(
                    kind="wrong-kind",
                    message=f"The group with {_texts(reference, _premise_ids(ref))} should be "
                    f"a{'n' if ref.kind is Kind.OBJECTION else ''} {ref.kind.value}, "
                    f"not a{'n' if best.kind is Kind.OBJECTION else ''} {best.kind.value}.",
                    reference=ref.id,
                    student=best.id,
                )
            )
        # A target with no counterpart (an undercut whose reason the student left out) is
        # missed all the same: the student aimed the group somewhere else.
        if ref.target is not None and (target is None or best.target != target):
            ok = False
            issues.append(
                Issue(
                    kind="wrong-target",
                    message=_sentence(
                        f"{_capital(label)} should be aimed at {_aim(reference, ref.target)}, "
                        f"not at {_node_text(student, best.target)}"
                    ),
                    reference=ref.id,
                    student=best.id,
                )
            )
        if premises - theirs:
            ok = False
            split = (
                [
                    g
                    for p in premises
                    for _, g in using.get(p, ())
                    if g.id != best.id and g.kind is best.kind and g.target == best.target
                ]
                if best.target is not None
                else []
            )
            kind = "split" if split else "incomplete-group"
            absent = [p for p in _premise_ids(ref) if to_student.get(p) not in theirs]
            message = (
                f"These premises work together and belong in one {ref.kind.value}: "
                f"{_texts(reference, _premise_ids(ref))}. You gave them as separate "
                f"{ref.kind.value}s."
                if split
                else _sentence(f"{_capital(label)} also needs {_texts(reference, absent)}")
            )
            issues.append(Issue(kind=kind, message=message, reference=ref.id, student=best.id))
        if theirs - premises:
            ok = False
            merged = sorted(
                (
                    g
                    for p in theirs - premises
                    if p in to_reference
                    for g in reference.groups_using(to_reference[p])
                    if g.id != ref.id and ref.target is not None and g.target == ref.target
                ),
                key=lambda g: position[id(g)],
            )
            pair = frozenset((ref.id, merged[0].id)) if merged else None
            if pair is not None and pair not in reported:
                reported.add(pair)
                issues.append(
                    Issue(
                        kind="merged",
                        message=f"{_capital(label)} and "
                        f"{_describe(reference, merged[0])} are independent: give them as "
                        "separate groups, not as co-premises of one.",
                        reference=ref.id,
                        student=best.id,
                    )
                )
        exact += ok
    matched = set(to_student.values())
    for group in student.groups:
        if group.id not in used and not (set(_premise_ids(group)) & matched):
            issues.append(
                Issue(
                    kind="extra-group",
                    message=f"Your {group.kind.value} with "
                    f"{_texts(student, _premise_ids(group))} is not in the reference map.",
                    student=group.id,
                )
            )
    return exact, issues


def _top_down(m: ArgumentMap) -> list[Group]:
    """Groups ordered so that a group comes after the group it targets (cycles: document order).

    In rounds: first the groups aimed at claims, then those aimed at a group of the round
    before, each round in document order; where a round is empty but groups are left (they aim
    at each other in a circle), the first group left starts the next."""
    under: dict[str, list[int]] = {}
    for index, group in enumerate(m.groups):
        if isinstance(m.target(group), Group):
            under.setdefault(group.target or "", []).append(index)
    done = [False] * len(m.groups)
    ordered: list[Group] = []
    rounds = [i for i, g in enumerate(m.groups) if not isinstance(m.target(g), Group)]
    first = 0
    while len(ordered) < len(m.groups):
        if not rounds:
            while done[first]:
                first += 1
            rounds = [first]
        for index in rounds:
            done[index] = True
            ordered.append(m.groups[index])
        following = {j for i in rounds for j in under.get(m.groups[i].id, ()) if not done[j]}
        rounds = sorted(following)
    return ordered


def _premise_ids(group: Group) -> list[str]:
    return [p.id for p in group.premises]


def _counterpart(
    target: str | None, reference: ArgumentMap, to_student: dict[str, str], groups: dict[str, str]
) -> str | None:
    if target is None:
        return None
    node = reference.get(target)
    if isinstance(node, Group):
        return groups.get(target)
    return to_student.get(target)


def _by_premise(m: ArgumentMap) -> dict[str, list[tuple[int, Group]]]:
    """Each claim id: the groups (with their place in the map) it is a premise of."""
    found: dict[str, list[tuple[int, Group]]] = {}
    for index, group in enumerate(m.groups):
        for premise in dict.fromkeys(_premise_ids(group)):
            found.setdefault(premise, []).append((index, group))
    return found


def _best_group(
    using: dict[str, list[tuple[int, Group]]], premises: set[str], target: str | None, kind: Kind
) -> Group | None:
    """The student's group sharing the most of ``premises`` (then: the same target, the same
    kind, the first), found through the groups each premise is in."""
    overlap: dict[int, int] = {}
    groups: dict[int, Group] = {}
    for premise in premises:
        for index, group in using.get(premise, ()):
            overlap[index] = overlap.get(index, 0) + 1
            groups[index] = group
    best: tuple[int, int, int, int] | None = None
    found = None
    for index, count in overlap.items():
        group = groups[index]
        key = (count, group.target == target, group.kind is kind, -index)
        if best is None or key > best:
            best, found = key, group
    return found


def _describe(m: ArgumentMap, group: Group) -> str:
    return f"the {group.kind.value} with {_texts(m, _premise_ids(group))}"


def _texts(m: ArgumentMap, ids: Iterable[str]) -> str:
    texts = [_node_text(m, i) for i in ids]
    return " and ".join(texts) if texts else "no premises"


def _node_text(m: ArgumentMap, node_id: str | None) -> str:
    node = m.get(node_id or "")
    if isinstance(node, Claim):
        return f'"{node.text}"'
    if isinstance(node, Group):
        return _describe(m, node)
    return f"`{node_id}`"


def _aim(m: ArgumentMap, node_id: str) -> str:
    """What a group is aimed at; for a reason, that the group attacks its inference."""
    node = m.get(node_id)
    if isinstance(node, Group) and node.kind is Kind.REASON:
        return (
            f"{_describe(m, node)} (an undercut: it attacks the step from that reason to "
            f"{_node_text(m, node.target)})"
        )
    return _node_text(m, node_id)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    """End with a full stop unless a quoted claim already ends the sentence."""
    return text if text.endswith(('."', '?"', '!"')) else text + "."
