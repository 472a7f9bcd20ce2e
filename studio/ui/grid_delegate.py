"""Painting and editing grid cells: text in the locale's font and direction, placeholders as chips, and under
the text the cell's state in a word (colour is never the only signal), its origin, and the outdated marker."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studio.ui.grid_model import (
    FIELD_COLUMN,
    FLAGGED_ROLE,
    KIND_ROLE,
    LOCALE_ROLE,
    ORIGIN_ROLE,
    OUTDATED_ROLE,
    SOURCE_COLUMN,
    STATE_ROLE,
)
from studio.ui.labels import origin_words
from studio.ui.segment_editor import SegmentEditor, locale_font, text_option, token_spans
from studio.ui.state_words import state_names
from studio.ui.theme import is_dark, state_colors

PAD = 6
Index = QModelIndex | QPersistentModelIndex


class GridDelegate(QStyledItemDelegate):
    """Paints cells and makes `SegmentEditor`s; the view decides what a finished edit means."""

    outdated_clicked = Signal(QModelIndex)
    editor_created = Signal(SegmentEditor, QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.point_size = 11
        self._state_words = state_names()

    # --- layout -------------------------------------------------------------------------------------------

    def _text_font(self, option: QStyleOptionViewItem, locale: str) -> QFont:
        return locale_font(locale, option.font, self.point_size)

    def _caption_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSize(max(self.point_size - 3, 7))
        return font

    def _layout(self, text: str, font: QFont, locale: str, width: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(text, font)
        layout.setTextOption(text_option(locale))
        chip = QTextCharFormat()
        chip.setBackground(QColor(124, 92, 196, 60))
        chip.setForeground(QColor(110, 70, 190))
        chip.setFontWeight(QFont.Weight.Bold)
        formats = []
        for start, end in token_spans(text):
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = start, end - start, chip
            formats.append(fr)
        layout.setFormats(formats)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 10))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(KIND_ROLE) == "heading":
            return QSize(120, QFontMetrics(option.font).height() + 2 * PAD)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        locale = index.data(LOCALE_ROLE) or "en"
        width = option.rect.width() - 2 * PAD if option.rect.width() > 0 else 260
        _, height = self._layout(text or " ", self._text_font(option, locale), locale, width)
        caption = 0 if index.column() in (FIELD_COLUMN, SOURCE_COLUMN) else QFontMetrics(
            self._caption_font(option)).height() + 2
        return QSize(max(width, 80), int(height) + caption + 2 * PAD)

    # --- painting -----------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette = option.palette
        rect = option.rect
        painter.save()
        if index.data(KIND_ROLE) == "heading":
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
            font = QFont(option.font)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect.adjusted(PAD, 0, -PAD, 0), Qt.AlignmentFlag.AlignVCenter,
                             str(index.data() or ""))
            painter.restore()
            return
        column = index.column()
        state = index.data(STATE_ROLE) or "missing"
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if column >= 2:
            painter.fillRect(rect, state_colors(is_dark(palette))[state])
        if selected:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(highlight)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if column == FIELD_COLUMN:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect.adjusted(PAD, PAD, -PAD, -PAD), Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             str(index.data() or ""))
            painter.restore()
            return
        locale = index.data(LOCALE_ROLE) or "en"
        text = str(index.data() or "")
        painter.setPen(text_colour)
        layout, _ = self._layout(text, self._text_font(option, locale), locale, rect.width() - 2 * PAD)
        layout.draw(painter, QPointF(rect.left() + PAD, rect.top() + PAD))
        if column >= 2:
            self._paint_caption(painter, option, index, state)
        painter.restore()

    def _caption_rect(self, option: QStyleOptionViewItem) -> QRect:
        height = QFontMetrics(self._caption_font(option)).height()
        r = option.rect
        return QRect(r.left() + PAD, r.bottom() - PAD - height + 2, r.width() - 2 * PAD, height)

    def _paint_caption(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, state: str) -> None:
        painter.setFont(self._caption_font(option))
        rect = self._caption_rect(option)
        parts = [self._state_words.get(state, state)]
        origin = index.data(ORIGIN_ROLE)
        if origin:
            parts.append(origin_words(origin))
        if index.data(FLAGGED_ROLE):
            parts.append(self.tr("rejected"))
        muted = QColor(option.palette.color(QPalette.ColorRole.Text))
        muted.setAlpha(170)
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, " · ".join(parts))
        if index.data(OUTDATED_ROLE) is not None:
            painter.setPen(QColor(200, 80, 20) if not is_dark(option.palette) else QColor(255, 160, 90))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("⚠ source changed"))

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        # A click on the outdated marker opens the source difference instead of starting an edit.
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and index.data(OUTDATED_ROLE) is not None
                and self._caption_rect(option).contains(event.position().toPoint())):
            self.outdated_clicked.emit(QModelIndex(index))
            return True
        return super().editorEvent(event, model, option, index)

    # --- editing ------------------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        source = index.siblingAtColumn(SOURCE_COLUMN).data() or ""
        editor = SegmentEditor(index.data(LOCALE_ROLE) or "en", str(source), parent)
        editor.setFont(self._text_font(option, editor.locale))
        self.editor_created.emit(editor, QModelIndex(index))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, SegmentEditor) and not editor.document().isModified():
            editor.set_text(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        # The view stores drafts and confirmations itself through the workspace; nothing to do here.
        return

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        editor.setGeometry(rect.adjusted(2, 2, -2, -QFontMetrics(self._caption_font(option)).height() - 2))

