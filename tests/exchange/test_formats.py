"""The formats' details, without a workspace: placeholders as inline codes, language codes as tools write them,
what PO needs for msgfmt -c, and the XLIFF 2 rules the schema cannot express."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest

from studio.exchange import csv_table, po, xliff2, xliff12
from studio.exchange.units import (
    ExportDocument,
    ExportSet,
    ExportUnit,
    Pair,
    Void,
    fingerprint,
    inline_tree,
    studio_locale,
)
from studio.exchange.untrusted_xml import parse_xml
from tests.exchange.conftest import validate, xliff2_rule_breaks

LINK = {"{1}": '<a href="https://fw.example.gov.cn">', "{/1}": "</a>", "{2/}": "<br>", "{3}": "<strong>",
        "{/3}": "</strong>"}
NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_placeholders_become_a_tree_and_what_does_not_nest_stays_text():
    known = list(LINK)
    assert inline_tree("a{1}b{3}c{/3}{/1}{2/}", known) == [
        "a", Pair("1", ("b", Pair("3", ("c",)))), Void("2")]
    assert inline_tree("{/1}x{1}", known) == ["{/1}x{1}"]  # reversed: text
    assert inline_tree("{1}a{3}b{/1}c{/3}", known) == [Pair("1", ("a{3}b",)), "c{/3}"]  # crossing
    assert inline_tree("{2/}{2/}", known) == [Void("2"), "{2/}"]  # twice: the second is text
    assert inline_tree("{9/} {1}", known) == ["{9/} {1}"]  # unknown, unclosed
    assert inline_tree("", known) == []


@pytest.mark.parametrize(("code", "locale"), [("fr", "fr"), ("fr-FR", "fr"), ("fr_FR", "fr"), ("AR", "ar"),
                                              ("zh-CN", "zh-Hans"), ("zh_Hans", "zh-Hans"), ("zh-TW", None),
                                              ("zh-Hant", None), ("pt-BR", None), ("", None)])
def test_language_codes_as_cat_tools_write_them(code, locale):
    assert studio_locale(code) == locale


def units() -> ExportSet:
    return ExportSet("zh-Hans", "ar", (ExportDocument("d1", "work-permit", "外国人来华工作许可", "procedure_guide", "work",
                                                      "zh-Hans", (
        ExportUnit(11, "steps[0].body", "Step 1 · Body", "用人单位登录{1}服务系统{/1}提交材料。{2/}", LINK,
                   "يسجّل صاحب العمل الدخول إلى {1}النظام{/1}. {2/}", "translated", 4),
        ExportUnit(12, "summary", "Summary", "许可证件有效期最长五年。", {}, "\nنص يبدأ بسطر", "translated", 2),
        ExportUnit(13, "title", "Title", "外国人来华工作许可", {}, "تصريح عمل", "outdated", 7, "外国人工作许可"),
        ExportUnit(14, "summary", "Summary", "在本市工作。", {}, "", "missing", 0),
        ExportUnit(15, "steps[1].body", "Step 2 · Body", "{1}审核{/1}通过。", LINK, "{/1}مكسور{1}", "draft", 1),
    )),))


def test_po_marks_drafts_outdated_and_line_break_mismatches_fuzzy_and_passes_msgfmt(tmp_path: Path):
    path = tmp_path / "ar.po"
    path.write_bytes(po.write(units(), NOW))
    validate(path, "po")
    entries = {e.msgctxt: e for e in polib.pofile(str(path))}
    assert "fuzzy" not in entries["11"].flags
    assert "fuzzy" in entries["12"].flags  # msgfmt -c refuses a translated entry starting with \n when the source does not
    assert "fuzzy" in entries["13"].flags and entries["13"].previous_msgid == "外国人工作许可"
    assert entries["14"].msgstr == "" and not entries["14"].flags
    assert "fuzzy" in entries["15"].flags
    assert "studio-version: 4" in entries["11"].comment and entries["11"].occurrences == [("work-permit:steps[0].body", "")]
    meta = polib.pofile(str(path)).metadata
    assert meta["Language"] == "ar" and meta["Plural-Forms"].startswith("nplurals=6")
    back = {u.unit: u for u in po.read(str(path), path.read_bytes()).units}
    assert back["12"].target == "\nنص يبدأ بسطر" and back["12"].version == 2


@pytest.mark.parametrize("module", [xliff2, xliff12, csv_table])
def test_every_format_reads_back_exactly_what_it_wrote(tmp_path: Path, module):
    data = module.write(units(), NOW)
    name = str(tmp_path / "out")
    read = module.read(name, data) if module is csv_table else module.read(name, parse_xml(data, name))
    expected = [u for d in units().documents for u in d.units]
    assert [(u.unit, u.source, u.target, u.version, u.fingerprint) for u in read.units] == [
        (str(e.segment_id), e.source, e.target, e.version, fingerprint(e.source, e.target)) for e in expected]
    assert [u.confirmed for u in read.units] == [True, True, False, False, False]


def test_xliff_exports_pass_the_schemas_and_the_rules_the_schema_cannot_check(tmp_path: Path):
    for module, fmt in ((xliff2, "xliff"), (xliff12, "xliff12")):
        path = tmp_path / f"{fmt}.xlf"
        path.write_bytes(module.write(units(), NOW))
        validate(path, fmt)
    text = (tmp_path / "xliff.xlf").read_text(encoding="utf-8")
    assert '<pc id="1" dataRefStart="d1" dataRefEnd="d1e">النظام</pc>' in text
    assert "<target xml:space=\"preserve\">{/1}مكسور{1}</target>" in text  # broken: text, read back the same
    assert 'state="final"' not in text
    # The version and fingerprint of what was exported, also as metadata for tools that drop foreign attributes.
    tag = re.search(r'<unit id="13" name="[^"]*" studio:version="(7:[0-9a-f]{12})">', text)
    assert tag and f'<mda:meta type="version">{tag.group(1)}</mda:meta>' in text


def test_the_rule_check_finds_what_it_is_for(tmp_path: Path):
    path = tmp_path / "bad.xlf"
    path.write_bytes(xliff2.write(units(), NOW).replace(b'<unit id="12"', b'<unit id="11"').replace(
        b"\xd9\x85\xd9\x83\xd8\xb3\xd9\x88\xd8\xb1", b'<ph id="7" dataRef="d9"/>'))
    breaks = xliff2_rule_breaks(path)
    assert any("duplicate unit ids" in b for b in breaks)
    assert any("dataRef d9 resolves to nothing" in b for b in breaks)
    assert any("target code 7 is not the source's" in b for b in breaks)
