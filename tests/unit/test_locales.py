"""The nine locales as the rest of Studio relies on them."""

from __future__ import annotations

import pytest

from studio.locales import LOCALE_CODES, LOCALES, get_locale, targets_of


def test_the_nine_locales_in_portal_order():
    assert LOCALE_CODES == ("zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar")


def test_only_arabic_reads_right_to_left():
    assert [c for c, loc in LOCALES.items() if loc.is_rtl] == ["ar"]


def test_chinese_japanese_and_korean_each_have_their_own_cjk_font():
    fonts = {c: LOCALES[c].font_family for c in ("zh-Hans", "ja", "ko")}
    assert len(set(fonts.values())) == 3
    assert fonts["ja"].endswith("JP") and fonts["ko"].endswith("KR") and fonts["zh-Hans"].endswith("SC")


def test_engine_codes_differ_where_the_engines_differ():
    zh = get_locale("zh-Hans")
    assert (zh.engine_code("google"), zh.engine_code("deepl"), zh.engine_code("microsoft")) == ("zh-CN", "ZH", "zh-Hans")
    assert get_locale("en").engine_code("some-new-engine") == "en"


def test_native_names_are_written_in_their_own_script():
    assert get_locale("ar").native_name == "العربية"
    assert get_locale("ja").native_name == "日本語"


def test_targets_leave_out_the_source():
    assert targets_of("en") == ("zh-Hans", "ko", "ja", "de", "fr", "es", "ru", "ar")
    with pytest.raises(ValueError, match="unknown locale 'pt'"):
        get_locale("pt")
