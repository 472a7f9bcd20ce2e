"""The glossary as plain, immutable values with fast matching, for the checks, the editor and machine translation.

The glossary is concept-oriented, like TBX: an *entry* is one concept, holding *terms* in any of the nine locales,
each with a status (`TermStatus`):

| status | meaning | TBX `administrativeStatus` |
| --- | --- | --- |
| `preferred` | the approved term: required in a translation, first choice | `preferredTerm-admn-sts` |
| `admitted` | also approved: a required term is present when this is | `admittedTerm-admn-sts` |
| `forbidden` | must not be used (French "Pékin" for 北京): a check error | `deprecatedTerm-admn-sts` |
| `discouraged` | wordy or outdated: a readability warning ("utilize": use "use") | `supersededTerm-admn-sts` |

Discouraged wording is an entry with terms in one locale only: the plain word (preferred) and the wordy ones
(discouraged). A source term is any preferred or admitted term of the source locale found in a source text,
in an entry that also has terms in another locale.

Matching is done by one compiled pattern per locale, built from a trie of the locale's terms (so the engine
tests one branch per character, not every term) and cached on the `Glossary`. Spaced scripts match whole words
with a short inflection tolerated at the end (Korean: a particle; Arabic also a one-letter prefix or the article);
Chinese and Japanese match anywhere. Case never matters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.locales import LOCALES
from studio.models.glossary import GlossaryEntry, GlossaryTerm


class TermStatus(StrEnum):
    """How a term may be used; the values are what the database stores."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"
    DISCOURAGED = "discouraged"

    @property
    def approved(self) -> bool:
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)


PARTS_OF_SPEECH = ("", "noun", "verb", "adjective", "adverb", "properNoun", "other")
"""The parts of speech a term may carry: TBX-Basic's picklist ("" = not said)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One term of an entry in one locale."""

    locale: str
    text: str
    status: TermStatus = TermStatus.PREFERRED
    part_of_speech: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One concept: its terms in any locales and a note on its use (definition, context)."""

    id: int
    terms: tuple[Term, ...]
    note: str = ""
    version: int = 1  # as stored: an edit passes it back, and is refused if someone saved meanwhile

    def in_locale(self, locale: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.locale == locale)

    def approved(self, locale: str) -> tuple[str, ...]:
        """The approved terms in `locale`, preferred first."""
        return tuple(t.text for t in sorted(self.in_locale(locale), key=lambda t: t.status != TermStatus.PREFERRED)
                     if t.status.approved)

    def with_status(self, locale: str, status: TermStatus) -> tuple[str, ...]:
        return tuple(t.text for t in self.terms if t.locale == locale and t.status == status)


@dataclass(frozen=True, slots=True)
class RequiredTerm:
    """A source term found in a source text: a translation into the locale asked must use one of `targets`
    (preferred first)."""

    source: str
    targets: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class ForbiddenUse:
    """A forbidden term `found` in a text (as written there), and the approved term to use `instead` ("" when the
    glossary has none)."""

    found: str
    instead: str


@dataclass(frozen=True, slots=True)
class DiscouragedUse:
    """A discouraged, wordy term `found` in a text, the plainer term to use `instead`, and why (`note`)."""

    found: str
    instead: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermHit:
    """Where a glossary term stands in a text: characters `start` to `end`, the term as the glossary spells it,
    and the entries it belongs to."""

    start: int
    end: int
    term: str
    entry_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    found: str  # the whole match, affixes included
    core: str  # the term's own letters as written in the text
    exact: bool  # no prefix or suffix around the term


Owners = tuple[tuple[Entry, Term], ...]
"""The entries a term belongs to, with the term as each spells it."""


@dataclass(frozen=True, slots=True)
class _Index:
    """One locale's terms: the pattern finding any of them, the pattern finding the forbidden and discouraged
    ones (with the approved terms that contain one, so that those win), and what each normalised text is."""

    pattern: re.Pattern[str] | None
    banned: re.Pattern[str] | None
    by_key: dict[str, Owners]
    approved: dict[int, tuple[str, ...]]  # entry id -> its approved terms in this locale, preferred first


_ARABIC_PREFIX = "(?:[وفبلك]|ال|وال|بال|فال|كال|لل)?"


_HYPHEN = re.compile(r"(?<=\w)[\-‐](?=\w)")


def normalise(text: str) -> str:
    """The key a term is looked up by: NFC, lower case, one kind of apostrophe, single spaces, and a hyphen
    between two words as a space ("Peking-Universität" and "Peking Universität" are one term, written either
    way)."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    return " ".join(_HYPHEN.sub(" ", text).split())


def _word_separator(piece: str) -> str:
    if piece.isspace():
        return r"[\s\-‐]+"
    if piece in ("'", "’"):
        return "['’]"
    return re.escape(piece)


def _trie_pattern(terms: Iterable[str]) -> str:
    """One regular expression matching any of `terms` (normalised), longest first at each position, written as a
    trie so that the engine follows one branch per character instead of trying every term."""
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [_word_separator(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a shorter term ends here: the longer continuation is tried first (greedy), then nothing
            body = f"(?:{body})?"
        return body

    return emit(root)


def _locale_pattern(locale: str, keys: Iterable[str]) -> re.Pattern[str] | None:
    """The pattern of a locale's terms, with the word edges and affixes that locale's script allows."""
    wanted = tuple(sorted(k for k in keys if k))
    return _compiled(locale, wanted) if wanted else None


@lru_cache(maxsize=64)
def _compiled(locale: str, keys: tuple[str, ...]) -> re.Pattern[str]:
    """Kept across `Glossary` values: after an edit, only the locales whose terms changed are compiled again
    (a pattern of thousands of terms takes Python's compiler a tenth of a second)."""
    trie = f"(?P<t>{_trie_pattern(keys)})"
    loc = LOCALES.get(locale)
    if loc is not None and loc.unspaced:
        body = trie
    elif locale == "ko":
        body = rf"(?<!\w){trie}"  # particles attach to the end: 베이징에서
    elif locale == "ar":
        body = rf"(?<!\w)(?P<p>{_ARABIC_PREFIX}){trie}(?P<s>\w{{0,2}})(?!\w)"
    else:
        body = rf"(?<!\w){trie}(?P<s>\w{{0,2}})(?!\w)"
    return re.compile(body, re.IGNORECASE)


_MIN_INFLECTED = 4
"""Terms shorter than this match only as whole words: "use" must not be found in "user"."""


class Glossary:
    """Every term of the workspace's glossary as plain values. Immutable; safe to share between threads (the
    per-locale patterns are built on first use under a lock and never change)."""

    __slots__ = ("_by_id", "_indexes", "_last_banned", "_lock", "_source_cache", "entries")

    def __init__(self, entries: Sequence[Entry] = ()) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._indexes: dict[str, _Index] = {}
        self._lock = threading.Lock()
        self._source_cache: dict[tuple[str, str], tuple[tuple[_Match, Owners], ...]] = {}
        # Replaced whole, never changed: a thread reading it sees one pair or the other, both consistent.
        self._last_banned: tuple[tuple[str, str], list[tuple[_Match, Owners]]] | None = None

    @classmethod
    def empty(cls) -> Glossary:
        return cls(())

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def entry(self, entry_id: int) -> Entry | None:
        return self._by_id.get(entry_id)

    def concept_of(self, term: str, locale: str) -> Entry | None:
        """The first entry where `term` is an approved term of `locale` (case and spacing aside), if any."""
        owners = self._index(locale).by_key.get(normalise(term), ())
        return next((entry for entry, t in owners if t.status.approved), None)

    def locales(self) -> tuple[str, ...]:
        """The locales that have at least one term, in the portal's order."""
        present = {t.locale for e in self.entries for t in e.terms}
        return tuple(code for code in LOCALES if code in present)

    def warm(self, locales: Iterable[str]) -> Glossary:
        """Build the matching of `locales` now, and return this glossary: on a worker, so that the window's
        thread never compiles (thousands of terms take Python's compiler a tenth of a second and more)."""
        for locale in locales:
            self._index(locale)
        return self

    # -- matching -------------------------------------------------------------------------------------------

    def _index(self, locale: str) -> _Index:
        index = self._indexes.get(locale)
        if index is None:
            with self._lock:
                index = self._indexes.get(locale)
                if index is None:
                    by_key: dict[str, list[tuple[Entry, Term]]] = {}
                    approved: dict[int, tuple[str, ...]] = {}
                    for entry in self.entries:
                        for term in entry.terms:
                            if term.locale == locale:
                                by_key.setdefault(normalise(term.text), []).append((entry, term))
                        approved[entry.id] = entry.approved(locale)
                    banned = {k for k, owners in by_key.items() if not any(t.status.approved for _, t in owners)}
                    # An approved term containing a banned one is matched too, so that it wins ("Peking-Universität"
                    # is no use of the forbidden "Peking").
                    inside = re.compile(_trie_pattern(banned)) if banned else None
                    shielding = {k for k in by_key if inside is not None and k not in banned and inside.search(k)}
                    index = _Index(_locale_pattern(locale, by_key), _locale_pattern(locale, banned | shielding),
                                   {k: tuple(v) for k, v in by_key.items()}, approved)
                    self._indexes[locale] = index
        return index

    def _matches(self, text: str, locale: str, *, banned: bool = False) -> list[tuple[_Match, Owners]]:
        index = self._index(locale)
        pattern = index.banned if banned else index.pattern
        if pattern is None or not text:
            return []
        found = []
        for m in pattern.finditer(text):
            core = m.group("t")
            key = normalise(core)
            owners = index.by_key.get(key)
            if owners is None:
                continue
            groups = m.groupdict()
            exact = not groups.get("s") and not groups.get("p")
            if not exact and len(key) < _MIN_INFLECTED:
                continue
            found.append((_Match(m.start(), m.end(), m.group(), core, exact), owners))
        return found

    def _source_matches(self, text: str, locale: str) -> tuple[tuple[_Match, Owners], ...]:
        """The approved terms in a source text, cached: the checks ask once per target locale of a segment."""
        key = (text, locale)
        hit = self._source_cache.get(key)
        if hit is None:
            # A one-language entry lists wordy terms and their plain words: no translation to look up.
            hit = tuple((m, tuple(o for o in owners if o[1].status.approved
                                  and any(t.locale != locale for t in o[0].terms)))
                        for m, owners in self._matches(text, locale))
            hit = tuple(h for h in hit if h[1])
            if len(self._source_cache) > 16_384:
                self._source_cache.clear()
            self._source_cache[key] = hit
        return hit

    def source_hits(self, source_text: str, source_locale: str) -> list[TermHit]:
        """Where the glossary's source terms stand in a source text (for highlighting), in order."""
        return [TermHit(m.start, m.end, owners[0][1].text, tuple(dict.fromkeys(e.id for e, _ in owners)))
                for m, owners in self._source_matches(source_text, source_locale)]

    def entries_in(self, source_text: str, source_locale: str) -> list[Entry]:
        """The entries whose source terms a text contains, in order of appearance, each once."""
        seen: dict[int, Entry] = {}
        for _, owners in self._source_matches(source_text, source_locale):
            for entry, _term in owners:
                seen.setdefault(entry.id, entry)
        return list(seen.values())

    def required_in(self, source_text: str, source_locale: str, locale: str) -> list[RequiredTerm]:
        """The source terms found in `source_text` that have approved translations in `locale`, in order of
        appearance, each concept once."""
        out: list[RequiredTerm] = []
        seen: set[int] = set()
        for _, owners in self._source_matches(source_text, source_locale):
            for entry, term in owners:
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                targets = self._index(locale).approved.get(entry.id, ())
                if targets:
                    out.append(RequiredTerm(term.text, targets, entry.note or term.note))
        return out

    def mt_terms(self, source_text: str, source_locale: str, locale: str) -> dict[str, str]:
        """Source term as written in the text -> the preferred translation in `locale` (what an engine that
        reads context is told; the masking itself takes `mt_spans`)."""
        out: dict[str, str] = {}
        for start, end, target in self.mt_spans(source_text, source_locale, locale):
            out.setdefault(source_text[start:end], target)
        return out

    def mt_spans(self, source_text: str, source_locale: str, locale: str) -> list[tuple[int, int, str]]:
        """Where source terms with a translation in `locale` stand (start, end) and that preferred translation,
        for masking before machine translation. Only terms found exactly (no inflection around them), since the
        mask replaces exactly what it found."""
        out: list[tuple[int, int, str]] = []
        for m, owners in self._source_matches(source_text, source_locale):
            if not m.exact:
                continue
            for entry, _term in owners:
                targets = self._index(locale).approved.get(entry.id, ())
                if targets:
                    out.append((m.start, m.end, targets[0]))
                    break
        return out

    def has_target(self, text: str, target: str, locale: str) -> bool:
        """Whether a translation uses `target` (one approved term): case-insensitive, anywhere in Chinese and
        Japanese; in English, French, German, Spanish and Russian word by word, each word in any inflected form
        (`_same_word`), words apart by spaces or hyphens; in Arabic and Korean with their prefixes and
        particles (`_lenient_pattern`)."""
        if not target or not text:
            return False
        if locale in _STEMMED and _PLAIN_WORDS.fullmatch(target):
            return _has_words(text, target, locale)
        return _lenient_pattern(normalise(target), locale).search(text) is not None

    def forbidden_in(self, text: str, locale: str) -> list[ForbiddenUse]:
        """Forbidden terms used in `text` (in `locale`), with the approved term to use instead. A term approved
        in any entry is never reported, and a longer approved term wins over a forbidden one inside it."""
        return [ForbiddenUse(m.found, instead)
                for m, _note, instead in self._banned(text, locale, TermStatus.FORBIDDEN)]

    def discouraged_in(self, text: str, locale: str) -> list[DiscouragedUse]:
        """Discouraged (wordy, bureaucratic) terms used in `text`, with the plainer term and the note."""
        return [DiscouragedUse(m.found, instead, note)
                for m, note, instead in self._banned(text, locale, TermStatus.DISCOURAGED)]

    def _banned(self, text: str, locale: str, status: TermStatus) -> list[tuple[_Match, str, str]]:
        # The checks ask for the forbidden and then the discouraged terms of the same text: one scan serves both.
        key = (text, locale)
        last = self._last_banned
        if last is not None and last[0] == key:
            found = last[1]
        else:
            found = self._matches(text, locale, banned=True)
            self._last_banned = (key, found)
        out = []
        approved = self._index(locale).approved
        for m, owners in found:
            if any(t.status.approved for _, t in owners):
                continue
            for entry, term in owners:
                if term.status == status:
                    instead = approved.get(entry.id, ())
                    out.append((m, term.note or entry.note, instead[0] if instead else ""))
                    break
        return out


_ENDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"": ("s", "es", "d", "ed", "ing"), "y": ("ies", "ied"), "e": ("ing",)},
    "fr": {"": ("s", "x", "e", "es")},
    "es": {"": ("s", "es"), "o": ("a", "os", "as"), "a": ("o", "os", "as")},
    "de": {"": ("s", "es", "e", "en", "n", "er", "ern", "se", "sen", "nen")},
}
"""Per locale, the endings a word of a term may take in a translation, after the whole word ("") or in place of
its last letter (visa, visas; city, cities; extranjero, extranjera): plurals, cases, agreement. Precise on
purpose: "visant" is no form of "visa", nor "visage". Russian changes its endings too much for a list: it is
compared by Snowball stem."""
_STEMMED = set(_ENDINGS) | {"ru"}
_PLAIN_WORDS = re.compile(r"\w+(?:[\s\-‐'’]+\w+)*")
_WORDS = re.compile(r"\w+")
_JOINERS = re.compile(r"[\s\-‐]*")  # between two words of a term in a text: "work permit", "work-permit"


_RU_ENDINGS = frozenset((
    "", "а", "я", "о", "е", "ё", "ы", "и", "у", "ю", "ь", "й", "ой", "ей", "ою", "ею", "ам", "ям", "ами", "ями",
    "ах", "ях", "ом", "ем", "ов", "ев", "ью", "ья", "ье", "ьи", "ьям", "ьями", "ьях", "ии", "ия", "ие", "ий", "ию",
    "ием", "иям", "иями", "иях", "ый", "ое", "ая", "ые", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ых",
    "их", "ыми", "ими", "яя", "ее",
))
"""The endings of Russian nouns and adjectives in every case and number, after the stem."""


@lru_cache(maxsize=1)
def _russian() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_russian().stemWord(word))


def _same_word(found: str, wanted: str, locale: str) -> bool:
    """Whether `found` is a form of `wanted` (both case-folded): in Russian `wanted`'s Snowball stem and a case
    ending, or the adjective of a name (виза: визы, визу, по визе, без виз; Пекин: Пекинским; not Пекарня, not
    визит); elsewhere by `_ENDINGS`."""
    if found == wanted:
        return True
    if locale == "ru":
        stem = _stem(wanted)
        rest = found[len(stem):]
        return found.startswith(stem) and (rest in _RU_ENDINGS or (  # Пекин: Пекинский, Пекинским
            len(stem) >= 5 and rest[:2] in ("ск", "цк") and rest[2:] in _RU_ENDINGS))
    for last, endings in _ENDINGS[locale].items():
        if wanted.endswith(last):
            stem = wanted[:len(wanted) - len(last)]
            if found.startswith(stem) and found[len(stem):] in endings:
                return True
    return False


def _has_words(text: str, target: str, locale: str) -> bool:
    """`target`'s words, in order, next to each other in `text`, each in any form (`_same_word`)."""
    wanted = _WORDS.findall(target.casefold())
    words = list(_WORDS.finditer(text.casefold()))
    folded = text.casefold()
    for start in range(len(words) - len(wanted) + 1):
        run = words[start:start + len(wanted)]
        if all(_same_word(w.group(), want, locale) for w, want in zip(run, wanted, strict=True)) and all(
                _JOINERS.fullmatch(folded, a.end(), b.start()) for a, b in pairwise(run)):
            return True
    return False


@lru_cache(maxsize=8192)
def _lenient_pattern(target: str, locale: str) -> re.Pattern[str]:
    """A pattern for one approved term in a translation where `_has_words` does not serve (Arabic, Korean, terms
    with other signs than words, spaces and hyphens), forgiving of case and simple inflection: each word of five
    letters or more may change its last two letters and add up to four; Arabic words may take a one-letter
    prefix or the article (each word of the term); Korean words a particle."""
    loc = LOCALES.get(locale)
    if loc is not None and loc.unspaced:
        return re.compile(re.escape(target), re.IGNORECASE)
    parts: list[str] = []
    for piece in re.split(r"(\s+|['’])", target):
        if not piece:
            continue
        if piece.isspace() or piece in ("'", "’"):
            parts.append(_word_separator(piece))
            continue
        if locale == "ar" and parts:  # the article may stand on each word: تصريح الإقامة for تصريح إقامة
            parts.append(_ARABIC_PREFIX)
        if len(piece) >= 5 and piece[-1].isalpha():
            parts.append(re.escape(piece[:-2]) + r"\w{0,4}")
        elif piece[-1].isalpha():
            parts.append(re.escape(piece) + r"\w{0,2}")
        else:
            parts.append(re.escape(piece))
    body = "".join(parts)
    if locale == "ko":
        return re.compile(rf"(?<!\w){body}", re.IGNORECASE)
    prefix = _ARABIC_PREFIX if locale == "ar" else ""
    before = r"(?<!\w)" if target[:1].isalnum() else ""
    after = r"(?!\w)" if target[-1:].isalnum() else ""
    return re.compile(rf"{before}{prefix}{body}{after}", re.IGNORECASE)


def load_glossary(session: Session) -> Glossary:
    """Every entry and term of the workspace, read in two statements, as a `Glossary`."""
    notes: dict[int, tuple[str, int]] = {
        row.id: (row.note, row.version)
        for row in session.execute(select(GlossaryEntry.id, GlossaryEntry.note, GlossaryEntry.version))}
    terms: dict[int, list[Term]] = {entry_id: [] for entry_id in notes}
    rows = session.execute(select(GlossaryTerm.entry_id, GlossaryTerm.id, GlossaryTerm.locale, GlossaryTerm.text,
                                  GlossaryTerm.status, GlossaryTerm.part_of_speech, GlossaryTerm.note)
                           .order_by(GlossaryTerm.entry_id, GlossaryTerm.id))
    for entry_id, term_id, locale, text, status, pos, note in rows:
        terms[entry_id].append(Term(locale, text, TermStatus(status), pos, note, term_id))
    return Glossary([Entry(entry_id, tuple(terms[entry_id]), *notes[entry_id]) for entry_id in sorted(notes)])


__all__ = [
    "PARTS_OF_SPEECH",
    "DiscouragedUse",
    "Entry",
    "ForbiddenUse",
    "Glossary",
    "RequiredTerm",
    "Term",
    "TermHit",
    "TermStatus",
    "load_glossary",
    "normalise",
]
