"""Publishing from the window: translations approved in the review queue, a release composed and checked in
Document ▸ Release…, pushed as a job with its items' states, and the portal's own pages showing it; a change made on
the portal pulled back and resolved in the three-way view."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.sync.canonical import canonical_json
from studio.sync.releases import ThreeWay
from studio.ui.help import shortcuts
from studio.ui.release_dialog import ReleaseDialog, RowsModel
from studio.ui.three_way_dialog import OURS, PORTAL, ThreeWayDialog, ThreeWayModel
from tests.gui.windows import action, window_as
from tests.helpers import guide, office
from tests.portal.server import running_portal
from tests.sync.helpers import import_documents, translation

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def portal(tmp_path, monkeypatch):
    """The reference portal, and Studio pointed at it through the environment (as `make run` does)."""
    with running_portal(tmp_path / "portal") as running:
        monkeypatch.setenv("STUDIO_PORTAL_URL", running.url)
        monkeypatch.setenv("STUDIO_PORTAL_TOKEN", running.token())
        monkeypatch.setenv("STUDIO_PORTAL_CONFIG", str(tmp_path / "portal.json"))
        yield running


@pytest.fixture
def confirmed(sqlite_workspace, tmp_path):
    """The guide and its office with every French sentence confirmed (waiting for review) by the test supervisor,
    who also reviews French."""
    ws = sqlite_workspace
    import_documents(ws, tmp_path, [office(), guide()])
    for slug in ("dongcheng-hall", "work-permit"):
        for segment in ws.document(slug).segments:
            ws.save_cell(segment.id, "fr", translation("fr", segment.text), None, confirm=True)
    return ws


def open_release_window(qtbot, window) -> ReleaseDialog:
    assert action(window, "Release").shortcut().toString() == "Ctrl+Shift+P"
    assert "Ctrl+Shift+P" in dict(shortcuts())  # and F1 says so
    action(window, "Release").trigger()  # Document ▸ Release…
    dialog = window.findChild(ReleaseDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def run_and_wait(qtbot, window, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=30000)


def test_approve_compose_push_and_see_it_on_the_portals_pages(qtbot, confirmed, portal, tmp_path):
    ws = confirmed
    window = window_as(qtbot, ws, tmp_path, "boss")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts work in the active window only
    window.show_review_queue()  # Review ▸ Open the review queue
    queue = window.review_queue
    qtbot.waitUntil(lambda: queue.isVisible() and queue.table.hasFocus() and queue.model.rowCount() > 0)
    queue.table.selectAll()
    qtbot.keyClick(queue.table, Qt.Key.Key_A, CTRL_SHIFT)  # approve the whole queue
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=10000)

    dialog = open_release_window(qtbot, window)
    assert portal.url in dialog.portal_label.text()
    assert not dialog.push_button.isEnabled()  # nothing checked yet
    run_and_wait(qtbot, window, dialog.check_button)
    going = [(c.slug, c.locale) for c in dialog.candidates.rows if c.included]
    assert set(going) == {(slug, loc) for slug in ("dongcheng-hall", "work-permit") for loc in (None, "zh-Hans", "fr")}
    english = next(n for n, c in enumerate(dialog.candidates.rows) if c.slug == "work-permit" and c.locale == "en")
    assert dialog.candidates.index(english, 4).data().startswith("not approved in en")
    assert dialog.candidates.index(english, 2).data() == "no"

    qtbot.keyClicks(dialog.title, "First French guides")
    assert dialog.push_button.isEnabled()
    run_and_wait(qtbot, window, dialog.push_button)

    assert dialog.tabs.currentIndex() == 1  # the history, with the new release selected
    release = dialog._selected_release()
    assert release is not None and release.state == "published" and release.items == 6
    assert {dialog.items.index(n, 2).data() for n in range(dialog.items.rowCount())} == {"published"}
    assert "published" in window.statusBar().currentMessage()
    page = requests.get(f"{portal.url}/fr/work/work-permit", timeout=10)
    assert page.status_code == 200 and "[fr] 外国人来华工作许可" in page.text
    assert requests.get(f"{portal.url}/fr/", timeout=10).text.count("[fr] ") == 2  # both documents listed
    assert dialog.rollback_button.isEnabled() and not dialog.discard_button.isEnabled()  # a published release


def test_a_change_on_the_portal_is_pulled_compared_and_ours_kept(qtbot, confirmed, portal, tmp_path):
    ws = confirmed
    ws.review_cells([(s.id, "fr", s.cells["fr"].version) for slug in ("dongcheng-hall", "work-permit")
                     for s in ws.document(slug).segments], True)
    window = window_as(qtbot, ws, tmp_path, "boss")
    dialog = open_release_window(qtbot, window)
    run_and_wait(qtbot, window, dialog.check_button)
    qtbot.keyClicks(dialog.title, "First")
    run_and_wait(qtbot, window, dialog.push_button)

    guide_id = ws.document("work-permit").row.id
    headers = {"Authorization": f"Bearer {portal.token()}"}
    current = requests.get(f"{portal.url}/v1/documents/{guide_id}/locales/fr", headers=headers, timeout=10).json()
    body = {**current["staged"]["content"], "title": "Corrigé sur le portail"}
    answer = requests.put(f"{portal.url}/v1/documents/{guide_id}/locales/fr", data=canonical_json(body), timeout=10,
                          headers={**headers, "If-Match": f'"{current["staged"]["etag"]}"',
                                   "Content-Type": "application/json"})
    assert answer.status_code == 200

    run_and_wait(qtbot, window, dialog.pull_button)
    assert dialog.tabs.currentIndex() == 2 and dialog.changes.rowCount() == 1
    assert dialog.tabs.tabText(2) == "Changes on the portal (1)"

    def decide() -> None:
        three = QApplication.activeModalWidget()
        assert isinstance(three, ThreeWayDialog)
        title_row = next(n for n, row in enumerate(three.model.rows) if row[0] == "title")
        assert three.model.index(title_row, PORTAL).data() == "Corrigé sur le portail"
        assert three.model.index(title_row, OURS).data() == "[fr] 外国人来华工作许可"
        assert three.model.index(title_row, OURS).data(Qt.ItemDataRole.BackgroundRole) is not None
        qtbot.mouseClick(three.keep_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, decide)
    dialog.changes_table.selectRow(0)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert dialog.changes.rowCount() == 0
    assert "Studio's text will replace the portal's" in dialog.status.text()


def test_the_models_pass_the_model_tester(qtmodeltester):
    model = RowsModel[tuple[str, str]](["a", "b"], lambda row: row)
    model.set_rows([("1", "2"), ("3", "4")])
    qtmodeltester.check(model)
    three = ThreeWay("d", "slug", "ar", {"title": "old"}, {"title": "theirs"}, {"title": "ours", "summary": "x"}, ())
    qtmodeltester.check(ThreeWayModel(three))
    assert ThreeWayModel(three).index(0, OURS).data(Qt.ItemDataRole.TextAlignmentRole)  # Arabic to the right
