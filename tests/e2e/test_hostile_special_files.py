"""Special files given to `studio import` as a user runs it: devices, pipes and links to them are refused at once
with one clear line, never a hang or a traceback, and nothing is stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.workspace import Workspace

PASSWORD = "boss-password"


@pytest.fixture
def workspace_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    with Workspace.create(folder, None) as ws:
        ws.add_user("boss", ["supervisor", "editor"], PASSWORD)
    return folder


def studio_import(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`studio import` as a user runs it; the timeout turns the old hang on a FIFO into a failure, not a stall."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env["STUDIO_PASSWORD"] = PASSWORD
    return subprocess.run([sys.executable, "-m", "studio", "--workspace", str(folder), "--user", "boss", "import",
                           *args], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)


def document_count(folder: Path) -> int:
    with Workspace.open(folder) as ws:
        return len(ws.documents())


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_it(workspace_folder, special):
    if not os.path.exists(special):
        pytest.skip(f"no {special} here")
    result = studio_import(workspace_folder, special, "--type", "article", "--section", "live")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"studio: {special}: not a regular file (a device, pipe or socket?); import only ordinary files"]
    assert document_count(workspace_folder) == 0


def test_a_fifo_named_like_a_document_is_refused_at_once(workspace_folder, tmp_path):
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    result = studio_import(workspace_folder, str(fifo), "--type", "article", "--section", "live")
    assert result.returncode == 1
    assert result.stderr.strip() == f"studio: {fifo}: not a regular file (a device, pipe or socket?); " \
                                    "import only ordinary files"


def test_a_link_to_a_device_inside_a_folder_refuses_the_whole_folder(workspace_folder, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.md").write_text("# 好消息\n\n正文。\n", encoding="utf-8")
    (folder / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.json")
    result = studio_import(workspace_folder, str(folder), "--type", "article", "--section", "live")
    assert result.returncode == 1
    assert "pipe.json: not a regular file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert document_count(workspace_folder) == 0
