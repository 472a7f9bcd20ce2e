"""The side panel beside the translation grid: the current cell's history, its comments, and its context.

`show_cell` reads what it needs from the workspace once and renders it to HTML; painting only draws that HTML,
so nothing here touches the database while the panel is drawn.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio import states
from studio.content.diff import diff_html, diff_texts
from studio.content.queries import DocumentView, SegmentRow
from studio.content.types import ContentType, get_content_type, path_label
from studio.errors import StudioError
from studio.locales import LOCALES
from studio.ui.labels import data_label, origin_words
from studio.ui.segment_editor import shown_text
from studio.ui.state_words import state_names
from studio.workflow.cells import CommentRow, RevisionRow
from studio.workspace import Workspace

_MUTED = "color: #6b7785;"
_COMMENTS_LINK = "studio:comments"


def local_time(value: object) -> str:
    """A stored time (UTC) in the computer's time zone, short: "2025-03-14 09:26"."""
    if not isinstance(value, datetime):
        return str(value or "")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def text_html(inner_html: str, locale: str) -> str:
    """Already escaped inline HTML as a block in the locale's font and direction.

    Qt's rich text takes the direction from `dir` on block elements only, so the block carries it; the
    alignment is explicit as well because a right-to-left block in a left-to-right browser keeps its
    left alignment otherwise.
    """
    loc = LOCALES.get(locale)
    family = loc.font_family if loc else "Noto Sans"
    if loc is not None and loc.is_rtl:
        # Placeholders kept whole, as the grid draws them: "{/1}" would read "{1/}" in right-to-left text.
        return (f'<div dir="rtl" align="right" lang="{locale}" style="font-family: \'{family}\';">'
                f"{shown_text(inner_html, locale).text}</div>")
    return f'<div dir="ltr" lang="{locale}" style="font-family: \'{family}\';">{inner_html}</div>'


def _plain(text: str, locale: str) -> str:
    return text_html(html.escape(text, quote=False) if text else "&nbsp;", locale)


class SidePanel(QTabWidget):
    """History, comments and context of the cell under the cursor in the grid.

    `show_cell(ws, view, segment_index, locale)` with `locale` None means the source column: the history tab
    then has nothing to show and comments go to the document.
    """

    comment_added = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws: Workspace | None = None
        self._view: DocumentView | None = None
        self._index = -1
        self._locale: str | None = None

        self.history_view = _browser()
        self.history_view.anchorClicked.connect(self._link_clicked)
        self.addTab(self.history_view, self.tr("History"))

        comments = QWidget()
        self.all_comments = QCheckBox(self.tr("All comments on this document"))
        self.all_comments.toggled.connect(self._show_comments)
        self.comments_view = _browser()
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("Write a comment…"))
        self.comment_edit.setMaximumHeight(110)
        self.comment_error = QLabel()
        self.comment_error.setWordWrap(True)
        self.comment_error.setStyleSheet("color: #b42318;")
        self.comment_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_error.hide()
        self.add_comment_button = QPushButton(self.tr("Add comment"))
        self.add_comment_button.setToolTip(self.tr("Ctrl+Enter in the comment box"))
        self.comment_edit.installEventFilter(self)
        self.add_comment_button.clicked.connect(self._add_comment)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_comment_button)
        layout = QVBoxLayout(comments)
        layout.addWidget(self.all_comments)
        layout.addWidget(self.comments_view, 1)
        layout.addWidget(self.comment_edit)
        layout.addWidget(self.comment_error)
        layout.addLayout(buttons)
        self.addTab(comments, self.tr("Comments"))

        self.context_view = _browser()
        self.addTab(self.context_view, self.tr("Context"))
        self.clear()

    # --- public -------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Enter in the comment box adds the comment (Enter alone is a new line of the comment).
        if watched is self.comment_edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.add_comment_button.click()
            return True
        return super().eventFilter(watched, event)

    def show_cell(self, ws: Workspace, view: DocumentView, segment_index: int, locale: str | None) -> None:
        """Show the cell at (segment_index, locale) of `view`; reads its history and comments now."""
        if locale == view.row.source_locale:
            locale = None
        if not 0 <= segment_index < len(view.segments):
            self.clear()
            return
        same_cell = (self._view is not None and self._view.row.id == view.row.id and self._index == segment_index
                     and self._locale == locale)
        self._ws, self._view, self._index, self._locale = ws, view, segment_index, locale
        if not same_cell:
            # A comment typed for another cell must not be posted on this one by mistake; the same cell
            # shown again (after a save) keeps what is being typed.
            self.comment_edit.clear()
            self._set_error("")
        self.add_comment_button.setEnabled(True)
        self.comment_edit.setEnabled(True)
        self._show_history()
        self._show_comments()
        self._show_context()

    def clear(self) -> None:
        """No cell: empty tabs and nothing to comment on."""
        self._ws, self._view, self._index, self._locale = None, None, -1, None
        hint = f'<p style="{_MUTED}">{html.escape(self.tr("Choose a cell in the grid."))}</p>'
        for browser in (self.history_view, self.comments_view, self.context_view):
            browser.setHtml(hint)
        self.comment_edit.clear()
        self.comment_edit.setEnabled(False)
        self.add_comment_button.setEnabled(False)
        self._set_error("")

    def refresh(self) -> None:
        """Read the current cell's history and comments again (after a change made elsewhere)."""
        if self._ws is not None and self._view is not None:
            self.show_cell(self._ws, self._view, self._index, self._locale)

    # --- history ------------------------------------------------------------------------------------------

    def _show_history(self) -> None:
        assert self._ws is not None and self._view is not None
        segment = self._view.segments[self._index]
        locale = self._locale
        if locale is None:
            note = self.tr("The source text has no translation history: choose a translation to see its revisions.")
            self.history_view.setHtml(f'<p style="{_MUTED}">{html.escape(note)}</p>')
            return
        parts: list[str] = []
        cell = segment.cells.get(locale)
        source_locale = self._view.row.source_locale
        # A draft written since the source changed keeps the old source until it is confirmed: the editor still
        # needs to see what changed.
        if cell is not None and cell.outdated_source is not None and cell.outdated_source != segment.text:
            pieces = diff_texts(cell.outdated_source, segment.text, source_locale)
            parts.append(f"<h3>{html.escape(self.tr('The source changed:'))}</h3>")
            parts.append(text_html(diff_html(pieces), source_locale))
            parts.append("<hr>")
        revisions = self._ws.history(segment.id, locale)
        if not revisions:
            parts.append(f'<p style="{_MUTED}">{html.escape(self.tr("No translation yet."))}</p>')
        parts.extend(self._revisions_html(revisions, locale))
        self.history_view.setHtml("\n".join(parts))

    def event_words(self) -> dict[str, str]:
        """What happened in a revision, as the history says it (`studio.states.EVENTS`)."""
        return {
            states.TYPED: self.tr("typed"),
            states.DRAFTED: self.tr("drafted"),
            states.CONFIRMED: self.tr("confirmed"),
            states.APPROVED_EVENT: self.tr("approved"),
            states.REJECTED: self.tr("rejected"),
            states.SOURCE_CHANGED: self.tr("source changed"),
            states.IMPORTED: self.tr("imported"),
            states.REPLACED: self.tr("replaced"),
            states.RESTORED: self.tr("restored (undo or redo)"),
            states.WITHDRAWN: self.tr("taken back (undo)"),
            states.CLEARED: self.tr("emptied"),
        }

    def _revision_detail(self, rev: RevisionRow) -> str:
        """"rejected · draft", "confirmed · machine (deepl) · translated": the event first, then, for an event
        that brought a text in, where the text came from when that says more than the event (a human's text,
        an import's own format do not); a verdict or a source change is about the text already there."""
        parts = [self.event_words().get(rev.event, rev.event)]
        brought_text = rev.event in ("drafted", "confirmed", "imported")
        if brought_text and rev.origin != "human" and not (rev.event == "imported"
                                                          and rev.origin.startswith("import:")):
            parts.append(origin_words(rev.origin))
        parts.append(state_names().get(rev.state, rev.state))
        return " · ".join(parts)

    def _revisions_html(self, revisions: Sequence[RevisionRow], locale: str) -> list[str]:
        out: list[str] = []
        for i, rev in enumerate(revisions):
            older = revisions[i + 1] if i + 1 < len(revisions) else None
            heading = self.tr("Version {0} · {1} · {2}").format(rev.version, rev.author, local_time(rev.created_at))
            out.append(f"<p><b>{html.escape(heading)}</b><br>"
                       f'<span style="{_MUTED}">{html.escape(self._revision_detail(rev))}</span></p>')
            if rev.comment is not None:
                # The reviewer's reason beside the verdict; the link opens the cell's comments.
                reason = html.escape(rev.comment, quote=False).replace("\n", "<br>")
                out.append(f'<p style="margin-left: 12px;"><a href="{_COMMENTS_LINK}">'
                           f"{html.escape(self.tr('Reviewer’s comment:'))}</a> {reason}</p>")
            if older is None or older.text == rev.text:
                body = html.escape(rev.text, quote=False) if rev.text else "&nbsp;"
            else:
                body = diff_html(diff_texts(older.text, rev.text, locale))
            out.append(text_html(body, locale))
            if older is not None:
                out.append("<hr>")
        return out

    def _link_clicked(self, url: QUrl) -> None:
        if url.toString() == _COMMENTS_LINK:
            self.setCurrentIndex(1)

    # --- comments -----------------------------------------------------------------------------------------

    def _show_comments(self) -> None:
        if self._ws is None or self._view is None:
            return
        doc_id = self._view.row.id
        everything = self.all_comments.isChecked()
        if everything:
            rows = self._ws.comments(doc_id)
        elif self._locale is None:
            rows = [c for c in self._ws.comments(doc_id) if c.locale is None]
        else:
            rows = self._ws.comments(doc_id, self._view.segments[self._index].id, self._locale)
        if not rows:
            empty = self.tr("No comments on this document yet.") if everything or self._locale is None else \
                self.tr("No comments on this cell yet.")
            self.comments_view.setHtml(f'<p style="{_MUTED}">{html.escape(empty)}</p>')
            return
        self.comments_view.setHtml("\n".join(self._comment_html(c, everything) for c in rows))

    def _comment_html(self, comment: CommentRow, with_place: bool) -> str:
        assert self._view is not None
        where = ""
        if with_place:
            if comment.field_path is not None:
                ctype = get_content_type(self._view.row.type)
                where = f"{path_label(ctype, comment.field_path, data_label)} ({comment.locale})"
            else:
                where = self.tr("the document")
            where = f" · {html.escape(where)}"
        heading = f"<b>{html.escape(comment.author)}</b> · {html.escape(local_time(comment.created_at))}{where}"
        body = html.escape(comment.body, quote=False).replace("\n", "<br>")
        return f'<p style="margin-bottom: 10px;">{heading}<br>{body}</p>'

    def _add_comment(self) -> None:
        if self._ws is None or self._view is None:
            return
        body = self.comment_edit.toPlainText()
        segment_id = self._view.segments[self._index].id if self._locale is not None else None
        try:
            self._ws.add_comment(self._view.row.id, body, segment_id, self._locale)
        except StudioError as exc:
            # The typed text stays: the user may fix the cause (or copy it elsewhere) without retyping.
            self._set_error(str(exc))
            return
        self.comment_edit.clear()
        self._set_error("")
        self._show_comments()
        self.comment_added.emit()

    def _set_error(self, message: str) -> None:
        self.comment_error.setText(message)
        self.comment_error.setVisible(bool(message))

    # --- context ------------------------------------------------------------------------------------------

    def _show_context(self) -> None:
        assert self._view is not None
        view, index, locale = self._view, self._index, self._locale
        segments = view.segments
        ctype = get_content_type(view.row.type)
        segment = segments[index]
        parts = [f"<h3>{html.escape(view.row.title)}</h3>",
                 f'<p style="{_MUTED}">{html.escape(data_label(ctype.label))} · '
                 f"{html.escape(path_label(ctype, segment.field_path, data_label))}</p>"]
        previous = segments[index - 1] if index > 0 else None
        following = segments[index + 1] if index + 1 < len(segments) else None
        parts += self._neighbour_html(self.tr("Before"), previous, ctype, segment.field_path, locale)
        parts.append(f"<p><b>{html.escape(self.tr('This sentence'))}</b></p>")
        parts += self._segment_texts(segment, locale)
        parts += self._neighbour_html(self.tr("After"), following, ctype, segment.field_path, locale)
        self.context_view.setHtml("\n".join(parts))

    def _neighbour_html(self, title: str, segment: SegmentRow | None, ctype: ContentType, field_path: str,
                        locale: str | None) -> list[str]:
        if segment is None:
            return [f"<p><b>{html.escape(title)}</b><br>"
                    f'<span style="{_MUTED}">{html.escape(self.tr("(nothing)"))}</span></p>']
        where = ""
        if segment.field_path != field_path:
            where = f' <span style="{_MUTED}">· {html.escape(path_label(ctype, segment.field_path, data_label))}</span>'
        return [f"<p><b>{html.escape(title)}</b>{where}</p>", *self._segment_texts(segment, locale)]

    def _segment_texts(self, segment: SegmentRow, locale: str | None) -> list[str]:
        assert self._view is not None
        out = [_plain(segment.text, self._view.row.source_locale)]
        if locale is not None:
            cell = segment.cells.get(locale)
            if cell is not None and cell.text:
                out.append(_plain(cell.text, locale))
            else:
                out.append(f'<p style="{_MUTED}">{html.escape(self.tr("(not translated yet)"))}</p>')
        return out


def _browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    return browser
