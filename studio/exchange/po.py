"""Gettext PO files through polib, as Poedit, Weblate and every CAT tool read them.

One entry per segment: `msgctxt` is the segment's id (stable across source edits that keep the sentence, and
unique, so msgctxt + msgid never repeat); the extracted comments (`#.`) name the document (title and slug) and
the field (its label and path) and carry `studio-version: N:hash`, the cell's version when exported and a hash of
what it held, which an import compares to tell a change made in Studio since from one made in the file; the
reference (`#:`) is `slug:field-path`, which tools show as the place of the string. Drafts and outdated cells
are `fuzzy`; an outdated one has its old source as the previous msgid (`#| msgid`), as `msgmerge` leaves it, so
Poedit shows what changed. The header has Language, UTF-8 and the locale's Plural-Forms, so `msgfmt -c` accepts
the file. Reading refuses a header charset that is no file's encoding (punycode, idna, the escape codecs, UTF-7)
and a file of more than MAX_UNITS entries.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime

import polib

from studio.errors import InputFileError
from studio.exchange.units import (
    MAX_FILE_BYTES,
    MAX_UNITS,
    ExportSet,
    ReturnedFile,
    ReturnedUnit,
    is_fuzzy,
    parse_version_tag,
    studio_locale,
)
from studio.locales import LOCALES

# gettext's plural rules of the portal's languages (the facts the gettext manual and CLDR publish).
PLURAL_FORMS = {
    "zh-Hans": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}
VERSION_NOTE = "studio-version:"
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]{1,40})")
_LINE = re.compile(r"\(line (\d+)\)")


def gettext_language(locale: str) -> str:
    """The locale as gettext writes it in a Language header (zh_Hans for zh-Hans)."""
    return locale.replace("-", "_")


def write(export: ExportSet, now: datetime) -> bytes:
    """The PO file of one export set."""
    # Not wrapped (like msgcat --no-wrap): long lines diff better, and wrapping is most of the writing time.
    catalogue = polib.POFile(wrapwidth=0)
    stamp = now.strftime("%Y-%m-%d %H:%M+0000")
    sources = sorted({doc.source_locale for doc in export.documents})
    catalogue.header = (f"Translations of the Beijing international portal into {LOCALES[export.locale].english_name}"
                        f", exported by Studio.\nSource language: {', '.join(sources)}.")
    catalogue.metadata = {
        "Project-Id-Version": "Beijing international portal",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": LOCALES[export.locale].english_name,
        "Language": gettext_language(export.locale),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(export.locale, "nplurals=2; plural=(n != 1);"),
        "X-Generator": "Studio",
    }
    if len(sources) == 1:
        catalogue.metadata["X-Source-Language"] = gettext_language(sources[0])
    for doc in export.documents:
        for unit in doc.units:
            flags = ["fuzzy"] if unit.target and is_fuzzy(unit.state) else []
            if unit.target and not flags and not _same_line_ends(unit.source, unit.target):
                # msgfmt -c refuses a confirmed entry whose msgid and msgstr differ in a leading or trailing
                # line break; as fuzzy, it is still exported (and read back) whole.
                flags = ["fuzzy"]
            entry = polib.POEntry(
                msgctxt=str(unit.segment_id), msgid=unit.source, msgstr=unit.target, flags=flags,
                comment=f"Document: {doc.title} ({doc.slug})\nField: {unit.field_label} ({unit.field_path})\n"
                        f"{VERSION_NOTE} {unit.version_tag}",
                occurrences=[(f"{doc.slug}:{unit.field_path}", "")],
                previous_msgid=unit.previous_source if unit.target and unit.previous_source else None)
            catalogue.append(entry)
    return catalogue.__unicode__().encode("utf-8")


def _same_line_ends(source: str, target: str) -> bool:
    return (source.startswith("\n") == target.startswith("\n")) and (source.endswith("\n") == target.endswith("\n"))


class _Lines(str):
    """What polib is given to parse: the content's lines, split at line feeds only.

    polib splits a string with `str.splitlines`, which also ends a line at U+2028, U+0085 and form feeds that
    may stand inside a quoted text; and it treats a string naming an existing file as that file's path. The
    string's own value here is a NUL character, which no path holds, and the lines are given apart."""

    lines: list[str]

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.lines


def read(path: str, data: bytes) -> ReturnedFile:
    """The units of a returned PO file; `InputFileError` naming the file and line if it is not valid PO."""
    if len(data) > MAX_FILE_BYTES:
        raise InputFileError(path, f"the file is {len(data):,} bytes; at most {MAX_FILE_BYTES:,} are read")
    text = _decode(path, data)
    if "\x00" in text:
        raise InputFileError(path, "a PO file holds no NUL characters: this is not a PO file",
                             text.count("\n", 0, text.index("\x00")) + 1)
    lines = _Lines("\x00")
    lines.lines = text.split("\n")
    _check_strings(path, lines.lines)
    try:
        catalogue = polib.pofile(lines, encoding="utf-8")
    except Exception as exc:
        found = _LINE.search(str(exc))
        raise InputFileError(path, "not a valid PO file (syntax error)", int(found.group(1)) if found else None) \
            from None
    language = catalogue.metadata.get("Language", "").strip()
    if not language:
        raise InputFileError(path, "the PO header names no Language: Studio cannot tell which translations these "
                                   "are (add e.g. 'Language: fr')", 1)
    locale = studio_locale(language) or language
    units: list[ReturnedUnit] = []
    for entry in catalogue:
        version, digest = _version(entry.comment)
        if entry.msgid_plural:
            raise InputFileError(path, "plural entries (msgid_plural) are not Studio's: this file was not exported "
                                       "by Studio", entry.linenum)
        units.append(ReturnedUnit(path, entry.linenum, entry.msgctxt or "", locale, entry.msgid, entry.msgstr,
                                  confirmed="fuzzy" not in entry.flags, version=version, fingerprint=digest,
                                  document=_document(entry.occurrences), obsolete=bool(entry.obsolete)))
    return ReturnedFile(path, "po", tuple(units))


_KEYWORD = re.compile(r"(?:#[~|]\s*)*(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*')


def _check_strings(path: str, lines: list[str]) -> None:
    """Every quoted string of the file closed, with its inner quotes escaped: polib reads `msgstr "b` as an
    empty string without a word, and msgfmt would refuse it. One linear pass; the regular expressions match
    at a known position and cannot backtrack. Also counts the entries: past MAX_UNITS (and the header) the file
    is refused before polib makes an object of each."""
    entries = 0
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            continue
        if stripped.startswith("msgid ") or stripped.startswith("msgid\""):
            entries += 1
            if entries > MAX_UNITS + 1:
                raise InputFileError(path, f"the file has more than {MAX_UNITS:,} entries, more than Studio reads "
                                           "from one file: split it", number)
        keyword = _KEYWORD.match(stripped)
        rest = keyword.end() if keyword else 0
        if rest < len(stripped) and stripped[rest] == '"' and _STRING.fullmatch(stripped, rest) is None:
            raise InputFileError(path, "not a valid PO file: a quoted string is not closed, or holds an unescaped "
                                       "quote", number)


# Codecs Python counts as text encodings that are no charset of a file: they decode escapes or ASCII-compatible
# encodings of other text (and punycode decodes in quadratic time).
_NOT_CHARSETS = frozenset(codecs.lookup(name).name for name in
                          ("punycode", "idna", "unicode_escape", "raw_unicode_escape", "utf-7"))


def _decode(path: str, data: bytes) -> str:
    head = data[:4096]
    found = _CHARSET.search(head)
    charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.upper() == "CHARSET":  # xgettext's template placeholder
        charset = "utf-8"
    header_line = data.count(b"\n", 0, found.start()) + 1 if found else None
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        codec = None
    if codec is None or not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_CHARSETS:
        raise InputFileError(path, f"the header names {charset!r}, which is not a charset Studio reads; save the "
                                   "file as UTF-8", header_line)
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"the file is not valid {charset}; save it as UTF-8",
                             data.count(b"\n", 0, exc.start) + 1) from None
    except UnicodeError:  # a codec's own complaint about its input
        raise InputFileError(path, f"the file is not valid {charset}; save it as UTF-8", header_line) from None


def _version(comment: str) -> tuple[int | None, str | None]:
    for line in comment.splitlines():
        if line.startswith(VERSION_NOTE):
            return parse_version_tag(line[len(VERSION_NOTE):])
    return None, None


def _document(occurrences: list[tuple[str, str]]) -> str:
    return occurrences[0][0].split(":", 1)[0] if occurrences else ""
