"""Concordance: where a word or phrase occurs in the memory, in any language, as source and translation pairs.

Every text of the memory (sources and translations) is kept, normalised, in one string separated by NUL (a
character no stored text holds): finding a phrase is `str.find` over it, at C speed, and any length of phrase
works, so a two-letter Chinese word is found where a trigram index (SQLite's) has nothing to look for. The hits
name their units; the pairs are read live and checked again, so a text changed since is never shown as a hit.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.memory.index import MemoryIndex, Ref, normalized
from studio.memory.lookup import _CHUNK, _MEMORY_STATES, memory_index
from studio.models import Cell, Document, MemoryUnit, Segment, table_of

CONCORDANCE_LIMIT = 200
_SEPARATOR = "\x00"


@dataclass(frozen=True)
class ConcordancePair:
    """A source and one of its translations, one of which holds the phrase searched for."""

    source_locale: str
    source: str
    locale: str
    target: str
    kind: str  # approved, translated, imported, imported-draft
    origin: str  # the document's slug, or the TMX file's name
    document_type: str | None


class Corpus:
    """Every text of the memory, normalised, as one string; `owners[i]` is the unit of the i-th text."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.owners: list[Ref] = []
        self._joined: str | None = None
        self._starts = array("q")

    def add(self, ref: Ref, text: str) -> None:
        self.pieces.append(normalized(text).replace(_SEPARATOR, " "))
        self.owners.append(ref)
        self._joined = None

    def find(self, phrase: str, at_most: int) -> list[Ref]:
        """The units of the texts holding `phrase` (normalised), in the order added, at most `at_most`."""
        needle = normalized(phrase)
        if not needle or _SEPARATOR in needle:
            return []
        if self._joined is None:
            self._joined = _SEPARATOR.join(self.pieces)
            self._starts = array("q")
            at = 0
            for piece in self.pieces:
                self._starts.append(at)
                at += len(piece) + 1
        found: dict[Ref, None] = {}
        joined, pos = self._joined, 0
        while len(found) < at_most:
            pos = joined.find(needle, pos)
            if pos < 0:
                break
            which = bisect_right(self._starts, pos) - 1
            found[self.owners[which]] = None
            pos = self._starts[which + 1] if which + 1 < len(self._starts) else len(joined)  # on to the next text
        return list(found)


def concordance(session: Session, phrase: str, *, locales: Iterable[str] | None = None,
                limit: int = CONCORDANCE_LIMIT) -> list[ConcordancePair]:
    """The memory's source and translation pairs where `phrase` occurs (case and width folded) in the source or
    the translation, of translations into `locales` (None: all), at most `limit`."""
    wanted = set(locales) if locales is not None else None
    index = memory_index(session)
    with index.concordance_lock:  # not the index's lock: the first build reads every unit, look-ups go on
        corpus = _corpus(session, index)
        refs = corpus.find(phrase, limit * 4)
    needle = normalized(phrase)
    pairs: list[ConcordancePair] = [p for p in _pairs(session, refs)
             if (wanted is None or p.locale in wanted)
             and (needle in normalized(p.source) or needle in normalized(p.target))]
    return pairs[:limit]


def _corpus(session: Session, index: MemoryIndex) -> Corpus:
    """The index's corpus, made at the first search and brought up to date with the units folded in since. The
    caller holds `concordance_lock`; the index's own lock is held only to copy the refs to read."""
    corpus = index.concordance
    with index.lock:
        if corpus is None:
            corpus = Corpus()
            refs: list[Ref] = [ref for source in index.by_locale.values() for refs in source.refs for ref in refs]
            index.concordance_started = True
        else:
            refs = sorted(index.concordance_pending)
        index.concordance_pending.clear()
    for pair in _pairs(session, refs):
        corpus.add(pair.ref, pair.target)
    for ref, source in _sources(session, refs):
        corpus.add(ref, source)
    index.concordance = corpus
    return corpus


@dataclass(frozen=True)
class _RefPair(ConcordancePair):
    ref: Ref = 0


def _sources(session: Session, refs: Sequence[Ref]) -> list[tuple[Ref, str]]:
    segments = [r for r in refs if r > 0]
    units = [-r for r in refs if r < 0]
    out: list[tuple[Ref, str]] = []
    for start in range(0, len(segments), _CHUNK):
        out += [(seg_id, text) for seg_id, text in session.execute(
            select(Segment.id, Segment.text).where(Segment.id.in_(segments[start:start + _CHUNK])))]
    for start in range(0, len(units), _CHUNK):
        out += [(-unit_id, text) for unit_id, text in session.execute(
            select(MemoryUnit.id, MemoryUnit.source_text).where(MemoryUnit.id.in_(units[start:start + _CHUNK])))]
    return out


def _pairs(session: Session, refs: Sequence[Ref]) -> list[_RefPair]:
    """The live (source, translation) pairs of `refs`, in the order of `refs`."""
    segments = [r for r in refs if r > 0]
    units = [-r for r in refs if r < 0]
    by_ref: dict[Ref, list[_RefPair]] = {}
    for start in range(0, len(segments), _CHUNK):
        for row in session.execute(
                select(Cell.segment_id, Cell.locale, Cell.text, Cell.state, Segment.text.label("source"),
                       Document.source_locale, Document.slug, Document.type)
                .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
                .where(Cell.segment_id.in_(segments[start:start + _CHUNK]), Cell.state.in_(_MEMORY_STATES),
                       Document.deleted_at.is_(None))
                .order_by(Cell.segment_id, Cell.locale)):
            by_ref.setdefault(row.segment_id, []).append(_RefPair(
                row.source_locale, row.source, row.locale, row.text, str(row.state), row.slug, row.type,
                row.segment_id))
    table = table_of(MemoryUnit)  # plain rows: the first search reads every unit
    for start in range(0, len(units), _CHUNK):
        for unit in session.execute(select(table).where(table.c.id.in_(units[start:start + _CHUNK]))):
            by_ref.setdefault(-unit.id, []).append(_RefPair(
                unit.source_locale, unit.source_text, unit.target_locale, unit.target_text,
                "imported-draft" if unit.draft else "imported", unit.file_name, unit.document_type, -unit.id))
    return [pair for ref in refs for pair in by_ref.get(ref, ())]
