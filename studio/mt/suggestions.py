"""Every set-up engine's translation of one cell, side by side (Ctrl+M in the editor).

The engines are asked at once, each on a thread of its own with its own deadline, so the slowest bounds the
wait; answers are cached like the pre-translation's, so asking again (or pre-translating later) sends nothing.
Runs on a worker thread; nothing here touches the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from studio.memory.glossary import Glossary
from studio.mt.config import MTSettings
from studio.mt.engine import Deadline, Engine, EngineError
from studio.mt.masking import mask, unmask
from studio.mt.pretranslate import (
    Scope,
    Sentence,
    Transaction,
    cache_name,
    cached_translations,
    plan,
    remember,
)

SUGGESTION_DEADLINE = 20.0  # seconds: an editor waiting at a cell gives up sooner than a batch job


@dataclass(frozen=True)
class Suggestion:
    """One engine's translation of the cell (`text`), or why there is none (`error`); `issue` says what went
    wrong with the placeholders of a translation that is still offered."""

    engine: str
    origin: str
    text: str | None = None
    error: str | None = None
    issue: str | None = None
    cached: bool = False


def sentence_of(session: Session, segment_id: int, locale: str, document_id: str, pivot: bool,
                glossary: Glossary | None = None) -> Sentence | None:
    """The cell as the pre-translation would send it, whatever its state (an editor may ask at any cell);
    `glossary`: the workspace's cached one."""
    for s in plan(session, [locale], Scope((document_id,)), True, {locale} if pivot else set(), every_cell=True,
                  glossary=glossary):
        if s.segment_id == segment_id:
            return s
    return None


def suggest(reading: Transaction, writing: Transaction, settings: MTSettings, segment_id: int, locale: str,
            document_id: str, engines: Sequence[str] | None = None, *,
            glossary: Glossary | None = None) -> list[Suggestion]:
    """The translations of one cell by `engines` (default: the locale's route), in that order."""
    names = list(engines) if engines is not None else settings.route(locale)
    with reading() as session:
        sentence = sentence_of(session, segment_id, locale, document_id, settings.pivot(locale), glossary)
    if sentence is None or not names:
        return []
    with ThreadPoolExecutor(max_workers=len(names), thread_name_prefix="mt-suggest") as pool:
        futures = [pool.submit(_one, name, settings, sentence, reading, writing) for name in names]
        return [f.result() for f in futures]


def _one(name: str, settings: MTSettings, sentence: Sentence, reading: Transaction,
         writing: Transaction) -> Suggestion:
    origin = sentence.origin(name)
    try:
        engine: Engine = settings.engine(name)
        if not engine.supports(sentence.sent_from, sentence.locale):
            return Suggestion(name, origin, error=f"does not translate {sentence.sent_from} to {sentence.locale}")
        masked = mask(sentence.request.text, spans=sentence.term_spans)
        cache = cache_name(settings, name)
        with reading() as session:
            cached = cached_translations(session, cache, [sentence]).get(id(sentence))
        answer = cached
        if answer is None:
            [answer] = engine.translate([replace(sentence.request, text=masked.text)], sentence.sent_from,
                                        sentence.locale, Deadline(SUGGESTION_DEADLINE))
            with writing() as session:
                remember(session, cache, [sentence], [answer])
        restored = unmask(masked, answer)
        return Suggestion(name, origin, restored.text, issue=restored.problem if restored.damaged else None,
                          cached=cached is not None)
    except EngineError as exc:
        return Suggestion(name, origin, error=str(exc))
    except Exception as exc:  # an engine's failure shows beside the others; it never hides what they answered
        return Suggestion(name, origin, error=f"{name}: {exc}")
