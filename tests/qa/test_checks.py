"""The checks of one translation against its source and of the eight translations with each other, on sentences of
the Beijing portal in every locale, traps included: full-width punctuation is right in Japanese, "1.000" in German
is the 1,000 of English, 三 is 3."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.memory.glossary import Entry, Glossary, Term, TermStatus
from studio.qa.checks import CellContext, check_translation, cross_locale, source_side
from studio.qa.facts import facts_of
from studio.qa.readability import ReadabilitySettings

GLOSSARY = Glossary([
    Entry(1, (Term("zh-Hans", "北京"), Term("en", "Beijing"), Term("fr", "Beijing"),
              Term("fr", "Pékin", TermStatus.FORBIDDEN), Term("de", "Beijing"), Term("de", "Peking", TermStatus.FORBIDDEN))),
    Entry(2, (Term("zh-Hans", "居留许可"), Term("en", "residence permit"), Term("de", "Aufenthaltserlaubnis"))),
    Entry(3, (Term("en", "under"), Term("en", "in accordance with", TermStatus.DISCOURAGED))),
])


def findings(source, locale, text, *, max_length=None, glossary=GLOSSARY, path="summary", settings=None):
    side = source_side("doc", 1, path, source, "zh-Hans", max_length)
    ctx = CellContext(glossary, settings or ReadabilitySettings())
    return {(f.check, f.severity) for f in check_translation(side, locale, text, ctx)}


def checks(source, locale, text, **kw):
    return {check for check, _ in findings(source, locale, text, **kw)}


CLEAN = [
    ("en", "申请人须在入境后30日内办理居留许可。", "Applicants must apply for a residence permit within 30 days of arrival."),
    ("ja", "申请人须在入境后30日内办理居留许可。", "申請者は入国後30日以内に居留許可を申請してください。"),
    ("de", "每人次收费1000元。", "Die Gebühr beträgt 1.000 Yuan pro Person."),
    ("en", "每人次收费1000元。", "The fee is 1,000 yuan per person."),
    ("fr", "每人次收费1000元。", "Les frais sont de 1\u202f000\u00a0yuans par personne."),
    ("de", "费用为1000.5元。", "Die Gebühr beträgt 1.000,5 Yuan."),
    ("en", "三个工作日内办结。", "Completed within 3 working days."),
    ("en", "三个工作日内办结。", "Completed within three working days."),
    ("ko", "请拨打１２３４５热线咨询。", "12345 핫라인으로 문의하십시오."),
    ("fr", "如何预约？", "Comment prendre rendez-vous\u202f?"),
    ("ar", "如何预约？", "كيف أحجز موعدًا؟"),
    ("es", "开放时间为9:00—17:00。", "El horario es de 9:00 a 17:00."),
    ("fr", "开放时间为9:00—17:00。", "Ouvert de 9\u202fh\u202f00 à 17\u202fh."),
    ("ru", "详见《出境入境管理法》第二十九条。", "Подробнее см. статью 29 Закона «Об управлении въездом и выездом»."),
    ("en", "详见北京市政府网站https://www.beijing.gov.cn。", "See the Beijing government website https://www.beijing.gov.cn."),
    ("de", "提交后出示确认信息。", "Zeigen Sie sie bei Ihrer Ankunft vor."),
    ("de", "补贴最高1.5万元。", "Der Zuschuss beträgt höchstens 15.000 Yuan."),
    ("en", "拨打（010）6466 4646咨询。", "Call +86 10 6466 4646 for information."),
    ("ar", "请拨打12345热线。", "يرجى الاتصال بالخط الساخن ١٢٣٤٥."),
    ("ru", "费用为12345元。", "Сбор составляет 12\u00a0345 юаней."),
    ("es", "如何申请？", "¿Cómo se solicita?"),
    ("de", "详见《外国人入境出境管理条例》。", "Siehe „Verordnung über die Ein- und Ausreise von Ausländern“."),
    ("ja", "工作时间：周一至周五9:00—17:00。", "受付時間：月曜日～金曜日 9:00～17:00。"),
    ("en", "每年1月1日至3月31日办理。", "From 1 January to 31 March each year."),
    ("en", "办理时限为二十个工作日。", "It takes 20 working days."),
    ("ja", "请携带护照、签证等材料。", "パスポート、ビザなどの書類をお持ちください。"),
]


@pytest.mark.parametrize(("locale", "source", "text"), CLEAN)
def test_a_right_translation_has_no_finding(locale, source, text):
    assert checks(source, locale, text) == set()


WRONG = [
    # (check, severity, locale, source, translation)
    ("empty", "error", "en", "护照。", "  "),
    ("same_as_source", "warning", "en", "护照", "护照"),
    ("placeholders", "error", "en", "通过{1}预约平台{/1}预约。", "Book on the appointment platform."),
    ("placeholders", "error", "fr", "通过{1}预约平台{/1}预约。", "Réservez sur la <a>plateforme</a>."),
    ("numbers", "error", "es", "请拨打12345热线。", "Llame a la línea 12354."),
    ("numbers", "warning", "en", "自受理之日起7个工作日内办结。", "Completed within working days of acceptance."),
    ("numbers", "warning", "en", "三个工作日内办结。", "Completed within 5 working days."),
    ("numbers", "error", "de", "每人次收费1000元。", "Die Gebühr beträgt 1,000 Yuan pro Person."),
    ("urls", "error", "en", "详见https://www.beijing.gov.cn/visa。", "See https://www.beijing.gov.cn/visas."),
    ("emails", "error", "en", "来信请寄service@beijing.gov.cn。", "Write to services@beijing.gov.cn."),
    ("phones", "error", "fr", "咨询电话010-6466 4646。", "Renseignements au 010-6466 4649."),
    ("spaces", "warning", "en", "护照。", "Passport. "),
    ("spaces", "warning", "en", "护照和签证。", "Passport and  visa."),
    ("ending_punctuation", "warning", "en", "如何预约？", "How to book an appointment."),
    ("ending_punctuation", "warning", "ar", "如何预约？", "كيف أحجز موعدًا?"),
    ("punctuation_style", "warning", "en", "护照、签证。", "Passport，visa."),
    ("punctuation_style", "warning", "ar", "护照、签证。", "جواز السفر, التأشيرة."),
    ("brackets", "warning", "en", "乘地铁到雍和宫（喇嘛庙）站。", "Take the metro to Yonghegong (Lama Temple station."),
    ("brackets", "warning", "ja", "详见「出入境」页面。", "「出入境ページをご覧ください。"),
    ("glossary_required", "warning", "en", "办理居留许可。", "Apply for a residence card."),
    ("glossary_forbidden", "error", "fr", "欢迎来到北京。", "Bienvenue à Pékin."),
    ("untranslated_chinese", "warning", "en", "东城区。", "Dongcheng 区."),
    ("repeated_word", "warning", "en", "凭回执领取护照。", "Collect the the passport with the receipt."),
    ("french_typography", "warning", "fr", "如何预约？", "Comment prendre rendez-vous?"),
    ("french_typography", "warning", "fr", "注意：", "Attention :"),
    ("max_length", "error", "en", "签证延期", "Extension of the visa"),
    ("discouraged_term", "warning", "en", "按规定办理。", "Apply in accordance with the rules."),
    ("long_word", "warning", "en", "国际化。", "Internationalisationally."),
    ("long_sentence", "warning", "en", "外国人须在入境后三十日内到公安机关出入境管理机构申请办理居留许可。",
     "Foreigners must within thirty days after they have entered the country go in person to the exit and entry "
     "administration of the public security authorities and apply for a residence permit."),
    ("long_sentence", "warning", "ja", "外国人须在入境后三十日内申请居留许可。",
     "外国人は入国後三十日以内に公安機関の出入国管理機構に本人が出向き、必要な書類を全てそろえたうえで居留許可の申請手続きを行わなければなりません。"),
]


@pytest.mark.parametrize(("check", "severity", "locale", "source", "text"), WRONG,
                         ids=[f"{w[0]}-{w[2]}-{i}" for i, w in enumerate(WRONG)])
def test_a_mistake_is_found_with_its_severity(check, severity, locale, source, text):
    assert (check, severity) in findings(source, locale, text, max_length=12 if check == "max_length" else None)


def test_full_width_punctuation_is_right_in_japanese_and_chinese_and_wrong_in_korean():
    assert checks("请携带护照、签证。", "ja", "パスポート、ビザをお持ちください。") == set()
    assert "punctuation_style" in checks("请携带护照、签证。", "ko", "여권，비자를 지참하십시오.")
    assert "punctuation_style" not in checks("依据《出境入境管理法》。", "ko", "「출입국관리법」에 따릅니다.")


def test_a_limit_a_supervisor_raised_stops_the_warning():
    long_text = " ".join(["word"] * 30) + "."
    assert "long_sentence" in checks("句子。", "en", long_text)
    raised = ReadabilitySettings.from_json({"sentence_limits": {"en": 40}})
    assert "long_sentence" not in checks("句子。", "en", long_text, settings=raised)


def test_the_eight_translations_must_agree_on_numbers_links_and_phones():
    source = "请拨打12345热线，或访问https://www.beijing.gov.cn。"
    side = source_side("doc", 1, "body", source, "zh-Hans", None)
    texts = {
        "en": "Call the 12345 hotline or visit https://www.beijing.gov.cn.",
        "fr": "Appelez le 12345 ou consultez https://www.beijing.gov.cn.",
        "de": "Rufen Sie 12345 an oder besuchen Sie https://www.beijing.gov.cn.",
        "es": "Llame al 12354 o visite https://www.beijing.gov.cn.",
        "ja": "12345ホットラインに電話するか、https://www.beijing.gov.cn をご覧ください。",
    }
    facts = {loc: facts_of(t, loc) for loc, t in texts.items()}
    found = cross_locale(side, facts, texts, CellContext(Glossary.empty(), ReadabilitySettings()), set())
    assert {(f.locale, f.check) for f in found} == {("es", "cross_numbers")}
    assert "12345" in found[0].message and "12354" in found[0].message


_TEXT = st.text(alphabet=st.sampled_from(list("ab 1,.0:?!()（）「」“”«»{}/1\u00a0\u202f三十第个日，。？https://x.cn@-+")),
                max_size=60)


@settings(max_examples=300, deadline=None)
@given(source=_TEXT, text=_TEXT, locale=st.sampled_from(["en", "fr", "de", "ja", "ar", "ru", "ko", "es"]))
def test_any_text_is_checked_without_an_exception(source, text, locale):
    side = source_side("doc", 1, "summary", source, "zh-Hans", 50)
    ctx = CellContext(GLOSSARY, ReadabilitySettings())
    for finding in check_translation(side, locale, text, ctx):
        assert finding.severity in ("error", "warning") and finding.message
