"""The sign-in, conflict and replace dialogs on a real workspace, used the way an editor uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.conflict_dialog import ConflictDialog
from studio.ui.job_runner import JobRunner
from studio.ui.replace_dialog import DIFF_HTML_ROLE, ReplaceDialog, ReplaceMatchModel
from studio.ui.sign_in import NAME_ROLE, SignInDialog
from studio.workflow.cells import CellConflict, CellSnapshot
from studio.workspace import Workspace
from tests.gui.test_grid_display import inner_positions, visual_order
from tests.helpers import guide, office, write_json

FRENCH = {
    "title": "Permis de travail à Beijing",
    "summary": "Les étrangers qui travaillent à Beijing ont besoin d'un permis de travail. "
               "Le permis dure au plus cinq ans.",
    "processing_time": "10 jours ouvrables à Beijing.",
    "steps": [{"title": "Demande en ligne",
               "body": "<p>L'employeur se connecte au <a href=\"https://fw.example.gov.cn\">système de service</a> "
                       "et soumet les documents. L'examen se fait en ligne.</p>"}],
}


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    """The guide with confirmed French, draft English that also names Beijing, and an Arabic title."""
    doc = guide()
    doc["translations"] = {
        "fr": {"state": "translated", "fields": FRENCH},
        "en": {"fields": {"summary": "Foreigners working in Beijing need a work permit. "
                                     "The permit lasts up to five years."}},
        "ar": {"fields": {"title": "تصريح العمل للأجانب"}},
    }
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), doc])], ImportOptions()))
    return sqlite_workspace


def segment(ws, field_path, ordinal=0):
    return [s for s in ws.document("work-permit").segments if s.field_path == field_path][ordinal]


def french_texts(ws):
    return {(s.field_path, s.ordinal): s.cells["fr"].text for s in ws.document("work-permit").segments
            if "fr" in s.cells}


def commit_text(widget, text):
    """Type non-ASCII text the way an input method does (keyClicks would abort the process)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# --- signing in -------------------------------------------------------------------------------------------


@pytest.fixture
def team(sqlite_workspace):
    sqlite_workspace.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    sqlite_workspace.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    sqlite_workspace.sign_out()
    return sqlite_workspace


def open_sign_in(qtbot, ws, last_user=""):
    dialog = SignInDialog(ws, last_user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_sign_in_dialog_lists_users_with_roles_and_reviewed_languages(qtbot, team):
    dialog = open_sign_in(qtbot, team)
    rows = [[dialog.user_list.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.user_list.topLevelItemCount())]
    assert rows == [["boss", "editor, reviewer, supervisor", "Deutsch, Français, العربية"],
                    ["Marie Dubois (marie)", "reviewer", "Français"],
                    ["王芳 (wang.fang)", "editor", ""]]


def test_the_last_user_is_preselected(qtbot, team):
    dialog = open_sign_in(qtbot, team, last_user="marie")
    assert dialog.selected_user() == "marie"
    assert dialog.user_list.currentItem().data(0, NAME_ROLE) == "marie"
    assert dialog.focusWidget() is dialog.password_edit


def test_a_wrong_password_says_so_and_keeps_the_dialog_open(qtbot, team):
    dialog = open_sign_in(qtbot, team, last_user="marie")
    qtbot.keyClicks(dialog.password_edit, "not-her-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message_label.isVisible()
    assert "wrong user name or password" in dialog.message_label.text().lower()
    assert dialog.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.actor is None and team.actor is None


def test_the_right_password_signs_in_with_enter(qtbot, team):
    dialog = open_sign_in(qtbot, team, last_user="marie")
    qtbot.keyClicks(dialog.password_edit, "marie-password")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    assert team.actor is not None and team.actor.name == "marie"
    assert dialog.actor == team.actor
    assert team.actor.review_locales == frozenset({"fr"})


def test_another_user_can_be_chosen_after_a_failed_attempt(qtbot, team):
    dialog = open_sign_in(qtbot, team, last_user="marie")
    qtbot.keyClicks(dialog.password_edit, "wang-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.isVisible()

    dialog.user_list.setCurrentItem(dialog.user_list.topLevelItem(2))
    assert not dialog.message_label.isVisible()
    qtbot.keyClicks(dialog.password_edit, "wang-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert team.actor.name == "wang.fang"


def test_continuing_without_signing_in_is_read_only(qtbot, sqlite_workspace):
    dialog = open_sign_in(qtbot, sqlite_workspace, last_user="boss")
    qtbot.mouseClick(dialog.read_only_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is None
    assert sqlite_workspace.actor is None


def test_cancel_keeps_whoever_was_signed_in(qtbot, sqlite_workspace):
    dialog = open_sign_in(qtbot, sqlite_workspace)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert sqlite_workspace.actor.name == "boss"


# --- conflicts --------------------------------------------------------------------------------------------


def conflict_on(ws, segment_id, locale, theirs, mine):
    """What a second window saving first, then this one saving from the older version, really produces."""
    version = ws.cell(segment_id, locale).version
    with Workspace.open(ws.folder) as other:
        other.sign_in("boss", "boss-password")
        other.save_cell(segment_id, locale, theirs, version)
    with pytest.raises(CellConflict) as caught:
        ws.save_cell(segment_id, locale, mine, version)
    return caught.value


@pytest.fixture
def french_conflict(filled):
    seg = segment(filled, "summary", 1)
    return seg, conflict_on(filled, seg.id, "fr", "Le permis dure cinq ans au maximum.",
                            "Le permis est valable cinq ans au plus.")


def plain(text):
    """Without the direction isolates that keep a right-to-left name from turning the sentence around."""
    return text.replace("\u2068", "").replace("\u2069", "")


def open_conflict(qtbot, conflict, source):
    dialog = ConflictDialog(conflict, source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_conflict_dialog_explains_and_shows_both_texts(qtbot, french_conflict):
    seg, conflict = french_conflict
    dialog = open_conflict(qtbot, conflict, seg.text)
    assert plain(dialog.explanation.text()) == "boss changed this French translation while you were editing it."
    assert dialog.source_box.toPlainText() == "许可证件有效期最长五年。"
    assert dialog.mine_box.toPlainText() == "Le permis est valable cinq ans au plus."
    assert dialog.theirs_box.toPlainText() == "Le permis dure cinq ans au maximum."
    assert dialog.merged_box.toPlainText() == "Le permis est valable cinq ans au plus."
    assert dialog.diff_box is not None
    # Their words struck out, mine underlined, in one line.
    assert dialog.diff_box.toPlainText() == "Le permis dureest valable cinq ans au maximumplus."
    assert "line-through" in dialog.diff_box.toHtml() and "underline" in dialog.diff_box.toHtml()
    assert dialog.expected_version == 2


@pytest.mark.parametrize(("button", "choice", "text"), [
    ("mine_button", "mine", "Le permis est valable cinq ans au plus."),
    ("theirs_button", "theirs", "Le permis dure cinq ans au maximum."),
    ("merged_button", "merged", "Le permis est valable cinq ans au plus."),
])
def test_each_button_gives_its_choice_and_text(qtbot, french_conflict, button, choice, text):
    seg, conflict = french_conflict
    dialog = open_conflict(qtbot, conflict, seg.text)
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.text) == (choice, text)


def test_the_edited_merge_is_saved_over_theirs(qtbot, filled, french_conflict):
    seg, conflict = french_conflict
    dialog = open_conflict(qtbot, conflict, seg.text)
    dialog.merged_box.selectAll()
    qtbot.keyClicks(dialog.merged_box, "Le permis est valable cinq ans au maximum.")
    qtbot.mouseClick(dialog.merged_button, Qt.MouseButton.LeftButton)
    assert (dialog.choice, dialog.text) == ("merged", "Le permis est valable cinq ans au maximum.")

    filled.save_cell(seg.id, "fr", dialog.text, dialog.expected_version)
    assert filled.cell(seg.id, "fr").text == "Le permis est valable cinq ans au maximum."


def test_the_conflict_is_settled_from_the_keyboard(qtbot, french_conflict):
    """Typing the merge, Tab leaves the box instead of typing a tab, and Ctrl+Enter saves the merge."""
    seg, conflict = french_conflict
    dialog = open_conflict(qtbot, conflict, seg.text)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.merged_box, Qt.Key.Key_Tab)
    assert dialog.merged_box.toPlainText() == "Le permis est valable cinq ans au plus."
    dialog.merged_box.setFocus()
    qtbot.keyClicks(dialog.merged_box, " Ou moins.")
    qtbot.keyClick(dialog.merged_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.text) == ("merged", "Le permis est valable cinq ans au plus. Ou moins.")


def test_an_arabic_conflict_is_shown_right_to_left(qtbot, filled):
    seg = segment(filled, "title")
    conflict = conflict_on(filled, seg.id, "ar", "تصريح عمل للأجانب", "تصريح العمل للمقيمين الأجانب")
    dialog = open_conflict(qtbot, conflict, seg.text)
    assert dialog.explanation.text().endswith("\u2069 changed this Arabic translation while you were editing it.")
    for box in (dialog.mine_box, dialog.theirs_box, dialog.merged_box):
        assert box.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert box.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
        assert "Noto Sans Arabic" in box.font().families()
    assert dialog.source_box.layoutDirection() == Qt.LayoutDirection.LeftToRight

    dialog.merged_box.moveCursor(dialog.merged_box.textCursor().MoveOperation.End)
    commit_text(dialog.merged_box, " في المدينة")
    qtbot.mouseClick(dialog.merged_button, Qt.MouseButton.LeftButton)
    assert dialog.text == "تصريح العمل للمقيمين الأجانب في المدينة"


def test_an_arabic_conflict_draws_placeholders_whole_and_keeps_the_text_exact(qtbot, filled):
    """Issue 7, item 24, the same fault elsewhere: placeholders read "{1/}" in right-to-left boxes."""
    seg = segment(filled, "steps[0].body")
    mine = "يسجل صاحب العمل في {1}نظام الخدمة{/1} ويقدم المستندات."
    filled.save_cell(seg.id, "ar", "يسجل صاحب العمل {1}هنا{/1}.", None)
    conflict = conflict_on(filled, seg.id, "ar", "يدخل صاحب العمل إلى {1}النظام{/1}.", mine)
    dialog = open_conflict(qtbot, conflict, seg.text)
    for box in (dialog.mine_box, dialog.merged_box):
        box.document().setTextWidth(2000)
        block = box.document().firstBlock()
        xs = visual_order(block.layout(), inner_positions(block.text(), "{/1}"))
        assert xs == sorted(xs), "'{/1}' must be drawn as '{/1}', not '{1/}'"
    qtbot.mouseClick(dialog.merged_button, Qt.MouseButton.LeftButton)
    assert dialog.text == mine  # what is shown to keep placeholders whole is never stored


def test_a_removed_translation_is_named_as_such(qtbot, filled):
    seg = segment(filled, "processing_time")
    version = filled.cell(seg.id, "fr").version
    with Workspace.open(filled.folder) as other:
        other.sign_in("boss", "boss-password")
        withdrawn = other.restore_cell(CellSnapshot(seg.id, "fr", None), version).version
    with pytest.raises(CellConflict) as caught:
        filled.save_cell(seg.id, "fr", "Dix jours ouvrables.", version)

    dialog = open_conflict(qtbot, caught.value, seg.text)
    assert dialog.explanation.text() == "\u2068boss\u2069 changed this French translation while you were editing it."
    assert dialog.theirs_box.placeholderText() == "(the translation was removed)"
    assert dialog.diff_box is None
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    assert (dialog.choice, dialog.text, dialog.expected_version) == ("theirs", None, withdrawn)


# --- find and replace -------------------------------------------------------------------------------------


def open_replace(qtbot, ws, locales=("fr",)):
    runner = JobRunner()  # the window's, in the application: the preview's search runs on it
    dialog = ReplaceDialog(ws, list(locales), runner)
    runner.setParent(dialog)
    qtbot.addWidget(dialog, before_close_func=lambda _: (runner.cancel_all(), runner.wait_all()))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def preview(qtbot, dialog):
    """Press Preview and wait for the search, which runs in the background, to fill the table."""
    with qtbot.waitSignal(dialog.search_ended, timeout=10_000):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)


def search(qtbot, dialog, find, replace, *, regex=False):
    qtbot.keyClicks(dialog.find_edit, find)
    qtbot.keyClicks(dialog.replace_edit, replace)
    dialog.regex_check.setChecked(regex)
    preview(qtbot, dialog)


def rows(model):
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_the_preview_lists_the_matching_cells_of_the_chosen_languages_only(qtbot, filled):
    dialog = open_replace(qtbot, filled, ["fr"])
    assert [c for c, check in dialog.locale_checks.items() if check.isChecked()] == ["fr"]
    search(qtbot, dialog, "Beijing", "Dongcheng")

    model = dialog.model
    assert [(r[1], r[2]) for r in rows(model)] == [("Title", "Français"), ("Summary", "Français"),
                                                   ("Processing time", "Français")]
    assert rows(model)[0][3:] == ("Permis de travail à Beijing", "Permis de travail à Dongcheng", "")
    assert "<del" in model.index(0, ReplaceMatchModel.BEFORE).data(DIFF_HTML_ROLE)
    assert "<ins" in model.index(0, ReplaceMatchModel.AFTER).data(DIFF_HTML_ROLE)
    assert dialog.count_label.text() == "3 matches in 1 document"
    assert dialog.replace_button.text() == "Replace 3"
    assert all(model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
               for r in range(model.rowCount()))


def test_unchecked_rows_are_left_alone_and_the_replacement_can_be_undone(qtbot, filled):
    before = french_texts(filled)
    english = filled.cell(segment(filled, "summary").id, "en").text
    dialog = open_replace(qtbot, filled, ["fr"])
    search(qtbot, dialog, "Beijing", "Dongcheng")
    model = dialog.model
    title = model.index(0, ReplaceMatchModel.DOCUMENT)
    assert model.setData(title, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.replace_button.text() == "Replace 2"

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert french_texts(filled) == before  # the dialog only previews: the window runs the job
    run_job(filled.replace_job(dialog.run))
    after = french_texts(filled)
    assert after[("title", 0)] == "Permis de travail à Beijing"
    assert after[("summary", 0)] == "Les étrangers qui travaillent à Dongcheng ont besoin d'un permis de travail."
    assert after[("processing_time", 0)] == "10 jours ouvrables à Dongcheng."
    assert filled.cell(segment(filled, "summary").id, "en").text == english
    assert len(dialog.run.applied) == 2

    filled.restore_cells([(a.before, a.version) for a in dialog.run.applied])
    assert french_texts(filled) == before


def test_a_row_whose_result_could_not_be_confirmed_is_skipped(qtbot, filled):
    dialog = open_replace(qtbot, filled, ["fr"])
    search(qtbot, dialog, r"\{/1\}|Demande", "", regex=True)
    model = dialog.model
    notes = {r[1]: r[5] for r in rows(model)}
    assert notes["Step 1 · Title"] == ""
    assert notes["Step 1 · Body"].startswith("skipped: the markup placeholders do not match the source")
    problem = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Step 1 · Body")
    index = model.index(problem, ReplaceMatchModel.DOCUMENT)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.replace_button.text() == "Replace 1"


def test_an_invalid_regular_expression_is_explained_and_changes_nothing(qtbot, filled):
    before = french_texts(filled)
    dialog = open_replace(qtbot, filled, ["fr"])
    search(qtbot, dialog, "Bei(jing", "x", regex=True)
    assert dialog.message_label.isVisible()
    assert "regular expression is not valid" in dialog.message_label.text()
    assert dialog.model.rowCount() == 0
    assert not dialog.replace_button.isEnabled()
    assert french_texts(filled) == before


def test_a_cell_changed_after_the_preview_is_left_as_it_was_changed(qtbot, filled):
    dialog = open_replace(qtbot, filled, ["fr"])
    search(qtbot, dialog, "Beijing", "Dongcheng")
    title = segment(filled, "title")
    filled.save_cell(title.id, "fr", "Permis de travail (Beijing)", filled.cell(title.id, "fr").version)

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    changes = run_job(filled.replace_job(dialog.run))
    assert (len(dialog.run.applied), dialog.run.changed_since_preview) == (2, 1)
    assert french_texts(filled)[("title", 0)] == "Permis de travail (Beijing)"
    assert "1 changed since the preview" in changes.summary


def test_changing_the_question_clears_a_stale_preview(qtbot, filled):
    dialog = open_replace(qtbot, filled, ["fr"])
    search(qtbot, dialog, "Beijing", "Dongcheng")
    assert dialog.model.rowCount() == 3
    dialog.case_check.setChecked(True)
    assert dialog.model.rowCount() == 0
    assert not dialog.replace_button.isEnabled()
    dialog.locale_checks["en"].setChecked(True)
    preview(qtbot, dialog)
    assert sorted({r[2] for r in rows(dialog.model)}) == ["English", "Français"]
    assert dialog.count_label.text() == "4 matches in 1 document"


def test_the_replace_model_passes_the_model_tester(qtmodeltester, filled):
    model = ReplaceMatchModel()
    model.set_matches(filled.find_replacements(r"\{/1\}|Beijing", "", ["fr", "en"], regex=True))
    assert model.rowCount() == 5
    qtmodeltester.check(model)
