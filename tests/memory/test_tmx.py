"""TMX 1.4b: the memory exported valid against the DTD (xmllint) and read back in context; memories written by
other tools (OmegaT, Trados, memoQ styles, TMX 1.1, UTF-16) read with the right languages; a bad file is one clear
error naming file and line, and changes nothing."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.errors import InputFileError
from studio.exchange.tmx import read_tmx, studio_locale, tmx_language
from tests.helpers import SCHEMAS, segment_id, snapshot

DTD = SCHEMAS / "tmx-1.4" / "tmx14.dtd"


def valid_tmx(path: Path) -> subprocess.CompletedProcess[str]:
    assert shutil.which("xmllint"), "xmllint (libxml2-utils) is needed by these tests"
    return subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", str(DTD), str(path)],
                          capture_output=True, text=True)


OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.1" segtype="sentence" srclang="ZH-CN"/>
  <body>
    <tu>
      <tuv lang="ZH-CN"><seg>外国人须办理居留许可。</seg></tuv>
      <tuv lang="EN-GB" changeid="wang" changedate="20240301T081500Z"><seg>Foreigners must obtain a residence permit.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

TRADOS = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" datatype="xml"
          segtype="sentence" adminlang="en-US" srclang="zh-CN"/>
  <body>
    <tu creationdate="20230105T101010Z" creationid="TRADOS\\li">
      <prop type="x-ConfirmationLevel">Translated</prop>
      <tuv xml:lang="zh-CN"><seg>请携带<bpt i="1" type="bold">&lt;b&gt;</bpt>护照<ept i="1">&lt;/b&gt;</ept>原件。</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Veuillez apporter l'original de votre <bpt i="1">&lt;b&gt;</bpt>passeport<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
    <tu>
      <prop type="x-ConfirmationLevel">Draft</prop>
      <tuv xml:lang="zh_CN"><seg>办理时间为十个工作日。</seg></tuv>
      <tuv xml:lang="DE-de"><seg>Die Bearbeitung dauert zehn Arbeitstage.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="MemoQ" creationtoolversion="9.12" segtype="sentence" o-tmf="MemoQTM" adminlang="en-us"
          srclang="*all*" datatype="unknown"/>
  <body>
    <tu>
      <note>checked by the portal team</note>
      <tuv xml:lang="de-DE"><seg>Öffnungszeiten: <hi type="b">9 bis 17 Uhr</hi><ph x="1">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="zh-Hans-CN"><seg>开放时间：<hi type="b">9时至17时</hi><ph x="1">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="pt-BR"><seg>Horário: 9h às 17h</seg></tuv>
      <tuv xml:lang="zh-TW"><seg>開放時間：9時至17時</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_language_tags_of_other_tools_map_to_studio_locales_and_back():
    assert [studio_locale(t) for t in ("zh-CN", "zh_CN", "ZH-CN", "zh-Hans-CN", "zh-Hans", "zh", "en-US", "EN-GB",
                                       "ar-SA", "ja", "pt", "pt-BR", "zh-TW", "zh-Hant", "xx")] == [
        "zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans", "en", "en", "ar", "ja", None, None, None,
        None, None]
    assert (tmx_language("zh-Hans"), tmx_language("ar")) == ("zh-CN", "ar")


def test_the_export_is_valid_tmx_and_reads_back_into_another_workspace_with_matches_in_context(
        memory_workspace, tmp_path):
    out = tmp_path / "memory.tmx"
    assert memory_workspace.export_tmx(out) == 2  # the title and the summary: one unit each, their locales inside
    checked = valid_tmx(out)
    assert checked.returncode == 0, checked.stderr
    assert 'srclang="zh-CN"' in out.read_text(encoding="utf-8")
    en_only = tmp_path / "en.tmx"
    assert memory_workspace.export_tmx(en_only, locales=["fr"]) == 1
    assert "xml:lang=\"en\"" not in en_only.read_text(encoding="utf-8")

    from tests.conftest import _signed_in_workspace
    from tests.helpers import guide, office

    with _signed_in_workspace(tmp_path / "other", None) as other:
        report = other.import_tmx([out])
        assert (report.added, report.already) == (3, 0)  # title en; summary en and fr: a unit per locale
        other.create_document("office", "live", "dongcheng-hall", office()["fields"])
        other.create_document("procedure_guide", "work", "work-permit", guide()["fields"])
        found = other.memory_lookup(segment_id(other, "summary", 0))
        best = found.best("en")
        assert (best.score, best.kind, best.origin) == (101, "imported", "memory.tmx")
        assert found.best("fr").target.startswith("Les étrangers")
        assert other.import_tmx([out]).added == 0  # the same file again adds nothing


def test_memories_written_by_other_tools_are_read_with_their_languages(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    files = []
    for name, text in (("omegat.tmx", OMEGAT), ("trados.tmx", TRADOS), ("memoq.tmx", MEMOQ)):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    utf16 = tmp_path / "utf16.tmx"
    utf16.write_bytes(OMEGAT.replace("UTF-8", "UTF-16").replace("居留许可", "签证").encode("utf-16"))
    assert utf16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    files.append(utf16)
    report = ws.import_tmx(files)
    assert report.added == 5  # OmegaT 1, Trados 2, memoQ 1 (German; Portuguese and traditional Chinese left out), UTF-16 1
    assert report.skipped_languages == {"pt-BR": 1, "zh-TW": 1}
    assert "pt-BR (1)" in report.summary

    omegat = ws.memory_lookup_text("外国人须办理居留许可。").best("en")
    assert (omegat.target, omegat.kind, omegat.origin) == ("Foreigners must obtain a residence permit.", "imported",
                                                           "omegat.tmx")
    # Inline codes are the original's formatting: left out, their text kept.
    trados = ws.memory_lookup_text("请携带护照原件。").best("fr")
    assert trados.score == 100 and trados.target == "Veuillez apporter l'original de votre passeport."
    # A unit its tool called a draft ranks lower: an exact match less the penalty.
    draft = ws.memory_lookup_text("办理时间为十个工作日。").best("de")
    assert (draft.kind, draft.score) == ("imported-draft", 95)
    memoq = ws.memory_lookup_text("开放时间：9时至17时").best("de")
    assert memoq.target == "Öffnungszeiten: 9 bis 17 Uhr" and memoq.score == 100
    assert ws.memory_lookup_text("外国人须办理签证。").best("en").origin == "utf16.tmx"


BAD = {
    "not-xml.tmx": (b"this is not xml", "not well-formed XML", 1),
    "truncated.tmx": (OMEGAT.encode()[:400], "not well-formed XML", None),
    "html.tmx": (b"<html><body/></html>", "not a TMX file", 1),
    "no-body.tmx": (b'<tmx version="1.4"><header srclang="zh-CN"/></tmx>', "no <body>", 1),
    "no-lang.tmx": (b'<tmx version="1.4">\n<header srclang="zh-CN"/>\n<body>\n<tu>\n<tuv><seg>x</seg></tuv>\n'
                    b"</tu></body></tmx>", "no xml:lang", 5),
    "no-seg.tmx": (b'<tmx version="1.4"><header srclang="zh-CN"/><body><tu>\n<tuv xml:lang="en"/></tu></body></tmx>',
                   "no <seg>", 2),
    "override.tmx": ('<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN">\n'
                     '<seg>北京\u202e</seg></tuv></tu></body></tmx>'.encode(), "U+202E", 2),
    "laughs.tmx": (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                   b'<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
                   b"</tu></body></tmx>", "entities", 2),
    "external.tmx": (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                     b'<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv>'
                     b"</tu></body></tmx>", "entities", 2),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_one_clear_error_naming_file_and_line_and_a_good_file_beside_it_is_not_stored(
        memory_workspace, tmp_path, name):
    data, message, line = BAD[name]
    good = tmp_path / "good.tmx"
    good.write_text(OMEGAT, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    before = snapshot(memory_workspace)
    with pytest.raises(InputFileError) as refused:
        memory_workspace.import_tmx([good, bad])
    assert refused.value.path == str(bad) and message in str(refused.value)
    if line is not None:
        assert refused.value.line == line
    assert snapshot(memory_workspace) == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from studio.exchange import untrusted_xml

    path = tmp_path / "big.tmx"
    path.write_text(OMEGAT, encoding="utf-8")
    monkeypatch.setattr(untrusted_xml, "MAX_BYTES", 100)
    monkeypatch.setattr(untrusted_xml.read_xml, "__kwdefaults__", {"max_bytes": 100})
    with pytest.raises(InputFileError, match="at most 100 are read"):
        read_tmx(path)


_PIECES = st.sampled_from([
    "<tmx>", "</tmx>", '<tmx version="1.4">', "<header/>", '<header srclang="*all*"/>', '<header srclang="zh-CN">',
    "</header>", "<body>", "</body>", "<tu>", "</tu>", "<tuv>", '<tuv xml:lang="en">', '<tuv lang="zh-CN">',
    '<tuv xml:lang="pt">', "</tuv>", "<seg>", "</seg>", "<hi>", "</hi>", '<ph x="1">', "</ph>", "<bpt>", "</bpt>",
    '<prop type="x-ConfirmationLevel">', "</prop>", "Draft", "北京", "Beijing", "&amp;", "&lt;", "&x;", "<!--c-->",
    "<note>", "</note>", "\n", " ", '<?xml version="1.0"?>', "<![CDATA[<b>]]>", "\u202e", "\x00",
])


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=40), st.sampled_from(["utf-8", "utf-16"]))
def test_any_file_the_importer_is_given_reads_or_is_one_clear_error(tmp_path, pieces, encoding):
    path = tmp_path / "fuzz.tmx"
    path.write_bytes("".join(pieces).encode(encoding, errors="replace"))
    try:
        units = read_tmx(path)
    except InputFileError as exc:
        assert exc.path == str(path)
    else:
        assert all(u.source_text and u.target_text and u.source_locale != u.target_locale for u in units)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_read_or_are_one_clear_error(tmp_path, data):
    path = tmp_path / "bytes.tmx"
    path.write_bytes(data)
    with contextlib.suppress(InputFileError):
        read_tmx(path)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=40))
def test_an_import_through_the_workspace_stores_all_or_refuses_with_one_clear_error(sqlite_memory_workspace,
                                                                                     tmp_path, pieces):
    path = tmp_path / "fuzz.tmx"
    path.write_bytes("".join(pieces).encode("utf-8"))
    before = snapshot(sqlite_memory_workspace)
    try:
        report = sqlite_memory_workspace.import_tmx([path])
    except InputFileError:
        assert snapshot(sqlite_memory_workspace) == before
    else:
        assert report.added + report.already == report.read


def test_language_tags_with_a_script_go_by_the_script_before_the_region():
    assert [studio_locale(t) for t in ("zh-Hans-HK", "zh-Hans-TW", "zh-Hant-CN", "zh-HK", "zh-TW", "zh-Hant")] == [
        "zh-Hans", "zh-Hans", None, None, None, None]


def _faq(question: str, answer: str) -> dict[str, str]:
    return {"question": question, "answer": f"<p>{answer}</p>"}


def test_units_of_a_document_with_another_source_language_keep_their_direction(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    ws.create_document("faq", "work", "news-en", _faq("How do I renew?", "Apply online."), source_locale="en")
    ws.create_document("faq", "work", "zh", _faq("问题一？", "第一句话。"))
    english = next(s.id for s in ws.document("news-en").segments if s.text == "Apply online.")
    ws.save_cell(english, "zh-Hans", "在线申请。", None, confirm=True)
    ws.save_cell(english, "fr", "Demandez en ligne.", None, confirm=True)
    chinese = next(s.id for s in ws.document("zh").segments if s.text == "第一句话。")
    ws.save_cell(chinese, "en", "First sentence.", None, confirm=True)
    out = tmp_path / "mixed.tmx"
    ws.export_tmx(out)
    checked = valid_tmx(out)
    assert checked.returncode == 0, checked.stderr
    assert 'srclang="*all*"' in out.read_text(encoding="utf-8")  # two source languages in the header
    assert sorted((u.source_locale, u.target_locale, u.source_text) for u in read_tmx(out)) == [
        ("en", "fr", "Apply online."), ("en", "zh-Hans", "Apply online."), ("zh-Hans", "en", "第一句话。")]


def test_an_export_refuses_a_cell_holding_a_character_xml_cannot_carry_and_writes_nothing(
        sqlite_workspace, tmp_path):
    from sqlalchemy import update

    from studio.errors import StudioError
    from studio.models import Cell

    ws = sqlite_workspace
    ws.create_document("faq", "work", "old-data", _faq("问题一？", "第一句话。"))
    seg = next(s.id for s in ws.document("old-data").segments if s.text == "第一句话。")
    ws.save_cell(seg, "ar", "مرحبا", None, confirm=True)
    with ws._transaction() as session:  # as an older build, or a script, may have stored it
        session.execute(update(Cell).where(Cell.segment_id == seg, Cell.locale == "ar").values(text="x\x01y"))
    out = tmp_path / "memory.tmx"
    with pytest.raises(StudioError) as refused:
        ws.export_tmx(out)
    message = str(refused.value)
    assert "old-data" in message and "ar" in message and "U+0001" in message
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "workspace"]


def test_a_carriage_return_and_outer_spaces_survive_an_export_and_a_new_import(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    ws.create_document("faq", "work", "a", _faq("问题一？", "第一句话。"))
    seg = next(s.id for s in ws.document("a").segments if s.text == "第一句话。")
    ws.save_cell(seg, "en", "  two\r\nlines  ", None, confirm=True)
    out = tmp_path / "memory.tmx"
    ws.export_tmx(out)
    assert "&#13;" in out.read_text(encoding="utf-8")
    assert [u.target_text for u in read_tmx(out)] == ["  two\r\nlines  "]


def test_a_line_wrapped_seg_of_another_tool_reads_as_one_line_and_a_sub_flow_is_left_out(tmp_path):
    path = tmp_path / "wrapped.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body><tu>'
        '<tuv xml:lang="zh-CN"><seg>\n    工作\n    许可，见<hi>注<sub>脚注</sub></hi>\n  </seg></tuv>'
        '<tuv xml:lang="en"><seg>\n    Work\n    permit  </seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert [(u.source_text, u.target_text) for u in read_tmx(path)] == [("工作许可，见注", "Work permit")]


def test_a_namespaced_root_is_named_with_its_namespace(tmp_path):
    path = tmp_path / "ns.tmx"
    path.write_text('<?xml version="1.0"?><tmx xmlns="http://www.lisa.org/tmx14" version="1.4"><header/><body/></tmx>',
                    encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        read_tmx(path)
    assert "{http://www.lisa.org/tmx14}tmx" in str(refused.value)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    from tests.conftest import _signed_in_workspace

    ws = _signed_in_workspace(tmp_path_factory.mktemp("round") / "workspace", None)
    ws.create_document("faq", "work", "a", _faq("问题一？", "第一句话。"))
    seg = next(s.id for s in ws.document("a").segments if s.text == "第一句话。")
    yield ws, seg, tmp_path_factory.mktemp("tmx")
    ws.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=30))
def test_any_text_a_cell_holds_exports_as_valid_tmx_and_reads_back_the_same_or_is_refused_by_name(round_trip, text):
    from studio.errors import StudioError

    ws, seg, folder = round_trip
    cell = ws.cell(seg, "en")
    try:
        ws.save_cell(seg, "en", text, cell.version if cell else None, confirm=True)
    except StudioError:
        return  # the cell write refuses it: nothing to export
    if ws.cell(seg, "en").state != "translated":
        return  # stored as a draft (the checks refused the confirmation): not in the memory
    out = folder / "memory.tmx"
    try:
        ws.export_tmx(out)
    except StudioError as refused:  # a character XML 1.0 cannot carry (U+FFFE, U+0001): named, nothing written
        assert "U+" in str(refused) and "en" in str(refused)
        return
    checked = valid_tmx(out)
    assert checked.returncode == 0, checked.stderr
    assert [u.target_text for u in read_tmx(out)] == [text]
