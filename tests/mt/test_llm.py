"""The chat-completions engine: what the prompt carries, and the strict reading of the model's answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

import pytest

from studio.mt.catalogue import spec
from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, Request
from studio.mt.engines.llm import ChatCompletions
from studio.mt.masking import mask, unmask
from tests.mt.servers import FakeServer, chat_reply, quick_retries, serving

KEY = "sk-proj-Secret/4f9a+Q="


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_retries(monkeypatch)


@contextmanager
def chat(key: str = KEY, model: str = "tiny-model", accepts: str = "", **server_options: Any) -> Iterator[tuple[FakeServer,
                                                                                                  ChatCompletions]]:
    with serving("llm", key=accepts, **server_options) as server:
        engine = spec("llm").make({"url": f"{server.url}/v1", "key": key, "model": model})
        assert isinstance(engine, ChatCompletions)
        try:
            yield server, engine
        finally:
            engine.close()


def answering(content: str, finish_reason: str = "stop") -> object:
    return lambda server, seen: chat_reply(content, finish_reason)


def test_the_prompt_carries_languages_context_pivots_and_glossary() -> None:
    first = Request("办理<x1/>需要带{1}身份证{/1}。", document_type="procedure_guide", field="steps[2].body",
                    before=("请先预约。",), after=("办理时间为工作日。",),
                    pivots=MappingProxyType({"en": "Bring your {1}ID card{/1} to <x1/>."}),
                    terms=MappingProxyType({"身份证": "identity card"}))
    with chat() as (server, engine):
        got = engine.translate([first, Request("谢谢")], "zh-Hans", "fr", Deadline(10))
    assert got == ["fr:办理<x1/>需要带{1}身份证{/1}。", "fr:谢谢"]
    sent = server.seen[0].json()
    assert server.seen[0].path == "/v1/chat/completions"
    assert (sent["model"], sent["temperature"], sent["response_format"]) == ("tiny-model", 0, {"type": "json_object"})
    system, user = sent["messages"]
    assert system["role"] == "system" and user["role"] == "user"
    prompt = system["content"]
    assert "Beijing" in prompt and "from Chinese (Simplified) (zh-Hans) into French (fr)" in prompt
    assert all(token in prompt for token in ("<x1/>", "{1}", "{/1}", "{2/}", '{"translations"'))
    assert json.loads(user["content"]) == {"inputs": [
        {"n": 1, "text": first.text, "document_type": "procedure_guide", "field": "steps[2].body",
         "before": ["请先预约。"], "after": ["办理时间为工作日。"],
         "pivots": {"English (en)": "Bring your {1}ID card{/1} to <x1/>."}, "glossary": {"身份证": "identity card"}},
        {"n": 2, "text": "谢谢"},
    ]}
    assert server.seen[0].header("Authorization") == f"Bearer {KEY}"


def test_a_local_server_needs_no_key_and_no_model() -> None:
    with chat(key="", model="") as (server, engine):
        assert engine.translate([Request("你好")], "zh-Hans", "de", Deadline(10)) == ["de:你好"]
    assert server.seen[0].header("Authorization") == "" and "model" not in server.seen[0].json()


def test_it_translates_any_pair_of_the_nine() -> None:
    with chat() as (_, engine):
        assert engine.supports("ar", "ko") and engine.supports("zh-Hans", "ar")
        assert not engine.supports("fr", "fr") and not engine.supports("zh-Hans", "pt")


def test_masked_text_survives_the_round_trip() -> None:
    source = "详见{1}www.beijing.gov.cn{/1}，咨询电话010-12345678，费用¥1,200。"
    masked = mask(source)
    with chat(translate=lambda text, target: text) as (_, engine):
        [answer] = engine.translate([Request(masked.text)], "zh-Hans", "en", Deadline(10))
    restored = unmask(masked, answer)
    assert restored.text == source


@pytest.mark.parametrize("content", [
    json.dumps({"translations": ["only one"]}),
    json.dumps({"translations": ["one", "two", "three"]}),
])
def test_a_wrong_number_of_translations_is_a_bad_answer(content: str) -> None:
    with chat() as (server, engine):
        server.script.append(answering(content))
        with pytest.raises(EngineBadAnswer, match="translations for 2 texts"):
            engine.translate([Request("一"), Request("二")], "zh-Hans", "en", Deadline(10))


@pytest.mark.parametrize("broken", [
    "Apply at the office.",                 # the token dropped
    "Apply at <x1/> or <x1/>.",             # repeated
    "Apply at <x2/>.",                      # renumbered
    "Apply at <x1/>{1}.",                   # a placeholder invented
])
def test_a_broken_placeholder_is_a_bad_answer(broken: str) -> None:
    with chat() as (server, engine):
        server.script.append(answering(json.dumps({"translations": ["Fine.", broken]})))
        with pytest.raises(EngineBadAnswer, match="changed the placeholder tokens of input 2"):
            engine.translate([Request("好。"), Request("在<x1/>办理。")], "zh-Hans", "en", Deadline(10))


def test_markup_placeholders_must_come_back_too() -> None:
    with chat() as (server, engine):
        server.script.append(answering(json.dumps({"translations": ["Read the guide{/1}."]})))
        with pytest.raises(EngineBadAnswer, match="placeholder tokens of input 1"):
            engine.translate([Request("阅读{1}指南{/1}。")], "zh-Hans", "en", Deadline(10))


def test_tokens_bent_the_way_models_bend_them_are_accepted() -> None:
    # Spaces inside or full-width brackets: masking reads them back (unmask puts the right text in).
    answer = "Apply at < x1 / > before ＜x2/＞."
    with chat() as (server, engine):
        server.script.append(answering(json.dumps({"translations": [answer]})))
        assert engine.translate([Request("在<x1/>于<x2/>前办理。")], "zh-Hans", "en", Deadline(10)) == [answer]


def test_a_fenced_json_answer_is_read() -> None:
    with chat() as (server, engine):
        server.script.append(answering('```json\n{"translations": ["Hello"]}\n```'))
        assert engine.translate([Request("你好")], "zh-Hans", "en", Deadline(10)) == ["Hello"]


@pytest.mark.parametrize(("content", "finish", "says"), [
    ("Here you are: Hello", "stop", "not the JSON object"),
    (json.dumps(["Hello"]), "stop", "without the answer"),
    (json.dumps({"translation": ["Hello"]}), "stop", "without the answer"),
    (json.dumps({"translations": [["Hello"]]}), "stop", "not text"),
    (json.dumps({"translations": "Hello"}), "stop", "without a list"),
    ('{"translations": ["Hel', "length", "cut off"),
])
def test_anything_but_the_asked_object_is_a_bad_answer(content: str, finish: str, says: str) -> None:
    with chat() as (server, engine):
        server.script.append(answering(content, finish))
        with pytest.raises(EngineBadAnswer, match=says):
            engine.translate([Request("你好")], "zh-Hans", "en", Deadline(10))


def test_a_custom_token_reader_is_used() -> None:
    with chat() as (_, engine):
        strict = ChatCompletions({"url": engine.url}, tokens=lambda text: [c for c in text if c == "⟦"])
        try:
            answer = {"choices": [{"message": {"content": json.dumps({"translations": ["a ⟦1⟧"]})}}]}
            assert strict.parse(answer, ["甲⟦1⟧"]) == ["a ⟦1⟧"]
            with pytest.raises(EngineBadAnswer):
                strict.parse(answer, ["甲"])
        finally:
            strict.close()


def test_a_wrong_key_is_refused_without_showing_it() -> None:
    with chat(key=KEY + "-old", accepts=KEY) as (_, engine), \
            pytest.raises(EngineRefused, match="the key was refused") as raised:
        engine.translate([Request("你好")], "zh-Hans", "en", Deadline(10))
    assert "Incorrect API key provided: [key]" in str(raised.value)  # the server echoed it; it was redacted
    assert "Secret" not in str(raised.value) and "Secret" not in repr(raised.value)
