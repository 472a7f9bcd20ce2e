"""Sentence segmentation as translators meet it: each sentence of a source is one segment, and a translation
must come back with as many sentences. The texts are about city services for foreigners."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.content.segmenter import Sentence, join_sentences, split_sentences

LOCALES = ("zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar")

# Each list is written one sentence after another (with nothing between them in Chinese and Japanese, one
# space elsewhere) and must come back exactly: the hard cases are inside the sentences.
SENTENCES: dict[str, list[str]] = {
    "zh-Hans": [
        "外国人来华工作许可实行网上申请。",
        "请登录 www.example.gov.cn 办理，也可以访问 https://fuwu.example.gov.cn/a.html?id=3 查询进度。",
        "审批时限为3.5个工作日！",
        "需要预约吗？",
        "窗口工作人员说：“请排队。”",
        "然后请到2号窗口领取回执。",
        "材料包括护照、照片、体检证明等；缺一不可。",
        "咨询邮箱：service@example.gov.cn。",
        "地铁2号线和10号线都可以到达服务大厅！！",
        "居留许可到期前30日内应申请延期?!",
        "《外国人就医指南》（第2版）已经发布。",
        "𠮷祥医院提供英语服务😀。",
    ],
    "ja": [
        "外国人の就労ビザは出入国在留管理局で申請します。",
        "窓口の職員は「番号札を取ってください。」と言いました。",
        "「必要な書類は何ですか。」",
        "パスポートと写真が必要です！",
        "予約は https://www.example.go.jp/yoyaku.html からできます。",
        "手数料は3.5万円ですか？",
        "住所が変わったら、14日以内に市役所で届け出てください。",
        "地下鉄は午前5時から運行しています！？",
        "税金については税務署（Tel. 03-1234-5678）に問い合わせてください。",
        "国際病院では英語と中国語の通訳が利用できます。",
        "𠮷田クリニックは駅から徒歩3分です😀。",
        "詳しくは info@example.jp までメールしてください。",
    ],
    "ko": [
        "외국인 취업 허가는 출입국관리사무소에서 신청합니다.",
        "필요한 서류는 무엇입니까?",
        "여권, 사진, 건강진단서가 필요합니다!",
        "수수료는 3.5만 원입니다.",
        "자세한 내용은 https://www.example.go.kr/visa.html 에서 확인하세요.",
        '담당자는 "번호표를 뽑으세요."라고 말했습니다.',
        "지하철 2호선을 타고 시청역에서 내리세요.",
        "병원 예약이 필요한가요?!",
        "세금 신고는 5월 31일까지 해야 합니다.",
        "문의는 info@example.go.kr 로 보내 주세요.",
        "외국인등록증은 보통 3주 후에 발급됩니다...",
        "𠮷 글자가 들어간 이름도 등록할 수 있습니다😀.",
    ],
    "en": [
        "Foreigners who work in the city need a work permit.",
        "Mr. Smith from the Exit-Entry Bureau explains the procedure.",
        "Apply online at https://www.example.gov.cn/work/permit.html before you arrive.",
        "The fee is 3.5 yuan per page, e.g. for translated diplomas.",
        "Bring your passport, photos, diplomas etc.",
        "The office makes copies for free.",
        "Dr. Li at the International Clinic speaks English and French.",
        "Take Metro Line No. 2 to People's Square.",
        "Is an appointment required?",
        "Yes!",
        'The officer said "Please take a number."',
        "Then she called the next applicant.",
        "Tax returns are due by 30 June...",
        "Late filing costs extra.",
        "Write to permits@example.gov.cn if you have questions.",
    ],
    "de": [
        "Ausländische Fachkräfte benötigen eine Arbeitserlaubnis.",
        "Bitte bringen Sie z. B. Ihren Reisepass und zwei Fotos mit.",
        "Die Gebühr beträgt 1.500,00 Yuan.",
        "Die Aufenthaltserlaubnis endet am 3. Oktober.",
        "Der 2. Schritt ist die Gesundheitsprüfung im Krankenhaus.",
        "Termine gibt es unter https://www.example.gov.cn/de/termin.html im Internet.",
        "Die Ausländerbehörde ist in Zimmer 12.",
        "Bitte warten Sie dort.",
        "Nehmen Sie die U-Bahn-Linie Nr. 2 bis zum Rathaus.",
        "Brauche ich einen Termin?",
        "Ja!",
        "Dr. Wang berät auf Deutsch, Englisch usw.",
        "Die Beratung ist kostenlos.",
        "Die Steuererklärung ist bis zum 31. Mai abzugeben, d. h. Sie haben zwei Monate Zeit.",
        "Einzelheiten stehen auf S. 4 der Broschüre.",
    ],
    "fr": [
        "Les étrangers qui travaillent dans la ville doivent obtenir un permis de travail.",
        "M. Dupont, du bureau des étrangers, explique la procédure.",
        "Mme Martin prend rendez-vous sur https://www.example.gov.cn/fr/rdv.html avant sa visite.",
        "Certaines villes, p. ex. Pékin, offrent un guichet unique.",
        "Le ticket de métro coûte 3 yuans, 4 yuans, etc.",
        "Les enfants voyagent gratuitement.",
        "Le guichet est-il ouvert le samedi ?",
        "Oui !",
        "L'agent a dit : « Prenez un ticket. »",
        "Puis il a appelé le suivant.",
        "L'hôpital international accueille les patients en français et en anglais.",
        "La déclaration d'impôts se fait avant le 30 juin...",
        "Les retards sont pénalisés.",
        "Écrivez à contact@example.gov.cn pour toute question.",
    ],
    "es": [
        "Los extranjeros que trabajan en la ciudad necesitan un permiso de trabajo.",
        "¿Dónde se presenta la solicitud?",
        "El Sr. García atiende en la ventanilla No. 2 del centro de servicios.",
        "La Sra. López recomienda pedir cita en https://www.example.gov.cn/es/cita.html con antelación.",
        "La tasa es de 3.5 yuanes por página.",
        "¡Traiga el pasaporte original!",
        "Se aceptan títulos, certificados, etc.",
        "Todos deben estar traducidos.",
        'El funcionario dijo: "Tome un número."',
        "Después llamó al siguiente.",
        "Dña. Carmen Ruiz coordina el servicio de intérpretes del hospital.",
        "La declaración de impuestos se presenta antes del 30 de junio.",
        "Escriba a ayuda@example.gov.cn si tiene dudas.",
    ],
    "ru": [
        "Иностранцам, работающим в городе, нужно разрешение на работу.",
        "Документы принимают на ул. Ленина, д. 5.",
        "Центр обслуживания находится в г. Пекин.",
        "Нужен паспорт, т. е. оригинал, а не копия.",
        "Запись на приём: https://www.example.gov.cn/ru/zapis.html в любое время.",
        "Нужна ли предварительная запись?",
        "Да!",
        "Сотрудник сказал: «Возьмите талон.»",
        "Затем он вызвал следующего.",
        "В больнице говорят по-английски, по-китайски и т. д.",
        "Приём ведётся по записи.",
        "Перевод стоит 150 руб. за страницу.",
        "Налоговую декларацию подают до 30 апреля 2025 г. в налоговую инспекцию.",
        "Заполните анкету версии 2.1 на сайте.",
        "Пишите на help@example.gov.cn по любым вопросам.",
    ],
    "ar": [
        "يحتاج الأجانب الذين يعملون في المدينة إلى تصريح عمل.",
        "هل يجب حجز موعد مسبقًا؟",
        "نعم، يجب حجز موعد عبر الموقع https://www.example.gov.cn/ar/booking.html قبل الزيارة.",
        "تبلغ الرسوم 3.5 يوان لكل صفحة.",
        "المستندات المطلوبة: جواز السفر، الصور، شهادة الفحص الطبي.",
        "يستقبل د. وانغ المرضى في المستشفى الدولي يوميًا.",
        "أين يقع مكتب الهجرة؟",
        "يقع المكتب بالقرب من محطة المترو رقم 2!",
        "قال الموظف: «خذ رقمًا.»",
        "ثم نادى المتقدم التالي.",
        "يجب تقديم الإقرار الضريبي قبل نهاية شهر يونيو.",
        "للاستفسار، راسلنا على info@example.gov.cn في أي وقت.",
    ],
}


def texts(text: str, locale: str) -> list[str]:
    return [s.text for s in split_sentences(text, locale)]


def check_offsets(text: str, sentences: list[Sentence]) -> None:
    for s in sentences:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_gets_its_sentences_back(locale: str) -> None:
    expected = SENTENCES[locale]
    assert len(expected) >= 10
    text = ("" if locale in ("zh-Hans", "ja") else " ").join(expected)
    sentences = split_sentences(text, locale)
    assert [s.text for s in sentences] == expected
    check_offsets(text, sentences)


def test_chinese_splits_at_full_width_stops_without_spaces() -> None:
    assert texts("他说：“请排队。”然后离开。", "zh-Hans") == ["他说：“请排队。”", "然后离开。"]
    # Commas, enumeration commas and semicolons never end a sentence.
    assert texts("请携带护照、照片，以及体检报告；缺一不可。", "zh-Hans") == ["请携带护照、照片，以及体检报告；缺一不可。"]


def test_chinese_sentence_with_ascii_splits_only_at_the_full_width_stop() -> None:
    text = "请登录 www.example.gov.cn 办理。Version 2.0 of the form is online. 表格已更新。"
    assert texts(text, "zh-Hans") == [
        "请登录 www.example.gov.cn 办理。",
        "Version 2.0 of the form is online. 表格已更新。",
    ]


def test_chinese_ellipsis_continues_unless_a_space_follows() -> None:
    assert texts("我们等了很久……最后终于轮到了。", "zh-Hans") == ["我们等了很久……最后终于轮到了。"]
    assert texts("请稍候…… 工作人员马上回来。", "zh-Hans") == ["请稍候……", "工作人员马上回来。"]


def test_japanese_quotation_followed_by_to_stays_in_its_sentence() -> None:
    text = "職員は「こちらへどうぞ。」と言いました。「ありがとう。」"
    assert texts(text, "ja") == ["職員は「こちらへどうぞ。」と言いました。", "「ありがとう。」"]


def test_arabic_question_mark_splits_and_arabic_comma_does_not() -> None:
    text = "هل تحتاج إلى تأشيرة؟ نعم، تحتاج إلى تأشيرة عمل، وتصريح إقامة."
    assert texts(text, "ar") == ["هل تحتاج إلى تأشيرة؟", "نعم، تحتاج إلى تأشيرة عمل، وتصريح إقامة."]


def test_abbreviations_do_not_end_sentences() -> None:
    assert texts("Mr. Wang and Dr. Li work at No. 2 Hospital. It is open daily.", "en") == [
        "Mr. Wang and Dr. Li work at No. 2 Hospital.", "It is open daily."]
    assert texts("Bringen Sie Dokumente mit, z.B. Ihren Pass. Das ist wichtig.", "de") == [
        "Bringen Sie Dokumente mit, z.B. Ihren Pass.", "Das ist wichtig."]
    assert texts("Оплата принимается в руб. Наличными нельзя.", "ru") == [
        "Оплата принимается в руб.", "Наличными нельзя."]


def test_etc_ends_a_sentence_only_before_an_upper_case_word() -> None:
    assert texts("Bring photos, copies, etc. and the form.", "en") == ["Bring photos, copies, etc. and the form."]
    assert texts("Bring photos, copies, etc. (see below)", "en") == ["Bring photos, copies, etc. (see below)"]
    assert texts("Bring photos, copies, etc. The form is online.", "en") == [
        "Bring photos, copies, etc.", "The form is online."]


def test_a_lower_case_word_continues_the_sentence() -> None:
    assert texts("The line was long... but it moved fast. Good!", "en") == [
        "The line was long... but it moved fast.", "Good!"]


def test_decimals_and_list_numbers_do_not_end_sentences() -> None:
    assert texts("The fee rose from 3.5 to 4.0 yuan. Pay at the desk.", "en") == [
        "The fee rose from 3.5 to 4.0 yuan.", "Pay at the desk."]
    assert texts("1. Fill in the form. 2. Pay the fee.", "en") == ["1. Fill in the form.", "2. Pay the fee."]
    assert texts("１．填写申请表。２．缴纳费用。", "zh-Hans") == ["１．填写申请表。", "２．缴纳费用。"]


def test_german_ordinal_is_not_a_sentence_end_but_a_line_break_makes_it_one() -> None:
    assert texts("Der Termin ist am 3. Oktober im 2. Stock.", "de") == ["Der Termin ist am 3. Oktober im 2. Stock."]
    assert texts("Die Wartenummer ist 3.\nOktober ist ausgebucht.", "de") == [
        "Die Wartenummer ist 3.", "Oktober ist ausgebucht."]
    # Elsewhere "3. October" is a sentence end: only German writes ordinals with a full stop.
    assert texts("Your number is 3. October is fully booked.", "en") == [
        "Your number is 3.", "October is fully booked."]


def test_urls_and_email_addresses_never_split() -> None:
    text = "See https://www.example.gov.cn/a.html?x=1. Or write to x@y.cn. We reply in 2 days."
    assert texts(text, "en") == [
        "See https://www.example.gov.cn/a.html?x=1.", "Or write to x@y.cn.", "We reply in 2 days."]


def test_french_closing_guillemet_after_a_space_stays_with_the_sentence() -> None:
    assert texts("Il a dit : « Attendez ici. » Puis il est parti.", "fr") == [
        "Il a dit : « Attendez ici. »", "Puis il est parti."]


def test_offsets_count_characters_outside_the_basic_multilingual_plane_as_one() -> None:
    text = "😀 𠮷野家在地铁站旁。请到𠮷祥医院就诊😀！  Bring 😀 your passport. 𠮷 OK."
    sentences = split_sentences(text, "zh-Hans")
    assert [s.text for s in sentences] == [
        "😀 𠮷野家在地铁站旁。", "请到𠮷祥医院就诊😀！", "Bring 😀 your passport. 𠮷 OK."]
    assert (sentences[0].start, sentences[0].end) == (0, 11)
    assert (sentences[1].start, sentences[1].end) == (11, 21)
    check_offsets(text, sentences)
    english = "  Bring 𠮷 your passport. Then 😀 wait."
    sentences = split_sentences(english, "en")
    # UTF-16 would count 𠮷 as two units and put the first end at 25.
    assert sentences == [Sentence(2, 24, "Bring 𠮷 your passport."), Sentence(25, 37, "Then 😀 wait.")]


def test_blank_line_ends_a_sentence_and_single_newline_does_not() -> None:
    text = "Opening hours\nMonday to Friday\n\n  Closed on public holidays"
    assert texts(text, "en") == ["Opening hours\nMonday to Friday", "Closed on public holidays"]
    assert texts("办理地点\n\n市民中心", "zh-Hans") == ["办理地点", "市民中心"]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n\t ", "zh-Hans") == []


def test_unknown_locale_uses_default_rules_and_regional_codes_their_language() -> None:
    assert texts("Bring your passport. Mr. Li will help.", "xx") == ["Bring your passport.", "Mr. Li will help."]
    assert texts("请排队。然后离开。", "zh-CN") == ["请排队。", "然后离开。"]
    assert texts("Prof. Li will help.", "en-GB") == ["Prof. Li will help."]


def test_join_sentences_uses_a_space_except_in_chinese_and_japanese() -> None:
    assert join_sentences(["请排队。", "然后离开。"], "zh-Hans") == "请排队。然后离开。"
    assert join_sentences(["こんにちは。", "ようこそ。"], "ja") == "こんにちは。ようこそ。"
    assert join_sentences(["Bitte warten.", " ", "Danke."], "de") == "Bitte warten. Danke."
    assert join_sentences(["هل تحتاج إلى تأشيرة؟", "نعم."], "ar") == "هل تحتاج إلى تأشيرة؟ نعم."


PIECES = [" ", "  ", "\n", "\n\n", "\t", "\u3000", "\xa0", ".", "。", "!", "?", "？", "！", "…", "...", "”", '"',
          "」", "»", " « ", "a", "Z", "3", "3.5", "Mr.", "z. B.", "etc.", "т. е.", "请排队", "Wait", "où",
          "𠮷", "😀", "https://x.cn/a.html", "x@y.cn", "،", "؟", "{1}", "{/1}", "《", "》", "“", "”", "(", ")",
          "「", "」", "[...]", ". . .", " . . . .", "• ", "1. ", " 2. ", "a. ", " b) ", ":", "：", "N°.", "۔",
          "E.", "А. С.", "2025 г."]


@settings(max_examples=300, database=None, deadline=None)
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=40).map("".join)),
       locale=st.sampled_from([*LOCALES, "xx"]))
def test_sentences_tile_the_text(text: str, locale: str) -> None:
    sentences = split_sentences(text, locale)
    rebuilt = []
    previous_end = None
    for s in sentences:
        assert s.text and s.text == s.text.strip()
        assert text[s.start:s.end] == s.text
        if previous_end is not None:
            assert previous_end <= s.start
            gap = text[previous_end:s.start]
            assert gap.strip() == ""
            rebuilt.append(gap)
        rebuilt.append(s.text)
        previous_end = s.end
    assert "".join(rebuilt) == text.strip()


# Hard cases (issue 7, item 13): where a translator would not cut. Each table gives, per locale where the case
# applies, a text and the segments a translator expects.

ENCLOSED_STOPS: dict[str, tuple[str, list[str]]] = {
    "zh-Hans": ("我们明天一起去看《摔跤吧！爸爸》好吗？好！", ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]),
    "ja": ("職員は「はい。こちらへどうぞ。」と言いました。『なぜ？日本語』は売り切れです。",
           ["職員は「はい。こちらへどうぞ。」と言いました。", "『なぜ？日本語』は売り切れです。"]),
    "ko": ("전시회 《안녕! 베이징》은 무료입니다. 직원은 “번호표를 뽑으세요. 잠시 기다리세요.”라고 했습니다.",
           ["전시회 《안녕! 베이징》은 무료입니다.", "직원은 “번호표를 뽑으세요. 잠시 기다리세요.”라고 했습니다."]),
    "en": ("The exhibition (open daily! free entry) starts on Monday. “Take a number. Wait here,” she said.",
           ["The exhibition (open daily! free entry) starts on Monday.", "“Take a number. Wait here,” she said."]),
    "de": ("Die Ausstellung „Hallo! Peking“ ist kostenlos. Bitte melden Sie sich an.",
           ["Die Ausstellung „Hallo! Peking“ ist kostenlos.", "Bitte melden Sie sich an."]),
    "fr": ("L'exposition « Bonjour ! Pékin » est gratuite. Réservez en ligne.",
           ["L'exposition « Bonjour ! Pékin » est gratuite.", "Réservez en ligne."]),
    "es": ("La exposición «¡Hola! Pekín» es gratuita. Reserve en línea.",
           ["La exposición «¡Hola! Pekín» es gratuita.", "Reserve en línea."]),
    "ru": ("Выставка «Привет! Пекин» бесплатная. Запишитесь на сайте.",
           ["Выставка «Привет! Пекин» бесплатная.", "Запишитесь на сайте."]),
    "ar": ("معرض «مرحبًا! بكين» مجاني للجميع. احجز موعدك عبر الإنترنت.",
           ["معرض «مرحبًا! بكين» مجاني للجميع.", "احجز موعدك عبر الإنترنت."]),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_stop_inside_a_title_quotation_or_brackets_does_not_end_the_sentence(locale: str) -> None:
    text, expected = ENCLOSED_STOPS[locale]
    assert texts(text, locale) == expected


def test_a_mark_left_open_does_not_swallow_the_paragraph() -> None:
    assert texts("他说：“请排队。然后离开。她走了。", "zh-Hans") == ["他说：“请排队。", "然后离开。", "她走了。"]
    assert texts("See the guide (page 2. It is short. Read it.", "en") == [
        "See the guide (page 2.", "It is short.", "Read it."]


SPACED_ELLIPSES: dict[str, tuple[str, list[str]]] = {
    "en": ("The queue was long . . . but it moved. I waited an hour. . . . Then my number came. "
           "Look at this...see? It works. It was not abandoned. . . .",
           ["The queue was long . . . but it moved.", "I waited an hour. . . .", "Then my number came.",
            "Look at this...see?", "It works.", "It was not abandoned. . . ."]),
    "de": ("Die Schlange war lang . . . Aber sie ging schnell voran. Ich wartete eine Stunde. . . . Dann kam ich dran.",
           ["Die Schlange war lang . . . Aber sie ging schnell voran.", "Ich wartete eine Stunde. . . .",
            "Dann kam ich dran."]),
    "fr": ("La file était longue . . . mais elle avançait. J'ai attendu une heure. . . . Puis mon tour est venu.",
           ["La file était longue . . . mais elle avançait.", "J'ai attendu une heure. . . .",
            "Puis mon tour est venu."]),
    "es": ("La fila era larga . . . Pero avanzaba rápido. Esperé una hora. . . . Luego me llamaron.",
           ["La fila era larga . . . Pero avanzaba rápido.", "Esperé una hora. . . .", "Luego me llamaron."]),
    "ru": ("Очередь была длинной . . . Но двигалась быстро. Я ждал час. . . . Потом меня вызвали.",
           ["Очередь была длинной . . . Но двигалась быстро.", "Я ждал час. . . .", "Потом меня вызвали."]),
    "ko": ("줄이 길었습니다 . . . 하지만 빨리 줄었습니다. 한 시간을 기다렸습니다. . . . 그리고 제 차례가 왔습니다.",
           ["줄이 길었습니다 . . . 하지만 빨리 줄었습니다.", "한 시간을 기다렸습니다. . . .", "그리고 제 차례가 왔습니다."]),
    "ar": ("كان الطابور طويلًا . . . لكنه تحرك بسرعة. انتظرت ساعة. . . . ثم جاء دوري.",
           ["كان الطابور طويلًا . . . لكنه تحرك بسرعة.", "انتظرت ساعة. . . .", "ثم جاء دوري."]),
}


@pytest.mark.parametrize("locale", sorted(SPACED_ELLIPSES))
def test_a_spaced_ellipsis_is_one_mark_and_stays_with_the_sentence_before_it(locale: str) -> None:
    text, expected = SPACED_ELLIPSES[locale]
    assert texts(text, locale) == expected


# "said. . . and": a spaced ellipsis right after a word, then the sentence goes on; never a segment of one dot.
MID_SENTENCE_ELLIPSES: dict[str, tuple[str, list[str]]] = {
    "en": ("He said. . . and left. She stayed.", ["He said. . . and left.", "She stayed."]),
    "de": ("He said. . . and left. Er wartete. . . bis zum Abend.", ["He said. . . and left.",
                                                                   "Er wartete. . . bis zum Abend."]),
    "fr": ("He said. . . and left. Il attendait. . . puis il est parti.", ["He said. . . and left.",
                                                                          "Il attendait. . . puis il est parti."]),
    "es": ("Dijo. . . y se fue. Esperamos.", ["Dijo. . . y se fue.", "Esperamos."]),
    "ru": ("Он сказал. . . и ушёл. Мы ждали.", ["Он сказал. . . и ушёл.", "Мы ждали."]),
    "ko": ("그는 말했습니다. . . 그리고 떠났습니다. 우리는 기다렸습니다.",
           ["그는 말했습니다. . . 그리고 떠났습니다.", "우리는 기다렸습니다."]),
    "ar": ("قال. . . ثم غادر. انتظرنا.", ["قال. . . ثم غادر.", "انتظرنا."]),
}


@pytest.mark.parametrize("locale", sorted(MID_SENTENCE_ELLIPSES))
def test_a_spaced_ellipsis_after_a_word_goes_on_with_its_sentence(locale: str) -> None:
    text, expected = MID_SENTENCE_ELLIPSES[locale]
    assert texts(text, locale) == expected


def test_a_spaced_ellipsis_after_a_full_stop_ends_the_sentence_before_it() -> None:
    # pysbd's golden rule: the four dots close the sentence, the next one starts at "The".
    text = ("One further habit which was somewhat weakened . . . was that of combining words into "
            "self-interpreting compounds. . . . The practice was not abandoned. . . .")
    assert texts(text, "en") == [
        "One further habit which was somewhat weakened . . . was that of combining words into "
        "self-interpreting compounds. . . .", "The practice was not abandoned. . . ."]


# A terminator right after closing marks ends the sentence those marks close: it is no segment of its own.
STOPS_AFTER_CLOSERS: dict[str, list[tuple[str, list[str]]]] = {
    "zh-Hans": [("活动名为“欢迎！”。请参加。", ["活动名为“欢迎！”。", "请参加。"]),
                ("请参阅《北京市外国人管理条例！》。然后再来。", ["请参阅《北京市外国人管理条例！》。", "然后再来。"]),
                ("他问：“要预约吗？”！请回答。", ["他问：“要预约吗？”！", "请回答。"]),
                # the ellipsis after the quotation decides, and "……" ends nothing before a word
                ("他说“好！”……然后走了。", ["他说“好！”……然后走了。"])],
    "ja": [("活動名は「ようこそ！」。参加してください。", ["活動名は「ようこそ！」。", "参加してください。"]),
           ("『なぜ？』。売り切れです。", ["『なぜ？』。", "売り切れです。"])],
    "en": [("He shouted “Stop!”. Then he left.", ["He shouted “Stop!”.", "Then he left."])],
    "de": [("Er rief „Halt!“. Dann ging er.", ["Er rief „Halt!“.", "Dann ging er."])],
    "fr": [("Il a crié « Stop ! ». Puis il est parti.", ["Il a crié « Stop ! ».", "Puis il est parti."])],
    "es": [("Gritó «¡Alto!». Luego se fue.", ["Gritó «¡Alto!».", "Luego se fue."])],
    "ru": [("Он крикнул «Стой!». Потом ушёл.", ["Он крикнул «Стой!».", "Потом ушёл."])],
    "ko": [("그는 “멈춰!”. 그리고 떠났습니다.", ["그는 “멈춰!”.", "그리고 떠났습니다."])],
    "ar": [("صاح «توقف!». ثم غادر.", ["صاح «توقف!».", "ثم غادر."])],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_terminator_right_after_closing_marks_joins_their_sentence(locale: str) -> None:
    for text, expected in STOPS_AFTER_CLOSERS[locale]:
        assert texts(text, locale) == expected


def punctuation_only(text: str) -> bool:
    return all(ch.isspace() or unicodedata.category(ch).startswith("P") for ch in text)


# Stray marks between two sentences of each locale: they go with the sentence before them.
STRAY_MARKS = {"zh-Hans": "！。", "ja": "！。", "en": " ! .", "ko": " . ?", "de": " . . !", "fr": " ! ?",
               "es": " . . . .", "ru": " … .", "ar": " ؟ ."}


@pytest.mark.parametrize("locale", LOCALES)
def test_marks_between_two_sentences_stay_with_the_first(locale: str) -> None:
    first, second = SENTENCES[locale][0], SENTENCES[locale][3]
    separator = "" if locale in ("zh-Hans", "ja") else " "
    text = first + STRAY_MARKS[locale] + separator + second
    assert texts(text, locale) == [first + STRAY_MARKS[locale], second]
    assert texts(STRAY_MARKS[locale].strip() + separator + second, locale) == [
        STRAY_MARKS[locale].strip() + separator + second]


@settings(max_examples=500, database=None, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join), locale=st.sampled_from(LOCALES))
def test_no_segment_is_only_punctuation_unless_its_paragraph_is(text: str, locale: str) -> None:
    sentences = split_sentences(text, locale)
    for i, s in enumerate(sentences):
        if punctuation_only(s.text):
            before = text[sentences[i - 1].end:s.start] if i else "\n\n"
            after = text[s.end:sentences[i + 1].start] if i + 1 < len(sentences) else "\n\n"
            assert before.count("\n") >= 2 and after.count("\n") >= 2, (text, s.text)


INITIALS: dict[str, tuple[str, list[str]]] = {
    "en": ("Jonas E. Smith and Albert I. Jones run the service centre. Please go to Hall B. The staff will help.",
           ["Jonas E. Smith and Albert I. Jones run the service centre.", "Please go to Hall B.",
            "The staff will help."]),
    "de": ("Die Beratung leitet Anna M. Keller. Gehen Sie in Halle B. Dort hilft man Ihnen.",
           ["Die Beratung leitet Anna M. Keller.", "Gehen Sie in Halle B.", "Dort hilft man Ihnen."]),
    "fr": ("Le service est dirigé par Jean P. Martin. Allez au guichet B. Vous serez reçu.",
           ["Le service est dirigé par Jean P. Martin.", "Allez au guichet B.", "Vous serez reçu."]),
    "es": ("El centro lo dirige Ana M. Ruiz. Vaya a la sala B. El personal le ayudará.",
           ["El centro lo dirige Ana M. Ruiz.", "Vaya a la sala B.", "El personal le ayudará."]),
    "ru": ("А. С. Пушкин жил в Москве, т. е. в столице. Центр находится в корпусе Б. В нём работают "
           "переводчики.",
           ["А. С. Пушкин жил в Москве, т. е. в столице.", "Центр находится в корпусе Б.",
            "В нём работают переводчики."]),
}


@pytest.mark.parametrize("locale", sorted(INITIALS))
def test_initials_do_not_end_sentences_but_a_capital_before_a_sentence_start_does(locale: str) -> None:
    text, expected = INITIALS[locale]
    assert texts(text, locale) == expected


DATES: dict[str, tuple[str, list[str]]] = {
    "es": ("La oficina abrió el Mar. 23 de Nov. de 2014. Su director nació el 30 Ago. 1984 en Pekín. "
           "Vivimos cerca del mar. Es bonito.",
           ["La oficina abrió el Mar. 23 de Nov. de 2014.", "Su director nació el 30 Ago. 1984 en Pekín.",
            "Vivimos cerca del mar.", "Es bonito."]),
    "en": ("The office opened on Mar. 23, 2014. It moved on Jul. 1, 2020.",
           ["The office opened on Mar. 23, 2014.", "It moved on Jul. 1, 2020."]),
    "ru": ("Центр открылся 23 нояб. 2014 г. и работает без выходных. Запись с 1 сент. Приходите. Он переехал в "
           "2020 г. В новом здании есть парковка. В 2014 г. Пекин открыл ещё один центр.",
           ["Центр открылся 23 нояб. 2014 г. и работает без выходных.", "Запись с 1 сент.", "Приходите.",
            "Он переехал в 2020 г.", "В новом здании есть парковка.", "В 2014 г. Пекин открыл ещё один центр."]),
}


@pytest.mark.parametrize("locale", sorted(DATES))
def test_abbreviated_months_and_days_before_a_number_do_not_end_sentences(locale: str) -> None:
    text, expected = DATES[locale]
    assert texts(text, locale) == expected


ELISIONS: dict[str, tuple[str, list[str]]] = {
    "en": ('"The centre [...] serves foreign residents [...]" (Annual report, p. 4). It opened in 2014.',
           ['"The centre [...] serves foreign residents [...]" (Annual report, p. 4).', "It opened in 2014."]),
    "de": ("„Das Zentrum […] berät Ausländer […]“ (Jahresbericht). Es wurde 2014 eröffnet.",
           ["„Das Zentrum […] berät Ausländer […]“ (Jahresbericht).", "Es wurde 2014 eröffnet."]),
    "fr": ("« Le centre [...] accueille les étrangers [...] » (Rapport annuel). Il a ouvert en 2014.",
           ["« Le centre [...] accueille les étrangers [...] » (Rapport annuel).", "Il a ouvert en 2014."]),
    "es": ("«El centro [...] atiende a extranjeros [...]» (Informe anual). Abrió en 2014.",
           ["«El centro [...] atiende a extranjeros [...]» (Informe anual).", "Abrió en 2014."]),
    "ru": ("«Центр […] обслуживает иностранцев […]» (Годовой отчёт). Он открылся в 2014 году.",
           ["«Центр […] обслуживает иностранцев […]» (Годовой отчёт).", "Он открылся в 2014 году."]),
    "ko": ('"센터는 [...] 외국인을 돕습니다 [...]" (연례 보고서). 2014년에 문을 열었습니다.',
           ['"센터는 [...] 외국인을 돕습니다 [...]" (연례 보고서).', "2014년에 문을 열었습니다."]),
    "ar": ("«يخدم المركز [...] المقيمين الأجانب [...]» (التقرير السنوي). افتتح عام 2014.",
           ["«يخدم المركز [...] المقيمين الأجانب [...]» (التقرير السنوي).", "افتتح عام 2014."]),
}


@pytest.mark.parametrize("locale", sorted(ELISIONS))
def test_an_elision_in_brackets_inside_a_quotation_ends_nothing(locale: str) -> None:
    text, expected = ELISIONS[locale]
    assert texts(text, locale) == expected


# An inline list: each item is a segment of its own, starting with its number, letter or bullet; what comes
# before the first item (up to a colon) is a segment too.
INLINE_LISTS: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        ("Steps: 1. Bring your passport. 2. Fill in the form.",
         ["Steps:", "1. Bring your passport.", "2. Fill in the form."]),
        ("a. Bring your passport. b. Fill in the form. c. Pay the fee.",
         ["a. Bring your passport.", "b. Fill in the form.", "c. Pay the fee."]),
        ("• 9. Bring your passport. • 10. Fill in the form.", ["• 9. Bring your passport.", "• 10. Fill in the form."]),
        ("Documents: 1) passport 2) two photos 3) the form",
         ["Documents:", "1) passport", "2) two photos", "3) the form"]),
    ],
    "de": [
        ("Unterlagen: a. Reisepass b. zwei Fotos c. Antrag", ["Unterlagen:", "a. Reisepass", "b. zwei Fotos",
                                                             "c. Antrag"]),
        ("• 9. Bringen Sie den Pass mit. • 10. Füllen Sie den Antrag aus.",
         ["• 9. Bringen Sie den Pass mit.", "• 10. Füllen Sie den Antrag aus."]),
        # Dates are not lists: ordinals after a word, and day and month in figures.
        ("Die Fristen sind der 1. Januar und der 2. Februar. Datum: 1. 2. 2026.",
         ["Die Fristen sind der 1. Januar und der 2. Februar.", "Datum: 1. 2. 2026."]),
    ],
    "fr": [
        ("Étapes : a. apportez votre passeport. b. remplissez le formulaire.",
         ["Étapes :", "a. apportez votre passeport.", "b. remplissez le formulaire."]),
        ("Étapes : 1. Apportez votre passeport. 2. Remplissez le formulaire.",
         ["Étapes :", "1. Apportez votre passeport.", "2. Remplissez le formulaire."]),
    ],
    "es": [
        ("Pasos: a. traiga su pasaporte. b. rellene el formulario.",
         ["Pasos:", "a. traiga su pasaporte.", "b. rellene el formulario."]),
        ("• 9. Traiga su pasaporte. • 10. Rellene el formulario.",
         ["• 9. Traiga su pasaporte.", "• 10. Rellene el formulario."]),
    ],
    "ru": [
        ("Документы: а) паспорт; б) две фотографии; в) анкета.",
         ["Документы:", "а) паспорт;", "б) две фотографии;", "в) анкета."]),
        ("Порядок: 1. Возьмите паспорт. 2. Заполните анкету.",
         ["Порядок:", "1. Возьмите паспорт.", "2. Заполните анкету."]),
    ],
    "ko": [
        ("절차: 가. 여권을 준비하세요. 나. 신청서를 작성하세요.", ["절차:", "가. 여권을 준비하세요.", "나. 신청서를 작성하세요."]),
        ("• 9. 여권을 준비하세요. • 10. 신청서를 작성하세요.", ["• 9. 여권을 준비하세요.", "• 10. 신청서를 작성하세요."]),
    ],
    "ar": [
        ("الخطوات: 1. أحضر جواز السفر. 2. املأ الاستمارة.", ["الخطوات:", "1. أحضر جواز السفر.", "2. املأ الاستمارة."]),
        ("• 9. أحضر جواز السفر. • 10. املأ الاستمارة.", ["• 9. أحضر جواز السفر.", "• 10. املأ الاستمارة."]),
    ],
    "zh-Hans": [
        ("所需材料：1. 护照 2. 照片 3. 申请表", ["所需材料：", "1. 护照", "2. 照片", "3. 申请表"]),
        # Items run together with semicolons and no space are one sentence, as written.
        ("所需材料：1.护照；2.照片；3.申请表。", ["所需材料：1.护照；2.照片；3.申请表。"]),
    ],
    "ja": [
        ("必要書類：1. パスポート 2. 写真 3. 申請書", ["必要書類：", "1. パスポート", "2. 写真", "3. 申請書"]),
    ],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_items_of_an_inline_list_are_segments_starting_with_their_numbers(locale: str) -> None:
    for text, expected in INLINE_LISTS[locale]:
        assert texts(text, locale) == expected, text


NUMBER_SIGNS: dict[str, tuple[str, list[str]]] = {
    "es": ("Expediente N°. 1026.253.553. Se ha aprobado.", ["Expediente N°. 1026.253.553.", "Se ha aprobado."]),
    "fr": ("Dossier N°. 1026.253.553. Il a été approuvé.", ["Dossier N°. 1026.253.553.", "Il a été approuvé."]),
    "en": ("File Nº. 1026.253.553. It was approved.", ["File Nº. 1026.253.553.", "It was approved."]),
}


@pytest.mark.parametrize("locale", sorted(NUMBER_SIGNS))
def test_the_number_sign_with_a_full_stop_does_not_end_a_sentence(locale: str) -> None:
    text, expected = NUMBER_SIGNS[locale]
    assert texts(text, locale) == expected


def test_arabic_full_stop_ends_a_sentence_and_the_arabic_comma_does_not() -> None:
    text = "يفتح المركز يوميًا، من التاسعة صباحًا۔ هل تحتاج إلى موعد؟ نعم، يجب الحجز مسبقًا۔"
    assert texts(text, "ar") == ["يفتح المركز يوميًا، من التاسعة صباحًا۔", "هل تحتاج إلى موعد؟",
                                 "نعم، يجب الحجز مسبقًا۔"]


def test_a_time_of_day_ends_a_sentence_only_before_a_word_that_starts_one() -> None:
    assert texts("Come at 9 a.m. Mr. Li will meet you. We close at 5 p.m. Visitors must leave by then.", "en") == [
        "Come at 9 a.m. Mr. Li will meet you.", "We close at 5 p.m.", "Visitors must leave by then."]


def test_dotted_capitals_end_like_initials() -> None:
    assert texts("Many applicants studied in the U.S. How long did you stay? The U.S. Embassy can tell.", "en") == [
        "Many applicants studied in the U.S.", "How long did you stay?", "The U.S. Embassy can tell."]
    # A capital after a sign is a unit, not an initial.
    assert texts("Der Kühlschrank hält 4.5°C. Medikamente bleiben frisch.", "de") == [
        "Der Kühlschrank hält 4.5°C.", "Medikamente bleiben frisch."]


def test_abbreviations_of_titles_and_references() -> None:
    assert texts("Sie treffen Dr. med. Wang. Frau Prof. Li ist z. Z. im Urlaub.", "de") == [
        "Sie treffen Dr. med. Wang.", "Frau Prof. Li ist z. Z. im Urlaub."]
    assert texts("Уважаемый проф. Иванов! Кв. 12 находится на втором этаже.", "ru") == [
        "Уважаемый проф. Иванов!", "Кв. 12 находится на втором этаже."]
    assert texts("Lea el párrf. 2 del art. 5 de la ley de los EE. UU. y firme. Gracias.", "es") == [
        "Lea el párrf. 2 del art. 5 de la ley de los EE. UU. y firme.", "Gracias."]


def test_marks_without_a_word_after_a_stop_stay_with_its_sentence() -> None:
    assert texts('El poema dice: "Pekín despierta. / [...] ".', "es") == ['El poema dice: "Pekín despierta. / [...] ".']
