"""The glossary in the editor: the Terms tab of the side panel, and source terms tinted and underlined in the grid
with their approved translations in the tooltip; both from plain values found once per document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.memory.glossary import Term, TermStatus
from studio.ui.side_panel import SidePanel
from tests.gui.windows import open_grid
from tests.helpers import guide, office, write_json


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    sqlite_workspace.add_glossary_entry([
        Term("zh-Hans", "工作许可"), Term("fr", "permis de travail"),
        Term("fr", "autorisation de travail", TermStatus.FORBIDDEN), Term("de", "Arbeitserlaubnis")],
        "Issued by the municipal science and technology commission")
    return sqlite_workspace


def test_the_terms_tab_lists_the_sentence_s_terms_and_inserts_one(qtbot, ws):
    panel = SidePanel()
    qtbot.addWidget(panel)
    panel.resize(460, 700)
    panel.show()
    view = ws.document("work-permit")
    index = next(i for i, s in enumerate(view.segments) if "工作许可" in s.text)
    panel.show_cell(ws, view, index, "fr")
    shown = panel.terms.view.toPlainText()
    assert "工作许可" in shown and "permis de travail" in shown and "autorisation de travail (forbidden)" in shown
    assert "Arbeitserlaubnis" not in shown  # only the cell's locale
    assert panel.terms.insertable == ["permis de travail"]
    with qtbot.waitSignal(panel.term_insert_requested) as inserted:
        panel.terms.view.anchorClicked.emit(QUrl("insert:0"))
    assert inserted.args == ["permis de travail"]
    other = next(i for i, s in enumerate(view.segments) if "工作许可" not in s.text)
    panel.show_cell(ws, view, other, "fr")
    assert "No glossary term" in panel.terms.view.toPlainText() and panel.terms.insertable == []


def test_the_grid_marks_source_terms_and_its_tooltip_gives_their_translations(qtbot, ws):
    editor = open_grid(qtbot, ws)
    segment = next(s for s in editor.view.segments if "工作许可" in s.text)
    hits = editor.delegate.term_hits(segment.text)
    assert [segment.text[h.start:h.end] for h in hits] == ["工作许可"]
    tip = editor.delegate.terms_tooltip(segment.text, ["fr", "de", "en"])
    assert "permis de travail" in tip and "<s>autorisation de travail</s>" in tip and "Arbeitserlaubnis" in tip
    assert editor.delegate.terms_tooltip("没有术语", ["fr"]) == ""


def test_the_glossary_model_passes_the_model_tester(qtmodeltester, ws):
    from studio.ui.glossary_dialog import GlossaryModel

    model = GlossaryModel()
    model.set_glossary(ws.glossary())
    qtmodeltester.check(model)
    model.set_filter("ar", "")
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_an_editor_adds_an_entry_in_the_dialog_and_the_window_refreshes(qtbot, ws, tmp_path):
    from studio.ui.glossary_dialog import GlossaryDialog
    from tests.gui.windows import commit_text

    announced = []
    dialog = GlossaryDialog(ws, on_changes=announced.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1 and dialog.terms_table.term_at(0).text == "工作许可"

    dialog.new_entry(locale="en")
    source = dialog.terms_table.cellWidget(0, 1)
    commit_text(source, "护照")
    qtbot.keyClicks(dialog.terms_table.cellWidget(1, 1), "passport")
    dialog.terms_table.add_term(Term("en", "passport book", TermStatus.DISCOURAGED))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert announced and announced[-1].glossary
    assert ws.glossary().required_in("护照", "zh-Hans", "en")[0].targets == ("passport",)
    assert dialog.model.rowCount() == 2 and dialog.form_title.text().startswith("Entry")

    dialog.filter_edit.setText("PASSPORT")
    assert dialog.model.rowCount() == 1
    dialog.locale_filter.setCurrentIndex(dialog.locale_filter.findData("de"))
    assert dialog.model.rowCount() == 0

    # A forbidden term alone is refused, in the dialog, with the reason; nothing is written.
    dialog.new_entry()
    qtbot.keyClicks(dialog.terms_table.cellWidget(0, 1), "Peking")
    status = dialog.terms_table.cellWidget(0, 2)
    status.setCurrentIndex(status.findData("forbidden"))
    assert not dialog.save() and "approved" in dialog.error.text() and len(ws.glossary()) == 2
    dialog.terms_table.add_term(Term("de", "Beijing"))
    assert dialog.save() and len(ws.glossary()) == 3

    out = tmp_path / "g.tbx"
    dialog.export_file(str(out), "tbx")
    assert "Wrote 3 entries" in dialog.count_label.text() and out.exists()


def test_delete_is_a_supervisor_s_and_the_button_says_so(qtbot, ws):
    from studio.ui.glossary_dialog import GlossaryDialog

    ws.add_user("li", ["editor"], "li-password")
    ws.sign_in("li", "li-password")
    dialog = GlossaryDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert "supervisor" in dialog.delete_button.toolTip()
    ws.sign_in("boss", "boss-password")
    dialog = GlossaryDialog(ws)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QMessageBox

    asked = answer_next_question(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.delete()
    assert "permis de travail" in asked[0] and "cannot be undone" in asked[0]
    assert len(ws.glossary()) == 1  # cancelled: nothing deleted
    answer_next_question(qtbot, QMessageBox.StandardButton.Yes)
    dialog.delete()
    assert len(ws.glossary()) == 0 and dialog.form_title.text() == "New entry"


def test_a_save_over_someone_else_s_change_is_refused_and_their_version_shown(qtbot, ws, tmp_path):
    from studio.ui.glossary_dialog import GlossaryDialog
    from studio.workspace import Workspace
    from tests.gui.windows import commit_text

    dialog = GlossaryDialog(ws)
    qtbot.addWidget(dialog)
    entry = ws.glossary().entries[0]
    other = Workspace.open(ws.location)
    try:
        other.sign_in("boss", "boss-password")
        other.edit_glossary_entry(entry.id, [*entry.terms, Term("en", "work permit")], entry.note,
                                  version=entry.version)
    finally:
        other.close()
    row = dialog.terms_table.add_term(Term("ru", ""))
    commit_text(dialog.terms_table.cellWidget(row, 1), "разрешение на работу")
    assert not dialog.save()
    assert "changed by someone else" in dialog.error.text() and "Their version is shown" in dialog.error.text()
    shown = [(t.locale, t.text) for t in dialog.terms_table.terms()]
    assert ("en", "work permit") in shown and ("ru", "разрешение на работу") not in shown
    commit_text(dialog.terms_table.cellWidget(row := dialog.terms_table.add_term(Term("ru", "")), 1),
                "разрешение на работу")
    assert dialog.save(), dialog.error.text()  # from their version, the save goes through
    assert ws.glossary().entry(entry.id).approved("ru") == ("разрешение на работу",)


def test_ctrl_shift_t_starts_an_entry_from_the_selected_text_and_ctrl_t_inserts_a_term(qtbot, ws, tmp_path):
    from tests.gui.windows import action, commit_text, window_as

    window = window_as(qtbot, ws, tmp_path, "boss")
    model = window.editor.model
    segment = next(s for s in window.editor.view.segments if "工作许可" in s.text)
    window.editor.grid.setCurrentIndex(model.index(model.row_of_segment(segment.id), model.column_of("fr")))
    window.editor.grid.edit(window.editor.grid.currentIndex())
    editor = window.editor.editor()
    assert editor is not None
    commit_text(editor, "Le ")
    action(window, "Insert glossary term").trigger()
    assert editor.toPlainText() == "Le permis de travail"
    editor.selectAll()
    dialog = window.open_glossary(new_from_cell=True)
    qtbot.addWidget(dialog)
    terms = dialog.terms_table.terms()
    assert [(t.locale, t.text) for t in terms] == [("zh-Hans", ""), ("fr", "Le permis de travail")]
    commit_text(dialog.terms_table.cellWidget(0, 1), "来华")
    assert dialog.save(), dialog.error.text()
    title = next(s.text for s in window.editor.view.segments if s.field_path == "title")
    # The new glossary's matching is compiled on a worker; then the grid tints the new term.
    qtbot.waitUntil(lambda: [h.term for h in window.editor.delegate.term_hits(title)] == ["来华", "工作许可"])
    window.editor.finish_editing()


def answer_next_question(qtbot, button):
    """Click `button` of the message box the next action opens (a real one, modal, in its own event loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked = []

    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)
    return asked


def test_moving_away_from_a_changed_entry_asks_to_save_it(qtbot, ws):
    from PySide6.QtWidgets import QMessageBox

    from studio.ui.glossary_dialog import GlossaryDialog

    ws.add_glossary_entry([Term("zh-Hans", "签证"), Term("en", "visa")])
    dialog = GlossaryDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_edit.setPlainText("Issued by the commission")  # entry 1 (工作许可) changed, not saved

    asked = answer_next_question(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.table.selectRow(1)
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(50)
    assert dialog.form_title.text() == "Entry 1" and dialog.note_edit.toPlainText() == "Issued by the commission"
    assert dialog.table.currentIndex().row() == 0

    asked = answer_next_question(qtbot, QMessageBox.StandardButton.Save)
    dialog.table.selectRow(1)
    qtbot.waitUntil(lambda: dialog.form_title.text() == "Entry 2")
    assert asked and ws.glossary().entry(1).note == "Issued by the commission"
    assert not dialog.changed()


def test_importing_in_the_dialog_says_what_it_did_and_a_bad_file_is_refused_inline(qtbot, ws, tmp_path):
    from studio.resources import RESOURCES
    from studio.ui.glossary_dialog import GlossaryDialog
    from tests.helpers import snapshot

    announced = []
    dialog = GlossaryDialog(ws, on_changes=announced.append)
    qtbot.addWidget(dialog)
    dialog.show()
    handle = dialog.import_files([str(RESOURCES / "demo" / "glossary.tbx")])
    assert "Importing glossary.tbx" in dialog.count_label.text()  # a job on a worker: the dialog is not held
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert "new entries" in dialog.count_label.text() and announced[-1].glossary
    assert dialog.model.rowCount() == len(ws.glossary()) > 20
    bad = tmp_path / "bad.csv"
    bad.write_text("entry,locale,term,status\n1,fr,Pékin,forbidden\n", encoding="utf-8")
    before = snapshot(ws)
    handle = dialog.import_files([str(bad)])
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert dialog.error.isVisible() and f"{bad}:2" in dialog.error.text()
    assert snapshot(ws) == before


def test_ctrl_shift_g_opens_the_glossary_with_the_grid_focused_and_a_closed_dialog_goes(qtbot, ws, tmp_path):
    from PySide6.QtWidgets import QApplication

    from studio.ui.glossary_dialog import GlossaryDialog
    from tests.gui.windows import window_as

    window = window_as(qtbot, ws, tmp_path, "boss")
    window.activateWindow()
    window.editor.grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.grid)
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_G, chord)
    dialogs = window.findChildren(GlossaryDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
    qtbot.waitUntil(lambda: not window.findChildren(GlossaryDialog))  # closed, it is deleted: none piles up
    window.activateWindow()
    window.editor.grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.grid)
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_G, chord)
    dialogs = window.findChildren(GlossaryDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
    # Shift+F3 and F3 still find, from the grid.
    window.editor.show_find()
    window.editor.find_edit.setText("许可")
    window.editor.grid.setFocus()
    first = window.editor.grid.currentIndex()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_F3)
    after_next = window.editor.grid.currentIndex()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert after_next != first and window.editor.grid.currentIndex() != after_next


def test_the_window_compiles_the_glossary_s_matching_on_a_worker_before_a_document_opens(qtbot, ws, tmp_path):
    import threading

    from studio.memory import glossary as glossary_module
    from studio.ui.main_window import MainWindow
    from studio.ui.settings import Settings

    compiled_on: list[str] = []
    real = glossary_module._compiled

    def noting(locale, keys):
        compiled_on.append(threading.current_thread().name)
        return real(locale, keys)

    real.cache_clear()
    glossary_module._compiled = noting
    try:
        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        assert window.mt_runner.wait_all(10_000)
        qtbot.wait(10)  # the job's end is delivered on this thread
        assert compiled_on and threading.main_thread().name not in compiled_on
        window.show()
        window.open_document(ws.document("work-permit").row.id)
        assert threading.main_thread().name not in compiled_on  # the grid's terms were found without compiling
        assert window.editor.delegate.term_hits(next(s.text for s in window.editor.view.segments
                                                     if "工作许可" in s.text))
    finally:
        glossary_module._compiled = real


def test_the_terms_tab_shows_each_term_in_its_language_s_font_and_direction(qtbot):
    from studio.memory.glossary import Entry, Glossary
    from studio.ui.terms_tab import TermsTab

    tab = TermsTab()
    qtbot.addWidget(tab)
    g = Glossary([Entry(1, (Term("zh-Hans", "居留许可"), Term("ar", "تصريح إقامة"), Term("ja", "居留許可")))])
    tab.show_terms(g, "申请居留许可", "zh-Hans", "ar")
    assert "\u2067تصريح إقامة\u2069" in tab.view.toPlainText()  # isolated right to left in the line
    assert "Noto Sans Arabic" in tab.view.toHtml()
    tab.show_terms(g, "申请居留许可", "zh-Hans", "ja")
    assert "居留許可" in tab.view.toPlainText() and "Noto Sans CJK JP" in tab.view.toHtml()


def test_a_single_chinese_character_term_is_saved_with_a_warning(qtbot, ws):
    from studio.ui.glossary_dialog import GlossaryDialog
    from tests.gui.windows import commit_text

    dialog = GlossaryDialog(ws)
    qtbot.addWidget(dialog)
    dialog.new_entry("", "zh-Hans", "en")
    commit_text(dialog.terms_table.cellWidget(0, 1), "京")
    commit_text(dialog.terms_table.cellWidget(1, 1), "Jing")
    assert dialog.save()
    assert "京 is a single character" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
