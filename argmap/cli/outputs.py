"""Where argmap may write: one policy for every command that writes a file.

``render``, ``export``, ``convert`` and ``import`` write through :class:`Policy`:

- never over an input of the same run (the same file, through any link or hard link), even
  with ``--force``;
- never over a file that is not argmap's to replace: a ``.arg`` map, or an existing file that
  holds no argmap fingerprint (an SVG or PNG ``argmap-fingerprint``, a DOT ``digraph argmap``,
  argmap's JSON ``"format": "argmap"``; a PDF, which has no place for one, when Graphviz
  drew it through cairo), unless ``--force``; a file that already holds exactly
  the new bytes is left as it is;
- never through a symbolic link named as the output, unless ``--follow-links``;
- never into a FIFO, a device or anything but a regular file.

A refusal is a :class:`Refused` with a message for stderr; the commands exit 2 on it.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
from collections.abc import Iterable

import attrs

from argmap.cli.files import write_atomically
from argmap.report import shown_path

__all__ = ["Policy", "Refused", "add_flags", "fingerprinted"]

# What argmap writes carries one of these near its start (see argmap.render.stamp).
_HEAD = 1 << 16
_MARKS = (
    # SVG, before <svg; an ``auto`` drawing records its layout beside it (argmap.render.stamp)
    re.compile(rb"<!-- argmap-fingerprint: sha256:[0-9a-f]{64}(?: layout: [a-z]+ [0-9]+)? -->"),
    re.compile(rb"\A\x89PNG\r\n\x1a\n.{0,4096}?tEXtargmap-fingerprint\x00sha256:", re.DOTALL),
    re.compile(rb"\A\s*digraph argmap \{"),  # DOT
    re.compile(rb'\A\s*\{\s*"format"\s*:\s*"argmap"'),  # argmap's JSON (export -f json)
)
# A PDF has no safe place for a mark (argmap.render.stamp): one that Graphviz drew through cairo,
# as argmap's are, counts as a diagram argmap may redraw.
_PDF = re.compile(rb"/Producer \(cairo [^)]*\)")

# An existing diagram is read whole to tell whether it is up to date; nothing argmap draws is
# near this size, so a file past it is not argmap's.
MAX_EXISTING = 1 << 30


class Refused(Exception):
    """argmap will not write here: the message says why and what would make it."""


def add_flags(parser: argparse.ArgumentParser, *, force: bool = True) -> None:
    """The flags of the policy: ``--force`` (unless the command has its own) and
    ``--follow-links``."""
    if force:
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace an existing output that argmap did not write (never an input)",
        )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="follow symbolic links: out of a directory being walked, and an output that is one",
    )


def fingerprinted(data: bytes) -> bool:
    """Whether ``data`` holds the mark of a file argmap wrote."""
    head = data[:_HEAD]
    if data.startswith(b"%PDF-"):
        return _PDF.search(data[-_HEAD:]) is not None
    return any(mark.search(head) for mark in _MARKS)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


@attrs.frozen
class Policy:
    """The output policy of one run: its inputs, ``--force`` and ``--follow-links``."""

    inputs: frozenset[tuple[int, int]] = frozenset()
    force: bool = False
    follow_links: bool = False

    @classmethod
    def of(
        cls, inputs: Iterable[str], *, force: bool = False, follow_links: bool = False
    ) -> Policy:
        found = (_identity(path) for path in inputs if path != "-")
        return cls(
            inputs=frozenset(i for i in found if i is not None),
            force=force,
            follow_links=follow_links,
        )

    def existing(self, path: str) -> bytes | None:
        """What is at ``path`` now (``None``: nothing), once it is clear argmap may write there
        at all; raises :class:`Refused` otherwise. Never blocks on a FIFO."""
        try:
            link = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise Refused(f"{shown_path(path)}: {error.strerror or error}") from None
        if stat.S_ISLNK(link.st_mode) and not self.follow_links:
            raise Refused(
                f"{shown_path(path)}: is a symbolic link; argmap does not write through it "
                "(--follow-links replaces the file it points to)"
            )
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            handle = os.open(path, flags)
        except FileNotFoundError:  # a dangling link: the file it names is created
            return None
        except IsADirectoryError:
            raise Refused(f"{shown_path(path)}: is a directory") from None
        except OSError as error:
            raise Refused(f"{shown_path(path)}: {error.strerror or error}") from None
        try:
            info = os.fstat(handle)
            if (info.st_dev, info.st_ino) in self.inputs:
                raise Refused(
                    f"{shown_path(path)}: is an input of this run; argmap never writes over it"
                )
            if stat.S_ISDIR(info.st_mode):
                raise Refused(f"{shown_path(path)}: is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise Refused(
                    f"{shown_path(path)}: is not a regular file; argmap writes only regular files"
                )
            chunks = []
            while chunk := os.read(handle, 1 << 20):
                chunks.append(chunk)
                if sum(map(len, chunks)) > MAX_EXISTING:
                    break
            return b"".join(chunks)
        except OSError as error:
            raise Refused(f"{shown_path(path)}: {error.strerror or error}") from None
        finally:
            os.close(handle)

    def may_replace(self, path: str, existing: bytes | None) -> None:
        """Raise :class:`Refused` unless the file at ``path``, holding ``existing``, is argmap's
        to replace (or ``--force`` says so)."""
        if existing is None or self.force:
            return
        if path.lower().endswith(".arg"):
            raise Refused(
                f"{shown_path(path)}: is a map (.arg); argmap replaces it only with --force"
            )
        if not fingerprinted(existing):
            raise Refused(
                f"{shown_path(path)}: exists and holds no argmap fingerprint, so argmap did not "
                "write it; --force replaces it"
            )

    def write(self, path: str, data: bytes) -> bool:
        """Write ``data`` to ``path`` under the policy; ``False`` when the file already held
        exactly ``data`` (nothing is written). Raises :class:`Refused` or :class:`OSError`."""
        existing = self.existing(path)
        if existing == data:
            return False
        self.may_replace(path, existing)
        write_atomically(path, data)
        return True
