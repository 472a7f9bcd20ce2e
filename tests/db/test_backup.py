"""Backups and the integrity check: a damaged workspace is never written to, and the last good backup restores it."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from studio import db
from studio.backup import backup_workspace, backups, before_writing, daily_backup, quick_check, restore_workspace
from studio.content.importers import ImportOptions
from studio.errors import WorkspaceDamaged, WorkspaceError
from studio.jobs import run_job
from studio.worker_process import in_process
from studio.workspace import DATABASE_FILE, Workspace
from tests.helpers import damage, guide, office, snapshot, write_json


def _filled(folder: Path) -> Workspace:
    ws = Workspace.create(folder)
    ws.add_user("boss", ["supervisor", "editor", "reviewer"], "boss-password", ["fr"])
    ws.sign_in("boss", "boss-password")
    from studio.content.importers import DocumentInput
    from studio.jobs import run_job

    docs = [office(f"hall-{i}") for i in range(40)] + [office(), guide()]
    run_job(ws.import_documents([DocumentInput(where=d["slug"], type=d["type"], section=d["section"],
                                               slug=d["slug"], source_locale="zh-Hans", fields=d["fields"])
                                 for d in docs]))
    return ws


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    ws = _filled(tmp_path / "workspace")
    ws.close()
    return tmp_path / "workspace"


def test_a_sound_workspace_passes_and_gets_one_backup_a_day(folder: Path) -> None:
    engine = db.make_engine(f"sqlite:///{folder / DATABASE_FILE}")
    before_writing(engine, folder)
    before_writing(engine, folder)
    engine.dispose()
    made = backups(folder)
    assert [b.day for b in made] == [date.today()]
    assert quick_check(made[0].path) == []
    assert stat.S_IMODE(made[0].path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made[0].path.parent.stat().st_mode) == 0o700


def test_backups_older_than_seven_days_are_removed(folder: Path) -> None:
    database = folder / DATABASE_FILE
    today = date(2026, 11, 26)
    for days_ago in range(10, -1, -1):
        daily_backup(database, folder, today=today - timedelta(days=days_ago))
    kept = [b.day for b in backups(folder)]
    assert kept == [today - timedelta(days=n) for n in range(7)]


def test_a_damaged_workspace_is_refused_for_writing_with_the_way_back(folder: Path) -> None:
    database = folder / DATABASE_FILE
    daily_backup(database, folder, today=date(2026, 11, 25))
    damage(database)
    before = database.read_bytes()
    engine = db.make_engine(f"sqlite:///{database}")
    with pytest.raises(WorkspaceDamaged) as refused:
        before_writing(engine, folder)
    engine.dispose()
    message = str(refused.value)
    assert "damaged" in message and "nothing was written" in message
    assert "studio-2026-11-25.db" in message and "restore" in message
    assert "\n" not in message
    # The damaged file is neither written nor backed up: a backup of it would pass the damage on.
    assert database.read_bytes() == before
    assert [b.day for b in backups(folder)] == [date(2026, 11, 25)]


def test_without_a_backup_the_message_says_so(folder: Path) -> None:
    damage(folder / DATABASE_FILE)
    engine = db.make_engine(f"sqlite:///{folder / DATABASE_FILE}")
    with pytest.raises(WorkspaceDamaged, match="there is no backup"):
        before_writing(engine, folder)
    engine.dispose()


def test_restore_brings_back_the_backup_and_keeps_the_damaged_file(folder: Path, tmp_path: Path) -> None:
    with Workspace.open(folder) as ws:
        good = snapshot(ws)
    database = folder / DATABASE_FILE
    backup = backup_workspace(database, tmp_path / "saved.db")
    damage(database)
    damaged = database.read_bytes()

    kept = restore_workspace(database, backup, db.known_revisions())

    assert kept is not None and kept.read_bytes() == damaged
    assert quick_check(database) == []
    with Workspace.open(folder) as restored:
        assert snapshot(restored) == good


def test_restore_refuses_a_file_that_is_not_a_sound_workspace_backup(folder: Path, tmp_path: Path) -> None:
    database = folder / DATABASE_FILE
    before = database.read_bytes()
    text_file = tmp_path / "notes.db"
    text_file.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(database.read_bytes())
    damage(damaged)
    for bad, words in ((tmp_path / "missing.db", "no such regular file"), (text_file, "not an SQLite database"),
                       (other, "not a Studio workspace"), (damaged, "damaged")):
        with pytest.raises(WorkspaceError, match=words):
            restore_workspace(database, bad, db.known_revisions())
    assert database.read_bytes() == before
    assert not list(folder.glob("*.replaced-*"))


def test_a_backup_never_overwrites_a_file(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "exists.db"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="already exists"):
        backup_workspace(folder / DATABASE_FILE, target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_backup_into_a_shared_folder_leaves_the_folder_as_it_was(folder: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o1777)
    made = backup_workspace(folder / DATABASE_FILE, shared / "copy.db")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_a_restore_is_refused_while_the_workspace_is_open_even_idle(folder: Path, tmp_path: Path) -> None:
    """A window left open would go on writing into the file the restore moved aside: its work would be lost."""
    database = folder / DATABASE_FILE
    backup = backup_workspace(database, tmp_path / "saved.db")
    window = Workspace.open(folder)
    before = database.read_bytes()
    with pytest.raises(WorkspaceError, match="is open in a Studio window or command; close it"):
        restore_workspace(database, backup, db.known_revisions())
    assert database.read_bytes() == before and not list(folder.glob("*.replaced-*"))
    window.close()
    assert restore_workspace(database, backup, db.known_revisions()) is not None


def test_a_daily_backup_that_cannot_be_made_does_not_stop_the_work(folder: Path) -> None:
    (folder / "backups").write_text("a file where the folder should be", encoding="utf-8")
    with Workspace.open(folder) as ws:
        assert len(ws.notices) == 1 and "today's backup could not be made" in ws.notices[0]
        ws.sign_in("boss", "boss-password")
        ws.add_user("mei", ["editor"], "mei-password")
    with Workspace.open(folder, write=False) as ws:
        assert "mei" in [u.name for u in ws.users()]


def test_backup_and_restore_in_folders_that_do_not_exist_say_so(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="cannot write the backup"):
        backup_workspace(folder / DATABASE_FILE, tmp_path / "missing" / "x.db")
    saved = backup_workspace(folder / DATABASE_FILE, tmp_path / "saved.db")
    with pytest.raises(WorkspaceError, match="no workspace folder at"):
        restore_workspace(tmp_path / "nowhere" / DATABASE_FILE, saved, db.known_revisions())


def test_a_workspace_made_before_files_were_private_is_made_private_when_written(folder: Path) -> None:
    database = folder / DATABASE_FILE
    folder.chmod(0o755)
    database.chmod(0o644)
    Workspace.open(folder, write=False).close()
    assert stat.S_IMODE(database.stat().st_mode) == 0o644  # reading changes nothing
    Workspace.open(folder).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_a_full_disk_during_the_daily_backup_warns_and_the_work_goes_on(folder: Path, monkeypatch) -> None:
    """SQLite reports a full disk as its own error, not an OSError: it must not stop the day's work either."""
    import sqlite3 as real_sqlite

    from studio import backup

    def disk_full(database: Path, target: Path) -> None:
        raise real_sqlite.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_database", disk_full)
    with Workspace.open(folder) as ws:
        assert ws.notices == [f"today's backup could not be made in {folder / 'backups'}: database or disk is full"]
    with pytest.raises(WorkspaceError, match="cannot write the backup .*: database or disk is full"):
        backup_workspace(folder / DATABASE_FILE, folder.parent / "copy.db")


def test_the_damage_message_names_a_few_problems_not_hundreds(folder: Path) -> None:
    database = folder / DATABASE_FILE
    damage(database)
    engine = db.make_engine(f"sqlite:///{database}")
    with pytest.raises(WorkspaceDamaged) as refused:
        before_writing(engine, folder)
    engine.dispose()
    assert len(str(refused.value)) < 600 and "\n" not in str(refused.value)


def test_a_window_opening_checks_in_the_background_and_writes_after_the_check(folder: Path) -> None:
    with Workspace.open(folder, check_in_background=True) as ws:
        ws.sign_in("boss", "boss-password")  # reading goes on while the check runs
        ws.add_user("mei", ["editor"], "mei-password")  # the write waited for the check, which passed
        assert not ws.checking
        ws.opening_checked()
        assert ws.notices == []
    assert [b.day for b in backups(folder)] == [date.today()]
    with Workspace.open(folder, write=False) as ws:
        assert "mei" in [u.name for u in ws.users()]


def test_a_damaged_workspace_opened_by_a_window_refuses_every_write_and_changes_nothing(folder: Path) -> None:
    """The window opens before the check ends (issue 8: start lazily), yet nothing is written to a damaged file:
    not by the window, nor by a job that started at once on a workspace of its own."""
    database = folder / DATABASE_FILE
    daily_backup(database, folder, today=date(2026, 11, 25))
    damage(database)
    before = database.read_bytes()
    with Workspace.open(folder, check_in_background=True) as ws:
        ws.sign_in("boss", "boss-password")
        job = ws.sibling_opener()()
        with pytest.raises(WorkspaceDamaged) as refused:
            ws.opening_checked()
        assert "studio-2026-11-25.db" in str(refused.value)
        with pytest.raises(WorkspaceDamaged):
            ws.add_user("mei", ["editor"], "mei-password")
        with pytest.raises(WorkspaceDamaged), job:
            job.add_user("lin", ["editor"], "lin-password")
        with pytest.raises(WorkspaceDamaged):  # nor by a job in a process of its own (as a pre-translation runs)
            run_job(in_process(ws.sibling_opener(), "import_files", [write_json(folder.parent / "d.json", [office()])],
                               ImportOptions())())
    assert database.read_bytes() == before
    assert [b.day for b in backups(folder)] == [date(2026, 11, 25)]  # a damaged file is not backed up


def test_a_backup_that_cannot_be_made_is_said_when_the_background_check_ends(folder: Path) -> None:
    (folder / "backups").write_text("a file where the folder should be", encoding="utf-8")
    with Workspace.open(folder, check_in_background=True) as ws:
        ws.opening_checked()
        assert len(ws.notices) == 1 and "today's backup could not be made" in ws.notices[0]
