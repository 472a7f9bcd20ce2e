"""The side panel's Memory tab, and the window's memory actions: insert a match (Ctrl+1 … Ctrl+5), the
concordance (Ctrl+K), pre-translation from the memory, and the offer to propagate a confirmed translation.

The tab shows the matches as soon as a cell is entered, without a key press. The look-up runs on a runner of its
own with one thread (never the UI thread, never queued behind a machine translation engine's 20 s request): the
first one in a process builds the memory's index, later ones take a few milliseconds. One look-up per source
segment: moving along a row between the eight languages re-renders the result already there. At most one look-up
runs at a time, on one workspace of its own opened once (a look-up is too short to open a connection for each); a
segment entered meanwhile, or a change of the memory, is looked up again when it ends, and only the latest one.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from studio.changes import Changes
from studio.content.diff import diff_html, diff_texts
from studio.errors import StudioError
from studio.jobs import Job
from studio.states import CellState
from studio.ui.job_runner import JobRunner, on_worker
from studio.ui.labels import language_name
from studio.workflow.cells import CellSnapshot
from studio.workspace import SiblingOpener, Workspace

if TYPE_CHECKING:  # the memory brings numpy along: imported by the worker that first looks up
    from studio.exchange.tmx import TmxImport
    from studio.memory.lookup import MemoryLookup, MemoryMatch
    from studio.ui.concordance_dialog import ConcordanceDialog
    from studio.ui.main_window import MainWindow
    from studio.workflow.propagation import PropagationOffer
    from studio.workspace import Propagated

R = TypeVar("R")

MEMORY_KEYS = 5  # Ctrl+1 … Ctrl+5
_MUTED = "color: #6b7785;"
_INSERT_LINK = "studio:memory-insert/"


class MemoryTab(QWidget):
    """The memory's matches for the current cell: score, kind, origin and content type of each, the difference
    between its source and ours, and its translation in the cell's language."""

    looked_up = Signal()  # a result arrived and is shown (tests wait for it)
    insert_requested = Signal(int)  # a match's Insert link: its number (1, 2, …), as Ctrl+1 …

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        # One thread: the look-ups, and the closing of their workspace, run one after another in order.
        self._runner = JobRunner(self, max_threads=1)
        self._opener: SiblingOpener | None = None
        self._own: list[Workspace] = []  # the look-ups' own workspace, opened on a worker at the first look-up
        self._closing = threading.Event()
        self._segment: int | None = None
        self._locale: str | None = None
        self._source = ("", "")
        self._result: MemoryLookup | None = None
        self._result_for: int | None = None
        self._running: int | None = None  # the segment being looked up
        self._stale = False  # the memory changed while it was looked up: look up again when it ends
        self._stopped = False
        self.show_cell(None, None, "", "")

    def set_workspace(self, ws: Workspace) -> None:
        self._opener = ws.sibling_opener()

    def stop(self) -> None:
        """No look-up after this one (the window closes); the look-ups' workspace is closed on the look-ups'
        thread, after the look-up running and any queued (which then open nothing), and waited for."""
        self._stopped = True
        self._closing.set()
        own = self._own

        def close() -> Job[None]:
            for ws in own:
                ws.close()
            own.clear()
            return None
            yield  # a generator: the runner's job protocol

        self._runner.start(self.tr("Closing the memory"), close)
        self._runner.wait_all(30_000)  # the first look-up of a large memory builds its index for seconds

    # --- following the current cell ------------------------------------------------------------------------

    def show_cell(self, segment_id: int | None, locale: str | None, source: str, source_locale: str) -> None:
        same_segment = segment_id is not None and segment_id == self._segment
        self._segment, self._locale, self._source = segment_id, locale, (source, source_locale)
        if segment_id is None or locale is None:
            self._say(self.tr("Choose a translation cell: the memory's matches for it are shown here."))
            self.view.setHtml("")
            return
        if same_segment and self._result_for == segment_id:
            self._render()
            return
        self._result, self._result_for = None, None
        self._say(self.tr("Looking up the memory…"))
        self.view.setHtml("")
        self._look_up()

    def refresh(self) -> None:
        """Look the current segment up again (the memory changed: a confirmation, an import)."""
        self._result_for = None
        if self._running is not None:
            self._stale = True  # what the running look-up read may be from before the change
        elif self._segment is not None and self._locale is not None:
            self._look_up()

    def _look_up(self) -> None:
        if self._opener is None or self._stopped:
            self._say(self.tr("The memory is looked up in the main window."))
            return
        if self._running is not None:
            return  # when it ends, the segment shown then is looked up
        segment_id = self._segment
        assert segment_id is not None
        self._running = segment_id
        self._stale = False
        opener, own, closing = self._opener, self._own, self._closing

        def job() -> Job[MemoryLookup | None]:
            if closing.is_set():
                return None  # queued before the window closed: open nothing that nobody would close
            if not own:
                own.append(opener())
            return own[0].memory_lookup(segment_id)
            yield  # a generator: the runner's job protocol

        self._runner.start(self.tr("Looking up the memory"), job,
                           on_done=lambda result: self._arrived(segment_id, result),
                           on_failed=lambda exc: self._failed(segment_id, exc))

    def _arrived(self, segment_id: int, result: MemoryLookup | None) -> None:
        self._running = None
        if segment_id != self._segment or self._stale:
            if self._segment is not None and self._locale is not None:
                self._look_up()
            if segment_id != self._segment:
                return
        self._result, self._result_for = result, segment_id
        self._render()
        self.looked_up.emit()

    def _failed(self, segment_id: int, exc: BaseException) -> None:
        self._running = None
        if segment_id == self._segment:
            self._say(str(exc))
        elif self._segment is not None:
            self._look_up()

    # --- showing ------------------------------------------------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith(_INSERT_LINK):
            self.insert_requested.emit(int(link.removeprefix(_INSERT_LINK)))

    def matches(self) -> list[MemoryMatch]:
        """The matches shown for the current cell, best first."""
        if self._result is None or self._locale is None or self._result_for != self._segment:
            return []
        return self._result.for_locale(self._locale)

    def match(self, number: int) -> tuple[int, str, MemoryMatch] | None:
        """(segment id, locale, match) of match `number` (1, 2, …) shown for the current cell."""
        found = self.matches()
        if self._segment is None or self._locale is None or not 1 <= number <= len(found):
            return None
        return self._segment, self._locale, found[number - 1]

    def _say(self, text: str) -> None:
        self.status.setText(f'<span style="{_MUTED}">{html.escape(text)}</span>')

    def kind_words(self) -> dict[str, str]:
        return {"approved": self.tr("approved"), "translated": self.tr("confirmed"),
                "imported": self.tr("imported"), "imported-draft": self.tr("imported draft")}

    def _render(self) -> None:
        from studio.ui.side_panel import text_html  # the side panel imports this module: not at the top

        found = self.matches()
        locale = self._locale or ""
        if not found:
            self._say(self.tr("No match in the memory for this sentence in {0}.").format(language_name(locale)))
            self.view.setHtml("")
            return
        self._say(self.tr("%n match(es) in {0}; Ctrl+1 … Ctrl+5 insert one.", "", len(found))
                  .format(language_name(locale)))
        source, source_locale = self._source
        insert = self.tr("Insert")
        parts = []
        for number, m in enumerate(found, 1):
            facts = [self.kind_words().get(m.kind, m.kind), m.origin]
            if m.document_type:
                facts.append(m.document_type)
            colour = "#067647" if m.score >= 100 else "#175cd3" if m.score >= 85 else "#b54708"
            heading = (f'<p><b>Ctrl+{number}</b> &nbsp;<b style="color: {colour};">{m.score}%</b> '
                       f'<span style="{_MUTED}">· {html.escape(" · ".join(facts))}</span> &nbsp;'
                       f'<a href="{_INSERT_LINK}{number}">{html.escape(insert)}</a></p>')
            # What differs between the match's source and ours: struck through is the match's, underlined ours.
            diff = diff_html(diff_texts(m.source, source, source_locale)) if m.source != source else \
                html.escape(m.source, quote=False)
            parts += [heading, text_html(diff, source_locale), text_html(html.escape(m.target, quote=False), locale)]
            parts.append("<hr>")
        if any(m.source != source for m in found):
            legend = self.tr("Struck through: only in the memory's source; underlined: only in this sentence.")
            parts.append(f'<p style="{_MUTED}">{html.escape(legend)}</p>')
        else:
            parts.pop()
        self.view.setHtml("\n".join(parts))


class MemoryActions(QObject):
    """The window's memory actions and the propagation offer, wired to the window's editor, side panel and undo
    stack (kept here so that the window only installs them)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.side_panel.memory
        self._offer_for: tuple[int, str] | None = None
        self._concordance: ConcordanceDialog | None = None
        # The concordance and the propagation offers: apart from the engines' runner (20 s requests), and from
        # the tab's look-ups (the concordance's first search reads the whole memory).
        self.runner = JobRunner(self)

    def install(self, edit: QMenu, document: QMenu, add: Callable[..., QAction]) -> None:
        """Add the actions to the Edit and Document menus (`add` is the window's `_action`)."""
        w = self.window
        inserts = edit.addMenu(self.tr("Insert memory &match"))
        for number in range(1, MEMORY_KEYS + 1):
            add(inserts, self.tr("Match {0}").format(number), self._inserter(number), f"Ctrl+{number}",
                guard="translate")
        add(edit, self.tr("&Concordance…"), self.concordance, "Ctrl+K")
        memory = document.addMenu(self.tr("Translation &memory"))
        add(memory, self.tr("Pre-translate from the &memory…"), self.pretranslate, guard="translate")
        add(memory, self.tr("Import a translation memory (TMX)…"), self.import_tmx, guard="import")
        add(memory, self.tr("Export the translation memory (TMX)…"), self.export_tmx)
        self.tab.set_workspace(w.workspace)
        self.tab.insert_requested.connect(self.insert)
        w.editor.cell_confirmed.connect(self.offer_propagation)
        w.editor.propagation_bar.applied.connect(self.propagate)
        w.operations.did_change.connect(self._cells_changed)

    def stop(self) -> None:
        """The window closes: the look-ups end and the concordance and offers running are waited for."""
        self.tab.stop()
        self.runner.cancel_all()
        self.runner.wait_all(30_000)

    # --- inserting ----------------------------------------------------------------------------------------

    def _inserter(self, number: int) -> Callable[[], None]:
        return lambda: self.insert(number)

    def insert(self, number: int) -> None:
        """Ctrl+number: match `number` into the open editor (then it is the person's edit), or else stored at
        once as a draft with origin `tm:<score>`, one undo step."""
        w = self.window
        found = self.tab.match(number)
        current, view = w.editor.current(), w.editor.view
        if found is None or current is None or view is None \
                or (view.segments[current[0]].id, current[1]) != found[:2]:
            w.statusBar().showMessage(self.tr("No memory match {0} for this cell.").format(number), 8000)
            return
        editor = w.editor.editor()
        if editor is not None:
            editor.replace_all_undoably(found[2].target)
            return
        segment = view.segments[current[0]]
        locale = found[1]
        cell = segment.cells.get(locale)
        version = cell.version if cell is not None else None
        try:
            result = w.workspace.save_cell(segment.id, locale, found[2].target, version, origin=found[2].origin_tag)
        except StudioError as exc:
            w.editor.show_message(str(exc))
            w.editor.refresh_cell(segment.id, locale)
            return
        from studio.ui.undo import CellEditCommand

        after = result.row
        snapshot = CellSnapshot(segment.id, locale, after.text, after.state, after.origin, after.flagged,
                                after.outdated_source) if after else CellSnapshot(segment.id, locale, None)
        w.undo_stack.wrote((segment.id, locale), result.version)
        w.undo_stack.push(CellEditCommand(
            w.workspace, w.undo_stack, result.before, snapshot, version, result.version,
            self.tr("Insert a memory match into {0}").format(language_name(locale)),
            w.operations.changed, w.editor.show_message, draft=False))
        w.operations.changed(result.changes, w)

    # --- dialogs ------------------------------------------------------------------------------------------

    def concordance(self) -> None:
        """Ctrl+K: the concordance beside the grid (not modal: the editor may copy from it while typing); the
        text selected in the open editor is searched at once."""
        from studio.ui.concordance_dialog import ConcordanceDialog

        if self._concordance is None:
            self._concordance = ConcordanceDialog(self.window.workspace, self.runner, self.window)
        dialog = self._concordance
        editor = self.window.editor.editor()
        if editor is not None and editor.textCursor().hasSelection():
            dialog.search(editor.textCursor().selectedText())
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.query.setFocus()

    def pretranslate(self) -> None:
        from studio.ui.memory_pretranslate_dialog import MemoryPretranslateDialog

        w = self.window
        view = w.editor.view
        dialog = MemoryPretranslateDialog(w.editor.model.locales, view.row.title if view else None, w)
        accepted = dialog.exec()
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not accepted:
            return
        locales, min_score, this_document = chosen
        documents = [view.row.id] if this_document and view is not None else None
        w.run_job(self.tr("Pre-translating from the memory"),
                  lambda ws: _with_changes(ws.memory_pretranslate_job(locales, min_score=min_score,
                                                                       documents=documents)))

    def import_tmx(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        w = self.window
        paths, _ = QFileDialog.getOpenFileNames(w, self.tr("Import a translation memory"), "",
                                                self.tr("TMX files (*.tmx);;All files (*)"))
        if not paths:
            return
        chosen = [Path(p) for p in paths]

        def done(report: TmxImport) -> None:
            w.statusBar().showMessage(report.summary, 12000)
            self.tab.refresh()

        # On a worker: a memory of a few hundred thousand units takes seconds to read.
        w.runner.start(self.tr("Importing a translation memory"), on_worker(w.workspace, lambda ws: _now(
            ws.import_tmx, chosen)), on_done=done,
            on_failed=lambda exc: QMessageBox.warning(w, self.tr("Not imported"), str(exc)))

    def export_tmx(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        w = self.window
        path, _ = QFileDialog.getSaveFileName(w, self.tr("Export the translation memory"), "memory.tmx",
                                              self.tr("TMX files (*.tmx)"))
        if not path:
            return
        w.runner.start(self.tr("Exporting the translation memory"),
                       on_worker(w.workspace, lambda ws: _now(ws.export_tmx, path)),
                       on_done=lambda count: w.statusBar().showMessage(self.tr("Wrote %n unit(s)", "", count), 8000),
                       on_failed=lambda exc: QMessageBox.warning(w, self.tr("Not exported"), str(exc)))

    # --- propagation --------------------------------------------------------------------------------------

    def offer_propagation(self, segment_id: int, locale: str) -> None:
        """After a confirmation: find the identical sentences elsewhere on a worker, then offer them in the bar
        above the grid (no dialog: the editor goes on typing)."""
        w = self.window
        self._offer_for = (segment_id, locale)
        opener = w.workspace.sibling_opener()

        def job() -> Job[PropagationOffer | None]:
            with opener() as ws:
                return ws.propagation_offer(segment_id, locale)
            yield

        def arrived(found: PropagationOffer | None) -> None:
            if found is not None and self._offer_for == (segment_id, locale):
                w.editor.propagation_bar.offer(found)

        self.runner.start(self.tr("Looking for identical sentences"), job, on_done=arrived)
        self.tab.refresh()  # the memory just learnt this translation

    def _cells_changed(self, changes: Changes, _initiator: object | None) -> None:
        """The offer goes when the translation it offers does: the confirmed cell edited, withdrawn, or its
        confirmation undone (Apply would be refused then anyway)."""
        bar = self.window.editor.propagation_bar
        offer = bar.current
        if offer is None or (offer.segment_id, offer.locale) not in changes.cells:
            return
        cell = self.window.workspace.cell(offer.segment_id, offer.locale)
        if cell is None or cell.state not in (CellState.TRANSLATED, CellState.APPROVED) or cell.text != offer.text:
            bar.dismiss()

    def propagate(self, proposal: PropagationOffer) -> None:
        """Apply: the translation written into the offered sentences on a worker (a sentence such as "免费。" may
        stand in hundreds of guides), then one undo step for all of them."""
        w = self.window
        w.runner.start(self.tr("Using a translation for identical sentences"),
                       on_worker(w.workspace, lambda ws: _now(ws.propagate, proposal)),
                       on_done=self._propagated, on_failed=lambda exc: w.editor.show_message(str(exc)))

    def _propagated(self, result: Propagated) -> None:
        from studio.ui.undo import StoredEditCommand

        w = self.window
        if result.cells:
            for _before, after, version in result.cells:
                w.undo_stack.wrote((after.segment_id, after.locale), version)
            w.undo_stack.push(StoredEditCommand(
                w.workspace, w.undo_stack, [c[0] for c in result.cells], [c[1] for c in result.cells],
                self.tr("Use a translation for %n identical sentence(s)", "", len(result.cells)),
                w.operations.changed, w.editor.show_message, w.runner))
        w.operations.changed(result.changes, w)


def _now(call: Callable[..., R], *args: Any) -> Job[R]:
    """A call with no progress of its own as a job, so that it runs on the runner's worker."""
    return call(*args)
    yield  # a generator: the runner's job protocol


def _with_changes(job: Job[Any]) -> Job[Any]:
    """The job's report as the window's refresh wants it: its `changes`."""
    report = yield from job
    return report.changes
