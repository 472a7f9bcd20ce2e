"""Reading XML files that come from outside (XLIFF, TMX, TBX): parsed by lxml with entities, DTD loading and the
network off, and a size bound, so that a hostile file costs at most its size and ends in one clear error.

Every refusal is an `InputFileError` naming the file and, where the parser knows it, the line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from studio.errors import InputFileError

# Exchange files are text: a 250,000-unit TMX is about 100 MB. Anything bigger is refused before it is read.
MAX_BYTES = 512 * 1024 * 1024


def _parser() -> etree.XMLParser:
    # resolve_entities=False keeps a billion-laughs file from expanding; load_dtd/no_network keep an external
    # entity or DTD from being fetched; huge_tree=False keeps libxml2's own depth and size limits on.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_pis=True, collect_ids=False)


def read_xml(path: Path | str, *, max_bytes: int = MAX_BYTES) -> etree._Element:
    """The root element of the XML file at `path`. Refuses (InputFileError) a file over `max_bytes`, one that is
    not well-formed XML, and one whose DOCTYPE declares entities (the way to a billion laughs or an external
    entity): exchange formats never need them."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputFileError(name, f"the file is {size:,} bytes; at most {max_bytes:,} are read")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_xml(data, name)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of `data` (the contents of the file called `name`), with `read_xml`'s refusals."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        message = exc.msg or "not well-formed XML"
        # libxml2 appends "(line N, column M)" itself; the line is said once, in front.
        raise InputFileError(name, f"not well-formed XML: {message.split(', line ')[0]}", line) from None
    except ValueError as exc:  # e.g. a file that is empty
        raise InputFileError(name, f"not XML: {exc}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        entities = list(dtd.iterentities())
        if entities:
            raise InputFileError(name, f"the file declares entities ({entities[0].name!r}); exchange files "
                                       "must not, and entities are never expanded",
                                 data.count(b"\n", 0, max(data.find(b"<!ENTITY"), 0)) + 1)
    for element in root.iter(etree.Entity):  # a reference left unexpanded to an undeclared entity
        raise InputFileError(name, f"the file refers to the entity &{element.name};, which is never expanded",
                             element.sourceline)
    return root


def line_of(element: etree._Element) -> int | None:
    """The line an element starts on in its file, for error messages."""
    line = element.sourceline
    return int(line) if line else None
