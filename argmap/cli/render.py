"""``argmap render PATH...``: draw maps as SVG, PNG, PDF or DOT, and check committed diagrams.

Exit codes: 0 every diagram drawn or up to date; 1 a map has errors (not drawn, unless
``--force``), a diagram is stale (``--check``), or a layout failed; 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import re
import shlex
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.cli.files import new_file_mode
from argmap.cli.inputs import (
    EXTENSION,
    Input,
    InputError,
    Skipped,
    add_limit_options,
    expand,
    limit_number,
    limits,
    read,
)
from argmap.cli.outputs import Policy, Refused, add_flags
from argmap.read.layout import Limits
from argmap.report import shown_path

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render import Part
    from argmap.report import FileReport

__all__ = ["Job", "Outcome", "add_parser", "plan", "run"]

FORMATS = ("svg", "png", "pdf", "dot")
PART_SIZE = 300  # argmap.render.PART_SIZE, named here so that --help imports nothing
STDOUT = "-"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "render",
        help="draw maps as SVG, PNG, PDF or DOT diagrams",
        description="Draw .arg maps with Graphviz. Each diagram goes next to its map with the "
        "format's extension, unless -o names a file or a directory. A diagram whose map has not "
        "changed is left alone. Exit 0 when every diagram is drawn or up to date, 1 when a map "
        "has errors, a diagram is stale (--check) or a layout fails, 2 on a usage or I/O error.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="maps, directories (every .arg below), or -"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="where to write: a file (one map), a directory (mirrors the inputs), or - for stdout",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="output format (default: from the -o file's extension, else svg)",
    )
    parser.add_argument("--legend", action="store_true", help="add a legend to each diagram")
    parser.add_argument(
        "--direction",
        choices=("auto", "down", "right"),
        default="auto",
        help="down: the conclusion on top; right: the conclusion on the left, siblings stacked; "
        "auto (default): whichever reads best in a 1,000 px column",
    )
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="show which claims and groups stand: an IN / OUT / UNDECIDED badge on each, OUT "
        "greyed, UNDECIDED amber (see argmap evaluate)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a diagram is missing or older than its map (for CI)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="draw maps even when they have errors, and replace existing files argmap did not "
        "write (never a map given as input)",
    )
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="draw and write every diagram, even those that are up to date",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="maps drawn at once (default: the number of CPUs)",
    )
    parser.add_argument(
        "--engine",
        choices=("bundled", "system"),
        default="bundled",
        help="bundled: the Graphviz inside pygraphviz (default); system: `dot` on PATH",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="stop a layout that takes longer (default: 60; 0: no limit)",
    )
    parser.add_argument(
        "--max-nodes",
        type=limit_number,
        default=None,
        metavar="N",
        help="refuse to lay out maps (or parts) with more claims and groups (default: 4000; "
        "0: no limit)",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="for large maps: draw the map in parts of at most --part-size claims and groups, "
        "cut at reasons and objections, one file per part named after the claim or group it "
        "starts from (map@c1.svg, map@g12.svg ...)",
    )
    parser.add_argument(
        "--part-size",
        type=_positive,
        default=PART_SIZE,
        metavar="N",
        help=f"claims and groups per part with --split (default: {PART_SIZE})",
    )

    parser.add_argument(
        "--dpi", type=_positive, default=None, metavar="N", help="PNG resolution (default: 144)"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems, no progress or summary"
    )
    add_flags(parser, force=False)
    add_limit_options(parser)
    parser.set_defaults(run=run)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds: {value!r}")
    return number


# Planning: which map goes where -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Job:
    """One map to draw: where it comes from, where its diagram goes (``-`` for stdout)."""

    input: Input
    output: str


class UsageError(Exception):
    """The command line asks for something impossible: exit code 2."""


def plan(
    paths: Sequence[str], output: str | None, format: str, *, follow_links: bool = False
) -> tuple[list[Job], list[InputError | Skipped]]:
    """The jobs for these inputs, and the inputs that could not be found.

    Without ``-o`` each diagram goes next to its map. ``-o`` is a directory when it exists as
    one, ends with a slash, or there is more than one map; a directory given as input is then
    mirrored below it, so two maps never write the same file.
    """
    found: list[tuple[Input, Path | None]] = []  # (map, the input directory it was found in)
    problems: list[InputError | Skipped] = []
    for raw in paths:
        root = Path(raw) if raw != STDOUT and Path(raw).is_dir() else None
        for item in expand([raw], follow_links=follow_links):
            if isinstance(item, InputError | Skipped):
                problems.append(item)
            else:
                found.append((item, root))
    many = len(found) > 1 or any(root is not None for _, root in found)
    into_dir = output not in (None, STDOUT) and (
        many or output.endswith(("/", os.sep)) or Path(output).is_dir()
    )
    if output == STDOUT and many:
        raise UsageError("-o - writes one diagram to stdout, but there are several maps")
    jobs: list[Job] = []
    for item, root in found:
        if output == STDOUT or (output is None and item.path == STDOUT):
            target = STDOUT
        elif into_dir:
            assert output is not None
            if item.path == STDOUT:
                name = Path("stdin")
            elif root is not None:
                name = Path(item.path).relative_to(root)
            else:
                name = Path(Path(item.path).name)
            target = str(Path(output, name).with_suffix(f".{format}"))
        elif output is not None:
            target = output
        else:
            target = str(_with_format(Path(item.path), format))
        jobs.append(Job(input=item, output=target))
    _refuse_clashes(jobs)
    return jobs, problems


def _with_format(path: Path, format: str) -> Path:
    return path.with_suffix(f".{format}") if path.suffix == EXTENSION else Path(f"{path}.{format}")


def _refuse_clashes(jobs: list[Job]) -> None:
    inputs = {os.path.realpath(job.input.path) for job in jobs if job.input.path != STDOUT}
    seen: dict[str, Job] = {}
    for job in jobs:
        if job.output == STDOUT:
            continue
        key = os.path.realpath(job.output)
        if key in inputs:
            raise UsageError(
                f"{shown_path(job.input.label)}: the diagram would overwrite a map "
                f"({shown_path(job.output)})"
            )
        if key in seen:
            raise UsageError(
                f"{shown_path(seen[key].input.label)} and {shown_path(job.input.label)} would "
                f"both write {shown_path(job.output)}"
            )
        seen[key] = job


# Drawing ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Outcome:
    """What happened to one job. ``status``: drawn, current, stale, missing, invalid, failed,
    unreadable, unwritable, refused (the output policy, :mod:`argmap.cli.outputs`)."""

    job: Job
    status: str
    message: str = ""
    report: FileReport | None = None
    notes: tuple[str, ...] = ()
    data: bytes | None = None  # for stdout


@attrs.frozen(kw_only=True)
class Settings:
    format: str
    legend: bool
    check: bool
    force: bool
    rewrite: bool
    engine: str
    timeout: float | None
    max_nodes: int | None
    dpi: int | None
    evaluate: bool = False
    direction: str = "auto"
    split: int | None = None  # the part size, with --split
    jobs: int = 1
    policy: Policy = attrs.field(factory=Policy)
    limits: Limits = attrs.field(factory=Limits)


def draw_job(job: Job, settings: Settings) -> list[Outcome]:
    """Read, check and draw one map (each of its parts, with --split); write each diagram
    unless it is up to date (or --check)."""
    from argmap import render
    from argmap.checks import check
    from argmap.diagnostics import Severity
    from argmap.report import FileReport

    parsed = read(job.input, settings.limits)
    if isinstance(parsed, InputError):
        return [Outcome(job=job, status="unreadable", message=parsed.message)]
    errors = tuple(d for d in check(parsed) if d.severity >= Severity.ERROR)
    report = FileReport(path=parsed.path or job.input.label, text=parsed.text, diagnostics=errors)
    if errors and not settings.force:
        return [Outcome(job=job, status="invalid", report=report)]
    shown = report if errors else None
    if settings.split is None:
        return [_draw(job, parsed.map, settings, shown)]
    parts = render.split(parsed.map, settings.split)
    jobs = [Job(input=job.input, output=part_path(job.output, part.root)) for part in parts]
    # The map's errors (--force) are reported once, with its first part.
    reports = [shown] + [None] * (len(parts) - 1)
    from concurrent.futures import ThreadPoolExecutor  # with logging: 7 ms one map does not need

    with ThreadPoolExecutor(max_workers=min(settings.jobs, len(parts))) as pool:
        drawn = [
            pool.submit(_draw, part_job, parsed.map, settings, report, part)
            for part_job, report, part in zip(jobs, reports, parts, strict=True)
        ]
        return [future.result() for future in drawn]


def part_path(output: str, root: str) -> str:
    """Where the part starting from ``root`` goes: ``map.svg`` -> ``map@root.svg``.

    An id never holds ``@``, so no part is named like another part; and a part whose name is
    that of another map's diagram (a map called ``map@root.arg`` beside it) is refused when
    written (:func:`_sibling_map`).
    """
    path = Path(output)
    return str(path.with_name(f"{path.stem}@{root}{path.suffix}"))


def _sibling_map(output: str) -> str | None:
    """The map beside a part whose own diagram would be this part's file, if there is one."""
    path = Path(output)
    for folder in {path.parent, Path(os.path.dirname(os.path.realpath(output)))}:
        candidate = folder / (path.stem + EXTENSION)
        if candidate.exists():
            return str(candidate)
    return None


def _draw(
    job: Job,
    m: ArgumentMap,
    settings: Settings,
    shown: FileReport | None,
    part: Part | None = None,
) -> Outcome:
    """Draw one diagram (the map, or one part of it) unless the file is up to date."""
    from argmap import render
    from argmap.render import stamp

    options: dict[str, object] = {
        "legend": settings.legend,
        "evaluate": settings.evaluate,
        "direction": settings.direction,
        "part": part,
    }
    if settings.dpi is not None:
        options["dpi"] = settings.dpi
    drawing_options: dict[str, object] = {}
    if settings.max_nodes is not None:  # else the library's default cap, MAX_NODES
        drawing_options["max_nodes"] = settings.max_nodes or None  # 0: no limit
    existing: bytes | None = None
    if job.output != STDOUT:
        if part is not None and (other := _sibling_map(job.output)) is not None:
            message = (
                f"{shown_path(job.output)}: the part's file is the diagram of another map, "
                f"{shown_path(other)}"
            )
            return Outcome(job=job, status="refused", message=message, report=shown)
        try:
            existing = settings.policy.existing(job.output)
        except Refused as refusal:
            return Outcome(job=job, status="refused", message=str(refusal), report=shown)
    # The DOT is built once: for the fingerprint, and to draw if the file is not up to date.
    planned = render.plan(m, settings.format, **options)  # type: ignore[arg-type]
    # An SVG whose fingerprint matches is compared with a new drawing: the comment alone proves
    # nothing (anyone can compute it), and an SVG is what a page shows, scripts and all. It is
    # redrawn in the layout it records having chosen (auto's choice depends on the fonts).
    verify = False
    chosen: tuple[str, int] | None = None
    keep = existing if not settings.rewrite else None
    if keep is not None and stamp.read(keep, settings.format) == planned.fingerprint:
        if settings.format != "svg":
            return Outcome(job=job, status="current", report=shown)
        verify = True
        chosen = stamp.read_layout(keep, settings.format)
    if verify and chosen is not None and chosen not in planned.layouts:
        # A layout auto never tries: the comment was edited, so the drawing is not argmap's.
        verify, chosen = False, None
        if settings.check:
            why = (
                f"it records a layout that {shown_path(job.input.label)} is never drawn in: "
                "it was changed after argmap drew it"
            )
            return Outcome(job=job, status="stale", message=why, report=shown)
    if settings.check and settings.format != "pdf" and not verify:
        # A PDF cannot carry a fingerprint: it is drawn and compared byte for byte below.
        if existing is None:
            return Outcome(job=job, status="missing", report=shown)
        why = _stale_reason(existing, m, settings.format, job.input.label)
        return Outcome(job=job, status="stale", message=why, report=shown)
    try:
        drawing = planned.draw(
            engine=settings.engine,
            timeout=settings.timeout,
            layout=chosen,
            **drawing_options,  # type: ignore[arg-type]
        )
    except render.RenderError as error:
        return Outcome(job=job, status="failed", message=str(error), report=shown)
    notes = drawing.messages
    if job.output == STDOUT:
        return Outcome(job=job, status="drawn", report=shown, notes=notes, data=drawing.data)
    verified = existing is not None and verify and stamp.same_drawing(existing, drawing.data)
    if existing == drawing.data or verified:
        return Outcome(job=job, status="current", report=shown, notes=notes)
    if settings.check:
        if existing is None:
            return Outcome(job=job, status="missing", report=shown)
        label = shown_path(job.input.label)
        why = (
            f"its fingerprint is that of {label}, but the drawing is not what the map draws: "
            "it was changed after argmap drew it"
            if verify
            else f"it is not what {label} draws now (a PDF is compared byte for byte)"
        )
        return Outcome(job=job, status="stale", message=why, report=shown)
    try:
        settings.policy.may_replace(job.output, existing)
        _write(Path(job.output), drawing.data)
    except Refused as refusal:
        return Outcome(job=job, status="refused", message=str(refusal), report=shown)
    except OSError as error:
        return Outcome(job=job, status="unwritable", message=_oserror(job.output, error))
    return Outcome(job=job, status="drawn", report=shown, notes=notes)


_TITLE = re.compile(rb"<title>([^<]*)</title>")


def _stale_reason(existing: bytes, m: ArgumentMap, format: str, label: str) -> str:
    """Why a diagram is not up to date, as far as the file can tell: never "older" on the
    strength of a file time, which a checkout resets."""
    from argmap.render import stamp

    if stamp.read(existing, format) is None:
        return "it has no argmap fingerprint: it was not drawn by `argmap render`, or was edited"
    if format == "svg":
        # Graphviz names each node in a <title>: a drawing none of whose nodes is a claim of
        # this map was drawn from another map (a copy, or an output path given twice).
        drawn = {html.unescape(t.decode("utf-8", "replace")) for t in _TITLE.findall(existing)}
        if m.claims and not drawn & {c.id for c in m.claims}:
            shown = shown_path(label)
            return f"it was drawn from another map: none of the claims of {shown} are in it"
    return (
        f"it was drawn from another version of {shown_path(label)}, or with other options: its "
        "fingerprint does not match what the map draws now"
    )


def _write(path: Path, data: bytes) -> None:
    from argmap.cli.files import write_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _oserror(path: str, error: OSError) -> str:
    return f"{shown_path(path)}: {error.strerror or error}"


# The command --------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    format = args.format or _format_of(args.output)
    if args.check and (args.output == STDOUT or STDOUT in args.paths):
        print(
            "argmap: --check compares files: it cannot read stdin or write stdout", file=sys.stderr
        )
        return 2
    if args.split and (args.output == STDOUT or (args.output is None and STDOUT in args.paths)):
        print(
            "argmap: --split writes one file per part: it cannot write to stdout (use -o DIR)",
            file=sys.stderr,
        )
        return 2
    try:
        jobs, problems = plan(args.paths, args.output, format, follow_links=args.follow_links)
    except UsageError as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"argmap: {shown_path(problem.path)}: {problem.message}", file=sys.stderr)
    settings = Settings(
        format=format,
        legend=args.legend,
        check=args.check,
        force=args.force,
        rewrite=args.rewrite,
        engine=args.engine,
        timeout=args.timeout or None,
        max_nodes=args.max_nodes,
        dpi=args.dpi,
        evaluate=args.evaluate,
        direction=args.direction,
        split=args.part_size if args.split else None,
        jobs=args.jobs or os.cpu_count() or 1,
        policy=Policy.of(
            [job.input.path for job in jobs], force=args.force, follow_links=args.follow_links
        ),
        limits=limits(args),
    )
    new_file_mode()  # read the umask now, before the worker threads start
    # --check draws an SVG whose fingerprint matches (to compare it), and every PDF.
    drawn = format != "dot" and (not settings.check or format in ("svg", "pdf"))
    if jobs and drawn and settings.engine == "bundled":
        from argmap.render import backend

        # Graphviz's child process starts while the first map is read and checked.
        backend.prepare(format, timeout=settings.timeout, dpi=settings.dpi or backend.DPI)
    progress = _Progress(len(jobs), enabled=not args.quiet and _isatty(sys.stderr))
    # With --split the parts of one map are drawn at once, so maps are taken one at a time.
    workers = 1 if settings.split is not None else settings.jobs
    outcomes = _run_all(jobs, settings, workers, progress.step)
    progress.done()
    command = None
    if args.check:
        words = [word for word in getattr(args, "argv", None) or () if word != "--check"]
        command = " ".join(_shell_word(word) for word in ["argmap", *words]) if words else None
    return _report(outcomes, problems, quiet=args.quiet, command=command)


def _shell_word(word: str) -> str:
    """A word of a command line to copy: quoted for the shell, on one line, with no control
    character and no workflow command: an unusual one in bash's ``$'...'`` form (the escapes
    :func:`~argmap.report.shown_path` writes are bash's)."""
    shown = shown_path(word)
    if shown == word:
        return shlex.quote(word)
    # A byte that is not UTF-8 (a surrogate escape, ``\\udcff``) is ``\\xff`` to bash.
    return "$" + _ESCAPE_OR_SURROGATE.sub(lambda m: f"\\x{m[2]}" if m[2] else m[0], shown)


_ESCAPE_OR_SURROGATE = re.compile(r"\\(\\|udc([89a-f][0-9a-f]))")


def _format_of(output: str | None) -> str:
    if output and output != STDOUT and not output.endswith(("/", os.sep)):
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
    return "svg"


def _run_all(
    jobs: list[Job], settings: Settings, workers: int, step: Callable[[Job], None]
) -> list[Outcome]:
    if workers == 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcomes += draw_job(job, settings)
            step(job)
        return outcomes
    from concurrent.futures import ThreadPoolExecutor

    # Threads are enough: the layouts run in child processes, and the threads mostly wait.
    with ThreadPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = [pool.submit(draw_job, job, settings) for job in jobs]
        for future, job in zip(futures, jobs, strict=True):
            future.add_done_callback(functools.partial(_stepped, step, job))
        return [outcome for future in futures for outcome in future.result()]


def _stepped(step: Callable[[Job], None], job: Job, _: object) -> None:
    step(job)


def _report(
    outcomes: list[Outcome],
    problems: list[InputError | Skipped],
    *,
    quiet: bool,
    command: str | None = None,
) -> int:
    from argmap.report import FileReport, render_report

    reports = {o.report.path: o.report for o in outcomes if o.report is not None}
    if reports:
        # Every map read counts in the summary ("2 errors in 1 of 2 files"), not only those
        # with errors.
        for outcome in outcomes:
            label = outcome.job.input.label
            if outcome.status != "unreadable" and label not in reports:
                reports[label] = FileReport(path=label, text="", diagnostics=())
        sys.stderr.write(render_report(list(reports.values()), "text"))
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        label = outcome.job.input.label
        for note in outcome.notes:
            print(f"argmap: {shown_path(label)}: graphviz: {note}", file=sys.stderr)
        if outcome.status == "drawn" and outcome.data is not None:
            sys.stdout.buffer.write(outcome.data)
            sys.stdout.buffer.flush()
        elif outcome.status == "drawn" and not quiet:
            print(f"drew {shown_path(outcome.job.output)}", file=sys.stderr)
        elif outcome.status == "stale":
            output = shown_path(outcome.job.output)
            print(f"would redraw {output}: {outcome.message}", file=sys.stderr)
        elif outcome.status == "missing":
            print(
                f"would draw {shown_path(outcome.job.output)}: {shown_path(label)} has no "
                "diagram there yet",
                file=sys.stderr,
            )
        elif outcome.status == "invalid":
            print(
                f"argmap: {shown_path(label)}: not drawn: the map has errors (--force draws it)",
                file=sys.stderr,
            )
        elif outcome.status in ("failed", "unreadable", "unwritable", "refused"):
            print(f"argmap: {shown_path(label)}: {outcome.message}", file=sys.stderr)
    if (counts.get("stale") or counts.get("missing")) and command is not None:
        print(
            f"argmap: to draw them, run the same command without --check: `{command}`",
            file=sys.stderr,
        )
    if not quiet and len(outcomes) > 1:
        print(_summary(counts), file=sys.stderr)
    errors = [problem for problem in problems if isinstance(problem, InputError)]
    if errors or any(counts.get(status) for status in ("unreadable", "unwritable", "refused")):
        return 2
    failing = ("invalid", "failed", "stale", "missing")
    return 1 if any(counts.get(status) for status in failing) else 0


def _summary(counts: dict[str, int]) -> str:
    names = {
        "drawn": "drawn",
        "current": "up to date",
        "stale": "would be redrawn",
        "missing": "would be drawn",
        "invalid": "not drawn (errors)",
        "failed": "failed",
        "unreadable": "unreadable",
        "unwritable": "not written",
        "refused": "refused",
    }
    parts = [f"{counts[key]} {name}" for key, name in names.items() if counts.get(key)]
    return "argmap render: " + (", ".join(parts) or "nothing to do") + "."


class _Progress:
    """``[3/10] maps/a.arg`` on one terminal line, rewritten as maps finish; nothing in CI."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.finished = 0
        self.lock = threading.Lock()

    def step(self, job: Job) -> None:
        if not self.enabled:
            return
        with self.lock:
            self.finished += 1
            line = f"[{self.finished}/{self.total}] {shown_path(job.input.label)}"
            sys.stderr.write(f"\r\x1b[K{line[:200]}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.finished:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
