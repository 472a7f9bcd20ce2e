"""XLIFF 1.2 (OASIS, valid against the strict schema), for the tools and agencies still on it (older Trados and
memoQ set-ups, many translation management systems).

One <file> per document (`original` its slug, source and target language, a header note with its title); one
<trans-unit> per segment: `id` the segment's id, `resname` its field path, `extradata` the cell's version when
exported and a hash of what it held ("studio-version=N:hash": the strict schema allows no foreign attributes, and
extradata is the attribute XLIFF 1.2 keeps for a tool's own data), `approved="yes"` on approved cells, <target
state> mapped from Studio's (draft, outdated: needs-review-translation; translated; approved: final), notes with
the field's label and, for an outdated cell, its old source. Placeholders become <g> (a pair, nested properly)
and <x/> (void); in a target, a pair the translation broke apart becomes <bx/>...<ex/> when both halves are there
in order, and a lone or reversed half <it pos="open|close"/>. The markup itself stays in Studio.

XLIFF 1.2 has no way to write a character XML 1.0 cannot hold (U+FFFE, a C0 control): such a text stops the
export with the document, field and language to correct (XLIFF 2 and PO carry it).

Reading: a target's own state decides whether it is a translation; `approved="yes"` counts only for a target
without one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from studio.errors import InputFileError, StudioError
from studio.exchange.units import (
    MAX_UNITS,
    XLIFF12_CONFIRMED,
    XLIFF12_STATE,
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
from studio.states import CellState

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_X = f"{{{NS}}}"
_SPACE = f"{{{XML_NS}}}space"
VERSION_DATA = "studio-version="


def write(export: ExportSet, now: datetime) -> bytes:
    root = etree.Element(f"{_X}xliff", nsmap={None: NS})
    root.set("version", "1.2")
    for doc in export.documents:
        file = etree.SubElement(root, f"{_X}file", original=doc.slug, datatype="plaintext")
        file.set("source-language", doc.source_locale)
        file.set("target-language", export.locale)
        file.set("tool-id", "studio")
        header = etree.SubElement(file, f"{_X}header")
        etree.SubElement(header, f"{_X}tool", {"tool-id": "studio", "tool-name": "Studio"})
        etree.SubElement(header, f"{_X}note", {"from": "studio"}).text = xml_note(
            f"{doc.title} ({doc.slug}; {doc.type} in {doc.section})")
        body = etree.SubElement(file, f"{_X}body")
        for unit in doc.units:
            for side, text in (("source", unit.source), ("translation", unit.target)):
                if bad := XML_FORBIDDEN.search(text):
                    raise StudioError(f"{doc.slug} {unit.field_path} ({export.locale}): the {side} holds "
                                      f"U+{ord(bad.group()):04X}, which XLIFF 1.2 cannot carry; correct it in "
                                      "Studio, or export as XLIFF 2 or PO")
            _unit(body, unit)
    lay_out(root, {"xliff", "file", "header", "body", "trans-unit"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _unit(body: etree._Element, unit: ExportUnit) -> None:
    element = etree.SubElement(body, f"{_X}trans-unit", id=str(unit.segment_id), resname=xml_note(unit.field_path),
                               extradata=f"{VERSION_DATA}{unit.version_tag}")
    element.set(_SPACE, "preserve")
    if unit.state == CellState.APPROVED:
        element.set("approved", "yes")
    known = [token for token in unit.placeholders if token in unit.source]
    source = etree.SubElement(element, f"{_X}source")
    _fill(source, inline_tree(unit.source, known))
    if unit.target:
        target = etree.SubElement(element, f"{_X}target", state=XLIFF12_STATE[unit.state])
        _fill(target, _with_broken_pairs(unit.target, known))
    etree.SubElement(element, f"{_X}note", {"from": "studio", "annotates": "general"}).text = xml_note(
        f"Field: {unit.field_label} ({unit.field_path})")
    if unit.previous_source and unit.target:
        etree.SubElement(element, f"{_X}note", {"from": "studio", "annotates": "source"}).text = xml_note(
            f"Previous source: {unit.previous_source}")


@dataclass(frozen=True)
class _Group:
    """A pair as a <g>, its content possibly holding broken halves."""

    number: str
    content: tuple[_Node, ...]


_Half = tuple[str, str]  # ("bx" | "ex" | "open" | "close", number): a pair token the target's tree left as text
_Node = str | Void | _Group | _Half


def _with_broken_pairs(text: str, known: Sequence[str]) -> list[_Node]:
    """The target's tree, with the source's pair tokens left over in its text (a pair the translation split or
    reordered) as codes rather than text: <bx/>...<ex/> when both halves are there, opening first (the strict
    schema ties every <ex> to a <bx> of the same target); a lone or reversed half as <it/>. Only the first of
    each token is a code, as in `inline_tree`, so that reading the file back gives `text` again."""
    tree = inline_tree(text, known)
    pairs = sorted((t for t in known if not t.endswith("/}")), key=len, reverse=True)
    if not pairs:
        return [_group(node) for node in tree]
    pattern = re.compile("|".join(re.escape(t) for t in pairs))
    coded: set[str] = set()
    _coded(tree, coded)
    order: list[str] = []
    _leftovers(tree, pattern, coded, order)
    kinds: dict[str, _Half] = {}
    for token in order:
        closing = token.startswith("{/")
        number = token[2:-1] if closing else token[1:-1]
        other = f"{{{number}}}" if closing else f"{{/{number}}}"
        halves = other in order and (order.index(other) > order.index(token)) != closing
        kinds[token] = ("ex" if closing else "bx", number) if halves else ("close" if closing else "open", number)
    return _split(tree, pattern, kinds, set())


def _group(node: Node) -> _Node:
    return _Group(node.number, tuple(_group(n) for n in node.content)) if isinstance(node, Pair) else node


def _coded(tree: Sequence[Node], out: set[str]) -> None:
    for node in tree:
        if isinstance(node, Void):
            out.add(f"{{{node.number}/}}")
        elif isinstance(node, Pair):
            out.update((f"{{{node.number}}}", f"{{/{node.number}}}"))
            _coded(node.content, out)


def _leftovers(tree: Sequence[Node], pattern: re.Pattern[str], coded: set[str], out: list[str]) -> None:
    """The pair tokens left in the tree's text, first occurrences in reading order (into `out`)."""
    for node in tree:
        if isinstance(node, str):
            out.extend(t for t in dict.fromkeys(m.group() for m in pattern.finditer(node))
                       if t not in coded and t not in out)
        elif isinstance(node, Pair):
            _leftovers(node.content, pattern, coded, out)


def _split(tree: Sequence[Node], pattern: re.Pattern[str], kinds: dict[str, _Half], done: set[str]) -> list[_Node]:
    out: list[_Node] = []
    for node in tree:
        if isinstance(node, str):
            pos = 0
            for m in pattern.finditer(node):
                token = m.group()
                if token not in kinds or token in done:
                    continue
                done.add(token)
                out.extend([node[pos:m.start()], kinds[token]])
                pos = m.end()
            out.append(node[pos:])
        elif isinstance(node, Pair):
            out.append(_Group(node.number, tuple(_split(node.content, pattern, kinds, done))))
        else:
            out.append(node)
    return out


def _fill(parent: etree._Element, tree: Sequence[Node | _Node]) -> None:
    last: etree._Element | None = None
    for node in tree:
        if isinstance(node, str):
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
            continue
        if isinstance(node, Void):
            last = etree.SubElement(parent, f"{_X}x", id=node.number)
        elif isinstance(node, Pair | _Group):
            last = etree.SubElement(parent, f"{_X}g", id=node.number)
            _fill(last, node.content)
        else:
            kind, number = node
            # Ids are unique within the element; rid ties a half to the source's <g>.
            if kind in ("bx", "ex"):
                last = etree.SubElement(parent, f"{_X}{kind}", id=f"{number}{kind[0]}", rid=number)
            else:
                last = etree.SubElement(parent, f"{_X}it", id=f"{number}{kind[0]}", pos=kind, rid=number)


# --- reading ------------------------------------------------------------------------------------------------------

def read(path: str, root: etree._Element) -> ReturnedFile:
    """The units of a returned XLIFF 1.2 file (its parsed root)."""
    if root.tag != f"{_X}xliff":
        raise InputFileError(path, f"not an XLIFF 1.2 file: the root element is <{etree.QName(root).localname}>",
                             line_of(root))
    units: list[ReturnedUnit] = []
    for file in root.iter(f"{_X}file"):
        language = file.get("target-language")
        if not language:
            raise InputFileError(path, "a <file> names no target-language", line_of(file))
        locale = studio_locale(language) or language
        for unit in file.iter(f"{_X}trans-unit"):
            if len(units) >= MAX_UNITS:
                raise InputFileError(path, f"the file has more than {MAX_UNITS:,} units, more than Studio reads "
                                           "from one file: split it", line_of(unit))
            source = unit.find(f"{_X}source")
            if source is None:
                raise InputFileError(path, f"trans-unit {unit.get('id')!r} has no <source>", line_of(unit))
            target = unit.find(f"{_X}target")
            state = target.get("state", "") if target is not None else ""
            # The target's own state decides (a reviewer may send back an approved unit's target as needing
            # review); a target without one is what a tool writes that does not track states: a translation.
            confirmed = state in XLIFF12_CONFIRMED if state else target is not None or unit.get("approved") == "yes"
            extradata = unit.get("extradata") or ""
            version, digest = parse_version_tag(extradata.removeprefix(VERSION_DATA)
                                                if extradata.startswith(VERSION_DATA) else None)
            units.append(ReturnedUnit(
                path, line_of(unit), unit.get("id", ""), locale, text_of(source),
                text_of(target) if target is not None else "", confirmed=confirmed,
                version=version, fingerprint=digest, document=file.get("original", "")))
    return ReturnedFile(path, "xliff12", tuple(units))


def text_of(element: etree._Element) -> str:
    """The text of a <source> or <target> with its inline codes as Studio's placeholders."""
    out: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        number = child.get("rid") or child.get("id", "")
        if name == "x":
            out.append(f"{{{child.get('id', '')}/}}")
        elif name == "g":
            out.append(f"{{{child.get('id', '')}}}{text_of(child)}{{/{child.get('id', '')}}}")
        elif name in ("bx", "bpt"):
            out.append(f"{{{number}}}")
        elif name in ("ex", "ept"):
            out.append(f"{{/{number}}}")
        elif name == "ph":
            out.append(f"{{{child.get('id', '')}/}}")
        elif name == "it":
            out.append(f"{{{number}}}" if child.get("pos") == "open" else f"{{/{number}}}")
        elif name in ("mrk", "sub"):
            out.append(text_of(child) if name == "mrk" else "")
        else:
            out.append(text_of(child))
        out.append(child.tail or "")
    return "".join(out)
