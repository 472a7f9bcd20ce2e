"""Creating, deleting and restoring documents: the New document dialog, the delete confirmation and the list
of deleted documents to restore from."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.content.importers import SLUG
from studio.content.types import FieldDef, content_types, get_content_type
from studio.errors import StudioError
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.inline_error import error_label, show_error
from studio.ui.labels import data_label, interface_locale, language_name
from studio.ui.source_form import SourceForm, ask_discard, field_path_of
from studio.workspace import Workspace

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1



def _type_label(name: str) -> str:
    types = content_types()
    return data_label(types[name].label) if name in types else name


def confirm_delete(parent: QWidget | None, title: str) -> bool:
    """Ask before deleting the document called `title`; deleting is undone from Document ▸ Deleted documents."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("DocumentDialogs", "Delete document"),
        QCoreApplication.translate(
            "DocumentDialogs", "Delete “{0}”?\n\nIt can be restored from Document ▸ Deleted documents.").format(title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class NewDocumentDialog(QDialog):
    """A new document: its type, section, slug and source language, then its fields in the type's form.

    Create hands everything to `Workspace.create_document`; on success the dialog is accepted with
    `created_id` and `changes` set, on a refusal it shows the message and keeps what was typed. Section titles
    are in `ui_locale` (by default the interface's).
    """

    def __init__(self, workspace: Workspace, section_key: str | None = None, parent: QWidget | None = None, *,
                 ui_locale: str | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.created_id: str | None = None
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("New document"))

        self.type_combo = QComboBox()
        for name in sorted(content_types(), key=_type_label):
            self.type_combo.addItem(_type_label(name), name)
        self.section_combo = QComboBox()
        for section in workspace.sections():
            self.section_combo.addItem(section.title(ui_locale or interface_locale()), section.key)
        if section_key is not None and (i := self.section_combo.findData(section_key)) >= 0:
            self.section_combo.setCurrentIndex(i)
        self.slug_edit = QLineEdit()
        self.slug_edit.setPlaceholderText(self.tr("e.g. residence-permit-renewal"))
        self.slug_edit.setToolTip(self.tr("The document's address on the portal: lower-case letters a–z, digits "
                                          "and hyphens; it cannot be changed later"))
        self.slug_hint = error_label()
        self.slug_hint.setWordWrap(False)
        self.locale_combo = QComboBox()
        for loc in LOCALES.values():
            name = language_name(loc.code)
            self.locale_combo.addItem(loc.native_name if name == loc.native_name else f"{loc.native_name} — {name}",
                                      loc.code)
        self.locale_combo.setCurrentIndex(self.locale_combo.findData(SOURCE_DEFAULT))

        head = QFormLayout()
        head.addRow(self.tr("&Type:"), self.type_combo)
        head.addRow(self.tr("&Section:"), self.section_combo)
        head.addRow(self.tr("S&lug:"), self.slug_edit)
        head.addRow("", self.slug_hint)
        head.addRow(self.tr("Source &language:"), self.locale_combo)

        self.form = self._make_form(self.type_combo.currentData())
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.create_document)
        self.buttons.rejected.connect(self.reject)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(head)
        self._layout.addWidget(self.form, 1)
        self._layout.addWidget(self.error)
        self._layout.addWidget(self.buttons)
        accept_with_keys(self, self.create_button, save=True)
        self.create_button.setToolTip(self.tr("Ctrl+Enter"))

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.locale_combo.currentIndexChanged.connect(
            lambda: self.form.set_source_locale(self.locale_combo.currentData()))
        self.slug_edit.textChanged.connect(self._check_slug)
        self.resize(760, 800)

    def slug_problem(self) -> str:
        """Why the slug typed cannot be used, or "" when it can."""
        slug = self.slug_edit.text().strip()
        if not slug:
            return self.tr("Give the document a slug.")
        if not SLUG.fullmatch(slug):
            return self.tr("A slug uses lower-case letters a–z, digits and hyphens, starts with a letter or a "
                           "digit and has at most 120 characters: “{0}” does not.").format(slug)
        return ""

    def create_document(self) -> None:
        problem = self.slug_problem()
        if problem:
            show_error(self.error, problem)
            self.slug_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            changes = self.workspace.create_document(
                self.type_combo.currentData(), self.section_combo.currentData(), self.slug_edit.text().strip(),
                self.form.values(), source_locale=self.locale_combo.currentData())
        except StudioError as exc:
            show_error(self.error, str(exc))
            self.form.focus_field(field_path_of(exc))
            return
        self.changes = changes
        self.created_id = next(iter(changes.documents))
        self.form.set_values(self.form.values())
        self.accept()

    def reject(self) -> None:
        typed = self.form.is_modified() or bool(self.slug_edit.text().strip())
        if typed and not ask_discard(self, self.slug_edit.text().strip() or self.tr("the new document")):
            return
        super().reject()

    def _make_form(self, type_name: str) -> SourceForm:
        form = SourceForm(get_content_type(type_name), self.locale_combo.currentData())
        form.set_values({})
        return form

    def _type_changed(self) -> None:
        # Fields the two types share (a title, a summary) keep what was typed in them.
        old = self.form
        new = self._make_form(self.type_combo.currentData())
        kept = {name: value for name, value in old.values().items()
                if _same_shape(new.content_type.field(name), old.content_type.field(name))}
        for name, value in kept.items():
            new.editors[name].set_value(value)
        self._layout.replaceWidget(old, new)
        old.hide()
        old.deleteLater()
        self.form = new

    def _check_slug(self) -> None:
        text = self.slug_edit.text().strip()
        invalid = bool(text) and not SLUG.fullmatch(text)
        show_error(self.slug_hint, self.tr("Only a–z, 0–9 and hyphens, starting with a letter or a digit")
                   if invalid else "")


def _same_shape(a: FieldDef | None, b: FieldDef | None) -> bool:
    return a is not None and b is not None and (a.kind, a.item_kind, a.items) == (b.kind, b.item_kind, b.items)


class DeletedDocumentsDialog(QDialog):
    """The deleted documents (title, type, slug); Restore brings the selected ones back as they were.

    `restored_ids` lists what was restored, in order; `documents_restored` fires with the ids of each restore
    so a window behind can refresh while this one stays open.
    """

    documents_restored = Signal(list)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.restored_ids: list[str] = []
        self.setWindowTitle(self.tr("Deleted documents"))

        self.list = QTreeWidget()
        self.list.setHeaderLabels([self.tr("Title"), self.tr("Type"), self.tr("Slug")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAllColumnsShowFocus(True)
        self.empty_label = QLabel(self.tr("No deleted documents."))
        self.error = error_label()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda *_: self.restore_selected())

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.restore_button)
        self.reload()
        self.resize(640, 420)

    def reload(self) -> None:
        self.list.clear()
        for row in self.workspace.deleted_documents():
            item = QTreeWidgetItem([row.title, _type_label(row.type), row.slug])
            item.setData(0, DOCUMENT_ID_ROLE, row.id)
            self.list.addTopLevelItem(item)
        for column in range(self.list.columnCount()):
            self.list.resizeColumnToContents(column)
        self._update_buttons()

    def restore_selected(self) -> None:
        restored: list[str] = []
        for item in self.list.selectedItems():
            doc_id = item.data(0, DOCUMENT_ID_ROLE)
            try:
                self.workspace.restore_document(doc_id)
            except StudioError as exc:
                show_error(self.error, str(exc))
                break
            restored.append(doc_id)
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(item))
        else:
            show_error(self.error, "")
        if restored:
            self.restored_ids.extend(restored)
            self.documents_restored.emit(restored)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectedItems()))
        self.empty_label.setVisible(self.list.topLevelItemCount() == 0)
