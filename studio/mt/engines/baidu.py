"""Baidu Translate (fanyi-api): POST /api/trans/vip/translate with the texts as lines of one `q`.

The key is never sent: each request is signed with md5(app id + q + salt + key). Baidu answers its errors with
HTTP 200 and an `error_code`; the busy ones are retried like a 429."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from studio.mt.engine import Deadline, EngineRefused, EngineSpec, Limits, Option, Request
from studio.mt.engines.base import HttpEngine, dig, key_option, texts, url_option
from studio.mt.http import Answer

_BUSY = {"52001": "timed out", "52002": "had a system error", "54003": "asks to slow down",
         "54005": "asks to slow down on long texts"}
_KEY = {"52003", "54001", "90107"}  # unauthorised user, invalid signature, authentication failed
_QUOTA = {"54004"}  # balance used up


class Baidu(HttpEngine):
    name = "baidu"
    options = (url_option("https://fanyi-api.baidu.com"), Option("app_id", "APP ID", required=True),
               key_option(help="secret key (密钥); only a signature made with it is sent"))
    limits = Limits(batch_size=20, concurrency=1)  # the standard plan allows one request a second
    max_chars = 2000  # q may hold 6,000 bytes: 2,000 Chinese characters

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        # One result per line of q, blank lines left out: each text's lines are sent and put back together.
        lines = [r.text.split("\n") for r in batch]
        sent = [line for text in lines for line in text if line.strip()]
        q = "\n".join(sent)
        salt = str(secrets.randbelow(2**31))
        sign = hashlib.md5(f"{self.settings['app_id']}{q}{salt}{self.settings['key']}".encode()).hexdigest()
        form = {"q": q, "from": self.code(source), "to": self.code(target), "appid": self.settings["app_id"],
                "salt": salt, "sign": sign}
        answer = self.http.send("POST", f"{self.url}/api/trans/vip/translate", deadline, data=form,
                                busy=self._busy).json()
        self._check(answer)
        got = iter(texts(self.name, dig(self.name, answer, "trans_result"), len(sent), key="dst"))
        return ["\n".join(next(got) if line.strip() else line for line in text) for text in lines]

    def _busy(self, answer: Answer) -> str | None:
        code = _error_code(answer.json())
        return f"{_BUSY[code]} (Baidu error {code})" if code in _BUSY else None

    def _check(self, answer: Any) -> None:
        code = _error_code(answer)
        if code is None:
            return
        said = self.http.redact(str(answer.get("error_msg") or ""), 160)
        if code in _KEY:
            raise EngineRefused(self.name, f"the key was refused (Baidu error {code}: {said}); check the app id "
                                           "and key in the settings")
        if code in _QUOTA:
            raise EngineRefused(self.name, f"the account's balance is used up (Baidu error {code})")
        raise EngineRefused(self.name, f"refused the request (Baidu error {code}: {said})")


def _error_code(answer: Any) -> str | None:
    """Baidu's error code as a string, or None for success (no code, or 52000)."""
    code = answer.get("error_code") if isinstance(answer, dict) else None
    return None if code is None or str(code) == "52000" else str(code)


SPEC = EngineSpec("baidu", "Baidu Translate", Baidu.options, Baidu, about="Baidu Translate API (app id and key).")
