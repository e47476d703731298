"""The syntax codes (band E0xx): mistakes the parser reports, with their documentation."""

from __future__ import annotations

from argmap.diagnostics.rules import syntax_code

__all__ = [
    "BAD_INDENTATION",
    "GROUP_TEXT",
    "INPUT_TOO_LARGE",
    "INVALID_ENCODING",
    "LINE_TOO_LONG",
    "MISPLACED",
    "MISSING_COLON",
    "MISSING_ID",
    "MISSING_TEXT",
    "NUL_BYTE",
    "SYNTAX_ERROR",
    "TAB_INDENTATION",
    "TOO_DEEP",
    "UNCLOSED_BRACKET",
    "UNKNOWN_KEYWORD",
]

SYNTAX_ERROR = syntax_code(
    "E001",
    "syntax-error",
    """A line that argmap cannot read.

    Each line of a map is one statement: `title:`, `source id:`, a claim (`conclusion id: text`,
    `claim id: text`, `implicit id: text`, `id: text` or `- text`), a reuse `@id`, or a group
    header (`reason:`, `objection id to target [source]:`, `rebuttal:`). The message says what
    argmap expected at the column it points at. The rest of the file is still read.
    """,
)
MISSING_COLON = syntax_code(
    "E002",
    "missing-colon",
    """A claim, title, source or group header without its colon.

    The colon separates the head of a line from its text: `conclusion closer: Text`.
    A group header ends with a colon: `objection credibility [hammond]:`.
    """,
)
UNKNOWN_KEYWORD = syntax_code(
    "E003",
    "unknown-keyword",
    """A line that starts with a word that looks like a misspelt keyword.

    The keywords are `conclusion`, `claim`, `implicit`, `reason`, `objection`, `rebuttal`,
    `title` and `source`. `reasn:` is read as a claim with the id `reasn` and no text, so argmap
    suggests the keyword it is closest to.
    """,
)
BAD_INDENTATION = syntax_code(
    "E004",
    "bad-indentation",
    """Indentation that does not match the structure around it.

    Indentation gives the map its tree: a group indented under a claim supports or opposes it,
    claims indented under a group are its co-premises. A line that goes back out must line up
    with an earlier line; the first line of a map is not indented. Example of the mistake:

        conclusion c: Tea is good.
            reason:
                - It is warm.
          objection:          # lines up with nothing above
    """,
)
TAB_INDENTATION = syntax_code(
    "E005",
    "tab-indentation",
    """A tab in a line's indentation.

    Tabs look different in every editor, so a map indented with tabs can look right and mean
    something else. Indent with spaces; the language server offers a fix that replaces the tabs.
    argmap reads the line on as if each tab reached the next multiple of four columns.
    """,
)
UNCLOSED_BRACKET = syntax_code(
    "E006",
    "unclosed-bracket",
    """A `[` that opens a list of sources and is never closed, or holds something other than ids.

    A `[...]` at the end of a line attributes it: `[hammond]` or `[hammond, reader]`. To write a
    bracket as part of a claim's text, escape it: `\\[sic\\]`.
    """,
)
MISSING_TEXT = syntax_code(
    "E007",
    "missing-text",
    """A claim, title or source with nothing after its colon.

    A claim is one declarative sentence and needs its text on the same line:
    `sanctions: Beijing is increasingly willing to tighten sanctions.` A long text may go on to
    the next line when the line ends with a backslash.
    """,
)
MISPLACED = syntax_code(
    "E008",
    "misplaced-statement",
    """A statement that is well formed but stands where it cannot go.

    - A claim cannot stand directly under a claim: put it inside a `reason:` or `objection:`.
    - A group at the top level needs a target: `reason for closer:` or `objection to sanctions:`.
    - A group indented under something cannot also name a target.
    - `conclusion`, `title` and `source` stand at the top level; a map has one title.
    - `@id` reuses a claim as a co-premise, so it stands inside a group.
    - Nothing is indented under a title or a source.
    """,
)
INVALID_ENCODING = syntax_code(
    "E009",
    "invalid-encoding",
    """A file that is not UTF-8 text.

    Maps are UTF-8. argmap recognises UTF-16 and UTF-32 byte-order marks and says so; re-save
    the file as UTF-8 in your editor. A UTF-8 byte-order mark is accepted.
    """,
)
NUL_BYTE = syntax_code(
    "E010",
    "nul-byte",
    """A NUL character in the text, a sign of a binary file or a broken save.

    The line holding it is skipped; remove the character.
    """,
)
GROUP_TEXT = syntax_code(
    "E011",
    "group-text",
    """Text after a group header's colon.

    A reason, objection or rebuttal has no text of its own: its co-premises go on the lines
    below it, indented, one claim per line:

        reason:
          - It is warm.
          - Warm drinks comfort people.
    """,
)
MISSING_ID = syntax_code(
    "E012",
    "missing-id",
    """A place that needs an id but has none: `source:`, `@`, `for`, `to` or `[]`.

    Ids start with a letter or `_` and go on with letters, digits, `_` and `-`.
    """,
)
INPUT_TOO_LARGE = syntax_code(
    "E013",
    "input-too-large",
    """A map larger than argmap reads: 10,000,000 code points of text, or bytes of a file.

    The limit keeps the time and memory one map can take bounded, for tools that check maps
    written by others. The diagnostic points where the limit is crossed; nothing is read.
    Split the map into several files. A program checking trusted input can raise the limit:
    `argmap.parse(text, limits=argmap.Limits(max_size=...))` (docs/limits.md).
    """,
)
LINE_TOO_LONG = syntax_code(
    "E014",
    "line-too-long",
    """A line longer than 100,000 code points, or a line that grows past it by continuation.

    No sentence is that long; such a line is usually generated or pasted by mistake. The line is
    skipped (it keeps its place in the tree) and the diagnostic points at the first character
    past the limit.
    """,
)
TOO_DEEP = syntax_code(
    "E015",
    "too-deep",
    """A line nested more than 1,000 levels deep.

    A top-level line is at depth 1, a line indented under it at depth 2. Real maps rarely go
    past 20 levels; a deeper one is usually generated. The line and everything indented under
    it are skipped, with one diagnostic at the line.
    """,
)
