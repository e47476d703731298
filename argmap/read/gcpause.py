"""Pausing Python's cyclic garbage collector while argmap builds many small objects.

Parsing and checking allocate tens of thousands of small objects and create no reference
cycles, so the cyclic collector finds nothing to free; it only rescans everything that is alive,
again and again, which costs a fifth of the time or more on large maps. Reference counting still
frees everything as usual while the collector is paused.

Turning the collector back on is not free either: everything allocated during the pause sits in
the youngest generation, and the next allocation would scan all of it at once (70 ms after
parsing a 10,000-claim map). So what is alive is moved straight to the oldest generation
(``gc.freeze`` then ``gc.unfreeze``), where a full collection will look at it in due course.

A long-lived program that holds what it builds (the language server) asks to ``keep`` it: what is
alive when the last block ends is then frozen for good (``gc.freeze``), out of every
collection's reach, and reference counting still frees it when it is dropped. So that no garbage
is frozen with it, the first block collects what is not frozen yet when it starts: only what was
made since the last block ended, a short scan. Blocks may run in several threads at once: the
collector is off from the first one's start to the last one's end.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused"]

_lock = threading.Lock()
_blocks = 0  # how many blocks are running, in any thread
_enabled = False  # whether the collector was on when the first of them started
_keep = False  # whether one of them asked to keep what was made


@contextlib.contextmanager
def paused(*, keep: bool = False) -> Iterator[None]:
    """Run a block with the cyclic collector off, restoring it after (if it was on).

    ``keep``: freeze what is alive at the end for good (see the module's docstring)."""
    global _blocks, _enabled, _keep
    with _lock:
        if _blocks == 0:
            _enabled = gc.isenabled()
            if keep and _enabled:
                gc.collect()  # the garbage since the last block: none of it is frozen
            gc.disable()
        _blocks += 1
        _keep = _keep or keep
    try:
        yield
    finally:
        with _lock:
            _blocks -= 1
            if _blocks == 0:
                if _enabled:
                    if _keep:
                        gc.freeze()
                        gc.enable()
                    else:
                        _resume()
                _keep = False


def _resume() -> None:
    if gc.get_freeze_count():  # the program froze objects itself (before a fork): leave them
        gc.enable()
        return
    gc.freeze()  # the youngest generation is emptied into the permanent one...
    gc.enable()
    gc.unfreeze()  # ...and that into the oldest, with no scan
