"""Case files: many small maps in one text file, each with the diagnostics it must produce.

The format (``tests/cases/checks/*.txt``, ``tests/cases/syntax/*.txt``)::

    Free text before the first case is a comment.

    === a short title for the case
    conclusion c: Tea is good.
      reason:
        @warmth
    --- expect
    3:5 E101 `@warmth` reuses a claim that is not defined
      hint: did you mean

A case starts at a ``=== title`` line; a title that starts with ``[bytes]`` marks a map given as
bytes to :func:`argmap.read.parser.parse_bytes`, with ``\\xNN`` in it standing for the byte NN; a
``[limits size=N line=N depth=N]`` in the title parses with those :class:`argmap.read.parser.Limits`
(any left out keep their defaults), so a limit can be tested on a small map. The
map runs up to the ``--- expect`` line, and every line after it up to the next case is one
expected diagnostic, ``LINE:COLUMN CODE [text]``: the text, if given, must occur in the message;
an indented ``hint: text`` line below it must occur in the hint. No expectation lines means the
map must be clean. A case compares the exact set of ``(line, column, code)`` of every diagnostic
:func:`argmap.checks.check` reports, unless its expect line reads ``--- expect only CODE,CODE``:
then only those codes are compared.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from argmap.read.parser import Limits

__all__ = ["Case", "Expected", "load_cases", "params"]

_EXPECT = re.compile(r"^(\d+):(\d+) ([EWH]\d{3})(?: (.*))?$")


@attrs.frozen(kw_only=True)
class Expected:
    line: int
    column: int
    code: str
    message: str | None = None
    hint: str | None = None

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@attrs.frozen(kw_only=True)
class Case:
    file: Path
    line: int  # where the case starts in its file, for failure messages
    title: str
    text: str
    expected: tuple[Expected, ...]
    only: frozenset[str] | None = None
    binary: bool = False

    @property
    def data(self) -> bytes:
        """The map as bytes: UTF-8, with each ``\\xNN`` made the byte NN."""
        return re.sub(
            rb"\\x([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), self.text.encode()
        )

    @property
    def limits(self) -> Limits | None:
        """The limits named in the title, if any: ``[limits size=40 line=20 depth=3]``."""
        match = re.search(r"\[limits((?: \w+=\d+)+)\]", self.title)
        if match is None:
            return None
        names = {"size": "max_size", "line": "max_line", "depth": "max_depth"}
        values = dict(part.split("=") for part in match.group(1).split())
        return Limits(**{names[k]: int(v) for k, v in values.items()})

    @property
    def where(self) -> str:
        return f"{self.file.name}:{self.line}: {self.title}"


def load_cases(path: Path) -> list[Case]:
    """Read the cases of one case file; malformed files fail loudly."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    index = 0
    while index < len(lines) and not lines[index].startswith("=== "):
        index += 1
    while index < len(lines):
        start = index
        title = lines[index][4:].strip()
        index += 1
        body: list[str] = []
        while index < len(lines) and not lines[index].startswith("--- expect"):
            if lines[index].startswith("=== "):
                raise ValueError(f"{path}:{start + 1}: case without a '--- expect' line")
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise ValueError(f"{path}:{start + 1}: case without a '--- expect' line")
        header = lines[index][len("--- expect") :].strip()
        only = None
        if header:
            if not header.startswith("only "):
                raise ValueError(f"{path}:{index + 1}: expected '--- expect only CODES'")
            only = frozenset(c.strip() for c in header[5:].split(","))
        index += 1
        expected: list[Expected] = []
        while index < len(lines) and not lines[index].startswith("=== "):
            raw = lines[index]
            index += 1
            if not raw.strip():
                continue
            if raw.startswith("  hint: ") and expected:
                expected[-1] = attrs.evolve(expected[-1], hint=raw[len("  hint: ") :])
                continue
            match = _EXPECT.match(raw)
            if match is None:
                raise ValueError(f"{path}:{index}: bad expectation {raw!r}")
            line, column, code, message = match.groups()
            expected.append(
                Expected(line=int(line), column=int(column), code=code, message=message)
            )
        while body and not body[-1].strip():
            body.pop()
        text = "\n".join(body) + "\n" if body else ""
        cases.append(
            Case(
                file=path,
                line=start + 1,
                title=title,
                text=text,
                expected=tuple(expected),
                only=only,
                binary=title.startswith("[bytes]"),
            )
        )
    if not cases:
        raise ValueError(f"{path}: no cases")
    return cases


def params(folder: Path) -> list[object]:
    """Every case of every ``*.txt`` file in ``folder``, as ``pytest.param`` with a readable id."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        for case in load_cases(path):
            slug = re.sub(r"[^a-z0-9]+", "-", case.title.lower()).strip("-")[:50]
            found.append(pytest.param(case, id=f"{path.stem}:{case.line}:{slug}"))
    return found
