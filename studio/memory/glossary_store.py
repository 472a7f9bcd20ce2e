"""Writing the glossary: entries added, edited, deleted and merged from imported files, each checked first and
audited. Reading is `studio.memory.glossary.load_glossary`.

Who may: adding and editing terms takes the editor role (`edit_glossary`): translators are the ones who meet a
new term, and every change is audited and reversible by editing again. Deleting a whole entry takes the supervisor
role (`delete_glossary`): it silently removes a requirement everyone's checks and machine drafts rely on, with no
undo; an editor who finds a wrong term marks it forbidden or edits it instead. An import only adds and updates
(never deletes), so it is an edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from studio import audit
from studio.changes import Changes
from studio.errors import ConflictError, NotFound, ValidationError
from studio.locales import LOCALES
from studio.memory.glossary import PARTS_OF_SPEECH, Term, TermStatus, normalise
from studio.models.base import table_of, utcnow
from studio.models.glossary import GlossaryEntry, GlossaryRevision, GlossaryTerm
from studio.permissions import Actor

MAX_TERM = 200
"""Characters in a term: the column's width. A longer "term" is a sentence, not a term."""
MAX_NOTE = 2000
MAX_TERMS_PER_ENTRY = 100


@dataclass(frozen=True)
class EntryInput:
    """An entry to write: its terms (ids ignored) and its note."""

    terms: tuple[Term, ...]
    note: str = ""


@dataclass(frozen=True)
class MergeReport:
    """What merging entries into the glossary did: entries `added` as new, existing ones `updated` (terms added or
    changed), and entries that were already there as given (`unchanged`)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    terms_added: int = 0


@dataclass(frozen=True)
class GlossarySaved:
    """An entry written by the glossary dialog: its id, to select it again, and what changed."""

    entry_id: int
    changes: Changes


@dataclass(frozen=True)
class GlossaryImport:
    """What importing glossary files did: how many `files`, entries `added`, `updated` and `unchanged`, terms
    added, and terms left out because their language is not the portal's (language -> count)."""

    files: int
    added: int
    updated: int
    unchanged: int
    terms_added: int
    skipped_languages: tuple[tuple[str, int], ...]
    changes: Changes

    def describe(self) -> str:
        text = (f"{self.files} file(s): {self.added} new entr{'y' if self.added == 1 else 'ies'}, {self.updated} "
                f"updated, {self.unchanged} unchanged ({self.terms_added} terms added)")
        if self.skipped_languages:
            text += "; left out, not a portal language: " + ", ".join(f"{n} {lang}" for lang, n in
                                                                      self.skipped_languages)
        return text


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates): such a term could never
be exported to TBX, and is no one's term anyway."""


def _unwritable(text: str, what: str) -> None:
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise ValidationError(f"{what} holds the character U+{ord(bad.group()):04X}, which is not text "
                              "(a control character or a broken one): remove it")


def checked_entry(entry: EntryInput) -> EntryInput:
    """`entry` tidied (spaces trimmed and collapsed, NFC), or ValidationError saying what is wrong with it."""
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for term in entry.terms:
        _unwritable(term.text, f"term {term.text!r}")
        _unwritable(term.note, f"the note of term {term.text!r}")
        text = " ".join(term.text.split())
        if not text:
            continue
        if term.locale not in LOCALES:
            raise ValidationError(f"unknown locale {term.locale!r} for term {text!r}; use one of "
                                  f"{', '.join(LOCALES)}")
        if len(text) > MAX_TERM:
            raise ValidationError(f"term {text[:40]!r}... is longer than {MAX_TERM} characters")
        try:
            status = TermStatus(term.status)
        except ValueError:
            raise ValidationError(f"unknown status {term.status!r} for term {text!r}; use one of "
                                  f"{', '.join(TermStatus)}") from None
        if term.part_of_speech not in PARTS_OF_SPEECH:
            raise ValidationError(f"unknown part of speech {term.part_of_speech!r} for term {text!r}; use one of "
                                  f"{', '.join(p for p in PARTS_OF_SPEECH if p)}")
        if len(term.note) > MAX_NOTE:
            raise ValidationError(f"the note of term {text!r} is longer than {MAX_NOTE} characters")
        key = (term.locale, normalise(text))
        if key in seen:
            raise ValidationError(f"term {text!r} ({term.locale}) is listed twice in one entry")
        seen.add(key)
        terms.append(Term(term.locale, text, status, term.part_of_speech, term.note.strip()))
    if not terms:
        raise ValidationError("an entry needs at least one term")
    if len(terms) > MAX_TERMS_PER_ENTRY:
        raise ValidationError(f"an entry holds at most {MAX_TERMS_PER_ENTRY} terms")
    if len(entry.note) > MAX_NOTE:
        raise ValidationError(f"the entry's note is longer than {MAX_NOTE} characters")
    _unwritable(entry.note, f"the note of the entry of {terms[0].text!r}")
    if not any(t.status.approved for t in terms):
        raise ValidationError(f"{', '.join(t.text for t in terms)}: an entry needs an approved (preferred or "
                              "admitted) term, the one to use instead of its forbidden or discouraged ones")
    return EntryInput(tuple(terms), entry.note.strip())


def add_entry(session: Session, actor: Actor | None, entry: EntryInput) -> int:
    """Store a new entry (already checked); its id."""
    return add_entries(session, actor, [entry])[0]


def add_entries(session: Session, actor: Actor | None, entries: Sequence[EntryInput]) -> list[int]:
    """Store new entries (already checked) in three bulk statements and an audit row each; their ids, in order.
    An import of thousands of concepts is not thousands of round trips."""
    if not entries:
        return []
    now = utcnow()
    creator = actor.id if actor else None
    ids = list(session.scalars(
        insert(GlossaryEntry).returning(GlossaryEntry.id, sort_by_parameter_order=True),
        [{"note": e.note, "created_by": creator, "created_at": now, "updated_at": now, "version": 1}
         for e in entries]))
    session.execute(insert(table_of(GlossaryTerm)), [
        {"entry_id": entry_id, "locale": t.locale, "text": t.text, "status": TermStatus(t.status).value,
         "part_of_speech": t.part_of_speech, "note": t.note} for entry_id, e in zip(ids, entries, strict=True)
        for t in e.terms])
    audit.record_many(session, [audit.audit_row(actor, "glossary_add", "glossary_entry", str(entry_id),
                                                after=_audited(e), summary=_label(e))
                                for entry_id, e in zip(ids, entries, strict=True)])
    _bump(session)
    return ids


def update_entry(session: Session, actor: Actor | None, entry_id: int, entry: EntryInput,
                 version: int | None = None) -> None:
    """Replace an entry's terms and note by `entry` (already checked), keeping its id. With `version` (the one
    the change started from), ConflictError if someone saved the entry since: their change is not overwritten
    unseen."""
    row = session.get(GlossaryEntry, entry_id, with_for_update=version is not None)
    if row is None:
        raise NotFound(f"glossary entry {entry_id} does not exist (deleted meanwhile?)")
    if version is not None and row.version != version:
        raise ConflictError(f"glossary entry {entry_id} ({_label(EntryInput(tuple(_term_of(t) for t in row.terms)))})"
                            " was changed by someone else meanwhile: look at their version and make your change "
                            "again")
    before = EntryInput(tuple(_term_of(t) for t in row.terms), row.note)
    # Delete first and flush, so a term kept under the same text does not trip the unique constraint.
    row.terms.clear()
    session.flush()
    row.terms = [_term_row(t) for t in entry.terms]
    row.note = entry.note
    row.updated_at = utcnow()
    row.version += 1
    audit.record(session, actor, "glossary_edit", "glossary_entry", str(entry_id), before=_audited(before),
                 after=_audited(entry), summary=_label(entry))
    _bump(session)


def delete_entries(session: Session, actor: Actor | None, ids: Iterable[int]) -> int:
    """Delete entries and their terms; how many existed."""
    ids = sorted(set(ids))
    rows = session.scalars(select(GlossaryEntry).where(GlossaryEntry.id.in_(ids))).all()
    for row in rows:
        audit.record(session, actor, "glossary_delete", "glossary_entry", str(row.id),
                     before=_audited(EntryInput(tuple(_term_of(t) for t in row.terms), row.note)),
                     summary=_label(EntryInput(tuple(_term_of(t) for t in row.terms))))
    session.execute(delete(GlossaryTerm).where(GlossaryTerm.entry_id.in_([r.id for r in rows])))
    session.execute(delete(GlossaryEntry).where(GlossaryEntry.id.in_([r.id for r in rows])))
    if rows:
        _bump(session)
    return len(rows)


def merge_entries(session: Session, actor: Actor | None, entries: Sequence[EntryInput]) -> MergeReport:
    """Merge imported entries (already checked) into the glossary, never deleting anything.

    An imported entry is the same concept as a stored one when they share an approved term in the same locale
    (the source term, usually): its terms are then added to that entry, and a term both have takes the
    imported status, part of speech and note. Otherwise it becomes a new entry. Importing the same file twice
    changes nothing the second time."""
    stored = {e.id: e for e in session.scalars(select(GlossaryEntry).options(selectinload(GlossaryEntry.terms)))}
    owner: dict[tuple[str, str], int] = {}
    for stored_entry in stored.values():
        for row_term in stored_entry.terms:
            if TermStatus(row_term.status).approved:
                owner.setdefault((row_term.locale, normalise(row_term.text)), stored_entry.id)
    updated = unchanged = terms_added = 0
    # New concepts are written together at the end; until then a later entry of the same file that shares a term
    # with one of them is merged into it (`pending`, by negative ids).
    pending: list[EntryInput] = []
    for entry in entries:
        match = next((owner[k] for t in entry.terms if t.status.approved
                      and (k := (t.locale, normalise(t.text))) in owner), None)
        if match is not None and match < 0:
            merged = _merged(pending[-match - 1], entry)
            terms_added += len(merged.terms) - len(pending[-match - 1].terms)
            pending[-match - 1] = merged
            _own(owner, merged, match)
            continue
        if match is None:
            pending.append(entry)
            terms_added += len(entry.terms)
            _own(owner, entry, -len(pending))
            continue
        row = stored.get(match) or session.get(GlossaryEntry, match)
        assert row is not None
        stored[match] = row
        old = EntryInput(tuple(_term_of(t) for t in row.terms), row.note)
        by_key = {(t.locale, normalise(t.text)): t for t in row.terms}
        changed = False
        for t in entry.terms:
            existing = by_key.get((t.locale, normalise(t.text)))
            if existing is None:
                new_row = _term_row(t)
                row.terms.append(new_row)
                by_key[(t.locale, normalise(t.text))] = new_row
                terms_added += 1
                changed = True
                if t.status.approved:
                    owner.setdefault((t.locale, normalise(t.text)), match)
            elif (existing.status, existing.part_of_speech, existing.note) != (
                    t.status.value, t.part_of_speech or existing.part_of_speech, t.note or existing.note):
                # As `merge_terms`: an empty part of speech or note in the file is "not said".
                existing.status = t.status.value
                existing.part_of_speech = t.part_of_speech or existing.part_of_speech
                existing.note = t.note or existing.note
                changed = True
        if entry.note and entry.note != row.note:
            row.note = entry.note
            changed = True
        if changed:
            row.updated_at = utcnow()
            row.version += 1
            session.flush()
            audit.record(session, actor, "glossary_edit", "glossary_entry", str(match), before=_audited(old),
                         after=_audited(EntryInput(tuple(_term_of(t) for t in row.terms), row.note)),
                         summary=f"import: {_label(entry)}")
            updated += 1
        else:
            unchanged += 1
    add_entries(session, actor, pending)
    if updated:
        _bump(session)
    return MergeReport(len(pending), updated, unchanged, terms_added)


def _own(owner: dict[tuple[str, str], int], entry: EntryInput, entry_id: int) -> None:
    for t in entry.terms:
        if t.status.approved:
            owner.setdefault((t.locale, normalise(t.text)), entry_id)


def _merged(first: EntryInput, second: EntryInput) -> EntryInput:
    """Two entries of one file that share a term, as one."""
    return EntryInput(merge_terms(first.terms, second.terms), second.note or first.note)


def merge_terms(old: Sequence[Term], new: Sequence[Term]) -> tuple[Term, ...]:
    """`old` with `new` added; a term in both (same locale and text) takes the new status, and the new part of
    speech and note where they are given (empty means "not said", not "none")."""
    terms = {(t.locale, normalise(t.text)): t for t in old}
    for t in new:
        key = (t.locale, normalise(t.text))
        before = terms.get(key)
        terms[key] = t if before is None else Term(t.locale, t.text, t.status, t.part_of_speech or
                                                   before.part_of_speech, t.note or before.note)
    return tuple(terms.values())


def revision(session: Session) -> int:
    """The glossary's revision (`models.glossary.GlossaryRevision`), read in one cheap statement: a cached
    `Glossary` is kept while it stays the same, and another window's or user's write is seen at once."""
    return session.scalar(select(GlossaryRevision.revision).where(GlossaryRevision.id == 1)) or 0


def _bump(session: Session) -> None:
    """Raise the revision, in the writing transaction (the row, made by the migration, is made here if a test
    database was built from the models)."""
    raised = session.execute(update(GlossaryRevision).where(GlossaryRevision.id == 1)
                             .values(revision=GlossaryRevision.revision + 1))
    if not raised.rowcount:  # type: ignore[attr-defined]
        session.execute(insert(GlossaryRevision).values(id=1, revision=1))


def entry_count(session: Session) -> int:
    return session.scalar(select(func.count(GlossaryEntry.id))) or 0


def _term_row(term: Term) -> GlossaryTerm:
    return GlossaryTerm(locale=term.locale, text=term.text, status=TermStatus(term.status).value,
                        part_of_speech=term.part_of_speech, note=term.note)


def _term_of(row: GlossaryTerm) -> Term:
    return Term(row.locale, row.text, TermStatus(row.status), row.part_of_speech, row.note, row.id)


def _audited(entry: EntryInput) -> dict[str, object]:
    return {"note": entry.note, "terms": [{"locale": t.locale, "text": t.text, "status": str(t.status),
                                           "pos": t.part_of_speech, "note": t.note} for t in entry.terms]}


def _label(entry: EntryInput) -> str:
    first = next((t for t in entry.terms if t.status.approved), entry.terms[0] if entry.terms else None)
    return f"{first.text} ({first.locale})" if first else "(empty)"
