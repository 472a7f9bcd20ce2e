"""The main window: the content tree on the left, the selected document's summary on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTreeView, QVBoxLayout, QWidget

from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, ContentTreeModel
from studio.workspace import Workspace


class MainWindow(QMainWindow):
    """Opens on a workspace and shows its content tree. The translation grid arrives with the editor."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(self.tr("Studio — {0}").format(workspace.location))
        self.tree_model = ContentTreeModel(parent=self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._show_document)
        self.details = QLabel()
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.details)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 900])
        self.setCentralWidget(splitter)
        self.reload()

    def reload(self) -> None:
        documents = self.workspace.documents()
        self.tree_model.set_content(self.workspace.sections(), documents)
        self.tree.expandToDepth(0)
        user = self.workspace.actor
        who = f"{user.name} ({', '.join(sorted(user.roles))})" if user else self.tr("not signed in")
        self.statusBar().showMessage(self.tr("{0} · {1}").format(who, self.workspace.location))
        self.details.setText(self.tr("Choose a document in the tree.") if documents else
                             self.tr("This workspace has no documents yet: import some with 'studio import'."))

    def _show_document(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = current.data(DOCUMENT_ID_ROLE)
        if not doc_id:
            return
        view = self.workspace.document(doc_id)
        r = view.row
        done: dict[str, int] = {}
        for seg in view.segments:
            for loc, cell in seg.cells.items():
                if cell.state == "approved":
                    done[loc] = done.get(loc, 0) + 1
        total = len(view.segments) or 1
        progress = " · ".join(f"{loc} {100 * n // total}%" for loc, n in sorted(done.items())) or "—"
        self.details.setText(
            f"<h2>{_escape(r.title)}</h2><p>{r.type} · {r.section} · {r.slug} · {r.source_locale}</p>"
            f"<p>{len(view.segments)} segments · approved: {progress}</p>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
