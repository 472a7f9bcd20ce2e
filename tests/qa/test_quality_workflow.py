"""Quality in the workflow: an error blocks approval and release, a warning is acknowledged with a note until the
text changes, and `studio qa --json` finds the mistakes put in the demo on purpose."""

from __future__ import annotations

import json

import pytest

from studio.cli import main
from studio.content.importers import ImportOptions
from studio.errors import PermissionDenied, ValidationError
from studio.jobs import run_job
from studio.memory.glossary import Term, TermStatus
from tests.helpers import guide, office, segment_id, snapshot, write_json


@pytest.fixture
def guide_ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace


def confirm(ws, field, locale, text):
    seg = segment_id(ws, field)
    cell = ws.cell(seg, locale)
    ws.save_cell(seg, locale, text, cell.version if cell else None, confirm=True)
    return seg


def test_an_error_refuses_the_approval_and_says_why_a_warning_does_not(guide_ws):
    wrong = confirm(guide_ws, "processing_time", "fr", "100 jours ouvrables.")
    ok = confirm(guide_ws, "who_may_apply", "fr", "L'employeur fait la demande pour l'étranger qu'il veut recruter.")
    before = snapshot(guide_ws)
    with pytest.raises(ValidationError, match="cannot be approved: quality check “Numbers”"):
        guide_ws.review_cell(wrong, "fr", guide_ws.cell(wrong, "fr").version, approve=True)
    assert snapshot(guide_ws) == before
    done = guide_ws.review_cells([(wrong, "fr", guide_ws.cell(wrong, "fr").version),
                                  (ok, "fr", guide_ws.cell(ok, "fr").version)], approve=True)
    assert list(done.decided) == [(ok, "fr")]
    assert [s.key for s in done.skipped] == [(wrong, "fr")]
    assert "numbers differ from the source" in done.skipped[0].reason


def test_a_forbidden_term_added_after_approval_holds_the_locale_back_from_a_release(guide_ws):
    plan = guide_ws.release_plan("https://portal.example", documents=["work-permit"], locales=["fr"])
    assert not any("quality" in r for c in plan.candidates for r in c.reasons)
    seg = confirm(guide_ws, "who_may_apply", "fr", "L'employeur de Pékin fait la demande pour l'étranger.")
    guide_ws.review_cell(seg, "fr", guide_ws.cell(seg, "fr").version, approve=True)
    guide_ws.add_glossary_entry([Term("zh-Hans", "北京"), Term("fr", "Beijing"),
                                 Term("fr", "Pékin", TermStatus.FORBIDDEN)])
    plan = guide_ws.release_plan("https://portal.example", documents=["work-permit"], locales=["fr"])
    held = [r for c in plan.candidates if c.locale == "fr" for r in c.reasons]
    assert any(r.startswith("quality error in who_may_apply") and "Pékin" in r for r in held)


def test_an_acknowledged_warning_stays_acknowledged_until_the_text_changes(guide_ws):
    long_text = ("L'employeur qui souhaite recruter un étranger dans la ville doit faire lui-même la demande pour "
                 "cet étranger auprès du service compétent avant la date prévue du début de son contrat de travail.")
    seg = confirm(guide_ws, "who_may_apply", "fr", long_text)
    [finding] = [f for f in guide_ws.check_cell(seg, "fr", long_text) if f.check == "long_sentence"]
    assert not finding.acknowledged
    with pytest.raises(ValidationError, match="note"):
        guide_ws.acknowledge_finding(seg, "fr", "long_sentence", long_text, " ")
    guide_ws.acknowledge_finding(seg, "fr", "long_sentence", long_text, "Wording fixed by the ministry.")
    report = run_job(guide_ws.qa_job(["fr"], ["work-permit"]))
    [acked] = [f for f in report.findings if f.check == "long_sentence"]
    assert acked.acknowledged and acked.note == "Wording fixed by the ministry."
    edited = long_text.replace("du début", "de début")
    guide_ws.save_cell(seg, "fr", edited, guide_ws.cell(seg, "fr").version, confirm=True)
    report = run_job(guide_ws.qa_job(["fr"], ["work-permit"]))
    assert [f.acknowledged for f in report.findings if f.check == "long_sentence"] == [False]


def test_an_error_cannot_be_acknowledged(guide_ws):
    seg = confirm(guide_ws, "processing_time", "fr", "100 jours ouvrables.")
    before = snapshot(guide_ws)
    with pytest.raises(PermissionDenied, match="error"):
        guide_ws.acknowledge_finding(seg, "fr", "numbers", "100 jours ouvrables.", "I know.")
    assert snapshot(guide_ws) == before


DEMO_MISTAKES = [
    # (document, field, locale, check): each put in resources/demo on purpose
    ("work-permit", "who_may_apply", "fr", "glossary_forbidden"),  # "Pékin"
    ("work-permit", "summary", "en", "punctuation_style"),  # a Chinese comma left in English
    ("beijing-exit-entry-hall", "transport", "en", "brackets"),  # "(Lama Temple station"
    ("visa-extension", "notes", "en", "repeated_word"),  # "the the"
    ("work-permit", "who_may_apply", "en", "long_sentence"),  # an over-long bureaucratic sentence…
    ("work-permit", "who_may_apply", "en", "discouraged_term"),  # …"in accordance with", "utilize", "prior to"
    ("faq-work-permit-processing-time", "question", "fr", "french_typography"),  # "travail?"
    ("accommodation-registration", "notes", "fr", "numbers"),  # the 12345 hotline typed 12354
    ("visa-extension", "processing_time", "en", "numbers"),  # "within working days": the 7 is missing
    ("work-residence-permit", "steps[1].title", "de", "list_items"),  # step 2 missing in the German guide
]


def test_studio_qa_json_on_the_demo_finds_each_mistake_put_there(tmp_path, capsys):
    folder = str(tmp_path / "demo")
    assert main(["--workspace", folder, "demo"]) == 0
    capsys.readouterr()
    assert main(["--workspace", folder, "qa", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    found = {(f["document"], f["field"], f["locale"], f["check"]) for f in out["findings"]}
    assert [m for m in DEMO_MISTAKES if m not in found] == []
    hotline = next(f for f in out["findings"] if f["document"] == "accommodation-registration"
                   and f["check"] == "numbers")
    assert hotline["severity"] == "error" and "12354" in hotline["message"]
    assert set(out["findings"][0]) >= {"document", "segment", "locale", "check", "severity", "message",
                                       "acknowledged"}
    assert main(["--workspace", folder, "qa", "--locale", "de"]) == 0
    text = capsys.readouterr().out
    assert "work-residence-permit" in text and "list_items" in text and "\nwork-permit\n" not in text


def test_only_a_supervisor_changes_the_readability_limits_and_they_apply_at_once(guide_ws):
    from studio.qa.readability import ReadabilitySettings

    text = " ".join(["mot"] * 30) + "."
    seg = confirm(guide_ws, "who_may_apply", "fr", text)
    assert "long_sentence" in {f.check for f in guide_ws.check_cell(seg, "fr", text)}
    raised = ReadabilitySettings.from_json({"sentence_limits": {"fr": 40}})
    guide_ws.add_user("wang.fang", ["editor"], "wang-password")
    guide_ws.sign_in("wang.fang", "wang-password")
    before = snapshot(guide_ws)
    with pytest.raises(PermissionDenied, match="supervisor"):
        guide_ws.set_readability_settings(raised)
    assert snapshot(guide_ws) == before
    guide_ws.sign_in("boss", "boss-password")
    with pytest.raises(ValidationError, match="whole number"):
        guide_ws.set_readability_settings(ReadabilitySettings(sentence_limits={"fr": 0}))
    assert snapshot(guide_ws) == before
    guide_ws.set_readability_settings(raised)
    assert guide_ws.readability_settings().sentence_limits["fr"] == 40
    assert guide_ws.readability_settings().sentence_limits["en"] == 25  # the others keep their defaults
    assert "long_sentence" not in {f.check for f in guide_ws.check_cell(seg, "fr", text)}


def test_qa_names_an_unknown_document_and_exits_1(tmp_path, capsys):
    folder = str(tmp_path / "demo")
    assert main(["--workspace", folder, "demo"]) == 0
    capsys.readouterr()
    assert main(["--workspace", folder, "qa", "--document", "no-such-guide"]) == 1
    assert "no-such-guide" in capsys.readouterr().err


def test_a_reviewer_of_the_language_may_acknowledge_a_warning_and_another_may_not(guide_ws):
    text = "Dongcheng 区."
    seg = confirm(guide_ws, "who_may_apply", "fr", text)
    guide_ws.add_user("hans", ["reviewer"], "hans-password", ["de"])
    guide_ws.add_user("marie", ["reviewer"], "marie-password", ["fr"])
    guide_ws.sign_in("hans", "hans-password")
    before = snapshot(guide_ws)
    with pytest.raises(PermissionDenied):
        guide_ws.acknowledge_finding(seg, "fr", "untranslated_chinese", text, "The district's name, as signposted.")
    assert snapshot(guide_ws) == before
    guide_ws.sign_in("marie", "marie-password")
    guide_ws.acknowledge_finding(seg, "fr", "untranslated_chinese", text, "The district's name, as signposted.")
    [finding] = [f for f in guide_ws.check_cell(seg, "fr", text) if f.check == "untranslated_chinese"]
    assert finding.acknowledged
