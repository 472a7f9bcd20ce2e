"""Content types as data: loaded from resources/content_types/*.toml and used to validate documents.

A document's source values are plain JSON shaped by its type. `validate_fields` checks and normalises them
(rich text sanitised, money normalised) and names the offending field in every refusal.

Every type and field carries its words in the nine portal locales (`labels`), and every list the label of
one numbered item (`item_labels`, "Step {n}", "第{n}步", "الخطوة {n}"): pages are published with them. The
English `label` is the key of the interface's own catalogue (studio/ui/labels.py).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from studio.content.field_kinds import FIELD_KINDS, LIST, FieldKind, KindRefused, character_refusal
from studio.errors import ValidationError
from studio.locales import LOCALE_CODES
from studio.resources import RESOURCES
from studio.unsafe_characters import NEVER_STORED

KINDS = frozenset(FIELD_KINDS) | {LIST}
TEXT_KINDS = frozenset(k.name for k in FIELD_KINDS.values() if k.text)

# Never text: C0 controls but tab and line breaks, DEL, C1 controls, bidi embeddings, overrides and isolates
# (they reorder what a reader sees), and lone surrogates (not characters: neither database can store them).
_LINE_BREAK_OR_TAB = re.compile("[\t\n\r]")
_UNCHECKED_LENGTH_FACTOR = 10  # markup is parsed only below this many times the maximum length
ITEM_NUMBER = "{n}"  # where an item label puts the item's number: "Step {n}", "第{n}步"


def _no_labels() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class FieldDef:
    """One field of a content type. A list has either `items` (records) or `item_kind` (scalars)."""

    name: str
    kind: str
    label: str
    translatable: bool = False
    required: bool = False
    max_length: int | None = None
    sentences: bool = True  # False: the whole text is one segment (titles, names, addresses)
    items: tuple[FieldDef, ...] = ()
    item_kind: str | None = None
    ref_type: str | None = None
    # By locale: the field's heading (a list's names the whole list: "Required documents"), and for a list
    # the label of one numbered item. Left out of the hash: mappings have none, and the name already differs.
    labels: Mapping[str, str] = field(default_factory=_no_labels, hash=False)
    item_labels: Mapping[str, str] = field(default_factory=_no_labels, hash=False)

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    def label_in(self, locale: str) -> str:
        """The field's heading in `locale`; a field made in code without labels falls back to `label`."""
        return self.labels.get(locale) or self.label

    def item_label_in(self, locale: str, number: int) -> str:
        """Item `number` (from 1) of a list, numbered the way `locale` numbers: "Step 3", "第3步", "3단계"."""
        pattern = self.item_labels.get(locale) or f"{self.label} {ITEM_NUMBER}"
        return pattern.replace(ITEM_NUMBER, str(number))


@dataclass(frozen=True)
class ContentType:
    """A kind of portal document and its fields in display order."""

    name: str
    label: str
    title_field: str
    body_field: str | None
    fields: tuple[FieldDef, ...]
    labels: Mapping[str, str] = field(default_factory=_no_labels, hash=False)  # the type's name by locale

    def label_in(self, locale: str) -> str:
        """The type's name in `locale` ("办事指南", "Guide des démarches")."""
        return self.labels.get(locale) or self.label

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)


def _field_from_toml(raw: Mapping[str, Any], where: str) -> FieldDef:
    name = raw.get("name")
    kind = raw.get("kind")
    if not isinstance(name, str) or kind not in KINDS:
        raise ValueError(f"{where}: each field needs a name and a kind among {sorted(KINDS)}")
    items = tuple(_field_from_toml(item, f"{where}.{name}") for item in raw.get("items", ()))
    item_kind = raw.get("item_kind")
    if kind == LIST and not items and item_kind not in FIELD_KINDS:
        raise ValueError(f"{where}: list field {name!r} needs items or an item_kind")
    item_labels = _labels_from_toml(raw, "item_labels", f"{where}.{name}") if kind == "list" else _no_labels()
    if any(ITEM_NUMBER not in text for text in item_labels.values()):
        raise ValueError(f"{where}.{name}: each of item_labels needs {ITEM_NUMBER} where the number goes")
    return FieldDef(
        name=name, kind=kind, label=raw.get("label", name.replace("_", " ").capitalize()),
        translatable=bool(raw.get("translatable", False)), required=bool(raw.get("required", False)),
        max_length=raw.get("max_length"), sentences=bool(raw.get("sentences", True)), items=items,
        item_kind=item_kind, ref_type=raw.get("ref_type"),
        labels=_labels_from_toml(raw, "labels", f"{where}.{name}"), item_labels=item_labels,
    )


def _labels_from_toml(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, str]:
    """`raw[key]`: a text for each of the nine locales, none empty, no other keys."""
    labels = raw.get(key)
    if not isinstance(labels, dict):
        raise ValueError(f"{where}: {key} must give a text for each locale ({', '.join(LOCALE_CODES)})")
    missing = [code for code in LOCALE_CODES if not isinstance(labels.get(code), str) or not labels[code].strip()]
    unknown = sorted(set(labels) - set(LOCALE_CODES))
    if missing or unknown:
        problem = f"no text for {', '.join(missing)}" if missing else f"unknown locale {unknown[0]!r}"
        raise ValueError(f"{where}: {key}: {problem}")
    return MappingProxyType({code: labels[code].strip() for code in LOCALE_CODES})


def load_content_type(path: Path) -> ContentType:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    fields = tuple(_field_from_toml(f, path.name) for f in raw.get("fields", ()))
    return ContentType(name=raw["name"], label=raw.get("label", raw["name"]), title_field=raw["title_field"],
                       body_field=raw.get("body_field"), fields=fields,
                       labels=_labels_from_toml(raw, "labels", path.name))


@cache
def content_types() -> Mapping[str, ContentType]:
    """Every content type shipped in resources/content_types, by name."""
    types = (load_content_type(p) for p in sorted((RESOURCES / "content_types").glob("*.toml")))
    return MappingProxyType({t.name: t for t in types})


def get_content_type(name: str) -> ContentType:
    try:
        return content_types()[name]
    except KeyError:
        raise ValidationError(
            f"unknown document type {name!r}; use one of {', '.join(sorted(content_types()))}") from None


# --- validation -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """A field pointing at another document by slug; the store checks that it exists."""

    path: str
    ref_type: str
    slug: str


def validate_fields(ctype: ContentType, values: Any, where: str, *,
                    translation: bool = False) -> tuple[dict[str, Any], list[Reference]]:
    """Check `values` against `ctype`; return them normalised, with the references they make.

    With `translation`, only translatable fields are allowed and none is required.
    Raises ValidationError naming `where` (the file or document) and the field path.
    """
    if not isinstance(values, dict):
        raise ValidationError("'fields' must be an object of field values", where=where)
    known = {f.name for f in ctype.fields}
    unknown = sorted(set(values) - known)
    if unknown:
        expected = f"for type {ctype.name} (fields: {', '.join(f.name for f in ctype.fields)})"
        raise ValidationError(f"unknown field {expected}", where=where, field=unknown[0],
                              message=f"{where}: unknown field {unknown[0]!r} {expected}")
    out: dict[str, Any] = {}
    refs: list[Reference] = []
    for fdef in ctype.fields:
        value = values.get(fdef.name)
        if translation and not _has_translatable(fdef):
            if value is not None:
                raise ValidationError(_NEUTRAL, where=where, field=fdef.name,
                                      message=f"{where}: field {fdef.name!r} {_NEUTRAL}")
            continue
        if _is_empty(value):
            if fdef.required and not translation:
                raise ValidationError("is required", where=where, field=fdef.name,
                                      message=f"{where}: required field {fdef.name!r} is missing")
            continue
        checked = _check_value(fdef, value, fdef.name, where, refs, translation)
        if _is_empty(checked):
            if fdef.required and not translation:
                raise _fail(where, fdef.name, _EMPTY_ONCE_CLEANED)
            continue
        out[fdef.name] = checked
    return out, refs


def _has_translatable(fdef: FieldDef) -> bool:
    if fdef.kind == "list":
        return fdef.translatable if fdef.item_kind else any(_has_translatable(i) for i in fdef.items)
    return fdef.translatable


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


_NEUTRAL = "is language-neutral and has no translation"
_EMPTY_ONCE_CLEANED = "is required and has no text once cleaned to the portal's HTML (only markup, scripts or styles?)"


def _fail(where: str, path: str, message: str) -> ValidationError:
    return ValidationError(message, where=where, field=path)


def _check_value(fdef: FieldDef, value: Any, path: str, where: str, refs: list[Reference],
                 translation: bool) -> Any:
    if fdef.kind == "list":
        if not isinstance(value, list):
            raise _fail(where, path, "must be a list")
        if fdef.item_kind:
            item_def = FieldDef(name=fdef.name, kind=fdef.item_kind, label=fdef.label,
                                translatable=fdef.translatable, required=True, max_length=fdef.max_length,
                                sentences=fdef.sentences, ref_type=fdef.ref_type)
            items = []
            for i, v in enumerate(value):
                checked = None if _is_empty(v) else _check_value(item_def, v, f"{path}[{i}]", where, refs,
                                                                   translation)
                if _is_empty(checked):
                    raise _fail(where, f"{path}[{i}]", "is empty; remove the item instead")
                items.append(checked)
            return items
        return [_check_record(fdef, v, f"{path}[{i}]", where, refs, translation) for i, v in enumerate(value)]
    return _check_scalar(fdef, value, path, where, refs)


def _check_record(fdef: FieldDef, value: Any, path: str, where: str, refs: list[Reference],
                  translation: bool) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, path, f"each {fdef.label.lower()} must be an object")
    names = {i.name for i in fdef.items}
    unknown = sorted(set(value) - names)
    if unknown:
        raise _fail(where, f"{path}.{unknown[0]}", f"unknown field (expected {', '.join(sorted(names))})")
    out: dict[str, Any] = {}
    for item in fdef.items:
        v = value.get(item.name)
        if translation and not item.translatable:
            if v is not None:
                raise _fail(where, f"{path}.{item.name}", _NEUTRAL)
            continue
        if _is_empty(v):
            if item.required and not translation:
                raise _fail(where, f"{path}.{item.name}", "is required")
            continue
        checked = _check_value(item, v, f"{path}.{item.name}", where, refs, translation)
        if _is_empty(checked):
            if item.required and not translation:
                raise _fail(where, f"{path}.{item.name}", _EMPTY_ONCE_CLEANED)
            continue
        out[item.name] = checked
    return out


def _check_scalar(fdef: FieldDef, value: Any, path: str, where: str, refs: list[Reference]) -> Any:
    kind = FIELD_KINDS[fdef.kind]
    if not kind.string:
        return _check_kind(kind, value, path, where)
    if not isinstance(value, str):
        raise _fail(where, path, f"must be a string ({kind.name})")
    _check_characters(fdef, value, path, where)
    if kind.text:
        text = value.strip()
        if fdef.max_length is not None and len(text) > _UNCHECKED_LENGTH_FACTOR * fdef.max_length:
            raise _fail(where, path, f"is {len(text)} characters long, far over its maximum of {fdef.max_length}")
        text = _check_kind(kind, text, path, where)
        if fdef.max_length is not None and len(text) > fdef.max_length:
            raise _fail(where, path, f"is {len(text)} characters long, over its maximum of {fdef.max_length}")
        return text
    value = _check_kind(kind, value.strip(), path, where)
    if kind.reference:
        refs.append(Reference(path, fdef.ref_type or "", value))
    return value


def _check_kind(kind: FieldKind, value: Any, path: str, where: str) -> Any:
    try:
        return kind.check(value)
    except KindRefused as exc:
        raise _fail(where, path, str(exc)) from None


def _check_characters(fdef: FieldDef, value: str, path: str, where: str) -> None:
    """Refuse characters that are never text; tabs and line breaks only in multi-line fields (rich text and
    prose cut into sentences, not titles, names, addresses or codes)."""
    bad = NEVER_STORED.search(value)
    multi_line = fdef.kind == "rich_text" or (fdef.kind == "text" and fdef.sentences)
    if bad is None and not multi_line:
        bad = _LINE_BREAK_OR_TAB.search(value.strip())
    if bad is not None:
        raise _character_refused(bad, path, where)


def _character_refused(bad: re.Match[str], path: str, where: str) -> ValidationError:
    return _fail(where, path, character_refusal(bad))


# --- walking translatable texts ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TextValue:
    """One translatable text of a document, at its field path."""

    path: str
    field: FieldDef
    text: str


def translatable_texts(ctype: ContentType, values: Mapping[str, Any]) -> Iterator[TextValue]:
    """Every translatable text in `values`, in the order of the type's fields."""
    for fdef in ctype.fields:
        value = values.get(fdef.name)
        if value is None:
            continue
        if fdef.kind == "list":
            for i, item in enumerate(value):
                path = f"{fdef.name}[{i}]"
                if fdef.item_kind:
                    if fdef.translatable and fdef.item_kind in TEXT_KINDS:
                        yield TextValue(path, FieldDef(fdef.name, fdef.item_kind, fdef.label, True,
                                                       sentences=fdef.sentences), item)
                else:
                    for sub in fdef.items:
                        if sub.translatable and sub.is_text and item.get(sub.name):
                            yield TextValue(f"{path}.{sub.name}", sub, item[sub.name])
        elif fdef.translatable and fdef.is_text:
            yield TextValue(fdef.name, fdef, value)


_PATH_PART = re.compile(r"\A(\w+)(?:\[(\d+)\])?\Z")  # \Z: "$" would accept a trailing newline


def field_for_path(ctype: ContentType, path: str) -> FieldDef | None:
    """The definition behind a segment's field path: "summary", "steps[2].title", "tags[0]"."""
    fields: tuple[FieldDef, ...] = ctype.fields
    found: FieldDef | None = None
    for part in path.split("."):
        m = _PATH_PART.match(part)
        found = next((f for f in fields if m and f.name == m.group(1)), None)
        if found is None:
            return None
        fields = found.items
    return found


def path_label(ctype: ContentType, path: str, translate: Callable[[str], str] = str, *,
               locale: str | None = None) -> str:
    """A field path in words, list items numbered from 1: "Step 3 · Title", "Required document 2 · Name".

    With `locale`, in that locale's labels and numbering ("第3步 · 标题"); otherwise `translate` turns each
    English label into the interface language.
    """
    words: list[str] = []
    fields: tuple[FieldDef, ...] = ctype.fields
    for part in path.split("."):
        m = _PATH_PART.match(part)
        fdef = next((f for f in fields if m and f.name == m.group(1)), None)
        if fdef is None or m is None:
            return path
        number = int(m.group(2)) + 1 if m.group(2) is not None else None
        if locale is not None:
            words.append(fdef.label_in(locale) if number is None else fdef.item_label_in(locale, number))
        else:
            label = translate(fdef.label)
            words.append(label if number is None else f"{label} {number}")
        fields = fdef.items
    return " · ".join(words)
