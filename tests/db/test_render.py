"""The preview of a document as the portal would show it in one language: translated where a translation
exists, the source marked where it does not, links and facts intact, and always well-formed HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from studio.content.importers import ImportOptions
from studio.content.render import render_document
from studio.content.rich_text import check_well_formed
from studio.jobs import run_job
from studio.locales import LOCALE_CODES
from tests.helpers import guide, office, write_json

FR_STEP_BODY = ('<p>L\'employeur se connecte au <a href="https://fw.example.gov.cn">système de service</a> '
                "pour déposer les pièces. L'examen se fait en ligne.</p>")


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    doc = guide()
    doc["fields"]["fees"].append({"explanation": "加急办理另收费用。", "amount": {"amount": "200.00", "currency": "CNY"}})
    doc["fields"]["conditions"] = ("<p>申请人须年满18周岁。须具有<strong>相关工作经验</strong>。</p>"
                                   "<ul><li>无犯罪记录。</li><li>身体健康。</li></ul>")
    doc["translations"] = {
        "fr": {"state": "approved", "fields": {
            "title": "Permis de travail pour les étrangers",
            "summary": "Les étrangers qui travaillent en ville doivent obtenir un permis de travail. "
                       "Le permis est valable cinq ans au plus.",
            "conditions": "<p>Le demandeur doit avoir 18 ans révolus. Il doit avoir une <strong>expérience "
                          "professionnelle</strong>.</p><ul><li>Casier judiciaire vierge.</li>"
                          "<li>Bonne santé.</li></ul>",
            "steps": [{"title": "Demande en ligne", "body": FR_STEP_BODY}]}},
        "ar": {"state": "draft", "fields": {
            "title": "تصريح العمل للأجانب",
            "steps": [{"title": "التقديم عبر الإنترنت",
                       "body": '<p>يسجل صاحب العمل الدخول إلى <a href="https://fw.example.gov.cn">نظام الخدمة</a> '
                               "لتقديم المستندات. تتم المراجعة عبر الإنترنت.</p>"}]}},
        "ja": {"state": "translated", "fields": {
            "summary": "本市で働く外国人は就労許可を取得しなければならない。許可の有効期間は最長5年である。"}},
    }
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "docs.json", [office(), doc])], ImportOptions()))
    return sqlite_workspace


def page(ws, locale: str, **options) -> str:
    out = render_document(ws.document("work-permit"), locale, **options)
    check_well_formed(out)
    return out


def body_of(html: str) -> str:
    return html[html.index("<body>"):]


class Outline(HTMLParser):
    """What a reader scans on a page: its language and direction, the section headings, the numbers of the
    list items, the labels of the facts, and the size of the body text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.lang = self.direction = self.style = ""
        self.headings: list[str] = []
        self.numbers: list[str] = []
        self.fact_labels: list[str] = []
        self._into: list[str] | None = None
        self._in_facts = self._in_style = False
        self.feed(page)
        self.body_px = int(re.search(r"body \{[^}]*font-size: (\d+)px", self.style).group(1))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang, self.direction = attrs["lang"], attrs["dir"]
        self._in_style = tag == "style"
        self._in_facts = self._in_facts or (tag == "ul" and attrs.get("class") == "facts")
        self._into = (self.headings if tag == "h2" else
                      self.numbers if tag == "span" and attrs.get("class") == "number" else
                      self.fact_labels if tag == "strong" and self._in_facts else None)
        if self._into is not None:
            self._into.append("")

    def handle_endtag(self, tag):
        self._into = None
        self._in_style = False
        self._in_facts = self._in_facts and tag != "ul"

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        if self._into is not None:
            self._into[-1] += data


def test_the_arabic_page_runs_right_to_left_in_an_arabic_font(ws):
    out = page(ws, "ar")
    assert '<html lang="ar" dir="rtl">' in out
    assert "<h1>تصريح العمل للأجانب</h1>" in out
    assert "<title>تصريح العمل للأجانب</title>" in out
    assert re.search(r'body \{[^}]*font-family: "Noto Sans Arabic"', out)
    # Phone numbers and amounts keep their left-to-right order inside the Arabic text.
    assert '<a href="tel:12345" dir="ltr">12345</a>' in out
    # Chinese shown as a fallback keeps its full stop at its own end.
    assert re.search(r"\.untranslated \{[^}]*direction: ltr;", out)
    assert "<strong>هاتف الاستفسارات:</strong>" in out
    # Amounts, numbers and links keep their order inside the Arabic line, even where dir="ltr" is ignored.
    assert '<li><strong>المبلغ:</strong> \u2066<span dir="ltr">0 CNY</span>\u2069</li>' in out


def test_the_french_page_numbers_the_steps_and_titles_each_in_french(ws):
    whole = page(ws, "fr")
    assert '<html lang="fr" dir="ltr">' in whole
    out = body_of(whole)
    assert '<h3><span class="number">Étape 1</span> Demande en ligne</h3>' in out
    assert out.index("<h2>Étapes</h2>") < out.index("Étape 1") < out.index("Demande en ligne") < out.index("Étape 2")
    assert '<span class="number">Pièce 2</span>' in out


@pytest.mark.parametrize(("locale", "headings", "numbers", "fact_labels"), [
    ("zh-Hans", ["概述", "适用对象", "办理条件", "申请材料", "办理流程", "收费标准", "办理时限"],
     ["材料1", "材料2", "第1步", "第2步", "收费项目1", "收费项目2"],
     ["金额：", "金额：", "办理地点1：", "网上办理：", "咨询电话："]),
    ("ar", ["لمحة عامة", "من يحق له التقديم", "الشروط", "المستندات المطلوبة", "خطوات الإجراء", "الرسوم",
            "مدة المعالجة"],
     ["المستند 1", "المستند 2", "الخطوة 1", "الخطوة 2", "الرسم 1", "الرسم 2"],
     ["المبلغ:", "المبلغ:", "جهة التقديم 1:", "التقديم الإلكتروني:", "هاتف الاستفسارات:"]),
    ("fr", ["En bref", "Qui peut faire la demande", "Conditions", "Pièces à fournir", "Étapes", "Frais",
            "Délai de traitement"],
     ["Pièce 1", "Pièce 2", "Étape 1", "Étape 2", "Tarif 1", "Tarif 2"],
     ["Montant\u202f:", "Montant\u202f:", "Bureau 1\u202f:", "Démarche en ligne\u202f:", "Renseignements\u202f:"]),
])
def test_headings_numbers_and_labels_are_in_the_pages_language(ws, locale, headings, numbers, fact_labels):
    seen = Outline(page(ws, locale))
    assert seen.lang == locale
    assert seen.direction == ("rtl" if locale == "ar" else "ltr")
    assert seen.headings == headings
    assert seen.numbers == numbers
    assert seen.fact_labels == fact_labels


def test_arabic_text_is_set_larger_than_chinese_to_look_the_same_size(ws):
    chinese, arabic, french = (Outline(page(ws, locale)).body_px for locale in ("zh-Hans", "ar", "fr"))
    assert chinese == french
    assert arabic >= chinese * 1.15


def test_the_link_of_the_source_survives_in_the_translated_body(ws):
    out = page(ws, "fr")
    assert '<a href="https://fw.example.gov.cn">système de service</a> pour déposer les pièces.' in out
    ar = page(ws, "ar")
    assert '<a href="https://fw.example.gov.cn">نظام الخدمة</a>' in ar


def test_a_missing_translation_shows_the_source_marked_as_untranslated(ws):
    out = body_of(page(ws, "fr"))
    assert '<span class="number">Étape 2</span> <span lang="zh-Hans" class="untranslated">领取证件</span>' in out
    # Untranslated neighbours share one mark; the source keeps its own markup inside it.
    assert '<span lang="zh-Hans" class="untranslated">用人单位为拟聘用的外国人申请。</span>' in out
    # Rich text falls back block by block, its list items still list items.
    ar = page(ws, "ar")
    # Isolated so its full stop stays at its end inside the right-to-left page.
    assert '<li><span lang="zh-Hans" class="untranslated">\u2066身体健康。\u2069</span></li>' in ar
    assert ('<p><span lang="zh-Hans" class="untranslated">\u2066申请人须年满18周岁。须具有<strong>相关工作经验</strong>。'
            "\u2069</span></p>") in ar


def test_without_fallback_the_gaps_are_left_out(ws):
    out = body_of(page(ws, "fr", fallback=False))
    assert "untranslated" not in out
    assert not re.search(r"[\u4e00-\u9fff]", out)  # not one Chinese character left
    assert '<h3><span class="number">Étape 2</span></h3>' in out
    assert "Qui peut faire la demande" not in out  # a field with nothing to show has no heading
    assert "<h2>En bref</h2>" in out
    assert "Demande en ligne" in out


def test_rich_text_sentences_return_to_their_blocks_with_their_markup(ws):
    out = body_of(page(ws, "fr"))
    assert ("<h2>Conditions</h2>\n<p>Le demandeur doit avoir 18 ans révolus. Il doit avoir une "
            "<strong>expérience professionnelle</strong>.</p>\n<ul>\n<li>Casier judiciaire vierge.</li>") in out


def test_japanese_sentences_join_without_a_space(ws):
    out = page(ws, "ja")
    assert "<p>本市で働く外国人は就労許可を取得しなければならない。許可の有効期間は最長5年である。</p>" in out
    assert '"Noto Sans CJK JP"' in out


def test_the_source_page_shows_the_source_without_marks(ws):
    out = body_of(page(ws, "zh-Hans"))
    assert "untranslated" not in out
    assert "<h1>外国人来华工作许可</h1>" in out
    assert "<p>在本市工作的外国人须办理工作许可。许可证件有效期最长五年。</p>" in out
    assert '<p>用人单位登录<a href="https://fw.example.gov.cn">服务系统</a>提交材料。审核在线完成。</p>' in out
    assert "<p>申请人须年满18周岁。须具有<strong>相关工作经验</strong>。</p>" in out


def test_language_neutral_facts_appear_once_and_alike_in_every_language(ws):
    facts = None
    for locale in LOCALE_CODES:
        out = page(ws, locale)
        assert out.count('href="https://fw.example.gov.cn/apply"') == 1
        assert '<a href="tel:12345" dir="ltr">12345</a>' in out
        assert ">0 CNY<" in out and ">200.00 CNY<" in out
        # The labels are in the page's language; the values are the same everywhere.
        these = re.findall(r'<ul class="facts">.*?</ul>', re.sub(r"<strong>.*?</strong>|\u2066|\u2069", "", out),
                           re.DOTALL)
        assert facts is None or these == facts
        facts = these


def test_an_office_phone_dials_without_spaces(ws):
    out = render_document(ws.document("dongcheng-hall"), "en")
    check_well_formed(out)
    assert '<a href="tel:+861084020101" dir="ltr">+86 10 8402 0101</a>' in out
    assert "39.9489,116.4166" in out
    assert '<h1><span lang="zh-Hans" class="untranslated">东城出入境办证大厅</span></h1>' in out


def test_an_outdated_translation_still_shows_until_it_is_redone(ws):
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    summary = [s for s in ws.document("work-permit").segments if s.field_path == "summary"]
    assert summary[1].cells["fr"].state == "outdated"
    assert "Le permis est valable cinq ans au plus." in page(ws, "fr")


@pytest.mark.parametrize(("broken", "shown"), [
    # The closing half lost: the words stay, the link that would swallow the page goes.
    ("L'employeur se connecte au {1}système de service pour déposer les pièces.",
     "<p>L'employeur se connecte au système de service pour déposer les pièces. L'examen se fait en ligne.</p>"),
    # The opening half lost.
    ("L'employeur se connecte au système{/1} de service.",
     "<p>L'employeur se connecte au système de service. L'examen se fait en ligne.</p>"),
    # A pair used twice is two links; a tag typed by hand is text, not markup.
    ("L'employeur {1}se connecte{/1} au {1}système{/1} <script>x</script>.",
     '<p>L\'employeur <a href="https://fw.example.gov.cn">se connecte</a> au '
     '<a href="https://fw.example.gov.cn">système</a> &lt;script&gt;x&lt;/script&gt;. L\'examen se fait en ligne.</p>'),
])
def test_a_translation_with_broken_placeholders_still_gives_well_formed_html(ws, broken, shown):
    seg = next(s for s in ws.document("work-permit").segments if s.field_path == "steps[0].body")
    ws.save_cell(seg.id, "fr", broken, seg.cells["fr"].version)
    out = page(ws, "fr")  # checks well-formedness
    assert shown in out


def test_approved_only_shows_what_a_release_would_publish(ws):
    # French is approved: the same page either way. The Arabic title is a draft: only the editors' preview has it.
    assert page(ws, "fr", approved_only=True) == page(ws, "fr")
    assert "تصريح العمل للأجانب" in page(ws, "ar")
    published = body_of(page(ws, "ar", approved_only=True))
    assert "تصريح العمل للأجانب" not in published
    assert 'class="untranslated">\u2066外国人来华工作许可\u2069</span>' in published
