"""The words of the pages: section titles and field labels in each locale, read from the repository's
`resources/` (the content-type TOML files and sections.toml that Studio reads too).

Reading these shared data files is not importing Studio: they are the content model both sides agree on. If
they are missing (the portal copied somewhere alone), pages fall back to the keys and field names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SECTION_KEYS = ("invest", "work", "study", "live", "visit", "shop")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a content type, as much as a page needs: its kind and its words per locale."""

    name: str
    kind: str
    labels: Mapping[str, str] = field(default_factory=dict)
    item_labels: Mapping[str, str] = field(default_factory=dict)
    item_kind: str | None = None  # a list of plain values: their kind
    items: tuple[FieldSpec, ...] = ()  # a list of records: their fields

    def label(self, locale: str) -> str:
        """The field's heading in `locale` (its name if the type has no label for it)."""
        return self.labels.get(locale) or self.name.replace("_", " ").capitalize()

    def item_label(self, locale: str, n: int) -> str:
        """The label of the `n`th item of a list in `locale` ("Step 3", "第3步", "الخطوة 3")."""
        template = self.item_labels.get(locale) or f"{self.label(locale)} {{n}}"
        return template.replace("{n}", str(n))


@dataclass(frozen=True)
class TypeSpec:
    """A content type: its fields in page order and which one is the title."""

    name: str
    labels: Mapping[str, str]
    title_field: str
    fields: tuple[FieldSpec, ...]

    def label(self, locale: str) -> str:
        return self.labels.get(locale) or self.name


def _field(raw: Mapping[str, Any]) -> FieldSpec:
    return FieldSpec(name=str(raw["name"]), kind=str(raw.get("kind", "text")), labels=dict(raw.get("labels", {})),
                     item_labels=dict(raw.get("item_labels", {})), item_kind=raw.get("item_kind"),
                     items=tuple(_field(item) for item in raw.get("items", ())))


@cache
def content_types() -> Mapping[str, TypeSpec]:
    """Every content type of resources/content_types by name (empty if the folder is not there)."""
    types = {}
    for path in sorted((RESOURCES / "content_types").glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        spec = TypeSpec(name=str(raw["name"]), labels=dict(raw.get("labels", {})),
                        title_field=str(raw.get("title_field", "title")),
                        fields=tuple(_field(f) for f in raw.get("fields", ())))
        types[spec.name] = spec
    return types


@cache
def sections() -> tuple[tuple[str, Mapping[str, str]], ...]:
    """The six sections in the portal's order, each with its title per locale."""
    path = RESOURCES / "sections.toml"
    if not path.is_file():
        return tuple((key, {}) for key in SECTION_KEYS)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple((str(s["key"]), dict(s.get("titles", {}))) for s in raw.get("sections", ()))
