"""The facts of a text that no translation may change: links, e-mail addresses, phone numbers and numbers.

They are read once per text (`facts_of`) and compared as values: a phone number written "010-6466 4646" in the
source and "+86 10 6466 4646" in a translation is the same number, "1.000" in German is the 1,000 of English.
Links, addresses and phone numbers are taken out of the text before its numbers are read, so their digits are
not counted twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.content.rich_text import PLACEHOLDER
from studio.qa.numerals import Number, ascii_digits, numbers_in

# A link ends at a space, a bracket, a quote (curly ones too) or the first Chinese, Japanese, Korean or full-width
# character: "请登录www.gov.cn办理" links to www.gov.cn.
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”‘’«»\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+", re.IGNORECASE
)
# ASCII only, and a local part starts only where no address character precedes it: one pass over the text, however
# long a run of "1.1.1.1" or "a.a.a" (an unanchored [\w.]+@ tries again at every character: quadratic).
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(r"(?<![\d.,])(?:\+\d{1,3}[\s-]?)?(?:[(（]?0?\d{2,4}[)）]?[\s-]?)?\d{3,4}[\s-]?\d{4}(?![\d])")
_URL_TAIL = ".,;:!?)]>"
_NOT_DIGIT = re.compile(r"\D")
_HAS_DIGIT = re.compile(r"[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]")
_HAS_HAN_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百千]")


def without_placeholders(text: str, instead: str = "") -> str:
    """`text` with its markup placeholders ({1}, {/1}, {2/}) replaced; most texts have none, and skip the work."""
    return PLACEHOLDER.sub(instead, text) if "{" in text else text


def phone_key(written: str) -> str:
    """A phone number as its digits without the country code 86 or the trunk 0: "010-6466 4646" and
    "+86 10 6466 4646" are the same number."""
    digits = _NOT_DIGIT.sub("", written)
    if written.lstrip().startswith("+") and digits.startswith("86"):
        digits = digits[2:]
    return digits.lstrip("0")


_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def url_key(written: str) -> str:
    """A link as compared: without its scheme, a closing slash or the sentence's mark after it, and its host in
    lower case ("https://WWW.GOV.CN/" and "www.gov.cn" are one link; the path keeps its case)."""
    url = _SCHEME.sub("", written.rstrip(_URL_TAIL)).rstrip("/")
    host, slash, path = url.partition("/")
    return host.lower() + slash + path


@dataclass(frozen=True)
class Facts:
    """What a text says that must survive translation. `numbers` by value (several of the same value count
    once); `optional` values a translation may write as words of another kind (months). The small numbers a text
    spells out are read only when a comparison needs them (`numerals.spelled_numbers`)."""

    urls: frozenset[str]
    emails: frozenset[str]
    phones: dict[str, str]  # phone_key -> as written
    numbers: dict[str, Number]  # value -> first as written
    optional: frozenset[str]


NO_FACTS = Facts(frozenset(), frozenset(), {}, {}, frozenset())


def facts_of(text: str, locale: str) -> Facts:
    """The links, addresses, phone numbers and numbers of `text` written in `locale` (placeholders aside)."""
    has_digit = _HAS_DIGIT.search(text) is not None
    if not has_digit and "@" not in text and "www" not in text and "://" not in text:
        if locale in ("zh-Hans", "ja") and _HAS_HAN_NUMERAL.search(text) is None:
            return NO_FACTS
        if locale not in ("zh-Hans", "ja"):
            return NO_FACTS
        han = {n.value: n for n in numbers_in(text, locale)}
        return Facts(frozenset(), frozenset(), {}, han, frozenset()) if han else NO_FACTS
    rest = without_placeholders(text, " ")
    urls = frozenset(url_key(m.group()) for m in URL.finditer(rest))
    rest = URL.sub(" ", rest)
    if "@" in rest:
        emails = frozenset(m.group().lower() for m in EMAIL.finditer(rest))
        rest = EMAIL.sub(" ", rest)
    else:
        emails = frozenset()
    plain = ascii_digits(rest)
    phones = {phone_key(m.group()): m.group().strip() for m in PHONE.finditer(plain)}
    rest = PHONE.sub(" ", plain)
    numbers: dict[str, Number] = {}
    for n in numbers_in(rest, locale):
        numbers.setdefault(n.value, n)
    optional = frozenset(v for v, n in numbers.items() if n.optional)
    return Facts(urls, emails, phones, numbers, optional)
