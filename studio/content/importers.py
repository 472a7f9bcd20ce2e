"""Reading source documents from files: Studio's JSON format, Markdown and HTML.

Readers only parse; they return `DocumentInput` values and raise `InputFileError` naming the file and the
line. Validation against the content type and writing happen later, all or nothing.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from studio.content import rich_text
from studio.content.types import get_content_type
from studio.errors import InputFileError, StudioError
from studio.locales import LOCALES

MAX_FILE_BYTES = 20 * 1024 * 1024  # a portal document is kilobytes; anything this big is a mistake
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


@dataclass(frozen=True)
class TranslationInput:
    """A translation given with a document: its values and the state and origin its cells take."""

    locale: str
    fields: Mapping[str, Any]
    state: str = "draft"
    origin: str = "import:json"
    states: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentInput:
    """A document read from a file, not yet validated against its type. `where` names it in messages."""

    where: str
    type: str
    section: str | None
    slug: str
    source_locale: str
    fields: Mapping[str, Any]
    translations: tuple[TranslationInput, ...] = ()


@dataclass(frozen=True)
class ImportOptions:
    type: str | None = None  # required for Markdown and HTML; JSON may name its own
    section: str | None = None
    source_locale: str | None = None


def slug_from_name(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:120]


def read_document_file(path: Path, options: ImportOptions) -> list[DocumentInput]:
    """The documents in one file, by its extension: .json, .md/.markdown, .html/.htm."""
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path, text, options)
    if suffix in (".md", ".markdown"):
        return [_single(path, options, *parse_markdown(path, text))]
    if suffix in (".html", ".htm"):
        title, body, lang = parse_html(path, text)
        opts = options if options.source_locale or lang not in LOCALES else \
            ImportOptions(options.type, options.section, lang)
        return [_single(path, opts, title, body)]
    raise InputFileError(str(path), f"unknown file kind {suffix or '(none)'}; use .json, .md or .html")


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputFileError(str(path), f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputFileError(str(path), "not UTF-8 text", line) from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _single(path: Path, options: ImportOptions, title: str, body_html: str) -> DocumentInput:
    if not options.type:
        raise InputFileError(str(path), "give the document type with --type")
    ctype = _content_type(path, options.type)
    if not ctype.body_field:
        raise InputFileError(str(path), f"type {ctype.name} has structured fields and no body; import it as JSON")
    return DocumentInput(where=str(path), type=ctype.name, section=options.section, slug=slug_from_name(path),
                         source_locale=options.source_locale or "zh-Hans",
                         fields={ctype.title_field: title, ctype.body_field: body_html})


def _content_type(path: Path, name: str) -> Any:
    try:
        return get_content_type(name)
    except StudioError as exc:
        raise InputFileError(str(path), str(exc)) from None


# --- JSON -------------------------------------------------------------------------------------------------

def _read_json(path: Path, text: str, options: ImportOptions) -> list[DocumentInput]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    items = data if isinstance(data, list) else [data]
    return [_json_document(path, i if isinstance(data, list) else None, item, options)
            for i, item in enumerate(items)]


def _json_document(path: Path, index: int | None, raw: Any, options: ImportOptions) -> DocumentInput:
    where = f"{path}[{index}]" if index is not None else str(path)
    if not isinstance(raw, dict):
        raise InputFileError(where, "each document must be a JSON object")
    unknown = sorted(set(raw) - {"type", "section", "slug", "source_locale", "fields", "translations", "id"})
    if unknown:
        raise InputFileError(where, f"unknown key {unknown[0]!r}")
    doc_type = raw.get("type") or options.type
    if not doc_type:
        raise InputFileError(where, "no document type: give --type or a \"type\" key")
    if options.type and raw.get("type") and raw["type"] != options.type:
        raise InputFileError(where, f"document is of type {raw['type']!r}, not {options.type!r} as --type says")
    _content_type(Path(where), doc_type)
    slug = raw.get("slug") or (slug_from_name(path) if index is None else "")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise InputFileError(where, f"slug {slug!r} must be lower-case letters, digits and hyphens")
    source = raw.get("source_locale") or options.source_locale or "zh-Hans"
    if source not in LOCALES:
        raise InputFileError(where, f"unknown source locale {source!r}; use one of {', '.join(LOCALES)}")
    translations = raw.get("translations") or {}
    if not isinstance(translations, dict):
        raise InputFileError(where, "'translations' must map a locale to its translation")
    return DocumentInput(where=where, type=doc_type, section=raw.get("section") or options.section, slug=slug,
                         source_locale=source, fields=raw.get("fields") or {},
                         translations=tuple(_translation(where, loc, t, source)
                                            for loc, t in translations.items()))


def _translation(where: str, locale: str, raw: Any, source: str) -> TranslationInput:
    if locale not in LOCALES or locale == source:
        raise InputFileError(where, f"translation locale {locale!r} is not a target of this {source} document")
    if not isinstance(raw, dict) or not isinstance(raw.get("fields", {}), dict):
        raise InputFileError(where, f"translation {locale}: must be an object with 'fields'")
    unknown = sorted(set(raw) - {"fields", "state", "origin", "states"})
    if unknown:
        raise InputFileError(where, f"translation {locale}: unknown key {unknown[0]!r}")
    return TranslationInput(locale=locale, fields=raw.get("fields", {}), state=raw.get("state", "draft"),
                            origin=raw.get("origin", "import:json"), states=raw.get("states") or {})


# --- Markdown ---------------------------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_ORDERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s")
_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)")


def parse_markdown(path: Path, text: str) -> tuple[str, str]:
    """`# title` on the first non-blank line, then paragraphs, `##` headings, lists and quotes.

    Returns the title and the body as HTML of the portal subset.
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].startswith("# "):
        raise InputFileError(str(path), "a Markdown document starts with '# title'",
                             (first or 0) + 1 if first is not None else 1)
    title = _inline(path, first + 1, lines[first][2:].strip(), escape_only=True)
    out: list[str] = []
    paragraph: list[str] = []
    list_items: list[str] = []
    list_tag = "ul"

    def flush() -> None:
        nonlocal list_items
        if paragraph:
            out.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()
        if list_items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in list_items) + f"</{list_tag}>")
            list_items = []

    for number, line in enumerate(lines[first + 1:], start=first + 2):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("# "):
            raise InputFileError(str(path), "a second '# title'; a document has one title", number)
        heading = re.match(r"^(#{2,4})\s+(.*)$", stripped)
        item = _LIST_ITEM.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(path, number, heading.group(2))}</h{level}>")
        elif item:
            if paragraph:
                flush()
            list_tag = "ol" if _ORDERED.match(line) else "ul"
            list_items.append(_inline(path, number, item.group(1)))
        elif stripped.startswith(">"):
            flush()
            out.append(f"<blockquote>{_inline(path, number, stripped.lstrip('> '))}</blockquote>")
        elif list_items and line.startswith((" ", "\t")):
            list_items[-1] += " " + _inline(path, number, stripped)
        else:
            if list_items:
                flush()
            paragraph.append(_inline(path, number, stripped))
    flush()
    if not out:
        raise InputFileError(str(path), "the document has a title but no body", len(lines))
    return title, "\n".join(out)


def _inline(path: Path, line: int, text: str, escape_only: bool = False) -> str:
    """Markdown emphasis, code and links to HTML; an unclosed marker is an error on its line."""
    if escape_only:
        return text
    parts: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        parts.append(html.escape(text[pos:m.start()], quote=False))
        strong, strong2, em, em2, code, label, url = m.groups()
        if strong or strong2:
            parts.append(f"<strong>{html.escape(strong or strong2, quote=False)}</strong>")
        elif em or em2:
            parts.append(f"<em>{html.escape(em or em2, quote=False)}</em>")
        elif code:
            parts.append(f"<code>{html.escape(code, quote=False)}</code>")
        else:
            parts.append(f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>')
        pos = m.end()
    rest = text[pos:]
    for marker, what in (("**", "bold marker '**'"), ("`", "code marker '`'"), ("](", "link")):
        if marker in rest:
            raise InputFileError(str(path), f"unclosed {what}", line)
    if re.search(r"\[[^\]]*$", rest):
        raise InputFileError(str(path), "unclosed link '['", line)
    parts.append(html.escape(rest, quote=False))
    return "".join(parts)


# --- HTML -------------------------------------------------------------------------------------------------

class _PageReader(HTMLParser):
    """Finds the title, the first h1, the page language and where the body starts and ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.lang = ""
        self.body_start: tuple[int, int] | None = None
        self.body_end: tuple[int, int] | None = None
        self._in: str | None = None
        self._h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        elif tag == "body":
            line, col = self.getpos()
            self.body_start = (line, col + len(self.get_starttag_text() or ""))
        elif tag == "title" or (tag == "h1" and not self._h1_done):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self.body_end = self.getpos()
        if tag == self._in:
            self._h1_done = self._h1_done or tag == "h1"
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def _offset(text: str, pos: tuple[int, int]) -> int:
    line, col = pos
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return starts[line - 1] + col


def parse_html(path: Path, text: str) -> tuple[str, str, str]:
    """The title (first h1, else <title>), the body as the portal subset, and the page's lang attribute."""
    try:
        rich_text.check_well_formed(text)
    except rich_text.MarkupError as exc:
        raise InputFileError(str(path), f"malformed HTML: {exc}", exc.line) from None
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    body = text
    if reader.body_start and reader.body_end:
        body = text[_offset(text, reader.body_start):_offset(text, reader.body_end)]
    body = re.sub(r"<h1\b[^>]*>.*?</h1\s*>", "", body, count=1, flags=re.S | re.I)
    title = " ".join((reader.h1 or reader.title).split())
    if not title:
        raise InputFileError(str(path), "no title: the page needs an <h1> or a <title>")
    cleaned = rich_text.sanitize(body).strip()
    if not cleaned:
        raise InputFileError(str(path), "the page has a title but no body")
    return title, cleaned, reader.lang
