"""The JSON layout: every Document satisfies the published JSON Schema (the reference's table of
fields, made from the same definitions, is checked in test_docs.py)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import thresher
from thresher.cli import main
from thresher.schema import json_schema

from .conftest import case_ids, load_case

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_the_schema_is_valid_and_names_every_field_of_the_json() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    document = thresher.extract("<p>One sentence of a page, long enough to be its content.</p>")
    assert sorted(json_schema()["required"]) == sorted(document.to_dict())


@pytest.mark.parametrize("case_id", case_ids())
def test_real_pages_satisfy_the_schema(case_id: str) -> None:
    html, truth = load_case(case_id)
    options = thresher.Options(include_html=True, include_anatomy=True)
    record = json.loads(
        json.dumps(thresher.extract(html, url=truth["url"], options=options).to_dict())
    )
    errors = [f"{list(error.path)}: {error.message}" for error in VALIDATOR.iter_errors(record)]
    assert not errors


def test_a_comment_record_and_a_dropped_block_satisfy_the_schema() -> None:
    page = (
        "<article><h1>Notes</h1>"
        + "<p>The Danube flows through ten countries on its way to the Black Sea.</p>" * 2
        + "<p>It rises in the Black Forest and is fed by three hundred tributaries.</p>"
        "</article><ol class='commentlist'><li class='comment' "
        "id='comment-1'><cite class='comment-author'>Ann</cite><div class='comment-meta'>"
        "March 1, 2024</div><div class='comment-content'><p>Long and wide.</p></div></li></ol>"
    )
    record = thresher.extract(page, options=thresher.Options(include_anatomy=True)).to_dict()
    assert record["comments"] and any(block["dropped_by"] for block in record["anatomy"])
    assert not list(VALIDATOR.iter_errors(record))
    record["anatomy"][0]["dropped_by"] = "no such reason"
    assert list(VALIDATOR.iter_errors(record))


def test_every_source_a_field_can_come_from_is_in_the_schema() -> None:
    from thresher.metadata.reliability import SOURCE_ORDER
    from thresher.schema import SOURCES

    named = {name for name, _ in SOURCES}
    offered = {source for order in SOURCE_ORDER.values() for source in order}
    assert offered <= named, offered - named


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_the_command_lines_objects_satisfy_the_schema_and_name_their_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "story.html"
    page.write_text("<p>One sentence of a page, long enough to be its content.</p>")
    assert main(["extract", str(page), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"] == str(page)
    assert list(record)[:2] == ["schema_version", "source"]
    assert not list(VALIDATOR.iter_errors(record))
    assert "source" not in json_schema()["required"]
