"""Words that come from data (content type and field labels, section titles, roles) in the interface language.

Their translations live in the catalogue's "ContentTypes" context, added by hand since lupdate cannot see data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.locales import CHINESE

LANGUAGE_PROPERTY = "studio_language"  # set on the application by app.application(): "en" or "zh_CN"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate in `context` and return it untranslated, to be translated where it is shown.

    PySide6's own QT_TRANSLATE_NOOP is typed `(object, object) -> object` in QtCore.pyi although it returns its
    message; this one keeps the str. lupdate finds the marks by name, so imports of either are collected.
    """
    return text


def interface_locale() -> str:
    """The portal locale matching the interface language, for titles stored per locale (sections)."""
    app = QCoreApplication.instance()
    language = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return CHINESE if language == "zh_CN" else "en"


def data_label(text: str) -> str:
    """A content type or field label in the interface language."""
    return QCoreApplication.translate("ContentTypes", text)


def language_name(code: str) -> str:
    """A locale's name in the interface language ("French", "法语")."""
    names = {
        CHINESE: QCoreApplication.translate("LocaleName", "Chinese"),
        "en": QCoreApplication.translate("LocaleName", "English"),
        "ko": QCoreApplication.translate("LocaleName", "Korean"),
        "ja": QCoreApplication.translate("LocaleName", "Japanese"),
        "de": QCoreApplication.translate("LocaleName", "German"),
        "fr": QCoreApplication.translate("LocaleName", "French"),
        "es": QCoreApplication.translate("LocaleName", "Spanish"),
        "ru": QCoreApplication.translate("LocaleName", "Russian"),
        "ar": QCoreApplication.translate("LocaleName", "Arabic"),
    }
    return names.get(code, code)


def origin_words(origin: str) -> str:
    """Where a text came from, as a translator says it: typed, machine (deepl), memory 87%, import (po)."""
    kind, _, detail = origin.partition(":")
    if kind == "human":
        return QCoreApplication.translate("Origins", "typed")
    if kind == "mt":
        return QCoreApplication.translate("Origins", "machine ({0})").format(detail)
    if kind == "tm":
        return QCoreApplication.translate("Origins", "memory {0}%").format(detail)
    if kind == "import":
        return QCoreApplication.translate("Origins", "import ({0})").format(detail)
    if kind == "propagated":
        return QCoreApplication.translate("Origins", "copied from the same sentence")
    return origin
