"""The two boxes the job dialogs share (pre-translation, export): which documents, and which languages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QGridLayout, QGroupBox, QRadioButton, QVBoxLayout

from studio.locales import LOCALES, SOURCE_DEFAULT, targets_of
from studio.ui.labels import language_name


def scope_box(title: str, labels: Sequence[str]) -> tuple[QGroupBox, QButtonGroup]:
    """Radio buttons, one per label, the first checked; the group's ids are the labels' positions."""
    box = QGroupBox(title)
    group = QButtonGroup(box)
    layout = QVBoxLayout(box)
    for i, label in enumerate(labels):
        button = QRadioButton(label)
        button.setChecked(i == 0)
        group.addButton(button, i)
        layout.addWidget(button)
    return box, group


TARGETS = targets_of(SOURCE_DEFAULT)


def locale_box(title: str, checked: Sequence[str],
               toggled: Callable[[], None]) -> tuple[QGroupBox, dict[str, QCheckBox]]:
    """A check box per target language, named in its own script and font, in two columns filled downwards (the
    grid's order); `toggled` is called when any changes."""
    box = QGroupBox(title)
    grid = QGridLayout(box)
    checks: dict[str, QCheckBox] = {}
    half = (len(TARGETS) + 1) // 2
    for i, code in enumerate(TARGETS):
        check = QCheckBox(LOCALES[code].native_name)
        check.setToolTip(f"{language_name(code)} ({code})")
        font = QFont(check.font())
        font.setFamilies([LOCALES[code].font_family, *font.families()])
        check.setFont(font)
        check.setChecked(code in checked)
        check.toggled.connect(toggled)
        checks[code] = check
        grid.addWidget(check, i % half, i // half)
    return box, checks
