"""The interface in Chinese reads as Chinese: the keyboard page, dialogs' titles, counts with their plural forms."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from studio.ui.columns_dialog import TITLE_BAR_BUTTONS, ColumnsDialog
from studio.ui.help import ShortcutsDialog
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from tests.gui.interface_language import chinese, english  # noqa: F401  (fixtures)

# Key caps are printed in Latin letters on Chinese keyboards too; any other Latin word is untranslated English.
KEY_NAMES = {"Ctrl", "Shift", "Alt", "Enter", "Esc", "PgUp", "PgDown", "Backspace", "Tab"}


def test_the_keyboard_page_in_chinese_keeps_no_english_word(qtbot, chinese):  # noqa: F811
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert dialog.windowTitle() == "键盘快捷键"
    assert "Ctrl+↑ / Ctrl+↓" in text and "Enter（在目录树中）" in text
    assert set(re.findall(r"[A-Za-z]{2,}", text)) <= KEY_NAMES


def test_the_columns_dialog_is_wide_enough_for_its_title(qtbot, english):  # noqa: F811
    dialog = ColumnsDialog(["en"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    font = dialog.font()
    font.setBold(True)
    assert dialog.width() >= QFontMetrics(font).horizontalAdvance("Language columns") + TITLE_BAR_BUTTONS


def test_the_columns_dialog_in_chinese(qtbot, chinese):  # noqa: F811
    dialog = ColumnsDialog(["en", "ar"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "语言列"
    assert dialog.boxes["ar"].text().startswith("&8  阿拉伯语")


def test_counts_in_chinese_use_the_catalogues_form(qtbot, chinese, filled, tmp_path):  # noqa: F811
    window = MainWindow(filled, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert window.content.count.text() == "2 / 2 篇文档"


def test_the_reject_dialog_in_chinese(qtbot, chinese):  # noqa: F811
    from studio.ui.reject_dialog import RejectDialog

    dialog = RejectDialog("外国人来华工作许可", "zh-Hans", "تصريح عمل للأجانب", "ar")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "退回阿拉伯语译文"
    assert dialog.reject_button.text() == "退回" and not dialog.reject_button.isEnabled()
    assert dialog.translation_box.layoutDirection() == Qt.LayoutDirection.RightToLeft
