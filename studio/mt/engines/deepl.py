"""DeepL API v2: POST /v2/translate with a list of texts; the key in the `Authorization` header.

Free keys (ending in `:fx`) use api-free.deepl.com, the default; DeepL Pro keys api.deepl.com."""

from __future__ import annotations

from collections.abc import Sequence

from studio.mt.engine import Deadline, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, texts

FREE_URL = "https://api-free.deepl.com"


class DeepL(HttpEngine):
    name = "deepl"
    options = (Option("url", f"address of the API: {FREE_URL} for a free key (ending in :fx), "
                             "https://api.deepl.com for DeepL Pro", default=FREE_URL),
               key_option(help="DeepL authentication key"))
    limits = Limits(batch_size=50, concurrency=4)
    max_chars = 30_000  # the request body may hold 128 KiB

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        # A source language has no variant: EN-GB is a target only.
        body = {"text": [r.text for r in batch], "source_lang": self.code(source).split("-")[0],
                "target_lang": self.code(target)}
        headers = {"Authorization": f"DeepL-Auth-Key {self.settings['key']}"}
        answer = self.http.send("POST", f"{self.url}/v2/translate", deadline, json=body, headers=headers).json()
        return texts(self.name, dig(self.name, answer, "translations"), len(batch), key="text")


SPEC = EngineSpec("deepl", "DeepL", DeepL.options, DeepL, about="DeepL API (free or Pro key).")
