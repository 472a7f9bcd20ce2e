"""The main window on a real workspace, offscreen: the content tree, opening a document, who is signed in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from studio.content.importers import ImportOptions
from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, KIND_ROLE, ContentTreeModel
from studio.ui.main_window import MainWindow
from studio.ui.replace_dialog import ReplaceDialog
from studio.ui.settings import Settings
from tests.helpers import guide, segment_id, write_json


@pytest.fixture
def window(qtbot, filled, tmp_path):
    w = MainWindow(filled, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    return w


def test_the_tree_shows_sections_then_types_then_source_titles(window, filled):
    model = window.content.tree_model
    sections = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert sections == ["Invest", "Work", "Study", "Live", "Visit", "Shop"]
    work = model.index(1, 0)
    assert model.index(0, 0, work).data() == "Procedure guide (1)"
    doc = model.index(0, 0, model.index(0, 0, work))
    assert doc.data() == "外国人来华工作许可"
    assert doc.data(KIND_ROLE) == "document"
    assert doc.data(DOCUMENT_ID_ROLE) == filled.document("work-permit").row.id


def test_choosing_a_document_opens_its_grid(window, filled):
    model = window.content.tree_model
    doc = model.index(0, 0, model.index(0, 0, model.index(1, 0)))
    window.content.tree.setCurrentIndex(doc)
    assert window.editor.view is not None
    assert window.editor.view.row.slug == "work-permit"
    assert window.editor.title.text() == "外国人来华工作许可"
    assert window.editor.model.rowCount() > len(filled.document("work-permit").segments)  # with headings


def test_searching_narrows_the_tree(qtbot, window):
    window.content.search.setText("民生路")  # only in the office's address
    qtbot.waitUntil(lambda: window.content.count.text().startswith("1 of 2"))
    window.content.search.setText("")
    qtbot.waitUntil(lambda: window.content.count.text().startswith("2 of 2"))


def test_the_content_tree_model_passes_the_model_tester(qtmodeltester, filled):
    model = ContentTreeModel()
    model.set_content(filled.sections(), filled.documents(), filled.document_progress())
    qtmodeltester.check(model)


def test_the_status_bar_names_the_signed_in_user_and_roles(window):
    assert window.who.text() == "Signed in: boss (editor, reviewer, supervisor) · reviews ar, de, fr"


def test_an_empty_workspace_opens_with_nothing_to_show(qtbot, sqlite_workspace, tmp_path):
    window = MainWindow(sqlite_workspace, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert window.content.count.text() == "0 of 0 documents"
    assert window.editor.title.text() == "No document open"


def test_enter_in_the_search_box_opens_the_document_it_names_and_enter_in_the_tree_opens_another(
        qtbot, window, filled):
    # Offscreen windows never become active, so focus is not checked here; the keys go to the widgets directly.
    qtbot.keyClicks(window.content.search, "pudong-hall")  # also found by the guide, which refers to it
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view is not None and window.editor.view.row.slug == "pudong-hall"

    window.content.search.setText("证")  # in both documents: the first in the tree opens (no keyClicks: non-ASCII)
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view.row.slug == "work-permit"
    window.content.tree.setCurrentIndex(window.content.tree_model.document_index(filled.document("pudong-hall").row.id))
    window.editor.open_document(None)
    qtbot.keyClick(window.content.tree, Qt.Key.Key_Return)
    assert window.editor.view.row.slug == "pudong-hall"


def test_an_import_runs_in_the_background_and_the_tree_shows_its_documents(qtbot, window, filled, tmp_path):
    path = write_json(tmp_path / "more.json", [guide("visa-extension", section="live")])
    window.run_job("Importing more.json", lambda ws: ws.import_files([path], ImportOptions()))
    qtbot.waitUntil(lambda: window.content.count.text().startswith("3 of 3"), timeout=10_000)
    assert "visa-extension" in {d.slug for d in filled.documents()}
    row = window.jobs_panel.rows()[0]
    assert row.handle.state == "done"


def test_the_columns_dialog_sets_the_languages_in_one_go(qtbot, window):
    from studio.ui.columns_dialog import ColumnsDialog

    dialog = ColumnsDialog(window.editor.model.locales, window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChildren(QPushButton)[1], Qt.MouseButton.LeftButton)  # None
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.boxes["ja"].setChecked(True)
    dialog.boxes["ar"].setChecked(True)
    window.set_locales(dialog.chosen())
    assert window.editor.model.locales == ["ja", "ar"]
    assert window.settings.visible_locales == ["ja", "ar"]


def test_the_last_document_opens_again_at_start(qtbot, filled, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    first = MainWindow(filled, settings)
    qtbot.addWidget(first)
    first.content.select_document(filled.document("pudong-hall").row.id)
    again = MainWindow(filled, settings)
    qtbot.addWidget(again)
    assert again.editor.view is not None and again.editor.view.row.slug == "pudong-hall"


def test_a_replace_across_the_workspace_is_one_undo_step(qtbot, window, filled):
    title, summary = segment_id(filled, "title"), segment_id(filled, "summary")
    filled.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    filled.save_cell(summary, "fr", "Le permis de travail est obligatoire.", None)
    window.open_document(filled.document("work-permit").row.id)

    def replace() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReplaceDialog):
            QTimer.singleShot(10, replace)
            return
        dialog.find_edit.setText("travail")
        dialog.replace_edit.setText("séjour")
        dialog.preview()
        dialog.apply()

    QTimer.singleShot(0, replace)
    window.find_and_replace()
    assert filled.cell(title, "fr").text == "Permis de séjour"
    assert filled.cell(summary, "fr").text == "Le permis de séjour est obligatoire."

    window.undo_stack.undo()
    assert (filled.cell(title, "fr").text, filled.cell(title, "fr").state) == ("Permis de travail", "translated")
    assert filled.cell(summary, "fr").text == "Le permis de travail est obligatoire."
    index = window.editor.model.index(window.editor.model.row_of_segment(title), window.editor.model.column_of("fr"))
    assert index.data() == "Permis de travail"  # the open grid shows it too
    window.undo_stack.redo()
    assert filled.cell(title, "fr").text == "Permis de séjour"
