"""LibreTranslate (self-hosted or libretranslate.com): POST /translate with a list of texts in one request.

The key, when the server wants one, goes in the JSON body (`api_key`), never in the URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studio.mt.engine import Deadline, EngineSpec, Limits, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, texts, url_option


class LibreTranslate(HttpEngine):
    name = "libretranslate"
    options = (url_option("", "https://libretranslate.com or http://127.0.0.1:5000"),
               key_option(required=False, help="API key, if the server asks for one"))
    limits = Limits(batch_size=25, concurrency=2, read_timeout=60.0)  # CPU-bound servers: few requests at once

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        body: dict[str, Any] = {"q": [r.text for r in batch], "source": self.code(source),
                                "target": self.code(target), "format": "text"}
        if self.settings["key"]:
            body["api_key"] = self.settings["key"]
        answer = self.http.send("POST", f"{self.url}/translate", deadline, json=body).json()
        return texts(self.name, dig(self.name, answer, "translatedText"), len(batch))


SPEC = EngineSpec("libretranslate", "LibreTranslate", LibreTranslate.options, LibreTranslate,
                  about="Open-source machine translation, self-hosted or at libretranslate.com.")
