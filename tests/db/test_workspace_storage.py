"""Creating and opening workspaces on SQLite and PostgreSQL, and refusing what cannot be opened."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, create_engine, inspect, select, text

from studio import db
from studio.errors import OutdatedSchema, ValidationError, WorkspaceBusy, WorkspaceError
from studio.workspace import DATABASE_FILE, Workspace
from tests.helpers import engine, snapshot


def test_a_new_workspace_has_the_six_sections_and_the_current_schema(database):
    folder, url = database
    with Workspace.create(folder, url) as ws:
        assert [s.key for s in ws.sections()] == ["invest", "work", "study", "live", "visit", "shop"]
        assert ws.sections()[2].title("ar") == "الدراسة"
        assert db.current_revision(engine(ws)) == db.head_revision()
    with Workspace.open(folder, url) as again:
        assert again.is_empty()


def test_creating_over_an_existing_workspace_is_refused(database):
    folder, url = database
    Workspace.create(folder, url).close()
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(folder, url)


def test_a_workspace_from_a_newer_studio_is_refused_and_left_untouched(workspace):
    with engine(workspace).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = snapshot(workspace)
    url = None if workspace.folder else engine(workspace).url.render_as_string(hide_password=False)
    with pytest.raises(WorkspaceError, match=r"newer Studio \(schema 9999"):
        Workspace.open(workspace.folder, url)
    assert snapshot(workspace) == before


def _stored_rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table as the database holds them (the models may describe a newer schema)."""
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(select(table)).all()), key=repr)
                for name, table in tables.tables.items()}


def _downgrade_to_previous_revision(workspace: Workspace) -> tuple[str | None, str]:
    """Close `workspace` and take its schema one revision back; returns (folder or URL, that revision)."""
    workspace.close()
    url = engine(workspace).url.render_as_string(hide_password=False)
    previous = db.known_revisions()[-2]
    older = db.make_engine(url)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    with older.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, previous)
    older.dispose()
    return (None if workspace.folder else url), previous


@pytest.mark.skipif(len(db.known_revisions()) < 2, reason="only one schema revision so far: nothing is older")
def test_an_older_workspace_is_refused_untouched_until_upgraded_explicitly(workspace):
    """Opening never upgrades silently (issue 7, item 5): the user is told to run `studio upgrade`."""
    url, previous = _downgrade_to_previous_revision(workspace)
    before = _stored_rows(engine(workspace))
    for write in (True, False):
        with pytest.raises(OutdatedSchema, match=rf"older schema \({previous}; .*run 'studio upgrade'"):
            Workspace.open(workspace.folder, url, write=write)
    assert _stored_rows(engine(workspace)) == before
    assert Workspace.upgrade(workspace.folder, url) == (previous, db.head_revision())
    with Workspace.open(workspace.folder, url) as ws:
        assert db.current_revision(engine(ws)) == db.head_revision()
        assert [u.name for u in ws.users()] == ["boss"]
    assert Workspace.upgrade(workspace.folder, url) == (db.head_revision(), db.head_revision())


def test_an_empty_database_is_not_taken_for_a_workspace_and_opening_creates_nothing(database):
    """Issue 7, item 5: `status` on an empty database used to create the tables before refusing."""
    _folder, url = database
    if url is None:
        pytest.skip("an embedded workspace is a folder; an empty PostgreSQL database is the case here")
    for write in (True, False):
        with pytest.raises(WorkspaceError, match="is empty; create a workspace there with 'studio init'"):
            Workspace.open(database_url=url, write=write)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()
    assert not Workspace.exists(database_url=url)
    with Workspace.create(database_url=url) as ws:
        assert ws.is_empty()
    assert Workspace.exists(database_url=url)


def test_a_zero_length_database_file_is_no_workspace_and_stays_untouched_until_init(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / DATABASE_FILE).touch()
    for write in (True, False):
        with pytest.raises(WorkspaceError, match=f"no workspace at {folder}; create one with 'studio init'"):
            Workspace.open(folder, write=write)
    assert [(p.name, p.stat().st_size) for p in folder.iterdir()] == [(DATABASE_FILE, 0)]
    assert not Workspace.exists(folder)
    with Workspace.create(folder) as ws:
        assert [s.key for s in ws.sections()][:2] == ["invest", "work"]


def test_a_workspace_opened_for_reading_refuses_to_write(workspace):
    url = None if workspace.folder else engine(workspace).url.render_as_string(hide_password=False)
    with Workspace.open(workspace.folder, url, write=False) as reader:
        reader.sign_in("boss", "boss-password")
        assert reader.users()[0].name == "boss"
        before = snapshot(reader)
        with pytest.raises(WorkspaceError, match="is open for reading only"):
            reader.add_user("mei", ["editor"], "mei-password")
        assert snapshot(reader) == before


def test_reading_a_workspace_in_a_read_only_folder_writes_nothing_beside_it(sqlite_workspace):
    """Issue 7, item 12: even `status` was refused in a read-only folder; reading must not need -wal/-shm."""
    folder = sqlite_workspace.folder
    sqlite_workspace.close()
    listing = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        changed_at = folder.stat().st_mtime_ns
        with Workspace.open(folder, write=False) as reader:
            assert [u.name for u in reader.users()] == ["boss"]
            assert reader.is_empty()
        assert folder.stat().st_mtime_ns == changed_at  # no file was made, even for a moment
        assert sorted(p.name for p in folder.iterdir()) == listing
        with pytest.raises(WorkspaceError, match=f"{folder} is read-only: reading it works"):
            Workspace.open(folder)
    finally:
        folder.chmod(0o700)


def test_a_new_workspace_is_private_whatever_the_umask(tmp_path):
    """Issue 7, item 14: password hashes and unpublished content are readable by the owner only."""
    previous = os.umask(0o022)
    try:
        with Workspace.create(tmp_path / "ws") as ws:
            ws.add_user("boss", ["supervisor"], "boss-password")  # the -wal and -shm exist while it is open
            files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "ws").iterdir()}
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "ws").stat().st_mode) == 0o700
    assert files == {DATABASE_FILE: 0o600, f"{DATABASE_FILE}-wal": 0o600, f"{DATABASE_FILE}-shm": 0o600,
                     f"{DATABASE_FILE}.lock": 0o600}  # held by every open handle, so a restore knows


def test_a_failed_creation_leaves_nothing_behind(tmp_path):
    from studio.workspace import NewAccount

    with pytest.raises(ValidationError, match="a password cannot be only spaces"):
        Workspace.create(tmp_path / "ws", admin=NewAccount("wang", ("supervisor",), " " * 8))
    assert not (tmp_path / "ws").exists()


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
    ("not a url secret", "cannot use database URL '\\*\\*\\*': it is not a database URL"),
    ("nosuchdb://host/x", "cannot use database URL"),
    ("postgresql+psycopg://studio:secret@127.0.0.1:1/nothing", "cannot open"),
    ("postgresql+psycopg://studio@127.0.0.1:1/nothing?password=secret", "cannot open"),
    ("postgresql+psycopg://studio:secret@PW@127.0.0.1:1/nothing", "cannot open"),
    ("postgresql+psycopg://studio:secretPW@127.0.0.1:notaport/nothing", "the host or port is not valid"),
    ("postgresql+psycopg://studio:secretPW@[::1/nothing", "the host or port is not valid"),
])
def test_a_wrong_database_url_gives_one_clear_line_without_its_secrets(url, message):
    """Issue 7, items 9 and 16: no traceback, and no password (nor the tail of one holding an '@')."""
    for write in (True, False):
        with pytest.raises(WorkspaceError, match=message) as caught:
            Workspace.open(database_url=url, write=write)
        assert "secret" not in str(caught.value) and "PW" not in str(caught.value)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("url, shown", [
    ("postgresql+psycopg://u:S3cret@PW@host:5432/db", "postgresql+psycopg://u:***@host:5432/db"),
    ("postgresql+psycopg://u@host/db?password=S3cret&sslmode=require",
     "postgresql+psycopg://u@host/db?password=***&sslmode=require"),
    ("postgresql+psycopg://u@host/db?sslpassword=S3cret", "postgresql+psycopg://u@host/db?sslpassword=***"),
    ("sqlite:////home/mei/ws/studio.db", "sqlite:////home/mei/ws/studio.db"),
    ("S3cret", "***"),
])
def test_urls_are_shown_with_their_secrets_hidden(url, shown):
    assert db.redacted(url) == shown


def test_a_workspace_behind_a_url_is_named_without_its_password(database):
    _folder, url = database
    if url is None:
        pytest.skip("a database server's URL is the case here")
    Workspace.create(database_url=url).close()
    with_secret = f"{url}?password=S3cret" if "?" not in url else f"{url}&password=S3cret"
    with Workspace.open(database_url=with_secret, write=False) as ws:
        assert "S3cret" not in ws.location and "password=***" in ws.location


@pytest.mark.slow
@pytest.mark.skipif(len(db.known_revisions()) < 2, reason="only one schema revision so far: nothing is older")
def test_an_upgrade_blocked_by_another_program_says_so_in_one_line(workspace, monkeypatch):
    """Issue 7, item 9: the schema lock held elsewhere gave a traceback (or waited for ever on PostgreSQL)."""
    url, _previous = _downgrade_to_previous_revision(workspace)
    monkeypatch.setattr(db, "UPGRADE_LOCK_WAIT_S", 1)
    before = _stored_rows(engine(workspace))
    other = create_engine(engine(workspace).url)
    with other.connect() as holder:
        if other.dialect.name == "sqlite":
            holder.exec_driver_sql("BEGIN IMMEDIATE")  # another writer holds the database
        else:
            holder.begin()
            for table in inspect(holder).get_table_names():  # an open transaction that read every table
                holder.execute(text(f'SELECT count(*) FROM "{table}"'))
        with pytest.raises(WorkspaceBusy, match="another program is using the workspace") as caught:
            Workspace.upgrade(workspace.folder, url)
        holder.rollback()
    other.dispose()
    assert "\n" not in str(caught.value)
    assert _stored_rows(engine(workspace)) == before


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    with Workspace.create(tmp_path / "ws") as ws, engine(ws).connect() as conn:
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

    from studio.content.search import FULL_TEXT_TABLES
    from studio.models import Base

    def modelled(name: str | None, type_: str, _parent: object) -> bool:
        # SQLite's full-text indexes (virtual tables and their shadow tables) are revision 0004's SQL, no model.
        return type_ != "table" or not (name or "").startswith(FULL_TEXT_TABLES)

    with Workspace.create(tmp_path / "ws") as ws, engine(ws).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": modelled}), Base.metadata)
    assert diff == []


def test_database_file_is_where_the_folder_says(tmp_path: Path):
    with Workspace.create(tmp_path / "ws"):
        pass
    assert (tmp_path / "ws" / DATABASE_FILE).is_file()


def test_a_password_holding_an_at_sign_reaches_the_driver_whole():
    """The widest reading of the password is the one used to connect too, and it survives a round trip
    through the engine's own URL (which a background job uses to open the same workspace)."""
    url = db.parse_url("postgresql+psycopg://u:S3cret@PW@db.example:5432/studio")
    assert (url.password, url.host, url.port) == ("S3cret@PW", "db.example", 5432)
    again = db.parse_url(url.render_as_string(hide_password=False))
    assert (again.password, again.host) == ("S3cret@PW", "db.example")
