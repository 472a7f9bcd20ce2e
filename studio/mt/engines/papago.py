"""Papago (NAVER Cloud Platform): POST /nmt/v1/translation, one text a request, the client id and secret in the
`X-NCP-APIGW-API-KEY-ID` / `X-NCP-APIGW-API-KEY` headers. It does not translate Arabic (studio.locales)."""

from __future__ import annotations

from collections.abc import Sequence

from studio.mt.engine import Deadline, EngineBadAnswer, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, url_option

MAX_CHARS = 5000


class Papago(HttpEngine):
    name = "papago"
    options = (url_option("https://papago.apigw.ntruss.com"),
               Option("client_id", "the application's Client ID", required=True),
               key_option(help="the application's Client Secret"))
    limits = Limits(batch_size=1, concurrency=4)

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        return self._one_by_one(batch, source, target, deadline)

    def _translate_one(self, text: str, source: str, target: str, deadline: Deadline) -> str:
        if len(text) > MAX_CHARS:
            raise self._too_long(text, MAX_CHARS)
        headers = {"X-NCP-APIGW-API-KEY-ID": self.settings["client_id"],
                   "X-NCP-APIGW-API-KEY": self.settings["key"]}
        answer = self.http.send("POST", f"{self.url}/nmt/v1/translation", deadline, headers=headers,
                                data={"source": source, "target": target, "text": text}).json()
        translation = dig(self.name, answer, "message", "result", "translatedText")
        if not isinstance(translation, str):
            raise EngineBadAnswer(self.name, "answered a translation that is not text")
        return translation


SPEC = EngineSpec("papago", "Papago", Papago.options, Papago, about="NAVER Cloud Platform's Papago Translation.")
