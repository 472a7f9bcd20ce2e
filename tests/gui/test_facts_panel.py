"""Language-neutral facts (links, phone numbers, amounts) are shown once and edited there, for every language."""

from __future__ import annotations

from studio.ui.facts_panel import FactsPanel
from tests.helpers import snapshot


def panel_for(qtbot, ws):
    panel = FactsPanel(ws)
    qtbot.addWidget(panel)
    panel.setChecked(True)
    panel.set_document(ws.document("work-permit"))
    return panel


def edit_of(panel, label):
    return next(edit for fact, edit in panel._edits if fact.label == label)


def test_the_facts_of_a_guide_are_its_links_phone_numbers_amounts_and_offices(qtbot, filled):
    panel = panel_for(qtbot, filled)
    labels = [fact.label for fact, _ in panel._edits]
    assert {"Contact phone", "Online service url", "Fee 1 · Amount"} <= set(labels)
    assert edit_of(panel, "Fee 1 · Amount").text() == "0 CNY"


def test_an_edited_fact_is_saved_for_every_language(qtbot, filled):
    panel = panel_for(qtbot, filled)
    edit_of(panel, "Contact phone").setText("+86 10 12345")
    edit_of(panel, "Fee 1 · Amount").setText("200 CNY")
    assert panel.save()
    fields = filled.document("work-permit").fields
    assert fields["contact_phone"] == "+86 10 12345"
    assert fields["fees"][0]["amount"] == {"amount": "200", "currency": "CNY"}
    assert fields["fees"][0]["explanation"] == "免费。"  # the translatable part of the record is untouched


def test_an_invalid_fact_is_refused_inline_and_nothing_changes(qtbot, filled):
    panel = panel_for(qtbot, filled)
    before = snapshot(filled)
    edit_of(panel, "Online service url").setText("not a link")
    assert not panel.save()
    assert "online_service_url" in panel.error.text() and "not an absolute http(s) URL" in panel.error.text()
    assert snapshot(filled) == before
    assert edit_of(panel, "Online service url").text() == "not a link"  # what was typed stays
