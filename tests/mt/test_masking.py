"""Masking: what engines must not touch goes out as `<x1/>` tokens and comes back as it was, or flagged."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.content.rich_text import placeholder_tokens
from studio.mt.masking import Masked, Piece, mask, tokens, unmask

# A sentence about Beijing's services for foreigners in each of the nine languages, with markup placeholders, a
# URL, an e-mail address, a phone number and numbers; and what must come out masked.
NINE = {
    "zh-Hans": ("请于2026-11-26前登录{1}https://english.beijing.gov.cn/services{/1}，或拨打+86 10 8402 0101、"
                "12345热线，邮件至visa@bjgaj.gov.cn，费用¥1,200.50，办结率98.5%。"),
    "en": ("Apply for the {1}work permit{/1} at https://fuwu.rsj.beijing.gov.cn before 2026-11-26, call "
           "010-84020101 or the 12345 hotline, or write to permits@beijing.gov.cn; the fee is ¥1,200.50."),
    "ko": ("{1}출입국{/1} 예약은 https://english.beijing.gov.cn/visa 에서 하시고, 문의는 +86 10 8402 0101 또는 "
           "12345로, 이메일 visa@bjgaj.gov.cn, 수수료 1,200위안입니다."),
    "ja": ("{1}外国人就労許可{/1}は2026-11-26までにhttps://english.beijing.gov.cn/permitsで申請し、"
           "010-84020101または12345に電話、permits@beijing.gov.cnへメール、手数料は１２００元です。"),
    "de": ("Beantragen Sie die {1}Arbeitserlaubnis{/1} bis 2026-11-26 unter https://english.beijing.gov.cn, "
           "Telefon +86 10 8402 0101 oder die Hotline 12345, E-Mail permits@beijing.gov.cn, Gebühr 1,200.50 Yuan."),
    "fr": ("Prenez rendez-vous{2/}au bureau {1}des entrées et sorties{/1} sur https://english.beijing.gov.cn/rdv "
           "ou au 010-8402-0101, ligne 12345, courriel visa@bjgaj.gov.cn, 35% des demandes en 5 jours."),
    "es": ("Solicite el {1}permiso de trabajo{/1} en https://english.beijing.gov.cn antes del 2026-11-26; "
           "llame al 13812345678 o al 12345, escriba a permits@beijing.gov.cn; tasa de 1,200.50 yuanes."),
    "ru": ("Оформите {1}визу{/1} на https://english.beijing.gov.cn до 2026-11-26, звоните +86 10 8402 0101 или "
           "на горячую линию 12345, пишите на visa@bjgaj.gov.cn; сбор 1,200.50 юаней."),
    "ar": ("قدّم طلب {1}تصريح العمل{/1} عبر https://english.beijing.gov.cn قبل 2026-11-26، واتصل بالرقم "
           "+86 10 8402 0101 أو الخط الساخن 12345، وراسل permits@beijing.gov.cn؛ الرسوم 1,200.50 يوان."),
}
KINDS = {"placeholder", "url", "email", "phone", "number"}


@pytest.mark.parametrize("locale", NINE)
def test_every_fact_of_a_sentence_in_each_language_is_masked_and_restored(locale: str) -> None:
    text = NINE[locale]
    masked = mask(text)
    assert {p.kind for p in masked.table.values()} >= KINDS
    assert not re.search(r"\d", _without_tokens(masked.text)), masked.text  # no digit is left for the engine
    assert not placeholder_tokens(masked.text) and "@" not in masked.text and "http" not in masked.text
    assert tokens(masked.text) == list(masked.table)  # each token once, numbered in order
    restored = unmask(masked, masked.text)
    assert restored.text == text and not restored.damaged


@pytest.mark.parametrize("locale", NINE)
def test_a_translation_that_moves_and_bends_the_tokens_is_restored(locale: str) -> None:
    masked = mask(NINE[locale])
    # An engine puts the tokens in another order and writes them its own way, with words between.
    bent = [t.replace("<x", "< x").replace("/>", " / >") for t in reversed(list(masked.table))]
    restored = unmask(masked, "Übersetzt: " + " und ".join(bent) + ".")
    assert not restored.damaged
    assert restored.text == "Übersetzt: " + " und ".join(p.target for p in reversed(list(masked.table.values()))) + "."


@pytest.mark.parametrize(("text", "kind"), [
    ("+86 10 8402 0101", "phone"),
    ("+86-10-84020101", "phone"),
    ("(010) 8402 0101", "phone"),
    ("010-12345678", "phone"),
    ("010-8402-0101", "phone"),
    ("400-123-4567", "phone"),
    ("13812345678", "phone"),
    ("12345", "number"),
    ("１２３４５", "number"),
    ("1,200.50", "number"),
    ("¥200", "number"),
    ("98.5%", "number"),
    ("35％", "number"),
    ("2026-11-26", "date"),
    ("2026/11/26", "date"),
    ("9:00", "time"),
    ("https://english.beijing.gov.cn/a?b=1&c=2", "url"),
    ("www.beijing.gov.cn", "url"),
    ("english.beijing.gov.cn", "url"),
    ("mailto:visa@bjgaj.gov.cn", "email"),
    ("{12}", "placeholder"),
    ("{/3}", "placeholder"),
    ("{2/}", "placeholder"),
])
def test_each_format_is_one_token_inside_chinese_text(text: str, kind: str) -> None:
    masked = mask(f"请拨打{text}咨询")
    assert masked.text == "请拨打<x1/>咨询"
    assert masked.table["<x1/>"].kind == kind and masked.table["<x1/>"].source == text


@pytest.mark.parametrize(("text", "masked_text"), [
    ("办理时间为9:00-17:00。", "办理时间为<x1/>-<x2/>。"),
    ("See https://english.beijing.gov.cn/visa.", "See <x1/>."),  # the full stop is the sentence's
    ("(see https://english.beijing.gov.cn/visa)", "(see <x1/>)"),
    ("访问english.beijing.gov.cn了解", "访问<x1/>了解"),
    ("The A380 and 5G stay words, COVID-19 ends with a number.", "The A380 and 5G stay words, COVID-<x1/> ends with a number."),
    ("", ""),
    ("没有数字。", "没有数字。"),
])
def test_what_is_masked_and_what_stays(text: str, masked_text: str) -> None:
    assert mask(text).text == masked_text


@pytest.mark.parametrize("bent", ["<x1/>", "< x1 / >", "<x 1/>", "<x1>", "<X1/>", "＜x1／＞", "<x01/>", "<x1 />"])
def test_tokens_bent_by_engines_are_read(bent: str) -> None:
    masked = mask("拨打12345")
    assert tokens(f"Call {bent}") == ["<x1/>"]
    restored = unmask(masked, f"Call {bent}")
    assert restored.text == "Call 12345" and not restored.damaged


def test_text_that_looks_like_a_token_is_masked_itself() -> None:
    text = "literal <x1/> and < X 2 > and {1}"
    masked = mask(text)
    assert [p.source for p in masked.table.values()] == ["<x1/>", "< X 2 >", "{1}"]
    assert unmask(masked, masked.text).text == text


def test_a_lost_token_is_reported_and_the_text_kept() -> None:
    masked = mask("请拨打12345或访问https://english.beijing.gov.cn。")
    restored = unmask(masked, "Call <x1/> or visit the portal.")
    assert restored.damaged and restored.missing == ("https://english.beijing.gov.cn",)
    assert restored.text == "Call 12345 or visit the portal."  # still the best draft there is
    assert restored.problem == "lost: 'https://english.beijing.gov.cn'"


def test_a_duplicated_token_is_reported() -> None:
    masked = mask("拨打12345")
    restored = unmask(masked, "Call <x1/>, yes <x1/>.")
    assert restored.damaged and restored.duplicated == ("12345",) and not restored.missing
    assert restored.text == "Call 12345, yes 12345."


def test_an_invented_token_is_reported_and_left_as_written() -> None:
    masked = mask("拨打12345")
    restored = unmask(masked, "Call <x1/> or < x7 />.")
    assert restored.damaged and restored.unknown == ("< x7 />",)
    assert restored.text == "Call 12345 or < x7 />."
    assert "unknown tokens" in restored.problem


def test_tokens_lists_what_an_answer_holds_in_order() -> None:
    assert tokens("b <x2/> a < x1 / > c <x2>") == ["<x2/>", "<x1/>", "<x2/>"]
    assert tokens("{1} x1 <y1/> <x/>") == []


def test_glossary_terms_go_out_masked_and_come_back_as_the_required_translation() -> None:
    terms = {"出入境管理局": "Exit-Entry Administration", "出入境": "exit-entry", "12345热线": "12345 hotline"}
    masked = mask("北京市出入境管理局和12345热线办理出入境手续。", terms=terms)
    assert masked.text == "北京市<x1/>和<x2/>办理<x3/>手续。"  # the longest term wins; a term beats a number
    assert [p.kind for p in masked.table.values()] == ["term"] * 3
    assert unmask(masked, "<x1/> and <x2/> handle <x3/> formalities.").text == (
        "Exit-Entry Administration and 12345 hotline handle exit-entry formalities.")


def test_a_latin_term_matches_whole_words_only_and_never_inside_a_link() -> None:
    masked = mask("A visa, two visas, see https://visa.beijing.gov.cn", terms={"visa": "签证", "beijing": "北京"})
    assert masked.text == "A <x1/>, two visas, see <x2/>"
    assert masked.table["<x2/>"].kind == "url"


def test_masking_without_terms_is_the_same_as_with_none() -> None:
    text = NINE["en"]
    assert mask(text, terms={}) == mask(text) == mask(text, terms=None)
    assert mask(text, terms={"": "x"}) == mask(text)  # an empty term masks nothing


# --- properties ------------------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "<x1/>", "< x 2 >", "<x", "/>", "{1}", "{/1}", "{2/}", "{", "}", "12345", "１２３", "1,200.50", "3.5%", "％",
    "2026-11-26", "9:00", "+86 10 8402 0101", "010-12345678", "(010)", "https://english.beijing.gov.cn/a?b=1",
    "www.", ".cn", "a@b.cn", "@", ".", ",", "-", " ", "\n", "¥", "签证", "出入境", "Visa", "x", "X", "٣", "A380",
])
TEXTS = st.lists(FRAGMENTS | st.text(alphabet="<>/{}x1.,:-+%@ 0９a签", max_size=6), max_size=12).map("".join)


@settings(max_examples=400, database=None, deadline=None)
@given(text=TEXTS | st.text(max_size=40))
def test_unmasking_the_masked_text_gives_the_text_back(text: str) -> None:
    masked = mask(text)
    restored = unmask(masked, masked.text)
    assert restored.text == text and not restored.damaged
    assert tokens(masked.text) == list(masked.table)


@settings(max_examples=200, database=None, deadline=None)
@given(text=TEXTS, terms=st.dictionaries(st.sampled_from(["签证", "Visa", "出入境", "x"]), st.text(max_size=5),
                                         max_size=3))
def test_terms_come_back_as_their_translation_and_nothing_else_changes(text: str, terms: dict[str, str]) -> None:
    masked = mask(text, terms=terms)
    restored = unmask(masked, masked.text)
    assert not restored.damaged
    expected = "".join(p.source if p.kind != "term" else terms[p.source] for p in _pieces(masked))
    assert restored.text == expected


def _pieces(masked: Masked) -> list[Piece]:
    """The masked text as pieces: its tokens' and, for the text between them, pieces of their own."""
    return [masked.table.get(part) or Piece("text", part, part) for part in re.split(r"(<x\d+/>)", masked.text)]


def _without_tokens(text: str) -> str:
    return re.sub(r"<x\d+/>", "", text)
