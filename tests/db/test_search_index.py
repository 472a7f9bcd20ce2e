"""Search through an index (issue 8, item 11): exactly what a scan of every document's text found, for every query
of the test corpus, on SQLite and on PostgreSQL, and after every kind of write."""

from __future__ import annotations

import codecs
import importlib.util
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from studio import db
from studio.content import search
from studio.content.importers import ImportOptions
from studio.demo import fill_demo
from studio.jobs import run_job
from studio.models import Document, DocumentText
from studio.workflow.replace import ReplaceRun
from studio.workspace import Workspace
from tests.helpers import engine, guide, migrate, office, segment_id, write_json

# Texts the demo lacks: kana with marks of iteration, halfwidth katakana, Hangul jamo, a Han letter beyond the
# basic plane, letters beside digits and Latin, and runs broken by punctuation.
EXTRA_CELLS = {
    "ja": "ゝゞヽヾ々〆〇ｶﾀｶﾅ外国人の就労許可、𠀀𠀁の申請ー２回",
    "ko": "외국인 취업 허가ᄀᄁ ㄱㄴ 여권2개 Visa비자",
    "ru": "Разрешение на работу: ёлка Ёж, 2-й этаж",
    "ar": "تصريح العمل للأجانب، جواز السفر ١٢",
    "de": "Straße ǅemal ﬃx ΣΑΣ e-Mail",
}
FTS_SYNTAX = ['"', '""', '"护照"', '护照"', '"护', "*", "护*", "护照*", "NEAR", "near(", "NEAR/2", "OR", "AND", "NOT",
              "(", ")", "-", "^", ":", "text:", "grams:", "+", "'", "%", "_", "/", "\\", 'a"b', "护照 OR 签证",
              "许可 NOT 护照", "{text}", "[", "]", "%护%", "_照", "--", "护-照", "e-mail", "2-й", "١٢", "0x", "Σ"]


@pytest.fixture
def corpus(workspace: Workspace, tmp_path) -> Workspace:
    """The demo content, the tests' own office and guide, translations in scripts the demo lacks, and a deleted
    document (whose text is indexed but must never be found)."""
    run_job(fill_demo(workspace, force=True))
    own = write_json(tmp_path / "d.json", [office(), guide("own-permit")])
    run_job(workspace.import_files([own], ImportOptions()))
    for locale, words in EXTRA_CELLS.items():
        workspace.save_cell(segment_id(workspace, "title", slug="own-permit"), locale, words, None)
    workspace.delete_document("bank-account")
    return workspace


def scanned(session: Session, query: str) -> set[str]:
    """The search as it was before the index: each word a substring of one of a live document's texts (its
    source or a translation), found by reading every text."""
    texts: dict[str, list[str]] = defaultdict(list)
    for doc_id, held in session.execute(select(DocumentText.document_id, DocumentText.text)
                                        .join(Document, Document.id == DocumentText.document_id)
                                        .where(Document.deleted_at.is_(None))):
        texts[doc_id].append(held)
    words = query.casefold().split()
    return {doc_id for doc_id, found in texts.items() if all(any(w in t for t in found) for w in words)}


@pytest.fixture
def session(corpus: Workspace) -> Iterator[Session]:
    with Session(engine(corpus)) as s:
        yield s


SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "CYRILLIC", "LATIN", "DIGIT")


def script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((s for s in SCRIPTS if s in name), "other")


def sampled_words(session: Session, per_bucket: int = 40) -> list[str]:
    """Substrings of 1, 2, 3 and 4-8 characters of the corpus's words, `per_bucket` of each script and length,
    chosen at random (the same every run); each counts in the bucket of its first letter."""
    rng = random.Random(11)
    words = sorted({w for t in session.scalars(select(DocumentText.text)) for w in t.split()})
    buckets: dict[tuple[str, int], set[str]] = {}
    for word in rng.sample(words, len(words)):
        for length in (1, 2, 3, rng.randint(4, 8)):
            if len(word) >= length:
                start = rng.randrange(len(word) - length + 1)
                piece = word[start:start + length]
                bucket = buckets.setdefault((script(piece[0]), min(length, 4)), set())
                if len(bucket) < per_bucket:
                    bucket.add(piece)
    return sorted(w for bucket in buckets.values() for w in bucket)


def queries(session: Session) -> list[str]:
    words = sampled_words(session)
    rng = random.Random(12)
    mixed = [f"{a}{b}" for a, b in zip(rng.sample(words, 30), rng.sample(words, 30), strict=True)]
    several = [" ".join(rng.sample(words, n)) for n in (2, 2, 2, 3, 3, 4) for _ in range(10)]
    absent = ["照护", "京東", "한국어", "ヾゝ", "𠀂", "zzq", "xyzzy护照"]
    return [*words, *mixed, *several, *absent, *FTS_SYNTAX, "", "   ", "护照\t许可", "ＡＢＣ", "ß", "ǆ"]


def test_every_query_finds_what_the_scan_found(session: Session):
    found_by_kind: dict[str, int] = {}
    for query in queries(session):
        expected = scanned(session, query)
        assert search.matching_text(session, query) == expected, query
        kind = "short cjk" if search._short_cjk(query) else "other"
        found_by_kind[kind] = found_by_kind.get(kind, 0) + bool(expected)
    # The sample is worth something: many queries, of every kind, find documents.
    assert found_by_kind["short cjk"] >= 40 and found_by_kind["other"] >= 150


def test_the_sample_holds_every_script_and_length(session: Session):
    words = sampled_words(session)
    kinds = {(script(w[0]), min(len(w), 4)) for w in words}
    assert {(s, n) for s in SCRIPTS[:-1] for n in (1, 2, 3, 4)} <= kinds, kinds


def test_words_the_index_cannot_take_are_scanned_for_and_still_found(session: Session):
    own = {session.scalar(select(Document.id).where(Document.slug == "own-permit"))}
    for query in ("ｶﾀ", "𠀀𠀁", "々〆", "ᄀᄁ", "2개", "ё", "ǅe", "２回", "à"):
        assert search.matching_text(session, query) == scanned(session, query)
    assert search.matching_text(session, "𠀀𠀁") == own
    assert search.matching_text(session, "ᄀᄁ") == own


def test_no_text_a_user_types_is_a_syntax_error_or_an_operator(session: Session):
    for query in FTS_SYNTAX:
        assert search.matching_text(session, query) == scanned(session, query), query
    # OR, NOT and NEAR are words like any other: every word must be found.
    assert search.matching_text(session, "护照") != set()
    for query in ("护照 OR xyzzy", "xyzzy OR 护照", "NEAR(护照 xyzzy)", "护照*"):
        assert search.matching_text(session, query) == set(), query
    assert search.matching_text(session, "护照 NOT 护照") == search.matching_text(session, "护照 not") != set()


def found(ws: Workspace, query: str) -> set[str]:
    with Session(engine(ws)) as session:
        got, expected = search.matching_text(session, query), scanned(session, query)
    assert got == expected, query
    return got


def test_the_index_follows_every_write(corpus: Workspace):
    ws = corpus
    own = ws.document("own-permit").row.id
    title = segment_id(ws, "title", slug="own-permit")
    matches = [m for m in ws.find_replacements("Straße", "Gasse", ["de"]) if not m.problem]
    run = ReplaceRun(matches)
    run_job(ws.replace_job(run))
    assert own in found(ws, "gasse") and own not in found(ws, "straße")
    ws.restore_cells([(a.before, a.version) for a in run.applied])
    assert own in found(ws, "straße") and own not in found(ws, "gasse")

    ws.save_cell(title, "ja", "就労ビザの申請", ws.cell(title, "ja").version)
    assert own in found(ws, "就労") and own not in found(ws, "𠀀𠀁") and own not in found(ws, "ｶﾀ")
    ws.save_cell(title, "ja", "", ws.cell(title, "ja").version)  # emptied: missing
    assert own not in found(ws, "就労") | found(ws, "ビザ")

    ws.edit_source("own-permit", {"title": "外国人来华工作签证"})
    assert own in found(ws, "签证") and own not in found(ws, "来华工作许可")
    ws.delete_document("own-permit")
    assert own not in found(ws, "签证")
    ws.restore_document("own-permit")
    assert own in found(ws, "签证")


def texts_by_locale(ws: Workspace, slug: str) -> dict[str, tuple[int, str]]:
    with Session(engine(ws)) as session:
        return {loc: (key, t) for key, loc, t in session.execute(
            select(DocumentText.id, DocumentText.locale, DocumentText.text)
            .join(Document, Document.id == DocumentText.document_id).where(Document.slug == slug))}


def test_a_translation_written_rewrites_only_its_own_languages_text(corpus: Workspace):
    ws = corpus
    title = segment_id(ws, "title", slug="own-permit")
    before = texts_by_locale(ws, "own-permit")
    assert "zh-Hans" in before and "fr" not in before  # the source's text; no French translation yet
    ws.save_cell(title, "fr", "Permis de travail", None)
    after = texts_by_locale(ws, "own-permit")
    assert after["fr"][1] == "permis de travail"
    assert {loc: row for loc, row in after.items() if loc != "fr"} == before  # the same rows, not rewritten
    # Every word in any of the document's texts: the French title and the Chinese source together.
    assert ws.document("own-permit").row.id in found(ws, "permis 工作")


def test_the_texts_after_an_upgrade_are_those_studio_writes(corpus: Workspace):
    with Session(engine(corpus)) as session:
        written = set(session.execute(select(DocumentText.document_id, DocumentText.locale, DocumentText.text)))
    migrate(corpus, "0005")
    migrate(corpus, db.head_revision())
    with Session(engine(corpus)) as session:
        assert set(session.execute(select(DocumentText.document_id, DocumentText.locale, DocumentText.text))) \
            == written
        for query in ("permit", "护照", "북경 여권", "e", "许可 ab"):
            assert search.matching_text(session, query) == scanned(session, query), query


def test_the_trigram_index_holds_exactly_the_texts(corpus: Workspace):
    if engine(corpus).dialect.name != "sqlite":
        pytest.skip("SQLite's full-text index; PostgreSQL's indexes are the server's own")
    corpus.edit_source("own-permit", {"title": "外国人来华工作签证"})
    with engine(corpus).begin() as conn:
        # FTS5 compares its index with the rows of document_texts, and raises if they differ.
        conn.execute(text("INSERT INTO document_texts_trigrams (document_texts_trigrams, rank) "
                          "VALUES ('integrity-check', 1)"))


def test_postgresql_indexes_the_same_letters_and_pairs_as_python(workspace: Workspace):
    if engine(workspace).dialect.name != "postgresql":
        pytest.skip("the function is PostgreSQL's; SQLite calls db.cjk_grams itself")
    edges = [chr(c) for lo, hi in ranges(db.CJK_LETTERS) for c in (lo - 1, lo, hi, hi + 1)
             if c > 0 and not 0xD800 <= c <= 0xDFFF]
    texts = ["".join(edges), " ".join(edges), *EXTRA_CELLS.values(), "护照。护照护", "a京b東c", ""]
    with engine(workspace).connect() as conn:
        for t in texts:
            grams = conn.execute(text(f"SELECT {db.GRAMS_FUNCTION}(:t)"), {"t": t}).scalar_one()
            assert set(grams) == set(db.cjk_grams(t).split()), t


def ranges(letters: str) -> list[tuple[int, int]]:
    return [(ord(a), ord(b)) for a, b in re.findall("(.)-(.)", letters, re.S)]


def test_the_migration_writes_the_same_letters_for_postgresql():
    spec = importlib.util.spec_from_file_location(
        "revision_0004", next((db.MIGRATIONS_DIR / "versions").glob("0004_*.py")))
    assert spec is not None and spec.loader is not None
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    assert codecs.decode(revision.PG_CJK_LETTERS, "unicode_escape") == db.CJK_LETTERS
    assert revision.GRAMS == db.GRAMS_FUNCTION


def test_the_grams_of_a_text_are_its_cjk_letters_and_their_neighbouring_pairs():
    assert set(db.cjk_grams("a护照。签b 护照护").split()) == {"护", "照", "签", "护照", "照护"}
    assert db.cjk_grams("no letters here") == ""
