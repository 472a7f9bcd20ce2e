"""Inline error labels: a refusal shown in red beside what it refuses, selectable so it can be copied, readable
on light and dark backgrounds. Dialogs use them instead of message boxes so nothing typed is hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from studio.ui.theme import is_dark


def error_color(widget: QWidget) -> QColor:
    """A red that reads on the widget's background, light or dark."""
    return QColor("#ff6b6b") if is_dark(widget.palette()) else QColor("#c62828")


def error_label() -> QLabel:
    """A hidden label for refusals, already red."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _paint_red(label)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show `message` in `label` (hide it for an empty message)."""
    _paint_red(label)  # the theme may have changed since the label was made
    label.setText(message)
    label.setVisible(bool(message))


def _paint_red(label: QLabel) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_color(label))
    label.setPalette(palette)
