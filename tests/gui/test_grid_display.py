"""What the grid shows and refuses, as a translator and a reviewer see it: titles stay on one line, every refused
action says why until the user moves on, footers never overlap, placeholders in Arabic stay whole, the caret stays
in sight, chips read in dark mode, and Find marks its match and goes back as well as forward."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QHelpEvent, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip

from studio.ui.grid_delegate import FOOTER_GAP
from studio.ui.segment_editor import SegmentEditor, chip_format, shown_text, shown_token, without_isolates
from studio.ui.theme import chip_colors, contrast_ratio, dark_palette, find_colors, light_palette, state_colors
from tests.gui.test_editor_grid import open_cell
from tests.gui.windows import commit_text, open_grid, window_as
from tests.helpers import segment_id


@pytest.fixture
def grid(qtbot, filled):
    widget = open_grid(qtbot, filled)
    yield widget
    widget.finish_editing()


def index_of(grid, field_path, locale, ordinal=0):
    return grid.model.index(grid.model.row_of_segment(segment_id(grid.ws, field_path, ordinal)),
                            grid.model.column_of(locale))


# --- single-line fields (item 19) -------------------------------------------------------------------------


def test_shift_enter_adds_no_line_break_to_a_title(qtbot, grid, filled):
    editor = open_cell(qtbot, grid, "title", "en")
    commit_text(editor, "Work")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    commit_text(editor, " permit")
    assert editor.text() == "Work permit"


def test_line_breaks_pasted_into_a_title_become_spaces(qtbot, grid, filled):
    editor = open_cell(qtbot, grid, "title", "en")
    QGuiApplication.clipboard().setText("Work permit\nfor foreigners\r\n in Beijing")
    editor.paste()
    commit_text(editor, "\n!")  # an input method committing a break, too
    assert editor.text() == "Work permit for foreigners in Beijing !"
    assert grid.finish_editing()
    assert filled.cell(segment_id(filled, "title"), "en").text == "Work permit for foreigners in Beijing !"


def test_a_text_of_several_sentences_still_takes_a_line_break(qtbot, grid):
    editor = open_cell(qtbot, grid, "summary", "en")
    commit_text(editor, "One")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    commit_text(editor, "two")
    assert editor.text() == "One\ntwo"


def test_a_line_break_typed_in_a_longer_text_shows_as_a_break_in_the_grid(qtbot, grid):
    option = QStyleOptionViewItem()
    option.font = grid.grid.font()
    layout, _ = grid.delegate._layout("One\ntwo", grid.delegate._text_font(option, "en"), "en", 400,
                                      grid.grid.palette())
    assert layout.lineCount() == 2


# --- messages (item 21) -----------------------------------------------------------------------------------


def test_a_refusal_is_said_once_and_cleared_when_the_user_moves_on(qtbot, grid, filled):
    editor = open_cell(qtbot, grid, "steps[0].body", "en")
    commit_text(editor, "The employer logs in.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert grid.message_bar.isVisible() and "placeholders" in grid.message_bar.text()

    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # to the next segment
    assert not grid.message_bar.isVisible() and grid.message_bar.text() == ""

    grid.show_message("about this document")
    grid.open_document("work-permit")  # another document, or the same one for another user, opens afresh
    assert not grid.message_bar.isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_A])
def test_a_reviewer_trying_to_type_is_told_why_not(qtbot, team, tmp_path, key):
    window = window_as(qtbot, team, tmp_path, "marie")
    editor = window.editor
    editor.go_to(segment_id(team, "title"), "fr")
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, key)
    assert editor.editor() is None
    assert editor.message_bar.isVisible()
    assert "marie may not translate" in editor.message_bar.text()
    window.close()


def test_a_reviewer_double_clicking_the_source_is_told_where_it_is_edited(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    grid = window.editor.grid
    index = window.editor.model.index(window.editor.model.row_of_segment(segment_id(team, "title")), 1)
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(index).center())
    assert "Edit the source" in window.editor.message_bar.text()
    window.close()


def test_approving_a_language_the_reviewer_does_not_review_says_why(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    editor = window.editor
    editor.go_to(segment_id(team, "title"), "de")
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.message_bar.isVisible()
    assert "marie does not review de" in editor.message_bar.text()
    editor.go_to(segment_id(team, "summary"), "de")
    assert not editor.message_bar.isVisible()
    window.close()


# --- footers (item 23) ------------------------------------------------------------------------------------


@pytest.fixture
def outdated_machine_cell(filled):
    filled.save_cell(segment_id(filled, "summary", 1), "de", "Die Erlaubnis gilt höchstens fünf Jahre.", None,
                     origin="mt:deepl")
    filled.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    seg = segment_id(filled, "summary", 1)
    assert filled.cell(seg, "de").state == "outdated"
    return seg


@pytest.mark.parametrize("width", [90, 120, 150, 180, 240, 400])
def test_footers_never_overlap_at_any_column_width(qtbot, grid, outdated_machine_cell, width):
    grid.open_document("work-permit")
    index = index_of(grid, "summary", "de", 1)
    grid.grid.setColumnWidth(index.column(), width)
    option = QStyleOptionViewItem()
    option.rect = grid.grid.visualRect(index)
    option.font = grid.grid.font()
    words, marker = grid.delegate._fitted_footer(option, index)
    metrics = QFontMetrics(grid.delegate._caption_font(option))
    caption = grid.delegate._caption_rect(option)
    assert marker in ("⚠ source changed", "⚠")
    assert metrics.horizontalAdvance(words) + FOOTER_GAP + metrics.horizontalAdvance(marker) <= caption.width()


def test_the_footer_tooltip_holds_the_full_footer(qtbot, grid, outdated_machine_cell):
    grid.open_document("work-permit")
    index = index_of(grid, "summary", "de", 1)
    grid.grid.setColumnWidth(index.column(), 110)
    grid.grid.scrollTo(index)
    rect = grid.grid.visualRect(index)
    at = QPoint(rect.left() + 10, rect.bottom() - 8)
    viewport = grid.grid.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "outdated · machine (deepl)" in QToolTip.text()
    assert "source changed" in QToolTip.text()
    QToolTip.hideText()


# --- placeholders in Arabic (item 24) ---------------------------------------------------------------------

ARABIC = "يسجل صاحب العمل في {1}نظام الخدمة{/1} ويقدم المستندات."


def inner_positions(shown: str, token: str) -> list[int]:
    """The caret places between the characters of `token` as shown (isolated, joined, or bare)."""
    start = shown.index(shown_token(token)) + 1 if shown_token(token) in shown else shown.index(token)
    step = 2 if shown_token(token) in shown else 1
    return [start + step * i for i in range(1, len(token))]


def visual_order(layout, positions):
    """Where the caret stands, left to right, at each position (all on one line of the layout)."""
    positions = list(positions)
    line = layout.lineForTextPosition(positions[0])
    assert line.isValid() and line.lineNumber() == layout.lineForTextPosition(positions[-1]).lineNumber()
    return [line.cursorToX(p)[0] for p in positions]


def test_an_arabic_closing_placeholder_reads_left_to_right_in_the_painted_cell(qtbot, grid):
    option = QStyleOptionViewItem()
    option.font = grid.grid.font()
    layout, _ = grid.delegate._layout(ARABIC, grid.delegate._text_font(option, "ar"), "ar", 2000,
                                      grid.grid.palette())
    xs = visual_order(layout, inner_positions(layout.text(), "{/1}"))
    assert xs == sorted(xs), "'{/1}' must be drawn as '{/1}', not '{1/}'"


def test_an_arabic_closing_placeholder_reads_left_to_right_in_the_editor(qtbot, grid, filled):
    editor = open_cell(qtbot, grid, "steps[0].body", "ar")
    commit_text(editor, ARABIC)
    xs = visual_order(editor.document().firstBlock().layout(), inner_positions(editor.toPlainText(), "{/1}"))
    assert xs == sorted(xs), "'{/1}' must be drawn as '{/1}' on one line, not '{1/}'"
    # The isolates are only on screen: the text stored is the text typed.
    assert editor.text() == ARABIC
    assert grid.finish_editing()
    assert filled.cell(segment_id(filled, "steps[0].body"), "ar").text == ARABIC


def test_a_placeholder_typed_in_arabic_is_one_unit_for_backspace(qtbot, grid):
    editor = open_cell(qtbot, grid, "steps[0].body", "ar")
    commit_text(editor, "نص {/1}")
    assert editor.toPlainText() == "نص " + shown_token("{/1}")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == "نص "


# A translator's own isolates: a Latin product name kept left to right (FSI ... PDI), an amount (LRI ... PDI),
# and an isolate the translator put directly around a placeholder. They are part of the translation.
FSI, LRI, RLI, PDI = "\u2068", "\u2066", "\u2067", "\u2069"
ARABIC_WITH_OWN_ISOLATES = [
    f"سجّل في {FSI}Beijing Service Online{PDI} عبر {{1}}الموقع{{/1}} وادفع {LRI}CNY 400{PDI}.",
    f"انقر {LRI}{{1}}{PDI}هنا{RLI}{{/1}}{PDI} ثم {FSI}{{2/}}{PDI}",
    f"{FSI}{PDI}{{1}}{LRI}نص{{/1}}",
]


@pytest.mark.parametrize("text", [ARABIC, "{1}{/1}", "{12/}نص", "", "بلا رموز", *ARABIC_WITH_OWN_ISOLATES])
def test_the_shown_arabic_text_maps_back_to_what_is_stored(text):
    shown = shown_text(text, "ar")
    assert without_isolates(shown.text) == text
    assert [shown.text[shown.positions[i]] for i in range(len(text))] == list(text)
    assert shown.positions[-1] == len(shown.text)


@pytest.mark.parametrize("text", ARABIC_WITH_OWN_ISOLATES)
def test_the_translators_own_isolates_survive_the_editor(qtbot, text):
    editor = SegmentEditor("ar", "")
    qtbot.addWidget(editor)
    editor.set_text(text)
    assert editor.text() == text


@pytest.mark.parametrize("text", ARABIC_WITH_OWN_ISOLATES)
def test_the_translators_own_isolates_survive_the_grid(qtbot, grid, filled, text):
    body = segment_id(filled, "steps[0].body")
    # Typed (through an input method, as pasted text arrives) and stored by the grid: byte for byte.
    editor = open_cell(qtbot, grid, "steps[0].body", "ar")
    commit_text(editor, text)
    assert editor.text() == text
    assert grid.finish_editing()
    assert filled.cell(body, "ar").text == text

    # Painted: the cell draws the translator's isolates with the placeholders isolated around them.
    option = QStyleOptionViewItem()
    option.font = grid.grid.font()
    layout, _ = grid.delegate._layout(text, grid.delegate._text_font(option, "ar"), "ar", 2000, grid.grid.palette())
    assert layout.text() == shown_text(text, "ar").text
    assert without_isolates(layout.text()) == text

    # Opened again and edited: what was stored comes back whole, and only the typing changes it.
    editor = open_cell(qtbot, grid, "steps[0].body", "ar")
    assert editor.text() == text
    editor.moveCursor(QTextCursor.MoveOperation.End)
    commit_text(editor, " تم")
    assert grid.finish_editing()
    assert filled.cell(body, "ar").text == text + " تم"


def test_text_copied_from_an_arabic_cell_is_the_translation_without_the_editors_isolates(qtbot):
    text = ARABIC_WITH_OWN_ISOLATES[0]
    editor = SegmentEditor("ar", "")
    qtbot.addWidget(editor)
    editor.set_text(text)
    editor.selectAll()
    editor.copy()
    assert QGuiApplication.clipboard().text() == text


# --- the caret stays in sight (item 26) -------------------------------------------------------------------


def test_typing_in_the_last_visible_row_keeps_the_caret_inside_the_grid(qtbot, grid):
    grid.resize(1400, 420)
    qtbot.waitUntil(lambda: grid.grid.viewport().height() < 330)
    viewport = grid.grid.viewport()
    last = max(i for i in range(grid.model.rowCount()) if grid.model.row_info(i).kind == "segment"
               and grid.grid.visualRect(grid.model.index(i, 2)).bottom() < viewport.height())
    index = grid.model.index(last, grid.model.column_of("en"))
    grid.grid.setCurrentIndex(index)
    grid.grid.edit(index)
    editor = grid.editor()

    def caret_in_sight():
        return viewport.rect().contains(editor.viewport().mapTo(viewport, editor.cursorRect().bottomLeft()))

    for _ in range(12):
        commit_text(editor, "The applicant submits the documents online and waits for the review. ")
        qtbot.waitUntil(caret_in_sight)
    assert grid.grid.verticalScrollBar().value() > 0
    grid.resize(1400, 400)  # the grid refits its rows after a resize: the row being typed in keeps its room
    qtbot.waitUntil(lambda: grid.grid.rowHeight(last) >= editor.content_height())
    qtbot.waitUntil(caret_in_sight)


# --- dark mode chips (item 28) ----------------------------------------------------------------------------


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_placeholder_chips_read_well_in_both_palettes(palette):
    chip = chip_format(palette)
    foreground, background = chip.foreground().color(), chip.background().color()
    assert contrast_ratio(foreground, background) >= 4.5
    # The chip stands out from every cell colour it sits on.
    dark = palette is not None and palette.color(QPalette.ColorRole.Window).lightness() < 128
    assert (foreground, background) == chip_colors(dark)
    for cell in state_colors(dark).values():
        assert background != cell


def colour_count(image: QImage, colour: QColor, rect) -> int:
    return sum(1 for x in range(rect.left(), rect.right(), 2) for y in range(rect.top(), rect.bottom(), 2)
               if image.pixelColor(x, y) == colour)


def test_a_dark_grid_draws_chips_in_the_dark_theme_colours(qtbot, grid):
    grid.setPalette(dark_palette())
    index = grid.model.index(grid.model.row_of_segment(segment_id(grid.ws, "steps[0].body")), 1)
    grid.grid.scrollTo(index)
    image = grid.grid.viewport().grab().toImage()
    _, background = chip_colors(True)
    assert colour_count(image, background, grid.grid.visualRect(index)) > 0
    assert colour_count(image, chip_colors(False)[1], grid.grid.visualRect(index)) == 0


# --- Find: the match marked, and previous as well as next (item 28) --------------------------------------


def test_find_marks_the_match_in_the_painted_cell(qtbot, grid):
    _, marker = find_colors(False)
    grid.show_find()
    qtbot.keyClicks(grid.find_edit, "Beijing")  # not in the Chinese source: nothing to mark
    assert not grid.find_next()
    grid.find_edit.clear()
    grid.ws.save_cell(segment_id(grid.ws, "title"), "en", "Work permit for foreigners", None)
    grid.open_document("work-permit")
    grid.show_find()
    qtbot.keyClicks(grid.find_edit, "permit")
    qtbot.keyClick(grid.find_edit, Qt.Key.Key_Return)
    index = grid.grid.currentIndex()
    assert index == index_of(grid, "title", "en")
    assert colour_count(grid.grid.viewport().grab().toImage(), marker, grid.grid.visualRect(index)) > 0

    grid.hide_find()
    assert colour_count(grid.grid.viewport().grab().toImage(), marker, grid.grid.visualRect(index)) == 0


def test_find_goes_back_with_shift_enter_and_shift_f3(qtbot, grid):
    for field, text in (("title", "Work permit"), ("summary", "A permit is needed.")):
        grid.ws.save_cell(segment_id(grid.ws, field), "en", text, None)
    grid.open_document("work-permit")
    grid.show_find()
    qtbot.keyClicks(grid.find_edit, "permit")
    qtbot.keyClick(grid.find_edit, Qt.Key.Key_Return)
    first = grid.grid.currentIndex()
    qtbot.keyClick(grid.find_edit, Qt.Key.Key_Return)
    second = grid.grid.currentIndex()
    assert second != first

    qtbot.keyClick(grid.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert grid.grid.currentIndex() == first
    qtbot.keyClick(grid.find_edit, Qt.Key.Key_F3)
    assert grid.grid.currentIndex() == second
    qtbot.keyClick(grid.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert grid.grid.currentIndex() == first
