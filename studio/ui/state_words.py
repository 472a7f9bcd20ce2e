"""The states of a cell in words, in the interface language: every view names states the same way, and never by
colour alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def state_names() -> dict[str, str]:
    # Spelled out (not through an alias) so pyside6-lupdate finds each string.
    return {
        "missing": QCoreApplication.translate("States", "missing"),
        "draft": QCoreApplication.translate("States", "draft"),
        "translated": QCoreApplication.translate("States", "translated"),
        "approved": QCoreApplication.translate("States", "approved"),
        "outdated": QCoreApplication.translate("States", "outdated"),
    }
