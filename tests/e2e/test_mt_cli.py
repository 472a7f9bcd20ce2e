"""`studio mt` as a user runs it, against a LibreTranslate-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studio.mt.masking import mask
from studio.workspace import Workspace
from tests.e2e.test_cli import studio
from tests.mt.servers import serving

EDITOR = {"STUDIO_USER": "editor", "STUDIO_PASSWORD": "editor-demo"}


def _cells(folder: Path) -> dict[tuple[int, str], tuple[str, str, str]]:
    """(segment, locale) -> (text, state, origin) of every stored cell of the workspace."""
    with Workspace.open(folder, write=False) as ws:
        return {(seg.id, loc): (c.text, c.state, c.origin)
                for d in ws.documents() for seg in ws.document(d.id).segments for loc, c in seg.cells.items()}


def _missing_french(folder: Path) -> set[int]:
    with Workspace.open(folder, write=False) as ws:
        return {seg.id for d in ws.documents() if d.source_locale != "fr"
                for seg in ws.document(d.id).segments
                if seg.cells.get("fr") is None or seg.cells["fr"].state in ("missing", "outdated")}


def _demo(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    made = studio("--workspace", str(folder), "demo")
    assert made.returncode == 0, made.stderr
    return folder


def test_pretranslate_all_fills_every_missing_french_cell_and_changes_nothing_else(tmp_path: Path) -> None:
    """The issue's "done when": with STUDIO_MT_LIBRETRANSLATE_URL set, `studio mt pretranslate --locale fr --all`
    fills every missing French cell of the demo workspace as a machine draft and changes nothing else."""
    folder = _demo(tmp_path)
    before, todo = _cells(folder), _missing_french(folder)
    assert todo
    with serving("libretranslate") as libre:
        env = {**EDITOR, "STUDIO_MT_LIBRETRANSLATE_URL": libre.url, "STUDIO_MT_CONFIG": str(tmp_path / "mt.json")}
        done = studio("--workspace", str(folder), "mt", "pretranslate", "--locale", "fr", "--all", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["drafted"] == {"fr": len(todo)}
    after = _cells(folder)
    filled = {key for key in after if after[key] != before.get(key)}
    assert filled == {(seg, "fr") for seg in todo}
    assert all(after[key][1:] == ("draft", "mt:libretranslate") for key in filled)
    assert _missing_french(folder) == set()


def test_engines_lists_the_catalogue_and_what_each_still_needs(tmp_path: Path) -> None:
    env = {"STUDIO_MT_CONFIG": str(tmp_path / "mt.json"), "STUDIO_MT_LIBRETRANSLATE_URL": "http://127.0.0.1:9"}
    listed = studio("mt", "engines", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    engines = {e["name"]: e for e in json.loads(listed.stdout)["engines"]}
    assert {"libretranslate", "deepl", "google", "llm", "offline", "pseudo"} <= set(engines)
    assert engines["libretranslate"]["set_up"] and "fr" in engines["libretranslate"]["routes"]
    assert engines["deepl"]["missing"] == ["key"]
    assert engines["libretranslate"]["translates"] == ["en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
    assert engines["deepl"]["translates"] == [] and engines["offline"]["translates"] == []  # no key; no model


def test_configure_keeps_options_in_the_settings_file_and_refuses_a_key_without_a_keyring(tmp_path: Path) -> None:
    env = {"STUDIO_MT_CONFIG": str(tmp_path / "mt.json"), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    set_url = studio("mt", "configure", "libretranslate", "--url", "http://127.0.0.1:5000", "--route", "fr", env=env)
    assert set_url.returncode == 0, set_url.stderr
    saved = json.loads((tmp_path / "mt.json").read_text(encoding="utf-8"))
    assert saved["engines"]["libretranslate"] == {"url": "http://127.0.0.1:5000"}
    assert saved["routes"]["fr"][0] == "libretranslate"
    refused = studio("mt", "configure", "deepl", "--key", "sk-secret-123", env=env)
    assert refused.returncode == 1
    assert "no keyring" in refused.stderr and "STUDIO_MT_DEEPL_KEY" in refused.stderr
    assert "sk-secret-123" not in refused.stderr and "sk-secret-123" not in (tmp_path / "mt.json").read_text()


def test_a_pretranslation_killed_midway_resumes_without_asking_again_for_what_it_wrote(tmp_path: Path) -> None:
    folder = _demo(tmp_path)
    todo = _missing_french(folder)
    with serving("libretranslate", delay=0.15) as libre:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}, **EDITOR,
               "STUDIO_MT_LIBRETRANSLATE_URL": libre.url, "STUDIO_MT_CONFIG": str(tmp_path / "mt.json")}
        command = [sys.executable, "-m", "studio", "--workspace", str(folder), "mt", "pretranslate", "--locale", "fr",
                   "--all"]
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(todo - _missing_french(folder)) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        written = todo - _missing_french(folder)
        assert 10 <= len(written) < len(todo), "killed midway"
        with Workspace.open(folder, write=False) as ws:
            texts = {seg.id: seg.text for d in ws.documents() for seg in ws.document(d.id).segments}
        asked_before = len(libre.seen)

        resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        asked_again = {text for seen in libre.seen[asked_before:] for text in seen.json()["q"]}
    assert not asked_again & {mask(texts[seg]).text for seg in written}
    assert _missing_french(folder) == set()
