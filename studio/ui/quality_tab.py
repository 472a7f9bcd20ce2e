"""The side panel's Quality tab: the quality findings of the current cell, live as the user types.

When a cell becomes current, the tab reads its document once for checking (`Workspace.document_checker`: the
sentences, every locale's texts, the cached glossary, the limits; a few milliseconds), and keeps that while the
document's texts stay the same (the grid's view object); each keystroke then re-checks the
typed text against it without a query, a moment after typing pauses. A warning can be acknowledged with a note;
the note holds until the stored text changes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from studio.changes import Changes
from studio.content.queries import DocumentView
from studio.errors import StudioError
from studio.qa.findings import CHECKS, ERROR, Finding
from studio.qa.runner import DocumentChecker
from studio.workspace import Workspace

TYPING_PAUSE_MS = 120
"""How long typing pauses before the typed text is checked: short enough to feel live, long enough that fast
typing checks once, not per key."""
_ACK_LINK = "studio:acknowledge/"
_MUTED = "color: #6b7785;"
_COLOURS = {ERROR: "#b42318", "warning": "#b54708", "acknowledged": "#067647"}

# The checks' titles (studio.qa.findings holds them without Qt), marked here for the interface's catalogue.
_TITLES = (
    QT_TRANSLATE_NOOP("quality", "Empty translation"),
    QT_TRANSLATE_NOOP("quality", "Same as the source"),
    QT_TRANSLATE_NOOP("quality", "Placeholders or markup"),
    QT_TRANSLATE_NOOP("quality", "Numbers"),
    QT_TRANSLATE_NOOP("quality", "Links"),
    QT_TRANSLATE_NOOP("quality", "E-mail addresses"),
    QT_TRANSLATE_NOOP("quality", "Phone numbers"),
    QT_TRANSLATE_NOOP("quality", "Longer than the field allows"),
    QT_TRANSLATE_NOOP("quality", "Glossary term missing"),
    QT_TRANSLATE_NOOP("quality", "Forbidden term"),
    QT_TRANSLATE_NOOP("quality", "Chinese characters left"),
    QT_TRANSLATE_NOOP("quality", "Leading, trailing or double spaces"),
    QT_TRANSLATE_NOOP("quality", "Ending punctuation"),
    QT_TRANSLATE_NOOP("quality", "Punctuation of another script"),
    QT_TRANSLATE_NOOP("quality", "Brackets and quotes in pairs"),
    QT_TRANSLATE_NOOP("quality", "Repeated word"),
    QT_TRANSLATE_NOOP("quality", "French spacing"),
    QT_TRANSLATE_NOOP("quality", "Numbers differ between translations"),
    QT_TRANSLATE_NOOP("quality", "Links differ between translations"),
    QT_TRANSLATE_NOOP("quality", "Phone numbers differ between translations"),
    QT_TRANSLATE_NOOP("quality", "Steps or documents missing in one language"),
    QT_TRANSLATE_NOOP("quality", "Long sentence"),
    QT_TRANSLATE_NOOP("quality", "Long word"),
    QT_TRANSLATE_NOOP("quality", "Bureaucratic term"),
)


def check_title(check: str) -> str:
    """A check's title in the interface language (the titles are marked for translation in `qa.findings`)."""
    return QCoreApplication.translate("quality", CHECKS[check].title)


class QualityTab(QWidget):
    """The findings of the cell under the cursor; `text_typed` checks a text being typed in it."""

    acknowledged = Signal(object)  # the Changes of an acknowledgement: the window announces them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws: Workspace | None = None
        self._checker: DocumentChecker | None = None
        self._checked_view: DocumentView | None = None  # the view `_checker` was read for
        self._key: tuple[int, str] | None = None
        self._stored = ""  # the cell's stored text: only it can be acknowledged
        self._text = ""
        self._findings: list[Finding] = []
        self._acknowledging: str | None = None

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Why the warning does not apply (the reviewer reads it)"))
        self.note_edit.returnPressed.connect(self._acknowledge)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(lambda: self._ask_note(None))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {_COLOURS[ERROR]};")
        self.error_label.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.acknowledge_button)
        note_row.addWidget(self.cancel_button)
        self.note_box = QWidget()
        box_layout = QVBoxLayout(self.note_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.note_label)
        box_layout.addLayout(note_row)
        self.note_box.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note_box)
        layout.addWidget(self.error_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._check_now)
        self.clear()

    # --- public -------------------------------------------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    @property
    def checker(self) -> DocumentChecker | None:
        """What the current document is checked with: read when the document or its texts change, not per cell."""
        return self._checker

    def clear(self) -> None:
        self._ws, self._checker, self._key, self._findings = None, None, None, []
        self._checked_view = None
        self._timer.stop()
        self._ask_note(None)
        self._say(self.tr("Choose a translation in the grid to see its quality checks."))

    def show_cell(self, ws: Workspace, view: DocumentView, segment_index: int, locale: str | None) -> None:
        """Check the stored text of a cell; the document is read again for checking (its other locales may have
        changed since)."""
        if locale is None or locale == view.row.source_locale or not 0 <= segment_index < len(view.segments):
            self.clear()
            self._say(self.tr("The quality checks are for translations: choose a cell of a target language."))
            return
        segment = view.segments[segment_index]
        key = (segment.id, locale)
        if key != self._key:
            self._ask_note(None)
        # The grid replaces its view whenever a text of the document changes: the same view means the same texts,
        # and the checker read for it still holds (moving between cells costs no query).
        if self._checker is None or ws is not self._ws or view is not self._checked_view:
            try:
                self._checker = ws.document_checker(view.row.id)
            except StudioError as exc:
                self._checker = None
                self._say(str(exc))
                return
            self._checked_view = view
        self._ws, self._key = ws, key
        cell = segment.cells.get(locale)
        self._stored = cell.text if cell is not None and cell.state != "missing" else ""
        self._text = self._stored
        self._check_now()

    def text_typed(self, segment_id: int, locale: str, text: str) -> None:
        """The text being typed in a cell: checked a moment after typing pauses (only the current cell's)."""
        if self._key != (segment_id, locale) or self._checker is None:
            return
        self._text = text
        self._timer.start()

    def check_pending(self) -> None:
        """Check a typed text now rather than after the pause (tests, and a cell about to be left)."""
        if self._timer.isActive():
            self._timer.stop()
            self._check_now()

    # --- checking -----------------------------------------------------------------------------------------

    def _check_now(self) -> None:
        if self._checker is None or self._key is None:
            return
        if not self._text:
            self._findings = []
            self._say(self.tr("No translation yet."))
            return
        try:
            self._findings = self._checker.check(self._key[0], self._key[1], self._text)
        except StudioError as exc:
            self._findings = []
            self._say(str(exc))
            return
        self._render()

    def _render(self) -> None:
        if not self._findings:
            self._say(self.tr("No problem found."), "color: #067647;")
            return
        typed = self._text != self._stored
        parts: list[str] = []
        for f in sorted(self._findings, key=lambda f: (f.severity != ERROR, f.acknowledged, f.check)):
            if f.acknowledged:
                word, colour = self.tr("Acknowledged"), _COLOURS["acknowledged"]
            elif f.severity == ERROR:
                word, colour = self.tr("Error"), _COLOURS[ERROR]
            else:
                word, colour = self.tr("Warning"), _COLOURS["warning"]
            line = (f'<p><b style="color: {colour}">{html.escape(word)}</b> · <b>{html.escape(check_title(f.check))}'
                    f"</b><br>{html.escape(f.message)}")
            if f.acknowledged and f.note:
                line += f'<br><span style="{_MUTED}">{html.escape(self.tr("Note:"))} {html.escape(f.note)}</span>'
            elif f.severity != ERROR and not typed:
                line += f'<br><a href="{_ACK_LINK}{f.check}">{html.escape(self.tr("Acknowledge…"))}</a>'
            parts.append(line + "</p>")
        errors = sum(f.severity == ERROR for f in self._findings)
        if errors:
            parts.insert(0, f'<p style="color: {_COLOURS[ERROR]}">'
                            f'{html.escape(self.tr("An error blocks approval and release: correct it."))}</p>')
        elif typed:
            parts.append(f'<p style="{_MUTED}">{html.escape(self.tr("Store the text to acknowledge a warning."))}</p>')
        self.browser.setHtml("".join(parts))

    def _say(self, text: str, style: str = _MUTED) -> None:
        self.browser.setHtml(f'<p style="{style}">{html.escape(text)}</p>')

    # --- acknowledging ------------------------------------------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith(_ACK_LINK):
            self._ask_note(link[len(_ACK_LINK):])

    def acknowledge(self, check: str) -> None:
        """Open the note box for acknowledging `check` (what the link does)."""
        self._ask_note(check)

    def _ask_note(self, check: str | None) -> None:
        self._acknowledging = check
        self.error_label.hide()
        if check is None:
            self.note_box.hide()
            self.note_edit.clear()
            return
        self.note_label.setText(self.tr("Acknowledge “{0}” on this translation:").format(check_title(check)))
        self.note_box.show()
        self.note_edit.setFocus()

    def _acknowledge(self) -> None:
        if self._ws is None or self._key is None or self._acknowledging is None:
            return
        note = self.note_edit.text()
        try:
            changes: Changes = self._ws.acknowledge_finding(self._key[0], self._key[1], self._acknowledging,
                                                            self._stored, note)
        except StudioError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self._ask_note(None)
        if self._checker is not None:  # read again: the acknowledgement is part of what it holds
            self._checker = self._ws.document_checker(self._checker.document_id)
        self._check_now()
        self.acknowledged.emit(changes)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.note_box.isVisible():
            self._ask_note(None)
            return
        super().keyPressEvent(event)
