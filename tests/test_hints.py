"""The teaching hints (H301-H304), their directives, and how they are turned on.

The textbook examples, clear passes and known false-positive traps are case files in
``tests/cases/hints/`` (format: :mod:`tests.caseloader`); each map turns its hint on with a
``# argmap: hints`` directive, so every case also exercises the directive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.checks import check, check_text, run, selected
from argmap.checks.hints import directives, hint_rules
from argmap.checks.terms import STOP_WORDS, Synonyms, stem, terms, words
from argmap.diagnostics import Severity
from argmap.diagnostics.rules import Rule
from argmap.report.catalogue import lookup
from tests.caseloader import Case, load_cases, params
from tests.test_cases import assert_case

HINTS = Path(__file__).parent / "cases" / "hints"
SOCRATES = "conclusion mortal: Socrates is mortal.\n  reason:\n    - Socrates is a man.\n"


@pytest.mark.parametrize("case", params(HINTS))
def test_hint_case(case: Case) -> None:
    assert_case(case)


@pytest.mark.parametrize("rule", hint_rules(), ids=lambda r: r.code)
def test_each_hint_is_registered_off_by_default_with_cases(rule: Rule) -> None:
    assert rule.code.startswith("H3") and rule.severity is Severity.HINT
    assert not rule.default_enabled and not rule.partial_ok
    assert lookup(rule.name) is rule and lookup(rule.code) is rule
    cases = load_cases(HINTS / f"{rule.code}-{rule.name}.txt")
    trips = [c for c in cases if any(e.code == rule.code for e in c.expected)]
    clean = [c for c in cases if all(e.code != rule.code for e in c.expected)]
    assert len(trips) >= 2 and len(clean) >= 3
    assert any(c.title.startswith("off by default") for c in clean)


def test_hints_are_off_unless_asked_for() -> None:
    assert {d.code for d in check_text(SOCRATES)} == set()
    assert {d.code for d in check_text(SOCRATES, hints=True)} == {"H301", "H302"}
    assert {d.code for d in check_text(SOCRATES, hints=["rabbit-rule"])} == {"H302"}
    assert {d.code for d in check_text(SOCRATES, hints=["H301"])} == {"H301"}
    assert {d.code for d in check_text(SOCRATES, hints="Rabbit-Rule")} == {"H302"}
    assert {d.code for d in check_text(SOCRATES, select=["H302"])} == {"H302"}
    # `selected` treats a default-disabled rule as on only when named exactly.
    rabbit = lookup("H302")
    assert rabbit is not None
    assert not selected(rabbit) and not selected(rabbit, ["H"]) and selected(rabbit, ["H302"])
    with pytest.raises(ValueError, match="unknown teaching hint 'rabit'"):
        check_text(SOCRATES, hints=["rabit"])


def test_select_and_ignore_filter_hints_that_are_on() -> None:
    text = "# argmap: hints\n" + SOCRATES
    assert {d.code for d in check_text(text)} == {"H301", "H302"}
    assert {d.code for d in check_text(text, ignore=["H301"])} == {"H302"}
    assert {d.code for d in check_text(text, ignore=["H"])} == set()
    assert {d.code for d in check_text(text, select=["W"])} == set()  # only warnings
    assert {d.code for d in check_text(text, select=["H"])} == {"H301", "H302"}
    assert {d.code for d in check_text(text, hints=False)} == set()  # the directive ignored
    # A hint both selected and turned on runs once.
    assert [d.code for d in check_text(text, select=["H302"], hints=True)] == ["H302"]


def test_directives_reach_the_library_on_a_map_too() -> None:
    m = argmap.parse("# argmap: hints golden-rule\n" + SOCRATES).map
    assert [d.code for d in check(m)] == ["H301"]
    assert run(m) == ()  # checks.run runs the rules as selected: no directives
    assert [d.code for d in run(m, select=["H301"])] == ["H301"]


def test_hints_wait_while_the_map_has_syntax_errors() -> None:
    # A co-premise on a broken line would make any reason look like a one-premise reason.
    text = "# argmap: hints\n" + SOCRATES + "    implicit All men are mortal.\n"
    codes = {d.code for d in check_text(text)}
    assert "H301" not in codes and "H302" not in codes and codes & {"E001", "E002", "E012"}


def test_directives_are_read_anywhere_and_merged() -> None:
    m = argmap.parse(
        "# argmap: hints rabbit-rule\nconclusion c: Cars are fast.  # argmap: hints H304\n"
        "# argmap: synonyms car automobile\n# argmap: synonyms automobile vehicle motorcar\n"
    ).map
    read = directives(m)
    assert read.hints == {"H302", "H304"} and read.problems == ()
    key = read.synonyms.key
    assert key("motorcars") == key("vehicle") == key("Car") == "car"
    assert key("bicycle") == stem("bicycle")


# Terms ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sanctions", "sanction"),
        ("sanctioned", "sanctions"),
        ("tightening", "tighten"),
        ("countries", "country"),
        ("carried", "carry"),
        ("stopped", "stop"),
        ("running", "runs"),
        ("taxes", "tax"),
        ("destabilised", "destabilize"),
        ("increasingly", "increase"),
        ("men", "man"),
        ("children", "child"),
        ("whales", "whale"),
        ("breathes", "breathe"),
        ("Korea's", "Korea"),
        ("agreed", "agree"),
    ],
)
def test_the_stemmer_matches_inflections(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("bus", "by"), ("press", "pres"), ("analysis", "analyse"), ("need", "ne"), ("string", "str")],
)
def test_the_stemmer_keeps_short_and_special_words_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_terms_drop_stop_words_pronouns_numbers_and_short_words() -> None:
    found = terms("They said it was 90% of his trade, and we all know it: the US is in.")
    assert list(found.values()) == ["said", "trade", "know", "US"]
    for pronoun in "i me we us you he him she her it they them this that who".split():
        assert pronoun in STOP_WORDS
    assert words("pro-US, Kim's don't 2016") == ["pro", "US", "Kim's", "don't"]


def test_synonym_groups_join_through_a_shared_word() -> None:
    s = Synonyms.build([["car", "automobile"], ["vehicle", "automobile"]])
    assert s.key("vehicles") == s.key("cars") == "car"
    assert terms("Vehicles and cars", s) == {"car": "Vehicles"}


# Severity in the editor, explain, CLI -------------------------------------------------------------


def test_the_language_server_shows_hints_as_information() -> None:
    from lsprotocol import types

    from argmap.lsp import features
    from argmap.lsp.analysis import analyse

    analysis = analyse("# argmap: hints\n" + SOCRATES)
    shown = features.diagnostics(analysis, "file:///m.arg")
    assert {d.code for d in shown} == {"H301", "H302"}
    assert {d.severity for d in shown} == {types.DiagnosticSeverity.Information}
    # The evaluation still runs: hints are not errors.
    assert analysis.evaluation() is not None


def test_cli_hints_flag_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    path = tmp_path / "socrates.arg"
    path.write_text(SOCRATES)
    assert main(["check", str(path)]) == 0
    assert "No problems" in capsys.readouterr().out
    assert main(["check", "--hints", str(path)]) == 0  # hints never fail a check by default
    out = capsys.readouterr().out
    assert "H301" in out and "H302" in out
    assert 'rabbit rule: "mortal" in claim `mortal`' in out
    assert main(["check", "--hints", "--fail-on", "hint", str(path)]) == 1
    capsys.readouterr()
    assert main(["check", "--select", "H303", str(path)]) == 0
    assert "H303" not in capsys.readouterr().out  # one co-premise: no holding-hands finding
    assert main(["explain", "rabbit-rule"]) == 0
    assert capsys.readouterr().out.startswith("H302 rabbit-rule (hint")


def test_cli_in_a_subprocess_reads_the_directive(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "socrates.arg"
    path.write_text("# argmap: hints golden-rule\n" + SOCRATES)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert '"code": "H301"' in done.stdout and '"H302"' not in done.stdout


def test_same_hints_across_hash_seeds() -> None:
    from tests.conftest import OPED, outputs_across_hash_seeds

    script = (
        "import sys, argmap\n"
        "r = argmap.parse_file(sys.argv[1])\n"
        "print([(d.code, d.message) for d in argmap.check(r, hints=True)])\n"
    )
    seen = outputs_across_hash_seeds("-c", script, str(OPED))
    assert len(seen) == 1 and "H302" in seen.pop()
