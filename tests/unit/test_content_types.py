"""The content types shipped as data, and what validating a document against them accepts and refuses."""

from __future__ import annotations

import pytest

from studio.content.types import content_types, get_content_type, translatable_texts, validate_fields
from studio.errors import ValidationError
from tests.helpers import guide


def test_the_six_types_are_shipped():
    assert set(content_types()) == {"section_page", "article", "procedure_guide", "service", "faq", "office"}


def test_a_procedure_guide_has_what_an_applicant_needs():
    ctype = get_content_type("procedure_guide")
    names = [f.name for f in ctype.fields]
    for name in ("title", "summary", "who_may_apply", "conditions", "required_documents", "steps", "fees",
                 "processing_time", "offices", "online_service_url", "appointment_url", "legal_basis",
                 "contact_phone", "notes"):
        assert name in names
    docs = ctype.field("required_documents")
    assert [i.name for i in docs.items] == ["name", "note"]
    fees = ctype.field("fees")
    assert {i.name: i.translatable for i in fees.items} == {"explanation": True, "amount": False}
    assert not ctype.field("appointment_url").translatable
    assert ctype.field("offices").ref_type == "office"


def test_an_office_translates_its_words_but_not_its_numbers():
    office = get_content_type("office")
    assert {f.name for f in office.fields if f.translatable} == {"name", "address", "opening_hours", "transport"}
    assert office.field("phone").kind == "phone" and office.field("coordinates").kind == "geo"


def test_values_are_normalised():
    values, refs = validate_fields(get_content_type("procedure_guide"), guide()["fields"], "doc")
    assert values["fees"][0]["amount"] == {"amount": "0", "currency": "CNY"}
    assert [r.slug for r in refs] == ["dongcheng-hall"]


def test_rich_text_is_cleaned_to_the_portal_subset():
    fields = guide()["fields"]
    fields["notes"] = '<p onclick="steal()">请携带原件。<script>alert(1)</script><img src="x.png"></p>'
    values, _ = validate_fields(get_content_type("procedure_guide"), fields, "doc")
    assert values["notes"] == "<p>请携带原件。</p>"


@pytest.mark.parametrize("field, value, message", [
    ("fees", [{"explanation": "x", "amount": {"amount": "-5"}}], r"fees\[0\].amount': amount must be zero or more"),
    ("fees", [{"explanation": "x", "amount": {"amount": "20", "currency": "yuan"}}], "currency 'yuan'"),
    ("appointment_url", "javascript:alert(1)", "not an absolute http"),
    ("contact_phone", "+86 10 call me", "not a phone number"),
    ("steps", "do it", "'steps': must be a list"),
    ("legal_basis", ["《外国人入境出境管理法》", " "], r"legal_basis\[1\]': is empty"),
    ("conditions", "<p>未闭合的<strong>标签</p>", "broken markup"),
])
def test_bad_values_are_refused_naming_the_field(field, value, message):
    fields = guide()["fields"]
    fields[field] = value
    with pytest.raises(ValidationError, match=message):
        validate_fields(get_content_type("procedure_guide"), fields, "doc")


def test_office_coordinates_and_dates_are_checked():
    office = get_content_type("office")
    base = {"name": "n", "address": "a", "opening_hours": "h", "phone": "12345"}
    with pytest.raises(ValidationError, match="'coordinates': '95,121' is out of range"):
        validate_fields(office, {**base, "coordinates": "95,121"}, "o")
    with pytest.raises(ValidationError, match="'published_on': '2026-13-01' is not a date"):
        validate_fields(get_content_type("article"), {"title": "t", "body": "<p>b</p>", "published_on": "2026-13-01"}, "a")


def test_translatable_texts_walk_lists_in_order():
    values, _ = validate_fields(get_content_type("procedure_guide"), guide()["fields"], "doc")
    paths = [t.path for t in translatable_texts(get_content_type("procedure_guide"), values)]
    assert paths[:3] == ["title", "summary", "who_may_apply"]
    assert "required_documents[0].note" in paths and "required_documents[1].note" not in paths
    assert paths.index("steps[0].title") < paths.index("steps[0].body") < paths.index("steps[1].title")
    assert "fees[0].explanation" in paths and "contact_phone" not in paths


@pytest.mark.parametrize("field, value, message", [
    ("contact_phone", "123\n456", r"'contact_phone': contains U\+000A, a line break or tab in a one-line field"),
    ("fees", [{"explanation": "x", "amount": {"amount": "1", "currency": "CNY\n"}}], "currency 'CNY\\\\n'"),
    ("offices", ["dongcheng-hall!"], "is not a document slug"),
    ("title", "标题\u200f\u202e", r"'title': contains U\+202E, a bidirectional override"),
    ("summary", "第一句。\u001b[2J第二句。", r"'summary': contains U\+001B, a control character"),
    ("steps", [{"title": "t", "body": "<p>\u0000</p>"}], r"'steps\[0\].body': contains U\+0000"),
    ("summary", "长" * 6001, "far over its maximum of 600"),
    ("notes", "<p>响铃&#7;与&#x202E;反转</p>", r"'notes': contains U\+0007 as a character reference"),
])
def test_hostile_values_are_refused_naming_the_field(field, value, message):
    fields = guide()["fields"]
    fields[field] = value
    with pytest.raises(ValidationError, match=message):
        validate_fields(get_content_type("procedure_guide"), fields, "doc")


def test_prose_keeps_its_line_breaks_and_tabs():
    fields = guide()["fields"]
    fields["summary"] = "第一句。\n第二句。\t完。"
    values, _ = validate_fields(get_content_type("procedure_guide"), fields, "doc")
    assert values["summary"] == "第一句。\n第二句。\t完。"
