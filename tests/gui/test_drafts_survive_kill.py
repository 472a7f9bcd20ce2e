"""A draft typed into the grid survives the application being killed: another process types Japanese and Arabic
into the real main window, waits for the autosave, and is killed with SIGKILL; the workspace still holds both
drafts, and a new main window shows them. Typing killed 200 ms after the last keystroke, before the draft timer,
comes back from the edit journal: stored as a draft, and the editor open on that cell with the caret where it
was."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.journal import JOURNAL_FOLDER, JournalEntry, last_entry
from studio.ui import segment_editor
from studio.ui.conflict_dialog import ConflictDialog
from studio.ui.grid_model import STATE_ROLE
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.workspace import Workspace
from tests.gui.test_editor_keyboard import answer_modal
from tests.gui.windows import commit_text, open_grid
from tests.helpers import guide, office, write_json

# Child windows killed mid-typing and timed autosaves: seconds each, so `make test-fast` leaves them out.
pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = "外国人の就労許可"
ARABIC = "يجب على الأجانب العاملين في المدينة"

# The other process: the real main window on the workspace, signed in as an editor. It types through an input
# method into two cells (leaving the second editor open), waits until the autosave stored both, says "typed"
# and keeps running until it is killed.
CHILD = r"""
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from studio.ui.app import application
from studio.ui import segment_editor
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.workspace import Workspace

folder, settings_file, japanese, arabic = sys.argv[1:5]
app = application()
ws = Workspace.open(folder)
ws.sign_in("wang.fang", "wang-password")
window = MainWindow(ws, Settings(Path(settings_file)))
window.resize(1400, 900)
window.show()
view = ws.document("work-permit")
window.open_document(view.row.id)
segments = {s.field_path: s.id for s in view.segments if s.ordinal == 0}


def type_into(segment_id, locale, text):
    window.editor.go_to(segment_id, locale, edit=True)
    editor = window.editor.editor()
    assert editor is not None and editor.locale_code == locale, "no editor opened"
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def stored(segment_id, locale, text):
    cell = ws.cell(segment_id, locale)
    return cell is not None and cell.text == text and cell.state == "draft"


type_into(segments["title"], "ja", japanese)
type_into(segments["summary"], "ar", arabic)  # moving on stores the Japanese; the Arabic waits for the autosave
print("editing", flush=True)


def poll():
    if stored(segments["title"], "ja", japanese) and stored(segments["summary"], "ar", arabic):
        print("typed", flush=True)
    else:
        QTimer.singleShot(50, poll)


QTimer.singleShot(0, poll)
QTimer.singleShot(30_000, lambda: (print("gave up", flush=True), app.exit(3)))
sys.exit(app.exec())
"""


@pytest.fixture
def workspace_folder(sqlite_workspace, tmp_path):
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    sqlite_workspace.add_user("wang.fang", ["editor"], "wang-password")
    folder = sqlite_workspace.folder
    sqlite_workspace.close()
    return folder


def read_line(process: subprocess.Popen[str], deadline: float) -> str:
    assert process.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(deadline - time.monotonic(), 0))
        if ready:
            return process.stdout.readline().strip()
    return ""


def run_and_kill(folder: Path, settings: Path) -> list[str]:
    process = start_child(CHILD, folder, settings)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while "typed" not in lines:
            line = read_line(process, deadline)
            if not line:
                break
            lines.append(line)
    finally:
        alive = process.poll() is None
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate(timeout=30)
    assert "typed" in lines, f"the editing process said {lines}, exit {process.returncode}, stderr:\n{err}"
    assert alive, "the editing process must still be running when it is killed"
    assert process.returncode == -signal.SIGKILL
    return lines


def start_child(script: str, folder: Path, settings: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen([sys.executable, "-c", script, str(folder), str(settings), JAPANESE, ARABIC],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=env, cwd=ROOT)


def test_drafts_typed_before_a_kill_are_in_the_workspace_and_the_grid(qtbot, workspace_folder, tmp_path):
    run_and_kill(workspace_folder, tmp_path / "child.ini")

    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        summary = next(s.id for s in view.segments if s.field_path == "summary" and s.ordinal == 0)
        japanese, arabic = ws.cell(title, "ja"), ws.cell(summary, "ar")
        assert (japanese.text, japanese.state, japanese.origin) == (JAPANESE, "draft", "human")
        assert (arabic.text, arabic.state, arabic.origin) == (ARABIC, "draft", "human")
        assert [r.text for r in ws.history(summary, "ar")] == [ARABIC]

        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.open_document(view.row.id)
        model = window.editor.model
        for segment_id, locale, text in ((title, "ja", JAPANESE), (summary, "ar", ARABIC)):
            index = model.index(model.row_of_segment(segment_id), model.column_of(locale))
            assert (index.data(), index.data(STATE_ROLE)) == (text, "draft")
        window.close()



# The other process types Japanese into the title, puts the caret after its second character with the arrow
# keys, and 200 ms after that last keystroke (long before the one-second draft timer) kills itself with SIGKILL.
CHILD_KILLED_WHILE_TYPING = r"""
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from studio.ui.app import application
from studio.ui import segment_editor
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.workspace import Workspace

folder, settings_file, japanese = sys.argv[1:4]
app = application()
ws = Workspace.open(folder)
ws.sign_in("wang.fang", "wang-password")
window = MainWindow(ws, Settings(Path(settings_file)))
window.resize(1400, 900)
window.show()
view = ws.document("work-permit")
window.open_document(view.row.id)
title = next(s.id for s in view.segments if s.field_path == "title")
window.editor.go_to(title, "ja", edit=True)
editor = window.editor.editor()
assert editor is not None and editor.locale_code == "ja", "no editor opened"
event = QInputMethodEvent("", [])
event.setCommitString(japanese)
QApplication.sendEvent(editor, event)
for key in (Qt.Key.Key_Home, Qt.Key.Key_Right, Qt.Key.Key_Right):
    QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))
print("caret", editor.textCursor().position(), flush=True)


def die():
    print("killing", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


QTimer.singleShot(200, die)
sys.exit(app.exec())
"""


def test_typing_killed_200_ms_after_the_last_keystroke_comes_back_with_the_cell_and_caret(
        qtbot, workspace_folder, tmp_path):
    settings = tmp_path / "s.ini"
    process = start_child(CHILD_KILLED_WHILE_TYPING, workspace_folder, settings)
    out, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, f"the editing process did not die by SIGKILL:\n{out}\n{err}"
    assert out.split("\n")[:2] == ["caret 2", "killing"]

    journals = list((workspace_folder / JOURNAL_FOLDER).glob("wang.fang.*.journal"))
    assert len(journals) == 1
    assert journals[0].stat().st_mode & 0o777 == 0o600
    assert (workspace_folder / JOURNAL_FOLDER).stat().st_mode & 0o777 == 0o700

    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        assert ws.cell(title, "ja") is None, "the draft timer must not have stored the typing before the kill"

        window = MainWindow(ws, Settings(settings))
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: ws.cell(title, "ja") is not None)

        cell = ws.cell(title, "ja")
        assert (cell.text, cell.state, cell.origin) == (JAPANESE, "draft", "human")
        editor = window.editor.editor()
        assert editor is not None and editor.locale_code == "ja"
        assert window.editor.current() == (next(i for i, s in enumerate(view.segments) if s.id == title), "ja")
        assert editor.text() == JAPANESE
        assert editor.textCursor().position() == 2
        assert not journals[0].exists(), "a replayed journal is removed"
        window.editor.finish_editing()
        window.close()


def dead_process_id() -> int:
    """The id of a process that has finished: the journal of a window that was killed."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def test_recovered_typing_never_overwrites_a_newer_translation_stored_meanwhile(qtbot, workspace_folder, tmp_path):
    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        started = ws.save_cell(title, "fr", "Permis", None).version
        # The crashed window had typed on top of version `started`; then a colleague stored a newer text.
        folder = workspace_folder / JOURNAL_FOLDER
        folder.mkdir(mode=0o700)
        lost = JournalEntry(view.row.id, title, "fr", 6, started, "Permis de travail")
        (folder / f"wang.fang.{dead_process_id()}.1.journal").write_bytes(lost.to_line())
        ws.save_cell(title, "fr", "Permis de travail des étrangers", started)

        seen: list[QWidget] = []
        answer_modal(ConflictDialog, lambda dialog: dialog.reject(), seen)
        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: len(seen) == 1)

        assert ws.cell(title, "fr").text == "Permis de travail des étrangers"
        editor = window.editor.editor()
        assert editor is not None and editor.text() == "Permis de travail"
        assert "changed meanwhile" in window.editor.message_bar.text()
        # Leaving the cell asks again rather than overwrite: the choice is the translator's.
        answer_modal(ConflictDialog, lambda dialog: next(
            b for b in dialog.buttons.buttons() if b.text() == "Take theirs").click(), seen)
        assert window.editor.finish_editing()
        assert len(seen) == 2
        assert ws.cell(title, "fr").text == "Permis de travail des étrangers"
        window.close()


def test_a_journal_that_cannot_be_written_is_said_once_and_typing_is_still_stored(qtbot, filled):
    (filled.folder / JOURNAL_FOLDER).write_text("a file where the journal folder should be")
    grid = open_grid(qtbot, filled)
    title = next(s.id for s in filled.document("work-permit").segments if s.field_path == "title")
    grid.go_to(title, "fr", edit=True)
    editor = grid.editor()
    commit_text(editor, "Permis")
    qtbot.waitUntil(lambda: "not journalled" in grid.message_bar.text())
    shown: list[str] = []
    grid.message.connect(shown.append)
    commit_text(editor, " de travail")
    qtbot.waitUntil(lambda: filled.cell(title, "fr") is not None)
    assert filled.cell(title, "fr").text == "Permis de travail"
    assert not [text for text in shown if "journalled" in text]
    grid.finish_editing()


def test_the_typing_of_every_killed_window_is_stored_and_the_newest_cell_reopens(qtbot, workspace_folder, tmp_path):
    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        summary = next(s.id for s in view.segments if s.field_path == "summary" and s.ordinal == 0)
        folder = workspace_folder / JOURNAL_FOLDER
        folder.mkdir(mode=0o700)
        killed = dead_process_id()
        older = folder / f"wang.fang.{killed}.1.journal"
        older.write_bytes(JournalEntry(view.row.id, summary, "ru", 3, None, "Иностранцы").to_line())
        os.utime(older, (1, 1))
        newer = folder / f"wang.fang.{killed}.2.journal"
        newer.write_bytes(JournalEntry(view.row.id, title, "ar", 4, None, ARABIC).to_line())

        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: ws.cell(title, "ar") is not None)

        assert (ws.cell(summary, "ru").text, ws.cell(summary, "ru").state) == ("Иностранцы", "draft")
        assert (ws.cell(title, "ar").text, ws.cell(title, "ar").state) == (ARABIC, "draft")
        editor = window.editor.editor()
        assert editor is not None and editor.locale_code == "ar" and editor.textCursor().position() == 4
        assert not older.exists() and not newer.exists()
        window.editor.finish_editing()
        window.close()



def test_a_journal_left_by_a_killed_window_with_this_same_process_id_is_replayed(qtbot, workspace_folder, tmp_path):
    # A restart in a container or a Flatpak sandbox often gets the process id of the window that was killed.
    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        folder = workspace_folder / JOURNAL_FOLDER
        folder.mkdir(mode=0o700)
        lost = folder / f"wang.fang.{os.getpid()}.1.journal"
        lost.write_bytes(JournalEntry(view.row.id, title, "ar", 4, None, ARABIC).to_line())

        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: ws.cell(title, "ar") is not None)

        assert (ws.cell(title, "ar").text, ws.cell(title, "ar").state) == (ARABIC, "draft")
        editor = window.editor.editor()
        assert editor is not None and editor.locale_code == "ar" and editor.textCursor().position() == 4
        assert not lost.exists()
        window.editor.finish_editing()
        window.close()


# A window of another process, still open: it journals typing in the Arabic title and waits to be killed.
CHILD_STILL_TYPING = r"""
import sys
from pathlib import Path

from studio.journal import EditJournal, JournalEntry

folder, document_id, segment_id, text = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
journal = EditJournal(Path(folder), "wang.fang")
journal.record(JournalEntry(document_id, segment_id, "ar", 4, None, text))
print(journal.path, flush=True)
sys.stdin.readline()
"""


def test_the_journal_of_a_window_still_open_is_left_alone_until_that_window_dies(qtbot, workspace_folder,
                                                                                 tmp_path):
    with Workspace.open(workspace_folder) as ws:
        ws.sign_in("wang.fang", "wang-password")
        view = ws.document("work-permit")
        title = next(s.id for s in view.segments if s.field_path == "title")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        other = subprocess.Popen([sys.executable, "-c", CHILD_STILL_TYPING, str(workspace_folder / JOURNAL_FOLDER),
                                  view.row.id, str(title), ARABIC], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True, encoding="utf-8", env=env, cwd=ROOT)
        try:
            assert other.stdout is not None
            journal = Path(other.stdout.readline().strip())
            assert last_entry(journal) is not None

            # A second window opened meanwhile: the other window's typing is its own, not a crash's leftovers.
            window = MainWindow(ws, Settings(tmp_path / "s.ini"))
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            assert window.editor.editor() is None, "no cell reopens: the journal is not an orphan"
            assert ws.cell(title, "ar") is None
            assert journal.exists()
            window.close()
        finally:
            other.kill()
            other.communicate(timeout=30)

        # Killed: the next start replays it.
        window = MainWindow(ws, Settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: ws.cell(title, "ar") is not None)
        assert ws.cell(title, "ar").text == ARABIC
        assert not journal.exists()
        window.editor.finish_editing()
        window.close()


def test_typing_that_stops_reaches_the_disk_within_about_a_second(qtbot, filled, monkeypatch):
    # Only the journal holds the typing here: the draft timer (which writes the journal once more) is far off.
    monkeypatch.setattr(segment_editor, "AUTOSAVE_MS", 60_000)
    monkeypatch.setattr(segment_editor, "AUTOSAVE_MAX_MS", 60_000)
    flushed: list[tuple[int, int]] = []  # (file, size) at each fsync
    fsync = os.fsync

    def counted_fsync(fd: int) -> None:
        fsync(fd)
        status = os.fstat(fd)
        flushed.append((status.st_ino, status.st_size))

    monkeypatch.setattr(os, "fsync", counted_fsync)
    grid = open_grid(qtbot, filled)
    title = next(s.id for s in filled.document("work-permit").segments if s.field_path == "title")
    grid.go_to(title, "fr", edit=True)
    editor = grid.editor()
    journals = filled.folder / JOURNAL_FOLDER

    def journalled(text: str) -> Path | None:
        found = [p for p in journals.glob("*.journal") if (e := last_entry(p)) is not None and e.text == text]
        return found[0] if found else None

    commit_text(editor, "Permis")
    qtbot.waitUntil(lambda: journalled("Permis") is not None)
    # Right after the first write was flushed: the journal alone would flush this one only on the next write.
    commit_text(editor, " de travail")
    qtbot.waitUntil(lambda: journalled("Permis de travail") is not None)
    path = journalled("Permis de travail")
    assert path is not None

    def on_disk() -> bool:
        status = path.stat()
        return (status.st_ino, status.st_size) in flushed

    qtbot.waitUntil(on_disk, timeout=3000)
    assert filled.cell(title, "fr") is None, "the draft timer must not have written the journal again"
    grid.finish_editing()
