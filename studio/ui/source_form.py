"""Source editing: a form generated from a document's content type, and the dialog that saves it.

The form only shapes values into the JSON the content type describes (docs/document-format.md) and shows
lengths as the user types; the workspace is the one judge of validity, so a refusal comes back from it as a
message naming the field, shown in the dialog while everything typed stays in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.content.field_kinds import FIELD_KINDS, LIST, PLACEHOLDER_CONTEXT
from studio.content.queries import DocumentView
from studio.content.rich_text import sanitize
from studio.content.types import ContentType, FieldDef, get_content_type
from studio.errors import ConflictError, StudioError, ValidationError
from studio.locales import SOURCE_DEFAULT, Locale, get_locale
from studio.ui.conflict_dialog import apply_locale
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.inline_error import error_color, error_label, show_error
from studio.ui.labels import data_label
from studio.ui.segment_editor import chip_format
from studio.workspace import Workspace

_CONTEXT = "SourceForm"
_FIELD_PATH = re.compile(r"(\w+)(.*)")
_ITEM_PATH = re.compile(r"\[(\d+)\](?:\.(.+))?")
_TAG = re.compile(r"<[^<>\n]{1,400}>")  # one line of a bounded field: linear



def field_label(fdef: FieldDef) -> str:
    """The label of a field in the interface language."""
    return data_label(fdef.label)


def list_heading(fdef: FieldDef) -> str:
    """A list's heading from its name ("required_documents": "Required documents"); its label names one item."""
    return data_label(fdef.name.replace("_", " ").capitalize())


def _placeholder(fdef: FieldDef, kind: str) -> str:
    """The hint of a value's form in the interface language, from the field-kind registry."""
    hint = FIELD_KINDS[kind].placeholder
    if not hint:
        return ""
    return QCoreApplication.translate(PLACEHOLDER_CONTEXT, hint).format(type=fdef.ref_type or "any")


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- editors for one value ------------------------------------------------------------------------------------

class LengthCounter(QLabel):
    """Shows "37 / 120" against a field's maximum, in red once the text is longer."""

    def __init__(self, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.over = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._normal = self.palette()
        self.show_length(0)

    def show_length(self, length: int) -> None:
        self.setText(f"{length} / {self.max_length}")
        self.over = length > self.max_length
        palette = QPalette(self._normal)
        if self.over:
            palette.setColor(QPalette.ColorRole.WindowText, error_color(self))
            self.setToolTip(self.tr("%n character(s) over the maximum", "", length - self.max_length))
        else:
            self.setToolTip("")
        self.setPalette(palette)


class ValueEditor(QWidget):
    """Edits one value of a field; `edited` fires on every change the user makes."""

    edited = Signal()

    counter: LengthCounter | None = None

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_locale(self, locale: Locale) -> None:
        """Language-neutral values (URLs, numbers) keep their left-to-right direction."""

    def focus_path(self, rest: str) -> bool:
        """Focus the value at `rest` of a field path ("" for this one, "[2].title" inside a list)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return not rest


class MarkupHighlighter(QSyntaxHighlighter):
    """Draws the tags of rich text as chips, as the grid draws placeholders, so the words stand out."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.chip = chip_format(palette)

    def highlightBlock(self, text: str) -> None:
        for m in _TAG.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.chip)


class TextEditor(ValueEditor):
    """Plain or rich text in the document's source language: one line for titles and names, a box otherwise."""

    def __init__(self, fdef: FieldDef, kind: str, single_line: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        single_line = single_line or (kind == "text" and not fdef.sentences)
        self.input: QLineEdit | QPlainTextEdit
        if single_line:
            self.input = QLineEdit()
            self.input.textChanged.connect(self._changed)
        else:
            self.input = QPlainTextEdit()
            self.input.setTabChangesFocus(True)
            long_text = kind == "rich_text" or (fdef.max_length or 0) > 600
            _fit_lines(self.input, 6 if long_text else 3)
            self.input.textChanged.connect(self._changed)
        self.counter = LengthCounter(fdef.max_length) if fdef.max_length else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        self.preview: QTextBrowser | None = None
        if kind == "rich_text" and isinstance(self.input, QPlainTextEdit):
            self._show_as_rich_text(self.input, layout)
        self.setFocusProxy(self.input)

    def _show_as_rich_text(self, box: QPlainTextEdit, layout: QVBoxLayout) -> None:
        # The editor writes the markup itself (links with their address, headings, lists), so the exact HTML
        # stays in the box and is saved as typed, attributes and all; its tags are drawn as the grid draws
        # placeholders, so the words stand out, and below it the text is shown formatted, as the portal shows it.
        box.setToolTip(self.tr("HTML: p, h2–h4, ul, ol, li, a, strong, em, code, br. "
                               "Below: the text as the portal shows it."))
        self._markup = MarkupHighlighter(box.document(), box.palette())
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.preview.setAccessibleName(self.tr("Formatted text"))
        self.preview.setFixedHeight(box.height() * 2 // 3)
        palette = self.preview.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))  # not an input
        self.preview.setPalette(palette)
        layout.addWidget(self.preview)
        box.textChanged.connect(self._show_preview)

    def text(self) -> str:
        return self.input.text() if isinstance(self.input, QLineEdit) else self.input.toPlainText()

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.input, QLineEdit):
            self.input.setText(text)
            self.input.setCursorPosition(0)
        else:
            self.input.setPlainText(text)

    def set_locale(self, locale: Locale) -> None:
        direction = Qt.LayoutDirection.RightToLeft if locale.is_rtl else Qt.LayoutDirection.LeftToRight
        self.input.setLayoutDirection(direction)
        font = QFont(self.input.font())
        font.setFamilies([locale.font_family])
        self.input.setFont(font)
        if isinstance(self.input, QPlainTextEdit):
            option = self.input.document().defaultTextOption()
            option.setTextDirection(direction)
            self.input.document().setDefaultTextOption(option)
        if self.preview is not None:
            apply_locale(self.preview, locale.code)

    def _show_preview(self) -> None:
        if self.preview is not None:
            self.preview.setHtml(sanitize(self.text()))  # what the portal would show: nothing else is run
            self.preview.setVisible(bool(self.value()))  # an empty box under an empty field says nothing

    def _changed(self, *_args: object) -> None:
        if self.counter is not None:
            self.counter.show_length(len(self.value()))
        self.edited.emit()


class LineEditor(ValueEditor):
    """A language-neutral value on one line (URL, phone, date, coordinates, a slug), with a hint of its form."""

    def __init__(self, fdef: FieldDef, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = QLineEdit()
        self.input.setPlaceholderText(_placeholder(fdef, kind))
        self.input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.input.textChanged.connect(self.edited)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        self.setFocusProxy(self.input)

    def value(self) -> str:
        return self.input.text().strip()

    def set_value(self, value: Any) -> None:
        self.input.setText("" if value is None else str(value))
        self.input.setCursorPosition(0)


class MoneyEditor(ValueEditor):
    """An amount and its three-letter currency (CNY unless changed); no amount means no value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("amount, e.g. 200.00"))
        self.currency = QLineEdit("CNY")
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(self.currency.fontMetrics().horizontalAdvance("WWWW") + 16)
        self.currency.setToolTip(self.tr("Three-letter currency code"))
        for edit in (self.amount, self.currency):
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.textChanged.connect(self.edited)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.currency)
        self.setFocusProxy(self.amount)

    def value(self) -> dict[str, str] | None:
        amount = self.amount.text().strip()
        if not amount:
            return None
        return {"amount": amount, "currency": self.currency.text().strip().upper() or "CNY"}

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, Mapping) else {}
        self.amount.setText(str(value.get("amount", "")))
        self.currency.setText(str(value.get("currency", "CNY")))


# The editor of each field kind (studio/content/field_kinds.py), given the field, the kind and whether the value
# is an item of a list of scalars; a test holds this to the registry.
EDITORS: Mapping[str, Callable[[FieldDef, str, bool], ValueEditor]] = {
    "text": lambda fdef, kind, item: TextEditor(fdef, kind, single_line=item),
    "rich_text": lambda fdef, kind, item: TextEditor(fdef, kind),
    "url": lambda fdef, kind, item: LineEditor(fdef, kind),
    "phone": lambda fdef, kind, item: LineEditor(fdef, kind),
    "date": lambda fdef, kind, item: LineEditor(fdef, kind),
    "money": lambda fdef, kind, item: MoneyEditor(),
    "reference": lambda fdef, kind, item: LineEditor(fdef, kind),
    "geo": lambda fdef, kind, item: LineEditor(fdef, kind),
}


def make_editor(fdef: FieldDef, item_kind: str | None = None) -> ValueEditor:
    """The editor for one value of `fdef`; for an item of a list of scalars, `item_kind` is its kind and plain
    text takes one line, as lists of short texts (legal bases, booking steps) read best one per line."""
    kind = item_kind or fdef.kind
    if kind == LIST:
        return RecordListEditor(fdef)
    return EDITORS[kind](fdef, kind, item_kind is not None)


def _fit_lines(edit: QPlainTextEdit, lines: int) -> None:
    margins = int(edit.document().documentMargin() * 2) + edit.frameWidth() * 2 + 4
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + margins)


class FieldBlock(QWidget):
    """A field's label (required ones marked) with its length counter on the same line, and its editor below."""

    def __init__(self, fdef: FieldDef, editor: ValueEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        self.editor = editor
        text = list_heading(fdef) if fdef.kind == "list" else field_label(fdef)
        self.label = QLabel(self.tr("{0} *").format(text) if fdef.required else text)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        if fdef.required:
            self.label.setToolTip(self.tr("Required"))
        self.label.setBuddy(editor)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.label)
        head.addStretch(1)
        if editor.counter is not None:
            head.addWidget(editor.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(editor)


# --- lists ----------------------------------------------------------------------------------------------------

class ListItem(QFrame):
    """One item of a list with its Add (after this), Remove, Move up and Move down buttons."""

    add_clicked = Signal(object)
    remove_clicked = Signal(object)
    move_clicked = Signal(object, int)
    edited = Signal()

    def _make_buttons(self) -> QHBoxLayout:
        self.add_button = self._button(self.tr("Add"), self.tr("Add a new item after this one"),
                                       lambda: self.add_clicked.emit(self))
        self.remove_button = self._button(self.tr("Remove"), self.tr("Remove this item"),
                                          lambda: self.remove_clicked.emit(self))
        self.up_button = self._button(self.tr("Move up"), self.tr("Move this item up"),
                                      lambda: self.move_clicked.emit(self, -1))
        self.down_button = self._button(self.tr("Move down"), self.tr("Move this item down"),
                                        lambda: self.move_clicked.emit(self, 1))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        return row

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    def place(self, number: int, count: int) -> None:
        """Show this item's 1-based position and enable only the moves that are possible."""
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_locale(self, locale: Locale) -> None:
        raise NotImplementedError

    def focus_path(self, rest: str) -> bool:
        raise NotImplementedError


class RecordItem(ListItem):
    """One record of a list ("Step 3"): a group box of its sub-fields."""

    def __init__(self, fdef: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        self.box = QGroupBox()
        self.editors: dict[str, ValueEditor] = {}
        inner = QVBoxLayout(self.box)
        for sub in fdef.items:
            editor = make_editor(sub)
            editor.edited.connect(self.edited)
            self.editors[sub.name] = editor
            inner.addWidget(FieldBlock(sub, editor))
        buttons = self._make_buttons()
        buttons.addStretch(1)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

    def place(self, number: int, count: int) -> None:
        super().place(number, count)
        self.box.setTitle(self.tr("{label} {number}").format(label=field_label(self.fdef), number=number))

    def title(self) -> str:
        return self.box.title()

    def value(self) -> dict[str, Any]:
        values = {name: editor.value() for name, editor in self.editors.items()}
        return {name: v for name, v in values.items() if not _is_empty(v)}

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, Mapping) else {}
        for name, editor in self.editors.items():
            editor.set_value(value.get(name))

    def set_locale(self, locale: Locale) -> None:
        for editor in self.editors.values():
            editor.set_locale(locale)

    def focus_path(self, rest: str) -> bool:
        if not rest:
            return next(iter(self.editors.values())).focus_path("")
        name, _, deeper = rest.partition(".")
        editor = self.editors.get(name)
        return editor.focus_path(deeper) if editor is not None else False


class ScalarItem(ListItem):
    """One value of a list of scalars (an office slug, a legal basis): one line with its number and buttons."""

    def __init__(self, fdef: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        self.number = QLabel()
        self.editor = make_editor(fdef, fdef.item_kind)
        self.editor.edited.connect(self.edited)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number)
        layout.addWidget(self.editor, 1)
        if self.editor.counter is not None:
            layout.addWidget(self.editor.counter)
        layout.addLayout(self._make_buttons())

    def place(self, number: int, count: int) -> None:
        super().place(number, count)
        self.number.setText(self.tr("{0}.").format(number))

    def title(self) -> str:
        return self.tr("{label} {number}").format(label=field_label(self.fdef), number=self.number.text()[:-1])

    def value(self) -> Any:
        return self.editor.value()

    def set_value(self, value: Any) -> None:
        self.editor.set_value(value)

    def set_locale(self, locale: Locale) -> None:
        self.editor.set_locale(locale)

    def focus_path(self, rest: str) -> bool:
        return self.editor.focus_path(rest)


class RecordListEditor(ValueEditor):
    """A list field: records (steps, required documents, fees) or scalars (offices, legal bases), each item
    with buttons to add another after it, remove it or move it; an "Add" button at the end too.

    Items left entirely empty are not part of the value, so an added and untouched step changes nothing.
    """

    def __init__(self, fdef: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        self.items: list[ListItem] = []
        self._locale: Locale | None = None
        self._items_layout = QVBoxLayout()
        self._items_layout.setContentsMargins(0, 0, 0, 0)
        self.append_button = QPushButton(self.tr("Add {0}").format(field_label(fdef).lower()))
        self.append_button.clicked.connect(lambda: self.insert_item(len(self.items)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._items_layout)
        layout.addWidget(self.append_button, 0, Qt.AlignmentFlag.AlignLeft)

    def value(self) -> list[Any]:
        return [v for v in (item.value() for item in self.items) if not _is_empty(v)]

    def set_value(self, value: Any) -> None:
        for item in self.items:
            self._items_layout.removeWidget(item)
            item.deleteLater()
        self.items = []
        for entry in value if isinstance(value, list) else []:
            self._insert(len(self.items), entry)
        self._renumber()

    def insert_item(self, index: int, value: Any = None) -> ListItem:
        """A new item at `index`, focused so the user can type into it at once."""
        item = self._insert(index, value)
        self._renumber()
        item.focus_path("")
        self.edited.emit()
        return item

    def remove_item(self, item: ListItem) -> None:
        index = self.items.index(item)
        self.items.pop(index)
        self._items_layout.removeWidget(item)
        item.deleteLater()
        self._renumber()
        if self.items:
            self.items[min(index, len(self.items) - 1)].focus_path("")
        else:
            self.append_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def move_item(self, item: ListItem, delta: int) -> None:
        index = self.items.index(item)
        target = index + delta
        if not 0 <= target < len(self.items):
            return
        self.items.insert(target, self.items.pop(index))
        self._items_layout.removeWidget(item)
        self._items_layout.insertWidget(target, item)
        self._renumber()
        # The clicked button may have just been disabled (top or bottom reached); keep the keyboard on the item.
        button = item.up_button if delta < 0 else item.down_button
        (button if button.isEnabled() else item.add_button).setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def set_locale(self, locale: Locale) -> None:
        self._locale = locale
        for item in self.items:
            item.set_locale(locale)

    def focus_path(self, rest: str) -> bool:
        m = _ITEM_PATH.fullmatch(rest)
        if m is None or int(m.group(1)) >= len(self.items):
            if self.items:
                self.items[0].focus_path("")
            else:
                self.append_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return not rest
        return self.items[int(m.group(1))].focus_path(m.group(2) or "")

    def _insert(self, index: int, value: Any) -> ListItem:
        item: ListItem = ScalarItem(self.fdef) if self.fdef.item_kind else RecordItem(self.fdef)
        if self._locale is not None:
            item.set_locale(self._locale)
        if value is not None:
            item.set_value(value)
        item.edited.connect(self.edited)
        item.add_clicked.connect(lambda it: self.insert_item(self.items.index(it) + 1))
        item.remove_clicked.connect(self.remove_item)
        item.move_clicked.connect(self.move_item)
        self.items.insert(index, item)
        self._items_layout.insertWidget(index, item)
        return item

    def _renumber(self) -> None:
        for number, item in enumerate(self.items, 1):
            item.place(number, len(self.items))


# --- the form -------------------------------------------------------------------------------------------------

class SourceForm(QWidget):
    """Every field of a content type in order, scrollable, editing a document's source values.

    `values()` is the JSON the content type expects, empty values left out. `changed_values()` is what to hand
    to `Workspace.edit_source`, which merges: fields changed since `load`, with None for the ones cleared.
    """

    modified_changed = Signal(bool)

    def __init__(self, content_type: ContentType | str, source_locale: str = SOURCE_DEFAULT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content_type = get_content_type(content_type) if isinstance(content_type, str) else content_type
        self.editors: dict[str, ValueEditor] = {}
        self.blocks: dict[str, FieldBlock] = {}
        self._baseline: dict[str, Any] = {}
        self._modified = False

        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(10)
        for fdef in self.content_type.fields:
            editor = make_editor(fdef)
            editor.edited.connect(self._edited)
            self.editors[fdef.name] = editor
            self.blocks[fdef.name] = FieldBlock(fdef, editor)
            column.addWidget(self.blocks[fdef.name])
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.set_source_locale(source_locale)

    def load(self, view: DocumentView) -> None:
        """Show a document's source values; they become the unmodified state."""
        self.set_source_locale(view.row.source_locale)
        self.set_values(view.fields)

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show `values` as the unmodified state (an empty mapping for a new document)."""
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            try:
                editor.set_value(values.get(name))
            finally:
                editor.blockSignals(False)
        self._baseline = self.values()
        self._set_modified(False)

    def set_source_locale(self, code: str) -> None:
        """Write the texts in this language's direction and font."""
        self.source_locale = get_locale(code)
        for editor in self.editors.values():
            editor.set_locale(self.source_locale)

    def values(self) -> dict[str, Any]:
        values = {name: editor.value() for name, editor in self.editors.items()}
        return {name: v for name, v in values.items() if not _is_empty(v)}

    def changed_values(self) -> dict[str, Any]:
        now = self.values()
        return {name: now.get(name) for name in self.editors if now.get(name) != self._baseline.get(name)}

    def is_modified(self) -> bool:
        return self._modified

    def editor(self, name: str) -> ValueEditor:
        return self.editors[name]

    def focus_field(self, path: str) -> bool:
        """Put the cursor in the editor of a field path ("steps[2].title"); False if unknown."""
        m = _FIELD_PATH.fullmatch(path)
        editor = self.editors.get(m.group(1)) if m else None
        if m is None or editor is None:
            return False
        found = editor.focus_path(m.group(2))
        focused = self.focusWidget()
        self.scroll_area.ensureWidgetVisible(focused if focused is not None and self.isAncestorOf(focused) else editor)
        return found

    def _edited(self) -> None:
        self._set_modified(self.values() != self._baseline)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)


def field_path_of(exc: StudioError) -> str:
    """The field path a workspace refusal is about ("steps[2].title"), or "" when it is about no one field."""
    return (exc.field or "") if isinstance(exc, ValidationError) else ""


def ask_discard(parent: QWidget, title: str) -> bool:
    """Whether the user agrees to lose what they typed."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("SourceForm", "Discard changes"),
        QCoreApplication.translate("SourceForm", "Discard your changes to “{0}”?").format(title),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


# --- the dialog -----------------------------------------------------------------------------------------------

class SourceEditorDialog(QDialog):
    """Edits one document's source and saves it with the version it was opened at.

    After Save succeeded the dialog is accepted and `changes` (the workspace's `Changes`) and `summary` (one
    line for a status bar) are set. A refusal (invalid field, someone else's newer version, a document deleted
    meanwhile, a missing role) is shown in the dialog, which stays open with everything typed.
    """

    def __init__(self, workspace: Workspace, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.changes: Changes | None = None
        self.summary = ""
        ctype = get_content_type(view.row.type)
        self.setWindowTitle(self.tr("Edit source — {0}").format(view.row.title))

        locale = get_locale(view.row.source_locale)
        self.header = QLabel(self.tr("{type} · {slug} · written in {language} · version {version}").format(
            type=data_label(ctype.label), slug=view.row.slug,
            language=locale.native_name, version=view.row.version))
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        legend = QLabel(self.tr("* required"))
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        head.addWidget(legend)

        self.form = SourceForm(ctype, view.row.source_locale)
        self.form.load(view)
        self.form.focus_field(get_content_type(view.row.type).fields[0].name)  # type at once
        self.error = error_label()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.modified_changed.connect(self.save_button.setEnabled)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        accept_with_keys(self, self.save_button, save=True)
        self.save_button.setToolTip(self.tr("Ctrl+S or Ctrl+Enter"))
        self.resize(760, 760)

    def save(self) -> None:
        if not self.form.is_modified():
            self.changes, self.summary = Changes(), self.tr("No changes to {0}").format(self.view.row.slug)
            self.accept()
            return
        try:
            changes = self.workspace.edit_source(self.view.row.id, self.form.changed_values(),
                                                 expected_version=self.view.row.version)
        except StudioError as exc:
            self._refused(exc)
            return
        self.changes = changes
        self.summary = self.tr("Saved {0}: {1}").format(self.view.row.slug, changes.summary)
        self.form.set_values(self.form.values())
        self.accept()

    def reject(self) -> None:
        if self.form.is_modified() and not ask_discard(self, self.view.row.title):
            return
        super().reject()

    def _refused(self, exc: StudioError) -> None:
        message = str(exc)
        if isinstance(exc, ConflictError):
            message += "\n" + self.tr("What you typed is still here: copy what you need, cancel, and open the "
                                      "document again to see the other change.")
        show_error(self.error, message)
        self.form.focus_field(field_path_of(exc))
