"""Documents come and go: created from scratch, deleted (even while someone translates them), restored."""

from __future__ import annotations

import pytest

from studio.content.importers import ImportOptions
from studio.errors import ConflictError, NotFound, ValidationError
from studio.jobs import run_job
from studio.workspace import Workspace
from tests.helpers import guide, office, segment_id, snapshot, write_json


@pytest.fixture
def ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace



def second_window(database):
    """Another Workspace on the same database, as another window or process would open it."""
    other = Workspace.open(*database)
    other.sign_in("boss", "boss-password")
    return other


def test_a_document_deleted_meanwhile_refuses_writes_and_comes_back_with_its_cells(ws, database):
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    with second_window(database) as other:
        other.delete_document("work-permit")

    before = snapshot(ws)
    with pytest.raises(NotFound, match="work-permit was deleted"):
        ws.save_cell(title, "fr", "Permis de travail des étrangers", 1)
    assert snapshot(ws) == before
    assert [d.slug for d in ws.deleted_documents()] == ["work-permit"]
    assert [d.slug for d in ws.documents()] == ["dongcheng-hall"]
    status = ws.status()
    assert "procedure_guide" not in status.documents_by_type
    work = next(s for s in status.sections if s.key == "work")
    assert (work.documents, work.segments, work.locales["fr"]["translated"]) == (0, 0, 0)
    with pytest.raises(ConflictError, match="deleted"):
        ws.create_document("procedure_guide", "work", "work-permit", guide()["fields"])

    ws.restore_document("work-permit")
    assert ws.deleted_documents() == []
    assert {d.slug for d in ws.documents()} == {"work-permit", "dongcheng-hall"}
    assert ws.cell(title, "fr").text == "Permis de travail"
    ws.save_cell(title, "fr", "Permis de travail des étrangers", 1)


FAQ = {"question": "留学生如何申请居留许可？", "answer": "<p>入境后三十日内申请。请携带护照和录取通知书。</p>"}


def test_a_new_faq_appears_in_its_section_with_segments(ws):
    ws.create_document("faq", "study", "student-residence", FAQ)
    row = next(d for d in ws.documents() if d.slug == "student-residence")
    assert (row.type, row.section, row.title) == ("faq", "study", FAQ["question"])
    assert [s.text for s in ws.document("student-residence").segments] == [
        "留学生如何申请居留许可？", "入境后三十日内申请。", "请携带护照和录取通知书。"]


def test_a_new_document_missing_a_required_field_writes_nothing(ws):
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="answer"):
        ws.create_document("faq", "study", "student-residence", {"question": FAQ["question"]})
    assert snapshot(ws) == before


def test_a_deleted_document_is_gone_from_every_list_and_search(ws):
    ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail à Beijing", None, confirm=True)
    doc_id = ws.document("work-permit").row.id
    ws.delete_document("work-permit")
    with pytest.raises(NotFound, match="deleted"):
        ws.document("work-permit")
    assert doc_id not in ws.document_progress()
    assert ws.find_replacements("Beijing", "Pékin", ["fr"]) == []
    with pytest.raises(NotFound, match="deleted"):
        ws.delete_document("work-permit")


def test_restoring_a_live_document_is_refused(ws):
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="not deleted"):
        ws.restore_document("work-permit")
    assert snapshot(ws) == before


def test_a_slug_in_use_is_refused_without_mention_of_deletion(ws):
    with pytest.raises(ConflictError, match="'dongcheng-hall' is taken") as refused:
        ws.create_document("office", "live", "dongcheng-hall", office()["fields"])
    assert "deleted" not in str(refused.value)
