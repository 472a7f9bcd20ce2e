"""The Help page: every keyboard shortcut of the editor, in one table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from studio.ui.labels import QT_TRANSLATE_NOOP


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order an editor learns them."""
    rows = [
        (QT_TRANSLATE_NOOP("Help", "Ctrl+L"),
         QT_TRANSLATE_NOOP("Help", "Search documents; Enter opens the one named, or the first found")),
        (QT_TRANSLATE_NOOP("Help", "Enter (in the tree)"),
         QT_TRANSLATE_NOOP("Help", "Open the document and go to its grid")),
        (QT_TRANSLATE_NOOP("Help", "Alt+1 / Alt+2 / Alt+3"),
         QT_TRANSLATE_NOOP("Help", "Go to the content tree / the grid / the cell panel")),
        (QT_TRANSLATE_NOOP("Help", "Enter / F2"),
         QT_TRANSLATE_NOOP("Help", "Start editing the current cell")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Enter"),
         QT_TRANSLATE_NOOP("Help", "Confirm the cell and go to the next unconfirmed cell of that language")),
        (QT_TRANSLATE_NOOP("Help", "Enter"),
         QT_TRANSLATE_NOOP("Help", "While editing: keep the text as a draft and go to the cell below")),
        (QT_TRANSLATE_NOOP("Help", "Shift+Enter"),
         QT_TRANSLATE_NOOP("Help", "While editing: a line break (not in single-line fields such as titles)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Up / Ctrl+Down"),
         QT_TRANSLATE_NOOP("Help", "Previous / next segment")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+PgUp / Ctrl+PgDown"),
         QT_TRANSLATE_NOOP("Help", "Previous / next language column")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+B"),
         QT_TRANSLATE_NOOP("Help", "Copy the source into the cell (markup placeholders included)")),
        (QT_TRANSLATE_NOOP("Help", "F8"),
         QT_TRANSLATE_NOOP("Help", "Insert the next placeholder the translation lacks")),
        (QT_TRANSLATE_NOOP("Help", "Escape"),
         QT_TRANSLATE_NOOP("Help", "Close the editor, keeping what you typed as a draft")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y"),
         QT_TRANSLATE_NOOP("Help", "Undo / redo (typing while editing; stored edits otherwise)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+F"),
         QT_TRANSLATE_NOOP("Help", "Find in this document")),
        (QT_TRANSLATE_NOOP("Help", "F3 / Shift+F3"),
         QT_TRANSLATE_NOOP("Help", "Next / previous match (Enter / Shift+Enter in the find bar)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+H"),
         QT_TRANSLATE_NOOP("Help", "Find and replace across the workspace, with a preview")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+M"),
         QT_TRANSLATE_NOOP("Help", "Machine translation: every engine's suggestion for the current cell, in the "
                                   "cell panel")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Alt+1 … Ctrl+Alt+4"),
         QT_TRANSLATE_NOOP("Help", "Insert machine suggestion 1 … 4: into the open editor, or else as a "
                                   "machine draft")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+1 … Ctrl+5"),
         QT_TRANSLATE_NOOP("Help", "Insert translation-memory match 1 … 5 (Memory tab): into the open editor, or "
                                   "else as a draft")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+K"),
         QT_TRANSLATE_NOOP("Help", "Concordance: search the translation memory for a word or phrase in any "
                                   "language")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+T"),
         QT_TRANSLATE_NOOP("Help", "Insert the sentence's first glossary term (Terms tab) at the editor's cursor")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+T"),
         QT_TRANSLATE_NOOP("Help", "Add a glossary entry from the current cell (the selected text as its term)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+G"),
         QT_TRANSLATE_NOOP("Help", "The glossary: find, edit, import and export terms")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+A"),
         QT_TRANSLATE_NOOP("Help", "Approve the current translation (reviewers)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+R"),
         QT_TRANSLATE_NOOP("Help", "Reject the current translation with a reason (reviewers)")),
        (QT_TRANSLATE_NOOP("Help", "Alt+4"),
         QT_TRANSLATE_NOOP("Help", "Open the review queue: the translations waiting for your review in all documents")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+A (in the review queue)"),
         QT_TRANSLATE_NOOP("Help", "Approve the selected translations")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+R (in the review queue)"),
         QT_TRANSLATE_NOOP("Help", "Reject the selected translations with one reason")),
        (QT_TRANSLATE_NOOP("Help", "Enter (in the review queue)"),
         QT_TRANSLATE_NOOP("Help", "Open the document in the grid at that translation")),
        (QT_TRANSLATE_NOOP("Help", "Alt+5"),
         QT_TRANSLATE_NOOP("Help", "Quality checks of every translation, with filters, and each document's "
                                   "readability")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+P"),
         QT_TRANSLATE_NOOP("Help", "Preview the document as the portal shows it")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+P"),
         QT_TRANSLATE_NOOP("Help", "Releases: compose, check, push, follow and roll back what goes to the portal "
                                   "(supervisors)")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+E"),
         QT_TRANSLATE_NOOP("Help", "Edit the document's source")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+N"),
         QT_TRANSLATE_NOOP("Help", "New document")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+I"),
         QT_TRANSLATE_NOOP("Help", "Import documents")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+D"),
         QT_TRANSLATE_NOOP("Help", "Dashboard")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Alt+L"),
         QT_TRANSLATE_NOOP("Help", "Choose the language columns")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Shift+L"),
         QT_TRANSLATE_NOOP("Help", "Show all eight languages")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Enter (in a dialog)"),
         QT_TRANSLATE_NOOP("Help", "Do what the dialog is for: reject, save, create, OK (Ctrl+S saves too)")),
        (QT_TRANSLATE_NOOP("Help", "Escape (in a dialog)"),
         QT_TRANSLATE_NOOP("Help", "Cancel the dialog")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+,"),
         QT_TRANSLATE_NOOP("Help", "Settings")),
        (QT_TRANSLATE_NOOP("Help", "Ctrl+Q"),
         QT_TRANSLATE_NOOP("Help", "Quit (everything typed is already stored)")),
        (QT_TRANSLATE_NOOP("Help", "F1"),
         QT_TRANSLATE_NOOP("Help", "This page")),
    ]
    # The keys are translated too: their words ("in the tree", "or") and the keys a Chinese keyboard labels
    # otherwise (the arrows), so that the Chinese page keeps no English.
    return [(_translated(keys), _translated(what)) for keys, what in rows]


def _translated(text: str) -> str:
    return QCoreApplication.translate("Help", text)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.browser = browser = QTextBrowser()
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
