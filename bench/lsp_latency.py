"""Latency of the language server over real stdio: start-up, edit to diagnostics, hover, GC pauses.

Starts ``python -m argmap lsp`` as a real subprocess and speaks JSON-RPC to it over its stdin and
stdout, as an editor does. For generated maps (``bench/generate.py``) it opens the document, then
sends edits one at a time (each a whole new text, as the server asks for full sync), four kinds
in turn, each made afresh from the generated text so that no two versions are the same:

- ``typing``: a half-typed line at the end (``reason for``: a syntax error);
- ``comment``: a comment line added at the end;
- ``text``: a word typed into a claim in the middle of the map (same lines, same shape);
- ``implicit``: that claim made implicit (its line rewritten in place: a keyword more);
- ``rename``: that claim's id retyped (nothing stands under it);
- ``structure``: a new reason with a co-premise written under that claim (two lines more);
- ``delete``: one of the five lines from that claim on deleted (every line after it moves up).

The claim is the first from the middle of the map with an id of its own and nothing under it.
The server makes each version's analysis from the one before, which is the version of the edit
before (each edit replaces the last, it is not added to it): ``implicit`` and ``rename`` are
one line away from ``text`` and ``implicit``, while ``structure`` and ``delete`` undo the edit
before as they are made.

Each edit is timed until the diagnostics for its version come back, then a hover on the edited
claim is timed (the first after the edit, which may need the evaluation), then a second one.
``initialize`` is timed from starting the process to its answer. The server runs with a hook
(``gc.callbacks``) that logs every collection's pause to a file: the longest is reported.

``--compare DIR`` runs a second server from another checkout (say ``git worktree add /tmp/main
main``) in the same run, alternating the two edit by edit, and prints both side by side.

    python bench/lsp_latency.py [--rounds 40] [--sizes 1000 10000] [--compare DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

__all__ = ["KINDS", "Connection", "edits", "main", "measure"]

KINDS = ("typing", "comment", "text", "implicit", "rename", "structure", "delete")
ROOT = Path(__file__).resolve().parent.parent

# Run in the server process before argmap: log how long each collection pauses it (seconds).
_GC_HOOK = """
import gc, sys, time
log = open(sys.argv[1], "w", buffering=1)
started = {}
def hook(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    elif 0 in started:
        log.write(f"{info['generation']} {time.perf_counter() - started.pop(0):.6f}\\n")
gc.callbacks.append(hook)
sys.argv = ["argmap", "lsp"]
from argmap.cli import entry
entry()
"""


class Connection:
    """A minimal JSON-RPC client over a subprocess's pipes (no threads: requests are sequential).

    ``checkout``: the folder argmap is imported from (default: this one)."""

    def __init__(self, checkout: Path = ROOT, gc_log: Path | None = None) -> None:
        environment = dict(os.environ, PYTHONPATH=str(checkout))
        command = [sys.executable, "-c", _GC_HOOK, str(gc_log or os.devnull)]
        self.started = time.perf_counter()
        # Started outside both checkouts, so that PYTHONPATH alone says which argmap runs.
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
            env=environment,
        )
        self.next_id = 0

    def send(self, method: str, params: Any, *, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return ident

    def receive(self) -> dict[str, Any]:
        stream = self.process.stdout
        assert stream is not None
        length = 0
        while True:
            line = stream.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(stream.read(length))

    def until(self, predicate: Any) -> dict[str, Any]:
        while True:
            message = self.receive()
            if predicate(message):
                return message

    def request(self, method: str, params: Any) -> Any:
        ident = self.send(method, params, request=True)
        return self.until(lambda m: m.get("id") == ident and "method" not in m).get("result")

    def initialize(self) -> float:
        """Initialize the session; the seconds from starting the process to the answer."""
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        elapsed = time.perf_counter() - self.started
        self.send("initialized", {})
        return elapsed

    def rss(self) -> int:
        """The server's resident memory, in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+)", status)
        return int(found.group(1)) if found else 0

    def close(self) -> None:
        self.request("shutdown", None)
        self.send("exit", None)
        self.process.wait(timeout=30)


def published(uri: str, version: int) -> Any:
    def matches(message: dict[str, Any]) -> bool:
        params = message.get("params") or {}
        return (
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return matches


_NAMED_CLAIM = re.compile(r"^( +)(c\d+): Claim \d+: [^\\]*$")


def edits(text: str, round: int) -> tuple[str, str, tuple[int, int]]:
    """The ``round``-th edit of ``text``: its kind, the new text and where to hover (0-based
    line and character: the id of the edited claim, or the half-typed line)."""
    kind = KINDS[round % len(KINDS)]
    lines = text.split("\n")
    if kind == "typing":
        return kind, text + "reason for \n", (len(lines) - 1, 2)
    if kind == "comment":
        return kind, text + f"# edit {round}\n", (len(lines) - 1, 2)
    middle = len(lines) // 2
    at = next(
        i
        for i in range(middle, len(lines) - 1)
        if (found := _NAMED_CLAIM.match(lines[i]))
        and len(lines[i + 1]) - len(lines[i + 1].lstrip(" ")) <= len(found.group(1))
    )
    found = _NAMED_CLAIM.match(lines[at])
    assert found is not None
    indent = found.group(1)
    hover = (at, len(indent) + 1)
    if kind == "text":
        lines[at] = lines[at].replace(": Claim ", f": Edited {round} claim ", 1)
    elif kind == "implicit":
        lines[at] = f"{indent}implicit {lines[at].lstrip()}"
        hover = (at, len(indent) + len("implicit ") + 1)
    elif kind == "rename":
        lines[at] = f"{indent}implicit {found.group(2)}r{round}{lines[at][found.end(2) :]}"
        hover = (at, len(indent) + len("implicit ") + 1)
    elif kind == "delete":
        del lines[at + round % 5]
    else:
        lines[at + 1 : at + 1] = [f"{indent}  reason:", f"{indent}    - A new reason {round}."]
    return kind, "\n".join(lines), hover


class Session:
    """One server with one open document."""

    def __init__(self, checkout: Path, text: str, name: str) -> None:
        self.gc_log = Path(tempfile.mkstemp(prefix="argmap-gc-", suffix=".log")[1])
        self.connection = Connection(checkout, self.gc_log)
        self.initialize = self.connection.initialize()
        self.uri = f"file:///bench/{name}.arg"
        document = {"uri": self.uri, "languageId": "argmap", "version": 1, "text": text}
        self.connection.send("textDocument/didOpen", {"textDocument": document})
        self.connection.until(published(self.uri, 1))
        self.version = 1

    def edit(self, text: str, hover: tuple[int, int]) -> tuple[float, float, float, Any]:
        """Seconds to the diagnostics, to the first hover and to a second one; the hover."""
        self.version += 1
        connection = self.connection
        start = time.perf_counter()
        connection.send(
            "textDocument/didChange",
            {
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"text": text}],
            },
        )
        connection.until(published(self.uri, self.version))
        diagnosed = time.perf_counter()
        params = {
            "textDocument": {"uri": self.uri},
            "position": {"line": hover[0], "character": hover[1]},
        }
        found = connection.request("textDocument/hover", params)
        hovered = time.perf_counter()
        connection.request("textDocument/hover", params)
        again = time.perf_counter()
        return diagnosed - start, hovered - diagnosed, again - hovered, found

    def close(self) -> tuple[int, list[tuple[int, float]]]:
        """The server's memory (KiB) before it stops, and its collections' pauses."""
        rss = self.connection.rss()
        self.connection.close()
        pauses = []
        for line in self.gc_log.read_text().splitlines():
            generation, seconds = line.split()
            pauses.append((int(generation), float(seconds)))
        self.gc_log.unlink()
        return rss, pauses


def measure(
    size: int, rounds: int, checkouts: dict[str, Path]
) -> dict[str, dict[str, list[float]]]:
    """For each checkout: lists of seconds, keyed ``<kind> diagnostics`` / ``<kind> hover`` /
    ``<kind> hover again``, plus ``initialize``, ``gc`` (every pause) and ``rss`` (KiB)."""
    text = generate(size, seed=1)
    sessions = {name: Session(path, text, f"map-{size}") for name, path in checkouts.items()}
    results: dict[str, dict[str, list[float]]] = {name: {} for name in checkouts}
    for name, session in sessions.items():
        results[name]["initialize"] = [session.initialize]
    for round in range(rounds):
        kind, edited, hover = edits(text, round)
        order = list(sessions) if round % 2 == 0 else list(reversed(sessions))
        for name in order:
            diagnosed, hovered, again, _ = sessions[name].edit(edited, hover)
            for key, value in (("diagnostics", diagnosed), ("hover", hovered)):
                results[name].setdefault(f"{kind} {key}", []).append(value)
            results[name].setdefault(f"{kind} hover again", []).append(again)
    for name, session in sessions.items():
        rss, pauses = session.close()
        results[name]["gc"] = [seconds for _, seconds in pauses]
        results[name]["rss"] = [float(rss)]
    # initialize again, a few times, alternating, with no document: start-up alone
    for _ in range(4):
        for name, path in checkouts.items():
            connection = Connection(path)
            results[name]["initialize"].append(connection.initialize())
            connection.close()
    return results


def _p90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def _ms(values: list[float]) -> str:
    median, p90, most = statistics.median(values), _p90(values), max(values)
    return f"{median * 1000:7.1f} {p90 * 1000:7.1f} {most * 1000:7.1f}"


def report(size: int, results: dict[str, dict[str, list[float]]]) -> list[str]:
    names = list(results)
    lines = generate(size, seed=1).count(chr(10))
    rows = [f"{size:,} claims ({lines:,} lines), ms: median p90 max"]
    header = f"  {'':26}" + "".join(f"{name:>24}" for name in names)
    if len(names) == 2:
        header += f"{'median ratio':>14}"
    rows.append(header)
    keys = [k for k in results[names[0]] if k not in ("gc", "rss")]
    for key in keys:
        row = f"  {key:26}" + "".join(f"{_ms(results[n][key]):>24}" for n in names)
        if len(names) == 2:
            old, new = (statistics.median(results[n][key]) for n in names)
            row += f"{new / old:>14.2f}" if old else ""
        rows.append(row)
    for name in names:
        pauses = results[name]["gc"]
        longest = max(pauses, default=0.0) * 1000
        over = sum(1 for p in pauses if p > 0.05)
        rows.append(
            f"  {name}: {len(pauses)} collections, longest pause {longest:.1f} ms, "
            f"{over} over 50 ms; memory at the end {results[name]['rss'][0] / 1024:.0f} MiB"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--compare", type=Path, help="another checkout to run side by side (printed first)"
    )
    args = parser.parse_args(argv)
    checkouts = {"this": ROOT}
    if args.compare is not None:
        checkouts = {"compared": args.compare.resolve(), "this": ROOT}
    for size in args.sizes:
        print("\n".join(report(size, measure(size, args.rounds, checkouts))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
