"""Replace across the workspace as a job: everything previewed is replaced, batch by batch, with progress; a cancel
keeps a consistent part that one undo takes back (issue 7, item 17)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from studio.content.search import refresh_texts
from studio.errors import PermissionDenied
from studio.jobs import Cancelled, JobControl, run_job
from studio.models import Cell, Document, Section, Segment, table_of, utcnow
from studio.workflow.cells import RESTORE_CHUNK
from studio.workflow.replace import BATCH_SIZE, SEARCH_CHUNK, ReplaceRun
from tests.helpers import engine, snapshot

PER_DOCUMENT = 100


def add_translated_cells(ws, count: int, text: str = "Apply for a residence permit") -> None:
    """`count` English drafts saying `text`, in documents of a hundred sentences: built directly, as an import of
    that size would take minutes."""
    now = utcnow()
    with Session(engine(ws)) as session, session.begin():
        section = session.scalar(select(Section.id).order_by(Section.position))
        doc_ids = [str(uuid.uuid4()) for _ in range(0, count, PER_DOCUMENT)]
        session.execute(insert(table_of(Document)), [
            {"id": d, "type": "procedure_guide", "section_id": section, "slug": f"guide-{n}", "source_locale": "zh-Hans",
             "title": f"指南{n}", "position": n, "version": 1, "created_at": now, "updated_at": now}
            for n, d in enumerate(doc_ids)])
        session.execute(insert(table_of(Segment)), [
            {"document_id": doc_ids[i // PER_DOCUMENT], "field_path": f"required_documents[{i % PER_DOCUMENT}].name",
             "ordinal": 0, "position": i % PER_DOCUMENT, "block": "", "text": f"居留许可{i}", "source_hash": f"h{i}",
             "placeholders": {}} for i in range(count)])
        segments = session.scalars(select(Segment.id).order_by(Segment.id)).all()
        session.execute(insert(table_of(Cell)), [
            {"segment_id": seg, "locale": "en", "text": text, "state": "draft", "origin": "human", "version": 1,
             "flagged": False, "author_id": None, "updated_at": now, "source_hash": f"h{i}", "outdated_source": None}
            for i, seg in enumerate(segments)])
        refresh_texts(session, doc_ids)


def english_texts(ws) -> dict[str, int]:
    with Session(engine(ws)) as session:
        return dict(session.execute(select(Cell.text, func.count()).where(Cell.locale == "en")
                                    .group_by(Cell.text)).all())


@pytest.mark.slow
def test_every_previewed_match_is_replaced_even_beyond_five_thousand(workspace):
    add_translated_cells(workspace, 5120)
    matches = workspace.find_replacements("residence", "residency", ["en"])
    assert len(matches) == 5120  # the preview is no longer cut at 5,000

    run = ReplaceRun(matches)
    progress = []
    changes = run_job(workspace.replace_job(run), progress.append)

    assert len(run.applied) == 5120
    assert english_texts(workspace) == {"Apply for a residency permit": 5120}
    assert progress[0].total == 5120 and progress[-1].done == 5120
    assert len(progress) > 5120 // BATCH_SIZE  # progress between batches
    assert "replaced in 5120 translation(s)" in changes.summary
    assert workspace.history(matches[0].segment_id, "en")[0].event == "replaced"


def cancel_when_done(control, count):
    """A progress callback that presses Cancel once `count` items are done, as a user watching the job would."""
    def on_progress(progress):
        if progress.done >= count:
            control.cancel()
    return on_progress


@pytest.mark.slow
def test_a_cancelled_replace_keeps_whole_batches_and_one_undo_takes_them_back(workspace):
    add_translated_cells(workspace, 1200)
    before = english_texts(workspace)
    run = ReplaceRun(workspace.find_replacements("residence", "residency", ["en"]))
    control = JobControl()
    with pytest.raises(Cancelled):
        run_job(workspace.replace_job(run), cancel_when_done(control, 2 * BATCH_SIZE), control)

    # Whole batches are replaced (the one under way when Cancel came is finished), and `run.applied` names
    # exactly those cells.
    applied = len(run.applied)
    assert applied % BATCH_SIZE == 0 and 2 * BATCH_SIZE <= applied < 1200
    assert english_texts(workspace) == {"Apply for a residency permit": applied,
                                        "Apply for a residence permit": 1200 - applied}
    assert {workspace.cell(a.before.segment_id, "en").text for a in run.applied} == {"Apply for a residency permit"}

    workspace.restore_cells([(a.before, a.version) for a in run.applied])
    assert english_texts(workspace) == before


def test_a_cell_edited_while_the_job_runs_is_left_as_edited(workspace):
    add_translated_cells(workspace, 30)
    matches = workspace.find_replacements("residence", "residency", ["en"])
    edited = matches[7]
    workspace.save_cell(edited.segment_id, "en", "Apply for a residence card", edited.version)

    run = ReplaceRun(matches)
    changes = run_job(workspace.replace_job(run))
    assert (len(run.applied), run.changed_since_preview) == (29, 1)
    assert workspace.cell(edited.segment_id, "en").text == "Apply for a residence card"
    assert "1 changed since the preview" in changes.summary


def test_a_user_who_may_not_translate_replaces_nothing(workspace):
    add_translated_cells(workspace, 10)
    run = ReplaceRun(workspace.find_replacements("residence", "residency", ["en"]))
    workspace.add_user("rita", ["reviewer"], "rita-password", ["en"])
    workspace.sign_in("rita", "rita-password")
    before = snapshot(workspace)
    with pytest.raises(PermissionDenied, match="translate"):
        run_job(workspace.replace_job(run))
    assert snapshot(workspace) == before and run.applied == []


def test_the_preview_search_reports_progress_and_can_be_cancelled(workspace):
    add_translated_cells(workspace, 1200)
    progress = []
    matches = run_job(workspace.find_replacements_job("residence", "residency", ["en"]), progress.append)
    assert len(matches) == 1200
    # Progress between chunks of translations read: each is a point where the search can be cancelled.
    assert progress[0].total == 1200 and progress[-1].done == 1200
    assert len(progress) > 1200 // SEARCH_CHUNK

    control = JobControl()

    def cancel_after_the_first_chunk(step):
        if step.done >= SEARCH_CHUNK:
            control.cancel()

    seen = []
    with pytest.raises(Cancelled):
        run_job(workspace.find_replacements_job("residence", "residency", ["en"]),
                lambda step: (seen.append(step), cancel_after_the_first_chunk(step)), control)
    assert seen[-1].done < 1200  # it stopped there, not at the end


def test_what_the_job_reports_as_replaced_is_what_is_stored(workspace):
    # The window makes its redo step from this report: reading thousands of cells back would block it.
    add_translated_cells(workspace, 600)
    run = ReplaceRun(workspace.find_replacements("residence", "residency", ["en"]))
    run_job(workspace.replace_job(run))
    keys = [(a.before.segment_id, a.before.locale) for a in run.applied]
    assert [a.after for a in run.applied] == workspace.cell_snapshots(keys)


def test_undo_of_a_big_replace_goes_chunk_by_chunk_and_a_cancel_changes_nothing(workspace):
    add_translated_cells(workspace, 1200)
    run = ReplaceRun(workspace.find_replacements("residence", "residency", ["en"]))
    run_job(workspace.replace_job(run))
    undo = [(a.before, a.version) for a in run.applied]
    replaced = snapshot(workspace)

    control = JobControl()
    with pytest.raises(Cancelled):
        run_job(workspace.restore_cells_job(undo), cancel_when_done(control, 2 * RESTORE_CHUNK), control)
    assert snapshot(workspace) == replaced  # one transaction: the chunks put back before the cancel are undone

    progress = []
    versions = run_job(workspace.restore_cells_job(undo), progress.append).versions
    assert english_texts(workspace) == {"Apply for a residence permit": 1200}
    assert versions == [a.version + 1 for a in run.applied]
    assert [p.done for p in progress if p.done] == [*range(RESTORE_CHUNK, 1200, RESTORE_CHUNK), 1200]
