"""A draft typed into the grid survives the application being killed: another process types Japanese and Arabic
into the real main window, waits for the autosave, and is killed with SIGKILL; the workspace still holds both
drafts, and a new main window shows them."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.grid_model import STATE_ROLE
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.workspace import Workspace
from tests.helpers import guide, office, write_json

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

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
    assert editor is not None and editor.locale == locale, "no editor opened"
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
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(settings), JAPANESE, ARABIC],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env=env, cwd=ROOT)
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

