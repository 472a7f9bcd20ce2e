"""The main window on a real workspace, offscreen: the content tree, opening a document, who is signed in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, KIND_ROLE, ContentTreeModel
from studio.ui.main_window import MainWindow
from studio.ui.replace_dialog import ReplaceDialog
from studio.ui.settings import Settings
from tests.gui.interface_language import english  # noqa: F401  (a fixture)
from tests.helpers import guide, office, segment_id, write_json

pytestmark = pytest.mark.usefixtures("english")


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
    window.content.tree.expand(model.index(0, 0, work))  # a type's documents are read as it is expanded
    doc = model.index(0, 0, model.index(0, 0, work))
    assert doc.data() == "外国人来华工作许可"
    assert doc.data(KIND_ROLE) == "document"
    assert doc.data(DOCUMENT_ID_ROLE) == filled.document("work-permit").row.id


def test_choosing_a_document_opens_its_grid(window, filled):
    model = window.content.tree_model
    window.content.tree.expand(model.index(0, 0, model.index(1, 0)))
    doc = model.index(0, 0, model.index(0, 0, model.index(1, 0)))
    window.content.tree.setCurrentIndex(doc)
    assert window.editor.view is not None
    assert window.editor.view.row.slug == "work-permit"
    assert window.editor.title.text() == "外国人来华工作许可"
    assert window.editor.model.rowCount() > len(filled.document("work-permit").segments)  # with headings


def test_searching_narrows_the_tree(qtbot, window):
    window.content.search.setText("安定门")  # only in the office's address
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
    qtbot.keyClicks(window.content.search, "dongcheng-hall")  # also found by the guide, which refers to it
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view is not None and window.editor.view.row.slug == "dongcheng-hall"

    # In both documents, in the office's name and only in the guide's text: the office is the better match and
    # opens (no keyClicks: non-ASCII).
    window.content.search.setText("证")
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view.row.slug == "dongcheng-hall"
    window.content.tree.setCurrentIndex(window.content.tree_model.document_index(filled.document("work-permit").row.id))
    window.editor.open_document(None)
    qtbot.keyClick(window.content.tree, Qt.Key.Key_Return)
    assert window.editor.view.row.slug == "work-permit"


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
    first.content.select_document(filled.document("dongcheng-hall").row.id)
    again = MainWindow(filled, settings)
    qtbot.addWidget(again)
    assert again.editor.view is not None and again.editor.view.row.slug == "dongcheng-hall"


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
        with qtbot.waitSignal(dialog.search_ended):  # the search runs in the background
            dialog.preview()
        dialog.apply()

    QTimer.singleShot(0, replace)
    window.find_and_replace()
    assert window.runner.wait_all()  # the replacement runs as a job
    assert filled.cell(title, "fr").text == "Permis de séjour"
    assert filled.cell(summary, "fr").text == "Le permis de séjour est obligatoire."

    window.undo_stack.undo()
    assert (filled.cell(title, "fr").text, filled.cell(title, "fr").state) == ("Permis de travail", "translated")
    assert filled.cell(summary, "fr").text == "Le permis de travail est obligatoire."
    index = window.editor.model.index(window.editor.model.row_of_segment(title), window.editor.model.column_of("fr"))
    assert index.data() == "Permis de travail"  # the open grid shows it too
    window.undo_stack.redo()
    assert filled.cell(title, "fr").text == "Permis de séjour"


def test_the_progress_bars_in_the_tree_are_in_the_portals_language_order(qtbot, window, filled):
    # English all confirmed, every other language untouched: the first small bar is English's, the last Arabic's
    # (tooltip, grid and dashboard order), not Arabic's first as when the counts went through a sorted Qt map.
    from studio.ui.theme import is_dark, state_colors

    for seg in filled.document("dongcheng-hall").segments:
        filled.save_cell(seg.id, "en", f"English {seg.id}", None, confirm=True)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.content.reload()
    window.content.tree.expandAll()
    doc = window.content.tree_model.document_index(filled.document("dongcheng-hall").row.id)
    cell = doc.siblingAtColumn(1)
    rect = window.content.tree.visualRect(cell)
    image = window.content.tree.viewport().grab().toImage()
    colours = state_colors(is_dark(window.content.tree.palette()))
    bar = (rect.width() - 4 - 2 * 7) // 8
    first = image.pixelColor(rect.left() + 2 + bar // 2, rect.center().y())
    last = image.pixelColor(rect.left() + 2 + 7 * (bar + 2) + bar // 2, rect.center().y())
    assert first == colours["translated"]
    assert last == colours["missing"]
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert [line.split(":")[0] for line in tooltip][:2] == ["English", "Korean"]


def test_the_state_filter_finds_documents_with_rejected_translations(qtbot, window, filled):
    title = segment_id(filled, "title")
    filled.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    filled.review_cell(title, "fr", filled.cell(title, "fr").version, approve=False, comment="Trop court.")
    window.content.reload()
    states = window.content.state_filter
    states.setCurrentIndex(states.findText("has rejected cells"))
    assert window.content.count.text() == "1 of 2 documents"
    doc = window.content.tree_model.document_index(filled.document("work-permit").row.id)
    assert doc.isValid()


def test_each_workspace_keeps_its_own_last_document_and_language_columns(qtbot, filled, tmp_path):
    from studio.workspace import Workspace

    other = Workspace.create(tmp_path / "other", None)
    try:
        other.add_user("boss", ["supervisor", "editor"], "boss-password")
        other.sign_in("boss", "boss-password")
        run_job(other.import_files([write_json(tmp_path / "o.json", [office(), guide("visa-extension")])], ImportOptions()))
        path = tmp_path / "settings.ini"
        first = MainWindow(filled, Settings(path))
        qtbot.addWidget(first)
        first.content.select_document(filled.document("dongcheng-hall").row.id)
        first.set_locales(["ja", "ar"])

        second = MainWindow(other, Settings(path))
        qtbot.addWidget(second)
        assert second.editor.view is None  # nothing of the first workspace's is opened here
        assert second.editor.model.locales == ["en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
        second.content.select_document(other.document("visa-extension").row.id)
        second.set_locales(["de"])
        second.settings.sync()

        again = MainWindow(filled, Settings(path))
        qtbot.addWidget(again)
        assert again.editor.view.row.slug == "dongcheng-hall"
        assert again.editor.model.locales == ["ja", "ar"]
        back = MainWindow(other, Settings(path))
        qtbot.addWidget(back)
        assert back.editor.view.row.slug == "visa-extension"
        assert back.editor.model.locales == ["de"]
    finally:
        other.close()


def test_counts_say_document_or_documents_as_english_does(qtbot, sqlite_workspace, tmp_path):
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "o.json", [office()])], ImportOptions()))
    window = MainWindow(sqlite_workspace, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert window.content.count.text() == "1 of 1 document"
    doc = window.content.tree_model.document_index(sqlite_workspace.document("dongcheng-hall").row.id)
    segments = len(sqlite_workspace.document("dongcheng-hall").segments)
    assert doc.data(Qt.ItemDataRole.ToolTipRole) == f"dongcheng-hall · zh-Hans · {segments} segments"


def test_the_tree_shows_titles_in_the_interface_language_where_there_is_one(qtbot, window, filled):
    filled.save_cell(segment_id(filled, "title"), "en", "Work permit for foreigners", None, confirm=True)
    window.content.reload()
    guide_index = window.content.tree_model.document_index(filled.document("work-permit").row.id)
    hall = window.content.tree_model.document_index(filled.document("dongcheng-hall").row.id)
    assert guide_index.data() == "Work permit for foreigners"
    assert guide_index.data(Qt.ItemDataRole.ToolTipRole).startswith("外国人来华工作许可\nwork-permit · zh-Hans")
    assert hall.data() == "东城出入境办证大厅"  # no English name yet: the source's

    window.content.search.setText("work permit for foreigners")  # found by its English title, and opened
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view.row.slug == "work-permit"


def test_an_exact_slug_match_comes_first_in_the_search_results(qtbot, window, filled):
    # The guide (section Work) names the office (section Live) among its offices, so both are found; the office
    # itself comes first although Work comes before Live in the portal.
    window.content.search.setText("dongcheng-hall")
    window.content.apply_filter()  # what the search box does once typing pauses
    first = window.content._documents(QModelIndex())[0]
    assert first.data(DOCUMENT_ID_ROLE) == filled.document("dongcheng-hall").row.id
    sections = [window.content.tree_model.index(r, 0).data() for r in range(window.content.tree_model.rowCount())]
    assert sections[0] == "Live"

    window.content.search.setText("")  # no search: the portal's order again
    window.content.apply_filter()
    assert window.content.tree_model.index(0, 0).data() == "Invest"
