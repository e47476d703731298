"""The TextMate grammar: generated from the lark grammar, and right in VS Code's own engine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.editors.textmate import SCOPE, grammar_json

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TMLANGUAGE = ROOT / "grammar" / "argmap.tmLanguage.json"
LARK = ROOT / "grammar" / "argmap.lark"


def _regexes(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [
            v for k, v in node.items() if k in ("match", "begin", "end") and isinstance(v, str)
        ]
        for value in node.values():
            found += _regexes(value)
        return found
    if isinstance(node, list):
        return [r for item in node for r in _regexes(item)]
    return []


def test_keywords_are_exactly_those_of_the_lark_grammar() -> None:
    # Read both files as text, independently of the generator: the words in the lark grammar's
    # string literals, and the words in the TextMate grammar's alternations.
    lark_words = set(re.findall(r'"([a-z]+)"', LARK.read_text(encoding="utf-8")))
    assert lark_words >= {"conclusion", "reason", "for", "to", "title", "source"}
    grammar = json.loads(TMLANGUAGE.read_text(encoding="utf-8"))
    tm_words: set[str] = set()
    for regex in _regexes(grammar):
        for group in re.findall(r"\(([a-z]+(?:\|[a-z]+)*)\)", regex):
            tm_words.update(group.split("|"))
    assert tm_words == lark_words


def test_committed_grammar_is_the_generated_one() -> None:
    assert TMLANGUAGE.read_text(encoding="utf-8") == grammar_json(), (
        "grammar/argmap.tmLanguage.json is stale: "
        "python -m argmap.editors.textmate > grammar/argmap.tmLanguage.json"
    )
    assert json.loads(grammar_json())["scopeName"] == SCOPE


def test_grammar_in_vscode_textmate() -> None:
    """Every ``*.test.arg`` here, tokenised by vscode-textmate with oniguruma."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    binary = HERE / "node_modules" / ".bin" / "vscode-tmgrammar-test"
    if not binary.exists():
        pytest.fail(
            "vscode-tmgrammar-test is not installed: run `npm ci --prefix tests/textmate` "
            "(CI does this in .ci/run)"
        )
    tests = sorted(p.name for p in HERE.glob("*.test.arg"))
    assert len(tests) >= 2
    done = subprocess.run(
        ["npx", "--no-install", "vscode-tmgrammar-test", "-g", str(TMLANGUAGE), *tests],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("run successfuly") == len(tests), done.stdout
