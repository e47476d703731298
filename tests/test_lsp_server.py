"""The language server end to end: ``python -m argmap lsp`` over real stdio, driven by pytest-lsp.

One server process serves the whole module (each test opens its own document), which keeps the
suite fast while every request still crosses a real pipe as JSON-RPC.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient

from argmap.checks import check_text

pytestmark = pytest.mark.asyncio(loop_scope="module")

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
# A safety net against a hung server, not a speed check.
PATIENCE = 60


def server_fixture():
    """The ``client`` fixture: a real ``argmap lsp`` process, one per test module that makes it
    (``client = server_fixture()``), with a session opened as VS Code opens one."""

    @pytest_lsp.fixture(
        scope="module",
        config=ClientServerConfig(
            server_command=[sys.executable, "-m", "argmap", "lsp", "--stdio"]
        ),
    )
    async def client(lsp_client: LanguageClient):
        await lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
                root_uri=OPED.parent.as_uri(),
            )
        )
        yield
        await lsp_client.shutdown_session()

    return client


client = server_fixture()


# The op-ed map with one mistake: `sanctons` (line 55) is not defined.
BROKEN_LINE = "objection to sanctons:\n  - Sanctions leak through smuggling across the 😀 border.\n"
OPED_TEXT = OPED.read_text(encoding="utf-8")
WITH_ERROR = OPED_TEXT + "\n" + BROKEN_LINE


async def diagnostics_after(client: LanguageClient, uri: str, send) -> list[types.Diagnostic]:
    """Send a notification and wait for the diagnostics it causes."""
    client.diagnostics.pop(uri, None)
    send()
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), PATIENCE)
    return list(client.diagnostics[uri])


async def open_document(client: LanguageClient, name: str, text: str) -> tuple[str, list]:
    uri = (OPED.parent / name).as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="argmap", version=1, text=text)
    found = await diagnostics_after(
        client,
        uri,
        lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item)),
    )
    return uri, found


async def change_document(client: LanguageClient, uri: str, version: int, text: str) -> list:
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
    )
    return await diagnostics_after(client, uri, lambda: client.text_document_did_change(params))


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def test_diagnostics_codes_ranges_and_utf16(client: LanguageClient) -> None:
    _uri, found = await open_document(client, "diagnostics.arg", WITH_ERROR)
    errors = [d for d in found if d.code == "E101"]
    assert len(errors) == 1
    error = errors[0]
    line = WITH_ERROR.splitlines().index("objection to sanctons:")
    assert error.range == types.Range(start=at(line, 13), end=at(line, 21))
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.source == "argmap"
    assert "did you mean `sanctions`?" in error.message
    # An emoji before a mistake shifts UTF-16 columns by two units.
    text = "conclusion c: Tea 😀 is good. [nobody]\n"
    _uri2, found2 = await open_document(client, "emoji.arg", text)
    source_error = next(d for d in found2 if d.code == "E101")
    assert source_error.range.start == at(0, text.index("nobody") + 1)


async def test_related_information_and_warning_severity(client: LanguageClient) -> None:
    text = "conclusion c: Tea.\n  reason:\n    a: Warm.\n    a: Hot.\n"
    uri, found = await open_document(client, "related.arg", text)
    duplicate = next(d for d in found if d.code == "E102")
    assert duplicate.related_information is not None
    first = duplicate.related_information[0]
    assert first.location.uri == uri and first.location.range.start == at(2, 4)
    _uri2, found2 = await open_document(client, "warning.arg", "claim c: Tea.\n")
    expected = [d.code for d in check_text("claim c: Tea.\n")]  # the command line's codes
    assert expected and [d.code for d in found2] == expected
    assert all(d.severity == types.DiagnosticSeverity.Warning for d in found2)


PENDING = "Evaluation: being computed for this version"


async def evaluated_hover(client: LanguageClient, uri: str, position: types.Position) -> Any:
    """The hover at ``position`` once it shows the evaluation: a hover never waits for it, so
    until it is computed hover says it is on its way (and has it computed at once)."""
    for _ in range(200):
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=doc(uri), position=position)
        )
        if hover is None or PENDING not in hover.contents.value:
            return hover
        await asyncio.sleep(0.05)
    raise AssertionError("the evaluation was never computed")


def same_but_pending(found: types.Hover | None, expected: types.Hover | None) -> bool:
    """Whether ``found`` is ``expected`` with its evaluation still being computed."""
    if found is None or expected is None or found.range != expected.range:
        return False
    *rest, last = found.contents.value.split("\n\n")
    *rest_expected, last_expected = expected.contents.value.split("\n\n")
    return (
        rest == rest_expected
        and last.startswith(PENDING)
        and last_expected.startswith("Evaluation: **")
    )


async def test_broken_and_back(client: LanguageClient) -> None:
    uri, found = await open_document(client, "edit.arg", OPED_TEXT)
    assert found == []
    lines = OPED_TEXT.splitlines()
    pressure = next(i for i, line in enumerate(lines) if "reason pressure:" in line)
    position = at(pressure, lines[pressure].index("pressure") + 1)
    hover = await evaluated_hover(client, uri, position)
    assert hover is not None and hover.contents.value.endswith(
        "Evaluation: **OUT** because objection `credibility` to its inference stands: none of "
        "its co-premises is opposed"
    )
    # Half-typed: the user is in the middle of a new group header and an `@`.
    # The line defining `sanctions` loses its colon, so the current map has no `sanctions`.
    half = OPED_TEXT.replace("sanctions: Beijing", "sanctions Beijing") + (
        "reason for clos\n  @\n  objection [rea"
    )
    found = await change_document(client, uri, 2, half)
    assert found and all(d.source == "argmap" for d in found)
    assert {d.code for d in found} & {"E001", "E002", "E006", "E008", "E012"}
    # The server still answers on the broken document, from the last good map for hover.
    defining = next(i for i, line in enumerate(lines) if line.lstrip().startswith("sanctions:"))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=at(defining, 6))
    )
    assert hover is not None and "claim `sanctions`" in hover.contents.value
    assert "90% of North Korea" in hover.contents.value.replace("\\", "")
    assert "Evaluation: needs a map without errors" in hover.contents.value
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(uri))
    )
    assert symbols and symbols[0].name == "closer"
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert not edits  # never format a document with syntax errors
    found = await change_document(client, uri, 3, OPED_TEXT)
    assert found == []
    hover = await evaluated_hover(client, uri, at(8, 12))  # `closer`
    assert hover is not None and hover.contents.value.startswith("**claim `closer`**")
    assert "Evaluation: **IN** because reason `squeeze` stands" in hover.contents.value


async def test_hover_definition_references(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "navigate.arg", WITH_ERROR)
    lines = WITH_ERROR.splitlines()
    reuse_line = next(i for i, line in enumerate(lines) if line.strip() == "@too-far")
    column = lines[reuse_line].index("too-far")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=at(reuse_line, column + 2))
    )
    assert hover is not None
    assert "claim `too-far`" in hover.contents.value
    assert "Attribution: `reader`" in hover.contents.value
    assert "Supports: claim `blockade`, claim `prediction`" in hover.contents.value
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=at(reuse_line, column))
    )
    definition_line = next(i for i, line in enumerate(lines) if "too-far:" in line)
    assert found == [
        types.Location(
            uri=uri,
            range=types.Range(
                start=at(definition_line, lines[definition_line].index("too-far")),
                end=at(definition_line, lines[definition_line].index("too-far") + 7),
            ),
        )
    ]
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(uri),
            position=at(definition_line, 12),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted(r.range.start.line for r in refs) == [definition_line, reuse_line]
    # Sources: `[reader]` goes to `source reader:`.
    cite_line = next(i for i, line in enumerate(lines) if "[reader]:" in line)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=doc(uri), position=at(cite_line, lines[cite_line].index("reader"))
        )
    )
    assert [loc.range.start for loc in found] == [at(6, 7)]


async def test_rename(client: LanguageClient) -> None:
    uri, found = await open_document(client, "rename.arg", WITH_ERROR)
    lines = WITH_ERROR.splitlines()
    reuse_line = next(i for i, line in enumerate(lines) if line.strip() == "@too-far")
    position = at(reuse_line, lines[reuse_line].index("too-far") + 1)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc(uri), position=position)
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(uri), position=position, new_name="too-late")
    )
    assert edit is not None and edit.changes is not None
    assert len(edit.changes[uri]) == 2
    assert {e.new_text for e in edit.changes[uri]} == {"too-late"}
    # The inserted mistake gets its "did you mean" quick fix.
    (mistake,) = [d for d in found if d.code == "E101"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=mistake.range,
            context=types.CodeActionContext(diagnostics=[mistake]),
        )
    )
    (fix,) = [a for a in actions if a.title == "Change to `sanctions`"]
    assert fix.edit is not None and fix.edit.changes is not None
    assert [e.range for e in fix.edit.changes[uri]] == [mistake.range]
    for bad in ("reason", "two words", "9lives", "a.b", "closer"):
        with pytest.raises(Exception, match=r"keyword|not an id|already defined"):
            await client.text_document_rename_async(
                types.RenameParams(text_document=doc(uri), position=position, new_name=bad)
            )


async def test_completion(client: LanguageClient) -> None:
    text = OPED_TEXT + "objection to \n  @\nclaim x: Text. [\n  \n"
    uri, _ = await open_document(client, "complete.arg", text)
    base = len(OPED_TEXT.splitlines())

    async def labels(line: int, character: int) -> set[str]:
        result = await client.text_document_completion_async(
            types.CompletionParams(text_document=doc(uri), position=at(line, character))
        )
        items = result.items if isinstance(result, types.CompletionList) else result or []
        return {item.label for item in items}

    assert {"sanctions", "closer", "squeeze"} <= await labels(base, 13)  # to: claims and groups
    reused = await labels(base + 1, 3)
    assert "too-far" in reused and "squeeze" not in reused  # @: claims only
    assert await labels(base + 2, 16) == {"hammond", "reader"}
    assert await labels(base + 3, 2) == {"claim", "implicit", "reason", "objection", "rebuttal"}


async def test_symbols_formatting_and_code_actions(client: LanguageClient) -> None:
    text = "source s: S\nconclusion   c: Tea. [s, nobody]\n\treason:\n\t\t- Warm.\n"
    uri, found = await open_document(client, "actions.arg", text)
    assert {d.code for d in found} >= {"E005"}
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=types.Range(start=at(0, 0), end=at(3, 0)),
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    titles = {a.title for a in actions if isinstance(a, types.CodeAction)}
    assert "Indent with spaces instead of tabs" in titles
    # Fix the tabs, then the missing source.
    fixed = text.replace("\t\t", "    ").replace("\t", "  ")
    found = await change_document(client, uri, 2, fixed)
    assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == ["E101"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    declare = next(a for a in actions if a.title == "Declare source `nobody`")
    assert declare.edit is not None
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(uri))
    )
    assert [s.name for s in symbols] == ["c", "s"]
    assert symbols[0].children[0].name == "reason"
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert len(edits) == 1
    assert (
        edits[0].new_text
        == "source s: S\n\nconclusion c: Tea. [s, nobody]\n  reason:\n    - Warm.\n"
    )


async def test_render_command(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "render.arg", OPED_TEXT)
    try:
        import argmap.render  # noqa: F401
    except ImportError:
        with pytest.raises(Exception, match="not available"):
            await client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="argmap.renderSvg", arguments=[uri])
            )
        return
    svg = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="argmap.renderSvg", arguments=[uri])
    )
    assert isinstance(svg, str) and "<svg" in svg
    overlay = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="argmap.renderSvg", arguments=[{"uri": uri, "evaluate": True}]
        )
    )
    assert "node claim conclusion in" in overlay and "node claim conclusion in" not in svg


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Send the document's whole new text, as a client with whole-text sync does."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def _published(client: LanguageClient, uri: str, expected: list) -> Any:
    """Wait until the diagnostics published for ``uri`` are ``expected`` (a safety net bounds
    the wait; a server that never gets there fails the test). Both as JSON has them."""
    converter = default_converter()
    want = converter.unstructure(expected)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while True:
        found = converter.unstructure(list(client.diagnostics.get(uri, [])))
        if found == want or loop.time() > deadline:
            return found, want
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(client.wait_for_notification(PUBLISH), 1)


@pytest.mark.parametrize("seed", range(3))
async def test_random_edits_get_the_diagnostics_and_hovers_of_a_fresh_analysis(
    client: LanguageClient, seed: int
) -> None:
    """Edits one at a time, then in bursts the server folds: after each, what the server says
    is what a fresh analysis of the text says (the evaluation it hands on included)."""
    from argmap.lsp import features
    from argmap.lsp.analysis import analyse
    from tests.lsp_edits import sequence

    rng = random.Random(seed)
    uri, _ = await open_document(client, f"random-{seed}.arg", OPED_TEXT)
    good = analyse(OPED_TEXT)
    texts = sequence(rng, OPED_TEXT, 30)
    version = 1
    for number, text in enumerate(texts):
        burst = [text] if number % 5 else [*rng.sample(texts, 3), text]
        for sent in burst:
            version += 1
            _change(client, uri, version, sent)
        fresh = analyse(text)
        found, expected = await _published(client, uri, features.diagnostics(fresh, uri))
        assert found == expected
        lines = text.split("\n")
        for line in rng.sample(range(len(lines)), 4):
            position = at(line, len(lines[line]) - len(lines[line].lstrip()) + 1)
            found = await client.text_document_hover_async(
                types.HoverParams(text_document=doc(uri), position=position)
            )
            expected = features.hover(fresh, position, good)
            assert found == expected or same_but_pending(found, expected), (text, position)
        if fresh.result.ok:
            good = fresh


@pytest.mark.parametrize("kind", ["text_edit", "line_edit"])
async def test_edits_of_texts_and_lines_get_the_diagnostics_and_hovers_of_a_fresh_analysis(
    client: LanguageClient, kind: str
) -> None:
    """Edits that mostly leave the structure alone, or rewrite a line in place (the server then
    analyses each from the one before: argmap/lsp/incremental.py), one after another: what the
    server says is what a fresh analysis says."""
    from argmap.lsp import features
    from argmap.lsp.analysis import analyse
    from tests import lsp_edits

    make = getattr(lsp_edits, kind)
    rng = random.Random(11)
    uri, _ = await open_document(client, f"{kind}.arg", OPED_TEXT)
    good = analyse(OPED_TEXT)
    text = OPED_TEXT
    for version in range(2, 32):
        text = make(rng, text)
        _change(client, uri, version, text)
        fresh = analyse(text)
        found, expected = await _published(client, uri, features.diagnostics(fresh, uri))
        assert found == expected
        lines = text.split("\n")
        for line in rng.sample(range(len(lines)), 3):
            position = at(line, len(lines[line]) - len(lines[line].lstrip()) + 1)
            hover = await client.text_document_hover_async(
                types.HoverParams(text_document=doc(uri), position=position)
            )
            wanted = features.hover(fresh, position, good)
            assert hover == wanted or same_but_pending(hover, wanted), (text, position)
        if fresh.result.ok:
            good = fresh


async def test_typing_under_a_claim_while_another_line_is_broken(client: LanguageClient) -> None:
    """A reason typed a key at a time into the middle of the map while a line at its end does
    not parse: each version is made from the one before with the lines it cannot read carried
    over and moved down (argmap/lsp/splice.py), and what the server says is what a fresh
    analysis says."""
    from argmap.lsp import features
    from argmap.lsp.analysis import analyse

    # The last line has no `:`: the words on it are unread, and so `@later` may name a claim
    # it defines (E101 holds its tongue); were they lost or not moved, E101 would speak.
    broken = OPED_TEXT + "reason for closer:\n  @later\n  - One.\n  - Two.\nlater is half typed\n"
    uri, _ = await open_document(client, "typing.arg", broken)
    anchor = "    implicit aligned: Tightening sanctions is the US approach to North Korea.\n"
    assert anchor in broken
    typed = "      objection:\n        - Not the same approach [reader]"
    version = 1
    for end in range(1, len(typed) + 1):
        text = broken.replace(anchor, anchor + typed[:end] + "\n")
        version += 1
        _change(client, uri, version, text)
        fresh = analyse(text)
        assert not fresh.result.complete  # the last line is still broken
        assert "E101" not in {d.code for d in fresh.diagnostics}
        found, expected = await _published(client, uri, features.diagnostics(fresh, uri))
        assert found == expected, typed[:end]
