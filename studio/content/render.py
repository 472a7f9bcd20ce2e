"""A document as the portal would show it in one language: a whole HTML page, for previews.

The page body keeps to the portal's HTML subset (studio/content/rich_text.py) plus the page's own frame: the
title as <h1>, then every field of the content type in order, headed and numbered in the page's language
(the content type's `labels` and `item_labels`). Translated texts come from the cells of the
document's segments; rich text is cut again into blocks and sentences exactly as the segmenter cut it, so each
translated sentence returns to its block and gets its markup back from the segment's placeholders.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from studio.content import rich_text
from studio.content.field_kinds import FIELD_KINDS
from studio.content.queries import DocumentView, SegmentRow
from studio.content.segments import segment_value
from studio.content.types import FieldDef, TextValue, get_content_type
from studio.locales import LOCALES, get_locale
from studio.states import CellState

# Arabic letters sit small in their em square beside Chinese characters, which fill it: at the same size an
# Arabic page looks a size smaller than its Chinese neighbour, so its type is set larger to match.
_OPTICAL_SCALE = {"ar": 1.2}
_BODY_PX = 16

# Sizes are in px: Qt's text browser (the preview) ignores relative font sizes. It ignores them on headings
# too, sizing those from the document's default font, which the preview sets to `body_font_px` for that reason.
# The body's line height and the blocks' margins are in px as well: Qt ignores rem, and reads a bare line
# height as a share of the font's own line spacing, which in Arabic would set the lines twice as far apart.
_STYLE = """
body { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; background: #ffffff; color: #1f2933;
       font-family: %(font)s; font-size: %(body)spx; line-height: %(line)spx; }
h1 { color: #0b4f8a; font-size: %(h1)spx; line-height: 1.3; margin: 0 0 24px;
     padding-bottom: .6rem; border-bottom: 3px solid #0b4f8a; }
h2 { color: #0b4f8a; font-size: %(h2)spx; line-height: 1.3; margin: 32px 0 10px; }
h3 { font-size: %(h3)spx; line-height: 1.3; margin: 22px 0 6px; }
h3 .number { display: block; color: #5f6b7a; font-size: %(number)spx; font-weight: 600; letter-spacing: .04em;
             text-transform: uppercase; }
p, li { margin: 6px 0; }
a { color: #0b5cad; }
ul.facts { list-style: none; margin: 1rem 0; padding: .8rem 1rem; background: #f2f6fa;
           border-inline-start: 4px solid #0b4f8a; border-radius: 4px; }
ul.facts strong { color: #3e4c59; }
blockquote { margin: 1rem 0; padding-inline-start: 1rem; border-inline-start: 3px solid #cbd2d9; color: #3e4c59; }
.untranslated { background: #fff3cd; outline: 1px dashed #b7791f; direction: %(source_direction)s;
                 unicode-bidi: isolate; }
"""


@dataclass(frozen=True)
class Piece:
    """One segment's worth of source, as the segmenter cuts it now. `gap_before` is the source's text between the
    previous piece of the same plain text and this one (whitespace, perhaps a paragraph break); "" otherwise."""

    path: str
    ordinal: int
    text: str
    placeholders: Mapping[str, str]
    gap_before: str = ""


class StoredSegments:
    """A document's stored segments by field path and ordinal: finds the segment of a piece cut now."""

    def __init__(self, segments: Iterable[SegmentRow]) -> None:
        self._by_path: dict[str, dict[int, SegmentRow]] = defaultdict(dict)
        for seg in segments:
            self._by_path[seg.field_path][seg.ordinal] = seg

    def find(self, piece: Piece) -> SegmentRow | None:
        """The stored segment of this piece: the one at its ordinal, or, should the store be behind the
        source, one with the same text in the same field."""
        stored = self._by_path.get(piece.path, {})
        seg = stored.get(piece.ordinal)
        if seg is not None and seg.text == piece.text:
            return seg
        return next((s for s in stored.values() if s.text == piece.text), None)


def text_pieces(path: str, fdef: FieldDef, value: str, source_locale: str) -> list[Piece]:
    """A plain text's pieces as the segmenter cut it (`segment_value`), each with the source's gap before it."""
    drafts = segment_value(TextValue(path, fdef, value), source_locale)
    text = value.strip()
    pieces: list[Piece] = []
    end = 0
    for d in drafts:
        start = text.find(d.text, end)
        gap = text[end:start] if pieces and start >= 0 else ""
        end = start + len(d.text) if start >= 0 else end
        pieces.append(Piece(d.field_path, d.ordinal, d.text, {}, gap))
    return pieces


def rich_text_blocks(path: str, fdef: FieldDef, value: str, source_locale: str) -> Iterator[tuple[str, list[Piece]]]:
    """The rich text's blocks with the pieces each was segmented into. This repeats segment_value's cut
    (html_to_blocks, then split_block), which is deterministic, so ordinals line up with the stored segments."""
    ordinal = 0
    for block in rich_text.html_to_blocks(value):
        cut = rich_text.split_block(block, source_locale) if fdef.sentences else [block]
        pieces: list[Piece] = []
        for piece in cut:
            if piece.text.strip():
                pieces.append(Piece(path, ordinal, piece.text.strip(), dict(piece.placeholders)))
                ordinal += 1
        yield block.tag, pieces


def render_document(view: DocumentView, locale: str, *, fallback: bool = True, approved_only: bool = False) -> str:
    """The document as a whole HTML page in `locale`.

    A text with no translation in `locale` shows its source, marked as untranslated so a preview shows the
    gaps; without `fallback` it is left out. Outdated cells still show their (old) translation, as the portal
    would until a new one is released. With `approved_only`, only approved translations count: the page a
    release would publish today.
    """
    return _Page(view, locale, fallback, approved_only).render()


class _Page:
    def __init__(self, view: DocumentView, locale: str, fallback: bool, approved_only: bool = False) -> None:
        self.view = view
        self.approved_only = approved_only
        self.locale = get_locale(locale)
        self.source = view.row.source_locale
        self.fallback = fallback
        self.ctype = get_content_type(view.row.type)
        self.joiner = "" if self.locale.unspaced else " "
        self.segments = StoredSegments(view.segments)

    def render(self) -> str:
        fields = self.view.fields
        title_def = self.ctype.field(self.ctype.title_field)
        title = ""
        if title_def is not None and fields.get(title_def.name):
            title = self._text(title_def.name, title_def, fields[title_def.name])
        parts: list[tuple[bool, str]] = []  # (is a fact, html)
        for fdef in self.ctype.fields:
            value = fields.get(fdef.name)
            if fdef.name == self.ctype.title_field or value is None or value == "" or value == []:
                continue
            parts.extend(self._field(fdef, value))
        page_title = _plain(title) or self.view.row.title
        lines = [
            "<!DOCTYPE html>",
            f'<html lang="{self.locale.code}" dir="{self.locale.direction}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{html.escape(page_title, quote=False)}</title>",
            f"<style>{self._style()}</style>",
            "</head>",
            "<body>",
            *([f"<h1>{title}</h1>"] if title else []),
            *_group_facts(parts),
            "</body>",
            "</html>",
        ]
        return "\n".join(lines) + "\n"

    def _style(self) -> str:
        body = body_font_px(self.locale.code)
        sizes = {name: round(body * ratio) for name, ratio in
                 (("body", 1), ("line", 1.7), ("h1", 1.9), ("h2", 1.3), ("h3", 1.1), ("number", .8))}
        # Source text shown in a page of the other direction keeps its own, or its full stop changes sides.
        return _STYLE % {"font": _font_stack(self.locale.font_family), **sizes,
                         "source_direction": get_locale(self.source).direction}

    def _fact(self, label: str, value_html: str) -> str:
        colon = self.locale.label_colon
        if self.locale.is_rtl:
            # As for untranslated text: Qt ignores dir="ltr" on inline elements, and would show "400 CNY" as
            # "CNY 400" in a right-to-left page without a left-to-right isolate around it.
            value_html = f"\u2066{value_html}\u2069"
        return f"<li><strong>{html.escape(label + colon, quote=False)}</strong> {value_html}</li>"

    # --- fields ---------------------------------------------------------------------------------------------

    def _field(self, fdef: FieldDef, value: Any) -> Iterator[tuple[bool, str]]:
        if fdef.kind == "list":
            yield from self._list(fdef, value)
            return
        label = fdef.label_in(self.locale.code)
        if not fdef.translatable or not fdef.is_text:
            yield True, self._fact(label, _neutral_html(fdef.kind, value))
            return
        body = self._translatable(fdef.name, fdef, value)
        if body:
            if fdef.name != self.ctype.body_field:
                yield False, f"<h2>{html.escape(label, quote=False)}</h2>"
            yield False, body

    def _list(self, fdef: FieldDef, items: list[Any]) -> Iterator[tuple[bool, str]]:
        heading = f"<h2>{html.escape(fdef.label_in(self.locale.code), quote=False)}</h2>"
        if fdef.item_kind:
            if fdef.translatable and fdef.item_kind in ("text", "rich_text"):
                item_def = FieldDef(fdef.name, fdef.item_kind, fdef.label, True, sentences=fdef.sentences)
                texts = [self._text(f"{fdef.name}[{i}]", item_def, item) for i, item in enumerate(items)]
                texts = [t for t in texts if t]
                if texts:
                    yield False, heading
                    yield False, "<ol>\n" + "\n".join(f"<li>{t}</li>" for t in texts) + "\n</ol>"
                return
            for n, item in enumerate(items, 1):
                yield True, self._fact(fdef.item_label_in(self.locale.code, n), _neutral_html(fdef.item_kind, item))
            return
        yield False, heading
        title_def = next((f for f in fdef.items if f.translatable and f.kind == "text" and not f.sentences), None)
        for i, item in enumerate(items):
            path = f"{fdef.name}[{i}]"
            item_label = html.escape(fdef.item_label_in(self.locale.code, i + 1), quote=False)
            number = f'<span class="number">{item_label}</span>'
            item_title = ""
            if title_def is not None and item.get(title_def.name):
                item_title = self._text(f"{path}.{title_def.name}", title_def, item[title_def.name])
            yield False, f"<h3>{number} {item_title}".rstrip() + "</h3>"
            for sub in fdef.items:
                value = item.get(sub.name)
                if sub is title_def or value is None or value == "":
                    continue
                if sub.translatable and sub.is_text:
                    body = self._translatable(f"{path}.{sub.name}", sub, value)
                    if body:
                        yield False, body
                else:
                    yield True, self._fact(sub.label_in(self.locale.code), _neutral_html(sub.kind, value))

    def _translatable(self, path: str, fdef: FieldDef, value: str) -> str:
        """A translatable field's blocks: <p> for plain text, the block elements of rich text."""
        if fdef.kind != "rich_text":
            text = self._text(path, fdef, value)
            return f"<p>{text}</p>" if text else ""
        blocks: list[tuple[str, str]] = []
        for tag, pieces in rich_text_blocks(path, fdef, value, self.source):
            inner = self._join(pieces)
            if inner:
                blocks.append((tag, inner))
        return rich_text.blocks_to_html(blocks) if blocks else ""

    def _text(self, path: str, fdef: FieldDef, value: str) -> str:
        """A plain text's sentences in the page's language, as inline HTML ("" when nothing is shown)."""
        return self._join(text_pieces(path, fdef, value, self.source))

    def _join(self, pieces: Iterable[Piece]) -> str:
        """The pieces' HTML joined as sentences; untranslated neighbours share one marked span."""
        out: list[str] = []
        untranslated: list[str] = []
        for piece in pieces:
            translated, inner = self._piece_html(piece)
            if translated:
                if untranslated:
                    out.append(self._mark_untranslated(untranslated))
                    untranslated = []
                out.append(inner)
            elif self.fallback:
                untranslated.append(inner)
        if untranslated:
            out.append(self._mark_untranslated(untranslated))
        return self.joiner.join(out)

    def _mark_untranslated(self, sources: list[str]) -> str:
        joiner = "" if get_locale(self.source).unspaced else " "
        text = joiner.join(sources)
        if LOCALES[self.source].direction != self.locale.direction:
            # Unicode isolates keep the source's own direction inside the page's: renderers that ignore CSS
            # `direction` on a span (Qt's text browser) would otherwise move its full stop to the wrong end.
            text = ("\u2066" if LOCALES[self.source].direction == "ltr" else "\u2067") + text + "\u2069"
        return f'<span lang="{self.source}" class="untranslated">{text}</span>'

    def _piece_html(self, piece: Piece) -> tuple[bool, str]:
        """(whether the page's language has a text for it, the inline HTML: that text, else the source)."""
        seg = self.segments.find(piece)
        placeholders = placeholders_of(piece, seg)
        if self.locale.code == self.source:
            return True, inline_html(piece.text, placeholders)
        cell = seg.cells.get(self.locale.code) if seg is not None else None
        usable = cell is not None and (cell.state == CellState.APPROVED if self.approved_only
                                       else cell.state != CellState.MISSING)
        if cell is not None and usable and cell.text.strip():
            return True, inline_html(cell.text.strip(), placeholders)
        return False, inline_html(piece.text, placeholders)


def body_font_px(locale: str) -> int:
    """The size of a page's body text in `locale`, in CSS pixels: larger where a script looks smaller."""
    return round(_BODY_PX * _OPTICAL_SCALE.get(locale, 1))


# --- helpers ----------------------------------------------------------------------------------------------

def placeholders_of(piece: Piece, seg: SegmentRow | None) -> Mapping[str, str]:
    """The markup of a piece's placeholders: the stored segment's (what translators saw), else the cut's."""
    return seg.placeholders if seg is not None and seg.placeholders else piece.placeholders


def inline_html(text: str, placeholders: Mapping[str, str]) -> str:
    """`text` as inline HTML with its markup restored, as rich_text.restore_markup does, except that a
    placeholder pair a translator broke (one half missing, or pairs crossed) is dropped rather than left
    as an unclosed or stray tag: the words stay, the page stays well formed."""
    tokens = [m for m in rich_text.PLACEHOLDER.finditer(text) if m.group() in placeholders]
    keep: set[int] = set()
    open_pairs: list[tuple[str, int]] = []  # (number, index in tokens), innermost last
    for index, m in enumerate(tokens):
        token = m.group()
        if token.endswith("/}"):
            keep.add(index)
        elif token.startswith("{/"):
            number = token[2:-1]
            at = next((k for k in range(len(open_pairs) - 1, -1, -1) if open_pairs[k][0] == number), None)
            if at is not None:
                keep.update((open_pairs[at][1], index))
                del open_pairs[at:]  # pairs opened inside and never closed are dropped
        else:
            open_pairs.append((token[1:-1], index))
    out: list[str] = []
    pos = 0
    for index, m in enumerate(tokens):
        out.append(html.escape(text[pos:m.start()], quote=False))
        if index in keep:
            out.append(placeholders[m.group()])
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _neutral_html(kind: str, value: Any) -> str:
    """A language-neutral value, the same on every language's page."""
    return FIELD_KINDS[kind].render_html(value)


def _group_facts(parts: Iterable[tuple[bool, str]]) -> list[str]:
    """Consecutive facts share one list, so a run of links and numbers reads as one box."""
    out: list[str] = []
    facts: list[str] = []
    for is_fact, part in parts:
        if is_fact:
            facts.append(part)
            continue
        if facts:
            out.append('<ul class="facts">\n' + "\n".join(facts) + "\n</ul>")
            facts = []
        out.append(part)
    if facts:
        out.append('<ul class="facts">\n' + "\n".join(facts) + "\n</ul>")
    return out


def _font_stack(family: str) -> str:
    # The locale's font first; the others cover untranslated Chinese and Latin names in a translated page.
    families = dict.fromkeys((family, "Noto Sans", "Noto Sans CJK SC"))
    return ", ".join([f'"{name}"' for name in families] + ["sans-serif"])


def _plain(inline_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", inline_html))
