"""MyMemory (translated.net): GET /get?q=&langpair=zh-CN|en, one text a request.

Keyless only. MyMemory takes its key as a query parameter, and no key may appear in a URL Studio builds (it would
reach server and proxy logs), so the `key` mode is not offered; giving an e-mail address (`de=`, not a secret)
raises the free allowance from 5,000 to 50,000 characters a day."""

from __future__ import annotations

from collections.abc import Sequence

from studio.mt.engine import Deadline, EngineBadAnswer, EngineRefused, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, url_option

MAX_BYTES = 500  # of one text, in UTF-8


class MyMemory(HttpEngine):
    name = "mymemory"
    options = (url_option("https://api.mymemory.translated.net"),
               Option("email", "your e-mail address: MyMemory then allows 50,000 characters a day instead of 5,000"))
    limits = Limits(batch_size=1, concurrency=2)

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        return self._one_by_one(batch, source, target, deadline)

    def _translate_one(self, text: str, source: str, target: str, deadline: Deadline) -> str:
        if len(text.encode()) > MAX_BYTES:
            raise self._too_long(text, MAX_BYTES, "bytes")
        params = {"q": text, "langpair": f"{source}|{target}"}
        if self.settings["email"]:
            params["de"] = self.settings["email"]
        answer = self.http.send("GET", f"{self.url}/get", deadline, params=params).json()
        # Its errors come with HTTP 200: the status is in the body, a number or a string.
        status = str(dig(self.name, answer, "responseStatus"))
        details = self.http.redact(str(answer.get("responseDetails") or ""), 160)
        if answer.get("quotaFinished") is True or status == "429":
            raise EngineRefused(self.name, "the free daily allowance is used up (give an e-mail address for more)")
        if status != "200":
            raise EngineRefused(self.name, f"refused the text ({status}: {details or 'no reason given'})")
        translation = dig(self.name, answer, "responseData", "translatedText")
        if not isinstance(translation, str):
            raise EngineBadAnswer(self.name, "answered a translation that is not text")
        return translation


SPEC = EngineSpec("mymemory", "MyMemory", MyMemory.options, MyMemory,
                  about="MyMemory's free API (no key; an e-mail address raises the daily allowance).")
