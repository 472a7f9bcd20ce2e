"""The pre-translation dialog: which languages, which engine, what to fill, and whether earlier machine drafts
may be replaced. Nothing is written here: the window runs the chosen pre-translation as a job (progress, time
left and Cancel in the jobs panel), and the one refresh path shows its drafts when it ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from studio.ui.choice_boxes import locale_box, scope_box
from studio.ui.dialog_keys import accept_with_keys


@dataclass(frozen=True)
class PretranslateScope:
    """What to fill: these documents, a section, or (neither) every live document; `label` says it to the user."""

    label: str
    documents: tuple[str, ...] | None = None
    section: str | None = None

    @property
    def everything(self) -> bool:
        return self.documents is None and self.section is None


@dataclass(frozen=True)
class PretranslateRequest:
    """What the dialog asks for: `engine` None means each language's own route of engines."""

    locales: tuple[str, ...]
    engine: str | None
    scope: PretranslateScope
    replace_machine: bool


@dataclass(frozen=True)
class EngineChoice:
    name: str
    label: str


class PretranslateDialog(QDialog):
    """`scopes` are offered in order, the first chosen (every document is always offered last); `locales` are
    checked at first (the grid's visible columns); `engines` are those set up on this computer."""

    def __init__(self, scopes: Sequence[PretranslateScope], locales: Sequence[str], engines: Sequence[EngineChoice],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pre-translate"))
        intro = QLabel(self.tr("Fill the missing and outdated cells with machine drafts. Text a person wrote is "
                               "never replaced."))
        intro.setWordWrap(True)
        self.scopes = [s for s in scopes if not s.everything] + [PretranslateScope(self.tr("Every document"))]
        self.scope_box, self.scope_buttons = scope_box(self.tr("What to fill"), [scope.label for scope in self.scopes])
        self.locale_box, self.locale_checks = locale_box(self.tr("Into"), locales, self._update_ok)
        self.engine_combo = QComboBox()
        self.engine_combo.addItem(self.tr("Each language's route of engines"), None)
        for engine in engines:
            self.engine_combo.addItem(engine.label, engine.name)
        self.engine_combo.setToolTip(self.tr("Engines and routes are set up in File ▸ Settings ▸ Machine "
                                             "translation."))
        self.replace_check = QCheckBox(self.tr("Replace earlier machine drafts"))
        self.replace_check.setToolTip(self.tr("Drafts a machine wrote before are translated again; a person's "
                                              "text stays as it is."))
        form = QFormLayout()
        form.addRow(self.tr("Engine:"), self.engine_combo)
        form.addRow("", self.replace_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Pre-translate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scope_box)
        layout.addWidget(self.locale_box)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.ok_button)
        self._update_ok()


    def _update_ok(self) -> None:
        chosen = bool(self.chosen_locales())
        self.ok_button.setEnabled(chosen)
        self.ok_button.setToolTip("" if chosen else self.tr("Choose at least one language."))

    def chosen_locales(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.locale_checks.items() if check.isChecked())

    def request(self) -> PretranslateRequest:
        """The pre-translation the dialog shows now."""
        scope = self.scopes[max(self.scope_buttons.checkedId(), 0)]
        return PretranslateRequest(self.chosen_locales(), self.engine_combo.currentData(), scope,
                                   self.replace_check.isChecked())
