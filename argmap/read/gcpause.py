"""Pausing Python's cyclic garbage collector while argmap builds many small objects.

Parsing and checking allocate tens of thousands of small objects and create no reference
cycles, so the cyclic collector finds nothing to free; it only rescans everything that is alive,
again and again, which costs a fifth of the time or more on large maps. Reference counting still
frees everything as usual while the collector is paused.

Turning the collector back on is not free either: everything allocated during the pause sits in
the youngest generation, and the next allocation would scan all of it at once (70 ms after
parsing a 10,000-claim map). So what is alive is moved straight to the oldest generation
(``gc.freeze`` then ``gc.unfreeze``), where a full collection will look at it in due course.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run a block with the cyclic collector off, restoring it after (if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _resume()


def _resume() -> None:
    if gc.get_freeze_count():  # the program froze objects itself (before a fork): leave them
        gc.enable()
        return
    gc.freeze()  # the youngest generation is emptied into the permanent one...
    gc.enable()
    gc.unfreeze()  # ...and that into the oldest, with no scan
