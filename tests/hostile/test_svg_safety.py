"""The SVG post-condition checker itself: it must catch each attack, and pass argmap's drawings."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.render import render
from tests.conftest import OPED
from tests.hostile.svg_safety import assert_safe, problems

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<foreignObject><div/></foreignObject>",
        '<image href="x.png"/>',
        '<g onload="alert(1)"/>',
        '<g ONCLICK="alert(1)"/>',
        '<a href="javascript:alert(1)"><text>x</text></a>',
        '<a xlink:href="JaVaScRiPt:alert(1)"/>',
        '<a xlink:href="  java&#x09;script:alert(1)"/>',  # a tab inside the scheme
        '<a xlink:href="&#106;avascript:alert(1)"/>',  # an entity for the "j"
        '<a href="java&amp;#x73;cript:alert(1)"/>',  # double-encoded, decoded by HTML later
        '<a href="data:text/html;base64,PHNjcmlwdD4="/>',
        '<a href="file:///etc/passwd"/>',
        '<a href="vbscript:msgbox"/>',
        '<set attributeName="href" to="javascript:alert(1)"/>',
        '<animate attributeName="href" values="javascript:alert(1)"/>',
        '<g style="background:url(javascript:alert(1))"/>',
        '<g style="fill:url(http://evil.example/x)"/>',
        "<style>@import url(http://evil.example/x.css);</style>",
        '<use href="http://evil.example/sprite.svg#x"/>',
        "<g><unclosed></g>",
    ],
)
def test_the_checker_catches(body: str) -> None:
    assert problems(HEAD + body + "</svg>")


def test_the_checker_catches_entities_and_instructions() -> None:
    assert problems('<!DOCTYPE svg [<!ENTITY a "b">]>' + HEAD + "</svg>")
    assert problems('<?xml-stylesheet href="x.css"?>' + HEAD + "</svg>")


def test_the_checker_passes_plain_svg() -> None:
    assert_safe(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        + HEAD
        + '<a xlink:title="javascript:alert(1) is only a title"><text>x</text></a>'
        + '<g style="fill:url(#gradient)"/></svg>'
    )


def test_argmap_drawings_pass() -> None:
    hostile = Path(__file__).parent.parent / "render" / "cases" / "hostile.arg"
    for text in (OPED.read_text(encoding="utf-8"), hostile.read_text(encoding="utf-8")):
        m = argmap.parse(text).map
        assert_safe(render(m, "svg", timeout=None, isolate=False))
