"""Choosing the grid's language columns in one go, by keyboard as easily as by mouse: each language has a digit
(Alt+1 … Alt+8 tick or untick it), and "All" and "None" set them all."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studio.locales import LOCALES, targets_of
from studio.ui.labels import language_name

TARGETS = targets_of("zh-Hans")


class ColumnsDialog(QDialog):
    def __init__(self, shown: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language columns"))
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
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
        self._check()

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def _set_all(self, checked: bool) -> None:
        for box in self.boxes.values():
            box.setChecked(checked)

    def _check(self) -> None:
        # The grid needs at least one language beside the source.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))
