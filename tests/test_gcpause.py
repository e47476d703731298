"""The collector pause: off inside, restored after, and what was made moved to the oldest
generation without a scan, unless the program froze objects of its own."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from argmap.read import gcpause


@pytest.fixture(autouse=True)
def _collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_on_after() -> None:
    gc.enable()
    with gcpause.paused():
        assert not gc.isenabled()
        made = [[] for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing left frozen
    assert made


def test_stays_off_if_it_was_off() -> None:
    gc.disable()
    with gcpause.paused():
        pass
    assert not gc.isenabled()


def test_restored_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(ValueError), gcpause.paused():
        raise ValueError
    assert gc.isenabled()


def test_what_was_made_skips_the_young_generations() -> None:
    gc.enable()
    gc.collect()
    with gcpause.paused():
        made = [[] for _ in range(5000)]
    young = gc.get_count()[0]
    assert young < 100  # re-enabling left no backlog for the next allocation to scan
    assert all(gc.is_tracked(m) for m in made)


def test_a_programs_own_frozen_objects_stay_frozen() -> None:
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with gcpause.paused():
        _ = [[] for _ in range(100)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_kept_what_is_alive_is_frozen_and_the_garbage_before_is_not() -> None:
    gc.enable()
    garbage = _Cycle()
    gone = weakref.ref(garbage)
    del garbage  # a cycle: only a collection frees it
    with gcpause.paused(keep=True):
        made = [[] for _ in range(1000)]
    assert gc.isenabled()
    assert gone() is None  # collected when the block started, not frozen with what it made
    assert gc.get_freeze_count() >= len(made)


def test_blocks_in_two_threads_freeze_when_both_are_done() -> None:
    gc.enable()
    inside = threading.Event()
    release = threading.Event()
    seen: list[bool] = []

    def build() -> None:
        with gcpause.paused(keep=True):
            inside.set()
            release.wait(30)

    worker = threading.Thread(target=build)
    worker.start()
    assert inside.wait(30)
    with gcpause.paused(keep=True):
        made = [[] for _ in range(1000)]
        seen.append(gc.isenabled())
    seen.append(gc.isenabled())  # the other block is still at work
    frozen_before = gc.get_freeze_count()
    release.set()
    worker.join(30)
    assert seen == [False, False] and gc.isenabled()
    assert frozen_before == 0 and gc.get_freeze_count() >= len(made)
