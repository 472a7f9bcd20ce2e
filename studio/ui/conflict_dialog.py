"""The conflict dialog: a translation changed while the user was editing it; keep theirs, mine, or a merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.content.diff import diff_html, diff_texts
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.ui.dialog_keys import accept_with_keys
from studio.ui.labels import language_name
from studio.ui.segment_editor import shown_text, without_isolates
from studio.workflow.cells import CellConflict


def read_only_box(text: str, locale: str) -> QPlainTextEdit:
    """A text to read in its locale's font and direction, placeholders drawn whole in right-to-left text."""
    box = QPlainTextEdit(shown_text(text, locale).text)
    box.setReadOnly(True)
    apply_locale(box, locale)
    return box


def apply_locale(widget: QTextEdit | QPlainTextEdit, code: str) -> None:
    """Give a text box the locale's font and writing direction (Arabic right to left, right aligned)."""
    locale = LOCALES.get(code)
    if locale is None:
        return
    font = QFont(widget.font())
    font.setFamilies([locale.font_family, *font.families()])
    widget.setFont(font)
    direction = Qt.LayoutDirection.RightToLeft if locale.is_rtl else Qt.LayoutDirection.LeftToRight
    widget.setLayoutDirection(direction)
    option = widget.document().defaultTextOption()
    option.setTextDirection(direction)
    option.setAlignment(Qt.AlignmentFlag.AlignRight if locale.is_rtl else Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    widget.document().setDefaultTextOption(option)


def _isolated(text: str) -> str:
    """`text` between Unicode direction isolates (FSI, PDI)."""
    return f"\u2068{text}\u2069"


class ConflictDialog(QDialog):
    """Shows both versions of a cell that changed while the user edited it, and lets the user choose.

    After `exec()`: `.choice` is "mine", "theirs" or "merged" (None if the dialog was closed), `.text` the text
    to save (None only for "theirs" when they removed the translation), and `expected_version` the version
    to save it against (theirs, which is the cell as stored now).
    """

    def __init__(self, conflict: CellConflict, source_text: str, parent: QWidget | None = None, *,
                 source_locale: str = SOURCE_DEFAULT) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice: str | None = None
        self.text: str | None = None
        self.setWindowTitle(self.tr("Translation changed meanwhile"))
        locale = conflict.locale
        theirs = conflict.theirs.text

        # An Arabic or Hebrew name first in the sentence would turn the whole line right to left: isolated,
        # the name keeps its own direction and the sentence the interface's.
        author = _isolated(conflict.theirs_author) if conflict.theirs_author else self.tr("Someone else")
        self.explanation = QLabel(self.tr("{author} changed this {language} translation while you were editing it.")
                                  .format(author=author, language=language_name(locale)))
        self.explanation.setWordWrap(True)
        bold = QFont(self.explanation.font())
        bold.setBold(True)
        self.explanation.setFont(bold)

        self.source_box = read_only_box(source_text, source_locale)
        self.mine_box = read_only_box(conflict.mine, locale)
        self.theirs_box = read_only_box(theirs if theirs is not None else "", locale)
        if theirs is None:
            self.theirs_box.setPlaceholderText(self.tr("(the translation was removed)"))

        self.diff_box: QTextBrowser | None = None
        if theirs is not None and theirs != conflict.mine:
            self.diff_box = QTextBrowser()
            direction = "rtl" if LOCALES[locale].is_rtl else "ltr"
            # Rich text takes its direction and alignment from the markup, not from the box's text option.
            changes = shown_text(diff_html(diff_texts(theirs, conflict.mine, locale)), locale).text
            self.diff_box.setHtml(f'<p dir="{direction}" align="{"right" if direction == "rtl" else "left"}">'
                                  f"{changes}</p>")
            apply_locale(self.diff_box, locale)

        self.merged_box = QPlainTextEdit(shown_text(conflict.mine, locale).text)
        apply_locale(self.merged_box, locale)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Source")), 0, 0, 1, 2)
        grid.addWidget(self.source_box, 1, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Yours")), 2, 0)
        theirs_label = (self.tr("Theirs ({author})").format(author=_isolated(conflict.theirs_author))
                        if conflict.theirs_author else self.tr("Theirs"))
        grid.addWidget(QLabel(theirs_label), 2, 1)
        grid.addWidget(self.mine_box, 3, 0)
        grid.addWidget(self.theirs_box, 3, 1)
        row = 4
        if self.diff_box is not None:
            grid.addWidget(QLabel(self.tr("Difference (struck out: only in theirs; underlined: only in yours)")),
                           row, 0, 1, 2)
            grid.addWidget(self.diff_box, row + 1, 0, 1, 2)
            row += 2
        grid.addWidget(QLabel(self.tr("Merged (edit freely)")), row, 0, 1, 2)
        grid.addWidget(self.merged_box, row + 1, 0, 1, 2)

        self.buttons = QDialogButtonBox()
        self.mine_button = self._button(self.tr("Keep mine"), "mine")
        self.theirs_button = self._button(self.tr("Take theirs"), "theirs")
        self.merged_button = self._button(self.tr("Use merged"), "merged")
        self.mine_button.setToolTip(self.tr("Save your text over theirs"))
        self.theirs_button.setToolTip(self.tr("Drop your text and keep theirs as it is"))
        self.merged_button.setToolTip(self.tr("Save the text of the Merged box"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        # The merged box has the focus: Ctrl+Enter saves what it holds, as Ctrl+Enter confirms in the grid.
        accept_with_keys(self, self.merged_button)
        self.merged_box.moveCursor(QTextCursor.MoveOperation.End)
        self.merged_box.setFocus()

    @property
    def expected_version(self) -> int | None:
        """The version of the cell as stored now: the one to name when saving the chosen text."""
        return self.conflict.theirs_version

    def _button(self, label: str, choice: str) -> QPushButton:
        button = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter types a new line in the merged box; no button should fire by accident.
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == "mine":
            self.text = self.conflict.mine
        elif choice == "theirs":
            self.text = self.conflict.theirs.text
        else:
            self.text = without_isolates(self.merged_box.toPlainText())
        self.accept()
