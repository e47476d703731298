"""A post-condition for SVG that argmap draws: safe to inline in a web page, whatever the map said.

:func:`problems` returns what is wrong (an empty list means safe):

* the SVG is well-formed XML, with no entity declarations (no "billion laughs", no external
  entities) and no processing instructions other than the XML declaration;
* no element that runs code or loads something: ``script``, ``foreignObject``, ``image``,
  ``iframe``, ``embed``, ``object``, ``use`` of an external file, ``handler``, ``listener``,
  nor the animation elements (``set``, ``animate``...), which can rewrite a link after load;
* no event-handler attribute (``on*``, any case, any namespace);
* no link (``href``, ``xlink:href``, any namespace) and no ``url(...)`` in a ``style`` that is
  ``javascript:``, ``vbscript:``, ``data:`` or ``file:``, also when disguised with case, entities
  (the XML parser decodes them first), whitespace or control characters inside the scheme;
* no ``<style>`` element holding ``@import``, ``expression(`` or a bad ``url(``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["assert_safe", "problems"]

_FORBIDDEN = {
    "script",
    "foreignobject",
    "image",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "set",
    "animate",
    "animatetransform",
    "animatemotion",
    "animatecolor",
}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
# Browsers drop ASCII tab and newline anywhere in a URL, and leading C0 controls and spaces.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_URL_IN_CSS = re.compile(r"url\s*\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def bad_url(value: str) -> bool:
    """Whether a link value would run code or load data in a browser."""
    folded = _IGNORED_IN_URL.sub("", value).lower()
    # A character reference left undecoded in a URL would be decoded by an HTML parser.
    folded = re.sub(r"&#x0*([0-9a-f]+);?", lambda m: chr(int(m.group(1), 16)), folded)
    folded = re.sub(r"&#0*([0-9]+);?", lambda m: chr(int(m.group(1))), folded)
    folded = _IGNORED_IN_URL.sub("", folded).lower()
    return folded.startswith(_BAD_SCHEMES)


def _css_problems(css: str, where: str) -> list[str]:
    found = []
    folded = _IGNORED_IN_URL.sub("", css).lower()
    if "expression(" in folded or "@import" in folded or "javascript:" in folded:
        found.append(f"{where}: active CSS {css[:60]!r}")
    for url in _URL_IN_CSS.findall(css):
        if not url.strip().startswith("#"):
            found.append(f"{where}: CSS url() to {url[:60]!r}")
    return found


def problems(svg: bytes | str) -> list[str]:
    """Everything that makes ``svg`` unsafe to inline in a page (empty: safe)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        return ["an entity declaration"]
    if re.search(rb"<\?(?!xml[\s?])", data):
        return ["a processing instruction"]
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    found: list[str] = []
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _FORBIDDEN:
            found.append(f"a <{tag}> element")
        if tag == "style":
            found.extend(_css_problems(element.text or "", "<style>"))
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on"):
                found.append(f"an event attribute {name}={value[:60]!r} on <{tag}>")
            elif local in ("href", "src", "action", "formaction") and bad_url(value):
                found.append(f"a link {name}={value[:60]!r} on <{tag}>")
            elif local == "href" and tag == "use" and not value.startswith("#"):
                found.append(f"<use> of an outside file {value[:60]!r}")
            elif local == "style":
                found.extend(_css_problems(value, f"style on <{tag}>"))
    return found


def assert_safe(svg: bytes | str) -> None:
    """Fail with the list of problems if ``svg`` is unsafe."""
    found = problems(svg)
    assert not found, "unsafe SVG:\n" + "\n".join(found)
