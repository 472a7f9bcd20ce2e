"""The command line: `token` prints the token alone, `serve` prints its URL alone, and the server can be
killed and started again on its data."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import requests

from reference_portal.storage import default_data_dir
from tests.portal.helpers import TIMEOUT, api_client, core_body, new_id
from tests.portal.server import Portal, make_token, portal_command, portal_env, running_portal


def test_token_prints_only_the_token_and_stores_only_its_hash(tmp_path: Path) -> None:
    token = make_token(tmp_path, "content:read", name="studio-test")

    assert re.fullmatch(r"rpt_[A-Za-z0-9_-]{40,}", token)
    with sqlite3.connect(tmp_path / "portal.db") as conn:
        rows = conn.execute("SELECT hash, name, scopes FROM tokens").fetchall()
    conn.close()
    assert len(rows) == 1 and rows[0][1:] == ("studio-test", "content:read")
    assert token not in rows[0][0] and len(rows[0][0]) == 64
    assert token.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())


def test_token_refuses_an_unknown_scope_and_prints_nothing(tmp_path: Path) -> None:
    for args in (["--scope", "content:admin"], ["--scope", "content:read", "--expires-in", "-1"], []):
        done = subprocess.run(portal_command("token", "--data", str(tmp_path), *args), capture_output=True,
                              text=True, env=portal_env(), timeout=60, check=False)
        assert done.returncode == 2 and done.stdout == "" and done.stderr


def test_serve_prints_its_url_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    process = subprocess.Popen(portal_command("serve", "--port", "0", "--data", str(tmp_path), "--log-level", "info",
                                              "--exit-with-stdin"),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=portal_env())
    try:
        assert process.stdout is not None and process.stdin is not None
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        for _ in range(5):
            assert requests.get(f"{url}/en/", timeout=TIMEOUT).status_code == 200
        # communicate() closes stdin, and with --exit-with-stdin the server stops when it is closed.
        rest, log = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert rest == ""  # the access log went to stderr
    assert "GET /en/" in log


def test_serve_on_a_port_in_use_fails_with_a_message(tmp_path: Path) -> None:
    with running_portal(tmp_path / "first") as first:
        done = subprocess.run(portal_command("serve", "--port", str(first.port), "--data", str(tmp_path / "second")),
                              capture_output=True, text=True, env=portal_env(), timeout=60, check=False)
    assert done.returncode == 1 and done.stdout == "" and "cannot serve" in done.stderr


def test_a_killed_portal_starts_again_on_its_port_with_its_data(tmp_path: Path) -> None:
    document_id = new_id()
    with running_portal(tmp_path / "portal") as portal:
        token = portal.token()
        url = portal.url
        with api_client(portal.url, token) as api:
            assert api.put_core(document_id, core_body()).status_code == 201

        portal.kill()
        assert not portal.running
        try:
            requests.get(f"{url}/v1/capabilities", timeout=TIMEOUT)
            raise AssertionError("a killed portal answered")
        except requests.ConnectionError:
            pass

        portal.start()
        assert portal.url == url
        with api_client(portal.url, token) as api:
            assert api.get(f"/v1/documents/{document_id}").status_code == 200


def test_stop_is_graceful(tmp_path: Path) -> None:
    portal = Portal(tmp_path / "portal", faults=False)
    portal.start()
    try:
        process = portal._process
        portal.stop()
        assert process is not None and process.returncode == 0
    finally:
        portal.kill()
        portal._close()


def test_the_default_data_folder_is_per_user(tmp_path: Path) -> None:
    assert default_data_dir().name == "studio-reference-portal"
