"""The conversion codes (band E4xx / W4xx): what ``argmap convert`` could not carry across.

Conversion never drops information silently. What an input holds that argmap has no place for,
or what a map holds that the target format cannot, is reported with one of these codes, at the
place in the input file (import) or in the ``.arg`` map (export) where it stands.
"""

from __future__ import annotations

from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Rule, reported_code

__all__ = [
    "EXPORT_LOSS",
    "IMPORT_APPROXIMATED",
    "IMPORT_INCONSISTENT",
    "IMPORT_RENAMED",
    "IMPORT_SKIPPED",
    "UNREADABLE_INPUT",
    "interop_code",
]


def interop_code(code: str, name: str, severity: Severity, doc: str) -> Rule:
    """Register a code that a converter reports (no structural check runs it)."""
    return reported_code(code, name, severity, doc, reporter="reported by argmap convert")


UNREADABLE_INPUT = interop_code(
    "E401",
    "unreadable-input",
    Severity.ERROR,
    """A file that is not in the format it was read as.

    `argmap convert` picks the input format from the file's extension (`.json` is AIF, `.argdown`
    and `.ad` are Argdown, `.txt` is a Kialo export) or from `--from`. This file could not be read
    in that format at all: JSON that does not parse (or is not UTF-8), JSON without AIF `nodes`,
    a Kialo export without a numbered line. Nothing was converted. Check `--from`, or the file
    itself. An input past the parser's limits is reported with the parser's codes instead
    (E013, E014, E015; docs/limits.md).
    """,
)
IMPORT_SKIPPED = interop_code(
    "W401",
    "import-skipped",
    Severity.WARNING,
    """Part of the input that an argument map has no place for was left out.

    argmap keeps claims, reasons, objections, rebuttals, co-premises, sources and attribution.
    Everything else in the input is reported with this code where it stands, and not converted:
    Argdown tags, headings, comments, metadata in `{...}`, front-matter keys other than `title`,
    inference rules and prose paragraphs; AIF transitions (TA), rephrases (MA), preferences (PA),
    scheme names and dialogue moves; Kialo lines that are not numbered claims.
    """,
)
IMPORT_APPROXIMATED = interop_code(
    "W402",
    "import-approximated",
    Severity.WARNING,
    """Part of the input was read with a meaning that argmap can hold, close to but not the same.

    For example, an Argdown contradiction (`><`) becomes two objections, one each way; an Argdown
    attack on a reconstructed argument, which does not say which premise it attacks, becomes an
    objection to the argument's inference; an undercut of an attacking argument becomes a
    rebuttal; an AIF I node that nobody asserts, standing under an attributed claim, inherits that
    attribution; a NUL character, a lone surrogate or a byte that is not UTF-8, which no map can
    hold, is read as U+FFFD. Check the converted map at the place the message names.
    """,
)
IMPORT_INCONSISTENT = interop_code(
    "W403",
    "import-inconsistent",
    Severity.WARNING,
    """The input contradicts itself or refers to something it does not contain; that part was
    skipped.

    Real exports are messy: an AIF edge to a node that is not in the file, the same node listed
    twice with different text, an inference node with no premise or no conclusion, a Kialo
    link to a number that does not exist. argmap reads the rest of the file and reports each such
    place with this code.
    """,
)
EXPORT_LOSS = interop_code(
    "W404",
    "export-loss",
    Severity.WARNING,
    """The target format cannot hold this part of the map, so the converted file lacks it.

    AIF has no title, comments, implicit premises or conclusion marker, and attributes claims
    (through locutions) but not reasons; Argdown has no comments in argmap's places; Mermaid
    draws the map but keeps comments and sources only as Mermaid comments. Each loss is reported
    at the place in the `.arg` map that the converted file does not carry.
    """,
)
IMPORT_RENAMED = interop_code(
    "W405",
    "import-renamed",
    Severity.WARNING,
    """An id from the input is an argmap keyword, so the converted map names it differently.

    A title, an argument's name or a node id that is `claim`, `conclusion`, `implicit`, `reason`,
    `objection`, `rebuttal`, `title`, `source`, `for` or `to` would be read as that keyword in the
    `.arg` text (`implicit: ...` would make an unstated premise, `claim: ...` would lose its id).
    The import renames it, adding `-1` (`title-1`, or the next number that is free), and reports
    the original here. The meaning is unchanged; only the id differs.
    """,
)
