"""XLIFF 2.1 (OASIS; namespace urn:oasis:names:tc:xliff:document:2.0, version 2.1), as memoQ, Trados, Okapi
and Weblate exchange it.

One <file> per document (id: the document's id, `original`: its slug, a note with its title); one <unit> per
segment, `id` the segment's id, `name` its field path, a note with the field's label, `studio:version` the cell's
version when exported and a hash of what it held ("N:hash", an extension attribute the schema allows on units,
repeated in the unit's <mda:metadata>, which tools that drop foreign attributes keep); one <segment> whose `state` maps
Studio's (missing, draft, outdated: initial; translated: translated; approved: final). Studio's placeholders
become inline codes with the markup in <originalData>: {n}...{/n} a <pc>, {n/} a <ph>; anything that does not
nest stays text, so reading the file back gives the same text; a character XML 1.0 cannot hold (U+FFFE, a C0
control) is a <cp>. Every <source> and <target> keeps its spaces (xml:space="preserve").

Reading accepts what tools make of such a file: units split into several segments (joined again, the least
advanced state counting; a unit translated only in part is marked so, and skipped), <sc>/<ec> instead of <pc>,
<mrk> annotations (their text kept), <cp> code points (a surrogate, which is no character, is refused).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from studio.errors import InputFileError, StudioError
from studio.exchange.units import (
    MAX_UNITS,
    STUDIO_NS,
    XLIFF2_CONFIRMED,
    XLIFF2_STATE,
    XML_FORBIDDEN,
    ExportSet,
    ExportUnit,
    Node,
    Pair,
    ReturnedFile,
    ReturnedUnit,
    Void,
    inline_tree,
    lay_out,
    parse_version_tag,
    studio_locale,
    xml_note,
)
from studio.exchange.untrusted_xml import line_of
from studio.locales import LOCALES

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
_MDA = f"{{{MDA_NS}}}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_X = f"{{{NS}}}"
_SPACE = f"{{{XML_NS}}}space"
_VERSION = f"{{{STUDIO_NS}}}version"
_STATE_ORDER = ("initial", "translated", "reviewed", "final")
_SURROGATE = re.compile("[\ud800-\udfff]")


def write(export: ExportSet, now: datetime) -> bytes:
    root = etree.Element(f"{_X}xliff", nsmap={None: NS, "studio": STUDIO_NS, "mda": MDA_NS})
    root.set("version", "2.1")
    root.set("srcLang", export.source_locale)
    root.set("trgLang", export.locale)
    for doc in export.documents:
        file = etree.SubElement(root, f"{_X}file", id=f"d-{doc.id}", original=doc.slug)
        if LOCALES[export.locale].is_rtl:  # tools lay out Arabic targets right to left from the start
            file.set("trgDir", "rtl")
        _notes(file, [("document", f"{doc.title} ({doc.slug}; {doc.type} in {doc.section})")])
        for unit in doc.units:
            if _SURROGATE.search(unit.source) or _SURROGATE.search(unit.target):
                raise StudioError(f"{doc.slug} {unit.field_path} ({export.locale}) holds a lone surrogate, which no "
                                  "file can carry: correct the text in Studio")
            _unit(file, unit)
    lay_out(root, {"xliff", "file", "notes", "unit", "originalData", "segment", "metadata", "metaGroup"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _notes(parent: etree._Element, notes: Sequence[tuple[str, str]]) -> None:
    holder = etree.SubElement(parent, f"{_X}notes")
    for category, text in notes:
        etree.SubElement(holder, f"{_X}note", category=category).text = xml_note(text)


def _unit(file: etree._Element, unit: ExportUnit) -> None:
    element = etree.SubElement(file, f"{_X}unit", id=str(unit.segment_id), name=xml_note(unit.field_path))
    element.set(_VERSION, unit.version_tag)
    group = etree.SubElement(etree.SubElement(element, f"{_MDA}metadata"), f"{_MDA}metaGroup", category="studio")
    etree.SubElement(group, f"{_MDA}meta", type="version").text = unit.version_tag
    notes = [("field", f"{unit.field_label} ({unit.field_path})")]
    if unit.previous_source and unit.target:
        notes.append(("previous-source", unit.previous_source))
    _notes(element, notes)
    known = [token for token in unit.placeholders if token in unit.source]
    source_tree = inline_tree(unit.source, known)
    used = _numbers(source_tree)
    if used:
        data = etree.SubElement(element, f"{_X}originalData")
        for number, kind in sorted(used.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 0):
            if kind == "void":
                _data(data, f"d{number}", unit.placeholders.get(f"{{{number}/}}"))
            else:
                _data(data, f"d{number}", unit.placeholders.get(f"{{{number}}}"))
                _data(data, f"d{number}e", unit.placeholders.get(f"{{/{number}}}"))
    segment = etree.SubElement(element, f"{_X}segment", state=XLIFF2_STATE[unit.state])
    source = etree.SubElement(segment, f"{_X}source")
    source.set(_SPACE, "preserve")
    _fill(source, source_tree)
    if unit.target:
        target = etree.SubElement(segment, f"{_X}target")
        target.set(_SPACE, "preserve")
        # Only codes the source has, each once and properly nested, become inline codes in the target.
        _fill(target, inline_tree(unit.target, [t for t in known if _usable(t, used)]))


def _data(parent: etree._Element, data_id: str, markup: str | None) -> None:
    element = etree.SubElement(parent, f"{_X}data", id=data_id)
    _text(element, None, markup or "")


def _text(parent: etree._Element, last: etree._Element | None, text: str) -> etree._Element | None:
    """Append `text` after `last` (None: at the start of `parent`), each character XML cannot hold as a <cp>;
    returns the new last child."""
    pos = 0
    for m in XML_FORBIDDEN.finditer(text):
        last = _append(parent, last, text[pos:m.start()])
        last = etree.SubElement(parent, f"{_X}cp", hex=f"{ord(m.group()):04X}")
        pos = m.end()
    _append(parent, last, text[pos:])
    return last


def _append(parent: etree._Element, last: etree._Element | None, text: str) -> etree._Element | None:
    if text:
        if last is None:
            parent.text = (parent.text or "") + text
        else:
            last.tail = (last.tail or "") + text
    return last


def _numbers(tree: Sequence[Node]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree:
        if isinstance(node, Void):
            found[node.number] = "void"
        elif isinstance(node, Pair):
            found[node.number] = "pair"
            found.update(_numbers(node.content))
    return found


def _usable(token: str, used: dict[str, str]) -> bool:
    if token.endswith("/}"):
        return used.get(token[1:-2]) == "void"
    number = token[2:-1] if token.startswith("{/") else token[1:-1]
    return used.get(number) == "pair"


def _fill(parent: etree._Element, tree: Sequence[Node]) -> None:
    last: etree._Element | None = None
    for node in tree:
        if isinstance(node, str):
            last = _text(parent, last, node)
            continue
        if isinstance(node, Void):
            last = etree.SubElement(parent, f"{_X}ph", id=node.number, dataRef=f"d{node.number}")
        else:
            last = etree.SubElement(parent, f"{_X}pc", id=node.number, dataRefStart=f"d{node.number}",
                                    dataRefEnd=f"d{node.number}e")
            _fill(last, node.content)


# --- reading ------------------------------------------------------------------------------------------------------

def read(path: str, root: etree._Element) -> ReturnedFile:
    """The units of a returned XLIFF 2 file (its parsed root)."""
    if root.tag != f"{_X}xliff":
        raise InputFileError(path, f"not an XLIFF 2 file: the root element is <{etree.QName(root).localname}>",
                             line_of(root))
    target_language = root.get("trgLang")
    if not target_language:
        raise InputFileError(path, "the file names no target language (trgLang on <xliff>)", line_of(root))
    locale = studio_locale(target_language) or target_language
    units: list[ReturnedUnit] = []
    for unit in root.iter(f"{_X}unit"):
        if len(units) >= MAX_UNITS:
            raise InputFileError(path, f"the file has more than {MAX_UNITS:,} units, more than Studio reads from "
                                       "one file: split it", line_of(unit))
        file = next((a for a in unit.iterancestors(f"{_X}file")), None)
        sources: list[str] = []
        targets: list[str] = []
        states: list[str] = []
        for part in unit:
            if part.tag not in (f"{_X}segment", f"{_X}ignorable"):
                continue
            source = part.find(f"{_X}source")
            target = part.find(f"{_X}target")
            if source is None:
                raise InputFileError(path, f"unit {unit.get('id')!r} has a segment without <source>", line_of(part))
            sources.append(text_of(source, path))
            # An ignorable (whitespace between segments) may go without a target: its source stands for it.
            targets.append(text_of(target, path) if target is not None else
                           (sources[-1] if part.tag == f"{_X}ignorable" else ""))
            if part.tag == f"{_X}segment":
                states.append(part.get("state", "initial"))
        state = min(states, key=lambda s: _STATE_ORDER.index(s) if s in _STATE_ORDER else 0, default="initial")
        has_target = [p.find(f"{_X}target") is not None for p in unit if p.tag == f"{_X}segment"]
        translated = any(has_target)
        version, digest = parse_version_tag(unit.get(_VERSION) or _meta_version(unit))
        units.append(ReturnedUnit(
            path, line_of(unit), unit.get("id", ""), locale, "".join(sources),
            "".join(targets) if translated else "", confirmed=state in XLIFF2_CONFIRMED,
            version=version, fingerprint=digest, document=file.get("original", "") if file is not None else "",
            partial=translated and not all(has_target)))
    return ReturnedFile(path, "xliff", tuple(units))


def _meta_version(unit: etree._Element) -> str | None:
    """The version tag kept in the unit's metadata, for a tool that dropped the studio:version attribute."""
    for meta in unit.iterfind(f"{_MDA}metadata/{_MDA}metaGroup[@category='studio']/{_MDA}meta[@type='version']"):
        return meta.text
    return None


def text_of(element: etree._Element, path: str = "") -> str:
    """The text of a <source> or <target> with its inline codes as Studio's placeholders."""
    out: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction: its tail is still text
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        number = child.get("id", "")
        if name == "ph":
            out.append(f"{{{number}/}}")
        elif name == "pc":
            out.append(f"{{{number}}}{text_of(child, path)}{{/{number}}}")
        elif name == "sc":
            out.append(f"{{{number}}}")
        elif name == "ec":
            out.append(f"{{/{child.get('startRef') or number}}}")
        elif name == "cp":
            out.append(_code_point(child, path))
        elif name in ("mrk", "sm", "em"):
            out.append(text_of(child, path) if name == "mrk" else "")
        else:
            out.append(text_of(child, path))
        out.append(child.tail or "")
    return "".join(out)


def _code_point(element: etree._Element, path: str) -> str:
    """The character of a <cp hex="...">. One that is no character (a surrogate, beyond U+10FFFF, not hex) is
    refused: kept, it could neither be stored nor printed. A control character is returned, and the import
    skips its unit with the reason, as for any text Studio never stores."""
    value = element.get("hex", "")
    code = int(value, 16) if 0 < len(value) <= 6 and all(c in "0123456789abcdefABCDEF" for c in value) else -1
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise InputFileError(path, f'<cp hex="{value[:12]}"> names no Unicode character', line_of(element))
    return chr(code)
