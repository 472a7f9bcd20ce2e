"""Typed user preferences over QSettings: one declarative registry of options, each with a default, title and
description, read and written through plain Python properties.

QSettings hands back whatever its backend parsed: an INI file turns a one-element list into a str, an empty
list into None, an int into "11", and a Python bytes value into a pickled blob. Every read here goes through
the option's own conversion so callers only ever see the declared type, and a bad stored value falls back to the
default instead of breaking the start-up of the application.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from studio.locales import LOCALE_CODES, LOCALES, SOURCE_DEFAULT
from studio.ui.labels import QT_TRANSLATE_NOOP

T = TypeVar("T", str, int, bytes, list[str])

ORGANISATION = "Studio"
APPLICATION = "Studio"

LANGUAGE_CHOICES = ("system", "en", "zh_CN")
THEME_CHOICES = ("system", "light", "dark")
# The eight portal targets, in the order their grid columns appear.
TARGET_LOCALES: tuple[str, ...] = tuple(code for code in LOCALES if code != SOURCE_DEFAULT)
GRID_FONT_SIZES = (6, 32)

# Titles and descriptions are translated where they are shown; this context is where lupdate files them.
TR_CONTEXT = "Settings"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One preference: its QSettings key, default, human title and description, and allowed values.

    Used as a descriptor on `Settings`, so `settings.theme` reads and `settings.theme = "dark"` writes.
    `choices` limits a str option (or the items of a list option); `bounds` clamps an int option.
    A `per_workspace` option is kept apart for each workspace a `Settings` is bound to (`for_workspace`): the
    last document of one workspace means nothing in another, and each has its own language columns.
    """

    key: str
    default: T
    title: str
    description: str
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None
    per_workspace: bool = False

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type | None = None) -> T: ...

    def __get__(self, obj: Settings | None, owner: type | None = None) -> T | Option[T]:
        if obj is None:
            return self
        # A workspace without its own value reads the shared one: what was stored before options were kept
        # per workspace, or what the user chose with no workspace open.
        for key in dict.fromkeys((obj.key_of(self), self.key)):
            if obj.qsettings.contains(key):
                return self.convert(obj.qsettings.value(key))
        return self.convert(self.default)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(obj.key_of(self), self._stored(self.validate(value)))
        if self.per_workspace and obj.workspace:
            obj.qsettings.setValue(f"{obj.group}/location", obj.workspace)  # which workspace the group is

    def translated_title(self) -> str:
        return QCoreApplication.translate(TR_CONTEXT, self.title)

    def translated_description(self) -> str:
        return QCoreApplication.translate(TR_CONTEXT, self.description)

    def validate(self, value: T) -> T:
        """`value` as stored, or ValueError naming what this option accepts."""
        default = self.default
        if isinstance(default, bool) or not isinstance(value, type(default)):
            raise ValueError(f"{self.key} takes a {type(default).__name__}, not {value!r}")
        if isinstance(value, str) and self.choices and value not in self.choices:
            raise ValueError(f"{self.key} must be one of {', '.join(self.choices)}, not {value!r}")
        if isinstance(value, list):
            unknown = [item for item in value if not isinstance(item, str) or
                       (self.choices and item not in self.choices)]
            if unknown:
                raise ValueError(f"{self.key} accepts only {', '.join(self.choices)}; not {unknown!r}")
            return list(dict.fromkeys(value))
        if isinstance(value, int) and self.bounds and not self.bounds[0] <= value <= self.bounds[1]:
            raise ValueError(f"{self.key} must be between {self.bounds[0]} and {self.bounds[1]}, not {value}")
        return value

    def convert(self, raw: Any) -> T:
        """The stored `raw` value as this option's type; the default when missing or unreadable."""
        default = self.default
        # An INI file stores an empty list as @Invalid(), read back as None; for other types None is a gap.
        if raw is None and not isinstance(default, list):
            return default
        value: Any
        if isinstance(default, list):
            value = _as_list(raw)
            if self.choices:
                # A setting written by a newer version may name locales this one does not know.
                value = [item for item in value if item in self.choices]
            return list(dict.fromkeys(value))
        if isinstance(default, bytes):
            value = _as_bytes(raw)
            return default if value is None else value
        if isinstance(default, int):
            try:
                number = int(raw)
            except (TypeError, ValueError):
                return default
            if self.bounds:
                number = max(self.bounds[0], min(self.bounds[1], number))
            return number
        text = str(raw)
        if self.choices and text not in self.choices:
            return default
        return text

    def _stored(self, value: T) -> object:
        # A Python bytes value would be pickled into the file; QByteArray is written as Qt's portable @ByteArray.
        return QByteArray(value) if isinstance(value, bytes) else value


def _as_list(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Sequence):
        return [str(item) for item in raw]
    return []


def _as_bytes(raw: Any) -> bytes | None:
    if isinstance(raw, QByteArray):
        return bytes(raw.data())
    if isinstance(raw, bytes | bytearray):
        return bytes(raw)
    return None


class Settings:
    """The user's preferences, in the platform's settings store or in the INI file at `path` (for tests and
    portable installs). Writes are cached by QSettings and reach the disk on `sync()` or at exit."""

    interface_language = Option[str](
        "interface/language", "system",
        QT_TRANSLATE_NOOP("Settings", "Interface language"),
        QT_TRANSLATE_NOOP("Settings", "The language of menus and dialogs; System follows the computer's language."),
        choices=LANGUAGE_CHOICES)
    theme = Option[str](
        "interface/theme", "system",
        QT_TRANSLATE_NOOP("Settings", "Theme"),
        QT_TRANSLATE_NOOP("Settings", "Light or dark colours; System follows the computer's colour scheme."),
        choices=THEME_CHOICES)
    visible_locales = Option[list[str]](
        "grid/visible_locales", list(TARGET_LOCALES),
        QT_TRANSLATE_NOOP("Settings", "Visible languages"),
        QT_TRANSLATE_NOOP("Settings", "The target languages shown as columns of the translation grid."),
        choices=TARGET_LOCALES, per_workspace=True)
    grid_font_size = Option[int](
        "grid/font_size", 11,
        QT_TRANSLATE_NOOP("Settings", "Grid font size"),
        QT_TRANSLATE_NOOP("Settings", "The size in points of source and translation text in the grid."),
        bounds=GRID_FONT_SIZES)
    preview_locales = Option[list[str]](
        "preview/locales", [],
        QT_TRANSLATE_NOOP("Settings", "Preview languages"),
        QT_TRANSLATE_NOOP("Settings", "The one or two languages the preview shows side by side."),
        choices=LOCALE_CODES)
    last_user = Option[str](
        "session/last_user", "",
        QT_TRANSLATE_NOOP("Settings", "Last user"),
        QT_TRANSLATE_NOOP("Settings", "The name offered when signing in."))
    last_document = Option[str](
        "session/last_document", "",
        QT_TRANSLATE_NOOP("Settings", "Last document"),
        QT_TRANSLATE_NOOP("Settings", "The document open when Studio last closed (or stopped), opened again at start."),
        per_workspace=True)
    window_geometry = Option[bytes](
        "window/geometry", b"",
        QT_TRANSLATE_NOOP("Settings", "Window geometry"),
        QT_TRANSLATE_NOOP("Settings", "Where the main window was and how large."))
    window_state = Option[bytes](
        "window/state", b"",
        QT_TRANSLATE_NOOP("Settings", "Window state"),
        QT_TRANSLATE_NOOP("Settings", "The layout of the main window's docks and toolbars."))

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings(ORGANISATION, APPLICATION)
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self.workspace = ""
        self.group = ""

    def for_workspace(self, location: str) -> Settings:
        """The same store, with the per-workspace options of the workspace at `location` (its folder, or its
        database URL without the password). Other options stay shared."""
        bound = Settings.__new__(Settings)
        bound.qsettings = self.qsettings
        bound.workspace = location
        # A digest, not the location itself: slashes and colons would make nested groups in the INI file.
        bound.group = "workspaces/" + hashlib.sha256(location.encode()).hexdigest()[:16]
        return bound

    def key_of(self, option: Option[Any]) -> str:
        """Where `option` is stored for this workspace (or for all)."""
        return f"{self.group}/{option.key}" if option.per_workspace and self.group else option.key

    @classmethod
    def options(cls) -> tuple[Option[Any], ...]:
        """Every option, in declaration order: what a settings dialog or `studio settings` would list."""
        return tuple(value for value in vars(cls).values() if isinstance(value, Option))

    def is_set(self, name: str) -> bool:
        """Whether option `name` (an attribute name) holds a stored value rather than its default."""
        return self.qsettings.contains(self.key_of(self._option(name)))

    def reset(self, name: str) -> None:
        """Forget the stored value of option `name` (this workspace's, for a per-workspace option), so it reads as
        its default again (or as the value shared by all workspaces)."""
        self.qsettings.remove(self.key_of(self._option(name)))

    def sync(self) -> None:
        """Write pending changes to disk now; raises OSError when the store cannot be written."""
        self.qsettings.sync()
        if self.qsettings.status() != QSettings.Status.NoError:
            raise OSError(f"cannot write the settings to {self.qsettings.fileName()}")

    def _option(self, name: str) -> Option[Any]:
        option = vars(type(self)).get(name)
        if not isinstance(option, Option):
            raise KeyError(f"no setting named {name!r}")
        return option
