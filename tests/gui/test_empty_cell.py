"""Emptying a cell in the grid takes its translation back: the cell is missing again, not an empty draft that
counts as progress, and its history stays (issue 7, item 20)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.grid_model import STATE_ROLE
from tests.gui.windows import open_grid
from tests.helpers import segment_id


def test_clearing_a_draft_and_pressing_escape_leaves_a_missing_cell(qtbot, filled):
    title = segment_id(filled, "title")
    filled.save_cell(title, "fr", "Permis de travail", None)
    widget = open_grid(qtbot, filled)
    index = widget.model.index(widget.model.row_of_segment(title), widget.model.column_of("fr"))
    widget.grid.setCurrentIndex(index)
    with qtbot.waitSignal(widget.delegate.editor_created) as created:
        widget.grid.edit(index)
    editor = created.args[0]

    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: filled.cell(title, "fr").state == "missing", timeout=4000)

    assert filled.cell(title, "fr").text == ""
    assert widget.model.index(index.row(), index.column()).data(STATE_ROLE) == "missing"
    progress = filled.document_progress()[filled.document("work-permit").row.id]["fr"]
    assert progress["draft"] == 0
    assert [r.event for r in filled.history(title, "fr")] == ["cleared", "typed"]

    widget.undo_stack.undo()  # the draft comes back
    assert (filled.cell(title, "fr").text, filled.cell(title, "fr").state) == ("Permis de travail", "draft")
