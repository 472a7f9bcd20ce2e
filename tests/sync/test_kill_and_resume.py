"""A push killed with SIGKILL at random moments and started again, 50 times: every item is published exactly once
(checked through the portal's own API and change feed) and the outbox ends empty.

Each trial composes a release of its own documents, runs `studio release push` in a child process, kills it after a
random delay (anywhere from its start-up to its end: reading the outbox, staging, publishing, recording the answer),
then runs it again until it exits having published. The portal answers every write a little late, so a push lasts
long enough for the kills to land inside it, and a kill while a write is on the wire leaves the portal to finish it
with nobody listening, as a lost answer would."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.portal.server import REPO_ROOT, running_portal
from tests.sync.conftest import ALL_SCOPES, PortalApi
from tests.sync.helpers import approved_corpus, import_documents

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

TRIALS = 50
DOCUMENTS_PER_TRIAL = 4  # guides of 1 core and 4 variants each: 20 writes and a release per trial


def _child_env(tmp_path: Path, url: str, token: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(STUDIO_PASSWORD="boss-password", STUDIO_PORTAL_URL=url, STUDIO_PORTAL_TOKEN=token,
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p))
    return env


def test_a_push_killed_at_random_moments_publishes_every_item_exactly_once(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    seed = int(os.environ.get("STUDIO_KILL_SEED", time.time()))
    rng = random.Random(seed)
    corpus = approved_corpus(TRIALS * DOCUMENTS_PER_TRIAL, ["fr", "de", "ar"], offices=2)
    import_documents(ws, tmp_path, corpus)
    offices = [corpus[0]["slug"], corpus[1]["slug"]]
    with running_portal(tmp_path / "portal", faults=True) as portal:
        api = PortalApi(portal, portal.token(*ALL_SCOPES))
        env = _child_env(tmp_path, portal.url, portal.token(*ALL_SCOPES))
        # The offices the guides name go first, unkilled; then every trial's writes answer late.
        assert _push(ws, env, ws.compose_release(portal.url, "Offices", documents=offices).release_id) == 0
        portal.fault(method="PUT", path="/v1/documents/", fault="slow", seconds=0.05, times=None)
        portal.fault(method="POST", path="/v1/releases", fault="slow", seconds=0.3, times=None)

        started = time.monotonic()
        full_run = _timed_push(ws, env, portal.url, _slugs(0))  # how long an unkilled push takes, start to end
        kills = Counter[str]()
        for trial in range(1, TRIALS):
            release_id = ws.compose_release(portal.url, f"Trial {trial}", documents=_slugs(trial)).release_id
            delay = rng.uniform(0.05, full_run)
            kills[_push_killed(ws, env, release_id, delay)] += 1
            runs = 0
            while (code := _push(ws, env, release_id)) != 0:
                runs += 1
                assert runs < 5, f"trial {trial} (seed {seed}) did not finish: exit {code}"
            _published_once(ws, api, release_id)
        elapsed = time.monotonic() - started

    releases = ws.releases()
    assert sum(r.state == "published" for r in releases) == TRIALS + 1, f"seed {seed}"
    assert ws.outbox_size() == 0
    with running_portal(tmp_path / "portal") as portal:
        api = PortalApi(portal, portal.token(*ALL_SCOPES))
        api_releases = api.releases()
        feed = _feed(api)
    assert len(api_releases) == TRIALS + 1, f"seed {seed}: the portal holds {len(api_releases)} releases"
    published = Counter((c["document_id"], c["locale"]) for c in feed if c["kind"] == "release")
    items = {(i.document_id, i.locale) for r in releases for i in ws.release(r.id).items}
    assert set(published) == items and set(published.values()) == {1}, f"seed {seed}: published twice"
    print(f"\n{TRIALS} trials in {elapsed:.0f} s (seed {seed}); killed while {dict(kills)}")


def _slugs(trial: int) -> list[str]:
    return [f"guide-{trial * DOCUMENTS_PER_TRIAL + i}" for i in range(DOCUMENTS_PER_TRIAL)]


def _command(ws, release_id: str) -> list[str]:
    return [sys.executable, "-m", "studio", "--workspace", str(ws.folder), "--user", "boss", "release", "push",
            release_id]


def _push(ws, env: dict[str, str], release_id: str) -> int:
    done = subprocess.run(_command(ws, release_id), env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode


def _timed_push(ws, env: dict[str, str], url: str, slugs: list[str]) -> float:
    release_id = ws.compose_release(url, "Trial 0", documents=slugs).release_id
    start = time.monotonic()
    assert _push(ws, env, release_id) == 0
    return time.monotonic() - start


def _push_killed(ws, env: dict[str, str], release_id: str, delay: float) -> str:
    """Start a push, SIGKILL it after `delay` seconds; say how far it had got."""
    child = subprocess.Popen(_command(ws, release_id), env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        child.wait(delay)
        return "finished before the kill"
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    view = ws.release(release_id)
    states = Counter(i.state for i in view.items)
    if view.row.state == "published":
        return "recording it (published)"
    if states["staged"] == len(view.items):
        return "publishing"
    if states["staged"]:
        return "staging"
    return "starting"


def _published_once(ws, api: PortalApi, release_id: str) -> None:
    view = ws.release(release_id)
    assert view.row.state == "published" and ws.outbox_size(release_id) == 0
    release = api.get(f"/v1/releases/{view.row.remote_id}")
    assert len(release["items"]) == len(view.items)
    for item in view.items:
        path = f"/v1/documents/{item.document_id}" + (f"/locales/{item.locale}" if item.locale else "")
        live = api.get(path)["live"]
        assert (live["release_id"], live["content_hash"]) == (view.row.remote_id, item.content_hash)


def _feed(api: PortalApi) -> list[dict]:
    changes, cursor = [], ""
    while True:
        page = api.get("/v1/changes?limit=1000" + (f"&cursor={cursor}" if cursor else ""))
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes
