"""Azure AI Translator v3: POST /translate?api-version=3.0&from=&to= with a list of `{"Text": ...}`.

The key and region go in the `Ocp-Apim-Subscription-*` headers; the query string holds only the languages."""

from __future__ import annotations

from collections.abc import Sequence

from studio.mt.engine import Deadline, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, items, key_option, texts, url_option


class Microsoft(HttpEngine):
    name = "microsoft"
    options = (url_option("https://api.cognitive.microsofttranslator.com"), key_option(help="Translator resource key"),
               Option("region", "the resource's region, e.g. eastasia (needed unless it is a global resource)"))
    limits = Limits(batch_size=100, concurrency=4)
    max_chars = 40_000  # the API takes 50,000 characters a request

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        headers = {"Ocp-Apim-Subscription-Key": self.settings["key"]}
        if self.settings["region"]:
            headers["Ocp-Apim-Subscription-Region"] = self.settings["region"]
        params = {"api-version": "3.0", "from": self.code(source), "to": self.code(target)}
        answer = self.http.send("POST", f"{self.url}/translate", deadline, params=params, headers=headers,
                                json=[{"Text": r.text} for r in batch]).json()
        # One object per text, each with one translation per target language (one here).
        return [texts(self.name, dig(self.name, item, "translations"), 1, key="text")[0]
                for item in items(self.name, answer, len(batch))]


SPEC = EngineSpec("microsoft", "Microsoft Translator", Microsoft.options, Microsoft,
                  about="Azure AI Translator v3 (key and region).")
