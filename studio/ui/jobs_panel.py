"""The jobs panel: every background job with its progress, time left and a Cancel button; meant for a dock."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.ui.job_runner import CANCELLED, DONE, FAILED, RUNNING, JobHandle, JobRunner

BAR_STEPS = 1000  # the bar works in permille: QProgressBar holds 32-bit ints, job counts need not fit
ETA_REFRESH_MS = 1000  # "time left" keeps counting down while a job is between progress reports
FAILURE_COLOR = QColor(198, 40, 40)  # a red that reads on light and dark window backgrounds


class JobRow(QFrame):
    """One job: title, outcome, Cancel; a progress bar; counts, time left and the job's latest message."""

    def __init__(self, handle: JobHandle[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handle = handle
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(handle.title)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.outcome_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.counts_label = QLabel()
        self.eta_label = QLabel()
        self.message_label = QLabel()
        for label in (self.title_label, self.outcome_label, self.message_label):
            # Long titles, errors and messages must not widen the dock: they are cut, and shown whole as tips.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_bar.setMinimumWidth(60)
        status = QHBoxLayout()
        status.setSpacing(12)
        status.addWidget(self.counts_label)
        status.addWidget(self.eta_label)
        status.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.title_label, 0, 0)
        grid.addWidget(self.cancel_button, 0, 1)
        grid.addWidget(self.progress_bar, 1, 0, 1, 2)
        grid.addLayout(status, 2, 0, 1, 2)
        grid.addWidget(self.message_label, 3, 0, 1, 2)
        grid.addWidget(self.outcome_label, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.refresh()

    def refresh(self) -> None:
        h = self.handle
        running = h.state == RUNNING
        if h.total > 0:
            self.progress_bar.setRange(0, BAR_STEPS)
            self.progress_bar.setValue(min(BAR_STEPS, round(BAR_STEPS * h.done / h.total)))
            self.counts_label.setText(self.tr("{0} / {1}").format(_count(h.done), _count(h.total)))
        elif running:
            self.progress_bar.setRange(0, 0)  # total unknown: Qt's busy indicator
            self.counts_label.setText(_count(h.done) if h.done else "")
        else:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(1 if h.state == DONE else 0)
            self.counts_label.setText(_count(h.done) if h.done else "")
        self.eta_label.setText(self._eta_text() if running else "")
        self.message_label.setText(h.message)
        self.message_label.setToolTip(h.message)
        self.title_label.setToolTip(h.title)
        outcome = self._outcome_text()
        self.outcome_label.setText(outcome)
        self.outcome_label.setVisible(bool(outcome))
        palette = self.palette()
        if h.state == FAILED:
            palette.setColor(QPalette.ColorRole.WindowText, FAILURE_COLOR)
        self.outcome_label.setPalette(palette)
        self.outcome_label.setToolTip(h.error)
        self.cancel_button.setEnabled(running and not h.cancel_requested)

    def _eta_text(self) -> str:
        eta = self.handle.eta_seconds()
        if eta is None:
            return ""
        seconds = max(1, math.ceil(eta))
        if seconds < 60:
            return self.tr("about {0} s left").format(seconds)
        if seconds < 3600:
            return self.tr("about {0} min left").format(math.ceil(seconds / 60))
        return self.tr("about {0} h left").format(round(seconds / 3600, 1))

    def _outcome_text(self) -> str:
        h = self.handle
        if h.state == RUNNING:
            return self.tr("cancelling…") if h.cancel_requested else ""
        if h.state == DONE:
            return self.tr("done")
        if h.state == CANCELLED:
            return self.tr("cancelled")
        if h.state == FAILED:
            first_line = h.error.strip().splitlines()[0] if h.error.strip() else ""
            return self.tr("failed: {0}").format(first_line)
        return h.state

    def _cancel(self) -> None:
        self.handle.cancel()
        self.refresh()


def _count(n: int) -> str:
    # The C locale (and so a test run) would print 1234; people read 1,234 (or 1.234, 1 234 in their locale).
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(n)


class JobsPanel(QWidget):
    """Lists the runner's jobs, newest last. Finished jobs stay with their outcome until "Clear finished"."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._rows: dict[int, JobRow] = {}
        self.setMinimumWidth(280)  # room for "1,234 / 5,000  about 12 s left" and the Cancel button
        self.empty_label = QLabel(self.tr("No background work."))
        self.empty_label.setEnabled(False)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(4)
        self._list_layout.addWidget(self.empty_label)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows shrink to fit instead
        scroll.setWidget(self._list)
        self.clear_button = QPushButton(self.tr("Clear finished"))
        self.clear_button.clicked.connect(self.clear_finished)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
        layout.addLayout(buttons)
        self._eta_timer = QTimer(self)
        self._eta_timer.setInterval(ETA_REFRESH_MS)
        self._eta_timer.timeout.connect(self._refresh_running)
        runner.job_started.connect(self._add)
        runner.job_progressed.connect(self._update)
        runner.job_finished.connect(self._update)
        for handle in runner.running():
            self._add(handle)
        self._update_controls()

    def rows(self) -> list[JobRow]:
        return list(self._rows.values())

    def row_for(self, handle: JobHandle[Any]) -> JobRow:
        return self._rows[handle.id]

    def clear_finished(self) -> None:
        for job_id, row in list(self._rows.items()):
            if row.handle.state != RUNNING:
                del self._rows[job_id]
                self._list_layout.removeWidget(row)
                row.deleteLater()
        self._update_controls()

    def _add(self, handle: JobHandle[Any]) -> None:
        if handle.id in self._rows:
            return
        row = JobRow(handle)
        self._rows[handle.id] = row
        self._list_layout.insertWidget(self._list_layout.count() - 1, row)  # before the stretch
        self._update_controls()

    def _update(self, handle: JobHandle[Any]) -> None:
        row = self._rows.get(handle.id)
        if row is not None:
            row.refresh()
            self._update_controls()

    def _refresh_running(self) -> None:
        for row in self._rows.values():
            if row.handle.state == RUNNING:
                row.refresh()

    def _update_controls(self) -> None:
        self.empty_label.setVisible(not self._rows)
        self.clear_button.setEnabled(any(r.handle.state != RUNNING for r in self._rows.values()))
        if any(r.handle.state == RUNNING for r in self._rows.values()):
            if not self._eta_timer.isActive():
                self._eta_timer.start()
        else:
            self._eta_timer.stop()
