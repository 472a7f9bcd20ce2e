"""Undo and redo of stored edits: each command puts cells back through the workspace, version-checked.

`EditHistory` is the undo stack of one window, with the version of every cell as this window last wrote it:
undo and redo expect that version, so a change made by someone else meanwhile is refused as a conflict rather
than overwritten, while this window's own successive edits of a cell undo one after the other.

Commands are pushed after the write happened, so their first `redo()` (which QUndoStack calls on push) does
nothing. An autosaved draft merges into the previous command only when it continues exactly from it (same
cell, same text and version in between), so Ctrl+Z takes back one edit, not one pause in the typing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from studio.errors import StudioError
from studio.workflow.cells import CellSnapshot
from studio.workspace import Workspace

Key = tuple[int, str]  # (segment id, locale)
Refresh = Callable[[list[Key]], None]
"""Called with the cells a command put back, so open views re-read them."""
Report = Callable[[str], None]

_MERGE_ID = 7301


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
                 afters: Sequence[CellSnapshot], label: str, refresh: Refresh, report: Report) -> None:
        super().__init__(label)
        self.ws, self.history, self.befores, self.afters = ws, history, list(befores), list(afters)
        self.refresh, self.report = refresh, report
        self._pushed = False

    def _put(self, snapshots: list[CellSnapshot]) -> None:
        keys = [(s.segment_id, s.locale) for s in snapshots]
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # thousands of cells take seconds
        try:
            versions = self.ws.restore_cells([(s, self.history.versions.get(k)) for s, k in zip(snapshots, keys,
                                                                                                 strict=True)])
            for key, version in zip(keys, versions, strict=True):
                self.history.wrote(key, version)
        except StudioError as exc:
            self.report(str(exc))
            self.setObsolete(True)
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh(keys)

    def undo(self) -> None:
        self._put(self.befores)

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._put(self.afters)


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
