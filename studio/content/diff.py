"""What changed between two texts, for outdated cells (old source against new) and revisions.

Space-separated languages are compared word by word; Chinese and Japanese, which have no spaces, character by
character, and so is any run of CJK ideographs or kana inside other text. Placeholders such as `{1}`, `{/1}` and
`{2/}` are single tokens, so a diff never cuts one in half.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from studio.content.rich_text import PLACEHOLDER
from studio.locales import LOCALES

DiffOp = Literal["equal", "insert", "delete"]

# Han ideographs (with extensions and compatibility forms), kana, CJK punctuation, full-width forms.
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
# Combining marks are not \w in Python: without them an Arabic word with harakat or a French word written
# with a combining accent would fall apart into pieces.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_PLACEHOLDER = PLACEHOLDER.pattern

_WORD_TOKENS = re.compile(rf"{_PLACEHOLDER}|[{_CJK}]|(?:[^\W{_CJK}]|[{_MARKS}])+|\s+|.", re.DOTALL)
_CHARACTER_TOKENS = re.compile(rf"{_PLACEHOLDER}|\s+|.", re.DOTALL)

# Translucent tints keep the text's own colour, so they read on light and dark backgrounds alike; the line
# through and the underline say the same thing to whoever cannot tell red from green.
DELETE_STYLE = "background-color: rgba(220, 38, 38, 0.22); text-decoration: line-through;"
INSERT_STYLE = "background-color: rgba(22, 163, 74, 0.22); text-decoration: underline;"


@dataclass(frozen=True)
class DiffPiece:
    """A run of text that both texts share (`equal`), or that only the new (`insert`) or old (`delete`) has."""

    op: DiffOp
    text: str


def tokenize(text: str, locale: str) -> list[str]:
    """`text` cut into the units a diff compares; joining them gives `text` back."""
    unspaced = locale in LOCALES and LOCALES[locale].unspaced
    pattern = _CHARACTER_TOKENS if unspaced else _WORD_TOKENS
    return pattern.findall(text)


def diff_texts(old: str, new: str, locale: str) -> list[DiffPiece]:
    """The pieces that turn `old` into `new`, in reading order: within a change, what was deleted comes
    before what was inserted. Joining the equal and delete pieces gives `old`; equal and insert give `new`."""
    a, b = tokenize(old, locale), tokenize(new, locale)
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            pieces.append(DiffPiece("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(DiffPiece("insert", "".join(b[j1:j2])))
        if op == "equal":
            pieces.append(DiffPiece("equal", "".join(a[i1:i2])))
    return _merge(_absorb_lone_spaces(pieces))


def _absorb_lone_spaces(pieces: Sequence[DiffPiece]) -> list[DiffPiece]:
    """A space left equal between two changes ("the quick" -> "a slow") splits one change into many small
    ones; counting it as deleted and inserted again reads as the single change it is."""
    out: list[DiffPiece] = []
    for i, piece in enumerate(pieces):
        between_changes = (0 < i < len(pieces) - 1 and pieces[i - 1].op != "equal"
                           and pieces[i + 1].op != "equal")
        if piece.op == "equal" and between_changes and not piece.text.strip():
            out += [DiffPiece("delete", piece.text), DiffPiece("insert", piece.text)]
        else:
            out.append(piece)
    return out


def _merge(pieces: Sequence[DiffPiece]) -> list[DiffPiece]:
    """Adjacent pieces of one op joined; within each run of changes, all deletions first."""
    out: list[DiffPiece] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def close_change() -> None:
        if deleted:
            out.append(DiffPiece("delete", "".join(deleted)))
        if inserted:
            out.append(DiffPiece("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for piece in pieces:
        if not piece.text:
            continue
        if piece.op == "delete":
            deleted.append(piece.text)
        elif piece.op == "insert":
            inserted.append(piece.text)
        else:
            close_change()
            if out and out[-1].op == "equal":
                out[-1] = DiffPiece("equal", out[-1].text + piece.text)
            else:
                out.append(piece)
    close_change()
    return out


def diff_html(pieces: Sequence[DiffPiece]) -> str:
    """The pieces as escaped HTML: deletions struck through in <del>, insertions underlined in <ins>."""
    out: list[str] = []
    for piece in pieces:
        text = html.escape(piece.text, quote=False)
        if piece.op == "delete":
            out.append(f'<del style="{DELETE_STYLE}">{text}</del>')
        elif piece.op == "insert":
            out.append(f'<ins style="{INSERT_STYLE}">{text}</ins>')
        else:
            out.append(text)
    return "".join(out)
