"""The window's one refresh path: every write's `Changes` are announced here, and each view refreshes its part.

As Anki's `operation_did_execute`: whoever wrote (the grid storing a cell, an undo, a review, a job that ended)
announces what changed, naming itself as the initiator; every view listening decides what concerns it, and the
initiator may skip what it already shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from studio.changes import Changes


class Operations(QObject):
    did_change = Signal(object, object)  # (Changes, the initiator or None)

    def changed(self, changes: Changes, initiator: object | None = None) -> None:
        self.did_change.emit(changes, initiator)
