"""Checking JSON against the schema that ships with argmap, with no validator to install.

:func:`validate` reads ``argmap/schema/map-v1.schema.json`` and checks a document against it. It
implements the part of JSON Schema (draft 2020-12) that schema is written in: ``type``,
``const``, ``enum``, ``properties``, ``required``, ``additionalProperties: false``, ``items``,
``oneOf``, ``minLength``, ``minimum`` and local ``$ref``; a schema that used any other keyword
raises :class:`ValueError` rather than pass documents unchecked. (tests/test_library.py checks
that it agrees with the ``jsonschema`` package on valid and broken documents.)

>>> import argmap
>>> validate(argmap.to_json(argmap.parse("conclusion c: Tea is good.").map))
[]
>>> validate('{"format": "argmap", "version": 2, "title": 5}')[-2:]
['version: expected 1, found 2', 'title: expected string or null, found integer']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

__all__ = ["validate"]

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
_KNOWN = {
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "const",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "oneOf",
    "minLength",
    "minimum",
}


def validate(document: str | bytes | Any, schema: dict[str, Any] | None = None) -> list[str]:
    """The ways ``document`` breaks the schema, each as ``where: what``; ``[]`` when it fits.

    ``document`` is JSON text (as :func:`argmap.to_json` writes it) or the data already loaded;
    ``schema`` defaults to the one shipped in the package (:func:`argmap.write.schema`).
    """
    if schema is None:
        from argmap.write.json_io import schema as shipped

        schema = shipped()
    if isinstance(document, (str, bytes)):
        try:
            document = json.loads(document)
        except json.JSONDecodeError as error:
            return [f"(top): not JSON: {error}"]
    return [f"{where or '(top)'}: {what}" for where, what in _check(document, schema, schema, "")]


def _check(
    value: Any, node: dict[str, Any], root: dict[str, Any], where: str
) -> Iterator[tuple[str, str]]:
    unknown = set(node) - _KNOWN
    if unknown:
        raise ValueError(f"the schema uses {sorted(unknown)}, which this validator does not know")
    if "$ref" in node:
        yield from _check(value, _resolve(node["$ref"], root), root, where)
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_is(value, name) for name in names):
            yield where, f"expected {' or '.join(names)}, found {_kind(value)}"
            return
    if "const" in node and not _same(value, node["const"]):
        yield where, f"expected {json.dumps(node['const'])}, found {_show(value)}"
    if "enum" in node and not any(_same(value, option) for option in node["enum"]):
        options = ", ".join(json.dumps(option) for option in node["enum"])
        yield where, f"expected one of {options}, found {_show(value)}"
    if "oneOf" in node:
        fits = [option for option in node["oneOf"] if not any(_check(value, option, root, where))]
        if len(fits) != 1:
            yield (
                where,
                f"{_show(value)} fits {len(fits)} of the {len(node['oneOf'])} forms allowed "
                "here, not one",
            )
    if isinstance(value, str) and len(value) < node.get("minLength", 0):
        yield where, f"expected at least {node['minLength']} characters"
    if "minimum" in node and _is(value, "number") and value < node["minimum"]:
        yield where, f"expected at least {node['minimum']}, found {value}"
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for name in node.get("required", ()):
            if name not in value:
                yield where, f"{name!r} is required"
        for name, item in value.items():
            if name in properties:
                yield from _check(item, properties[name], root, _join(where, name))
            elif node.get("additionalProperties", True) is False:
                yield where, f"{name!r} is not allowed here"
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            yield from _check(item, node["items"], root, f"{where}[{index}]")


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _is(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False  # JSON's true is not a number, though Python's bool is an int
    if name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES[name])


def _same(value: Any, expected: Any) -> bool:
    # JSON's true is not 1, though Python's True == 1.
    return bool(value == expected) and isinstance(value, bool) == isinstance(expected, bool)


def _kind(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _is(value, name):
            return name
    return type(value).__name__


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name
