"""Fingerprints: which DOT a drawing was made from, so an up-to-date drawing need not be redrawn.

The fingerprint is a SHA-256 of the DOT text and the format (and, for PNG, the resolution). It
says nothing about which Graphviz drew the picture: a diagram drawn from the same DOT by another
Graphviz version is *current*, which is what ``argmap render --check`` asks in CI.

Where it is kept: SVG, an XML comment before ``<svg``; PNG, a ``tEXt`` chunk after ``IHDR``;
DOT, nowhere (the text is its own fingerprint). PDF has no safe place for it: a PDF is
compared byte for byte.

The fingerprint of an ``--direction auto`` drawing covers every candidate layout, and which one
``auto`` draws depends on the fonts that measured them. So an SVG also records the layout
drawn, beside the fingerprint (``<!-- argmap-fingerprint: sha256:... layout: right 20 -->``),
and ``render --check`` redraws that one (:func:`read_layout`): a diagram drawn on a machine
whose fonts chose another layout is not taken for an edited one.

A fingerprint is no proof: anyone can compute it from the map and put it in a file of their own
(an SVG with a ``<script>``, or with other words in the boxes). So ``argmap render`` and
``render --check`` take an SVG whose fingerprint matches as up to date only when it is also
:func:`same_drawing` as what the map draws now: the same bytes but for the numbers Graphviz
derives from the fonts (coordinates and sizes) and its version comment. Those numbers are not
verified: a hand-moved box or a swapped coordinate passes, but no added markup, text or
transform does.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

__all__ = ["fingerprint", "read", "read_layout", "same_drawing", "write"]

VERSION = b"argmap-render 1"
_SVG = re.compile(
    rb"<!-- argmap-fingerprint: sha256:([0-9a-f]{64})"
    rb"(?: layout: (down|right) ([1-9][0-9]{0,2}))? -->"
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEY = b"argmap-fingerprint"


def fingerprint(dot: str, format: str, dpi: int | None = None) -> str:
    """The fingerprint of drawing ``dot`` as ``format``: 64 hex digits."""
    digest = hashlib.sha256(VERSION + b"\0" + format.encode("ascii") + b"\0")
    if format == "png" and dpi is not None:
        digest.update(b"dpi=%d\0" % dpi)
    digest.update(dot.encode("utf-8"))
    return digest.hexdigest()


def write(data: bytes, format: str, value: str, layout: tuple[str, int] | None = None) -> bytes:
    """``data`` with the fingerprint stored in it (unchanged for formats that cannot hold one);
    in an SVG, also the ``layout`` (direction, characters per line) that ``auto`` chose."""
    if format == "svg":
        at = data.find(b"<svg")
        if at < 0:
            return data
        chose = b"" if layout is None else b" layout: %s %d" % (layout[0].encode(), layout[1])
        comment = b"<!-- argmap-fingerprint: sha256:%s%s -->\n" % (value.encode(), chose)
        return data[:at] + comment + data[at:]
    if format == "png" and data.startswith(_PNG_SIGNATURE):
        end_of_header = len(_PNG_SIGNATURE) + 8 + struct.unpack(">I", data[8:12])[0] + 4
        chunk = _png_chunk(b"tEXt", _PNG_KEY + b"\0sha256:" + value.encode())
        return data[:end_of_header] + chunk + data[end_of_header:]
    return data


def read(data: bytes, format: str) -> str | None:
    """The fingerprint stored in a drawing, or ``None``. A DOT file's is that of its text."""
    if format == "dot":
        try:
            return fingerprint(data.decode("utf-8"), "dot")
        except UnicodeDecodeError:
            return None
    if format == "svg":
        head = data[: max(0, data.find(b"<svg"))]
        found = _SVG.search(head)
        return found.group(1).decode() if found else None
    if format == "png":
        return _png_read(data)
    return None


def read_layout(data: bytes, format: str) -> tuple[str, int] | None:
    """The layout (direction, characters per line) recorded beside an SVG's fingerprint, or
    ``None`` (another format, or a drawing that did not choose among layouts).

    >>> read_layout(write(b"<svg/>", "svg", "0" * 64, ("right", 20)), "svg")
    ('right', 20)
    >>> read_layout(write(b"<svg/>", "svg", "0" * 64), "svg") is None
    True
    """
    if format != "svg":
        return None
    found = _SVG.search(data[: max(0, data.find(b"<svg"))])
    if found is None or found.group(2) is None:
        return None
    return found.group(2).decode(), int(found.group(3))


# What may differ between two drawings of the same DOT by machines with other fonts: the numbers
# in a geometry attribute's value (the value holds only characters that cannot end it or start
# markup), a path's or polygon's points, the translation of Graphviz's top group, and the
# Graphviz version in its comment.
_GEOMETRY = re.compile(rb'(\s(?:x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|width|height|viewBox)=)"([^"<>&]*)"')
_PATH = re.compile(rb'(\s(?:points|d)=)"[^"<>&]*"')  # a spline's number of points varies too
_TRANSLATE = re.compile(rb"(\stransform=\"[^\"<>&]*?translate\()([^()\"<>&]*)(\)[^\"<>&]*\")")
_NUMBER = re.compile(rb"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GENERATOR = re.compile(rb"<!-- Generated by graphviz version [^<>]*? -->")


def same_drawing(existing: bytes, drawn: bytes) -> bool:
    """Whether SVG ``existing`` is ``drawn`` (what argmap draws now) but for its layout's
    numbers: every element, attribute, text and comment the same, byte for byte; only the
    numbers in the geometry attributes, the points of paths and polygons, the top group's
    translation and the Graphviz version may differ. Markup added anywhere (a ``<script>``, an
    ``onload``, a link, another text, a ``scale(0)``) makes them differ.

    >>> a = b'<svg width="10pt"><text x="1.5" y="2">Tea</text></svg>'
    >>> same_drawing(a, b'<svg width="12pt"><text x="1.75" y="2.25">Tea</text></svg>')
    True
    >>> same_drawing(a, b'<svg width="10pt" onload="alert(1)"><text x="1.5" y="2">Tea</text></svg>')
    False
    >>> same_drawing(a, b'<svg width="10pt"><text x="1.5" y="2">Tee</text></svg>')
    False
    >>> g = b'<g transform="scale(1 1) rotate(0) translate(4 %s)">'
    >>> same_drawing(g % b"120", g % b"131.5")
    True
    >>> same_drawing(g % b"120", g.replace(b"1 1", b"0 0") % b"120")
    False
    """
    # The same bytes (the usual case: the same fonts drew it) need no look at the numbers,
    # which costs 0.3 s CPU of a 2,000-claim SVG.
    return existing == drawn or _without_layout(existing) == _without_layout(drawn)


def _without_layout(svg: bytes) -> bytes:
    svg = _GENERATOR.sub(b"<!-- Generated by graphviz -->", svg)
    svg = _GEOMETRY.sub(lambda m: m[1] + b'"' + _NUMBER.sub(b"#", m[2]) + b'"', svg)
    svg = _PATH.sub(rb'\1""', svg)
    return _TRANSLATE.sub(lambda m: m[1] + _NUMBER.sub(b"#", m[2]) + m[3], svg)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_read(data: bytes) -> str | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if kind == b"IDAT" or kind == b"IEND":
            return None
        if kind == b"tEXt" and body.startswith(_PNG_KEY + b"\0sha256:"):
            value = body[len(_PNG_KEY) + 8 :].decode("ascii", "replace")
            return value if re.fullmatch(r"[0-9a-f]{64}", value) else None
        at += 12 + length
    return None
