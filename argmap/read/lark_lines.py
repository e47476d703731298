"""lark's reading of one logical line: the grammar compiled once per process, with a transformer
run inline with the LALR parser that turns the parse into plain data.

A line reads as ``(tag, children)``: ``tag`` is the grammar rule (``"claim"``, ``"group"``,
``"title"``, ``"source"``, ``"reuse"``) and each child is a token ``(TYPE, value, start)``, with
``start`` its offset in the line's content, or a sub-rule ``("sources" | "target", [tokens])``.
:mod:`.fast_lines` gives exactly the same data for the common lines without lark; this module
is imported only when a line needs it (a start-up without lark is some 50 ms faster).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from typing import Any, cast

import lark
from lark.exceptions import UnexpectedInput, UnexpectedToken

from argmap.version import __version__

__all__ = ["UnexpectedInput", "UnexpectedToken", "grammar_text", "parser", "read"]

Token = tuple[str, str, int]
Reading = tuple[str, list[Any]]  # each child a Token or a (tag, [Token, ...]) sub-rule


def grammar_text() -> str:
    """The lark grammar, read from the installed package (``argmap/grammar/argmap.lark``)."""
    # Beside the package's own module, not through importlib.resources: same file, less time.
    spec = importlib.util.find_spec("argmap.grammar")
    assert spec is not None and spec.origin is not None, "argmap is installed without its grammar"
    path = os.path.join(os.path.dirname(spec.origin), "argmap.lark")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _cache_file(grammar: str) -> str | None:
    """Where lark may keep its analysis of the grammar between runs: a private folder in the
    user's cache (``$XDG_CACHE_HOME/argmap``), or nowhere if that is not safely ours.

    lark's cache is a pickle, so it is only read from a folder that this user owns and that no
    one else can write to. It saves about 45 ms the first time lark is needed in a process.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "argmap")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.stat(folder)
    except OSError:
        return None
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        return None
    digest = hashlib.sha256(f"{__version__}\0{lark.__version__}\0{grammar}".encode()).hexdigest()
    return os.path.join(folder, f"grammar-{digest[:16]}.lark")


class _ToPlain(lark.Transformer[lark.Token, Reading]):
    """Run inline with the LALR parser: each rule's tokens as plain tuples, tagged with its name."""

    def start(self, children: list[Reading]) -> Reading:
        return children[0]

    def __default__(self, data: str, children: list, meta: object) -> Reading | lark.Tree:
        if data.startswith("_"):  # lark inlines these rules into their parent itself
            return lark.Tree(data, children)
        return (
            str(data),
            [(c.type, str(c), c.start_pos) if isinstance(c, lark.Token) else c for c in children],
        )


@functools.cache
def parser() -> lark.Lark:
    """The compiled grammar (``grammar/argmap.lark``), built once per process."""
    grammar = grammar_text()
    return lark.Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        transformer=_ToPlain(),
        cache=_cache_file(grammar) or False,
    )


def read(content: str) -> Reading:
    """The reading of one line's content; raises lark's :class:`UnexpectedInput` if it is not
    a statement."""
    return cast(Reading, parser().parse(content))
