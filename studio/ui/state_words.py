"""The states of a cell in words, in the interface language: every view names states the same way, and never by
colour alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.states import CellState


def state_names() -> dict[str, str]:
    # Spelled out (not through an alias) so pyside6-lupdate finds each string.
    return {
        CellState.MISSING: QCoreApplication.translate("States", "missing"),
        CellState.DRAFT: QCoreApplication.translate("States", "draft"),
        CellState.TRANSLATED: QCoreApplication.translate("States", "translated"),
        CellState.APPROVED: QCoreApplication.translate("States", "approved"),
        CellState.OUTDATED: QCoreApplication.translate("States", "outdated"),
    }
