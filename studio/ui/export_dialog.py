"""File ▸ Export translations…: which format, which documents, which languages, and where to.

Nothing is written here: the window runs the export as a job (`Workspace.export_translations_job`). One file is
made per language; several go into a .zip archive (one attachment to send to an agency) or a folder. The
destination's name says which, as for `studio export -o`: .zip an archive, another extension one file, no
extension (or an existing folder) a folder. A file or archive that exists is replaced only after asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.choice_boxes import locale_box, scope_box
from studio.ui.dialog_keys import accept_with_keys

EXTENSIONS = {"po": "po", "xliff": "xlf", "xliff12": "xlf", "csv": "csv"}


@dataclass(frozen=True)
class ExportScope:
    """Which documents: these (ids), a section, or (neither) every live document; `label` says it to the user and
    `name` starts the files' names (a slug, a section key, "portal")."""

    label: str
    name: str = "portal"
    documents: tuple[str, ...] | None = None
    section: str | None = None

    @property
    def everything(self) -> bool:
        return self.documents is None and self.section is None


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asks for: a format of `Workspace.export_translations_job`, the languages, the documents
    (a scope) and the destination (a file, a folder or a .zip)."""

    format: str
    locales: tuple[str, ...]
    scope: ExportScope
    path: Path


class ExportDialog(QDialog):
    """`scopes` are offered in order, the first chosen (every document is always offered last); `locales` are
    checked at first; `folder` is where the destination is suggested."""

    def __init__(self, scopes: Sequence[ExportScope], locales: Sequence[str], folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export translations"))
        self.folder = folder
        intro = QLabel(self.tr("Export translations for outside translators. Each unit keeps its sentence's id, so "
                               "Import translations puts the returned file back in the right cells."))
        intro.setWordWrap(True)
        self.format_combo = QComboBox()
        for name, label in (("xliff", self.tr("XLIFF 2.1 (memoQ, Trados, Okapi)")),
                            ("xliff12", self.tr("XLIFF 1.2 (older CAT tools)")),
                            ("po", self.tr("Gettext PO (Poedit, Weblate)")),
                            ("csv", self.tr("CSV (a spreadsheet)"))):
            self.format_combo.addItem(label, name)
        self.scopes = [s for s in scopes if not s.everything] + [ExportScope(self.tr("Every document"))]
        self.scope_box, self.scope_buttons = scope_box(self.tr("Documents"), [scope.label for scope in self.scopes])
        self.locale_box, self.locale_checks = locale_box(self.tr("Languages (one file each)"), locales, self._update)
        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(self._path_edited)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        self.where_hint = QLabel()
        self.where_hint.setWordWrap(True)
        self.where_hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Save to:"), where)
        form.addRow("", self.where_hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.scope_box)
        layout.addWidget(self.locale_box)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.ok_button)
        self._path_chosen = False  # once the user typed or browsed a destination, it is no longer suggested
        self._browsed = False  # the destination came from the file browser, which asked before replacing
        self.format_combo.currentIndexChanged.connect(self._update)
        self.scope_buttons.idToggled.connect(self._update)
        self._update()


    def chosen_locales(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.locale_checks.items() if check.isChecked())

    def scope(self) -> ExportScope:
        return self.scopes[max(self.scope_buttons.checkedId(), 0)]

    def suggested_path(self) -> Path:
        """One language of one document: the file itself; anything more: a .zip of one file per language."""
        locales = self.chosen_locales()
        fmt = self.format_combo.currentData()
        if len(locales) == 1 and (fmt != "xliff" or self.scope().documents):
            return self.folder / f"{self.scope().name}.{locales[0]}.{EXTENSIONS[fmt]}"
        return self.folder / f"{self.scope().name}-{fmt}.zip"

    def _update(self) -> None:
        if not self._path_chosen:
            self.path_edit.setText(str(self.suggested_path()))
        path = Path(self.path_edit.text().strip() or ".").expanduser()
        several = len(self.chosen_locales()) > 1 or (self.format_combo.currentData() == "xliff"
                                                     and not self.scope().documents)
        folder = path.is_dir() or not path.suffix
        one_file_only = several and not folder and path.suffix.lower() != ".zip"
        self.where_hint.setText(
            self.tr("One archive with a file per language.") if path.suffix.lower() == ".zip" else
            self.tr("A folder, with a file per language.") if folder else
            self.tr("Several languages make several files: give a folder or a name ending in .zip.")
            if one_file_only and len(self.chosen_locales()) > 1 else self.tr("One file."))
        ok = bool(self.chosen_locales()) and bool(self.path_edit.text().strip()) and not (
            one_file_only and len(self.chosen_locales()) > 1)
        self.ok_button.setEnabled(ok)
        self.ok_button.setToolTip("" if ok else self.tr("Choose at least one language and where to save."))

    def _path_edited(self) -> None:
        self._path_chosen = True
        self._browsed = False
        self._update()

    def accept(self) -> None:
        """Export, but ask first before replacing a file or archive that exists (the file browser asked already
        when the path came from it)."""
        path = self.request().path
        if path.is_file() and not self._browsed:
            answer = QMessageBox.question(
                self, self.tr("Export translations"),
                self.tr("{0} already exists. Replace it?").format(str(path)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()

    def _browse(self) -> None:
        current = self.path_edit.text().strip() or str(self.suggested_path())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export translations to"), current,
                                              self.tr("Archive or file (*.zip *.po *.xlf *.csv);;All files (*)"))
        if path:
            self._path_chosen = True
            self.path_edit.setText(path)
            self._browsed = True
            self._update()

    def request(self) -> ExportRequest:
        """The export the dialog shows now."""
        return ExportRequest(self.format_combo.currentData(), self.chosen_locales(), self.scope(),
                             Path(self.path_edit.text().strip()).expanduser())
