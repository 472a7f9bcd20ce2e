"""The preview: a document as the portal would show it, in one language or two side by side.

Pages come from `render_document` over the `DocumentView` already read, so changing the languages never
touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from studio.content.render import render_document
from studio.locales import LOCALE_CODES, LOCALES, SOURCE_DEFAULT


class PreviewWidget(QWidget):
    """A locale chooser, an optional second one ("beside"), and one or two panes with the rendered pages."""

    locales_changed = Signal(str, object)  # first locale, second locale or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: DocumentView | None = None
        self._pages: list[str] = ["", ""]

        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        self.second_combo.addItem(self.tr("none"), None)
        for code in LOCALE_CODES:
            loc = LOCALES[code]
            label = f"{loc.native_name} ({loc.english_name})" if loc.native_name != loc.english_name \
                else loc.native_name
            self.first_combo.addItem(label, code)
            self.second_combo.addItem(label, code)
        self.first_combo.setCurrentIndex(self.first_combo.findData(SOURCE_DEFAULT))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Language:")))
        bar.addWidget(self.first_combo)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Beside:")))
        bar.addWidget(self.second_combo)
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

        self.first_combo.currentIndexChanged.connect(self._locales_chosen)
        self.second_combo.currentIndexChanged.connect(self._locales_chosen)
        self.approved_only.toggled.connect(self._render)

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

    def locales(self) -> tuple[str, str | None]:
        return self.first_combo.currentData(), self.second_combo.currentData()

    def visible_panes(self) -> list[QTextBrowser]:
        return [pane for pane in self.panes if not pane.isHidden()]

    def pages(self) -> list[str]:
        """The HTML of each visible pane, as rendered (QTextBrowser.toHtml gives Qt's rewrite of it)."""
        return [page for page, pane in zip(self._pages, self.panes, strict=True) if not pane.isHidden()]

    # --- rendering ----------------------------------------------------------------------------------------

    def _locales_chosen(self) -> None:
        first, second = self.locales()
        self.panes[1].setHidden(second is None)
        self._render()
        self.locales_changed.emit(first, second)

    def _render(self) -> None:
        first, second = self.locales()
        for i, (pane, locale) in enumerate(zip(self.panes, (first, second), strict=True)):
            if locale is None:
                self._pages[i] = ""
                pane.clear()
                continue
            _set_direction(pane, LOCALES[locale].is_rtl)
            if self._view is None:
                self._pages[i] = ""
                pane.setHtml(f"<p>{self.tr('No document to preview.')}</p>")
                continue
            self._pages[i] = render_document(self._view, locale, approved_only=self.approved_only.isChecked())
            pane.setHtml(self._pages[i])


class PreviewWindow(QMainWindow):
    """The preview in a window of its own, beside the main window (opened there with Ctrl+P)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A top-level window even with a parent: it closes with the main window but lives beside it.
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.preview = PreviewWidget()
        self.setCentralWidget(self.preview)
        self.setWindowTitle(self.tr("Preview"))
        self.resize(1100, 800)
        for keys in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self).activated.connect(self.close)

    def fit_to_screen(self) -> None:
        """As large as useful, but never past the screen's edges."""
        area = self.screen().availableGeometry()
        self.resize(min(1200, area.width() - 40), min(850, area.height() - 60))

    def set_document(self, view: DocumentView | None) -> None:
        self.preview.set_document(view)
        title = self.tr("Preview — {0}").format(view.row.title) if view is not None else self.tr("Preview")
        self.setWindowTitle(title)

    def set_locales(self, first: str, second: str | None = None) -> None:
        self.preview.set_locales(first, second)


def _pane() -> QTextBrowser:
    pane = QTextBrowser()
    # A click on a portal link would replace the page with the target; the preview stays on the document.
    pane.setOpenLinks(False)
    pane.setOpenExternalLinks(False)
    return pane


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
