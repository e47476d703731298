"""Fingerprints: which DOT a drawing was made from, so an up-to-date drawing need not be redrawn.

The fingerprint is a SHA-256 of the DOT text and the format (and, for PNG, the resolution). It
says nothing about which Graphviz drew the picture: a diagram drawn from the same DOT by another
Graphviz version is *current*, which is what ``argmap render --check`` asks in CI.

Where it is kept: SVG, an XML comment before ``<svg``; PNG, a ``tEXt`` chunk after ``IHDR``;
DOT, nowhere (the text is its own fingerprint). PDF has no safe place for it: a PDF is
compared byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

__all__ = ["fingerprint", "read", "write"]

VERSION = b"argmap-render 1"
_SVG = re.compile(rb"<!-- argmap-fingerprint: sha256:([0-9a-f]{64}) -->")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEY = b"argmap-fingerprint"


def fingerprint(dot: str, format: str, dpi: int | None = None) -> str:
    """The fingerprint of drawing ``dot`` as ``format``: 64 hex digits."""
    digest = hashlib.sha256(VERSION + b"\0" + format.encode("ascii") + b"\0")
    if format == "png" and dpi is not None:
        digest.update(b"dpi=%d\0" % dpi)
    digest.update(dot.encode("utf-8"))
    return digest.hexdigest()


def write(data: bytes, format: str, value: str) -> bytes:
    """``data`` with the fingerprint stored in it (unchanged for formats that cannot hold one)."""
    if format == "svg":
        at = data.find(b"<svg")
        if at < 0:
            return data
        return data[:at] + b"<!-- argmap-fingerprint: sha256:%s -->\n" % value.encode() + data[at:]
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
