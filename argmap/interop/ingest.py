"""What every importer reads first: its input as text, within the ``.arg`` parser's limits.

The importers take files from anywhere (a download, a pull request), so they read them as the
parser reads a map (docs/limits.md): at most ``MAX_SIZE`` (E013), lines of at most ``MAX_LINE``
code points in the line-based formats (E014), JSON nested at most :data:`JSON_DEPTH` deep
(E015), each violation reported at the line and column where the input crosses it. A NUL
character or a lone surrogate (text no file can hold) becomes U+FFFD, reported once (W402) with
how many there were. JSON is decoded here too, for AIF and argmap's own JSON alike: strings
cleaned in the same way, integers too long for Python (more than 4,300 digits) kept as their
digits, and every object knowing where it starts in the text.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.interop.codes import IMPORT_APPROXIMATED, UNREADABLE_INPUT
from argmap.model import Span
from argmap.read.layout import Limits, split_lines
from argmap.read.syntax_codes import INPUT_TOO_LARGE, LINE_TOO_LONG, TOO_DEEP

__all__ = ["BREAK", "JSON_DEPTH", "UNSTORABLE", "JsonObject", "Positions", "load_json", "text_of"]

_DEFAULT = Limits()
JSON_DEPTH = 100
"""How deep JSON may nest. AIF nests three levels and argmap's JSON four; past 100 the input is
not one of them, and the decoder (which recurses) is kept far from Python's recursion limit."""
LONGEST_INT = 4_000
"""Digits an integer may have to be read as a number (Python refuses past 4,300)."""

_NOT_UTF8 = "the input is not UTF-8: bytes that are not are read as U+FFFD"
UNSTORABLE = re.compile("[\0\ud800-\udfff]")
"""What no map can hold: a NUL character or a lone surrogate."""
BREAK = re.compile(r"\r\n|[\n\r]")
"""A line break, as the parser reads them."""
_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


class Positions:
    """Offsets in a text to 1-based line and column spans."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def span(self, offset: int, length: int = 1) -> Span:
        import bisect

        line = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line] + 1
        return Span(line=line + 1, column=column, end_line=line + 1, end_column=column + length)


def _point(line: int, column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column + 1)


def _after(text: str) -> Span:
    """Where the text that follows ``text`` starts: lines broken at ``\\r\\n``, ``\\r`` and
    ``\\n``, columns in code points, as the parser counts them."""
    lines = split_lines(text)
    return _point(len(lines), len(lines[-1]) + 1)


def text_of(
    data: str | bytes, *, lines: bool, limits: Limits | None = None
) -> tuple[str, list[Diagnostic]]:
    """``data`` as text an importer can read, and what was wrong with it.

    Bytes are UTF-8 (a BOM is dropped; a byte that is not UTF-8 becomes U+FFFD, reported once).
    Past ``limits.max_size`` nothing is read: the text is empty, with one E013. With ``lines``
    (the line-based formats), a line longer than ``limits.max_line`` is emptied, keeping its
    place, with an E014 each; the lines are joined with ``\\n``. A limit of ``None`` is off.
    """
    found: list[Diagnostic] = []
    limits = _DEFAULT if limits is None else limits
    max_size, max_line = limits.max_size, limits.max_line
    if max_size is not None and len(data) > max_size:
        head = data[:max_size]
        unit = "bytes" if isinstance(data, bytes) else "characters"
        if isinstance(head, bytes):  # a character the limit cuts through does not count
            head = head.decode("utf-8", errors="ignore")
        found.append(
            INPUT_TOO_LARGE.diagnostic(
                f"the input is larger than {max_size:,} {unit}; nothing is read",
                _after(head),
                hint="raise the limit for trusted input (`--max-bytes`, or `argmap.Limits` in "
                "code)",
            )
        )
        return "", found
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf")  # a byte order mark: errors are placed after it
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start].decode("utf-8")
            found.append(IMPORT_APPROXIMATED.diagnostic(_NOT_UTF8, _after(before)))
            text = data.decode("utf-8", errors="replace")
    else:
        text = data.removeprefix("\ufeff")
    text = _storable(text, found)
    if lines and max_line is not None:
        parts = BREAK.split(text)
        for number, line in enumerate(parts, start=1):
            if len(line) > max_line:
                found.append(
                    LINE_TOO_LONG.diagnostic(
                        f"line is longer than {max_line:,} characters ({len(line):,}); it is "
                        "skipped",
                        _point(number, max_line + 1),
                    )
                )
                parts[number - 1] = ""
        text = "\n".join(parts)
    return text, found


def _storable(text: str, found: list[Diagnostic]) -> str:
    """``text`` with each NUL and lone surrogate replaced by U+FFFD, reported once."""
    first = UNSTORABLE.search(text)
    if first is None:
        return text
    before = text[: first.start()]
    where = _point(before.count("\n") + 1, first.start() - (before.rfind("\n") + 1) + 1)
    found.append(_unstorable(first.group(), len(UNSTORABLE.findall(text)), where))
    return UNSTORABLE.sub("\ufffd", text)


def _unstorable(char: str, count: int, where: Span) -> Diagnostic:
    what = "a NUL character" if char == "\0" else "a lone surrogate"
    more = f" (and {count - 1:,} more NUL or lone surrogate)" if count > 1 else ""
    return IMPORT_APPROXIMATED.diagnostic(
        f"{what}{more}, which no map can hold, is read as U+FFFD", where
    )


class JsonObject(dict[str, Any]):
    """A JSON object that remembers where it starts in the text."""

    offset = 0


def load_json(
    data: str | bytes, limits: Limits | None = None, *, offsets: bool = True
) -> tuple[Any, str, list[Diagnostic]]:
    """JSON as data (``None`` if it cannot be read), its text, and what was wrong with it.

    Objects are :class:`JsonObject` (with their offset; with ``offsets=False`` plain dicts,
    decoded by the C scanner, several times faster); strings hold no NUL or lone surrogate
    (each becomes U+FFFD, reported once); an integer of more than :data:`LONGEST_INT` digits is
    kept as its digits (a string). Deeper than :data:`JSON_DEPTH` is an E015, not decoded.
    """
    text, found = text_of(data, lines=False, limits=limits)
    if found and found[0].code == INPUT_TOO_LARGE.code:
        return None, text, found
    if found and found[0].message == _NOT_UTF8:
        # JSON is UTF-8 (RFC 8259): other bytes mean another format, not a damaged file.
        error = UNREADABLE_INPUT.diagnostic("not UTF-8: JSON must be UTF-8", found[0].span)
        return None, text, [error]
    if not offsets:
        try:
            value = json.loads(text, parse_int=_parse_int)
        except (json.JSONDecodeError, RecursionError):
            pass  # the checks and the decoder below say what and where
        else:
            if _plain(value):
                return value, text, found
            # Rare: the checks and the decoder below say what and where, and clean.
    deep = _too_deep(text)
    if deep is not None:
        found.append(
            TOO_DEEP.diagnostic(
                f"JSON nested deeper than {JSON_DEPTH} levels; nothing is read",
                Positions(text).span(deep),
            )
        )
        return None, text, found
    strings = _Strings()
    try:
        value = _decoder(strings).decode(text)
    except json.JSONDecodeError as error:
        where = _point(error.lineno, error.colno)
        found.append(UNREADABLE_INPUT.diagnostic(f"not JSON: {error.msg}", where))
        return None, text, found
    if strings.first is not None:
        char, offset = strings.first
        found.append(_unstorable(char, strings.count, Positions(text).span(offset)))
    return value, text, found


class _Strings:
    """The decoder's string cleaning: which character came first, where, and how many."""

    def __init__(self) -> None:
        self.first: tuple[str, int] | None = None
        self.count = 0

    def clean(self, value: str, offset: int) -> str:
        bad = UNSTORABLE.findall(value)
        if not bad:
            return value
        if self.first is None:
            self.first = (bad[0], offset)
        self.count += len(bad)
        return UNSTORABLE.sub("\ufffd", value)


def _too_deep(text: str) -> int | None:
    """The offset of the first bracket past :data:`JSON_DEPTH` levels (strings skipped)."""
    depth = 0
    in_string = False
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()[0]
        if char == '"':
            in_string = not in_string
        elif in_string or char == "\\":
            continue
        elif char in "[{":
            depth += 1
            if depth > JSON_DEPTH:
                return token.start()
        else:
            depth -= 1
    return None


def _decoder(strings: _Strings) -> json.JSONDecoder:
    """A JSON decoder whose objects know their offset and whose strings are storable. The C
    scanner ignores a custom ``parse_object``, so this uses the pure-Python one."""
    decoder = json.JSONDecoder(object_pairs_hook=JsonObject)

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        offset = s_and_end[1] - 1
        if any(UNSTORABLE.search(key) for key in value):  # keys are not read by parse_string
            value = JsonObject((strings.clean(k, offset), v) for k, v in value.items())
        value.offset = offset
        return value, end

    def parse_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
        value, after = json.decoder.scanstring(s, end, strict)  # type: ignore[attr-defined]
        return strings.clean(value, end - 1), after

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    decoder.parse_int = _parse_int
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= LONGEST_INT else digits


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether a decoded value is as the checks above would leave it: no string (a key
    included) with a NUL or lone surrogate, and no deeper than :data:`JSON_DEPTH`."""
    if isinstance(value, str):
        return UNSTORABLE.search(value) is None
    if isinstance(value, dict):
        return depth < JSON_DEPTH and all(
            _plain(k) and _plain(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, list):
        return depth < JSON_DEPTH and all(_plain(item, depth + 1) for item in value)
    return True
