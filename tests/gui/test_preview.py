"""The preview on a real workspace: a document as the portal shows it, one language or two side by side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.preview import PreviewWidget, PreviewWindow
from tests.helpers import guide, office, write_json

GUIDE_FR = {"state": "translated",
            "fields": {"title": "Permis de travail pour les étrangers",
                       "steps": [{"title": "Demande en ligne"}, {"title": "Retrait du permis"}]}}
GUIDE_AR = {"fields": {"title": "تصريح العمل للأجانب", "steps": [{"title": "التقديم عبر الإنترنت"}, {}]}}


@pytest.fixture
def view(sqlite_workspace, tmp_path):
    docs = [office(), dict(guide(), translations={"fr": GUIDE_FR, "ar": GUIDE_AR})]
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    return sqlite_workspace.document("work-permit")


@pytest.fixture
def preview(qtbot, view):
    widget = PreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.set_document(view)
    return widget


def test_the_arabic_preview_reads_right_to_left(preview):
    preview.set_locales("ar")
    [pane] = preview.visible_panes()
    [page] = preview.pages()
    assert 'dir="rtl"' in page
    assert pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert pane.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    title = pane.document().find("تصريح العمل للأجانب")
    assert not title.isNull()
    assert title.block().textDirection() == Qt.LayoutDirection.RightToLeft
    assert "التقديم عبر الإنترنت" in pane.toPlainText()


def test_a_second_locale_shows_a_second_pane_beside_the_first(preview):
    preview.set_locales("ar", "zh-Hans")
    first, second = preview.visible_panes()
    assert first.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert second.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "外国人来华工作许可" in second.toPlainText()
    assert 'dir="rtl"' in preview.pages()[0] and 'lang="zh-Hans"' in preview.pages()[1]

    preview.second_combo.setCurrentIndex(0)  # the user picks "none"

    assert len(preview.visible_panes()) == 1
    assert preview.locales() == ("ar", None)


def test_choosing_beside_in_the_combo_opens_the_second_pane(preview, qtbot):
    preview.set_locales("fr")
    assert len(preview.visible_panes()) == 1
    with qtbot.waitSignal(preview.locales_changed) as signal:
        preview.second_combo.setCurrentIndex(preview.second_combo.findData("ar"))
    assert signal.args == ["fr", "ar"]
    assert len(preview.visible_panes()) == 2


def test_the_french_preview_shows_the_french_step_titles(preview):
    preview.set_locales("fr")
    [pane] = preview.visible_panes()
    text = pane.toPlainText()
    assert "Permis de travail pour les étrangers" in text
    assert "Demande en ligne" in text and "Retrait du permis" in text
    assert pane.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # Untranslated sentences still show, in the source, so the gaps are visible.
    assert "在本市工作的外国人须办理工作许可。" in text


def test_switching_from_arabic_back_to_french_turns_the_pane_left_to_right(preview):
    preview.set_locales("ar")
    preview.set_locales("fr")
    [pane] = preview.visible_panes()
    assert pane.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert pane.document().defaultTextOption().textDirection() == Qt.LayoutDirection.LeftToRight


def test_the_locale_chooser_names_the_nine_locales_natively(preview):
    names = [preview.first_combo.itemText(i) for i in range(preview.first_combo.count())]
    assert len(names) == 9
    assert any(n.startswith("العربية") for n in names) and any(n.startswith("简体中文") for n in names)
    assert preview.second_combo.count() == 10


def test_an_unknown_locale_is_refused(preview):
    with pytest.raises(ValueError, match="xx"):
        preview.set_locales("xx")


def test_the_preview_window_shows_the_document_and_its_title(qtbot, view):
    window = PreviewWindow()
    qtbot.addWidget(window)
    window.set_document(view)
    window.set_locales("fr", "ar")
    assert view.row.title in window.windowTitle()
    assert len(window.preview.visible_panes()) == 2
    assert "Demande en ligne" in window.preview.visible_panes()[0].toPlainText()


def test_approved_only_leaves_out_what_is_not_approved_yet(preview, qtbot):
    preview.set_locales("fr")  # the French translation is confirmed, not approved
    [pane] = preview.visible_panes()
    assert "Permis de travail pour les étrangers" in pane.toPlainText()
    qtbot.mouseClick(preview.approved_only, Qt.MouseButton.LeftButton)
    assert "Permis de travail pour les étrangers" not in pane.toPlainText()
    assert "外国人来华工作许可" in pane.toPlainText()
