"""File ▸ Export translations… and File ▸ Import translations… on the demo workspace: the dialog's choices become
the export, a returned file comes back as a job, the grid shows the imported text, and the report lists what was
applied, skipped and in conflict. With STUDIO_SCREENSHOTS set to a folder (docs/screenshots to refresh the README's),
screenshots of both dialogs go there; a test run never writes into the repository otherwise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.demo import fill_demo
from studio.jobs import run_job
from studio.ui.export_dialog import ExportDialog, ExportScope
from studio.ui.import_report_dialog import ImportReportDialog
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.workspace import Workspace
from tests.gui.windows import action

SCREENSHOTS = Path(os.environ.get("STUDIO_SCREENSHOTS") or tempfile.mkdtemp(prefix="studio-screenshots-"))


@pytest.fixture
def demo(tmp_path: Path):
    with Workspace.create(tmp_path / "ws") as ws:
        run_job(fill_demo(ws))
        ws.sign_in("editor", "editor-demo")
        yield ws


def open_window(qtbot, ws, tmp_path) -> MainWindow:
    window = MainWindow(ws, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(ws.document("work-permit").row.id)
    return window


def test_the_export_dialog_suggests_a_file_or_an_archive_and_says_what_it_asks(qtbot, tmp_path):
    scopes = [ExportScope("This document: 外国人来华工作许可", "work-permit", documents=("d1",)),
              ExportScope("Its section: Work", "work", section="work")]
    dialog = ExportDialog(scopes, ["fr"], tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.request().path == tmp_path / "work-permit.fr.xlf"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("po"))
    assert dialog.request().path == tmp_path / "work-permit.fr.po"
    dialog.locale_checks["ar"].setChecked(True)
    dialog.locale_checks["ja"].setChecked(True)
    request = dialog.request()
    assert request.path == tmp_path / "work-permit-po.zip" and request.locales == ("ja", "fr", "ar")
    assert "archive" in dialog.where_hint.text()
    for check in dialog.locale_checks.values():
        check.setChecked(False)
    assert not dialog.ok_button.isEnabled()
    dialog.locale_checks["fr"].setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "mine.po"))
    dialog.path_edit.textEdited.emit(str(tmp_path / "mine.po"))
    dialog.scope_buttons.button(1).setChecked(True)
    assert dialog.request().path == tmp_path / "mine.po" and dialog.request().scope.section == "work"
    dialog.locale_checks["de"].setChecked(True)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xliff"))
    dialog.path_edit.setText(str(tmp_path / "work-xliff.zip"))
    dialog.path_edit.textEdited.emit(str(tmp_path / "work-xliff.zip"))
    dialog.adjustSize()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "export_dialog.png"))


def test_the_export_dialog_asks_before_replacing_a_file_and_says_a_file_cannot_hold_several(qtbot, tmp_path):
    taken = tmp_path / "taken.po"
    taken.write_text("mine")
    dialog = ExportDialog([ExportScope("This document", "work-permit", documents=("d1",))], ["fr"], tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("po"))
    dialog.path_edit.setText(str(taken))
    dialog.path_edit.textEdited.emit(str(taken))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(next(answers)).click()

    QTimer.singleShot(0, answer)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.result() != ExportDialog.DialogCode.Accepted
    QTimer.singleShot(0, answer)
    dialog.ok_button.click()
    assert dialog.result() == ExportDialog.DialogCode.Accepted and len(asked) == 2 and "taken.po" in asked[0]
    assert taken.read_text() == "mine"  # the dialog writes nothing itself

    dialog = ExportDialog([ExportScope("This document", "work-permit", documents=("d1",))], ["fr", "de"], tmp_path)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "one.po"))
    dialog.path_edit.textEdited.emit(str(tmp_path / "one.po"))
    assert not dialog.ok_button.isEnabled() and ".zip" in dialog.where_hint.text()
    dialog.path_edit.setText(str(tmp_path / "exports"))
    dialog.path_edit.textEdited.emit(str(tmp_path / "exports"))
    assert dialog.ok_button.isEnabled() and "folder" in dialog.where_hint.text()


def test_export_from_the_window_writes_the_chosen_files(qtbot, demo, tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    window = open_window(qtbot, demo, tmp_path)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("po"))
        for code, check in dialog.locale_checks.items():
            check.setChecked(code == "fr")
        dialog.accept()

    QTimer.singleShot(0, choose)
    action(window, "Export translations").trigger()
    written = tmp_path / "work-permit.fr.po"
    qtbot.waitUntil(written.exists, timeout=10000)
    assert {int(e.msgctxt) for e in polib.pofile(str(written))} == {s.id for s in demo.document("work-permit").segments}


def test_a_returned_file_updates_the_grid_and_the_report_lists_the_rest(qtbot, demo, tmp_path):
    view = demo.document("work-permit")
    missing = [s for s in view.segments if "ar" not in s.cells or s.cells["ar"].state == "missing"]
    approved = [s for s in view.segments if "fr" in s.cells and s.cells["fr"].state == "approved"]
    out = tmp_path / "work-permit.ar.po"
    demo.export_translations(out, "po", locales=["ar"], documents=["work-permit"])
    catalogue = polib.pofile(str(out))
    arabic = "يقدّم صاحب العمل الطلب عبر الإنترنت."
    chosen = missing[0].id if missing else view.segments[0].id
    for entry in catalogue:
        if int(entry.msgctxt) == chosen:
            entry.msgstr, entry.flags = arabic, []
    catalogue.save(str(out))
    french = tmp_path / "work-permit.fr.po"
    demo.export_translations(french, "po", locales=["fr"], documents=["work-permit"])
    fr = polib.pofile(str(french))
    for entry in fr:
        if approved and int(entry.msgctxt) == approved[0].id:
            entry.msgstr = "Un autre texte, pour voir le conflit."
    fr.save(str(french))

    window = open_window(qtbot, demo, tmp_path)
    window.import_translations([str(out), str(french)])
    qtbot.waitUntil(lambda: getattr(window, "import_report", None) is not None, timeout=15000)
    report = window.import_report
    assert report.tabs.count() == 3
    applied = report.applied.model()
    assert applied.rowCount() == 1 and applied.index(0, 4).data() == arabic
    assert report.conflicts.model().rowCount() == (1 if approved else 0)
    model = window.editor.model
    index = model.index(model.row_of_segment(chosen), model.column_of("ar"))
    qtbot.waitUntil(lambda: arabic in str(model.data(index)), timeout=5000)
    report.resize(1200, 520)
    report.tabs.setCurrentWidget(report.applied if not approved else report.conflicts)
    report.grab().save(str(SCREENSHOTS / "import_report_dialog.png"))
    report.tabs.setCurrentWidget(report.applied)
    report.grab().save(str(SCREENSHOTS / "import_report_applied.png"))
    report.tabs.setCurrentIndex(2)  # the routine skips counted above the ones worth a look
    assert report.routine.isVisible() and "unchanged" in report.routine.text()
    report.grab().save(str(SCREENSHOTS / "import_report_skipped.png"))


def report_of(count: int, reason: str, *, locale: str = "ar", conflicts: int = 0):
    from studio.changes import Changes
    from studio.exchange.returned import ImportReport, UnitOutcome

    units = tuple(UnitOutcome("/x/ar.po", i + 2, str(i), locale, i, "work-permit", f"steps[{i}].body",
                              "يقدّم صاحب العمل الطلب عبر الإنترنت.", reason) for i in range(count))
    clash = tuple(UnitOutcome("/x/ar.po", 9, "9", locale, 9, "work-permit", "title", "نص الملف",
                              "changed in Studio since the export and in the file", studio_text="نص Studio",
                              studio_author="Editor") for _ in range(conflicts))
    return ImportReport(("/x/ar.po",), (), units, clash, Changes(summary="s"))


def test_the_report_is_a_model_over_the_outcomes_and_counts_the_routine_skips(qtbot, qtmodeltester):
    mixed = report_of(3, "unchanged: Studio has the same text", conflicts=1)
    mixed = mixed.__class__(mixed.files, mixed.applied, mixed.skipped + report_of(2, "the target is empty").skipped
                            + report_of(1, "this sentence no longer exists in Studio").skipped, mixed.conflicts,
                            mixed.changes)
    dialog = ImportReportDialog(mixed)
    qtbot.addWidget(dialog)
    for view in (dialog.conflicts, dialog.applied, dialog.skipped):
        qtmodeltester.check(view.model())
    skipped = dialog.skipped.model()
    assert skipped.rowCount() == 1 and "no longer exists" in skipped.index(0, 5).data()
    assert "3 unchanged" in dialog.routine.text() and "2 with an empty" in dialog.routine.text()
    conflicts = dialog.conflicts.model()
    assert [conflicts.index(0, c).data() for c in (4, 5, 6)] == ["نص الملف", "نص Studio", "Editor"]
    assert conflicts.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_a_report_of_many_units_lists_them_without_an_item_per_cell(qtbot):
    dialog = ImportReportDialog(report_of(50_000, "this sentence no longer exists in Studio"))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.skipped
    assert view.model().rowCount() == 50_000
    assert view.rowHeight(0) == view.rowHeight(49_999) == view.verticalHeader().defaultSectionSize()


def test_the_file_menu_offers_both_and_import_needs_the_translate_role(qtbot, demo, tmp_path):
    window = open_window(qtbot, demo, tmp_path)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts.index("Export translations…") < texts.index("Import translations…")
    assert action(window, "Import translations").isEnabled()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitExposed(menu)
    menu.grab().save(str(SCREENSHOTS / "file_menu_exchange.png"))
    menu.hide()
    demo.sign_in("reviewer", "reviewer-demo")  # reviews fr and de, translates nothing
    reviewer = open_window(qtbot, demo, tmp_path / "r")
    assert not action(reviewer, "Import translations").isEnabled()
    assert action(reviewer, "Export translations").isEnabled()
