"""The keys every dialog answers to, so none needs the mouse: Ctrl+Enter does what the dialog is for (even from a
multi-line box, where Enter is a line break), Ctrl+S saves where there is something to save, Escape cancels
(QDialog's own) and Tab moves on (multi-line boxes are made to pass it on rather than type a tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QPlainTextEdit, QTextEdit

ACCEPT_KEYS = (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter))


def accept_with_keys(dialog: QDialog, button: QAbstractButton, *, save: bool = False) -> None:
    """Ctrl+Enter (either Enter key), and with `save` also Ctrl+S, click `button`: only when it is enabled, so a
    key never does what the dialog itself would refuse. Every multi-line box of the dialog passes Tab on."""
    keys = [*ACCEPT_KEYS, QKeySequence(QKeySequence.StandardKey.Save)] if save else list(ACCEPT_KEYS)
    for key in keys:
        shortcut = QShortcut(key, dialog)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)
    tab_moves_focus(dialog)


def tab_moves_focus(dialog: QDialog) -> None:
    """Tab and Shift+Tab leave the dialog's multi-line boxes instead of typing a tab (no field takes one)."""
    boxes: list[QPlainTextEdit | QTextEdit] = [*dialog.findChildren(QPlainTextEdit), *dialog.findChildren(QTextEdit)]
    for box in boxes:
        box.setTabChangesFocus(True)
