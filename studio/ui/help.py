"""The Help page: every keyboard shortcut of the editor, in one table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order an editor learns them."""
    rows = [
        ("Ctrl+L", QT_TRANSLATE_NOOP("Help", "Search documents; Enter opens the one named, or the first found")),
        ("Enter (in the tree)", QT_TRANSLATE_NOOP("Help", "Open the document and go to its grid")),
        ("Alt+1 / Alt+2 / Alt+3", QT_TRANSLATE_NOOP("Help", "Go to the content tree / the grid / the cell panel")),
        ("Enter / F2", QT_TRANSLATE_NOOP("Help", "Start editing the current cell")),
        ("Ctrl+Enter",
         QT_TRANSLATE_NOOP("Help", "Confirm the cell and go to the next unconfirmed cell of that language")),
        ("Enter", QT_TRANSLATE_NOOP("Help", "While editing: keep the text as a draft and go to the cell below")),
        ("Shift+Enter", QT_TRANSLATE_NOOP("Help", "While editing: a line break")),
        ("Ctrl+Up / Ctrl+Down", QT_TRANSLATE_NOOP("Help", "Previous / next segment")),
        ("Ctrl+PgUp / Ctrl+PgDown", QT_TRANSLATE_NOOP("Help", "Previous / next language column")),
        ("Ctrl+B", QT_TRANSLATE_NOOP("Help", "Copy the source into the cell (markup placeholders included)")),
        ("F8", QT_TRANSLATE_NOOP("Help", "Insert the next placeholder the translation lacks")),
        ("Escape",
         QT_TRANSLATE_NOOP("Help", "Close the editor, keeping what you typed as a draft")),
        ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y",
         QT_TRANSLATE_NOOP("Help", "Undo / redo (typing while editing; stored edits otherwise)")),
        ("Ctrl+F", QT_TRANSLATE_NOOP("Help", "Find in this document")),
        ("Ctrl+H", QT_TRANSLATE_NOOP("Help", "Find and replace across the workspace, with a preview")),
        ("Ctrl+Shift+A", QT_TRANSLATE_NOOP("Help", "Approve the current translation (reviewers)")),
        ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("Help", "Reject the current translation with a reason (reviewers)")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("Help", "Preview the document as the portal shows it")),
        ("Ctrl+E", QT_TRANSLATE_NOOP("Help", "Edit the document's source")),
        ("Ctrl+N", QT_TRANSLATE_NOOP("Help", "New document")),
        ("Ctrl+I", QT_TRANSLATE_NOOP("Help", "Import documents")),
        ("Ctrl+D", QT_TRANSLATE_NOOP("Help", "Dashboard")),
        ("Ctrl+Alt+L", QT_TRANSLATE_NOOP("Help", "Choose the language columns")),
        ("Ctrl+Shift+L", QT_TRANSLATE_NOOP("Help", "Show all eight languages")),
        ("Ctrl+,", QT_TRANSLATE_NOOP("Help", "Settings")),
        ("Ctrl+Q", QT_TRANSLATE_NOOP("Help", "Quit (everything typed is already stored)")),
        ("F1", QT_TRANSLATE_NOOP("Help", "This page")),
    ]
    return [(keys, QCoreApplication.translate("Help", what)) for keys, what in rows]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        browser = QTextBrowser()
        rows = "".join(f"<tr><td style='padding:3px 12px'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
                       for keys, what in shortcuts())
        note = self.tr("Typing is stored as a draft a second after the last keystroke, and at least every three "
                       "seconds while typing goes on; there is no Save button. "
                       "Markup placeholders such as {1}…{/1} are protected: Backspace next to one selects it first.")
        browser.setHtml(f"<table>{rows}</table><p>{escape(note)}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        browser.setFocus()  # Page Down reads on at once
        layout.addWidget(buttons)
        self.resize(640, 560)
