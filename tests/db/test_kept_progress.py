"""Progress kept, not recounted (issue 8, item 12): the counts the database keeps per document equal a full
recount after every kind of write, on SQLite and on PostgreSQL, and an upgrade from schema 0003 fills them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from studio import db
from studio.content import search
from studio.content.importers import ImportOptions
from studio.demo import fill_demo
from studio.errors import ConflictError
from studio.jobs import run_job
from studio.locales import LOCALE_CODES
from studio.models import Cell, CellCount, Document, Section, Segment, SegmentCount
from studio.states import CellState
from studio.workflow import progress
from studio.workflow.replace import ReplaceRun
from studio.workspace import Workspace
from tests.db.test_search_index import scanned
from tests.helpers import engine, guide, migrate, office, segment_id, write_json

# --- the recounts: how progress was read before the counts were kept ------------------------------------------


def recounted_progress(session: Session) -> dict[str, dict[str, dict[str, int]]]:
    """search.document_progress as it was: every cell of every live document counted."""
    segments = dict(session.execute(
        select(Segment.document_id, func.count(Segment.id)).join(Document, Document.id == Segment.document_id)
        .where(Document.deleted_at.is_(None)).group_by(Segment.document_id)).all())
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for doc_id, source in session.execute(select(Document.id, Document.source_locale)
                                          .where(Document.deleted_at.is_(None))):
        counts[doc_id] = {loc: dict.fromkeys(CellState, 0) for loc in LOCALE_CODES if loc != source}
    for doc_id, locale, state, n in session.execute(
            select(Segment.document_id, Cell.locale, Cell.state, func.count())
            .select_from(Cell).join(Segment, Cell.segment_id == Segment.id)
            .where(Cell.state != CellState.MISSING).group_by(Segment.document_id, Cell.locale, Cell.state)):
        if doc_id in counts and locale in counts[doc_id]:
            counts[doc_id][locale][state] = n
    for doc_id, per_locale in counts.items():
        for states in per_locale.values():
            states[CellState.MISSING] = max(segments.get(doc_id, 0) - sum(states.values()), 0)
    return counts


def recounted_status(session: Session) -> list[dict[str, Any]]:
    """progress.status_report as it was, per section: every cell of every live document counted."""
    live = Document.deleted_at.is_(None)
    segments: dict[int, dict[str, int]] = defaultdict(dict)
    for section_id, source, n in session.execute(
            select(Document.section_id, Document.source_locale, func.count(Segment.id))
            .join(Segment, Segment.document_id == Document.id).where(live)
            .group_by(Document.section_id, Document.source_locale)):
        segments[section_id][source] = n
    cells: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for section_id, locale, state, n in session.execute(
            select(Document.section_id, Cell.locale, Cell.state, func.count())
            .select_from(Cell).join(Segment, Cell.segment_id == Segment.id)
            .join(Document, Segment.document_id == Document.id).where(live)
            .group_by(Document.section_id, Cell.locale, Cell.state)):
        cells[section_id][locale][state] = n
    out = []
    for section in session.scalars(select(Section).order_by(Section.position)):
        per_source = segments.get(section.id, {})
        locales = {}
        for loc in LOCALE_CODES:
            expected = sum(n for source, n in per_source.items() if source != loc)
            counts = {state: cells[section.id][loc].get(state, 0) for state in CellState if state != CellState.MISSING}
            locales[loc] = {CellState.MISSING: max(expected - sum(counts.values()), 0), **counts}
        out.append({"segments": sum(per_source.values()), "locales": locales})
    return out


def kept_rows(session: Session) -> tuple[dict[str, int], dict[tuple[str, str], tuple[int, ...]]]:
    """The kept counts of every document, deleted ones included, without the rows that count nothing."""
    segments = {d: n for d, n in session.execute(select(SegmentCount.document_id, SegmentCount.segments)) if n}
    cells = {(d, loc): tuple(counts) for d, loc, *counts in session.execute(
        select(CellCount.document_id, CellCount.locale, *search.KEPT_COLUMNS)) if any(counts)}
    return segments, cells


def counted_rows(session: Session) -> tuple[dict[str, int], dict[tuple[str, str], tuple[int, ...]]]:
    """The same, counted from the segments and cells themselves."""
    segments = dict(session.execute(select(Segment.document_id, func.count()).group_by(Segment.document_id)).all())
    per_state: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for d, loc, state, n in session.execute(
            select(Segment.document_id, Cell.locale, Cell.state, func.count())
            .join(Segment, Segment.id == Cell.segment_id).group_by(Segment.document_id, Cell.locale, Cell.state)):
        per_state[d, loc][state] = n
    cells = {key: counts for key, states in per_state.items()
             if any(counts := tuple(states.get(c.key, 0) for c in search.KEPT_COLUMNS))}
    return segments, cells


def assert_kept(ws: Workspace, after: str) -> None:
    """Everything that reads the kept counts says what a recount says."""
    with Session(engine(ws)) as session:
        assert kept_rows(session) == counted_rows(session), after
        assert search.document_progress(session) == recounted_progress(session), after
        report = progress.status_report(session)
        assert [{"segments": s.segments, "locales": s.locales} for s in report.sections] == \
            recounted_status(session), after
        some = sorted(recounted_progress(session))[::3]
        assert search.document_progress(session, some) == {d: recounted_progress(session)[d] for d in some}, after


# --- every kind of write ------------------------------------------------------------------------------------


@pytest.fixture
def ws(workspace: Workspace, tmp_path) -> Workspace:
    own = write_json(tmp_path / "d.json", [office(), guide(), guide("en-guide", source_locale="en")])
    run_job(workspace.import_files([own], ImportOptions()))
    return workspace


def version(ws: Workspace, segment: int, locale: str) -> int | None:
    cell = ws.cell(segment, locale)
    return cell.version if cell is not None else None


def test_counts_follow_drafts_confirmations_reviews_and_emptied_cells(ws: Workspace):
    assert_kept(ws, "import")
    title, summary = segment_id(ws, "title"), segment_id(ws, "summary", 1)
    ws.save_cell(title, "fr", "Permis", None)
    assert_kept(ws, "draft")
    ws.save_cell(title, "fr", "Permis de travail", version(ws, title, "fr"), confirm=True)
    ws.save_cell(summary, "fr", "Le permis dure au plus cinq ans.", None, confirm=True)
    assert_kept(ws, "confirm")
    ws.review_cell(title, "fr", version(ws, title, "fr"), approve=True)
    assert_kept(ws, "approve")
    ws.review_cell(summary, "fr", version(ws, summary, "fr"), approve=False, comment="Trop court.")
    assert_kept(ws, "reject")
    ws.save_cell(title, "de", "Arbeitserlaubnis", None)
    ws.save_cell(title, "de", "", version(ws, title, "de"))
    assert_kept(ws, "emptied")
    zh_title = segment_id(ws, "title", slug="en-guide")
    ws.save_cell(zh_title, "zh-Hans", "外国人来华工作许可", None, confirm=True)
    assert_kept(ws, "a translation into Chinese of an English source")


def test_counts_follow_replacements_and_their_undo(ws: Workspace):
    for i, (field, n) in enumerate((("title", 0), ("summary", 0), ("summary", 1), ("who_may_apply", 0))):
        ws.save_cell(segment_id(ws, field, n), "en", f"Work permit {i} for the employer", None, confirm=i % 2 == 0)
    before = ws.cell(segment_id(ws, "title"), "en")
    run = ReplaceRun([m for m in ws.find_replacements("employer", "employing unit", ["en"]) if not m.problem])
    run_job(ws.replace_job(run))
    assert len(run.applied) == 4
    assert_kept(ws, "replace")
    ws.restore_cells([(a.before, a.version) for a in run.applied])
    assert_kept(ws, "undo of the replacement")
    assert before is not None
    title = segment_id(ws, "title")
    ws.restore_cell(type(run.applied[0].before)(title, "en", None), version(ws, title, "en"))
    assert_kept(ws, "undo of a first translation: the cell is missing again")


def test_counts_follow_source_edits_that_change_remove_and_add_sentences(ws: Workspace):
    for field, n in (("title", 0), ("summary", 0), ("summary", 1), ("steps[1].body", 0)):
        ws.save_cell(segment_id(ws, field, n), "ja", "翻訳", None, confirm=True)
        ws.save_cell(segment_id(ws, field, n), "ko", "번역", None)
    # A rewritten sentence (its cells move to a new segment, outdated), one removed, a step removed and one added.
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可证件。",
                                   "steps": [{"title": "网上申请", "body": "<p>提交材料。</p>"},
                                             {"title": "现场核验", "body": "<p>携带护照原件。</p>"},
                                             {"title": "领取证件", "body": "<p>审核通过后领取工作许可证。</p>"}]})
    assert_kept(ws, "source edit")
    assert any(v[CellState.OUTDATED] for v in ws.document_progress()[ws.document("work-permit").row.id].values())


def test_counts_follow_deleted_restored_and_created_documents(ws: Workspace):
    ws.save_cell(segment_id(ws, "title"), "ar", "تصريح العمل", None, confirm=True)
    ws.delete_document("work-permit")
    assert_kept(ws, "delete")
    ws.restore_document("work-permit")
    assert_kept(ws, "restore")
    ws.create_document("faq", "live", "new-faq", {"question": "如何办理？", "answer": "<p>请预约。</p>"})
    assert_kept(ws, "create")


def test_counts_follow_a_source_locale_changed_underneath(ws: Workspace):
    """Counts are by locale; which locale is the source is read from the document, whatever changed it."""
    ws.save_cell(segment_id(ws, "title"), "en", "Work permit", None, confirm=True)
    with engine(ws).begin() as conn:
        conn.execute(text("UPDATE documents SET source_locale = 'en' WHERE slug = 'work-permit'"))
    assert_kept(ws, "source locale changed")


def test_counts_follow_the_demo_replacing_everything(ws: Workspace):
    ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail", None, confirm=True)
    run_job(fill_demo(ws, force=True))
    assert_kept(ws, "demo --force")
    with Session(engine(ws)) as session:
        gone = session.scalar(select(func.count()).select_from(CellCount)
                              .where(CellCount.document_id.not_in(select(Document.id))))
    assert gone == 0


def test_counts_follow_a_document_deleted_with_everything_it_holds(ws: Workspace):
    with engine(ws).begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE slug = 'work-permit'"))
    assert_kept(ws, "a document row deleted, its segments and cells by cascade")
    with Session(engine(ws)) as session:
        assert session.scalar(select(func.count()).select_from(SegmentCount)
                              .where(SegmentCount.document_id.not_in(select(Document.id)))) == 0


def test_a_segment_never_moves_to_another_document(ws: Workspace):
    """The counts follow a segment's cells into their document; moving segments is refused rather than miscounted."""
    with pytest.raises(DBAPIError, match="never moves"), engine(ws).begin() as conn:
        conn.execute(text("UPDATE segments SET document_id = (SELECT id FROM documents WHERE slug = 'en-guide') "
                          "WHERE id = :s"), {"s": segment_id(ws, "title")})
    assert_kept(ws, "a refused move")


def test_a_failed_write_leaves_the_counts_as_they_were(ws: Workspace):
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis", None)
    with Session(engine(ws)) as session:
        before = kept_rows(session)
    with pytest.raises(ConflictError):
        ws.save_cell(title, "fr", "Permis de travail", 0, confirm=True)  # a stale version: refused
    with Session(engine(ws)) as session:
        assert kept_rows(session) == before


# --- an upgrade fills them --------------------------------------------------------------------------------------


def test_the_upgrade_from_0003_fills_the_counts_and_the_search_index(ws: Workspace):
    run_job(fill_demo(ws, force=True))
    title = segment_id(ws, "title", slug="work-residence-permit")
    ws.save_cell(title, "ko", "외국인 취업 허가", version(ws, title, "ko"))
    ws.delete_document("bank-account")
    with Session(engine(ws)) as session:
        expected = recounted_progress(session), asdict(progress.status_report(session))
    migrate(ws, "0003")
    with engine(ws).connect() as conn:
        assert "cell_counts" not in {t for (t,) in conn.execute(text(
            "SELECT tablename FROM pg_tables" if conn.dialect.name == "postgresql"
            else "SELECT name FROM sqlite_master WHERE type = 'table'"))}
    migrate(ws, db.head_revision())

    assert_kept(ws, "upgrade")
    with Session(engine(ws)) as session:
        assert (search.document_progress(session), asdict(progress.status_report(session))) == expected
        for query in ("취업", "护照", "许可证", "passport", "居留 许可", "e", "北京 ab"):
            assert search.matching_text(session, query) == scanned(session, query), query
        assert search.matching_text(session, "취업") and search.matching_text(session, "护照")
    # The triggers are in place: a write after the upgrade is counted and indexed.
    ws.save_cell(title, "ja", "就労ビザ", version(ws, title, "ja"))
    assert_kept(ws, "a write after the upgrade")
    with Session(engine(ws)) as session:
        assert search.matching_text(session, "就労") == scanned(session, "就労") != set()
