"""The document grid as a translator uses it: open a cell, type (through an input method, as real users of
Arabic, Japanese and Korean do), confirm with Ctrl+Enter, and land on the next cell that still needs work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QAbstractItemView

from studio.content.rich_text import PLACEHOLDER
from studio.ui.grid_delegate import PAD
from studio.ui.grid_model import FIRST_TARGET_COLUMN, KIND_ROLE, SOURCE_COLUMN, STATE_ROLE
from studio.ui.segment_editor import SegmentEditor, text_option
from tests.gui.windows import commit_text, open_grid
from tests.helpers import segment_id

BODY = "用人单位登录{1}服务系统{/1}提交材料。"

TITLES = {
    "ar": "تصريح العمل للأجانب",
    "ja": "外国人の就労許可",
    "ko": "외국인 취업 허가",
    "ru": "Разрешение на работу для иностранцев",
    "fr": "Permis de travail pour les étrangers",
}


@pytest.fixture
def editor_widget(qtbot, filled):
    """The work-permit guide open in a document editor of a realistic size."""
    widget = open_grid(qtbot, filled)
    yield widget
    widget.finish_editing()



def open_cell(qtbot, widget, field_path, locale, ordinal=0) -> SegmentEditor:
    """Start editing a cell the way the view does, and return the editor the real delegate made for it."""
    seg = segment_id(widget.ws, field_path, ordinal)
    index = widget.model.index(widget.model.row_of_segment(seg), widget.model.column_of(locale))
    widget.grid.setCurrentIndex(index)
    with qtbot.waitSignal(widget.delegate.editor_created) as created:
        widget.grid.edit(index)
    editor = created.args[0]
    assert isinstance(editor, SegmentEditor)
    assert widget.editor() is editor
    assert editor.locale_code == locale
    assert widget.grid.state() == QAbstractItemView.State.EditingState
    return editor


def confirm(qtbot, editor):
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


# --- typing and confirming --------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ar", "ja", "ko", "ru", "fr"])
def test_a_confirmed_translation_is_stored_and_the_next_cell_opens(qtbot, editor_widget, filled, locale):
    title = segment_id(filled, "title")
    editor = open_cell(qtbot, editor_widget, "title", locale)
    commit_text(editor, TITLES[locale])
    assert editor.text() == TITLES[locale]

    confirm(qtbot, editor)

    stored = filled.cell(title, locale)
    assert (stored.text, stored.state, stored.origin) == (TITLES[locale], "translated", "human")
    model = editor_widget.model
    row, column = model.row_of_segment(title), model.column_of(locale)
    assert model.index(row, column).data() == TITLES[locale]
    assert model.index(row, column).data(STATE_ROLE) == "translated"
    # The summary's first sentence is the next cell that needs work, in the same language; the heading
    # between them is skipped.
    summary_row = model.row_of_segment(segment_id(filled, "summary"))
    current = editor_widget.grid.currentIndex()
    assert (current.row(), current.column()) == (summary_row, column)
    assert model.index(summary_row - 1, 0).data(KIND_ROLE) == "heading"
    following = editor_widget.editor()
    assert following is not None and following is not editor
    assert following.locale_code == locale and following.isVisible() and following.text() == ""
    assert editor_widget.grid.visualRect(current).contains(following.geometry().center())


def test_the_next_cell_skips_what_is_already_confirmed(qtbot, editor_widget, filled):
    summary = segment_id(filled, "summary")
    filled.save_cell(summary, "fr", "Les étrangers qui travaillent ici ont besoin d'un permis.", None, confirm=True)
    editor_widget.open_document("work-permit")

    editor = open_cell(qtbot, editor_widget, "title", "fr")
    commit_text(editor, TITLES["fr"])
    confirm(qtbot, editor)

    model = editor_widget.model
    assert editor_widget.grid.currentIndex().row() == model.row_of_segment(segment_id(filled, "summary", 1))
    assert editor_widget.editor() is not None


def test_escape_closes_the_editor_and_keeps_the_text_as_a_draft(qtbot, editor_widget, filled):
    editor = open_cell(qtbot, editor_widget, "title", "ja")
    commit_text(editor, TITLES["ja"])
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    assert editor_widget.editor() is None
    assert editor_widget.grid.state() != QAbstractItemView.State.EditingState
    stored = filled.cell(segment_id(filled, "title"), "ja")
    assert (stored.text, stored.state) == (TITLES["ja"], "draft")


# --- right to left ----------------------------------------------------------------------------------------


def test_the_arabic_editor_is_right_to_left_and_right_aligned(qtbot, editor_widget):
    editor = open_cell(qtbot, editor_widget, "title", "ar")
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    option = editor.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert "Noto Sans Arabic" in editor.font().families()

    french = open_cell(qtbot, editor_widget, "title", "fr")
    assert french.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert french.document().defaultTextOption().alignment() & Qt.AlignmentFlag.AlignLeft


def test_text_options_by_locale():
    arabic = text_option("ar")
    assert arabic.textDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.alignment() & Qt.AlignmentFlag.AlignRight
    for locale in ("zh-Hans", "ja", "ko", "ru", "fr"):
        option = text_option(locale)
        assert option.textDirection() == Qt.LayoutDirection.LeftToRight
        assert option.alignment() & Qt.AlignmentFlag.AlignLeft


def dark_columns(widget, index):
    """The x positions, as fractions of the cell's width, of the dark text pixels in a cell's text area."""
    widget.grid.viewport().update()
    rect = widget.grid.visualRect(index)
    image = widget.grid.viewport().grab(rect).toImage()
    caption = widget.grid.fontMetrics().height() + PAD  # the state line under the text
    xs = []
    for y in range(4, image.height() - caption - PAD):
        for x in range(4, image.width() - 4):
            if QColor(image.pixel(x, y)).lightness() < 90:
                xs.append(x / image.width())
    return xs


def test_the_grid_paints_arabic_on_the_right_and_french_on_the_left(qtbot, editor_widget, filled):
    title = segment_id(filled, "title")
    filled.save_cell(title, "ar", "تصريح", None)
    filled.save_cell(title, "fr", "Permis", None)
    editor_widget.refresh_cell(title, "ar")
    editor_widget.refresh_cell(title, "fr")
    model = editor_widget.model
    row = model.row_of_segment(title)
    # Away from both cells, so no selection frame is drawn over them.
    editor_widget.grid.setCurrentIndex(model.index(row, SOURCE_COLUMN))
    arabic = model.index(row, model.column_of("ar"))
    french = model.index(row, model.column_of("fr"))
    editor_widget.grid.scrollTo(arabic)

    right = dark_columns(editor_widget, arabic)
    left = dark_columns(editor_widget, french)
    assert right and left
    assert min(right) > 0.5, "the Arabic word is drawn right-aligned"
    assert max(left) < 0.5, "the French word is drawn left-aligned"


# --- headings ---------------------------------------------------------------------------------------------


def test_headings_group_the_segments_and_span_the_row(editor_widget):
    model = editor_widget.model
    headings = [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data(KIND_ROLE)
                == "heading"]
    assert headings == ["Title", "Summary", "Who may apply", "Required document 1", "Required document 2",
                        "Step 1", "Step 2", "Fee 1", "Processing time"]
    step1 = headings.index("Step 1")
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(KIND_ROLE) == "heading"]
    row = rows[step1]
    assert editor_widget.grid.columnSpan(row, 0) == model.columnCount()
    assert not model.flags(model.index(row, FIRST_TARGET_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    under = [model.index(r, SOURCE_COLUMN).data() for r in range(row + 1, rows[step1 + 1])]
    assert under == ["网上申请", BODY, "审核在线完成。"]
    assert [model.index(r, 0).data() for r in range(row + 1, rows[step1 + 1])] == ["Title", "Body", "Body 2"]


# --- placeholders -----------------------------------------------------------------------------------------


def body_editor(qtbot, widget, text):
    editor = open_cell(qtbot, widget, "steps[0].body", "en")
    commit_text(editor, text)
    return editor


def place(editor, position):
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    return editor.textCursor().position()


def test_the_cursor_never_rests_inside_a_placeholder(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    start = editor.text().index("{1}")
    assert place(editor, start + 1) in (start, start + 3)
    assert place(editor, start + 2) in (start, start + 3)

    place(editor, start + 1)
    commit_text(editor, "x")
    assert "{1}" in editor.text()
    assert editor.text() in ("Log in to x{1}the system{/1}.", "Log in to {1}xthe system{/1}.")


def test_arrow_keys_step_over_a_placeholder(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    start = editor.text().index("{1}")
    place(editor, start + 3)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert editor.textCursor().position() == start
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor.textCursor().position() == start + 3
    end = editor.text().index("{/1}")
    place(editor, end)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor.textCursor().position() == end + 4


def test_backspace_after_a_placeholder_selects_it_first(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    end = editor.text().index("{/1}") + 4
    place(editor, end)

    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == "Log in to {1}the system{/1}."
    assert editor.textCursor().selectedText() == "{/1}"

    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == "Log in to {1}the system."


def test_delete_before_a_placeholder_selects_it_first(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    start = editor.text().index("{1}")
    place(editor, start)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.textCursor().selectedText() == "{1}"
    assert editor.text() == "Log in to {1}the system{/1}."


def test_typing_over_part_of_a_placeholder_replaces_the_whole_token(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    start = editor.text().index("{1}")
    cursor = editor.textCursor()
    cursor.setPosition(start + 1)  # from inside "{1}" to the middle of "the"
    cursor.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)

    commit_text(editor, "a")
    assert editor.text() == "Log in to ae system{/1}."
    assert "{" not in PLACEHOLDER.sub("", editor.text()) and "}" not in PLACEHOLDER.sub("", editor.text())


def test_the_placeholders_of_the_source_are_shown_as_chips(qtbot, editor_widget):
    editor = body_editor(qtbot, editor_widget, "Log in to {1}the system{/1}.")
    block = editor.document().firstBlock()
    formats = block.layout().formats()
    chips = sorted((f.start, f.length) for f in formats if f.format.fontWeight() > 500)
    text = editor.text()
    assert chips == [(text.index("{1}"), 3), (text.index("{/1}"), 4)]


# --- columns ----------------------------------------------------------------------------------------------


def test_choosing_the_arabic_column_only(editor_widget):
    editor_widget.set_locales(["ar"])
    model = editor_widget.model
    assert model.columnCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Field", "简体中文 (source)", "العربية · ar"]
    assert model.locales == ["ar"]
    assert model.index(1, FIRST_TARGET_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable

    editor_widget.set_locales(["ja", "ko"])
    assert model.locales == ["ja", "ko"]
    assert model.columnCount() == 4

