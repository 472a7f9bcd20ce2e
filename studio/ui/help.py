"""The Help page: every keyboard shortcut of the editor, in one table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order an editor learns them."""
    t = QCoreApplication.translate
    return [
        ("Enter / F2", t("Help", "Start editing the current cell")),
        ("Ctrl+Enter", t("Help", "Confirm the cell and go to the next unconfirmed cell of that language")),
        ("Enter", t("Help", "While editing: keep the text as a draft and go to the cell below")),
        ("Shift+Enter", t("Help", "While editing: a line break")),
        ("Ctrl+Up / Ctrl+Down", t("Help", "Previous / next segment")),
        ("Ctrl+PgUp / Ctrl+PgDown", t("Help", "Previous / next language column")),
        ("Ctrl+B", t("Help", "Copy the source into the cell (markup placeholders included)")),
        ("F8", t("Help", "Insert the next placeholder the translation lacks")),
        ("Escape", t("Help", "Close the editor, keeping what you typed as a draft")),
        ("Ctrl+Z / Ctrl+Shift+Z", t("Help", "Undo / redo (typing while editing; stored edits otherwise)")),
        ("Ctrl+F", t("Help", "Find in this document")),
        ("Ctrl+H", t("Help", "Find and replace across the workspace, with a preview")),
        ("Ctrl+Shift+A", t("Help", "Approve the current translation (reviewers)")),
        ("Ctrl+Shift+R", t("Help", "Reject the current translation with a reason (reviewers)")),
        ("Ctrl+P", t("Help", "Preview the document as the portal shows it")),
        ("Ctrl+E", t("Help", "Edit the document's source")),
        ("Ctrl+N", t("Help", "New document")),
        ("Ctrl+I", t("Help", "Import documents")),
        ("Ctrl+D", t("Help", "Dashboard")),
        ("Ctrl+Shift+L", t("Help", "Show all eight languages")),
        ("F1", t("Help", "This page")),
    ]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        browser = QTextBrowser()
        rows = "".join(f"<tr><td style='padding:3px 12px'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
                       for keys, what in shortcuts())
        note = self.tr("Typing is stored as a draft two seconds after the last keystroke; there is no Save button. "
                       "Markup placeholders such as {1}…{/1} are protected: Backspace next to one selects it first.")
        browser.setHtml(f"<table>{rows}</table><p>{escape(note)}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
