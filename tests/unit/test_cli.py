"""The command line as a user runs it: real processes, exit codes, one-line errors, stable JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import guide, office, write_json


def studio(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
           drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_") and k not in drop}
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
