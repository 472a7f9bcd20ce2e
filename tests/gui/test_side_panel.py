"""The side panel on a real workspace: a cell's revisions with what each changed, comments, and context."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.labels import origin_words
from studio.ui.segment_editor import LRI, PDI, WJ
from studio.ui.side_panel import SidePanel
from tests.gui.test_grid_display import inner_positions, visual_order
from tests.helpers import guide, office, write_json

GUIDE_FR = {"state": "translated",
            "fields": {"title": "Permis de travail pour les étrangers",
                       "summary": "Les étrangers qui travaillent dans la ville doivent obtenir un permis de travail. "
                                  "Le permis est valable cinq ans au plus.",
                       "steps": [{"title": "Demande en ligne"}, {"title": "Retrait du permis"}]}}
GUIDE_AR = {"fields": {"title": "تصريح العمل للأجانب"}}


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    docs = [office(), dict(guide(), translations={"fr": GUIDE_FR, "ar": GUIDE_AR})]
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    return sqlite_workspace


@pytest.fixture
def panel(qtbot):
    widget = SidePanel()
    qtbot.addWidget(widget)
    widget.resize(460, 700)
    widget.show()
    return widget


def _index(view, path, ordinal=0):
    return next(i for i, s in enumerate(view.segments) if s.field_path == path and s.ordinal == ordinal)


def _fragments(browser):
    """(text, underlined, struck through) of every run of text the browser shows."""
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            out.append((frag.text(), fmt.fontUnderline(), fmt.fontStrikeOut()))
            it += 1
        block = block.next()
    return out


def _block_of(browser, text):
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not shown"
    return cursor.block()


def test_history_lists_revisions_newest_first_with_author_and_the_words_changed(ws, panel):
    view = ws.document("work-permit")
    i = _index(view, "title")
    seg = view.segments[i]
    first = seg.cells["fr"]
    v2 = ws.save_cell(seg.id, "fr", "Permis de séjour pour les étrangers", first.version).version
    ws.save_cell(seg.id, "fr", "Permis de séjour pour les travailleurs étrangers", v2, confirm=True)

    panel.show_cell(ws, ws.document("work-permit"), i, "fr")

    text = panel.history_view.toPlainText()
    newest, middle, oldest = (text.index(f"Version {v} · boss") for v in (v2 + 1, v2, first.version))
    assert newest < middle < oldest
    # Each revision says what happened (until issue 7 a confirmation read "typed", an import "import (json)").
    assert "confirmed · translated" in text and "typed · draft" in text and "imported · translated" in text
    fragments = _fragments(panel.history_view)
    inserted = [t.strip() for t, underline, _ in fragments if underline]
    deleted = [t.strip() for t, _, strike in fragments if strike]
    # The newest change inserted one word; the one before replaced "travail" by "séjour".
    assert inserted == ["travailleurs", "séjour"]
    assert deleted == ["travail"]


def test_an_outdated_cell_shows_how_its_source_changed(ws, panel):
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    view = ws.document("work-permit")
    i = _index(view, "summary", 1)
    assert view.segments[i].cells["fr"].state == "outdated"

    panel.show_cell(ws, view, i, "fr")

    assert panel.history_view.toPlainText().startswith("The source changed:")
    fragments = _fragments(panel.history_view)
    # Chinese is compared character by character: only the number of years changed.
    assert [t for t, _, strike in fragments if strike] == ["五"]
    assert [t for t, underline, _ in fragments if underline] == ["三"]


def test_a_source_change_is_shown_as_such_with_who_changed_it(ws, panel):
    ws.add_user("limei", ["editor"], "limei-password", display_name="Li Mei")
    ws.sign_in("limei", "limei-password")
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    view = ws.document("work-permit")
    panel.show_cell(ws, view, _index(view, "summary", 1), "fr")

    text = panel.history_view.toPlainText()
    assert "Li Mei" in text and "source changed · outdated" in text
    assert "typed" not in text  # nobody typed: the source was rewritten


def test_a_rejection_shows_the_reviewers_comment_and_links_to_the_comments(ws, panel, qtbot):
    ws.add_user("rita", ["reviewer"], "rita-password", ["fr"], display_name="Rita Levi")
    ws.sign_in("rita", "rita-password")
    view = ws.document("work-permit")
    i = _index(view, "title")
    cell = view.segments[i].cells["fr"]
    ws.review_cell(view.segments[i].id, "fr", cell.version, approve=False,
                   comment="« pour les étrangers » est de trop.")

    panel.show_cell(ws, ws.document("work-permit"), i, "fr")
    text = panel.history_view.toPlainText()
    assert text.index("Rita Levi") < text.index("rejected · draft") < text.index("« pour les étrangers » est de trop.")
    assert "Reviewer’s comment:" in text

    panel.history_view.anchorClicked.emit(QUrl("studio:comments"))
    assert panel.currentIndex() == panel.indexOf(panel.comments_view.parentWidget())
    assert "« pour les étrangers » est de trop." in panel.comments_view.toPlainText()


def test_an_unchanged_cell_shows_no_source_difference(ws, panel):
    view = ws.document("work-permit")
    panel.show_cell(ws, view, _index(view, "summary", 1), "fr")
    assert "The source changed" not in panel.history_view.toPlainText()
    assert "Le permis est valable cinq ans au plus." in panel.history_view.toPlainText()


def test_arabic_history_reads_right_to_left(ws, panel):
    view = ws.document("work-permit")
    panel.show_cell(ws, view, _index(view, "title"), "ar")
    block = _block_of(panel.history_view, "تصريح العمل")
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.textDirection() == Qt.LayoutDirection.RightToLeft


def test_the_source_column_has_no_history_but_its_context(ws, panel):
    view = ws.document("work-permit")
    panel.show_cell(ws, view, _index(view, "title"), None)
    assert "no translation history" in panel.history_view.toPlainText()
    assert "外国人来华工作许可" in panel.context_view.toPlainText()


def test_a_comment_added_through_the_panel_is_stored_and_listed(ws, panel, qtbot):
    view = ws.document("work-permit")
    i = _index(view, "title")
    panel.show_cell(ws, view, i, "fr")
    panel.setCurrentWidget(panel.comments_tab)
    qtbot.keyClicks(panel.comment_edit, "Check the official term")
    with qtbot.waitSignal(panel.comment_added):
        qtbot.mouseClick(panel.add_comment_button, Qt.MouseButton.LeftButton)

    stored = ws.comments(view.row.id, view.segments[i].id, "fr")
    assert [(c.author, c.body) for c in stored] == [("boss", "Check the official term")]
    assert "Check the official term" in panel.comments_view.toPlainText()
    assert "boss" in panel.comments_view.toPlainText()
    assert panel.comment_edit.toPlainText() == ""
    assert panel.comment_error.isHidden()


def test_all_comments_on_the_document_show_where_each_was_made(ws, panel, qtbot):
    view = ws.document("work-permit")
    ws.add_comment(view.row.id, "Whole guide: check the fees.")
    ws.add_comment(view.row.id, "Step title too literal?", view.segments[_index(view, "steps[0].title")].id, "fr")
    panel.show_cell(ws, view, _index(view, "title"), "fr")
    assert "No comments on this cell yet." in panel.comments_view.toPlainText()

    panel.all_comments.setChecked(True)

    shown = panel.comments_view.toPlainText()
    assert "Whole guide: check the fees." in shown and "the document" in shown
    assert "Step title too literal?" in shown and "Step 1 · Title (fr)" in shown


def test_commenting_on_a_missing_cell_explains_why_and_keeps_the_text(ws, panel, qtbot):
    view = ws.document("work-permit")
    i = _index(view, "processing_time")
    assert "fr" not in view.segments[i].cells
    panel.show_cell(ws, view, i, "fr")
    panel.setCurrentWidget(panel.comments_tab)
    qtbot.keyClicks(panel.comment_edit, "Who translates this?")

    with qtbot.assertNotEmitted(panel.comment_added):
        qtbot.mouseClick(panel.add_comment_button, Qt.MouseButton.LeftButton)

    assert not panel.comment_error.isHidden()
    assert "no translation yet" in panel.comment_error.text()
    assert panel.comment_edit.toPlainText() == "Who translates this?"
    assert ws.comments(view.row.id) == []


def test_context_shows_the_field_and_the_neighbouring_sentences_with_their_translations(ws, panel):
    view = ws.document("work-permit")
    panel.show_cell(ws, view, _index(view, "summary", 0), "fr")
    text = panel.context_view.toPlainText()
    assert "外国人来华工作许可" in text  # the title, and the sentence before
    assert "Procedure guide · Summary" in text
    before, this, after = text.index("Before"), text.index("This sentence"), text.index("After")
    assert before < text.index("Permis de travail pour les étrangers") < this
    assert this < text.index("在本市工作的外国人须办理工作许可。") < after
    assert after < text.index("许可证件有效期最长五年。") < text.index("Le permis est valable cinq ans au plus.")


def test_clear_leaves_nothing_to_comment_on(ws, panel):
    view = ws.document("work-permit")
    panel.show_cell(ws, view, 0, "fr")
    panel.clear()
    assert not panel.add_comment_button.isEnabled()
    assert "Choose a cell" in panel.history_view.toPlainText()


def test_origins_in_words():
    assert [origin_words(o) for o in ("human", "mt:deepl", "tm:87", "import:po", "propagated")] == \
        ["typed", "machine (deepl)", "memory 87%", "import (po)", "copied from the same sentence"]


def test_ctrl_enter_in_the_comment_box_adds_the_comment(qtbot, ws, panel):
    view = ws.document("work-permit")
    i = next(n for n, s in enumerate(view.segments) if s.cells.get("fr"))
    panel.show_cell(ws, view, i, "fr")
    panel.comment_edit.setPlainText("Vérifier l'accord.")
    qtbot.keyClick(panel.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [c.body for c in ws.comments(view.row.id, view.segments[i].id, "fr")] == ["Vérifier l'accord."]



def _reads_left_to_right(browser, token):
    """Whether `token` is drawn left to right on one line (as "{/1}", not "{1/}") in the browser's first block
    that holds it."""
    browser.document().setTextWidth(2000)  # one line per block: the order, not the wrapping, is in question
    block = browser.document().begin()
    while token not in block.text().replace(WJ, "").replace(LRI, "").replace(PDI, ""):
        block = block.next()
    xs = visual_order(block.layout(), inner_positions(block.text(), token))
    return xs == sorted(xs)

def test_arabic_placeholders_are_shown_whole_in_history_and_context(ws, panel):
    """Issue 7, item 24, the same fault elsewhere: "{/1}" read "{1/}" in right-to-left history and context."""
    view = ws.document("work-permit")
    i = _index(view, "steps[0].body")
    seg = view.segments[i]
    assert "{1}" in seg.text and "{/1}" in seg.text
    ws.save_cell(seg.id, "ar", "يسجل صاحب العمل الدخول إلى {1}نظام الخدمات{/1} ويقدم المواد.", None)
    panel.show_cell(ws, ws.document("work-permit"), i, "ar")
    for browser in (panel.history_view, panel.context_view):
        assert _reads_left_to_right(browser, "{/1}"), browser.toPlainText()
