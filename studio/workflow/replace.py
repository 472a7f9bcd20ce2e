"""Find and replace across the workspace's translations: a preview first, then one transaction to apply
(and one to undo)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.content.search import matching_text, refresh_texts
from studio.errors import ValidationError
from studio.models import Cell, Document, Segment
from studio.workflow.cells import CellSnapshot, translation_problems, write_cell
from studio.workflow.permissions import Actor, require
from studio.workflow.states import APPROVED, TRANSLATED

MAX_MATCHES = 5000


@dataclass(frozen=True)
class ReplaceMatch:
    """One cell that the replacement would change, with its text before and after."""

    document_id: str
    document_title: str
    segment_id: int
    field_path: str
    locale: str
    version: int
    text: str
    new_text: str
    count: int
    problem: str = ""  # why the new text could not be confirmed; such a cell is skipped
    document_type: str = ""


@dataclass(frozen=True)
class AppliedReplacement:
    """A replaced cell: what it was (to undo) and its version now."""

    before: CellSnapshot
    version: int


def compile_pattern(pattern: str, *, regex: bool, case_sensitive: bool, whole_words: bool) -> re.Pattern[str]:
    if not pattern:
        raise ValidationError("type what to find")
    source = pattern if regex else re.escape(pattern)
    if whole_words:
        source = rf"\b(?:{source})\b"
    try:
        return re.compile(source, 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise ValidationError(f"the regular expression is not valid: {exc}") from None


def find_matches(session: Session, pattern: str, replacement: str, locales: list[str], *, regex: bool = False,
                 case_sensitive: bool = False, whole_words: bool = False) -> list[ReplaceMatch]:
    """Every translation in `locales` that `pattern` matches, with the text the replacement would give."""
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words)
    stmt = (select(Document.id, Document.title, Segment.id, Segment.field_path, Cell.locale, Cell.version,
                   Cell.text, Cell.state, Segment, Document.type)
            .join(Segment, Segment.document_id == Document.id).join(Cell, Cell.segment_id == Segment.id)
            .where(Document.deleted_at.is_(None), Cell.locale.in_(locales))
            .order_by(Document.title, Segment.position, Cell.locale))
    if not regex:
        # The search text narrows a literal search to the documents that can match at all.
        stmt = stmt.where(Document.id.in_(matching_text(session, pattern)))
    out: list[ReplaceMatch] = []
    for doc_id, title, seg_id, path, locale, version, text, state, segment, doc_type in session.execute(stmt):
        try:
            new_text, count = compiled.subn(replacement if regex else replacement.replace("\\", "\\\\"), text)
        except (re.error, IndexError) as exc:
            raise ValidationError(f"the replacement is not valid: {exc}") from None
        if count == 0 or new_text == text:
            continue
        problems = translation_problems(segment, doc_type, new_text) if state in (TRANSLATED, APPROVED) else []
        out.append(ReplaceMatch(doc_id, title, seg_id, path, locale, version, text, new_text, count,
                                problems[0] if problems else "", doc_type))
        if len(out) >= MAX_MATCHES:
            break
    return out


def apply_matches(session: Session, actor: Actor | None, matches: list[ReplaceMatch]) -> list[AppliedReplacement]:
    """Write the previewed replacements, all or none; an approved text goes back to translated for review."""
    require(actor, "translate")
    applied = []
    for m in matches:
        if m.problem:
            continue
        cell = session.scalar(select(Cell).where(Cell.segment_id == m.segment_id, Cell.locale == m.locale))
        state = cell.state if cell is not None else TRANSLATED
        before, cell = write_cell(session, actor, m.segment_id, m.locale, m.new_text,
                                  state=TRANSLATED if state == APPROVED else state, expected_version=m.version,
                                  origin=cell.origin if cell is not None else "human", keep_outdated=True,
                                  refresh=False)
        applied.append(AppliedReplacement(before, cell.version))
    refresh_texts(session, {m.document_id for m in matches})
    return applied
