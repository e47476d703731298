"""User text made safe for a diagram: cleaned of control characters, wrapped, and escaped."""

from __future__ import annotations

import re
import textwrap

__all__ = ["WRAP", "clean", "dot_lines", "dot_string", "html", "lines", "wrap"]

WRAP = 38
"""Characters per line in a box: about 6-8 words, the width readers take in at a glance."""

# C0 controls become their visible "control picture" (U+2400 block): XML 1.0 cannot carry them,
# and a reader should see that something odd is in the text rather than lose it silently.
_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_C0[0x09] = " "  # a tab is only spacing
_C0[0x7F] = "\u2421"  # DEL
_SPECIAL = {
    0x2028: " ",  # LINE SEPARATOR and PARAGRAPH SEPARATOR would break lines, or JavaScript strings
    0x2029: " ",
    0xFFFE: "\ufffd",  # not characters: XML forbids them
    0xFFFF: "\ufffd",
}
_TABLE = {**_C0, **{code: "\ufffd" for code in range(0x80, 0xA0)}, **_SPECIAL}
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(" {2,}")


def clean(text: str) -> str:
    """Text with every character a diagram cannot show literally replaced by a visible stand-in,
    and runs of spaces made one (as in HTML: Graphviz would draw them as no-break spaces).

    >>> clean("a\\tb\\x00c\\u2028d  e")
    'a b␀c d e'
    """
    return _SPACES.sub(" ", _SURROGATES.sub("\ufffd", text.translate(_TABLE)))


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Clean text broken into lines of at most ``width`` characters (long words are split).

    >>> wrap("Beijing is increasingly willing to tighten sanctions.", 20)
    ['Beijing is', 'increasingly willing', 'to tighten', 'sanctions.']
    """
    found = textwrap.wrap(
        clean(text),
        width=max(1, width),
        break_long_words=True,
        break_on_hyphens=True,
        expand_tabs=False,
        replace_whitespace=True,
    )
    return found


_HTML = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        # Graphviz expands escString sequences (\N, \G, \L ...) even inside HTML-like labels,
        # after decoding entities: a doubled backslash is its escape for one literal backslash.
        "\\": "\\\\",
    }
)


def html(text: str) -> str:
    """Text as character data of a Graphviz HTML-like label: it can only ever be literal text.

    >>> html('<b>&"\\\\N')
    '&lt;b&gt;&amp;&quot;\\\\\\\\N'
    """
    return clean(text).translate(_HTML)


def lines(text: str, width: int = WRAP) -> list[str]:
    """The wrapped lines of ``text``, each escaped for an HTML-like label."""
    return [html(line) for line in wrap(text, width)]


def dot_string(text: str) -> str:
    """Text for a quoted DOT attribute that Graphviz copies into SVG (a tooltip).

    The DOT lexer turns ``\\\\`` into ``\\``, then Graphviz's escString pass does it again, so a
    literal backslash is written four times. Graphviz's SVG writer leaves ``&name;`` alone, so a
    literal ``&`` must be written as ``&amp;``. The ``graphviz`` package adds the quotes and
    escapes ``"``; :func:`graphviz.nohtml` stops it reading ``<...>`` as an HTML-like label.
    """
    import graphviz  # type: ignore[import-untyped]

    return graphviz.nohtml(clean(text).replace("\\", "\\\\\\\\").replace("&", "&amp;"))


def dot_lines(*texts: str) -> str:
    """Several texts as one tooltip, one per line (see :func:`dot_string`).

    The line breaks are Graphviz's ``\\n`` escape, written by argmap: each text is escaped on
    its own, so no user text can produce one.
    """
    import graphviz

    return graphviz.nohtml("\\n".join(str(dot_string(text)) for text in texts))
