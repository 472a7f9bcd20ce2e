"""Undo and redo of stored edits: each command puts cells back through the workspace, version-checked.

`EditHistory` is the undo stack of one window, with the version of every cell as this window last wrote it:
undo and redo expect that version, so a change made by someone else meanwhile is refused as a conflict rather
than overwritten, while this window's own successive edits of a cell undo one after the other.

Commands are pushed after the write happened, so their first `redo()` (which QUndoStack calls on push) does
nothing. An autosaved draft merges into the previous command only when it continues exactly from it (same
cell, same text and version in between), so Ctrl+Z takes back one edit, not one pause in the typing.

Undo and redo of many cells (a replace-all) run as a job when a `JobRunner` is given, so the window never
freezes: the stack moves at once, the cells follow when the job ends. The job puts the cells back a chunk at a
time in one transaction (`Workspace.restore_cells_job`), with progress and a cancel point between chunks. If it
fails, nothing was changed, the user is told, and the command is dropped, as a refused undo always was; if it is
cancelled (at any chunk), nothing was changed either, the user is told, and the stack steps back to offer the
same undo (or redo) again. On the UI thread run only the runner's progress sampling and, at the end, noting the
cells' versions and refreshing the views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.changes import CellKey as Key
from studio.changes import Changes
from studio.errors import StudioError
from studio.ui.job_runner import CANCELLED, JobHandle, JobRunner, on_worker
from studio.workflow.cells import CellSnapshot
from studio.workspace import CellsRestored, Workspace

Refresh = Callable[[Changes], None]
"""Called with what a command changed (or, when it was refused, the cells it tried: views re-read them)."""
Report = Callable[[str], None]

_MERGE_ID = 7301
IN_BACKGROUND_FROM = 200
"""Cells from which undo and redo run as a job (about a tenth of a second of writing on a quiet machine)."""


class EditHistory(QUndoStack):
    """The undo stack, and the version of each cell as this window last wrote it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.versions: dict[Key, int | None] = {}

    def wrote(self, key: Key, version: int | None) -> None:
        self.versions[key] = version


class StoredEditCommand(QUndoCommand):
    """Cells from `befores` to `afters`, put back (and forth again) in one transaction each way.

    Pushed after the write happened: the first `redo()`, which QUndoStack calls on push, does nothing."""

    def __init__(self, ws: Workspace, history: EditHistory, befores: Sequence[CellSnapshot],
                 afters: Sequence[CellSnapshot], label: str, refresh: Refresh, report: Report,
                 runner: JobRunner | None = None) -> None:
        super().__init__(label)
        self.ws, self.history, self.befores, self.afters = ws, history, list(befores), list(afters)
        self.refresh, self.report, self.runner = refresh, report, runner
        self._pushed = False
        self._step_back = False  # set while the stack steps back over a cancelled job: that step writes nothing

    def _put(self, snapshots: list[CellSnapshot], *, undoing: bool) -> None:
        if self._step_back:
            self._step_back = False
            return
        if self.isObsolete():  # refused in the background: the stack drops it now, and nothing is written
            return
        keys = [(s.segment_id, s.locale) for s in snapshots]
        items = [(s, self.history.versions.get(k)) for s, k in zip(snapshots, keys, strict=True)]
        if self.runner is not None and len(items) >= IN_BACKGROUND_FROM:
            self._put_in_background(keys, items, self.runner, undoing=undoing)
            return
        try:
            restored = self.ws.restore_cells(items)
        except StudioError as exc:
            self._refused(str(exc))
            self.refresh(Changes(cells=frozenset(keys)))
        else:
            self._stored(keys, restored)
            self.refresh(restored.changes)

    def _put_in_background(self, keys: list[Key], items: list[tuple[CellSnapshot, int | None]],
                           runner: JobRunner, *, undoing: bool) -> None:
        label = self.text()

        def done(restored: CellsRestored) -> None:
            self._stored(keys, restored)
            self.refresh(restored.changes)

        def failed(exc: BaseException) -> None:
            self._refused(str(exc))
            self.refresh(Changes(cells=frozenset(keys)))  # show the cells as they are

        handle = runner.start(label, on_worker(self.ws, lambda ws: ws.restore_cells_job(items)),
                              on_done=done, on_failed=failed)

        def finished(ended: JobHandle[Any]) -> None:
            if ended is handle:
                runner.job_finished.disconnect(finished)
                if ended.state == CANCELLED:  # nothing changed: no view needs to read the cells again
                    self.report(QCoreApplication.translate("EditHistory", "{0}: cancelled; nothing was changed")
                                .format(label))
                    self._stepped_back(undoing=undoing)
        runner.job_finished.connect(finished)

    def _stepped_back(self, *, undoing: bool) -> None:
        """After a cancelled undo (or redo), which changed nothing, put the stack back where it was, so the same
        undo (or redo) is offered again; if the stack moved on meanwhile, drop the command instead."""
        if not shiboken6.isValid(self):  # the stack was cleared meanwhile (another user signed in)
            return
        stack, index = self.history, self.history.index()
        if undoing and index < stack.count() and stack.command(index) is self:
            self._step_back = True
            stack.redo()
        elif not undoing and index > 0 and stack.command(index - 1) is self:
            self._step_back = True
            stack.undo()
        else:
            self.setObsolete(True)

    def _stored(self, keys: list[Key], restored: CellsRestored) -> None:
        for key, version in zip(keys, restored.versions, strict=True):
            self.history.wrote(key, version)

    def _refused(self, message: str) -> None:
        self.report(message)
        # A job ends after the stack may have been cleared (another user signed in): the command is gone then.
        if shiboken6.isValid(self):
            self.setObsolete(True)

    def undo(self) -> None:
        self._put(self.befores, undoing=True)

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._put(self.afters, undoing=False)


class CellEditCommand(StoredEditCommand):
    """One edit of one cell: from `before` (stored as version `start`) to `after` (stored as `version`)."""

    def __init__(self, ws: Workspace, history: EditHistory, before: CellSnapshot, after: CellSnapshot,
                 start: int | None, version: int | None, label: str, refresh: Refresh, report: Report, *,
                 draft: bool) -> None:
        super().__init__(ws, history, [before], [after], label, refresh, report)
        self.start, self.version, self.draft = start, version, draft

    @property
    def key(self) -> Key:
        return self.afters[0].segment_id, self.afters[0].locale

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        continues = (isinstance(other, CellEditCommand) and self.draft and other.draft and other.key == self.key
                     and other.start == self.version and other.befores == self.afters)
        if continues:
            assert isinstance(other, CellEditCommand)
            self.afters, self.version = other.afters, other.version
        return continues
