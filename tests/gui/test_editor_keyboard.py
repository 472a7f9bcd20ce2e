"""The editor's keyboard flow and its safety nets: moving between cells, copying the source, autosave, undo and
redo of stored edits, and what happens when a write is refused (conflict, lost placeholder, too long, deleted
document): the typed text is never lost."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget

from studio.ui.conflict_dialog import ConflictDialog
from studio.ui.grid_model import STATE_ROLE
from studio.ui.segment_editor import SegmentEditor
from studio.workspace import Workspace
from tests.gui.windows import commit_text, open_grid
from tests.helpers import segment_id

BODY = "用人单位登录{1}服务系统{/1}提交材料。"


@pytest.fixture
def other(filled):
    """A second window on the same workspace folder: another editor at another desk."""
    with Workspace.open(filled.folder) as ws:
        ws.sign_in("boss", "boss-password")
        yield ws


@pytest.fixture
def widget(qtbot, filled):
    return open_grid(qtbot, filled)



def index_of(widget, ws, field_path, locale, ordinal=0):
    return widget.model.index(widget.model.row_of_segment(segment_id(ws, field_path, ordinal)),
                              widget.model.column_of(locale))


def open_cell(qtbot, widget, ws, field_path, locale, ordinal=0) -> SegmentEditor:
    index = index_of(widget, ws, field_path, locale, ordinal)
    widget.grid.setCurrentIndex(index)
    with qtbot.waitSignal(widget.delegate.editor_created) as created:
        widget.grid.edit(index)
    return created.args[0]


def where(widget):
    index = widget.grid.currentIndex()
    return index.row(), index.column()


def ctrl(qtbot, target, key):
    qtbot.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)


def answer_modal(kind: type[QWidget], act: Callable[[QWidget], None], seen: list[QWidget]) -> None:
    """When a modal `kind` shows up (it runs its own event loop), record it and act on it."""
    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            seen.append(modal)
            act(modal)
        else:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)


# --- moving -----------------------------------------------------------------------------------------------


def test_ctrl_up_and_down_move_between_segments_skipping_headings(qtbot, widget, filled):
    model = widget.model
    widget.grid.setCurrentIndex(index_of(widget, filled, "title", "fr"))
    column = model.column_of("fr")
    summary = model.row_of_segment(segment_id(filled, "summary"))

    ctrl(qtbot, widget.grid, Qt.Key.Key_Down)
    assert where(widget) == (summary, column)  # over the "Summary" heading
    ctrl(qtbot, widget.grid, Qt.Key.Key_Down)
    assert where(widget) == (summary + 1, column)
    ctrl(qtbot, widget.grid, Qt.Key.Key_Up)
    ctrl(qtbot, widget.grid, Qt.Key.Key_Up)
    assert where(widget) == (model.row_of_segment(segment_id(filled, "title")), column)
    ctrl(qtbot, widget.grid, Qt.Key.Key_Up)  # the first segment stays put
    assert where(widget) == (model.row_of_segment(segment_id(filled, "title")), column)
    assert widget.grid.state() != QAbstractItemView.State.EditingState


def test_ctrl_page_up_and_down_move_between_languages(qtbot, widget, filled):
    model = widget.model
    widget.grid.setCurrentIndex(index_of(widget, filled, "title", "en"))
    row = where(widget)[0]
    ctrl(qtbot, widget.grid, Qt.Key.Key_PageDown)
    assert where(widget) == (row, model.column_of("ko"))
    ctrl(qtbot, widget.grid, Qt.Key.Key_PageUp)
    ctrl(qtbot, widget.grid, Qt.Key.Key_PageUp)  # never onto the source column
    assert where(widget) == (row, model.column_of("en"))
    widget.grid.setCurrentIndex(index_of(widget, filled, "title", "ar"))
    ctrl(qtbot, widget.grid, Qt.Key.Key_PageDown)
    assert where(widget) == (row, model.column_of("ar"))


def test_moving_from_an_open_editor_stores_the_draft_and_opens_the_next_cell(qtbot, widget, filled):
    editor = open_cell(qtbot, widget, filled, "title", "ja")
    commit_text(editor, "外国人の就労許可")
    ctrl(qtbot, editor, Qt.Key.Key_Down)

    stored = filled.cell(segment_id(filled, "title"), "ja")
    assert (stored.text, stored.state) == ("外国人の就労許可", "draft")
    summary = widget.model.row_of_segment(segment_id(filled, "summary"))
    assert where(widget) == (summary, widget.model.column_of("ja"))
    following = widget.editor()
    assert following is not None and following is not editor and following.locale_code == "ja"

    ctrl(qtbot, following, Qt.Key.Key_PageDown)
    assert where(widget) == (summary, widget.model.column_of("de"))
    assert widget.editor() is not None and widget.editor().locale_code == "de"


def test_plain_enter_in_the_editor_moves_down_and_shift_enter_breaks_the_line(qtbot, widget, filled):
    editor = open_cell(qtbot, widget, filled, "who_may_apply", "en")
    qtbot.keyClicks(editor, "The employer")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "applies.")
    assert editor.text() == "The employer\napplies."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert filled.cell(segment_id(filled, "who_may_apply"), "en").text == "The employer\napplies."
    assert where(widget)[0] == widget.model.row_of_segment(segment_id(filled, "required_documents[0].name"))


# --- copying the source -----------------------------------------------------------------------------------


def test_ctrl_b_copies_the_source_into_the_editor(qtbot, widget, filled):
    editor = open_cell(qtbot, widget, filled, "steps[0].body", "ko")
    commit_text(editor, "고용주는")
    ctrl(qtbot, editor, Qt.Key.Key_B)
    assert editor.text() == BODY
    # One Ctrl+Z of the editor takes the copy back.
    ctrl(qtbot, editor, Qt.Key.Key_Z)
    assert editor.text() == "고용주는"


def test_copy_source_outside_an_editor_opens_the_cell_with_the_source(qtbot, widget, filled):
    widget.grid.setCurrentIndex(index_of(widget, filled, "processing_time", "ru"))
    widget.copy_source()
    editor = widget.editor()
    assert editor is not None and editor.locale_code == "ru"
    assert editor.text() == "10个工作日。"


# --- autosave ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_typing_is_stored_as_a_draft_after_a_pause_without_any_key(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "ar")
    commit_text(editor, "تصريح العمل")
    assert filled.cell(title, "ar") is None

    qtbot.waitUntil(lambda: filled.cell(title, "ar") is not None, timeout=4000)
    stored = filled.cell(title, "ar")
    assert (stored.text, stored.state, stored.origin) == ("تصريح العمل", "draft", "human")
    assert widget.editor() is editor and editor.text() == "تصريح العمل"
    row, column = widget.model.row_of_segment(title), widget.model.column_of("ar")
    assert widget.model.index(row, column).data(STATE_ROLE) == "draft"


@pytest.mark.slow
def test_typing_without_a_pause_is_still_stored_every_few_seconds(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "de")
    for word in ("Arbeits", "erlaubnis ", "für ", "Ausländerinnen ", "und ", "Ausländer ", "in ", "Peking"):
        commit_text(editor, word)
        qtbot.wait(450)  # a keystroke every half second: the pause-based save alone would never come
    stored = filled.cell(title, "de")
    assert stored is not None and stored.state == "draft"
    assert editor.text().startswith(stored.text)


def test_the_row_grows_with_the_text_being_typed(qtbot, widget, filled):
    editor = open_cell(qtbot, widget, filled, "title", "ar")
    row = widget.grid.currentIndex().row()
    before = widget.grid.rowHeight(row)
    commit_text(editor, "تصريح عمل للأجانب الذين يعملون في بكين ويحتاجون إلى إقامة طويلة " * 3)
    assert widget.grid.rowHeight(row) > before
    assert editor.content_height() <= editor.height() + 4


@pytest.mark.slow
def test_several_autosaves_of_one_cell_are_one_undo_step(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "ja")
    commit_text(editor, "外国人の")
    qtbot.waitUntil(lambda: filled.cell(title, "ja") is not None, timeout=4000)
    commit_text(editor, "就労許可")
    qtbot.waitUntil(lambda: filled.cell(title, "ja").text == "外国人の就労許可", timeout=4000)
    assert filled.cell(title, "ja").version == 2
    assert widget.undo_stack.count() == 1

    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    widget.undo_stack.undo()
    assert filled.cell(title, "ja").state == "missing"
    assert widget.model.index(widget.model.row_of_segment(title), widget.model.column_of("ja")).data() == ""
    widget.undo_stack.redo()
    assert filled.cell(title, "ja").text == "外国人の就労許可"


def test_clicking_another_cell_keeps_what_was_just_typed(qtbot, widget, filled):
    editor = open_cell(qtbot, widget, filled, "title", "ko")
    commit_text(editor, "외국인 취업 허가")
    widget.grid.setCurrentIndex(index_of(widget, filled, "summary", "ko"))  # what a click does to the view
    stored = filled.cell(segment_id(filled, "title"), "ko")
    assert (stored.text, stored.state) == ("외국인 취업 허가", "draft")
    assert widget.editor() is None


# --- undo and redo ----------------------------------------------------------------------------------------


def test_a_confirmation_can_be_undone_and_redone(qtbot, widget, filled):
    summary = segment_id(filled, "summary")
    filled.save_cell(summary, "fr", "Les étrangers doivent", None)
    widget.open_document("work-permit")
    editor = open_cell(qtbot, widget, filled, "summary", "fr")
    assert editor.text() == "Les étrangers doivent"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " avoir un permis.")
    ctrl(qtbot, editor, Qt.Key.Key_Return)
    confirmed = filled.cell(summary, "fr")
    assert (confirmed.text, confirmed.state) == ("Les étrangers doivent avoir un permis.", "translated")
    index = index_of(widget, filled, "summary", "fr")
    assert widget.undo_stack.undoText() == "Confirm French translation"

    widget.undo_stack.undo()
    back = filled.cell(summary, "fr")
    assert (back.text, back.state) == ("Les étrangers doivent", "draft")
    assert (index.data(), index.data(STATE_ROLE)) == ("Les étrangers doivent", "draft")

    widget.undo_stack.redo()
    again = filled.cell(summary, "fr")
    assert (again.text, again.state) == ("Les étrangers doivent avoir un permis.", "translated")
    assert (index.data(), index.data(STATE_ROLE)) == ("Les étrangers doivent avoir un permis.", "translated")


@pytest.mark.slow
def test_successive_edits_of_one_cell_undo_one_after_the_other(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "fr")
    commit_text(editor, "Permis")
    qtbot.waitUntil(lambda: filled.cell(title, "fr") is not None, timeout=4000)  # stored as a draft
    ctrl(qtbot, editor, Qt.Key.Key_Return)  # confirmed: a second undo step
    assert widget.undo_stack.count() == 2

    widget.undo_stack.undo()
    assert (filled.cell(title, "fr").text, filled.cell(title, "fr").state) == ("Permis", "draft")
    widget.undo_stack.undo()  # expects the version the first undo wrote, not the one the draft had
    assert filled.cell(title, "fr").state == "missing"
    widget.undo_stack.redo()
    widget.undo_stack.redo()
    assert (filled.cell(title, "fr").text, filled.cell(title, "fr").state) == ("Permis", "translated")


def test_undo_of_a_first_translation_makes_the_cell_missing_again(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "ru")
    commit_text(editor, "Разрешение на работу")
    ctrl(qtbot, editor, Qt.Key.Key_Return)
    assert filled.cell(title, "ru").state == "translated"
    widget.undo_stack.undo()
    assert filled.cell(title, "ru").state == "missing"
    assert index_of(widget, filled, "title", "ru").data(STATE_ROLE) == "missing"


def test_ctrl_z_in_the_editor_that_a_confirmation_opened_takes_the_confirmation_back(qtbot, widget, filled):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "ru")
    commit_text(editor, "Разрешение на работу")
    ctrl(qtbot, editor, Qt.Key.Key_Return)
    following = widget.editor()
    assert following is not None and following is not editor  # the next unconfirmed cell, nothing typed yet

    ctrl(qtbot, following, Qt.Key.Key_Z)

    assert filled.cell(title, "ru").state == "missing"
    assert widget.editor() is None
    assert where(widget) == (widget.model.row_of_segment(title), widget.model.column_of("ru"))
    widget.undo_stack.redo()
    assert filled.cell(title, "ru").state == "translated"


def test_undo_refused_when_someone_changed_the_cell_since(qtbot, widget, filled, other):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "de")
    commit_text(editor, "Arbeitserlaubnis")
    ctrl(qtbot, editor, Qt.Key.Key_Return)
    other.save_cell(title, "de", "Arbeitserlaubnis für Ausländer", filled.cell(title, "de").version)

    widget.undo_stack.undo()
    assert filled.cell(title, "de").text == "Arbeitserlaubnis für Ausländer"
    assert widget.message_bar.isVisible()
    # The grid shows what is stored now, not a stale text.
    assert index_of(widget, filled, "title", "de").data() == "Arbeitserlaubnis für Ausländer"


# --- conflicts --------------------------------------------------------------------------------------------


def edit_while_someone_else_saves(qtbot, widget, filled, other, mine="Le permis de travail"):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "fr")
    commit_text(editor, mine)
    other.save_cell(title, "fr", "Permis de travail des étrangers", None)
    return title, editor


@pytest.mark.parametrize(("button", "text", "state"), [
    ("Keep mine", "Le permis de travail", "translated"),
    ("Take theirs", "Permis de travail des étrangers", "draft"),
    ("Use merged", "Le permis de travail des étrangers", "translated"),
])
def test_a_conflict_asks_and_stores_the_choice(qtbot, widget, filled, other, button, text, state):
    title, editor = edit_while_someone_else_saves(qtbot, widget, filled, other)
    seen: list[QWidget] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, ConflictDialog)
        assert dialog.mine_box.toPlainText() == "Le permis de travail"
        assert dialog.theirs_box.toPlainText() == "Permis de travail des étrangers"
        if button == "Use merged":
            dialog.merged_box.setPlainText("Le permis de travail des étrangers")
        next(b for b in dialog.buttons.buttons() if b.text() == button).click()

    answer_modal(ConflictDialog, choose, seen)
    ctrl(qtbot, editor, Qt.Key.Key_Return)

    assert len(seen) == 1
    stored = filled.cell(title, "fr")
    assert (stored.text, stored.state) == (text, state)
    assert index_of(widget, filled, "title", "fr").data() == text
    assert index_of(widget, filled, "title", "fr").data(STATE_ROLE) == state
    # Settled: the editor went on to the next cell.
    assert where(widget)[0] == widget.model.row_of_segment(segment_id(filled, "summary"))


def test_a_dismissed_conflict_keeps_the_text_in_the_open_editor(qtbot, widget, filled, other):
    title, editor = edit_while_someone_else_saves(qtbot, widget, filled, other)
    seen: list[QWidget] = []
    answer_modal(ConflictDialog, lambda dialog: dialog.reject(), seen)
    ctrl(qtbot, editor, Qt.Key.Key_Return)

    assert len(seen) == 1
    assert widget.editor() is editor and editor.text() == "Le permis de travail"
    assert filled.cell(title, "fr").text == "Permis de travail des étrangers"
    assert widget.message_bar.isVisible() and "changed meanwhile" in widget.message_bar.text()


# --- refused confirmations --------------------------------------------------------------------------------


def test_a_translation_that_lost_a_placeholder_is_kept_as_a_draft(qtbot, widget, filled):
    body = segment_id(filled, "steps[0].body")
    editor = open_cell(qtbot, widget, filled, "steps[0].body", "en")
    commit_text(editor, "The employer logs in to the service system and submits the documents.")
    ctrl(qtbot, editor, Qt.Key.Key_Return)

    assert widget.message_bar.isVisible()
    assert "placeholders do not match the source" in widget.message_bar.text()
    assert "{1}" in widget.message_bar.text()
    assert widget.editor() is editor and editor.isVisible()
    assert editor.text() == "The employer logs in to the service system and submits the documents."
    stored = filled.cell(body, "en")
    assert (stored.text, stored.state) == (editor.text(), "draft")
    assert where(widget)[0] == widget.model.row_of_segment(body)

    # Put right, it confirms.
    editor.selectAll()
    commit_text(editor, "The employer logs in to {1}the service system{/1} and submits the documents.")
    ctrl(qtbot, editor, Qt.Key.Key_Return)
    assert filled.cell(body, "en").state == "translated"
    assert not widget.message_bar.isVisible()


def test_a_translation_over_the_field_length_is_refused_and_kept_as_a_draft(qtbot, widget, filled):
    title = segment_id(filled, "title")
    long_text = "Разрешение на работу " * 7  # 147 characters; a title allows 120
    editor = open_cell(qtbot, widget, filled, "title", "ru")
    commit_text(editor, long_text)
    ctrl(qtbot, editor, Qt.Key.Key_Return)

    message = widget.message_bar.text()
    assert widget.message_bar.isVisible()
    assert "at most 120 characters" in message and f"would have {len(long_text)}" in message
    assert "kept as a draft" in message
    assert widget.editor() is editor and editor.text() == long_text
    stored = filled.cell(title, "ru")
    assert (stored.text, stored.state) == (long_text, "draft")


def test_a_document_deleted_meanwhile_puts_the_text_on_the_clipboard(qtbot, widget, filled, other):
    QGuiApplication.clipboard().clear()
    editor = open_cell(qtbot, widget, filled, "title", "ar")
    commit_text(editor, "تصريح العمل للأجانب")
    other.delete_document("work-permit")
    seen: list[QWidget] = []
    texts: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    answer_modal(QMessageBox, close, seen)
    with qtbot.waitSignal(widget.document_gone, timeout=2000):
        ctrl(qtbot, editor, Qt.Key.Key_Return)

    assert len(seen) == 1
    assert "deleted meanwhile" in texts[0] and "clipboard" in texts[0]
    assert QGuiApplication.clipboard().text() == "تصريح العمل للأجانب"
    # The editor is closed: leaving the document does not ask again.
    assert widget.editor() is None
    assert widget.finish_editing()


@pytest.mark.slow
def test_a_busy_database_neither_freezes_the_editor_nor_loses_the_text(qtbot, widget, filled):
    widget.ws.limit_write_wait(0.3)  # as the main window sets it
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, widget, filled, "title", "es")
    # Another process (a long import) holds the write lock of the SQLite file.
    other = sqlite3.connect(str(filled.folder / "studio.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        commit_text(editor, "Permiso de trabajo")
        started = time.monotonic()
        assert not widget.finish_editing()  # refused quickly, the editor stays open with the text
        assert time.monotonic() - started < 2
        assert editor.text() == "Permiso de trabajo" and widget.editor() is editor
        assert "busy" in widget.message_bar.text()
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Once the database is free the draft is stored by the retry, without any key.
    qtbot.waitUntil(lambda: filled.cell(title, "es") is not None, timeout=5000)
    assert filled.cell(title, "es").text == "Permiso de trabajo"


def test_up_and_down_step_over_the_field_headings(qtbot, widget, filled):
    widget.grid.setCurrentIndex(index_of(widget, filled, "title", "fr"))
    qtbot.keyClick(widget.grid, Qt.Key.Key_Down)  # the "Summary" heading is skipped
    assert where(widget) == (widget.model.row_of_segment(segment_id(filled, "summary")), widget.model.column_of("fr"))
    qtbot.keyClick(widget.grid, Qt.Key.Key_Up)
    assert where(widget) == (widget.model.row_of_segment(segment_id(filled, "title")), widget.model.column_of("fr"))


def test_ctrl_enter_on_a_stored_draft_confirms_it_without_editing(qtbot, widget, filled):
    title = segment_id(filled, "title")
    filled.save_cell(title, "es", "Permiso de trabajo para extranjeros", None)
    widget.open_document("work-permit")
    widget.grid.setCurrentIndex(index_of(widget, filled, "title", "es"))
    ctrl(qtbot, widget.grid, Qt.Key.Key_Return)
    assert filled.cell(title, "es").state == "translated"
    assert where(widget) == (widget.model.row_of_segment(segment_id(filled, "summary")), widget.model.column_of("es"))
    assert widget.editor() is not None  # the next unconfirmed cell is open for typing


def test_escape_closes_the_find_bar(qtbot, widget):
    widget.show_find()
    assert widget.find_bar.isVisible()
    qtbot.keyClick(widget.find_edit, Qt.Key.Key_Escape)
    assert not widget.find_bar.isVisible()
