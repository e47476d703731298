"""The language server: pygls wiring around the pure features of :mod:`argmap.lsp.features`.

Documents are synced whole (whole-text sync cannot drift from the editor's idea of line
breaks). Each open or change is parsed and checked off the event loop, in one worker thread that
always takes the newest text of a document (edits typed while a slow check runs are folded into
one), and its diagnostics are published when it is done. Requests wait for the newest analysis
of their document at most :data:`SETTLE` seconds, then answer from the last one, so a
pathological map never holds hover up behind its check; drawing (``argmap.renderSvg``) runs in a
thread of its own.

The evaluation that hover shows is computed once per version, in a thread of its own, when the
document has rested :data:`IDLE` seconds (while edits come in it would only slow their analyses:
both need the interpreter); an edit that leaves the map's shape alone (texts, comments, sources)
keeps the evaluation it had (:meth:`Analysis.inherit`). No hover waits for it: until it is
computed, hover says so, with the label of the version before the last change of the map's
structure if there is one.

An edit of texts and comments is analysed from the analysis before it
(:func:`argmap.lsp.incremental.reanalyse`): only the edited lines are read again and only the rule
that reads texts runs again; an edit that rewrites lines in place (keywords, sources, a named
group's kind or target) is read the same way, and the checker's other rules run again; an edit
that adds, removes or moves lines has the subtrees it touches read again in their place
(:func:`argmap.lsp.splice.splice`), and the checker runs over the new map; any other edit is
analysed afresh.

The server lives long and holds large analyses that make no reference cycles, so Python's cyclic
collector would rescan them again and again for nothing (a full collection of a 30,000-claim map
pauses every request for half a second). Each analysis and evaluation is therefore built with
the collector off and then frozen (``gcpause.paused(keep=True)``): collections look only at what
is newer, reference counting still frees an old version as soon as it is replaced, and the
garbage made between two builds is collected before the next one, so none is frozen.

This module imports pygls and the protocol types only: the features (and with them lark, the
formatter, the evaluation) are imported once ``initialize`` is answered, by the analysis thread.

A position out of the protocol's range (negative, past 2**31) is clamped before it is read, so
every request gets an answer. A failure inside a feature is logged and answered with an error or
nothing: the server keeps running whatever the document holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import os
import sys
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from argmap.version import __version__

if TYPE_CHECKING:
    from argmap.lsp.analysis import Analysis
    from argmap.read.layout import Limits

__all__ = ["RENDER_SVG", "ArgmapServer", "build_server"]

RENDER_SVG = "argmap.renderSvg"
# LSP's RequestFailed: the request was valid but could not be carried out.
REQUEST_FAILED = -32803
# How long a request waits for the analysis of the newest edit before answering from the last.
SETTLE = 0.5
_UINTEGER = 2**31 - 1
# How soon a thread that waits for the interpreter gets it (Python's default is 5 ms).
SWITCH_INTERVAL = 0.0005
# How long a document rests, unchanged, before its evaluation is computed unasked.
IDLE = 0.3

log = logging.getLogger(__name__)


@attrs.define
class _Document:
    analysis: Analysis
    last_good: Analysis | None


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, but a position out of range is clamped instead of failing the whole
    message (which pygls would then leave unanswered), and a request that still cannot be read
    is answered with an error."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" not in data:  # an inner object: json.loads hands them over first
            if data.keys() == {"line", "character"}:
                return {key: _clamp(value) for key, value in data.items()}
            return data
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            raise

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Any,
        callback: Any,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        """pygls's, but the future of a handler that answers no request (a notification such as
        ``didChange``, or the handler a built-in one hands on to) is dropped when it is done:
        pygls keeps every handler's future under its id and drops it only with an answer, so
        each edit would leave one behind for as long as the server runs."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        if isinstance(callback, functools.partial) and callback.func == self._send_handler_result:
            return  # a request: its answer drops it
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda _: self._request_futures.pop(msg_id, None))


def _features() -> ModuleType:
    """:mod:`argmap.lsp.features`, imported on first use (after ``initialize``)."""
    from argmap.lsp import features

    return features


def _building() -> contextlib.AbstractContextManager[None]:
    """The collector's pause for what the server keeps (:func:`argmap.read.gcpause.paused`)."""
    from argmap.read import gcpause

    return gcpause.paused(keep=True)


def _clamp(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), _UINTEGER)
    return value


class ArgmapServer(LanguageServer):
    """A language server that keeps the analysis of each open document."""

    def __init__(self) -> None:
        super().__init__(
            "argmap",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=_Protocol,
        )
        self.documents: dict[str, _Document] = {}
        self._lock = threading.Lock()
        # The newest text not analysed, its version, and how many texts of it came before.
        self._waiting: dict[str, tuple[str, int | None, int]] = {}
        self._received: dict[str, int] = {}  # how many texts of each document came (event loop)
        self._running: set[str] = set()
        self._settled: dict[str, asyncio.Event] = {}
        self._open: set[str] = set()
        self._analyser = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-analysis")
        # initializationOptions {"limits": {...}} (docs/limits.md); None: the parser's own.
        self.limits: Limits | None = None
        self._evaluator = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-evaluation")
        # The worker's newest analysis without errors of each document: its evaluation is handed on.
        self._analysed: dict[str, Analysis] = {}
        # The worker's newest analysis of each document: the next edit's is made from it.
        self._latest: dict[str, Analysis] = {}

    @property
    def encoding(self) -> str:
        encoding = self.server_capabilities.position_encoding
        return str(encoding) if encoding else types.PositionEncodingKind.Utf16

    def update(self, uri: str, text: str, version: int | None) -> None:
        """Have a new version of a document analysed, off the event loop; its diagnostics are
        published when the analysis is done. Call on the event loop."""
        loop = asyncio.get_running_loop()
        self._open.add(uri)
        self._settled.setdefault(uri, asyncio.Event()).clear()
        number = self._received[uri] = self._received.get(uri, 0) + 1
        with self._lock:
            self._waiting[uri] = (text, version, number)
            if uri in self._running:
                return  # the worker takes the newest text when it is done with this one
            self._running.add(uri)
        self._analyser.submit(self._analyse_newest, uri, loop)

    def _analyse_newest(self, uri: str, loop: asyncio.AbstractEventLoop) -> None:
        """In the worker thread: analyse the newest text of ``uri`` until none is waiting."""
        number = 0
        while True:
            with self._lock:
                waiting = self._waiting.pop(uri, None)
                if waiting is None:
                    self._running.discard(uri)
                    loop.call_soon_threadsafe(self._settle, uri, number)
                    return
            text, version, number = waiting
            try:
                with _building():
                    analysis = self._analyse(uri, text)
            except Exception:  # a bug of ours: logged, and the server keeps the last analysis
                log.exception("analysing %s failed", uri)
                continue
            self._latest[uri] = analysis
            loop.call_soon_threadsafe(self._install, uri, analysis, version)
            # What requests need, before they are let in (they wait for the settle).
            previous = None if analysis.errors else self._analysed.get(uri)
            with _building():
                if previous is not None:
                    analysis.inherit(previous)
                analysis.prepare()
            loop.call_soon_threadsafe(self._settle, uri, number)
            # What the next edit may need, a pass over the map each: not for a version already
            # replaced (they are found when asked for, all the same).
            if uri not in self._waiting:
                with _building():
                    if not analysis.errors:  # the next version's shape is compared with its
                        analysis.shape()
                    if analysis.result.ok:
                        analysis.texts()
            if analysis.errors:
                continue  # nothing to evaluate
            self._analysed[uri] = analysis
            if not analysis.evaluated:
                loop.call_soon_threadsafe(self._evaluate_when_idle, uri, analysis)

    def _analyse(self, uri: str, text: str) -> Analysis:
        """The analysis of a new text of ``uri``: made from the last one when the edit allows
        (:func:`argmap.lsp.incremental.reanalyse`, else :func:`argmap.lsp.splice.splice`), else
        afresh."""
        from argmap.lsp.analysis import analyse
        from argmap.lsp.incremental import reanalyse
        from argmap.lsp.splice import splice
        from argmap.read.layout import split_lines

        latest, good = self._latest.get(uri), self._analysed.get(uri)
        # The last version, else the last without errors (a line typed at the end passes through
        # versions with syntax errors, which this cannot follow, on its way to a comment, say).
        bases = [b for b in ((latest, good) if good is not latest else (latest,)) if b is not None]
        encoding, limits = self.encoding, self.limits
        lines = tuple(split_lines(text)) if bases else ()  # split once, for both ways below
        for base in bases:
            try:
                found = reanalyse(base, text, encoding=encoding, limits=limits, lines=lines)
                if found is None:
                    found = splice(base, text, encoding=encoding, limits=limits, lines=lines)
            except Exception:  # a bug of ours: logged, and the text is analysed afresh
                log.exception("analysing the edit of %s failed", uri)
                break
            if found is not None:
                return found
        return analyse(text, encoding=encoding, limits=limits)

    def warm_up(self) -> None:
        """Import what analysing needs, in the analysis thread, while the client gets ready."""
        self._analyser.submit(self._import)

    @staticmethod
    def _import() -> None:
        with _building():
            _features()
            gc.collect()  # what importing left behind (lark's grammar): none of it is frozen

    def _evaluate_when_idle(self, uri: str, analysis: Analysis) -> None:
        """Have the evaluation computed once the document has rested :data:`IDLE` seconds:
        while edits come in, it would only slow their analyses (both need the interpreter)."""

        waited = weakref.ref(analysis)  # not kept for the timer, which the event loop would free

        def start() -> None:
            current = self.analysis(uri)
            if current is not None and current is waited() and not current.evaluated:
                self._evaluator.submit(self._evaluate, current)

        asyncio.get_running_loop().call_later(IDLE, start)

    @staticmethod
    def _evaluate(analysis: Analysis) -> None:
        """In the evaluation thread: compute the evaluation that hovers will show."""
        if analysis.evaluated:
            return
        try:
            with _building():
                analysis.evaluation()
        except Exception:  # a bug of ours: the hover that needs it reports it
            log.exception("evaluating the map failed")

    def _install(self, uri: str, analysis: Analysis, version: int | None) -> None:
        if uri not in self._open:  # closed while it was analysed
            return
        previous = self.documents.get(uri)
        last_good = analysis if analysis.result.ok else (previous.last_good if previous else None)
        self.documents[uri] = _Document(analysis=analysis, last_good=last_good)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=_features().diagnostics(analysis, uri)
            )
        )
        if previous is not None:
            # Freeing a large analysis visits every object in it (milliseconds at 10,000
            # claims): if this was the last reference to the version replaced, the worker frees
            # it, after the analysis it installs now (and goes on with), not the event loop.
            self._analyser.submit(_drop, previous)

    def _settle(self, uri: str, number: int) -> None:
        """On the event loop: the analysis of the ``number``-th text of ``uri`` is installed and
        indexed, or failed; if no newer text came, requests need wait no longer."""
        if self._received.get(uri) != number:
            return
        event = self._settled.get(uri)
        if event is not None:
            event.set()

    def close(self, uri: str) -> None:
        self._open.discard(uri)
        self.documents.pop(uri, None)
        with self._lock:
            self._waiting.pop(uri, None)
        self._analyser.submit(self._forget, uri)

    def _forget(self, uri: str) -> None:
        """In the worker thread (its dictionaries): drop what it kept of a closed document."""
        self._analysed.pop(uri, None)
        self._latest.pop(uri, None)

    async def settled(self, uri: str) -> None:
        """Wait, at most :data:`SETTLE` seconds, for the newest edit of ``uri`` to be analysed."""
        event = self._settled.get(uri)
        if event is None or event.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), SETTLE)

    def analysis(self, uri: str) -> Analysis | None:
        document = self.documents.get(uri)
        return None if document is None else document.analysis


def _drop(document: _Document) -> None:
    """Nothing: what the worker is handed to free (see ``ArgmapServer._install``)."""


def _failed(message: str) -> JsonRpcException:
    return JsonRpcException(message=message, code=REQUEST_FAILED)


def build_server() -> ArgmapServer:
    """A server with every feature registered."""
    server = ArgmapServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ArgmapServer, params: types.InitializeParams) -> None:
        from argmap.read.layout import Limits

        options = params.initialization_options
        settings = options.get("limits") if isinstance(options, dict) else None
        ls.limits, problems = Limits.from_settings(settings)
        for problem in problems:
            log.warning("initializationOptions.limits: %s", problem)

    @server.feature(types.INITIALIZED)
    def initialized(ls: ArgmapServer, params: types.InitializedParams) -> None:
        ls.warm_up()

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
        ls.close(uri)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        await ls.settled(params.text_document.uri)
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        return _features().hover(document.analysis, params.position, document.last_good, wait=False)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location]:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return _features().definition(analysis, params.position, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return _features().references(
            analysis,
            params.position,
            params.text_document.uri,
            include_declaration=params.context.include_declaration,
        )

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(
        ls: ArgmapServer, params: types.PrepareRenameParams
    ) -> types.Range | None:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return None
        return _features().prepare_rename(analysis, params.position)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    async def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return None
        try:
            return _features().rename(
                analysis, params.position, params.new_name, params.text_document.uri
            )
        except _features().RenameError as error:
            raise _failed(str(error)) from None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["@", "[", ",", " "]),
    )
    async def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        items = [] if analysis is None else _features().completion(analysis, params.position)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(
        ls: ArgmapServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        return [] if analysis is None else _features().document_symbols(analysis)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(
        ls: ArgmapServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit]:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        return [] if analysis is None else _features().formatting(analysis)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(
        ls: ArgmapServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        await ls.settled(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        if analysis is None:
            return []
        return _features().code_actions(analysis, params.range, params.text_document.uri)

    @server.command(RENDER_SVG)
    @server.thread()
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
    # While a thread evaluates a large map, the event loop gets the interpreter back sooner
    # after each read and write (the default is 5 ms, paid again at every system call).
    sys.setswitchinterval(SWITCH_INTERVAL)
    build_server().start_io()
    if sys.stdout is not None and sys.stdout.closed:  # pygls closes it on `exit`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (for the command line's last flush)
