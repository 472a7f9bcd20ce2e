"""The HTTP layer every online engine sends through: retries, Retry-After, the deadline, redirects, TLS, redaction."""

from __future__ import annotations

import logging
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from studio.http_dates import retry_after
from studio.mt import http
from studio.mt.catalogue import spec
from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, EngineUnreachable, Limits, Request
from studio.mt.http import HttpClient, Redactor
from tests.mt.servers import quick_retries, redirect, serving, stall, status, trickle

KEY = "sk-Secret/4f9a+Q=&x?z"
BODY = {"q": ["你好"], "source": "zh", "target": "en", "format": "text", "api_key": KEY}


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_retries(monkeypatch)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    made = HttpClient("fake", Limits(concurrency=2, connect_timeout=2, read_timeout=5), secrets=[KEY])
    yield made
    made.close()


def post(client: HttpClient, url: str, seconds: float = 10) -> http.Answer:
    return client.send("POST", f"{url}/translate", Deadline(seconds), json=BODY)


# --- redaction -----------------------------------------------------------------------------------------------------


def test_redaction_removes_every_encoding_of_a_secret_and_query_strings() -> None:
    redact = Redactor([KEY, ""])
    text = (f"key {KEY}; quoted sk-Secret%2F4f9a%2BQ%3D%26x%3Fz; form sk-Secret%2F4f9a%2BQ%3D%26x%3Fz; "
            "url: /get?q=%E4%BD%A0&de=a@b.org (Caused by x); https://u:pw@host/x \x1b[31mred\u202e")
    shown = redact(text)
    assert "Secret" not in shown and "pw" not in shown and "%E4" not in shown and "a@b.org" not in shown
    assert "\x1b" not in shown and "\u202e" not in shown
    assert shown.startswith("key [key]; quoted [key]; form [key]; url: /get?… (Caused by x); https://host/x")
    assert len(Redactor()("x" * 1000)) == 300
    assert Redactor([KEY])('{"error": "bad key sk-Secret\\/4f9a+Q=&x?z", "why?": "?"}') == \
        '{"error": "bad key [key]", "why?": "?"}'


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after(None) is None and retry_after("soon") is None
    future = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 28 <= (retry_after(future) or 0) <= 30
    assert retry_after(format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)) == 0.0


# --- retries and the deadline ---------------------------------------------------------------------------------------


def test_a_500_then_an_answer(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        server.script.append(status(500))
        assert post(client, server.url).json() == {"translatedText": ["en:你好"]}
    assert len(server.seen) == 2


@pytest.mark.slow
def test_retry_after_as_an_http_date_is_honoured(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
        server.script.append(status(503, retry_after=when))
        started = time.monotonic()
        post(client, server.url)
    assert time.monotonic() - started >= 0.9  # the date has whole seconds: at least one of them is waited


def test_a_retry_after_beyond_the_deadline_gives_up_at_once(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        server.script.append(status(429, retry_after="30"))
        started = time.monotonic()
        with pytest.raises(EngineUnreachable, match=r"busy \(HTTP 429\); asking again in 30.0 s would pass"):
            post(client, server.url, seconds=5)
    assert time.monotonic() - started < 0.5


def test_busy_beyond_the_attempts_is_unreachable(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        server.script.extend(status(429, retry_after="0") for _ in range(5))
        with pytest.raises(EngineUnreachable, match=r"busy \(HTTP 429\) \(3 attempts\)"):
            post(client, server.url)
    assert len(server.seen) == 3


@pytest.mark.parametrize(("code", "says"), [(404, "refused the request"), (456, "quota is used up"),
                                            (401, "the key was refused"), (501, "refused the request")])
def test_client_errors_are_refusals_asked_once(client: HttpClient, code: int, says: str) -> None:
    with serving("libretranslate") as server:
        server.script.append(status(code))
        with pytest.raises(EngineRefused, match=f"{says} \\(HTTP {code}: status {code}\\)"):
            post(client, server.url)
    assert len(server.seen) == 1


@pytest.mark.slow
def test_an_answer_trickling_in_is_cut_at_the_deadline(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        server.script.append(trickle(0.05))  # each byte in time, the whole far too late
        started = time.monotonic()
        with pytest.raises(EngineUnreachable, match="did not finish its answer"):
            post(client, server.url, seconds=1.0)
    # The whole answer would take seconds more; a loaded 2-core CI machine may add some hundreds of ms to the 1 s.
    assert 0.95 <= time.monotonic() - started < 2.2


def test_a_stalled_server_is_abandoned_at_the_deadline(client: HttpClient) -> None:
    with serving("libretranslate") as server:
        server.script.append(stall())
        started = time.monotonic()
        with pytest.raises(EngineUnreachable, match="gave no answer from .* before the deadline"):
            post(client, server.url, seconds=0.4)
    assert 0.35 <= time.monotonic() - started < 0.8


def test_a_passed_deadline_sends_nothing(client: HttpClient) -> None:
    with serving("libretranslate") as server, pytest.raises(EngineUnreachable, match="before the deadline"):
        post(client, server.url, seconds=0)
    assert server.seen == []


def test_an_answer_too_large_is_a_bad_answer(client: HttpClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "MAX_BODY", 10)
    with serving("libretranslate") as server, pytest.raises(EngineBadAnswer, match="answered more than"):
        post(client, server.url)


# --- where requests go ---------------------------------------------------------------------------------------------


def test_redirects_are_never_followed(client: HttpClient) -> None:
    with serving("libretranslate") as elsewhere, serving("libretranslate") as server:
        server.script.append(redirect(f"{elsewhere.url}/translate"))
        with pytest.raises(EngineRefused, match="redirect"):
            post(client, server.url)
    assert elsewhere.seen == []  # the key in the body never went there


def test_tls_certificates_are_verified(client: HttpClient, tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=127.0.0.1",
                           "-keyout", str(key), "-out", str(cert), "-days", "1"], capture_output=True, check=False)
    if made.returncode:
        pytest.skip("no openssl to make a certificate")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        with pytest.raises(EngineRefused, match="certificate .* could not be verified"):
            client.send("POST", f"https://127.0.0.1:{httpd.server_address[1]}/translate", Deadline(5), json=BODY)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_logs_and_messages_never_hold_the_key(client: HttpClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    echo = f'{{"error": "upstream failed for key {KEY} at /x?api_key={KEY}"}}'.encode()
    with serving("libretranslate") as server:
        server.script.extend(status(502, body=echo) for _ in range(3))
        with pytest.raises(EngineUnreachable) as raised:
            post(client, server.url)
    assert "asking again" in caplog.text
    for text in (caplog.text, str(raised.value), repr(raised.value), repr(client)):
        assert KEY not in text and "Secret" not in text


def test_a_key_a_header_cannot_carry_is_refused_without_showing_it() -> None:
    with serving("deepl") as server:
        engine = spec("deepl").make({"url": server.url, "key": "ключ-Secret"})
        try:
            with pytest.raises(EngineRefused, match="characters a request header cannot carry") as raised:
                engine.translate([Request("你好")], "zh-Hans", "en", Deadline(5))
        finally:
            engine.close()
    assert "Secret" not in str(raised.value) and server.seen == []
