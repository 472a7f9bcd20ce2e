"""Machine translation in the window (issue 9, items 7 and 11), with real widgets and fake engines on 127.0.0.1:
Ctrl+M's suggestions side by side without blocking, Ctrl+Alt+1 inserting one, pre-translation from the dialog as
a job, the settings page (no keyring, test connection) and the grid's mark on damaged placeholders."""

from __future__ import annotations

import itertools
import json
import threading
import time

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip

from studio.mt.config import MTSettings, SecretStore
from studio.states import CellState
from studio.ui.content_tree_model import PROGRESS_ROLE
from studio.ui.grid_model import MACHINE_ISSUE_ROLE, ORIGIN_ROLE
from studio.ui.help import shortcuts
from studio.ui.pretranslate_dialog import PretranslateDialog
from studio.ui.settings import Settings
from studio.ui.settings_dialog import TEST_SENTENCE, SettingsDialog
from tests.gui.windows import action, window_as
from tests.helpers import segment_id
from tests.mt.servers import serving

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
TITLE = "外国人来华工作许可"


class NoKeyring(SecretStore):
    """A computer without a keyring backend, whatever this one has."""

    @property
    def has_keyring(self) -> bool:
        return False


def mt_settings(tmp_path, **env: str) -> MTSettings:
    return MTSettings(tmp_path / "mt.json", env={f"STUDIO_MT_{k.upper()}": v for k, v in env.items()},
                      secrets=NoKeyring())


@pytest.fixture
def libre():
    with serving("libretranslate") as server:
        yield server


@pytest.fixture
def slow_libre():
    with serving("libretranslate", delay=1.0) as server:
        yield server


@pytest.fixture
def deepl():
    with serving("deepl", key="the-right-key") as server:
        yield server


def open_window(qtbot, ws, tmp_path, settings: MTSettings):
    window = window_as(qtbot, ws, tmp_path, "boss")
    window.mt_settings = settings
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts work in the active window only
    return window


def go_to_title(window, ws, locale="fr"):
    window.editor.go_to(segment_id(ws, "title"), locale)
    window.editor.grid.setFocus()


def answered(window) -> bool:
    machine = window.side_panel.machine
    return not machine.asking and "Engines that answered" in machine.status.text()


def test_ctrl_m_shows_each_engine_s_suggestion_or_error_without_blocking(qtbot, filled, tmp_path, slow_libre,
                                                                         deepl):
    settings = mt_settings(tmp_path, libretranslate_url=slow_libre.url, deepl_url=deepl.url,
                           deepl_key="a-wrong-key-1234")
    settings.set_route("fr", ["deepl", "libretranslate"])
    window = open_window(qtbot, filled, tmp_path, settings)
    go_to_title(window, filled)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)

    started = time.monotonic()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
    pressed_for = time.monotonic() - started
    machine = window.side_panel.machine
    assert machine.asking and "Asking" in machine.status.text()
    assert window.side_panel.currentWidget() is machine
    qtbot.waitUntil(lambda: answered(window), timeout=15_000)
    timer.stop()

    waited = time.monotonic() - started
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # Asking on the window's thread would block for the slow engine's whole second; a loaded 2-core CI machine
    # may add some hundreds of ms to anything.
    assert pressed_for < 0.5, "Ctrl+M returns at once: the engines are asked on a worker"
    assert waited >= 0.9, "the slow engine took its second"
    assert max(gaps) < 0.6, f"the event loop kept turning while the engines answered (longest stall {max(gaps)})"
    text = machine.view.toPlainText()
    assert f"fr:{TITLE}" in text and "1 · LibreTranslate" in text
    assert "DeepL" in text and "✗" in text, "the failing engine says why, beside the other's answer"
    assert "a-wrong-key-1234" not in text
    assert "Engines that answered: 1 of 2" in machine.status.text()
    window.close()


def suggestions_at_the_title(qtbot, filled, tmp_path, libre):
    """A window at the French title, with LibreTranslate's suggestion shown after Ctrl+M."""
    settings = mt_settings(tmp_path, libretranslate_url=libre.url)
    settings.set_route("fr", ["libretranslate"])
    window = open_window(qtbot, filled, tmp_path, settings)
    go_to_title(window, filled)
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: answered(window), timeout=10_000)
    return window


def test_ctrl_alt_1_stores_the_first_suggestion_as_a_machine_draft(qtbot, filled, tmp_path, libre):
    window = suggestions_at_the_title(qtbot, filled, tmp_path, libre)

    qtbot.keyClick(window.editor.grid, Qt.Key.Key_1, CTRL | ALT)

    title = segment_id(filled, "title")
    cell = filled.cell(title, "fr")
    assert cell is not None
    assert (cell.text, cell.state, cell.origin) == (f"fr:{TITLE}", CellState.DRAFT, "mt:libretranslate")
    index = window.editor.grid.currentIndex()
    assert index.data() == f"fr:{TITLE}" and index.data(ORIGIN_ROLE) == "mt:libretranslate"
    assert "machine (libretranslate)" in window.side_panel.history_view.toPlainText()
    assert "1 · LibreTranslate" in window.side_panel.machine.view.toPlainText(), "the suggestions stay shown"
    window.undo_stack.undo()
    assert filled.cell(title, "fr") is None or filled.cell(title, "fr").state == CellState.MISSING
    window.close()


def test_a_suggestion_goes_into_the_open_editor_as_the_person_s_text(qtbot, filled, tmp_path, libre):
    window = suggestions_at_the_title(qtbot, filled, tmp_path, libre)
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_F2)
    editor = window.editor.editor()
    assert editor is not None

    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL | ALT)

    assert editor.text() == f"fr:{TITLE}"
    assert window.editor.finish_editing()
    cell = filled.cell(segment_id(filled, "title"), "fr")
    assert cell is not None and (cell.text, cell.origin) == (f"fr:{TITLE}", "human")
    window.close()


def test_without_a_translation_cell_or_a_suggestion_the_keys_say_why(qtbot, filled, tmp_path, libre):
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=libre.url))
    window.editor.go_to(segment_id(filled, "title"), None)  # the source column
    window.ask_machine()
    assert "Choose a translation cell" in window.statusBar().currentMessage()
    go_to_title(window, filled)
    window.insert_suggestion(1)
    assert "Ctrl+M" in window.statusBar().currentMessage()
    assert filled.cell(segment_id(filled, "title"), "fr") is None
    window.close()


def accept_pretranslate_dialog(qtbot, window, locales, seen):
    """Answer the modal dialog when it opens: only `locales`, then Pre-translate."""
    def answer():
        dialog = window.findChild(PretranslateDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, answer)
            return
        seen.append([b.text() for b in dialog.scope_buttons.buttons()])
        for code, check in dialog.locale_checks.items():
            check.setChecked(code in locales)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, answer)


def test_pre_translate_from_the_tree_fills_the_document_and_the_grid_and_tree_show_it(qtbot, filled, tmp_path,
                                                                                       libre):
    settings = mt_settings(tmp_path, libretranslate_url=libre.url)
    window = open_window(qtbot, filled, tmp_path, settings)
    doc_id = filled.document("work-permit").row.id
    tree_index = window.content.tree_model.document_index(doc_id)
    scope = window.content.scope_of(tree_index)
    assert scope is not None and scope.documents == (doc_id,)
    menu = window.content.context_menu(scope)
    [pretranslate] = [a for a in menu.actions() if a.text() == "Pre-translate…"]
    seen: list[list[str]] = []
    accept_pretranslate_dialog(qtbot, window, ["fr"], seen)

    pretranslate.trigger()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)

    assert seen and seen[0][0].startswith("This document:") and seen[0][-1] == "Every document"
    segments = filled.document("work-permit").segments
    assert all(s.cells["fr"].origin == "mt:libretranslate" and s.cells["fr"].text == f"fr:{s.text}"
               for s in segments)
    assert all("fr" not in s.cells for s in filled.document("dongcheng-hall").segments), "only that document"
    model = window.editor.model
    shown = [model.index(model.row_of_segment(s.id), model.column_of("fr")) for s in segments]
    assert all(i.data() == f"fr:{s.text}" and i.data(ORIGIN_ROLE) == "mt:libretranslate"
               for i, s in zip(shown, segments, strict=True))
    progress = window.content.tree_model.document_index(doc_id).siblingAtColumn(1).data(PROGRESS_ROLE)
    assert progress["fr"]["draft"] == len(segments) and progress["fr"].get("missing", 0) == 0
    assert "machine draft" in window.statusBar().currentMessage()
    window.close()


def test_pre_translate_in_the_document_menu_offers_the_document_its_section_and_everything(qtbot, filled, tmp_path,
                                                                                           libre):
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=libre.url))
    seen: list[list[str]] = []
    accept_pretranslate_dialog(qtbot, window, ["de", "ar"], seen)
    action(window, "Pre-translate").trigger()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)
    assert [label.split(":")[0] for label in seen[0]] == ["This document", "Its section", "Every document"]
    title = filled.cell(segment_id(filled, "title"), "ar")
    assert title is not None and title.text == f"ar:{TITLE}"
    assert filled.cell(segment_id(filled, "title"), "fr") is None
    window.close()


def machine_page(qtbot, tmp_path, settings):
    dialog = SettingsDialog(Settings(tmp_path / "studio.ini"), mt_settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.machine_page)
    assert dialog.machine_page is not None
    return dialog, dialog.machine_page


def test_the_settings_page_says_there_is_no_keyring_and_keeps_keys_for_the_session(qtbot, tmp_path):
    settings = mt_settings(tmp_path)
    dialog, page = machine_page(qtbot, tmp_path, settings)
    assert "no keyring" in page.keyring_note.text()
    assert page.session_only_check.isVisible() and page.session_only_check.isChecked()
    page.show_engine("deepl")
    assert page.fields["deepl"]["key"].echoMode() == page.fields["deepl"]["key"].EchoMode.Password
    page.fields["deepl"]["key"].setText("my-secret-deepl-key")
    page.show_engine("libretranslate")
    page.fields["libretranslate"]["url"].setText("http://127.0.0.1:5000")
    page.set_route("fr", ["libretranslate", "deepl"])
    page.route_locale.setCurrentIndex(page.route_locale.findData("ar"))
    page.pivot_check.setChecked(True)

    with qtbot.waitSignal(dialog.settings_changed) as changed:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    assert changed.args[0] == ["machine_translation"]
    assert settings.options("deepl")["key"] == "my-secret-deepl-key"
    assert settings.options("libretranslate")["url"] == "http://127.0.0.1:5000"
    assert settings.route("fr") == ["libretranslate", "deepl"] and settings.pivot("ar")
    stored = (tmp_path / "mt.json").read_text(encoding="utf-8")
    assert "my-secret-deepl-key" not in stored
    assert json.loads(stored)["engines"]["libretranslate"]["url"] == "http://127.0.0.1:5000"


def test_a_key_with_no_keyring_and_no_session_choice_is_refused_and_kept_in_the_field(qtbot, tmp_path):
    settings = mt_settings(tmp_path)
    dialog, page = machine_page(qtbot, tmp_path, settings)
    page.session_only_check.setChecked(False)
    page.show_engine("deepl")
    page.fields["deepl"]["key"].setText("my-secret-deepl-key")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and page.error.isVisible()
    assert "no keyring" in page.error.text() and "my-secret-deepl-key" not in page.error.text()
    assert page.fields["deepl"]["key"].text() == "my-secret-deepl-key"
    assert "key" not in settings.options("deepl")


def test_test_connection_shows_the_translation(qtbot, tmp_path, libre):
    _dialog, page = machine_page(qtbot, tmp_path, mt_settings(tmp_path))
    page.show_engine("libretranslate")
    page.fields["libretranslate"]["url"].setText(libre.url)  # as typed, before OK
    page.test_locale.setCurrentIndex(page.test_locale.findData("fr"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10_000)
    assert page.test_result.text() == f"✓ LibreTranslate: {TEST_SENTENCE} → fr:{TEST_SENTENCE}"


def test_test_connection_with_a_wrong_key_shows_the_error_without_the_key(qtbot, tmp_path, deepl):
    _dialog, page = machine_page(qtbot, tmp_path, mt_settings(tmp_path))
    page.show_engine("deepl")
    page.fields["deepl"]["url"].setText(deepl.url)
    page.fields["deepl"]["key"].setText("a-wrong-key-5678")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10_000)
    result = page.test_result.text()
    assert result.startswith("✗ ") and "deepl" in result.lower()
    assert "a-wrong-key-5678" not in result
    assert deepl.seen, "the request reached the engine"


def test_a_machine_draft_with_damaged_placeholders_is_marked_in_the_grid(qtbot, filled, tmp_path):
    # An engine that loses every token: the drafts are kept, those with placeholders flagged.
    with serving("libretranslate", translate=lambda text, target: "traduction sans balises") as broken:
        settings = mt_settings(tmp_path, libretranslate_url=broken.url)
        window = open_window(qtbot, filled, tmp_path, settings)
        accept_pretranslate_dialog(qtbot, window, ["fr"], [])
        window.pretranslate()
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)
    model, grid = window.editor.model, window.editor.grid
    column = model.column_of("fr")
    flagged = [model.index(r, column) for r in range(model.rowCount())
               if model.index(r, column).data(MACHINE_ISSUE_ROLE)]
    assert flagged, "the step with a link came back without its placeholders"
    index = flagged[0]
    issue = index.data(MACHINE_ISSUE_ROLE)
    assert issue in index.data(Qt.ItemDataRole.ToolTipRole)
    words, marker = window.editor.delegate._footer(index)
    assert "machine (libretranslate)" in words and "⚠ placeholders" in marker

    grid.scrollTo(index)
    rect = grid.visualRect(index)
    at = QPoint(rect.left() + 10, rect.bottom() - 8)  # over the footer
    viewport = grid.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "damaged the placeholders" in QToolTip.text() and issue in QToolTip.text()
    QToolTip.hideText()
    window.close()


def test_f1_lists_the_machine_translation_keys(qtbot, filled, tmp_path, libre):
    keys = dict(shortcuts())
    assert "Ctrl+M" in keys and "Ctrl+Alt+1 … Ctrl+Alt+4" in keys
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=libre.url))
    assert action(window, "Machine translation suggestions").shortcut().toString() == "Ctrl+M"
    assert action(window, "Suggestion 1").shortcut().toString() == "Ctrl+Alt+1"
    window.close()


def test_a_type_row_of_the_tree_pre_translates_its_documents(qtbot, filled, tmp_path, libre):
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=libre.url))
    tree = window.content.tree_model
    section = next(tree.index(r, 0) for r in range(tree.rowCount())
                   if window.content.scope_of(tree.index(r, 0)).section == "work")
    scope = window.content.scope_of(tree.index(0, 0, section))
    assert scope is not None and scope.label.startswith("The documents of type")
    assert scope.documents == (filled.document("work-permit").row.id,)
    window.close()


def test_a_cancelled_pre_translation_keeps_and_shows_what_it_wrote(qtbot, filled, tmp_path):
    with serving("libretranslate", delay=0.6) as slow:
        def translate(text: str, target: str) -> str:
            if target == "fr":  # French is slow to come: it is still being asked when Cancel comes
                slow.released.wait(20)
            return f"{target}:{text}"

        slow.translate = translate
        window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=slow.url))
        window.set_locales(["de", "fr"])
        title = segment_id(filled, "title")
        accept_pretranslate_dialog(qtbot, window, ["de", "fr"], [])
        window.pretranslate()
        [handle] = window.runner.running()
        qtbot.waitUntil(window.jobs_dock.isVisible, timeout=5_000)  # the job is long: its panel shows
        qtbot.waitUntil(lambda: filled.cell(title, "de") is not None, timeout=10_000)
        with qtbot.waitSignal(window.runner.job_finished, timeout=5_000):  # not waiting for French's answer
            qtbot.mouseClick(window.jobs_panel.row_for(handle).cancel_button, Qt.MouseButton.LeftButton)
        slow.released.set()
    assert handle.state == "cancelled"
    assert filled.cell(title, "fr") is None, "French was not done"
    model = window.editor.model
    assert model.index(model.row_of_segment(title), model.column_of("de")).data() == f"de:{TITLE}"
    assert "cancelled" in window.statusBar().currentMessage()
    window.close()


def test_one_pre_translation_at_a_time_so_the_engines_limits_hold(qtbot, filled, tmp_path, slow_libre):
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=slow_libre.url))
    accept_pretranslate_dialog(qtbot, window, ["fr"], [])
    window.pretranslate()
    [handle] = window.runner.running()
    dialogs = []

    def close_a_second_dialog():  # were one shown, it would wait here for an answer
        dialog = window.findChild(PretranslateDialog)
        if dialog is not None and dialog.isVisible():
            dialogs.append(dialog)
            dialog.reject()
    QTimer.singleShot(200, close_a_second_dialog)
    window.pretranslate()
    qtbot.wait(300)
    assert dialogs == [] and window.runner.running() == [handle]
    assert "pre-translation is running" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.runner.job_finished, timeout=10_000):
        qtbot.mouseClick(window.jobs_panel.row_for(handle).cancel_button, Qt.MouseButton.LeftButton)
    window.close()


def test_ctrl_m_again_and_at_other_cells_never_piles_requests_behind_a_slow_engine(qtbot, filled, tmp_path,
                                                                                   slow_libre):
    settings = mt_settings(tmp_path, libretranslate_url=slow_libre.url)
    settings.set_route("fr", ["libretranslate"])
    window = open_window(qtbot, filled, tmp_path, settings)
    machine = window.side_panel.machine
    segments = [s for s in filled.document("work-permit").segments if s.field_path != "title"][:2]
    go_to_title(window, filled)
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: len(slow_libre.seen) == 1, timeout=5_000)  # the engine is busy with the title

    for _ in range(3):
        qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
        assert machine.asking and "Still asking" in machine.status.text()
    for segment in segments:  # two other cells asked for while the title's request still runs
        window.editor.go_to(segment.id, "fr")
        window.editor.grid.setFocus()
        qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
        qtbot.keyClick(window.editor.grid, Qt.Key.Key_M, CTRL)
        assert machine.asking
    qtbot.waitUntil(lambda: answered(window), timeout=15_000)
    assert window.mt_runner.wait_all(15_000), "nothing more was left running"
    QApplication.processEvents()

    last = segments[-1]
    text = machine.view.toPlainText()
    assert f"fr:{last.text}" in text and "1 · LibreTranslate" in text, "the last cell asked for is answered"
    assert f"fr:{TITLE}" not in text
    asked = [seen.json()["q"] for seen in slow_libre.seen]
    assert len(asked) <= 2, f"one request at a time, the superseded cells skipped: {asked}"
    assert asked[-1] in (last.text, [last.text])
    window.close()


def test_documents_selected_together_in_the_tree_are_pre_translated_together(qtbot, filled, tmp_path, libre):
    window = open_window(qtbot, filled, tmp_path, mt_settings(tmp_path, libretranslate_url=libre.url))
    content = window.content
    guide, hall = (filled.document(slug).row.id for slug in ("work-permit", "dongcheng-hall"))
    for doc in (hall, guide):
        content.select_document(doc, emit=False)  # loads the branch each is in
    rows = QItemSelectionModel.SelectionFlag.Rows
    first, second = (content.tree_model.document_index(d) for d in (guide, hall))
    selection = content.tree.selectionModel()
    selection.select(second, QItemSelectionModel.SelectionFlag.ClearAndSelect | rows)
    assert content.scope_at(second).documents == (hall,)  # one row: that document
    selection.select(first, QItemSelectionModel.SelectionFlag.Select | rows)  # Ctrl+click
    scope = content.scope_at(second)
    assert scope.documents == (guide, hall) and scope.label == "The 2 selected documents"  # in the tree's order

    seen: list[list[str]] = []
    accept_pretranslate_dialog(qtbot, window, ["fr"], seen)
    [pretranslate] = content.context_menu(scope).actions()
    pretranslate.trigger()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)
    assert seen[0][0] == "The 2 selected documents"
    for slug in ("work-permit", "dongcheng-hall"):
        assert all(s.cells["fr"].origin == "mt:libretranslate" for s in filled.document(slug).segments)
    window.close()


class ThreadNotingKeyring(KeyringBackend):
    """A keyring backend in memory (the machine's own may be absent) that notes the thread of every read."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.read_on: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.read_on.append(threading.current_thread().name)
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def noting_keyring():
    before = keyring.get_keyring()
    noted = ThreadNotingKeyring()
    keyring.set_keyring(noted)
    yield noted
    keyring.set_keyring(before)


def test_the_keyring_is_read_on_a_worker_never_on_the_window_s_thread(qtbot, tmp_path, deepl, noting_keyring):
    # A keyring may be slow, or ask to be unlocked: the window's thread never waits for it.
    settings = MTSettings(tmp_path / "mt.json", env={"STUDIO_MT_DEEPL_URL": deepl.url}, secrets=SecretStore())
    settings.configure("deepl", {"key": "the-right-key"})
    noting_keyring.read_on.clear()
    assert settings.state("deepl").configured  # the file says the keyring holds a key: it is not read
    _dialog, page = machine_page(qtbot, tmp_path, settings)
    assert "system keyring" in page.keyring_note.text()
    page.show_engine("deepl")
    assert page.fields["deepl"]["key"].placeholderText().startswith("stored")
    assert noting_keyring.read_on == []
    page.test_locale.setCurrentIndex(page.test_locale.findData("fr"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10_000)
    assert page.test_result.text().startswith("✓ DeepL")  # the stored key, read on the worker, was sent
    assert noting_keyring.read_on and threading.main_thread().name not in noting_keyring.read_on
    assert "the-right-key" not in (tmp_path / "mt.json").read_text(encoding="utf-8")
