"""Fake translation services on 127.0.0.1 that speak each engine's real HTTP protocol as Studio sends it.

A `FakeServer` answers with a `Protocol` (LibreTranslate, DeepL, MyMemory, Google's web page, Microsoft, Baidu,
Papago, Yandex, chat completions). It "translates" a text into `<target>:<text>`, which keeps every token, and it
can be slow (`delay`), check a key (`key`), and play scripted misbehaviour for the next requests (`script`):
a status with headers, a stall until the server closes, a malformed body, a wrong number of translations, a body
sent a byte at a time. It records every request (`seen`) and the most requests it had at once (`peak`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from studio.mt import http

# --- what the server saw -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    method: str
    target: str  # the request target as sent: path and query string
    headers: dict[str, str]
    body: bytes
    peer: int = 0  # the client's port: the same for requests on one kept-alive connection

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.target).query, keep_blank_values=True).items()}

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), "")


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    trickle: float = 0.0  # seconds between bytes of the body


def json_reply(data: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(data, ensure_ascii=False).encode())


# --- the protocols -----------------------------------------------------------------------------------------------


class Protocol:
    """One service's API: how to read Studio's request and write the service's answer."""

    engine: str = ""
    path: str = ""
    server_key: str = ""  # the key the server knows (Baidu checks signatures made with it)

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url, "key": key}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        """The texts of a request and the target language code."""
        raise NotImplementedError

    def key(self, seen: Seen) -> str:
        """The key the request carries (or proves, for Baidu)."""
        raise NotImplementedError

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        raise NotImplementedError

    def refusal(self, key: str) -> Reply:
        """The answer to a wrong key; like many real services, it echoes the key it was given."""
        return json_reply({"error": f"Invalid API key: {key}"}, 403)

    def malformed(self) -> Reply:
        return Reply(200, b'{"translations": [')


class LibreTranslateProtocol(Protocol):
    engine, path = "libretranslate", "/translate"

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        body = seen.json()
        q = body["q"]
        assert body["format"] == "text"
        return (q if isinstance(q, list) else [q]), body["target"]

    def key(self, seen: Seen) -> str:
        return str(seen.json().get("api_key", ""))

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return json_reply({"translatedText": translations})


class DeepLProtocol(Protocol):
    engine, path = "deepl", "/v2/translate"

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        body = seen.json()
        assert "-" not in body["source_lang"]  # DeepL refuses a source variant
        return body["text"], body["target_lang"]

    def key(self, seen: Seen) -> str:
        return seen.header("Authorization").removeprefix("DeepL-Auth-Key ")

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return json_reply({"translations": [{"detected_source_language": "ZH", "text": t} for t in translations]})

    def refusal(self, key: str) -> Reply:
        return json_reply({"message": f"Wrong endpoint or key {key}"}, 403)


class MyMemoryProtocol(Protocol):
    engine, path = "mymemory", "/get"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url, "email": "editor@example.org"}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        return [seen.query["q"]], seen.query["langpair"].split("|")[1]

    def key(self, seen: Seen) -> str:
        return ""

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return json_reply({"responseData": {"translatedText": translations[0], "match": 0.85},
                           "quotaFinished": False, "responseDetails": "", "responseStatus": 200,
                           "matches": []})

    def malformed(self) -> Reply:
        return json_reply({"responseStatus": 200, "responseData": {"match": 1}})


class GoogleProtocol(Protocol):
    engine, path = "google", "/m"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        return [seen.query["q"]], seen.query["tl"]

    def key(self, seen: Seen) -> str:
        return ""

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        page = ('<!DOCTYPE html><html><head><title>Google Translate</title></head><body>'
                '<div class="frame"><div class="result-container">'
                f'{html.escape(translations[0])}</div></div><br><img src="x.png"></body></html>')
        return Reply(200, page.encode(), "text/html; charset=utf-8")

    def malformed(self) -> Reply:
        return Reply(200, b"<html><body><form>Our systems have detected unusual traffic</form></body></html>",
                     "text/html; charset=utf-8")


class MicrosoftProtocol(Protocol):
    engine, path = "microsoft", "/translate"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url, "key": key, "region": "eastasia"}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        assert seen.query["api-version"] == "3.0"
        return [item["Text"] for item in seen.json()], seen.query["to"]

    def key(self, seen: Seen) -> str:
        return seen.header("Ocp-Apim-Subscription-Key")

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        to = seen.query["to"]
        return json_reply([{"translations": [{"text": t, "to": to}]} for t in translations])

    def refusal(self, key: str) -> Reply:
        return json_reply({"error": {"code": 401000, "message": f"The request is not authorized: {key}"}}, 401)


class BaiduProtocol(Protocol):
    engine, path = "baidu", "/api/trans/vip/translate"
    app_id = "20240001"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url, "key": key, "app_id": self.app_id}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        form = seen.form()
        return form["q"].split("\n"), form["to"]

    def key(self, seen: Seen) -> str:
        # The key is never sent: the server checks the signature against the key it knows.
        form = seen.form()
        expected = hashlib.md5(f"{form['appid']}{form['q']}{form['salt']}{self.server_key}".encode()).hexdigest()
        return self.server_key if form["sign"] == expected else "(a wrong signature)"

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        form = seen.form()
        pairs = zip(form["q"].split("\n"), translations, strict=False)  # strict=False: wrong_count() drops one
        return json_reply({"from": form["from"], "to": form["to"],
                           "trans_result": [{"src": s, "dst": t} for s, t in pairs]})

    def refusal(self, key: str) -> Reply:
        return json_reply({"error_code": "54001", "error_msg": "Invalid Sign"})


class PapagoProtocol(Protocol):
    engine, path = "papago", "/nmt/v1/translation"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": url, "key": key, "client_id": "client-7"}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        form = seen.form()
        return [form["text"]], form["target"]

    def key(self, seen: Seen) -> str:
        assert seen.header("X-NCP-APIGW-API-KEY-ID") == "client-7"
        return seen.header("X-NCP-APIGW-API-KEY")

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return json_reply({"message": {"result": {"srcLangType": "zh-CN", "tarLangType": seen.form()["target"],
                                                  "translatedText": translations[0]}}})

    def refusal(self, key: str) -> Reply:
        return json_reply({"error": {"errorCode": "200", "message": "Authentication Failed"}}, 401)


class YandexProtocol(Protocol):
    engine, path = "yandex", "/translate/v2/translate"

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        body = seen.json()
        return body["texts"], body["targetLanguageCode"]

    def key(self, seen: Seen) -> str:
        return seen.header("Authorization").removeprefix("Api-Key ")

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return json_reply({"translations": [{"text": t} for t in translations]})

    def refusal(self, key: str) -> Reply:
        return json_reply({"code": 16, "message": f"Unknown api key '{key}'"}, 401)


class ChatProtocol(Protocol):
    """The OpenAI-compatible chat-completions API; the target language is read from the system prompt."""

    engine, path = "llm", "/v1/chat/completions"

    def options(self, url: str, key: str) -> dict[str, str]:
        return {"url": f"{url}/v1", "key": key, "model": "tiny-model"}

    def texts(self, seen: Seen) -> tuple[list[str], str]:
        messages = seen.json()["messages"]
        target = re.search(r"into .*? \(([^)]+)\)\.", messages[0]["content"])
        assert target is not None
        return [entry["text"] for entry in json.loads(messages[1]["content"])["inputs"]], target.group(1)

    def key(self, seen: Seen) -> str:
        return seen.header("Authorization").removeprefix("Bearer ")

    def answer(self, translations: list[str], seen: Seen) -> Reply:
        return chat_reply(json.dumps({"translations": translations}, ensure_ascii=False))

    def refusal(self, key: str) -> Reply:
        return json_reply({"error": {"message": f"Incorrect API key provided: {key}.", "type": "invalid_request_error",
                                     "code": "invalid_api_key"}}, 401)

    def malformed(self) -> Reply:
        return chat_reply("Sure! Here are the translations: 1. ...")


def chat_reply(content: str, finish_reason: str = "stop") -> Reply:
    return json_reply({"id": "chatcmpl-1", "object": "chat.completion", "model": "tiny-model",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                    "finish_reason": finish_reason}]})


PROTOCOLS: dict[str, Callable[[], Protocol]] = {
    "libretranslate": LibreTranslateProtocol, "deepl": DeepLProtocol, "mymemory": MyMemoryProtocol,
    "google": GoogleProtocol, "microsoft": MicrosoftProtocol, "baidu": BaiduProtocol, "papago": PapagoProtocol,
    "yandex": YandexProtocol, "llm": ChatProtocol,
}
BATCHED = ("libretranslate", "deepl", "microsoft", "baidu", "yandex", "llm")  # many texts in one request


# --- scripted misbehaviour -----------------------------------------------------------------------------------------

Action = Callable[["FakeServer", Seen], "Reply | None"]  # None: answer normally


def status(code: int, retry_after: str | None = None, body: bytes = b"") -> Action:
    headers = (("Retry-After", retry_after),) if retry_after is not None else ()
    return lambda server, seen: Reply(code, body or json.dumps({"error": f"status {code}"}).encode(),
                                      headers=headers)


def stall() -> Action:
    def act(server: FakeServer, seen: Seen) -> Reply | None:
        server.released.wait(30)
        return Reply(200, b"{}")
    return act


def malformed() -> Action:
    return lambda server, seen: server.protocol.malformed()


def wrong_count() -> Action:
    def act(server: FakeServer, seen: Seen) -> Reply:
        texts, target = server.protocol.texts(seen)
        return server.protocol.answer(server.translations(texts, target)[:-1], seen)
    return act


def trickle(seconds_per_byte: float) -> Action:
    def act(server: FakeServer, seen: Seen) -> Reply:
        reply = server.normal(seen)
        return Reply(reply.status, reply.body, reply.content_type, reply.headers, seconds_per_byte)
    return act


def redirect(location: str) -> Action:
    return lambda server, seen: Reply(307, b"", headers=(("Location", location),))


# --- the server -----------------------------------------------------------------------------------------------------


@dataclass
class FakeServer:
    protocol: Protocol
    key: str = ""  # the key it accepts ("" : any)
    delay: float = 0.0  # before every answer
    translate: Callable[[str, str], str] = lambda text, target: f"{target}:{text}"
    script: deque[Action] = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    peak: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.protocol.server_key = self.key
        self._lock = threading.Lock()
        self._current = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                        name="fake-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def close(self) -> None:
        self.released.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def translations(self, texts: list[str], target: str) -> list[str]:
        return [self.translate(text, target) for text in texts]

    def normal(self, seen: Seen) -> Reply:
        if self.key and self.protocol.key(seen) != self.key:
            return self.protocol.refusal(self.protocol.key(seen))
        texts, target = self.protocol.texts(seen)
        return self.protocol.answer(self.translations(texts, target), seen)

    def reply(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            self._current += 1
            self.peak = max(self.peak, self._current)
            action = self.script.popleft() if self.script else None
        try:
            if self.delay:
                time.sleep(self.delay)
            return (action(self, seen) if action else None) or self.normal(seen)
        finally:
            with self._lock:
                self._current -= 1

    def options(self, key: str = "") -> dict[str, str]:
        return self.protocol.options(self.url, key)


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real services: the engines reuse their connections
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK wait between

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            seen = Seen(self.command, self.path, dict(self.headers.items()), self.rfile.read(length),
                        self.client_address[1])
            reply = server.reply(seen)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.end_headers()
                if reply.trickle:
                    for byte in reply.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                else:
                    self.wfile.write(reply.body)
            except OSError:  # the client gave up (its deadline): nothing to answer
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serving(name: str, **kwargs: Any) -> Iterator[FakeServer]:
    server = FakeServer(PROTOCOLS[name](), **kwargs)
    try:
        yield server
    finally:
        server.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def quick_retries(monkeypatch: pytest.MonkeyPatch, attempts: int = 3) -> http.Retry:
    """Retries with pauses of a few tens of milliseconds, so that tests of the retry rules run fast."""
    retry = http.Retry(attempts=attempts, backoff=0.04, max_pause=0.2)
    monkeypatch.setattr(http, "RETRY", retry)
    return retry
