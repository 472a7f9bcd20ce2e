"""Undo and redo of stored edits: each command puts cells back through the workspace, version-checked.

Commands are pushed after the write happened, so their first `redo()` (which QUndoStack calls on push) does
nothing. Drafts autosaved while typing in one cell merge into one command, so Ctrl+Z takes back the whole
edit, not one pause in the typing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from studio.errors import StudioError
from studio.workflow.cells import CellSnapshot
from studio.workspace import Workspace

Refresh = Callable[[int, str], None]
"""Called with (segment id, locale) after a cell was put back, so open views re-read it."""
Report = Callable[[str], None]

_MERGE_ID = 7301


class CellEditCommand(QUndoCommand):
    """One edit of one cell: from `before` to `after`, stored as version `version` (None: missing)."""

    def __init__(self, ws: Workspace, before: CellSnapshot, after: CellSnapshot, version: int | None,
                 label: str, refresh: Refresh, report: Report, *, draft: bool) -> None:
        super().__init__(label)
        self.ws, self.before, self.after, self.version = ws, before, after, version
        self.refresh, self.report, self.draft = refresh, report, draft
        self._pushed = False

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Only drafts of the same cell merge; a confirmation stays a step of its own.
        if not (isinstance(other, CellEditCommand) and self.draft and other.draft
                and (other.before.segment_id, other.before.locale) == (self.after.segment_id, self.after.locale)):
            return False
        self.after, self.version = other.after, other.version
        return True

    def _put(self, snapshot: CellSnapshot) -> None:
        try:
            self.version = self.ws.restore_cell(snapshot, self.version).version
        except StudioError as exc:
            self.report(str(exc))
            self.setObsolete(True)
        self.refresh(snapshot.segment_id, snapshot.locale)

    def undo(self) -> None:
        self._put(self.before)

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._put(self.after)


class ManyCellsCommand(QUndoCommand):
    """A replace-all: many cells, undone and redone in one transaction each."""

    def __init__(self, ws: Workspace, befores: Sequence[CellSnapshot], afters: Sequence[CellSnapshot],
                 versions: Sequence[int | None], label: str, refresh: Refresh, report: Report) -> None:
        super().__init__(label)
        self.ws, self.befores, self.afters, self.versions = ws, list(befores), list(afters), list(versions)
        self.refresh, self.report = refresh, report
        self._pushed = False

    def _put(self, snapshots: list[CellSnapshot]) -> None:
        try:
            self.versions = self.ws.restore_cells(list(zip(snapshots, self.versions, strict=True)))
        except StudioError as exc:
            self.report(str(exc))
            self.setObsolete(True)
        for snap in snapshots:
            self.refresh(snap.segment_id, snap.locale)

    def undo(self) -> None:
        self._put(self.befores)

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._put(self.afters)
