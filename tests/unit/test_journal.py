"""The edit journal without Qt: the newest whole entry wins, a line cut short by a kill is skipped, files are the
owner's only, and only journals no live window holds are offered for replay, whatever process id they carry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.journal import EditJournal, JournalEntry, journal_folder, last_entry, orphaned_journals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and locks")

ROOT = Path(__file__).resolve().parents[2]


def entry(text: str | None, caret: int = 0) -> JournalEntry:
    return JournalEntry("doc-1", 7, "ar", caret, 3, text)


def test_the_newest_entry_wins_and_a_torn_line_is_skipped(tmp_path):
    journal = EditJournal(tmp_path / "journal", "wang.fang")
    journal.record(entry("يجب", 1))
    journal.record(entry("يجب على", 3))
    with journal.path.open("ab") as f:
        f.write(entry("cut short", 9).to_line()[:-12])  # a kill in the middle of a write

    assert last_entry(journal.path) == entry("يجب على", 3)


def test_the_journal_is_the_owners_only(tmp_path):
    journal = EditJournal(tmp_path / "journal", "wang.fang")
    journal.record(entry("x"))
    assert journal.path.stat().st_mode & 0o777 == 0o600
    assert journal.path.parent.stat().st_mode & 0o777 == 0o700


def test_clearing_removes_the_file(tmp_path):
    journal = EditJournal(tmp_path / "journal", "wang.fang")
    journal.record(entry("x"))
    journal.clear()
    assert not journal.path.exists()
    journal.record(entry(None))  # recording again after a clear opens a new file
    assert last_entry(journal.path) == entry(None)


def test_a_long_session_keeps_the_file_small(tmp_path):
    journal = EditJournal(tmp_path / "journal", "wang.fang")
    for n in range(2000):
        journal.record(entry("typing " * 10 + str(n), n))
    assert journal.path.stat().st_size < 80 * 1024
    assert last_entry(journal.path) == entry("typing " * 10 + "1999", 1999)


def test_only_journals_of_dead_processes_of_the_same_user_are_orphaned(tmp_path):
    folder = tmp_path / "journal"
    mine = EditJournal(folder, "wang.fang")
    mine.record(entry("still typing"))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    orphan = folder / f"wang.fang.{int(dead.stdout)}.1.journal"
    orphan.write_bytes(entry("lost").to_line())
    (folder / f"li.mei.{int(dead.stdout)}.1.journal").write_bytes(entry("someone else's").to_line())

    assert list(orphaned_journals(folder, "wang.fang")) == [orphan]
    assert os.getpid() != int(dead.stdout)


def test_lines_that_are_not_entries_are_refused(tmp_path):
    path = tmp_path / "x.journal"
    path.write_bytes(b'{"document_id": 5, "segment_id": "x"}\n[1, 2]\nnot json\n')
    assert last_entry(path) is None


def test_a_database_server_workspace_keeps_its_journals_in_the_user_data_folder(tmp_path):
    assert journal_folder(tmp_path, "ignored") == tmp_path / "journal"
    one = journal_folder(None, "postgresql+psycopg://studio@db/one")
    two = journal_folder(None, "postgresql+psycopg://studio@db/two")
    assert one != two and one.parent == two.parent


def test_a_journal_left_by_a_killed_window_with_this_same_process_id_is_replayed(tmp_path):
    # In a container or a Flatpak sandbox the restarted window often gets the id of the one that was killed.
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    orphan = folder / f"wang.fang.{os.getpid()}.1.journal"
    orphan.write_bytes(entry("يجب على", 3).to_line())

    assert list(orphaned_journals(folder, "wang.fang")) == [orphan]
    assert last_entry(orphan) == entry("يجب على", 3)


def test_a_new_window_never_opens_or_clears_an_old_windows_file(tmp_path):
    # Whatever name a killed window with this same process id gave its journal, a new one picks another.
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    left = [folder / f"wang.fang.{os.getpid()}.{n}.journal" for n in range(1, 101)]
    for path in left:
        path.write_bytes(entry("lost").to_line())

    journal = EditJournal(folder, "wang.fang")
    journal.record(entry("new"))
    assert journal.path not in left
    journal.clear()

    assert all(last_entry(path) == entry("lost") for path in left)
    assert sorted(orphaned_journals(folder, "wang.fang")) == sorted(left)


def test_a_journal_held_by_another_open_window_of_this_process_is_not_an_orphan(tmp_path):
    folder = tmp_path / "journal"
    first, second = EditJournal(folder, "wang.fang"), EditJournal(folder, "wang.fang")
    first.record(entry("first window"))
    second.record(entry("second window"))
    for _ in range(80):  # compacting replaces the file: the new one is held as well
        second.record(entry("second window " * 100))

    assert list(orphaned_journals(folder, "wang.fang")) == []
    first.clear()
    assert list(orphaned_journals(folder, "wang.fang")) == []


def test_a_journal_compacted_while_another_window_checks_it_is_not_taken_for_an_orphan(tmp_path, monkeypatch):
    """The check opens the file, then locks it: if the live window compacts in between (a new, locked file put
    in place, the old one closed), the lock is had on the old file and must not count."""
    import studio.journal as journal

    folder = tmp_path / "journal"
    live = EditJournal(folder, "editor")
    live.record(entry("x" * 70_000))
    real_open = os.open
    compacted = []

    def open_then_compact(path, flags, *args):
        fd = real_open(path, flags, *args)
        if str(path) == str(live.path) and not compacted:
            compacted.append(True)
            live.record(entry("y"))  # over 64 KiB: the live window replaces its file
        return fd

    monkeypatch.setattr(journal.os, "open", open_then_compact)
    assert list(orphaned_journals(folder, "editor")) == []
    assert compacted


# A window in another process: it journals, says where, and keeps running until it is killed.
LIVE_WINDOW = r"""
import sys
from pathlib import Path

from studio.journal import EditJournal, JournalEntry

journal = EditJournal(Path(sys.argv[1]), "wang.fang")
journal.record(JournalEntry("doc-1", 7, "ar", 1, 3, "يجب"))
print(journal.path, flush=True)
sys.stdin.readline()
"""


def test_a_journal_is_an_orphan_once_its_window_is_killed_and_not_before(tmp_path):
    folder = tmp_path / "journal"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    window = subprocess.Popen([sys.executable, "-c", LIVE_WINDOW, str(folder)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env, cwd=ROOT)
    try:
        assert window.stdout is not None
        path = Path(window.stdout.readline().strip())
        assert path.parent == folder
        assert list(orphaned_journals(folder, "wang.fang")) == []
    finally:
        window.kill()
        window.communicate(timeout=30)

    assert list(orphaned_journals(folder, "wang.fang")) == [path]
    assert last_entry(path) == JournalEntry("doc-1", 7, "ar", 1, 3, "يجب")


def test_a_users_journals_are_not_those_of_a_user_whose_name_starts_alike(tmp_path):
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    (folder / "wang.fang.123.1.journal").write_bytes(entry("wang.fang's").to_line())
    theirs = folder / "wang.123.1.journal"
    theirs.write_bytes(entry("wang's").to_line())

    assert list(orphaned_journals(folder, "wang")) == [theirs]
