"""The one HTTP layer of the online engines: timeouts, retries, the deadline, and keys kept out of every text.

Every engine sends through an `HttpClient`, so each gets the same guarantees (issue 9, item 5):

- One `requests.Session` per engine instance (connections are reused across batches), at most
  `Limits.concurrency` requests in flight on it whichever pools call the engine, TLS verification always on,
  and no redirects followed: a redirect would re-send the key headers or body to an address nobody configured.
- A connect and a read timeout on every request, both shortened to what is left of the `Deadline`; the body is
  read a socket read at a time with the timeout shortened again before each, so a server that trickles its answer
  cannot hold a thread past the deadline either.
- 429 and 503 are retried after `Retry-After` (seconds or an HTTP date) or a backoff; other 5xx, timeouts and
  connection errors after an exponential backoff with jitter; a bounded number of times, and never past the
  deadline: a wait that would end after it gives up at once.
- Failures become the engine errors (`EngineUnreachable`, `EngineRefused`, `EngineBadAnswer`). Every text that
  leaves this module (messages, logs) goes through the engine's `Redactor`, which removes its secret values in
  any encoding and the query strings of URLs (which carry the user's sentences), so a key never shows even when
  a server echoes it back. Engines put keys in headers or POST bodies only, never in a URL.
"""

from __future__ import annotations

import json
import logging
import random
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from studio.http_dates import retry_after
from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, EngineUnreachable, Limits
from studio.unsafe_characters import UNSAFE_ON_TERMINAL

log = logging.getLogger("studio.mt.http")

USER_AGENT = "Studio (translation workstation of the Beijing municipal portal)"
MAX_BODY = 16 * 1024 * 1024  # no translation answer is this large; a bigger one is not an answer
_CHUNK = 64 * 1024
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Statuses worth asking again: busy (429, 503), and the server or a gateway failing for now.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # other 5xx are not transient
_DETAIL_KEYS = ("error", "message", "error_msg", "errorMessage", "responseDetails", "detail", "description")


@dataclass(frozen=True)
class Retry:
    """How often and how patiently to ask again: `attempts` in all; pauses of `backoff` seconds doubling up to
    `max_pause`, each scaled by a random factor in [0.5, 1] so that parallel requests do not retry in step."""

    attempts: int = 4
    backoff: float = 0.5
    max_pause: float = 8.0


RETRY = Retry()  # read when a client is made; tests shorten it


class Redactor:
    """Removes secret values (raw, percent-encoded, form-encoded, JSON-escaped) and URL query strings from a text,
    and makes it one short line safe for a terminal."""

    _QUERY = re.compile(r"\?(?=[^\s'\"()<>]*=)[^\s'\"()<>]+")  # "?a=b&c=d", not a question mark
    _USERINFO = re.compile(r"//[^/\s@'\"]*@")

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms = {form for secret in secrets if secret
                 for form in (secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1],
                              secret.replace("/", "\\/"))}  # as a server may echo it: JSON escapes "/" too
        self._forms = sorted(forms, key=len, reverse=True)  # longest first: a key may contain a shorter one

    def __call__(self, text: str, limit: int = 300) -> str:
        for form in self._forms:
            text = text.replace(form, "[key]")
        text = self._USERINFO.sub("//", self._QUERY.sub("?…", text))
        text = " ".join(UNSAFE_ON_TERMINAL.sub(" ", text).split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Answer:
    """A whole HTTP answer, read within the deadline. `json()` and `text()` raise `EngineBadAnswer`."""

    engine: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    def text(self) -> str:
        try:
            return self.body.decode(self._charset())
        except (LookupError, UnicodeDecodeError):
            raise EngineBadAnswer(self.engine, "answered text that is not in its declared encoding") from None

    def json(self) -> Any:
        try:
            return json.loads(self.text())
        except ValueError:
            raise EngineBadAnswer(self.engine, f"answered something that is not JSON (HTTP {self.status})") from None

    def _charset(self) -> str:
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip('"')
        return "utf-8"


class HttpClient:
    """The HTTP session of one engine instance. Thread-safe: the pool's threads share it."""

    def __init__(self, engine: str, limits: Limits, secrets: Iterable[str] = (), retry: Retry | None = None) -> None:
        self.engine = engine
        self.limits = limits
        self.redact = Redactor(secrets)
        self.retry = retry or RETRY
        self._slots = threading.BoundedSemaphore(max(1, limits.concurrency))
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        # Our own retries only; a pool as large as the concurrency so that no connection is thrown away.
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, limits.concurrency), max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def __repr__(self) -> str:
        return f"<HttpClient {self.engine}>"

    def close(self) -> None:
        self._session.close()

    def send(self, method: str, url: str, deadline: Deadline, *, params: Mapping[str, str] | None = None,
             json: Any = None, data: Mapping[str, str] | None = None,
             headers: Mapping[str, str] | None = None, busy: Callable[[Answer], str | None] | None = None) -> Answer:
        """The 2xx answer to one request, retried as the module says; an `EngineError` otherwise. `busy` reads a
        2xx answer that says "busy" in its body (Baidu does) and returns why, to be retried like a 429."""
        attempt = 0
        while True:
            attempt += 1
            wait: float | None = None
            why: str | None
            try:
                answer = self._once(method, url, deadline, params=params, json=json, data=data, headers=headers)
            except _Transient as problem:
                why = problem.why
            else:
                why = self._why_again(answer, busy)
                if why is None:
                    if 200 <= answer.status < 300:
                        return answer
                    raise self._refusal(answer)
                wait = retry_after(answer.headers.get("Retry-After"))
            if attempt >= self.retry.attempts or deadline.passed:
                raise EngineUnreachable(self.engine, why if attempt == 1 else f"{why} ({attempt} attempts)")
            self._pause(self._backoff(attempt) if wait is None else wait, deadline, why)

    def _why_again(self, answer: Answer, busy: Callable[[Answer], str | None] | None) -> str | None:
        """Why this answer is worth asking again for (busy, a server failing for now), or None."""
        if 200 <= answer.status < 300:
            return busy(answer) if busy is not None else None
        if answer.status in (429, 503):
            return f"is busy (HTTP {answer.status})"
        if answer.status in _RETRY_STATUSES:
            return f"failed (HTTP {answer.status}{self._detail(answer)})"
        return None

    # --- one request --------------------------------------------------------------------------------------------

    def _once(self, method: str, url: str, deadline: Deadline, **kwargs: Any) -> Answer:
        if not self._slots.acquire(timeout=deadline.remaining()):
            raise EngineUnreachable(self.engine, f"had {self.limits.concurrency} requests in flight until the "
                                                 "deadline")
        try:
            return self._request(method, url, deadline, **kwargs)
        finally:
            self._slots.release()

    def _request(self, method: str, url: str, deadline: Deadline, **kwargs: Any) -> Answer:
        where = _origin(url)
        left = self._left(deadline)
        try:
            response = self._session.request(
                method, url, stream=True, allow_redirects=False, verify=True,
                timeout=(min(self.limits.connect_timeout, left), min(self.limits.read_timeout, left)),
                proxies=_NO_PROXY if urlsplit(url).hostname in _LOOPBACK else None, **kwargs)
        except requests.exceptions.SSLError as error:  # asking again would not make the certificate trusted
            raise EngineRefused(self.engine, f"the TLS certificate of {where} could not be verified: "
                                             f"{self.redact(_ssl_reason(error), 160)}") from None
        except requests.Timeout as error:
            waited = "before the deadline" if deadline.passed else "in time"
            verb = "could not connect to" if isinstance(error, requests.ConnectTimeout) else "gave no answer from"
            raise _Transient(f"{verb} {where} {waited}") from None
        except requests.ConnectionError as error:
            raise _Transient(f"cannot be reached at {where}: {self.redact(_reason(error), 160)}") from None
        except requests.RequestException as error:  # a malformed address or header: asking again fails the same
            raise EngineRefused(self.engine, self.redact(f"could not send a request to {where}: {error}")) from None
        except UnicodeEncodeError:  # http.client sends headers in Latin-1
            raise EngineRefused(self.engine, "its key or another setting holds characters a request header cannot "
                                             "carry; check the engine's settings") from None
        try:
            if 300 <= response.status_code < 400:
                raise EngineRefused(self.engine, f"answered with a redirect (HTTP {response.status_code}) from "
                                                 f"{where}; check the engine's address")
            body = self._read(response, deadline, where)
        except BaseException:
            response.close()  # the connection is in an unknown state: never reused
            raise
        response.raw.release_conn()  # read to its end: back to the pool for the next batch
        return Answer(self.engine, response.status_code, CaseInsensitiveDict(response.headers), body)

    def _read(self, response: requests.Response, deadline: Deadline, where: str) -> bytes:
        """The body, a socket read at a time (`read1`, urllib3 2), each read's timeout shortened to the deadline."""
        raw = response.raw
        read = getattr(raw, "read1", None) or raw.read
        socket = getattr(getattr(raw, "connection", None), "sock", None)
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                left = self._left(deadline)
                if socket is not None:
                    socket.settimeout(min(self.limits.read_timeout, left))
                chunk = read(_CHUNK, decode_content=True)
                if not chunk:
                    return b"".join(chunks)
                size += len(chunk)
                if size > MAX_BODY:
                    raise EngineBadAnswer(self.engine, f"answered more than {MAX_BODY // 2**20} MiB")
                chunks.append(chunk)
        except (OSError, requests.RequestException, urllib3.exceptions.HTTPError) as error:
            if deadline.passed:
                raise _Transient(f"did not finish its answer from {where} before the deadline") from None
            raise _Transient(f"broke off its answer from {where}: {self.redact(_reason(error), 160)}") from None

    def _left(self, deadline: Deadline) -> float:
        left = deadline.remaining()
        if left <= 0:
            raise EngineUnreachable(self.engine, "gave no answer before the deadline")
        return left

    # --- waiting and refusing -----------------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        return min(self.retry.max_pause, self.retry.backoff * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)

    def _pause(self, seconds: float, deadline: Deadline, why: str) -> None:
        """Wait before asking again, or give up now if the wait would end after the deadline."""
        if seconds >= deadline.remaining():
            raise EngineUnreachable(self.engine, f"{why}; asking again in {seconds:.1f} s would pass the deadline")
        log.info("%s %s; asking again in %.1f s", self.engine, self.redact(why), seconds)
        deadline.sleep(seconds)

    def _refusal(self, answer: Answer) -> EngineRefused:
        detail = self._detail(answer)
        if answer.status in (401, 403):
            return EngineRefused(self.engine, f"the key was refused (HTTP {answer.status}{detail}); check the "
                                              "engine's key in the settings", for_everything=True)
        if answer.status == 456:
            return EngineRefused(self.engine, f"the quota is used up (HTTP 456{detail})", for_everything=True)
        return EngineRefused(self.engine, f"refused the request (HTTP {answer.status}{detail})")

    def _detail(self, answer: Answer) -> str:
        """What the server said about an error, from its JSON or its text, redacted; empty when nothing useful."""
        try:
            said: Any = json.loads(answer.body.decode("utf-8", "replace"))
        except ValueError:
            said = answer.body.decode("utf-8", "replace") if answer.body[:1] not in (b"<", b"") else ""
        for _ in range(3):  # {"error": {"message": ...}} and the like
            if not isinstance(said, dict):
                break
            said = next((said[k] for k in _DETAIL_KEYS if said.get(k)), "")
        text = self.redact(str(said), 160) if isinstance(said, str | int) else ""
        return f": {text}" if text else ""


class _Transient(Exception):
    """A failure worth another attempt; `why` is already redacted."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


# Loopback servers (a local LLM, the tests' fakes) are never reached through a proxy from the environment: a None
# entry overrides the environment's (requests' own idiom; its stubs type the values as str).
_NO_PROXY: Any = {"http": None, "https": None, "all": None}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def _reason(error: BaseException) -> str:
    """The innermost cause of a `requests` error ("[Errno 111] Connection refused"), not its wrapping."""
    text = str(error)
    found = re.search(r"\[Errno -?\d+\][^)'\"]*", text)
    return found.group().strip() if found else text


def _ssl_reason(error: BaseException) -> str:
    found = re.search(r"certificate verify failed[^)'\"]*|SSL[A-Z_]*Error[^)'\"]*", str(error))
    return found.group().strip() if found else "TLS error"
