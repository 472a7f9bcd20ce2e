"""A document as the portal takes it: its language-neutral core and one variant per locale, built from the source
and from APPROVED translations only.

The core is `{type, section, slug, source_locale, fields}` with the neutral values (URLs, phones, amounts, dates,
references), lists of records holding only their neutral members, item by item. A variant is `{title, fields}`
with the translatable values in the source's JSON shape: plain text as plain text (the portal escapes it), rich
text as HTML, lists as lists, records as records of their translated members; the portal merges the two item by
item (reference_portal/pages.py `merge_fields`). Texts are put together from their sentences as the preview
does (`content.render`'s pieces, stored segments and placeholders), so a page and its preview agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from studio.content import rich_text
from studio.content.queries import DocumentView
from studio.content.render import Piece, StoredSegments, inline_html, placeholders_of, rich_text_blocks, text_pieces
from studio.content.types import TEXT_KINDS, ContentType, FieldDef, get_content_type
from studio.locales import get_locale
from studio.models import Segment
from studio.states import CellState
from studio.workflow.cells import translation_problems

PSEUDO_ORIGIN = "mt:pseudo"


@dataclass(frozen=True)
class Built:
    """A variant's body for one locale, and why it may not be published (`missing` paths lack an approved
    translation; `problems` say what breaks a check). A body that is not ready holds "" where text is missing."""

    locale: str
    body: dict[str, Any]
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.missing and not self.problems


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _translated(fdef: FieldDef) -> bool:
    """Whether a scalar field's value is translated (it lives in the variants, not in the core)."""
    return fdef.translatable and fdef.is_text


def _item_def(fdef: FieldDef) -> FieldDef:
    # The definition of one item of a list of plain texts, as `types.translatable_texts` makes it.
    return FieldDef(fdef.name, fdef.item_kind or "text", fdef.label, True, sentences=fdef.sentences,
                    max_length=fdef.max_length)


def core_body(view: DocumentView) -> dict[str, Any]:
    """The language-neutral core of a document as the portal takes it (`PUT /v1/documents/{id}`)."""
    ctype = get_content_type(view.row.type)
    fields: dict[str, Any] = {}
    for fdef in ctype.fields:
        value: Any = view.fields.get(fdef.name)
        if _empty(value):
            continue
        if fdef.kind == "list":
            if fdef.item_kind:
                if not (fdef.translatable and fdef.item_kind in TEXT_KINDS):
                    fields[fdef.name] = value
                continue
            neutral = [sub for sub in fdef.items if not _translated(sub)]
            if neutral:
                fields[fdef.name] = [{sub.name: item[sub.name] for sub in neutral if not _empty(item.get(sub.name))}
                                     for item in value]
        elif not _translated(fdef):
            fields[fdef.name] = value
    return {"type": view.row.type, "section": view.row.section, "slug": view.row.slug,
            "source_locale": view.row.source_locale, "fields": fields}


def variant_body(view: DocumentView, locale: str, cuts: Cuts | None = None) -> Built:
    """The variant of `locale` (`PUT /v1/documents/{id}/locales/{lang}`): the source's own texts in the source
    locale, approved translations in the others. `cuts` (one per document) shares the source's cut into sentences
    between the locales of a document."""
    return _Variant(view, locale, cuts or Cuts(view)).build()


class Cuts:
    """A document's source cut into the pieces its segments were made of, once for all its locales."""

    def __init__(self, view: DocumentView) -> None:
        self.source = view.row.source_locale
        self.segments = StoredSegments(view.segments)
        self._plain: dict[str, list[Piece]] = {}
        self._rich: dict[str, list[tuple[str, list[Piece]]]] = {}

    def plain(self, path: str, fdef: FieldDef, value: str) -> list[Piece]:
        if path not in self._plain:
            self._plain[path] = text_pieces(path, fdef, value, self.source)
        return self._plain[path]

    def rich(self, path: str, fdef: FieldDef, value: str) -> list[tuple[str, list[Piece]]]:
        if path not in self._rich:
            self._rich[path] = list(rich_text_blocks(path, fdef, value, self.source))
        return self._rich[path]


@dataclass(frozen=True)
class _Sentence:
    """What `translation_problems` reads of a segment (a stored row, not an entity: no ORM object is made)."""

    text: str
    field_path: str


class _Variant:
    def __init__(self, view: DocumentView, locale: str, cuts: Cuts) -> None:
        self.view = view
        self.ctype: ContentType = get_content_type(view.row.type)
        self.source = view.row.source_locale
        self.locale = locale
        self.joiner = "" if get_locale(locale).unspaced else " "
        self.cuts = cuts
        self.segments = cuts.segments
        self.missing: dict[str, None] = {}  # field paths, in order, once each
        self.problems: list[str] = []

    def build(self) -> Built:
        fields: dict[str, Any] = {}
        for fdef in self.ctype.fields:
            value: Any = self.view.fields.get(fdef.name)
            if _empty(value):
                continue
            if fdef.kind == "list":
                if fdef.item_kind:
                    if fdef.translatable and fdef.item_kind in TEXT_KINDS:
                        item = _item_def(fdef)
                        fields[fdef.name] = [self.text(f"{fdef.name}[{i}]", item, v) for i, v in enumerate(value)]
                elif any(_translated(sub) for sub in fdef.items):
                    fields[fdef.name] = [
                        {sub.name: self.text(f"{fdef.name}[{i}].{sub.name}", sub, record[sub.name])
                         for sub in fdef.items if _translated(sub) and not _empty(record.get(sub.name))}
                        for i, record in enumerate(value)]
            elif _translated(fdef):
                fields[fdef.name] = self.text(fdef.name, fdef, value)
        title = fields.get(self.ctype.title_field)
        body = {"title": title if isinstance(title, str) and title else "", "fields": fields}
        if not body["title"] and self.ctype.title_field not in self.missing:
            self.problems.append("the document has no title")
        return Built(self.locale, body, tuple(self.missing), tuple(self.problems))

    # --- one text -------------------------------------------------------------------------------------------

    def text(self, path: str, fdef: FieldDef, value: str) -> str:
        if fdef.kind == "rich_text":
            blocks: list[tuple[str, str]] = []
            for tag, pieces in self.cuts.rich(path, fdef, value):
                inner = self.joiner.join(t for t in (self.piece(p, html=True) for p in pieces) if t)
                if inner:
                    blocks.append((tag, inner))
            built = rich_text.blocks_to_html(blocks) if blocks else ""
            length = len(rich_text.plain_text(built))
        else:
            built = ""
            for n, piece in enumerate(self.cuts.plain(path, fdef, value)):
                words = self.piece(piece, html=False)
                if n and built and words:
                    breaks = piece.gap_before.count("\n")
                    built += "\n\n" if breaks >= 2 else "\n" if breaks else self.joiner
                built += words
            length = len(built)
        if fdef.max_length is not None and length > fdef.max_length and self.locale != self.source:
            self.problems.append(f"{path} allows at most {fdef.max_length} characters; its {self.locale} text has "
                                 f"{length}")
        return built

    def piece(self, piece: Piece, *, html: bool) -> str:
        """One sentence in the variant's locale ("" when it has no approved translation, which is noted)."""
        seg = self.segments.find(piece)
        placeholders = placeholders_of(piece, seg)
        if self.locale == self.source:
            return inline_html(piece.text, placeholders) if html else piece.text
        cell = seg.cells.get(self.locale) if seg is not None else None
        if seg is None or cell is None or cell.state != CellState.APPROVED or not cell.text.strip():
            self.missing.setdefault(piece.path)
            return ""
        text = cell.text.strip()
        if cell.origin == PSEUDO_ORIGIN:
            self.problems.append(f"{piece.path}: pseudo-localised text (for checking layouts) is never published")
            return ""
        found = translation_problems(cast(Segment, _Sentence(seg.text, seg.field_path)), self.view.row.type, text)
        # The length of a whole field is measured once it is put together (`text`), not sentence by sentence.
        found = [p for p in found if "allows at most" not in p]
        if found:
            self.problems.extend(f"{piece.path}: {p}" for p in found)
            return ""
        return inline_html(text, placeholders) if html else text


def fields_as_lines(body: Mapping[str, Any] | None) -> dict[str, str]:
    """A core or variant body as one text per field path ("title", "steps[1].body"), for showing three versions
    of it side by side."""
    lines: dict[str, str] = {}
    if not body:
        return lines

    def walk(path: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for key, sub in value.items():
                walk(f"{path}.{key}" if path else str(key), sub)
        elif isinstance(value, list):
            for n, sub in enumerate(value):
                walk(f"{path}[{n}]", sub)
        else:
            lines[path] = "" if value is None else str(value)

    for key, value in body.items():
        if key == "fields":
            walk("", value)
        else:
            walk(key, value)
    return lines
