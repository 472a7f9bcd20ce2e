"""The preferences dialog: interface language, theme, grid font size and which target languages the grid shows;
and, given the machine-translation settings, their page: each engine's options and a test, and the engines
that translate into each language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.jobs import Job, Progress
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.job_runner import JobRunner
from studio.ui.labels import language_name
from studio.ui.settings import GRID_FONT_SIZES, TARGET_LOCALES, Settings

if TYPE_CHECKING:  # machine translation is imported when its page is made: it brings the engines along
    from studio.mt.config import MTSettings
    from studio.mt.engine import EngineSpec, Option

TEST_SENTENCE = "北京市人民政府欢迎您。"
TEST_DEADLINE = 15.0  # seconds: a test connection gives up sooner than a batch


class SettingsDialog(QDialog):
    """Edits `settings` and writes only what changed, on OK; Cancel leaves them untouched.

    `settings_changed` carries the names of the options OK changed (e.g. ["theme", "grid_font_size"]), so the
    caller can re-apply the theme or refresh the grid. The interface language takes effect at the next start.
    """

    settings_changed = Signal(list)

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, mt_settings: MTSettings | None = None,
                 runner: JobRunner | None = None) -> None:
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

        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.setContentsMargins(0, 0, 0, 0)
        general_layout.addLayout(form)
        general_layout.addWidget(self.locales_box)
        layout = QVBoxLayout(self)
        # A runner of the dialog's own when none is lent: a test connection must not outlive the dialog.
        self._own_runner = mt_settings is not None and runner is None
        self.machine_page: MachineTranslationPage | None = None
        if mt_settings is not None:
            self.machine_page = MachineTranslationPage(mt_settings, runner or JobRunner(self))
            self.tabs = QTabWidget()
            self.tabs.addTab(general, self.tr("General"))
            self.tabs.addTab(self.machine_page, self.tr("Machine translation"))
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(general)
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
        machine_changed = False
        if self.machine_page is not None:
            try:
                machine_changed = self.machine_page.apply()
            except StudioError:  # the page says why; the dialog stays open with what was typed
                self.tabs.setCurrentWidget(self.machine_page)
                return
        changed = [name for name, value in self.chosen().items() if getattr(self.settings, name) != value]
        for name in changed:
            setattr(self.settings, name, self.chosen()[name])
        if changed:
            self.settings.sync()
        if machine_changed:
            changed.append("machine_translation")
        super().accept()
        if changed:
            self.settings_changed.emit(changed)

    def done(self, result: int) -> None:
        if self.machine_page is not None:
            self.machine_page.closing()
            if self._own_runner:
                self.machine_page.runner.cancel_all()
                self.machine_page.runner.wait_all(int(TEST_DEADLINE * 1000) + 2000)
        super().done(result)

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


class MachineTranslationPage(QWidget):
    """The machine-translation settings (`studio.mt.config.MTSettings`): each engine's options, secrets as
    password fields that never show a stored key; where the computer has no keyring, a plain note and the choice
    to keep keys for this session only (a key is never written to a file); a test that translates one sentence on
    a worker; and, per target language, the engines to try in order and whether to translate from the approved
    English. Nothing is stored until `apply` (the dialog's OK)."""

    def __init__(self, mt: MTSettings, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from studio.mt.catalogue import CATALOGUE

        self.mt, self.runner = mt, runner
        self.specs = list(CATALOGUE.values())
        self._alive = True
        self._testing: object | None = None
        self.has_keyring = mt.secrets.has_keyring
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.session_only_check = QCheckBox(self.tr("Keep keys for this session only"))
        self.session_only_check.setToolTip(self.tr("Keys are kept in Studio's memory and forgotten when it quits."))
        self._say_where_keys_go()
        self.engine_combo = QComboBox()
        self.engine_pages = QStackedWidget()
        self.fields: dict[str, dict[str, QLineEdit]] = {}
        self._shown: dict[str, dict[str, str]] = {}  # the text each field started with
        for spec in self.specs:
            self.engine_combo.addItem(spec.label, spec.name)
            self.engine_pages.addWidget(self._engine_page(spec))
        self.engine_combo.currentIndexChanged.connect(self._engine_changed)
        self.test_locale = QComboBox()
        for code in TARGET_LOCALES:
            self.test_locale.addItem(language_name(code), code)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.session_only_check)
        layout.addWidget(self._engines_box())
        layout.addWidget(self._routes_box())
        layout.addWidget(self.error)
        layout.addStretch(1)

    # --- engines ------------------------------------------------------------------------------------------

    def _say_where_keys_go(self) -> None:
        if self.has_keyring:
            self.keyring_note.setText(self.tr("Keys are kept in the system keyring, never in a file."))
            self.session_only_check.hide()
            return
        self.keyring_note.setText(self.tr(
            "This computer has no keyring, so Studio cannot keep keys from one session to the next (and never "
            "writes them to a file). Keep them for this session only, or set them in the environment "
            "(STUDIO_MT_<ENGINE>_KEY)."))
        self.session_only_check.setChecked(True)

    def _engines_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Engines"))
        test = QHBoxLayout()
        test.addWidget(QLabel(self.tr("Translate a sentence into")))
        test.addWidget(self.test_locale)
        test.addWidget(self.test_button)
        test.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.engine_combo)
        layout.addWidget(self.engine_pages)
        layout.addLayout(test)
        layout.addWidget(self.test_result)
        return box

    def _engine_page(self, spec: EngineSpec) -> QWidget:
        from studio.mt.config import env_name

        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        about = QLabel(spec.about)
        about.setWordWrap(True)
        form.addRow(about)
        values = self.mt.options(spec.name, secrets=False)  # the keyring is not read on the window's thread
        self.fields[spec.name], self._shown[spec.name] = {}, {}
        for option in spec.options:
            field = QLineEdit()
            field.setToolTip(option.help)
            value = values.get(option.name, "")
            in_environment = bool(self.mt.env.get(env_name(spec.name, option.name)))
            if option.secret:
                # A stored key is never read into the field: typing replaces it, leaving it empty keeps it.
                field.setEchoMode(QLineEdit.EchoMode.Password)
                stored = self.mt.has_secret(spec.name, option.name)
                field.setPlaceholderText(self.tr("stored: type a new one to replace it") if stored else "")
            elif value and value != option.default:
                field.setText(value)
            elif option.default:
                field.setPlaceholderText(option.default)
            if in_environment:
                field.setEnabled(False)
                field.setPlaceholderText(self.tr("set by {0}").format(env_name(spec.name, option.name)))
            self._shown[spec.name][option.name] = field.text()
            self.fields[spec.name][option.name] = field
            form.addRow(option_label(option.name) + (" *" if option.required else ""), field)
        if not spec.options:
            form.addRow(QLabel(self.tr("Nothing to set up.")))
        elif any(o.required for o in spec.options):
            form.addRow("", QLabel(self.tr("* needed")))
        return page

    def _engine_changed(self, index: int) -> None:
        self.engine_pages.setCurrentIndex(index)
        self._testing = None  # a test still running answers for the engine it was asked of: not shown
        self.test_button.setEnabled(True)
        self.test_result.clear()

    def show_engine(self, name: str) -> None:
        self.engine_combo.setCurrentIndex(max(self.engine_combo.findData(name), 0))

    def changed_options(self) -> dict[str, dict[str, str]]:
        """Per engine, the options typed differently from what was shown (a secret only when one was typed)."""
        changed: dict[str, dict[str, str]] = {}
        for spec in self.specs:
            for option in spec.options:
                field = self.fields[spec.name][option.name]
                text = field.text().strip()
                if field.isEnabled() and (text if option.secret else text != self._shown[spec.name][option.name]):
                    changed.setdefault(spec.name, {})[option.name] = text
        return changed

    # --- test connection ----------------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Translate one sentence with the engine shown, as typed, on a worker; show its translation or its error
        (with no key in it)."""
        spec = self.specs[self.engine_combo.currentIndex()]
        typed = self.changed_options().get(spec.name, {})
        plain = self.mt.options(spec.name, secrets=False)

        def given(option: Option) -> bool:
            if option.name in typed:
                return bool(typed[option.name])
            return self.mt.has_secret(spec.name, option.name) if option.secret else bool(plain.get(option.name))

        missing = [o.name for o in spec.options if o.required and not given(o)]
        if missing:
            self.test_result.setText(self.tr("✗ {0} needs: {1}").format(spec.label, ", ".join(missing)))
            return
        target = str(self.test_locale.currentData())
        secrets: list[str] = []  # filled on the worker, read when it is done: kept out of the message shown
        token = self._testing = object()
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Asking {0}…").format(spec.label))

        def job() -> Job[str]:
            yield Progress(0, 0, "testing the connection")
            # What is typed over what is set up; the stored secrets read here, from the keyring, not on the
            # window's thread.
            values = {**self.mt.options(spec.name), **typed}
            values = {name: value for name, value in values.items() if value}
            secrets.extend(values[o.name] for o in spec.options if o.secret and values.get(o.name))
            return translate_sample(spec.name, values, target)

        self.runner.start(self.tr("Test connection: {0}").format(spec.label), job,
                          on_done=lambda text: self._tested(token, spec.label, text, None, secrets),
                          on_failed=lambda exc: self._tested(token, spec.label, None, exc, secrets))

    def _tested(self, token: object, label: str, text: str | None, exc: BaseException | None,
                secrets: Sequence[str]) -> None:
        if not self._alive or token is not self._testing:
            return  # the dialog closed, or another engine is shown now
        self._testing = None
        self.test_button.setEnabled(True)
        if exc is not None:
            self.test_result.setText("✗ " + redacted(str(exc) or type(exc).__name__, secrets))
        else:
            self.test_result.setText(f"✓ {label}: {TEST_SENTENCE} → {text}")

    def closing(self) -> None:
        """The dialog is going: answers still to come are dropped."""
        self._alive = False

    # --- routes -------------------------------------------------------------------------------------------

    def _routes_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Engines for each language, tried in order"))
        self.route_locale = QComboBox()
        for code in TARGET_LOCALES:
            self.route_locale.addItem(f"{language_name(code)} ({code})", code)
        self._routes = {code: self.mt.route(code) for code in TARGET_LOCALES}
        self._pivots = {code: self.mt.pivot(code) for code in TARGET_LOCALES}
        self._first_routes, self._first_pivots = dict(self._routes), dict(self._pivots)
        self._route_shown = str(self.route_locale.currentData())
        self.route_list = QListWidget()
        self.route_list.setMinimumHeight(120)
        self.route_list.itemChanged.connect(lambda _item: self._keep_route())
        up, down = QPushButton(self.tr("Up")), QPushButton(self.tr("Down"))
        up.clicked.connect(lambda: self._move_engine(-1))
        down.clicked.connect(lambda: self._move_engine(1))
        self.pivot_check = QCheckBox(self.tr("Translate from the approved English rather than the source"))
        self.pivot_check.toggled.connect(self._pivot_toggled)
        self.route_locale.currentIndexChanged.connect(self._show_route)
        buttons = QVBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.route_list, 1)
        lists.addLayout(buttons)
        layout = QVBoxLayout(box)
        layout.addWidget(self.route_locale)
        layout.addLayout(lists)
        layout.addWidget(self.pivot_check)
        self._show_route()
        return box

    def _show_route(self) -> None:
        code = self._route_shown = str(self.route_locale.currentData())
        route = self._routes[code]
        labels = {spec.name: spec.label for spec in self.specs}
        self.route_list.blockSignals(True)
        self.route_list.clear()
        for name in [*route, *(s.name for s in self.specs if s.name not in route)]:
            item = QListWidgetItem(labels.get(name, name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in route else Qt.CheckState.Unchecked)
            self.route_list.addItem(item)
        self.route_list.blockSignals(False)
        self.pivot_check.blockSignals(True)
        self.pivot_check.setChecked(self._pivots[code])
        self.pivot_check.blockSignals(False)
        self.pivot_check.setEnabled(code != "en")  # English is the pivot itself

    def _pivot_toggled(self, on: bool) -> None:
        self._pivots[self._route_shown] = on

    def _keep_route(self) -> None:
        items = [self.route_list.item(i) for i in range(self.route_list.count())]
        self._routes[self._route_shown] = [str(item.data(Qt.ItemDataRole.UserRole)) for item in items
                                           if item.checkState() == Qt.CheckState.Checked]

    def _move_engine(self, step: int) -> None:
        row = self.route_list.currentRow()
        if not 0 <= row + step < self.route_list.count() or row < 0:
            return
        item = self.route_list.takeItem(row)
        self.route_list.insertItem(row + step, item)
        self.route_list.setCurrentRow(row + step)
        self._keep_route()

    def set_route(self, locale: str, engines: Sequence[str]) -> None:
        """Show `locale`'s route as `engines` (what ticking and moving them does)."""
        self.route_locale.setCurrentIndex(self.route_locale.findData(locale))
        self._routes[locale] = list(engines)
        self._show_route()

    # --- storing ------------------------------------------------------------------------------------------

    def apply(self) -> bool:
        """Store what changed; True if anything did. A `StudioError` (say, a key with no keyring to keep it and
        "this session only" unticked) is shown on the page and raised: what was typed stays."""
        session_only = not self.has_keyring and self.session_only_check.isChecked()
        changed = False
        try:
            for engine, values in self.changed_options().items():
                self.mt.configure(engine, values, session_only=session_only)
                changed = True
            for code, route in self._routes.items():
                if route != self._first_routes[code]:
                    self.mt.set_route(code, route)
                    changed = True
            for code, on in self._pivots.items():
                if on != self._first_pivots[code]:
                    self.mt.set_pivot(code, on)
                    changed = True
        except StudioError as exc:
            self.error.setText(str(exc))
            self.error.show()
            raise
        return changed


def translate_sample(name: str, options: dict[str, str], target: str) -> str:
    """The test sentence translated by engine `name` made with `options` (on a worker thread: it waits on the
    network)."""
    from studio.mt.catalogue import spec
    from studio.mt.engine import Deadline, Request

    engine = spec(name).make(options)
    if not engine.supports(SOURCE_DEFAULT, target):
        raise StudioError(f"{name} does not translate {SOURCE_DEFAULT} into {target}")
    [text] = engine.translate([Request(TEST_SENTENCE)], SOURCE_DEFAULT, target, Deadline(TEST_DEADLINE))
    return text


def option_label(name: str) -> str:
    """An option's name as a label: "app_id" reads "App ID", "url" "URL" (the catalogue's names are code)."""
    words = [w.upper() if w in ("url", "id") else w for w in name.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def redacted(message: str, secrets: Sequence[str]) -> str:
    """`message` without any of `secrets` in it: some services echo a wrong key in their error."""
    for secret in secrets:
        if len(secret) >= 4:
            message = message.replace(secret, "•••")
    return message
