"""The bar above the grid that offers a translation just confirmed to the identical sentences elsewhere.

Not a dialog: the editor has already moved on to the next cell and goes on typing; the offer waits until Apply,
Dismiss, or the next confirmation replaces it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from studio.workflow.propagation import PropagationOffer


class PropagationBar(QFrame):
    """"Use this translation for 3 identical sentences? Apply / Dismiss"."""

    applied = Signal(object)  # the PropagationOffer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propagation-bar")
        self.setStyleSheet("QFrame#propagation-bar { background: #e0ecff; border-radius: 4px; }"
                           "QFrame#propagation-bar QLabel { color: #102a56; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.dismiss_button)
        self.apply_button.clicked.connect(self._apply)
        self.dismiss_button.clicked.connect(self.dismiss)
        self._offer: PropagationOffer | None = None
        self.hide()

    @property
    def current(self) -> PropagationOffer | None:
        return self._offer

    def offer(self, proposal: PropagationOffer) -> None:
        self._offer = proposal
        titles = sorted({t.title for t in proposal.targets})
        where = ", ".join(titles[:3]) + ("…" if len(titles) > 3 else "")
        self.label.setText(self.tr("Use this translation for %n identical sentence(s) elsewhere ({0})?", "",
                                   len(proposal.targets)).format(where))
        self.show()

    def dismiss(self) -> None:
        self._offer = None
        self.hide()

    def _apply(self) -> None:
        proposal = self._offer
        self.dismiss()
        if proposal is not None:
            self.applied.emit(proposal)
