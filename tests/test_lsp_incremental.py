"""What the language server keeps from one version of a document to the next is sound.

The server hands an evaluation on to the next version when the edit leaves the map's shape alone
(:meth:`Analysis.inherit`), builds analyses with the cyclic collector off and freezes them, and
imports the parser and the features only after ``initialize``. After any sequence of edits, what
it says (diagnostics, hovers) must be what a fresh analysis of the same text says: random edit
sequences check it here in process, and over real stdio in tests/test_lsp_server.py.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from lsprotocol import types

from argmap.lsp import features
from argmap.lsp.analysis import Analysis, analyse, shape
from argmap.lsp.incremental import reanalyse
from argmap.model import Claim
from tests.lsp_edits import generated_map, line_edit, same_as_fresh, sequence, text_edit

OPED = Path(__file__).resolve().parent.parent / "maps" / "us-china-north-korea.arg"


def _positions(text: str) -> list[types.Position]:
    """A hover position on every line: on its first word, and after it."""
    found = []
    for number, line in enumerate(text.split("\n")):
        start = len(line) - len(line.lstrip())
        found += [types.Position(line=number, character=start + 1)]
        found += [types.Position(line=number, character=min(len(line), start + 12))]
    return found


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_answer_as_a_fresh_analysis(seed: int) -> None:
    rng = random.Random(seed)
    base = OPED.read_text(encoding="utf-8") if seed % 2 == 0 else generated_map()
    kept: Analysis | None = None  # the last analysis without errors, as the server keeps it
    kept_good: Analysis | None = None  # and the last without syntax errors, for hover
    fresh_good: Analysis | None = None
    inherited = refused = clean = 0
    for text in sequence(rng, base, 40):
        analysis = analyse(text)
        fresh = analyse(text)
        assert analysis.diagnostics == fresh.diagnostics
        if not analysis.errors:
            clean += 1
            if kept is not None and analysis.inherit(kept):
                inherited += 1
            else:
                refused += kept is not None
                analysis.evaluation()
            kept = analysis
        for position in _positions(text):
            assert features.hover(analysis, position, kept_good) == features.hover(
                fresh, position, fresh_good
            ), (text, position)
        if analysis.result.ok:
            kept_good, fresh_good = analysis, fresh
    assert clean >= 5 and inherited + refused >= 4  # the sequences reach the decision


def test_an_edit_of_texts_and_comments_keeps_the_evaluation() -> None:
    text = OPED.read_text(encoding="utf-8")
    before = analyse(text)
    evaluation = before.evaluation()
    edited = text.replace("Beijing", "China's leaders") + "\n# a note\n"
    after = analyse(edited)
    assert after.shape() == before.shape() and after.inherit(before)
    assert after.evaluated and after.evaluation() is evaluation


def test_versions_of_one_shape_share_one_evaluation_still_to_be_computed() -> None:
    text = OPED.read_text(encoding="utf-8")
    first = analyse(text)
    second = analyse(text.replace("Beijing", "China"))
    assert second.inherit(first) and not first.evaluated and not second.evaluated
    evaluation = second.evaluation()
    assert first.evaluated and first.evaluation() is evaluation


def test_a_failed_evaluation_is_raised_again_not_computed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.evaluation

    calls: list[int] = []

    def broken(m: object) -> None:
        calls.append(1)
        raise RuntimeError("a bug")

    monkeypatch.setattr(argmap.evaluation, "evaluate", broken)
    analysis = analyse(OPED.read_text(encoding="utf-8"))
    for _ in range(3):
        with pytest.raises(RuntimeError, match="a bug"):
            analysis.evaluation()
    assert calls == [1] and analysis.evaluated  # a hover does not wait for it again


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    implicit aligned:", "    aligned:"),  # implicit premises count as unsupported
        ("  reason provocations:", "  objection provocations:"),  # the kind of a group
        ("reason for closer:", "reason for sanctions:"),  # a target
        ("    implicit stakes:", "    @trade-threat\n    implicit stakes:"),  # a co-premise
        ("reason squeeze:", "reason squeezed:"),  # an id
        ("conclusion closer:", "claim closer:"),  # a conclusion
    ],
)
def test_an_edit_of_the_shape_computes_it_again(old: str, new: str) -> None:
    text = OPED.read_text(encoding="utf-8") + "\nreason for closer:\n  - Both say so.\n"
    assert old in text
    before = analyse(text)
    before.evaluation()
    after = analyse(text.replace(old, new, 1))
    assert not after.errors
    assert shape(after.map) != shape(before.map)
    assert not after.inherit(before) and not after.evaluated


def test_a_document_with_errors_inherits_nothing() -> None:
    text = OPED.read_text(encoding="utf-8")
    before = analyse(text)
    before.evaluation()
    broken = analyse(text + "reason for nothing:\n  - Hm.\n")
    assert broken.errors and not broken.inherit(before)
    assert broken.evaluation() is None


def test_the_server_imports_no_parser_or_feature_before_it_is_asked() -> None:
    code = (
        "import sys; import argmap.lsp.server as s; s.build_server(); "
        "print(sorted(m for m in ('lark', 'argmap.lsp.features', 'argmap.lsp.analysis', "
        "'argmap.evaluation', 'argmap.write.formatter') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_the_server_exits_cleanly_after_shutdown_and_exit(tmp_path: Path) -> None:
    def message(body: str) -> bytes:
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body.encode())

    session = b"".join(
        message(body)
        for body in (
            '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}',
            '{"jsonrpc":"2.0","method":"initialized","params":{}}',
            '{"jsonrpc":"2.0","id":2,"method":"shutdown"}',
            '{"jsonrpc":"2.0","method":"exit"}',
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "lsp"],
        input=session,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout
    assert b"Traceback" not in done.stderr and done.returncode == 0, done.stderr.decode()


# The server as `argmap lsp` runs it; when it is done, what a full collection would look at,
# and what is frozen out of its reach.
_COUNT_AT_EXIT = """
import concurrent.futures, gc, sys
counts, sys.argv = sys.argv[1], ["argmap", "lsp"]
from argmap.cli import main
main()
from argmap.read import parser
parser._parse_content.cache_clear()  # the lines read: as many as the edits made
scanned = sum(len(gc.get_objects(g)) for g in range(3))
frozen = gc.get_freeze_count()
futures = sum(1 for o in gc.get_objects() if isinstance(o, concurrent.futures.Future))
gc.unfreeze()
garbage = gc.collect()
with open(counts, "w") as out:
    out.write(f"{scanned} {frozen} {futures} {garbage}")
"""


def _session(tmp_path: Path, edits: int) -> tuple[int, ...]:
    """A session of ``edits`` random edits, each with a hover, then the first text again. When it
    is done: what a full collection would look at, what is frozen, how many futures are alive,
    and how much of what is frozen is garbage."""
    import json

    text = generated_map()
    counts = tmp_path / f"counts-{edits}"
    process = subprocess.Popen(
        [sys.executable, "-c", _COUNT_AT_EXIT, str(counts)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdin is not None and process.stdout is not None

    def send(method: str, params: object, id: int | None = None) -> None:
        message: dict[str, object] = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            message["id"] = id
        body = json.dumps(message).encode()
        process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))  # type: ignore[union-attr]
        process.stdin.flush()  # type: ignore[union-attr]

    def answer(id: int) -> None:
        stream = process.stdout
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):  # type: ignore[union-attr]
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))  # type: ignore[union-attr]
            if message.get("id") == id and "method" not in message:
                return

    send("initialize", {"capabilities": {}}, 1)
    answer(1)
    send("initialized", {})
    uri = "file:///held.arg"
    send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "argmap", "version": 1, "text": text}},
    )
    rng = random.Random(7)
    for version, edited in enumerate([*sequence(rng, text, edits), text], start=2):
        send(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}],
            },
        )
        position = {"line": rng.randrange(edited.count("\n") + 1), "character": 3}
        send("textDocument/hover", {"textDocument": {"uri": uri}, "position": position}, version)
        answer(version)
    send("shutdown", None, 10_000)
    answer(10_000)
    send("exit", None)
    assert process.wait(timeout=120) == 0
    return tuple(map(int, counts.read_text().split()))


def test_what_the_server_holds_is_out_of_the_collectors_reach(tmp_path: Path) -> None:
    """After a session of edits and hovers, a full collection would look at a small part of
    what the server holds: the rest (the analyses, the imported modules) is frozen."""
    scanned, frozen, *_ = _session(tmp_path, 12)
    assert frozen > 50_000 and scanned < frozen / 10, (scanned, frozen)


def test_what_is_frozen_stays_flat_over_many_edits(tmp_path: Path) -> None:
    """Back at the first text, a server that took 72 edits has frozen no more garbage than one
    that took 12 (what importing pygls left, frozen with it at start-up), and keeps no more
    futures: nothing piles up behind the collector's back (pygls kept one for every edit)."""
    *_, futures_few, garbage_few = _session(tmp_path, 12)
    *_, futures_many, garbage_many = _session(tmp_path, 72)
    assert futures_many <= futures_few <= 4, (futures_few, futures_many)
    assert garbage_many <= garbage_few + 50, (garbage_few, garbage_many)


@pytest.mark.parametrize("seed", range(4))
def test_positions_are_found_on_their_line_as_in_the_whole_list(seed: int) -> None:
    """The index by line finds the id and the item under every position just as a walk over
    all of them in the order of the text does."""
    rng = random.Random(seed)
    base = OPED.read_text(encoding="utf-8") if seed % 2 == 0 else generated_map()
    for text in [base, *sequence(rng, base, 8)]:
        analysis = analyse(text)
        items = (*analysis.map.claims, *analysis.map.groups, *analysis.map.sources)
        for number, line in enumerate(text.split("\n"), start=1):
            for column in range(1, len(line) + 3):
                expected = next(
                    (o for o in analysis.occurrences if o.span.contains(number, column)), None
                )
                assert analysis.occurrence_at(number, column) == expected
                node = next(
                    (
                        item
                        for item in items
                        if item.span is not None
                        and item.span.line <= number <= item.span.end_line
                        and not (item.span.line == number and column < item.span.column)
                    ),
                    None,
                )
                assert analysis.node_at(number, column) is node


# The analysis of an edit made from the one before (argmap.lsp.incremental) ------------------


_REASON = "conclusion c: Tea.\n  reason:\n"


def _follow(seed: int, edit: Callable[[random.Random, str], str], edits: int, back: float) -> int:
    """A random sequence of ``edits`` edits (back to the first text with chance ``back``) of
    the op-ed map or a generated one, each compared with a fresh analysis whenever it is made
    from the last analysis; how many were."""
    rng = random.Random(seed)
    base = OPED.read_text(encoding="utf-8") if seed % 2 == 0 else generated_map()
    previous = analyse(base)
    text, followed = base, 0
    for _ in range(edits):
        text = base if rng.random() < back else edit(rng, text)
        found = reanalyse(previous, text, encoding=previous.encoding)
        if found is not None:
            followed += 1
            same_as_fresh(found, text)
            previous = found
        else:
            previous = analyse(text)
    return followed


@pytest.mark.parametrize("seed", range(8))
def test_an_edit_made_from_the_last_analysis_is_a_fresh_analysis(seed: int) -> None:
    followed = _follow(seed, text_edit, 60, 0.25)
    assert followed >= 10, followed  # the edits do take the path


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("conclusion c: Tea is good.\n", "conclusion c: Tea is very good.\n"),
        (_REASON + "    - Warm.\n", _REASON + "    - Hot.\n"),
        ("conclusion c: Tea. [s]\nsource s: Me\n", "conclusion c: Tea, fine. [s]\nsource s: Me\n"),
        ("conclusion c: Tea.\n", "conclusion c: Tea.\n# a note\n\n"),
        ("conclusion c: Tea.  # old\n", "conclusion c: Tea.  # new\n"),
        # diagnostics on the edited claim: at its id (W204, E102, W207) or on it (W203)
        ("conclusion c: Tea.\nclaim c: Tea.\n", "conclusion c: Tea.\nclaim c: Tea!\n"),
        ("conclusion c: Tea.\nclaim d: Milk.\n", "conclusion c: Tea.\nclaim d: Tea\n"),
        ("conclusion c: Tea.\nclaim d: Milk.\n", "conclusion c: Tea.\nclaim d: Milk?\n"),
    ],
)
def test_edits_of_texts_and_comments_are_followed(before: str, after: str) -> None:
    previous = analyse(before)
    evaluation = previous.evaluation()
    found = reanalyse(previous, after, encoding=types.PositionEncodingKind.Utf16)
    assert found is not None
    same_as_fresh(found, after)
    # the same shape: the evaluation is handed on (a map with errors has none)
    assert found.evaluated and found.evaluation() is evaluation
    assert found.inherit(previous) == (evaluation is not None)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # W207: a claim takes another's text, then loses it again
        (_REASON + "    - Warm.\n    - Hot.\n", _REASON + "    - Warm.\n    - Warm.\n"),
        (_REASON + "    - Warm.\n    - Warm.\n", _REASON + "    - Warm.\n    - Hot.\n"),
    ],
)
def test_an_edit_that_makes_or_mends_a_duplicate_checks_it_again(before: str, after: str) -> None:
    found = reanalyse(analyse(before), after, encoding=types.PositionEncodingKind.Utf16)
    assert found is not None
    same_as_fresh(found, after)
    assert [d.code for d in found.diagnostics].count("W207") == after.count("Warm") - 1


_NAMED = "conclusion c: Tea.\nclaim d: Milk.\nreason r for c:\n  - Warm.\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # sources cited, dropped or undefined (E101, W206, attributions)
        ("conclusion c: Tea. [s]\nsource s: Me\n", "conclusion c: Tea.\nsource s: Me\n"),
        ("conclusion c: Tea.\nsource s: Me\n", "conclusion c: Tea. [s]\nsource s: Me\n"),
        (_REASON + "    - Warm.\n", _REASON + "    - Warm. [nowhere]\n"),
        (
            "conclusion c: Tea.\n  reason:\n    - A.\nsource s: Me\n",
            "conclusion c: Tea.\n  reason [s]:\n    - A.\nsource s: Me\n",
        ),
        # a claim made implicit, or given the keyword `claim`
        (_REASON + "    w: Warm.\n", _REASON + "    implicit w: Warm.\n"),
        ("conclusion c: Tea.\nd: Milk.\n", "conclusion c: Tea.\nimplicit d: Milk.\n"),
        ("conclusion c: Tea.\nclaim d: Milk.\n", "conclusion c: Tea.\nd: Milk.\n"),
        # a group with an id of its own changes its kind or its named target
        (_NAMED, _NAMED.replace("reason r", "objection r")),
        (_NAMED, _NAMED.replace("for c", "for d")),
        (_NAMED, _NAMED.replace("for c", "for nowhere")),
        (_NAMED, _NAMED.replace("for c", "for r")),
        # a claim's id retyped: nothing else names it, or a group now names it, or another has it
        (_REASON + "    w: Warm.\n", _REASON + "    wa: Warm.\n"),
        ("conclusion c: Tea.\n", "conclusion d: Tea.\n"),
        (_NAMED, _NAMED.replace("claim d:", "claim e:")),
        (
            _NAMED + "reason for e:\n  - Hot.\n",
            _NAMED.replace("d:", "e:") + "reason for e:\n  - Hot.\n",
        ),
        (_NAMED, _NAMED.replace("claim d:", "claim c:")),
    ],
)
def test_edits_that_rewrite_a_line_in_place_are_followed(before: str, after: str) -> None:
    """An edit of a line's keyword, sources or group kind, that keeps its place and id in the
    tree: followed, the structure's rules run again, and the evaluation is not handed on."""
    previous = analyse(before)
    previous.evaluation()
    found = reanalyse(previous, after, encoding=types.PositionEncodingKind.Utf16)
    assert found is not None
    same_as_fresh(found, after)
    assert (
        found.diagnostics != previous.diagnostics
        or found.shape() != previous.shape()
        or (found.map != previous.map)
    )
    if found.shape() != previous.shape() and not found.errors:
        assert not found.inherit(previous)


@pytest.mark.parametrize("seed", range(8))
def test_edits_of_lines_in_place_made_from_the_last_analysis_are_fresh_analyses(
    seed: int,
) -> None:
    followed = _follow(seed, line_edit, 80, 0.2)
    assert followed >= 10, followed


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (_NAMED, _NAMED.replace("c:", "e:")),  # the id of a claim a group names
        (_REASON + "    w: Warm.\n", _REASON + "    - Warm.\n"),  # an id dropped
        ("conclusion c: Tea.\n  reason:\n    - A.\n", "conclusion e: Tea.\n  reason:\n    - A.\n"),
        ("conclusion c: Tea.\n", "claim c: Tea.\n"),  # a keyword
        ("reason r: Tea.\n", "reason for x: Tea.\n"),  # a group names a target
        (
            "conclusion c: Tea.\n  reason:\n    - A.\n",
            "conclusion c: Tea.\n  objection:\n    - A.\n",
        ),
        ("conclusion c: Tea.\n", "\nconclusion c: Tea.\n"),  # lines move
        ("conclusion c: Tea.\n", "conclusion c: Tea.\nreason for \n"),  # a syntax error
        ("conclusion c: Tea.\n", "conclusion c: Tea.\n# argmap: hints\n"),  # a directive
        ("conclusion c: Tea.\n", "conclusion c: Tea \\\n  is good.\n"),  # a continuation
        ("conclusion c: Tea.\n", "conclusion c: Tea.\r\n"),  # another line end
        (_REASON + "    - Warm.\n", _REASON + "    - Warm.\n    - Hot.\n"),  # a co-premise
    ],
)
def test_other_edits_are_analysed_afresh(before: str, after: str) -> None:
    assert reanalyse(analyse(before), after, encoding=types.PositionEncodingKind.Utf16) is None


def test_the_rules_taken_as_blind_to_texts_are() -> None:
    """Every rule but TEXT_RULES gives the same findings once every claim's text is another:
    what lets an edit of a text keep their diagnostics."""
    from argmap.checks import checker_rules
    from argmap.lsp.incremental import TEXT_RULES

    texts = [OPED.read_text(encoding="utf-8"), generated_map()]
    texts += sequence(random.Random(3), texts[0], 30)
    differs: set[str] = set()
    for text in texts:
        m = analyse(text).map
        rng = random.Random(len(text))
        other = attrs.evolve(
            m,
            claims=tuple(
                attrs.evolve(c, text=rng.choice([m.claims[0].text, f"Text {n}.", "Tea."]))
                for n, c in enumerate(m.claims)
            ),
        )
        for rule in checker_rules():
            if rule.code.startswith("H"):
                continue  # teaching hints: a map with hints on is analysed afresh
            same = list(rule.run(m)) == list(rule.run(other))
            if rule.code in TEXT_RULES:
                if not same:
                    differs.add(rule.code)
            else:
                assert same, (rule.code, text)
    assert differs == set(TEXT_RULES)  # the test can tell a rule that reads texts


def test_the_rules_taken_as_blind_to_implicit_and_sources_are() -> None:
    """Every rule but TEXT_RULES and SOURCE_RULES gives the same findings once claims are made
    implicit or not and cite other sources (or none), and groups none: what lets such an edit
    keep them."""
    from argmap.checks import checker_rules
    from argmap.lsp.incremental import SOURCE_RULES, TEXT_RULES
    from argmap.model import Reference

    texts = [OPED.read_text(encoding="utf-8"), generated_map()]
    texts += sequence(random.Random(5), texts[0], 30)
    differs: set[str] = set()
    for text in texts:
        m = analyse(text).map
        rng = random.Random(len(text))
        ids = [s.id for s in m.sources]
        cited = [*rng.sample(ids, len(ids) // 2), "nowhere"]  # the others: unused

        def other(claim: Claim, rng: random.Random = rng, cited: list[str] = cited) -> Claim:
            sources = tuple(
                Reference(id=rng.choice(cited), span=claim.span) for _ in range(rng.randrange(3))
            )
            return attrs.evolve(claim, implicit=rng.random() < 0.5, sources=sources)

        changed = attrs.evolve(
            m,
            claims=tuple(other(c) for c in m.claims),
            groups=tuple(attrs.evolve(g, sources=()) for g in m.groups),
        )
        for rule in checker_rules():
            if rule.code.startswith("H") or rule.code in TEXT_RULES:
                continue
            same = list(rule.run(m)) == list(rule.run(changed))
            if rule.code in SOURCE_RULES:
                if not same:
                    differs.add(rule.code)
            else:
                assert same, (rule.code, text)
    assert differs == set(SOURCE_RULES)  # the test can tell a rule that reads sources


def test_the_server_makes_the_analysis_of_an_edit_of_texts_from_the_last() -> None:
    from argmap.lsp.server import build_server

    server = build_server()
    server.protocol.server_capabilities = types.ServerCapabilities(
        position_encoding=types.PositionEncodingKind.Utf16
    )
    uri = "file:///edited.arg"
    text = OPED.read_text(encoding="utf-8")
    first = server._analyse(uri, text)
    server._latest[uri] = first
    edited = text.replace("Beijing will not", "Beijing would not", 1)
    second = server._analyse(uri, edited)
    same_as_fresh(second, edited)
    kept = sum(1 for a, b in zip(first.map.claims, second.map.claims, strict=True) if a is b)
    assert kept == len(first.map.claims) - 1  # made from the last: all but one claim kept
    server._latest[uri] = second
    moved = server._analyse(uri, "\n" + edited)  # every line moves: analysed afresh
    assert not any(a is b for a, b in zip(second.map.claims, moved.map.claims, strict=True))


def test_after_a_syntax_error_the_server_makes_it_from_the_last_version_without_errors() -> None:
    """A line typed at the end passes through versions with syntax errors (``reason for``)
    before it reads (a comment): that one is made from the last version without errors."""
    from argmap.lsp.server import build_server

    server = build_server()
    server.protocol.server_capabilities = types.ServerCapabilities(
        position_encoding=types.PositionEncodingKind.Utf16
    )
    uri = "file:///typed.arg"
    text = OPED.read_text(encoding="utf-8")
    good = server._analysed[uri] = server._analyse(uri, text)
    server._latest[uri] = server._analyse(uri, text + "reason for \n")
    assert server._latest[uri].errors
    commented = text + "# reason for later\n"
    found = server._analyse(uri, commented)
    same_as_fresh(found, commented)
    assert all(a is b for a, b in zip(good.map.claims, found.map.claims, strict=True))


@pytest.mark.parametrize("seed", range(4))
def test_the_runs_of_changed_lines_turn_the_old_lines_into_the_new(seed: int) -> None:
    from argmap.lsp.incremental import _hunks

    rng = random.Random(seed)
    for _ in range(300):
        old = [rng.choice("abc ") for _ in range(rng.randint(1, 40))]
        new = list(old)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(new))
            if rng.random() < 0.7:
                new[at] = rng.choice("abcd ")
            elif rng.random() < 0.5:
                new.append(rng.choice(["x", " ", ""]))
            else:
                new.pop()
                new = new or [""]
        hunks = _hunks(tuple(old), tuple(new))
        if hunks is None:  # lines moved: a line that is not blank follows the added or removed
            assert len(old) != len(new)
            continue
        rebuilt, done = [], 0
        for start, old_end, new_end in hunks:
            assert done <= start and start <= old_end and start <= new_end
            rebuilt += old[done:start] + new[start:new_end]
            done = old_end
        rebuilt += old[done:]
        assert rebuilt == new, (old, new, hunks)
        # each run holds changed lines only, but for the last, which may also hold added ones
        for start, old_end, _ in hunks[:-1]:
            assert all(old[i] != new[i] for i in range(start, old_end))


def test_maps_of_other_sizes_are_not_compared_shape_by_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.lsp import analysis as module

    text = OPED.read_text(encoding="utf-8")
    before = analyse(text)
    before.evaluation()
    before.shape()
    shaped: list[object] = []
    monkeypatch.setattr(module, "shape", lambda m: shaped.append(m) or shape(m))
    for more in ("reason for closer:\n  - Both say so.\n", "claim extra: One claim more.\n"):
        after = analyse(text + more)
        assert not after.inherit(before) and after.earlier() is before.evaluation()
    assert shaped == []  # a claim or a group more: told without finding either shape
    same_size = analyse(text.replace("reason squeeze:", "reason squeezed:", 1))
    assert not same_size.inherit(before) and len(shaped) == 1  # its own; before's is kept


def test_prepared_hovers_find_nothing_of_the_whole_map_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.lsp import analysis as module
    from argmap.model import ArgumentMap

    text = OPED.read_text(encoding="utf-8")
    expected = [features.hover(analyse(text), p) for p in _positions(text)]
    prepared = analyse(text)
    prepared.prepare()
    using, _ = prepared.map._uses()

    def again(*_: object) -> None:
        raise AssertionError("found again")

    monkeypatch.setattr(module, "_by_line", again)
    monkeypatch.setattr(ArgumentMap, "_attribute_all", again)  # each node's is found alone
    assert [features.hover(prepared, p) for p in _positions(text)] == expected
    assert prepared.map._uses()[0] is using  # not found again


def test_the_worker_frees_the_version_an_edit_replaces(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import weakref

    from argmap.lsp.server import _Document, build_server

    server = build_server()
    monkeypatch.setattr(server, "text_document_publish_diagnostics", lambda params: None)
    uri = "file:///replaced.arg"
    text = OPED.read_text(encoding="utf-8")
    replaced = analyse(text)
    freed: list[str] = []
    weakref.finalize(replaced, lambda: freed.append(threading.current_thread().name))
    server.documents[uri] = _Document(analysis=replaced, last_good=replaced)
    server._open.add(uri)
    del replaced
    busy = threading.Event()  # the worker installs an analysis, then goes on with it
    server._analyser.submit(busy.wait, 30)
    server._install(uri, analyse(text + "# edited\n"), 2)
    assert freed == []
    busy.set()
    server._analyser.submit(lambda: None).result()  # the worker is done with what it was given
    assert len(freed) == 1 and freed[0].startswith("argmap-analysis")
