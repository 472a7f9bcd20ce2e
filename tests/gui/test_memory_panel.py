"""The translation memory in the window: matches shown as a cell is entered (no key press), Ctrl+1 … Ctrl+5,
the concordance (Ctrl+K), pre-translation from the memory, and the offer to propagate a confirmed translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from studio.states import CellState
from tests.conftest import _signed_in_workspace
from tests.gui.windows import action, commit_text, window_as
from tests.helpers import segment_id
from tests.memory.conftest import _fill

CTRL = Qt.KeyboardModifier.ControlModifier
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def ws(tmp_path):
    with _signed_in_workspace(tmp_path / "workspace", None) as workspace:
        _fill(workspace)
        summary = segment_id(workspace, "summary", 0)
        workspace.save_cell(summary, "ar", "يجب على الأجانب العاملين في بكين الحصول على تصريح عمل.", None,
                            confirm=True)
        workspace.save_cell(summary, "ja", "北京で働く外国人は就労許可を取得しなければならない。", None, confirm=True)
        tmx = tmp_path / "agency.tmx"
        tmx.write_text(AGENCY_TMX, encoding="utf-8")
        workspace.import_tmx([tmx])
        yield workspace


AGENCY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="x"
 adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>
<tu><tuv xml:lang="zh-CN"><seg>许可证件延期须提前二十日申请。</seg></tuv>
<tuv xml:lang="en-GB"><seg>A renewal must be applied for twenty days in advance.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Le renouvellement doit être demandé vingt jours à l'avance.</seg></tuv>
<tuv xml:lang="ar-SA"><prop type="x-ConfirmationLevel">Draft</prop><seg>يجب طلب التجديد قبل عشرين يومًا.</seg></tuv>
</tu></body></tmx>
"""


def open_window(qtbot, ws, tmp_path, slug="work-permit-renewal"):
    window = window_as(qtbot, ws, tmp_path, "boss")
    window.open_document(ws.document(slug).row.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts work in the active window only
    return window


def enter(qtbot, window, segment: int, locale: str) -> None:
    memory = window.side_panel.memory
    with qtbot.waitSignal(memory.looked_up, timeout=10_000):
        window.editor.go_to(segment, locale)
        window.editor.grid.setFocus()


def test_entering_a_cell_shows_the_memory_matches_and_the_other_languages_share_the_look_up(qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, tmp_path)
    window.side_panel.setCurrentWidget(window.side_panel.memory)
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    enter(qtbot, window, repeated, "en")
    memory = window.side_panel.memory
    shown = memory.view.toPlainText()
    assert "Foreigners working in Beijing must obtain a work permit." in shown
    assert "100%" in shown and "work-permit" in shown and "procedure_guide" in shown
    assert memory.match(1)[2].score == 100
    # The same sentence in Arabic: shown at once from the same look-up, right to left.
    window.editor.go_to(repeated, "ar")
    assert memory.match(1)[2].target.startswith("يجب")
    assert 'dir="rtl"' in memory.view.toHtml() or "rtl" in memory.view.toHtml().lower()
    # A fuzzy match from an agency's memory: its source's difference from ours is marked.
    fuzzy = segment_id(ws, "summary", 1, "work-permit-renewal")  # 许可证件延期须提前三十日申请。
    enter(qtbot, window, fuzzy, "en")
    first = memory.match(1)[2]
    assert (first.kind, first.origin) == ("imported", "agency.tmx") and 85 <= first.score < 100
    assert "<del" in memory.view.toHtml() or "line-through" in memory.view.toHtml()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.side_panel.resize(520, 560)
    window.side_panel.grab().save(str(SCREENSHOTS / "memory-tab.png"))
    window.editor.go_to(fuzzy, "ar")
    assert memory.match(1)[2].kind == "imported-draft"
    window.side_panel.resize(520, 560)
    window.side_panel.grab().save(str(SCREENSHOTS / "memory-tab-arabic.png"))
    enter(qtbot, window, repeated, "ja")
    assert memory.match(1)[2].target.startswith("北京で")
    window.side_panel.resize(520, 560)
    window.side_panel.grab().save(str(SCREENSHOTS / "memory-tab-japanese.png"))
    window.close()


def test_ctrl_1_stores_the_first_match_as_a_draft_and_undo_takes_it_back(qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, tmp_path)
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    enter(qtbot, window, repeated, "en")
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_1, CTRL)
    cell = ws.cell(repeated, "en")
    assert (cell.text, cell.state, cell.origin) == ("Foreigners working in Beijing must obtain a work permit.",
                                                     CellState.DRAFT, "tm:100")
    window.undo_stack.undo()
    assert ws.cell(repeated, "en") is None or ws.cell(repeated, "en").state == CellState.MISSING
    window.side_panel.memory.view.anchorClicked.emit(QUrl("studio:memory-insert/1"))  # the match's Insert link
    assert ws.cell(repeated, "en").origin == "tm:100"
    window.undo_stack.undo()
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_5, CTRL)
    assert "No memory match 5" in window.statusBar().currentMessage()
    window.close()


def test_a_match_goes_into_the_open_editor_as_the_person_s_text(qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, tmp_path)
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    enter(qtbot, window, repeated, "fr")
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_F2)
    editor = window.editor.editor()
    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL)
    assert editor.text().startswith("Les étrangers")
    assert window.editor.finish_editing()
    assert ws.cell(repeated, "fr").origin == "human"
    window.close()


def test_confirming_offers_the_translation_to_identical_sentences_without_a_dialog_and_one_undo_takes_it_back(
        qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, tmp_path, "work-permit")
    who = segment_id(ws, "who_may_apply", 0)
    twin = segment_id(ws, "who_may_apply", 0, "work-permit-renewal")
    window.editor.go_to(who, "de", edit=True)
    editor = window.editor.editor()
    commit_text(editor, "Der Arbeitgeber stellt den Antrag für die ausländische Fachkraft.")
    bar = window.editor.propagation_bar
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert "1 identical sentence" in bar.label.text()
    assert window.editor.editor() is not None, "the editor went on to the next cell: nothing modal in the way"
    window.editor.grab().save(str(SCREENSHOTS / "propagation-bar.png"))
    window.editor.finish_editing()
    bar.apply_button.click()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=10_000)
    cell = ws.cell(twin, "de")
    assert (cell.state, cell.origin) == (CellState.TRANSLATED, "propagated")
    assert not bar.isVisible()
    window.undo_stack.undo()
    assert ws.cell(twin, "de") is None or ws.cell(twin, "de").state == CellState.MISSING
    window.close()


def test_the_concordance_finds_a_two_character_chinese_word_with_its_hits_marked(qtbot, ws, tmp_path):
    from studio.ui.concordance_dialog import ConcordanceDialog

    window = open_window(qtbot, ws, tmp_path)
    action(window, "Concordance").trigger()
    dialog = window.findChild(ConcordanceDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.query.setText("许可")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.pairs), timeout=10_000)
    assert {p.locale for p in dialog.pairs} == {"en", "fr", "ar", "ja"}
    assert "background-color:rgba(250,204,21" in dialog.results.toHtml().replace(" ", "")
    dialog.resize(820, 620)
    dialog.grab().save(str(SCREENSHOTS / "concordance.png"))
    dialog.close()
    window.close()


def test_pre_translate_from_the_memory_runs_as_a_job_and_fills_the_grid(qtbot, ws, tmp_path, monkeypatch):
    from studio.ui import memory_pretranslate_dialog as dialogs

    window = open_window(qtbot, ws, tmp_path)
    shots = []

    def accept(dialog):
        dialog.score.setValue(100)
        for code, box in dialog.boxes.items():
            box.setChecked(code in ("en", "fr"))
        dialog.resize(520, 300)
        shots.append(dialog.grab())
        return True

    monkeypatch.setattr(dialogs.MemoryPretranslateDialog, "exec", accept)
    action(window, "Pre-translate from the memory").trigger()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)
    shots[0].save(str(SCREENSHOTS / "memory-pretranslate-dialog.png"))
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    assert ws.cell(repeated, "en").origin == "tm:100"
    assert ws.cell(repeated, "fr").origin == "tm:100"
    index = window.editor.model.index(window.editor.model.row_of_segment(repeated),
                                      window.editor.model.column_of("en"))
    assert index.data() == "Foreigners working in Beijing must obtain a work permit."
    window.close()


def test_a_tmx_file_is_imported_and_exported_from_the_menu_on_a_worker(qtbot, ws, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.memory.test_tmx import OMEGAT, valid_tmx

    window = open_window(qtbot, ws, tmp_path)
    path = tmp_path / "omegat.tmx"
    path.write_text(OMEGAT, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(path)], ""))
    action(window, "Import a translation memory (TMX)").trigger()
    qtbot.waitUntil(lambda: "1 unit(s) added" in window.statusBar().currentMessage(), timeout=10_000)
    out = tmp_path / "out.tmx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    action(window, "Export the translation memory (TMX)").trigger()
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage(), timeout=10_000)
    assert valid_tmx(out).returncode == 0
    assert "Foreigners must obtain a residence permit." in out.read_text(encoding="utf-8")
    window.close()


def test_undoing_the_confirmation_takes_the_propagation_offer_away(qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, tmp_path, "work-permit")
    who = segment_id(ws, "who_may_apply", 0)
    window.editor.go_to(who, "de", edit=True)
    editor = window.editor.editor()
    commit_text(editor, "Der Arbeitgeber stellt den Antrag.")
    bar = window.editor.propagation_bar
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    window.editor.finish_editing()
    window.undo_stack.undo()  # the confirmation undone: there is nothing to propagate any more
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5_000)
    assert bar.current is None
    window.close()


def test_a_change_of_the_memory_during_a_look_up_is_looked_up_again_when_it_ends(qtbot, ws, monkeypatch):
    import threading

    import studio.memory.lookup as lookup
    from studio.ui.memory_tab import MemoryTab

    real, release = lookup.look_up, threading.Event()

    def slow(*args, **kwargs):  # the look-up has read the memory, and is still on its way back
        out = real(*args, **kwargs)
        release.wait(10)
        return out

    monkeypatch.setattr(lookup, "look_up", slow)
    tab = MemoryTab()
    qtbot.addWidget(tab)
    tab.set_workspace(ws)
    sentence = "许可证件延期须提前三十日申请。"
    ws.create_document("faq", "work", "twin", {"question": "问题？", "answer": f"<p>{sentence}</p>"})
    twin = next(s.id for s in ws.document("twin").segments if s.text == sentence)
    tab.show_cell(segment_id(ws, "summary", 1, "work-permit-renewal"), "de", sentence, "zh-Hans")
    ws.save_cell(twin, "de", "Die Verlängerung ist dreißig Tage vorher zu beantragen.", None, confirm=True)
    tab.refresh()  # the window says the memory changed, while the look-up runs
    release.set()
    qtbot.waitUntil(lambda: bool(tab.matches()) and tab.matches()[0].origin == "twin", timeout=10_000)
    tab.stop()


def test_stopping_the_tab_waits_for_the_look_up_and_closes_its_workspace(qtbot, ws, monkeypatch):
    import threading

    import studio.memory.lookup as lookup
    from studio.ui.memory_tab import MemoryTab

    real, release = lookup.look_up, threading.Event()
    monkeypatch.setattr(lookup, "look_up", lambda *a, **k: (release.wait(10), real(*a, **k))[1])
    tab = MemoryTab()
    qtbot.addWidget(tab)
    tab.set_workspace(ws)
    tab.show_cell(segment_id(ws, "summary", 0, "work-permit-renewal"), "en", "x", "zh-Hans")
    threading.Timer(0.3, release.set).start()
    tab.stop()  # waits for the look-up running, then closes its workspace on the look-ups' thread
    assert tab._own == []
    tab.show_cell(segment_id(ws, "summary", 1, "work-permit-renewal"), "en", "y", "zh-Hans")
    assert tab._own == [] and tab._running is None  # nothing opened after the window closed
