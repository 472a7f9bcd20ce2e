"""Sentence segmentation for the portal's locales, driven by rules in `resources/segmentation/<locale>.toml`.

One pass over the places where a sentence could end (a run of terminators and the closing quotes after it),
then the exceptions that keep the sentence going: decimals, list numbers, abbreviations, ordinals, URLs and
e-mail addresses, a lower-case next word. A blank line always ends a sentence. Offsets are Python string
indices (code points), so characters outside the Basic Multilingual Plane count as one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from studio.resources import RESOURCES

RULES_DIR = RESOURCES / "segmentation"
DEFAULT_RULES = "default"

_KEYS = frozenset({"terminators", "spaceless", "closers", "spaced_closers", "abbreviations", "may_end",
                   "ordinal_periods", "sentence_starters", "quote_continuations"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# URL characters are printable ASCII only, so a URL written into Chinese text stops at the first Chinese
# character; trailing punctuation is the sentence's, not the URL's.
_URL = re.compile(r"(?<![A-Za-z0-9.@])(?:(?:https?|ftp)://|www\.)[!-~]+")
_URL_TAIL = ".,;:!?'\")]}>"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_WORD = re.compile(r"\w+")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}")
_ELLIPSIS = frozenset(".…")

_Mark = Literal["never", "may"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: `text[start:end] == sentence.text`, without surrounding whitespace."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Rules:
    spaceless: bool
    ordinal_periods: bool
    sentence_starters: frozenset[str]
    quote_continuations: tuple[str, ...]
    candidate: re.Pattern[str]
    never_end: re.Pattern[str] | None
    may_end: re.Pattern[str] | None


def split_sentences(text: str, locale: str) -> list[Sentence]:
    """The sentences of `text` by the rules of `locale` (a locale without rules gets the default ones).

    Whitespace between sentences belongs to none of them; an empty or blank text has no sentences.
    """
    rules = _rules(locale)
    sentences: list[Sentence] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        cut = start
        for end in _sentence_ends(text[start:stop], rules):
            _add(sentences, text, cut, start + end)
            cut = start + end
        _add(sentences, text, cut, stop)
        if brk:
            start = brk.end()
    return sentences


def join_sentences(sentences: Sequence[str], locale: str) -> str:
    """Sentences as one text: separated by a space, or by nothing in Chinese and Japanese.

    Each sentence is stripped, and blank ones are left out, so an untranslated gap leaves no double space.
    """
    separator = "" if _rules(locale).spaceless else " "
    return separator.join(s.strip() for s in sentences if s.strip())


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    body = piece.strip()
    if body:
        first = start + len(piece) - len(piece.lstrip())
        out.append(Sentence(first, first + len(body), body))


def _sentence_ends(text: str, rules: _Rules) -> Iterator[int]:
    """Where sentences end in one paragraph: offsets just after the terminator and its closers."""
    protected = [m.span() for m in _EMAIL.finditer(text)]
    for m in _URL.finditer(text):
        url = m.group().rstrip(_URL_TAIL)
        protected.append((m.start(), m.start() + len(url)))
    marks = _abbreviation_marks(text, rules)
    start = 0
    for m in rules.candidate.finditer(text):
        pos = m.start()
        if any(a <= pos < b for a, b in protected):
            continue
        end = _closers_end(text, start, m)
        if _ends_sentence(text, start, pos, m["run"], end, marks, rules):
            yield end
            start = end


def _closers_end(text: str, start: int, m: re.Match[str]) -> int:
    """The end of the terminator and its closers. An ASCII '"' closes only if the sentence has an odd
    number of them so far; otherwise it opens the next sentence ('他走了。"你好"' keeps it for the next)."""
    end = m.end("run")
    quotes = text.count('"', start, end) if '"' in m["close"] else 0
    for ch in m["close"]:
        if ch == '"':
            if quotes % 2 == 0:
                break
            quotes += 1
        end += 1
    return end


def _ends_sentence(text: str, start: int, pos: int, run: str, end: int, marks: dict[int, _Mark],
                   rules: _Rules) -> bool:
    before = text[pos - 1] if pos else ""
    after = text[end] if end < len(text) else ""
    if run in (".", "．") and before.isdigit() and after.isdigit():
        return False  # a decimal: 3.5, 1.500,00, ３．５
    if _LIST_NUMBER.fullmatch(text, start, pos):
        return False  # a list number: "1. Fill in the form", "２．提交材料"
    if end > pos + len(run) and text.startswith(rules.quote_continuations, end):
        return False  # 「…。」と言いました: the quotation goes on into its sentence
    ellipsis = set(run) <= _ELLIPSIS and run != "."
    if rules.spaceless and not ellipsis:
        if not run.isascii():
            return True  # 。！？ end a Chinese or Japanese sentence whatever follows
        if after and after.isascii() and not after.isspace():
            return False  # "Yahoo!Mail", "?id=3": ASCII text goes on
    elif after and not after.isspace():
        return False  # "example.gov.cn", "Wait...what": no space, no end
    nxt = end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt == len(text):
        return True
    # The case of the next word decides, past any opening quote or bracket ("¿Dónde", "(see below)").
    word = nxt
    while word < len(text) and unicodedata.category(text[word]).startswith("P"):
        word += 1
    first = text[word] if word < len(text) else ""
    mark = marks.get(pos)
    if mark == "never":
        return False
    if mark == "may":
        return first.isupper()
    if first.islower():
        return False
    if rules.ordinal_periods and run == "." and before.isdigit() and "\n" not in text[end:nxt]:
        # "am 3. Oktober" is an ordinal; "Zimmer 12. Bitte warten Sie." ends a sentence.
        match = _WORD.match(text, word)
        return match is None or match.group() in rules.sentence_starters
    return True


def _abbreviation_marks(text: str, rules: _Rules) -> dict[int, _Mark]:
    """For each full stop inside an abbreviation: whether it never ends a sentence or only may."""
    marks: dict[int, _Mark] = {}
    # may_end second: "и т. д." (may end) overrides the "т. д." (never) inside it.
    passes: tuple[tuple[re.Pattern[str] | None, _Mark], ...] = ((rules.never_end, "never"),
                                                                (rules.may_end, "may"))
    for pattern, kind in passes:
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            dots = [i for i in range(m.start(), m.end()) if text[i] == "."]
            for i in dots:
                marks[i] = "never"
            marks[dots[-1]] = kind
    return marks


@lru_cache(maxsize=32)  # bounded: callers may pass any locale string
def _rules(locale: str) -> _Rules:
    path = RULES_DIR / f"{_rules_name(locale)}.toml"
    with path.open("rb") as f:
        data = tomllib.load(f)
    unknown = set(data) - _KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return _Rules(
        spaceless=bool(data.get("spaceless", False)),
        ordinal_periods=bool(data.get("ordinal_periods", False)),
        sentence_starters=frozenset(data.get("sentence_starters", [])),
        quote_continuations=tuple(data.get("quote_continuations", [])),
        candidate=_candidate_pattern(data["terminators"], data.get("closers", ""),
                                     data.get("spaced_closers", "")),
        never_end=_abbreviation_pattern(data.get("abbreviations", [])),
        may_end=_abbreviation_pattern(data.get("may_end", [])),
    )


def _rules_name(locale: str) -> str:
    """The rules file for `locale`: its own, else one of the same language ("en-GB" -> en,
    "zh-Hant" -> zh-Hans), else the default."""
    names = sorted(p.stem for p in RULES_DIR.glob("*.toml"))
    if locale in names:
        return locale
    language = locale.replace("_", "-").split("-")[0].lower()
    same = [n for n in names if n.split("-")[0].lower() == language and n != DEFAULT_RULES]
    return same[0] if same else DEFAULT_RULES


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def _candidate_pattern(terminators: str, closers: str, spaced_closers: str) -> re.Pattern[str]:
    alternatives = []
    if closers:
        alternatives.append(_char_class(closers))
    if spaced_closers:
        alternatives.append(r"[^\S\n]+" + _char_class(spaced_closers))
    close = f"(?:{'|'.join(alternatives)})*" if alternatives else ""
    return re.compile(f"(?P<run>{_char_class(terminators)}+)(?P<close>{close})")


def _abbreviation_pattern(entries: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all entries, longest first. "Mme" stands for "Mme." (only a full stop can end a
    sentence); "z. B." also matches "z.B." and a no-break space for the space."""
    if not entries:
        return None
    dotted = sorted({e if e.endswith(".") else e + "." for e in entries}, key=len, reverse=True)
    alternatives = ("".join(r"[^\S\n]?" if ch == " " else re.escape(ch) for ch in e) for e in dotted)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
