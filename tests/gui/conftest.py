"""Fixtures the GUI tests share, and the `gui` mark on every test in this folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.app import MainThreadCollector, collect_on_gui_thread
from studio.ui.translations import install_translator
from tests.helpers import guide, office, write_json

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees every collected item, wherever its file is: mark only this folder's.
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True, scope="session")
def english_catalogue(qapp):
    """English plural forms ("1 document", "2 documents"), installed as Studio installs them at start."""
    install_translator(qapp, "en")


_collector: MainThreadCollector | None = None


@pytest.fixture(autouse=True, scope="package")
def collected_on_the_gui_thread(qapp):
    """The cycle collector on the GUI thread only, as the window runs it (`MainThreadCollector`): automatic, it
    ran on a job runner's pool thread now and then and destroyed an earlier test's widget there while the GUI
    thread painted, which crashed the painter. Automatic again after this folder's tests."""
    global _collector
    _collector = collect_on_gui_thread(qapp)
    yield _collector
    _collector.stop()
    _collector = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Held from the end of a test until its widgets are closed and deleted (`pytest_runtest_teardown`). In
    between, pytest-qt only holds them weakly: the widget a test made is garbage while its C++ side still lives,
    and a collection then (pytest-qt processes events there) tears the Python side off a live view, whose next
    call into Python finds its attributes gone."""
    try:
        return (yield)
    finally:
        if _collector is not None:
            _collector.hold()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    try:
        return (yield)
    finally:  # after pytest-qt's teardown (closest to the test, it closed the test's widgets and deleteLater'd them)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        if _collector is not None:
            _collector.resume()


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    """The work-permit guide and the Dongcheng office, with no translations."""
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return sqlite_workspace


@pytest.fixture
def team(sqlite_workspace, tmp_path):
    """The guide, a reviewer of French who is nothing else, and an editor who does not review."""
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    sqlite_workspace.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    sqlite_workspace.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    title = next(s.id for s in sqlite_workspace.document("work-permit").segments if s.field_path == "title")
    sqlite_workspace.save_cell(title, "fr", "Permis de travail pour les étrangers", None, confirm=True)
    return sqlite_workspace
