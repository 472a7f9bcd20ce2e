"""Bringing translated files back: read PO, XLIFF 2, XLIFF 1.2 and CSV files (told apart by their content), compare
every unit with the workspace, store what may be stored and report the rest.

The rules, like those of a CAT tool's "update from returned file":
- a unit is matched by its segment id (msgctxt, unit id, trans-unit id, the id column) and locale;
- it is applied only if its sentence still exists in a live document, its locale is a target of the document,
  and its source is exactly Studio's source (a sentence rewritten since the export is reported, never guessed);
- it lands as a draft or as translated according to the file's state, never as approved;
- its document, where the file names one, is the sentence's;
- the file records the cell's version at export and a fingerprint of the text it held (ids may be handed out
  again, so a version alone could be another cell's). If the cell changed in Studio since then, the unit wins only
  where the translator left it as exported (then it is skipped: nothing to bring back) or where Studio's change
  was a machine's or memory's draft; otherwise both sides changed and the unit is reported as a conflict, with
  both texts, for a person to decide. An approved cell is never replaced by an import: a different text for it
  is a conflict too;
- a unit whose text equals Studio's is skipped as unchanged, except that a translator's confirmation of a draft
  (same text, now translated) is applied;
- an empty target, a unit translated in part, a unit given twice (the last one counts), an obsolete PO entry are
  skipped, with the reason.
Every file is read and checked before anything is written; a malformed file stops the whole import with one
`InputFileError` naming the file and the line, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.changes import Changes
from studio.errors import InputFileError
from studio.exchange import csv_table, po, xliff2, xliff12
from studio.exchange.units import MAX_FILE_BYTES, ReturnedFile, ReturnedUnit, fingerprint
from studio.exchange.untrusted_xml import parse_xml
from studio.locales import LOCALES
from studio.models import Cell, Document, Revision, Segment, User
from studio.states import CellState
from studio.unsafe_characters import NEVER_STORED
from studio.workflow.cells import ImportedText

FORMATS = ("po", "xliff", "xliff12", "csv")


@dataclass(frozen=True)
class UnitOutcome:
    """What became of one unit of a returned file: where it is (file, line, the unit's id), the cell it is
    about, the file's text and, for a conflict, Studio's, and why (`reason`); `state` is what an applied unit
    was stored as."""

    file: str
    line: int | None
    unit: str
    locale: str
    segment_id: int | None
    document: str
    field: str
    text: str
    reason: str = ""
    state: str = ""
    studio_text: str = ""
    studio_author: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line, "unit": self.unit, "locale": self.locale,
                                  "segment": self.segment_id, "document": self.document, "field": self.field,
                                  "text": self.text}
        for name in ("reason", "state", "studio_text", "studio_author"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


def read_returned(path: Path) -> ReturnedFile:
    """The units of one returned file, its format told by its content (an XML root, PO keywords, a CSV header)."""
    name = str(path)
    try:
        if not path.is_file():
            raise InputFileError(name, "not a file" if path.exists() else "no such file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputFileError(name, f"the file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are read")
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_returned(name, data)


def parse_returned(name: str, data: bytes) -> ReturnedFile:
    """`read_returned` of a file's contents."""
    kind = sniff(data)
    if kind == "xml":
        root = parse_xml(data, name)
        namespace = root.tag[1:].split("}")[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
        if namespace == xliff2.NS:
            return xliff2.read(name, root)
        if namespace == xliff12.NS:
            return xliff12.read(name, root)
        tag = root.tag.split("}")[-1] if isinstance(root.tag, str) else "?"
        raise InputFileError(name, f"an XML file with root <{tag}> in namespace {namespace or '(none)'!r} is not "
                                   "XLIFF 2 or XLIFF 1.2", root.sourceline)
    if kind == "po":
        return po.read(name, data)
    if kind == "csv":
        return csv_table.read(name, data)
    raise InputFileError(name, "not a PO, XLIFF or CSV file of translations", 1)


def sniff(data: bytes) -> str:
    """"xml", "po", "csv" or "" from the first bytes of a file."""
    head = data[:8192].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<"):
        return "xml"
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith((b"#", b"msgid", b"msgctxt")):
            return "po"
        lowered = stripped.lower()
        return "csv" if b"id" in lowered and b"source" in lowered and b"target" in lowered else ""
    return ""


@dataclass(frozen=True)
class ImportPlan:
    """What to write, and what to report: the texts to store, and every unit's outcome."""

    writes: tuple[ImportedText, ...]
    applied: tuple[UnitOutcome, ...]
    skipped: tuple[UnitOutcome, ...]
    conflicts: tuple[UnitOutcome, ...]


def plan(session: Session, files: Sequence[ReturnedFile]) -> ImportPlan:
    """Compare every unit of `files` with the workspace (in the writing transaction) by the rules above."""
    skipped: list[UnitOutcome] = []
    latest: dict[tuple[int, str], ReturnedUnit] = {}
    formats: dict[str, str] = {f.path: f.format for f in files}
    for file in files:
        for unit in file.units:
            segment_id = unit.segment_id
            if unit.obsolete:
                skipped.append(_outcome(unit, "an obsolete entry (#~) of the file"))
            elif segment_id is None:
                skipped.append(_outcome(unit, f"{unit.unit!r} is not a Studio segment id: this unit was not "
                                              "exported by Studio"))
            elif not unit.target.strip():
                skipped.append(_outcome(unit, "the target is empty"))
            elif unit.partial:
                skipped.append(_outcome(unit, "partly translated: some segments of the unit have no target yet, "
                                              "and Studio stores a sentence's translation whole"))
            elif unit.locale not in LOCALES:
                skipped.append(_outcome(unit, f"{unit.locale!r} is not one of the portal's languages"))
            elif NEVER_STORED.search(unit.target):
                skipped.append(_outcome(unit, "the target holds control characters or bidi overrides, which "
                                              "Studio never stores"))
            else:
                earlier = latest.get((segment_id, unit.locale))
                if earlier is not None:
                    skipped.append(_outcome(earlier, f"given again in {unit.file}"
                                                     + (f" line {unit.line}" if unit.line else "")
                                                     + "; the later unit counts"))
                latest[(segment_id, unit.locale)] = unit
    segments = _segments(session, {seg for seg, _ in latest})
    cells = _cells(session, {seg for seg, _ in latest if seg in segments})
    bases = _exported_texts(session, [(cells[key].id, unit.version) for key, unit in latest.items()
                                      if key in cells and unit.version not in (None, 0)
                                      and unit.version != cells[key].version])
    rewritten = _rewritten(session, {unit.source for key, unit in latest.items() if key[0] not in segments})
    writes: list[ImportedText] = []
    applied: list[UnitOutcome] = []
    conflicts: list[UnitOutcome] = []
    for key, unit in latest.items():
        segment_id, locale = key
        seg = segments.get(segment_id)
        if seg is None:
            moved = rewritten.get((unit.source, locale))
            skipped.append(_outcome(unit, "the source of this sentence was rewritten in Studio since the export; "
                                          "its translation there is outdated" if moved else
                                          "this sentence no longer exists in Studio (its source was edited or "
                                          "its document removed since the export)", moved))
            continue
        if seg.deleted_at is not None:
            skipped.append(_at(unit, seg, f"document {seg.slug} was deleted"))
            continue
        if locale == seg.source_locale:
            skipped.append(_at(unit, seg, f"{locale} is the source language of {seg.slug}, not a target"))
            continue
        if unit.source != seg.text and unit.source != seg.text.replace("\r\n", "\n"):
            skipped.append(_at(unit, seg, "the source in the file differs from Studio's: it changed since the "
                                          "export or was edited in the file"))
            continue
        if unit.document and unit.document != seg.slug:
            skipped.append(_at(unit, seg, f"the file places this unit in document {unit.document}, but sentence "
                                          f"{segment_id} is in {seg.slug}: the file was edited, or not exported "
                                          "from this workspace"))
            continue
        cell = cells.get(key)
        has_text = cell is not None and cell.state != CellState.MISSING
        current_version = cell.version if cell is not None else 0
        if has_text and cell is not None and _same_text(cell.text, unit.target):
            if unit.confirmed and cell.state in (CellState.DRAFT, CellState.OUTDATED) and not cell.issue:
                # Studio's own line ends are kept: a tool may have turned CRLF into LF.
                writes.append(ImportedText(segment_id, locale, cell.text, True, _origin(formats, unit),
                                           current_version))
                applied.append(_at(unit, seg, "confirmed", state=CellState.TRANSLATED))
            else:
                skipped.append(_at(unit, seg, "unchanged: Studio has the same text" + (
                    f", kept as a draft: {cell.issue}" if cell.issue else "")))
            continue
        if has_text and cell is not None and cell.state == CellState.APPROVED:
            conflicts.append(_at(unit, seg, "approved in Studio: an import never replaces an approved translation",
                                 studio=cell))
            continue
        machine = has_text and cell is not None and cell.state == CellState.DRAFT and \
            cell.origin.startswith(("mt:", "tm:"))
        if unit.version is not None:
            # What the cell held at the exported version, confirmed by the file's fingerprint of it: a version
            # alone may be a newer cell's, when SQLite handed a removed sentence's ids out again.
            if unit.version == current_version:
                held: str | None = cell.text if has_text and cell is not None else ""
            else:
                held = "" if unit.version == 0 else bases.get((cell.id if cell else -1, unit.version))
            exported = held if held is not None and unit.fingerprint == fingerprint(seg.text, held) else None
            if exported is None or unit.version != current_version:
                if exported is not None and _same_text(exported, unit.target):
                    skipped.append(_at(unit, seg, "unchanged in the file; Studio's translation changed since the "
                                                  "export"))
                    continue
                if has_text and not machine:
                    conflicts.append(_at(unit, seg, "changed in Studio since the export and in the file"
                                         if exported is not None else
                                         "Studio's translation is not the one this file was exported with (the "
                                         "sentence was removed and made again since, or the file was edited)",
                                         studio=cell))
                    continue
        elif has_text and not machine and cell is not None and cell.state != CellState.OUTDATED:
            conflicts.append(_at(unit, seg, "the file does not say which version it was made from, and Studio has "
                                            "another translation", studio=cell))
            continue
        state = CellState.TRANSLATED if unit.confirmed else CellState.DRAFT
        writes.append(ImportedText(segment_id, locale, unit.target, unit.confirmed, _origin(formats, unit),
                                   cell.version if cell is not None else None))
        applied.append(_at(unit, seg, "", state=state))
    return ImportPlan(tuple(writes), tuple(applied), tuple(skipped), tuple(conflicts))


def _same_text(studio: str, returned: str) -> bool:
    """Whether a returned text is Studio's, but for line ends (a tool or spreadsheet may turn CRLF into LF)."""
    return studio == returned or studio.replace("\r\n", "\n") == returned.replace("\r\n", "\n")


def _origin(formats: dict[str, str], unit: ReturnedUnit) -> str:
    return f"import:{formats[unit.file]}"


def _at(unit: ReturnedUnit, seg: _Segment, reason: str, *, state: str = "", studio: _Cell | None = None) -> UnitOutcome:
    """The outcome of a unit whose sentence exists, named by Studio's document and field."""
    return UnitOutcome(unit.file, unit.line, unit.unit, unit.locale, seg.id, seg.slug, seg.field_path, unit.target,
                       reason, state, studio.text if studio else "", studio.author if studio else "")


def _outcome(unit: ReturnedUnit, reason: str, segment_id: int | None = None) -> UnitOutcome:
    """The outcome of a unit that matched no live sentence: named as the file names it."""
    return UnitOutcome(unit.file, unit.line, unit.unit, unit.locale,
                       segment_id if segment_id is not None else unit.segment_id, unit.document, "", unit.target,
                       reason)


_CHUNK = 1000


@dataclass(frozen=True)
class _Segment:
    id: int
    text: str
    field_path: str
    slug: str
    source_locale: str
    deleted_at: object


@dataclass(frozen=True)
class _Cell:
    id: int
    text: str
    state: str
    origin: str
    version: int
    author: str
    issue: str | None


def _segments(session: Session, ids: set[int]) -> dict[int, _Segment]:
    wanted = sorted(ids)
    out: dict[int, _Segment] = {}
    for start in range(0, len(wanted), _CHUNK):
        for row in session.execute(
                select(Segment.id, Segment.text, Segment.field_path, Document.slug, Document.source_locale,
                       Document.deleted_at).join(Document, Document.id == Segment.document_id)
                .where(Segment.id.in_(wanted[start:start + _CHUNK]))):
            out[row.id] = _Segment(row.id, row.text, row.field_path, row.slug, row.source_locale, row.deleted_at)
    return out


def _cells(session: Session, segment_ids: set[int]) -> dict[tuple[int, str], _Cell]:
    wanted = sorted(segment_ids)
    out: dict[tuple[int, str], _Cell] = {}
    for start in range(0, len(wanted), _CHUNK):
        for row in session.execute(
                select(Cell.id, Cell.segment_id, Cell.locale, Cell.text, Cell.state, Cell.origin, Cell.version,
                       User.display_name, Cell.machine_issue).outerjoin(User, User.id == Cell.author_id)
                .where(Cell.segment_id.in_(wanted[start:start + _CHUNK]))):
            out[(row.segment_id, row.locale)] = _Cell(row.id, row.text, row.state, row.origin, row.version,
                                                      row.display_name or "", row.machine_issue)
    return out


def _exported_texts(session: Session, wanted: list[tuple[int, int | None]]) -> dict[tuple[int, int], str]:
    """The text each (cell, version) had: what the file was exported with, read from the cell's revisions."""
    out: dict[tuple[int, int], str] = {}
    keys = {(cell_id, version) for cell_id, version in wanted if version is not None}
    ids = sorted({cell_id for cell_id, _ in keys})
    for start in range(0, len(ids), _CHUNK):
        for cell_id, version, text, state in session.execute(
                select(Revision.cell_id, Revision.version, Revision.text, Revision.state)
                .where(Revision.cell_id.in_(ids[start:start + _CHUNK])).order_by(Revision.id)):
            if (cell_id, version) in keys:
                out[(cell_id, version)] = "" if state == CellState.MISSING else text
    return out


def _rewritten(session: Session, sources: set[str]) -> dict[tuple[str, str], int]:
    """For old sources, the (old source, locale) of cells moved to a rewritten sentence, and that sentence's id."""
    if not sources:
        return {}
    return {(old, locale): segment_id for segment_id, locale, old in session.execute(
        select(Cell.segment_id, Cell.locale, Cell.outdated_source).where(Cell.outdated_source.is_not(None)))
        if old in sources}


@dataclass(frozen=True)
class ImportReport:
    """The result of importing returned files: the units applied (with the state stored), skipped and in
    conflict, each with its reason, the files read, and what changed for the window to refresh."""

    files: tuple[str, ...]
    applied: tuple[UnitOutcome, ...]
    skipped: tuple[UnitOutcome, ...]
    conflicts: tuple[UnitOutcome, ...]
    changes: Changes

    @property
    def summary(self) -> str:
        return self.changes.summary

    def to_json(self) -> dict[str, object]:
        return {"files": list(self.files), "applied": [u.to_json() for u in self.applied],
                "skipped": [u.to_json() for u in self.skipped], "conflicts": [u.to_json() for u in self.conflicts]}


def summary(files: int, applied: int, skipped: int, conflicts: int) -> str:
    return (f"imported {applied} translation(s) from {files} file(s); {skipped} skipped, "
            f"{conflicts} in conflict")
