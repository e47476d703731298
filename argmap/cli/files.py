"""Writing files without losing data: every file argmap writes goes through here."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Callable

__all__ = ["FileChanged", "new_file_mode", "write_atomically"]


class FileChanged(Exception):
    """The file changed since it was read (an editor saved it): it was left as it is."""


@functools.cache
def new_file_mode() -> int:
    """The permissions a new file gets under the process's umask (``0o644`` under ``022``).

    The umask can only be read by setting it, so this reads it once; call it before starting
    threads that create files.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(
    path: str | os.PathLike[str], data: bytes, *, unchanged: Callable[[], bool] | None = None
) -> None:
    """Replace the file at ``path`` with ``data``, so that readers see the old file or the new,
    never half of one, even if argmap is killed while writing.

    The bytes go to a temporary file in the same folder, reach the disk (fsync), and replace the
    target in one step (``os.replace``). An existing file keeps its permissions; a new one gets
    the umask's. Symlinks are followed: the file they point to is replaced, the link stays
    (:mod:`argmap.cli.outputs` decides whether to write through one at all).

    ``unchanged``, when given, is asked right before the replace whether the file is still as
    it was read; if not, nothing is replaced and :class:`FileChanged` is raised.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix="." + os.path.basename(target) + ".", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if unchanged is not None and not unchanged():
            raise FileChanged(os.fspath(path))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    try:  # make the rename itself durable; not every platform lets a folder be opened
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)
