"""The portal's HTML subset: sanitizing, checking, and cutting rich text into translatable blocks.

Translators never see tags: in a block's text, inline markup becomes numbered placeholders, `{1}`...`{/1}`
for a pair of tags and `{2/}` for a void tag such as <br>, numbered per block from 1 in document order.
`restore_markup` puts the markup back around the (translated) text.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from types import MappingProxyType
from typing import NamedTuple

import nh3

from studio.content.segmenter import split_sentences

BLOCK_TAGS: frozenset[str] = frozenset({"p", "h2", "h3", "h4", "li", "blockquote"})
LIST_TAGS: frozenset[str] = frozenset({"ul", "ol"})
INLINE_TAGS: frozenset[str] = frozenset({"a", "strong", "em", "b", "i", "code", "br", "span"})
ALLOWED_TAGS: frozenset[str] = BLOCK_TAGS | LIST_TAGS | INLINE_TAGS
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
# HTML's void elements: they have no closing tag, in the subset (br) and in whole imported pages (meta...).
VOID_TAGS: frozenset[str] = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                       "meta", "param", "source", "track", "wbr"})

PLACEHOLDER = re.compile(r"\{(?:/\d+|\d+/?)\}")
"""A placeholder token: {1} and {/1} around inline markup, {2/} for a void tag."""
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these; a no-break space is kept
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_DIRECTIONS = frozenset({"ltr", "rtl", "auto"})


class MarkupError(ValueError):
    """Malformed markup: an unclosed or mismatched tag. `line` is 1-based, in the checked input."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Block:
    """A block element's text, inline markup replaced by placeholders (token -> the original markup)."""

    tag: str
    text: str
    placeholders: Mapping[str, str] = field(default_factory=dict)


def sanitize(html: str) -> str:
    """`html` reduced to the portal subset: other tags are removed (keeping their text, but not the
    contents of script and style), attributes other than a's href and title and everyone's dir and lang
    are dropped, and links keep only http, https, mailto and tel URLs (or relative ones)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": {"dir", "lang"}, "a": {"href", "title"}},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # the subset has no rel attribute; don't let nh3 add one
    )


def plain_text(html: str) -> str:
    """The text of an HTML fragment: tags, comments and script or style contents removed, entities decoded."""
    return html_lib.unescape(nh3.clean(html, tags=set(), clean_content_tags={"script", "style"}))


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "dir":
        return value.lower() if value.lower() in _DIRECTIONS else None
    if attribute == "lang":
        return value if _LANG.fullmatch(value) else None
    return value


MAX_NESTING = 100
"""Open elements allowed at once: a portal page nests a dozen deep; thousands are an attack on the checker."""

# Linear-time scanning: every pattern below is matched at a known position and either consumes what it scanned
# or ends the check with an error, so no character is scanned twice (html.parser rescans the rest of the input
# after each unfinished tag, which made 40 KB of "<a " take 19 s).
_MARKUP_START = re.compile(r"<[a-zA-Z!?/]")  # any other "<" ("a < b") is text
_SIMPLE_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)\s*(/?)>")  # a tag without attributes
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s/>=][^\s/=>]*)(?:\s*=\s*('[^']*'|"[^"]*"|(?!['"])[^\s>]*))?""")
_START_TAG_END = re.compile(r"[\s/]*?(/?)>")
_END_TAG_REST = re.compile(r"[^>]*>")
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title"})  # their content is text, not markup


class Tag(NamedTuple):
    """A start or end tag found by `scan_tags`: `start` and `end` are offsets of its markup in the input.
    (A tuple rather than a dataclass: a page has hundreds of thousands of tags, and tuples are made fastest.)"""

    name: str
    start: int
    end: int
    closing: bool = False
    self_closing: bool = False
    attributes: Mapping[str, str] = MappingProxyType({})


def line_of(text: str, offset: int) -> int:
    """The 1-based line of `offset` in `text`."""
    return text.count("\n", 0, offset) + 1


def scan_tags(html: str) -> Iterator[Tag]:
    """The start and end tags of `html` in order, in one linear pass; comments, doctypes and processing
    instructions are skipped, the content of script, style, textarea and title is text. A tag, comment or
    raw-text element left unfinished raises MarkupError instead of being read as text."""
    pos = 0
    while markup := _MARKUP_START.search(html, pos):
        pos = markup.start()
        if simple := _SIMPLE_TAG.match(html, pos):  # most tags: <p>, </p>, <br/>, read by one match
            closing, name, self_closing = simple.groups()
            tag = Tag(name.lower(), pos, simple.end(), bool(closing), bool(self_closing) and not closing)
            yield tag
            pos = tag.end
            if tag.name in _RAW_TEXT_TAGS and not tag.closing and not tag.self_closing:
                pos = yield from _raw_text_end(html, tag)
        elif html.startswith("<!--", pos):
            pos = _skip_past(html, pos, "-->", "a comment")
        elif html.startswith("<![CDATA[", pos):
            pos = _skip_past(html, pos, "]]>", "a CDATA section")
        elif html.startswith(("<!", "<?"), pos):
            pos = _skip_past(html, pos, ">", "a declaration")
        elif html.startswith("</", pos) and (name := _TAG_NAME.match(html, pos + 2)):
            rest = _END_TAG_REST.match(html, name.end())
            if rest is None:
                raise MarkupError(f"</{name.group().lower()}> is cut off: no '>'", line_of(html, pos))
            yield Tag(name.group().lower(), pos, rest.end(), closing=True)
            pos = rest.end()
        elif name := _TAG_NAME.match(html, pos + 1):
            tag = _start_tag(html, pos, name)
            yield tag
            pos = tag.end
            if tag.name in _RAW_TEXT_TAGS and not tag.self_closing:
                pos = yield from _raw_text_end(html, tag)
        else:
            pos += 1  # "</" followed by no name: text


def _raw_text_end(html: str, tag: Tag) -> Generator[Tag, None, int]:
    """Yield the end tag of a raw-text element (script, style...) and return the offset after it."""
    end = re.compile(rf"</{tag.name}[\s/]*>", re.IGNORECASE).search(html, tag.end)
    if end is None:
        raise MarkupError(f"<{tag.name}> is never closed", line_of(html, tag.start))
    yield Tag(tag.name, end.start(), end.end(), closing=True)
    return end.end()


def _skip_past(html: str, pos: int, end: str, what: str) -> int:
    found = html.find(end, pos + 2)
    if found == -1:
        raise MarkupError(f"{what} is never closed ('{end}' missing)", line_of(html, pos))
    return found + len(end)


def _start_tag(html: str, pos: int, name: re.Match[str]) -> Tag:
    attributes: dict[str, str] = {}
    at = name.end()
    while (attribute := _ATTRIBUTE.match(html, at)) and attribute.end() > at:
        value = attribute.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attributes.setdefault(attribute.group(1).lower(), html_lib.unescape(value))
        at = attribute.end()
    end = _START_TAG_END.match(html, at)
    if end is None:
        raise MarkupError(f"<{name.group().lower()}> is cut off: no '>' (or a quote left open)",
                          line_of(html, pos))
    return Tag(name.group().lower(), pos, end.end(), self_closing=bool(end.group(1)), attributes=attributes)


def check_well_formed(html: str) -> list[Tag]:
    """Raise MarkupError at the first tag left unclosed or closed out of order. Void tags (br, meta...)
    need no closing tag; any other tag, <p> and <li> included, must be closed explicitly. Nesting deeper
    than MAX_NESTING is refused. One linear pass; returns the tags, so a caller need not scan again."""
    open_tags: list[tuple[str, int]] = []  # (name, offset), innermost last
    open_count: Counter[str] = Counter()
    tags = list(scan_tags(html))
    for tag in tags:
        if tag.name in VOID_TAGS or (tag.self_closing and not tag.closing):
            continue
        if not tag.closing:
            if len(open_tags) >= MAX_NESTING:
                raise MarkupError(f"tags are nested more than {MAX_NESTING} deep", line_of(html, tag.start))
            open_tags.append((tag.name, tag.start))
            open_count[tag.name] += 1
            continue
        _check_closing(html, tag, open_tags, open_count)
        open_tags.pop()
        open_count[tag.name] -= 1
    if open_tags:
        tag_name, start = open_tags[0]
        raise MarkupError(f"<{tag_name}> is never closed", line_of(html, start))
    return tags


def _check_closing(html: str, tag: Tag, open_tags: Sequence[tuple[str, int]], open_count: Counter[str]) -> None:
    # Lines are counted only for an error: counting them for every tag would make the check quadratic.
    if not open_count[tag.name]:
        if not open_tags:
            raise MarkupError(f"</{tag.name}> closes nothing: no <{tag.name}> is open", line_of(html, tag.start))
        inner, inner_start = open_tags[-1]
        raise MarkupError(f"</{tag.name}> does not match the open <{inner}> of line {line_of(html, inner_start)}",
                          line_of(html, tag.start))
    inner, inner_start = open_tags[-1]
    if inner != tag.name:
        # </p> after an unclosed <em>: the culprit is the <em>, so its line is the one to show.
        raise MarkupError(f"<{inner}> is not closed before </{tag.name}> on line {line_of(html, tag.start)}",
                          line_of(html, inner_start))


def html_to_blocks(html: str) -> list[Block]:
    """The blocks of a sanitized rich text, in reading order.

    Each p, h2-h4, li and blockquote is a block; a nested one (the li of a nested list, the p in a
    blockquote) is a block of its own, and the outer element's text around it makes further blocks.
    Text outside any block element becomes a "p" block. Entities are decoded, runs of HTML whitespace
    become one space, and blocks with no text (only markup or whitespace) are left out.
    """
    reader = _BlockReader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return reader.blocks


class _BlockReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._block_tags: list[str] = []  # open block elements, innermost last
        self._parts: list[str] = []
        self._placeholders: dict[str, str] = {}
        self._open_inline: list[tuple[str, int]] = []  # (tag, number) of the current block's open pairs
        self._count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        markup = self.get_starttag_text() or f"<{tag}>"
        if tag in BLOCK_TAGS:
            self.flush()
            self._block_tags.append(tag)
        elif tag in LIST_TAGS:
            self.flush()
        elif tag in VOID_TAGS:
            self._add_token(f"{{{self._next_number()}/}}", markup)
        else:
            number = self._next_number()
            self._open_inline.append((tag, number))
            self._add_token(f"{{{number}}}", markup)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS or tag in LIST_TAGS:
            self.flush()
        else:  # <br/>, or an empty <span/>: one void placeholder keeps the markup as written
            self._add_token(f"{{{self._next_number()}/}}", self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
            if tag in self._block_tags:
                del self._block_tags[len(self._block_tags) - 1 - self._block_tags[::-1].index(tag):]
        elif tag in LIST_TAGS:
            self.flush()
        elif tag not in VOID_TAGS:
            for i in range(len(self._open_inline) - 1, -1, -1):
                if self._open_inline[i][0] == tag:
                    number = self._open_inline.pop(i)[1]
                    self._add_token(f"{{/{number}}}", f"</{tag}>")
                    break

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def flush(self) -> None:
        """End the current block, keeping it if it has text."""
        text = _HTML_SPACE.sub(" ", "".join(self._parts)).strip()
        if PLACEHOLDER.sub("", text).strip():
            tag = self._block_tags[-1] if self._block_tags else "p"
            self.blocks.append(Block(tag, text, dict(self._placeholders)))
        self._parts = []
        self._placeholders = {}
        self._open_inline = []
        self._count = 0

    def _next_number(self) -> int:
        self._count += 1
        return self._count

    def _add_token(self, token: str, markup: str) -> None:
        self._parts.append(token)
        self._placeholders[token] = markup


def split_block(block: Block, locale: str) -> list[Block]:
    """The block's sentences, each a Block of the same tag with the placeholders it contains (numbers
    unchanged, so they need not start at 1). Placeholders are invisible to the segmenter (a <br> counts
    as a line break); a closing or void placeholder right after a sentence stays with it, an opening one
    goes with the next. Sentences that would cut a pair {n}...{/n} apart are merged.
    Joining the pieces' texts with the whitespace between them gives the block's text back."""
    text = block.text
    tokens = [m for m in PLACEHOLDER.finditer(text) if m.group() in block.placeholders]
    plain, where = _hide_tokens(text, tokens)
    sentences = split_sentences(plain, locale)
    pairs = _pair_spans(tokens)
    ends_after = {m.start(): m.end() for m in tokens if m.group()[1] == "/" or m.group().endswith("/}")}
    cuts = [0]
    for sentence in sentences[:-1]:
        cut = where[sentence.end - 1] + 1
        while True:  # take the closing and void placeholders that follow, across whitespace
            nxt = cut + len(text[cut:]) - len(text[cut:].lstrip())
            if nxt not in ends_after:
                break
            cut = ends_after[nxt]
        if not any(start < cut < end for start, end in pairs):
            cuts.append(cut)
    cuts.append(len(text))
    pieces = [text[a:b].strip() for a, b in pairwise(cuts)]
    return [Block(block.tag, piece, {t: block.placeholders[t] for t in placeholder_tokens(piece)
                                     if t in block.placeholders})
            for piece in pieces if piece]


def _hide_tokens(text: str, tokens: Sequence[re.Match[str]]) -> tuple[str, list[int]]:
    """`text` without its placeholders (a void one becomes a line break), and for each character of
    that the index of the same character in `text`."""
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for m in tokens:
        parts.append(text[pos:m.start()])
        where.extend(range(pos, m.start()))
        if m.group().endswith("/}"):
            parts.append("\n")
            where.append(m.start())
        pos = m.end()
    parts.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(parts), where


def _pair_spans(tokens: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
    """(start of {n}, end of {/n}) for every complete pair."""
    opened: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for m in tokens:
        token = m.group()
        if token.endswith("/}"):
            continue
        if token[1] == "/":
            start = opened.pop(token[2:-1], None)
            if start is not None:
                spans.append((start, m.end()))
        else:
            opened[token[1:-1]] = m.start()
    return spans


def placeholder_tokens(text: str) -> list[str]:
    """The placeholder tokens in `text` ({1}, {/1}, {2/}), in order of appearance."""
    return [m.group() for m in PLACEHOLDER.finditer(text)]


def restore_markup(text: str, placeholders: Mapping[str, str]) -> str:
    """`text` as HTML: its characters escaped, its placeholders replaced by their markup. Brace text
    that is not one of `placeholders` stays text. Tokens missing from `text` are not added back: check
    a translation with placeholder_tokens first."""
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        if m.group() in placeholders:
            out.append(html_lib.escape(text[pos:m.start()], quote=False))
            out.append(placeholders[m.group()])
            pos = m.end()
    out.append(html_lib.escape(text[pos:], quote=False))
    return "".join(out)


def blocks_to_html(blocks: Sequence[tuple[str, str]]) -> str:
    """(tag, inner HTML) pairs as one document, a block per line; consecutive li are grouped in a <ul>."""
    lines: list[str] = []
    in_list = False
    for tag, inner in blocks:
        if tag not in BLOCK_TAGS:
            raise ValueError(f"<{tag}> is not a block element of the portal subset")
        if (tag == "li") != in_list:
            lines.append("<ul>" if tag == "li" else "</ul>")
            in_list = tag == "li"
        lines.append(f"<{tag}>{inner}</{tag}>")
    if in_list:
        lines.append("</ul>")
    return "\n".join(lines)
