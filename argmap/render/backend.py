"""Layout and drawing: DOT text to SVG, PNG or PDF bytes, with a time limit.

Two engines:

``bundled`` (the default)
    The Graphviz inside the pygraphviz wheel (libgvc, the dot layout, cairo and SVG plugins), so
    ``pip install argmap`` alone can draw. With a time limit, it runs in a child Python process
    (:mod:`argmap.render._worker`) that is killed when the limit passes: a C layout running in
    our own process could not be stopped. With ``timeout=None`` it runs in this process.
``system``
    A ``dot`` program on ``PATH``, run as a subprocess with the same time limit.

Nothing here reads or writes files: the caller decides where bytes go.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "DPI",
    "ENGINES",
    "FORMATS",
    "TIMEOUT",
    "EngineError",
    "LayoutTimeout",
    "Output",
    "RenderError",
    "layout",
    "prepare",
]

ENGINES = ("bundled", "system")
FORMATS = ("svg", "png", "pdf")
TIMEOUT = 60.0
"""Seconds a layout may take by default: the op-ed map takes well under one."""
DPI = 144
"""Pixels per inch of PNG output: twice the 72 of SVG and PDF points, sharp on a projector."""

_WORKER = Path(__file__).with_name("_worker.py")
_CHOSE = "argmap-chose "  # the worker's note of which candidate it drew (_worker.CHOSE)
# The fontconfig inside the wheel is older than the system's configuration files and says so
# on every start; that says nothing about the map, so it is not passed on.
_NOISE = re.compile(r"^Fontconfig (warning|error):")
# Graphviz keeps global state: two layouts in one process must not run at the same time.
_LOCK = threading.Lock()
# Workers started ahead by prepare(), by their command line, each waiting for its DOT.
_SPARES: dict[tuple[str, ...], subprocess.Popen[bytes]] = {}
_SPARES_LOCK = threading.Lock()


class RenderError(Exception):
    """A map could not be drawn; the message says why and what to try."""


class LayoutTimeout(RenderError):
    """Graphviz did not finish within the time limit."""


class EngineError(RenderError):
    """The layout engine is missing, or it failed."""


@attrs.frozen(kw_only=True)
class Output:
    """What Graphviz drew, and what it said while drawing (warnings, noise removed)."""

    data: bytes
    messages: tuple[str, ...] = ()
    chosen: int = 0
    """Which of several candidate DOT texts was drawn (see :func:`layout`)."""


def layout(
    dot: str | Sequence[str],
    format: str = "svg",
    *,
    engine: str = "bundled",
    timeout: float | None = TIMEOUT,
    isolate: bool = True,
    dpi: int = DPI,
) -> Output:
    """Lay out ``dot`` and draw it as ``format`` (one of :data:`FORMATS`).

    ``timeout`` is in seconds (``None``: no limit). ``isolate=False`` runs the bundled engine in
    this process: no child process to start, but no time limit either, and one layout at a time.
    Raises :class:`LayoutTimeout` or :class:`EngineError`.

    Several DOT texts are candidates (the same map drawn in different directions and box
    widths): they are laid out in order until one fits a 1,000 px page column at its natural
    size, and the one that reads best in the column is drawn
    (:func:`argmap.render._worker.pick`); :attr:`Output.chosen` says which.
    """
    dots = [dot] if isinstance(dot, str) else list(dot)
    if not dots:
        raise ValueError("nothing to lay out")
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if not isolate and (timeout is not None or engine != "bundled"):
        raise ValueError("isolate=False draws with the bundled engine, without a time limit")
    sources = [text.encode("utf-8") for text in dots]
    source = b"\0".join(sources)
    if engine == "system":
        program = shutil.which("dot")
        if program is None:
            raise EngineError(
                "no `dot` program on PATH: install Graphviz, or leave out --engine system "
                "to use the Graphviz bundled with argmap"
            )
        command = [program, f"-T{format}"]
        if format == "png":
            command.append(f"-Gdpi={dpi}")
        chosen = 0
        if len(sources) > 1:

            def measure(index: int) -> tuple[float, float]:
                return _svg_size(_run([program, "-Tsvg"], sources[index], timeout, "dot").data)

            chosen = _pick(len(sources), measure)
        output = attrs.evolve(_run(command, sources[chosen], timeout, "dot"), chosen=chosen)
    elif not isolate:
        from argmap.render import _worker

        try:
            with _LOCK:
                chosen, data = _worker.draw_best(sources, format, str(dpi))
                output = Output(data=data, chosen=chosen)
        except Exception as error:  # pygraphviz raises DotError, ValueError, OSError
            raise EngineError(f"Graphviz failed: {error}") from error
    else:
        command = _worker_command(format, dpi, timeout)
        with _SPARES_LOCK:
            spare = _SPARES.pop(tuple(command), None)
        output = _run(command, source, timeout, "the bundled Graphviz", spare)
    if format == "pdf":
        output = attrs.evolve(output, data=_undate_pdf(output.data))
    return output


def prepare(format: str = "svg", *, timeout: float | None = TIMEOUT, dpi: int = DPI) -> None:
    """Start the bundled engine's child process now, for a layout with these settings to come.

    The child loads Python and Graphviz (about 0.1 s) while the caller reads, checks and builds
    the DOT, and then waits for it; the next :func:`layout` with the same settings takes it. One
    is kept per setting; one never taken ends when this process does.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    command = _worker_command(format, dpi, timeout)
    with _SPARES_LOCK:
        if tuple(command) in _SPARES:
            return
        try:
            _SPARES[tuple(command)] = _start(command)
        except OSError:
            return  # the layout will start its own, and report why it cannot


@atexit.register
def _end_spares() -> None:
    with _SPARES_LOCK:
        for process in _SPARES.values():
            process.kill()
            process.communicate()
        _SPARES.clear()


def _worker_command(format: str, dpi: int, timeout: float | None) -> list[str]:
    cpu = "0" if timeout is None else str(int(timeout) + 10)  # past our own limit
    return [sys.executable, str(_WORKER), format, str(dpi), cpu]


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )


def _run(
    command: list[str],
    source: bytes,
    timeout: float | None,
    what: str,
    process: subprocess.Popen[bytes] | None = None,
) -> Output:
    try:
        process = process or _start(command)
    except OSError as error:
        raise EngineError(f"could not run {what}: {error.strerror or error}") from error
    with process:  # as subprocess.run: the child is killed on a timeout or any other exit
        try:
            stdout, stderr = process.communicate(source, timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise LayoutTimeout(
                f"{what} did not finish the layout within {timeout:g} s. The map may be too "
                "large or too tangled for one diagram: draw it in parts with --split, allow "
                "more time with --timeout, or write the DOT with -f dot and lay it out elsewhere"
            ) from None
        except BaseException:
            process.kill()
            raise
    messages = tuple(
        line
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and not _NOISE.match(line)
    )
    chosen = 0
    for line in messages:
        if line.startswith(_CHOSE) and line[len(_CHOSE) :].isdigit():
            chosen = int(line[len(_CHOSE) :])
    messages = tuple(line for line in messages if not line.startswith(_CHOSE))
    # Graphviz reports a label it cannot read as an "Error:" and draws on without it: a diagram
    # missing text the user wrote is a failure, not a warning.
    errors = [line for line in messages if line.startswith("Error")]
    if process.returncode != 0 or not stdout or errors:
        detail = "; ".join(errors or messages) or f"exit status {process.returncode}"
        raise EngineError(f"{what} failed: {detail}")
    return Output(data=stdout, messages=messages, chosen=chosen)


def _pick(count: int, measure: Callable[[int], tuple[float, float]]) -> int:
    from argmap.render._worker import pick

    return pick(count, measure)


_VIEWBOX = re.compile(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def _svg_size(svg: bytes) -> tuple[float, float]:
    """An SVG's width and height in points, from its viewBox."""
    found = _VIEWBOX.search(svg)
    if found is None:
        raise EngineError("dot drew an SVG without a viewBox")
    return float(found[1]), float(found[2])


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # The worker must not read our stdin, load site customisations that print, or write
    # bytecode next to the package; none of these change what Graphviz draws.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONSTARTUP", None)
    return env


# cairo writes the time of drawing into every PDF; a diagram that changes bytes each time it is
# drawn could never be "unchanged". Blanking it keeps every byte offset in the file valid.
_PDF_DATE = re.compile(rb"/(?:CreationDate|ModDate) *\([^)\\]{0,64}\)")


def _undate_pdf(data: bytes) -> bytes:
    return _PDF_DATE.sub(lambda found: b" " * len(found.group(0)), data)
