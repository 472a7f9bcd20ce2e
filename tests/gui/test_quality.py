"""The Quality tab (the current cell's findings, live as the user types, with Acknowledge…) and the quality view
(Alt+5: every finding with filters, and each document's readability), on the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.demo import fill_demo
from studio.jobs import run_job
from studio.ui.main_window import MainWindow
from studio.ui.operations import Operations
from studio.ui.quality_view import FindingsModel, LimitsDialog, QualityView, ReadabilityModel
from studio.ui.settings import Settings
from studio.workspace import Workspace
from tests.gui.windows import action, commit_text

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo(tmp_path: Path):
    with Workspace.create(tmp_path / "ws") as ws:
        run_job(fill_demo(ws))
        ws.sign_in("editor", "editor-demo")
        yield ws


def open_window(qtbot, ws, tmp_path, slug) -> MainWindow:
    window = MainWindow(ws, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(ws.document(slug).row.id)
    return window


def segment(ws, slug, path):
    return next(s.id for s in ws.document(slug).segments if s.field_path == path)


def checks_shown(window):
    return {f.check for f in window.side_panel.quality.findings}


def test_the_quality_tab_shows_the_cells_findings_and_checks_typing_live(demo, qtbot, tmp_path):
    window = open_window(qtbot, demo, tmp_path, "work-permit")
    seg = segment(demo, "work-permit", "who_may_apply")
    window.editor.go_to(seg, "en")
    panel = window.side_panel
    panel.setCurrentWidget(panel.quality)
    assert {"long_sentence", "discouraged_term"} <= checks_shown(window)
    assert "bureaucratic" in panel.quality.browser.toPlainText()
    window.side_dock.resize(480, window.side_dock.height())
    window.resizeDocks([window.side_dock], [480], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    window.grab().save(str(SCREENSHOTS / "quality-tab.png"))

    window.editor.grid.edit(window.editor.grid.currentIndex())
    editor = window.editor._editor
    assert editor is not None
    editor.selectAll()
    commit_text(editor, "Employers in Beijing，who hire a foreigner.")
    qtbot.waitUntil(lambda: "punctuation_style" in checks_shown(window), timeout=2000)
    assert "discouraged_term" not in checks_shown(window)
    assert "Store the text to acknowledge" in panel.quality.browser.toPlainText()
    panel.grab().save(str(SCREENSHOTS / "quality-tab-typing.png"))


def test_a_warning_is_acknowledged_with_a_note_and_an_error_has_no_link(demo, qtbot, tmp_path):
    window = open_window(qtbot, demo, tmp_path, "work-permit")
    tab = window.side_panel.quality
    window.side_panel.setCurrentWidget(tab)
    window.editor.go_to(segment(demo, "work-permit", "who_may_apply"), "fr")
    assert [f.check for f in tab.findings if f.severity == "error"] == ["glossary_forbidden"]
    assert "acknowledge/glossary_forbidden" not in tab.browser.toHtml()

    window.editor.go_to(segment(demo, "work-permit", "who_may_apply"), "en")
    assert "acknowledge/long_sentence" in tab.browser.toHtml()
    tab.acknowledge("long_sentence")
    assert tab.note_box.isVisible()
    tab.acknowledge_button.click()  # no note: refused, said why
    assert "note" in tab.error_label.text()
    tab.note_edit.setText("The ministry's wording, kept on purpose.")
    with qtbot.waitSignal(tab.acknowledged):
        tab.acknowledge_button.click()
    [acked] = [f for f in tab.findings if f.check == "long_sentence"]
    assert acked.acknowledged and acked.note == "The ministry's wording, kept on purpose."
    assert "The ministry's wording" in tab.browser.toPlainText()


def test_moving_between_cells_reuses_the_documents_checker_until_a_text_changes(demo, qtbot, tmp_path):
    window = open_window(qtbot, demo, tmp_path, "work-permit")
    tab = window.side_panel.quality
    window.side_panel.setCurrentWidget(tab)
    window.editor.go_to(segment(demo, "work-permit", "who_may_apply"), "en")
    first = tab.checker
    assert first is not None and first.ctx.glossary is demo.glossary()  # the workspace's cached glossary
    window.editor.go_to(segment(demo, "work-permit", "summary"), "fr")
    window.editor.go_to(segment(demo, "work-permit", "processing_time"), "de")
    assert tab.checker is first  # no query while moving in one document

    window.editor.grid.edit(window.editor.grid.currentIndex())
    editor = window.editor._editor
    assert editor is not None
    editor.selectAll()
    commit_text(editor, "20 Arbeitstage.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: demo.cell(segment(demo, "work-permit", "processing_time"), "de").text == "20 Arbeitstage.")
    window.editor.go_to(segment(demo, "work-permit", "processing_time"), "de")
    assert tab.checker is not first  # a text changed: read again, with the new text
    assert tab.checker.texts[(segment(demo, "work-permit", "processing_time"), "de")] == "20 Arbeitstage."
    assert [f.check for f in tab.findings if f.severity == "error"] == ["numbers"]


def test_the_quality_view_lists_filters_and_opens_findings_and_shows_readability(demo, qtbot, tmp_path, qtmodeltester):
    window = open_window(qtbot, demo, tmp_path, "work-permit")
    action(window, "Open the quality checks").trigger()
    view: QualityView = window.quality_view
    assert window.quality_dock.isVisible()
    qtbot.waitUntil(lambda: view.report is not None, timeout=15000)  # checked on a worker
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.readability)
    total = view.model.rowCount()
    assert total > 10

    view.severity_box.setCurrentIndex(view.severity_box.findData("error"))
    errors = [view.model.row(r).finding for r in range(view.model.rowCount())]
    assert errors and all(f.severity == "error" for f in errors)
    view.severity_box.setCurrentIndex(0)
    view.locale_box.setCurrentIndex(view.locale_box.findData("de"))
    view.check_box.setCurrentIndex(view.check_box.findData("list_items"))
    assert view.model.rowCount() == 1
    row = view.model.row(0)
    assert row.slug == "work-residence-permit" and "Step 2" in row.finding.message
    with qtbot.waitSignal(view.open_requested) as opened:
        view.table.doubleClicked.emit(view.model.index(0, 0))
        view.table.activated.emit(view.model.index(0, 0))
    assert opened.args == [row.finding.document_id, row.finding.segment_id, "de"]
    assert window.editor.view is not None and window.editor.view.row.slug == "work-residence-permit"

    view.locale_box.setCurrentIndex(0)
    view.check_box.setCurrentIndex(0)
    view.document_edit.setText("visa-extension")
    assert {view.model.row(r).slug for r in range(view.model.rowCount())} == {"visa-extension"}
    view.tabs.setCurrentWidget(view.readability_table)
    shown = [view.readability.data(view.readability.index(r, 0)) for r in range(view.readability.rowCount())]
    assert "visa-extension" in shown
    view.document_edit.clear()
    view.tabs.setCurrentWidget(view.table)
    window.quality_dock.resize(1500, 420)
    view.grab().save(str(SCREENSHOTS / "quality-view.png"))
    view.tabs.setCurrentWidget(view.readability_table)
    view.grab().save(str(SCREENSHOTS / "quality-readability.png"))


def test_the_models_pass_the_model_tester_empty_and_filled(qtmodeltester, demo):
    report = run_job(demo.qa_job())
    findings, readability = FindingsModel(), ReadabilityModel()
    qtmodeltester.check(findings)
    from studio.ui.quality_view import FindingRow

    findings.reset([FindingRow(f, report.documents[f.document_id].slug) for f in report.findings])
    readability.reset([(report.documents[r.document_id].slug, r) for r in report.readability])
    qtmodeltester.check(findings)
    qtmodeltester.check(readability)
    assert findings.data(findings.index(0, 3), Qt.ItemDataRole.ForegroundRole) is not None or \
        findings.row(0).finding.acknowledged


def test_a_supervisor_changes_the_readability_limits_in_the_view(demo, qtbot):
    view = QualityView(demo, Operations())
    qtbot.addWidget(view)
    assert not view.limits_button.isEnabled()  # the editor may not
    demo.sign_in("supervisor", "supervisor-demo")
    view.signed_in()
    assert view.limits_button.isEnabled()

    def fill_in():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LimitsDialog)
        dialog._sentences["en"].setValue(40)
        dialog.grab().save(str(SCREENSHOTS / "quality-limits.png"))
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    view.limits_button.click()
    assert demo.readability_settings().sentence_limits["en"] == 40
    seg = segment(demo, "work-permit", "who_may_apply")
    text = demo.cell(seg, "en").text
    assert "long_sentence" not in {f.check for f in demo.check_cell(seg, "en", text)}
