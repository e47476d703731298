"""A post-condition for the interactive HTML page: whatever the map said, the page runs only its
own script and style, loads nothing, and carries user text only as text.

:func:`problems` returns what is wrong (an empty list means safe):

* exactly two ``<script>`` elements: the map's JSON (``type="application/json"``, which holds
  no ``<`` at all, so nothing can close it, and parses as JSON) and argmap's own script, byte for
  byte; exactly one ``<style>``, argmap's own (two in a fragment: none is added);
* a Content-Security-Policy meta tag (for a whole page) with ``default-src 'none'``, no
  ``'unsafe-inline'``, and the SHA-256 hashes of exactly those inline blocks;
* no element that runs code or loads something (``iframe``, ``img``, ``object``, ``embed``,
  ``link``, ``base``, ``form``, ``meta`` refresh ...), no event-handler attribute, no ``style``
  attribute, no link but to ``#`` fragments (the one ``<link>`` allowed is the page's own
  ``rel="expect"`` to its script's id, which holds rendering back and loads nothing);
* the inline SVG passes tests/hostile/svg_safety.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import Any

from argmap.render import page
from tests.hostile.svg_safety import problems as svg_problems

__all__ = ["assert_safe", "data", "painted_lines", "problems"]

_LOADS = {
    "iframe", "frame", "frameset", "img", "image", "object", "embed", "link", "base", "form",
    "video", "audio", "source", "track", "picture", "portal", "foreignobject", "use", "applet",
}  # fmt: skip


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.policy: str | None = None
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        # The page's one <link> holds its first frame back until the script has run; it
        # names an element of the page and loads nothing.
        expect = {"rel": "expect", "blocking": "render", "href": f"#{page._DRAWN}"}
        if tag == "link" and found == expect:
            pass
        elif tag in _LOADS:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event attribute {name} on <{tag}>")
            if name == "style":
                self.found.append(f"a style attribute on <{tag}>")
            linked = name in ("href", "xlink:href", "src", "action", "formaction", "srcdoc")
            if linked and not (name == "href" and (value or "").startswith("#")):
                self.found.append(f"a link {name}={value!r} on <{tag}>")
        if tag == "meta":
            equiv = (found.get("http-equiv") or "").lower()
            if equiv == "content-security-policy":
                self.policy = found.get("content")
            elif equiv:
                self.found.append(f"a meta http-equiv={equiv!r}")
        if tag in ("script", "style"):
            self._in, self._attrs, self._text = tag, found, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            text = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.styles.append(text)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _reader(document: str) -> _Reader:
    reader = _Reader()
    reader.feed(document)
    reader.close()
    return reader


def problems(document: str, *, standalone: bool = True) -> list[str]:
    """Everything that makes the page unsafe (empty: safe)."""
    reader = _reader(document)
    found = list(reader.found)
    kinds = [attrs.get("type") for attrs, _ in reader.scripts]
    if kinds != ["application/json", None]:
        found.append(f"scripts of types {kinds}, not the data block and argmap's script")
    else:
        block, own = reader.scripts[0][1], reader.scripts[1][1]
        if own != page.script():
            found.append("a script that is not argmap's own")
        if "<" in block or ">" in block:
            found.append("markup characters in the data block")
        try:
            json.loads(block)
        except ValueError as error:
            found.append(f"a data block that is not JSON: {error}")
    if reader.styles != [page.style()]:
        found.append(f"{len(reader.styles)} style blocks, not argmap's one")
    if standalone:
        policy = reader.policy or ""
        if "default-src 'none'" not in policy or "unsafe-" in policy:
            found.append(f"a weak Content-Security-Policy {policy!r}")
        for name, text in (("script-src", page.script()), ("style-src", page.style())):
            allowed = re.search(rf"{name} ([^;]*)", policy)
            if allowed is None or allowed[1].split() != [_hash(text)]:
                found.append(f"{name} does not allow exactly argmap's own block")
    start, end = document.find("<svg"), document.find("</svg>")
    if start >= 0:
        svg = document[start : end + len("</svg>")]
        found.extend(f"in the SVG: {p}" for p in svg_problems(svg))
    return found


def data(document: str) -> Any:
    """The map as the page's script reads it."""
    reader = _reader(document)
    return json.loads(reader.scripts[0][1])


def assert_safe(document: str, *, standalone: bool = True) -> None:
    """Fail with the list of problems if the page is unsafe."""
    found = problems(document, standalone=standalone)
    assert not found, "unsafe page:\n" + "\n".join(found)


def painted_lines(document: str) -> dict[str, list[str]]:
    """Each painted element's lines of text, by its id, as the page's script reads them: a
    number is the next piece of the claim's text (after the spaces skipped), that many UTF-16
    units long."""
    found = data(document)
    prefix = found["prefix"]
    lines: dict[str, list[str]] = {}
    for node_id, names, _, _, shared in found["shapes"]["items"]:
        claim = node_id[len(prefix) :] if node_id.startswith(prefix) else None
        if claim is not None and "copy" in names.split():
            claim = claim.rsplit(":", 1)[-1]
        node = found["nodes"].get(claim) if claim is not None else None
        units = (node["text"] if node else "").encode("utf-16-le")
        at = 0
        lines[node_id] = []
        for line in shared:
            if isinstance(line[3], str):
                lines[node_id].append(line[3])
                continue
            while units[at : at + 2] == b" \0":
                at += 2
            lines[node_id].append(units[at : at + 2 * line[3]].decode("utf-16-le"))
            at += 2 * line[3]
    return lines
