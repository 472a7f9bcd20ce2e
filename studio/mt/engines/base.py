"""What the online engines share: their options, language map, batching, and strict reading of answers.

An engine module only says how its API is asked and answered (`HttpEngine._translate`); this base does the rest
the same way for all: it refuses pairs the engine's language map lacks, sends only the non-blank texts, without
their outer spaces (engines drop them) and in requests of at most `Limits.batch_size` texts and `max_chars`
characters, checks that exactly one translation came back per text, and puts the spaces back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import urlsplit

from studio.locales import LOCALES, get_locale
from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, Limits, Option, Request
from studio.mt.http import HttpClient

_OUTER_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def url_option(default: str, example: str = "") -> Option:
    """The `url` option every online engine has: its real endpoint by default (tests point it at loopback)."""
    if default:
        return Option("url", f"address of the service (default {default})", default=default)
    return Option("url", f"address of the service, e.g. {example}", required=True)


def key_option(required: bool = True, help: str = "API key") -> Option:
    return Option("key", help, secret=True, required=required)


class HttpEngine:
    """The base of every engine that answers over HTTP. Subclasses set `name`, `options`, `limits`,
    optionally `max_chars`, and implement `_translate`."""

    name: str = ""
    options: ClassVar[tuple[Option, ...]] = ()
    limits: Limits = Limits()
    max_chars: ClassVar[int] = 0  # characters per request, beyond the batch size; 0: no limit
    uses_locale_table: ClassVar[bool] = True  # the pairs are those of studio.locales' engine codes

    def __init__(self, options: Mapping[str, str]) -> None:
        self.settings = {o.name: (options.get(o.name) or o.default).strip() for o in self.options}
        missing = [o.name for o in self.options if o.required and not self.settings[o.name]]
        if missing:
            raise EngineRefused(self.name, f"is not set up: give it {', '.join(missing)} "
                                           f"(studio mt configure {self.name} --{missing[0]} ...)")
        self.url = self.settings.get("url", "").rstrip("/")
        parts = urlsplit(self.url)
        if self.url and (parts.scheme not in ("http", "https") or not parts.hostname):
            raise EngineRefused(self.name, "its url must be an http:// or https:// address")
        if parts.username or parts.password:  # a password in the address would show in every message
            raise EngineRefused(self.name, "its url must not hold a user name or password; use the key option")
        secrets = [self.settings[o.name] for o in self.options if o.secret]
        self.http = HttpClient(self.name, self.limits, secrets)

    def __repr__(self) -> str:  # never the settings: they hold the key
        return f"<{type(self).__name__} {self.name} {self.url}>"

    def close(self) -> None:
        """Close the engine's connections (a finished job or a changed setting)."""
        self.http.close()

    def code(self, locale: str) -> str:
        """The engine's code for a Studio locale."""
        return get_locale(locale).engine_code(self.name)

    def supports(self, source: str, target: str) -> bool:
        if source == target or source not in LOCALES or target not in LOCALES:
            return False
        return not self.uses_locale_table or all(
            self.name in LOCALES[code].engine_codes for code in (source, target))

    def translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        if not self.supports(source, target):
            raise EngineRefused(self.name, f"does not translate {source} into {target}")
        out = [r.text for r in batch]
        spaces: dict[int, tuple[str, str]] = {}
        todo: list[tuple[int, Request]] = []
        for i, request in enumerate(batch):
            match = _OUTER_SPACE.match(request.text)
            assert match is not None  # the pattern matches any text
            if match.group(2):
                spaces[i] = (match.group(1), match.group(3))
                todo.append((i, replace(request, text=match.group(2))))
        for chunk in self._chunks(todo):
            got = self._translate([r for _, r in chunk], source, target, deadline)
            if len(got) != len(chunk):
                raise EngineBadAnswer(self.name, f"answered {len(got)} translations for {len(chunk)} texts")
            for (i, _), text in zip(chunk, got, strict=True):
                before, after = spaces[i]
                out[i] = f"{before}{text.strip()}{after}"
        return out

    def _chunks(self, todo: list[tuple[int, Request]]) -> Iterator[list[tuple[int, Request]]]:
        chunk: list[tuple[int, Request]] = []
        chars = 0
        for item in todo:
            size = len(item[1].text)
            if chunk and (len(chunk) >= self.limits.batch_size or (self.max_chars and chars + size > self.max_chars)):
                yield chunk
                chunk, chars = [], 0
            chunk.append(item)
            chars += size
        if chunk:
            yield chunk

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        """One translation per request of `batch` (non-blank, at most the limits), in order, from one request
        of the API (or one per text for engines that take one). `source` and `target` are Studio codes."""
        raise NotImplementedError

    def _one_by_one(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        """For the APIs that take one text a request (their batch size is 1, so this is one call)."""
        return [self._translate_one(r.text, self.code(source), self.code(target), deadline) for r in batch]

    def _translate_one(self, text: str, source: str, target: str, deadline: Deadline) -> str:
        raise NotImplementedError

    def _too_long(self, text: str, limit: int, unit: str = "characters") -> EngineRefused:
        return EngineRefused(self.name, f"takes at most {limit} {unit} a text; this one has more")


# --- reading answers strictly ---------------------------------------------------------------------------------


def dig(engine: str, data: Any, *path: str | int) -> Any:
    """`data[path[0]][path[1]]...`, or `EngineBadAnswer` naming the first step that is not there."""
    where = "the answer"
    for step in path:
        if isinstance(step, int):
            ok = isinstance(data, list) and -len(data) <= step < len(data)
        else:
            ok = isinstance(data, dict) and step in data
        if not ok:
            raise EngineBadAnswer(engine, f"answered without {where}[{step!r}]")
        data = data[step]
        where = f"{where}[{step!r}]"
    return data


def items(engine: str, data: Any, count: int) -> list[Any]:
    """`data`, which must be a list of exactly `count` entries (one per text sent)."""
    if not isinstance(data, list):
        raise EngineBadAnswer(engine, "answered without a list of translations")
    if len(data) != count:
        raise EngineBadAnswer(engine, f"answered {len(data)} translations for {count} texts")
    return data


def texts(engine: str, data: Any, count: int, key: str | None = None) -> list[str]:
    """The strings of the list `data` (or each entry's `key`), which must hold exactly `count` of them."""
    found = [dig(engine, item, key) if key is not None else item for item in items(engine, data, count)]
    if not all(isinstance(text, str) for text in found):
        raise EngineBadAnswer(engine, "answered a translation that is not text")
    return found
