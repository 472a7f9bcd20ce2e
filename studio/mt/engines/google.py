"""Google Translate's web page for phones (translate.google.com/m), the endpoint deep-translator reads: one text a
GET request, the translation in the page's `result-container` element. No key, no contract: Google may change
the page or ask for a captcha, which comes back as a bad answer, never as a draft."""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser

from studio.mt.engine import Deadline, EngineBadAnswer, EngineSpec, Limits, Request
from studio.mt.engines.base import HttpEngine, url_option

MAX_CHARS = 5000  # what the page accepts; the text travels in the URL
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class Google(HttpEngine):
    name = "google"
    options = (url_option("https://translate.google.com"),)
    limits = Limits(batch_size=1, concurrency=2)  # an unofficial endpoint: gently

    def _translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        return self._one_by_one(batch, source, target, deadline)

    def _translate_one(self, text: str, source: str, target: str, deadline: Deadline) -> str:
        if len(text) > MAX_CHARS:
            raise self._too_long(text, MAX_CHARS)
        page = self.http.send("GET", f"{self.url}/m", deadline, params={"sl": source, "tl": target, "q": text})
        found = result_text(page.text())
        if found is None:
            raise EngineBadAnswer(self.name, "answered a page without a translation (Google may be asking to "
                                             "confirm that it is not a robot)")
        return found


class _Result(HTMLParser):
    """The text of the first element whose class list holds `result-container` (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the result: how many elements deep
        self.parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            if tag == "br":
                self.parts_append("\n")
            if tag not in _VOID:
                self.depth += 1
        elif self.parts is None and "result-container" in (dict(attrs).get("class") or "").split():
            self.parts, self.depth = [], 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in _VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts_append(data)

    def parts_append(self, text: str) -> None:
        assert self.parts is not None
        self.parts.append(text)


def result_text(page: str) -> str | None:
    """The translation on a result page, or None when the page has none."""
    parser = _Result()
    parser.feed(page)
    parser.close()
    return None if parser.parts is None else "".join(parser.parts).strip()


SPEC = EngineSpec("google", "Google Translate (web)", Google.options, Google,
                  about="Google Translate's public web page; no key, no guarantee.")
