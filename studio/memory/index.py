"""The in-process index of the translation memory's source texts: character n-grams to find fuzzy candidates fast.

Chinese and Japanese have no spaces, so words cannot be the unit: runs of CJK letters give character bigrams
(every two-letter word is one), other scripts give character trigrams of their case-folded words (robust to
inflection and typos, where whole words are not). A look-up counts, for every text, how many of the query's
grams it shares (one `numpy.unique` over the posting lists), keeps the texts whose gram overlap (Dice) is
highest and whose length could still reach the threshold, and leaves the exact score to rapidfuzz on those few.

The index holds source texts and where they come from (a segment id, or an imported unit's id); it never holds a
translation. The translations are read live at look-up time, and each row read is checked against the text the
index holds for its ref (SQLite hands the ids of deleted segments out again): a cell edited, withdrawn or deleted
since, or a new sentence that took a deleted one's id, is never offered. New confirmations and imports are folded
in before a look-up from `memory_feed`, whose ids only grow (a high-water mark plus, on PostgreSQL, the ids below
it not yet committed when last read).

Built lazily by the first look-up, on whatever thread makes it (a worker in the window: the UI never waits). Two
locks per database: `refresh_lock` while the database is read for news (one reader at a time does it), `lock`
only while the in-memory structures are read or changed (a few milliseconds), so a slow refresh or the
concordance's first build never holds up the look-ups.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studio.db import CJK_LETTERS

_CJK_RUN = re.compile(f"[{CJK_LETTERS}]+")
_WORD = re.compile(r"\w+")

Ref = int
"""Where a source text comes from: a segment id (a confirmed or approved cell's source), or minus the id of an
imported unit (`memory_units.id`)."""


def normalized(text: str) -> str:
    """What the grams and the concordance compare: compatibility forms folded (full-width Latin letters and digits
    become plain ones) and case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def grams(text: str) -> set[str]:
    """The character n-grams of `text`: bigrams inside runs of CJK letters (a single letter alone), trigrams of
    the other words, padded with a space so that word starts and ends count."""
    t = normalized(text)
    out: set[str] = set()
    pos = 0
    for run in _CJK_RUN.finditer(t):
        _word_grams(t[pos:run.start()], out)
        letters = run.group()
        if len(letters) == 1:
            out.add(letters)
        else:
            out.update(letters[i:i + 2] for i in range(len(letters) - 1))
        pos = run.end()
    _word_grams(t[pos:], out)
    return out


def _word_grams(text: str, out: set[str]) -> None:
    for word in _WORD.findall(text):
        padded = f" {word} "
        out.update(padded[i:i + 3] for i in range(len(padded) - 2))


@dataclass(frozen=True)
class Candidate:
    """A source text of the memory close to the query, with what the gram overlap says about it."""

    text: str
    refs: tuple[Ref, ...]


class SourceIndex:
    """The distinct source texts of one source locale, their refs, and the posting lists of their grams.

    Posting lists live in two parts: a compact sorted one (numpy arrays, CSR style) made at build time, and a small
    one of plain lists for texts added since, merged into the compact part when it grows (an LSM-like scheme:
    an update costs its own grams, never a rebuild)."""

    SHARED_FRACTION = 4  # a candidate shares at least a quarter of the grams read
    POSTINGS_READ = 30_000  # postings a look-up reads before it leaves out the commonest grams
    MERGE_FROM = 50_000  # (gram, text) pairs added since the last merge above which they are merged

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.refs: list[list[Ref]] = []
        self.ids: dict[str, int] = {}
        self.gram_ids: dict[str, int] = {}
        self.sizes = array("i")  # grams per text
        self.lengths = array("i")  # characters per text
        self._offsets = np.zeros(1, dtype=np.int64)
        self._postings = np.zeros(0, dtype=np.int32)
        self._pending_grams = array("i")  # (gram id, text id) pairs not merged yet
        self._pending_texts = array("i")
        self._pending: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, ref: Ref) -> None:
        known = self.ids.get(text)
        if known is not None:
            if ref not in self.refs[known]:
                self.refs[known].append(ref)
            return
        text_id = len(self.texts)
        self.ids[text] = text_id
        self.texts.append(text)
        self.refs.append([ref])
        found = grams(text)
        self.sizes.append(len(found))
        self.lengths.append(len(text))
        for g in found:
            gram_id = self.gram_ids.setdefault(g, len(self.gram_ids))
            self._pending_grams.append(gram_id)
            self._pending_texts.append(text_id)
            self._pending.setdefault(gram_id, []).append(text_id)

    def remove(self, text: str, ref: Ref) -> None:
        """Forget that `ref` has the source `text` (its row changed since); the text stays, with its other refs."""
        known = self.ids.get(text)
        if known is not None and ref in self.refs[known]:
            self.refs[known].remove(ref)

    def settle(self) -> None:
        """Merge the texts added since the last merge into the compact posting lists, if they are many."""
        pairs = len(self._pending_texts)
        if pairs and (len(self._postings) == 0 or pairs > max(self.MERGE_FROM, len(self._postings) // 8)):
            self._merge()

    def _merge(self) -> None:
        old_counts = np.diff(self._offsets)
        old_grams = np.repeat(np.arange(len(old_counts), dtype=np.int32), old_counts)
        new_grams = np.frombuffer(self._pending_grams, dtype=np.int32)
        new_texts = np.frombuffer(self._pending_texts, dtype=np.int32)
        all_grams = np.concatenate([old_grams, new_grams])
        all_texts = np.concatenate([self._postings, new_texts])
        order = np.argsort(all_grams, kind="stable")  # texts stay in id order within a gram
        self._postings = all_texts[order]
        counts = np.bincount(all_grams, minlength=len(self.gram_ids))
        self._offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._pending_grams, self._pending_texts, self._pending = array("i"), array("i"), {}

    def candidates(self, text: str, min_score: float, limit: int) -> list[int]:
        """Ids of at most `limit` texts sharing the most grams with `text` (by Dice overlap), among those whose
        length allows a rapidfuzz ratio of `min_score` (0-100) at all."""
        query = grams(text)
        compact_grams = len(self._offsets) - 1
        parts = []
        for g in query:
            gram_id = self.gram_ids.get(g)
            if gram_id is None:
                continue
            if gram_id < compact_grams:
                start, end = self._offsets[gram_id], self._offsets[gram_id + 1]
                if end > start:
                    parts.append(self._postings[start:end])
            pending = self._pending.get(gram_id)
            if pending:
                parts.append(np.asarray(pending, dtype=np.int32))
        if not parts:
            return []
        # The rarest grams first, and the commonest left out once enough postings are read: a gram in half the
        # memory ("办理", " th") says little about which text is closest, and reading its list would be most of
        # the look-up's time. At least half the query's grams are always read.
        parts.sort(key=len)
        read, kept = 0, 0
        for kept, part in enumerate(parts):
            if read + len(part) > self.POSTINGS_READ and kept >= len(parts) // 2:
                break
            read += len(part)
        else:
            kept = len(parts)
        # Sorting the few postings read beats counting into an array as long as the memory.
        hit, common = np.unique(np.concatenate(parts[:kept]), return_counts=True)
        # Most texts share a gram or two with any query by chance: they are dropped before anything else is read.
        shared = common >= max(1, kept // self.SHARED_FRACTION)
        hit, common = hit[shared], common[shared]
        sizes = np.frombuffer(self.sizes, dtype=np.int32)[hit]
        lengths = np.frombuffer(self.lengths, dtype=np.int32)[hit]
        # rapidfuzz's ratio is at most 2·min(a, b)/(a + b): a text much longer or shorter cannot reach the threshold.
        n = len(text)
        fits = 200.0 * np.minimum(lengths, n) >= min_score * (lengths + n)
        hit, common, sizes = hit[fits], common[fits], sizes[fits]
        if len(hit) == 0:
            return []
        dice = common / (sizes + len(query))
        if len(hit) > limit:
            best = np.argpartition(-dice, limit)[:limit]
            hit, dice = hit[best], dice[best]
        return [int(i) for i in hit[np.argsort(-dice, kind="stable")]]


@dataclass
class MemoryIndex:
    """The memory's source texts by source locale, kept in step with the database through `memory_feed`.

    `mark` is the highest feed id folded in; `gaps` (PostgreSQL only) the ids below it that were not committed
    when read, with when they were first missed: a transaction that took an id early and commits late is folded
    in when its row appears. Look-up results are cached per query; `generation` moves on with every change folded
    in, and a look-up stores its result only if it has not moved meanwhile."""

    by_locale: dict[str, SourceIndex] = field(default_factory=dict)
    mark: int = 0
    gaps: dict[int, float] = field(default_factory=dict)
    built: bool = False
    generation: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)
    refresh_lock: threading.Lock = field(default_factory=threading.Lock)
    concordance_lock: threading.Lock = field(default_factory=threading.Lock)
    cache: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    # The concordance reads every text (sources and translations) as one string, made when first searched; refs
    # folded in since are read into it at the next search.
    concordance: Any = None
    concordance_started: bool = False
    concordance_pending: set[Ref] = field(default_factory=set)

    CACHE_SIZE = 512

    def source(self, locale: str) -> SourceIndex:
        found = self.by_locale.get(locale)
        if found is None:
            found = self.by_locale[locale] = SourceIndex()
        return found

    def add_all(self, rows: Iterable[tuple[str, str, Ref]]) -> int:
        """Fold in (source locale, source text, ref) rows; returns how many. The caller holds `lock`."""
        count = 0
        for locale, text, ref in rows:
            self.source(locale).add(text, ref)
            if self.concordance_started:
                self.concordance_pending.add(ref)
            count += 1
        for index in self.by_locale.values():
            index.settle()
        if count:
            self.changed()
        return count

    def changed(self) -> None:
        """Something the cached results may depend on changed: forget them, and any look-up in flight."""
        self.generation += 1
        self.cache.clear()

    def cached(self, key: Any) -> Any:
        found = self.cache.get(key)
        if found is not None:
            self.cache.move_to_end(key)
        return found

    def remember(self, key: Any, value: Any, generation: int) -> None:
        """Keep a result computed at `generation`, unless something changed since (it may be out of date)."""
        if generation != self.generation:
            return
        self.cache[key] = value
        if len(self.cache) > self.CACHE_SIZE:
            self.cache.popitem(last=False)


_INDEXES: OrderedDict[tuple[str, str], MemoryIndex] = OrderedDict()
_REGISTRY_LOCK = threading.Lock()
_KEPT = 4  # databases whose index a process keeps (a window has one; tests open many, one after another)


def index_for(database: str, identity: str) -> MemoryIndex:
    """The one index of the database at `database` (a digest of its URL) whose identity is `identity`
    (`memory_identity`, made with the schema) in this process, shared by every workspace opened on it: the
    window's and its worker threads'. A database made again at the same place has another identity, so another
    index; a copy of a workspace elsewhere has another URL."""
    key = (database, identity)
    with _REGISTRY_LOCK:
        index = _INDEXES.get(key)
        if index is None:
            index = _INDEXES[key] = MemoryIndex()
            while len(_INDEXES) > _KEPT:
                _INDEXES.popitem(last=False)
        else:
            _INDEXES.move_to_end(key)
        return index


def forget(database: str) -> None:
    """Drop every index of the database at `database` (a workspace made or restored there)."""
    with _REGISTRY_LOCK:
        for key in [k for k in _INDEXES if k[0] == database]:
            del _INDEXES[key]
