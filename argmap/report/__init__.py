"""Views of diagnostics: terminal text, JSON, GitHub workflow commands and SARIF 2.1.0.

Every view is a pure function of the reports, sorted by path and position, so the same input
gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span
from argmap.read.layout import split_lines
from argmap.read.parser import ParseResult
from argmap.version import __version__

__all__ = ["FORMATS", "FileReport", "Unreadable", "render_report", "shown_path", "summary"]

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1


@attrs.frozen(kw_only=True)
class FileReport:
    """One checked file: its label (a path as the user gave it), its text, its diagnostics."""

    path: str
    text: str
    diagnostics: tuple[Diagnostic, ...]


@attrs.frozen(kw_only=True)
class Unreadable:
    """A file argmap was asked to check and could not read (missing, a directory, no
    permission): the SARIF view reports it as a tool execution notification."""

    path: str
    message: str


def render_report(
    reports: Sequence[FileReport] | Sequence[Diagnostic] | ParseResult,
    format: str = "text",
    *,
    text: str | None = None,
    path: str | None = None,
    unreadable: Sequence[Unreadable] = (),
) -> str:
    """The reports in one of :data:`FORMATS`, as ``argmap check --format FORMAT`` prints them.

    ``reports`` is one :class:`FileReport` per file, or the diagnostics of one map (what
    :func:`argmap.check` returns), or a :class:`~argmap.read.parser.ParseResult` (its syntax
    diagnostics). For diagnostics, ``text`` is the map's text (the text view quotes the line
    under each diagnostic) and ``path`` the name to report (default: the result's path, or
    ``<map>``); an empty list with ``text`` or ``path`` is one clean map, without them no file.
    ``unreadable``: the files that could not be read: a tool execution notification in SARIF,
    an error annotation in the GitHub view (the text and JSON views leave them to the caller,
    who says so on stderr).

    >>> import argmap
    >>> result = argmap.parse("conclusion c: Tea is good.\\n  reason:\\n    @warm\\n")
    >>> print(render_report(argmap.check(result), text=result.text), end="")
    <map>:3:5: error E101 `@warm` reuses a claim that is not defined
      3 |     @warm
        |     ^^^^^
    <BLANKLINE>
    Found 1 error in 1 of 1 file.
    """
    reports = sorted(_file_reports(reports, text, path), key=lambda r: r.path)
    if format == "text":
        return _text(reports)
    if format == "json":
        return _json(reports)
    if format == "github":
        return _github(reports, unreadable)
    if format == "sarif":
        return _sarif(reports, unreadable)
    raise ValueError(f"unknown format {format!r}")


def _file_reports(
    reports: Sequence[FileReport] | Sequence[Diagnostic] | ParseResult,
    text: str | None,
    path: str | None,
) -> list[FileReport]:
    if isinstance(reports, ParseResult):
        return [
            FileReport(
                path=path or reports.path or "<map>",
                text=reports.text if text is None else text,
                diagnostics=reports.diagnostics,
            )
        ]
    items: list[object] = list(reports)
    files = [item for item in items if isinstance(item, FileReport)]
    found = [item for item in items if isinstance(item, Diagnostic)]
    if not items and (text is not None or path is not None):
        return [FileReport(path=path or "<map>", text=text or "", diagnostics=())]
    if len(files) == len(items):
        return files
    if len(found) == len(items):
        diagnostics = tuple(sorted(found, key=Diagnostic.sort_key))
        return [FileReport(path=path or "<map>", text=text or "", diagnostics=diagnostics)]
    raise TypeError(
        "render_report takes FileReports, or the Diagnostics of one map (with text= and path=), "
        f"not {sorted({type(item).__name__ for item in items})}"
    )


def summary(reports: Sequence[FileReport]) -> str:
    """One line: how many errors and warnings in how many files."""
    counts = {s: 0 for s in Severity}
    dirty = 0
    for report in reports:
        for d in report.diagnostics:
            counts[d.severity] += 1
        dirty += bool(report.diagnostics)
    files = _plural(len(reports), "file")
    if not dirty:
        return f"No problems in {files}."
    parts = [_plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
    return f"Found {', '.join(parts)} in {dirty} of {files}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# File names ------------------------------------------------------------------------------------

# A name shown as it is must not look quoted, nor start a GitHub workflow command: `::error`
# (the runner looks for it after a line's leading spaces) or an old-style `##[error]` (looked
# for anywhere in a line).
_PLAIN_START = re.compile(r"""[^\s:'"#]""")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_path(path: str) -> str:
    """A file name as every human-readable report prints it (the text report, and the messages
    of ``check``, ``fmt``, ``render``...): as it is when it is plain, else in single quotes
    with Python's escapes, so that no line can start a CI workflow command and no control,
    bidi or invisible character (nor an undecodable byte) reaches the terminal.

    >>> shown_path("maps/tea.arg")
    'maps/tea.arg'
    >>> print(shown_path("a\\n::error file=evil.py::PWNED\\n.arg"))
    'a\\n::error file=evil.py::PWNED\\n.arg'
    >>> print(shown_path("::warning::x.arg"), shown_path("\\x1b[31mred\\u202e.arg"))
    '::warning::x.arg' '\\x1b[31mred\\u202e.arg'
    """
    plain = _PLAIN_START.match(path) and path.isprintable() and not path[-1].isspace()
    if plain and "##[" not in path:
        return path
    return f"'{_no_commands(''.join(_escaped(char) for char in path))}'"


def _no_commands(text: str) -> str:
    """``text`` with every ``##[`` (an old-style workflow command, found anywhere in a line)
    written ``#\\x23[``."""
    return text.replace("##[", "#\\x23[")


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable() or char == " ":
        return char
    return _code(char)


def _code(char: str) -> str:
    """A character as its Python escape: ``\\x1b``, ``\\u202e``, ``\\U000e0001``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# Text -----------------------------------------------------------------------------------------


def _text(reports: Sequence[FileReport]) -> str:
    out: list[str] = []
    for report in reports:
        lines = split_lines(report.text) if report.diagnostics else []
        name = shown_path(report.path)
        for d in report.diagnostics:
            message = _no_commands(d.message)
            out.append(f"{name}:{_where(d.span)}: {d.severity.label} {d.code} {message}")
            out.extend(_excerpt(lines, d.span))
            if d.hint:
                out.append(f"  = hint: {_no_commands(d.hint)}")
            for related in d.related:
                out.append(f"  = {_where(related.span)}: {_no_commands(related.message)}")
            out.append("")
    out.append(summary(reports))
    return "\n".join(out) + "\n"


def _where(span: Span | None) -> str:
    return f"{span.line}:{span.column}" if span else "1:1"


def _excerpt(lines: list[str], span: Span | None) -> list[str]:
    if span is None or not 0 < span.line <= len(lines):
        return []
    source = lines[span.line - 1]
    if len(source) > 160:  # a huge line would flood the terminal: show the part that matters
        start = max(0, span.column - 60)
        source = source[start : start + 120]
        column = span.column - start
    else:
        column = span.column
    source = source.expandtabs(1)  # keep the caret under the column it marks
    width = (
        span.end_column - span.column if span.end_line == span.line else len(source) - column + 1
    )
    gutter = str(span.line)
    pad = " " * len(gutter)
    shown = _printable(source)
    at = column - 1
    # The caret goes under the characters as shown (an escape is several columns wide).
    before = len("".join(shown[:at])) + max(0, at - len(shown))
    under = len("".join(shown[at : at + width])) + max(0, at + width - max(at, len(shown)))
    return [
        f"  {gutter} | {''.join(shown)}",
        f"  {pad} | {' ' * before}{'^' * max(1, under)}",
    ]


def _printable(text: str) -> list[str]:
    """Each character of a source line as the report shows it: control characters as their
    escapes, so a hostile line cannot drive the terminal, and the second ``#`` of ``##[`` as
    ``\\x23``, so that it cannot be a workflow command."""
    return [
        "\\x23"
        if c == "#" and text[i - 1 : i] == "#" and text[i + 1 : i + 2] == "["
        else c
        if c.isprintable() or c == " "
        else _code(c)
        for i, c in enumerate(text)
    ]


# JSON -----------------------------------------------------------------------------------------


def _span_json(span: Span | None) -> dict[str, dict[str, int]] | None:
    if span is None:
        return None
    return {
        "start": {"line": span.line, "column": span.column},
        "end": {"line": span.end_line, "column": span.end_column},
    }


def _diagnostic_json(d: Diagnostic) -> dict[str, object]:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "hint": d.hint,
        "range": _span_json(d.span),
        "related": [{"message": r.message, "range": _span_json(r.span)} for r in d.related],
    }


def _json(reports: Sequence[FileReport]) -> str:
    counts = {s.label + "s": 0 for s in sorted(Severity, reverse=True)}
    for report in reports:
        for d in report.diagnostics:
            counts[d.severity.label + "s"] += 1
    document = {
        "version": JSON_VERSION,
        "files": [
            {"path": r.path, "diagnostics": [_diagnostic_json(d) for d in r.diagnostics]}
            for r in reports
        ],
        "summary": {"files": len(reports), **counts},
    }
    return _dumps(document)


# GitHub workflow commands -----------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def _escape_data(text: str) -> str:
    """GitHub's encoding of a command's message (``%``, CR and LF as ``%25``, ``%0D``,
    ``%0A``, which the runner decodes); any other control, bidi or invisible character as a
    visible escape (``\\x1b``), since the runner would hand it on raw to the log and the page."""
    text = "".join(c if c in "\r\n" or c == " " or c.isprintable() else _escaped(c) for c in text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(reports: Sequence[FileReport], unreadable: Sequence[Unreadable]) -> str:
    # A file that could not be read is an annotation too, so the job's summary shows it.
    out = [
        f"::error file={_escape_property(u.path)},title=argmap::{_escape_data(u.message)}"
        for u in sorted(unreadable, key=lambda u: u.path)
    ]
    for report in reports:
        for d in report.diagnostics:
            props = [f"file={_escape_property(report.path)}"]
            if d.span is not None:
                props += [
                    f"line={d.span.line}",
                    f"col={d.span.column}",
                    f"endLine={d.span.end_line}",
                    f"endColumn={d.span.end_column}",
                ]
            props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
            message = d.message + (f" (hint: {d.hint})" if d.hint else "")
            out.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)


# SARIF 2.1.0 -------------------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "note"}


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _artifact(path: str) -> dict[str, str]:
    """A file as SARIF names it: relative to %SRCROOT% (the folder argmap runs in, which is
    the repository's root in CI), never an absolute path beside the base. A file outside that
    folder gets an absolute file URI and no base."""
    import os
    from pathlib import Path
    from urllib.parse import quote

    if os.path.isabs(path):
        try:
            absolute = Path(path).resolve()
        except (OSError, ValueError):  # a name no file can have (a NUL) is not looked up
            absolute = Path(os.path.normpath(path))
        try:
            relative = absolute.relative_to(Path.cwd().resolve())
        except ValueError:
            return {"uri": absolute.as_uri()}
        path = relative.as_posix()
    else:
        path = Path(os.path.normpath(path)).as_posix()
    # A name that is not UTF-8 (surrogate escapes) is quoted as the bytes it stands for.
    return {"uri": quote(path, errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}


def _location(path: str, span: Span | None) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": _artifact(path)}
    if span is not None:
        physical["region"] = _region(span)
    return {"physicalLocation": physical}


def _sarif(reports: Sequence[FileReport], unreadable: Sequence[Unreadable]) -> str:
    from argmap.report.catalogue import all_rules  # every stage's codes: loaded when needed

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        for d in report.diagnostics:
            result: dict[str, object] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
                "locations": [_location(report.path, d.span)],
            }
            if d.related:
                result["relatedLocations"] = [
                    {"id": i, "message": {"text": r.message}, **_location(report.path, r.span)}
                    for i, r in enumerate(d.related)
                ]
            results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": __version__,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.doc},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                            }
                            for r in rules
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not unreadable,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": f"{shown_path(u.path)}: {u.message}"},
                                "locations": [
                                    {"physicalLocation": {"artifactLocation": _artifact(u.path)}}
                                ],
                            }
                            for u in sorted(unreadable, key=lambda u: u.path)
                        ],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": _artifact(r.path)} for r in reports],
                "results": results,
            }
        ],
    }
    return _dumps(document)


def _dumps(document: object) -> str:
    import json  # only for the JSON and SARIF formats: the text report starts faster without

    text = json.dumps(document, indent=2, ensure_ascii=False)
    # A lone surrogate (a file name that is not UTF-8) as its JSON escape: the output stays UTF-8.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")
