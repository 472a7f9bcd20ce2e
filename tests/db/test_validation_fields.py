"""A refusal keeps the document, the field path and what is wrong apart (issue 8, item 7), on every way in."""

from __future__ import annotations

import pytest

from studio.content.importers import ImportOptions
from studio.errors import ValidationError
from studio.jobs import run_job
from tests.helpers import guide, office, segment_id, write_json


def _import_refusal(ws, tmp_path, docs, **options) -> ValidationError:
    path = write_json(tmp_path / "docs.json", docs)
    with pytest.raises(ValidationError) as caught:
        run_job(ws.import_files([path], ImportOptions(**options)))
    return caught.value


@pytest.mark.parametrize(("mutate", "where", "field", "detail"), [
    (lambda d: d["fields"].update(offices=["nowhere"]), "", "offices[0]", "no office document with slug 'nowhere'"),
    (lambda d: d["fields"].update(offices=["work-permit"]), "", "offices[0]",
     "'work-permit' is a procedure_guide, not a office"),
    (lambda d: d["fields"]["steps"][1].pop("body"), "", "steps[1].body", "is required"),
    (lambda d: d.update(translations={"en": {"fields": {"summary": "Only one sentence."}}}),
     ": translation en", "summary", "has 1 sentence(s), the source has 2"),
    (lambda d: d.update(translations={"en": {"fields": {"contact_phone": "1"}}}),
     ": translation en", "contact_phone", "is language-neutral and has no translation"),
    (lambda d: d.update(translations={"en": {"state": "approved!", "fields": {"title": "Work permit"}}}),
     ": translation en", None, None),
    (lambda d: d.update(section="nowhere"), "", None, None),
])
def test_an_import_refusal_names_the_file_and_the_field_path(sqlite_workspace, tmp_path, mutate, where, field,
                                                             detail):
    doc = guide()
    mutate(doc)
    exc = _import_refusal(sqlite_workspace, tmp_path, [office(), doc])
    assert exc.where == str(tmp_path / "docs.json") + "[1]" + where
    assert exc.field == field
    if detail is not None:
        assert exc.detail == detail
    assert str(exc).startswith(exc.where + ": ")


def test_a_new_document_refusal_names_the_new_document_and_the_field(sqlite_workspace):
    fields = guide()["fields"]
    fields["steps"][0]["title"] = "网上\u202e申请"
    with pytest.raises(ValidationError) as caught:
        sqlite_workspace.create_document("procedure_guide", "work", "x", fields)
    assert (caught.value.where, caught.value.field) == ("new procedure_guide 'x'", "steps[0].title")
    assert str(caught.value).startswith("new procedure_guide 'x': field 'steps[0].title': contains U+202E")


def test_an_edit_of_the_source_names_the_field(sqlite_workspace, tmp_path):
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    with pytest.raises(ValidationError) as caught:
        sqlite_workspace.edit_source("work-permit", {"required_documents": [{"name": "护照"}, {"note": "原件"}]})
    assert (caught.value.field, caught.value.detail) == ("required_documents[1].name", "is required")


def test_a_translation_that_cannot_be_confirmed_names_its_field(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    run_job(ws.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    seg = segment_id(ws, "steps[0].body")
    with pytest.raises(ValidationError) as caught:
        ws.save_cell(seg, "fr", "L'employeur soumet les documents dans le système.", None, confirm=True)
    exc = caught.value
    assert (exc.where, exc.field) == ("work-permit", "steps[0].body")
    assert str(exc) == f"work-permit steps[0].body (fr): {exc.detail}"
    assert "placeholders" in exc.detail
