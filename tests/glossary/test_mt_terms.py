"""Machine translation masks the glossary's source terms: the engine (a real HTTP server on 127.0.0.1) receives a
token where the term was, and the draft holds the locale's approved term."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.memory.glossary import Term, TermStatus
from studio.mt.config import MTSettings, SecretStore
from tests.helpers import office, write_json
from tests.mt.servers import serving


def test_pretranslation_sends_a_token_for_a_term_and_drafts_the_approved_term(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office()])], ImportOptions()))
    workspace.add_glossary_entry([Term("zh-Hans", "东城区"), Term("fr", "district de Dongcheng"),
                                  Term("fr", "arrondissement de Dongcheng", TermStatus.FORBIDDEN)])
    with serving("libretranslate") as libre:
        settings = MTSettings(tmp_path / "mt.json", env={"STUDIO_MT_LIBRETRANSLATE_URL": libre.url},
                              secrets=SecretStore())
        run_job(workspace.pretranslate_job(["fr"], settings=settings))
        sent = [text for seen in libre.seen for text in seen.json()["q"]]
        suggestions = workspace.machine_suggestions(
            next(s.id for s in workspace.document("dongcheng-hall").segments if "东城区" in s.text), "fr",
            settings=settings, engines=["libretranslate"])
    address = next(t for t in sent if "安定门" in t)
    assert "东城区" not in address and "<x" in address
    draft = next(s.cells["fr"].text for s in workspace.document("dongcheng-hall").segments if "东城区" in s.text)
    assert "district de Dongcheng" in draft and "东城区" not in draft
    assert suggestions[0].text == draft  # the suggestion masks the same way (and comes from the cache)


def test_without_a_glossary_the_term_is_sent_as_it_is(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office()])], ImportOptions()))
    with serving("libretranslate") as libre:
        settings = MTSettings(tmp_path / "mt.json", env={"STUDIO_MT_LIBRETRANSLATE_URL": libre.url},
                              secrets=SecretStore())
        run_job(workspace.pretranslate_job(["fr"], settings=settings))
        sent = [text for seen in libre.seen for text in seen.json()["q"]]
    assert any("东城区" in text for text in sent)


def test_the_mask_takes_the_glossary_s_own_matches_not_the_term_found_again():
    from studio.memory.glossary import Entry, Glossary
    from studio.mt.masking import mask, unmask

    g = Glossary([Entry(1, (Term("ru", "виза"), Term("en", "visa"))), Entry(2, (Term("en", "Beijing"), Term("fr", "Pékin")))])
    text = "С визами и виза; ВИЗА."
    spans = g.mt_spans(text, "ru", "en")
    assert [text[a:b] for a, b, _ in spans] == ["виза", "ВИЗА"]  # not inside "визами"; case as written
    masked = mask(text, spans=spans)
    assert masked.text == "С визами и <x1/>; <x2/>."
    assert unmask(masked, masked.text).text == "С визами и visa; visa."
    # A term inside a link stays in the link.
    text = "Beijing: see https://beijing.example.cn/Beijing"
    masked = mask(text, spans=g.mt_spans(text, "en", "fr"))
    assert masked.text == "<x1/>: see <x2/>" and unmask(masked, masked.text).text.startswith("Pékin: see https")


_texts = st.text(alphabet=st.sampled_from("签证北京 visa<x1/>{2}12345https://a.cn-.,"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_texts, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_masking_any_spans_round_trips(text, cuts):
    from studio.mt.masking import mask, unmask

    spans = [(a, b, text[a:b]) for a, b in cuts if a < b <= len(text)]
    masked = mask(text, spans=spans)
    assert unmask(masked, masked.text).text == text


def test_a_cell_s_suggestion_is_planned_with_the_glossary_given(workspace, tmp_path):
    from studio.memory.glossary import Entry, Glossary
    from studio.mt.suggestions import sentence_of

    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office()])], ImportOptions()))
    doc = workspace.document("dongcheng-hall")
    segment = next(s for s in doc.segments if "东城区" in s.text)
    supplied = Glossary([Entry(1, (Term("zh-Hans", "东城区"), Term("fr", "district de Dongcheng")))])
    with workspace._reading() as session:  # the stored glossary is empty: only the one given can say this
        sentence = sentence_of(session, segment.id, "fr", doc.row.id, False, supplied)
    assert sentence is not None and sentence.request.terms == {"东城区": "district de Dongcheng"}
