"""The document grid's model: one row per segment, grouped under headings for the fields of the content type.

Columns are the field, the source, then the chosen target locales. The model holds plain rows (a
`DocumentView`); `data()` only reads them. Writes go through the workspace and come back as fresh `CellRow`s
that `update_cell` swaps in, signalling exactly that index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from studio.content.queries import CellRow, DocumentView, SegmentRow
from studio.content.types import ContentType, field_for_path, get_content_type, path_label
from studio.locales import LOCALES, SOURCE_DEFAULT, targets_of
from studio.states import CellState
from studio.ui.labels import data_label, language_name
from studio.ui.model_index import Index
from studio.ui.state_words import state_names

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "heading" or "segment"
LOCALE_ROLE = Qt.ItemDataRole.UserRole + 2  # the column's locale, "" for the field column
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 4
VERSION_ROLE = Qt.ItemDataRole.UserRole + 5  # None for a missing cell
OUTDATED_ROLE = Qt.ItemDataRole.UserRole + 6  # the old source while the cell is outdated, else None
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 7
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 8
IS_SOURCE_ROLE = Qt.ItemDataRole.UserRole + 9
SINGLE_LINE_ROLE = Qt.ItemDataRole.UserRole + 10  # the field holds one line (a title, a name): no line breaks
MACHINE_ISSUE_ROLE = Qt.ItemDataRole.UserRole + 11  # what a machine draft broke in the placeholders, else None

FIELD_COLUMN, SOURCE_COLUMN, FIRST_TARGET_COLUMN = 0, 1, 2
_ITEM = re.compile(r"^(\w+\[\d+\])\.")


@dataclass(frozen=True)
class GridRow:
    """A heading ("Step 3") or one segment, with the index of the segment in the document view."""

    kind: str
    label: str
    segment_index: int = -1
    single_line: bool = False


def machine_issue_tip(issue: str) -> str:
    """The tooltip line of a machine draft whose placeholders came back damaged: kept as a draft, but flagged
    until a person writes the cell (the grid's cell tooltip and its footer's both say it)."""
    return QCoreApplication.translate("GridModel", "⚠ The machine translation damaged the placeholders: {0}. "
                                      "Check them before confirming.").format(issue)


def group_key(field_path: str) -> str:
    """The heading a segment sits under: the list item for "steps[2].body", else the field itself."""
    m = _ITEM.match(field_path)
    return m.group(1) if m else field_path.split("[")[0]


def build_rows(view: DocumentView) -> list[GridRow]:
    """Headings in field order, each followed by its segments; a sub-field and sentence number labels each."""
    ctype = get_content_type(view.row.type)
    rows: list[GridRow] = []
    current_group = None
    for i, seg in enumerate(view.segments):
        group = group_key(seg.field_path)
        if group != current_group:
            rows.append(GridRow("heading", path_label(ctype, group, data_label)))
            current_group = group
        sub = seg.field_path[len(group):].lstrip(".")
        label = path_label(ctype, seg.field_path, data_label).split(" · ")[-1] if sub else ""
        if seg.ordinal:
            label = f"{label} {seg.ordinal + 1}".strip() if label else f"{seg.ordinal + 1}"
        rows.append(GridRow("segment", label, i, is_single_line(ctype, seg.field_path)))
    return rows


def is_single_line(ctype: ContentType, field_path: str) -> bool:
    """Whether the field at `field_path` holds one line: plain text kept whole (titles, names, addresses)."""
    fdef = field_for_path(ctype, field_path)
    return fdef is not None and (fdef.item_kind or fdef.kind) == "text" and not fdef.sentences


class GridModel(QAbstractTableModel):
    """Segments of one document by locale. Editable only where the signed-in user may translate."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: DocumentView | None = None
        self._rows: list[GridRow] = []
        self._row_of: dict[int, int] = {}  # segment id -> its row: a job's thousands of cells are placed at once
        self._locales: list[str] = []
        self._chosen: list[str] = list(targets_of(SOURCE_DEFAULT))
        self._editable = False
        self._state_words = state_names()

    # --- content ------------------------------------------------------------------------------------------

    def set_document(self, view: DocumentView | None, editable: bool) -> None:
        self.beginResetModel()
        self._view = view
        self._editable = editable
        self._rows = build_rows(view) if view is not None else []
        self._row_of = {view.segments[info.segment_index].id: r for r, info in enumerate(self._rows)
                        if info.kind == "segment"} if view is not None else {}
        self._locales = self._visible_locales()
        self.endResetModel()

    def set_chosen_locales(self, locales: Sequence[str]) -> None:
        """The target columns to show, in the given order (the document's source locale never repeats)."""
        self.beginResetModel()
        self._chosen = list(locales)
        self._locales = self._visible_locales()
        self.endResetModel()

    def _visible_locales(self) -> list[str]:
        source = self._view.row.source_locale if self._view else SOURCE_DEFAULT
        return [loc for loc in self._chosen if loc != source and loc in LOCALES]

    @property
    def view(self) -> DocumentView | None:
        return self._view

    @property
    def locales(self) -> list[str]:
        return list(self._locales)

    def row_info(self, row: int) -> GridRow:
        return self._rows[row]

    def segment(self, row: int) -> SegmentRow | None:
        info = self._rows[row] if 0 <= row < len(self._rows) else None
        if info is None or info.kind != "segment" or self._view is None:
            return None
        return self._view.segments[info.segment_index]

    def locale_of(self, column: int) -> str | None:
        """The locale a column shows: the source locale for the source column, None for the field column."""
        if column == SOURCE_COLUMN and self._view is not None:
            return self._view.row.source_locale
        i = column - FIRST_TARGET_COLUMN
        return self._locales[i] if 0 <= i < len(self._locales) else None

    def column_of(self, locale: str) -> int | None:
        return FIRST_TARGET_COLUMN + self._locales.index(locale) if locale in self._locales else None

    def row_of_segment(self, segment_id: int) -> int | None:
        return self._row_of.get(segment_id)

    def cell(self, row: int, column: int) -> CellRow | None:
        seg = self.segment(row)
        locale = self.locale_of(column)
        if seg is None or locale is None or column < FIRST_TARGET_COLUMN:
            return None
        return seg.cells.get(locale)

    def update_cell(self, segment_id: int, locale: str, cell: CellRow | None) -> None:
        """Swap in the stored state of one cell after a write (None: it is missing again)."""
        if self._view is None:
            return
        segments = list(self._view.segments)
        for i, seg in enumerate(segments):
            if seg.id == segment_id:
                cells = dict(seg.cells)
                if cell is None:
                    cells.pop(locale, None)
                else:
                    cells[locale] = cell
                segments[i] = replace(seg, cells=cells)
                break
        else:
            return
        self._view = replace(self._view, segments=tuple(segments))
        row, column = self.row_of_segment(segment_id), self.column_of(locale)
        if row is not None and column is not None:
            index = self.index(row, column)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, STATE_ROLE, ORIGIN_ROLE,
                                                 VERSION_ROLE, OUTDATED_ROLE, FLAGGED_ROLE,
                                                 MACHINE_ISSUE_ROLE, Qt.ItemDataRole.ToolTipRole])

    # --- Qt model -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_TARGET_COLUMN + len(self._locales)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind == "heading":
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() >= FIRST_TARGET_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._view is None:
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == KIND_ROLE:
            return info.kind
        if info.kind == "heading":
            return info.label if role == Qt.ItemDataRole.DisplayRole and column == FIELD_COLUMN else None
        seg = self._view.segments[info.segment_index]
        if column == FIELD_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return info.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return seg.field_path
            return None
        locale = self.locale_of(column)
        if role == LOCALE_ROLE:
            return locale
        if role == SEGMENT_ID_ROLE:
            return seg.id
        if role == IS_SOURCE_ROLE:
            return column == SOURCE_COLUMN
        if role == SINGLE_LINE_ROLE:
            return info.single_line
        if column == SOURCE_COLUMN:
            return seg.text if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) else None
        cell = seg.cells.get(locale or "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell.text if cell else ""
        if role == STATE_ROLE:
            return cell.state if cell else CellState.MISSING
        if role == ORIGIN_ROLE:
            return cell.origin if cell else ""
        if role == VERSION_ROLE:
            return cell.version if cell else None
        if role == OUTDATED_ROLE:
            return cell.outdated_source if cell else None
        if role == FLAGGED_ROLE:
            return bool(cell and cell.flagged)
        if role == MACHINE_ISSUE_ROLE:
            return cell.machine_issue if cell else None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = cell.state if cell else CellState.MISSING
            tip = f"{language_name(locale or 'en')}: {self._state_words.get(state, state)}"
            if cell is not None and cell.machine_issue:
                tip += "\n" + machine_issue_tip(cell.machine_issue)
            return tip
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                   Qt.ItemDataRole.ToolTipRole):
            return None
        if section == FIELD_COLUMN:
            return self.tr("Field")
        locale = self.locale_of(section)
        if locale is None:
            return None
        name = LOCALES[locale].native_name
        if section == SOURCE_COLUMN:
            return self.tr("{0} (source)").format(name)
        return f"{name} · {locale}" if role == Qt.ItemDataRole.DisplayRole else language_name(locale)
