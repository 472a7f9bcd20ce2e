"""The corruption story from the command line: a damaged workspace refuses writes and says how to get back; a
backup, then a restore, brings back the last good state."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.e2e.test_cli import studio
from tests.helpers import damage, guide, office, write_json

BOSS = {"STUDIO_PASSWORD": "boss-password", "STUDIO_NEW_PASSWORD": "boss-password"}


def test_a_damaged_workspace_refuses_writes_and_a_restore_brings_it_back(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    assert studio("--workspace", ws, "init", "--admin", "boss", env=BOSS).returncode == 0
    for name, doc in (("office", office()), ("procedure_guide", guide())):
        imported = studio("--workspace", ws, "--user", "boss", "import", str(write_json(tmp_path / f"{name}.json", doc)),
                          "--type", name, env=BOSS)
        assert imported.returncode == 0, imported.stderr
    # Opening for writing made today's backup; `studio backup` makes another where the user says.
    daily = tmp_path / "ws" / "backups" / f"studio-{date.today().isoformat()}.db"
    assert daily.is_file()
    saved = tmp_path / "saved.db"
    assert studio("--workspace", ws, "backup", str(saved)).returncode == 0
    database = tmp_path / "ws" / "studio.db"
    damage(database)
    damaged = database.read_bytes()

    more = write_json(tmp_path / "more.json", [office("chaoyang-hall")])
    refused = studio("--workspace", ws, "--user", "boss", "import", str(more), "--type", "office", env=BOSS)
    assert refused.returncode == 1
    message = refused.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "is damaged" in message and "nothing was written" in message
    assert f"restore {daily}" in message
    assert database.read_bytes() == damaged

    restored = studio("--workspace", ws, "restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    kept = [p for p in (tmp_path / "ws").iterdir() if p.name.startswith("studio.db.replaced-")
            and not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [damaged]

    again = studio("--workspace", ws, "--user", "boss", "import", str(more), "--type", "office", env=BOSS)
    assert again.returncode == 0, again.stderr
    slugs = {d["slug"] for d in json.loads(studio("--workspace", ws, "documents", "list", "--json").stdout)}
    assert slugs == {"dongcheng-hall", "work-permit", "chaoyang-hall"}


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    assert studio("--workspace", ws, "init", "--admin", "boss", env=BOSS).returncode == 0
    before = (tmp_path / "ws" / "studio.db").read_bytes()
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    refused = studio("--workspace", ws, "restore", str(notes))
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"studio: {notes} is not a Studio workspace backup (not an SQLite database)")
    assert (tmp_path / "ws" / "studio.db").read_bytes() == before


def test_backup_of_a_database_server_says_what_to_use(tmp_path: Path) -> None:
    result = studio("--database-url", "postgresql+psycopg://studio:secret@127.0.0.1:1/nowhere", "backup",
                    str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "pg_dump" in result.stderr and "secret" not in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_the_window_on_a_damaged_workspace_says_so_in_one_line(tmp_path: Path) -> None:
    """The window checks in the background so it paints at once; a workspace too damaged to show is still
    refused with the way back, not with whatever reading it broke."""
    ws = str(tmp_path / "ws")
    assert studio("--workspace", ws, "init", "--admin", "boss", env=BOSS).returncode == 0
    imported = studio("--workspace", ws, "--user", "boss", "import", str(write_json(tmp_path / "o.json", office())),
                      "--type", "office", env=BOSS)
    assert imported.returncode == 0, imported.stderr
    damage(tmp_path / "ws" / "studio.db")
    shown = studio("--workspace", ws, "--user", "boss", "gui",
                   env={**BOSS, "QT_QPA_PLATFORM": "offscreen", "STUDIO_REPORT_FIRST_PAINT": "1",
                        "STUDIO_SETTINGS": str(tmp_path / "settings.ini")})
    assert shown.returncode == 1
    [line] = shown.stderr.strip().splitlines()
    assert "is damaged" in line and "nothing was written" in line and "restore" in line
