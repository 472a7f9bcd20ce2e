"""The memory's index kept true to the database: ids SQLite hands out again, workspaces made again at the same
place, documents deleted and restored, readers with older snapshots, look-ups racing a change, and on PostgreSQL
a transaction that commits after a later one."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import text as sql

import studio.memory.lookup as lookup
from studio.memory.lookup import MemoryQuery, look_up, memory_index
from studio.workspace import Workspace
from tests.conftest import POSTGRES_URL, _signed_in_workspace


def _faq(question: str, answer: str) -> dict[str, str]:
    return {"question": question, "answer": f"<p>{answer}</p>"}


def _seg(ws: Workspace, slug: str, text: str) -> int:
    return next(s.id for s in ws.document(slug).segments if s.text == text)


@pytest.fixture
def ws(tmp_path: Path):
    with _signed_in_workspace(tmp_path / "ws", None) as workspace:
        yield workspace


def test_a_sentence_that_takes_a_deleted_ones_id_never_lends_it_the_old_translation(ws):
    ws.create_document("faq", "work", "a", _faq("问题一？", "第一句话。第二句话在这里。"))
    gone = _seg(ws, "a", "第二句话在这里。")
    ws.save_cell(gone, "en", "Second sentence is here.", None, confirm=True)
    assert ws.memory_lookup_text("第二句话在这里。").best("en").score == 100
    ws.edit_source("a", _faq("问题一？", "第一句话。"))  # the sentence goes, its cells with it
    ws.create_document("faq", "work", "b", _faq("完全不同的问题？", "完全不同的句子。"))
    assert gone in {s.id for s in ws.document("b").segments}  # SQLite gave its id to a new sentence
    for s in ws.document("b").segments:
        ws.save_cell(s.id, "en", "TRANSLATION OF " + s.text, None, confirm=True)
    assert ws.memory_lookup_text("第二句话在这里。").for_locale("en") == []
    found = ws.memory_lookup_text("完全不同的句子。").best("en")
    assert (found.source, found.target) == ("完全不同的句子。", "TRANSLATION OF 完全不同的句子。")


def test_a_confirmation_that_takes_a_freed_revision_id_is_still_folded_in(ws):
    ws.create_document("faq", "work", "a", _faq("问题一？", "第一句话。第二句话在这里。"))
    ws.create_document("faq", "work", "c", _faq("另一个问题？", "关于签证延期的说明。"))
    last = _seg(ws, "a", "第二句话在这里。")
    ws.save_cell(last, "en", "Second sentence is here.", None, confirm=True)
    assert ws.memory_lookup_text("第二句话在这里。").best("en") is not None  # the index is built here
    ws.edit_source("a", _faq("问题一？", "第一句话。"))  # its revisions cascade: their ids are free again
    ws.save_cell(_seg(ws, "c", "关于签证延期的说明。"), "en", "Notes on visa extension.", None, confirm=True)
    assert ws.memory_lookup_text("关于签证延期的说明。").best("en").target == "Notes on visa extension."


def test_a_workspace_made_again_at_the_same_place_starts_with_its_own_memory(tmp_path):
    with _signed_in_workspace(tmp_path / "ws", None) as old:
        old.create_document("faq", "work", "a", _faq("问题一？", "旧工作区的句子。"))
        for locale in ("en", "fr", "de", "ja"):  # more changes than the new one will have
            old.save_cell(_seg(old, "a", "旧工作区的句子。"), locale, f"Old sentence ({locale}).", None, confirm=True)
        assert old.memory_lookup_text("旧工作区的句子。").best("en") is not None
    shutil.rmtree(tmp_path / "ws")
    with _signed_in_workspace(tmp_path / "ws", None) as new:
        new.create_document("faq", "work", "b", _faq("新问题？", "完全不同的内容。另一句。"))
        for s in new.document("b").segments:
            new.save_cell(s.id, "en", "NEW: " + s.text, None, confirm=True)
        assert new.memory_lookup_text("旧工作区的句子。").best("en") is None
        assert new.memory_lookup_text("完全不同的内容。").best("en").target == "NEW: 完全不同的内容。"


def test_a_deleted_document_leaves_the_memory_and_comes_back_restored(ws):
    ws.create_document("faq", "work", "a", _faq("问题一？", "关于签证延期的说明。"))
    ws.create_document("faq", "work", "b", _faq("问题二？", "关于签证延期的说明。"))
    sb = _seg(ws, "b", "关于签证延期的说明。")
    ws.save_cell(_seg(ws, "a", "关于签证延期的说明。"), "en", "Notes on visa extension.", None, confirm=True)
    assert ws.memory_lookup(sb).best("en") is not None  # cached now
    ws.delete_document("a")
    assert ws.memory_lookup(sb).best("en") is None
    assert ws.memory_lookup_text("关于签证延期的说明。").best("en") is None
    ws.restore_document("a")
    assert ws.memory_lookup(sb).best("en").target == "Notes on visa extension."


def test_a_reader_with_an_older_snapshot_never_moves_the_index_back(ws):
    ws.create_document("faq", "work", "a", _faq("问题一？", "关于签证延期的说明。第二句。"))
    s1, s2 = _seg(ws, "a", "关于签证延期的说明。"), _seg(ws, "a", "第二句。")
    ws.save_cell(s1, "en", "Notes on visa extension.", None, confirm=True)
    other = ws.sibling_opener()()
    try:
        with ws._reading() as old:  # a job's reading transaction, as pre-translation holds one per batch
            look_up(old, MemoryQuery("关于签证延期的说明。", "zh-Hans"))
            index = memory_index(old)
            before, mark = index.by_locale["zh-Hans"], index.mark
            other.save_cell(s2, "en", "Second.", None, confirm=True)
            assert other.memory_lookup_text("第二句。").best("en").target == "Second."  # the mark moves on
            assert index.mark > mark
            newer = index.mark
            look_up(old, MemoryQuery("第二句。x", "zh-Hans"))  # the older snapshot reads again
            assert index.by_locale["zh-Hans"] is before and index.mark == newer
        assert other.memory_lookup_text("第二句。").best("en").target == "Second."
    finally:
        other.close()


def test_a_look_up_in_flight_does_not_cache_what_a_change_meanwhile_made_stale(ws, monkeypatch):
    ws.create_document("faq", "work", "a", _faq("问题一？", "关于签证延期的说明。"))
    ws.create_document("faq", "work", "b", _faq("问题二？", "关于签证延期的说明。"))
    sa, sb = _seg(ws, "a", "关于签证延期的说明。"), _seg(ws, "b", "关于签证延期的说明。")
    ws.save_cell(sa, "en", "Notes on visa extension.", None, confirm=True)
    ws.memory_lookup_text("x")
    real = lookup._matches
    read, go = threading.Event(), threading.Event()

    def held(*args, **kwargs):  # the worker's look-up pauses between reading the cells and caching the result
        out = real(*args, **kwargs)
        if threading.current_thread().name == "worker":
            read.set()
            go.wait(10)
        return out

    monkeypatch.setattr(lookup, "_matches", held)
    worker = ws.sibling_opener()()
    try:
        thread = threading.Thread(target=lambda: worker.memory_lookup(sb), name="worker")
        thread.start()
        assert read.wait(10)
        ws.save_cell(sa, "en", "Withdrawn to a draft", ws.cell(sa, "en").version)
        assert ws.memory_lookup(sb).best("en") is None
        go.set()
        thread.join(10)
        assert ws.memory_lookup(sb).best("en") is None  # not the worker's result, read before the change
    finally:
        go.set()
        worker.close()


def test_every_locale_gets_its_best_match_even_behind_many_closer_sources_of_another(ws):
    base = "在本市工作的外国人须办理工作许可证件。"
    closer = [base[:i] + "某" + base[i + 1:] for i in range(1, 16)]  # one letter changed: fifteen English units
    ws.create_document("faq", "work", "en", _faq("问题？", "".join(closer)))
    for text in closer:
        ws.save_cell(_seg(ws, "en", text), "en", f"English {text}", None, confirm=True)
    further = "在本市学习的外国学生须办理工作许可证件。"  # further off, and only in Arabic
    ws.create_document("faq", "work", "ar", _faq("问题二？", further))
    ws.save_cell(_seg(ws, "ar", further), "ar", "نص عربي", None, confirm=True)
    found = ws.memory_lookup_text(base)
    assert len(found.for_locale("en")) == 5
    assert found.best("ar") is not None and found.best("ar").source == further


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="no PostgreSQL server for this run (make test starts one)")
def test_on_postgresql_a_transaction_committing_after_a_later_one_is_folded_in(tmp_path):
    from tests.conftest import _reset_postgres

    _reset_postgres(POSTGRES_URL)
    with _signed_in_workspace(None, POSTGRES_URL) as pg:
        pg.create_document("faq", "work", "a", _faq("问题一？", "早开始的句子。"))
        pg.create_document("faq", "work", "b", _faq("问题二？", "晚开始的句子。"))  # no row lock shared with a's
        early, late = _seg(pg, "a", "早开始的句子。"), _seg(pg, "b", "晚开始的句子。")
        pg.save_cell(early, "en", "draft", None)
        assert pg.memory_lookup_text("早开始的句子。").best("en") is None  # the index is built
        with pg._engine.connect() as slow:
            slow.execute(sql("UPDATE cells SET state = 'translated', text = 'Started early.' "
                             "WHERE segment_id = :s AND locale = 'en'"), {"s": early})  # takes a feed id, no commit
            pg.save_cell(late, "en", "Started late.", None, confirm=True)  # a higher feed id, committed first
            assert pg.memory_lookup_text("晚开始的句子。").best("en").target == "Started late."
            slow.commit()
        assert pg.memory_lookup_text("早开始的句子。").best("en").target == "Started early."
