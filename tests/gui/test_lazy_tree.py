"""The content tree starts lazily: sections and counted types at once, a type's documents when it is expanded,
only the documents found when searching; what the user sees is the tree it always was."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from studio.content.importers import ImportOptions
from studio.content.search import DocumentFilter
from studio.jobs import run_job
from studio.ui.content_pane import WorkspaceDocuments
from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, PROGRESS_COLUMN, PROGRESS_ROLE, ContentTreeModel
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from tests.gui.interface_language import english  # noqa: F401  (a fixture)
from tests.helpers import guide, office, segment_id, write_json

pytestmark = pytest.mark.usefixtures("english")

READS = ("documents", "document_progress", "document_titles")


@pytest.fixture
def corpus(sqlite_workspace, tmp_path):
    """Three guides in Work, one in Live, and the Dongcheng office (Live); a French title confirmed."""
    docs = [office(), guide(), guide("work-visa"), guide("residence-permit"), guide("visa-extension", section="live")]
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    sqlite_workspace.save_cell(segment_id(sqlite_workspace, "title"), "fr", "Permis de travail", None, confirm=True)
    return sqlite_workspace


Reads = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def reads(corpus, monkeypatch) -> Reads:
    """Every call of the workspace's document reads from here on, with its arguments by name."""
    calls: Reads = []
    for name in READS:
        real = getattr(corpus, name)

        def spy(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> Any:
            calls.append((_name, dict(inspect.signature(_real).bind(*args, **kwargs).arguments)))
            return _real(*args, **kwargs)
        monkeypatch.setattr(corpus, name, spy)
    return calls


@pytest.fixture
def window(qtbot, corpus, reads, tmp_path):
    w = MainWindow(corpus, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    return w


def ids_read(calls: Reads, name: str) -> list[set[str] | None]:
    """The ids each call of `name` asked for; None for a call that named none."""
    return [None if arguments.get("ids") is None else set(arguments["ids"])
            for called, arguments in calls if called == name]


def type_index(window, section: str, label: str) -> QModelIndex:
    model = window.content.tree_model
    sections = {model.index(r, 0).data(): model.index(r, 0) for r in range(model.rowCount())}
    types = {model.index(r, 0, sections[section]).data(): model.index(r, 0, sections[section])
             for r in range(model.rowCount(sections[section]))}
    return types[label]


def shown(window, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    """Slugs of the documents the tree holds under `parent`, in tree order."""
    return [window.workspace.document(i.data(DOCUMENT_ID_ROLE)).row.slug for i in window.content._documents(parent)]


def test_at_start_the_tree_shows_sections_and_counted_types_and_reads_no_document(window, reads):
    model = window.content.tree_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        ["Invest", "Work", "Study", "Live", "Visit", "Shop"]
    work_guides = type_index(window, "Work", "Procedure guide (3)")
    assert type_index(window, "Live", "Office (1)").isValid()
    assert type_index(window, "Live", "Procedure guide (1)").isValid()
    assert model.hasChildren(work_guides) and model.rowCount(work_guides) == 0  # an arrow, nothing read
    assert shown(window) == []
    assert reads == []
    assert window.content.count.text() == "5 of 5 documents"


def test_expanding_a_type_with_the_keyboard_reads_its_documents_with_their_progress(qtbot, window, corpus, reads):
    window.show()
    qtbot.waitExposed(window)
    work_guides = type_index(window, "Work", "Procedure guide (3)")
    window.content.tree.setCurrentIndex(work_guides)
    qtbot.keyClick(window.content.tree, Qt.Key.Key_Right)
    assert window.content.tree.isExpanded(work_guides)
    assert shown(window, work_guides) == ["work-permit", "work-visa", "residence-permit"]
    permit = window.content.tree_model.document_index(corpus.document("work-permit").row.id)
    counts = permit.siblingAtColumn(PROGRESS_COLUMN).data(PROGRESS_ROLE)
    assert counts["fr"]["translated"] == 1 and counts["fr"]["missing"] == len(corpus.document("work-permit").segments) - 1
    assert "zh-Hans" not in counts
    branch = {corpus.document(slug).row.id for slug in ("work-permit", "work-visa", "residence-permit")}
    assert ids_read(reads, "document_progress") == [branch]  # those three only, once
    assert ids_read(reads, "document_titles") == [branch]
    assert window.content.tree_model.rowCount(type_index(window, "Live", "Office (1)")) == 0  # not expanded


def test_a_search_reads_only_the_documents_it_finds_and_shows_them_as_before(qtbot, window, corpus, reads):
    window.content.search.setText("安定门")  # only in the office's address
    window.content.apply_filter()
    office_id = corpus.document("dongcheng-hall").row.id
    assert shown(window) == ["dongcheng-hall"]
    assert window.content.count.text() == "1 of 5 documents"
    assert ids_read(reads, "documents") == [{office_id}]
    assert ids_read(reads, "document_progress") == [{office_id}]
    window.content.search.setText("")
    window.content.apply_filter()
    assert shown(window) == []  # the outline again, nothing read
    assert window.content.count.text() == "5 of 5 documents"


def test_the_search_results_are_the_documents_the_workspace_finds(window, corpus):
    for text in ("外国人", "dongcheng-hall", "证"):
        window.content.search.setText(text)
        window.content.apply_filter()
        found = {corpus.document(i).row.slug for i in corpus.find_documents(DocumentFilter(text=text))}
        assert sorted(shown(window)) == sorted(found)


def test_selecting_a_document_by_id_reads_the_branch_it_is_in(window, corpus):
    assert window.content.select_document(corpus.document("visa-extension").row.id)
    assert window.content.current_document() == corpus.document("visa-extension").row.id
    assert window.editor.view is not None and window.editor.view.row.slug == "visa-extension"
    assert shown(window) == ["visa-extension"]  # the office's type is not read for it
    assert not window.content.select_document("no-such-document")


def test_the_last_document_opens_again_at_start_from_a_lazy_tree(qtbot, corpus, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    first = MainWindow(corpus, settings)
    qtbot.addWidget(first)
    first.content.select_document(corpus.document("residence-permit").row.id)
    again = MainWindow(corpus, settings)
    qtbot.addWidget(again)
    assert again.content.current_document() == corpus.document("residence-permit").row.id
    assert again.editor.view is not None and again.editor.view.row.slug == "residence-permit"


def test_a_dashboard_click_shows_the_section_and_the_documents_asked_for(window, corpus):
    window.content.set_filter("work", "fr", "translated")
    assert shown(window) == ["work-permit"]
    assert window.content.tree.isExpanded(type_index(window, "Work", "Procedure guide (1)"))
    assert window.content.count.text() == "1 of 5 documents"


def test_enter_in_an_empty_search_box_opens_the_trees_first_document(qtbot, window, corpus):
    qtbot.keyClick(window.content.search, Qt.Key.Key_Return)
    assert window.editor.view is not None and window.editor.view.row.slug == "work-permit"  # Work's first guide
    assert window.content.tree.isExpanded(type_index(window, "Work", "Procedure guide (3)"))


def test_down_in_the_search_box_goes_to_the_trees_first_document(qtbot, window, corpus):
    qtbot.keyClick(window.content.search, Qt.Key.Key_Down)
    assert window.content.current_document() == corpus.document("work-permit").row.id


def test_an_edit_recounts_only_that_documents_progress(qtbot, window, corpus, reads):
    permit = corpus.document("work-permit").row.id
    index = window.content.tree_model.document_index(permit)
    summary = segment_id(corpus, "summary")
    corpus.save_cell(summary, "fr", "Les étrangers doivent obtenir un permis.", None)
    reads.clear()
    with qtbot.waitSignal(window.content.tree_model.dataChanged) as changed:
        window.content.refresh_progress(permit)
    assert reads == [("document_progress", {"ids": [permit]})]
    assert changed.args[0] == index.siblingAtColumn(PROGRESS_COLUMN)
    assert index.siblingAtColumn(PROGRESS_COLUMN).data(PROGRESS_ROLE)["fr"]["draft"] == 1


def test_a_type_shows_the_count_of_what_it_reads(window, corpus):
    # The outline was counted before another window deleted a guide: expanding the type corrects its count.
    corpus.delete_document("work-visa")
    work_guides = type_index(window, "Work", "Procedure guide (3)")
    window.content.tree.expand(work_guides)
    assert work_guides.data() == "Procedure guide (2)"
    assert shown(window, work_guides) == ["work-permit", "residence-permit"]


def test_the_lazy_tree_model_passes_the_model_tester(qtmodeltester, corpus):
    model = ContentTreeModel()
    model.set_outline(corpus.sections(), corpus.document_counts(), WorkspaceDocuments(corpus, model.locale))
    qtmodeltester.check(model)  # which expands every type through fetchMore
    assert model.document_index(corpus.document("visa-extension").row.id).isValid()
