"""The translation memory as an editor meets it: matches for a sentence, the concordance, pre-translation from the
memory, and propagating a confirmed translation to identical sentences."""

from __future__ import annotations

import pytest

from studio.jobs import run_job
from studio.states import CellState
from tests.helpers import segment_id


def test_a_repeated_sentence_finds_the_confirmed_translations_of_every_locale_in_one_look_up(memory_workspace):
    ws = memory_workspace
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    found = ws.memory_lookup(repeated)
    assert {m.locale for m in found.matches} == {"en", "fr"}
    assert (found.best("en").score, found.best("fr").score) == (100, 100)
    assert found.best("en").target == "Foreigners working in Beijing must obtain a work permit."
    assert found.best("en").origin == "work-permit" and found.best("en").kind == "translated"
    # Its own cells are never a match for the sentence itself.
    own = ws.memory_lookup(segment_id(ws, "summary", 0))
    assert all(m.segment_id != segment_id(ws, "summary", 0) for m in own.matches)


def test_a_chinese_sentence_with_one_word_changed_is_a_fuzzy_match_and_approved_ranks_first(memory_workspace):
    ws = memory_workspace
    found = ws.memory_lookup_text("在本市工作的外国人须办理工作签证。")
    best = found.best("en")
    assert best is not None and 80 <= best.score < 100
    assert best.origin_tag == f"tm:{best.score}"
    summary = segment_id(ws, "summary", 0)
    cell = ws.cell(summary, "fr")
    ws.review_cell(summary, "fr", cell.version, approve=True)
    assert ws.memory_lookup_text("在本市工作的外国人须办理工作签证。").best("fr").kind == "approved"


def test_the_same_sentence_in_the_same_place_is_a_match_in_context(memory_workspace):
    ws = memory_workspace
    # A third guide identical to the first: same field, same neighbours.
    from tests.helpers import guide

    ws.create_document("procedure_guide", "work", "work-permit-copy", guide("work-permit-copy")["fields"])
    found = ws.memory_lookup(segment_id(ws, "summary", 0, "work-permit-copy"))
    assert found.best("en").score == 101
    # The renewal guide's title differs, so its summary has other neighbours: exact, not in context.
    assert ws.memory_lookup(segment_id(ws, "summary", 0, "work-permit-renewal")).best("en").score == 100


def test_a_translation_no_longer_confirmed_is_no_longer_offered(memory_workspace):
    ws = memory_workspace
    summary = segment_id(ws, "summary", 0)
    assert ws.memory_lookup_text("在本市工作的外国人须办理工作许可。").best("en").score == 100
    cell = ws.cell(summary, "en")
    ws.save_cell(summary, "en", "Draft again", cell.version)  # back to a draft
    targets = {m.target for m in ws.memory_lookup_text("在本市工作的外国人须办理工作许可。").for_locale("en")}
    assert targets == {"Work permits for foreigners"}  # the title's, a fuzzy match; the draft is no unit


def test_the_concordance_finds_a_two_character_chinese_word_and_a_french_word(memory_workspace):
    ws = memory_workspace
    pairs = ws.concordance("许可")
    assert {p.source for p in pairs} == {"外国人来华工作许可", "在本市工作的外国人须办理工作许可。"}
    french = ws.concordance("PERMIS")
    assert [(p.locale, p.source) for p in french] == [("fr", "在本市工作的外国人须办理工作许可。")]
    assert ws.concordance("签证") == []


def test_pretranslation_from_memory_drafts_only_empty_cells_above_the_score(memory_workspace):
    ws = memory_workspace
    repeated = segment_id(ws, "summary", 0, "work-permit-renewal")
    ws.save_cell(repeated, "fr", "Mon texte à moi", None)  # a person's draft: never replaced
    report = run_job(ws.memory_pretranslate_job(["en", "fr", "de"], min_score=100))
    assert report.drafted == {"en": 1}
    cell = ws.cell(repeated, "en")
    assert (cell.state, cell.origin) == (CellState.DRAFT, "tm:100")
    assert ws.cell(repeated, "fr").text == "Mon texte à moi"
    assert report.changes.cells == frozenset({(repeated, "en")})


def test_confirming_offers_the_translation_to_identical_sentences_and_applying_it_confirms_them(memory_workspace):
    ws = memory_workspace
    summary, repeated = segment_id(ws, "summary", 0), segment_id(ws, "summary", 0, "work-permit-renewal")
    offer = ws.propagation_offer(summary, "en")
    assert [t.segment_id for t in offer.targets] == [repeated]
    done = ws.propagate(offer)
    cell = ws.cell(repeated, "en")
    assert (cell.text, cell.state, cell.origin) == (offer.text, CellState.TRANSLATED, "propagated")
    assert done.changes.cells == frozenset({(repeated, "en")})
    before, after, version = done.cells[0]
    assert before.text is None and after.origin == "propagated" and version == cell.version
    # Nothing left to offer now, and a confirmed text is never offered over.
    assert ws.propagation_offer(summary, "en") is None
    ws.restore_cells([(before, version)])  # the window's undo
    assert ws.cell(repeated, "en") is None or ws.cell(repeated, "en").state == CellState.MISSING


def test_a_persons_draft_is_not_offered_for_propagation(memory_workspace):
    ws = memory_workspace
    summary, repeated = segment_id(ws, "summary", 0), segment_id(ws, "summary", 0, "work-permit-renewal")
    ws.save_cell(repeated, "en", "My own wording", None)
    assert ws.propagation_offer(summary, "en") is None


ENGLISH_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Apply online for a residence permit.</seg></tuv>
<tuv xml:lang="ar"><seg>قدّم طلب تصريح الإقامة عبر الإنترنت.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>在线申请居留许可。</seg></tuv></tu>
</body></tmx>
"""


def test_an_english_source_finds_english_units_fuzzily_and_the_concordance_reads_arabic(memory_workspace, tmp_path):
    ws = memory_workspace
    tmx = tmp_path / "en.tmx"
    tmx.write_text(ENGLISH_TMX, encoding="utf-8")
    assert ws.memory_lookup_text("Apply online for a residence perrmit!", "en").matches == ()  # built before
    assert ws.import_tmx([tmx]).added == 2
    found = ws.memory_lookup_text("Apply online for a residence perrmit!", "en")  # the import is folded in
    assert {m.locale for m in found.matches} == {"ar", "zh-Hans"} and found.best("ar").score >= 90
    assert ws.memory_lookup_text("在线申请居留许可。").matches == ()  # a Chinese source of its own: none
    assert [p.locale for p in ws.concordance("الإقامة")] == ["ar"]
    assert [p.target for p in ws.concordance("居")] == ["在线申请居留许可。"]  # one letter: a plain substring


def _faq(question: str, answer: str) -> dict[str, str]:
    return {"question": question, "answer": f"<p>{answer}</p>"}


def _three_free_sentences(ws):
    for slug in ("a", "b", "c"):
        ws.create_document("faq", "work", slug, _faq(f"问题{slug}？", "免费。"))
    return {slug: next(s.id for s in ws.document(slug).segments if s.text == "免费。") for slug in "abc"}


def test_an_imported_draft_and_a_rejected_propagation_are_never_offered_to_propagation(sqlite_workspace):
    from sqlalchemy import update

    from studio.models import Cell

    ws = sqlite_workspace
    seg = _three_free_sentences(ws)
    ws.save_cell(seg["b"], "fr", "Gratuit (relu par l'agence).", None)  # an agency's draft, from a PO file
    with ws._transaction() as session:
        session.execute(update(Cell).where(Cell.segment_id == seg["b"], Cell.locale == "fr").values(origin="import:po"))
    ws.save_cell(seg["c"], "fr", "Sans frais", None, confirm=True)
    with ws._transaction() as session:  # as a propagation wrote it
        session.execute(update(Cell).where(Cell.segment_id == seg["c"], Cell.locale == "fr").values(
            origin="propagated"))
    ws.review_cell(seg["c"], "fr", ws.cell(seg["c"], "fr").version, approve=False, comment="Use « Gratuit »")
    assert ws.cell(seg["c"], "fr").flagged
    ws.save_cell(seg["a"], "fr", "Gratuit.", None, confirm=True)
    assert ws.propagation_offer(seg["a"], "fr") is None
    # A machine's draft is offered: no person stands by it.
    ws.save_cell(seg["a"], "de", "Kostenlos.", None, confirm=True)
    with ws._transaction() as session:
        session.execute(update(Cell).where(Cell.segment_id == seg["b"], Cell.locale == "fr").values(origin="mt:deepl"))
    assert [t.segment_id for t in ws.propagation_offer(seg["a"], "fr").targets] == [seg["b"]]


def test_an_offer_whose_translation_changed_since_is_refused_and_writes_nothing(sqlite_workspace):
    from studio.errors import ConflictError

    ws = sqlite_workspace
    seg = _three_free_sentences(ws)
    ws.save_cell(seg["a"], "fr", "Gratuitt.", None, confirm=True)  # a typo, confirmed
    offer = ws.propagation_offer(seg["a"], "fr")
    assert len(offer.targets) == 2
    ws.save_cell(seg["a"], "fr", "Gratuit.", ws.cell(seg["a"], "fr").version)  # fixed: a draft again
    with pytest.raises(ConflictError):
        ws.propagate(offer)
    assert ws.cell(seg["b"], "fr") is None and ws.cell(seg["c"], "fr") is None


def test_a_memory_draft_whose_placeholders_differ_from_the_source_is_kept_and_flagged(sqlite_workspace):
    ws = sqlite_workspace
    ws.create_document("faq", "work", "a", _faq("问题一？", "请携带<b>护照</b>原件。"))
    ws.create_document("faq", "work", "b", _faq("问题二？", "请携带护照原件。"))
    marked = next(s for s in ws.document("a").segments if s.field_path.startswith("answer"))
    plain = next(s for s in ws.document("b").segments if s.field_path.startswith("answer"))
    assert "{1}" in marked.text and "{1}" not in plain.text
    ws.save_cell(marked.id, "en", "Bring the original of your {1}passport{/1}.", None, confirm=True)
    report = run_job(ws.memory_pretranslate_job(["en"], min_score=60, documents=[ws.document("b").row.id]))
    assert report.drafted == {"en": 1} and report.damaged == 1
    cell = ws.cell(plain.id, "en")
    assert cell.origin.startswith("tm:") and "{1}" in cell.machine_issue
