"""What an editor sees when a source sentence changed: the words (or, in Chinese and Japanese, the characters)
that went and came, never half a placeholder."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.content.diff import DiffPiece, diff_html, diff_texts, tokenize


def pieces(old: str, new: str, locale: str) -> list[tuple[str, str]]:
    return [(p.op, p.text) for p in diff_texts(old, new, locale)]


def test_chinese_is_compared_character_by_character() -> None:
    assert pieces("用人单位登录服务系统提交材料。", "用人单位通过服务平台提交材料。", "zh-Hans") == [
        ("equal", "用人单位"), ("delete", "登录"), ("insert", "通过"), ("equal", "服务"),
        ("delete", "系统"), ("insert", "平台"), ("equal", "提交材料。")]


def test_japanese_shows_the_one_digit_that_changed() -> None:
    assert pieces("審査は10営業日以内に完了します。", "審査は15営業日以内に完了します。", "ja") == [
        ("equal", "審査は1"), ("delete", "0"), ("insert", "5"), ("equal", "営業日以内に完了します。")]


def test_english_is_compared_word_by_word() -> None:
    assert pieces("The review is done online.", "The review is done at the office.", "en") == [
        ("equal", "The review is done "), ("delete", "online"), ("insert", "at the office"), ("equal", ".")]


def test_french_accented_words_stay_whole() -> None:
    assert pieces("Le permis est valable cinq ans à compter de la délivrance.",
                  "Le permis est valable deux ans à compter de la délivrance.", "fr") == [
        ("equal", "Le permis est valable "), ("delete", "cinq"), ("insert", "deux"),
        ("equal", " ans à compter de la délivrance.")]


def test_russian_rewritten_phrase_is_one_change_not_a_patchwork() -> None:
    # The space between the two replaced words is not left standing as an "unchanged" island.
    assert pieces("Разрешение действует пять лет.", "Разрешение действует два года.", "ru") == [
        ("equal", "Разрешение действует "), ("delete", "пять лет"), ("insert", "два года"), ("equal", ".")]


def test_arabic_words_with_diacritics_stay_whole() -> None:
    assert tokenize("يُقدِّم صاحب العمل", "ar") == ["يُقدِّم", " ", "صاحب", " ", "العمل"]
    assert pieces("يُقدِّم صاحب العمل الطلب عبر الإنترنت.", "يُقدِّم صاحب العمل الطلب في المكتب.", "ar") == [
        ("equal", "يُقدِّم صاحب العمل الطلب "), ("delete", "عبر الإنترنت"), ("insert", "في المكتب"),
        ("equal", ".")]


def test_chinese_inside_an_english_sentence_is_compared_by_character() -> None:
    assert pieces("Go to the 东城 hall today.", "Go to the 西城 hall today.", "en") == [
        ("equal", "Go to the "), ("delete", "东"), ("insert", "西"), ("equal", "城 hall today.")]


@pytest.mark.parametrize("locale", ["zh-Hans", "en"])
def test_placeholders_are_single_tokens(locale: str) -> None:
    assert tokenize("登录{1}服务{/1}{12/}。", locale) == ["登", "录", "{1}", "服", "务", "{/1}", "{12/}", "。"]
    # A renumbered pair changes as whole tokens: no "{" left equal with a digit changed inside it.
    assert pieces("登录{1}服务系统{/1}。", "登录{2}服务系统{/2}。", locale) == [
        ("equal", "登录"), ("delete", "{1}"), ("insert", "{2}"), ("equal", "服务系统"), ("delete", "{/1}"),
        ("insert", "{/2}"), ("equal", "。")]


def test_equal_and_empty_texts() -> None:
    assert diff_texts("Same text.", "Same text.", "en") == [DiffPiece("equal", "Same text.")]
    assert diff_texts("", "Nouveau texte.", "fr") == [DiffPiece("insert", "Nouveau texte.")]
    assert diff_texts("旧文本", "", "zh-Hans") == [DiffPiece("delete", "旧文本")]
    assert diff_texts("", "", "ja") == []


@given(st.text(alphabet="ab 中文。{}/1.", max_size=30), st.text(alphabet="ab 中文。{}/1.", max_size=30),
       st.sampled_from(["en", "zh-Hans", "ja", "fr", "ru", "ar"]))
def test_pieces_rebuild_both_texts(old: str, new: str, locale: str) -> None:
    result = diff_texts(old, new, locale)
    assert "".join(p.text for p in result if p.op != "insert") == old
    assert "".join(p.text for p in result if p.op != "delete") == new
    assert all(p.text for p in result)
    assert all(a.op != b.op for a, b in pairwise(result))


def test_html_escapes_text_and_marks_changes_without_relying_on_colour() -> None:
    out = diff_html(diff_texts("Bring <b> & photos.", "Bring <i> & photos.", "en"))
    assert out.startswith("Bring &lt;")
    assert "<b>" not in out and "<i>" not in out
    assert "&amp; photos." in out
    assert out.count("<del ") == 1 and out.count("<ins ") == 1
    assert "line-through" in out and "underline" in out
    assert ">b</del>" in out and ">i</ins>" in out
