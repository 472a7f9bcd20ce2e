"""The edit journal without Qt: the newest whole entry wins, a line cut short by a kill is skipped, files are the
owner's only, and only journals of windows whose process is gone are offered for replay."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from studio.journal import EditJournal, JournalEntry, journal_folder, last_entry, orphaned_journals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and process ids")


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
