"""The one HTTP layer of the publishing client: one session, timeouts, TLS always verified, retries for reads only.

- One `requests.Session` per client, its connection pool as large as the requests in flight, `trust_env` off: no
  `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`, proxy or `.netrc` from the environment can change where a token goes or
  whether a certificate is checked. `verify` is a CA bundle's path or True, never False. No redirect is followed
  (it would carry the token to an address nobody configured).
- A connect and a read timeout on every request; a body is read within a size limit. An answer shorter than its
  Content-Length (a connection cut in the middle) is a failed connection, never an answer.
- Reads (GET) are retried after connection failures, timeouts, 429 and 503 (after `Retry-After`) and 502/504, a
  bounded number of times. A write is retried here only when its connection could not even be opened, so nothing
  was sent; any other failure of a write is the outbox's to retry, with the same key and preconditions.
- The token is sent in the Authorization header only, and removed from every text that leaves this module.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from studio.http_dates import retry_after
from studio.sync.config import Connection
from studio.sync.errors import (
    PortalAuthError,
    PortalBadAnswer,
    PortalBusy,
    PortalError,
    PortalForbidden,
    PortalRefused,
    PortalUnreachable,
)
from studio.unsafe_characters import UNSAFE_ON_TERMINAL

log = logging.getLogger("studio.sync.http")

USER_AGENT = "Studio publishing client (translation workstation of the Beijing municipal portal)"
MAX_BODY = 64 * 1024 * 1024  # a release of 10,000 items answers a few MB; anything far larger is not an answer
_CHUNK = 256 * 1024
_READ_RETRY = frozenset({429, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # a longer Retry-After is not waited for: the push stops and says when to try again


@dataclass(frozen=True)
class Retry:
    """How often reads are asked again (`attempts` in all) and how long to pause: `backoff` seconds doubling up to
    `max_pause`, each scaled by a random factor in [0.5, 1] so that parallel requests do not retry in step."""

    attempts: int = 4
    backoff: float = 0.3
    max_pause: float = 5.0


@dataclass(frozen=True)
class Answer:
    """A whole HTTP answer."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    what: str  # "PUT /v1/documents/…", for messages

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def media_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The JSON body; `PortalBadAnswer` for HTML, garbage or another media type."""
        if self.media_type not in ("application/json", "application/problem+json"):
            said = "an HTML page" if self.media_type == "text/html" or self.body.lstrip()[:1] == b"<" else (
                f"{self.media_type or 'an unnamed type'}")
            raise PortalBadAnswer(f"the portal answered {said} instead of JSON to {self.what} (HTTP {self.status}): "
                                  "is the portal's address right?", status=self.status)
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise PortalBadAnswer(f"the portal answered something that is not JSON to {self.what} "
                                  f"(HTTP {self.status})", status=self.status) from None

    def problem(self) -> dict[str, Any]:
        """The problem document of an error answer ({} when it has none)."""
        if self.media_type not in ("application/problem+json", "application/json"):
            return {}
        try:
            value = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def retry_after(self) -> float | None:
        return retry_after(self.headers.get("Retry-After"))


class PortalHttp:
    """The HTTP session of one publishing client. Thread-safe: the push's pool shares it.

    `stop` (an Event) ends pauses between retries at once: a cancelled job does not wait out a Retry-After."""

    def __init__(self, connection: Connection, *, concurrency: int = 8, retry: Retry | None = None,
                 stop: threading.Event | None = None) -> None:
        if connection.verify is False:  # never: the type allows it, the rule does not
            raise ValueError("TLS verification cannot be turned off")
        self.connection = connection
        self.base = connection.url
        self.retry = retry or Retry()
        self.stop = stop or threading.Event()
        self._token = connection.token
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json",
                                      "Authorization": f"Bearer {connection.token}"})
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, concurrency), max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def __repr__(self) -> str:
        return f"<PortalHttp {self.base}>"

    def close(self) -> None:
        self._session.close()

    def refusal(self, answer: Answer, doing: str) -> PortalError:
        """`refusal`, with this client's token removed from whatever the server said."""
        return refusal(answer, doing, lambda text: self.redact(text, 200))

    def redact(self, text: str, limit: int = 300) -> str:
        """`text` without the token, on one line safe for a terminal."""
        if self._token:
            text = text.replace(self._token, "[token]")
        text = " ".join(UNSAFE_ON_TERMINAL.sub(" ", text).split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    # --- requests -------------------------------------------------------------------------------------------

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Answer:
        """A read, retried as the module says; returns any answer that is not worth asking again for."""
        attempt = 0
        while True:
            attempt += 1
            wait: float | None = None
            try:
                answer = self._send("GET", path, params=params)
            except PortalUnreachable as failure:
                why = str(failure)
                if attempt >= self.retry.attempts:
                    raise
            else:
                if answer.status not in _READ_RETRY or attempt >= self.retry.attempts:
                    return answer
                why = f"the portal is busy (HTTP {answer.status})"
                wait = answer.retry_after()
            self.pause(self.backoff(attempt) if wait is None else wait, why)

    def send(self, method: str, path: str, body: bytes, headers: Mapping[str, str]) -> Answer:
        """A write, sent once (again only if its connection could not be opened: then nothing was sent).
        `PortalUnreachable` means it may or may not have been done."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._send(method, path, data=body,
                                  headers={"Content-Type": "application/json", **headers})
            except _NotSent as failure:
                if attempt >= self.retry.attempts:
                    raise PortalUnreachable(str(failure)) from None
                self.pause(self.backoff(attempt), str(failure))

    def _send(self, method: str, path: str, **kwargs: Any) -> Answer:
        url = self.base + path
        what = f"{method} {urlsplit(url).path}"
        try:
            response = self._session.request(
                method, url, stream=True, allow_redirects=False, verify=self.connection.verify,
                timeout=(self.connection.connect_timeout, self.connection.read_timeout), **kwargs)
        except requests.exceptions.SSLError as error:
            raise PortalRefused(f"the portal's TLS certificate could not be verified ({self._ssl_reason(error)}); "
                                "set the CA bundle that signs it (studio portal connect URL --ca-bundle FILE)") \
                from None
        except requests.exceptions.ConnectTimeout:
            raise _NotSent(f"could not connect to {self._where()} in time") from None
        except requests.exceptions.ConnectionError as error:
            if _nothing_sent(error):
                raise _NotSent(f"cannot reach the portal at {self._where()}: {self._reason(error)}") from None
            raise PortalUnreachable(f"the connection to {self._where()} broke during {what}: "
                                    f"{self._reason(error)}") from None
        except requests.exceptions.Timeout:
            raise PortalUnreachable(f"the portal gave no answer to {what} in "
                                    f"{self.connection.read_timeout:g} s") from None
        except requests.RequestException as error:
            raise PortalUnreachable(self.redact(f"{what} failed: {error}")) from None
        try:
            if 300 <= response.status_code < 400:
                raise PortalBadAnswer(f"the portal answered {what} with a redirect (HTTP {response.status_code}); "
                                      "check the portal's address", status=response.status_code)
            body = self._read(response, what)
        finally:
            response.close()
        return Answer(response.status_code, CaseInsensitiveDict(response.headers), body, what)

    def _read(self, response: requests.Response, what: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > MAX_BODY:
                    raise PortalBadAnswer(f"the portal's answer to {what} is larger than {MAX_BODY // 2**20} MiB")
                chunks.append(chunk)
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                urllib3.exceptions.HTTPError, OSError) as error:
            raise PortalUnreachable(f"the portal's answer to {what} was cut off: {self._reason(error)}") from None
        except requests.exceptions.Timeout:
            raise PortalUnreachable(f"the portal's answer to {what} stalled") from None
        return b"".join(chunks)

    # --- waiting --------------------------------------------------------------------------------------------

    def backoff(self, attempt: int) -> float:
        return min(self.retry.max_pause, self.retry.backoff * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)

    def pause(self, seconds: float, why: str) -> None:
        """Wait before asking again; a stop (a cancelled job) ends the wait at once and raises."""
        if seconds > MAX_RETRY_AFTER:
            raise PortalBusy(f"{why}; the portal asks to wait {seconds:.0f} s: push again later")
        log.info("%s; asking again in %.1f s", self.redact(why), seconds)
        if self.stop.wait(seconds):
            raise PortalUnreachable(f"{why}; stopped while waiting to ask again")

    # --- messages -------------------------------------------------------------------------------------------

    def _where(self) -> str:
        parts = urlsplit(self.base)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)

    def _reason(self, error: BaseException) -> str:
        text = str(error)
        for marker in ("Connection refused", "Connection reset", "Remote end closed connection",
                       "IncompleteRead", "Connection aborted", "timed out", "Name or service not known"):
            if marker.lower() in text.lower():
                return marker.lower() if marker != "IncompleteRead" else "incomplete answer"
        return self.redact(text, 160)

    @staticmethod
    def _ssl_reason(error: BaseException) -> str:
        text = str(error)
        at = text.find("certificate verify failed")
        return text[at:at + 80].split("'")[0].split(")")[0] if at >= 0 else "TLS error"


def refusal(answer: Answer, doing: str, redact: Callable[[str], str] = str) -> PortalError:
    """The error of a non-2xx answer, naming what Studio was `doing` and what the portal said (through `redact`:
    a server may echo a request's headers back)."""
    problem = answer.problem()
    kind = redact(str(problem.get("type", "")).rsplit("/", 1)[-1])
    detail = redact(str(problem.get("detail") or ""))
    said = f": {detail}" if detail else ""
    if answer.status == 401:
        return PortalAuthError(f"the portal refused the token while {doing}{said}; make a new token and run "
                               "'studio portal connect URL' (or set STUDIO_PORTAL_TOKEN)", status=401, kind=kind,
                               problem=problem)
    if answer.status == 403:
        scope = problem.get("required_scope") or "another scope"
        return PortalForbidden(f"the token lacks the scope {scope} needed for {doing}; ask for a token with it",
                               status=403, kind=kind, problem=problem)
    if answer.status in (429, 503):
        return PortalBusy(f"the portal is busy (HTTP {answer.status}) while {doing}; try again later",
                          status=answer.status, kind=kind, problem=problem, retry_after=answer.retry_after())
    if not problem and answer.body.lstrip()[:1] == b"<":
        return PortalBadAnswer(f"the portal answered an HTML page (HTTP {answer.status}) while {doing}: is the "
                               "portal's address right?", status=answer.status)
    return PortalRefused(f"the portal refused {doing} (HTTP {answer.status}{', ' + kind if kind else ''}){said}",
                         status=answer.status, kind=kind, problem=problem)


class _NotSent(Exception):
    """The connection could not be opened: the request was never sent, so asking again is always safe."""


def _nothing_sent(error: BaseException) -> bool:
    """Whether a `ConnectionError` happened before any byte of the request left (refused, unresolvable host)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, urllib3.exceptions.NewConnectionError | urllib3.exceptions.NameResolutionError
                      | urllib3.exceptions.ConnectTimeoutError):
            return True
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
            continue
        args = getattr(current, "args", ())
        nxt = next((a for a in args if isinstance(a, BaseException)), None)
        current = nxt or current.__cause__ or current.__context__
    return False
