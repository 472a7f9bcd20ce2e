"""Language-neutral facts of a document (links, phone numbers, amounts, dates, places, references): shown once
for all languages, edited by editors, saved through `edit_source` like any source change."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studio.content.field_kinds import FIELD_KINDS, LIST
from studio.content.queries import DocumentView
from studio.content.types import get_content_type
from studio.errors import StudioError
from studio.permissions import refusal
from studio.ui.inline_error import error_label, show_error
from studio.ui.labels import data_label
from studio.workspace import Workspace

NEUTRAL_KINDS = frozenset(kind.name for kind in FIELD_KINDS.values() if kind.neutral)


@dataclass(frozen=True)
class Fact:
    """Where a fact lives in the source values: field, list item and sub-field."""

    label: str
    field: str
    kind: str
    item: int | None = None
    sub: str | None = None


def facts_of(view: DocumentView) -> list[Fact]:
    facts: list[Fact] = []
    for fdef in get_content_type(view.row.type).fields:
        if fdef.kind in NEUTRAL_KINDS:
            facts.append(Fact(data_label(fdef.label), fdef.name, fdef.kind))
        elif fdef.kind == LIST and fdef.item_kind in NEUTRAL_KINDS:
            facts.append(Fact(data_label(fdef.label), fdef.name, f"list:{fdef.item_kind}"))
        elif fdef.kind == LIST:
            for i, _ in enumerate(view.fields.get(fdef.name) or []):
                facts.extend(Fact(f"{data_label(fdef.label)} {i + 1} · {data_label(sub.label)}", fdef.name, sub.kind, i,
                                  sub.name)
                             for sub in fdef.items if sub.kind in NEUTRAL_KINDS)
    return facts


def fact_text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return f"{value.get('amount', '')} {value.get('currency', 'CNY')}".strip()
    if kind.startswith("list:"):
        return ", ".join(str(v) for v in value)
    return str(value)


def parse_fact(text: str, kind: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind == "money":
        amount, _, currency = text.partition(" ")
        return {"amount": amount, "currency": currency.strip() or "CNY"}
    if kind.startswith("list:"):
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def _value(fields: dict[str, Any], fact: Fact) -> Any:
    value = fields.get(fact.field)
    if fact.item is not None:
        value = (value or [])[fact.item].get(fact.sub or "")
    return value


class FactsPanel(QGroupBox):
    """The facts of the open document, in a compact two-column form."""

    saved = Signal(str)  # a summary of the change

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Facts (the same in every language)"))
        # Collapsed by default: the grid is what an editor works in; the title says how many facts there are.
        self.setCheckable(True)
        self.setChecked(False)
        self.toggled.connect(self._show_contents)
        self.ws = ws
        self._view: DocumentView | None = None
        self._edits: list[tuple[Fact, QLineEdit]] = []
        self._grid = QGridLayout()
        self.error = error_label()
        self.save_button = QPushButton(self.tr("Save facts"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save_button)
        outer = QGridLayout(self)
        outer.addLayout(self._grid, 0, 0)
        outer.addLayout(buttons, 1, 0)

    def set_document(self, view: DocumentView | None) -> None:
        self._view = view
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._edits = []
        show_error(self.error, "")
        facts = facts_of(view) if view is not None else []
        self.setVisible(bool(facts))
        why_not = refusal(self.ws.actor, "edit_source")
        for i, fact in enumerate(facts):
            assert view is not None
            edit = QLineEdit(fact_text(_value(dict(view.fields), fact), fact.kind))
            edit.setReadOnly(why_not is not None)
            edit.setToolTip(why_not or fact.kind)
            edit.textEdited.connect(self._changed)
            row, column = divmod(i, 3)
            self._grid.addWidget(QLabel(fact.label), row, column * 2)
            self._grid.addWidget(edit, row, column * 2 + 1)
            self._edits.append((fact, edit))
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(why_not or "")
        self.setTitle(self.tr("Facts: %n value(s), the same in every language", "", len(facts)))
        self._show_contents(self.isChecked())

    def _show_contents(self, shown: bool) -> None:
        for i in range(self._grid.count()):
            item = self._grid.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(shown)
        self.save_button.setVisible(shown)
        self.error.setVisible(shown and bool(self.error.text()))

    def _changed(self) -> None:
        self.save_button.setEnabled(refusal(self.ws.actor, "edit_source") is None)

    def values(self) -> dict[str, Any]:
        """The top-level fields whose facts changed, with the new values in place."""
        assert self._view is not None
        fields = copy.deepcopy(dict(self._view.fields))
        changed: set[str] = set()
        for fact, edit in self._edits:
            new = parse_fact(edit.text(), fact.kind)
            if new == _value(fields, fact) or (new is None and _value(fields, fact) in (None, "", [])):
                continue
            changed.add(fact.field)
            if fact.item is None:
                fields[fact.field] = new
            else:
                record = fields[fact.field][fact.item]
                if new is None:
                    record.pop(fact.sub, None)
                else:
                    record[fact.sub] = new
        return {name: fields.get(name) for name in changed}

    def save(self) -> bool:
        if self._view is None:
            return False
        values = self.values()
        if not values:
            return True
        try:
            changes = self.ws.edit_source(self._view.row.id, values, expected_version=self._view.row.version)
        except StudioError as exc:
            show_error(self.error, str(exc))
            return False
        show_error(self.error, "")
        self.saved.emit(self.tr("Facts saved: {0}").format(changes.summary))
        return True

