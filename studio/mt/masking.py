"""What an engine must not touch, hidden behind tokens before a sentence is sent and put back afterwards.

`mask` replaces markup placeholders (`{1}`, `{/1}`, `{2/}`), URLs, e-mail addresses, phone numbers, dates, times,
amounts and numbers (ASCII, full-width or any other decimal digits) and glossary terms by numbered tokens
`<x1/>`, `<x2/>`... in order of appearance; `unmask` puts back what each stood for and says whether the engine
lost, repeated or invented any (a damaged answer is still a draft, kept and flagged by the caller).

Why `<x1/>`: it is what translation engines are built to carry through. DeepL, Google and Microsoft keep XML
tags when asked to handle tags and mostly even when not; language models are trained on masses of markup and
copy an empty element verbatim; and it is plain ASCII, so the SentencePiece vocabulary of every offline model
can spell it (a `⟦1⟧` would become `<unk>` in most of them and be lost). Brace placeholders like `{1}` are
already the markup's own and are masked too, so the engine sees one kind of token only.

Engines do bend tokens: they add spaces (`< x1 / >`), drop the slash, change the case or use full-width
brackets next to Chinese and Japanese. `unmask` and `tokens` read all of those, so anything in the source that
would read as a token is masked itself and round-trips exactly: `unmask(mask(x), mask(x).text).text == x`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from studio.content.rich_text import PLACEHOLDER

TOKEN = re.compile(r"[<＜]\s*[xX]\s*(\d{1,6})\s*[/／]?\s*[>＞]")
"""A token as engines give it back: `<x1/>`, with spaces inside, without the slash, upper case or full width.
At most six digits, so a run of digits never overflows int() and reads the same in source and answer."""


def token(number: int) -> str:
    """The token for the `number`-th masked piece, in the form `mask` writes."""
    return f"<x{number}/>"


# What is masked, in order of precedence where two could start at the same character. The text is scanned once,
# leftmost match first; each pattern is anchored on both sides so that it never takes half of a longer number.
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"  # RFC 3986: a URL ends at the first CJK character
_NO_TRAILING = r"(?<![.,;:!?)\]'])"  # a full stop or bracket after a URL belongs to the sentence
_TLDS = r"(?:cn|com|net|org|gov|edu|int|info|hk|mo|tw|jp|kr|de|fr|es|ru|uk|eu|io)"
# english.beijing.gov.cn without a scheme: only under the domains the portal's texts link to, or "e.g" would be one.
_BARE_DOMAIN = rf"(?<![A-Za-z0-9_.@-])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.{_TLDS}(?![A-Za-z0-9_-])"
# Not inside a Latin word or a longer number ("A380", "5G", "v1.2" stay text); Chinese may touch a number ("3个").
_DIGIT_EDGE_BEFORE = r"(?<![A-Za-z\d_.,])"
_DIGIT_EDGE_AFTER = r"(?![A-Za-z\d_])"
_PATTERNS: tuple[tuple[str, str], ...] = (
    # Text that would read as a token must itself be masked, or unmask would mistake it for one.
    ("token", TOKEN.pattern),
    ("placeholder", PLACEHOLDER.pattern),
    ("email", r"(?:mailto:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
    ("url", rf"(?:(?:https?|ftp)://|www\.){_URL_CHARS}+{_NO_TRAILING}|{_BARE_DOMAIN}(?:/{_URL_CHARS}*{_NO_TRAILING})?"),
    ("term", ""),  # filled per call from the glossary
    # Chinese formats: +86 10 8402 0101, +86-10-84020101, (010) 8402 0101, 010-12345678, 010-8402-0101,
    # 400-123-4567, mobiles 13812345678. Short hotlines (12345, 110) are numbers, which mask the same way.
    ("phone", rf"{_DIGIT_EDGE_BEFORE}(?:"
              r"\+\d{1,3}(?:[ \-]?\(?\d{1,4}\)?){1,5}"
              r"|\(0\d{2,3}\)[ \-]?\d{3,4}[ \-]?\d{4}"
              r"|0\d{2,3}-\d{3,4}-?\d{4}"
              r"|[48]00-?\d{3}-?\d{4}"
              r"|1[3-9]\d{9}"
              rf"){_DIGIT_EDGE_AFTER}"),
    ("date", rf"{_DIGIT_EDGE_BEFORE}\d{{4}}(?P<separator>[\-/.])\d{{1,2}}(?P=separator)\d{{1,2}}{_DIGIT_EDGE_AFTER}"),
    ("time", rf"{_DIGIT_EDGE_BEFORE}\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?{_DIGIT_EDGE_AFTER}"),
    # Amounts: an optional currency sign, thousands separators, decimals, a percent or per-mille sign.
    ("number", rf"[¥￥$€£]?{_DIGIT_EDGE_BEFORE}(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:[.．]\d+)?[%％‰]?"
               r"(?![A-Za-z\d_%％‰])"),
)


@dataclass(frozen=True, slots=True)
class Piece:
    """What one token hides: its `kind` (url, phone, term...), the `source` text masked, and the text the
    translation gets back (`target`: the source itself, or a glossary term's required translation)."""

    kind: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Masked:
    """A masked sentence: `text` as sent to the engine, and what each of its tokens (`<x1/>`) stands for."""

    text: str
    table: Mapping[str, Piece] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Unmasked:
    """A translation with its tokens restored. `damaged` when tokens were `missing` from it, `duplicated` in it,
    or `unknown` (tokens the source never had, kept as the engine wrote them); each lists the source texts or
    tokens concerned. A damaged translation is still the best draft there is: keep it, flagged."""

    text: str
    missing: tuple[str, ...] = ()
    duplicated: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def damaged(self) -> bool:
        return bool(self.missing or self.duplicated or self.unknown)

    @property
    def problem(self) -> str:
        """What is wrong in a line (empty when nothing is), for the cell's flag."""
        parts = [f"{what}: {', '.join(map(repr, items))}" for what, items in
                 (("lost", self.missing), ("repeated", self.duplicated), ("unknown tokens", self.unknown)) if items]
        return "; ".join(parts)


def mask(text: str, terms: Mapping[str, str] | None = None, *,
         spans: Sequence[tuple[int, int, str]] | None = None) -> Masked:
    """`text` with what engines must not change replaced by tokens. `terms` (source term -> required target
    term, from the glossary) are masked too and come back as their target term; the longest term wins.

    `spans` ((start, end, target term): where the glossary found its terms, `Glossary.mt_spans`) mask the terms
    exactly there instead of searching for `terms`: the glossary knows its words' edges in every script and case
    ("виза" is not in "визами"). A span across a link, an e-mail address or a token is left out."""
    if spans:
        return _mask_spans(text, spans)
    pattern = _pattern(tuple(sorted(filter(None, terms or {}), key=lambda t: (-len(t), t))))
    table: dict[str, Piece] = {}
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        kind = str(match.lastgroup)  # the outermost named group: every alternative is one
        found = match.group()
        tok = token(len(table) + 1)
        table[tok] = Piece(kind, found, terms[found] if kind == "term" and terms else found)
        out += [text[pos:match.start()], tok]
        pos = match.end()
    out.append(text[pos:])
    return Masked("".join(out), MappingProxyType(table))


_BEFORE_TERMS = frozenset(kind for kind, _ in _PATTERNS[:[k for k, _ in _PATTERNS].index("term")])
"""The kinds that win over a glossary term where both could be masked (a term inside a link stays in it)."""


def _mask_spans(text: str, spans: Sequence[tuple[int, int, str]]) -> Masked:
    pattern = _pattern(())
    taken = [(m.start(), m.end()) for m in pattern.finditer(text) if m.lastgroup in _BEFORE_TERMS]
    kept: list[tuple[int, int, str]] = []
    for start, end, target in sorted(spans):
        if (0 <= start < end <= len(text) and (not kept or start >= kept[-1][1])
                and not any(a < end and start < b for a, b in taken)):
            kept.append((start, end, target))
    table: dict[str, Piece] = {}
    out: list[str] = []

    def add(piece: Piece) -> None:
        tok = token(len(table) + 1)
        table[tok] = piece
        out.append(tok)

    pos = 0
    for start, end, target in [*kept, (len(text), len(text), "")]:
        # Between two terms, everything else as usual; the scan stops at the term (endpos), as if the text did.
        for match in pattern.finditer(text, pos, start):
            out.append(text[pos:match.start()])
            add(Piece(str(match.lastgroup), match.group(), match.group()))
            pos = match.end()
        out.append(text[pos:start])
        if end > start:
            add(Piece("term", text[start:end], target))
        pos = end
    return Masked("".join(out), MappingProxyType(table))


def unmask(masked: Masked, translated: str) -> Unmasked:
    """`translated` with each token of `masked` replaced by what it stands for. Tokens bent by the engine
    (spaces, case, full width) are read; a token used twice is restored twice but reported, as are tokens lost
    and tokens `masked` never had."""
    seen: Counter[str] = Counter()
    unknown: list[str] = []

    def restore(match: re.Match[str]) -> str:
        tok = token(int(match.group(1)))
        piece = masked.table.get(tok)
        if piece is None:
            unknown.append(match.group())
            return match.group()
        seen[tok] += 1
        return piece.target

    text = TOKEN.sub(restore, translated)
    return Unmasked(
        text,
        missing=tuple(p.source for t, p in masked.table.items() if not seen[t]),
        duplicated=tuple(masked.table[t].source for t, n in seen.items() if n > 1),
        unknown=tuple(unknown),
    )


def tokens(text: str) -> list[str]:
    """The tokens in a masked text or an engine's answer, in order, each in the form `mask` writes: compare
    `Counter(tokens(answer)) == Counter(tokens(masked.text))` to check an answer."""
    return [token(int(m.group(1))) for m in TOKEN.finditer(text)]


_WORDLIKE = re.compile(r"[A-Za-z0-9]")


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of every kind, the glossary's terms (longest first) in the `term` slot."""
    alternatives = [(kind, "|".join(map(_term, terms)) if kind == "term" else body) for kind, body in _PATTERNS]
    return re.compile("|".join(f"(?P<{kind}>{body})" for kind, body in alternatives if body))


def _term(term: str) -> str:
    """A glossary term as a pattern: a term that starts or ends with a Latin letter or a digit matches whole
    words only ("visa" not in "visas"); a Chinese term matches anywhere, Chinese having no spaces."""
    before = r"(?<![A-Za-z0-9])" if _WORDLIKE.match(term[0]) else ""
    after = r"(?![A-Za-z0-9])" if _WORDLIKE.match(term[-1]) else ""
    return before + re.escape(term) + after
