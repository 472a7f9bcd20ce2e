"""Document ▸ Release… (supervisors): compose a release, see its gates and how it differs from the portal, push it
with progress, follow each item's state, keep the history, roll back; and resolve what someone changed on the portal
(the three-way view).

Nothing here opens a session: reads are `Workspace` calls that return plain rows; checking the gates of a whole
portal, composing and pushing, pulling and rolling back run as jobs through the window's runner (the portal's token
is read from the keyring on the job's thread, never on the window's), and what they change is announced through
`Operations.changed`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.errors import StudioError
from studio.jobs import Job
from studio.locales import LOCALE_CODES, LOCALES
from studio.permissions import refusal
from studio.sync.config import PortalSettings
from studio.sync.gates import UNCHANGED, Candidate, ReleasePlan
from studio.sync.push import PushReport
from studio.sync.releases import PortalChange, ReleaseItemRow, ReleaseRow
from studio.ui.job_runner import CANCELLED, JobHandle, JobRunner, on_worker
from studio.ui.labels import interface_locale, language_name
from studio.ui.operations import Operations
from studio.ui.side_panel import local_time
from studio.ui.three_way_dialog import KEEP_OURS, ThreeWayDialog
from studio.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
_HELD = QColor(255, 228, 225)
_GOING = QColor(226, 244, 226)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of plain rows; each row's cells are made once, when the rows are set (`data()` only reads)."""

    def __init__(self, headers: Sequence[str], cells: Callable[[Row], Sequence[str]],
                 colour: Callable[[Row], QColor | None] | None = None) -> None:
        super().__init__()
        self.headers = list(headers)
        self._cells = cells
        self._colour = colour
        self.rows: list[Row] = []
        self._shown: list[Sequence[str]] = []
        self._brushes: list[QBrush | None] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._shown = [self._cells(r) for r in self.rows]
        colours = [self._colour(r) if self._colour else None for r in self.rows]
        self._brushes = [QBrush(c) if c is not None else None for c in colours]
        self.endResetModel()

    def row(self, n: int) -> Row:
        return self.rows[n]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or index.column() >= len(self.headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._shown[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[index.row()]
        return None


def _table(model: QAbstractTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


@dataclass(frozen=True)
class Scope:
    """What the supervisor chose to release: everything ready, or these documents, or these sections."""

    documents: tuple[str, ...] | None = None
    sections: tuple[str, ...] | None = None
    locales: tuple[str, ...] | None = None


class ConnectDialog(QDialog):
    """The portal's address and token. Without a keyring, the token can be kept for this session only."""

    def __init__(self, settings: PortalSettings, has_keyring: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to the portal"))
        self.url = QLineEdit(settings.url or "https://")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_only = QCheckBox(self.tr("Keep the token for this session only"))
        if not has_keyring:
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
            self.session_only.setToolTip(self.tr("This computer has no keyring to keep it in."))
        form = QFormLayout(self)
        form.addRow(self.tr("Address:"), self.url)
        form.addRow(self.tr("Token:"), self.token)
        form.addRow("", self.session_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ReleaseDialog(QDialog):
    """The release window: Compose, History and Changes on the portal (see the module docstring)."""

    def __init__(self, workspace: Workspace, runner: JobRunner, operations: Operations,
                 settings: PortalSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Releases"))
        self.workspace = workspace
        self.runner = runner
        self.operations = operations
        self.settings = settings if settings is not None else PortalSettings()
        self.plan: ReleasePlan | None = None
        self.job: JobHandle[Any] | None = None
        self._refresh_items = QTimer(self, singleShot=True, interval=1000)
        self._refresh_items.timeout.connect(self.show_history)

        self.portal_label = QLabel()
        self.connect_button = QPushButton(self.tr("Connect…"))
        self.connect_button.clicked.connect(self.connect_portal)
        self.pull_button = QPushButton(self.tr("Pull changes from the portal"))
        self.pull_button.clicked.connect(self.pull)
        top = QHBoxLayout()
        top.addWidget(self.portal_label, 1)
        top.addWidget(self.connect_button)
        top.addWidget(self.pull_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._compose_tab(), self.tr("Compose"))
        self.tabs.addTab(self._history_tab(), self.tr("History"))
        self.tabs.addTab(self._changes_tab(), self.tr("Changes on the portal"))

        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.runner.job_progressed.connect(self._progressed)
        self.runner.job_finished.connect(self._finished)
        self.resize(1100, 720)
        self.refresh()

    # --- the three tabs -------------------------------------------------------------------------------------

    def _compose_tab(self) -> QWidget:
        tab = QWidget()
        scope_box = QGroupBox(self.tr("What to release"))
        self.scope_group = QButtonGroup(scope_box)
        self.all_ready = QRadioButton(self.tr("Everything ready"))
        self.all_ready.setToolTip(self.tr("Every document and language that passes the checks and differs from "
                                          "what the portal has live"))
        self.by_document = QRadioButton(self.tr("These documents:"))
        self.by_section = QRadioButton(self.tr("These sections:"))
        for n, button in enumerate((self.all_ready, self.by_document, self.by_section)):
            self.scope_group.addButton(button, n)
        self.all_ready.setChecked(True)
        self.documents = QListWidget()
        self.documents.setMaximumHeight(110)
        self.sections = QListWidget()
        self.sections.setMaximumHeight(110)
        for row in self.workspace.sections():
            item = QListWidgetItem(row.title(interface_locale()))
            item.setData(Qt.ItemDataRole.UserRole, row.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sections.addItem(item)
        grid = QGridLayout(scope_box)
        grid.addWidget(self.all_ready, 0, 0, 1, 2)
        grid.addWidget(self.by_document, 1, 0)
        grid.addWidget(self.documents, 1, 1)
        grid.addWidget(self.by_section, 2, 0)
        grid.addWidget(self.sections, 2, 1)
        locale_box = QGroupBox(self.tr("Languages"))
        locale_grid = QGridLayout(locale_box)
        self.locale_checks: dict[str, QCheckBox] = {}
        for n, code in enumerate(LOCALE_CODES):
            check = QCheckBox(LOCALES[code].native_name)
            check.setToolTip(f"{language_name(code)} ({code})")
            check.setChecked(True)
            self.locale_checks[code] = check
            locale_grid.addWidget(check, n // 3, n % 3)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Run the checks and compare with the portal; nothing is sent"))
        self.check_button.clicked.connect(self.check)
        self.candidates = RowsModel[Candidate](
            [self.tr("Document"), self.tr("Language"), self.tr("Goes"), self.tr("Compared with the portal"),
             self.tr("Why not")], self._candidate_cells,
            lambda c: _GOING if c.included else (_HELD if not c.ready else None))
        self.candidate_table = _table(self.candidates)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A title for the release, e.g. Work permits, March"))
        self.title.textChanged.connect(self._update_buttons)
        self.push_button = QPushButton(self.tr("Compose and push"))
        self.push_button.clicked.connect(self.compose_and_push)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Title:")))
        bottom.addWidget(self.title, 1)
        bottom.addWidget(self.push_button)
        for box in (scope_box, locale_box):  # the table of what goes gets the height
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(tab)
        upper = QHBoxLayout()
        upper.addWidget(scope_box, 2)
        upper.addWidget(locale_box, 1)
        layout.addLayout(upper)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.candidate_table, 1)
        layout.addLayout(bottom)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget()
        self.history = RowsModel[ReleaseRow](
            [self.tr("Title"), self.tr("State"), self.tr("Items"), self.tr("Composed"), self.tr("Published"),
             self.tr("By"), self.tr("Note")],
            lambda r: (r.title, self._state_words(r.state), str(r.items), local_time(r.created_at),
                       local_time(r.published_at) if r.published_at else "", r.created_by, r.error or ""))
        self.history_table = _table(self.history)
        self.history_table.selectionModel().selectionChanged.connect(self._release_selected)
        self.items = RowsModel[ReleaseItemRow](
            [self.tr("Document"), self.tr("Language"), self.tr("State"), self.tr("Version"), self.tr("Note")],
            lambda i: (i.slug, self._locale_words(i.locale), self._state_words(i.state),
                       str(i.staged_version or ""), i.error or ""),
            lambda i: _HELD if i.state in ("conflict", "failed", "left_out") else None)
        self.items_table = _table(self.items)
        self.resume_button = QPushButton(self.tr("Push again"))
        self.resume_button.setToolTip(self.tr("Send what is left and publish; what the portal has already is not "
                                              "sent twice"))
        self.resume_button.clicked.connect(self.resume)
        self.leave_out_button = QPushButton(self.tr("Leave out what failed"))
        self.leave_out_button.clicked.connect(self.leave_out)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.clicked.connect(self.discard)
        self.rollback_button = QPushButton(self.tr("Roll back"))
        self.rollback_button.setToolTip(self.tr("Publish the versions that were live before this release, as a new "
                                                "release"))
        self.rollback_button.clicked.connect(self.roll_back)
        buttons = QHBoxLayout()
        for button in (self.resume_button, self.leave_out_button, self.discard_button, self.rollback_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.history_table)
        split.addWidget(self.items_table)
        layout = QVBoxLayout(tab)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return tab

    def _changes_tab(self) -> QWidget:
        tab = QWidget()
        self.changes = RowsModel[PortalChange](
            [self.tr("Document"), self.tr("Language"), self.tr("On the portal")],
            lambda c: (c.slug, self._locale_words(c.locale),
                       self.tr("deleted") if c.deleted else self.tr("changed (version {0})").format(c.portal_version)))
        self.changes_table = _table(self.changes)
        self.changes_table.doubleClicked.connect(lambda _: self.compare())
        self.compare_button = QPushButton(self.tr("Compare and decide…"))
        self.compare_button.clicked.connect(self.compare)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("What someone else changed on the portal since Studio pushed it (as far as "
                                        "the last pull knows). It is held back from releases until you decide.")))
        layout.addWidget(self.changes_table, 1)
        layout.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    # --- words ----------------------------------------------------------------------------------------------

    def _state_words(self, state: str) -> str:
        return {"composed": self.tr("composed"), "pushing": self.tr("pushing"), "published": self.tr("published"),
                "failed": self.tr("failed"), "pending": self.tr("waiting"), "staged": self.tr("staged"),
                "conflict": self.tr("changed on the portal"), "left_out": self.tr("left out")}.get(state, state)

    def _locale_words(self, locale: str | None) -> str:
        return language_name(locale) if locale else self.tr("neutral facts (core)")

    def _candidate_cells(self, c: Candidate) -> tuple[str, str, str, str, str]:
        difference = {"new": self.tr("not on the portal yet"), "changed": self.tr("differs from the live version"),
                      UNCHANGED: self.tr("same as live")}.get(c.difference, c.difference)
        return (c.slug, self._locale_words(c.locale), self.tr("yes") if c.included else self.tr("no"), difference,
                c.reasons[0] if c.reasons else "")

    # --- state ----------------------------------------------------------------------------------------------

    @property
    def target(self) -> str:
        try:
            return self.settings.url
        except StudioError:
            return ""

    def refresh(self) -> None:
        """Read the portal's address, the documents, the history and the portal's changes again."""
        target = self.target
        self.portal_label.setText(self.tr("Publishing to {0}").format(target) if target else
                                  self.tr("No portal is set up: connect to one first."))
        self.documents.clear()
        for row in self.workspace.documents():
            item = QListWidgetItem(f"{row.title} ({row.slug})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.documents.addItem(item)
        self.show_history()
        self.changes.set_rows(self.workspace.portal_changes(target) if target else [])
        self.tabs.setTabText(2, self.tr("Changes on the portal ({0})").format(len(self.changes.rows))
                             if self.changes.rows else self.tr("Changes on the portal"))
        self._update_buttons()

    def show_history(self) -> None:
        selected = self._selected_release()
        self.history.set_rows(self.workspace.releases())
        wanted = selected.id if selected else None
        for n, row in enumerate(self.history.rows):
            if row.id == wanted:
                self.history_table.selectRow(n)
        self._release_selected()

    def _selected_release(self) -> ReleaseRow | None:
        rows = self.history_table.selectionModel().selectedRows()
        return self.history.row(rows[0].row()) if rows else None

    def _release_selected(self) -> None:
        release = self._selected_release()
        self.items.set_rows(self.workspace.release(release.id).items if release else [])
        self._update_buttons()

    def _update_buttons(self) -> None:
        reason = refusal(self.workspace.actor, "release")
        busy = self.job is not None and self.job.running
        ready = self.plan is not None and bool(self.plan.included)
        can = reason is None and not busy and bool(self.target)
        self.push_button.setEnabled(can and ready and bool(self.title.text().strip()))
        self.push_button.setToolTip(reason or (self.tr("Check first, and give a title") if not ready else ""))
        self.check_button.setEnabled(not busy)
        self.pull_button.setEnabled(can)
        release = self._selected_release()
        open_release = release is not None and release.state != "published"
        self.resume_button.setEnabled(can and open_release and bool(release and release.waiting))
        self.leave_out_button.setEnabled(can and open_release and release is not None
                                         and release.state == "failed")
        self.discard_button.setEnabled(can and open_release)
        self.rollback_button.setEnabled(can and release is not None and release.state == "published")
        self.compare_button.setEnabled(reason is None and bool(self.changes.rows))

    def _scope(self) -> Scope:
        locales = tuple(code for code, check in self.locale_checks.items() if check.isChecked())
        if self.by_document.isChecked():
            chosen = tuple(str(self.documents.item(n).data(Qt.ItemDataRole.UserRole))
                           for n in range(self.documents.count())
                           if self.documents.item(n).checkState() == Qt.CheckState.Checked)
            return Scope(documents=chosen, locales=locales)
        if self.by_section.isChecked():
            keys = tuple(str(self.sections.item(n).data(Qt.ItemDataRole.UserRole))
                         for n in range(self.sections.count())
                         if self.sections.item(n).checkState() == Qt.CheckState.Checked)
            return Scope(sections=keys, locales=locales)
        return Scope(locales=locales)

    # --- jobs -----------------------------------------------------------------------------------------------

    def _start(self, title: str, make: Callable[[Workspace], Job[Any]], done: Callable[[Any], None]) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(title)

        def finished(value: Any) -> None:
            self.progress.hide()
            done(value)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            self.status.setText(str(exc))
            self.refresh()

        self.job = self.runner.start(title, on_worker(self.workspace, make), on_done=finished, on_failed=failed)
        self._update_buttons()

    def _progressed(self, handle: JobHandle[Any]) -> None:
        if handle is not self.job:
            return
        if handle.total:
            self.progress.setRange(0, handle.total)
            self.progress.setValue(handle.done)
        self.status.setText(handle.message)
        if not self._refresh_items.isActive():
            self._refresh_items.start()

    def _finished(self, handle: JobHandle[Any]) -> None:
        """A job of this dialog ended, cancelled too (what a cancelled push sent stays acknowledged)."""
        if handle is not self.job:
            return
        self.progress.hide()
        if handle.state == CANCELLED:
            self.status.setText(self.tr("Stopped; push again to continue where it stopped."))
            self.refresh()
        self._update_buttons()

    def check(self) -> None:
        """Run the gates on what is chosen (a job: the whole portal takes a few seconds) and show every row."""
        scope, target = self._scope(), self.target

        def plan(ws: Workspace) -> Job[ReleasePlan]:
            yield from ()
            return ws.release_plan(target, documents=scope.documents, sections=scope.sections,
                                   locales=scope.locales)

        self._start(self.tr("Checking what is ready"), plan, self._checked)

    def _checked(self, plan: ReleasePlan) -> None:
        self.plan = plan
        self.candidates.set_rows(plan.candidates)
        self.candidate_table.resizeColumnsToContents()
        going = len(plan.included)
        self.status.setText(self.tr("{0} item(s) go; {1} held back by a check").format(going, len(plan.held_back)))

    def compose_and_push(self) -> None:
        scope, target, title, settings = self._scope(), self.target, self.title.text(), self.settings

        def compose_and_push(ws: Workspace) -> Job[PushReport]:
            composed = ws.compose_release(target, title, documents=scope.documents, sections=scope.sections,
                                          locales=scope.locales)
            return (yield from ws.push_release_job(composed.release_id, settings.connection()))

        self.tabs.setCurrentIndex(1)
        self._start(self.tr("Pushing {0}").format(title.strip()), compose_and_push, self._pushed)

    def _pushed(self, report: PushReport) -> None:
        self.plan = None
        self.candidates.set_rows([])
        self.title.clear()
        self.status.setText(report.summary)
        self.operations.changed(Changes(summary=report.summary), self)
        self.refresh()
        for n, row in enumerate(self.history.rows):
            if row.id == report.release_id:
                self.history_table.selectRow(n)

    def resume(self) -> None:
        release, settings = self._selected_release(), self.settings
        if release is None:
            return

        def push(ws: Workspace) -> Job[PushReport]:
            return (yield from ws.push_release_job(release.id, settings.connection()))

        self._start(self.tr("Pushing {0}").format(release.title), push, self._pushed)

    def roll_back(self) -> None:
        release, settings = self._selected_release(), self.settings
        if release is None:
            return
        answer = QMessageBox.question(self, self.tr("Roll back"), self.tr(
            "Publish the versions that were live before \u201c{0}\u201d, as a new release?").format(release.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        title = self.tr("Roll back: {0}").format(release.title)

        def rollback(ws: Workspace) -> Job[PushReport]:
            composed = ws.rollback_release(release.id, title)
            return (yield from ws.push_release_job(composed.release_id, settings.connection()))

        self._start(title, rollback, self._pushed)

    def pull(self) -> None:
        settings = self.settings

        def pull(ws: Workspace) -> Job[Any]:
            return (yield from ws.pull_job(settings.connection()))

        def pulled(report: Any) -> None:
            self.status.setText(report.summary)
            self.refresh()
            if self.changes.rows:
                self.tabs.setCurrentIndex(2)

        self._start(self.tr("Pulling the portal's changes"), pull, pulled)

    # --- small writes (one short transaction each) ----------------------------------------------------------

    def _write(self, write: Callable[[], Changes]) -> None:
        try:
            changes = write()
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Not done"), str(exc))
            return
        self.status.setText(changes.summary)
        self.operations.changed(changes, self)
        self.refresh()

    def leave_out(self) -> None:
        release = self._selected_release()
        if release is not None:
            self._write(lambda: self.workspace.leave_out_failed(release.id))

    def discard(self) -> None:
        release = self._selected_release()
        if release is None:
            return
        answer = QMessageBox.question(self, self.tr("Discard"), self.tr(
            "Give up \u201c{0}\u201d? Nothing more of it will be sent.").format(release.title))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: self.workspace.discard_release(release.id))

    def compare(self) -> None:
        rows = self.changes_table.selectionModel().selectedRows()
        change = self.changes.row(rows[0].row()) if rows else (self.changes.rows[0] if self.changes.rows else None)
        if change is None or change.deleted:
            return
        target = self.target
        try:
            three = self.workspace.three_way(target, change.document_id, change.locale)
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Not done"), str(exc))
            return
        dialog = ThreeWayDialog(three, self)
        accepted, choice = dialog.exec(), dialog.choice
        dialog.deleteLater()
        if not accepted or choice is None:
            return
        keep = self.workspace.keep_ours if choice == KEEP_OURS else self.workspace.take_theirs
        self._write(lambda: keep(target, change.document_id, change.locale))

    def connect_portal(self) -> None:
        has_keyring = self.settings.tokens.has_keyring
        dialog = ConnectDialog(self.settings, has_keyring, self)
        if dialog.exec():
            try:
                self.settings.connect(dialog.url.text(), dialog.token.text().strip() or None,
                                      session_only=dialog.session_only.isChecked())
            except StudioError as exc:
                QMessageBox.warning(self, self.tr("Not done"), str(exc))
        dialog.deleteLater()
        self.refresh()


def open_release_dialog(window: Any) -> ReleaseDialog:
    """Document ▸ Release…: the window's one release dialog, shown (made the first time)."""
    dialog: ReleaseDialog | None = window.findChild(ReleaseDialog)
    if dialog is None:
        dialog = ReleaseDialog(window.workspace, window.runner, window.operations, parent=window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
