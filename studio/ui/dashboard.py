"""The translation dashboard: per section and locale, how many cells are in each state (a chart and a table).

Everything here draws from a `StatusReport` (plain frozen rows); nothing queries the database while painting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio.content.queries import SectionRow
from studio.locales import LOCALE_CODES, LOCALES, SOURCE_DEFAULT
from studio.states import CellState
from studio.ui.labels import language_name
from studio.ui.model_index import Index
from studio.ui.state_words import state_names
from studio.ui.theme import BAR_ORDER, state_bar_colors
from studio.workflow.progress import SectionProgress, StatusReport
from studio.workspace import Workspace

COUNTS_ROLE = Qt.ItemDataRole.UserRole + 1
"""A cell's `{state: count}` mapping."""
SECTION_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
LOCALE_ROLE = Qt.ItemDataRole.UserRole + 3

# What a double-click on the table opens: the most pressing work in that cell.
URGENCY = (CellState.MISSING, CellState.OUTDATED, CellState.DRAFT, CellState.TRANSLATED, CellState.APPROVED)

_BAR_COLOURS = state_bar_colors()


def report_locales(report: StatusReport) -> tuple[str, ...]:
    """The eight targets, and the default source too when some documents are written in another language."""
    return tuple(loc for loc in LOCALE_CODES
                 if loc != SOURCE_DEFAULT or any(sum(s.locales[loc].values()) for s in report.sections))


def approved_percent(counts: Mapping[str, int]) -> int | None:
    """Rounded down, so 100% means every cell is approved; None when the cell has nothing to translate."""
    total = sum(counts.values())
    return counts.get(CellState.APPROVED, 0) * 100 // total if total else None


def _section_titles(report: StatusReport, sections: Sequence[SectionRow] | None, locale: str) -> list[str]:
    by_key = {s.key: s for s in sections or ()}
    return [by_key[s.key].title(locale) if s.key in by_key else s.title for s in report.sections]


def _empty_report() -> StatusReport:
    return StatusReport({}, ())


class DashboardModel(QAbstractTableModel):
    """Rows are sections in portal order, columns locales; each cell reads e.g. "72% approved"."""

    def __init__(self, title_locale: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._title_locale = title_locale
        self._report = _empty_report()
        self._titles: list[str] = []
        self._locales: tuple[str, ...] = ()

    @property
    def report(self) -> StatusReport:
        return self._report

    @property
    def locales(self) -> tuple[str, ...]:
        return self._locales

    def set_report(self, report: StatusReport, sections: Sequence[SectionRow] | None = None) -> None:
        """Show `report`; `sections` (optional) supply section titles in the model's title locale."""
        self.beginResetModel()
        self._report = report
        self._titles = _section_titles(report, sections, self._title_locale)
        self._locales = report_locales(report) if report.sections else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._report.sections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._locales)

    def counts(self, index: Index) -> Mapping[str, int]:
        return self._report.sections[index.row()].locales[self._locales[index.column()]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        section = self._report.sections[index.row()]
        locale = self._locales[index.column()]
        counts = section.locales[locale]
        if role == Qt.ItemDataRole.DisplayRole:
            percent = approved_percent(counts)
            return "—" if percent is None else self.tr("{0}% approved").format(percent)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), locale, counts)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == COUNTS_ROLE:
            return dict(counts)
        if role == SECTION_KEY_ROLE:
            return section.key
        if role == LOCALE_ROLE:
            return locale
        return None

    def _tooltip(self, row: int, locale: str, counts: Mapping[str, int]) -> str:
        lines = [self.tr("{0} — {1} ({2})").format(self._titles[row], LOCALES[locale].native_name, locale)]
        if not sum(counts.values()):
            lines.append(self.tr("nothing to translate"))
        names = state_names()
        lines += [self.tr("{0}: {1}").format(names[state], counts.get(state, 0)) for state in CellState]
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._locales):
            loc = LOCALES[self._locales[section]]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{loc.native_name}\n{loc.code}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return language_name(loc.code)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._titles):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                s = self._report.sections[section]
                return self.tr("{documents}, {segments}").format(
                    documents=self.tr("%n document(s)", "", s.documents),
                    segments=self.tr("%n segment(s)", "", s.segments))
        return None


@dataclass(frozen=True)
class _Row:
    """Where one section × locale bar sits in the chart."""

    section: SectionProgress
    title: str
    locale: str
    label: QRect
    bar: QRect
    text: QRect


@dataclass(frozen=True)
class _Geometry:
    legend: tuple[tuple[str, QRect, QRect], ...]  # state, swatch, word
    headers: tuple[tuple[str, QRect], ...]
    rows: tuple[_Row, ...]
    height: int


class StateChart(QWidget):
    """A stacked bar per section and locale showing the share of cells in each state.

    Clicking a coloured segment asks for the cells of that section, locale and state (`filter_requested`).
    Section groups flow into columns when the widget is wide; it grows tall and belongs in a QScrollArea.
    """

    filter_requested = Signal(str, str, str)
    """section key, locale, state"""

    MARGIN = 8
    GROUP_GAP = 24
    MIN_BAR = 140

    def __init__(self, title_locale: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_locale = title_locale
        self._report = _empty_report()
        self._titles: list[str] = []
        self._locales: tuple[str, ...] = ()
        self._geometry: tuple[int, _Geometry] | None = None
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_report(self, report: StatusReport, sections: Sequence[SectionRow] | None = None) -> None:
        self._report = report
        self._titles = _section_titles(report, sections, self._title_locale)
        self._locales = report_locales(report) if report.sections else ()
        self._geometry = None
        self.updateGeometry()
        self.update()

    # --- geometry ---------------------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _label_width(self) -> int:
        fm = self.fontMetrics()
        return max((fm.horizontalAdvance(self._locale_label(loc)) for loc in LOCALE_CODES), default=0) + 10

    def _text_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self.tr("{0}% approved").format(100)) + 10

    def _group_min_width(self) -> int:
        return self._label_width() + self.MIN_BAR + self._text_width()

    @staticmethod
    def _locale_label(code: str) -> str:
        return f"{LOCALES[code].native_name}  {code}"

    def _layout(self, width: int) -> _Geometry:
        if self._geometry is not None and self._geometry[0] == width:
            return self._geometry[1]
        geometry = self._compute(width)
        self._geometry = (width, geometry)
        return geometry

    def _compute(self, width: int) -> _Geometry:
        fm = self.fontMetrics()
        m, line = self.MARGIN, self._row_height()
        names = state_names()
        legend: list[tuple[str, QRect, QRect]] = []
        x, y = m, m
        swatch = fm.height() - 4
        for state in BAR_ORDER:
            word_w = fm.horizontalAdvance(names[state])
            item_w = swatch + 6 + word_w
            if x > m and x + item_w > width - m:
                x, y = m, y + line
            legend.append((state, QRect(x, y + (line - swatch) // 2, swatch, swatch),
                           QRect(x + swatch + 6, y, word_w, line)))
            x += item_w + 18
        top = y + line + m
        sections = self._report.sections
        if not sections:
            return _Geometry(tuple(legend), (), (), top + line + m)
        inner = max(width - 2 * m, self._group_min_width())
        columns = max(1, min(len(sections), (inner + self.GROUP_GAP) // (self._group_min_width() + self.GROUP_GAP)))
        group_w = (inner - (columns - 1) * self.GROUP_GAP) // columns
        group_h = line * (1 + len(self._locales)) + m
        label_w, text_w = self._label_width(), self._text_width()
        headers: list[tuple[str, QRect]] = []
        rows: list[_Row] = []
        for i, section in enumerate(sections):
            gx = m + (i % columns) * (group_w + self.GROUP_GAP)
            gy = top + (i // columns) * (group_h + m)
            headers.append((self._titles[i], QRect(gx, gy, group_w, line)))
            for j, loc in enumerate(self._locales):
                ry = gy + line * (j + 1)
                bar_w = group_w - label_w - text_w
                rows.append(_Row(section, self._titles[i], loc, QRect(gx, ry, label_w, line),
                                 QRect(gx + label_w, ry + 3, bar_w, line - 6),
                                 QRect(gx + label_w + bar_w + 6, ry, text_w - 6, line)))
        group_rows = (len(sections) + columns - 1) // columns
        return _Geometry(tuple(legend), tuple(headers), tuple(rows), top + group_rows * (group_h + m))

    MIN_SEGMENT = 3

    @classmethod
    def _segments(cls, row: _Row) -> list[tuple[str, QRect]]:
        """Each state's part of the bar, tiling it exactly; a state with any cell stays wide enough to see
        and to click (the widest part gives up the pixels)."""
        counts = row.section.locales[row.locale]
        total = sum(counts.values())
        bar = row.bar
        states = [s for s in BAR_ORDER if counts.get(s, 0)]
        if not total or bar.width() < cls.MIN_SEGMENT * len(states):
            return []
        widths = {s: max(round(counts[s] * bar.width() / total), cls.MIN_SEGMENT) for s in states}
        widest = max(states, key=lambda s: widths[s])
        widths[widest] -= sum(widths.values()) - bar.width()
        out: list[tuple[str, QRect]] = []
        left = bar.left()
        for state in states:
            out.append((state, QRect(left, bar.top(), widths[state], bar.height())))
            left += widths[state]
        return out

    def bar_rect(self, section_key: str, locale: str, state: str) -> QRect:
        """Where the segment of `state` is drawn in this widget's coordinates; empty when it has no cells."""
        for row in self._layout(self.width()).rows:
            if row.section.key == section_key and row.locale == locale:
                return next((rect for s, rect in self._segments(row) if s == state), QRect())
        return QRect()

    def _hit(self, pos: QPoint) -> tuple[_Row, str | None] | None:
        for row in self._layout(self.width()).rows:
            if row.bar.contains(pos) or row.label.contains(pos) or row.text.contains(pos):
                state = next((s for s, rect in self._segments(row) if rect.contains(pos)), None)
                return row, state
        return None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(width).height

    def sizeHint(self) -> QSize:
        columns = min(2, max(1, len(self._report.sections)))
        width = 2 * self.MARGIN + columns * self._group_min_width() + (columns - 1) * self.GROUP_GAP + 120
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = 2 * self.MARGIN + self._group_min_width()
        return QSize(width, self.heightForWidth(width))

    # --- painting and events ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        geometry = self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        names = state_names()
        left_middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for state, swatch, word in geometry.legend:
            painter.fillRect(swatch, _BAR_COLOURS[state])
            painter.setPen(text_colour)
            painter.drawText(word, left_middle, names[state])
        if not geometry.rows:
            painter.setPen(muted)
            y = geometry.legend[-1][2].bottom() + self.MARGIN if geometry.legend else self.MARGIN
            painter.drawText(QRect(self.MARGIN, y, self.width() - 2 * self.MARGIN, self._row_height()), left_middle,
                             self.tr("No content yet: import documents to see how far translation has come."))
            return
        bold = QFont(self.font())
        bold.setBold(True)
        for title, rect in geometry.headers:
            painter.setFont(bold)
            painter.setPen(text_colour)
            painter.drawText(rect, left_middle, title)
        painter.setFont(self.font())
        # A thin gap in the window colour separates adjacent segments, whatever their colours.
        gap = palette.color(QPalette.ColorRole.Window)
        for row in geometry.rows:
            if not event.rect().intersects(row.label.united(row.text)):
                continue
            painter.setPen(text_colour)
            painter.drawText(row.label, left_middle, self._locale_label(row.locale))
            segments = self._segments(row)
            for state, rect in segments:
                painter.fillRect(rect, _BAR_COLOURS[state])
            for _state, rect in segments[1:]:
                painter.fillRect(QRect(rect.left(), rect.top(), 1, rect.height()), gap)
            if not segments:
                painter.setPen(muted)
                painter.drawRect(row.bar.adjusted(0, 0, -1, -1))
            percent = approved_percent(row.section.locales[row.locale])
            painter.setPen(text_colour if percent is not None else muted)
            painter.drawText(row.text, left_middle,
                             "—" if percent is None else self.tr("{0}% approved").format(percent))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._geometry = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._geometry = None
            self.updateGeometry()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            hit = self._hit(event.pos())
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(*hit), self)
            return True
        return super().event(event)

    def _tooltip(self, row: _Row, hovered: str | None) -> str:
        counts = row.section.locales[row.locale]
        total = sum(counts.values())
        names = state_names()
        lines = [self.tr("{0} — {1} ({2})").format(row.title, LOCALES[row.locale].native_name, row.locale)]
        for state in BAR_ORDER:
            n = counts.get(state, 0)
            share = f" ({n * 100 // total}%)" if total else ""
            mark = "▸ " if state == hovered else "   "
            count = self.tr("{0}: {1}").format(names[state], n)  # outside the f-string, where lupdate sees it
            lines.append(f"{mark}{count}{share}")
        if hovered:
            lines.append(self.tr("Click to list these cells."))
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position().toPoint())
        if hit is not None and hit[1] is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self._hit(event.position().toPoint())
            if hit is not None and hit[1] is not None:
                self.filter_requested.emit(hit[0].section.key, hit[0].locale, hit[1])
                return
        super().mouseReleaseEvent(event)


class DashboardView(QWidget):
    """The dashboard page: a title, a Refresh button, the chart above the table.

    Given a workspace, Refresh reloads `Workspace.status()` itself; otherwise the owner listens to
    `refresh_requested` and calls `set_report`. Both the chart (click) and the table (double-click or Enter)
    re-emit `filter_requested(section_key, locale, state)`.
    """

    filter_requested = Signal(str, str, str)
    refresh_requested = Signal()

    def __init__(self, workspace: Workspace | None = None, title_locale: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.title = QLabel(self.tr("Translation progress"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Count the cells in each state again"))
        self.refresh_button.clicked.connect(self.refresh_requested)

        self.chart = StateChart(title_locale)
        self.chart.filter_requested.connect(self.filter_requested)
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(self.chart)
        self.chart_area.setFrameShape(QScrollArea.Shape.NoFrame)

        self.model = DashboardModel(title_locale, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(
            self.table.fontMetrics().horizontalAdvance(self.tr("{0}% approved").format(100)) + 16)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        # `activated` is a double-click on most platforms and Enter everywhere, so keyboard users get it too.
        self.table.activated.connect(self._table_activated)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart_area)
        self.splitter.addWidget(self.table)
        # The table is a few rows: it keeps its height and the chart takes what the window gives.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(self._remember_splitter_moved)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._counted = workspace is None  # with a workspace, counted when first shown: start-up stays quick
        self.set_report(_empty_report())
        if workspace is not None:
            self.refresh_requested.connect(self.refresh)

    def refresh(self) -> None:
        """Count again from the workspace (a few grouped queries, quick enough for the UI thread)."""
        if self._workspace is not None:
            self._counted = True
            self.set_report(self._workspace.status(), self._workspace.sections())

    def set_report(self, report: StatusReport, sections: Sequence[SectionRow] | None = None) -> None:
        self.model.set_report(report, sections)
        self.chart.set_report(report, sections)
        self.summary.setText(self._summary(report))
        self._fit_table()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._counted:
            self.refresh()
        self._fit_table()

    def _remember_splitter_moved(self) -> None:
        self._splitter_moved = True

    def _fit_table(self) -> None:
        """Give the table just the height of its rows, unless the user has placed the splitter."""
        if self._splitter_moved:
            return
        table = self.table
        wanted = (table.horizontalHeader().sizeHint().height() + table.verticalHeader().length()
                  + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total > 0:
            self.splitter.setSizes([max(total - wanted, total // 3), min(wanted, total * 2 // 3)])

    def _summary(self, report: StatusReport) -> str:
        documents = sum(s.documents for s in report.sections)
        if not documents:
            return self.tr("No documents yet.")
        totals: dict[str, int] = {state: 0 for state in CellState}
        for s in report.sections:
            for loc in report_locales(report):
                for state, n in s.locales[loc].items():
                    totals[state] += n
        percent = approved_percent(totals) or 0
        return self.tr("{documents}, {segments}; {percent}% of all translations approved, {missing} missing, "
                       "{outdated} outdated.").format(
            documents=self.tr("%n document(s)", "", documents),
            segments=self.tr("%n segment(s)", "", sum(s.segments for s in report.sections)),
            percent=percent, missing=totals[CellState.MISSING], outdated=totals[CellState.OUTDATED])

    def _table_activated(self, index: QModelIndex) -> None:
        counts = index.data(COUNTS_ROLE)
        if not counts or not sum(counts.values()):
            return  # nothing to translate there: no list to open
        state = next(s for s in URGENCY if counts.get(s, 0))
        self.filter_requested.emit(index.data(SECTION_KEY_ROLE), index.data(LOCALE_ROLE), state)
