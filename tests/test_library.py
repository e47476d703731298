"""What a teacher writing a tool meets first in the library: severities, reports, the builder,
JSON validation."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

import argmap
from argmap import MapBuilder, Severity
from argmap.report import FileReport, render_report
from argmap.write import schema, validate

BROKEN = "conclusion c: Tea is good.\n  reason:\n    @warm\n"


def test_a_severity_prints_its_label() -> None:
    assert f"{Severity.ERROR}" == "error"
    assert str(Severity.WARNING) == "warning"
    assert f"{Severity.HINT:>6}" == "  hint"
    assert int(Severity.ERROR) == 3 and Severity.ERROR > Severity.WARNING
    d = argmap.check_text(BROKEN)[0]
    assert f"{d.code} {d.severity}" == "E101 error"


def test_render_report_takes_the_diagnostics_of_one_map() -> None:
    result = argmap.parse(BROKEN, path="tea.arg")
    diagnostics = argmap.check(result)
    text = render_report(diagnostics, "text", text=result.text, path="tea.arg")
    # The same bytes the CLI's view gives for the same file.
    cli = render_report(
        [FileReport(path="tea.arg", text=result.text, diagnostics=diagnostics)], "text"
    )
    assert text == cli
    assert text.startswith("tea.arg:3:5: error E101 `@warm` reuses a claim that is not defined\n")
    assert "  3 |     @warm\n" in text
    assert text.endswith("Found 1 error in 1 of 1 file.\n")
    assert json.loads(render_report(diagnostics, "json"))["files"][0]["path"] == "<map>"
    assert render_report([], "text", text="conclusion c: Tea.\n") == "No problems in 1 file.\n"
    assert render_report([], "text") == "No problems in 0 files.\n"


def test_render_report_takes_a_parse_result() -> None:
    result = argmap.parse("conclusion c Tea is good.\n", path="tea.arg")
    assert render_report(result).startswith("tea.arg:1:14: error E002 ")


def test_render_report_says_what_it_takes() -> None:
    with pytest.raises(TypeError, match="FileReports, or the Diagnostics of one map"):
        render_report(["E101"], "text")  # type: ignore[list-item]


def test_group_methods_name_their_keywords() -> None:
    b = MapBuilder()
    b.source("kid", "A pupil")
    walk = b.conclusion("We should walk.", id="walk")
    assert b.reason(walk, "It is healthy.", id="health", sources=["kid"]) == "health"
    for method in (b.reason, b.objection, b.rebuttal):
        with pytest.raises(TypeError) as error:
            method(walk, "It rains.", source=["kid"])  # type: ignore[call-arg]
        message = str(error.value)
        assert "'source'" in message and "'id' and 'sources'" in message
        assert message.startswith(f"MapBuilder.{method.__name__}()")
    m = b.build()
    assert m.attribution(m.group("health")) == ("kid",)


def _map_document() -> dict:
    m = argmap.parse_file("maps/us-china-north-korea.arg").map
    return json.loads(argmap.to_json(m))


def _broken_documents() -> list[tuple[str, object]]:
    good = _map_document()
    cases: list[tuple[str, object]] = []

    def variant(name: str, change) -> None:  # type: ignore[no-untyped-def]
        document = copy.deepcopy(good)
        change(document)
        cases.append((name, document))

    variant("wrong version", lambda d: d.update(version=2))
    variant("version true", lambda d: d.update(version=True))
    variant("no claims", lambda d: d.pop("claims"))
    variant("extra key", lambda d: d.update(extra=1))
    variant("claim id a number", lambda d: d["claims"][0].update(id=5))
    variant("empty claim id", lambda d: d["claims"][0].update(id=""))
    variant("kind unknown", lambda d: d["groups"][0].update(kind="support"))
    variant("span line zero", lambda d: d["claims"][0]["span"].update(line=0))
    variant("span missing end", lambda d: d["claims"][0]["span"].pop("end_line"))
    variant("span a string", lambda d: d["claims"][0].update(span="1:1"))
    variant("premise reuse a string", lambda d: d["groups"][0]["premises"][0].update(reuse="no"))
    variant("title a list", lambda d: d.update(title=["a"]))
    variant("groups an object", lambda d: d.update(groups={}))
    return cases


def test_the_shipped_map_is_valid() -> None:
    assert validate(_map_document()) == []
    assert validate(json.dumps(_map_document())) == []


@pytest.mark.parametrize(("name", "document"), _broken_documents())
def test_validate_agrees_with_jsonschema(name: str, document: object) -> None:
    expected = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(document), key=str)
    found = validate(document)
    assert expected, f"{name}: jsonschema accepts it, so the case tests nothing"
    assert found, f"{name}: jsonschema rejects it ({expected[0].message}) but validate accepts it"


def test_validate_names_where() -> None:
    document = _map_document()
    document["claims"][2]["id"] = 5
    assert "claims[2].id: expected string, found integer" in validate(document)
    assert validate("{")[0].startswith("(top): not JSON: Expecting property name")


def test_validate_refuses_a_schema_it_cannot_check() -> None:
    with pytest.raises(ValueError, match="pattern"):
        validate('"x"', {"type": "string", "pattern": "^a"})


def test_validate_json_is_public() -> None:
    assert argmap.validate_json is validate
