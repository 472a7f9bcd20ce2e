"""Words that come from data (content type and field labels, section titles, roles) in the interface language.

Their translations live in the catalogue's "ContentTypes" context, added by hand since lupdate cannot see data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.locales import LOCALES

LANGUAGE_PROPERTY = "studio_language"  # set on the application by app.application(): "en" or "zh_CN"


def interface_locale() -> str:
    """The portal locale matching the interface language, for titles stored per locale (sections)."""
    app = QCoreApplication.instance()
    language = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return "zh-Hans" if language == "zh_CN" else "en"


def data_label(text: str) -> str:
    """A content type or field label in the interface language."""
    return QCoreApplication.translate("ContentTypes", text)


def language_name(code: str) -> str:
    """A locale's name in the interface language (the native name in Chinese, where translators know it)."""
    return LOCALES[code].native_name if interface_locale() == "zh-Hans" else LOCALES[code].english_name
