"""The engine protocol every machine-translation engine speaks, and the errors that say what went wrong.

An engine translates a batch of already masked sentences (`studio.mt.masking`) from one Studio locale to another
and returns one text per request, in order. It never sees a database, and never runs on the UI thread: the
pre-translation job and the editor's suggestions call it on a bounded pool of threads, each call with
a `Deadline`. What an engine may send per request and how many requests may run at once are its `Limits`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from studio.errors import StudioError

_EMPTY: Mapping[str, str] = MappingProxyType({})


def _empty_mapping() -> Any:
    # A mappingproxy is unhashable, so dataclasses (3.11) refuse it as a plain default: share it through a factory.
    return field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class Request:
    """One sentence to translate (masked), with what an engine that reads context (the LLM) may use.

    `before` and `after` are the neighbouring source sentences of the same field; `pivots` the approved
    translations of the same sentence in other locales (locale -> text); `terms` the glossary's required
    translations of terms found in the sentence (source term -> target term; the memory issue fills them)."""

    text: str
    document_type: str = ""
    field: str = ""
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    pivots: Mapping[str, str] = _empty_mapping()
    terms: Mapping[str, str] = _empty_mapping()


@dataclass(frozen=True)
class Limits:
    """How an engine may be called: sentences per request, requests at once, and the timeouts of one request."""

    batch_size: int = 25
    concurrency: int = 4
    connect_timeout: float = 5.0
    read_timeout: float = 30.0


class Deadline:
    """The moment (monotonic) by which a call must have ended; requests shorten their read timeout to it."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self._cancelled = threading.Event()

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def cancel(self) -> None:
        """End it now (the job was cancelled): a pause before asking again ends at once, and a request under way
        gives up at its next step rather than after its retries."""
        self.at = time.monotonic()
        self._cancelled.set()

    def sleep(self, seconds: float) -> None:
        """Wait `seconds`, or less if cancelled meanwhile."""
        self._cancelled.wait(seconds)

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0


class Engine(Protocol):
    """A configured engine. `name` is its catalogue key (`deepl`), also what the cell's origin records
    (`mt:deepl`)."""

    name: str
    limits: Limits

    def supports(self, source: str, target: str) -> bool:
        """Whether this engine translates between these Studio locale codes (`zh-Hans`, `en`, ...)."""
        ...

    def translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        """One translation per request, in order; an `EngineError` for anything else."""
        ...


@dataclass(frozen=True)
class Option:
    """A setting of an engine: `secret` ones (keys) live in the keyring, never in a file, URL, log or message."""

    name: str
    help: str
    secret: bool = False
    default: str = ""
    required: bool = False


@dataclass(frozen=True)
class EngineSpec:
    """A kind of engine in the catalogue: its name, label, options, and how to make one from option values."""

    name: str
    label: str
    options: tuple[Option, ...]
    make: Callable[[Mapping[str, str]], Engine]
    offline: bool = False
    about: str = ""
    secrets: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "secrets", tuple(o.name for o in self.options if o.secret))


# --- what went wrong --------------------------------------------------------------------------------------------
# Messages name the engine and say what to do; they never contain a key (the HTTP layer redacts them).


class EngineError(StudioError):
    """An engine could not give a translation. `engine` is its name."""

    def __init__(self, engine: str, message: str) -> None:
        self.engine = engine
        super().__init__(f"{engine}: {message}")


class EngineUnreachable(EngineError):
    """No answer: no network, the server down, a timeout, or busy (429/503) beyond the retries. A pre-translation
    waits for the network and goes on by itself."""


class EngineRefused(EngineError):
    """The engine answered no: a wrong key, a quota used up, a pair it does not translate. The route tries the
    next engine; asking again would not help. `for_everything`: the refusal is not about this request (a key
    refused, a quota used up), so no other request would pass either."""

    def __init__(self, engine: str, message: str, *, for_everything: bool = False) -> None:
        super().__init__(engine, message)
        self.for_everything = for_everything


class EngineBadAnswer(EngineError):
    """The engine answered something that is not a translation of each input: a malformed body, a wrong number
    of translations, placeholders lost. Nothing of it becomes a draft."""
