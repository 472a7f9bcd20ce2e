"""The preview on a real workspace: a document as the portal shows it, one language or two side by side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.preview import PreviewWidget, PreviewWindow
from studio.ui.settings import Settings
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


def test_the_chinese_and_arabic_panes_head_the_fields_in_their_own_language(preview):
    preview.set_locales("zh-Hans", "ar")
    chinese, arabic = (pane.toPlainText() for pane in preview.visible_panes())
    assert "适用对象" in chinese and "第2步" in chinese and "Who may apply" not in chinese
    assert "من يحق له التقديم" in arabic and "الخطوة 2" in arabic and "Step" not in arabic


def body_text_pixels(pane, text: str) -> int:
    found = pane.document().find(text)
    assert not found.isNull(), text
    return QFontInfo(found.charFormat().font()).pixelSize()  # as drawn, whatever unit the page gave


def test_arabic_is_shown_larger_than_chinese_so_both_look_the_same_size(preview):
    preview.set_locales("zh-Hans", "ar")
    chinese, arabic = preview.visible_panes()
    assert body_text_pixels(arabic, "التقديم عبر الإنترنت") >= 1.15 * body_text_pixels(chinese, "网上申请")
    # Qt sizes headings by itself: they must still stand above the enlarged text of the Arabic page.
    assert body_text_pixels(arabic, "من يحق له التقديم") > body_text_pixels(arabic, "用人单位为拟聘用的外国人申请")


@pytest.fixture
def side_by_side(preview):
    preview.resize(700, 260)  # short enough that both pages scroll
    preview.set_locales("zh-Hans", "ar")
    bars = [pane.verticalScrollBar() for pane in preview.visible_panes()]
    assert all(bar.maximum() > 50 for bar in bars)
    return bars


def test_scrolling_one_pane_scrolls_the_other_to_the_same_place_in_its_page(side_by_side):
    chinese, arabic = side_by_side
    chinese.setValue(chinese.maximum() // 2)
    assert arabic.value() / arabic.maximum() == pytest.approx(chinese.value() / chinese.maximum(), abs=0.002)
    assert arabic.maximum() != chinese.maximum()  # the same place in each page, not the same pixel offset
    arabic.setValue(arabic.maximum())
    assert chinese.value() == chinese.maximum()
    arabic.setValue(0)
    assert chinese.value() == 0


def test_the_panes_follow_each_other_without_echoing_back(side_by_side):
    # The longer page has more positions than the shorter: mapped there and back, most land elsewhere, and
    # an echo would move the pane the user is scrolling away from where the user put it.
    longer, shorter = sorted(side_by_side, key=lambda bar: bar.maximum(), reverse=True)
    assert longer.maximum() > shorter.maximum()
    moves = {"longer": [], "shorter": []}
    longer.valueChanged.connect(moves["longer"].append)
    shorter.valueChanged.connect(moves["shorter"].append)
    for value in range(1, 40, 3):
        longer.setValue(value)
    assert moves["longer"] == list(range(1, 40, 3))
    assert moves["shorter"]  # it followed


def test_one_pane_alone_scrolls_by_itself(preview):
    preview.resize(700, 260)
    preview.set_locales("zh-Hans", "ar")
    preview.set_locales("fr")
    first, hidden = (pane.verticalScrollBar() for pane in preview.panes)
    hidden_before = hidden.value()
    first.setValue(first.maximum())
    assert hidden.value() == hidden_before


def test_the_languages_the_user_picks_are_remembered_for_the_next_preview(qtbot, view, tmp_path):
    settings_file = tmp_path / "settings.ini"
    first = PreviewWidget(settings=Settings(settings_file))
    qtbot.addWidget(first)
    first.set_document(view)
    first.first_combo.setCurrentIndex(first.first_combo.findData("ar"))  # as the user picks them
    first.second_combo.setCurrentIndex(first.second_combo.findData("zh-Hans"))
    first.close()

    again = PreviewWindow(settings=Settings(settings_file))
    qtbot.addWidget(again)
    # The main window offers the language of the cell being edited; the user's own choice wins.
    again.offer_locales("fr", "zh-Hans")
    again.set_document(view)
    assert again.preview.locales() == ("ar", "zh-Hans")
    assert len(again.preview.visible_panes()) == 2
    assert "الخطوة 1" in again.preview.visible_panes()[0].toPlainText()


def test_a_first_preview_shows_the_languages_offered(qtbot, view, tmp_path):
    window = PreviewWindow(settings=Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.offer_locales("fr", "zh-Hans")
    assert window.preview.locales() == ("fr", "zh-Hans")
    # Offered, not picked: a later offer is still free to choose.
    window.offer_locales("de")
    assert window.preview.locales() == ("de", None)


def test_the_preview_window_fits_within_the_screens_available_area(qtbot, view):
    window = PreviewWindow()
    qtbot.addWidget(window)
    window.set_document(view)
    window.set_locales("zh-Hans", "ar")
    area = window.screen().availableGeometry()
    for left, top in ((0, 0), (area.width() - 100, area.height() - 100), (-300, -200)):
        window.move(left, top)  # wherever it was left, partly off the screen
        window.fit_to_screen()
        window.show()
        qtbot.waitExposed(window)
        assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
        assert window.width() >= min(1000, area.width() * 0.9)  # and still as large as the screen allows

    window.resize(750, 420)  # the user's own size, when it fits, stays
    window.fit_to_screen()
    assert (window.width(), window.height()) == (750, 420)
    assert area.contains(window.frameGeometry())
