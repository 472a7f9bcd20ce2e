"""Readability, which the portal's readers asked for: sentences that run too long, words too long to read at a
glance, and bureaucratic terms the glossary marks as discouraged.

Length is counted in words for scripts that space their words and in characters for Chinese, Japanese and Korean
(a Korean "word" is a whole phrase with its particles). The limits are a team's rule, so they live in the
workspace's settings table (key `readability`), with defaults from plain-language guidance; a supervisor changes
them for everyone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio import audit
from studio.content.rich_text import PLACEHOLDER
from studio.errors import PermissionDenied, ValidationError
from studio.locales import LOCALE_CODES
from studio.models import WorkspaceSetting, utcnow
from studio.permissions import Actor

READABILITY = "readability"
"""The key of the limits in `workspace_settings` (no row: the defaults)."""

BY_CHARACTERS = frozenset({"zh-Hans", "ja", "ko"})

# About 20-25 words is where plain-language guides put a sentence's upper bound; German and Russian words carry
# more, Romance languages use more short ones. Characters for CJK: about 2 per English word in Chinese.
_SENTENCE = {"en": 25, "de": 20, "fr": 28, "es": 28, "ru": 20, "ar": 25, "zh-Hans": 50, "ja": 60, "ko": 60}
_LONG_WORD = {"en": 17, "de": 24, "fr": 18, "es": 18, "ru": 18, "ar": 14}


def _frozen(values: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class ReadabilitySettings:
    """Per locale: the longest sentence (words, or characters in `BY_CHARACTERS`) and the longest word
    (characters; no limit for CJK) before a warning."""

    sentence_limits: Mapping[str, int] = field(default_factory=lambda: _frozen(_SENTENCE))
    long_word_limits: Mapping[str, int] = field(default_factory=lambda: _frozen(_LONG_WORD))

    def to_json(self) -> dict[str, Any]:
        return {"sentence_limits": dict(self.sentence_limits), "long_word_limits": dict(self.long_word_limits)}

    @classmethod
    def from_json(cls, value: Any) -> ReadabilitySettings:
        """The stored value over the defaults; anything unreadable falls back to the defaults."""
        out = cls()
        if not isinstance(value, dict):
            return out
        parts: dict[str, Mapping[str, int]] = {}
        for key, default in (("sentence_limits", out.sentence_limits), ("long_word_limits", out.long_word_limits)):
            stored = value.get(key)
            merged = dict(default)
            if isinstance(stored, dict):
                merged.update({k: v for k, v in stored.items() if k in LOCALE_CODES and type(v) is int and v > 0})
            parts[key] = _frozen(merged)
        return cls(parts["sentence_limits"], parts["long_word_limits"])

    def unit(self, locale: str) -> str:
        return "characters" if locale in BY_CHARACTERS else "words"


def load_settings(session: Session) -> ReadabilitySettings:
    return ReadabilitySettings.from_json(
        session.scalar(select(WorkspaceSetting.value).where(WorkspaceSetting.key == READABILITY))
    )


def store_settings(session: Session, actor: Actor | None, settings: ReadabilitySettings) -> bool:
    """Store the limits for everyone (supervisors only), audited; returns whether they changed."""
    if actor is None or not actor.has_role("supervisor"):
        raise PermissionDenied("only a supervisor changes the readability limits")
    for limits in (settings.sentence_limits, settings.long_word_limits):
        for locale, limit in limits.items():
            if locale not in LOCALE_CODES or type(limit) is not int or not 1 <= limit <= 1000:
                raise ValidationError(
                    f"readability limit for {locale!r} must be a whole number from 1 to 1000, not {limit!r}"
                )
    value = settings.to_json()
    row = session.get(WorkspaceSetting, READABILITY)
    before = load_settings(session).to_json()
    if before == value:
        return False
    if row is None:
        session.add(WorkspaceSetting(key=READABILITY, value=value, updated_at=utcnow(), updated_by=actor.id))
    else:
        row.value, row.updated_at, row.updated_by = value, utcnow(), actor.id
    audit.record(
        session,
        actor,
        "set_readability",
        "workspace",
        READABILITY,
        before=before,
        after=value,
        summary="changed the readability limits",
    )
    return True


# --- measuring ---------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+(?=\S)|(?<=[。！？])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_UNCOUNTED = re.compile(r"[\s\d\W_]+")


def sentences(text: str) -> list[str]:
    """The sentences of a translation (a cell is mostly one; a translator may have made it two)."""
    plain = PLACEHOLDER.sub("", text) if "{" in text else text
    return [s for s in _SENTENCE_END.split(plain) if s.strip()]


def sentence_length(sentence: str, locale: str) -> int:
    """Words, or for Chinese, Japanese and Korean the letters (punctuation, spaces and digits not counted)."""
    if locale in BY_CHARACTERS:
        return len(_UNCOUNTED.sub("", sentence))
    return len(sentence.split())


def long_words(text: str, limit: int) -> list[str]:
    return list(dict.fromkeys(w for w in _WORD.findall(text) if len(w) > limit))


@dataclass(frozen=True)
class ReadabilitySummary:
    """How readable one document is in one locale: its sentences, their average length (in `unit`), how many
    run over the limit, and the long words and discouraged terms found."""

    document_id: str
    locale: str
    unit: str
    sentences: int
    average_length: float
    long_sentences: int
    long_words: int
    discouraged_terms: int

    @property
    def long_share(self) -> float:
        return self.long_sentences / self.sentences if self.sentences else 0.0


class SummaryCounter:
    """Adds up the sentences of one document in one locale as the checks go through them."""

    def __init__(self, document_id: str, locale: str, unit: str) -> None:
        self.document_id, self.locale, self.unit = document_id, locale, unit
        self.sentences = self.total = self.long_sentences = self.long_words = self.discouraged = 0

    def summary(self) -> ReadabilitySummary:
        average = self.total / self.sentences if self.sentences else 0.0
        return ReadabilitySummary(
            self.document_id,
            self.locale,
            self.unit,
            self.sentences,
            round(average, 1),
            self.long_sentences,
            self.long_words,
            self.discouraged,
        )
