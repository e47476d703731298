"""The collector pause: off inside, restored after, and what was made moved to the oldest
generation without a scan, unless the program froze objects of its own."""

from __future__ import annotations

import gc
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
