"""Glossaries as CSV, for spreadsheets: one row per term, with a header row.

    entry,locale,term,status,part_of_speech,note,entry_note
    1,zh-Hans,北京,preferred,properNoun,,The city
    1,fr,Beijing,preferred,properNoun,,
    1,fr,Pékin,forbidden,,Old spelling,

Rows with the same `entry` (any text: a number, a name) are the terms of one concept; `locale` takes the portal's
codes or any BCP 47 tag of the same language (`en-GB`, `zh-CN`); `status` is preferred (the default when empty),
admitted, forbidden or discouraged; `entry_note` may be given on any row of the entry. Only `entry`, `locale` and
`term` are required columns. UTF-8, with or without a byte-order mark; commas or semicolons (as spreadsheets in
French or German locales write them) are both read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from studio.errors import InputFileError, ValidationError
from studio.exchange.tbx import ReadGlossary, studio_locale
from studio.memory.glossary import PARTS_OF_SPEECH, Entry, Term, TermStatus
from studio.memory.glossary_store import EntryInput, checked_entry

COLUMNS = ("entry", "locale", "term", "status", "part_of_speech", "note", "entry_note")
REQUIRED = ("entry", "locale", "term")
MAX_BYTES = 32 * 1024 * 1024
_POS = {p.lower(): p for p in PARTS_OF_SPEECH}


def read_glossary_csv(path: Path | str) -> ReadGlossary:
    """The entries of a glossary CSV file. InputFileError naming the file and the line of the first bad row."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise InputFileError(name, f"the file is {size:,} bytes; at most {MAX_BYTES:,} are read")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(name, f"not UTF-8 (byte {exc.start}); save the file as UTF-8",
                             raw.count(b"\n", 0, exc.start) + 1) from None
    if "\x00" in text:
        raise InputFileError(name, "the file holds NUL characters: not a CSV text file",
                             text.count("\n", 0, text.index("\x00")) + 1)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader, [])]
    except csv.Error as exc:
        raise InputFileError(name, f"not CSV: {exc}", 1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputFileError(name, f"the header row lacks the column(s) {', '.join(missing)}; expected "
                                   f"{','.join(COLUMNS)}", 1)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputFileError(name, f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are "
                                   f"{', '.join(COLUMNS)}", 1)
    groups: dict[str, tuple[int, list[Term], list[str]]] = {}
    skipped: dict[str, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputFileError(name, f"not CSV: {exc}", line) from None
        start, line = line, reader.line_num + 1  # a quoted field may span lines: a row is named by its first
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputFileError(name, f"{len(row)} fields where the header has {len(header)}", start)
        values = dict(zip(header, (c.strip() for c in row), strict=False))
        key, tag, term = values.get("entry", ""), values.get("locale", ""), values.get("term", "")
        if not key or not tag or not term:
            raise InputFileError(name, "every row needs an entry, a locale and a term", start)
        locale = studio_locale(tag)
        if locale is None:
            skipped[tag] = skipped.get(tag, 0) + 1
            continue
        status_word = values.get("status", "").lower() or "preferred"
        try:
            status = TermStatus(status_word)
        except ValueError:
            raise InputFileError(name, f"unknown status {status_word!r}; use one of {', '.join(TermStatus)}",
                                 start) from None
        pos = _POS.get(values.get("part_of_speech", "").lower().replace(" ", ""))
        if pos is None:
            raise InputFileError(name, f"unknown part of speech {values['part_of_speech']!r}; use one of "
                                       f"{', '.join(p for p in PARTS_OF_SPEECH if p)}", start)
        first, terms, notes = groups.setdefault(key, (start, [], []))
        terms.append(Term(locale, _uncell(term), status, pos, _uncell(values.get("note", ""))))
        if values.get("entry_note"):
            notes.append(_uncell(values["entry_note"]))
    entries = []
    for first, terms, notes in groups.values():
        try:
            entries.append(checked_entry(EntryInput(tuple(terms), "\n".join(dict.fromkeys(notes)))))
        except ValidationError as exc:
            raise InputFileError(name, f"entry starting here: {exc}", first) from None
    if not entries and not skipped:
        raise InputFileError(name, "the file holds no terms", 1)
    return ReadGlossary(tuple(entries), tuple(sorted(skipped.items())))


def write_glossary_csv(path: Path | str, entries: Iterable[Entry]) -> int:
    """Write `entries` one row per term, with a byte-order mark so that spreadsheet programs read UTF-8; how many
    entries were written. Written to a temporary name and moved into place."""
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for entry in entries:
                if not entry.terms:
                    continue
                count += 1
                for i, term in enumerate(entry.terms):
                    writer.writerow([entry.id, term.locale, _cell(term.text), str(term.status),
                                     term.part_of_speech, _cell(term.note), _cell(entry.note) if i == 0 else ""])
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)  # written and moved: gone already; failed: no leftover
    return count


_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")
"""First characters `_cell` guards with an apostrophe: a spreadsheet runs a value starting with = + - @ (or with
a tab or carriage return before one) as a formula; a real leading apostrophe is guarded too, so that reading
takes exactly one off."""


def _cell(value: str) -> str:
    """A value a spreadsheet shows as text, not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in _GUARDED else value


def _uncell(value: str) -> str:
    """A value as `_cell` wrote it: the guarding apostrophe off. An apostrophe before anything else is the
    value's own ("'s-Hertogenbosch" from another tool)."""
    return value[1:] if value[:1] == "'" and value[1:2] in _GUARDED else value
