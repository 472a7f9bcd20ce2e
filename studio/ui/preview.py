"""The preview: a document as the portal would show it, in one language or two side by side.

Pages come from `render_document` over the `DocumentView` already read, so changing the languages never
touches the database. Side by side, the two panes scroll together, and the languages the user picks are
remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.content.queries import DocumentView
from studio.content.render import body_font_px, render_document
from studio.locales import LOCALE_CODES, LOCALES, SOURCE_DEFAULT
from studio.ui.settings import Settings

_PREFERRED_SIZE = (1200, 850)
_MIN_FRAME = (16, 48)  # room for borders and a title bar before the window manager tells their real size


class PreviewWidget(QWidget):
    """A locale chooser, an optional second one ("beside"), and one or two panes with the rendered pages.

    With `settings`, the languages the user picks in the choosers are remembered there and shown again the
    next time a preview opens.
    """

    locales_changed = Signal(str, object)  # first locale, second locale or None

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._view: DocumentView | None = None
        self._pages: list[str] = ["", ""]
        self._settings = settings
        self._scrolling_together = False

        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        self.second_combo.addItem(self.tr("none"), None)
        for code in LOCALE_CODES:
            loc = LOCALES[code]
            label = f"{loc.native_name} ({loc.english_name})" if loc.native_name != loc.english_name \
                else loc.native_name
            self.first_combo.addItem(label, code)
            self.second_combo.addItem(label, code)
        for combo in (self.first_combo, self.second_combo):
            # Held at the width of their longest name, the two choosers would make the window wider than a small
            # screen: they take that width when there is room and give it up, down to 12 characters, when not.
            combo.setMaximumWidth(combo.sizeHint().width())
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.first_combo.setCurrentIndex(self.first_combo.findData(SOURCE_DEFAULT))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Language:")))
        bar.addWidget(self.first_combo, 1)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Beside:")))
        bar.addWidget(self.second_combo, 1)
        bar.addSpacing(16)
        self.approved_only = QCheckBox(self.tr("&Approved only (what a release would publish)"))
        self.approved_only.setToolTip(self.tr("Unticked, drafts and confirmed translations show too, so editors "
                                              "see their work; untranslated text is marked either way."))
        bar.addWidget(self.approved_only)
        bar.addStretch(1)

        self.panes = [_pane(), _pane()]
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in self.panes:
            self.splitter.addWidget(pane)
        self.panes[1].hide()

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        for index, pane in enumerate(self.panes):
            pane.verticalScrollBar().valueChanged.connect(lambda _value, i=index: self._scroll_other_pane(i))
        # set_locales changes the choosers with their signals blocked: only the user's own picks are remembered.
        self.first_combo.currentIndexChanged.connect(self._locales_picked)
        self.second_combo.currentIndexChanged.connect(self._locales_picked)
        self.approved_only.toggled.connect(self._render)
        remembered = self.remembered_locales()
        if remembered is not None:
            self.set_locales(*remembered)

    # --- public -------------------------------------------------------------------------------------------

    def set_document(self, view: DocumentView | None) -> None:
        """Show `view` (None: nothing) in the chosen languages."""
        self._view = view
        self._render()

    def set_locales(self, first: str, second: str | None = None) -> None:
        """Choose the language of the first pane and, optionally, of a second pane beside it."""
        for combo, code in ((self.first_combo, first), (self.second_combo, second)):
            index = 0 if code is None and combo is self.second_combo else combo.findData(code)
            if index < 0:
                raise ValueError(f"unknown locale {code!r}")
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self._locales_chosen()

    def offer_locales(self, first: str, second: str | None = None) -> None:
        """Show these languages unless the user picked languages before: those stay."""
        if self.remembered_locales() is None:
            self.set_locales(first, second)

    def remembered_locales(self) -> tuple[str, str | None] | None:
        """The languages the user last picked, if the settings hold any."""
        stored = self._settings.preview_locales if self._settings is not None else []
        return (stored[0], stored[1] if len(stored) > 1 else None) if stored else None

    def locales(self) -> tuple[str, str | None]:
        return self.first_combo.currentData(), self.second_combo.currentData()

    def visible_panes(self) -> list[QTextBrowser]:
        return [pane for pane in self.panes if not pane.isHidden()]

    def pages(self) -> list[str]:
        """The HTML of each visible pane, as rendered (QTextBrowser.toHtml gives Qt's rewrite of it)."""
        return [page for page, pane in zip(self._pages, self.panes, strict=True) if not pane.isHidden()]

    # --- rendering ----------------------------------------------------------------------------------------

    def _locales_picked(self) -> None:
        if self._settings is not None:
            self._settings.preview_locales = [code for code in self.locales() if code is not None]
        self._locales_chosen()

    def _locales_chosen(self) -> None:
        first, second = self.locales()
        self.panes[1].setHidden(second is None)
        self._render()
        self.locales_changed.emit(first, second)

    def _scroll_other_pane(self, index: int) -> None:
        """Keep the other pane at the same fraction of its page: translations differ in length, so the same
        pixel offset would show another part of the document."""
        other = self.panes[1 - index]
        if self._scrolling_together or other.isHidden() or self.panes[index].isHidden():
            return
        source, target = self.panes[index].verticalScrollBar(), other.verticalScrollBar()
        span = source.maximum() - source.minimum()
        fraction = (source.value() - source.minimum()) / span if span else 0.0
        # The guard stops the echo: the other pane's own valueChanged must not scroll this one back by a
        # rounding difference, and so on for ever.
        self._scrolling_together = True
        try:
            target.setValue(target.minimum() + round(fraction * (target.maximum() - target.minimum())))
        finally:
            self._scrolling_together = False

    def _render(self) -> None:
        first, second = self.locales()
        for i, (pane, locale) in enumerate(zip(self.panes, (first, second), strict=True)):
            if locale is None:
                self._pages[i] = ""
                pane.clear()
                continue
            _set_direction(pane, LOCALES[locale].is_rtl)
            _set_base_size(pane, body_font_px(locale))
            if self._view is None:
                self._pages[i] = ""
                nothing = self.tr("No document to preview.")  # outside the f-string, where lupdate sees it
                pane.setHtml(f"<p>{nothing}</p>")
                continue
            self._pages[i] = render_document(self._view, locale, approved_only=self.approved_only.isChecked())
            pane.setHtml(self._pages[i])


class PreviewWindow(QMainWindow):
    """The preview in a window of its own, beside the main window (opened there with Ctrl+P)."""

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        # A top-level window even with a parent: it closes with the main window but lives beside it.
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.preview = PreviewWidget(settings=settings)
        self.setCentralWidget(self.preview)
        self.setWindowTitle(self.tr("Preview"))
        self.resize(*_PREFERRED_SIZE)
        self.fit_to_screen()
        for keys in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self).activated.connect(self.close)

    def fit_to_screen(self) -> None:
        """Keep the window within the screen's available area (the screen less its panels and docks), frame
        and title bar included: shrunk if larger, centred the first time, moved back inside if it was left
        hanging over an edge. A size the user chose that fits is kept."""
        area = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        frame_w, frame_h = max(frame.width(), _MIN_FRAME[0]), max(frame.height(), _MIN_FRAME[1])
        width = max(min(self.width(), area.width() - frame_w), self.minimumSizeHint().width())
        height = max(min(self.height(), area.height() - frame_h), self.minimumSizeHint().height())
        self.resize(width, height)
        outer = QRect(self.pos(), QSize(width + frame_w, height + frame_h))  # a window's pos is its frame's
        if not self.testAttribute(Qt.WidgetAttribute.WA_Moved):  # never placed yet
            outer.moveCenter(area.center())
        self.move(max(area.left(), min(outer.left(), area.right() + 1 - outer.width())),
                  max(area.top(), min(outer.top(), area.bottom() + 1 - outer.height())))

    def set_document(self, view: DocumentView | None) -> None:
        self.preview.set_document(view)
        title = self.tr("Preview — {0}").format(view.row.title) if view is not None else self.tr("Preview")
        self.setWindowTitle(title)

    def set_locales(self, first: str, second: str | None = None) -> None:
        self.preview.set_locales(first, second)

    def offer_locales(self, first: str, second: str | None = None) -> None:
        self.preview.offer_locales(first, second)


def _pane() -> QTextBrowser:
    pane = QTextBrowser()
    # A click on a portal link would replace the page with the target; the preview stays on the document.
    pane.setOpenLinks(False)
    pane.setOpenExternalLinks(False)
    return pane


def _set_base_size(pane: QTextBrowser, pixels: int) -> None:
    """Qt sizes headings from the document's default font, whatever the page's CSS says: the page's own body
    size keeps them above its text, in Arabic as in Chinese."""
    font = pane.document().defaultFont()
    font.setPixelSize(pixels)
    pane.document().setDefaultFont(font)


def _set_direction(pane: QTextBrowser, rtl: bool) -> None:
    """Qt reads dir="rtl" on some block elements only; the document's default direction covers the rest."""
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    pane.setLayoutDirection(direction)
    option = pane.document().defaultTextOption()
    option.setTextDirection(direction)
    # Leading, not Right: Qt mirrors a non-absolute alignment in a right-to-left block, so Right would end left.
    option.setAlignment(Qt.AlignmentFlag.AlignLeading)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    pane.document().setDefaultTextOption(option)
