"""Painting and editing grid cells: text in the locale's font and direction, placeholders as chips, and under
the text the cell's state in a word (colour is never the only signal), its origin, and its warnings: a machine
draft's damaged placeholders and the outdated marker. Glossary terms in the source column are tinted and
underlined with dots, and its tooltip gives their approved translations in the locales shown."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip, QWidget

from studio.content.queries import DocumentView
from studio.memory.glossary import Glossary, TermHit, TermStatus
from studio.states import CellState
from studio.ui.grid_model import (
    FIELD_COLUMN,
    FLAGGED_ROLE,
    KIND_ROLE,
    LOCALE_ROLE,
    MACHINE_ISSUE_ROLE,
    ORIGIN_ROLE,
    OUTDATED_ROLE,
    SINGLE_LINE_ROLE,
    SOURCE_COLUMN,
    STATE_ROLE,
    machine_issue_tip,
)
from studio.ui.labels import origin_words
from studio.ui.model_index import Index, plain_index
from studio.ui.segment_editor import SegmentEditor, chip_format, locale_font, shown_text, text_option, token_spans
from studio.ui.state_words import state_names
from studio.ui.theme import find_colors, is_dark, state_colors

TERM_TINT = QColor(70, 130, 220, 60)  # translucent: readable on light and dark themes, and over a Find match
TERM_LINE = QColor(70, 130, 220)

PAD = 6
FOOTER_GAP = 8  # pixels between the state words and the warnings

class GridDelegate(QStyledItemDelegate):
    """Paints cells and makes `SegmentEditor`s; the view decides what a finished edit means."""

    outdated_clicked = Signal(QModelIndex)
    editor_created = Signal(SegmentEditor, QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.point_size = 11
        self.find_query = ""  # matches of Find in this document are marked in the painted cells
        self._state_words = state_names()
        self._glossary = Glossary.empty()
        self._term_hits: dict[str, tuple[TermHit, ...]] = {}  # source sentence -> its glossary terms

    def set_glossary(self, glossary: Glossary, view: DocumentView | None) -> None:
        """Find the glossary's terms in every source sentence of the document shown, once: painting then only
        looks them up (no matching, no database)."""
        self._glossary = glossary
        self._term_hits = {}
        if view is not None and glossary:
            for segment in view.segments:
                hits = glossary.source_hits(segment.text, view.row.source_locale)
                if hits:
                    self._term_hits[segment.text] = tuple(hits)

    def term_hits(self, source: str) -> tuple[TermHit, ...]:
        return self._term_hits.get(source, ())

    # --- layout -------------------------------------------------------------------------------------------

    def _text_font(self, option: QStyleOptionViewItem, locale: str) -> QFont:
        return locale_font(locale, option.font, self.point_size)

    def _caption_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSize(max(self.point_size - 3, 7))
        return font

    def _layout(self, text: str, font: QFont, locale: str, width: int, palette: QPalette,
                terms: tuple[TermHit, ...] = ()) -> tuple[QTextLayout, float]:
        shown = shown_text(text, locale)
        # A layout runs "\n" into the next word; the line separator (same length: formats keep their places)
        # breaks the line as the editor does.
        layout = QTextLayout(shown.text.replace("\n", "\u2028"), font)
        layout.setTextOption(text_option(locale))
        chip = chip_format(palette)
        formats = [_format_range(start, end, chip) for start, end in token_spans(shown.text)]
        formats += [_format_range(*shown.span(start, end), self._match_format(palette))
                    for start, end in self._matches(text)]
        if terms:
            term = _term_format()
            formats += [_format_range(*shown.span(hit.start, hit.end), term) for hit in terms]
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

    def _matches(self, text: str) -> list[tuple[int, int]]:
        query = self.find_query.casefold()
        if not query or len(query) != len(self.find_query):  # a case fold that changes lengths: no mapping
            return []
        folded = text.casefold()
        if len(folded) != len(text):
            return []
        found, at = [], folded.find(query)
        while at >= 0:
            found.append((at, at + len(query)))
            at = folded.find(query, at + len(query))
        return found

    @staticmethod
    def _match_format(palette: QPalette) -> QTextCharFormat:
        foreground, background = find_colors(is_dark(palette))
        match = QTextCharFormat()
        match.setForeground(foreground)
        match.setBackground(background)
        return match

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(KIND_ROLE) == "heading":
            return QSize(120, QFontMetrics(option.font).height() + 2 * PAD)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        locale = index.data(LOCALE_ROLE) or "en"
        width = option.rect.width() - 2 * PAD if option.rect.width() > 0 else 260
        _, height = self._layout(text or " ", self._text_font(option, locale), locale, width, option.palette)
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
        state = index.data(STATE_ROLE) or CellState.MISSING
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
        terms = self.term_hits(text) if column == SOURCE_COLUMN else ()
        layout, _ = self._layout(text, self._text_font(option, locale), locale, rect.width() - 2 * PAD, palette,
                                 terms)
        layout.draw(painter, QPointF(rect.left() + PAD, rect.top() + PAD))
        if column >= 2:
            self._paint_caption(painter, option, index, state)
        painter.restore()

    def _caption_rect(self, option: QStyleOptionViewItem) -> QRect:
        height = QFontMetrics(self._caption_font(option)).height()
        r = option.rect
        return QRect(r.left() + PAD, r.bottom() - PAD - height + 2, r.width() - 2 * PAD, height)

    def _footer(self, index: Index) -> tuple[str, str]:
        """The footer's words: the state, origin and rejection; and its warnings ("" if none): damaged
        placeholders of a machine draft, and the outdated marker."""
        state = index.data(STATE_ROLE) or CellState.MISSING
        parts = [self._state_words.get(state, state)]
        origin = index.data(ORIGIN_ROLE)
        if origin:
            parts.append(origin_words(origin))
        if index.data(FLAGGED_ROLE):
            parts.append(self.tr("rejected"))
        markers = []
        if index.data(MACHINE_ISSUE_ROLE):
            markers.append(self.tr("⚠ placeholders"))
        if index.data(OUTDATED_ROLE) is not None:
            markers.append(self.tr("⚠ source changed"))
        return " · ".join(parts), " ".join(markers)

    def _fitted_footer(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, str]:
        """The footer's two parts cut to the cell's width so they never overlap: the marker shrinks to "⚠"
        first (it stays clickable), then the words are elided; the tooltip holds the full text."""
        words, marker = self._footer(index)
        metrics = QFontMetrics(self._caption_font(option))
        width = self._caption_rect(option).width()
        if marker:
            room = width - metrics.horizontalAdvance(marker) - FOOTER_GAP
            if room < metrics.horizontalAdvance(words):
                marker = "⚠"
            width -= metrics.horizontalAdvance(marker) + FOOTER_GAP
        return metrics.elidedText(words, Qt.TextElideMode.ElideRight, max(width, 0)), marker

    def _paint_caption(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, state: str) -> None:
        painter.setFont(self._caption_font(option))
        rect = self._caption_rect(option)
        words, marker = self._fitted_footer(option, index)
        muted = QColor(option.palette.color(QPalette.ColorRole.Text))
        muted.setAlpha(170)
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        if marker:
            painter.setPen(QColor(200, 80, 20) if not is_dark(option.palette) else QColor(255, 160, 90))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, marker)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: Index) -> bool:
        # Over a footer, the tooltip is the footer in full (it may be elided in a narrow column).
        if (event.type() == QEvent.Type.ToolTip and index.column() > SOURCE_COLUMN
                and index.data(KIND_ROLE) == "segment" and self._caption_rect(option).contains(event.pos())):
            QToolTip.showText(event.globalPos(), self.footer_tooltip(index), view)
            return True
        if event.type() == QEvent.Type.ToolTip and index.column() == SOURCE_COLUMN:
            locales: list[str] = getattr(index.model(), "locales", list)()
            tip = self.terms_tooltip(str(index.data() or ""), locales)
            if tip:
                QToolTip.showText(event.globalPos(), tip, view)
                return True
        return super().helpEvent(event, view, option, index)

    def terms_tooltip(self, source: str, locales: list[str]) -> str:
        """The glossary terms of a source sentence with their approved translations in `locales` (and the
        forbidden variants, struck out), one term a line."""
        lines = []
        for hit in self.term_hits(source):
            parts = []
            for entry_id in hit.entry_ids:
                entry = self._glossary.entry(entry_id)
                if entry is None:
                    continue
                for locale in locales:
                    approved = " / ".join(entry.approved(locale))
                    banned = ", ".join(entry.with_status(locale, TermStatus.FORBIDDEN))
                    if approved or banned:
                        text = f"<b>{locale}</b> {_escaped(approved)}"
                        parts.append(text + (f" <s>{_escaped(banned)}</s>" if banned else ""))
            lines.append(f"{_escaped(hit.term)} → " + ("; ".join(parts) if parts else self.tr("no approved term")))
        return "<br>".join(dict.fromkeys(lines))

    def footer_tooltip(self, index: Index) -> str:
        words, _marker = self._footer(index)
        lines = [words]
        issue = index.data(MACHINE_ISSUE_ROLE)
        if issue:
            lines.append(machine_issue_tip(str(issue)))
        if index.data(OUTDATED_ROLE) is not None:
            lines.append(self.tr("⚠ the source changed since this was translated: click to see how"))
        return "\n".join(lines)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        # A click on the outdated marker opens the source difference instead of starting an edit.
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and index.data(OUTDATED_ROLE) is not None
                and self._caption_rect(option).contains(event.position().toPoint())):
            self.outdated_clicked.emit(plain_index(index))
            return True
        return super().editorEvent(event, model, option, index)

    # --- editing ------------------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        source = index.sibling(index.row(), SOURCE_COLUMN).data() or ""
        editor = SegmentEditor(index.data(LOCALE_ROLE) or "en", str(source), parent,
                               single_line=bool(index.data(SINGLE_LINE_ROLE)))
        editor.setFont(self._text_font(option, editor.locale_code))
        self.editor_created.emit(editor, plain_index(index))
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


def _format_range(start: int, end: int, text_format: QTextCharFormat) -> QTextLayout.FormatRange:
    fr = QTextLayout.FormatRange()
    fr.start, fr.length, fr.format = start, end - start, text_format
    return fr


def _term_format() -> QTextCharFormat:
    # Tinted and underlined with dots: the tint finds the terms at a glance, the line is there without colour
    # (a grey screen, a colour-blind reader) and stays visible over a Find match's own background.
    term = QTextCharFormat()
    term.setBackground(TERM_TINT)
    term.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    term.setUnderlineColor(TERM_LINE)
    return term


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
