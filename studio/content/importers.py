"""Reading source documents from files: Studio's JSON format, Markdown and HTML.

Readers only parse; they return `DocumentInput` values and raise `InputFileError` naming the file and the
line. Validation against the content type and writing happen later, all or nothing.
"""

from __future__ import annotations

import codecs
import html
import json
import json.scanner
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from studio.content import rich_text
from studio.content.rich_text import Tag
from studio.content.types import get_content_type
from studio.errors import InputFileError, StudioError
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.states import CellState

# A portal document is kilobytes; anything near these sizes is a mistake. Markdown gets the tightest bound because
# its parser is pure Python (linear, but about 8 µs a character on hostile text).
MAX_FILE_BYTES = {".json": 20 * 2**20, ".md": 256 * 2**10, ".markdown": 256 * 2**10, ".html": 2 * 2**20,
                  ".htm": 2 * 2**20}
MAX_JSON_DEPTH = 32  # the deepest valid document (translations > locale > fields > list > item > money) is 8
MAX_JSON_DIGITS = 40  # no field holds a number longer than this; Python refuses beyond 4,300 with a traceback
# \A and \Z, not ^ and $: "$" also matches before a final newline, and callers may use .match().
SLUG = re.compile(r"\A[a-z0-9][a-z0-9-]{0,119}\Z")
DOCUMENT_KEYS = frozenset({"type", "section", "slug", "source_locale", "fields", "translations", "id"})
TRANSLATION_KEYS = frozenset({"fields", "state", "origin", "states"})


@dataclass(frozen=True)
class TranslationInput:
    """A translation given with a document: its values and the state and origin its cells take."""

    locale: str
    fields: Mapping[str, Any]
    state: str = CellState.DRAFT
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
    """The file name as a slug: accents folded to ASCII (Crème -> creme), anything else a hyphen; '' when
    nothing Latin is left (测试.md, ---.html)."""
    folded = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded)[:120].strip("-")


def _slug_for_file(path: Path, where: str, json_hint: bool) -> str:
    """A slug from the file name, or a refusal that says what to do. Transliterating Chinese would need a
    large table and gives slugs nobody chose; a hash is stable but unreadable in a URL. So ask."""
    slug = slug_from_name(path)
    if not slug:
        also = ' or give a "slug" key' if json_hint else ""
        raise InputFileError(where, f"cannot make a slug from the file name {path.name!r}: name the file in "
                                    f"Latin letters and digits (e.g. work-permit{path.suffix}){also}")
    return slug


def file_name(path: Path) -> str:
    """The path as text that can be stored and shown: bytes of a name that is not UTF-8 (a GBK name from a zip
    archive) become U+FFFD instead of lone surrogates, which no database accepts."""
    return os.fsencode(path).decode("utf-8", "replace")


def read_document_file(path: Path, options: ImportOptions) -> list[DocumentInput]:
    """The documents in one file, by its extension: .json, .md/.markdown, .html/.htm."""
    suffix = path.suffix.lower()
    _require_regular_file(path)
    if suffix not in MAX_FILE_BYTES:
        raise InputFileError(str(path), f"unknown file kind {suffix or '(none)'}; use .json, .md or .html")
    text = _read_text(path, MAX_FILE_BYTES[suffix])
    if suffix == ".json":
        return _read_json(path, text, options)
    if suffix in (".md", ".markdown"):
        return [_single(path, options, *parse_markdown(path, text))]
    title, body, lang = parse_html(path, text)
    opts = options if options.source_locale or lang not in LOCALES else \
        ImportOptions(options.type, options.section, lang)
    return [_single(path, opts, title, body)]


def _read_text(path: Path, limit: int) -> str:
    """The file as text, without a UTF-8 byte order mark."""
    data = _read_bytes(path, limit)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]  # Windows editors write one; it is not part of the text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), "not UTF-8 text", data[:exc.start].count(b"\n") + 1) from None


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file. Pipes, devices and sockets are refused without a read that could
    block (a FIFO) or never end (/dev/zero): checked before opening (by the caller), and again on what was
    opened, without blocking (O_NONBLOCK), in case the path changed in between."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # swapped since the check above
                raise InputFileError(str(path), _NOT_A_FILE)
            data = file.read(limit + 1)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        size = f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit // 2**10} KiB"
        raise InputFileError(str(path), f"file is larger than {size}, the most a document of this kind may be")
    return data


_NOT_A_FILE = "not a regular file (a device, pipe or socket?); import only ordinary files"


def _require_regular_file(path: Path) -> None:
    """Checked with stat, which opens nothing: opening a FIFO for reading would wait for a writer."""
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not regular:
        raise InputFileError(str(path), _NOT_A_FILE)


def _single(path: Path, options: ImportOptions, title: str, body_html: str) -> DocumentInput:
    if not options.type:
        raise InputFileError(str(path), "give the document type with --type")
    ctype = _content_type(path, options.type)
    if not ctype.body_field:
        raise InputFileError(str(path), f"type {ctype.name} has structured fields and no body; import it as JSON")
    return DocumentInput(where=file_name(path), type=ctype.name, section=options.section,
                         slug=_slug_for_file(path, str(path), json_hint=False),
                         source_locale=options.source_locale or SOURCE_DEFAULT,
                         fields={ctype.title_field: title, ctype.body_field: body_html})


def _content_type(path: Path, name: str) -> Any:
    try:
        return get_content_type(name)
    except StudioError as exc:
        raise InputFileError(str(path), str(exc)) from None


# --- JSON -------------------------------------------------------------------------------------------------

class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
        self.object_start: int | None = None


class _NumberTooLong(Exception):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _short_int(digits: str) -> int:
    if len(digits) > MAX_JSON_DIGITS:
        raise _NumberTooLong(digits)
    return int(digits)


def load_json(path: Path, text: str) -> Any:
    """Parse `text` strictly: a duplicate key, a number too long or nesting too deep is an error with its line."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_int=_short_int)
    except json.JSONDecodeError as exc:
        raise InputFileError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except _DuplicateKey as exc:
        start = _duplicate_key_object(text)
        line = rich_text.line_of(text, start) if start is not None else None
        raise InputFileError(str(path), f"key {exc.key!r} appears twice in the object that starts on this line; "
                                        "keep one", line) from None
    except _NumberTooLong as exc:
        at = text.find(exc.digits)
        line = rich_text.line_of(text, at) if at >= 0 else None
        raise InputFileError(str(path), f"a number of {len(exc.digits)} digits; no field takes more than "
                                        f"{MAX_JSON_DIGITS}", line) from None
    except RecursionError:
        raise InputFileError(str(path), _TOO_DEEP) from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise InputFileError(str(path), _TOO_DEEP)
    return data


_TOO_DEEP = f"JSON nested more than {MAX_JSON_DEPTH} levels deep; a document needs fewer than ten"


def _duplicate_key_object(text: str) -> int | None:
    """The offset of the object holding the first duplicate key. The C parser cannot say where it was, so the
    pure-Python one (slower, and run only after a duplicate was found) parses again, noting where objects start."""
    decoder = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_int=_short_int)
    parse_object = decoder.parse_object  # type: ignore[attr-defined]  # set by JSONDecoder, not in its stub

    def noting_start(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return parse_object(s_and_end, *args)
        except _DuplicateKey as exc:
            if exc.object_start is None:
                exc.object_start = s_and_end[1] - 1
            raise

    decoder.parse_object = noting_start  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _DuplicateKey as exc:
        return exc.object_start
    except (ValueError, RecursionError, _NumberTooLong):
        return None
    return None


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in `value`, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            if depth <= MAX_JSON_DEPTH:
                stack.extend((child, depth + 1) for child in children)
    return deepest


def _read_json(path: Path, text: str, options: ImportOptions) -> list[DocumentInput]:
    data = load_json(path, text)
    items = data if isinstance(data, list) else [data]
    return [_json_document(path, i if isinstance(data, list) else None, item, options)
            for i, item in enumerate(items)]


def _optional_string(where: str, raw: Mapping[str, Any], key: str, prefix: str = "") -> str | None:
    """`raw[key]` when it is a non-empty string, None when absent or empty; anything else is refused."""
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputFileError(where, f"{prefix}{key!r} must be a string, not {_json_kind(value)}")
    return value


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), "null")


def _json_document(path: Path, index: int | None, raw: Any, options: ImportOptions) -> DocumentInput:
    where = f"{file_name(path)}[{index}]" if index is not None else file_name(path)
    if not isinstance(raw, dict):
        raise InputFileError(where, "each document must be a JSON object")
    unknown = sorted(set(raw) - DOCUMENT_KEYS)
    if unknown:
        raise InputFileError(where, f"unknown key {unknown[0]!r}")
    given_type = _optional_string(where, raw, "type")
    doc_type = given_type or options.type
    if not doc_type:
        raise InputFileError(where, "no document type: give --type or a \"type\" key")
    if options.type and given_type and given_type != options.type:
        raise InputFileError(where, f"document is of type {given_type!r}, not {options.type!r} as --type says")
    _content_type(Path(where), doc_type)
    slug = _optional_string(where, raw, "slug")
    if slug is None:
        if index is not None:
            raise InputFileError(where, "no \"slug\": each document of an array needs its own")
        slug = _slug_for_file(path, where, json_hint=True)
    if not SLUG.fullmatch(slug):
        raise InputFileError(where, f"slug {slug!r} must be lower-case letters, digits and hyphens")
    source = _optional_string(where, raw, "source_locale") or options.source_locale or SOURCE_DEFAULT
    if source not in LOCALES:
        raise InputFileError(where, f"unknown source locale {source!r}; use one of {', '.join(LOCALES)}")
    translations = raw.get("translations") or {}
    if not isinstance(translations, dict):
        raise InputFileError(where, "'translations' must map a locale to its translation")
    return DocumentInput(where=where, type=doc_type, section=_optional_string(where, raw, "section") or options.section,
                         slug=slug, source_locale=source, fields=raw.get("fields") or {},
                         translations=tuple(_translation(where, loc, t, source)
                                            for loc, t in translations.items()))


def _translation(where: str, locale: str, raw: Any, source: str) -> TranslationInput:
    if locale not in LOCALES or locale == source:
        raise InputFileError(where, f"translation locale {locale!r} is not a target of this {source} document")
    if not isinstance(raw, dict) or not isinstance(raw.get("fields", {}), dict):
        raise InputFileError(where, f"translation {locale}: must be an object with 'fields'")
    unknown = sorted(set(raw) - TRANSLATION_KEYS)
    if unknown:
        raise InputFileError(where, f"translation {locale}: unknown key {unknown[0]!r}")
    prefix = f"translation {locale}: "
    states = raw.get("states") or {}
    if not isinstance(states, dict) or not all(isinstance(v, str) for v in states.values()):
        raise InputFileError(where, f"{prefix}'states' must map a field path to a state, "
                                    '{"steps[0].body": "draft"}')
    return TranslationInput(locale=locale, fields=raw.get("fields", {}),
                            state=_optional_string(where, raw, "state", prefix) or CellState.DRAFT,
                            origin=_optional_string(where, raw, "origin", prefix) or "import:json", states=states)


# --- Markdown ---------------------------------------------------------------------------------------------

MAX_MARKDOWN_NESTING = 12
"""Levels of lists and quotes inside each other (a list item counts two). The parser stops at 20 and would
silently drop what is deeper, so refusing earlier is what keeps every word of the file."""

# The portal's subset, and nothing more: no raw HTML (it is escaped), images, tables, code blocks or autolinks.
_MARKDOWN = (MarkdownIt("zero", {"maxNesting": 20})
             .enable(["heading", "list", "blockquote", "emphasis", "backticks", "link", "escape", "entity", "newline"])
             .disable("text_join"))  # escapes stay apart (text_special) so "\*\*" is not an unclosed "**"
_LEFTOVER_MARKERS = (("**", "bold marker '**'"), ("__", "bold marker '__'"), ("`", "code marker '`'"),
                     ("](", "link: write [text](https://...)"))


def parse_markdown(path: Path, text: str) -> tuple[str, str]:
    """`# title` on the first non-blank line, then paragraphs, `##` headings, lists and quotes.

    Returns the title and the body as HTML of the portal subset. CommonMark, parsed by markdown-it-py in
    linear time; a marker left unpaired (`**`, a backquote, a link) is an error on its line.
    """
    tokens = _MARKDOWN.parse(text)
    if not tokens or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        first = next((i for i, line in enumerate(text.splitlines()) if line.strip()), 0)
        raise InputFileError(str(path), "a Markdown document starts with '# title'", first + 1)
    title = tokens[1].content.strip()
    body = tokens[3:]
    for token in body:
        _check_markdown_token(path, token)
    _quote_paragraphs_inline(body)
    if not body:
        raise InputFileError(str(path), "the document has a title but no body", len(text.splitlines()) or 1)
    return title, _MARKDOWN.renderer.render(body, _MARKDOWN.options, {}).strip()


def _check_markdown_token(path: Path, token: Token) -> None:
    line = (token.map[0] + 1) if token.map else None
    if token.level > MAX_MARKDOWN_NESTING:
        raise InputFileError(str(path), "lists and quotes are nested too deeply", line)
    if token.type == "heading_open" and token.tag == "h1":
        raise InputFileError(str(path), "a second '# title'; a document has one title", line)
    if token.type in ("heading_open", "heading_close") and token.tag in ("h5", "h6"):
        token.tag = "h4"  # the subset's smallest heading
    if token.type == "inline" and token.map:
        _check_inline(path, token.map[0] + 1, token.children or [])


def _check_inline(path: Path, line: int, children: list[Token]) -> None:
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text":
            for marker, what in _LEFTOVER_MARKERS:
                if (at := child.content.find(marker)) != -1:
                    raise InputFileError(str(path), f"unclosed {what}", line + child.content.count("\n", 0, at))
            line += child.content.count("\n")
        elif child.type == "text_special":
            child.type = "text"  # an escaped character, from now on plain text


def _quote_paragraphs_inline(tokens: list[Token]) -> None:
    """`> text` gives <blockquote>text</blockquote>, as before markdown-it, rather than a <p> inside it."""
    for i, token in enumerate(tokens[:-4]):
        if token.type == "blockquote_open" and tokens[i + 1].type == "paragraph_open" \
                and tokens[i + 4].type == "blockquote_close":
            tokens[i + 1].hidden = tokens[i + 3].hidden = True


# --- HTML -------------------------------------------------------------------------------------------------

@dataclass
class _Page:
    """Where a page's parts are, as offsets into its text."""

    lang: str = ""
    title: str = ""
    h1: tuple[int, int, int, int] | None = None  # start of <h1>, end of <h1>, start of </h1>, end of </h1>
    body: tuple[int, int] | None = None  # after <body>, before </body>


def _read_page(text: str, tags: list[Tag]) -> _Page:
    page = _Page()
    h1_open: Tag | None = None
    title_open: Tag | None = None
    body_open: Tag | None = None
    for tag in tags:
        if tag.name == "html" and not tag.closing and not page.lang:
            page.lang = tag.attributes.get("lang", "")
        elif tag.name == "body":
            if not tag.closing:
                body_open = body_open or tag
            elif body_open and page.body is None:
                page.body = (body_open.end, tag.start)
        elif tag.name == "title":
            if not tag.closing:
                title_open = title_open or tag
            elif title_open and not page.title:
                page.title = html.unescape(text[title_open.end:tag.start])
        elif tag.name == "h1" and page.h1 is None:
            if not tag.closing:
                h1_open = h1_open or tag
            elif h1_open:
                page.h1 = (h1_open.start, h1_open.end, tag.start, tag.end)
    return page


def parse_html(path: Path, text: str) -> tuple[str, str, str]:
    """The title (first h1, else <title>), the body as the portal subset, and the page's lang attribute."""
    try:
        tags = rich_text.check_well_formed(text)
    except rich_text.MarkupError as exc:
        raise InputFileError(str(path), f"malformed HTML: {exc}", exc.line) from None
    page = _read_page(text, tags)
    start, end = page.body or (0, len(text))
    heading = rich_text.plain_text(text[page.h1[1]:page.h1[2]]) if page.h1 else ""
    body = text[start:end]
    if page.h1 and start <= page.h1[0] and page.h1[3] <= end:  # the title is not said twice
        body = text[start:page.h1[0]] + text[page.h1[3]:end]
    title = " ".join((heading or page.title).split())
    if not title:
        raise InputFileError(str(path), "no title: the page needs an <h1> or a <title>")
    cleaned = rich_text.sanitize(body).strip()
    if not cleaned:
        raise InputFileError(str(path), "the page has a title but no body")
    return title, cleaned, page.lang
