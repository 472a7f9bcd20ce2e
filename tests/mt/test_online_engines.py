"""The online engines against loopback servers speaking their real protocols: answers, failures, limits, keys."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from studio.errors import StudioError
from studio.jobs import Cancelled
from studio.locales import get_locale
from studio.mt import pool
from studio.mt.catalogue import CATALOGUE, spec
from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, EngineUnreachable, Request
from studio.mt.engines.base import HttpEngine
from tests.mt.servers import (
    BATCHED,
    PROTOCOLS,
    FakeServer,
    closed_port,
    json_reply,
    malformed,
    quick_retries,
    serving,
    stall,
    status,
    wrong_count,
)

# Characters a URL would percent-encode, so that no encoding of the key slips through.
KEY = "sk-Secret/4f9a+Q=&x?z"
ALL = tuple(PROTOCOLS)
# The engines issue 9 names for every failure; the others get the same tests where cheap.
REQUIRED = ("libretranslate", "deepl", "mymemory", "google", "microsoft", "llm")
KEYED = tuple(name for name in ALL if name not in ("mymemory", "google"))
ATTEMPTS = 3


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_retries(monkeypatch, ATTEMPTS)


@contextmanager
def engine_for(name: str, server: FakeServer | None = None, key: str = KEY, **options: str) -> Iterator[HttpEngine]:
    url = server.url if server else f"http://127.0.0.1:{closed_port()}"
    values = PROTOCOLS[name]().options(url, key) | options
    engine = spec(name).make(values)
    assert isinstance(engine, HttpEngine)
    try:
        yield engine
    finally:
        engine.close()


def batch(*texts: str) -> list[Request]:
    return [Request(text) for text in texts]


def expected(name: str, target: str, text: str) -> str:
    return f"{get_locale(target).engine_code(name)}:{text}"


def no_key_anywhere(server: FakeServer, *texts: str) -> None:
    for seen in server.seen:
        assert KEY not in seen.target and "Secret" not in seen.target
    for text in texts:
        assert KEY not in text and "Secret" not in text


# --- answers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_translates_a_batch_in_order_keeping_blanks_and_spaces(name: str) -> None:
    texts = ("北京欢迎您。", " 办理<x1/>需要<x2/>天。 ", "", "请访问{1}网站{/1}。")
    with serving(name, key=KEY if name in KEYED else "") as server, engine_for(name, server) as engine:
        got = engine.translate(batch(*texts), "zh-Hans", "en", Deadline(10))
    assert got == [expected(name, "en", "北京欢迎您。"), " " + expected(name, "en", "办理<x1/>需要<x2/>天。") + " ", "",
                   expected(name, "en", "请访问{1}网站{/1}。")]
    assert len(server.seen) == (1 if name in BATCHED else 3)  # the blank text is never sent
    assert all(seen.path == server.protocol.path for seen in server.seen)
    no_key_anywhere(server)


@pytest.mark.parametrize("name", ALL)
def test_connections_are_reused_across_requests(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        for _ in range(3):
            engine.translate(batch("你好"), "zh-Hans", "fr", Deadline(10))
    assert len({seen.peer for seen in server.seen}) == 1


def test_libretranslate_sends_the_list_and_the_key_in_the_body() -> None:
    with serving("libretranslate") as server, engine_for("libretranslate", server) as engine:
        engine.translate(batch("一", "二"), "zh-Hans", "ar", Deadline(10))
    body = server.seen[0].json()
    assert body == {"q": ["一", "二"], "source": "zh", "target": "ar", "format": "text", "api_key": KEY}


def test_libretranslate_without_a_key_sends_none() -> None:
    with serving("libretranslate") as server, engine_for("libretranslate", server, key="") as engine:
        engine.translate(batch("一"), "zh-Hans", "de", Deadline(10))
    assert "api_key" not in server.seen[0].json()


def test_deepl_sends_the_key_in_its_header_and_source_codes_without_variant() -> None:
    with serving("deepl") as server, engine_for("deepl", server) as engine:
        assert engine.translate(batch("Hello"), "en", "ko", Deadline(10)) == ["KO:Hello"]
        engine.translate(batch("你好"), "zh-Hans", "en", Deadline(10))
    assert server.seen[0].header("Authorization") == f"DeepL-Auth-Key {KEY}"
    assert (server.seen[0].json()["source_lang"], server.seen[1].json()["target_lang"]) == ("EN", "EN-GB")
    assert spec("deepl").make({"key": "k:fx"}).url == "https://api-free.deepl.com"


def test_mymemory_is_keyless_and_sends_the_email() -> None:
    with serving("mymemory") as server, engine_for("mymemory", server) as engine:
        engine.translate(batch("你好"), "zh-Hans", "ja", Deadline(10))
    assert server.seen[0].query == {"q": "你好", "langpair": "zh-CN|ja", "de": "editor@example.org"}
    assert "key" not in {o.name for o in spec("mymemory").options}


def test_mymemory_quota_and_long_texts_are_refused() -> None:
    quota = {"responseData": {"translatedText": "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS"},
             "quotaFinished": True, "responseStatus": 429, "responseDetails": "MYMEMORY WARNING"}
    with serving("mymemory") as server, engine_for("mymemory", server) as engine:
        server.script.append(lambda s, seen: json_reply(quota))
        with pytest.raises(EngineRefused, match="allowance is used up"):
            engine.translate(batch("你好"), "zh-Hans", "en", Deadline(10))
        with pytest.raises(EngineRefused, match="at most 500 bytes"):
            engine.translate(batch("长" * 200), "zh-Hans", "en", Deadline(10))
    assert len(server.seen) == 1


def test_google_reads_the_result_with_entities_decoded() -> None:
    with serving("google", translate=lambda text, target: "Fish & <chips> \"now\"") as server, \
            engine_for("google", server) as engine:
        assert engine.translate(batch("鱼和薯条"), "zh-Hans", "en", Deadline(10)) == ['Fish & <chips> "now"']
    assert server.seen[0].query == {"sl": "zh-CN", "tl": "en", "q": "鱼和薯条"}


def test_microsoft_sends_key_and_region_in_headers() -> None:
    with serving("microsoft") as server, engine_for("microsoft", server) as engine:
        engine.translate(batch("一", "二"), "zh-Hans", "ru", Deadline(10))
    seen = server.seen[0]
    assert seen.header("Ocp-Apim-Subscription-Key") == KEY
    assert seen.header("Ocp-Apim-Subscription-Region") == "eastasia"
    assert seen.query == {"api-version": "3.0", "from": "zh-Hans", "to": "ru"}
    assert seen.json() == [{"Text": "一"}, {"Text": "二"}]


def test_baidu_signs_without_sending_the_key_and_keeps_lines() -> None:
    with serving("baidu", key=KEY) as server, engine_for("baidu", server) as engine:
        got = engine.translate(batch("第一行\n\n第二行", "三"), "zh-Hans", "fr", Deadline(10))
    assert got == ["fra:第一行\n\nfra:第二行", "fra:三"]
    form = server.seen[0].form()
    assert form["q"] == "第一行\n第二行\n三" and form["appid"] == "20240001" and form["to"] == "fra"
    assert KEY not in server.seen[0].body.decode() and "Secret" not in server.seen[0].body.decode()


def test_baidu_busy_is_retried() -> None:
    busy = {"error_code": "54003", "error_msg": "Invalid Access Limit"}
    with serving("baidu") as server, engine_for("baidu", server) as engine:
        server.script.append(lambda s, seen: json_reply(busy))
        assert engine.translate(batch("三"), "zh-Hans", "es", Deadline(10)) == ["spa:三"]
    assert len(server.seen) == 2


def test_papago_does_not_translate_arabic_and_sends_nothing() -> None:
    with serving("papago") as server, engine_for("papago", server) as engine:
        assert engine.supports("zh-Hans", "ko") and not engine.supports("zh-Hans", "ar")
        with pytest.raises(EngineRefused, match="does not translate zh-Hans into ar"):
            engine.translate(batch("你好"), "zh-Hans", "ar", Deadline(10))
    assert server.seen == []


def test_yandex_sends_the_folder_when_given() -> None:
    with serving("yandex") as server, engine_for("yandex", server, folder_id="b1g-folder") as engine:
        engine.translate(batch("你好"), "zh-Hans", "de", Deadline(10))
    assert server.seen[0].json()["folderId"] == "b1g-folder"
    assert server.seen[0].json()["format"] == "PLAIN_TEXT"


@pytest.mark.parametrize("name", ALL)
def test_supports_every_pair_of_its_language_map(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        assert engine.supports("zh-Hans", "ko")
        assert not engine.supports("zh-Hans", "zh-Hans") and not engine.supports("zh-Hans", "pt")
        assert engine.supports("en", "ar") == (name != "papago")


# --- failures ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REQUIRED)
def test_a_slow_answer_still_arrives(name: str) -> None:
    with serving(name, delay=0.2) as server, engine_for(name, server) as engine:
        started = time.monotonic()
        assert engine.translate(batch("慢"), "zh-Hans", "en", Deadline(5)) == [expected(name, "en", "慢")]
    assert time.monotonic() - started >= 0.2


@pytest.mark.slow
@pytest.mark.parametrize("name", REQUIRED)
def test_a_stalled_engine_fails_at_the_deadline_leaving_no_thread(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        server.script.extend(stall() for _ in range(10))
        started = time.monotonic()
        with pytest.raises(EngineUnreachable, match="deadline|in time"):
            pool.translate_all(engine, [batch("卡")] * 5, "zh-Hans", "en", Deadline(0.8))
        elapsed = time.monotonic() - started
        # At the deadline, not at the 30 s read timeout; a loaded 2-core CI machine may add some hundreds of ms.
        assert 0.75 <= elapsed < 2.5
        assert not [t for t in threading.enumerate() if t.name.startswith(f"mt-{name}")]
        assert len(server.seen) == min(5, engine.limits.concurrency)  # no batch started after the failure


@pytest.mark.slow
@pytest.mark.parametrize("name", REQUIRED)
def test_429_waits_as_retry_after_says(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        server.script.append(status(429, retry_after="1"))
        started = time.monotonic()
        assert engine.translate(batch("忙"), "zh-Hans", "en", Deadline(5)) == [expected(name, "en", "忙")]
    assert time.monotonic() - started >= 0.95
    assert len(server.seen) == 2


@pytest.mark.parametrize("name", REQUIRED)
def test_500_is_retried_then_unreachable(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        server.script.extend(status(500) for _ in range(ATTEMPTS))
        with pytest.raises(EngineUnreachable, match=r"HTTP 500.*\(3 attempts\)"):
            engine.translate(batch("坏"), "zh-Hans", "en", Deadline(10))
    assert len(server.seen) == ATTEMPTS


@pytest.mark.parametrize("name", REQUIRED)
def test_a_refused_connection_is_unreachable(name: str) -> None:
    with engine_for(name) as engine, pytest.raises(EngineUnreachable, match="cannot be reached") as raised:
        engine.translate(batch("无"), "zh-Hans", "en", Deadline(10))
    assert "Connection refused" in str(raised.value)


@pytest.mark.parametrize("name", REQUIRED)
def test_a_malformed_body_is_a_bad_answer(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        server.script.append(malformed())
        with pytest.raises(EngineBadAnswer):
            engine.translate(batch("乱"), "zh-Hans", "en", Deadline(10))


@pytest.mark.parametrize("name", BATCHED)
def test_a_wrong_number_of_translations_is_a_bad_answer(name: str) -> None:
    with serving(name) as server, engine_for(name, server) as engine:
        server.script.append(wrong_count())
        with pytest.raises(EngineBadAnswer, match="1 translations for 2 texts"):
            engine.translate(batch("一", "二"), "zh-Hans", "en", Deadline(10))


@pytest.mark.parametrize("name", KEYED)
def test_a_wrong_key_is_refused_clearly_without_showing_it(name: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with serving(name, key="the-right-key") as server, engine_for(name, server) as engine:
        server.script.append(status(500, body=f'{{"error": "temporarily down for {KEY}"}}'.encode()))
        with pytest.raises(EngineRefused, match="the key was refused") as raised:
            engine.translate(batch("钥匙"), "zh-Hans", "en", Deadline(10))
        shown = (str(raised.value), repr(raised.value), repr(engine), caplog.text)
    no_key_anywhere(server, *shown)
    assert "[key]" in caplog.text  # the 500's echo was logged, redacted


def test_a_required_option_missing_says_which() -> None:
    with pytest.raises(EngineRefused, match="give it key"):
        spec("deepl").make({})
    with pytest.raises(EngineRefused, match="give it app_id, key"):
        spec("baidu").make({})
    with pytest.raises(EngineRefused, match="user name or password"):
        spec("libretranslate").make({"url": "https://user:pw@example.org"})
    with pytest.raises(EngineRefused, match="http:// or https://"):
        spec("libretranslate").make({"url": "file:///etc/passwd"})


def test_the_catalogue() -> None:
    assert {"libretranslate", "deepl", "mymemory", "google", "microsoft", "baidu", "papago", "yandex",
            "llm"} <= set(CATALOGUE)
    for name in ALL:
        found = spec(name)
        assert "url" in {o.name for o in found.options}
        assert found.secrets == (("key",) if name in KEYED else ())
    with pytest.raises(StudioError, match="unknown engine 'bing'; the engines are libretranslate, deepl"):
        spec("bing")


# --- many batches --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REQUIRED)
def test_the_concurrency_limit_holds_with_many_batches_at_once(name: str) -> None:
    with serving(name, delay=0.05) as server, engine_for(name, server) as engine:
        size = 2 if engine.limits.batch_size > 1 else 1
        batches = [batch(*(f"句{i}-{j}" for j in range(size))) for i in range(3 * engine.limits.concurrency)]
        got = pool.translate_all(engine, batches, "zh-Hans", "en", Deadline(20))
    assert got == [[expected(name, "en", r.text) for r in b] for b in batches]
    assert server.peak == engine.limits.concurrency


def test_the_engine_bounds_its_own_requests_whoever_calls_it() -> None:
    with serving("deepl", delay=0.05) as server, engine_for("deepl", server) as engine:
        threads = [threading.Thread(target=engine.translate, args=(batch("并发"), "zh-Hans", "en", Deadline(20)))
                   for _ in range(3 * engine.limits.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(server.seen) == 3 * engine.limits.concurrency
    assert server.peak == engine.limits.concurrency


def test_cancelling_stops_between_batches() -> None:
    with serving("libretranslate", delay=0.05) as server, engine_for("libretranslate", server) as engine:
        stop = threading.Event()
        results = []
        with pytest.raises(Cancelled):
            for index, translated in pool.translate_each(engine, [batch(f"句{i}") for i in range(20)], "zh-Hans",
                                                         "en", Deadline(20), cancelled=stop.is_set):
                results.append((index, translated))
                stop.set()
    assert 1 <= len(results) <= engine.limits.concurrency
    assert len(server.seen) == engine.limits.concurrency  # the batches in flight finished; no other started
