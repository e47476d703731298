"""The language server under stress, over real stdio (pytest-lsp): binary garbage, a 5 MB
document, a document past the size limit, rapid edits, versions out of order, cancelled requests.

The server must never die, never write anything but protocol to stdout (pytest-lsp fails on a
line it cannot parse), keep the last good map for hover and navigation, and never format a
document with errors.
"""

from __future__ import annotations

import asyncio
import random

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.test_lsp_server import (
    OPED_TEXT,
    PATIENCE,
    PUBLISH,
    at,
    change_document,
    doc,
    open_document,
    server_fixture,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

client = server_fixture()  # a server of this module's own


def _closer(uri: str) -> types.HoverParams:
    return types.HoverParams(text_document=doc(uri), position=at(8, 12))  # `closer`


async def _alive(client: LanguageClient, uri: str) -> None:
    symbols = await asyncio.wait_for(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=doc(uri))
        ),
        PATIENCE,
    )
    assert symbols is not None


async def test_binary_garbage_keeps_the_last_good_map(client: LanguageClient) -> None:
    uri, found = await open_document(client, "garbage.arg", OPED_TEXT)
    assert found == []
    garbage = random.Random(8).randbytes(20_000).decode("latin-1")  # NULs, controls, anything
    found = await change_document(client, uri, 2, garbage)
    assert found
    # Where `closer` stood there is garbage now: the server answers (nothing to show), alive.
    await client.text_document_hover_async(_closer(uri))
    await _alive(client, uri)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert not edits
    assert await change_document(client, uri, 3, OPED_TEXT) == []


@pytest.mark.slow  # about 60 s: the server parses, checks and evaluates 200,000 claims
async def test_a_5mb_document_and_one_past_the_limit(client: LanguageClient) -> None:
    big = OPED_TEXT + "".join(f"claim k{n}: Claim {n} of many.\n" for n in range(200_000))
    assert len(big) > 5_000_000
    uri, found = await open_document(client, "big.arg", big)
    assert all(d.code != "E013" for d in found)
    await _alive(client, uri)
    huge = big + "#" + "x" * 90_000 + "\n"
    huge = huge * (10_000_000 // len(huge) + 1)
    found = await change_document(client, uri, 2, huge)
    assert [d.code for d in found] == ["E013"]
    await _alive(client, uri)


async def test_rapid_edits_and_versions_out_of_order(client: LanguageClient) -> None:
    uri, _ = await open_document(client, "rapid.arg", OPED_TEXT)
    text = OPED_TEXT
    for version in range(2, 80):  # a keystroke each, without waiting for anything
        text = text[:-1] if version % 3 else text + "x"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    # an old version arriving late, then the final text
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=5),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="garbage \x00")],
        )
    )
    found = await change_document(client, uri, 100, OPED_TEXT)
    for _ in range(200):  # publications of earlier versions may still be on their way
        if found == []:
            break
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), PATIENCE)
        found = list(client.diagnostics[uri])
    assert found == []
    hover = await client.text_document_hover_async(_closer(uri))
    assert hover is not None and "claim `closer`" in hover.contents.value


async def test_cancelled_requests(client: LanguageClient) -> None:
    """Cancel notifications for requests in flight, finished, and never sent: the server answers
    the rest and stays up. (pygls's client cannot cancel its own futures cleanly, so the ids
    are sent by hand: pygls numbers requests from its own counter, not known here.)"""
    uri, _ = await open_document(client, "cancel.arg", OPED_TEXT)
    futures = [client.text_document_hover_async(_closer(uri)) for _ in range(20)]
    for id in [*range(0, 400), "no-such-request", -1]:
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=id))
    for future in futures:
        try:
            result = await asyncio.wait_for(future, PATIENCE)
        except Exception as error:  # a cancelled request answers with an error: fine
            assert "cancel" in str(error).lower(), error
        else:
            assert result is None or "closer" in str(result)
    await _alive(client, uri)
