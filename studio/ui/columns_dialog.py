"""Choosing the grid's language columns in one go, by keyboard as easily as by mouse: each language has a digit
(Alt+1 … Alt+8 tick or untick it), and "All" and "None" set them all."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.locales import LOCALES, SOURCE_DEFAULT, targets_of
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.labels import language_name

TARGETS = targets_of(SOURCE_DEFAULT)
TITLE_BAR_BUTTONS = 160  # an icon and the close, maximise and minimise buttons of common title bars


class ColumnsDialog(QDialog):
    def __init__(self, shown: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language columns"))
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The languages shown as columns of the grid:"))
        layout.addWidget(intro)
        for i, code in enumerate(TARGETS, start=1):
            box = QCheckBox(f"&{i}  {language_name(code)} · {LOCALES[code].native_name} ({code})")
            box.setChecked(code in shown)
            box.toggled.connect(self._check)
            layout.addWidget(box)
            self.boxes[code] = box
        quick = QHBoxLayout()
        for text, value in ((self.tr("&All"), True), (self.tr("&None"), False)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, v=value: self._set_all(v))
            quick.addWidget(button)
        layout.addLayout(quick)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self._check()
        # The check boxes alone make a dialog narrower than its title: the title bar cut it to "Langua…".
        # Leave room for the title in the title bar's font and for the window buttons beside it.
        # QtWidgets.pyi types the class-name overload `bytes | bytearray | memoryview`, but PySide6 6.11 accepts
        # only a str here (bytes raises ValueError), so the stub is wrong.
        title_font = QApplication.font("QMdiSubWindowTitleBar")  # type: ignore[call-overload]
        title_font.setBold(True)  # as most window managers draw titles
        title_width = QFontMetrics(title_font).horizontalAdvance(self.windowTitle())
        self.setMinimumWidth(max(self.sizeHint().width(), title_width + TITLE_BAR_BUTTONS))

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def _set_all(self, checked: bool) -> None:
        for box in self.boxes.values():
            box.setChecked(checked)

    def _check(self) -> None:
        # The grid needs at least one language beside the source.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))
