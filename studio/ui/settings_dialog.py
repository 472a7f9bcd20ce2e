"""The preferences dialog: interface language, theme, grid font size and which target languages the grid shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.locales import LOCALES
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.labels import language_name
from studio.ui.settings import GRID_FONT_SIZES, TARGET_LOCALES, Settings


class SettingsDialog(QDialog):
    """Edits `settings` and writes only what changed, on OK; Cancel leaves them untouched.

    `settings_changed` carries the names of the options OK changed (e.g. ["theme", "grid_font_size"]), so the
    caller can re-apply the theme or refresh the grid. The interface language takes effect at the next start.
    """

    settings_changed = Signal(list)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))

        self.language_combo = QComboBox()
        # Each language in its own name, so whoever cannot read the current one still finds theirs.
        for label, value in ((self.tr("System"), "system"), ("English", "en"), ("简体中文", "zh_CN")):
            self.language_combo.addItem(label, value)
        self._select(self.language_combo, settings.interface_language)
        self.language_combo.currentIndexChanged.connect(self._update_restart_note)

        self.restart_note = QLabel(self.tr("The interface language changes after a restart."))
        self.restart_note.setWordWrap(True)
        self.restart_note.setVisible(False)

        self.theme_combo = QComboBox()
        for label, value in ((self.tr("System"), "system"), (self.tr("Light"), "light"), (self.tr("Dark"), "dark")):
            self.theme_combo.addItem(label, value)
        self._select(self.theme_combo, settings.theme)

        self.font_size_spin = QSpinBox()
        self.font_size_spin.setRange(*GRID_FONT_SIZES)
        self.font_size_spin.setSuffix(self.tr(" pt"))
        self.font_size_spin.setValue(settings.grid_font_size)

        form = QFormLayout()
        for option, widget in ((Settings.interface_language, self.language_combo), (Settings.theme, self.theme_combo),
                               (Settings.grid_font_size, self.font_size_spin)):
            widget.setToolTip(option.translated_description())
            form.addRow(option.translated_title(), widget)
        form.addRow("", self.restart_note)

        self.locales_box = QGroupBox(Settings.visible_locales.translated_title())
        self.locales_box.setToolTip(Settings.visible_locales.translated_description())
        self.all_locales_check = QCheckBox(self.tr("All"))
        self.all_locales_check.clicked.connect(self._toggle_all_locales)
        self.locale_checks: dict[str, QCheckBox] = {}
        grid = QGridLayout(self.locales_box)
        grid.addWidget(self.all_locales_check, 0, 0, 1, 2)
        visible = set(settings.visible_locales)
        half = (len(TARGET_LOCALES) + 1) // 2
        for i, code in enumerate(TARGET_LOCALES):
            check = self._locale_check(code)
            check.setChecked(code in visible)
            check.toggled.connect(self._sync_all_locales)
            self.locale_checks[code] = check
            # Two columns, filled downwards, so the list reads in the grid's column order.
            grid.addWidget(check, 1 + i % half, i // half)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.locales_box)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        # Wide enough that the restart note fits on one line in both interface languages.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.restart_note.text()) + 160)
        self._sync_all_locales()

    def chosen(self) -> dict[str, object]:
        """The values the dialog shows now, by option name."""
        return {
            "interface_language": self.language_combo.currentData(),
            "theme": self.theme_combo.currentData(),
            "grid_font_size": self.font_size_spin.value(),
            "visible_locales": [code for code, check in self.locale_checks.items() if check.isChecked()],
        }

    def accept(self) -> None:
        changed = [name for name, value in self.chosen().items() if getattr(self.settings, name) != value]
        for name in changed:
            setattr(self.settings, name, self.chosen()[name])
        if changed:
            self.settings.sync()
        super().accept()
        if changed:
            self.settings_changed.emit(changed)

    def _locale_check(self, code: str) -> QCheckBox:
        locale = LOCALES[code]
        check = QCheckBox(locale.native_name)
        check.setToolTip(f"{language_name(code)} ({code})")
        # The locale's own font, so Japanese and Korean names are drawn with their own glyph shapes.
        font = QFont(check.font())
        font.setFamilies([locale.font_family, *font.families()])
        check.setFont(font)
        return check

    def _select(self, combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def _update_restart_note(self) -> None:
        self.restart_note.setVisible(self.language_combo.currentData() != self.settings.interface_language)

    def _toggle_all_locales(self) -> None:
        everything = all(check.isChecked() for check in self.locale_checks.values())
        for check in self.locale_checks.values():
            check.setChecked(not everything)
        self._sync_all_locales()

    def _sync_all_locales(self) -> None:
        count = sum(check.isChecked() for check in self.locale_checks.values())
        if count == len(self.locale_checks):
            state = Qt.CheckState.Checked
        elif count:
            state = Qt.CheckState.PartiallyChecked
        else:
            state = Qt.CheckState.Unchecked
        self.all_locales_check.setCheckState(state)
        # A grid without a single target language has nothing to translate into.
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(count > 0)
        ok.setToolTip("" if count else self.tr("Choose at least one language."))
