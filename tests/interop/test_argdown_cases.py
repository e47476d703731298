"""Argdown's documented syntax, one case of our own per rule of the Argdown guide, each with
the map it must import as and what the import must report.

The cases are in ``argdown-cases/``: ``NAME.argdown`` (written for argmap from the guide's
rules, not copied from Argdown), ``NAME.arg`` (the expected map) and ``NAME.diagnostics`` (the
expected diagnostics, one ``line:column code message`` a line). A case named ``invalid-...``
is one that Argdown reads as a syntax error; every other case is one Argdown reads, which the
last test checks with the Argdown CLI where it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import argmap
from argmap.interop import argdown
from tests.conftest import golden
from tests.interop.test_argdown_oracle import ARGDOWN

CASES = Path(__file__).parent / "argdown-cases"
NAMES = sorted(p.stem for p in CASES.glob("*.argdown"))


def test_the_cases_are_there() -> None:
    assert len(NAMES) >= 12


@pytest.mark.parametrize("name", NAMES)
def test_case_imports_as_expected(name: str, update_goldens: bool) -> None:
    imported = argdown.read((CASES / f"{name}.argdown").read_bytes())
    golden(CASES / f"{name}.arg", imported.text, update_goldens)
    found = "".join(
        f"{d.span.line}:{d.span.column} {d.code} {d.message}\n" if d.span else f"- {d.code} {d}\n"
        for d in imported.diagnostics
    )
    golden(CASES / f"{name}.diagnostics", found, update_goldens)
    assert not [d for d in argmap.check(imported.map) if d.severity is argmap.Severity.ERROR]


def test_argdown_reads_the_valid_cases_and_rejects_the_invalid(tmp_path: Path) -> None:
    if shutil.which("node") is None or not ARGDOWN.exists():
        pytest.skip("the Argdown CLI is not installed: npm ci --prefix bench/argdown")
    subprocess.run(
        [str(ARGDOWN), "json", str(CASES / "*.argdown"), str(tmp_path)],
        capture_output=True,
        timeout=600,
        check=False,
    )
    read = sorted(p.stem for p in tmp_path.glob("*.json"))
    assert read == [n for n in NAMES if not n.startswith("invalid-")]
