"""The portal's nine locales and its nine sites (one per locale, like english.beijing.gov.cn).

Kept here rather than read from Studio: the portal is the other side of the contract and must not import Studio.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

LOCALES: Final = ("zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar")
"""Every locale the portal publishes, in the order `GET /v1/capabilities` lists them."""

RIGHT_TO_LEFT: Final = frozenset({"ar"})

SITES: Final = MappingProxyType({"zh" if code == "zh-Hans" else code: code for code in LOCALES})
"""The site of each locale: its first path segment on the pages (`/zh/` holds zh-Hans)."""

SITE_OF: Final = MappingProxyType({code: site for site, code in SITES.items()})

ENDONYMS: Final = MappingProxyType({
    "zh-Hans": "简体中文", "en": "English", "ko": "한국어", "ja": "日本語", "de": "Deutsch", "fr": "Français",
    "es": "Español", "ru": "Русский", "ar": "العربية",
})
"""Each locale's name in its own language: the heading of its site and the label of the language switcher."""


def direction(locale: str) -> str:
    """`rtl` for Arabic, `ltr` for every other locale: the `dir` of a page."""
    return "rtl" if locale in RIGHT_TO_LEFT else "ltr"
