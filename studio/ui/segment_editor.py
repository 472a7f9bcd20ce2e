"""The in-cell editor: per-locale font and direction, and markup placeholders as protected tokens.

Placeholders ({1}, {/1}, {2/}) stand for the source's inline markup. The editor draws them as chips and keeps
them whole: the cursor never rests inside one, typing over part of one widens the change to the whole token,
and Backspace or Delete next to one first selects it, so a second press is needed to remove it.

In right-to-left text each placeholder is wrapped in Unicode isolates (LRI ... PDI) while it is shown, so the
bidirectional algorithm keeps it one left-to-right unit (otherwise `{/1}` reads `{1/}` and its chip is drawn in
pieces), with word joiners between its characters so a narrow column never wraps it across two lines. These
are only on screen: `text()` and what is stored never hold them, while isolates the translator typed are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from studio.content.rich_text import PLACEHOLDER
from studio.locales import LOCALES
from studio.ui.theme import chip_colors, is_dark

AUTOSAVE_MS = 1000  # typing is stored as a draft this long after the last keystroke (the promise is 2 s)
AUTOSAVE_MAX_MS = 3000  # and at least this often while the typing goes on without a pause


def locale_font(locale: str, base: QFont, point_size: int | None = None) -> QFont:
    """`base` with the locale's family first, so Japanese gets a Japanese CJK font and Korean a Korean one."""
    font = QFont(base)
    families = [LOCALES[locale].font_family] if locale in LOCALES else []
    font.setFamilies([*families, *[f for f in base.families() if f not in families]])
    if point_size:
        font.setPointSize(point_size)
    return font


def text_option(locale: str) -> QTextOption:
    """Wrapping, direction and alignment for text in `locale`: Arabic is right to left and right aligned."""
    rtl = locale in LOCALES and LOCALES[locale].is_rtl
    option = QTextOption(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def navigation_step(event: QKeyEvent) -> tuple[int, int] | None:
    """(rows, columns) to move for Ctrl+Up/Down (segments) and Ctrl+PgUp/PgDown (languages), else None."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    return {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_PageUp: (0, -1),
            Qt.Key.Key_PageDown: (0, 1)}.get(Qt.Key(event.key()))


LRI, PDI, WJ = "\u2066", "\u2069", "\u2060"  # left-to-right isolate, its end, and the word joiner
# A placeholder as the editor shows it in right-to-left text: a word joiner after each of its characters but the
# last. The joiners are what tell the editor's isolates from a translator's own (an Arabic translation may
# isolate a Latin name, an amount, even a placeholder, itself): only the LRI and PDI directly around a joined
# placeholder are the editor's, and only they are taken away again.
_JOINED = f"\\{{{WJ}(?:/{WJ}(?:\\d{WJ})+|(?:\\d{WJ})+(?:/{WJ})?)\\}}"
_ADDED_TOKEN = re.compile(f"{LRI}({_JOINED}){PDI}|({_JOINED})")
_SHOWN_TOKEN = re.compile(f"{LRI}{_JOINED}{PDI}|{_JOINED}|{PLACEHOLDER.pattern}")
"""A placeholder as shown: isolated and joined by the editor, or bare (typed and not isolated yet, or in
left-to-right text); never with a translator's own isolates around it."""


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders are in `text` as shown, each with the isolates around it if it has them."""
    return [(m.start(), m.end()) for m in _SHOWN_TOKEN.finditer(text)]


def is_rtl(locale: str) -> bool:
    return locale in LOCALES and LOCALES[locale].is_rtl


@dataclass(frozen=True)
class ShownText:
    """Text as it is drawn: in right-to-left text, each placeholder isolated as one left-to-right unit.
    `positions[i]` is where character i of the original text is in `text` (and `positions[-1]` its end)."""

    text: str
    positions: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the original text's [start, end) is in the shown text."""
        return self.positions[start], self.positions[end]


def shown_token(token: str) -> str:
    """A placeholder kept whole in right-to-left text: isolated, and joined so it never wraps."""
    return LRI + WJ.join(token) + PDI


def shown_text(text: str, locale: str) -> ShownText:
    if not is_rtl(locale):
        return ShownText(text, tuple(range(len(text) + 1)))
    parts: list[str] = []
    positions: list[int] = []
    length = at = 0
    for m in PLACEHOLDER.finditer(text):
        plain, token = text[at:m.start()], shown_token(m.group())
        positions += range(length, length + len(plain))
        length += len(plain)
        positions += range(length + 1, length + len(token) - 1, 2)  # its characters, between the joiners
        length += len(token)
        parts += [plain, token]
        at = m.end()
    positions += range(length, length + len(text) - at + 1)
    parts.append(text[at:])
    return ShownText("".join(parts), tuple(positions))


def without_isolates(text: str) -> str:
    """The text as stored: placeholders without what the editor added to keep them whole on screen. Isolates
    anywhere else are the translator's and stay."""
    return _ADDED_TOKEN.sub(lambda m: (m.group(1) or m.group(2)).replace(WJ, ""), text)


def chip_format(palette: QPalette) -> QTextCharFormat:
    """How a placeholder looks, in the grid and in the editor alike: colours from the light or dark theme."""
    foreground, background = chip_colors(is_dark(palette))
    chip = QTextCharFormat()
    chip.setBackground(background)
    chip.setForeground(foreground)
    chip.setFontWeight(QFont.Weight.Bold)
    return chip


class _TokenHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.token_format = chip_format(palette)  # not `format`: that would hide QSyntaxHighlighter.format()

    def highlightBlock(self, text: str) -> None:
        for start, end in token_spans(text):
            self.setFormat(start, end - start, self.token_format)


class SegmentEditor(QPlainTextEdit):
    """Edits one translation. Emits `draft_due` when typing paused long enough to store a draft."""

    draft_due = Signal()
    confirm_requested = Signal()  # Ctrl+Enter
    move_requested = Signal(int, int)  # (rows, columns): Ctrl+Up/Down, Ctrl+PgUp/PgDown, Enter
    copy_source_requested = Signal()  # Ctrl+B
    height_needed = Signal(int)  # the text grew past the cell or shrank
    history_requested = Signal(bool)  # Ctrl+Z (False) or Ctrl+Shift+Z (True) with nothing left to undo here

    def __init__(self, locale: str, source_text: str, parent: QWidget | None = None, *,
                 single_line: bool = False) -> None:
        super().__init__(parent)
        self.locale_code = locale  # not `locale`: that would hide QWidget.locale()
        self.source_text = source_text
        self.single_line = single_line  # a title or a name: Shift+Enter does nothing, pasted breaks become spaces
        self.base_version: int | None = None  # the stored version the typing started from (None: no cell)
        self.setFont(locale_font(locale, self.font()))
        self.document().setDefaultTextOption(text_option(locale))
        rtl = is_rtl(locale)
        self._isolating = False
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        # The row grows with the text instead; a scroll bar coming and going would change the width the text
        # wraps at, and so the height it needs.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._highlighter = _TokenHighlighter(self.document(), self.palette())
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._draft_due)
        self._autosave_deadline = QTimer(self)
        self._autosave_deadline.setSingleShot(True)
        self._autosave_deadline.setInterval(AUTOSAVE_MAX_MS)
        self._autosave_deadline.timeout.connect(self._draft_due)
        self._snapping = False
        self._last_position = 0
        self.textChanged.connect(self._typed)
        self.cursorPositionChanged.connect(self._keep_cursor_out_of_tokens)

    # --- the text -----------------------------------------------------------------------------------------

    def text(self) -> str:
        """The translation as stored (without the isolates that keep placeholders whole on screen)."""
        return without_isolates(self.toPlainText())

    def set_text(self, text: str) -> None:
        """Replace the text without starting the autosave timer (loading, not typing)."""
        self.blockSignals(True)
        self.setPlainText(shown_text(text, self.locale_code).text)
        self.blockSignals(False)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def _isolate_new_tokens(self) -> None:
        """Wrap placeholders just typed, pasted or inserted in right-to-left text in isolates, as part of the
        same undo step."""
        if self._isolating or not is_rtl(self.locale_code):
            return
        # Isolated placeholders are joined, so the pattern finds only bare ones (even right after an LRI the
        # translator typed).
        bare = [m.span() for m in PLACEHOLDER.finditer(self.toPlainText())]
        if not bare:
            return
        self._isolating = True
        cursor = QTextCursor(self.document())
        cursor.joinPreviousEditBlock()
        for start, end in reversed(bare):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(shown_token(cursor.selectedText()))
        cursor.endEditBlock()
        self._isolating = False

    def _typed(self) -> None:
        self._isolate_new_tokens()
        if self._isolating:
            return
        self._autosave.start()
        if not self._autosave_deadline.isActive():
            self._autosave_deadline.start()
        self.height_needed.emit(self.content_height())

    def _draft_due(self) -> None:
        self.stop_autosave()
        self.draft_due.emit()

    def retry_draft_later(self) -> None:
        """The draft could not be stored (the database was busy): try again after the usual pause."""
        self._autosave.start()

    def stop_autosave(self) -> None:
        self._autosave.stop()
        self._autosave_deadline.stop()

    def content_height(self) -> int:
        """The height the whole text needs at the editor's width (the grid grows the row to it), as laid out:
        with its chips and the fallback fonts whose lines are taller (Arabic, CJK)."""
        margin = int(self.document().documentMargin())
        lines = 0.0
        block = self.document().firstBlock()
        while block.isValid():
            lines += self.blockBoundingRect(block).height()
            block = block.next()
        margins = self.contentsMargins()
        return int(lines + 0.999) + 2 * margin + margins.top() + margins.bottom()

    def replace_all_undoably(self, text: str) -> None:
        """Replace the text as one edit the editor's own Ctrl+Z can take back (Ctrl+B)."""
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        self.setTextCursor(cursor)

    def insert_next_placeholder(self) -> None:
        """Insert the first placeholder of the source that the translation lacks (F8)."""
        have = PLACEHOLDER.findall(self.text())
        for token in PLACEHOLDER.findall(self.source_text):
            if token in have:
                have.remove(token)
            else:
                self.textCursor().insertText(token)
                return

    # --- protecting tokens --------------------------------------------------------------------------------

    def _token_at(self, position: int, *, inside_only: bool) -> tuple[int, int] | None:
        for start, end in token_spans(self.toPlainText()):
            if (start < position < end) if inside_only else (start <= position <= end):
                return start, end
        return None

    def _keep_cursor_out_of_tokens(self) -> None:
        if self._snapping:
            self._last_position = self.textCursor().position()
            return
        cursor = self.textCursor()
        last, self._last_position = self._last_position, cursor.position()
        span = self._token_at(cursor.position(), inside_only=True)
        if span is None:
            return
        self._snapping = True
        anchor = cursor.anchor()
        target = span[1] if cursor.position() - span[0] > span[1] - cursor.position() else span[0]
        if target == last:
            # An arrow key stepped into the token: go over it, or the cursor could never pass it.
            target = span[0] if target == span[1] else span[1]
        if cursor.hasSelection():
            target = span[1] if cursor.position() > anchor else span[0]
            cursor.setPosition(anchor)
            cursor.setPosition(target, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(target)
        self.setTextCursor(cursor)
        self._last_position = target
        self._snapping = False

    def _widen_selection_to_tokens(self) -> None:
        """A change that would cut a token changes the whole token instead."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        for t_start, t_end in token_spans(self.toPlainText()):
            if t_start < start < t_end:
                start = t_start
            if t_start < end < t_end:
                end = t_end
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._snapping = True
        self.setTextCursor(cursor)
        self._snapping = False

    def _select_token_before_deleting(self, key: int) -> bool:
        """Backspace or Delete touching a token selects it; True when the key press was used up so."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        pos = cursor.position()
        for start, end in token_spans(self.toPlainText()):
            if (key == Qt.Key.Key_Backspace and end == pos) or (key == Qt.Key.Key_Delete and start == pos):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                self._snapping = True
                self.setTextCursor(cursor)
                self._snapping = False
                return True
        return False

    # --- keys ---------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl:
                self.confirm_requested.emit()
            elif shift and not self.single_line:
                self.textCursor().insertText("\n")
            else:
                self.move_requested.emit(1, 0)
            return
        step = navigation_step(event)
        if step is not None:
            self.move_requested.emit(*step)
            return
        if event.matches(QKeySequence.StandardKey.Undo) and not self.document().isUndoAvailable():
            self.history_requested.emit(False)  # nothing typed here to undo: undo the last stored edit
            return
        if event.matches(QKeySequence.StandardKey.Redo) and not self.document().isRedoAvailable():
            self.history_requested.emit(True)
            return
        if ctrl and key == Qt.Key.Key_B:
            self.copy_source_requested.emit()
            return
        if key == Qt.Key.Key_F8:
            self.insert_next_placeholder()
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self._select_token_before_deleting(key):
            return
        if event.text() and not ctrl:
            self._widen_selection_to_tokens()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString():
            self._widen_selection_to_tokens()
            if self.single_line and _has_break(event.commitString()):
                event.setCommitString(one_line(event.commitString()))
        super().inputMethodEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        # Copied or dragged, the text is the translation as stored: the isolates and joiners around
        # placeholders are only for this screen, and another program would keep them.
        # Qt's own object, changed: one made in Python would be owned by the clipboard yet freed by Python at
        # exit, and the process would crash as it quits. Qt fills it from the selection on first use: let it,
        # then keep only the plain text (its rich forms would carry the isolates too).
        copied = super().createMimeDataFromSelection()
        copied.text()
        for kind in copied.formats():
            copied.removeFormat(kind)
        copied.setText(without_isolates(self.textCursor().selection().toPlainText()))
        return copied

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Pasted text may carry broken markup; it is kept as typed (a draft) and checked on confirmation.
        self._widen_selection_to_tokens()
        if self.single_line and source.hasText() and _has_break(source.text()):
            flattened = QMimeData()
            flattened.setText(one_line(source.text()))
            source = flattened
        super().insertFromMimeData(source)


_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])[ \t]*")


def _has_break(text: str) -> bool:
    return _BREAKS.search(text) is not None


def one_line(text: str) -> str:
    """`text` on one line: each line break (with the spaces around it) becomes one space."""
    return _BREAKS.sub(" ", text)
