"""Glossary files: TBX v3 written valid against the official schemas (xmllint), TBX from other tools (v3 and v2
`martif`) and CSV read back; a bad file is one clear error naming file and line, and changes nothing."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.errors import InputFileError
from studio.exchange.glossary_csv import read_glossary_csv
from studio.exchange.tbx import read_tbx
from studio.memory.glossary import Term, TermStatus
from studio.resources import RESOURCES
from tests.helpers import SCHEMAS, snapshot

DEMO = RESOURCES / "demo" / "glossary.tbx"


def xmllint(*args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("xmllint"), "xmllint (libxml2-utils) is needed by these tests"
    env = dict(os.environ, XML_CATALOG_FILES=str(SCHEMAS / "catalog.xml"))
    return subprocess.run(["xmllint", "--nonet", "--noout", *args], capture_output=True, text=True, env=env)


def test_the_export_validates_against_the_tbx_schemas_and_reads_back_the_same(workspace, tmp_path):
    report = workspace.import_glossary([DEMO])
    assert report.added > 20 and report.updated == 0
    out = tmp_path / "out.tbx"
    assert workspace.export_glossary(out, format="tbx") == report.added
    for schema in (["--relaxng", str(SCHEMAS / "tbx" / "TBXcoreStructV03.rng")],
                   ["--schema", str(SCHEMAS / "tbx" / "TBX_core.xsd")]):
        checked = xmllint(*schema, str(out))
        assert checked.returncode == 0, checked.stderr
    before = snapshot(workspace)
    again = workspace.import_glossary([out])
    assert (again.added, again.updated, again.unchanged) == (0, 0, report.added)
    assert snapshot(workspace) == before


def test_a_csv_export_of_one_locale_reads_back(workspace, tmp_path):
    workspace.import_glossary([DEMO])
    out = tmp_path / "fr.csv"
    count = workspace.export_glossary(out, format="csv", locales=["fr"])
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    read = read_glossary_csv(out)
    assert len(read.entries) == count
    assert {t.locale for e in read.entries for t in e.terms} == {"zh-Hans", "fr"}
    assert any(t.text == "Pékin" and t.status == TermStatus.FORBIDDEN for e in read.entries for t in e.terms)


def test_tbx_v2_martif_from_another_tool_is_read(tmp_path):
    path = tmp_path / "memoq.tbx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
 <martifHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="e1">
   <descrip type="definition">Capital of China</descrip>
   <langSet xml:lang="zh-CN"><tig><term>北京</term></tig></langSet>
   <langSet xml:lang="fr-FR">
    <tig><term>Beijing</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
     <termNote type="partOfSpeech">proper noun</termNote></tig>
    <ntig><termGrp><term>Pékin</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
   </langSet>
   <langSet xml:lang="it"><tig><term>Pechino</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>""", encoding="utf-8")
    read = read_tbx(path)
    assert read.skipped_languages == (("it", 1),)
    (entry,) = read.entries
    assert entry.note == "Capital of China"
    assert entry.terms == (Term("zh-Hans", "北京"), Term("fr", "Beijing", part_of_speech="properNoun"),
                           Term("fr", "Pékin", TermStatus.FORBIDDEN))


def test_csv_with_semicolons_and_without_bom_is_read(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("Entry;Locale;Term;Status\nb;zh-Hans;北京;\nb;de-DE;Beijing;\nb;de;Peking;forbidden\n"
                    "u;en;use;\nu;en;utilize;discouraged\n", encoding="utf-8")
    read = read_glossary_csv(path)
    assert [[(t.locale, t.text, str(t.status)) for t in e.terms] for e in read.entries] == [
        [("zh-Hans", "北京", "preferred"), ("de", "Beijing", "preferred"), ("de", "Peking", "forbidden")],
        [("en", "use", "preferred"), ("en", "utilize", "discouraged")]]


BAD_CSV = [
    ("locale,term\nzh-Hans,北京\n", 1, "lacks the column"),
    ("entry,locale,term,colour\n", 1, "unknown column"),
    ("entry,locale,term\n1,zh-Hans,北京\n1,fr,\n", 3, "needs an entry, a locale and a term"),
    ("entry,locale,term,status\n1,zh-Hans,北京,\n\n1,fr,Pékin,banned\n", 4, "unknown status"),
    ("entry,locale,term\n1,zh-Hans,北京\n\"1\",\"fr\",\"Bei\njing\",extra\n", 3, "fields where the header"),
    ("entry,locale,term,status\n1,fr,Pékin,forbidden\n", 2, "approved"),
    ("entry,locale,term\n1,zh-Hans,北京\n1,fr,Bei\x01jing\n", 2, "U\\+0001"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_CSV)
def test_a_bad_csv_row_is_named_by_its_line_and_nothing_is_imported(workspace, tmp_path, text, line, message):
    good = tmp_path / "good.csv"
    good.write_text("entry,locale,term\n1,zh-Hans,签证\n1,en,visa\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    before = snapshot(workspace)
    with pytest.raises(InputFileError, match=message) as caught:
        workspace.import_glossary([good, bad])
    assert caught.value.path == str(bad) and caught.value.line == line
    assert snapshot(workspace) == before


BAD_TBX = [
    ('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="a">\n'
     '<langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>', 4, "xml:lang"),
    ('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="a">\n'
     '<langSec xml:lang="fr"><termSec><term>Pékin</term>\n<termNote type="administrativeStatus">nope</termNote>'
     '</termSec></langSec></conceptEntry></body></text></tbx>', 5, "unknown administrativeStatus"),
    ('<?xml version="1.0"?>\n<xliff/>', 2, "not a TBX file"),
    ('<?xml version="1.0"?>\n<tbx>\n<text>\n</tbx>', 4, "not well-formed"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>\n'
     '<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&b;</term></termSec></langSec>'
     '</conceptEntry></body></text></tbx>', None, "entities"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx><text><body>'
     '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec></conceptEntry>'
     '</body></text></tbx>', None, "entities"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_TBX)
def test_a_bad_tbx_file_is_one_clear_error_and_nothing_is_imported(workspace, tmp_path, text, line, message):
    bad = tmp_path / "bad.tbx"
    bad.write_text(text, encoding="utf-8")
    before = snapshot(workspace)
    with pytest.raises(InputFileError, match=message) as caught:
        workspace.import_glossary([DEMO, bad])
    assert caught.value.path == str(bad)
    if line is not None:
        assert caught.value.line == line
    assert snapshot(workspace) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_fuzzed_csv_raises_nothing_but_input_file_error(tmp_path, text):
    path = tmp_path / "fuzz.csv"
    path.write_text("entry,locale,term,status,part_of_speech,note\n" + text, encoding="utf-8", errors="replace")
    with contextlib.suppress(InputFileError):
        read_glossary_csv(path)


_TBX_PIECES = st.sampled_from([
    "<conceptEntry id='c'>", "</conceptEntry>", "<langSec xml:lang='fr'>", "<langSec xml:lang='zz'>", "</langSec>",
    "<termSec>", "</termSec>", "<term>", "</term>", "Pékin", "北京", "<termNote type='administrativeStatus'>",
    "deprecatedTerm-admn-sts", "</termNote>", "<note>", "</note>", "<termNote type='partOfSpeech'>", "noun", "&amp;",
    "<tig>", "</tig>", "<termEntry>", "</termEntry>", "<langSet xml:lang='en'>", "</langSet>", "x" * 201, "<",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TBX_PIECES, max_size=40), st.sampled_from(["tbx", "martif"]))
def test_fuzzed_tbx_raises_nothing_but_input_file_error(tmp_path, pieces, root):
    path = tmp_path / "fuzz.tbx"
    path.write_text(f"<{root}><text><body>{''.join(pieces)}</body></text></{root}>", encoding="utf-8")
    with contextlib.suppress(InputFileError):
        read_tbx(path)


def test_an_import_merges_into_the_concept_that_shares_an_approved_term(workspace, tmp_path):
    workspace.add_glossary_entry([Term("zh-Hans", "北京"), Term("fr", "Beijing"), Term("fr", "Pékin",
                                                                                     TermStatus.FORBIDDEN)])
    path = tmp_path / "more.csv"
    path.write_text("entry,locale,term,status,note\n"
                    "a,zh-Hans,北京,,\na,de,Beijing,,\na,de,Peking,forbidden,veraltet\n"  # joins the stored entry
                    "b,zh-Hans,签证,,\nb,en,visa,,\n"  # new
                    "c,zh-Hans,签证,,\nc,fr,visa,,\n", encoding="utf-8")  # joins b, from the same file
    report = workspace.import_glossary([path])
    assert (report.added, report.updated, report.unchanged, report.terms_added) == (1, 1, 0, 5)
    g = workspace.glossary()
    assert len(g) == 2
    assert g.forbidden_in("in Peking", "de")[0].instead == "Beijing"
    assert [r.targets for r in g.required_in("签证", "zh-Hans", "fr")] == [("visa",)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["g.csv", "g.tbx"]))
def test_fuzzed_bytes_raise_nothing_but_input_file_error(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    with contextlib.suppress(InputFileError):
        (read_glossary_csv if name.endswith(".csv") else read_tbx)(path)


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(workspace, tmp_path, monkeypatch):
    from studio.exchange import glossary_csv, tbx

    monkeypatch.setattr(glossary_csv, "MAX_BYTES", 100)
    monkeypatch.setattr(tbx, "MAX_BYTES", 100)
    big_csv = tmp_path / "big.csv"
    big_csv.write_text("entry,locale,term\n" + "1,en,x\n" * 40, encoding="utf-8")
    before = snapshot(workspace)
    for path in (big_csv, DEMO):
        with pytest.raises(InputFileError, match="at most 100 are read"):
            workspace.import_glossary([path])
    assert snapshot(workspace) == before


def test_a_csv_in_another_encoding_is_named_with_its_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("entry,locale,term\n1,fr,Beijing\n1,fr,Pékin\n".encode("latin-1"))
    with pytest.raises(InputFileError, match="not UTF-8") as caught:
        read_glossary_csv(path)
    assert caught.value.line == 3


def test_statuses_and_groups_as_other_tools_write_them(tmp_path):
    path = tmp_path / "weblate.tbx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="a">
   <descripGrp><descrip type="definition">The capital</descrip></descripGrp>
   <langSec xml:lang="zh-Hans-CN"><termSec><term>北京</term></termSec></langSec>
   <langSec xml:lang="de-DE">
    <termSec><term>Beijing</term><termNoteGrp><termNote type="administrativeStatus">preferred</termNote>
     </termNoteGrp></termSec>
    <termSec><term>Peking</term><termNote type="administrativeStatus">obsolete</termNote>
     <note from="translator">nicht mehr</note></termSec>
    <termSec><term>Peking-Stadt</term><termNote type="administrativeStatus">supersededTerm</termNote></termSec>
   </langSec>
   <langSec xml:lang="zh-Hant"><termSec><term>北京</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>""", encoding="utf-8")
    read = read_tbx(path)
    assert read.skipped_languages == (("zh-Hant", 1),)
    (entry,) = read.entries
    assert entry.note == "The capital"
    assert entry.terms == (Term("zh-Hans", "北京"), Term("de", "Beijing"),
                           Term("de", "Peking", TermStatus.FORBIDDEN, note="nicht mehr"),
                           Term("de", "Peking-Stadt", TermStatus.DISCOURAGED))


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_a_failed_export_leaves_no_part_file_behind(tmp_path, fmt):
    from studio.exchange.glossary_csv import write_glossary_csv
    from studio.exchange.tbx import write_tbx
    from studio.memory.glossary import Entry

    target = tmp_path / f"g.{fmt}"
    write = write_tbx if fmt == "tbx" else write_glossary_csv
    with pytest.raises(ValueError):  # text that cannot be written (checked_entry keeps it out of a glossary)
        write(target, [Entry(1, (Term("zh-Hans", "北京"), Term("fr", "Bei\ud800jing")))])
    assert list(tmp_path.iterdir()) == []


def test_the_csv_round_trip_is_exact_for_formula_guards_and_apostrophes(workspace, tmp_path):
    texts = ["=SUM(A1)", "'=SUM(A1)", "\t=1+1", "-5", "@home", "'s-Hertogenbosch", "''", "'"]
    workspace.add_glossary_entry([Term("zh-Hans", "公式"), *(Term("en", t) for t in texts)], "\r=note")
    out = tmp_path / "g.csv"
    workspace.export_glossary(out, format="csv")
    written = out.read_text(encoding="utf-8-sig")
    assert "\n1,en,=" not in written and "\n1,en,-" not in written and "\n1,en,@" not in written
    read = read_glossary_csv(out).entries[0]
    assert [t.text for t in read.terms if t.locale == "en"] == [" ".join(t.split()) for t in texts]
    assert read.note == "=note"
