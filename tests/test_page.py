"""The interactive page without a browser: the CLI, determinism, the policy, the data, the
outline, maps with errors, the Markdown and Jupyter opt-ins. tests/browser/ drives it in
Chromium."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

import argmap
from argmap.render import page
from argmap.render.notebook import interactive
from argmap.render.text import clean
from argmap.write.outline import entries, to_outline
from tests.conftest import OPED, outputs_across_hash_seeds, run_argmap
from tests.hostile.page_safety import assert_safe, data, painted_lines

BROKEN = (
    "conclusion c: Tea is good.\n  reason:\n    - It is warm.\n  reason for nowhere:\n    - x\n"
)


def test_export_writes_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "oped.html"
    done = run_argmap("export", "-f", "html", str(OPED), "-o", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    document = out.read_text(encoding="utf-8")
    assert document == page.to_html(argmap.parse_file(OPED))
    assert_safe(document)
    assert not re.search(r"\b(?:src|srcset)=|https?://(?!www\.w3\.org/)", document)
    assert document.count("<svg") == 1


def test_the_page_is_deterministic() -> None:
    code = "import sys, argmap; sys.stdout.write(argmap.to_html(argmap.parse_file(sys.argv[1])))"
    seen = outputs_across_hash_seeds("-c", code, str(OPED))
    assert len(seen) == 1
    assert seen == {page.to_html(argmap.parse_file(OPED))}


def test_the_policy_allows_only_the_page_s_own_blocks() -> None:
    document = page.to_html(argmap.parse_file(OPED))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', document)[1]
    assert policy.startswith("default-src 'none'; ")
    assert "unsafe" not in policy and "*" not in policy
    assert f'<script id="av:drawn">{page.script()}</script>' in document
    assert '<link rel="expect" href="#av:drawn" blocking="render">' in document
    assert f"<style>{page.style()}</style>" in document


def test_the_data_is_the_map_and_its_evaluation() -> None:
    m = argmap.parse_file(OPED).map
    found = data(page.to_html(m, evaluate=True))
    evaluation = argmap.evaluate(m)
    assert found["evaluate"] is True
    assert set(found["nodes"]) == {n.id for n in m.nodes()}
    closer = found["nodes"]["closer"]
    assert closer["conclusion"] is True
    assert closer["by"] == [g.id for g in m.groups_targeting("closer")]
    assert closer["sources"] == ["hammond"]
    assert found["nodes"]["pressure"]["premises"] == ["trade-threat"]
    assert found["evaluation"]["pressure"] == ["out", evaluation.explain("pressure")]
    assert found["sources"]["reader"] == m.source("reader").text
    assert data(page.to_html(m))["evaluate"] is False


def test_the_data_block_is_latin_1_and_reads_back_exactly() -> None:
    # Beyond Latin-1 (an em dash, curly quotes, U+2028, a character beyond the BMP) as \u
    # escapes, so that the browser reads the block one byte a character; Latin-1 stays as is.
    text = "conclusion c: Tea \u2014 \u201cgood\u201d, caf\u00e9\u2028\U0001f375 <b>&.\n"
    document = page.to_html(text, drawing="canvas")
    block = document.split('class="av-data">')[1].split("</script>")[0]
    assert max(map(ord, block)) <= 0xFF and "caf\u00e9" in block
    assert "\\u2014" in block and "\\ud83c\\udf75" in block
    assert data(document)["nodes"]["c"]["text"] == clean(argmap.parse(text).map.claim("c").text)


def test_the_outline_is_the_text_outline_linked_to_the_boxes() -> None:
    m = argmap.parse_file(OPED).map
    document = page.to_html(m, draw=False)
    links = re.findall(r'<a class="av-item ([^"]*)" href="#([^"]*)" data-node="([^"]*)">', document)
    assert [node for _, _, node in links] == [e.node.id for e in entries(m) if e.node]
    assert all(anchor == node for _, anchor, node in links)
    # Each line says what the plain outline says, as text.
    texts = [html.unescape(t) for t in re.findall(r'data-node="[^"]*">([^<]*)</a>', document)]
    lines = [e for e in entries(m) if e.node]
    assert texts[0] == "Conclusion: " + lines[0].label
    assert texts[1:] == [e.label for e in lines[1:]]
    assert all(line.strip().rstrip(":").removeprefix("- ") in to_outline(m) for line in texts)
    # Nested lists as deep as the outline, closed as often as opened.
    outline = document.split('class="av-outline"')[1].split("</nav>")[0]
    assert outline.count("<ul") == outline.count("</ul>")
    assert outline.count("<li>") == outline.count("</li>") == len(links)


def test_a_map_with_errors_is_drawn_under_its_diagnostics(tmp_path: Path) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "broken.html"
    done = run_argmap("export", "-f", "html", str(source), "-o", str(out))
    assert done.returncode == 1
    assert "error E008" in done.stderr
    document = out.read_text(encoding="utf-8")
    assert_safe(document)
    notice = document.split('<section class="av-diagnostics av-has-errors"')[1].split("</section>")[
        0
    ]
    assert 'role="alert"' in notice and "This map has 1 error." in notice
    assert "E008" in notice and "line 4, column 14" in notice
    assert document.index("av-diagnostics") < document.index("<svg")
    assert '<g id="c" class="node claim conclusion">' in document


def test_a_map_that_cannot_be_drawn_keeps_its_outline() -> None:
    m = argmap.parse_file(OPED).map
    document = page.to_html(m, timeout=1e-9)
    assert "The diagram could not be drawn" in document and "<svg" not in document
    assert 'data-node="closer"' in document
    assert_safe(document)


def test_the_other_export_formats_still_refuse_syntax_errors(tmp_path: Path) -> None:
    done = run_argmap("export", "-f", "json", "-", stdin="conclusion c Tea\n")
    assert done.returncode == 1 and done.stdout == ""


def test_markdown_opts_into_the_interactive_view() -> None:
    text = OPED.read_text(encoding="utf-8")
    fences = f"```argmap\n{text}```\n\nBetween.\n\n```argmap\nconclusion z: Zed.\n```\n"
    out = markdown.markdown(
        fences,
        extensions=["argmap.markdown"],
        extension_configs={"argmap.markdown": {"interactive": True}},
    )
    assert out.count('<div class="argmap-view av-embedded"') == 2
    assert out.count(f"<script>{page.script()}</script>") == 2
    assert "Content-Security-Policy" not in out
    plain = markdown.markdown(fences, extensions=["argmap.markdown"])
    assert "argmap-view" not in plain and "<script" not in plain


def test_jupyter_opts_into_the_interactive_view() -> None:
    m = argmap.parse_file(OPED).map
    shown = interactive(m, evaluate=True, height=500)._repr_html_()
    frame = re.fullmatch(
        r'<iframe class="argmap-frame" sandbox="allow-scripts" width="100%" height="500" '
        r'title="Argument map" srcdoc="([^"]*)"></iframe>',
        shown,
    )
    assert frame is not None
    assert html.unescape(frame[1]) == page.to_html(m, evaluate=True)
    assert interactive(m)._repr_mimebundle_()["text/plain"] == to_outline(m)


def _absolute(d: str, *, curved: bool) -> list[tuple[float, float]]:
    """The points of one of the page's relative paths (m, then c or l), absolute; ``curved``:
    each line as the curve Graphviz draws a straight side with (from its start, to its end,
    ending there), as the SVG's path has it."""
    points: list[tuple[float, float]] = []
    at = (0.0, 0.0)
    command, pending = "", 0
    for token in re.findall(r"[a-zA-Z]|-?[\d.]+", d):
        if token.isalpha():
            command, pending = token, 0
            continue
        pending += 1
        if pending % 2:
            x = float(token)
            continue
        point = (at[0] + x, at[1] + float(token))
        if command == "l" and curved:
            points.extend((at, point))
        points.append(point)
        if command != "c" or pending % 6 == 0:  # a curve's points are from its start
            at = points[-1]
        if command == "m":
            command = "l"
    return points


def test_the_painted_drawing_is_the_svg_s_shapes_to_a_tenth() -> None:
    m = argmap.parse_file(OPED).map
    svg = argmap.render.render(m, "svg").decode()
    shapes = page._shapes(svg[svg.index("<svg") :])
    shift = re.search(r'class="graph argmap" transform="[^"]*translate\((\S+) (\S+)\)"', svg)
    assert shift is not None
    sx, sy = float(shift[1]), float(shift[2])
    items = {item[0]: item for item in shapes["items"]}
    ns = "{http://www.w3.org/2000/svg}"
    graph = ET.fromstring(svg[svg.index("<svg") :]).find(ns + "g")
    assert graph is not None
    checked = 0
    for group in graph.findall(ns + "g"):
        drawn = [e for e in group.iter() if e.tag in (ns + "path", ns + "polygon")]
        texts = [e.text for e in group.iter(ns + "text")]
        if not drawn and not texts:
            continue
        name = group.get("id", "")
        assert len(items[name][3]) == len(drawn), name
        for shape, element in zip(items[name][3], drawn, strict=True):
            source = element.get("d") or element.get("points") or ""
            numbers = [float(n) for n in re.findall(r"-?[\d.]+", source)]
            expected = [(x + sx, y + sy) for x, y in zip(numbers[::2], numbers[1::2], strict=True)]
            got = _absolute(shape[1], curved=len(shape) == 2)  # polygons: lines
            assert len(got) == len(expected), name
            for (x, y), (ex, ey) in zip(got, expected, strict=True):
                assert abs(x - ex) <= 0.051 and abs(y - ey) <= 0.051, (name, (x, y), (ex, ey))
        assert [line[3] for line in items[name][4]] == texts, name
        checked += 1
    # Besides: the graph's own title line (the page leaves the title out: it is the heading).
    assert checked == len(items) - 1 > 50
    assert " ".join(line[3] for line in items["argmap"][4]) == m.title  # in two lines
    assert shapes == page._shapes(svg[svg.index("<svg") :])  # the same bytes each time


@pytest.mark.parametrize(
    "text",
    [
        OPED.read_text(encoding="utf-8"),
        # Beyond the Basic Multilingual Plane (two UTF-16 units each), combining marks, and a
        # word too long for its box.
        "conclusion c: Tea 🍵 is good, naïve cafe\u0301 people say \U0001d4af\U0001d452 x.\n"
        "  reason:\n    - Averyveryveryveryveryveryveryveryveryveryveryverylongword 🍵 it is.\n"
        "    - Ünïcödé 🍵🍵 — and more 🍵 🍵 words 🍵 to wrap over 🍵 lines 🍵 of the box.\n",
    ],
)
def test_a_box_s_text_comes_once_and_reads_back_as_drawn(text: str) -> None:
    result = argmap.parse(text)
    document = page.to_html(result, drawing="canvas")
    view = page._View.of(
        result, diagnostics=None, evaluate=False, draw=True, timeout=None, drawing="canvas"
    )
    assert view.shapes is not None
    items = view.shapes["items"]
    drawn = {item[0]: [line[3] for line in item[4]] for item in items}  # type: ignore[attr-defined]
    assert painted_lines(document) == drawn
    shared = data(document)["shapes"]["items"]
    numbers = [line[3] for item in shared for line in item[4] if isinstance(line[3], int)]
    assert len(numbers) >= len(result.map.claims)  # a line of each claim's text, at least
    left = sum(len(line[3]) for item in shared for line in item[4] if isinstance(line[3], str))
    everything = sum(len(line) for lines in drawn.values() for line in lines)
    assert left < everything / 2  # most of the drawn text is read from the nodes' text


def test_auto_paints_large_maps_and_inlines_small_ones() -> None:
    small = page.to_html(argmap.parse_file(OPED))
    assert "<svg" in small and data(small)["shapes"] is None
    painted = page.to_html(argmap.parse_file(OPED), drawing="canvas")
    assert "<svg" not in painted and data(painted)["shapes"]["items"]
    lines = [f"conclusion c: The thesis {n} holds.\n  reason:\n" for n in range(1)]
    premises = "".join(f"    - Premise number {n} is true.\n" for n in range(page.CANVAS_FROM))
    large = page.to_html(lines[0] + premises)
    assert "<svg" not in large and 'class="av-outline av-long"' in large
    assert_safe(large)
    with pytest.raises(ValueError, match="drawing must be one of"):
        page.to_html(argmap.parse_file(OPED), drawing="png")
