"""The `pseudo` engine: pseudo-localisation, to see how layouts take longer, accented, foreign-looking text.

"Translating" a sentence accents its Latin letters (`Call` -> `Ćàĺĺ`), lengthens it by about 30% (vowels
stretched, then `~` where there are too few, as in Chinese), and brackets it (`[!! ... !!]`) so that cut-off
or concatenated strings show. Tokens (`<x1/>`) and markup placeholders (`{1}`) pass through untouched, so the
markup, links and numbers of a pseudo-translated page are real. It is deterministic and offline.

Its drafts carry the origin `mt:pseudo` (`ORIGIN`) and are never publishable: a text in its brackets cannot be
confirmed (`workflow.cells.translation_problems`), so it is never approved, and only approved text is published.
The engine is only ever used when asked for by name, never as a fallback in a locale's route.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from studio.content.rich_text import PLACEHOLDER
from studio.mt.engine import Deadline, EngineSpec, Limits, Request
from studio.mt.masking import TOKEN
from studio.states import PSEUDO_CLOSE, PSEUDO_OPEN

NAME = "pseudo"
ORIGIN = f"mt:{NAME}"
GROWTH_PERCENT = 30
"""How much longer a pseudo-translation is than its source (translations from Chinese run 30% and more longer)."""
OPEN, CLOSE = PSEUDO_OPEN, PSEUDO_CLOSE

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀćđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀßĆĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
)
_VOWELS = frozenset("aeiouyAEIOUY")
_KEPT = re.compile(f"{TOKEN.pattern}|{PLACEHOLDER.pattern}")
_PAD = "~"


def pseudo_localize(text: str) -> str:
    """`text` accented, about 30% longer and bracketed; tokens and placeholders kept as they are."""
    if not text.strip():
        return text
    parts = _split_kept(text)
    extra = -(-GROWTH_PERCENT * sum(len(p) for p, kept in parts if not kept) // 100)  # rounded up, exactly
    out: list[str] = []
    for part, kept in parts:
        if kept:
            out.append(part)
            continue
        stretched, extra = _stretch(part, extra)
        out.append(stretched.translate(_ACCENTED))
    return OPEN + "".join(out) + _PAD * extra + CLOSE


def _split_kept(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, whether it is a token or placeholder to keep) in order."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _KEPT.finditer(text):
        parts += [(text[pos:m.start()], False), (m.group(), True)]
        pos = m.end()
    parts.append((text[pos:], False))
    return [(p, kept) for p, kept in parts if p]


def _stretch(text: str, extra: int) -> tuple[str, int]:
    """`text` with its vowels doubled while `extra` characters are still owed, and what is still owed."""
    out: list[str] = []
    for ch in text:
        out.append(ch)
        if extra and ch in _VOWELS:
            out.append(ch)
            extra -= 1
    return "".join(out), extra


class PseudoEngine:
    """Pseudo-localises every request; any pair of different locales."""

    name = NAME
    limits = Limits(batch_size=100, concurrency=1)

    def supports(self, source: str, target: str) -> bool:
        return source != target

    def translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        return [pseudo_localize(r.text) for r in batch]


def _make(options: Mapping[str, str]) -> PseudoEngine:
    return PseudoEngine()


SPEC = EngineSpec(
    NAME, "Pseudo-localisation", (), _make, offline=True,
    about="Accented, 30% longer, bracketed text to check layouts. Its drafts (origin mt:pseudo) are never "
          "publishable.",
)
