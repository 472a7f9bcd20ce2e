"""Editing a source keeps the translations of unchanged sentences and marks the rewritten ones outdated."""

from __future__ import annotations

import pytest

from studio.content.importers import ImportOptions
from studio.errors import ConflictError, StudioError
from studio.jobs import run_job
from tests.helpers import engine, guide, office, snapshot, write_json


@pytest.fixture
def translated(workspace, tmp_path):
    doc = guide()
    doc["translations"] = {
        "en": {"state": "approved", "fields": {
            "summary": "Foreigners working in the city need a work permit. The permit lasts up to five years.",
            "processing_time": "10 working days."}},
        "fr": {"state": "translated", "fields": {
            "summary": "Les étrangers qui travaillent en ville ont besoin d'un permis. Le permis dure au plus cinq ans."}},
    }
    # Only a reviewer of English imports English as approved (an editor's import lands as translated).
    workspace.add_user("mary", ["editor", "reviewer"], "mary-password", ["en"])
    workspace.sign_in("mary", "mary-password")
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), doc])], ImportOptions()))
    workspace.sign_in("boss", "boss-password")
    return workspace


def cells_of(ws, path):
    return [(s.text, {loc: (c.text, c.state) for loc, c in s.cells.items()})
            for s in ws.document("work-permit").segments if s.field_path == path]


def test_a_rewritten_sentence_outdates_its_cells_and_the_unchanged_one_keeps_them(translated):
    ws = translated
    unchanged_id = next(s.id for s in ws.document("work-permit").segments
                        if s.text == "在本市工作的外国人须办理工作许可。")
    changes = ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    assert len(changes.cells) == 2  # en and fr of the second sentence
    segs = [s for s in ws.document("work-permit").segments if s.field_path == "summary"]
    assert segs[0].id == unchanged_id
    assert segs[0].cells["en"].state == "approved"
    assert segs[1].text == "许可证件有效期最长三年。"
    en = segs[1].cells["en"]
    assert (en.state, en.text, en.outdated_source) == (
        "outdated", "The permit lasts up to five years.", "许可证件有效期最长五年。")
    assert segs[1].cells["fr"].state == "outdated"


def test_reordering_steps_keeps_every_segment(translated):
    ws = translated
    before = {s.text: s.id for s in ws.document("work-permit").segments}
    steps = ws.document("work-permit").fields["steps"]
    ws.edit_source("work-permit", {"steps": list(reversed(steps))})
    after = {s.text: s.id for s in ws.document("work-permit").segments}
    assert after == before
    moved = next(s for s in ws.document("work-permit").segments if s.text == "审核通过后领取工作许可证。")
    assert moved.field_path == "steps[0].body"


def test_a_removed_sentence_takes_its_cells_and_an_added_one_starts_missing(translated):
    ws = translated
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。", "processing_time": "10个工作日。请提前准备。"})
    summary = cells_of(ws, "summary")
    assert [text for text, _ in summary] == ["在本市工作的外国人须办理工作许可。"]
    processing = cells_of(ws, "processing_time")
    assert processing[0][1]["en"] == ("10 working days.", "approved")
    assert processing[1] == ("请提前准备。", {})


def test_an_edit_that_breaks_the_type_changes_nothing(translated):
    ws = translated
    before = snapshot(ws)
    with pytest.raises(StudioError, match="field 'title': is 121 characters long"):
        ws.edit_source("work-permit", {"title": "长" * 121})
    assert snapshot(ws) == before


def test_a_stale_version_is_refused(translated):
    ws = translated
    version = ws.document("work-permit").row.version
    ws.edit_source("work-permit", {"processing_time": "5个工作日。"}, expected_version=version)
    with pytest.raises(ConflictError, match="changed meanwhile"):
        ws.edit_source("work-permit", {"processing_time": "7个工作日。"}, expected_version=version)


def test_every_edit_is_in_the_audit_trail(translated):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from studio.models import AuditEvent

    ws = translated
    ws.edit_source("work-permit", {"processing_time": "5个工作日。"})
    with Session(engine(ws)) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "edit_source")).one()
    assert event.actor == "boss"
    assert event.before == {"processing_time": "10个工作日。"}
    assert event.after == {"processing_time": "5个工作日。"}
