"""Where the checks run: over the workspace as a job, over one document, on one cell as the user types, on the
approved texts of a release, and on a text a reviewer approves.

The workspace run reads each table once (documents, segments, cells, acknowledgements, the glossary) and checks
document by document in memory: no query per cell. A `DocumentChecker` holds one document's sentences, every
locale's texts and the glossary, so the live check of one cell queries nothing.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio import audit
from studio.content.queries import DocumentView
from studio.content.store import PreparedDocument
from studio.content.types import field_for_path, get_content_type
from studio.errors import NotFound, PermissionDenied, ValidationError
from studio.jobs import Job, Progress
from studio.locales import LOCALES
from studio.memory.glossary import Glossary, load_glossary
from studio.models import Cell, Document, QualityAcknowledgement, Segment, utcnow
from studio.permissions import Actor, refusal, require
from studio.qa.checks import CellContext, ListItems, SourceSide, check_translation, cross_locale, list_gaps, source_side
from studio.qa.facts import Facts, facts_of
from studio.qa.findings import CHECKS, ERROR, WARNING, Finding, ack_digest, text_hash
from studio.qa.readability import ReadabilitySettings, ReadabilitySummary, load_settings
from studio.states import CellState

# An outdated cell translates a source that is gone: it is re-translated, not checked against the new source.
_UNCHECKED = (CellState.MISSING, CellState.OUTDATED)
_FACT_KINDS = {"numbers": "numbers", "urls": "urls", "phones": "phones"}


@lru_cache(maxsize=4096)
def _max_length(doc_type: str, field_path: str) -> int | None:
    try:
        fdef = field_for_path(get_content_type(doc_type), field_path)
    except (KeyError, ValueError, ValidationError):
        return None
    return fdef.max_length if fdef is not None else None


@lru_cache(maxsize=64)
def _list_fields(doc_type: str) -> dict[str, tuple[str, str]]:
    """The list fields of a type whose items are records of text (steps, required documents): name -> (label,
    item label with {n})."""
    try:
        ctype = get_content_type(doc_type)
    except (KeyError, ValueError, ValidationError):
        return {}
    return {
        f.name: (f.label_in("en").lower(), f.item_label_in("en", 0).replace("0", "{n}"))
        for f in ctype.fields
        if f.kind == "list" and f.items and any(i.translatable for i in f.items)
    }


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    slug: str
    type: str
    source_locale: str


@dataclass(frozen=True)
class QAReport:
    """What a run found: every finding, the documents they are in (by id), the readability per document and
    locale, and how many translations were checked."""

    findings: tuple[Finding, ...]
    documents: Mapping[str, DocumentInfo]
    readability: tuple[ReadabilitySummary, ...] = ()
    checked: int = 0

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def open_warnings(self) -> int:
        return sum(f.severity == WARNING and not f.acknowledged for f in self.findings)

    @property
    def summary(self) -> str:
        acknowledged = sum(f.acknowledged for f in self.findings)
        return (
            f"checked {self.checked} translation(s) of {len(self.documents)} document(s): {self.errors} "
            f"error(s), {self.open_warnings} warning(s)" + (f", {acknowledged} acknowledged" if acknowledged else "")
        )


class DocumentChecker:
    """One document ready to be checked: its sentences, every locale's texts and what they say, the glossary and
    the limits. `check` is the live check of one cell (no query); `findings` checks the whole document.

    Plain values only: made in a session, used on any thread, never shared by two threads at once."""

    def __init__(
        self,
        info: DocumentInfo,
        segments: Sequence[tuple[int, str, int, str]],
        texts: Mapping[tuple[int, str], str],
        ctx: CellContext,
    ) -> None:
        self.info = info
        self.ctx = ctx
        self.sides: dict[int, SourceSide] = {}
        self.positions: dict[int, int] = {}
        for seg_id, path, position, text in segments:
            self.sides[seg_id] = source_side(
                info.id, seg_id, path, text, info.source_locale, _max_length(info.type, path)
            )
            self.positions[seg_id] = position
        self.texts = dict(texts)
        self._facts: dict[tuple[int, str], Facts] = {}
        self._field_totals: dict[tuple[str, str], int] = defaultdict(int)
        for (seg_id, locale), text in self.texts.items():
            self._field_totals[(self.sides[seg_id].field_path, locale)] += len(text) + 1

    @property
    def document_id(self) -> str:
        return self.info.id

    def facts(self, segment_id: int, locale: str) -> Facts:
        key = (segment_id, locale)
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = facts_of(self.texts[key], locale)
        return found

    def _field_length(self, side: SourceSide, locale: str, text: str) -> int:
        old = self.texts.get((side.segment_id, locale))
        total = self._field_totals.get((side.field_path, locale), 0) - (len(old) + 1 if old is not None else 0)
        return total + len(text)

    def check(self, segment_id: int, locale: str, text: str) -> list[Finding]:
        """The findings of `text` typed into one cell, as if stored, against the source and the other locales."""
        side = self.sides.get(segment_id)
        if side is None:
            raise NotFound("this sentence no longer exists: its source was edited or its document removed meanwhile")
        if locale not in LOCALES or locale == self.info.source_locale:
            raise ValidationError(f"{locale!r} is not a target language of document {self.info.slug}")
        facts = facts_of(text, locale)
        found = check_translation(
            side, locale, text, self.ctx, field_length=self._field_length(side, locale, text), facts=facts
        )
        if text.strip():
            found += self._cross(
                side,
                {locale: (text, facts)},
                only=locale,
                reported={(f.locale, _FACT_KINDS[f.check]) for f in found if f.check in _FACT_KINDS},
            )
        return found

    def _cross(
        self,
        side: SourceSide,
        replaced: Mapping[str, tuple[str, Facts]],
        only: str | None,
        reported: set[tuple[str, str]],
    ) -> list[Finding]:
        texts: dict[str, str] = {}
        facts: dict[str, Facts] = {}
        for seg_id, locale in self._locales_of.get(side.segment_id, ()):
            texts[locale], facts[locale] = self.texts[(seg_id, locale)], self.facts(seg_id, locale)
        for locale, (text, fact) in replaced.items():
            texts[locale], facts[locale] = text, fact
        texts.pop(self.info.source_locale, None)
        facts.pop(self.info.source_locale, None)
        found = cross_locale(side, facts, texts, self.ctx, reported)
        return [f for f in found if only is None or f.locale == only]

    @property
    def _locales_of(self) -> dict[int, list[tuple[int, str]]]:
        by_segment = self.__dict__.get("_by_segment")
        if by_segment is None:
            by_segment = defaultdict(list)
            for key in self.texts:
                by_segment[key[0]].append(key)
            self.__dict__["_by_segment"] = by_segment
        return by_segment

    def findings(self, locales: Iterable[str] | None = None, *, errors_only: bool = False) -> list[Finding]:
        """Every finding of the document's stored translations (in `locales`), cross-locale ones included."""
        wanted = None if locales is None else set(locales)
        out: list[Finding] = []
        by_segment = self._locales_of
        for seg_id, side in self.sides.items():
            cell_findings: list[Finding] = []
            for key in by_segment.get(seg_id, ()):
                locale = key[1]
                if locale == self.info.source_locale:
                    continue
                text = self.texts[key]
                cell_findings += check_translation(
                    side,
                    locale,
                    text,
                    self.ctx,
                    field_length=self._field_totals[(side.field_path, locale)] - 1,
                    facts=self.facts(*key),
                    errors_only=errors_only,
                )
            if not errors_only:  # the cross-locale checks find warnings only
                reported = {(f.locale, _FACT_KINDS[f.check]) for f in cell_findings if f.check in _FACT_KINDS}
                cell_findings += self._cross(side, {}, None, reported)
            out += cell_findings
        if not errors_only:
            out += self._list_gaps()
        return [f for f in out if (wanted is None or f.locale in wanted) and (not errors_only or f.is_error)]

    def _list_gaps(self) -> list[Finding]:
        lists = _list_fields(self.info.type)
        if not lists:
            return []
        items: dict[str, dict[int, list[SourceSide]]] = defaultdict(lambda: defaultdict(list))
        for side in self.sides.values():
            if side.item is not None and side.item[0] in lists:
                items[side.item[0]][side.item[1]].append(side)
        if not items:
            return []
        translated: dict[str, set[int]] = defaultdict(set)
        last: dict[str, int] = {}
        for seg_id, locale in self.texts:
            if locale == self.info.source_locale:
                continue
            translated[locale].add(seg_id)
            last[locale] = max(last.get(locale, -1), self.positions[seg_id])
        shaped = [
            ListItems(name, *lists[name], {i: tuple(s) for i, s in sorted(by_item.items())})
            for name, by_item in items.items()
        ]
        return list_gaps(shaped, translated, last, self.ctx, self.positions, self.texts)


# --- reading ------------------------------------------------------------------------------------------------------


def acknowledgements(
    session: Session, segment_ids: Iterable[int] | None = None
) -> dict[tuple[int, str, str, str], str]:
    """(segment id, locale, check, digest) -> note of every acknowledgement: each text acknowledged keeps its own,
    so putting an earlier text back brings its acknowledgement back."""
    stmt = select(
        QualityAcknowledgement.segment_id,
        QualityAcknowledgement.locale,
        QualityAcknowledgement.check,
        QualityAcknowledgement.text_hash,
        QualityAcknowledgement.note,
    ).order_by(QualityAcknowledgement.id)
    if segment_ids is not None:
        stmt = stmt.where(QualityAcknowledgement.segment_id.in_(list(segment_ids)))
    return {(seg, loc, check, digest): note for seg, loc, check, digest, note in session.execute(stmt)}


def _context(
    session: Session, glossary: Glossary | None, segment_ids: Iterable[int] | None = None, summaries: bool = False
) -> CellContext:
    return CellContext(
        glossary if glossary is not None else load_glossary(session),
        load_settings(session),
        acknowledgements(session, segment_ids),
        {} if summaries else None,
    )


def _info(session: Session, id_or_slug: str) -> DocumentInfo:
    row = session.execute(
        select(Document.id, Document.slug, Document.type, Document.source_locale).where(
            (Document.id == id_or_slug) | (Document.slug == id_or_slug), Document.deleted_at.is_(None)
        )
    ).first()
    if row is None:
        raise NotFound(f"no document {id_or_slug!r}")
    return DocumentInfo(*row)


def document_checker(session: Session, id_or_slug: str, *, glossary: Glossary | None = None) -> DocumentChecker:
    """One document read for checking: its sentences and every stored translation (three short queries)."""
    info = _info(session, id_or_slug)
    segments = [
        (seg_id, path, position, text)
        for seg_id, path, position, text in session.execute(
            select(Segment.id, Segment.field_path, Segment.position, Segment.text)
            .where(Segment.document_id == info.id)
            .order_by(Segment.position)
        )
    ]
    ids = [s[0] for s in segments]
    texts = {
        (seg, loc): text
        for seg, loc, text in session.execute(
            select(Cell.segment_id, Cell.locale, Cell.text).where(
                Cell.segment_id.in_(select(Segment.id).where(Segment.document_id == info.id)),
                Cell.state.notin_(_UNCHECKED),
            )
        )
    }
    return DocumentChecker(info, segments, texts, _context(session, glossary, ids))


def check_workspace(
    session: Session, locales: Sequence[str] | None = None, documents: Sequence[str] | None = None, *, batch: int = 50
) -> Job[QAReport]:
    """Check every live document (or `documents`, ids or slugs) in `locales` (default: every target): one query
    per table, then document by document in memory; progress between batches of documents."""
    for locale in locales or ():
        if locale not in LOCALES:
            raise ValidationError(f"unknown locale {locale!r}")
    yield Progress(0, 0, "reading the translations")
    doc_stmt = select(Document.id, Document.slug, Document.type, Document.source_locale).where(
        Document.deleted_at.is_(None)
    )
    if documents is not None:
        ids = [_info(session, d).id for d in documents]
        doc_stmt = doc_stmt.where(Document.id.in_(ids))
    infos = {row[0]: DocumentInfo(*row) for row in session.execute(doc_stmt)}
    seg_stmt = select(Segment.document_id, Segment.id, Segment.field_path, Segment.position, Segment.text).order_by(
        Segment.document_id, Segment.position
    )
    cell_stmt = select(Cell.segment_id, Cell.locale, Cell.text).where(Cell.state.notin_(_UNCHECKED))
    if documents is not None:
        seg_stmt = seg_stmt.where(Segment.document_id.in_(list(infos)))
        cell_stmt = cell_stmt.where(Cell.segment_id.in_(select(Segment.id).where(Segment.document_id.in_(list(infos)))))
    segments: dict[str, list[tuple[int, str, int, str]]] = defaultdict(list)
    doc_of: dict[int, str] = {}
    for doc_id, seg_id, path, position, text in session.execute(seg_stmt):
        if doc_id in infos:
            segments[doc_id].append((seg_id, path, position, text))
            doc_of[seg_id] = doc_id
    texts: dict[str, dict[tuple[int, str], str]] = defaultdict(dict)
    for seg_id, locale, text in session.execute(cell_stmt):
        owner = doc_of.get(seg_id)
        if owner is not None:
            texts[owner][(seg_id, locale)] = text
    ctx = _context(session, None, None if documents is None else list(doc_of), summaries=True)
    out: list[Finding] = []
    checked = 0
    order = sorted(infos, key=lambda d: infos[d].slug)
    for i, doc_id in enumerate(order):
        if i % batch == 0:
            yield Progress(i, len(order), f"checking: {i} of {len(order)} documents")
        checker = DocumentChecker(infos[doc_id], segments.get(doc_id, []), texts.get(doc_id, {}), ctx)
        out += checker.findings(locales)
        checked += sum(
            1
            for (_, loc) in checker.texts
            if loc != infos[doc_id].source_locale and (locales is None or loc in locales)
        )
    summaries = tuple(
        c.summary() for (doc, loc), c in sorted((ctx.summaries or {}).items()) if locales is None or loc in locales
    )
    yield Progress(len(order), len(order), "checked")
    return QAReport(tuple(out), infos, summaries, checked)


# --- gates: approval and release ----------------------------------------------------------------------------------


def approval_errors(
    session: Session,
    segment: Segment,
    doc_type: str,
    doc_id: str,
    source_locale: str,
    locale: str,
    text: str,
    glossary: Glossary,
) -> list[Finding]:
    """The error-severity findings of `text` as the approved translation of `segment` against its source (the
    cross-locale checks are warnings and need no other cell). Cheap: no query."""
    side = source_side(
        doc_id, segment.id, segment.field_path, segment.text, source_locale, _max_length(doc_type, segment.field_path)
    )
    ctx = CellContext(glossary, _DEFAULT_READABILITY)
    return [f for f in check_translation(side, locale, text, ctx, errors_only=True)
            if f.is_error and f.check != "max_length"]


_DEFAULT_READABILITY = ReadabilitySettings()


def release_errors(view: DocumentView, glossary: Glossary) -> dict[str, list[str]]:
    """Per locale, the quality errors of a document's approved texts (what a release would carry), each with
    its field: they keep that locale out of a release."""
    info = DocumentInfo(view.row.id, view.row.slug, view.row.type, view.row.source_locale)
    segments = [(s.id, s.field_path, i, s.text) for i, s in enumerate(view.segments)]
    texts = {(s.id, loc): c.text for s in view.segments for loc, c in s.cells.items() if c.state == CellState.APPROVED}
    checker = DocumentChecker(info, segments, texts, CellContext(glossary, _DEFAULT_READABILITY))
    out: dict[str, list[str]] = defaultdict(list)
    for f in checker.findings(errors_only=True):
        out[f.locale].append(f"quality error in {f.field_path}: {f.message}")
    return out


# --- acknowledging ------------------------------------------------------------------------------------------------


def acknowledge(
    session: Session, actor: Actor | None, segment_id: int, locale: str, check: str, text: str, note: str
) -> None:
    """Record that the warning `check` on this text of the cell was looked at and stands (`note` says why).
    Errors cannot be acknowledged; editing the text re-opens the warning."""
    # The translator who kept the text, or a reviewer of its language, may say why a warning does not apply.
    checked = require(actor, "translate") if refusal(actor, "review", locale) is not None else actor
    assert checked is not None
    if check not in CHECKS:
        raise ValidationError(f"unknown check {check!r}")
    if not note.strip():
        raise ValidationError("say why the warning does not apply: the note is what the reviewer reads")
    found = session.execute(
        select(Cell.text, Segment.document_id, Segment.text.label("source"))
        .join(Segment, Segment.id == Cell.segment_id)
        .where(Cell.segment_id == segment_id, Cell.locale == locale, Cell.state != CellState.MISSING)
    ).first()
    if found is None:
        raise NotFound("this translation no longer exists")
    if found.text != text:
        raise ValidationError("the translation was changed meanwhile: check it again before acknowledging")
    now = [f for f in document_checker(session, found.document_id).check(segment_id, locale, text) if f.check == check]
    if not now:
        raise ValidationError(f"{CHECKS[check].title}: nothing to acknowledge in this translation")
    if any(f.is_error for f in now):
        raise PermissionDenied(f"{CHECKS[check].title} is an error here: correct the translation instead")
    digest = ack_digest(found.source, text_hash(text))
    existing = session.scalar(
        select(QualityAcknowledgement).where(
            QualityAcknowledgement.segment_id == segment_id,
            QualityAcknowledgement.locale == locale,
            QualityAcknowledgement.check == check,
            QualityAcknowledgement.text_hash == digest,
        )
    )
    if existing is not None:
        existing.note, existing.author_id, existing.created_at = note.strip(), checked.id, utcnow()
    else:
        session.add(
            QualityAcknowledgement(
                segment_id=segment_id,
                locale=locale,
                check=check,
                text_hash=digest,
                note=note.strip(),
                author_id=checked.id,
                created_at=utcnow(),
            )
        )
    audit.record(
        session,
        checked,
        "acknowledge_warning",
        "cell",
        f"{segment_id}:{locale}",
        after={"check": check, "note": note.strip()},
        summary=f"acknowledged {check} ({locale})",
    )


# --- importing ----------------------------------------------------------------------------------------------------


def approvals_failing_quality(
    docs: Sequence[PreparedDocument], glossary: Glossary
) -> tuple[list[PreparedDocument], list[str]]:
    """The documents with every translation they give as approved that has a quality error (a changed number, a
    forbidden term...) made translated instead, and one line per such translation ("slug field (locale): why"). An
    import lands approvals only through the gate an approval in the editor passes. Pure: no query."""
    out: list[PreparedDocument] = []
    held: list[str] = []
    ctx = CellContext(glossary, _DEFAULT_READABILITY)
    for doc in docs:
        cells = list(doc.cells)
        for i, cell in enumerate(cells):
            if cell.state != CellState.APPROVED:
                continue
            seg = doc.segments[cell.segment_index]
            side = source_side("", 0, seg.field_path, seg.text, doc.input.source_locale, None)
            errors = [f for f in check_translation(side, cell.locale, cell.text, ctx, errors_only=True) if f.is_error]
            if errors:
                cells[i] = dataclasses.replace(cell, state=CellState.TRANSLATED)
                held.append(f"{doc.input.slug} {seg.field_path} ({cell.locale}): {errors[0].message}")
        out.append(dataclasses.replace(doc, cells=tuple(cells)) if cells != list(doc.cells) else doc)
    return out, held
