"""What the benchmark scripts share: timing a piece of work, and timing a whole process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence

__all__ = ["best_cpu", "best_wall", "process"]


def best_cpu(repeat: int, work: Callable[[], object]) -> float:
    """The best CPU time of ``repeat`` runs. CPU rather than wall time for in-process stages,
    because a shared machine's load inflates wall time far more than the CPU a stage needs."""
    return _best(repeat, work, time.process_time)


def best_wall(repeat: int, work: Callable[[], object]) -> float:
    """The best wall time of ``repeat`` runs."""
    return _best(repeat, work, time.perf_counter)


def _best(repeat: int, work: Callable[[], object], clock: Callable[[], float]) -> float:
    # What the work returns is dropped after the clock stops: freeing a large map costs time
    # (65 ms at 100,000 claims) that `argmap check`, which ends with os._exit, never spends.
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        made = work()
        best = min(best, clock() - start)
        del made
    return best


# A child that runs the command as its own child, so the peak memory reported is that command's
# alone (RUSAGE_CHILDREN of a fresh process holds only what it waited for).
_PROBE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
    ".returncode\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps([code, wall, usage.ru_maxrss]))\n"
)


def process(
    command: Sequence[str], env: Mapping[str, str] | None = None
) -> tuple[int, float, float]:
    """Run a command once (in ``env``, if given): its exit code, wall seconds and peak
    resident memory in MiB."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=None if env is None else dict(env),
    )
    code, wall, peak_kib = json.loads(done.stdout)
    return code, wall, peak_kib / 1024
