"""The edit journal: what the open cell editor holds that is not stored yet, so a crash loses no typing.

The draft timer stores typing about a second after the last keystroke; a kill in that second would lose it.
So the window also appends the editor's whole state (cell, text, caret, the version the typing started from)
to a small per-window file a moment after every keystroke. Appending one line is cheap, and a line cut short by
a kill is simply skipped when read back. Surviving a kill needs no fsync (the kernel keeps the written bytes);
surviving a power cut does, so the file is fsync'd at most once a second, batching the keystrokes between, and
about a second after the last of them (the window's timer calls `sync`).

One file per window, in the workspace folder (or, for a database server, in the user's data directory keyed by
the database), per user, readable by its owner only. A window holds an exclusive lock (flock) on its file for as
long as the file exists, and the kernel drops that lock when the process dies however it dies; so a journal
whose lock can be taken is an orphan, and the next start replays it. A process id cannot say that: a restarted
window in a container or a Flatpak sandbox often gets the same id as the one that was killed. The file name also
holds a random token, so a new window never opens (and then clears) an old window's file. A window that closes
normally leaves no journal behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_data_dir

try:
    import fcntl
except ImportError:  # Windows: no flock; orphans are told by their process id instead (see `_lock`)
    fcntl = None  # type: ignore[assignment]

JOURNAL_FOLDER = "journal"
SYNC_INTERVAL_S = 1.0  # fsync at most this often: a batch of keystrokes per disk flush
_SUFFIX = ".journal"
_COMPACT_BYTES = 64 * 1024  # past this size the file is rewritten with only its newest line


@dataclass(frozen=True)
class JournalEntry:
    """The open editor: which cell, where the caret is, and its text when that text is not stored yet.

    `base_version` is the cell's version the typing started from (None: there was no cell), so replaying the
    text is refused, as any draft would be, if someone else stored a newer translation meanwhile."""

    document_id: str
    segment_id: int
    locale: str
    caret: int
    base_version: int | None
    text: str | None = None  # None: everything the editor holds is stored

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")) + "\n").encode()

    @classmethod
    def from_line(cls, line: bytes) -> JournalEntry | None:
        """The entry a line holds; None for a line cut short or not ours."""
        try:
            raw = json.loads(line)
            entry = cls(**raw)
        except (ValueError, TypeError):
            return None
        valid = (isinstance(entry.document_id, str) and isinstance(entry.segment_id, int)
                 and isinstance(entry.locale, str) and isinstance(entry.caret, int)
                 and (entry.base_version is None or isinstance(entry.base_version, int))
                 and (entry.text is None or isinstance(entry.text, str)))
        return entry if valid else None


def journal_folder(workspace_folder: Path | None, location: str) -> Path:
    """Where the journals of a workspace live: beside its database, or for a database server in the user's
    data directory under a name derived from the database's (redacted) location."""
    if workspace_folder is not None:
        return workspace_folder / JOURNAL_FOLDER
    key = hashlib.sha256(location.encode()).hexdigest()[:16]
    return Path(user_data_dir("Studio", appauthor=False)) / JOURNAL_FOLDER / key


def _user_prefix(user: str) -> str:
    # User names are restricted to [a-z0-9._-]; keep the file name safe whatever they hold.
    return "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in user)


class EditJournal:
    """The journal of one window for one user. Not thread-safe: the UI thread writes it.

    Appended lines reach the disk on a later `record` at least a second after the last fsync, or on `sync`:
    whoever drives the journal calls `sync` about a second after a `record` left `unsynced` true, so the last
    keystrokes before a pause are flushed too."""

    def __init__(self, folder: Path, user: str) -> None:
        self.user = user
        # The process id is only a hint for people (and for liveness where there is no flock); the token makes
        # the name one no other window, earlier or later, ever had.
        self.path = folder / f"{_user_prefix(user)}.{os.getpid()}.{secrets.token_hex(8)}{_SUFFIX}"
        self._fd: int | None = None
        self._last_sync = 0.0
        self._unsynced = False

    @property
    def unsynced(self) -> bool:
        """True when lines were appended since the last fsync."""
        return self._unsynced

    def record(self, entry: JournalEntry) -> None:
        """Append the editor's state; fsync it if the last fsync is a second old."""
        if self._fd is None or os.fstat(self._fd).st_size > _COMPACT_BYTES:
            self._fd = self._create(entry)
        else:
            os.write(self._fd, entry.to_line())
        self._unsynced = True
        if time.monotonic() - self._last_sync >= SYNC_INTERVAL_S:
            self.sync()

    def sync(self) -> None:
        """Flush what was appended to the disk."""
        if self._fd is not None and self._unsynced:
            os.fsync(self._fd)
            self._last_sync = time.monotonic()
            self._unsynced = False

    def clear(self) -> None:
        """Nothing is left to recover (the editor closed with its text stored): remove the file."""
        fd, self._fd = self._fd, None
        # Removed while still locked, so no window starting meanwhile takes it for an orphan; removed again
        # after closing where an open file cannot be removed (Windows).
        with contextlib.suppress(OSError):  # no file could be made (its folder is not a folder): nothing to clear
            self.path.unlink(missing_ok=True)
        if fd is not None:
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
        self._unsynced = False

    def _create(self, entry: JournalEntry) -> int:
        """Make the file hold only `entry`, locked: a new file is written and locked under another name, then
        renamed over the journal, so the journal is never seen unlocked (another window starting would take it
        for an orphan) and a kill at any moment leaves the old file or the new one."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fresh = self.path.with_suffix(".new")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | getattr(os, "O_CLOEXEC", 0),
                     0o600)
        try:
            if _lock(fd) is False:  # a brand-new file under a random name: nobody else can hold it
                raise OSError(errno.EAGAIN, "the journal is locked by another window", str(fresh))
            os.write(fd, entry.to_line())
            os.replace(fresh, self.path)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                fresh.unlink()
            raise
        if self._fd is not None:
            os.close(self._fd)  # the file it held is replaced: its lock goes with it
        return fd


def _lock(fd: int) -> bool | None:
    """Take the exclusive lock on an open journal without waiting: True if taken, False if another window
    holds it, None where there is no such lock (no fcntl, as on Windows, or a file system that refuses
    flock); there the process id in the file's name says whether its window is alive."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def last_entry(path: Path) -> JournalEntry | None:
    """The newest complete entry of a journal file (a line cut short by a kill is skipped)."""
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        entry = JournalEntry.from_line(line)
        if entry is not None:
            return entry
    return None


def orphaned_journals(folder: Path, user: str) -> Iterator[Path]:
    """The user's journals that no live window holds, oldest first."""
    if not folder.is_dir():
        return
    prefix = _user_prefix(user)
    found = []
    for path in folder.glob(f"{prefix}.*{_SUFFIX}"):
        # user.pid.token.journal: taken apart from the right, as user names may hold dots ("wang" is not
        # "wang.fang").
        parts = path.name[:-len(_SUFFIX)].rsplit(".", 2)
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            written = _orphaned(path, int(parts[1]))
            if written is not None:
                found.append((written, path))
    yield from (path for _, path in sorted(found))


def _orphaned(path: Path, pid: int) -> float | None:
    """When the journal at `path` was last written, if no live window holds it; None if one does (or it is gone)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # removed meanwhile (its window closed) or not ours to read
    try:
        # The lock is let go at once: the file is only read and removed, never written, by who replays it.
        locked = _lock(fd)
        held = os.fstat(fd)
        try:
            now = os.stat(path)
        except OSError:
            return None
    finally:
        os.close(fd)
    if (held.st_dev, held.st_ino) != (now.st_dev, now.st_ino):
        # A live window compacted its journal between our open and our lock: the lock we got was on the old
        # file, and the one now at `path` is held.
        return None
    orphaned = locked if locked is not None else not _process_alive(pid)
    return now.st_mtime if orphaned else None


def _process_alive(pid: int) -> bool:
    """Where journals cannot be locked: whether the process that wrote one still runs (a restart that got the
    same id is not told apart there)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        # Signal 0 is CTRL_C_EVENT there: without a safe probe, take the journal as orphaned (its replay is a
        # draft write with a version check, so a live window's text cannot overwrite newer work).
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # another user's process took the number: the window that wrote the journal is gone
    return True
