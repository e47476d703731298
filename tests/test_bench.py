"""bench/ stays runnable: a quick run of the whole suite (no timings are asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_suite_runs_quickly_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--no-argdown"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("In-process stages", "Rendering", "Whole processes", "Language server"):
        assert f"## {heading}" in out
    assert "| 100 | 175 |" in out  # the 100-claim map's row: the generator is deterministic
    assert "| check, 10 claims: under 0.25 s |" in out
    # the growth table, measured in a new process for each map
    assert "| claims | per claim | against 10 claims |" in out
    for claims in (10, 100):
        assert re.search(
            rf"^\| {claims} \| [0-9.]+ µs \| [0-9.]+ \| [0-9.]+ µs \| [0-9.]+ \|$", out, re.M
        )


def test_check_bench_runs_side_by_side_with_another_checkout() -> None:
    command = [sys.executable, str(ROOT / "bench" / "check_bench.py"), "50", "--repeat", "1"]
    done = subprocess.run(
        [*command, "--against", str(ROOT), "--only-processes"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "side by side, 50 claims" in done.stdout and f"argmap of {ROOT}" in done.stdout
