"""A reviewer's queue in the window: every translation waiting in their languages, approved or rejected a selection
at a time with the editor's own shortcuts, the decided rows leaving and the grid following; Enter opens a row's
cell in the grid; what could not be decided is said, with why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui import review_queue
from studio.ui.grid_model import STATE_ROLE
from studio.ui.reject_dialog import RejectDialog
from studio.ui.review_queue import LANGUAGE, SOURCE, TRANSLATION, ReviewQueueModel
from studio.workspace import Workspace
from tests.gui.interface_language import chinese  # noqa: F401  (a fixture)
from tests.gui.windows import action, commit_text, window_as
from tests.helpers import guide, office, segment_id, write_json

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
FRENCH = {"title": "Permis de travail pour les étrangers",
          "summary": "Les étrangers qui travaillent dans la ville ont besoin d'un permis de travail.",
          "who_may_apply": "L'employeur fait la demande pour l'étranger qu'il veut recruter."}


@pytest.fixture
def waiting(sqlite_workspace, tmp_path):
    """The guide with three French translations and an Arabic and a Japanese title confirmed by Wang Fang; Marie
    reviews French; Paul translates and reviews French."""
    ws = sqlite_workspace
    run_job(ws.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    ws.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    ws.add_user("paul", ["editor", "reviewer"], "paul-password", ["fr"], display_name="Paul Martin")
    ws.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    ws.sign_in("wang.fang", "wang-password")
    for field, text in FRENCH.items():
        ws.save_cell(segment_id(ws, field), "fr", text, None, confirm=True)
    ws.save_cell(segment_id(ws, "title"), "ar", "تصريح عمل للأجانب", None, confirm=True)
    ws.save_cell(segment_id(ws, "title"), "ja", "外国人就労許可", None, confirm=True)
    return ws


def open_queue(qtbot, ws, tmp_path, user):
    window = window_as(qtbot, ws, tmp_path, user)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts work in the active window only
    window.show_review_queue()  # Review ▸ Open the review queue (Alt+4); the action is found by name below
    queue = window.review_queue
    qtbot.waitUntil(lambda: queue.table.hasFocus() and queue.isVisible())
    return window, queue


def select_rows(queue, *rows):
    queue.table.clearSelection()
    for row in rows:
        queue.table.selectionModel().select(queue.model.index(row, 0), queue.table.selectionModel().SelectionFlag.Select
                                            | queue.table.selectionModel().SelectionFlag.Rows)


def grid_state(window, ws, field, locale="fr"):
    model = window.editor.model
    return model.index(model.row_of_segment(segment_id(ws, field)), model.column_of(locale)).data(STATE_ROLE)


def test_the_queue_model_passes_the_model_tester_while_it_reads_pages(qtmodeltester, waiting, monkeypatch):
    waiting.sign_in("boss", "boss-password")  # reviews fr, de and ar: four rows
    monkeypatch.setattr(review_queue, "PAGE", 1)
    model = ReviewQueueModel()
    model.reset(waiting.review_queue(limit=2), waiting.review_queue_count(), lambda offset, limit:
                waiting.review_queue(limit=limit, offset=offset), four_eyes=False)
    assert model.rowCount() == 2 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 3
    qtmodeltester.check(model)  # which fetches the rest too, a page at a time
    assert model.rowCount() == 4 and not model.canFetchMore(model.index(-1, -1))
    assert [model.row(r).key for r in range(4)] == [r.key for r in waiting.review_queue()]
    model.remove([model.row(1).key, model.row(3).key])
    assert model.rowCount() == 2 and model.total == 2
    qtmodeltester.check(ReviewQueueModel())


def test_arabic_reads_right_to_left_and_each_script_has_its_font(qtbot, waiting):
    waiting.sign_in("boss", "boss-password")
    model = ReviewQueueModel()
    model.reset(waiting.review_queue(["ar", "ja"]), 2, None, four_eyes=False)
    arabic = next(r for r in range(2) if model.row(r).locale == "ar")
    japanese = 1 - arabic
    align = Qt.AlignmentFlag(model.index(arabic, TRANSLATION).data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight and align & Qt.AlignmentFlag.AlignAbsolute
    assert model.index(arabic, SOURCE).data(Qt.ItemDataRole.TextAlignmentRole) is None  # the Chinese source
    assert model.index(arabic, TRANSLATION).data(Qt.ItemDataRole.FontRole).families()[0] == "Noto Sans Arabic"
    assert model.index(japanese, TRANSLATION).data(Qt.ItemDataRole.FontRole).families()[0] == "Noto Sans CJK JP"
    assert model.index(japanese, SOURCE).data(Qt.ItemDataRole.FontRole).families()[0] == "Noto Sans CJK SC"
    assert model.index(japanese, LANGUAGE).data() == "Japanese"


def test_ctrl_shift_a_approves_the_selected_rows_which_leave_while_the_grid_shows_them_approved(qtbot, waiting,
                                                                                                tmp_path):
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    window.review_dock.hide()
    window.editor.grid.setFocus()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # Review ▸ Open the queue
    assert action(window, "Open the review queue").shortcut().toString() == "Alt+4"
    qtbot.waitUntil(lambda: queue.isVisible() and queue.table.hasFocus())
    assert [queue.model.row(r).field_path for r in range(queue.model.rowCount())] == [
        "title", "summary", "who_may_apply"]  # French only: the Arabic and Japanese wait for others
    assert window.review_dock.windowTitle() == "Review queue (3)"
    assert queue.model.index(0, 5).data() == "王芳"
    select_rows(queue, 0, 2)

    qtbot.keyClick(queue.table, Qt.Key.Key_A, CTRL_SHIFT)

    assert [queue.model.row(r).field_path for r in range(queue.model.rowCount())] == ["summary"]
    assert window.review_dock.windowTitle() == "Review queue (1)"
    assert waiting.cell(segment_id(waiting, "title"), "fr").state == "approved"
    assert waiting.cell(segment_id(waiting, "who_may_apply"), "fr").state == "approved"
    assert waiting.cell(segment_id(waiting, "summary"), "fr").state == "translated"
    assert (grid_state(window, waiting, "title"), grid_state(window, waiting, "who_may_apply"),
            grid_state(window, waiting, "summary")) == ("approved", "approved", "translated")
    assert window.statusBar().currentMessage() == "Approved 2 translations"
    assert not queue.message_bar.isVisible()


def test_ctrl_shift_r_asks_the_reason_then_sends_the_selection_back(qtbot, waiting, tmp_path):
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    select_rows(queue, 0, 1)
    seen = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RejectDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        try:
            seen["title"] = dialog.windowTitle()
            seen["translations"] = dialog.translation_box.toPlainText()
            commit_text(dialog.comment_box, "Le glossaire dit « permis de travail ».")
            qtbot.keyClick(dialog.comment_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(queue.table, Qt.Key.Key_R, CTRL_SHIFT)

    assert seen == {"title": "Reject 2 translations",
                    "translations": f"{FRENCH['title']}\n{FRENCH['summary']}"}
    assert [queue.model.row(r).field_path for r in range(queue.model.rowCount())] == ["who_may_apply"]
    for field in ("title", "summary"):
        cell = waiting.cell(segment_id(waiting, field), "fr")
        assert (cell.state, cell.flagged) == ("draft", True)
        assert grid_state(window, waiting, field) == "draft"
    comments = waiting.comments(waiting.document("work-permit").row.id, segment_id(waiting, "title"), "fr")
    assert [c.body for c in comments] == ["Le glossaire dit « permis de travail »."]


def test_a_row_changed_meanwhile_is_skipped_and_the_message_bar_says_why(qtbot, waiting, tmp_path):
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    with Workspace.open(waiting.folder) as other:  # Wang Fang, in her own window, rewrites the summary
        other.sign_in("wang.fang", "wang-password")
        summary = segment_id(other, "summary")
        other.save_cell(summary, "fr", "Les étrangers qui travaillent ici ont besoin d'un permis.", 1, confirm=True)
    select_rows(queue, 0, 1)

    qtbot.keyClick(queue.table, Qt.Key.Key_A, CTRL_SHIFT)

    assert queue.message_bar.isVisible()
    assert queue.message_bar.text() == ("1 translation skipped:\nwork-permit summary (fr): the fr translation was "
                                        "changed meanwhile by 王芳")
    assert window.statusBar().currentMessage() == "Approved 1 translation; 1 skipped (see the review queue)"
    # The queue reads the skipped row again: Marie now sees, and may approve, the newer text.
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2 and queue.model.row(0).version == 2)
    assert queue.model.row(0).translation == "Les étrangers qui travaillent ici ont besoin d'un permis."


def test_enter_opens_the_document_in_the_grid_at_the_rows_cell(qtbot, waiting, tmp_path):
    window, queue = open_queue(qtbot, waiting, tmp_path, "boss")
    window.set_locales(["en"])  # the Arabic column is hidden: opening the cell shows it
    window.open_document(waiting.document("dongcheng-hall").row.id)
    queue.table.setFocus()
    row = next(r for r in range(queue.model.rowCount()) if queue.model.row(r).locale == "ar")
    queue.table.setCurrentIndex(queue.model.index(row, 0))

    qtbot.keyClick(queue.table, Qt.Key.Key_Return)

    assert window.editor.view.row.slug == "work-permit"
    segment_index, locale = window.editor.current()
    assert (window.editor.view.segments[segment_index].id, locale) == (segment_id(waiting, "title"), "ar")
    assert "ar" in window.editor.model.locales and window.editor.grid.hasFocus()


def test_four_eyes_is_a_supervisors_switch_and_the_queue_and_the_editor_obey_it(qtbot, waiting, tmp_path):
    window, queue = open_queue(qtbot, waiting, tmp_path, "paul")
    assert not queue.four_eyes_box.isEnabled() and not queue.four_eyes_box.isChecked()
    window.close()

    window, queue = open_queue(qtbot, waiting, tmp_path, "boss")
    assert queue.four_eyes_box.isEnabled()
    queue.four_eyes_box.setChecked(True)
    assert waiting.four_eyes is True
    assert window.statusBar().currentMessage() == "The four-eyes rule is on"
    window.close()

    # Paul confirms the title again with a word changed: now it is his text.
    waiting.sign_in("paul", "paul-password")
    title = segment_id(waiting, "title")
    waiting.save_cell(title, "fr", "Permis de travail des étrangers", 1, confirm=True)
    window, queue = open_queue(qtbot, waiting, tmp_path, "paul")
    assert queue.model.index(0, 5).data() == "Paul Martin (you)"
    select_rows(queue, 0)
    qtbot.keyClick(queue.table, Qt.Key.Key_A, CTRL_SHIFT)
    assert "four-eyes rule: work-permit title (fr) was confirmed by you; another reviewer of fr must approve it" \
        in queue.message_bar.text()
    assert waiting.cell(title, "fr").state == "translated"

    # The editor's own shortcut obeys it too.
    window.editor.go_to(title, "fr")
    window.editor.grid.setFocus()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_A, CTRL_SHIFT)
    assert "four-eyes rule" in window.editor.message_bar.text()
    assert waiting.cell(title, "fr").state == "translated"
    window.close()

    # Marie, another reviewer of French, approves it from the queue.
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    select_rows(queue, 0)
    qtbot.keyClick(queue.table, Qt.Key.Key_A, CTRL_SHIFT)
    assert waiting.cell(title, "fr").state == "approved"


def test_the_queue_in_chinese(qtbot, chinese, waiting, tmp_path):  # noqa: F811
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    assert window.review_dock.windowTitle() == "审校队列（3）"
    assert [queue.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "文档", "字段", "语言", "原文", "译文", "确认人", "时间"]
    assert (queue.approve_button.text(), queue.count_label.text()) == ("批准(&A)", "3 条待审校")
    assert queue.model.index(0, LANGUAGE).data() == "法语"


def test_a_large_selection_is_decided_as_a_job_and_the_window_stays_usable(qtbot, waiting, tmp_path, monkeypatch):
    monkeypatch.setattr(review_queue, "IN_BACKGROUND_FROM", 2)  # instead of 200 rows
    window, queue = open_queue(qtbot, waiting, tmp_path, "marie")
    queue.filter_box.setFocus()  # the keyboard anywhere in the queue: its selection is what is decided
    queue.table.selectAll()

    with qtbot.waitSignal(window.runner.job_finished, timeout=10_000):
        qtbot.keyClick(queue.filter_box, Qt.Key.Key_A, CTRL_SHIFT)
        assert not queue.approve_button.isEnabled()  # while the job runs

    qtbot.waitUntil(lambda: queue.model.rowCount() == 0)
    assert {waiting.cell(segment_id(waiting, f), "fr").state for f in FRENCH} == {"approved"}
    assert {grid_state(window, waiting, f) for f in FRENCH} == {"approved"}
    assert window.review_dock.windowTitle() == "Review queue (0)"
    assert queue.count_label.text() == "Nothing is waiting for review"
