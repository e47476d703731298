"""The package reads like its pipeline (docs/architecture.md): each stage imports only earlier
stages, no two modules import each other in a circle, and the architecture page names only
modules that exist and every folder there is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from argmap.checks.graphs import strongly_connected
from tests.conftest import ROOT

PACKAGE = ROOT / "argmap"

# The stages in pipeline order: a module may import its own stage and earlier ones.
STAGES: tuple[tuple[str, ...], ...] = (
    ("version", "model"),  # the vocabulary every stage shares
    ("diagnostics",),  # what a stage reports, and the registry of codes
    ("grammar", "read"),  # text -> model
    ("checks",),  # model -> diagnostics
    ("evaluation",),  # which claims stand
    ("write",),  # model -> .arg text, JSON, outline
    ("render", "interop", "teach"),  # diagrams, other formats, teaching tools
    ("report",),  # views of diagnostics, the catalogue of every code
    ("markdown", "lsp", "editors", "cli", "__main__"),  # what serves users
)
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}
FRONT_DOOR = "argmap"  # argmap/__init__.py: the public API, allowed to name every stage


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "grammar":  # the top-level grammar/ folder is installed as argmap.grammar
        parts.insert(0, "argmap")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "grammar").glob("*.py")]
    return {_module_name(p): p for p in sorted(files)}


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The argmap modules this one imports, anywhere in it (type-only imports included)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {m for m in found if m in MODULES}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> str:
    return module.split(".")[1] if "." in module else FRONT_DOOR


def test_every_module_belongs_to_a_stage() -> None:
    unknown = sorted({_stage(m) for m in MODULES} - set(RANK) - {FRONT_DOOR})
    assert unknown == [], f"add {unknown} to STAGES and to docs/architecture.md"


def test_the_top_level_holds_only_entry_modules() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "markdown", "model", "version"]


def _later_imports(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} (stage {_stage(module)}) imports {imported}"
        for module, imported_set in sorted(graph.items())
        if module != FRONT_DOOR
        for imported in sorted(imported_set)
        if imported == FRONT_DOOR or RANK[_stage(imported)] > RANK[_stage(module)]
    ]


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    names = sorted(graph)
    index = {n: i for i, n in enumerate(names)}
    successors = [[index[m] for m in sorted(graph[n]) if m in index] for n in names]
    return sorted(
        sorted(names[i] for i in component)
        for component in strongly_connected(len(names), successors)
        if len(component) > 1
    )


def test_no_module_imports_a_later_stage() -> None:
    assert _later_imports(GRAPH) == []


def test_no_import_circles() -> None:
    assert _circles(GRAPH) == []


def test_the_rules_catch_what_they_are_for() -> None:
    # What the issue that set these rules found: the model drawing itself, parser <-> lark.
    graph = {
        "argmap.model": {"argmap.render"},
        "argmap.render": {"argmap.model"},
        "argmap.read.parser": {"argmap.read.lark_lines"},
        "argmap.read.lark_lines": {"argmap.read.parser"},
        "argmap.checks.x": {"argmap"},
    }
    assert _later_imports(graph) == [
        "argmap.checks.x (stage checks) imports argmap",
        "argmap.model (stage model) imports argmap.render",
    ]
    assert _circles(graph) == [
        ["argmap.model", "argmap.render"],
        ["argmap.read.lark_lines", "argmap.read.parser"],
    ]


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "named", sorted(set(re.findall(r"`(argmap/[\w/]+(?:\.py)?|grammar/[\w.]+)`", ARCHITECTURE)))
)
def test_the_architecture_page_names_what_exists(named: str) -> None:
    assert (ROOT / named).exists(), f"docs/architecture.md names {named}, which is not there"


def test_the_architecture_page_names_every_folder_and_entry_module() -> None:
    folders = sorted(f"argmap/{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    entries = sorted(f"argmap/{p.name}" for p in PACKAGE.glob("*.py"))
    missing = [name for name in [*folders, *entries] if f"`{name}`" not in ARCHITECTURE]
    assert missing == []
