"""The glossary's matching, as the quality checks, the editor and machine translation use it: plain values, no
database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.memory.glossary import (
    DiscouragedUse,
    Entry,
    ForbiddenUse,
    Glossary,
    RequiredTerm,
    Term,
    TermStatus,
    normalise,
)

P, A, F, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN, TermStatus.DISCOURAGED


def glossary() -> Glossary:
    return Glossary([
        Entry(1, (Term("zh-Hans", "北京"), Term("en", "Beijing"), Term("fr", "Beijing"), Term("fr", "Pékin", F),
                  Term("de", "Beijing"), Term("de", "Peking", F), Term("ko", "베이징"), Term("ar", "بكين"),
                  Term("ja", "北京"), Term("ru", "Пекин")), "The city"),
        Entry(2, (Term("zh-Hans", "居留许可"), Term("en", "residence permit"), Term("en", "residence card", A),
                  Term("ru", "вид на жительство"), Term("de", "Aufenthaltserlaubnis"))),
        Entry(3, (Term("zh-Hans", "北京市"), Term("en", "Beijing Municipality"))),
        Entry(4, (Term("de", "Peking-Universität"), Term("zh-Hans", "北京大学"))),
        Entry(5, (Term("en", "under"), Term("en", "in accordance with", D, note="plain English"))),
        Entry(6, (Term("en", "use"), Term("en", "utilize", D))),
        Entry(7, (Term("zh-Hans", "社会保险"), Term("zh-Hans", "社保", A), Term("en", "social insurance"))),
    ])


def test_required_terms_are_found_in_a_chinese_source_longest_first_each_concept_once():
    g = glossary()
    assert g.required_in("北京市居留许可和北京的居留许可", "zh-Hans", "en") == [
        RequiredTerm("北京市", ("Beijing Municipality",)),
        RequiredTerm("居留许可", ("residence permit", "residence card")),
        RequiredTerm("北京", ("Beijing",), "The city"),
    ]
    # No approved translation in the locale: nothing can be required there.
    assert g.required_in("北京市", "zh-Hans", "ja") == []
    assert g.required_in("办理社保", "zh-Hans", "en") == [RequiredTerm("社保", ("social insurance",))]
    assert g.required_in("上海", "zh-Hans", "en") == []


def test_a_translation_has_a_target_whatever_its_case_and_simple_inflection():
    g = glossary()
    assert g.has_target("Two RESIDENCE PERMITS are needed", "residence permit", "en")
    assert g.has_target("Your residence-permit", "residence permit", "en")
    assert not g.has_target("a residential area", "residence permit", "en")
    assert g.has_target("выдача вида на жительство", "вид на жительство", "ru")
    assert g.has_target("zwei Aufenthaltserlaubnisse", "Aufenthaltserlaubnis", "de")
    assert g.has_target("베이징에서 일하려면", "베이징", "ko")
    assert g.has_target("العمل وبكين", "بكين", "ar")
    assert g.has_target("北京で働く", "北京", "ja")
    assert not g.has_target("", "Beijing", "en") and not g.has_target("Beijing", "", "en")


def test_forbidden_variants_are_found_with_the_approved_term_to_use_instead():
    g = glossary()
    assert g.forbidden_in("Bienvenue à PÉKIN.", "fr") == [ForbiddenUse("PÉKIN", "Beijing")]
    assert g.forbidden_in("Bienvenue à Beijing.", "fr") == []
    # An approved longer term wins over the forbidden one inside it.
    assert g.forbidden_in("Die Peking-Universität liegt in Peking.", "de") == [ForbiddenUse("Peking", "Beijing")]
    assert g.forbidden_in("Pékin", "en") == []  # forbidden in French only


def test_discouraged_wording_is_found_with_the_plainer_word_and_why():
    g = glossary()
    assert g.discouraged_in("We utilized it in accordance  with the rules; users use it.", "en") == [
        DiscouragedUse("utilized", "use", ""), DiscouragedUse("in accordance  with", "under", "plain English")]
    assert g.discouraged_in("Use it under the rules.", "en") == []


def test_machine_translation_masks_exact_source_terms_with_the_preferred_target():
    g = glossary()
    assert g.mt_terms("北京市的居留许可", "zh-Hans", "en") == {"北京市": "Beijing Municipality",
                                                            "居留许可": "residence permit"}
    assert g.mt_terms("北京市的居留许可", "zh-Hans", "ja") == {}


def test_source_hits_say_where_terms_stand_for_highlighting():
    hits = glossary().source_hits("在北京大学办理居留许可", "zh-Hans")
    assert [(h.start, h.end, h.term) for h in hits] == [(1, 5, "北京大学"), (7, 11, "居留许可")]


def test_the_empty_glossary_finds_nothing():
    g = Glossary.empty()
    assert not g and len(g) == 0
    assert g.required_in("北京", "zh-Hans", "en") == [] and g.forbidden_in("Pékin", "fr") == []
    assert g.discouraged_in("utilize", "en") == [] and g.mt_terms("北京", "zh-Hans", "en") == {}
    assert not g.has_target("Beijing", "Pékin", "fr")


def test_a_one_language_entry_of_plain_words_is_no_source_term():
    g = glossary()
    assert g.source_hits("Use it under the rules", "en") == []
    assert [h.term for h in g.source_hits("Beijing welcomes you", "en")] == ["Beijing"]


_words = st.text(alphabet=st.characters(categories=("Ll", "Lu", "Lo", "Nd", "Po", "Sm")), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_words, min_size=1, max_size=6), _words, st.sampled_from(["en", "fr", "ru", "ar", "ko", "ja"]))
def test_any_terms_and_texts_match_without_error_and_find_what_is_there(terms, noise, locale):
    # Terms of any characters (regex metacharacters, punctuation, CJK) compile and match; what is found is in the text.
    g = Glossary([Entry(1, (Term("zh-Hans", "北京"), Term(locale, "Approved"),
                            *(Term(locale, t, F) for t in dict.fromkeys(terms) if normalise(t) != "approved")))])
    text = f"{noise} {' '.join(terms)} {noise}"
    for use in g.forbidden_in(text, locale):
        assert use.found in text and use.instead == "Approved"
    assert g.has_target(f"{noise} Approved {noise}", "Approved", locale)
    g.discouraged_in(text, locale), g.required_in(text, "zh-Hans", locale), g.mt_terms(text, locale, "en")


HAS_TARGET = [
    # Russian: case forms found, other words that begin alike not.
    ("ru", "Пекинским визам", "Пекин", True), ("ru", "в Пекине", "Пекин", True), ("ru", "выдача визы", "виза", True),
    ("ru", "визу", "виза", True), ("ru", "по визе", "виза", True), ("ru", "без виз", "виза", True),
    ("ru", "с визами", "виза", True), ("ru", "Пекарня", "Пекин", False), ("ru", "визит", "виза", False),
    ("ru", "разрешения на работу", "разрешение на работу", True),
    # English, French, German, Spanish: plurals and cases, not words that only begin with the term.
    ("en", "the visage", "visa", False), ("en", "visitor", "visa", False), ("en", "visas", "visa", True),
    ("en", "two cities", "city", True), ("en", "work-permit holders", "work permit", True),
    ("en", "user", "use", False), ("en", "work, permit", "work permit", False),
    ("fr", "visant", "visa", False), ("fr", "des visas", "visa", True), ("fr", "permis de travail", "permis de travail", True),
    ("de", "des Visums", "Visum", True), ("de", "Straße", "STRASSE", True), ("de", "Peking Universität", "Peking-Universität", True),
    ("de", "Peking-Universität", "Peking Universität", True),
    ("es", "visados", "visado", True), ("es", "extranjera", "extranjero", True), ("es", "visitado", "visado", False),
    # Arabic: a prefix, and the article on each word of a term.
    ("ar", "تصريح الإقامة", "تصريح إقامة", True), ("ar", "بالتأشيرة", "تأشيرة", True), ("ar", "وبكين", "بكين", True),
]


@pytest.mark.parametrize(("locale", "text", "target", "found"), HAS_TARGET)
def test_has_target_finds_inflected_forms_and_not_other_words(locale, text, target, found):
    assert Glossary().has_target(text, target, locale) is found


def test_a_hyphen_and_a_space_between_words_are_the_same_term_both_ways():
    g = Glossary([Entry(1, (Term("zh-Hans", "北京"), Term("de", "Beijing"), Term("de", "Peking", F))),
                  Entry(2, (Term("zh-Hans", "北京大学"), Term("de", "Peking-Universität"), Term("en", "work permit")))])
    for text in ("die Peking-Universität", "die Peking Universität"):
        assert g.forbidden_in(text, "de") == [], text  # the approved longer term wins, however it is joined
    assert [h.term for h in g.source_hits("a work-permit and a work permit", "en")] == ["work permit"] * 2
    assert g.concept_of("Peking Universität", "de") is g.entry(2)
