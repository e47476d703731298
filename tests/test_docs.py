"""The docs stay true: every example map in them parses, and every golden they cite exists."""

from __future__ import annotations

import re

import pytest

import argmap
from tests.conftest import ROOT

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^( *)```(\S*)$")


def _blocks(text: str) -> list[tuple[str, str]]:
    """Fenced code blocks as (info string, body), the body dedented to its fence."""
    blocks = []
    opened: tuple[int, str, list[str]] | None = None
    for line in text.splitlines():
        fence = FENCE.match(line)
        if opened is None and fence:
            opened = (len(fence.group(1)), fence.group(2), [])
        elif opened is not None and fence and not fence.group(2):
            blocks.append((opened[1], "".join(x[opened[0] :] + "\n" for x in opened[2])))
            opened = None
        elif opened is not None:
            opened[2].append(line)
    return blocks


def _example_maps() -> list[tuple[str, str]]:
    """Untagged fenced blocks whose first line reads like a map statement."""
    found = []
    for doc in DOCS:
        for index, (info, body) in enumerate(_blocks(doc.read_text(encoding="utf-8"))):
            first = body.lstrip().split("\n", 1)[0]
            if not info and re.match(r"(#|title:|source |conclusion|claim |[\w-]+:|- )", first):
                found.append((f"{doc.name}#{index}", body))
    return found


@pytest.mark.parametrize(("where", "text"), _example_maps(), ids=lambda v: v if "#" in v else "")
def test_example_maps_in_the_docs_parse(where: str, text: str) -> None:
    result = argmap.parse(text)
    assert result.ok, (where, result.diagnostics)


def test_the_language_reference_has_examples() -> None:
    assert sum(name.startswith("language.md") for name, _ in _example_maps()) >= 8


def test_cited_goldens_exist() -> None:
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"Golden: ((?:`[\w-]+`(?:,\s+)?)+)", text))
    names = {name for group in cited for name in re.findall(r"`([\w-]+)`", group)}
    assert len(names) >= 15
    folder = ROOT / "tests" / "cases" / "language"
    missing = sorted(n for n in names if not (folder / f"{n}.arg").exists())
    assert not missing, missing


def _api_examples() -> list[object]:
    blocks = _blocks((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    found = [
        pytest.param(body, id=f"block{index}")
        for index, (info, body) in enumerate(blocks)
        # A class shown for its shape is not run.
        if info == "python" and not body.lstrip().startswith("@attrs")
    ]
    assert len(found) >= 8
    return found


@pytest.mark.parametrize("body", _api_examples())
def test_python_examples_in_the_api_docs_run(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ```python block of docs/api.md runs on its own, in a fresh namespace, from the repo
    root: a reader can paste any one of them."""
    monkeypatch.chdir(ROOT)
    exec(compile(body, "docs/api.md", "exec"), {"__name__": "__docs__"})


def test_the_api_docs_quote_what_the_code_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comments in docs/api.md that quote output quote what the code really prints."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    copy = argmap.parse_file("maps/us-china-north-korea.arg")
    explained = argmap.compare(copy, copy).explain()
    assert explained.startswith("17 of 17 claims found and 14 of 14 ")
    assert explained.endswith(": 31/31 = 100%")
    assert '"17 of 17 claims found and 14 of 14 ... reproduced exactly: 31/31 = 100%"' in text
    assert "15 of 17" not in text


def test_ci_runs_the_readme_commands() -> None:
    """The README's first screen has two commands; CI runs the second, verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("---", 1)[0]
    commands = [body.strip() for info, body in _blocks(first_screen) if info == "sh"]
    assert len(commands) == 2
    install_and_render, test = commands
    assert "pip install ." in install_and_render
    assert "argmap render maps/us-china-north-korea.arg" in install_and_render
    assert "-o us-china-north-korea.svg" in install_and_render
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
