"""The language server: pygls wiring around the pure features of :mod:`argmap.lsp.features`.

Documents are synced whole (they are small, and whole-text sync cannot drift from the editor's
idea of line breaks). Each open or change parses and checks the text at once and publishes the
diagnostics. A failure inside a feature is logged and answered with an error or nothing: the
server keeps running whatever the document holds.
"""

from __future__ import annotations

import logging
from typing import Any

import attrs
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from argmap.lsp import features
from argmap.lsp.analysis import Analysis, analyse
from argmap.version import __version__

__all__ = ["RENDER_SVG", "ArgmapServer", "build_server"]

RENDER_SVG = "argmap.renderSvg"
# LSP's RequestFailed: the request was valid but could not be carried out.
REQUEST_FAILED = -32803

log = logging.getLogger(__name__)


@attrs.define
class _Document:
    analysis: Analysis
    last_good: Analysis | None


class ArgmapServer(LanguageServer):
    """A language server that keeps the analysis of each open document."""

    def __init__(self) -> None:
        super().__init__(
            "argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.documents: dict[str, _Document] = {}

    @property
    def encoding(self) -> str:
        encoding = self.server_capabilities.position_encoding
        return str(encoding) if encoding else types.PositionEncodingKind.Utf16

    def update(self, uri: str, text: str, version: int | None) -> None:
        """Analyse a new version of a document and publish its diagnostics."""
        analysis = analyse(text, encoding=self.encoding)
        previous = self.documents.get(uri)
        last_good = analysis if analysis.result.ok else (previous.last_good if previous else None)
        self.documents[uri] = _Document(analysis=analysis, last_good=last_good)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=features.diagnostics(analysis, uri)
            )
        )

    def analysis(self, uri: str) -> Analysis | None:
        document = self.documents.get(uri)
        return None if document is None else document.analysis


def _failed(message: str) -> JsonRpcException:
    return JsonRpcException(message=message, code=REQUEST_FAILED)


def build_server() -> ArgmapServer:
    """A server with every feature registered."""
    server = ArgmapServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        ls.update(document.uri, document.text, document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        ls.update(params.text_document.uri, document.source, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        return features.hover(document.analysis, params.position, document.last_good)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location]:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return features.definition(analysis, params.position, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return features.references(
            analysis,
            params.position,
            params.text_document.uri,
            include_declaration=params.context.include_declaration,
        )

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return None
        return features.prepare_rename(analysis, params.position)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return None
        try:
            return features.rename(
                analysis, params.position, params.new_name, params.text_document.uri
            )
        except features.RenameError as error:
            raise _failed(str(error)) from None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["@", "[", ",", " "]),
    )
    def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        analysis = ls.analysis(params.text_document.uri)
        items = [] if analysis is None else features.completion(analysis, params.position)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        analysis = ls.analysis(params.text_document.uri)
        return [] if analysis is None else features.document_symbols(analysis)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(
        ls: ArgmapServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit]:
        analysis = ls.analysis(params.text_document.uri)
        return [] if analysis is None else features.formatting(analysis)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return features.code_actions(analysis, params.range, params.text_document.uri)

    @server.command(RENDER_SVG)
    def render_svg(ls: ArgmapServer, *arguments: Any) -> str:
        """The current document drawn as SVG, for a live preview beside the editor.

        Arguments: the document's URI, or ``{"uri": ..., "evaluate": true}`` for the evaluation
        overlay (IN / OUT / UNDECIDED badges).
        """
        uri = _uri_argument(arguments)
        analysis = ls.analysis(uri) if uri is not None else None
        if analysis is None:
            raise _failed(f"{RENDER_SVG} needs the URI of an open document as its argument")
        try:
            from argmap.render import render
        except ImportError as error:
            raise _failed(f"drawing maps is not available in this argmap: {error}") from None
        try:
            svg = render(analysis.map, format="svg", evaluate=_evaluate_argument(arguments))
        except Exception as error:  # a drawing failure (Graphviz, a timeout) is an answer too
            log.exception("rendering %s failed", uri)
            raise _failed(f"could not draw the map: {error}") from None
        return svg.decode("utf-8")

    return server


def _uri_argument(arguments: tuple[Any, ...]) -> str | None:
    if not arguments:
        return None
    first = arguments[0]
    if isinstance(first, str):
        return first
    if isinstance(first, dict) and isinstance(first.get("uri"), str):
        return first["uri"]
    return None


def _evaluate_argument(arguments: tuple[Any, ...]) -> bool:
    first = arguments[0] if arguments else None
    return isinstance(first, dict) and first.get("evaluate") is True


def main() -> None:
    """Serve one client over standard input and output."""
    build_server().start_io()
