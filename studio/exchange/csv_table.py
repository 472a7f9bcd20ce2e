"""CSV for translators who work in a spreadsheet: one row per segment.

Columns: id (the segment's id), locale, document (slug), field (its label and path), source, target, state
(Studio's: missing, draft, outdated, translated, approved), version (the cell's version when exported and a hash
of what it held, "N:hash"; leave it as it is). A text that a spreadsheet would run as a formula (beginning with
=, +, -, @, a tab or a carriage return) goes out behind an apostrophe, as spreadsheets themselves mark text, and
so does one that begins with an apostrophe; reading takes that one apostrophe off again. UTF-8 with a byte order
mark, because Excel reads a CSV without one in the computer's ANSI code page and turns Chinese and Arabic into
mojibake; LibreOffice and every CSV library take the mark in their stride. Every field
is quoted, so multi-line texts and leading or trailing spaces survive a round trip, and rows end in CRLF as RFC 4180
says (line breaks inside a text stay line feeds).

Reading looks the columns up by their names (a translator may reorder or add columns), needs id, locale, source and
target, and reads a state of translated, approved, reviewed or final as a translation, anything else as a draft.

The csv module's limit on a field's size is the process's, not the reader's: reading raises it to MAX_FIELD
once and never lowers it (lowering it again could cut another thread's read short). Nothing else in Studio
reads CSV with a smaller limit in mind.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from studio.errors import InputFileError
from studio.exchange.units import (
    CSV_CONFIRMED,
    MAX_FILE_BYTES,
    MAX_UNITS,
    ExportSet,
    ReturnedFile,
    ReturnedUnit,
    parse_version_tag,
    studio_locale,
)

COLUMNS = ("id", "locale", "document", "field", "source", "target", "state", "version")
REQUIRED = ("id", "locale", "source", "target")
MAX_FIELD = 1024 * 1024  # one text of a segment; the csv module's own default is 128 KB
# What a spreadsheet runs as a formula at the start of a cell, and the apostrophe that marks text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def as_cell(text: str) -> str:
    """`text` as a spreadsheet cell that is never a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def from_cell(cell: str) -> str:
    """The text `as_cell` wrote; a cell a spreadsheet user wrote with an apostrophe of their own stays as it is."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def write(export: ExportSet, now: datetime) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for doc in export.documents:
        for unit in doc.units:
            writer.writerow([unit.segment_id, export.locale, as_cell(doc.slug),
                             as_cell(f"{unit.field_label} ({unit.field_path})"), as_cell(unit.source),
                             as_cell(unit.target), unit.state, unit.version_tag])
    return out.getvalue().encode("utf-8-sig")


def read(path: str, data: bytes) -> ReturnedFile:
    """The units of a returned CSV file; `InputFileError` with the line of a bad row."""
    if len(data) > MAX_FILE_BYTES:
        raise InputFileError(path, f"the file is {len(data):,} bytes; at most {MAX_FILE_BYTES:,} are read")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(path, "the file is not UTF-8; save it as \"CSV UTF-8\"",
                             data.count(b"\n", 0, exc.start) + 1) from None
    if "\x00" in text:
        raise InputFileError(path, "a CSV file holds no NUL characters: this is not a CSV file",
                             text.count("\n", 0, text.index("\x00")) + 1)
    delimiter = _delimiter(text[:4096].split("\n", 1)[0])
    # The limit is the process's: raised once, never lowered (a thread restoring it could cut another's read).
    if csv.field_size_limit() < MAX_FIELD:
        csv.field_size_limit(MAX_FIELD)
    units = _rows(path, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    return ReturnedFile(path, "csv", tuple(units))


def _delimiter(header: str) -> str:
    """The delimiter whose split of the header line names Studio's required columns: a spreadsheet set to a
    European locale saves with semicolons, some tools with tabs. (Not csv.Sniffer: its patterns are slow on a
    hostile line.)"""
    for delimiter in (",", ";", "\t"):
        try:
            names = {name.strip().lower() for name in next(csv.reader([header], delimiter=delimiter))}
        except (csv.Error, StopIteration):
            continue
        if set(REQUIRED) <= names:
            return delimiter
    return ","


def _rows(path: str, reader: Any) -> list[ReturnedUnit]:  # a csv reader: its type is private to _csv
    units: list[ReturnedUnit] = []
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise InputFileError(path, "the file is empty") from None
    except csv.Error as exc:
        raise InputFileError(path, f"not a valid CSV file: {exc}", 1) from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputFileError(path, f"the header lacks the column(s) {', '.join(missing)}: Studio's CSV has "
                                   f"{', '.join(COLUMNS)}", 1)
    where = {name: header.index(name) for name in COLUMNS if name in header}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return units
        except csv.Error as exc:
            raise InputFileError(path, f"not a valid CSV row: {exc}", reader.line_num) from None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise InputFileError(path, f"the row has {len(row)} column(s); the header has {len(header)}", line)
        if len(units) >= MAX_UNITS:
            raise InputFileError(path, f"the file has more than {MAX_UNITS:,} rows, more than Studio reads from "
                                       "one file: split it", line)

        def cell(name: str, row: list[str] = row) -> str:
            return row[where[name]] if name in where else ""

        locale = cell("locale").strip()
        version, digest = parse_version_tag(cell("version"))
        units.append(ReturnedUnit(
            path, line, cell("id").strip(), studio_locale(locale) or locale, _lines(from_cell(cell("source"))),
            _lines(from_cell(cell("target"))), confirmed=cell("state").strip().lower() in CSV_CONFIRMED,
            version=version, fingerprint=digest, document=from_cell(cell("document").strip())))


def _lines(text: str) -> str:
    # A spreadsheet saved on Windows may end the lines inside a cell with CRLF; Studio's texts use LF.
    return text.replace("\r\n", "\n")
