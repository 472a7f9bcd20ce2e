"""The sign-in dialog: choose one of the workspace's users, type the password, or go on read only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.locales import LOCALE_CODES, LOCALES
from studio.permissions import Actor
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.inline_error import error_label
from studio.ui.labels import language_name
from studio.workspace import Workspace

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""The user name (the account's key) of a row of the user list."""


class SignInDialog(QDialog):
    """Signs `ws` in as the chosen user; accepted with `.actor` set, or with `.actor` None for read only.

    A wrong password keeps the dialog open with the reason; Cancel leaves whoever was signed in signed in.
    "Continue without signing in" signs the workspace out (`ws.actor` becomes None): nothing can be changed then.
    """

    # Made after the user list, whose signals already name them.
    password_edit: QLineEdit
    message_label: QLabel

    def __init__(self, ws: Workspace, last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sign in"))

        self.user_list = QTreeWidget()
        self.user_list.setHeaderLabels([self.tr("User"), self.tr("Roles"), self.tr("Reviews")])
        self.user_list.setRootIsDecorated(False)
        self.user_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.user_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.user_list.header().setStretchLastSection(True)
        self._fill_users(last_user)
        self.user_list.currentItemChanged.connect(self._user_changed)
        self.user_list.itemActivated.connect(lambda *_: self.password_edit.setFocus())

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.textEdited.connect(lambda _text: self.message_label.hide())

        self.message_label = error_label()

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_only_button = self.buttons.addButton(self.tr("Continue without signing in (read only)"),
                                                       QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter in the password field must sign in, whichever button had the focus before.
        self.sign_in_button.setDefault(True)
        for button in (self.read_only_button, self.cancel_button):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self._sign_in)
        self.read_only_button.clicked.connect(self._continue_read_only)
        self.buttons.rejected.connect(self.reject)

        self.empty_label = QLabel(self.tr("This workspace has no users yet: add the first one from the command "
                                          "line (studio user add) or continue read only."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(self.user_list.topLevelItemCount() == 0)

        portal = QLabel(self.tr("Studio: editing and translating the international portal of the People's "
                                "Government of Beijing Municipality (english.beijing.gov.cn and its sites in "
                                "eight languages)"))
        portal.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(portal)
        layout.addWidget(QLabel(self.tr("Who are you?")))
        layout.addWidget(self.user_list)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.sign_in_button)
        self.resize(560, 380)
        self._user_changed()
        self.password_edit.setFocus()

    def selected_user(self) -> str:
        """The user name of the chosen row, "" when none is chosen."""
        item = self.user_list.currentItem()
        return item.data(0, NAME_ROLE) if item is not None else ""

    def _fill_users(self, last_user: str) -> None:
        display_names = self.ws.display_names()
        first: QTreeWidgetItem | None = None
        chosen: QTreeWidgetItem | None = None
        for user in self.ws.users():
            shown = display_names.get(user.name) or user.name
            label = shown if shown == user.name else f"{shown} ({user.name})"
            item = QTreeWidgetItem([label, self._roles_text(user), self._locales_text(user)])
            item.setData(0, NAME_ROLE, user.name)
            item.setToolTip(2, ", ".join(f"{language_name(c)} ({c})" for c in self._reviewed(user)))
            self.user_list.addTopLevelItem(item)
            if first is None:
                first = item
            if user.name == last_user:
                chosen = item
        if first is not None:
            self.user_list.setCurrentItem(chosen if chosen is not None else first)
        self._set_locale_font()

    def _roles_text(self, user: Actor) -> str:
        words = {"editor": self.tr("editor"), "reviewer": self.tr("reviewer"), "supervisor": self.tr("supervisor")}
        return ", ".join(words.get(role, role) for role in sorted(user.roles))

    def _reviewed(self, user: Actor) -> list[str]:
        return [code for code in LOCALE_CODES if code in user.review_locales]

    def _locales_text(self, user: Actor) -> str:
        return ", ".join(LOCALES[code].native_name for code in self._reviewed(user))

    def _set_locale_font(self) -> None:
        # Language names in their own scripts: a font that covers Korean, Japanese and Arabic draws them whole.
        font = QFont(self.user_list.font())
        font.setFamilies([*font.families(), "Noto Sans CJK SC", "Noto Sans Arabic"])
        for i in range(self.user_list.topLevelItemCount()):
            item = self.user_list.topLevelItem(i)
            if item is not None:
                item.setFont(2, font)

    def _user_changed(self, *_args: object) -> None:
        self.sign_in_button.setEnabled(bool(self.selected_user()))
        self.message_label.hide()

    def _sign_in(self) -> None:
        name = self.selected_user()
        if not name:
            return
        try:
            self.actor = self.ws.sign_in(name, self.password_edit.text())
        except StudioError as exc:
            self._show_problem(str(exc))
            return
        self.accept()

    def _show_problem(self, message: str) -> None:
        self.message_label.setText(message[:1].upper() + message[1:])
        self.message_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _continue_read_only(self) -> None:
        self.ws.sign_out()
        self.actor = None
        self.accept()
