"""Sentence segmentation for the portal's locales, driven by rules in `resources/segmentation/<locale>.toml`.

One pass over the places where a sentence could end (a run of terminators and the closing quotes after it),
then the exceptions that keep the sentence going: decimals, list numbers, abbreviations, ordinals, initials,
URLs and e-mail addresses, elisions ("[...]"), a stop inside a title or quotation that closes later in the
paragraph, a lower-case next word. Items of a list written inline ("1. ... 2. ...") are cut before their
numbers. A blank line always ends a sentence. No sentence is nothing but punctuation: such a piece joins the
sentence before it (the one after it at the start of a paragraph). Offsets are Python string indices (code
points), so characters outside the Basic Multilingual Plane count as one.
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
                   "ordinal_periods", "sentence_starters", "quote_continuations", "enclosures", "elisions",
                   "initials", "list_bullets", "list_letters", "starter_end"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# URL characters are printable ASCII only, so a URL written into Chinese text stops at the first Chinese
# character; trailing punctuation is the sentence's, not the URL's.
_URL = re.compile(r"(?<![A-Za-z0-9.@])(?:(?:https?|ftp)://|www\.)[!-~]+")
_URL_TAIL = ".,;:!?'\")]}>"
# Possessive and starting only where a run of address characters starts: a run of n dots is not tried n
# times over (quadratic time on a hostile text).
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_WORD = re.compile(r"\w+")
_ABBREVIATION_CHARS = {" ": r"[^\S\n]?", "#": r"\d+"}
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \u00a0]\.){2,}[^\S\n]")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}")
_ELLIPSIS = ".…\u00a0 "  # a run of only these is an ellipsis: "...", "…", ". . ."

_Mark = Literal["never", "may", "before_starter"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: `text[start:end] == sentence.text`, without surrounding whitespace."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Rules:
    terminators: str
    spaceless: bool
    ordinal_periods: bool
    sentence_starters: frozenset[str]
    quote_continuations: tuple[str, ...]
    candidate: re.Pattern[str]
    never_end: re.Pattern[str] | None
    may_end: re.Pattern[str] | None
    starter_end: re.Pattern[str] | None
    initials: bool
    enclosure: re.Pattern[str] | None  # any opening or closing mark of `openers`
    openers: dict[str, str]  # closing mark -> its opening mark
    elision: re.Pattern[str] | None
    list_marker: re.Pattern[str]
    list_letters: str
    list_openers: str  # what may come right before the first item of an inline list
    list_stop: re.Pattern[str]  # a sentence end inside a list item: the list is not written inline


def split_sentences(text: str, locale: str) -> list[Sentence]:
    """The sentences of `text` by the rules of `locale` (a locale without rules gets the default ones).

    Whitespace between sentences belongs to none of them; an empty or blank text has no sentences.
    """
    rules = _rules(locale)
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        pieces: list[tuple[int, int]] = []
        cut = start
        for end in _sentence_ends(text[start:stop], rules):
            _add(pieces, text, cut, start + end)
            cut = start + end
        _add(pieces, text, cut, stop)
        spans.extend(_merge_marks(text, pieces))
        if brk:
            start = brk.end()
    return [Sentence(a, b, text[a:b]) for a, b in spans]


def join_sentences(sentences: Sequence[str], locale: str) -> str:
    """Sentences as one text: separated by a space, or by nothing in Chinese and Japanese.

    Each sentence is stripped, and blank ones are left out, so an untranslated gap leaves no double space.
    """
    separator = "" if _rules(locale).spaceless else " "
    return separator.join(s.strip() for s in sentences if s.strip())


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _merge_marks(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of one paragraph, a piece of nothing but punctuation joined to the sentence before it (to
    the one after it at the start of the paragraph): a translator gets no segment of a lone "." or "。",
    whatever cut it off. A paragraph of nothing but punctuation stays one segment."""
    out: list[tuple[int, int]] = []
    leading = -1  # the start of marks that open the paragraph, waiting for a sentence
    for start, end in pieces:
        if _only_marks(text, start, end):
            if out:
                out[-1] = (out[-1][0], end)
            elif leading < 0:
                leading = start
            continue
        out.append((leading if leading >= 0 and not out else start, end))
        leading = -1
    if leading >= 0:
        out.append((leading, pieces[-1][1]))
    return out


def _only_marks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is only punctuation and spaces. A sentence starts with a word as a rule, so
    this usually looks at one character."""
    for i in range(start, end):
        ch = text[i]
        if not ch.isspace() and not unicodedata.category(ch).startswith("P"):
            return False
    return True


def _sentence_ends(text: str, rules: _Rules) -> Iterator[int]:
    """Where sentences end in one paragraph: offsets just after the terminator and its closers, and just
    before the items of a list written inline."""
    # Most paragraphs have no address, elision or abbreviation: a quick look spares their patterns.
    protected = [m.span() for m in _EMAIL.finditer(text)] if "@" in text else []
    if "www." in text or "://" in text:
        for m in _URL.finditer(text):
            url = m.group().rstrip(_URL_TAIL)
            protected.append((m.start(), m.start() + len(url)))
    if rules.elision is not None and ("..." in text or "…" in text):
        protected.extend(m.span() for m in rules.elision.finditer(text))
    marks = _abbreviation_marks(text, rules) if "." in text else {}
    cuts = _list_item_starts(text, rules, marks)
    cuts.reverse()  # popped from the end, nearest first
    # Spans are swept once, in order of their start, keeping the furthest end seen: linear, however many.
    protected.sort()
    covered, next_protected = -1, 0
    enclosed = _enclosed_spans(text, rules)
    reach, next_enclosed = -1, 0
    quotes = _QuoteCount(text)
    last_word = len(text) - 1
    while last_word >= 0 and not text[last_word].isalnum():
        last_word -= 1
    start = 0
    for m in rules.candidate.finditer(text):
        pos = m.start()
        while cuts and cuts[-1] <= pos:
            cut = cuts.pop()
            if cut > start:
                yield cut
                start = cut
        while next_protected < len(protected) and protected[next_protected][0] <= pos:
            covered = max(covered, protected[next_protected][1])
            next_protected += 1
        if covered > pos:
            continue  # inside a URL, an e-mail address or an elision
        end = _closers_end(text, start, m, quotes)
        while next_enclosed < len(enclosed) and enclosed[next_enclosed][0] < pos:
            reach = max(reach, enclosed[next_enclosed][1])
            next_enclosed += 1
        if reach >= end:
            continue  # "《摔跤吧！爸爸》": the stop is inside a title or quotation that closes later
        if _ends_sentence(text, start, pos, m["run"], end, marks, rules, last_word):
            yield end
            start = end
    for cut in reversed(cuts):
        if cut > start:
            yield cut
            start = cut


def _enclosed_spans(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the marks that pair up in this paragraph, by opening offset. A mark
    left open is no span, so a missing closing mark cannot swallow the rest of the paragraph. Each kind of
    mark pairs on its own stack: linear time, whatever the nesting."""
    if rules.enclosure is None:
        return []
    spans: list[tuple[int, int]] = []
    open_at: dict[str, list[int]] = {}
    for m in rules.enclosure.finditer(text):
        mark = m.group()
        opener = rules.openers.get(mark)
        if opener is None:
            open_at.setdefault(mark, []).append(m.start())
        elif open_at.get(opener):
            spans.append((open_at[opener].pop(), m.start()))
    spans.sort()
    return spans


def _list_item_starts(text: str, rules: _Rules, marks: dict[int, _Mark]) -> list[int]:
    """Where the items of lists written inline start ("Steps: 1. Bring ... 2. Fill ..."), in order; the full
    stop of each item's number is marked as never ending a sentence.

    An inline list is two or more markers numbered in sequence (9, 10; a, b), the first at the start of the
    paragraph or after a colon or a sentence end, and no sentence ending inside an item: "vom 1. Januar bis
    2. Februar" and "1. Januar ist Neujahr. Am 2. Januar" stay as they are."""
    starts: list[int] = []
    chain: list[re.Match[str]] = []

    def take() -> None:
        if len(chain) < 2:
            return
        for item in chain:
            starts.append(item.start())
            for i in range(item.start("label"), item.end()):
                if text[i] == ".":
                    marks[i] = "never"

    for m in rules.list_marker.finditer(text):
        if chain and _numbered_next(chain[-1]["label"], m["label"], rules.list_letters) \
                and not rules.list_stop.search(text, chain[-1].end(), m.start()):
            chain.append(m)
            continue
        take()
        chain = [m] if _may_open_list(text, m.start(), rules) else []
    take()
    return starts


def _numbered_next(previous: str, label: str, letters: str) -> bool:
    if previous.isdigit() and label.isdigit():
        return int(label) == int(previous) + 1
    return previous in letters and label in letters and letters.find(label) == letters.find(previous) + 1


def _may_open_list(text: str, pos: int, rules: _Rules) -> bool:
    """A list starts a paragraph, or follows a colon or a terminator (past its closers)."""
    i = pos
    while i and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in rules.list_openers


class _QuoteCount:
    """The number of ASCII '"' from a sentence's start, counted on from where the last count stopped, so
    a long sentence with many stops is not counted again for each (quadratic time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = self.upto = self.count = 0

    def between(self, start: int, end: int) -> int:
        if start != self.start or end < self.upto:
            self.start = self.upto = start
            self.count = 0
        self.count += self.text.count('"', self.upto, end)
        self.upto = end
        return self.count


def _closers_end(text: str, start: int, m: re.Match[str], counter: _QuoteCount) -> int:
    """The end of the terminator and its closers. An ASCII '"' closes only if the sentence has an odd
    number of them so far; otherwise it opens the next sentence ('他走了。"你好"' keeps it for the next)."""
    end = m.end("run")
    quotes = counter.between(start, end) if '"' in m["close"] else 0
    for ch in m["close"]:
        if ch == '"':
            if quotes % 2 == 0:
                break
            quotes += 1
        end += 1
    return end


def _ends_sentence(text: str, start: int, pos: int, run: str, end: int, marks: dict[int, _Mark],
                   rules: _Rules, last_word: int) -> bool:
    before = text[pos - 1] if pos else ""
    after = text[end] if end < len(text) else ""
    if run in (".", "．") and before.isdigit() and after.isdigit():
        return False  # a decimal: 3.5, 1.500,00, ３．５
    if _LIST_NUMBER.fullmatch(text, start, pos):
        return False  # a list number: "1. Fill in the form", "２．提交材料"
    if end > pos + len(run) and text.startswith(rules.quote_continuations, end):
        return False  # 「…。」と言いました: the quotation goes on into its sentence
    if end > pos + len(run) and after and after in rules.terminators:
        return False  # “欢迎！”。: the terminator after the closing marks ends the sentence, if any does
    ellipsis = run != "." and not run.strip(_ELLIPSIS)
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
    if nxt > last_word:
        return False  # no word follows, only marks ("se consuela. / [...] ".") : no sentence of its own
    if run.count(".") == 3 and (" " in run or "\u00a0" in run):
        # Typesetters write ". . ." for words left out inside a sentence; a fourth dot is a full stop
        # ("a period . . . . Next"), or the full stop comes first ("compounds. . . . The practice").
        return False
    # The case of the next word decides, past any opening quote or bracket ("¿Dónde", "(see below)") and
    # a spaced ellipsis opening the next sentence.
    ellipsis_next = _SPACED_ELLIPSIS.match(text, nxt)
    word = ellipsis_next.end() if ellipsis_next else nxt
    while word < len(text) and unicodedata.category(text[word]).startswith("P"):
        word += 1
    first = text[word] if word < len(text) else ""
    mark = marks.get(pos)
    if mark == "never":
        return False
    if mark == "may":
        return first.isupper()
    if mark == "before_starter":
        match = _WORD.match(text, word)
        return match is not None and match.group() in rules.sentence_starters
    if first.islower():
        return False
    if rules.initials and run == "." and before.isupper() and _starts_word(text, pos - 1):
        # "Jonas E. Smith", "А. С. Пушкин": a lone capital is an initial, unless a word that starts
        # sentences follows ("in Hall B. The office opens at nine").
        match = _WORD.match(text, word)
        if match is None or (len(match.group()) == 1 and text.startswith(".", match.end())):
            return False  # another initial: "А. С. Пушкин", where "С" is also a preposition
        return match.group() in rules.sentence_starters
    if rules.ordinal_periods and run == "." and before.isdigit() and "\n" not in text[end:nxt]:
        # "am 3. Oktober" is an ordinal; "Zimmer 12. Bitte warten Sie." ends a sentence.
        match = _WORD.match(text, word)
        return match is None or match.group() in rules.sentence_starters
    return True


def _starts_word(text: str, pos: int) -> bool:
    """Whether text[pos] starts a word: after a space, an opening mark or a full stop ("U.S."), not after
    a letter, a digit or a sign ("120.5°C.")."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    return ch.isspace() or ch == "." or unicodedata.category(ch) in ("Ps", "Pi", "Pd")


def _abbreviation_marks(text: str, rules: _Rules) -> dict[int, _Mark]:
    """For each full stop inside an abbreviation: whether it never ends a sentence, may, or may only before
    a word that starts sentences."""
    marks: dict[int, _Mark] = {}
    # never_end first: "и т. д." (may end) overrides the "т. д." (never) inside it.
    passes: tuple[tuple[re.Pattern[str] | None, _Mark], ...] = (
        (rules.never_end, "never"), (rules.may_end, "may"), (rules.starter_end, "before_starter"))
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
    terminators = data["terminators"]
    closers = data.get("closers", "")
    pairs = data.get("enclosures", [])
    if any(len(pair) != 2 or pair[0] == pair[1] for pair in pairs):
        raise ValueError(f"{path}: each enclosure is an opening and a different closing mark")
    letters = data.get("list_letters", "")
    return _Rules(
        terminators=terminators,
        spaceless=bool(data.get("spaceless", False)),
        ordinal_periods=bool(data.get("ordinal_periods", False)),
        sentence_starters=frozenset(data.get("sentence_starters", [])),
        quote_continuations=tuple(data.get("quote_continuations", [])),
        candidate=_candidate_pattern(terminators, closers, data.get("spaced_closers", "")),
        never_end=_abbreviation_pattern(data.get("abbreviations", [])),
        may_end=_abbreviation_pattern(data.get("may_end", [])),
        starter_end=_abbreviation_pattern(data.get("starter_end", [])),
        initials=bool(data.get("initials", False)),
        enclosure=re.compile(_char_class("".join(pairs))) if pairs else None,
        openers={pair[1]: pair[0] for pair in pairs},
        elision=re.compile("|".join(map(re.escape, data["elisions"]))) if data.get("elisions") else None,
        list_marker=_list_marker_pattern(data.get("list_bullets", ""), letters, terminators),
        list_letters=letters,
        list_openers=terminators + closers + ":：",
        # Starting only where a run of terminators starts, and possessive: linear on a run of dots.
        list_stop=re.compile(f"(?<!{_char_class(terminators)}){_char_class(terminators)}++"
                             f"{_char_class(closers) + '*+' if closers else ''}\\s+\\S"),
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
    # ". . ." and ". . . ." are one ellipsis, not three sentences of one dot, also when the first dot is
    # written against its word: "said. . . and left" goes on, "compounds. . . . The" ends after the fourth.
    spaced = r"\.(?:[ \u00a0]\.){2,}|" if "." in terminators else ""
    return re.compile(f"(?P<run>{spaced}{_char_class(terminators)}+)(?P<close>{close})")


def _list_marker_pattern(bullets: str, letters: str, terminators: str) -> re.Pattern[str]:
    """An item number of an inline list: "1.", "2)", "3.)", "a.", "• 9.", after a space, a colon or a stop
    other than the full stop ("材料：1. 护照", but not "1.2."), and followed by a space and a word (not by
    a number: "1. 2. 2024" is a date)."""
    before = _char_class(":：" + "".join(c for c in terminators if c not in ".．"))[1:-1]
    bullet = f"(?:{_char_class(bullets)}[^\\S\\n]*)?" if bullets else ""
    label = f"\\d{{1,3}}|{_char_class(letters)}" if letters else r"\d{1,3}"
    return re.compile(f"(?<![^\\s{before}]){bullet}(?P<label>{label})(?:\\.\\)?|\\))"
                      f"(?=[^\\S\\n]+[^\\d\\s])")


def _abbreviation_pattern(entries: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all entries, longest first. "Mme" stands for "Mme." (only a full stop can end a
    sentence); "z. B." also matches "z.B." and a no-break space for the space; "#" stands for a number
    ("# г." is "2025 г.", a year, which may end a sentence, where "г. Пекин", a city, may not)."""
    if not entries:
        return None
    dotted = sorted({e if e.endswith(".") else e + "." for e in entries}, key=len, reverse=True)
    alternatives = ("".join(_ABBREVIATION_CHARS.get(ch) or re.escape(ch) for ch in e) for e in dotted)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
