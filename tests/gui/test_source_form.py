"""Editing a document's source in the generated form, creating documents, and restoring deleted ones."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from studio.content.importers import ImportOptions
from studio.errors import ValidationError
from studio.jobs import run_job
from studio.ui.document_dialogs import DeletedDocumentsDialog, NewDocumentDialog, confirm_delete
from studio.ui.inline_error import error_color
from studio.ui.source_form import SourceEditorDialog, SourceForm
from tests.gui.windows import commit_text
from tests.helpers import guide, office, snapshot, write_json

LEFT = Qt.MouseButton.LeftButton

FRENCH = {"fr": {"state": "translated", "origin": "human", "fields": {
    "title": "Permis de travail pour les étrangers",
    "summary": "Les étrangers qui travaillent dans la ville doivent obtenir un permis de travail. "
               "Le permis est valable cinq ans au plus.",
}}}


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    docs = [office(), guide(translations=FRENCH)]
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    return sqlite_workspace


def add_dialog(qtbot, dialog):
    """Closing a dialog with unsaved typing asks first; hidden, it is closed at teardown without asking."""
    qtbot.addWidget(dialog, before_close_func=lambda d: d.hide())
    return dialog


def open_editor(qtbot, ws, slug="work-permit"):
    dialog = add_dialog(qtbot, SourceEditorDialog(ws, ws.document(slug)))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, form, button):
    """Scroll the button into view first, as a user would: a click lands where the button is on screen.

    Nested layouts settle over a few turns of the event loop, so wait until the button has its place."""
    def in_view():
        form.scroll_area.ensureWidgetVisible(button)
        return not button.size().isEmpty() and button.visibleRegion().boundingRect().size() == button.size()

    qtbot.waitUntil(in_view)
    qtbot.mouseClick(button, LEFT)


def click_save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)


def answer_message_box(qtbot, button, seen):
    """Click `button` of the next message box as soon as it is shown; its text goes into `seen`."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        box.button(button).click()
    QTimer.singleShot(0, click)


def test_a_loaded_guide_gives_back_exactly_its_stored_fields(qtbot, ws):
    view = ws.document("work-permit")
    form = SourceForm("procedure_guide")
    qtbot.addWidget(form)
    form.load(view)
    assert form.values() == dict(view.fields)
    assert not form.is_modified()
    assert form.changed_values() == {}
    assert form.blocks["title"].label.text() == "Title *"
    assert form.blocks["processing_time"].label.text() == "Processing time"
    assert form.editor("title").counter.text() == "9 / 120"
    steps = form.editor("steps")
    assert [item.title() for item in steps.items] == ["Step 1", "Step 2"]
    assert not steps.items[0].up_button.isEnabled() and not steps.items[1].down_button.isEnabled()


def test_an_unchanged_form_saves_nothing(qtbot, ws):
    before = snapshot(ws)
    dialog = open_editor(qtbot, ws)
    assert not dialog.save_button.isEnabled()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert snapshot(ws) == before


def test_a_new_step_moved_up_is_saved_in_its_place_and_segmented(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    steps = dialog.form.editor("steps")
    click(qtbot, dialog.form, steps.items[1].add_button)
    new = steps.items[2]
    assert new.title() == "Step 3"
    assert not dialog.form.is_modified()  # an empty step is nothing to save yet
    with qtbot.waitSignal(dialog.form.modified_changed):
        new.editors["title"].input.setText("核验原件")
    new.editors["body"].input.setPlainText("<p>携带材料原件到窗口核验。</p>")
    click(qtbot, dialog.form, new.up_button)
    assert steps.items[1] is new and new.title() == "Step 2"
    assert dialog.save_button.isEnabled()

    click_save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    view = ws.document("work-permit")
    assert [s["title"] for s in view.fields["steps"]] == ["网上申请", "核验原件", "领取证件"]
    assert view.fields["steps"][1]["body"] == "<p>携带材料原件到窗口核验。</p>"
    assert ("steps[1].title", "核验原件") in {(s.field_path, s.text) for s in view.segments}
    assert view.row.id in dialog.changes.documents
    assert dialog.summary.startswith("Saved work-permit:")


def test_a_rewritten_sentence_makes_its_french_translation_outdated(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("summary").input.setPlainText("在本市工作的外国人须办理工作许可。许可证件有效期最长三年。")
    click_save(qtbot, dialog)

    summary = [s for s in ws.document("work-permit").segments if s.field_path == "summary"]
    assert summary[0].cells["fr"].state == "translated"
    assert summary[1].text == "许可证件有效期最长三年。"
    assert summary[1].cells["fr"].state == "outdated"
    assert summary[1].cells["fr"].outdated_source == "许可证件有效期最长五年。"
    assert (summary[1].id, "fr") in dialog.changes.cells


def test_removing_a_required_document_is_saved(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    documents = dialog.form.editor("required_documents")
    click(qtbot, dialog.form, documents.items[1].remove_button)
    assert len(documents.items) == 1
    click_save(qtbot, dialog)
    assert ws.document("work-permit").fields["required_documents"] == [{"name": "护照", "note": "有效期六个月以上。"}]


def test_clearing_the_required_title_is_refused_inline_and_changes_nothing(qtbot, ws):
    before = snapshot(ws)
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("summary").input.setPlainText("新的摘要。")
    dialog.form.editor("title").input.setText("")
    click_save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "'title'" in dialog.error.text()
    assert snapshot(ws) == before
    assert dialog.form.editor("summary").value() == "新的摘要。"
    assert dialog.form.is_modified()


def focused_in(dialog, editor):
    """Whether the dialog's cursor is in `editor` (an editor of the form, or of an item of a list)."""
    focused = dialog.focusWidget()
    return focused is not None and (focused is editor or editor.isAncestorOf(focused))


def test_an_empty_step_title_is_refused_with_the_cursor_in_that_step(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    steps = dialog.form.editor("steps")
    steps.items[1].editors["title"].input.setText("")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "'steps[1].title'" in dialog.error.text()
    assert focused_in(dialog, steps.items[1].editors["title"])


# What the workspace says is shown as it is said; where the cursor goes comes from the error's field, never from
# its words: these messages are in other languages, and one names another field in the words the English uses.
REFUSALS = [
    ("steps[1].body", "« work-permit » : l’étape [2] n’a pas de texte"),
    ("required_documents[0].note", "第1项材料[说明]太长"),
    ("steps[1].body", "work-permit: field 'title': the words name another field than the one at fault"),
    ("online_service_url", "work-permit: [https://fw] n'est pas une adresse"),
]


def _refusing(field, message):
    def refuse(*args, **kwargs):
        exc = ValidationError(message)  # the words as given, whatever they say ...
        exc.field = field  # ... and the field path kept apart from them
        raise exc
    return refuse


def _editor_at(form, path):
    if path == "online_service_url":
        return form.editor(path)
    name, index, sub = path.replace("]", "[").split("[")
    return form.editor(name).items[int(index)].editors[sub.lstrip(".")]


@pytest.mark.parametrize(("field", "message"), REFUSALS)
def test_the_source_form_puts_the_cursor_in_the_field_the_refusal_is_about(qtbot, ws, monkeypatch, field, message):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("processing_time").input.setPlainText("5个工作日。")
    monkeypatch.setattr(ws, "edit_source", _refusing(field, message))
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text() == message
    assert focused_in(dialog, _editor_at(dialog.form, field))


@pytest.mark.parametrize(("field", "message"), REFUSALS)
def test_a_new_document_puts_the_cursor_in_the_field_the_refusal_is_about(qtbot, ws, monkeypatch, field, message):
    dialog = add_dialog(qtbot, NewDocumentDialog(ws))
    dialog.show()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("procedure_guide"))
    dialog.form.set_values(ws.document("work-permit").fields)
    dialog.slug_edit.setText("another-permit")
    monkeypatch.setattr(ws, "create_document", _refusing(field, message))
    qtbot.mouseClick(dialog.create_button, LEFT)
    assert dialog.isVisible() and dialog.error.text() == message
    assert focused_in(dialog, _editor_at(dialog.form, field))


def test_a_refusal_about_no_one_field_leaves_the_cursor_where_it_was(qtbot, ws, monkeypatch):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("summary").input.setPlainText("新的摘要。")
    monkeypatch.setattr(ws, "edit_source", _refusing(None, "work-permit: field 'title': is not the point"))
    click_save(qtbot, dialog)
    assert dialog.error.text() == "work-permit: field 'title': is not the point"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.focusWidget() is save  # where the click put it, not in the field the words happen to name


def test_a_title_over_its_maximum_shows_a_red_counter_and_is_refused(qtbot, ws):
    before = snapshot(ws)
    dialog = open_editor(qtbot, ws)
    title = dialog.form.editor("title")
    title.input.setText("长" * 121)
    assert title.counter.text() == "121 / 120"
    assert title.counter.over
    assert title.counter.palette().color(QPalette.ColorRole.WindowText) == error_color(title.counter)
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "'title'" in dialog.error.text() and "maximum of 120" in dialog.error.text()
    assert snapshot(ws) == before
    title.input.setText("长" * 120)
    assert not title.counter.over


def test_an_edit_saved_meanwhile_elsewhere_is_a_conflict_that_keeps_the_typing(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("processing_time").input.setPlainText("5个工作日。")
    ws.edit_source("work-permit", {"contact_phone": "+86 10 5555"})
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "changed meanwhile" in dialog.error.text()
    assert dialog.form.editor("processing_time").value() == "5个工作日。"
    assert ws.document("work-permit").fields["processing_time"] == "10个工作日。"


def test_a_document_deleted_meanwhile_is_refused_inline(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("processing_time").input.setPlainText("5个工作日。")
    ws.delete_document("work-permit")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "deleted" in dialog.error.text()


def test_cancel_after_typing_asks_before_discarding(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    dialog.form.editor("processing_time").input.setPlainText("5个工作日。")
    seen: list[str] = []
    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    dialog.reject()
    assert dialog.isVisible()
    assert "外国人来华工作许可" in seen[0]
    answer_message_box(qtbot, QMessageBox.StandardButton.Discard, seen)
    dialog.reject()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_list_values_are_shaped_as_the_document_format_says(qtbot, ws):
    form = SourceForm("procedure_guide")
    qtbot.addWidget(form)
    form.load(ws.document("work-permit"))
    form.resize(700, 600)
    form.show()
    qtbot.waitExposed(form)
    fees = form.editor("fees")
    click(qtbot, form, fees.append_button)
    fees.items[1].editors["explanation"].input.setPlainText("加急费。")
    fees.items[1].editors["amount"].amount.setText("120.50")
    offices = form.editor("offices")
    click(qtbot, form, offices.items[0].add_button)  # left empty: not part of the value
    click(qtbot, form, form.editor("legal_basis").append_button)
    form.editor("legal_basis").items[0].editor.input.setText("《外国人在中国就业管理规定》")

    values = form.values()
    assert values["fees"][1] == {"explanation": "加急费。", "amount": {"amount": "120.50", "currency": "CNY"}}
    assert values["offices"] == ["dongcheng-hall"]
    assert values["legal_basis"] == ["《外国人在中国就业管理规定》"]
    assert set(form.changed_values()) == {"fees", "legal_basis"}


def test_arabic_sources_are_written_right_to_left_in_an_arabic_font(qtbot):
    form = SourceForm("faq", "ar")
    qtbot.addWidget(form)
    question = form.editor("question").input
    assert question.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert question.font().families()[0] == "Noto Sans Arabic"
    assert form.editor("related_url").input.layoutDirection() == Qt.LayoutDirection.LeftToRight
    form.set_source_locale("ja")
    assert question.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert question.font().families()[0] == "Noto Sans CJK JP"


def test_a_new_faq_is_created_in_study_and_a_bad_slug_is_refused(qtbot, ws):
    dialog = add_dialog(qtbot, NewDocumentDialog(ws, "study"))
    dialog.show()
    assert dialog.section_combo.currentData() == "study"
    assert dialog.locale_combo.currentData() == "zh-Hans"
    assert dialog.locale_combo.count() == 9
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("faq"))
    assert list(dialog.form.editors) == ["question", "answer", "related_url"]
    dialog.form.editor("question").input.setText("留学生可以在校外兼职吗？")
    dialog.form.editor("answer").input.setPlainText("<p>须经学校同意并在居留许可上加注。</p>")

    before = snapshot(ws)
    qtbot.keyClicks(dialog.slug_edit, "Part Time!")
    assert dialog.slug_hint.isVisible()
    qtbot.mouseClick(dialog.create_button, LEFT)
    assert dialog.isVisible() and "Part Time!" in dialog.error.text()
    assert snapshot(ws) == before

    dialog.slug_edit.clear()
    qtbot.keyClicks(dialog.slug_edit, "part-time-work")
    assert not dialog.slug_hint.isVisible()
    qtbot.mouseClick(dialog.create_button, LEFT)

    assert dialog.result() == QDialog.DialogCode.Accepted
    view = ws.document(dialog.created_id)
    assert (view.row.type, view.row.section, view.row.slug, view.row.source_locale) == \
        ("faq", "study", "part-time-work", "zh-Hans")
    assert view.fields == {"question": "留学生可以在校外兼职吗？", "answer": "<p>须经学校同意并在居留许可上加注。</p>"}


def test_a_new_document_missing_a_required_field_is_refused_inline(qtbot, ws):
    dialog = add_dialog(qtbot, NewDocumentDialog(ws))
    dialog.show()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("faq"))
    dialog.form.editor("question").input.setText("问题？")
    dialog.slug_edit.setText("a-question")
    before = snapshot(ws)
    qtbot.mouseClick(dialog.create_button, LEFT)
    assert dialog.isVisible() and "'answer'" in dialog.error.text()
    assert dialog.created_id is None
    assert snapshot(ws) == before


def test_changing_the_type_keeps_what_the_types_share(qtbot, ws):
    dialog = add_dialog(qtbot, NewDocumentDialog(ws))
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("article"))
    dialog.form.editor("title").input.setText("新闻标题")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("service"))
    assert dialog.form.content_type.name == "service"
    assert dialog.form.values() == {"title": "新闻标题"}


def test_a_deleted_document_is_restored_from_the_list(qtbot, ws):
    doc_id = ws.document("work-permit").row.id
    ws.delete_document("work-permit")
    dialog = DeletedDocumentsDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    item = dialog.list.topLevelItem(0)
    assert [item.text(c) for c in range(3)] == ["外国人来华工作许可", "Procedure guide", "work-permit"]
    assert not dialog.restore_button.isEnabled()
    item.setSelected(True)
    with qtbot.waitSignal(dialog.documents_restored) as signal:
        qtbot.mouseClick(dialog.restore_button, LEFT)
    assert signal.args == [[doc_id]]
    assert dialog.restored_ids == [doc_id]
    assert ws.document("work-permit").row.id == doc_id
    assert dialog.list.topLevelItemCount() == 0 and dialog.empty_label.isVisible()


def test_deleting_asks_naming_the_document_and_where_to_restore_it(qtbot):
    seen: list[str] = []
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    assert confirm_delete(None, "外国人来华工作许可")
    assert "外国人来华工作许可" in seen[0] and "Deleted documents" in seen[0]
    answer_message_box(qtbot, QMessageBox.StandardButton.No, seen)
    assert not confirm_delete(None, "外国人来华工作许可")


@pytest.mark.parametrize(("field", "key", "modifier"), [
    ("title", Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
    ("summary", Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),  # even where Enter is a line break
    ("summary", Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier),
])
def test_the_source_is_saved_from_the_keyboard(qtbot, ws, field, key, modifier):
    dialog = open_editor(qtbot, ws)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts work in the active window only
    box = dialog.form.editor(field).input
    box.setFocus()
    box.selectAll()
    commit_text(box, "外国人工作许可")
    qtbot.keyClick(box, key, modifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ws.document("work-permit").fields[field] == "外国人工作许可"


def test_tab_leaves_a_multi_line_field_and_escape_cancels(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    summary = dialog.form.editor("summary").input
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_Tab)
    assert "\t" not in summary.toPlainText()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_rich_text_shows_its_markup_as_chips_and_the_text_formatted_and_saves_the_markup_as_typed(qtbot, ws):
    dialog = open_editor(qtbot, ws)
    step = dialog.form.editor("steps").items[0]
    body = step.editors["body"]
    text = body.input.toPlainText()
    assert text.startswith('<p>用人单位登录<a href="https://fw.example.gov.cn">')
    formats = body.input.document().firstBlock().layout().formats()
    chips = {(f.start, f.length) for f in formats}
    assert (0, len("<p>")) in chips and (text.index("<a "), len('<a href="https://fw.example.gov.cn">')) in chips
    assert body.preview.toPlainText() == "用人单位登录服务系统提交材料。审核在线完成。"  # formatted: no tags
    assert 'href="https://fw.example.gov.cn"' in body.preview.toHtml()

    body.input.setPlainText(text.replace("提交材料", "<strong>在线</strong>提交材料"))
    assert body.preview.toPlainText() == "用人单位登录服务系统在线提交材料。审核在线完成。"
    click_save(qtbot, dialog)
    assert ws.document("work-permit").fields["steps"][0]["body"] == (
        '<p>用人单位登录<a href="https://fw.example.gov.cn">服务系统</a><strong>在线</strong>提交材料。审核在线完成。</p>')


def test_ctrl_enter_in_a_new_documents_answer_creates_it(qtbot, ws):
    dialog = add_dialog(qtbot, NewDocumentDialog(ws))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("faq"))
    dialog.slug_edit.setText("a-question")
    dialog.form.editor("question").input.setText("问题？")
    answer = dialog.form.editor("answer").input
    answer.setFocus()
    commit_text(answer, "<p>回答。</p>")
    qtbot.keyClick(answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ws.document("a-question").fields["answer"] == "<p>回答。</p>"
