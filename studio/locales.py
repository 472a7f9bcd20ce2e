"""The nine locales of the portal: codes, names, writing direction, fonts and machine-translation codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Locale:
    """One portal language. `engine_codes` maps a machine-translation engine to the code it expects.

    `unspaced` scripts (Chinese, Japanese) put no space between words or sentences: sentences join without one
    and a diff compares characters. `label_colon` follows a label: full width in Chinese and Japanese, after a
    narrow no-break space in French."""

    code: str
    english_name: str
    native_name: str
    direction: Direction
    font_family: str
    full_stop: str
    engine_codes: MappingProxyType[str, str] = field(repr=False)
    unspaced: bool = False
    label_colon: str = ":"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    def engine_code(self, engine: str) -> str:
        """The code `engine` uses for this locale; engines not listed take the BCP 47 code."""
        return self.engine_codes.get(engine, self.code)


def _codes(google: str, deepl: str, microsoft: str, libretranslate: str, baidu: str, papago: str | None,
           yandex: str) -> MappingProxyType[str, str]:
    """The code of each engine (its catalogue name) for one locale; an engine left out (None) does not translate
    the locale, and its `supports` says so. MyMemory takes Google's codes."""
    codes = {"google": google, "deepl": deepl, "microsoft": microsoft, "libretranslate": libretranslate,
             "mymemory": google, "baidu": baidu, "papago": papago, "yandex": yandex}
    return MappingProxyType({engine: code for engine, code in codes.items() if code is not None})


CHINESE = "zh-Hans"
SOURCE_DEFAULT = CHINESE

_ALL = (
    Locale(CHINESE, "Chinese (Simplified)", "简体中文", "ltr", "Noto Sans CJK SC", "。",
           _codes("zh-CN", "ZH", "zh-Hans", "zh", "zh", "zh-CN", "zh"), unspaced=True, label_colon="："),
    Locale("en", "English", "English", "ltr", "Noto Sans", ".", _codes("en", "EN-GB", "en", "en", "en", "en", "en")),
    Locale("ko", "Korean", "한국어", "ltr", "Noto Sans CJK KR", ".", _codes("ko", "KO", "ko", "ko", "kor", "ko", "ko")),
    Locale("ja", "Japanese", "日本語", "ltr", "Noto Sans CJK JP", "。",
           _codes("ja", "JA", "ja", "ja", "jp", "ja", "ja"), unspaced=True, label_colon="："),
    Locale("de", "German", "Deutsch", "ltr", "Noto Sans", ".", _codes("de", "DE", "de", "de", "de", "de", "de")),
    Locale("fr", "French", "Français", "ltr", "Noto Sans", ".", _codes("fr", "FR", "fr", "fr", "fra", "fr", "fr"),
           label_colon="\u202f:"),
    Locale("es", "Spanish", "Español", "ltr", "Noto Sans", ".", _codes("es", "ES", "es", "es", "spa", "es", "es")),
    Locale("ru", "Russian", "Русский", "ltr", "Noto Sans", ".", _codes("ru", "RU", "ru", "ru", "ru", "ru", "ru")),
    Locale("ar", "Arabic", "العربية", "rtl", "Noto Sans Arabic", ".",
           _codes("ar", "AR", "ar", "ar", "ara", None, "ar")),
)

LOCALES: MappingProxyType[str, Locale] = MappingProxyType({loc.code: loc for loc in _ALL})
LOCALE_CODES: tuple[str, ...] = tuple(LOCALES)


def get_locale(code: str) -> Locale:
    """The locale for `code`; a clear error names the nine accepted codes otherwise."""
    try:
        return LOCALES[code]
    except KeyError:
        raise ValueError(f"unknown locale {code!r}; use one of {', '.join(LOCALE_CODES)}") from None


def targets_of(source: str) -> tuple[str, ...]:
    """The locales a document written in `source` is translated into."""
    return tuple(c for c in LOCALE_CODES if c != source)
