"""The command line as a user runs it: real processes, exit codes, one-line errors, stable JSON."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command as alembic_command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, select, text

from studio.db import MIGRATIONS_DIR, known_revisions, make_engine
from tests.helpers import guide, office, snapshot, write_json


def studio(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
           drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_") and k not in drop}
    # Never the keyring of the machine running the tests: a test's keys must not land in a developer's keyring.
    full_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "studio", *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "ws"
    result = studio("--workspace", str(folder), "demo")
    assert result.returncode == 0, result.stderr
    assert "editor-demo" in result.stdout  # the demo passwords are printed
    return folder


def test_demo_then_status_shows_sections_guides_and_all_locales(demo_workspace):
    result = studio("--workspace", str(demo_workspace), "status", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["key"] for s in report["sections"]] == ["invest", "work", "study", "live", "visit", "shop"]
    assert report["documents"]["procedure_guide"] >= 15
    assert report["locales"] == ["zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
    states = {state for s in report["sections"] for loc in s["cells"].values() for state, n in loc.items() if n}
    assert states == {"missing", "draft", "translated", "approved", "outdated"}
    assert all(set(s["cells"]) == set(report["locales"]) for s in report["sections"])


def test_demo_refuses_to_overwrite_without_force(demo_workspace):
    result = studio("--workspace", str(demo_workspace), "demo")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("already has content; use --force to replace it")
    assert len(result.stderr.strip().splitlines()) == 1


def test_documents_list_and_show(demo_workspace):
    listed = json.loads(studio("--workspace", str(demo_workspace), "documents", "list", "--json").stdout)
    assert {"id", "type", "section", "slug", "source_locale", "title", "version", "updated_at", "segments"} <= set(listed[0])
    guide_row = next(d for d in listed if d["type"] == "procedure_guide")
    shown = studio("--workspace", str(demo_workspace), "documents", "show", guide_row["slug"], "--locale", "en",
                   "--json")
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert view["id"] == guide_row["id"] and view["fields"]["title"] == guide_row["title"]
    assert all(set(seg["cells"]) <= {"en"} for seg in view["segments"])
    text = studio("--workspace", str(demo_workspace), "documents", "show", guide_row["id"])
    assert guide_row["title"] in text.stdout


def test_import_as_the_demo_editor_and_bad_password(demo_workspace, tmp_path):
    path = write_json(tmp_path / "guides.json", [office("cli-office"), guide("cli-guide", fields={
        **guide()["fields"], "offices": ["cli-office"]})])
    wrong = studio("--workspace", str(demo_workspace), "--user", "editor", "import", str(path), "--type",
                   "procedure_guide", env={"STUDIO_PASSWORD": "nope"})
    assert wrong.returncode == 1
    assert wrong.stderr == "studio: wrong user name or password for 'editor'\n"
    mixed = studio("--workspace", str(demo_workspace), "--user", "editor", "import", str(path), "--type",
                   "procedure_guide", env={"STUDIO_PASSWORD": "editor-demo"})
    assert mixed.returncode == 1  # the office is not a procedure guide
    assert "is of type 'office', not 'procedure_guide'" in mixed.stderr
    write_json(path, [guide("cli-guide", fields={**guide()["fields"], "offices": []})])
    ok = studio("--workspace", str(demo_workspace), "--user", "editor", "import", str(path), "--type",
                "procedure_guide", env={"STUDIO_PASSWORD": "editor-demo"})
    assert ok.returncode == 0, ok.stderr
    assert "imported 1 document" in ok.stdout


def test_import_without_signing_in_is_refused(demo_workspace, tmp_path):
    path = write_json(tmp_path / "o.json", office("lonely-office"))
    result = studio("--workspace", str(demo_workspace), "import", str(path), "--type", "office")
    assert result.returncode == 1
    assert "you must sign in as a user with the editor role" in result.stderr


def test_users_are_managed_by_the_supervisor(demo_workspace):
    sup = {"STUDIO_PASSWORD": "supervisor-demo", "STUDIO_NEW_PASSWORD": "anna-password"}
    added = studio("--workspace", str(demo_workspace), "--user", "supervisor", "user", "add", "anna", "--role",
                   "reviewer", "--locales", "ar,ja", env=sup)
    assert added.returncode == 0, added.stderr
    users = json.loads(studio("--workspace", str(demo_workspace), "--user", "anna", "user", "list", "--json",
                              env={"STUDIO_PASSWORD": "anna-password"}).stdout)
    assert {"name": "anna", "display_name": "anna", "roles": ["reviewer"], "review_locales": ["ar", "ja"]} in users
    denied = studio("--workspace", str(demo_workspace), "--user", "editor", "user", "add", "eve", "--role",
                    "supervisor", env={"STUDIO_PASSWORD": "editor-demo", "STUDIO_NEW_PASSWORD": "eve-password"})
    assert denied.returncode == 1 and "needs the supervisor role" in denied.stderr
    changed = studio("--workspace", str(demo_workspace), "--user", "anna", "user", "passwd", "anna",
                     env={"STUDIO_PASSWORD": "anna-password", "STUDIO_NEW_PASSWORD": "anna-password-2"})
    assert changed.returncode == 0, changed.stderr


def test_errors_and_usage(tmp_path):
    missing = studio("--workspace", str(tmp_path / "nowhere"), "status")
    assert (missing.returncode, missing.stderr.count("\n")) == (1, 1)
    assert "no workspace at" in missing.stderr
    assert studio("status", "--bogus").returncode == 2
    assert studio("--database-url", "nosuch://x", "status").returncode == 1
    env_url = studio("status", env={"STUDIO_WORKSPACE": str(tmp_path / "nowhere-either")})
    assert "nowhere-either" in env_url.stderr


def test_init_creates_an_empty_workspace_with_an_admin(tmp_path):
    folder = tmp_path / "fresh"
    result = studio("--workspace", str(folder), "init", "--admin", "wang",
                    env={"STUDIO_NEW_PASSWORD": "wang-password"})
    assert result.returncode == 0, result.stderr
    users = json.loads(studio("--workspace", str(folder), "--user", "wang", "user", "list", "--json",
                              env={"STUDIO_PASSWORD": "wang-password"}).stdout)
    assert users[0]["roles"] == ["editor", "reviewer", "supervisor"]
    again = studio("--workspace", str(folder), "init")
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.gui  # renders Studio's window
def test_the_first_run_creates_the_demo_workspace_and_renders_the_window(tmp_path):
    """What `make run` does on a new machine, with the window rendered offscreen instead of shown."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    shot = tmp_path / "main.png"
    result = studio("gui", "--screenshot", str(shot), "--size", "1024x700", env=env)
    assert result.returncode == 0, result.stderr
    assert "Demo users" in result.stdout
    assert (tmp_path / "data" / "Studio" / "workspace" / "studio.db").is_file()
    assert shot.read_bytes().startswith(b"\x89PNG")
    again = studio("status", "--json", env=env)
    assert json.loads(again.stdout)["documents"]["procedure_guide"] >= 15


def test_the_window_needs_a_display(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    studio("--workspace", str(tmp_path / "ws"), "init")
    result = studio("--workspace", str(tmp_path / "ws"), "gui", env=env,
                    drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert result.returncode == 1
    assert "no display to open the window on" in result.stderr


# --- issue 7: workspace lifecycle, accounts and secrets -----------------------------------------------------

def _location_args(database: tuple[Path | None, str | None]) -> list[str]:
    folder, url = database
    return ["--workspace", str(folder)] if folder is not None else ["--database-url", url or ""]


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def _stored_rows(database: tuple[Path | None, str | None]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, or {} when there is no database at all (nothing was created)."""
    folder, url = database
    if folder is not None and not (folder / "studio.db").exists():
        return {}
    engine = create_engine(url or f"sqlite:///{folder / 'studio.db'}")
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        rows = {name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr) for name, t in tables.tables.items()}
    engine.dispose()
    return rows


def test_demo_force_by_another_supervisor_keeps_the_teams_accounts(tmp_path):
    """Issue 7, item 1: a real account named `editor` was re-keyed to the published demo password, a
    `supervisor` account appeared, and a permission failure midway left 0 documents."""
    ws = ["--workspace", str(tmp_path / "ws")]
    chief = {"STUDIO_PASSWORD": "chief-password"}
    assert studio(*ws, "init", "--admin", "chief", env={"STUDIO_NEW_PASSWORD": "chief-password"}).returncode == 0
    for name, role in (("editor", "reviewer"), ("mei", "editor")):
        added = studio(*ws, "--user", "chief", "user", "add", name, "--role", role, "--locales", "fr",
                       env={**chief, "STUDIO_NEW_PASSWORD": f"{name}-password"})
        assert added.returncode == 0, added.stderr
    path = write_json(tmp_path / "own.json", [office("own-office")])
    assert studio(*ws, "--user", "mei", "import", str(path), "--type", "office",
                  env={"STUDIO_PASSWORD": "mei-password"}).returncode == 0
    accounts_before = _stored_rows((tmp_path / "ws", None))["users"]

    result = studio(*ws, "--user", "chief", "demo", "--force", env=chief)
    assert result.returncode == 0, result.stderr
    assert "no demo account was added" in result.stdout and "editor-demo" not in result.stdout
    assert _stored_rows((tmp_path / "ws", None))["users"] == accounts_before
    listed = json.loads(studio(*ws, "documents", "list", "--json").stdout)
    assert listed and "own-office" not in {d["slug"] for d in listed}
    wrong = studio(*ws, "--user", "editor", "user", "list", env={"STUDIO_PASSWORD": "editor-demo"})
    assert wrong.returncode == 1  # the published demo password opens nothing here


def test_init_then_demo_on_an_empty_database_or_a_zero_length_file(database):
    """Issue 7, item 5: opening used to create the tables, then `init` said a workspace existed."""
    folder, _url = database
    if folder is not None:
        folder.mkdir()
        (folder / "studio.db").touch()
    where = _location_args(database)
    refused = _one_clear_line(studio(*where, "status"))
    assert "create a workspace there with 'studio init'" in refused or "create one with 'studio init'" in refused
    assert _stored_rows(database) == {}  # no table was made
    assert folder is None or (folder / "studio.db").stat().st_size == 0
    init = studio(*where, "init")
    assert init.returncode == 0, init.stderr
    demo = studio(*where, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "editor-demo" in demo.stdout
    report = json.loads(studio(*where, "status", "--json").stdout)
    assert report["documents"]["procedure_guide"] >= 1


def test_demo_on_an_empty_database_creates_the_workspace(database):
    where = _location_args(database)
    demo = studio(*where, "demo")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(studio(*where, "status", "--json").stdout)["documents"]


@pytest.mark.parametrize("password, said", [
    ("short", "a password needs at least 8 characters"),
    (" " * 8, "a password cannot be only spaces"),
    (None, "is needed: set STUDIO_NEW_PASSWORD or run in a terminal"),
])
def test_init_with_an_admin_that_fails_leaves_nothing_behind(database, password, said):
    """Issue 7, item 6: a refused admin left a workspace without any account behind."""
    where = _location_args(database)
    result = studio(*where, "init", "--admin", "wang", env={"STUDIO_NEW_PASSWORD": password} if password else {})
    assert said in _one_clear_line(result)
    assert _stored_rows(database) == {}
    folder, _url = database
    assert folder is None or not folder.exists()


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://studio:S3cretPW@localhost:notaport/studio",
    "postgresql+psycopg://studio:S3cretPW@[::1/studio",
    "postgresql+psycopg://studio:S3cret@PW@127.0.0.1:1/studio",
    "postgresql+psycopg://studio@127.0.0.1:1/studio?password=S3cretPW",
    "S3cretPW is not a URL",
])
def test_a_bad_database_url_gives_one_line_without_its_secrets(url):
    """Issue 7, items 9 and 16."""
    for command in (["status"], ["init"], ["demo"]):
        message = _one_clear_line(studio("--database-url", url, *command))
        assert "S3cret" not in message and "PW" not in message


def test_read_only_folder_reads_but_refuses_writes(tmp_path):
    """Issue 7, item 12: in a read-only folder even `status` was refused."""
    folder = tmp_path / "ws"
    assert studio("--workspace", str(folder), "demo").returncode == 0
    folder.chmod(0o555)
    try:
        changed_at = folder.stat().st_mtime_ns
        for command in (["status"], ["documents", "list"], ["--user", "editor", "user", "list"]):
            result = studio("--workspace", str(folder), *command, env={"STUDIO_PASSWORD": "editor-demo"})
            assert result.returncode == 0, result.stderr
        assert folder.stat().st_mtime_ns == changed_at
        path = write_json(tmp_path / "o.json", office("ro-office"))
        refused = studio("--workspace", str(folder), "--user", "editor", "import", str(path), "--type", "office",
                         env={"STUDIO_PASSWORD": "editor-demo"})
        assert f"{folder} is read-only: reading it works" in _one_clear_line(refused)
        assert folder.stat().st_mtime_ns == changed_at
    finally:
        folder.chmod(0o700)


def test_titles_with_control_and_bidi_characters_are_printed_visibly(demo_workspace):
    """Issue 7, item 10: ESC, BEL and bidi overrides went raw to the terminal."""
    engine = create_engine(f"sqlite:///{demo_workspace / 'studio.db'}")
    with engine.begin() as conn:
        slug = conn.execute(text("SELECT slug FROM documents ORDER BY slug LIMIT 1")).scalar_one()
        old = conn.execute(text("SELECT title FROM documents WHERE slug = :s"), {"s": slug}).scalar_one()
        conn.execute(text("UPDATE documents SET title = :t WHERE slug = :s"),
                     {"t": "\x1b]0;pwned\x07\u202etxt.exe\x9b", "s": slug})
    try:
        for command in (["documents", "list"], ["documents", "show", slug], ["documents", "list", "--json"]):
            out = studio("--workspace", str(demo_workspace), *command).stdout
            assert not any(ch in out for ch in "\x1b\x07\u202e\x9b"), command
            assert "pwned" in out
        listed = studio("--workspace", str(demo_workspace), "documents", "list").stdout
        assert "\\x1b]0;pwned\\x07\\u202etxt.exe\\x9b" in listed
        as_json = json.loads(studio("--workspace", str(demo_workspace), "documents", "list", "--json").stdout)
        assert "\x1b]0;pwned\x07\u202etxt.exe\x9b" in {d["title"] for d in as_json}  # JSON keeps the value
    finally:
        with engine.begin() as conn:
            conn.execute(text("UPDATE documents SET title = :t WHERE slug = :s"), {"t": old, "s": slug})
        engine.dispose()


def _downgrade_one_revision(folder: Path) -> tuple[str, str]:
    """Take an embedded workspace's schema one revision back, as an older Studio left it."""
    previous, head = known_revisions()[-2], known_revisions()[-1]
    engine = make_engine(f"sqlite:///{folder / 'studio.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        alembic_command.downgrade(config, previous)
    engine.dispose()
    return previous, head


@pytest.mark.skipif(len(known_revisions()) < 2, reason="only one schema revision so far: nothing is older")
def test_an_older_workspace_is_upgraded_only_by_studio_upgrade(tmp_path):
    """Issue 7, item 5: opening upgraded silently; now `studio upgrade` does it, and says so."""
    folder = tmp_path / "ws"
    assert studio("--workspace", str(folder), "init").returncode == 0
    previous, head = _downgrade_one_revision(folder)
    refused = studio("--workspace", str(folder), "status")
    assert f"older schema ({previous}; this Studio uses {head}); run 'studio upgrade'" in _one_clear_line(refused)
    upgraded = studio("--workspace", str(folder), "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout == f"Upgraded the workspace from schema {previous} to {head}.\n"
    assert studio("--workspace", str(folder), "status").returncode == 0
    # A copy as it was before the upgrade, whatever the day's backup holds.
    before = list((folder / "backups").glob(f"studio-before-{previous}-*.db"))
    assert len(before) == 1
    conn = sqlite3.connect(before[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
    conn.close()


def test_ctrl_c_after_the_commit_reports_what_was_stored(sqlite_workspace, tmp_path, capsys):
    """Issue 7, item 12: "cancelled; nothing was changed" was printed although the documents were stored.
    A real SIGINT arrives once the import's transaction has committed."""
    from studio.cli import _run
    from studio.content.importers import ImportOptions

    path = write_json(tmp_path / "o.json", office("late-office"))

    def import_then_ctrl_c():
        changes = yield from sqlite_workspace.import_files([path], ImportOptions())
        os.kill(os.getpid(), signal.SIGINT)
        return changes

    changes = _run(import_then_ctrl_c())
    assert changes.summary == "imported 1 document(s)"
    assert [d.slug for d in sqlite_workspace.documents()] == ["late-office"]
    assert "Ctrl+C came too late to cancel; the change was already stored: imported 1 document(s)" \
        in capsys.readouterr().err


def test_ctrl_c_before_the_commit_cancels_and_stores_nothing(sqlite_workspace, tmp_path):
    from studio.cli import _run
    from studio.content.importers import ImportOptions
    from studio.jobs import Cancelled

    path = write_json(tmp_path / "o.json", office("early-office"))

    def ctrl_c_while_reading():
        job = sqlite_workspace.import_files([path], ImportOptions())
        first = next(job)
        os.kill(os.getpid(), signal.SIGINT)
        yield first
        return (yield from job)

    before = snapshot(sqlite_workspace)
    with pytest.raises(Cancelled):
        _run(ctrl_c_while_reading())
    assert snapshot(sqlite_workspace) == before


@pytest.mark.gui  # renders Studio's window
@pytest.mark.skipif(len(known_revisions()) < 2, reason="only one schema revision so far: nothing is older")
def test_the_window_upgrades_an_older_workspace_and_says_so(tmp_path):
    """What `make run` starts may upgrade, but explicitly: it says so before opening the window."""
    folder = tmp_path / "ws"
    assert studio("--workspace", str(folder), "init").returncode == 0
    previous, head = _downgrade_one_revision(folder)
    shot = tmp_path / "main.png"
    result = studio("--workspace", str(folder), "gui", "--screenshot", str(shot), "--size", "800x600",
                    env={"XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert f"Upgrading the workspace from schema {previous} to {head}" in result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
