"""Names that are not UTF-8, as a zip archive made on another system or a mistyped environment leaves them:
they are read or refused in one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio.workspace import Workspace

PASSWORD = "boss-password"


def studio(folder: Path, *args: str, user: bytes = b"boss", password: bytes = PASSWORD.encode()
           ) -> subprocess.CompletedProcess[bytes]:
    env = {os.fsencode(k): os.fsencode(v) for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env[b"STUDIO_USER"], env[b"STUDIO_PASSWORD"] = user, password
    return subprocess.run([sys.executable, "-m", "studio", "--workspace", str(folder), *args], capture_output=True,
                          env=env, timeout=60, stdin=subprocess.DEVNULL)


def test_a_file_whose_name_is_not_utf8_is_imported(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    with Workspace.create(folder) as ws:
        ws.add_user("boss", ["supervisor", "editor"], PASSWORD)
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / os.fsdecode(b"caf\xe9-gbk-\xb1\xb1\xbe\xa9.md")).write_text("# Guide\n\nA sentence.\n",
                                                                         encoding="utf-8")
    result = studio(folder, "import", str(documents), "--type", "article", "--section", "live")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    with Workspace.open(folder, write=False) as ws:
        assert [d.title for d in ws.documents()] == ["Guide"]


def test_a_user_name_or_password_that_is_not_utf8_is_a_failed_sign_in(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    with Workspace.create(folder) as ws:
        ws.add_user("boss", ["supervisor", "editor"], PASSWORD)
    for user, password in ((b"e\xffx", PASSWORD.encode()), (b"boss", b"p\xffssword")):
        result = studio(folder, "user", "list", user=user, password=password)
        assert result.returncode == 1
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        assert len(lines) == 1 and "wrong user name or password" in lines[0]
