"""The side panel's Terms tab: the glossary terms of the current source sentence, with their approved translations
in the cell's locale (the preferred one first), the forbidden and discouraged variants struck out, and a link (or
Ctrl+T for the first) to insert a term into the open editor."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from studio.jobs import Job, Progress
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.memory.glossary import Glossary, TermStatus
from studio.ui.job_runner import JobHandle, JobRunner
from studio.ui.labels import language_name


def _in_locale(text: str, locale: str) -> str:
    """A term as HTML in its language's font (Japanese glyphs for Japanese Han), its direction isolated from
    the line around it (an Arabic term between "Arabic:" and "Insert" stays in its place, read right to left)."""
    loc = LOCALES.get(locale)
    if loc is None:
        return html.escape(text)
    shown = f"\u2067{html.escape(text)}\u2069" if loc.is_rtl else html.escape(text)  # right-to-left isolate
    return f'<span style="font-family: \'{loc.font_family}\';">{shown}</span>'


SOURCE_LOCALES = (SOURCE_DEFAULT, "en")
"""The languages documents are written in (Chinese; English for some): the grid finds their terms."""


def warm_glossary(runner: JobRunner, glossary: Glossary,
                  then: Callable[[Glossary], None] | None = None) -> JobHandle[Glossary]:
    """Compile the glossary's source-language matching on a worker (`Glossary.warm`), then call `then` with
    it on the window's thread: the grid's first document, or the first after an edit, then finds its terms
    without compiling. A `Glossary` is an immutable plain value, safe to hand across."""

    def job() -> Job[Glossary]:
        yield Progress(0, 1, "preparing the glossary")
        return glossary.warm(SOURCE_LOCALES)

    return runner.start("Preparing the glossary", job, on_done=then)

_MUTED = "color: #667085;"


class TermsTab(QWidget):
    """Shows plain values from a `Glossary`; never reads the database."""

    insert_requested = Signal(str)  # a target term to put into the open editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._insertable: list[str] = []
        self.show_terms(Glossary.empty(), "", "", None)

    @property
    def insertable(self) -> list[str]:
        """The approved terms shown, in order: the first is what Ctrl+T inserts."""
        return list(self._insertable)

    def show_terms(self, glossary: Glossary, source: str, source_locale: str, locale: str | None) -> None:
        self._insertable = []
        entries = glossary.entries_in(source, source_locale) if source else []
        if not entries:
            none = self.tr("No glossary term in this sentence.") if source else self.tr("Choose a cell in the grid.")
            self.view.setHtml(f'<p style="{_MUTED}">{html.escape(none)}</p>')
            return
        rows = []
        for entry in entries:
            source_terms = " / ".join(_in_locale(t, source_locale) for t in entry.approved(source_locale))
            parts = [f"<p><b>{source_terms}</b>"]
            if entry.note:
                parts.append(f'<br><span style="{_MUTED}">{html.escape(entry.note)}</span>')
            if locale is not None:
                approved = entry.approved(locale)
                for text in approved:
                    self._insertable.append(text)
                    parts.append(f'<br>{html.escape(language_name(locale))}: <b>{_in_locale(text, locale)}</b> '
                                 f'<a href="insert:{len(self._insertable) - 1}">{html.escape(self.tr("Insert"))}</a>')
                if not approved:
                    parts.append(f'<br><span style="{_MUTED}">'
                                 f'{html.escape(self.tr("No approved term in {0}").format(language_name(locale)))}'
                                 "</span>")
                for status, word in ((TermStatus.FORBIDDEN, self.tr("forbidden")),
                                     (TermStatus.DISCOURAGED, self.tr("discouraged"))):
                    for text in entry.with_status(locale, status):
                        parts.append(f'<br><span style="color: #b42318;"><s>{_in_locale(text, locale)}</s> '
                                     f"({html.escape(word)})</span>")
            rows.append("".join(parts) + "</p>")
        if self._insertable:
            rows.append(f'<p style="{_MUTED}">{html.escape(self.tr("Ctrl+T inserts the first term."))}</p>')
        self.view.setHtml("".join(rows))

    def _link_clicked(self, url: QUrl) -> None:
        kind, _, number = url.toString().partition(":")
        if kind == "insert" and number.isdigit() and int(number) < len(self._insertable):
            self.insert_requested.emit(self._insertable[int(number)])
