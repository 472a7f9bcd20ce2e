"""Exporting translations for outside translators: read the documents of a scope from the database into plain
`ExportSet`s, one per (source locale, target locale), and write them as PO, XLIFF 2.1, XLIFF 1.2 or CSV files.

Where they go: one file per target language, because that is what every CAT tool opens (a PO file holds one
language, an XLIFF 2 file one `trgLang`) and what agencies assign to a translator; several of them go into a
folder, or into one .zip archive to send as a package (the destination's name says which: `destination`). Files
are written under a temporary name and renamed into place, so an interrupted export never leaves half a file
behind.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from studio.content.types import get_content_type, path_label
from studio.errors import StudioError
from studio.exchange import csv_table, po, xliff2, xliff12
from studio.exchange.units import ExportDocument, ExportSet, ExportUnit
from studio.jobs import Job, Progress
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.models import Cell, Document, Section, Segment
from studio.states import CellState

Writer = Callable[[ExportSet, datetime], bytes]
FORMATS: dict[str, tuple[str, Writer]] = {
    "po": ("po", po.write),
    "xliff": ("xlf", xliff2.write),
    "xliff12": ("xlf", xliff12.write),
    "csv": ("csv", csv_table.write),
}
"""Each translation format Studio exports: its file extension and its writer."""

_CHUNK = 200  # documents read per query batch (and per progress report)


@dataclass(frozen=True)
class ExportedFile:
    """One file of an export: its name (inside the folder or archive), its languages and how many units."""

    name: str
    source_locale: str
    locale: str
    documents: int
    units: int


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: where (a file, a folder or a .zip archive) and each file in it."""

    path: Path
    files: tuple[ExportedFile, ...]

    @property
    def units(self) -> int:
        return sum(f.units for f in self.files)

    @property
    def summary(self) -> str:
        return (f"exported {self.units} unit(s) in {len(self.files)} file(s) to {self.path}" if self.files
                else "nothing to export: no document of that scope is translated into those languages")


def collect(session: Session, document_ids: Sequence[str], locales: Sequence[str] | None) -> Job[list[ExportSet]]:
    """The units of these live documents (in this order) in `locales` (None: every target locale), grouped by
    (source locale, target locale). A job: progress every few hundred documents."""
    wanted = list(dict.fromkeys(document_ids))
    groups: dict[tuple[str, str], list[ExportDocument]] = defaultdict(list)
    for start in range(0, len(wanted), _CHUNK):
        yield Progress(start, len(wanted), f"reading documents: {start} of {len(wanted)}")
        chunk = wanted[start:start + _CHUNK]
        docs = {row.id: row for row in session.execute(
            select(Document.id, Document.slug, Document.title, Document.type, Document.source_locale, Section.key)
            .join(Section, Section.id == Document.section_id)
            .where(Document.id.in_(chunk), Document.deleted_at.is_(None)))}
        # Plain rows, not entities: an export reads every cell of the portal, and the ORM's identity map would
        # cost more than the files take to write.
        segments: dict[str, list[Any]] = defaultdict(list)
        for seg in session.execute(select(Segment.id, Segment.document_id, Segment.field_path, Segment.text,
                                          Segment.placeholders)
                                   .where(Segment.document_id.in_(chunk))
                                   .order_by(Segment.document_id, Segment.position)):
            segments[seg.document_id].append(seg)
        cells: dict[tuple[int, str], Any] = {}
        query = (select(Cell.segment_id, Cell.locale, Cell.text, Cell.state, Cell.version, Cell.outdated_source)
                 .join(Segment, Segment.id == Cell.segment_id).where(Segment.document_id.in_(chunk)))
        if locales is not None:
            query = query.where(Cell.locale.in_(locales))
        for cell in session.execute(query):
            cells[(cell.segment_id, cell.locale)] = cell
        for doc_id in chunk:
            doc = docs.get(doc_id)
            if doc is None:
                continue
            ctype = get_content_type(doc.type)
            labels = {path: path_label(ctype, path) for path in {s.field_path for s in segments[doc_id]}}
            # Each sentence's label and markup once, shared by its eight languages' units (never changed).
            shared = [(seg, labels[seg.field_path], seg.placeholders or {}) for seg in segments[doc_id]]
            for locale in locales if locales is not None else LOCALES:
                if locale == doc.source_locale or locale not in LOCALES:
                    continue
                units = tuple(_unit(seg, label, markup, cells.get((seg.id, locale))) for seg, label, markup in shared)
                if units:
                    groups[(doc.source_locale, locale)].append(ExportDocument(
                        doc.id, doc.slug, doc.title, doc.type, doc.key, doc.source_locale, units))
    yield Progress(len(wanted), len(wanted), "read")
    order = {code: i for i, code in enumerate(LOCALES)}
    return [ExportSet(source, locale, tuple(groups[(source, locale)]))
            for source, locale in sorted(groups, key=lambda k: (order[k[1]], order[k[0]]))]


def _unit(seg: Row[Any], label: str, markup: Mapping[str, str], cell: Row[Any] | None) -> ExportUnit:
    if cell is None or cell.state == CellState.MISSING:
        return ExportUnit(seg.id, seg.field_path, label, seg.text, markup, "", CellState.MISSING,
                          cell.version if cell is not None else 0)
    previous = cell.outdated_source if cell.state in (CellState.OUTDATED, CellState.DRAFT) else None
    return ExportUnit(seg.id, seg.field_path, label, seg.text, markup, cell.text, cell.state, cell.version, previous)


def file_name(scope: str, export: ExportSet, extension: str) -> str:
    """`work-permit.fr.po`; a document written in another language than Chinese says so: `news.en-de.po`."""
    languages = export.locale if export.source_locale == SOURCE_DEFAULT else f"{export.source_locale}-{export.locale}"
    return f"{scope}.{languages}.{extension}"


def write_files(sets: Sequence[ExportSet], fmt: str, scope: str, path: Path,
                now: datetime | None = None) -> Job[ExportResult]:
    """Write the sets in format `fmt` to `path`, which says what it is by its name alone, whatever the number of
    files: a .zip archive when it ends so; one file when it has another extension (an error if the export makes
    several); otherwise a folder (made if needed) holding the files. A job: progress
    before each file is made; nothing is written before they all are."""
    extension, writer = FORMATS[fmt]
    moment = now or datetime.now(UTC)
    if fmt != "xliff":
        sets = by_target(sets)  # only XLIFF 2 has one source language per file (srcLang on <xliff>)
    kind = destination(path)
    if kind == "file" and len(sets) > 1:
        raise StudioError(f"this export makes {len(sets)} files (one per language): give a folder or a name "
                          f"ending in .zip rather than {path.name}, or choose one language")
    contents = []
    for i, export in enumerate(sets):
        name = file_name(scope, export, extension)
        yield Progress(i, len(sets), f"making {name}")
        contents.append((name, export, writer(export, moment)))
    files = tuple(ExportedFile(name, s.source_locale, s.locale, len(s.documents), s.units)
                  for name, s, _ in contents)
    if not contents:
        return ExportResult(path, ())
    try:
        if kind == "archive":
            with _replacing(path) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, _, data in contents:
                    archive.writestr(zipfile.ZipInfo(name, moment.timetuple()[:6]), data,
                                     compress_type=zipfile.ZIP_DEFLATED)
        elif kind == "file":
            _write_atomically(path, contents[0][2])
            files = (dataclasses.replace(files[0], name=path.name),)
        else:
            path.mkdir(parents=True, exist_ok=True)
            for name, _, data in contents:
                _write_atomically(path / name, data)
    except OSError as exc:
        raise StudioError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None
    return ExportResult(path, files)


def destination(path: Path) -> str:
    """"archive", "file" or "folder": what `path` names, by its name alone. An existing folder is a folder; a
    name ending in .zip an archive; any other name with an extension one file; a name without one a folder."""
    if path.is_dir():
        if path.suffix.lower() == ".zip":
            raise StudioError(f"{path} is a folder: a name ending in .zip is the archive to write")
        return "folder"
    if path.suffix.lower() == ".zip":
        return "archive"
    return "file" if path.suffix else "folder"


def by_target(sets: Sequence[ExportSet]) -> list[ExportSet]:
    """The sets of each target language as one (documents written in Chinese first, then the others)."""
    merged: dict[str, list[ExportSet]] = {}
    for export in sets:
        merged.setdefault(export.locale, []).append(export)
    return [ExportSet(group[0].source_locale if len(group) == 1 else SOURCE_DEFAULT, locale,
                      tuple(doc for export in sorted(group, key=lambda e: e.source_locale != SOURCE_DEFAULT)
                            for doc in export.documents))
            for locale, group in merged.items()]


def _write_atomically(path: Path, data: bytes) -> None:
    with _replacing(path) as temporary:
        temporary.write_bytes(data)


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it when the block ends without an error. It is made private
    (0600), like the workspace: an export holds unpublished text until its owner sends it."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # named by the destination, not by the temporary file's name
            raise StudioError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
