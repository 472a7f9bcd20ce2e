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


def _refusal(fields, where="guide.json", **kwargs):
    ctype = get_content_type("procedure_guide")
    with pytest.raises(ValidationError) as caught:
        validate_fields(ctype, fields, where, **kwargs)
    return caught.value


def _with(**changes):
    fields = guide()["fields"]
    fields.update(changes)
    return fields


@pytest.mark.parametrize(("fields", "field", "detail", "message"), [
    # a sub-field of a list item: the whole path, brackets and all
    (_with(steps=[{"title": "网上申请", "body": "<p>提交材料。</p>"}, {"title": "领取证件", "body": 5}]),
     "steps[1].body", "must be a string (rich_text)", "guide.json: field 'steps[1].body': must be a string (rich_text)"),
    (_with(steps=[{"title": "网上申请", "body": "<p>提交材料。</p>"}, {"body": "<p>领取。</p>"}]),
     "steps[1].title", "is required", "guide.json: field 'steps[1].title': is required"),
    (_with(offices=["dongcheng-hall", "Not A Slug"]),
     "offices[1]", "'Not A Slug' is not a document slug", "guide.json: field 'offices[1]': 'Not A Slug' is not a document slug"),
    # a top-level field, including the sentences that name it in their own words
    (_with(contact_phone="call us"), "contact_phone",
     "'call us' is not a phone number (digits, spaces, hyphens, a leading +)",
     "guide.json: field 'contact_phone': 'call us' is not a phone number (digits, spaces, hyphens, a leading +)"),
    (_with(title=""), "title", "is required", "guide.json: required field 'title' is missing"),
    (_with(colour="red"), "colour", None, "guide.json: unknown field 'colour' for type procedure_guide"),
])
def test_a_refusal_carries_the_document_and_the_field_path_apart_from_its_words(fields, field, detail, message):
    exc = _refusal(fields)
    assert (exc.where, exc.field) == ("guide.json", field)
    if detail is not None:
        assert exc.detail == detail
    assert str(exc).startswith(message)


def test_a_refusal_of_the_document_as_a_whole_has_no_field():
    exc = _refusal(["not", "an", "object"], where="new procedure_guide 'x'")
    assert (exc.where, exc.field) == ("new procedure_guide 'x'", None)
    assert str(exc) == "new procedure_guide 'x': 'fields' must be an object of field values"


def test_a_translation_of_a_language_neutral_field_names_it():
    exc = _refusal({"contact_phone": "12345"}, where="guide.json: translation fr", translation=True)
    assert (exc.where, exc.field, exc.detail) == ("guide.json: translation fr", "contact_phone",
                                                   "is language-neutral and has no translation")
    assert str(exc) == "guide.json: translation fr: field 'contact_phone' is language-neutral and has no translation"


def test_a_validation_error_builds_its_message_from_its_parts():
    assert str(ValidationError("is required", where="a.json", field="steps[0].title")) == \
        "a.json: field 'steps[0].title': is required"
    assert str(ValidationError("no section", where="a.json")) == "a.json: no section"
    plain = ValidationError("type what to find")
    assert (str(plain), plain.where, plain.field, plain.detail) == ("type what to find", None, None,
                                                                    "type what to find")
