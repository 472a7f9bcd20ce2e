"""What the exchange formats share: the units exported and read back, the states on both sides, language codes,
and Studio's inline placeholders as a tree the XLIFF writers turn into inline codes.

Plain values only: the formats (`po`, `xliff2`, `xliff12`, `csv_table`) write and read these; `export` fills them
from the database and `returned` compares what comes back with it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.content.rich_text import PLACEHOLDER
from studio.locales import LOCALES
from studio.states import CellState

# A returned file is text, read whole: a portal-wide locale of the corpus ten times the portal is about 150 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024

# The `studio:version` of XLIFF 2 units and the namespace it lives in (an extension the schema allows on units).
STUDIO_NS = "urn:studio:exchange:1"

# The most units one returned file may hold: twice a portal ten times today's in one language (24,000 sentences
# now). A file of tiny entries well under MAX_FILE_BYTES would otherwise take gigabytes as parsed objects.
MAX_UNITS = 500_000


@dataclass(frozen=True)
class ExportUnit:
    """One segment in one target locale as exported: the stable segment id, its source and the cell as it was.

    `version` is the cell's version when exported (0: no cell), which an import uses to tell a change made in
    Studio since then from one made in the file. `previous_source` is the old source of an outdated cell."""

    segment_id: int
    field_path: str
    field_label: str
    source: str
    placeholders: Mapping[str, str]
    target: str
    state: str
    version: int
    previous_source: str | None = None

    @property
    def version_tag(self) -> str:
        """What the file records of the cell: `version_tag(version, source, target)`."""
        return version_tag(self.version, self.source, self.target)


def fingerprint(source: str, target: str) -> str:
    """A short hash of a unit's source and target as exported. Segment and cell ids are SQLite rowids, which
    are handed out again after the last row is deleted: a version alone could name a newer cell's version."""
    return hashlib.sha256(f"{source}\x00{target}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


def version_tag(version: int, source: str, target: str) -> str:
    """"N:fingerprint", the cell's version when exported and what it held then."""
    return f"{version}:{fingerprint(source, target)}"


def parse_version_tag(value: str | None) -> tuple[int | None, str | None]:
    """(version, fingerprint) of a tag; (None, None) when it is missing, malformed, or a bare number (which an
    early build wrote, and which cannot tell a reused id from the exported cell: read as no version at all)."""
    if not value:
        return None, None
    number, _, digest = value.strip().partition(":")
    if not (number.isascii() and number.isdigit() and len(number) < 10 and len(digest) == 12
            and all(c in "0123456789abcdef" for c in digest)):
        return None, None
    return int(number), digest


@dataclass(frozen=True)
class ExportDocument:
    """A document's units in one target locale, in reading order."""

    id: str
    slug: str
    title: str
    type: str
    section: str
    source_locale: str
    units: tuple[ExportUnit, ...]


@dataclass(frozen=True)
class ExportSet:
    """What goes into one exchange file: documents written in `source_locale`, translated into `locale`."""

    source_locale: str
    locale: str
    documents: tuple[ExportDocument, ...]

    @property
    def units(self) -> int:
        return sum(len(d.units) for d in self.documents)


@dataclass(frozen=True)
class ReturnedUnit:
    """A unit read back from a returned file, as the file has it.

    `unit` is the id as written in the file (a segment id when Studio exported it); `confirmed` is the file's
    state read as Studio's (translated, reviewed, final: True; new, fuzzy, needs review: False); `version` the
    cell version recorded at export and `fingerprint` what the cell held then (None when the file does not say);
    `partial` a unit split into segments of which only some were translated."""

    file: str
    line: int | None
    unit: str
    locale: str
    source: str
    target: str
    confirmed: bool
    version: int | None = None
    fingerprint: str | None = None
    document: str = ""
    obsolete: bool = False
    partial: bool = False

    @property
    def segment_id(self) -> int | None:
        return int(self.unit) if self.unit.isascii() and self.unit.isdigit() and len(self.unit) < 18 else None


@dataclass(frozen=True)
class ReturnedFile:
    """Everything read from one returned file: its format (`po`, `xliff`, `xliff12`, `csv`) and its units."""

    path: str
    format: str
    units: tuple[ReturnedUnit, ...] = field(default=())


# --- states -------------------------------------------------------------------------------------------------

def is_fuzzy(state: str) -> bool:
    """Whether a cell's text goes out as unconfirmed (PO `fuzzy`, XLIFF `initial`/needs review)."""
    return state in (CellState.DRAFT, CellState.OUTDATED)


XLIFF2_STATE: dict[str, str] = {CellState.MISSING: "initial", CellState.DRAFT: "initial", CellState.OUTDATED: "initial",
                CellState.TRANSLATED: "translated", CellState.APPROVED: "final"}
"""Studio's state as an XLIFF 2 segment state. Approved is `final`: ready for the portal, not to be touched."""
XLIFF2_CONFIRMED = frozenset({"translated", "reviewed", "final"})

XLIFF12_STATE: dict[str, str] = {CellState.MISSING: "new", CellState.DRAFT: "needs-review-translation",
                 CellState.OUTDATED: "needs-review-translation", CellState.TRANSLATED: "translated",
                 CellState.APPROVED: "final"}
XLIFF12_CONFIRMED = frozenset({"translated", "final", "signed-off"})

CSV_CONFIRMED = frozenset({"translated", "approved", "reviewed", "final", "signed-off", "confirmed"})


# --- languages ----------------------------------------------------------------------------------------------

def studio_locale(code: str) -> str | None:
    """Studio's locale for a language code as CAT tools write it (fr, fr-FR, fr_FR, zh-CN, zh_Hans, AR); None
    when it is none of the nine."""
    wanted = code.strip().replace("_", "-").lower()
    for studio_code in LOCALES:
        if studio_code.lower() == wanted:
            return studio_code
    primary = wanted.split("-")[0]
    if primary == "zh":
        # Traditional Chinese is another language for the portal: only simplified maps to zh-Hans.
        return None if any(part in ("hant", "tw", "hk", "mo") for part in wanted.split("-")[1:]) else "zh-Hans"
    return primary if primary in LOCALES and primary != "zh-Hans" else None


# --- characters XML cannot hold --------------------------------------------------------------------------------

XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold even as a character reference: C0 controls but tab and line ends, U+FFFE, U+FFFF,
lone surrogates. Studio stores none of the controls, but older cells or other tools' text may have them, and
U+FFFE/U+FFFF are allowed in a cell."""


def xml_note(text: str) -> str:
    """`text` for a note or attribute, which is only read by people: a forbidden character as U+FFFD."""
    return XML_FORBIDDEN.sub("\ufffd", text)


# --- placeholders as inline codes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Void:
    """A void placeholder {n/} (a <br>): XLIFF 2 <ph>, XLIFF 1.2 <x>."""

    number: str


@dataclass(frozen=True)
class Pair:
    """A pair {n}...{/n} (a link, bold text) around its content: XLIFF 2 <pc>, XLIFF 1.2 <g>."""

    number: str
    content: tuple[Node, ...]


Node = str | Void | Pair


def inline_tree(text: str, known: Iterable[str]) -> list[Node]:
    """`text` as text runs, voids and properly nested pairs, for the placeholder tokens in `known` (the
    source's). Whatever does not fit (a token used twice, an unclosed or crossing pair, a token the source does
    not have) stays literal text, so that reading the file back gives exactly `text` again."""
    usable = set(known)
    if not usable or "{" not in text:
        return [text] if text else []
    matches = [m for m in PLACEHOLDER.finditer(text) if m.group() in usable]
    good: set[int] = set()
    seen: set[str] = set()
    stack: list[tuple[str, int]] = []
    for i, m in enumerate(matches):
        token = m.group()
        if token in seen:
            continue
        seen.add(token)
        if token.endswith("/}"):
            good.add(i)
        elif token.startswith("{/"):
            number = token[2:-1]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == number), None)
            if depth is not None:
                good.update((stack[depth][1], i))
                del stack[depth:]  # openings left inside a crossing pair stay text
        else:
            stack.append((token[1:-1], i))
    root: list[Node] = []
    levels: list[tuple[str, list[Node]]] = [("", root)]
    pos = 0
    for i, m in enumerate(matches):
        if i not in good:
            continue
        if m.start() > pos:
            levels[-1][1].append(text[pos:m.start()])
        pos = m.end()
        token = m.group()
        if token.endswith("/}"):
            levels[-1][1].append(Void(token[1:-2]))
        elif token.startswith("{/"):
            number, content = levels.pop()
            levels[-1][1].append(Pair(number, tuple(content)))
        else:
            levels.append((token[1:-1], []))
    if pos < len(text):
        levels[-1][1].append(text[pos:])
    return root


def tokens_of(numbers: Sequence[str], kind: str) -> str:
    """Placeholder tokens as Studio writes them: kind "open" {n}, "close" {/n}, "void" {n/}."""
    return "".join({"open": f"{{{n}}}", "close": f"{{/{n}}}", "void": f"{{{n}/}}"}[kind] for n in numbers)


def lay_out(root: Any, containers: set[str]) -> None:
    """Line breaks between the structural elements of an XML tree, never inside a source or target.

    lxml's pretty printing indents any element holding only elements, which would add spaces inside a target
    that is one inline code: the text a translator gets back must be exactly the text sent."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rsplit("}", 1)[-1]
        if name in containers:
            if len(element) and not element.text:
                element.text = "\n"
            element.tail = "\n"
        elif element.getparent() is not None and element.getparent().tag.rsplit("}", 1)[-1] in containers:
            element.tail = "\n"
