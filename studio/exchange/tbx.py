"""TBX glossaries: written as TBX v3 in the TBX-Basic dialect (ISO 30042:2019, DCA style), read from TBX v3 and from
the older TBX v2 / TBX-Basic `martif` files most termbase tools (memoQ, Trados MultiTerm exports, Weblate) write.

The mapping, both ways:

| Studio | TBX v3 (TBX-Basic) | TBX v2 (`martif`) |
| --- | --- | --- |
| entry | `conceptEntry` | `termEntry` |
| entry note | `note` in the `conceptEntry` (a `descrip type="definition"` is read as the note too) | same |
| locale | `langSec xml:lang` | `langSet xml:lang` |
| term | `termSec/term` | `tig/term`, `ntig/termGrp/term` |
| status | `termNote type="administrativeStatus"` (below) | same, or `normativeAuthorization` |
| part of speech | `termNote type="partOfSpeech"` | same |
| term note | `note` in the `termSec` | `note` in the `tig` |

Statuses: preferred is `preferredTerm-admn-sts`, admitted `admittedTerm-admn-sts`, forbidden
`deprecatedTerm-admn-sts`, discouraged `supersededTerm-admn-sts`; reading, ISO 12620's standardized, legal and
regulated terms count as preferred.

Languages are matched to the nine locales by their primary subtag (`en-GB` is en, `zh-CN` and `zh-Hans` are
zh-Hans); terms in other languages are skipped and counted, not refused: a termbase often holds more languages
than a portal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from studio.errors import InputFileError, ValidationError
from studio.exchange.untrusted_xml import line_of, read_xml
from studio.locales import LOCALES
from studio.memory.glossary import PARTS_OF_SPEECH, Entry, Term, TermStatus
from studio.memory.glossary_store import EntryInput, checked_entry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 64 * 1024 * 1024
"""A termbase of 200,000 concepts in nine languages is about 60 MB of TBX."""

STATUS_TO_TBX = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
    TermStatus.DISCOURAGED: "supersededTerm-admn-sts",
}
# What other tools write, TBX-Basic's values and ISO 12620's older normativeAuthorization ones.
_STATUS_FROM_TBX = {
    "preferred": TermStatus.PREFERRED, "standardized": TermStatus.PREFERRED, "legal": TermStatus.PREFERRED,
    "regulated": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "deprecated": TermStatus.FORBIDDEN, "forbidden": TermStatus.FORBIDDEN, "obsolete": TermStatus.FORBIDDEN,
    "superseded": TermStatus.DISCOURAGED,
}
"""By the value's stem: "preferredTerm-admn-sts", "preferredTerm" and "preferred" are the same."""
_POS_FROM_TBX = {p.lower(): p for p in PARTS_OF_SPEECH if p} | {"proper noun": "properNoun", "propernoun": "properNoun"}


@dataclass(frozen=True)
class ReadGlossary:
    """Entries read from a file, and how many terms were left out because their language is not one of the
    portal's (language -> count)."""

    entries: tuple[EntryInput, ...]
    skipped_languages: tuple[tuple[str, int], ...] = ()


def studio_locale(tag: str) -> str | None:
    """The portal locale for a BCP 47 language tag, or None when the portal has no such language (Traditional
    Chinese included: its terms are not the Simplified ones)."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        return None if any(p in ("hant", "tw", "hk", "mo") for p in parts[1:]) else "zh-Hans"
    return parts[0] if parts[0] in LOCALES else None


def read_tbx(path: Path | str) -> ReadGlossary:
    """The entries of a TBX file (v3, or v2 `martif`). InputFileError, naming the file and line, for anything
    that is not a glossary Studio can read."""
    name = str(path)
    root = read_xml(path, max_bytes=MAX_BYTES)
    local = etree.QName(root).localname
    if local == "tbx":
        concept, lang_section, term_section = "conceptEntry", "langSec", "termSec"
    elif local == "martif":
        concept, lang_section, term_section = "termEntry", "langSet", "tig|ntig"
    else:
        raise InputFileError(name, f"not a TBX file: the root element is <{local}>, not <tbx> or <martif>",
                             line_of(root))
    skipped: Counter[str] = Counter()
    entries: list[EntryInput] = []
    for el in root.iter(etree.Element):
        if etree.QName(el).localname == concept:
            entry = _read_concept(name, el, lang_section, term_section.split("|"), skipped)
            if entry is not None:
                entries.append(entry)
    if not entries and not skipped:
        raise InputFileError(name, f"the file holds no <{concept}> with a term", line_of(root))
    return ReadGlossary(tuple(entries), tuple(sorted(skipped.items())))


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname in names]


def _descrips(el: etree._Element) -> list[etree._Element]:
    """An element's `descrip`s, those inside a `descripGrp` (with their source or note) included."""
    return _children(el, "descrip") + [d for g in _children(el, "descripGrp") for d in _children(g, "descrip")]


def _term_notes(el: etree._Element) -> list[etree._Element]:
    """An element's `termNote`s, those inside a `termNoteGrp` (TBX v3) included."""
    return _children(el, "termNote") + [n for g in _children(el, "termNoteGrp") for n in _children(g, "termNote")]


def _text(el: etree._Element) -> str:
    """An element's text with any inline markup (`hi`, `foreign`) flattened."""
    return " ".join("".join(el.itertext()).split())


def _read_concept(name: str, el: etree._Element, lang_section: str, term_sections: list[str],
                  skipped: Counter[str]) -> EntryInput | None:
    notes = [_text(n) for n in _children(el, "note")]
    notes += [_text(d) for d in _descrips(el) if d.get("type") in ("definition", "context")]
    terms: list[Term] = []
    for lang in _children(el, lang_section):
        tag = lang.get(XML_LANG) or lang.get("lang") or ""
        if not tag:
            raise InputFileError(name, f"<{lang_section}> without xml:lang", line_of(lang))
        locale = studio_locale(tag)
        sections = [s for s in lang if isinstance(s.tag, str) and etree.QName(s).localname in term_sections]
        if locale is None:
            skipped[tag] += len(sections)
            continue
        notes += [_text(d) for d in _descrips(lang) if d.get("type") == "definition"]
        for section in sections:
            term = _read_term(name, section, locale)
            if term is not None:
                terms.append(term)
    if not terms:
        return None
    try:
        return checked_entry(EntryInput(tuple(terms), "\n".join(dict.fromkeys(n for n in notes if n))))
    except ValidationError as exc:
        raise InputFileError(name, f"<{etree.QName(el).localname}>: {exc}", line_of(el)) from None


def _read_term(name: str, section: etree._Element, locale: str) -> Term | None:
    holder = section
    groups = _children(section, "termGrp")  # TBX v2 ntig: term and termNotes inside a termGrp
    if groups:
        holder = groups[0]
    found = _children(holder, "term")
    if not found:
        raise InputFileError(name, f"<{etree.QName(section).localname}> without a <term>", line_of(section))
    text = _text(found[0])
    if not text:
        return None
    status = TermStatus.PREFERRED
    pos = ""
    for note in _term_notes(holder) + (_term_notes(section) if holder is not section else []):
        kind, value = note.get("type", ""), _text(note)
        if kind in ("administrativeStatus", "normativeAuthorization"):
            key = value.lower().removesuffix("-admn-sts").removesuffix("term")
            if key not in _STATUS_FROM_TBX:
                raise InputFileError(name, f"unknown {kind} {value!r} for term {text!r}", line_of(note))
            status = _STATUS_FROM_TBX[key]
        elif kind == "partOfSpeech":
            pos = _POS_FROM_TBX.get(value.lower(), "other")
    term_notes = [_text(n) for n in _children(section, "note") + _children(holder, "note")]
    term_notes += [_text(d) for d in _children(section, "descrip") if d.get("type") == "context"]
    return Term(locale, text, status, pos, "\n".join(dict.fromkeys(n for n in term_notes if n)))


def write_tbx(path: Path | str, entries: Iterable[Entry], *, title: str = "Studio glossary") -> int:
    """Write `entries` as TBX v3 (TBX-Basic, DCA style); how many concepts were written. The file is written
    whole to a temporary name and moved into place, so a failure never leaves half a file."""
    nsmap = {None: TBX_NS}
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap=nsmap)
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, _q("tbxHeader"))
    file_desc = etree.SubElement(header, _q("fileDesc"))
    title_stmt = etree.SubElement(file_desc, _q("titleStmt"))
    etree.SubElement(title_stmt, _q("title")).text = title
    source_desc = etree.SubElement(file_desc, _q("sourceDesc"))
    etree.SubElement(source_desc, _q("p")).text = "Exported by Studio, the Beijing portal's translation workstation"
    text = etree.SubElement(root, _q("text"))
    count = 0
    body: etree._Element | None = None
    for entry in entries:
        if not entry.terms:
            continue
        if body is None:
            body = etree.SubElement(text, _q("body"))
        concept = etree.SubElement(body, _q("conceptEntry"), id=f"c{entry.id}")
        if entry.note:
            etree.SubElement(concept, _q("note")).text = entry.note
        for locale in [code for code in LOCALES if any(t.locale == code for t in entry.terms)]:
            lang = etree.SubElement(concept, _q("langSec"))
            lang.set(XML_LANG, locale)
            for term in entry.in_locale(locale):
                section = etree.SubElement(lang, _q("termSec"))
                etree.SubElement(section, _q("term")).text = term.text
                status = etree.SubElement(section, _q("termNote"), type="administrativeStatus")
                status.text = STATUS_TO_TBX[TermStatus(term.status)]
                if term.part_of_speech:
                    etree.SubElement(section, _q("termNote"), type="partOfSpeech").text = term.part_of_speech
                if term.note:
                    etree.SubElement(section, _q("note")).text = term.note
        count += 1
    tree = etree.ElementTree(root)
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    # The TBX-Basic dialect is named by the xml-model processing instruction TBX v3 asks for.
    model = etree.ProcessingInstruction(
        "xml-model", 'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
        'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"')
    root.addprevious(model)
    try:
        tree.write(str(temporary), xml_declaration=True, encoding="UTF-8", pretty_print=True)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)  # written and moved: gone already; failed: no leftover
    return count


def _q(local: str) -> str:
    return f"{{{TBX_NS}}}{local}"
