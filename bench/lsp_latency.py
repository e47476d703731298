"""Latency of the language server: from a ``didChange`` to its ``publishDiagnostics``.

Starts ``python -m argmap lsp`` as a real subprocess and speaks JSON-RPC to it over its stdin and
stdout, as an editor does. For generated maps of 100 and 1,000 claims (``bench/generate.py``) it
opens the document, then sends edits one at a time (each a whole new text, as the server asks for
full sync) and times each until the diagnostics for that version come back.

    python bench/lsp_latency.py [--rounds 30] [--sizes 100 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

__all__ = ["main"]


class Connection:
    """A minimal JSON-RPC client over a subprocess's pipes (no threads: requests are sequential)."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
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

    def close(self) -> None:
        self.request("shutdown", None)
        self.send("exit", None)
        self.process.wait(timeout=30)


def _published(uri: str, version: int) -> Any:
    def matches(message: dict[str, Any]) -> bool:
        params = message.get("params") or {}
        return (
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return matches


def measure(size: int, rounds: int) -> tuple[list[float], int]:
    """Seconds from each didChange to its diagnostics, and the number of diagnostics seen."""
    text = generate(size, seed=1)
    connection = Connection([sys.executable, "-m", "argmap", "lsp"])
    try:
        connection.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        connection.send("initialized", {})
        uri = f"file:///bench/map-{size}.arg"
        document = {"uri": uri, "languageId": "argmap", "version": 1, "text": text}
        connection.send("textDocument/didOpen", {"textDocument": document})
        connection.until(_published(uri, 1))
        times = []
        count = 0
        for round in range(rounds):
            version = round + 2
            # Alternate a typing state: a half-typed line (syntax error) and the clean text.
            edited = text + ("reason for \n" if round % 2 == 0 else f"# edit {round}\n")
            start = time.perf_counter()
            connection.send(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": edited}],
                },
            )
            message = connection.until(_published(uri, version))
            times.append(time.perf_counter() - start)
            count = len(message["params"]["diagnostics"])
        return times, count
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args(argv)
    print(f"{'claims':>7} {'lines':>6} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}")
    for size in args.sizes:
        times, _ = measure(size, args.rounds)
        lines = generate(size, seed=1).count("\n")
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        print(
            f"{size:>7} {lines:>6} {statistics.median(times) * 1000:>10.1f} "
            f"{p90 * 1000:>8.1f} {max(times) * 1000:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
