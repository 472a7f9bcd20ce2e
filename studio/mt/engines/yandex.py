"""Yandex Cloud Translate v2: POST /translate/v2/translate with a list of texts; `Authorization: Api-Key`.

A service account's API key needs no folder; a user's needs its `folder_id`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studio.mt.engine import Deadline, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, texts, url_option


class Yandex(HttpEngine):
    name = "yandex"
    options = (url_option("https://translate.api.cloud.yandex.net"), key_option(help="API key of a service account"),
               Option("folder_id", "Yandex Cloud folder id (only for keys that are not a service account's)"))
    limits = Limits(batch_size=50, concurrency=4)
    max_chars = 10_000  # the API's limit per request

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        body: dict[str, Any] = {"texts": [r.text for r in batch], "sourceLanguageCode": self.code(source),
                                "targetLanguageCode": self.code(target), "format": "PLAIN_TEXT"}
        if self.settings["folder_id"]:
            body["folderId"] = self.settings["folder_id"]
        headers = {"Authorization": f"Api-Key {self.settings['key']}"}
        answer = self.http.send("POST", f"{self.url}/translate/v2/translate", deadline, json=body,
                                headers=headers).json()
        return texts(self.name, dig(self.name, answer, "translations"), len(batch), key="text")


SPEC = EngineSpec("yandex", "Yandex Translate", Yandex.options, Yandex, about="Yandex Cloud Translate API v2.")
