"""The language server over real stdio (pytest-lsp) with hostile positions and slow jobs
(issue 15): every request is answered, and neither a drawing nor a slow check holds up hover."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.test_lsp_server import (
    OPED_TEXT,
    PATIENCE,
    PUBLISH,
    at,
    doc,
    open_document,
    server_fixture,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

client = server_fixture()  # a server of this module's own

# The tea emoji is two UTF-16 code units: character 19 is inside it.
TEXT = "conclusion c: Tea \U0001f375 is good.\n  reason:\n    - It is warm.\n"
POSITIONS = [
    (-1, 0),
    (0, -1),
    (-5, -5),
    (100, 0),
    (0, 1000),
    (0, 19),
    (0, 20),
    (2**31, 0),
    (0, 2**31),
    (2**40, -(2**40)),
    (3, 0),
]


def _position(line: int, character: int) -> types.Position:
    """A position as a hostile client sends it: lsprotocol refuses to make one out of range."""
    position = types.Position(line=0, character=0)
    object.__setattr__(position, "line", line)
    object.__setattr__(position, "character", character)
    return position


def _big_map(claims: int) -> str:
    lines = ["conclusion top: The top claim."]
    for n in range(claims):
        lines += ["  reason:", f"    - Point number {n} is here."]
    return "\n".join(lines) + "\n"


async def test_every_hostile_position_is_answered(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "positions.arg", TEXT)
    sent = []
    for line, character in POSITIONS:
        where = _position(line, character)
        document = doc(uri)
        sent += [
            client.text_document_hover_async(types.HoverParams(document, where)),
            client.text_document_definition_async(types.DefinitionParams(document, where)),
            client.text_document_references_async(
                types.ReferenceParams(
                    context=types.ReferenceContext(include_declaration=True),
                    text_document=document,
                    position=where,
                )
            ),
            client.text_document_prepare_rename_async(types.PrepareRenameParams(document, where)),
            client.text_document_completion_async(types.CompletionParams(document, where)),
            client.text_document_rename_async(types.RenameParams(document, where, "x")),
        ]
    sent.append(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc(uri),
                range=types.Range(start=_position(-1, 0), end=_position(99, -3)),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
    )
    answered = 0
    for future in sent:
        try:
            await asyncio.wait_for(future, PATIENCE)
        except asyncio.TimeoutError:
            raise AssertionError("a request went unanswered") from None
        except Exception as error:  # an error is an answer: "there is no id to rename here"
            assert "rename" in str(error), error
        answered += 1
    assert answered == len(POSITIONS) * 6 + 1
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=at(0, 11))
    )
    assert hover is not None and "claim `c`" in hover.contents.value


async def test_hover_is_answered_while_a_drawing_runs(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "drawing.arg", _big_map(900))
    drawing = asyncio.ensure_future(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="argmap.renderSvg", arguments=[uri])
        )
    )
    await asyncio.sleep(0.2)  # the drawing has started
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=doc(uri), position=at(0, 11))
        ),
        PATIENCE,
    )
    assert hover is not None and "top" in hover.contents.value
    assert not drawing.done(), "the drawing finished first: it did not test anything"
    svg = await asyncio.wait_for(drawing, PATIENCE)
    assert svg.startswith("<?xml") or "<svg" in svg


async def test_a_slow_check_does_not_hold_up_hover(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "slow.arg", OPED_TEXT)
    client.diagnostics.pop(uri, None)
    # Some 8 MB (under the 10 MB limit): well over a second to parse and check, longer than
    # a request waits for the newest analysis (server.SETTLE, 0.5 s).
    slow = _big_map(180_000)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=slow)],
        )
    )
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=doc(uri), position=at(0, 11))
        ),
        PATIENCE,
    )
    assert uri not in client.diagnostics, "the check finished first: it did not test anything"
    del hover  # answered, from the last analysis (the op-ed map), while the check runs
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), PATIENCE)
    assert client.diagnostics[uri] is not None
