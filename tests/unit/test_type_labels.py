"""Content types speak every portal language: each type, field and list item has its words in the nine locales,
numbered the way each language numbers, and a type file that forgets one is refused when loaded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studio.content.types import ContentType, FieldDef, content_types, get_content_type, load_content_type, path_label
from studio.locales import LOCALE_CODES

# The script each locale's labels must be written in: a label left in English in the Chinese, Korean,
# Japanese, Russian or Arabic file shows up here.
SCRIPTS = {
    "zh-Hans": r"[\u4e00-\u9fff]",
    "ko": r"[\uac00-\ud7af]",
    "ja": r"[\u3040-\u30ff\u4e00-\u9fff]",
    "ru": r"[\u0400-\u04ff]",
    "ar": r"[\u0600-\u06ff]",
}


def every_field(fields: tuple[FieldDef, ...]) -> list[FieldDef]:
    return [f for fdef in fields for f in (fdef, *every_field(fdef.items))]


def test_every_type_and_field_has_a_label_in_each_of_the_nine_locales():
    assert set(content_types()) == {"article", "faq", "office", "procedure_guide", "section_page", "service"}
    for ctype in content_types().values():
        named: list[ContentType | FieldDef] = [ctype, *every_field(ctype.fields)]
        for thing in named:
            assert set(thing.labels) == set(LOCALE_CODES), f"{ctype.name}.{thing.name}"
            for locale, label in thing.labels.items():
                assert label.strip() == label and label, f"{ctype.name}.{thing.name} in {locale}"
                if locale in SCRIPTS:
                    assert re.search(SCRIPTS[locale], label), f"{ctype.name}.{thing.name} in {locale}: {label!r}"


def test_every_list_numbers_its_items_in_each_of_the_nine_locales():
    lists = [f for ctype in content_types().values() for f in every_field(ctype.fields) if f.kind == "list"]
    assert len(lists) >= 6
    for fdef in lists:
        assert set(fdef.item_labels) == set(LOCALE_CODES), fdef.name
        for locale in LOCALE_CODES:
            numbered = fdef.item_label_in(locale, 7)
            assert numbered.count("7") == 1 and "{" not in numbered, (fdef.name, locale, numbered)
            if locale in SCRIPTS:
                assert re.search(SCRIPTS[locale], numbered), (fdef.name, locale, numbered)


@pytest.mark.parametrize(("locale", "words"), [
    ("zh-Hans", "第3步 · 标题"),
    ("en", "Step 3 · Title"),
    ("ko", "3단계 · 제목"),
    ("ja", "ステップ3 · タイトル"),
    ("de", "Schritt 3 · Titel"),
    ("fr", "Étape 3 · Titre"),
    ("es", "Paso 3 · Título"),
    ("ru", "Шаг 3 · Название"),
    ("ar", "الخطوة 3 · العنوان"),
])
def test_a_step_is_numbered_the_way_each_language_numbers_steps(locale, words):
    assert path_label(get_content_type("procedure_guide"), "steps[2].title", locale=locale) == words


def test_the_interface_labels_still_come_from_the_english_label_through_its_translator():
    guide = get_content_type("procedure_guide")
    assert path_label(guide, "required_documents[1].name") == "Required document 2 · Name"
    assert path_label(guide, "steps[0]", {"Step": "步骤"}.get) == "步骤 1"
    assert path_label(guide, "who_may_apply", locale="zh-Hans") == "适用对象"
    assert path_label(guide, "nothing[0]", locale="zh-Hans") == "nothing[0]"


TYPE = """\
name = "notice"
label = "Notice"
labels = {{ "zh-Hans" = "通知", en = "Notice", ko = "공지", ja = "お知らせ", de = "Hinweis", fr = "Avis", es = "Aviso", ru = "Объявление", ar = "إعلان" }}
title_field = "title"

[[fields]]
name = "title"
kind = "text"
translatable = true
labels = {title}

[[fields]]
name = "steps"
kind = "list"
item_kind = "text"
translatable = true
labels = {{ "zh-Hans" = "步骤", en = "Steps", ko = "절차", ja = "手順", de = "Ablauf", fr = "Étapes", es = "Pasos", ru = "Шаги", ar = "الخطوات" }}
item_labels = {items}
"""
TITLE = ('{ "zh-Hans" = "标题", en = "Title", ko = "제목", ja = "タイトル", de = "Titel", fr = "Titre", es = "Título", '
         'ru = "Название", ar = "العنوان" }')
ITEMS = ('{ "zh-Hans" = "第{n}步", en = "Step {n}", ko = "{n}단계", ja = "手順{n}", de = "Schritt {n}", fr = "Étape {n}", '
         'es = "Paso {n}", ru = "Шаг {n}", ar = "الخطوة {n}" }')


def write_type(tmp_path: Path, title: str = TITLE, items: str = ITEMS) -> Path:
    path = tmp_path / "notice.toml"
    path.write_text(TYPE.format(title=title, items=items), encoding="utf-8")
    return path


def test_a_complete_type_file_loads_with_its_labels(tmp_path):
    notice = load_content_type(write_type(tmp_path))
    assert notice.label_in("ar") == "إعلان"
    steps = notice.field("steps")
    assert steps is not None and steps.label_in("ko") == "절차" and steps.item_label_in("ko", 2) == "2단계"


@pytest.mark.parametrize(("title", "items", "message"), [
    (TITLE.replace(', ar = "العنوان"', ""), ITEMS, r"notice\.toml\.title: labels: no text for ar"),
    (TITLE.replace('ru = "Название"', 'ru = " "'), ITEMS, r"notice\.toml\.title: labels: no text for ru"),
    (TITLE.replace(" }", ', it = "Titolo" }'), ITEMS, r"notice\.toml\.title: labels: unknown locale 'it'"),
    ('"Title"', ITEMS, r"notice\.toml\.title: labels must give a text for each locale"),
    (TITLE, ITEMS.replace('"Шаг {n}"', '"Шаг"'), r"notice\.toml\.steps: each of item_labels needs \{n\}"),
])
def test_a_type_file_missing_a_label_is_refused_naming_the_field_and_the_locale(tmp_path, title, items, message):
    with pytest.raises(ValueError, match=message):
        load_content_type(write_type(tmp_path, title, items))
