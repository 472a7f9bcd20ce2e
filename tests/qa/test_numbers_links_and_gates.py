"""What a review of the quality checks found: correct translations reported as errors (times, Chinese numerals with
百/千, 万 and 亿 against "million", links next to Chinese characters), a pattern quadratic on long texts, an
approval reached around the gate (undo, import), acknowledgements lost when a text is put back. Each case here was
wrong before."""

from __future__ import annotations

import json
import time

import pytest

from studio.cli import main
from studio.content.importers import ImportOptions
from studio.errors import ValidationError
from studio.jobs import run_job
from studio.memory.glossary import Entry, Glossary, Term, TermStatus
from studio.qa.checks import CellContext, check_translation, cross_locale, source_side
from studio.qa.facts import facts_of
from studio.qa.findings import ack_digest, text_hash
from studio.qa.readability import ReadabilitySettings
from studio.workflow.cells import CellSnapshot
from tests.helpers import guide, office, segment_id, snapshot, write_json


def found(source, locale, text, *, glossary=None, source_locale="zh-Hans", acknowledged=None):
    side = source_side("doc", 1, "summary", source, source_locale, None)
    ctx = CellContext(glossary or Glossary([]), ReadabilitySettings(), acknowledged or {})
    return check_translation(side, locale, text, ctx)


RIGHT = [
    # times written the locale's way
    ("办公时间8:30-17:00。", "en", "Office hours: 8:30 am to 5 pm."),
    ("办公时间8:30-17:00。", "en", "Office hours: 8.30 a.m. to 5 p.m."),
    ("办公时间8:30-17:00。", "de", "Öffnungszeiten: 8.30 bis 17 Uhr."),
    ("办公时间9:00-17:00。", "de", "Geöffnet von 9 bis 17 Uhr."),
    ("办公时间9:00-17:00。", "en", "Open 9 to 5 pm."),
    ("办公时间9:00-12:00。", "en", "Open from 9 am to noon."),
    ("办公时间9:00-17:00。", "fr", "Ouvert de 9\u202fh à 17\u202fh."),
    # Chinese numerals with 百, 千, 万, 〇 and 多
    ("罚款五百元。", "en", "A fine of 500 yuan."),
    ("罚款两千元。", "en", "A fine of 2,000 yuan."),
    ("一百多个国家", "en", "More than 100 countries"),
    ("二〇二四年", "en", "2024"),
    ("增长百分之三十。", "en", "Up 30%."),
    ("第二十九条", "en", "Article twenty-nine"),
    ("3个月", "en", "A quarter."),
    ("十分方便。", "en", "It is very convenient."),
    ("3千米", "en", "3 km"),
    # 万 and 亿 against each locale's words for millions
    ("全年接待游客1.2亿人次。", "en", "It received 120 million visitors."),
    ("投资500万元。", "de", "Eine Investition von 5 Mio. Yuan."),
    ("投资12亿元。", "de", "Eine Investition von 1,2 Mrd. Yuan."),
    ("投资12亿元。", "fr", "Un investissement de 1,2 milliard de yuans."),
    ("投资12亿元。", "es", "Una inversión de 1.200 millones de yuanes."),
    ("投资500万元。", "ru", "Инвестиции 5 млн юаней."),
    ("投资12亿元。", "ar", "استثمار 1.2 مليار يوان."),
    ("费用为1.5万元。", "ko", "비용은 1.5만 위안입니다."),
    ("费用为1.5万元。", "ko", "비용은 1만 5천 위안입니다."),
    ("费用为1.5万元。", "ja", "費用は1万5000円です。"),
    # dates
    ("2024-03-01起施行。", "en", "It takes effect on 1 March 2024."),
    ("12月31日前提交。", "de", "Bis zum 31.12. einreichen."),
    # links beside Chinese characters, a host in capitals, a scheme added
    ("请登录www.gov.cn办理。", "en", "Apply at www.gov.cn."),
    ("请发邮件至abc@gov.cn咨询。", "en", "Write to abc@gov.cn."),
    ("详见“https://nia.gov.cn/n1/index.html”。", "en", "See https://nia.gov.cn/n1/index.html."),
    ("详见https://WWW.GOV.CN。", "en", "See https://www.gov.cn."),
    ("详见www.gov.cn。", "en", "See http://www.gov.cn."),
    # endings after a link or markup, codes left as they are
    ("详见https://www.gov.cn/zhengce/。", "en", "See https://www.gov.cn/zhengce/"),
    ("请访问{1}网站{/1}。", "en", "Please visit the {1}website{/1}"),
    ("ISO 9001", "de", "ISO 9001"),
    ("H1N1", "en", "H1N1"),
]


@pytest.mark.parametrize(("source", "locale", "text"), RIGHT)
def test_a_right_translation_has_no_finding(source, locale, text):
    assert [(f.check, f.message) for f in found(source, locale, text)] == []


WRONG = [
    ("10个工作日。", "fr", "20 jours ouvrables."),  # a small number replaced by another: no approval
    ("办公时间9:00-17:00。", "en", "Open from 10:00 to 17:00."),
    ("办公时间9:00-17:00。", "de", "Geöffnet von 10 bis 17 Uhr."),
    ("二〇二四年起施行。", "en", "From 2025."),
    ("罚款五百元。", "en", "A fine of 50 yuan."),
    ("投资12亿元。", "en", "An investment of 12 million yuan."),
    ("费用为1.5万元。", "ko", "비용은 1만 6천 위안입니다."),
    ("详见https://www.gov.cn/A。", "en", "See https://www.gov.cn/a."),  # a path keeps its case
    ("请发邮件至abc@gov.cn咨询。", "en", "Write to abd@gov.cn."),
]


@pytest.mark.parametrize(("source", "locale", "text"), WRONG)
def test_a_changed_fact_is_an_error(source, locale, text):
    assert [f.check for f in found(source, locale, text) if f.is_error] in (["numbers"], ["urls"], ["emails"])


def test_a_time_written_some_unread_way_is_a_warning_not_an_error():
    (f,) = found("办公时间9:00-17:00。", "en", "Open from 9 to 5.")
    assert (f.check, f.severity) == ("numbers", "warning")


def test_a_small_number_merely_missing_stays_a_warning():
    (f,) = found("24小时办理。", "en", "Processed around the clock.")
    assert (f.check, f.severity) == ("numbers", "warning")


def test_links_and_addresses_stop_at_chinese_characters_and_curly_quotes():
    facts = facts_of("请登录www.gov.cn办理，或发邮件至abc@gov.cn咨询：“https://nia.gov.cn/a.html”。", "zh-Hans")
    assert facts.urls == {"www.gov.cn", "nia.gov.cn/a.html"}
    assert facts.emails == {"abc@gov.cn"}


@pytest.mark.parametrize("hostile", ["1" * 50_000, "1." * 25_000, "12-" * 16_000, "a." * 25_000 + "@",
                                     "a@" * 25_000, "1:" * 25_000, "一" * 50_000, "www." * 12_000])
def test_a_long_hostile_text_is_checked_in_linear_time(hostile):
    # A generous bound: what it catches is a quadratic pattern (8 to 20 seconds on 50,000 characters before).
    start = time.perf_counter()
    found("源文本 1,000 http://x.cn a@b.cn 010-12345678。", "en", hostile)
    facts_of(hostile, "zh-Hans")
    assert time.perf_counter() - start < 2


def test_one_mark_gets_one_finding():
    arabic = found("您需要什么材料？", "ar", "ما المستندات التي تحتاجها?")
    assert [f.check for f in arabic] == ["ending_punctuation"]
    assert found("可以吗？", "ja", "可能ですか?") == []


def test_the_translations_agree_on_a_date_some_write_with_the_month_named():
    src = source_side("doc", 1, "summary", "请于12月31日前提交。", "zh-Hans", None)
    texts = {"en": "Submit by 31 December.", "fr": "À soumettre avant le 31 décembre.",
             "de": "Bis zum 31.12. einreichen.", "ja": "12月31日までに提出してください。",
             "ko": "12월 31일까지 제출하십시오.", "es": "Presente antes del 31 de diciembre."}
    facts = {loc: facts_of(t, loc) for loc, t in texts.items()}
    assert cross_locale(src, facts, texts, CellContext(Glossary([]), ReadabilitySettings()), set()) == []


def test_an_acknowledgement_is_for_the_text_of_one_source():
    text = "Bitte wenden Sie sich an die zuständige Stelle."
    glossary = Glossary([Entry(1, (Term("zh-Hans", "北京"), Term("de", "Beijing"),
                                   Term("de", "zuständige Stelle", TermStatus.DISCOURAGED)))])
    key = (1, "de", "discouraged_term", ack_digest("请联系北京主管部门。", text_hash(text)))
    acked = {key: "a proper name here"}
    (same,) = [f for f in found("请联系北京主管部门。", "de", text, glossary=glossary, acknowledged=acked)
               if f.check == "discouraged_term"]
    assert same.acknowledged and same.note == "a proper name here"
    (changed,) = [f for f in found("请联系主管部门。", "de", text, glossary=glossary, acknowledged=acked)
                  if f.check == "discouraged_term"]
    assert not changed.acknowledged


# --- in the workspace -----------------------------------------------------------------------------------------


@pytest.fixture
def guide_ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace


def confirm(ws, field, locale, text):
    seg = segment_id(ws, field)
    cell = ws.cell(seg, locale)
    ws.save_cell(seg, locale, text, cell.version if cell else None, confirm=True)
    return seg


def test_an_acknowledgement_comes_back_with_the_text_it_was_given_on(guide_ws):
    a = ("L'employeur qui souhaite recruter un étranger dans la ville doit faire lui-même la demande pour cet "
         "étranger auprès du service compétent avant la date prévue du début de son contrat de travail.")
    b = a.replace("du début", "de début")
    seg = confirm(guide_ws, "who_may_apply", "fr", a)
    guide_ws.acknowledge_finding(seg, "fr", "long_sentence", a, "one requirement, said once")
    confirm(guide_ws, "who_may_apply", "fr", b)
    guide_ws.acknowledge_finding(seg, "fr", "long_sentence", b, "still one requirement")
    confirm(guide_ws, "who_may_apply", "fr", a)
    (f,) = [f for f in guide_ws.check_cell(seg, "fr", a) if f.check == "long_sentence"]
    assert f.acknowledged and f.note == "one requirement, said once"


def test_a_small_number_replaced_by_another_blocks_the_approval(guide_ws):
    seg = confirm(guide_ws, "processing_time", "fr", "20 jours ouvrables.")  # the source says 10个工作日
    before = snapshot(guide_ws)
    with pytest.raises(ValidationError, match="cannot be approved"):
        guide_ws.review_cell(seg, "fr", guide_ws.cell(seg, "fr").version, approve=True)
    assert snapshot(guide_ws) == before


def test_an_undo_puts_a_text_with_an_error_back_as_translated_not_approved(guide_ws):
    seg = confirm(guide_ws, "processing_time", "fr", "100 jours ouvrables.")
    cell = guide_ws.cell(seg, "fr")
    approved = CellSnapshot(seg, "fr", "100 jours ouvrables.", "approved", cell.origin)
    guide_ws.restore_cell(approved, cell.version)
    assert guide_ws.cell(seg, "fr").state == "translated"
    cell = guide_ws.cell(seg, "fr")
    guide_ws.restore_cells([(approved, cell.version)])  # the many-cell path (undo of a replace-all)
    assert guide_ws.cell(seg, "fr").state == "translated"


def test_an_undo_still_puts_back_an_approval_without_an_error(guide_ws):
    seg = confirm(guide_ws, "processing_time", "fr", "10 jours ouvrables.")
    cell = guide_ws.cell(seg, "fr")
    guide_ws.restore_cell(CellSnapshot(seg, "fr", "10 jours ouvrables.", "approved", cell.origin), cell.version)
    assert guide_ws.cell(seg, "fr").state == "approved"


def test_an_import_lands_an_approved_translation_with_an_error_as_translated_and_says_so(workspace, tmp_path):
    doc = guide(translations={"fr": {"state": "approved", "origin": "human",
                                     "fields": {"processing_time": "100 jours ouvrables.",
                                                "title": "Permis de travail des étrangers"}}})
    changes = run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), doc])], ImportOptions()))
    assert "imported as translated because of a quality error" in changes.summary
    assert "work-permit processing_time (fr)" in changes.summary
    assert workspace.cell(segment_id(workspace, "processing_time"), "fr").state == "translated"
    assert workspace.cell(segment_id(workspace, "title"), "fr").state == "approved"


def test_studio_qa_on_the_demo_reports_errors_only_where_mistakes_were_put(tmp_path, capsys):
    folder = str(tmp_path / "demo")
    assert main(["--workspace", folder, "demo"]) == 0
    capsys.readouterr()
    assert main(["--workspace", folder, "qa", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    errors = sorted((f["document"], f["field"], f["locale"], f["check"]) for f in out["findings"]
                    if f["severity"] == "error")
    assert errors == [("accommodation-registration", "notes", "fr", "numbers"),  # 12345 typed 12354
                      ("work-permit", "who_may_apply", "fr", "glossary_forbidden")]  # "Pékin"
