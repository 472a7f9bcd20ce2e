"""The source form and the facts panel know every kind of the field-kind registry."""

from __future__ import annotations

import pytest

from studio.content.field_kinds import FIELD_KINDS, LIST
from studio.content.types import FieldDef
from studio.ui.facts_panel import NEUTRAL_KINDS, fact_text, parse_fact
from studio.ui.source_form import EDITORS, LineEditor, RecordListEditor, TextEditor, ValueEditor, make_editor
from tests.unit.test_field_kinds import SAMPLES


def test_the_source_form_has_an_editor_for_every_kind():
    assert set(EDITORS) == set(FIELD_KINDS)


@pytest.mark.parametrize("name", sorted(FIELD_KINDS))
def test_every_kind_is_edited_and_gives_its_value_back(qtbot, name):
    editor = make_editor(FieldDef("value", name, "Value", ref_type="office"))
    qtbot.addWidget(editor)
    assert isinstance(editor, ValueEditor) and not isinstance(editor, RecordListEditor)
    editor.set_value(SAMPLES[name])
    assert editor.value() == SAMPLES[name]
    if isinstance(editor, LineEditor):  # the hint of the value's form, from the registry
        assert editor.input.placeholderText() == FIELD_KINDS[name].placeholder.format(type="office")


@pytest.mark.parametrize("name", sorted(FIELD_KINDS))
def test_every_kind_is_edited_as_an_item_of_a_list(qtbot, name):
    fdef = FieldDef("values", LIST, "Value", item_kind=name, ref_type="office")
    editor = make_editor(fdef, name)
    qtbot.addWidget(editor)
    editor.set_value(SAMPLES[name])
    assert editor.value() == SAMPLES[name]
    if isinstance(editor, TextEditor):  # short texts of a list read one per line; rich text keeps its box
        assert (type(editor.input).__name__ == "QLineEdit") == (name == "text")


def test_a_list_is_edited_as_a_list():
    assert isinstance(make_editor(FieldDef("values", LIST, "Value", item_kind="url")), RecordListEditor)


def test_the_facts_panel_shows_the_neutral_kinds_of_the_registry():
    assert {name for name, kind in FIELD_KINDS.items() if kind.neutral} == NEUTRAL_KINDS
    assert {"url", "phone", "date", "money", "geo", "reference"} == NEUTRAL_KINDS


@pytest.mark.parametrize("name", sorted(NEUTRAL_KINDS))
def test_every_neutral_kind_reads_back_from_its_fact(name):
    assert parse_fact(fact_text(SAMPLES[name], name), name) == SAMPLES[name]
    # A list of them (the offices of a guide) is one line, comma-separated; coordinates, which hold a comma, would
    # split there, and no content type has a list of them.
    if FIELD_KINDS[name].string and "," not in SAMPLES[name]:
        assert parse_fact(fact_text([SAMPLES[name]], f"list:{name}"), f"list:{name}") == [SAMPLES[name]]
