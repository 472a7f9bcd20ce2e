"""The side panel beside the translation grid: the current cell's history, its comments, its context, and the
machine-translation engines' suggestions for it (Ctrl+M).

`show_cell` reads what it needs from the workspace once and renders it to HTML; painting only draws that HTML,
so nothing here touches the database while the panel is drawn. The engines are asked on a worker thread: the
panel says it is asking and the window stays usable however slow they are.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
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
from studio.jobs import Job, Progress
from studio.locales import LOCALES
from studio.memory.glossary import Glossary
from studio.ui.job_runner import CANCELLED, JobHandle, JobRunner, on_worker
from studio.ui.labels import data_label, language_name, origin_words
from studio.ui.memory_tab import MemoryTab
from studio.ui.quality_tab import QualityTab
from studio.ui.segment_editor import shown_text
from studio.ui.state_words import state_names
from studio.ui.terms_tab import TermsTab
from studio.workflow.cells import CommentRow, RevisionRow
from studio.workspace import Workspace

if TYPE_CHECKING:  # machine translation is imported when first asked for: it brings the engines along
    from studio.mt.config import MTSettings
    from studio.mt.suggestions import Suggestion

_MUTED = "color: #6b7785;"
_WARNING = "color: #b54708;"
_ERROR = "color: #b42318;"
_COMMENTS_LINK = "studio:comments"
_INSERT_LINK = "studio:insert/"
INSERT_KEYS = 4  # Ctrl+Alt+1 … Ctrl+Alt+4 insert the first four suggestions


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
    ask_requested = Signal()  # the machine tab's Ask button: the window asks, as for Ctrl+M
    insert_requested = Signal(int)  # a suggestion's Insert link: its number (1, 2, …), as Ctrl+Alt+1 …
    term_insert_requested = Signal(str)  # a glossary term's Insert link: the term

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws: Workspace | None = None
        self._view: DocumentView | None = None
        self._index = -1
        self._locale: str | None = None

        self.history_view = _browser()
        self.history_view.anchorClicked.connect(self._link_clicked)

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

        self.context_view = _browser()

        # The aids to translating come first, where they show at the dock's usual width: the memory's matches
        # appear as soon as a cell is entered. The cell's own record follows.
        self.memory = MemoryTab()
        memory_tab = self.addTab(self.memory, self.tr("Memory"))
        self.setTabToolTip(memory_tab, self.tr("Translation memory matches (Ctrl+1 … Ctrl+5 insert them)"))
        self.terms = TermsTab()
        self.terms.insert_requested.connect(self.term_insert_requested)
        terms_tab = self.addTab(self.terms, self.tr("Terms"))
        self.setTabToolTip(terms_tab, self.tr("Glossary terms of this sentence (Ctrl+T inserts the first)"))
        self.quality = QualityTab()
        quality_tab = self.addTab(self.quality, self.tr("QA"))
        self.setTabToolTip(quality_tab, self.tr("Quality checks of this translation, live as you type"))
        self.machine = MachineTab()
        self.machine.ask_button.clicked.connect(self.ask_requested)
        self.machine.insert_requested.connect(self.insert_requested)
        # Short titles ("QA", "Machine"): more tabs fit the dock's width (Ctrl+M brings this one forward anyway).
        machine_tab = self.addTab(self.machine, self.tr("Machine"))
        self.setTabToolTip(machine_tab, self.tr("Machine translation suggestions (Ctrl+M)"))
        self.addTab(self.history_view, self.tr("History"))
        self.comments_tab = comments
        self.addTab(comments, self.tr("Comments"))
        self.addTab(self.context_view, self.tr("Context"))
        self.clear()

    def sizeHint(self) -> QSize:
        # The dock starts wide enough for the first five tabs (memory, terms, checks, machine, history).
        return QSize(max(360, self.tabBar().tabRect(4).right() + 40), super().sizeHint().height())

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
        segment = view.segments[segment_index]
        self.machine.show_cell((segment.id, locale) if locale is not None else None, segment.text,
                               view.row.source_locale)
        self.memory.show_cell(segment.id, locale, segment.text, view.row.source_locale)
        self.terms.show_terms(ws.glossary(), segment.text, view.row.source_locale, locale)
        self.quality.show_cell(ws, view, segment_index, locale)

    def clear(self) -> None:
        """No cell: empty tabs and nothing to comment on."""
        self._ws, self._view, self._index, self._locale = None, None, -1, None
        # Each tr() outside an f-string: lupdate does not see the calls inside one, and they stayed English.
        choose = self.tr("Choose a cell in the grid.")
        hint = f'<p style="{_MUTED}">{html.escape(choose)}</p>'
        for browser in (self.history_view, self.comments_view, self.context_view):
            browser.setHtml(hint)
        self.comment_edit.clear()
        self.comment_edit.setEnabled(False)
        self.add_comment_button.setEnabled(False)
        self._set_error("")
        self.machine.show_cell(None, "", "")
        self.memory.show_cell(None, None, "", "")
        self.terms.show_terms(Glossary.empty(), "", "", None)
        self.quality.clear()

    def refresh(self) -> None:
        """Read the current cell's history and comments again (after a change made elsewhere)."""
        if self._ws is not None and self._view is not None:
            self.show_cell(self._ws, self._view, self._index, self._locale)

    # --- machine translation ------------------------------------------------------------------------------

    def ask_machine(self, runner: JobRunner, settings: MTSettings) -> bool:
        """Ask the current cell's route engines for their translations (Ctrl+M) and show the machine tab; False
        when the current cell is not a translation."""
        if self._ws is None or self._view is None or self._locale is None:
            return False
        self.setCurrentWidget(self.machine)
        self.machine.ask(self._ws, runner, settings)
        return True

    def suggestion(self, number: int) -> tuple[int, str, Suggestion] | None:
        """(segment id, locale, suggestion) of the machine tab's suggestion `number` (1, 2, …) for the current
        cell, if the engines gave one with that number."""
        return self.machine.suggestion(number)

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
            changed = self.tr("The source changed:")
            parts.append(f"<h3>{html.escape(changed)}</h3>")
            parts.append(text_html(diff_html(pieces), source_locale))
            parts.append("<hr>")
        revisions = self._ws.history(segment.id, locale)
        if not revisions:
            none_yet = self.tr("No translation yet.")
            parts.append(f'<p style="{_MUTED}">{html.escape(none_yet)}</p>')
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
                said = self.tr("Reviewer’s comment:")
                out.append(f'<p style="margin-left: 12px;"><a href="{_COMMENTS_LINK}">'
                           f"{html.escape(said)}</a> {reason}</p>")
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
            self.setCurrentWidget(self.comments_tab)

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
        this_one = self.tr("This sentence")
        parts.append(f"<p><b>{html.escape(this_one)}</b></p>")
        parts += self._segment_texts(segment, locale)
        parts += self._neighbour_html(self.tr("After"), following, ctype, segment.field_path, locale)
        self.context_view.setHtml("\n".join(parts))

    def _neighbour_html(self, title: str, segment: SegmentRow | None, ctype: ContentType, field_path: str,
                        locale: str | None) -> list[str]:
        if segment is None:
            nothing = self.tr("(nothing)")
            return [f"<p><b>{html.escape(title)}</b><br>"
                    f'<span style="{_MUTED}">{html.escape(nothing)}</span></p>']
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
                not_yet = self.tr("(not translated yet)")
                out.append(f'<p style="{_MUTED}">{html.escape(not_yet)}</p>')
        return out


def _browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    return browser


class _Wanted:
    """A request asked for: where and how to ask, for which cell (segment id, locale)."""

    def __init__(self, ws: Workspace, runner: JobRunner, settings: MTSettings, key: tuple[int, str]) -> None:
        self.ws, self.runner, self.settings, self.key = ws, runner, settings, key


class _Request:
    """The request running on the runner: its cell and its job."""

    handle: JobHandle[list[Suggestion]]

    def __init__(self, key: tuple[int, str]) -> None:
        self.key = key


class MachineTab(QWidget):
    """The engines' suggestions for one cell, side by side, each under its engine's name: numbered ones with a
    text (Ctrl+Alt+number, or the Insert link, puts it in the cell), an engine's error in its place without
    hiding the others, and a warning where the placeholders came back damaged.

    Nothing is asked until `ask` (Ctrl+M); the answer of a cell left meanwhile is dropped, and going back to the
    cell shows the hint again (the engines' answers are cached in the workspace, so asking again is quick).

    At most one request runs at a time, so a stalled engine (up to its 20 s deadline) never has requests piling
    up behind it on the runner's threads: Ctrl+M again at the cell being asked for only says it is still asking;
    Ctrl+M at another cell cancels the running request (it stops at its cancel point if it has not reached the
    engines yet, or else its answer is dropped) and waits for it to end before asking for the new cell. Only the
    latest cell asked for waits so, and only while it is still the one shown."""

    insert_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: tuple[int, str] | None = None  # (segment id, locale) of the cell shown
        self._source = ("", "")  # its source text and locale
        self._suggestions: list[Suggestion] = []
        self._asking: tuple[int, str] | None = None  # the cell shown, while it awaits the engines' answer
        self._running: _Request | None = None  # the one request on the runner
        self._next: _Wanted | None = None  # the cell asked for next, once the running request has ended
        self._runner: JobRunner | None = None  # whose job_finished tells of a cancelled request
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy = QProgressBar()  # a range of 0..0: Qt's "busy" animation while the engines answer
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()
        self.ask_button = QPushButton(self.tr("Ask the engines"))
        self.ask_button.setToolTip(self.tr("Ctrl+M"))
        self.view = _browser()
        self.view.anchorClicked.connect(self._link_clicked)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.ask_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.view, 1)
        self.show_cell(None, "", "")

    # --- what is shown ------------------------------------------------------------------------------------

    @property
    def asking(self) -> bool:
        return self._asking is not None

    def show_cell(self, key: tuple[int, str] | None, source: str, source_locale: str) -> None:
        """Follow the current cell; the same cell shown again (after a write) keeps its suggestions."""
        if key == self._key and key is not None:
            return
        self._key, self._source, self._suggestions, self._asking = key, (source, source_locale), [], None
        self.busy.hide()
        self.ask_button.setEnabled(key is not None)
        if key is None:
            self._say(self.tr("Choose a translation cell: the engines translate into its language."))
            self.view.setHtml("")
            return
        self._say(self.tr("Ctrl+M asks the machine-translation engines for this cell."))
        self.view.setHtml(self._source_html())

    def _say(self, text: str, style: str = _MUTED) -> None:
        self.status.setText(f'<span style="{style}">{html.escape(text)}</span>')

    def _source_html(self) -> str:
        text, locale = self._source
        heading = self.tr("Source ({0})").format(language_name(locale))
        return f'<p style="{_MUTED}">{html.escape(heading)}</p>{_plain(text, locale)}'

    # --- asking -------------------------------------------------------------------------------------------

    def ask(self, ws: Workspace, runner: JobRunner, settings: MTSettings) -> None:
        """Ask the cell's route engines on a worker; the answer is shown when it comes, if this cell is still
        the one shown. Never more than one request runs: see the class."""
        if self._key is None:
            return
        key = self._key
        locale = key[1]
        self._asking = key
        self._suggestions = []
        self.busy.show()
        self.ask_button.setEnabled(False)
        self.view.setHtml(self._source_html())
        running = self._running
        if running is not None and running.key == key and not running.handle.cancel_requested:
            self._next = None  # this cell's request is the one running: its answer will do
            self._say(self.tr("Still asking the engines for a {0} translation…").format(language_name(locale)))
            return
        self._say(self.tr("Asking the engines for a {0} translation…").format(language_name(locale)))
        wanted = _Wanted(ws, runner, settings, key)
        if running is not None:
            running.handle.cancel()  # superseded: stops at its cancel point, or its answer is dropped
            self._next = wanted  # asked once that one has ended: never two requests queued behind an engine
            return
        self._start(wanted)

    def _start(self, wanted: _Wanted) -> None:
        segment_id, locale = wanted.key
        settings = wanted.settings

        def make(own: Workspace) -> Job[list[Suggestion]]:
            yield Progress(0, 0, "asking the machine-translation engines")  # a cancel point before the wait
            return own.machine_suggestions(segment_id, locale, settings=settings)

        runner = wanted.runner
        if runner is not self._runner:
            if self._runner is not None:
                self._runner.job_finished.disconnect(self._job_finished)
            runner.job_finished.connect(self._job_finished)
            self._runner = runner
        request = _Request(wanted.key)
        self._running = request
        request.handle = runner.start(self.tr("Machine translation suggestions"), on_worker(wanted.ws, make),
                                      on_done=lambda found: self._ended(request, found=found),
                                      on_failed=lambda exc: self._ended(request, error=exc))

    def stop(self) -> None:
        """The window is closing: cancel the running request and ask for nothing more."""
        self._next = None
        self._asking = None
        if self._running is not None:
            self._running.handle.cancel()

    def _job_finished(self, handle: JobHandle[object]) -> None:
        # A cancelled job calls neither on_done nor on_failed: its end is known from here only.
        running = self._running
        if running is not None and handle is running.handle and handle.state == CANCELLED:
            self._ended(running)

    def _ended(self, request: _Request, found: list[Suggestion] | None = None,
               error: BaseException | None = None) -> None:
        """The running request has ended (answered, failed or cancelled): show its answer if its cell is shown
        and awaits it, then ask for the cell wanted next, if it is still the one shown and awaiting."""
        if request is not self._running:
            return
        self._running = None
        wanted, self._next = self._next, None
        key = request.key
        if self._asking == key == self._key and (found is not None or error is not None):
            self._asking = None
            self.busy.hide()
            self.ask_button.setEnabled(True)
            if error is not None:
                self._say(str(error) or type(error).__name__, _ERROR)
            else:
                self._suggestions = list(found or [])
                self.show_suggestions()
            return  # the answer for the cell shown: a request waiting for that same cell is not needed
        if wanted is not None and wanted.key == self._asking == self._key:
            self._start(wanted)
        elif self._asking is not None and self._asking == self._key:
            self._asking = None  # its request was cancelled from elsewhere (the runner's cancel_all)
            self.busy.hide()
            self.ask_button.setEnabled(True)
            self._say(self.tr("The request was cancelled: Ctrl+M asks again."), _WARNING)

    def show_suggestions(self) -> None:
        assert self._key is not None
        locale = self._key[1]
        if not self._suggestions:
            self._say(self.tr("No engine is set up to translate into {0}: choose engines in File ▸ Settings ▸ "
                              "Machine translation.").format(language_name(locale)), _WARNING)
            return
        offered = sum(1 for s in self._suggestions if s.text is not None)
        self._say(self.tr("Engines that answered: {0} of {1}").format(offered, len(self._suggestions)))
        self.view.setHtml(self._source_html() + "<hr>" + "\n".join(self._suggestions_html(locale)))

    def _suggestions_html(self, locale: str) -> list[str]:
        from studio.mt.catalogue import CATALOGUE

        out: list[str] = []
        number = 0
        for suggestion in self._suggestions:
            found = CATALOGUE.get(suggestion.engine)
            label = found.label if found is not None else suggestion.engine
            if suggestion.text is None:
                why = suggestion.error or self.tr("no answer")
                out.append(f"<p><b>{html.escape(label)}</b></p>"
                           f'<p style="{_ERROR}">✗ {html.escape(why)}</p>')
                continue
            number += 1
            out += self._suggestion_html(number, label, suggestion, locale)
        return out

    def _suggestion_html(self, number: int, label: str, suggestion: Suggestion, locale: str) -> list[str]:
        notes = [self.tr("from the cache")] if suggestion.cached else []
        if suggestion.origin.endswith(":pivot-en"):
            notes.append(self.tr("from the approved English"))
        if number <= INSERT_KEYS:
            notes.append(f"Ctrl+Alt+{number}")
        heading = f"<b>{number} · {html.escape(label)}</b>"
        if notes:
            heading += f' <span style="{_MUTED}">· {html.escape(" · ".join(notes))}</span>'
        out = [f"<p>{heading}</p>", _plain(suggestion.text or "", locale)]
        if suggestion.issue:
            warning = self.tr("⚠ The placeholders came back damaged: {0}. Check them before confirming.")
            out.append(f'<p style="{_WARNING}">{html.escape(warning.format(suggestion.issue))}</p>')
        insert = self.tr("Insert")
        out.append(f'<p><a href="{_INSERT_LINK}{number}">{html.escape(insert)}</a></p>')
        return out

    def suggestion(self, number: int) -> tuple[int, str, Suggestion] | None:
        offered = [s for s in self._suggestions if s.text is not None]
        if self._key is None or not 1 <= number <= len(offered):
            return None
        return self._key[0], self._key[1], offered[number - 1]

    def _link_clicked(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith(_INSERT_LINK):
            self.insert_requested.emit(int(link.removeprefix(_INSERT_LINK)))
