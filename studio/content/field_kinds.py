"""The kinds of value a field holds, in one registry that validation, the page, the source form and the facts
panel all read: adding a kind is adding an entry to `FIELD_KINDS` (and its editor to the source form's
`EDITORS`, which a test holds to this registry).

A list (`kind = "list"`) is not a kind of value but a container of values or records: it stays apart as `LIST`.
Nothing here imports Qt; the source form's hints are plain strings it translates in the "SourceForm" context.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from studio.content import rich_text
from studio.unsafe_characters import NEVER_STORED

LIST = "list"
PLACEHOLDER_CONTEXT = "SourceForm"  # the interface catalogue's context of every `placeholder`

_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]*[0-9]")
_CURRENCY = re.compile(r"[A-Z]{3}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802: the name pyside6-lupdate looks for
    """Marks `text` for the catalogue in `context` without importing Qt; the interface translates it."""
    return text


class KindRefused(ValueError):
    """A value its kind refuses; the message follows the field's path ("is not a date (YYYY-MM-DD)")."""


@dataclass(frozen=True)
class FieldKind:
    """One kind of field value and every part each layer needs of it."""

    name: str
    # Validation of one value: it takes the value (stripped, for a string kind) and returns it normalised,
    # or raises KindRefused. Length and character checks are the validator's, common to every string kind.
    check: Callable[[Any], Any]
    # The value on a page, the same in every language (a translatable text is rendered from its segments).
    render_html: Callable[[Any], str]
    # The source form's hint of the value's form ("YYYY-MM-DD"), English, translated in PLACEHOLDER_CONTEXT;
    # "{type}" stands for a reference's document type. Empty: the kind's editor needs none.
    placeholder: str
    text: bool = False  # prose that can be translated (cut into segments), not a language-neutral value
    neutral: bool = False  # a language-neutral fact, shown and edited once for all languages in the facts panel
    string: bool = True  # stored as a string; otherwise `check` takes the raw JSON value (money)
    reference: bool = False  # a slug of another document, which the store checks exists


# --- checks --------------------------------------------------------------------------------------------------

def character_refusal(bad: re.Match[str], how: str = "") -> str:
    """Why a character that is never text was refused (it matched NEVER_STORED or a line break or tab)."""
    char = bad.group()
    what = ("a lone surrogate, which is not a character" if "\ud800" <= char <= "\udfff" else
            "a bidirectional override, which reorders what readers see" if char >= "\u202a" else
            "a line break or tab in a one-line field" if char in "\t\n\r" else "a control character")
    return f"contains U+{ord(char):04X}{how}, {what} (at character {bad.start() + 1}); remove it"


def _check_text(value: str) -> str:
    return value


def _check_rich_text(text: str) -> str:
    """`text` checked and sanitized to the portal subset; '' when no text is left (only markup or scripts)."""
    try:
        rich_text.check_well_formed(text)
    except rich_text.MarkupError as exc:
        raise KindRefused(f"broken markup on line {exc.line} of the value: {exc}") from None
    cleaned = rich_text.sanitize(text)
    if bad := NEVER_STORED.search(cleaned):  # written as a reference (&#27;), which cleaning decodes
        raise KindRefused(character_refusal(bad, " as a character reference"))
    return cleaned if rich_text.html_to_blocks(cleaned) else ""


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise KindRefused(f"{value!r} is not an absolute http(s) URL")
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.fullmatch(value) or not 3 <= sum(c.isdigit() for c in value) <= 20:
        raise KindRefused(f"{value!r} is not a phone number (digits, spaces, hyphens, a leading +)")
    return value


def _check_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise KindRefused(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return value


def _check_geo(value: str) -> str:
    try:
        lat, lon = (float(p) for p in value.split(","))
    except ValueError:
        raise KindRefused(f"{value!r} is not 'latitude,longitude'") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise KindRefused(f"{value!r} is out of range")
    return value


def _check_reference(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise KindRefused(f"{value!r} is not a document slug")
    return value


def _check_money(value: Any) -> dict[str, str]:
    if isinstance(value, (int, float, str)):
        value = {"amount": str(value)}
    if not isinstance(value, dict) or set(value) - {"amount", "currency"}:
        raise KindRefused('must be {"amount": "200.00", "currency": "CNY"}')
    try:
        amount = Decimal(str(value.get("amount")))
    except InvalidOperation:
        raise KindRefused(f"amount {value.get('amount')!r} is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise KindRefused("amount must be zero or more")
    currency = str(value.get("currency", "CNY"))
    if not _CURRENCY.fullmatch(currency):
        raise KindRefused(f"currency {currency!r} is not a three-letter code")
    return {"amount": str(amount), "currency": currency}


# --- values on a page -------------------------------------------------------------------------------------------

def _span_html(value: Any) -> str:
    return f'<span dir="ltr">{html.escape(str(value), quote=False)}</span>'


def _url_html(value: Any) -> str:
    url = html.escape(str(value), quote=True)
    return f'<a href="{url}" dir="ltr">{url}</a>'


def _phone_html(value: Any) -> str:
    number = html.escape(str(value), quote=False)
    dial = re.sub(r"[^0-9+]", "", str(value))
    return f'<a href="tel:{dial}" dir="ltr">{number}</a>'


def _money_html(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _span_html(value)
    amount = f"{value.get('amount', '')} {value.get('currency', 'CNY')}"
    return f'<span dir="ltr">{html.escape(amount, quote=False)}</span>'


# --- the registry ---------------------------------------------------------------------------------------------

_ALL = (
    FieldKind("text", _check_text, _span_html, "", text=True),
    FieldKind("rich_text", _check_rich_text, _span_html, "", text=True),
    FieldKind("url", _check_url, _url_html, QT_TRANSLATE_NOOP("SourceForm", "https://…"), neutral=True),
    FieldKind("phone", _check_phone, _phone_html, QT_TRANSLATE_NOOP("SourceForm", "e.g. +86 10 1234 5678"),
              neutral=True),
    FieldKind("date", _check_date, _span_html, QT_TRANSLATE_NOOP("SourceForm", "YYYY-MM-DD"), neutral=True),
    FieldKind("money", _check_money, _money_html, "", neutral=True, string=False),
    FieldKind("reference", _check_reference, _span_html,
              QT_TRANSLATE_NOOP("SourceForm", "slug of a document ({type}), e.g. beijing-exit-entry-hall"),
              neutral=True, reference=True),
    FieldKind("geo", _check_geo, _span_html,
              QT_TRANSLATE_NOOP("SourceForm", "latitude,longitude, e.g. 39.9042,116.4074"), neutral=True),
)

FIELD_KINDS: Mapping[str, FieldKind] = MappingProxyType({k.name: k for k in _ALL})
"""Every kind of field value by name (a list is not one: see LIST)."""


def get_kind(name: str) -> FieldKind:
    """The kind named `name`; KeyError for a list or an unknown name (content types are checked on loading)."""
    return FIELD_KINDS[name]
