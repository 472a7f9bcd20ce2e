"""The cases a review of the exchange found: a segment id SQLite hands out again, characters XML 1.0 forbids,
a tag pair the translation split, hostile PO charsets and sizes, a half-translated XLIFF unit, spreadsheet
formulas, line ends, XLIFF 1.2 states and where an export goes."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from lxml import etree

from studio.content.importers import ImportOptions
from studio.errors import InputFileError, StudioError, ValidationError
from studio.exchange import csv_table, export, po, xliff2, xliff12
from studio.exchange.returned import parse_returned
from studio.exchange.units import ExportDocument, ExportSet, ExportUnit, fingerprint
from studio.jobs import run_job
from studio.workspace import Workspace
from tests.exchange.conftest import XLIFF12_XSD, validate, xmllint
from tests.exchange.test_returned_files import save, seg, translate
from tests.helpers import guide, office, snapshot, write_json

FORMATS = ("po", "xliff", "xliff12", "csv")
NOW = datetime(2026, 11, 26, tzinfo=UTC)
MARKUP = {"{1}": '<a href="x">', "{/1}": "</a>", "{2}": "<b>", "{/2}": "</b>", "{3/}": "<br>"}


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    files = [write_json(tmp_path / "office.json", office()), write_json(tmp_path / "guide.json", guide())]
    run_job(workspace.import_files(files, ImportOptions()))
    return workspace


def one(source: str, target: str, *, state: str = "translated", markup: dict[str, str] | None = None,
        locale: str = "fr") -> ExportSet:
    unit = ExportUnit(7, "steps[0].body", "Body", source, markup or {}, target, state, 3)
    return ExportSet("zh-Hans", locale, (ExportDocument("d1", "work-permit", "T", "guide", "work", "zh-Hans",
                                                       (unit,)),))


# --- 1. a segment id handed out again -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_an_import_never_replaces_a_newer_translation_of_a_sentence_whose_id_was_handed_out_again(ws, tmp_path,
                                                                                                  fmt):
    last = max(s.id for s in ws.document("work-permit").segments)
    assert ws.document("work-permit").segments[-1].field_path == "processing_time"
    save(ws, "processing_time", "Texte A d'un humain")
    out = tmp_path / f"wp.fr.{fmt}"
    ws.export_translations(out, fmt, locales=["fr"], documents=["work-permit"])
    # The last sentence removed and written again: SQLite gives the new segment (and its cell) the same ids,
    # and the new cell is at version 1 again, as the exported one was.
    ws.edit_source("work-permit", {"processing_time": None})
    ws.edit_source("work-permit", {"processing_time": "10个工作日。"})
    if seg(ws, "processing_time") != last:
        pytest.skip("only SQLite hands a removed row's id out again (PostgreSQL's sequences never do)")
    save(ws, "processing_time", "Texte B, plus récent, d'un humain")
    assert ws.cell(last, "fr").version == 1
    translate(out, fmt, {last: ("Texte A2 du traducteur", True)})
    report = ws.import_translations([out])
    assert ws.cell(last, "fr").text == "Texte B, plus récent, d'un humain"
    assert [u.segment_id for u in report.conflicts] == [last]
    assert not report.applied


@pytest.mark.parametrize("fmt", ["po", "xliff", "xliff12", "csv"])
def test_a_unit_placed_in_another_document_than_its_segment_is_skipped(ws, tmp_path, fmt):
    title = seg(ws, "title")
    out = tmp_path / f"wp.fr.{fmt}"
    ws.export_translations(out, fmt, locales=["fr"], documents=["work-permit"])
    translate(out, fmt, {title: ("Permis de travail", True)})
    text = out.read_text(encoding="utf-8-sig")
    out.write_text(text.replace("work-permit", "another-document"), encoding="utf-8")
    report = ws.import_translations([out])
    assert ws.cell(title, "fr") is None
    assert any(u.segment_id == title and "another-document" in u.reason for u in report.skipped)


def test_a_version_tag_without_the_fingerprint_counts_as_no_version(ws, tmp_path):
    save(ws, "title", "Permis")
    title = seg(ws, "title")
    out = tmp_path / "wp.fr.po"
    ws.export_translations(out, "po", locales=["fr"], documents=["work-permit"])
    catalogue = polib.pofile(str(out))
    for entry in catalogue:
        entry.comment = "\n".join(line.split(":")[0] + ": 1" if line.startswith("studio-version:") else line
                                  for line in entry.comment.splitlines())
        if entry.msgctxt == str(title):
            entry.msgstr = "Permis de travail"
    catalogue.save(str(out))
    report = ws.import_translations([out])
    assert ws.cell(title, "fr").text == "Permis"
    assert [u.segment_id for u in report.conflicts] == [title]


def test_xliff2_keeps_the_version_in_metadata_for_tools_that_drop_foreign_attributes():
    data = xliff2.write(one("源", "cible"), NOW)
    stripped = etree.fromstring(data)
    for unit in stripped.iter(f"{{{xliff2.NS}}}unit"):
        del unit.attrib["{urn:studio:exchange:1}version"]
    back = parse_returned("x.xlf", etree.tostring(stripped)).units[0]
    assert (back.version, back.fingerprint) == (3, fingerprint("源", "cible"))


# --- 2. characters XML 1.0 forbids ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["a\ufffeb", "a\uffffb", "a\x01b\x0bc\x0cd"])
def test_xliff2_writes_the_characters_xml_forbids_as_code_points(tmp_path, text):
    path = tmp_path / "o.xlf"
    path.write_bytes(xliff2.write(one("源\ufffe", text), NOW))
    validate(path, "xliff")
    back = parse_returned(str(path), path.read_bytes()).units[0]
    assert (back.source, back.target) == ("源\ufffe", text)


def test_xliff12_refuses_a_character_xml_forbids_naming_the_document_field_and_locale():
    with pytest.raises(StudioError, match=r"work-permit.*steps\[0\]\.body.*fr"):
        xliff12.write(one("源", "a\ufffeb"), NOW)


@pytest.mark.parametrize("confirm", [True, False])
@pytest.mark.parametrize("text", ["a\x01b", "a\u202eb", "a\x7fb"])
def test_a_cell_never_stores_what_studio_never_stores(ws, text, confirm):
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="U\\+"):
        save(ws, "title", text, confirm=confirm)
    assert snapshot(ws) == before


# --- 3. XLIFF 1.2 with a pair the translation split ---------------------------------------------------------

@pytest.mark.parametrize(("source", "target"), [
    ("{1}a{/1}", "a{/1}"),
    ("{1}a{/1}b", "{1}a b"),
    ("{1}a{/1}{2}b{/2}", "{1}a{2}b{/1}c{/2}"),
    ("{1}a{/1}{2}b{/2}", "x{2}{1}a{/2}b{/1}"),
    ("{1}a{/1}", "{/1}a{1}"),
    ("{1}x{2}a{/2}{/1}{3/}", "{1}x{2}a{/1}{/2}{3/}"),
])
def test_xliff12_writes_a_broken_pair_within_the_strict_schema_and_reads_it_back(tmp_path, source, target):
    path = tmp_path / "o.xlf"
    path.write_bytes(xliff12.write(one(source, target, markup=MARKUP), NOW))
    done = xmllint(path, XLIFF12_XSD)
    assert done.returncode == 0, done.stderr
    back = parse_returned(str(path), path.read_bytes()).units[0]
    assert (back.source, back.target) == (source, target)


# --- 4. PO charsets and sizes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("charset", ["punycode", "idna", "utf-7", "raw_unicode_escape", "unicode_escape", "rot13",
                                     "base64", "hex"])
def test_a_po_header_naming_a_charset_that_is_no_text_encoding_is_refused(charset):
    data = (b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=' + charset.encode()
            + b'\\n"\n\nmsgctxt "1"\nmsgid "a"\nmsgstr "' + b"b" * 50_000 + b"-" + b"c" * 50_000 + b'"\n')
    with pytest.raises(InputFileError, match=charset):
        parse_returned("x.po", data)


def test_a_po_header_may_name_a_real_legacy_charset():
    data = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
            'msgctxt "1"\nmsgid "a"\nmsgstr "été"\n').encode("latin-1")
    assert parse_returned("x.po", data).units[0].target == "été"


def test_a_po_file_of_too_many_entries_is_refused_naming_the_line(monkeypatch):
    monkeypatch.setattr(po, "MAX_UNITS", 100)
    head = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
    data = (head + "".join(f'msgctxt "{i}"\nmsgid "a"\nmsgstr "b"\n\n' for i in range(101))).encode()
    with pytest.raises(InputFileError, match="100") as caught:
        parse_returned("x.po", data)
    assert caught.value.line == 6 + 4 * 100


# --- 5, 6. XLIFF 2 units half translated, code points that are no characters ------------------------------------

def test_a_partly_translated_xliff2_unit_is_skipped_not_stored_as_the_whole(ws, tmp_path):
    save(ws, "summary", "Traduction complète et relue.")
    summary = seg(ws, "summary")
    out = tmp_path / "wp.fr.xlf"
    ws.export_translations(out, "xliff", locales=["fr"], documents=["work-permit"])
    tree = etree.parse(str(out))
    ns = {"x": xliff2.NS}
    unit = next(u for u in tree.iterfind(".//x:unit", ns) if u.get("id") == str(summary))
    segment = unit.find("x:segment", ns)
    text = segment.find("x:source", ns).text
    segment.find("x:source", ns).text = text[:3]
    segment.find("x:target", ns).text = "Moitié"
    second = etree.Element(f"{{{xliff2.NS}}}segment", state="initial")
    etree.SubElement(second, f"{{{xliff2.NS}}}source").text = text[3:]
    segment.addnext(second)
    tree.write(str(out))
    report = ws.import_translations([out])
    assert ws.cell(summary, "fr").text == "Traduction complète et relue."
    assert any(u.segment_id == summary and "partly translated" in u.reason for u in report.skipped)


def test_a_code_point_that_is_no_character_is_refused_naming_the_line():
    data = (f'<xliff xmlns="{xliff2.NS}" version="2.1" srcLang="zh-Hans" trgLang="fr"><file id="f">\n'
            '<unit id="1"><segment><source>a</source><target>A<cp hex="D800"/>B</target></segment></unit>'
            '</file></xliff>').encode()
    with pytest.raises(InputFileError, match="D800") as caught:
        parse_returned("x.xlf", data)
    assert caught.value.line == 2


def test_import_json_prints_whatever_a_skipped_unit_holds(ws, tmp_path, capsys):
    from studio import cli

    out = tmp_path / "wp.fr.po"
    ws.export_translations(out, "po", locales=["fr"], documents=["work-permit"])
    title = seg(ws, "title")
    translate(out, "po", {title: ("A\x01B\u202e", True)})
    report = ws.import_translations([out])
    assert any(u.segment_id == title and "control characters" in u.reason for u in report.skipped)
    cli._print_json({"skipped": [u.to_json() for u in report.skipped], "lone": "A\ud800B"})
    printed = capsys.readouterr().out
    assert "\\u0001" in printed and "A\\ud800B" in printed


# --- 7, 11. CSV: formulas, line ends -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+2", "+33 1", "-5 %", "@SUM(A1)", "\tx", "\rx", "'quoted", "''twice", "plain"])
def test_csv_never_writes_a_cell_a_spreadsheet_runs_as_a_formula_and_reads_it_back_exactly(text):
    data = csv_table.write(one("源" if text == "plain" else text, text), NOW)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    back = parse_returned("x.csv", data).units[0]
    assert (back.source, back.target) == ("源" if text == "plain" else text, text)


def test_a_csv_round_trip_of_a_text_with_crlf_is_unchanged(ws, tmp_path):
    save(ws, "title", "ligne 1\r\nligne 2")
    title = seg(ws, "title")
    out = tmp_path / "wp.fr.csv"
    ws.export_translations(out, "csv", locales=["fr"], documents=["work-permit"])
    report = ws.import_translations([out])
    assert not report.applied
    assert ws.cell(title, "fr").text == "ligne 1\r\nligne 2"
    assert any(u.segment_id == title and u.reason.startswith("unchanged") for u in report.skipped)


# --- 12. XLIFF 1.2: the target's state wins ----------------------------------------------------------------------

def test_xliff12_a_target_needing_review_is_a_draft_even_in_an_approved_unit():
    data = (f'<xliff xmlns="{xliff12.NS}" version="1.2"><file original="a" source-language="zh-Hans" '
            'target-language="fr" datatype="plaintext"><body><trans-unit id="1" approved="yes"><source>a</source>'
            '<target state="needs-review-translation">b</target></trans-unit>'
            '<trans-unit id="2" approved="yes"><source>a</source><target>b</target></trans-unit>'
            '</body></file></xliff>').encode()
    units = parse_returned("x.xlf", data).units
    assert [u.confirmed for u in units] == [False, True]


# --- 10, 14. where an export goes ------------------------------------------------------------------------------

def test_an_export_to_a_name_without_extension_is_a_folder_whatever_the_number_of_files(ws, tmp_path):
    result = ws.export_translations(tmp_path / "exports", "po", locales=["fr"], documents=["work-permit"])
    assert (tmp_path / "exports").is_dir() and (tmp_path / "exports" / "work-permit.fr.po").is_file()
    assert result.files[0].name == "work-permit.fr.po"
    with pytest.raises(StudioError, match="out.txt"):
        ws.export_translations(tmp_path / "out.txt", "po", locales=["fr", "de"], documents=["work-permit"])
    ws.export_translations(tmp_path / "one.txt", "po", locales=["fr"], documents=["work-permit"])
    assert (tmp_path / "one.txt").is_file()


def test_an_export_that_cannot_replace_its_destination_leaves_no_part_file_and_names_it(ws, tmp_path):
    taken = tmp_path / "taken.zip"
    taken.mkdir()
    (taken / "inside").write_text("x")
    with pytest.raises(StudioError, match="taken.zip"):
        export._write_atomically(taken, b"data")
    assert sorted(p.name for p in tmp_path.iterdir() if "taken" in p.name) == ["taken.zip"]


def test_a_zip_named_folder_that_exists_is_refused_without_leftovers(ws, tmp_path):
    (tmp_path / "out.zip").mkdir()
    with pytest.raises(StudioError, match="out.zip"):
        ws.export_translations(tmp_path / "out.zip", "po", documents=["work-permit"])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))) == ["out.zip"]

