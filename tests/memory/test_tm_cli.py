"""`studio tm import|export|lookup|pretranslate` from the command line, as a signed-in user."""

from __future__ import annotations

import json
import shutil
import subprocess

from studio.cli import main
from studio.workspace import Workspace
from tests.helpers import segment_id
from tests.memory.conftest import _fill
from tests.memory.test_tmx import DTD, OMEGAT


def test_import_lookup_export_and_pretranslate(tmp_path, capsys, monkeypatch):
    ws = ["--workspace", str(tmp_path / "w")]
    monkeypatch.setenv("STUDIO_NEW_PASSWORD", "boss-password")
    assert main([*ws, "init", "--admin", "boss"]) == 0
    with Workspace.open(tmp_path / "w") as workspace:
        workspace.sign_in("boss", "boss-password")
        _fill(workspace)
    monkeypatch.setenv("STUDIO_PASSWORD", "boss-password")
    me = [*ws, "--user", "boss"]
    tmx = tmp_path / "omegat.tmx"
    tmx.write_text(OMEGAT, encoding="utf-8")
    capsys.readouterr()
    assert main([*me, "tm", "import", str(tmx)]) == 0
    assert "1 unit(s) added to the memory from 1 file(s)" in capsys.readouterr().out

    assert main([*ws, "tm", "lookup", "外国人须办理居留许可", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["locale"] == "en" and found[0]["origin"] == "omegat.tmx" and 90 <= found[0]["score"] < 100

    out = tmp_path / "fr.tmx"
    assert main([*ws, "tm", "export", "-o", str(out), "--locale", "fr"]) == 0
    assert "wrote 1 unit(s)" in capsys.readouterr().out
    assert shutil.which("xmllint")
    assert subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", str(DTD), str(out)]).returncode == 0

    assert main([*me, "tm", "pretranslate", "--all-locales", "--min-score", "100", "--document",
                 "work-permit-renewal"]) == 0
    assert "2 draft(s) from the memory at 100% or more" in capsys.readouterr().out
    with Workspace.open(tmp_path / "w", write=False) as workspace:
        cell = workspace.cell(segment_id(workspace, "summary", 0, "work-permit-renewal"), "fr")
        assert (cell.state, cell.origin) == ("draft", "tm:100")

    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx>", encoding="utf-8")
    assert main([*me, "tm", "import", str(bad)]) == 1
    assert f"{bad}:1: not well-formed XML" in capsys.readouterr().err
    assert main([*me, "tm", "pretranslate", "--locale", "fr", "--min-score", "0"]) == 1
