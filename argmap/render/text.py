"""User text made safe for a diagram: cleaned of control characters, wrapped, and escaped."""

from __future__ import annotations

import re
import textwrap

__all__ = ["WRAP", "clean", "dot_id", "dot_lines", "dot_string", "html", "html_lines", "wrap"]

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
# Any character clean() changes: most text has none, and a search is faster than a translation.
_UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text with every character a diagram cannot show literally replaced by a visible stand-in,
    and runs of spaces made one (as in HTML: Graphviz would draw them as no-break spaces).

    >>> clean("a\\tb\\x00c\\u2028d  e")
    'a b␀c d e'
    """
    if "  " not in text and _UNCLEAN.search(text) is None:
        return text
    return _SPACES.sub(" ", _SURROGATES.sub("\ufffd", text.translate(_TABLE)))


# Clean text whose only spacing is single ASCII spaces is wrapped here, word by word, exactly as
# textwrap would (tests/render/test_render_text.py compares the two) and several times faster.
# Hyphens (textwrap breaks after them) and the other characters str.isspace() accepts that
# clean() keeps (textwrap drops a chunk made of them at a line's end) are left to textwrap.
_TEXTWRAP_ONLY = re.compile("[-\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Clean text broken into lines of at most ``width`` characters (long words are split).

    >>> wrap("Beijing is increasingly willing to tighten sanctions.", 20)
    ['Beijing is', 'increasingly willing', 'to tighten', 'sanctions.']
    """
    text, width = clean(text), max(1, width)
    if not text:
        return []
    words = text.split(" ")
    if (
        words[0]
        and words[-1]
        and max(map(len, words)) <= width
        and _TEXTWRAP_ONLY.search(text) is None
    ):
        found, line = [], words[0]
        for word in words[1:]:
            if len(line) + len(word) < width:  # the line, a space and the word fit
                line = f"{line} {word}"
            else:
                found.append(line)
                line = word
        found.append(line)
        return found
    return textwrap.wrap(
        text,
        width=width,
        break_long_words=True,
        break_on_hyphens=True,
        expand_tabs=False,
        replace_whitespace=True,
    )


def _escape_html(text: str) -> str:
    # Chained replaces: each is a fast scan when the character is absent, as it mostly is.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        # Graphviz expands escString sequences (\N, \G, \L ...) even inside HTML-like labels,
        # after decoding entities: a doubled backslash is its escape for one literal backslash.
        .replace("\\", "\\\\")
    )


def html(text: str) -> str:
    """Text as character data of a Graphviz HTML-like label: it can only ever be literal text.

    >>> html('<b>&"\\\\N')
    '&lt;b&gt;&amp;&quot;\\\\\\\\N'
    """
    return _escape_html(clean(text))


def html_lines(text: str, width: int = WRAP) -> str:
    """``text`` wrapped (see :func:`wrap`) and escaped for an HTML-like label, lines joined by
    ``<BR/>``.

    >>> html_lines("Tea & biscuits are good.", 12)
    'Tea &amp;<BR/>biscuits are<BR/>good.'
    """
    # The line feed, which clean text never holds, stands for the break until the text is escaped.
    return _escape_html("\n".join(wrap(text, width))).replace("\n", "<BR/>")


# An ID Graphviz reads without quotes (and the `graphviz` package would write without them).
_BARE = re.compile(r"(?:[a-zA-Z_][a-zA-Z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))\Z")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def dot_id(value: str) -> str:
    """``value`` as a DOT ID: bare if DOT reads it as one, else in double quotes.

    ``value`` must need no escaping: the names, numbers and colours argmap makes never hold
    ``"`` or ``\\``, and :func:`dot_string` escapes user text before it comes here.

    >>> dot_id("tea"), dot_id("calm.1"), dot_id("node"), dot_id("0.3")
    ('tea', '"calm.1"', '"node"', '0.3')
    """
    if _BARE.match(value) and value.lower() not in _KEYWORDS:
        return value
    return f'"{value}"'


def _escape_dot(text: str) -> str:
    # A literal backslash is written four times: the DOT lexer turns `\\` into `\`, then
    # Graphviz's escString pass does it again. Graphviz's SVG writer leaves `&name;` alone, so a
    # literal `&` is written `&amp;`. A `"` is escaped for the DOT lexer (after the backslashes,
    # so that its own backslash stays one). Each step is one pass: linear however long a run
    # of backslashes.
    return text.replace("\\", "\\\\\\\\").replace("&", "&amp;").replace('"', '\\"')


def dot_string(text: str) -> str:
    """Text as a DOT string for an attribute that Graphviz copies into SVG (a tooltip).

    >>> print(dot_string('a "b" & \\\\N'))
    "a \\"b\\" &amp; \\\\\\\\N"
    """
    return dot_id(_escape_dot(clean(text)))


def dot_lines(*texts: str) -> str:
    """Several texts as one DOT string (a tooltip), one per line (see :func:`dot_string`).

    The line breaks are Graphviz's ``\\n`` escape, written by argmap: each text is escaped on
    its own, so no user text can produce one.
    """
    return dot_id("\\n".join(_escape_dot(clean(text)) for text in texts))
