"""The interface language: Studio's own Simplified Chinese catalogue and Qt's, installed on the application.

English is the language of the source code; its catalogue holds only the plural forms ("%n document(s)" reads
"1 document", "2 documents"), which Qt takes from a catalogue even for the source language.
Call `install_translator` before building windows; widgets already made keep the texts they were given.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio.resources import RESOURCES
from studio.ui.settings import LANGUAGE_CHOICES

I18N = RESOURCES / "i18n"

_TRANSLATOR_NAME = "studio-translator"


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language ("en" or "zh_CN") that `choice` means on a computer whose locale is `system`."""
    if choice not in LANGUAGE_CHOICES:
        raise ValueError(f"interface language must be one of {', '.join(LANGUAGE_CHOICES)}, not {choice!r}")
    if choice != "system":
        return choice
    locale = system if system is not None else QLocale.system()
    # Studio ships Simplified Chinese only; a reader of Traditional Chinese still reads it better than English.
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install_translator(app: QCoreApplication, choice: str) -> str:
    """Install the catalogues for `choice` ("system", "en" or "zh_CN") on `app`, replacing any installed
    earlier, and return the language in effect: "en" when the Chinese catalogue is missing or unreadable."""
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        # Unparented, the translator belongs to Python and goes away with the loop variable.
        old.setParent(None)
    language = resolve_language(choice)
    if language == "en":
        plurals = _translator(app)
        if plurals.load("studio_en", str(I18N)):
            app.installTranslator(plurals)
        else:
            plurals.setParent(None)
        return "en"
    ours = _translator(app)
    if not ours.load(f"studio_{language}", str(I18N)):
        ours.setParent(None)
        return "en"
    app.installTranslator(ours)
    # Qt's own strings: the buttons of standard dialogs (OK, Cancel), context menus of text fields.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = _translator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
    else:
        qtbase.setParent(None)
    return language


def _translator(app: QCoreApplication) -> QTranslator:
    # Parented to the application so the C++ object outlives this call and can be found to be replaced.
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    return translator
