"""The field-kind registry: every kind has every part, and every kind a content type names is registered."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from studio.content.field_kinds import FIELD_KINDS, LIST, KindRefused
from studio.content.types import KINDS, TEXT_KINDS, ContentType, FieldDef, validate_fields
from studio.errors import ValidationError
from studio.resources import RESOURCES

# A valid value of each kind: a new kind needs one here, and the GUI tests use them too.
SAMPLES: Mapping[str, Any] = {
    "text": "Work permits",
    "rich_text": "<p>Apply <strong>online</strong>.</p>",
    "url": "https://example.org/apply",
    "phone": "+86 10 1234 5678",
    "date": "2024-01-31",
    "money": {"amount": "200.00", "currency": "CNY"},
    "reference": "dongcheng-hall",
    "geo": "39.9042,116.4074",
}


def test_every_kind_has_a_sample():
    assert set(SAMPLES) == set(FIELD_KINDS)


@pytest.mark.parametrize("name", sorted(FIELD_KINDS))
def test_every_kind_has_a_checker_a_renderer_and_a_placeholder(name):
    kind = FIELD_KINDS[name]
    assert kind.name == name
    assert callable(kind.check) and callable(kind.render_html)
    assert isinstance(kind.placeholder, str)
    if kind.string and not kind.text:  # edited on one line, as typed: the line shows the form it takes
        assert kind.placeholder
    assert ("{type}" in kind.placeholder) == kind.reference
    assert kind.check(SAMPLES[name]) == SAMPLES[name]
    shown = kind.render_html(SAMPLES[name])
    assert shown.startswith("<") and 'dir="ltr"' in shown


@pytest.mark.parametrize("name", sorted(FIELD_KINDS))
def test_every_kind_validates_through_a_field(name):
    fdef = FieldDef("value", name, "Value", ref_type="office")
    ctype = ContentType("sample", "Sample", fdef.name, None, (fdef,))
    values, refs = validate_fields(ctype, {"value": SAMPLES[name]}, "doc")
    assert values == {"value": SAMPLES[name]}
    assert [r.slug for r in refs] == ([SAMPLES[name]] if FIELD_KINDS[name].reference else [])


def test_a_refusal_names_the_field_and_says_why():
    kind = FIELD_KINDS["date"]
    with pytest.raises(KindRefused, match="is not a date"):
        kind.check("31/01/2024")
    fdef = FieldDef("when", "date", "When")
    ctype = ContentType("sample", "Sample", fdef.name, None, (fdef,))
    with pytest.raises(ValidationError) as err:
        validate_fields(ctype, {"when": "31/01/2024"}, "doc")
    assert err.value.field == "when" and str(err.value) == "doc: field 'when': '31/01/2024' is not a date (YYYY-MM-DD)"


def test_the_validator_reads_the_registry():
    assert frozenset(FIELD_KINDS) | {LIST} == KINDS
    assert TEXT_KINDS == {name for name, kind in FIELD_KINDS.items() if kind.text} == {"text", "rich_text"}
    assert LIST not in FIELD_KINDS  # a container of values, not a kind of value


def _kinds_in(fields: list[dict[str, Any]]) -> Iterator[str]:
    for raw in fields:
        yield raw["kind"]
        if "item_kind" in raw:
            yield raw["item_kind"]
        yield from _kinds_in(raw.get("items", []))


def test_every_kind_a_content_type_uses_is_registered():
    used: set[str] = set()
    files = sorted((RESOURCES / "content_types").glob("*.toml"))
    assert files
    for path in files:
        used |= set(_kinds_in(tomllib.loads(path.read_text(encoding="utf-8")).get("fields", [])))
    assert used - {LIST} <= set(FIELD_KINDS)
    assert LIST in used
