"""`studio glossary add|list|export|import` from the command line, as a signed-in user."""

from __future__ import annotations

import json

from studio.cli import main


def test_add_list_export_and_import_back(tmp_path, capsys, monkeypatch):
    ws = ["--workspace", str(tmp_path / "w")]
    monkeypatch.setenv("STUDIO_NEW_PASSWORD", "boss-password")
    assert main([*ws, "init", "--admin", "boss"]) == 0
    monkeypatch.setenv("STUDIO_PASSWORD", "boss-password")
    me = [*ws, "--user", "boss"]
    assert main([*me, "glossary", "add", "北京", "--locale", "fr", "--target", "Beijing", "--forbidden", "Pékin",
                 "--pos", "properNoun", "--note", "The city"]) == 0
    assert main([*me, "glossary", "add", "use", "--source-locale", "en", "--locale", "en", "--target", "use",
                 "--discouraged", "utilize"]) == 1  # the same term twice in one entry and locale
    capsys.readouterr()
    assert main([*me, "glossary", "add", "北京", "--locale", "de", "--target", "Beijing", "--forbidden", "Peking"]) == 0
    assert "added to glossary entry 1" in capsys.readouterr().out
    assert main([*ws, "glossary", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["locale"], t["text"], t["status"]) for t in listed[0]["terms"]] == [
        ("zh-Hans", "北京", "preferred"), ("fr", "Beijing", "preferred"), ("fr", "Pékin", "forbidden"),
        ("de", "Beijing", "preferred"), ("de", "Peking", "forbidden")]
    assert listed[0]["terms"][0]["part_of_speech"] == "properNoun"  # kept: the second add gave none
    out = tmp_path / "g.csv"
    assert main([*ws, "glossary", "export", "-o", str(out)]) == 0  # the format from the suffix
    assert "Pékin,forbidden" in out.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    assert main([*me, "glossary", "import", str(out)]) == 0
    assert "0 new entries, 0 updated, 1 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("entry,locale,term,status\n1,fr,Beijing,\n1,fr,Pékin,banned\n", encoding="utf-8")
    assert main([*me, "glossary", "import", str(bad)]) == 1
    assert f"{bad}:3: unknown status 'banned'" in capsys.readouterr().err


def test_a_control_character_is_refused_and_the_export_still_works(tmp_path, capsys, monkeypatch):
    ws = ["--workspace", str(tmp_path / "w")]
    monkeypatch.setenv("STUDIO_NEW_PASSWORD", "boss-password")
    assert main([*ws, "init", "--admin", "boss"]) == 0
    monkeypatch.setenv("STUDIO_PASSWORD", "boss-password")
    me = [*ws, "--user", "boss"]
    assert main([*me, "glossary", "add", "北京", "--locale", "fr", "--target", "Bei\x01jing"]) == 1
    assert "U+0001" in capsys.readouterr().err
    assert main([*me, "glossary", "add", "北京", "--locale", "fr", "--target", "Beijing"]) == 0
    out = tmp_path / "g.tbx"
    assert main([*ws, "glossary", "export", "-o", str(out)]) == 0
    assert "Beijing" in out.read_text(encoding="utf-8") and not (tmp_path / "g.tbx.part").exists()
