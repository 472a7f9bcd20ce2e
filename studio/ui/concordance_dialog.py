"""Concordance (Ctrl+K): where a word or phrase occurs in the memory, in any language, as source and translation
pairs with the phrase highlighted; each text in its locale's font and direction (Arabic right to left).

The search runs on a worker of the window's quick runner; Enter searches, and a search typed meanwhile replaces
the one shown when it ends."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from studio.jobs import Job
from studio.memory.concordance import CONCORDANCE_LIMIT, ConcordancePair
from studio.memory.index import normalized
from studio.ui.job_runner import JobRunner
from studio.ui.labels import language_name
from studio.workspace import Workspace

_MUTED = "color: #6b7785;"
_HIT = "background-color: rgba(250, 204, 21, 0.45);"


def highlighted(text: str, phrase: str) -> str:
    """`text` as escaped HTML with every occurrence of `phrase` marked, folded as the search folds (case and
    width: "ＶＩＳＡ" is a hit for "visa"). Each character is folded on its own, so a hit maps back to the
    characters of `text` it came from."""
    needle = normalized(phrase)
    if not needle:
        return html.escape(text, quote=False)
    folded: list[str] = []
    origin: list[int] = []  # folded position -> the position in `text` it came from
    for i, ch in enumerate(text):
        piece = normalized(ch)
        folded.append(piece)
        origin += [i] * len(piece)
    haystack = "".join(folded)
    out, pos, at = [], 0, 0
    while (at := haystack.find(needle, at)) >= 0:
        start, end = origin[at], origin[at + len(needle) - 1] + 1
        at += len(needle)
        if start < pos:
            continue
        out.append(html.escape(text[pos:start], quote=False))
        out.append(f'<span style="{_HIT}">{html.escape(text[start:end], quote=False)}</span>')
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


class ConcordanceDialog(QDialog):
    """A search box and the pairs found."""

    def __init__(self, ws: Workspace, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Concordance"))
        self.resize(760, 560)
        self.ws, self.runner = ws, runner
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("A word or phrase in any language, e.g. 许可 or permit"))
        self.query.returnPressed.connect(lambda: self.search(self.query.text()))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(lambda: self.search(self.query.text()))
        self.status = QLabel()
        self.results = QTextBrowser()
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.pairs: list[ConcordancePair] = []
        self._running = False
        self._wanted: str | None = None

    def search(self, phrase: str) -> None:
        phrase = phrase.strip()
        self.query.setText(phrase)
        if not phrase:
            return
        self._wanted = phrase
        if self._running:
            return
        self._running = True
        self.status.setText(self.tr("Searching…"))
        opener = self.ws.sibling_opener()

        def job() -> Job[list[ConcordancePair]]:
            with opener() as ws:
                return ws.concordance(phrase)
            yield

        self.runner.start(self.tr("Searching the memory"), job, on_done=lambda pairs: self._found(phrase, pairs),
                          on_failed=lambda exc: self._failed(str(exc)))

    def _failed(self, message: str) -> None:
        self._running = False
        self.status.setText(message)

    def _found(self, phrase: str, pairs: list[ConcordancePair]) -> None:
        self._running = False
        if self._wanted != phrase and self._wanted is not None:
            self.search(self._wanted)
            return
        self.show_pairs(phrase, pairs)

    def show_pairs(self, phrase: str, pairs: list[ConcordancePair]) -> None:
        from studio.ui.side_panel import text_html

        self.pairs = pairs
        said = self.tr("%n pair(s) hold “{0}”", "", len(pairs)).format(phrase)
        if len(pairs) >= CONCORDANCE_LIMIT:
            said = self.tr("The first %n pairs holding “{0}”: a longer phrase finds fewer", "",
                           len(pairs)).format(phrase)
        self.status.setText(said)
        parts = []
        kinds = {"approved": self.tr("approved"), "translated": self.tr("confirmed"), "imported": self.tr("imported"),
                 "imported-draft": self.tr("imported draft")}
        for pair in pairs:
            facts = " · ".join(filter(None, [language_name(pair.locale), kinds.get(pair.kind, pair.kind),
                                             pair.origin, pair.document_type or ""]))
            parts.append(f'<p style="{_MUTED}">{html.escape(facts)}</p>')
            parts.append(text_html(highlighted(pair.source, phrase), pair.source_locale))
            parts.append(text_html(highlighted(pair.target, phrase), pair.locale))
            parts.append("<hr>")
        self.results.setHtml("\n".join(parts[:-1]) if parts else "")
