"""Creating and opening workspaces on SQLite and PostgreSQL, and refusing what cannot be opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from studio import db
from studio.errors import WorkspaceError
from studio.workspace import DATABASE_FILE, Workspace
from tests.helpers import snapshot


def test_a_new_workspace_has_the_six_sections_and_the_current_schema(database):
    folder, url = database
    with Workspace.create(folder, url) as ws:
        assert [s.key for s in ws.sections()] == ["invest", "work", "study", "live", "visit", "shop"]
        assert ws.sections()[2].title("ar") == "الدراسة"
        assert db.current_revision(ws.engine) == db.head_revision()
    with Workspace.open(folder, url) as again:
        assert again.is_empty()


def test_creating_over_an_existing_workspace_is_refused(database):
    folder, url = database
    Workspace.create(folder, url).close()
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(folder, url)


def test_a_workspace_from_a_newer_studio_is_refused_and_left_untouched(workspace):
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = snapshot(workspace)
    url = None if workspace.folder else workspace.engine.url.render_as_string(hide_password=False)
    with pytest.raises(WorkspaceError, match=r"newer Studio \(schema 9999"):
        Workspace.open(workspace.folder, url)
    assert snapshot(workspace) == before


@pytest.mark.skipif(len(db.known_revisions()) < 2, reason="only one schema revision so far: nothing is older")
def test_an_older_workspace_is_upgraded_when_opened_and_keeps_its_content(workspace):
    workspace.close()
    url = workspace.engine.url.render_as_string(hide_password=False)
    previous = db.known_revisions()[-2]
    engine = db.make_engine(url)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, previous)
    engine.dispose()
    with Workspace.open(workspace.folder, None if workspace.folder else url) as ws:
        assert db.current_revision(ws.engine) == db.head_revision()
        assert [u.name for u in ws.users()] == ["boss"]


def test_an_empty_database_is_not_taken_for_a_workspace(database):
    _folder, url = database
    if url is None:
        pytest.skip("an embedded workspace is a folder; an empty PostgreSQL database is the case here")
    with pytest.raises(WorkspaceError, match="is empty; create a workspace there"):
        Workspace.open(database_url=url)


def test_a_missing_workspace_names_the_folder(tmp_path):
    with pytest.raises(WorkspaceError, match=f"no workspace at {tmp_path / 'nowhere'}"):
        Workspace.open(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / DATABASE_FILE).write_bytes(b"these are my notes, not a database")
    with pytest.raises(WorkspaceError, match="cannot open|not a database"):
        Workspace.open(folder)
    assert (folder / DATABASE_FILE).read_bytes() == b"these are my notes, not a database"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_a_workspace_without_permission_is_refused(tmp_path):
    Workspace.create(tmp_path / "ws").close()
    (tmp_path / "ws").chmod(0)
    try:
        with pytest.raises(WorkspaceError, match="cannot read and write the workspace at .*: check its permissions"):
            Workspace.open(tmp_path / "ws")
    finally:
        (tmp_path / "ws").chmod(0o700)


def test_a_workspace_whose_database_cannot_be_read_is_refused(tmp_path):
    """Here the database file has become a folder: the same one line, and nothing created beside it."""
    (tmp_path / "ws" / DATABASE_FILE).mkdir(parents=True)
    with pytest.raises(WorkspaceError, match=f"cannot read {tmp_path / 'ws' / DATABASE_FILE}: it is not a file"):
        Workspace.open(tmp_path / "ws")
    assert [p.name for p in (tmp_path / "ws").iterdir()] == [DATABASE_FILE]


@pytest.mark.parametrize("url, message", [
    ("not a url", "cannot use database URL"),
    ("nosuchdb://host/x", "cannot use database URL"),
    ("postgresql+psycopg://studio:secret@127.0.0.1:1/nothing", "cannot open"),
])
def test_a_wrong_database_url_gives_one_clear_line(url, message):
    with pytest.raises(WorkspaceError, match=message) as caught:
        Workspace.open(database_url=url)
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    with Workspace.create(tmp_path / "ws") as ws, ws.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_revision_files_are_named_after_their_ids():
    for path in (db.MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert f"revision = {path.name[:4]!r}" in source or f'revision = "{path.name[:4]}"' in source


def test_the_models_and_the_migrations_agree(tmp_path):
    """Alembic finds nothing to add: the schema is made only through revisions."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from studio.models import Base

    with Workspace.create(tmp_path / "ws") as ws, ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_database_file_is_where_the_folder_says(tmp_path: Path):
    with Workspace.create(tmp_path / "ws"):
        pass
    assert (tmp_path / "ws" / DATABASE_FILE).is_file()
