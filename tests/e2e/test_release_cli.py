"""`studio portal`, `studio release` and `studio sync` as a user runs them, in child processes, against the reference
portal that `studio portal serve --background` starts: compose, push, status and list with --json and exit codes
(0 published, 1 an error in one line, 3 not published because of the portal's changes or refusals)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.e2e.test_cli import studio

SUPERVISOR = {"STUDIO_USER": "supervisor", "STUDIO_PASSWORD": "supervisor-demo"}
SCOPES = ("content:read", "content:write", "release:create")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("portal")
    started = studio("portal", "serve", "--background", "--port", "0", "--data", str(data))
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip()
    assert url.startswith("http://127.0.0.1:")
    again = studio("portal", "serve", "--background", "--port", "0", "--data", str(data))
    assert again.stdout.strip() == url  # one server per folder
    try:
        yield url, data
    finally:
        stopped = studio("portal", "stop", "--data", str(data))
        assert stopped.returncode == 0 and "Stopped" in stopped.stdout, stopped.stderr


def token(data: Path, *scopes: str, expires_in: str | None = None) -> str:
    args = ["portal", "token", "--data", str(data), "--name", "supervisor"]
    for scope in scopes or SCOPES:
        args += ["--scope", scope]
    if expires_in is not None:
        args += ["--expires-in", expires_in]
    made = studio(*args)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    made = studio("--workspace", str(folder), "demo")
    assert made.returncode == 0, made.stderr
    return folder


def run(folder: Path, env: dict[str, str], *args: str):
    return studio("--workspace", str(folder), *args, env={**SUPERVISOR, **env})


def test_compose_push_follow_and_list_a_release(demo, portal, tmp_path):
    url, data = portal
    env = {"STUDIO_PORTAL_URL": url, "STUDIO_PORTAL_TOKEN": token(data), "STUDIO_PORTAL_CONFIG": str(tmp_path / "p.json")}
    status = run(demo, env, "portal", "status", "--json")
    assert json.loads(status.stdout) == {"url": url, "token": True, "reachable": True, "channels": ["portal"],
                                         "locales": ["zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar"]}

    created = run(demo, env, "release", "create", "--all-ready", "--title", "Demo: first release", "--json")
    assert created.returncode == 0, created.stderr
    composed = json.loads(created.stdout)
    assert composed["items"] > 50 and composed["held_back"]
    release = composed["id"]

    pushed = run(demo, env, "release", "push", release[:8], "--json")
    assert pushed.returncode == 0, pushed.stderr
    report = json.loads(pushed.stdout)
    assert report["published"] and report["staged"] == composed["items"] and not report["replayed"]

    shown = run(demo, env, "release", "status", release, "--json")
    view = json.loads(shown.stdout)
    assert view["state"] == "published" and view["outbox"] == 0
    assert {i["state"] for i in view["item_list"]} == {"published"}
    text = run(demo, env, "release", "status", release[:8])
    assert "published" in text.stdout and "0 write(s) in the outbox" in text.stdout

    listed = run(demo, env, "release", "list", "--json")
    assert [(r["id"], r["state"], r["items"]) for r in json.loads(listed.stdout)] == [
        (release, "published", composed["items"])]
    assert release[:8] in run(demo, env, "release", "list").stdout

    live = requests.get(f"{url}/zh/", timeout=10).text
    assert "外国人来华工作许可" in live  # the work-permit guide's source is live on the Chinese site

    pulled = run(demo, env, "sync", "pull", "--json")
    assert json.loads(pulled.stdout)["changed_on_portal"] == []
    again = run(demo, env, "release", "push", release)
    assert again.returncode == 0 and "published" in again.stdout
    nothing = run(demo, env, "release", "create", "--all-ready", "--title", "Nothing new")
    assert nothing.returncode == 1 and "nothing to release" in nothing.stderr


def test_errors_are_one_line_and_never_show_the_token(demo, portal, tmp_path):
    url, data = portal
    config = {"STUDIO_PORTAL_CONFIG": str(tmp_path / "p.json")}
    unset = run(demo, config, "release", "create", "--all-ready", "--title", "Where to?")
    assert unset.returncode == 1 and "no portal is set up: run 'studio portal connect URL'" in unset.stderr

    expired = token(data, expires_in="0")
    env = {**config, "STUDIO_PORTAL_URL": url, "STUDIO_PORTAL_TOKEN": expired}
    created = run(demo, env, "release", "create", "--document", "work-permit", "--locale", "zh-Hans", "--title", "X")
    assert created.returncode == 0, created.stderr
    release = created.stdout.split()[1].rstrip(":")
    pushed = run(demo, env, "release", "push", release)
    assert pushed.returncode == 1
    assert pushed.stderr.count("\n") == 1 and "refused the token" in pushed.stderr and expired not in pushed.stderr

    read_only = {**env, "STUDIO_PORTAL_TOKEN": token(data, "content:read", "content:write")}
    pushed = run(demo, read_only, "release", "push", release)
    assert pushed.returncode == 1 and "lacks the scope release:create" in pushed.stderr

    editor = studio("--workspace", str(demo), "release", "create", "--all-ready", "--title", "Mine",
                    env={**env, "STUDIO_USER": "editor", "STUDIO_PASSWORD": "editor-demo"})
    assert editor.returncode == 1 and "may not publish releases" in editor.stderr


def test_connect_keeps_the_address_and_refuses_plain_http_to_another_computer(demo, portal, tmp_path):
    url, data = portal
    config = {"STUDIO_PORTAL_CONFIG": str(tmp_path / "p.json"), "STUDIO_PORTAL_TOKEN": token(data)}
    connected = run(demo, config, "portal", "connect", url + "/")
    assert connected.returncode == 0, connected.stderr
    assert json.loads((tmp_path / "p.json").read_text())["url"] == url
    assert config["STUDIO_PORTAL_TOKEN"] not in (tmp_path / "p.json").read_text()
    refused = run(demo, config, "portal", "connect", "http://portal.example.gov.cn")
    assert refused.returncode == 1 and "must be reached over https" in refused.stderr


def test_portal_stop_never_stops_a_process_that_took_the_number_of_an_old_portal(tmp_path):
    import subprocess
    import sys

    data = tmp_path / "portal"
    data.mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # the portal's number, written before a restart of the computer, now given to another program
        (data / "portal.pid").write_text(f"{other.pid}\nhttp://127.0.0.1:8765\n", encoding="utf-8")
        stopped = studio("portal", "stop", "--data", str(data))
        assert stopped.returncode == 0 and "No reference portal runs" in stopped.stdout
        assert other.poll() is None  # still running
    finally:
        other.kill()
        other.wait()
