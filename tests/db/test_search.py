"""Finding documents by their words in any language, by type, state and review duty; find and replace."""

from __future__ import annotations

import pytest

from studio.content.importers import ImportOptions
from studio.content.search import DocumentFilter
from studio.errors import ValidationError
from studio.jobs import run_job
from studio.workflow.replace import ReplaceRun
from tests.helpers import engine, guide, office, segment_id, write_json


@pytest.fixture
def ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace



def ids(ws, *slugs):
    return {ws.document(slug).row.id for slug in slugs}


def find(ws, **filters):
    return ws.find_documents(DocumentFilter(**filters))


def test_finds_by_slug_and_by_a_two_character_chinese_word(ws):
    assert find(ws, text="dongcheng") == ids(ws, "dongcheng-hall")
    assert find(ws, text="护照") == ids(ws, "work-permit")
    assert find(ws, text="北京市") == ids(ws, "dongcheng-hall")
    assert find(ws, text="") == ids(ws, "work-permit", "dongcheng-hall")


def test_a_typed_translation_is_findable_right_after_the_save(ws):
    title = segment_id(ws, "title")
    assert find(ws, text="就労") == set()
    ws.save_cell(title, "ja", "外国人の就労許可", None)
    ws.save_cell(title, "ko", "외국인 취업 허가", None)
    assert find(ws, text="就労") == ids(ws, "work-permit")
    assert find(ws, text="취업") == ids(ws, "work-permit")


def test_words_match_in_any_case_and_all_of_them_must_match(ws):
    ws.save_cell(segment_id(ws, "title"), "ru", "Разрешение на работу для иностранцев", None)
    ws.save_cell(segment_id(ws, "address", slug="dongcheng-hall"), "de", "Andingmen-Straße 2, Dongcheng", None)
    assert find(ws, text="РАЗРЕШЕНИЕ") == ids(ws, "work-permit")
    assert find(ws, text="STRASSE") == ids(ws, "dongcheng-hall")  # casefold, not lower: ß is ss
    assert find(ws, text="работу   разрешение") == ids(ws, "work-permit")
    assert find(ws, text="разрешение 东城") == set()


def test_a_deleted_document_is_not_found(ws):
    ws.delete_document("dongcheng-hall")
    assert find(ws, text="dongcheng") == set()
    assert find(ws, type="office") == set()


def test_filters_by_type_state_locale_and_outdated(ws):
    ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail", None)
    ws.save_cell(segment_id(ws, "name", slug="dongcheng-hall"), "fr", "Hall d'entrée de Dongcheng", None, confirm=True)
    assert find(ws, type="office") == ids(ws, "dongcheng-hall")
    assert find(ws, state="draft", locale="fr") == ids(ws, "work-permit")
    assert find(ws, state="translated", locale="fr") == ids(ws, "dongcheng-hall")
    assert find(ws, state="draft", locale="de") == set()
    assert find(ws, state="draft") == ids(ws, "work-permit")
    assert find(ws, outdated=True) == set()

    ws.edit_source("dongcheng-hall", {"name": "东城区出入境办证大厅"})
    assert find(ws, outdated=True) == ids(ws, "dongcheng-hall")
    assert find(ws, outdated=True, locale="de") == set()
    assert find(ws, outdated=True, type="procedure_guide") == set()


def test_my_review_lists_documents_someone_else_confirmed_in_my_locales(ws):
    ws.add_user("rita", ["editor", "reviewer"], "rita-password", ["fr"])
    ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail", None, confirm=True)
    ws.save_cell(segment_id(ws, "title"), "ru", "Разрешение на работу", None, confirm=True)
    ws.sign_in("rita", "rita-password")
    ws.save_cell(segment_id(ws, "name", slug="dongcheng-hall"), "fr", "Hall de Dongcheng", None, confirm=True)
    assert find(ws, my_review=True) == ids(ws, "work-permit")

    ws.sign_in("boss", "boss-password")  # reviews fr, de and ar
    assert find(ws, my_review=True) == ids(ws, "dongcheng-hall")


@pytest.fixture
def translated(ws):
    """French and English titles, a French summary sentence that a reviewer approved."""
    ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail à Beijing", None, confirm=True)
    ws.save_cell(segment_id(ws, "title"), "en", "Work permit in Beijing", None, confirm=True)
    summary = segment_id(ws, "summary")
    ws.save_cell(summary, "fr", "À Beijing, les étrangers ont besoin d'un permis de Beijing.", None,
                 confirm=True)
    ws.review_cell(summary, "fr", 1, approve=True)
    ws.save_cell(segment_id(ws, "processing_time"), "fr", "10 jours.", None)
    return ws


def test_the_preview_shows_each_change_only_in_the_chosen_locales(translated):
    ws = translated
    matches = ws.find_replacements("beijing", "Pékin", ["fr"])
    assert [(m.locale, m.field_path, m.text, m.new_text, m.count) for m in matches] == [
        ("fr", "title", "Permis de travail à Beijing", "Permis de travail à Pékin", 1),
        ("fr", "summary", "À Beijing, les étrangers ont besoin d'un permis de Beijing.",
         "À Pékin, les étrangers ont besoin d'un permis de Pékin.", 2)]
    assert [m.locale for m in ws.find_replacements("Beijing", "Beijing City", ["en", "fr"])] == [
        "en", "fr", "fr"]
    assert ws.find_replacements("beijing", "Pékin", ["fr"], case_sensitive=True) == []


def test_a_regular_expression_with_groups(translated):
    ws = translated
    [match] = ws.find_replacements(r"(\d+) jours", r"\1 jours ouvrables", ["fr"], regex=True)
    assert (match.text, match.new_text) == ("10 jours.", "10 jours ouvrables.")
    [literal] = ws.find_replacements("10 jours", r"\1 jours", ["fr"])
    assert literal.new_text == r"\1 jours."  # a literal replacement is taken as typed


@pytest.mark.parametrize(("pattern", "replacement", "reason"), [
    ("(jours", "x", "regular expression is not valid"),
    (r"(\d+) jours", r"\2 jours", "replacement is not valid"),
    ("", "x", "type what to find"),
])
def test_an_invalid_pattern_is_refused(translated, pattern, replacement, reason):
    with pytest.raises(ValidationError, match=reason):
        translated.find_replacements(pattern, replacement, ["fr"], regex=True)


def replace_all(ws, matches):
    """Apply the previewed matches as the window does, the replace job run to its end; what it applied."""
    run = ReplaceRun(list(matches))
    run_job(ws.replace_job(run))
    return run.applied


def test_replace_all_then_undo_all(translated):
    ws = translated
    summary = segment_id(ws, "summary")
    before = {(s.id, loc): (c.text, c.state) for s in ws.document("work-permit").segments
              for loc, c in s.cells.items()}

    applied = replace_all(ws, ws.find_replacements("Beijing", "Pékin", ["fr"]))
    assert len(applied) == 2
    cell = ws.cell(summary, "fr")
    assert (cell.text, cell.state) == ("À Pékin, les étrangers ont besoin d'un permis de Pékin.",
                                       "translated")  # an approved text goes back to review
    assert ws.cell(segment_id(ws, "title"), "en").text == "Work permit in Beijing"
    assert ws.find_documents(DocumentFilter(text="pékin")) == ids(ws, "work-permit")

    ws.restore_cells([(a.before, a.version) for a in applied])
    after = {(s.id, loc): (c.text, c.state) for s in ws.document("work-permit").segments
             for loc, c in s.cells.items()}
    assert after == before


def test_an_editor_who_does_not_review_can_undo_a_replace_over_approved_cells(translated):
    ws = translated
    ws.add_user("marie", ["editor"], "marie-password")
    ws.sign_in("marie", "marie-password")
    applied = replace_all(ws, ws.find_replacements("Beijing", "Pékin", ["fr"]))
    ws.restore_cells([(a.before, a.version) for a in applied])
    assert ws.cell(segment_id(ws, "summary"), "fr").state == "approved"


def test_a_cell_changed_after_the_preview_is_left_as_it_was_changed(translated):
    ws = translated
    matches = ws.find_replacements("Beijing", "Pékin", ["fr"])
    summary = segment_id(ws, "summary")
    assert [m.segment_id for m in matches][-1] == summary  # the title would be replaced first
    ws.save_cell(summary, "fr", "À Beijing, il faut un permis.", ws.cell(summary, "fr").version)
    applied = replace_all(ws, matches)
    assert [a.before.segment_id for a in applied] == [segment_id(ws, "title")]
    assert ws.cell(summary, "fr").text == "À Beijing, il faut un permis."


def test_a_replacement_that_breaks_a_confirmed_text_is_shown_and_skipped(ws):
    body = segment_id(ws, "steps[0].body")
    ws.save_cell(body, "fr", "L'employeur se connecte au {1}système{/1}.", None, confirm=True)
    [match] = ws.find_replacements("{/1}", "", ["fr"])
    assert "placeholders" in match.problem
    assert replace_all(ws, [match]) == []
    assert ws.cell(body, "fr").text == "L'employeur se connecte au {1}système{/1}."


def test_rejected_finds_documents_with_a_rejection_nobody_has_answered_yet(ws):
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    ws.save_cell(segment_id(ws, "name", slug="dongcheng-hall"), "fr", "Hall de Dongcheng", None, confirm=True)
    assert find(ws, state="rejected") == set()

    ws.review_cell(title, "fr", ws.cell(title, "fr").version, approve=False, comment="Trop court.")
    assert find(ws, state="rejected") == ids(ws, "work-permit")
    assert find(ws, state="rejected", locale="fr") == ids(ws, "work-permit")
    assert find(ws, state="rejected", locale="de") == set()
    assert find(ws, state="rejected", type="office") == set()

    ws.save_cell(title, "fr", "Permis de travail pour étrangers", ws.cell(title, "fr").version)  # a draft: still
    assert find(ws, state="rejected") == ids(ws, "work-permit")
    ws.save_cell(title, "fr", "Permis de travail pour étrangers", ws.cell(title, "fr").version, confirm=True)
    assert find(ws, state="rejected") == set()


def test_a_documents_title_in_a_language_is_its_source_title_or_its_translated_title(ws):
    from sqlalchemy.orm import Session

    from studio.content.search import document_titles

    guide_id, hall_id = ws.document("work-permit").row.id, ws.document("dongcheng-hall").row.id
    with Session(engine(ws)) as session:
        chinese = document_titles(session, "zh-Hans")
        assert chinese == {guide_id: ws.document("work-permit").row.title, hall_id: ws.document("dongcheng-hall").row.title}
        assert document_titles(session, "en") == {}

    ws.save_cell(segment_id(ws, "title"), "en", "Work permit for foreigners", None)  # a draft counts
    ws.save_cell(segment_id(ws, "name", slug="dongcheng-hall"), "fr", "Hall de Dongcheng", None, confirm=True)
    with Session(engine(ws)) as session:
        assert document_titles(session, "en") == {guide_id: "Work permit for foreigners"}  # the office's is French
        assert document_titles(session, "fr", [guide_id]) == {}


def test_exact_slug_or_title_matches_rank_before_partial_ones_and_those_before_text_matches():
    from studio.content.search import EXACT, IN_TEXT, IN_TITLE, match_rank

    assert match_rank("work-permit", "work-permit", ["外国人来华工作许可"]) == EXACT
    assert match_rank(" Work Permit for Foreigners ", "wp", ["外国人来华工作许可", "Work permit for foreigners"]) == EXACT
    assert match_rank("工作许可", "work-permit", ["外国人来华工作许可"]) == IN_TITLE
    assert match_rank("permit", "work-permit", []) == IN_TITLE
    assert match_rank("护照", "work-permit", ["外国人来华工作许可"]) == IN_TEXT
    assert sorted([IN_TEXT, EXACT, IN_TITLE]) == [EXACT, IN_TITLE, IN_TEXT]
