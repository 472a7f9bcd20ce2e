"""A large language model through the OpenAI-compatible chat-completions API (hosted services, llama.cpp's
server, Ollama, vLLM): POST {url}/chat/completions, the key (if any) as a bearer token.

Unlike the other engines it reads context: the user message is a JSON object with each input's document type,
field, neighbouring sentences, approved translations in other languages (pivots) and glossary terms. The answer
must be a JSON object `{"translations": [...]}` with exactly one string per input, in order, each holding the same
tokens as its input; anything else is an `EngineBadAnswer`, never a draft.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from studio.content.rich_text import placeholder_tokens
from studio.locales import get_locale
from studio.mt import masking
from studio.mt.engine import Deadline, EngineBadAnswer, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, texts

Tokens = Callable[[str], list[str]]

SYSTEM_PROMPT = """\
You translate the Beijing municipal government's international portal from {source} into {target}.
Translate each input in the user's JSON object faithfully, completely and in the portal's clear, formal style; \
use its document type, field and neighbouring sentences only as context, and its glossary terms exactly as given.
Where "pivots" are given, they are approved translations of the same input into other languages: use them to \
resolve ambiguity.
Tokens such as <x1/>, <x2/>, {{1}}, {{/1}} and {{2/}} stand for links, markup, numbers and names: copy every token \
of an input into its translation exactly as written, as often as it occurs, where the translation needs it. \
Never translate, change, add or remove a token.
Answer with a JSON object only, of the form {{"translations": ["...", "..."]}}: exactly one string per input, \
in the order of the inputs, nothing else."""

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


def default_tokens(text: str) -> list[str]:
    """The tokens an answer must keep: masking's `<xN/>` and any raw markup placeholder (`{1}`, `{/1}`, `{2/}`)."""
    return masking.tokens(text) + placeholder_tokens(text)


class ChatCompletions(HttpEngine):
    name = "llm"
    options = (Option("url", "base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1 (llama.cpp), "
                             "http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1", required=True),
               Option("model", "the model's name (local servers serving one model may not need it)"),
               key_option(required=False, help="API key (local servers need none)"))
    limits = Limits(batch_size=10, concurrency=2, read_timeout=120.0)  # a model takes its time
    uses_locale_table = False  # a model is asked in language names: any pair of the nine

    def __init__(self, options: Mapping[str, str], tokens: Tokens = default_tokens) -> None:
        super().__init__(options)
        self.tokens = tokens

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        body: dict[str, Any] = {
            "messages": [{"role": "system", "content": SYSTEM_PROMPT.format(source=_language(source),
                                                                            target=_language(target))},
                         {"role": "user", "content": json.dumps(user_message(batch), ensure_ascii=False)}],
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        if self.settings["model"]:
            body["model"] = self.settings["model"]
        headers = {"Authorization": f"Bearer {self.settings['key']}"} if self.settings["key"] else {}
        answer = self.http.send("POST", f"{self.url}/chat/completions", deadline, json=body, headers=headers).json()
        return self.parse(answer, [r.text for r in batch])

    def parse(self, answer: Any, inputs: Sequence[str]) -> list[str]:
        """The translations in a chat-completions answer, checked against the inputs."""
        choice = dig(self.name, answer, "choices", 0)
        if isinstance(choice, dict) and choice.get("finish_reason") == "length":
            raise EngineBadAnswer(self.name, "its answer was cut off (the model's token limit); send fewer texts")
        content = dig(self.name, choice, "message", "content")
        if not isinstance(content, str):
            raise EngineBadAnswer(self.name, "answered no text")
        fenced = _FENCE.match(content.strip())  # some models wrap JSON in a Markdown fence despite being asked not to
        try:
            said = json.loads(fenced.group(1) if fenced else content)
        except ValueError:
            raise EngineBadAnswer(self.name, "answered something that is not the JSON object asked for") from None
        got = texts(self.name, dig(self.name, said, "translations"), len(inputs))
        for number, (text, translation) in enumerate(zip(inputs, got, strict=True), start=1):
            if Counter(self.tokens(translation)) != Counter(self.tokens(text)):
                raise EngineBadAnswer(self.name, f"changed the placeholder tokens of input {number}")
        return got


def user_message(batch: Sequence[Request]) -> dict[str, Any]:
    """The numbered inputs with their context, leaving out what is empty."""
    inputs = []
    for number, request in enumerate(batch, start=1):
        entry: dict[str, Any] = {"n": number, "text": request.text}
        context: dict[str, Any] = {
            "document_type": request.document_type, "field": request.field,
            "before": list(request.before), "after": list(request.after),
            "pivots": {_language(locale): text for locale, text in request.pivots.items()},
            "glossary": dict(request.terms),
        }
        entry.update((key, value) for key, value in context.items() if value)
        inputs.append(entry)
    return {"inputs": inputs}


def _language(code: str) -> str:
    locale = get_locale(code)
    return f"{locale.english_name} ({code})"


SPEC = EngineSpec("llm", "Language model (OpenAI-compatible API)", ChatCompletions.options, ChatCompletions,
                  about="Any chat-completions server: hosted, or local (llama.cpp, Ollama, vLLM).")
