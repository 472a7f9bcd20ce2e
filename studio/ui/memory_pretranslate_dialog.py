"""Document ▸ Pre-translate from the memory…: which languages, from which score, this document or all."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.memory.lookup import IN_CONTEXT, MIN_SCORE
from studio.ui.labels import language_name

DEFAULT_SCORE = 95  # an exact match, or one a word away: worth a draft; lower ones help more in the side panel


class MemoryPretranslateDialog(QDialog):
    """Languages (the grid's columns checked), the lowest score, and the scope."""

    def __init__(self, locales: Sequence[str], document_title: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pre-translate from the memory"))
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, code in enumerate(locales):
            box = QCheckBox(f"{language_name(code)} ({code})")
            box.setChecked(True)
            self.boxes[code] = box
            grid.addWidget(box, i // 4, i % 4)
        self.score = QSpinBox()
        self.score.setRange(MIN_SCORE, IN_CONTEXT)
        self.score.setValue(DEFAULT_SCORE)
        self.score.setSuffix(" %")
        self.this_document = QRadioButton(self.tr("This document: {0}").format(document_title or ""))
        self.everything = QRadioButton(self.tr("Every document"))
        self.this_document.setEnabled(document_title is not None)
        (self.this_document if document_title is not None else self.everything).setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Lowest score"), self.score)
        note = QLabel(self.tr("Missing and outdated cells get the best match as a draft (origin tm:score); "
                              "nothing anyone wrote is replaced."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Languages")))
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.this_document)
        layout.addWidget(self.everything)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[str], int, bool]:
        """(locales, lowest score, this document only)."""
        return ([code for code, box in self.boxes.items() if box.isChecked()], self.score.value(),
                self.this_document.isChecked())
