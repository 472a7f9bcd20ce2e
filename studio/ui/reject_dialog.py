"""Rejecting a translation: the reviewer sees the source and the translation being rejected and writes why.

Keyboard only: type the reason, Ctrl+Enter rejects, Escape cancels, Tab goes to the buttons."""

from __future__ import annotations

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.ui.conflict_dialog import read_only_box
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.labels import language_name


class RejectDialog(QDialog):
    """Asks why a translation is rejected; after `exec()` the reason is `comment()`. Reject stays disabled
    until a reason is written: the translator reads it, and the workspace refuses a rejection without one."""

    def __init__(self, source: str, source_locale: str, translation: str, locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reject the {0} translation").format(language_name(locale)))
        self.source_box = self._shown(source, source_locale)
        self.translation_box = self._shown(translation, locale)
        self.comment_box = QPlainTextEdit()
        self.comment_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Chinese and Japanese reasons have no spaces to wrap at.
        self.comment_box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.comment_box.setPlaceholderText(self.tr("What should change, and why"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reject_button = self.buttons.addButton(self.tr("Reject"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reject_button.setEnabled(False)
        self.reject_button.setToolTip(self.tr("Ctrl+Enter"))
        self.comment_box.textChanged.connect(
            lambda: self.reject_button.setEnabled(bool(self.comment().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        why = QLabel(self.tr("&Why? The translator reads this:"))
        why.setBuddy(self.comment_box)
        keys = QLabel(self.tr("Ctrl+Enter rejects · Esc cancels"))
        keys.setEnabled(False)  # a hint, drawn as such
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Source ({0})").format(language_name(source_locale))))
        layout.addWidget(self.source_box)
        layout.addWidget(QLabel(self.tr("Translation being rejected ({0})").format(language_name(locale))))
        layout.addWidget(self.translation_box)
        layout.addWidget(why)
        layout.addWidget(self.comment_box, 1)
        layout.addWidget(keys)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.reject_button)
        self.comment_box.setFocus()
        self.resize(560, 460)

    def comment(self) -> str:
        return self.comment_box.toPlainText()

    def _shown(self, text: str, locale: str) -> QPlainTextEdit:
        box = read_only_box(text, locale)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 12)  # longer texts scroll
        return box
