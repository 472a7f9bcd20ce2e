"""From a document's source values to segments, and from an edited source to a plan that keeps identities.

A segment is a sentence of a text field (or the whole text, for titles and names). Rich text is cut into
blocks first, and inline markup becomes numbered placeholders, so translators never touch tags.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.content import rich_text
from studio.content.segmenter import split_sentences
from studio.content.types import ContentType, TextValue, translatable_texts


@dataclass(frozen=True)
class SegmentDraft:
    """A segment as the segmenter produced it, before it has an id."""

    field_path: str
    ordinal: int
    text: str
    block: str = ""
    placeholders: Mapping[str, str] = field(default_factory=dict)

    @property
    def source_hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def segment_value(value: TextValue, locale: str) -> list[SegmentDraft]:
    """The segments of one translatable text."""
    if value.field.kind == "rich_text":
        out: list[SegmentDraft] = []
        for block in rich_text.html_to_blocks(value.text):
            pieces = rich_text.split_block(block, locale) if value.field.sentences else [block]
            for piece in pieces:
                if piece.text.strip():
                    out.append(SegmentDraft(value.path, len(out), piece.text.strip(), block.tag,
                                            dict(piece.placeholders)))
        return out
    text = value.text.strip()
    if not text:
        return []
    if not value.field.sentences:
        return [SegmentDraft(value.path, 0, text)]
    return [SegmentDraft(value.path, i, s.text) for i, s in enumerate(split_sentences(text, locale))]


def extract_segments(ctype: ContentType, values: Mapping[str, Any], locale: str) -> list[SegmentDraft]:
    """Every segment of a document's values, in reading order."""
    return [seg for value in translatable_texts(ctype, values) for seg in segment_value(value, locale)]


def by_field(segments: Iterable[SegmentDraft]) -> dict[str, list[SegmentDraft]]:
    grouped: dict[str, list[SegmentDraft]] = defaultdict(list)
    for seg in segments:
        grouped[seg.field_path].append(seg)
    return grouped


# --- keeping identity across source edits -----------------------------------------------------------------

@dataclass(frozen=True)
class ExistingSegment:
    id: int
    field_path: str
    text: str
    source_hash: str


@dataclass(frozen=True)
class SyncPlan:
    """How the segments of an edited source map onto the stored ones.

    `kept`: (old id, new index) for sentences that did not change, even if they moved;
    `changed`: (old id, new index) for a sentence rewritten in place: its cells move to a new segment
    and become outdated; `added`: new indices; `removed`: old ids with nothing left to translate.
    """

    kept: tuple[tuple[int, int], ...]
    changed: tuple[tuple[int, int], ...]
    added: tuple[int, ...]
    removed: tuple[int, ...]


def plan_sync(old: Sequence[ExistingSegment], new: Sequence[SegmentDraft]) -> SyncPlan:
    """Match stored segments to the new ones: same text in the same field first, then the same text
    anywhere (a reordered step), then what is left of each field in reading order (a rewritten sentence)."""
    kept: list[tuple[int, int]] = []
    free_old = list(old)
    free_new = list(range(len(new)))

    for same_field in (True, False):
        remaining_old: list[ExistingSegment] = []
        for seg in free_old:
            match = next((i for i in free_new if new[i].source_hash == seg.source_hash
                          and (not same_field or new[i].field_path == seg.field_path)), None)
            if match is None:
                remaining_old.append(seg)
            else:
                kept.append((seg.id, match))
                free_new.remove(match)
        free_old = remaining_old

    changed: list[tuple[int, int]] = []
    removed: list[int] = []
    old_by_field: dict[str, list[ExistingSegment]] = defaultdict(list)
    for seg in free_old:
        old_by_field[seg.field_path].append(seg)
    new_by_field: dict[str, list[int]] = defaultdict(list)
    for i in free_new:
        new_by_field[new[i].field_path].append(i)
    added = set(free_new)
    for path, olds in old_by_field.items():
        # What is left of a field differs in text; pair it in reading order: a rewritten sentence.
        news = new_by_field.get(path, [])
        for seg, i in zip(olds, news, strict=False):
            changed.append((seg.id, i))
            added.discard(i)
        removed.extend(seg.id for seg in olds[len(news):])
    return SyncPlan(tuple(kept), tuple(changed), tuple(sorted(added)), tuple(removed))
