"""Random edit sequences for the language server tests: what a user does to a map while typing.

Each edit is a whole new text made from the last one by one change a person makes: a word typed
into a claim, a line added, deleted, duplicated, indented or left half-typed, an id changed, a
claim made implicit, a new reason written under a claim. Many of them break the map (syntax
errors, undefined ids, duplicates, cycles) and later edits mend or break it further.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from argmap.checks.checker import unread_lines
from argmap.lsp.analysis import Analysis, analyse
from argmap.read.layout import Limits

__all__ = ["EDITS", "edit", "generated_map", "line_edit", "same_as_fresh", "sequence", "text_edit"]

_ID = re.compile(r"\b([a-z][\w-]*)\b")
_CLAIM = re.compile(r"^( *)(?:implicit )?([^\W\d][\w-]*): ")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _type_word(rng: random.Random, lines: list[str], at: int) -> None:
    line = lines[at]
    cut = rng.randint(len(line) - len(line.lstrip()), len(line))
    lines[at] = line[:cut] + rng.choice(["word ", "x", " typed", ":", "[", "@", "\\"]) + line[cut:]


def _retext(rng: random.Random, lines: list[str], at: int) -> None:
    line = lines[at]
    words = list(re.finditer(r"\b[A-Z]?[a-z]{4,}\b", line.split(": ", 1)[-1]))
    if words:
        offset = len(line) - len(line.split(": ", 1)[-1])
        word = rng.choice(words)
        replacement = rng.choice(["tea", "coffee", "trade", "pressure", "the talks"])
        lines[at] = line[: offset + word.start()] + replacement + line[offset + word.end() :]


def _comment(rng: random.Random, lines: list[str], at: int) -> None:
    lines.insert(at, " " * rng.choice([0, 2, 4]) + f"# note {rng.randint(0, 99)}")


def _delete(rng: random.Random, lines: list[str], at: int) -> None:
    if len(lines) > 1:
        del lines[at]


def _duplicate(rng: random.Random, lines: list[str], at: int) -> None:
    lines.insert(at, lines[at])


def _indent(rng: random.Random, lines: list[str], at: int) -> None:
    line = lines[at]
    lines[at] = "  " + line if rng.random() < 0.5 or not line.startswith("  ") else line[2:]


def _half_typed(rng: random.Random, lines: list[str], at: int) -> None:
    lines.insert(at, rng.choice(["reason for ", "  objection", "  - ", "claim", "  reason:"]))


def _rename(rng: random.Random, lines: list[str], at: int) -> None:
    ids = [m.group(1) for line in lines for m in _CLAIM.finditer(line)]
    found = list(_ID.finditer(lines[at]))
    if ids and found:
        word = rng.choice(found)
        line = lines[at]
        lines[at] = line[: word.start()] + rng.choice(ids) + line[word.end() :]


def _implicit(rng: random.Random, lines: list[str], at: int) -> None:
    line = lines[at]
    body = line.lstrip()
    indent = line[: len(line) - len(body)]
    if body.startswith("implicit "):
        lines[at] = indent + body[len("implicit ") :]
    elif _CLAIM.match(line):
        lines[at] = indent + "implicit " + body


def _new_reason(rng: random.Random, lines: list[str], at: int) -> None:
    found = _CLAIM.match(lines[at])
    indent = found.group(1) if found else ""
    kind = rng.choice(["reason", "objection"])
    lines[at + 1 : at + 1] = [f"{indent}  {kind}:", f"{indent}    - New {rng.randint(0, 99)}."]


EDITS = (
    _retext,
    _retext,
    _retext,
    _type_word,
    _comment,
    _delete,
    _duplicate,
    _indent,
    _half_typed,
    _rename,
    _implicit,
    _new_reason,
)


def edit(rng: random.Random, text: str) -> str:
    """``text`` after one random edit."""
    lines = _lines(text)
    rng.choice(EDITS)(rng, lines, rng.randrange(len(lines)))
    return "\n".join(lines)


def sequence(rng: random.Random, text: str, length: int) -> list[str]:
    """The texts after each of ``length`` random edits, each made from the one before; three
    times in ten the edits start again from ``text`` (an undo back to the saved file)."""
    original = text
    texts = []
    for _ in range(length):
        if texts and rng.random() < 0.3:
            text = original
        text = edit(rng, text)
        texts.append(text)
    return texts


def text_edit(rng: random.Random, text: str) -> str:
    """An edit that mostly leaves the structure alone: a word typed into a claim's text, one
    claim given another's text (a W207 duplicate) or a text of its own again, a comment added,
    changed or removed, blank lines at the end; now and then a structural one."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    line = lines[at]
    choice = rng.randrange(9)
    head, colon, rest = line.partition(": ")
    if choice <= 2 and colon and not line.lstrip().startswith(("source", "title")):
        cut = rng.randint(0, len(rest))
        typed = rng.choice(["tea ", "x", " more", "", "é", "😀"])
        lines[at] = f"{head}: {rest[:cut]}{typed}{rest[cut:]}"
    elif choice == 3:
        texts = [ln.partition(": ")[2] for ln in lines if ": " in ln and "[" not in ln]
        if colon and texts and "[" not in rest:
            lines[at] = f"{head}: {rng.choice(texts)}"
    elif choice == 4:
        lines.append(f"# note {rng.randint(0, 9)}")
    elif choice == 5 and "#" not in line and line.strip():
        lines[at] = line + f"  # aside {rng.randint(0, 9)}"
    elif choice == 6 and line.lstrip().startswith("#"):
        lines[at] = line.replace("#", "# changed", 1)
    elif choice == 7:
        lines.append("")
    else:
        return edit(rng, text)
    return "\n".join(lines)


_GROUP = re.compile(r"^( *)(reason|objection)\b")
_NAMED = re.compile(r"\b(for|to) ([^\W\d][\w-]*)")
_SOURCES = re.compile(r" \[[^\]]*\]")


def line_edit(rng: random.Random, text: str) -> str:
    """An edit that rewrites one line in place, keeping its id and indentation: a claim made
    implicit or explicit, given the keyword ``claim`` or none, a source cited or dropped, a
    group's keyword swapped (``reason`` / ``objection``), a named target or a claim's id changed;
    now and then
    another edit (:func:`text_edit`)."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    line = lines[at]
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    ids = [m.group(2) for ln in lines for m in _CLAIM.finditer(ln)]
    sources = re.findall(r"^source ([^\W\d][\w-]*):", text, re.MULTILINE)
    choice = rng.randrange(7)
    if choice == 0 and _CLAIM.match(line):
        _implicit(rng, lines, at)
    elif choice == 1 and _CLAIM.match(line) and not body.startswith("conclusion "):
        lines[at] = indent + (
            body[len("claim ") :] if body.startswith("claim ") else "claim " + body
        )
    elif choice == 2 and (_CLAIM.match(line) or _GROUP.match(line)) and "#" not in line:
        if _SOURCES.search(line):
            lines[at] = _SOURCES.sub("", line, count=1)
        elif sources or rng.random() < 0.3:
            cited = rng.choice([*sources, "nowhere"])
            lines[at] = (line[:-1] + f" [{cited}]:") if line.endswith(":") else f"{line} [{cited}]"
    elif choice == 3 and _GROUP.match(line):
        kind = _GROUP.match(line).group(2)  # type: ignore[union-attr]
        other = "objection" if kind == "reason" else "reason"
        lines[at] = line.replace(kind, other, 1)
    elif choice == 4 and _NAMED.search(line) and ids:
        lines[at] = _NAMED.sub(lambda m: f"{m.group(1)} {rng.choice(ids)}", line, count=1)
    elif choice == 5 and _CLAIM.match(line) and ids:
        # a claim's id retyped: a letter more or less, a new one, or another claim's (E102)
        found = _CLAIM.match(line)
        assert found is not None
        old = found.group(2)
        new = rng.choice([old + "x", old[:-1] or "y", f"n{rng.randint(0, 99)}", rng.choice(ids)])
        lines[at] = line[: found.start(2)] + new + line[found.end(2) :]
    else:
        return text_edit(rng, text)
    return "\n".join(lines)


def same_as_fresh(analysis: Analysis, text: str, limits: Limits | None = None) -> None:
    """Assert that ``analysis`` (made from an earlier version's) is what a fresh analysis of
    ``text`` is, in everything the server asks of it."""
    fresh = analyse(text, limits=limits)
    assert analysis.result == fresh.result
    assert analysis.diagnostics == fresh.diagnostics
    assert analysis.lines == fresh.lines
    assert analysis.index() == fresh.index()
    assert analysis.shape() == fresh.shape()
    if fresh.result.ok:
        assert analysis.texts() == fresh.texts()
    # The lines not held whole, which the next version's partial checks start from, found in
    # full (Analysis.unread_lines takes a parse without diagnostics to have none).
    result, lines = fresh.result, fresh.lines
    not_read = unread_lines(result.map, result.diagnostics, lines, range(1, len(lines) + 1))
    assert analysis.unread_lines() == not_read
    for node in fresh.map.nodes():
        assert analysis.attribution(node.id) == fresh.map.attribution(node)


def generated_map() -> str:
    """A map of 80 claims from the benchmarks' generator (bench/generate.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return generate(80, seed=3)
