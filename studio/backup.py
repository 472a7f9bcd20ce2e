"""Backups of an embedded workspace, and the integrity check that guards every write.

A damaged database must never be written to: a write on a damaged b-tree can spread the damage to pages that
were still good, and every later backup would copy it. So a workspace opened for writing is checked first
(`PRAGMA quick_check`, which reads every page but skips the index cross-checks of `integrity_check`), and only a
database that passed gets its daily backup. Backups are made with SQLite's online backup API, which copies a
consistent snapshot (the WAL included) while other connections keep reading and writing.

PostgreSQL workspaces are backed up by the database server's own tools (pg_dump); the functions here refuse them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from studio.errors import WorkspaceDamaged, WorkspaceError

BACKUP_FOLDER = "backups"
KEEP_DAYS = 7
_DAILY = re.compile(r"studio-(\d{4}-\d{2}-\d{2})\.db")
# The first rows of a quick_check are enough to say what is wrong; the rest would flood the message.
_REPORTED_PROBLEMS = 3
# A copy fails with OSError (no such folder, not a folder) or, once SQLite writes it, with sqlite3.Error (a full
# disk is SQLite's "database or disk is full").
_COPY_FAILED = (OSError, sqlite3.Error)
_NOT_A_DATABASE = "file is not a database"  # SQLite's words for a file that is no SQLite database at all


@dataclass(frozen=True)
class Backup:
    """A backup file and the day it was made."""

    path: Path
    day: date


def quick_check(database: Path) -> list[str]:
    """The problems `PRAGMA quick_check` finds in an SQLite file (empty: it is sound).

    Opened read-only through a URI so that checking never creates, migrates or repairs anything."""
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return [str(exc)]
    # SQLite puts many problems into one row, one per line, the first under a "*** in database main ***" header.
    problems = [line.strip() for row in rows for line in str(row[0]).splitlines()
                if line.strip() and not line.startswith("*** in database")]
    return [] if problems == ["ok"] else problems


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def before_writing(engine: Engine, folder: Path) -> str | None:
    """Refuse to write to a damaged embedded workspace; otherwise make today's backup if there is none yet.

    A backup that cannot be made (a full disk, a `backups` that is not a folder) does not stop the day's work:
    it is returned as a warning to show, and tried again at the next opening."""
    if engine.dialect.name != "sqlite":
        return None
    database = _database_file(engine)
    problems = quick_check(database)
    if problems:
        raise WorkspaceDamaged(damage_message(database, folder, problems))
    try:
        daily_backup(database, folder)
    except _COPY_FAILED as exc:
        return f"today's backup could not be made in {folder / BACKUP_FOLDER}: {_reason(exc)}"
    return None


class CheckInBackground:
    """The integrity check and daily backup of an opening (`check`) on a thread of their own, so a window can
    paint while a large workspace is read through; every write waits for `result()` first, so a damaged
    workspace is still never written to."""

    def __init__(self, check: Callable[[], str | None]) -> None:
        self._notice: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(check,), name="studio-opening-check", daemon=True)
        self._thread.start()

    def _run(self, check: Callable[[], str | None]) -> None:
        try:
            self._notice = check()
        except BaseException as exc:  # raised again, on the thread that asks for the result
            self._error = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> str | None:
        """Wait for the end: the notice to show (a backup that failed), or what the check raised, raised again."""
        self.wait()
        if self._error is not None:
            raise self._error
        return self._notice


def damage_message(database: Path, folder: Path, problems: list[str]) -> str:
    found = "; ".join(problems[:_REPORTED_PROBLEMS])
    latest = backups(folder)
    if latest:
        # Named the way a workspace is named: by its folder, or by its file when that is not the folder's own.
        workspace = (f"--workspace {folder}" if database.name == "studio.db"
                     else f"--database-url sqlite:///{database.resolve()}")
        advice = (f"restore the last good backup (made {latest[0].day.isoformat()}) with "
                  f"'studio {workspace} restore {latest[0].path}'")
    else:
        advice = ("there is no backup of it; copy the folder aside and ask whoever keeps your backups, "
                  "or salvage what can be read with the sqlite3 shell's '.recover'")
    return f"{database} is damaged ({found}); nothing was written to it. To recover, {advice}"


def backups(folder: Path) -> list[Backup]:
    """The daily backups of a workspace, newest first."""
    found = []
    for path in (folder / BACKUP_FOLDER).glob("studio-*.db"):
        m = _DAILY.fullmatch(path.name)
        if m is None:
            continue
        try:
            found.append(Backup(path, date.fromisoformat(m.group(1))))
        except ValueError:  # a name like studio-2026-13-45.db is not one of ours
            continue
    return sorted(found, key=lambda b: b.day, reverse=True)


def daily_backup(database: Path, folder: Path, today: date | None = None, keep_days: int = KEEP_DAYS) -> Path | None:
    """Today's backup in `folder`/backups, made once a day; backups older than `keep_days` are removed.

    Returns the new backup's path, or None when today's already existed."""
    today = today or date.today()
    target = folder / BACKUP_FOLDER / f"studio-{today.isoformat()}.db"
    _private_folder(target.parent)
    made = None
    if not target.exists():
        copy_database(database, target)
        made = target
    oldest_kept = today - timedelta(days=keep_days - 1)
    for old in backups(folder):
        if old.day < oldest_kept:
            old.path.unlink(missing_ok=True)
    return made


def copy_database(database: Path, target: Path) -> None:
    """A consistent copy of `database` at `target` (owner-only), written aside and moved in place at the end:
    a crash never leaves a half-written file under the backup's name."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            # The copy is a standalone file: no WAL beside it to lose when it is moved or mailed.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
            source.close()
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def backup_workspace(database: Path, target: Path) -> Path:
    """`studio backup FILE`: a copy of the embedded workspace's `database` at `target`, refused if it exists."""
    if target.exists() or target.is_symlink():
        raise WorkspaceError(f"{target} already exists; choose a new file name for the backup")
    if not database.is_file():
        raise WorkspaceError(f"no workspace database at {database}")
    problems = quick_check(database)
    if problems:
        raise WorkspaceDamaged(f"{database} is damaged ({'; '.join(problems[:_REPORTED_PROBLEMS])}); "
                               "a backup of it would not be a good one")
    try:
        copy_database(database, target)
    except _COPY_FAILED as exc:
        raise WorkspaceError(f"cannot write the backup {target}: {_reason(exc)}") from None
    return target


def backup_before_upgrade(database: Path, folder: Path, revision: str) -> Path:
    """A copy of the workspace as it was before a schema upgrade, whatever today's daily backup holds."""
    target = folder / BACKUP_FOLDER / f"studio-before-{revision}-{datetime.now():%Y%m%d-%H%M%S}.db"
    try:
        _private_folder(target.parent)
        copy_database(database, target)
    except _COPY_FAILED as exc:
        raise WorkspaceError(f"cannot back up the workspace before upgrading it, in {target.parent}: "
                             f"{_reason(exc)}; nothing was changed") from None
    return target


def restore_workspace(database: Path, source: Path, known: list[str]) -> Path | None:
    """Put the backup `source` in place of the embedded workspace's `database` (`studio restore FILE`).

    The backup is checked first (a sound SQLite file holding a Studio schema this program knows); the database it
    replaces is kept beside it as `<name>.replaced-<time>` with its WAL, never deleted: it may hold the only
    copy of the last hours' work. Returns where the replaced database went (None: there was none)."""
    if not source.is_file():
        raise WorkspaceError(f"{source}: not a backup file (no such regular file)")
    problems = quick_check(source)
    if problems == [_NOT_A_DATABASE]:
        raise WorkspaceError(f"{source} is not a Studio workspace backup (not an SQLite database)")
    if problems:
        raise WorkspaceError(f"{source} is damaged too ({'; '.join(problems[:_REPORTED_PROBLEMS])}); "
                             "choose an older backup")
    revision = _schema_revision(source)
    if revision is None:
        raise WorkspaceError(f"{source} is not a Studio workspace backup")
    if revision not in known:
        raise WorkspaceError(f"{source} was written by a newer Studio (schema {revision}; this program knows "
                             f"up to {known[-1]}); update Studio to restore it")
    if not database.parent.is_dir():
        raise WorkspaceError(f"no workspace folder at {database.parent}")
    try:
        with _nobody_else_has_it_open(database):
            return _swap_in(database, source)
    except _COPY_FAILED as exc:
        raise WorkspaceError(f"cannot restore into {database.parent}: {_reason(exc)}; "
                             f"the workspace is as it was") from None


def _swap_in(database: Path, source: Path) -> Path | None:
    staged = database.with_name(f".{database.name}.restoring")
    staged.unlink(missing_ok=True)
    copy_database(source, staged)
    kept = None
    if database.exists():
        # Kept under a second name first, then replaced in one step: at no moment is there no studio.db, which an
        # opening window would take for a missing workspace. Its WAL goes with it: the backup needs none.
        kept = database.with_name(f"{database.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
        os.link(database, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{database}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{kept}{suffix}"))
    os.replace(staged, database)
    _fsync(database.parent)
    return kept


# --- knowing whether a workspace is open --------------------------------------------------------------------
# Every open handle on an embedded workspace (a window, a command, a window's worker) holds a shared lock on a
# file beside the database; a restore takes it exclusively. Without it, a window left open on the workspace
# would go on writing into the file a restore moved aside, and its work would silently be lost.

def _lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.lock")


class OpenLock:
    """The shared lock one open handle holds on its workspace until `release`. Where the lock file cannot be
    made (a read-only folder: nobody can write there either) or flock does not exist (Windows), it holds none."""

    def __init__(self, database: Path) -> None:
        self._fd: int | None = None
        if sys.platform == "win32":
            return
        import fcntl

        for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
            try:
                self._fd = os.open(_lock_path(database), flags, 0o600)
                break
            except OSError:
                continue
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_SH)  # waits while a restore swaps the file in
            except OSError:  # a file system without locks (some network shares): no lock, as on Windows
                self.release()

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the lock
            self._fd = None


@contextmanager
def _nobody_else_has_it_open(database: Path) -> Iterator[None]:
    if sys.platform == "win32":
        yield
        return
    import fcntl

    fd = os.open(_lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WorkspaceError(f"{database.parent} is open in a Studio window or command; close it and "
                                 "restore again") from None
        yield
    finally:
        os.close(fd)


def _schema_revision(database: Path) -> str | None:
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def _database_file(engine: Engine) -> Path:
    assert engine.url.database, "an embedded workspace's engine names its file"
    return Path(engine.url.database)


def _private_folder(folder: Path) -> None:
    """The backups folder: owner-only, like the workspace it copies (password hashes, unpublished content)."""
    folder.mkdir(mode=0o700, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(0o700)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
