"""TMX 1.4b: the translation memory in and out.

Import reads what other tools write: OmegaT (`srclang` a language, props and notes), Trados (`srclang` with a
region, `x-ConfirmationLevel` props), memoQ and others with `srclang="*all*"`, TMX 1.1's `lang` attribute, inline
codes (`bpt`, `ept`, `ph`, `it`, `ut` are the original document's formatting and are left out, as is `sub`; `hi`
keeps its text), line-wrapped <seg>s of pretty-printing tools (see `unwrapped`; Studio's own files are read
exactly), UTF-8 and UTF-16 files with a byte order mark. Language tags are BCP 47 and their common variants
(`zh-CN`, `zh_CN`, `ZH-CN`, `zh-Hans-CN`, `en-US`, `EN-GB`); a language Studio does not translate (Portuguese,
traditional Chinese) is counted in the report and left out. A file that is not TMX, or breaks it, raises one
`InputFileError` naming the file and the line; the files are all read before anything is stored, so a bad one
stores nothing.

Export writes every confirmed and approved translation (one unit per segment, its translations together, with
its content type, field and neighbours as props, so that a later import gives matches in context) and every
imported unit, valid against the TMX 1.4 DTD, with `srclang` on every unit. A text holding a character XML 1.0
cannot carry is refused by name (document, field, locale) and nothing is written.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from studio import __version__ as studio_version
from studio.db import CJK_LETTERS
from studio.errors import InputFileError, StudioError
from studio.exchange.untrusted_xml import line_of, read_xml
from studio.locales import CHINESE, LOCALE_CODES
from studio.memory.units import ExportUnit, NewUnit
from studio.unsafe_characters import NEVER_STORED

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CJK = re.compile(f"[{CJK_LETTERS}]")
# What XML 1.0 cannot carry at all, not even as a character reference: most C0 controls, surrogates, U+FFFE/FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The original document's formatting codes, and <sub> (a footnote's or an attribute's own text, another flow):
# left out of the sentence.
_NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})
# Props that other tools use for a unit's state, and the values that mean "not confirmed".
_STATE_PROPS = frozenset({"x-studio-state", "x-state", "x-status", "x-confirmationlevel", "state", "status"})
_DRAFT_VALUES = frozenset({"draft", "unconfirmed", "unspecified", "new", "needs-review", "needs-translation",
                           "needs-review-translation", "fuzzy", "rejectedtranslation", "rejectedsignoff",
                           "rejected", "not-translated", "pretranslated", "pre-translated"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
# Studio's Chinese is written zh-CN in exported files: the tag OmegaT, Trados and memoQ all map to simplified
# Chinese (some of them do not read zh-Hans); every other locale is its plain language subtag.
_EXPORT_TAGS = {CHINESE: "zh-CN"}


def studio_locale(tag: str) -> str | None:
    """Studio's locale for a language tag of a TMX file (BCP 47 or a common variant), None if not one of ours."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    language, rest = parts[0], set(parts[1:])
    if language == "zh":
        # The script says how it is written, the region only where: zh-Hans-HK is simplified, zh-Hant-CN not.
        if "hans" in rest:
            return CHINESE
        return None if rest & _TRADITIONAL else CHINESE
    return language if language in LOCALE_CODES and language != "zh" else None


def tmx_language(locale: str) -> str:
    """The language tag written for a Studio locale."""
    return _EXPORT_TAGS.get(locale, locale)


@dataclass
class TmxImport:
    """What an import of TMX files did: units added, units the memory already had, and what was left out (units
    in a language Studio does not translate, counted by the file's tag; units with no usable source)."""

    files: int = 0
    added: int = 0
    already: int = 0
    read: int = 0
    skipped_languages: Counter[str] = field(default_factory=Counter)
    skipped_units: int = 0

    @property
    def summary(self) -> str:
        parts = [f"{self.added} unit(s) added to the memory from {self.files} file(s)"]
        if self.already:
            parts.append(f"{self.already} already there")
        if self.skipped_languages:
            langs = ", ".join(f"{tag} ({count})" for tag, count in sorted(self.skipped_languages.items()))
            parts.append(f"left out, not a Studio language: {langs}")
        if self.skipped_units:
            parts.append(f"{self.skipped_units} unit(s) without a source text left out")
        return "; ".join(parts)


@dataclass
class _Read:
    units: list[NewUnit] = field(default_factory=list)
    skipped_languages: Counter[str] = field(default_factory=Counter)
    skipped_units: int = 0


def read_tmx(path: Path | str, report: TmxImport | None = None) -> list[NewUnit]:
    """The units of the TMX file at `path`, as (source locale, target locale) pairs; what was left out is counted
    in `report`. Raises `InputFileError` for a file that is not TMX or breaks it."""
    name = str(path)
    root = read_xml(path)
    if not isinstance(root.tag, str) or etree.QName(root).localname != "tmx" or etree.QName(root).namespace:
        found = root.tag if isinstance(root.tag, str) else "?"  # with its namespace: "<{uri}tmx>, not <tmx>"
        raise InputFileError(name, f"not a TMX file: the document is <{found}>, not <tmx>", line_of(root))
    header = root.find("header")
    body = root.find("body")
    if header is None:
        raise InputFileError(name, "not a TMX file: <tmx> has no <header>", line_of(root))
    if body is None:
        raise InputFileError(name, "not a TMX file: <tmx> has no <body>", line_of(root))
    srclang = (header.get("srclang") or "*all*").strip()
    tool = " ".join(filter(None, (header.get("creationtool"), header.get("creationtoolversion")))) or None
    file_name = Path(name).name
    read = _Read()
    exact = header.get("creationtool") == "Studio"
    for tu in body.iterchildren("tu"):
        _read_unit(name, file_name, tu, srclang, tool, read, exact)
    if report is not None:
        report.read += len(read.units)
        report.skipped_languages.update(read.skipped_languages)
        report.skipped_units += read.skipped_units
    return read.units


def _read_unit(name: str, file_name: str, tu: etree._Element, srclang: str, tool: str | None, read: _Read,
               exact: bool) -> None:
    variants: list[tuple[str, str, etree._Element]] = []
    for tuv in tu.iterchildren("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        if not lang or not lang.strip():
            raise InputFileError(name, "a <tuv> has no xml:lang: every variant of a unit names its language",
                                 line_of(tuv))
        seg = tuv.find("seg")
        if seg is None:
            raise InputFileError(name, "a <tuv> has no <seg>", line_of(tuv))
        text = _seg_text(seg)
        if not exact:
            text = unwrapped(text)
        bad = NEVER_STORED.search(text)
        if bad:
            raise InputFileError(name, f"a text holds U+{ord(bad.group()):04X}, a control character or bidi override "
                                       "that Studio never stores", line_of(seg))
        variants.append((lang.strip(), text, tuv))
    if not variants:
        return
    wanted = (tu.get("srclang") or srclang).strip()
    source = _source_variant(variants, wanted)
    if source is None or not source[1]:
        read.skipped_units += 1
        return
    source_locale = studio_locale(source[0])
    if source_locale is None:
        read.skipped_languages[source[0]] += 1
        return
    props = _props(tu)
    notes = [n.text.strip() for n in tu.iterchildren("note") if n.text and n.text.strip()]
    created_at = _date(tu.get("changedate") or tu.get("creationdate"))
    for lang, text, tuv in variants:
        if tuv is source[2] or not text:
            continue
        target = studio_locale(lang)
        if target is None:
            read.skipped_languages[lang] += 1
            continue
        if target == source_locale:
            continue
        own = _props(tuv)
        states = {v.lower() for k, v in (*props.items(), *own.items()) if k.lower() in _STATE_PROPS}
        read.units.append(NewUnit(
            source_locale, target, source[1], text, file_name, draft=bool(states & _DRAFT_VALUES),
            document_type=_short(props.get("x-studio-document-type"), 40),
            field_path=_short(props.get("x-studio-field"), 120),
            context_before=props.get("x-context-pre"), context_after=props.get("x-context-post"),
            note="\n".join(notes) or None, tool=_short(tool, 120),
            created_by=_short(tuv.get("changeid") or tuv.get("creationid") or tu.get("changeid")
                              or tu.get("creationid"), 120),
            created_at=_date(tuv.get("changedate") or tuv.get("creationdate")) or created_at))


def _source_variant(variants: list[tuple[str, str, etree._Element]],
                    srclang: str) -> tuple[str, str, etree._Element] | None:
    """The variant the unit translates from: the one in `srclang`; with `*all*` (memoQ and others), the Chinese one
    if there is one (Studio's sources are Chinese), else the first."""
    if srclang.lower() == "*all*":
        return next((v for v in variants if studio_locale(v[0]) == CHINESE), variants[0])
    exact = next((v for v in variants if v[0].lower().replace("_", "-") == srclang.lower().replace("_", "-")), None)
    if exact is not None:
        return exact
    # "zh-CN" in the header, "zh-Hans" or "ZH" on the variant: the same language to Studio.
    locale = studio_locale(srclang)
    if locale is None:
        return next((v for v in variants if v[0].split("-")[0].lower() == srclang.split("-")[0].lower()), None)
    return next((v for v in variants if studio_locale(v[0]) == locale), None)


_WRAP = re.compile(r"\s*\n\s*")


def unwrapped(text: str) -> str:
    """The text of another tool's <seg>, which may be pretty-printed: outer white space left out, and a line break
    with the indentation around it read as one space, or as nothing between two CJK letters (Chinese and Japanese
    put no space between words). Studio's own files are read exactly: a translation's spaces are its own."""
    inner = text.strip()

    def join(m: re.Match[str]) -> str:
        before, after = inner[m.start() - 1:m.start()], inner[m.end():m.end() + 1]
        return "" if _CJK.match(before) and _CJK.match(after) else " "
    return _WRAP.sub(join, inner)


def _seg_text(seg: etree._Element) -> str:
    """The text of a <seg>: its characters and those of <hi>, without the native codes of bpt/ept/ph/it/ut."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str):
            tag = etree.QName(child).localname
            if tag not in _NATIVE_CODES:
                parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _props(element: etree._Element) -> dict[str, str]:
    return {p.get("type", ""): (p.text or "").strip() for p in element.iterchildren("prop")}


def _short(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


def _date(value: str | None) -> datetime | None:
    """A TMX date (YYYYMMDDThhmmssZ); anything else, which some tools write, is no date rather than an error."""
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


# --- export -----------------------------------------------------------------------------------------------------

def _text(value: str) -> str:
    # A carriage return as a reference: a parser turns a literal one (and \r\n) into \n.
    return html.escape(value, quote=False).replace("\r", "&#13;")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _stamp(value: datetime | None) -> str:
    return (value or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def write_tmx(path: Path | str, units: Iterable[ExportUnit]) -> int:
    """Write `units` as a TMX 1.4b file at `path` (replaced whole, never left half-written); returns the number of
    units written. The header's srclang is the units' source language, or `*all*` when they have several."""
    units = list(units)
    sources = {u.source_locale for u in units}
    srclang = tmx_language(next(iter(sources))) if len(sources) == 1 else "*all*"
    if not sources:
        srclang = tmx_language(CHINESE)
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".tmx-", dir=target.parent or Path("."))
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<tmx version="1.4">\n'
                      f'<header creationtool="Studio" creationtoolversion="{_attr(studio_version)}" '
                      f'segtype="sentence" o-tmf="Studio" adminlang="en" srclang="{srclang}" '
                      f'datatype="plaintext" creationdate="{_stamp(None)}"/>\n<body>\n')
            written = 0
            chunk: list[str] = []
            for unit in units:
                _refuse_what_xml_cannot_carry(unit)
                chunk.append(_unit_xml(unit))
                written += 1
                if len(chunk) >= 2000:
                    out.write("".join(chunk))
                    chunk.clear()
            out.write("".join(chunk))
            out.write("</body>\n</tmx>\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _refuse_what_xml_cannot_carry(unit: ExportUnit) -> None:
    """Refuse, naming the document, field and locale, a unit holding a character XML 1.0 cannot carry (written by
    an older Studio or a script: the cell write refuses them now). Refused rather than dropped: a translation
    exported without a character it had would be imported elsewhere as if it were whole."""
    pieces = [(unit.source_locale, unit.source), *unit.targets.items(),
              *((unit.source_locale, t) for t in (unit.context_before, unit.context_after, unit.note) if t)]
    for locale, text in pieces:
        bad = _NOT_XML.search(text)
        if bad:
            where = f"document {unit.origin}" if unit.origin else "a unit"
            raise StudioError(f"cannot export the memory: {where}, field {unit.field_path or '-'}, {locale}: "
                              f"the text holds U+{ord(bad.group()):04X}, which XML cannot carry; correct that "
                              "translation and export again (nothing was written)")


def _unit_xml(unit: ExportUnit) -> str:
    props = [("x-studio-document-type", unit.document_type), ("x-studio-field", unit.field_path),
             ("x-context-pre", unit.context_before), ("x-context-post", unit.context_after),
             ("x-studio-origin", unit.origin)]
    # srclang on every unit: a header of "*all*" (units of English documents beside Chinese ones) would leave the
    # reader to guess which variant is the source.
    parts = [f'<tu srclang="{tmx_language(unit.source_locale)}" creationdate="{_stamp(unit.changed)}">']
    if unit.note:
        parts.append(f"<note>{_text(unit.note)}</note>")
    parts += [f'<prop type="{kind}">{_text(value)}</prop>' for kind, value in props if value is not None]
    parts.append(f'<tuv xml:lang="{tmx_language(unit.source_locale)}"><seg>{_text(unit.source)}</seg></tuv>')
    for locale, text in unit.targets.items():
        state = unit.states.get(locale)
        prop = f'<prop type="x-studio-state">{state}</prop>' if state else ""
        parts.append(f'<tuv xml:lang="{tmx_language(locale)}">{prop}<seg>{_text(text)}</seg></tuv>')
    parts.append("</tu>\n")
    return "".join(parts)


def read_all(paths: Sequence[Path]) -> tuple[list[NewUnit], TmxImport]:
    """Every unit of every file, read before anything is stored; the report counts what was left out."""
    report = TmxImport(files=len(paths))
    units: list[NewUnit] = []
    for path in paths:
        units += read_tmx(path, report)
    return units, report
