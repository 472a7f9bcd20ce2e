"""Light and dark appearance: the application palette, following the system's colour scheme or forced, and the
cell-state colours the grid and the lists share so a state looks the same everywhere.

Forced themes use the Fusion style because native styles (Windows Vista, macOS) ignore most palette roles, so a
dark palette under them gives light buttons with light text. "system" keeps the native style and the platform's
own palette, and falls back to Fusion's only where the platform reports a dark scheme but hands out a light
palette (generic Linux desktops) or its style cannot draw dark.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from studio.states import CellState
from studio.ui.settings import THEME_CHOICES

# Native styles known to draw only light controls whatever the palette says.
_LIGHT_ONLY_STYLES = {"windowsvista", "windows"}

_FOLLOWER_NAME = "studio-theme-follower"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` draws light text on dark windows."""
    window = palette.color(Group.Active, Role.Window)
    text = palette.color(Group.Active, Role.WindowText)
    return window.lightness() < text.lightness()


def dark_palette() -> QPalette:
    """The dark Fusion palette Studio forces with the "dark" theme."""
    return _palette(
        window="#2d2d30", window_text="#e6e6e6", base="#1f1f22", alternate_base="#2a2a2e", text="#e6e6e6",
        button="#3a3a3e", button_text="#e6e6e6", highlight="#3d7fc4", highlighted_text="#ffffff",
        link="#6cb2ff", link_visited="#b393f0", tooltip_base="#3a3a3e", tooltip_text="#e6e6e6",
        placeholder="#8c8c8c", disabled_text="#7a7a7a", light="#505055", midlight="#434347", mid="#2a2a2d",
        dark="#1a1a1c", shadow="#0a0a0a", accent="#3d7fc4")


def light_palette() -> QPalette:
    """The light Fusion palette Studio forces with the "light" theme (Fusion's own classic colours)."""
    return _palette(
        window="#efefef", window_text="#000000", base="#ffffff", alternate_base="#f7f7f7", text="#000000",
        button="#efefef", button_text="#000000", highlight="#308cc6", highlighted_text="#ffffff",
        link="#0000ff", link_visited="#ff00ff", tooltip_base="#ffffdc", tooltip_text="#000000",
        placeholder="#7f7f7f", disabled_text="#a0a0a0", light="#ffffff", midlight="#cacaca", mid="#b8b8b8",
        dark="#9f9f9f", shadow="#767676", accent="#308cc6")


def _palette(**colors: str) -> QPalette:
    c = {name: QColor(value) for name, value in colors.items()}
    palette = QPalette()
    roles = {
        Role.Window: "window", Role.WindowText: "window_text", Role.Base: "base",
        Role.AlternateBase: "alternate_base", Role.Text: "text", Role.Button: "button",
        Role.ButtonText: "button_text", Role.Highlight: "highlight", Role.HighlightedText: "highlighted_text",
        Role.Link: "link", Role.LinkVisited: "link_visited", Role.ToolTipBase: "tooltip_base",
        Role.ToolTipText: "tooltip_text", Role.PlaceholderText: "placeholder", Role.Light: "light",
        Role.Midlight: "midlight", Role.Mid: "mid", Role.Dark: "dark", Role.Shadow: "shadow",
        Role.Accent: "accent",
    }
    for role, name in roles.items():
        palette.setColor(role, c[name])
    palette.setColor(Role.BrightText, QColor("#ff5555"))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.HighlightedText):
        palette.setColor(Group.Disabled, role, c["disabled_text"])
    palette.setColor(Group.Disabled, Role.Highlight, c["mid"])
    return palette


class _ThemeFollower(QObject):
    """Remembers the chosen theme and the native style, and re-applies "system" when the system scheme changes.

    A child of the application, so it lives exactly as long as the thing it restyles."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_FOLLOWER_NAME)
        self.app = app
        self.choice = "system"
        style = app.style()
        self.native_style = style.name() if style is not None else "fusion"
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @Slot(Qt.ColorScheme)
    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self.follow_system(scheme)

    def follow_system(self, scheme: Qt.ColorScheme) -> None:
        app = self.app
        if app.style().name().lower() != self.native_style.lower():
            app.setStyle(self.native_style)
        # An empty palette drops the roles set earlier, so Qt resolves the platform's palette and keeps
        # updating it when the system scheme changes.
        app.setPalette(QPalette())
        if scheme == Qt.ColorScheme.Dark and (not is_dark(app.palette()) or
                                              self.native_style.lower() in _LIGHT_ONLY_STYLES):
            _force(app, dark_palette())
        elif scheme == Qt.ColorScheme.Light and is_dark(app.palette()):
            _force(app, light_palette())


def _force(app: QApplication, palette: QPalette) -> None:
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette)


def _follower(app: QApplication) -> _ThemeFollower:
    found = app.findChild(_ThemeFollower, _FOLLOWER_NAME)
    return found if isinstance(found, _ThemeFollower) else _ThemeFollower(app)


def apply_theme(app: QApplication, choice: str) -> None:
    """Give `app` the light or dark palette of `choice` ("system", "light" or "dark").

    "system" follows the system colour scheme now and whenever it changes; the others hold until called again.
    """
    if choice not in THEME_CHOICES:
        raise ValueError(f"theme must be one of {', '.join(THEME_CHOICES)}, not {choice!r}")
    follower = _follower(app)
    follower.choice = choice
    if choice == "dark":
        _force(app, dark_palette())
    elif choice == "light":
        _force(app, light_palette())
    else:
        follower.follow_system(app.styleHints().colorScheme())


# Finished work first, so a progress bar (the dashboard's, the content tree's) grows from the left as translation
# advances.
BAR_ORDER = (CellState.APPROVED, CellState.TRANSLATED, CellState.DRAFT, CellState.OUTDATED, CellState.MISSING)

# Every colour of a state: (cell background in a light window, in a dark one, the dashboard's bar). The dark
# backgrounds are deep, muted tones: light text stays readable on them, and they do not glare in a dark window.
# The bars' mid-tones keep enough contrast on both light and dark window backgrounds.
_STATE_PALETTE: dict[CellState, tuple[str, str, str]] = {
    CellState.MISSING: ("#f8d7da", "#5c2a30", "#9a9a9a"),
    CellState.DRAFT: ("#fff1c2", "#564816", "#e3a21a"),
    CellState.TRANSLATED: ("#d6e8fa", "#1d3d60", "#3b7ddd"),
    CellState.APPROVED: ("#d3eed9", "#1e4a2b", "#2e9e4f"),
    CellState.OUTDATED: ("#ffdfb8", "#663a12", "#e0522b"),
}


def state_colors(dark: bool) -> dict[str, QColor]:
    """Cell background per state (missing, draft, translated, approved, outdated) for a light or dark palette;
    the palette's own text colour stays readable on each (contrast of at least 4.5:1)."""
    return {state: QColor(dark_tone if dark else light_tone)
            for state, (light_tone, dark_tone, _bar) in _STATE_PALETTE.items()}


def state_bar_colors() -> dict[str, QColor]:
    """The dashboard's bar colour per state, the same in light and dark windows."""
    return {state: QColor(bar) for state, (_light, _dark, bar) in _STATE_PALETTE.items()}


# Placeholder chips: (text, background). A strong violet on a pale one in light windows, a pale violet on a
# deep one in dark windows, so a chip reads at a contrast of at least 4.5:1 on any cell.
_CHIP_LIGHT = ("#4a2491", "#e4dafa")
_CHIP_DARK = ("#e8dcff", "#4b3a7e")
# Matches of Find in this document: an amber marker, with the text colour kept readable on it.
_FIND_LIGHT = ("#000000", "#ffd54f")
_FIND_DARK = ("#000000", "#e0a800")


def chip_colors(dark: bool) -> tuple[QColor, QColor]:
    """(text, background) of a placeholder chip, for a light or dark palette."""
    foreground, background = _CHIP_DARK if dark else _CHIP_LIGHT
    return QColor(foreground), QColor(background)


def find_colors(dark: bool) -> tuple[QColor, QColor]:
    """(text, background) of a match of Find in this document, for a light or dark palette."""
    foreground, background = _FIND_DARK if dark else _FIND_LIGHT
    return QColor(foreground), QColor(background)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = _relative_luminance(a), _relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def _relative_luminance(color: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF())
