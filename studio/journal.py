"""The edit journal: what the open cell editor holds that is not stored yet, so a crash loses no typing.

The draft timer stores typing about a second after the last keystroke; a kill in that second would lose it.
So the window also appends the editor's whole state (cell, text, caret, the version the typing started from)
to a small per-window file a moment after every keystroke. Appending one line is cheap, and a line cut short by
a kill is simply skipped when read back. Surviving a kill needs no fsync (the kernel keeps the written bytes);
surviving a power cut does, so the file is fsync'd at most once a second, batching the keystrokes between.

One file per window (process id and a serial in its name), in the workspace folder (or, for a database server,
in the user's data directory keyed by the database), per user, readable by its owner only. The next start
replays the journals of windows whose process is gone; a window that closes normally leaves none behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_data_dir

JOURNAL_FOLDER = "journal"
SYNC_INTERVAL_S = 1.0  # fsync at most this often: a batch of keystrokes per disk flush
_COMPACT_BYTES = 64 * 1024  # past this size the file is rewritten with only its newest line
_serials = itertools.count(1)


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
    """The journal of one window for one user. Not thread-safe: the UI thread writes it."""

    def __init__(self, folder: Path, user: str) -> None:
        self.path = folder / f"{_user_prefix(user)}.{os.getpid()}.{next(_serials)}.journal"
        self._fd: int | None = None
        self._last_sync = 0.0
        self._unsynced = False

    def record(self, entry: JournalEntry) -> None:
        """Append the editor's state; fsync it if the last fsync is a second old."""
        fd = self._open()
        if os.fstat(fd).st_size > _COMPACT_BYTES:
            fd = self._start_over(entry)
        else:
            os.write(fd, entry.to_line())
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
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        with contextlib.suppress(OSError):  # no file could be made (its folder is not a folder): nothing to clear
            self.path.unlink(missing_ok=True)
        self._unsynced = False

    def _start_over(self, entry: JournalEntry) -> int:
        """Replace the file by one holding only `entry`; a kill at any moment leaves one or the other."""
        fresh = self.path.with_suffix(".new")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | getattr(os, "O_CLOEXEC", 0),
                     0o600)
        os.write(fd, entry.to_line())
        os.replace(fresh, self.path)
        if self._fd is not None:
            os.close(self._fd)
        self._fd = fd
        return fd

    def _open(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
            self._fd = os.open(self.path, flags, 0o600)
        return self._fd


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
    """The user's journals left by windows whose process is gone, oldest first."""
    if not folder.is_dir():
        return
    prefix = _user_prefix(user) + "."
    found = []
    for path in folder.glob(f"{prefix}*.journal"):
        pid = path.name[len(prefix):].split(".")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            found.append(path)
    yield from sorted(found, key=lambda p: p.stat().st_mtime)


def _process_alive(pid: int) -> bool:
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
