"""Pre-translation against engines on 127.0.0.1: only missing and outdated cells are filled, people's text never,
a second run sends nothing, an engine out of reach is waited for, a refusing one hands over to the next."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import threading
import time

import pytest

from studio.content.importers import ImportOptions
from studio.errors import PermissionDenied, StudioError, ValidationError
from studio.jobs import Cancelled, JobControl, run_job
from studio.mt.config import MTSettings, SecretStore
from studio.mt.masking import mask
from studio.states import CellState
from studio.worker_process import in_process
from tests.helpers import guide, office, segment_id, write_json
from tests.mt.servers import closed_port, serving, status


@pytest.fixture
def ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace


@pytest.fixture
def libre():
    with serving("libretranslate") as server:
        yield server


def settings_for(tmp_path, **env):
    return MTSettings(tmp_path / "mt.json", env={f"STUDIO_MT_{k.upper()}": v for k, v in env.items()},
                      secrets=SecretStore())


def cells(ws, locale):
    """(segment id, text, state, origin) of every cell of `locale` in both documents."""
    out = {}
    for slug in ("work-permit", "dongcheng-hall"):
        for seg in ws.document(slug).segments:
            cell = seg.cells.get(locale)
            out[seg.id] = (seg.text, cell.text, cell.state, cell.origin) if cell else (seg.text, None, "missing", None)
    return out


def approve(ws, segment, **texts):
    """Confirm these translations (locale=text) of `segment` and have a reviewer of those locales approve them."""
    ws.add_user("emma", ["reviewer"], "emma-password", list(texts))
    versions = {locale: ws.save_cell(segment, locale, text, None, confirm=True).version
                for locale, text in texts.items()}
    ws.sign_in("emma", "emma-password")
    for locale, version in versions.items():
        ws.review_cell(segment, locale, version, approve=True)
    ws.sign_in("boss", "boss-password")


def pretranslate(ws, settings, locales=("fr",), **kwargs):
    progress = []
    report = run_job(ws.pretranslate_job(list(locales), settings=settings, **kwargs), progress.append)
    return report, progress


def test_it_fills_missing_and_outdated_cells_and_never_people_s_text(ws, tmp_path, libre):
    title, first = segment_id(ws, "title"), segment_id(ws, "summary", 0)
    ws.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    ws.save_cell(first, "fr", "Les étrangers", None)  # a person's draft
    german_before = cells(ws, "de")
    settings = settings_for(tmp_path, libretranslate_url=libre.url)

    report, _ = pretranslate(ws, settings)

    french = cells(ws, "fr")
    assert french[title][1:] == ("Permis de travail", "translated", "human")
    assert french[first][1:] == ("Les étrangers", "draft", "human")
    machine = {seg: row for seg, row in french.items() if seg not in (title, first)}
    assert machine and all(state == "draft" and origin == "mt:libretranslate" for _, _, state, origin in
                           machine.values())
    # The fake engine answers "fr:" + what it got: the masked text came back whole and was unmasked.
    assert all(text == f"fr:{source}" for source, text, _, _ in machine.values())
    assert report.drafted == {"fr": len(machine)} and not report.failed
    assert cells(ws, "de") == german_before
    assert ws.document_progress()[ws.document("work-permit").row.id]["fr"]["missing"] == 0


def test_what_an_engine_receives_is_masked(ws, tmp_path, libre):
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    pretranslate(ws, settings, documents=["work-permit"])
    sent = [text for seen in libre.seen for text in seen.json()["q"]]
    step = next(s.text for s in ws.document("work-permit").segments if "{1}" in s.text)
    assert mask(step).text in sent and step not in sent


def test_a_second_run_sends_nothing_and_replacing_machine_drafts_asks_the_cache(ws, tmp_path, libre):
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    first, _ = pretranslate(ws, settings)
    asked = len(libre.seen)
    assert asked and first.requests == asked

    again, _ = pretranslate(ws, settings)
    assert again.total == 0 and len(libre.seen) == asked

    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", ws.cell(title, "fr").version)  # a person takes one over
    replaced, _ = pretranslate(ws, settings, replace_machine=True)
    assert len(libre.seen) == asked  # every answer came from the cache
    assert replaced.total == first.total - 1 and replaced.cached == first.total - 1
    assert ws.cell(title, "fr").text == "Permis de travail"


def test_a_refusing_engine_hands_its_sentences_to_the_next_of_the_route(ws, tmp_path, libre):
    with serving("deepl", key="right-key") as deepl:
        settings = settings_for(tmp_path, libretranslate_url=libre.url, deepl_url=deepl.url,
                                deepl_key="wrong-key")
        settings.set_route("fr", ["deepl", "libretranslate"])
        report, _ = pretranslate(ws, settings)
    assert not report.failed
    assert {origin for _, _, _, origin in cells(ws, "fr").values()} == {"mt:libretranslate"}


def test_damaged_placeholders_are_kept_as_a_flagged_draft(ws, tmp_path):
    with serving("libretranslate", translate=lambda text, target: re.sub(r"<x\d+/>", "", text)) as broken:
        settings = settings_for(tmp_path, libretranslate_url=broken.url)
        report, _ = pretranslate(ws, settings, documents=["work-permit"])
    step = next(s for s in ws.document("work-permit").segments if "{1}" in s.text)
    cell = step.cells["fr"]
    assert cell.state == CellState.DRAFT and cell.origin == "mt:libretranslate"
    assert cell.machine_issue and "{1}" not in cell.text
    assert report.damaged >= 1


def test_a_person_s_next_write_settles_the_flag(ws, tmp_path):
    with serving("libretranslate", translate=lambda text, target: re.sub(r"<x\d+/>", "", text)) as broken:
        pretranslate(ws, settings_for(tmp_path, libretranslate_url=broken.url), documents=["work-permit"])
    step = next(s for s in ws.document("work-permit").segments if "{1}" in s.text)
    ws.save_cell(step.id, "fr", "L'employeur se connecte au {1}système{/1}.", step.cells["fr"].version)
    assert ws.cell(step.id, "fr").machine_issue is None


def test_pivot_locales_are_translated_from_the_approved_english(ws, tmp_path, libre):
    title = segment_id(ws, "title")
    approve(ws, title, en="Work permit for foreigners")
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    settings.set_pivot("de", True)
    pretranslate(ws, settings, locales=("de",), documents=["work-permit"])
    cell = ws.cell(title, "de")
    assert (cell.text, cell.origin) == ("de:Work permit for foreigners", "mt:libretranslate:pivot-en")
    other = next(s for s in ws.document("work-permit").segments if s.id != title)
    assert other.cells["de"].origin == "mt:libretranslate"  # no approved English: from the source


@pytest.mark.slow
def test_an_engine_out_of_reach_is_waited_for_and_the_run_goes_on_by_itself(ws, tmp_path, libre):
    libre.script.extend(status(503) for _ in range(12))  # down for a while: more than the retries of a request
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    report, progress = pretranslate(ws, settings, documents=["dongcheng-hall"])
    assert any("waiting for network" in p.message for p in progress)
    assert report.total == len(ws.document("dongcheng-hall").segments) and not report.failed


def test_concurrency_stays_within_the_engine_s_limit(ws, tmp_path):
    more = [office(f"hall-{i}") for i in range(12)]
    run_job(ws.import_files([write_json(tmp_path / "more.json", more)], ImportOptions()))
    with serving("libretranslate", delay=0.05) as slow:
        settings = settings_for(tmp_path, libretranslate_url=slow.url)
        engine = settings.engine("libretranslate")
        report, _ = pretranslate(ws, settings, locales=("de", "fr", "ru"))  # three locales at once, one engine
    assert report.requests > engine.limits.concurrency
    assert 1 < slow.peak <= engine.limits.concurrency
    assert {"de", "fr", "ru"} == set(report.drafted)
    # The engine's places go to the locales in turn, not to German until it is done (of German's batches alone,
    # the first five requests would all be German).
    first = [json.loads(seen.body)["target"] for seen in slow.seen[:5]]
    assert {"de", "fr", "ru"} <= set(first), first


def test_only_an_editor_pre_translates(ws, tmp_path, libre):
    ws.add_user("lin", ["reviewer"], "lin-password", ["fr"])
    ws.sign_in("lin", "lin-password")
    with pytest.raises(PermissionDenied):
        pretranslate(ws, settings_for(tmp_path, libretranslate_url=libre.url))
    assert not libre.seen


def test_each_request_has_one_source_language_and_the_cache_keeps_pairs_apart(ws, tmp_path, libre):
    title = segment_id(ws, "title")
    approve(ws, title, en="Work permit for foreigners")
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    settings.set_pivot("de", True)
    pretranslate(ws, settings, locales=("de",), documents=["work-permit"])
    english = mask("Work permit for foreigners").text
    for seen in libre.seen:
        body = seen.json()
        assert (body["source"] == "en") == (english in body["q"]), body
        assert body["source"] == "zh" or body["q"] == [english]


def test_an_engine_that_is_not_set_up_hands_its_sentences_to_the_next_of_the_route(ws, tmp_path, libre):
    settings = settings_for(tmp_path, libretranslate_url=libre.url)  # deepl has no key here
    settings.set_route("fr", ["deepl", "libretranslate"])
    report, _ = pretranslate(ws, settings)
    assert not report.failed and report.drafted["fr"] > 0


def test_when_every_engine_refuses_the_report_says_why_and_a_refused_key_is_not_tried_again(ws, tmp_path):
    more = [office(f"hall-{i}") for i in range(40)]
    run_job(ws.import_files([write_json(tmp_path / "more.json", more)], ImportOptions()))
    with serving("deepl", key="right-key") as deepl:
        settings = settings_for(tmp_path, deepl_url=deepl.url, deepl_key="wrong-key")
        report, _ = pretranslate(ws, settings, locales=("de", "fr"))
    assert report.total == 0 and report.failed
    reasons = set(report.failed.values())
    assert all("key was refused" in why for why in reasons), reasons
    assert not any("wrong-key" in why for why in reasons)
    # A refused key is refused for every request: none is sent after the first answers came back.
    limits = settings.engine("deepl").limits
    assert len(report.failed) > limits.concurrency * limits.batch_size  # more batches than places
    assert len(deepl.seen) <= limits.concurrency


def test_a_batch_the_engine_never_answers_ends_the_run_and_says_so(ws, tmp_path, monkeypatch):
    from studio.mt import http
    from studio.mt import pretranslate as job

    monkeypatch.setattr(http, "RETRY", http.Retry(attempts=1, backoff=0.01))
    monkeypatch.setattr(job, "WAITING_BACKOFF", (0.05,))
    run_job(ws.import_files([write_json(tmp_path / "more.json", [office(f"hall-{i}") for i in range(8)])],
                            ImportOptions()))
    poison = ws.document("work-permit").segments[0].text

    def translate(text, target):
        if text == mask(poison).text:
            raise RuntimeError("this server cannot answer this batch")  # the connection drops, every time
        return f"{target}:{text}"

    with serving("libretranslate", translate=translate) as flaky:
        report, _ = pretranslate(ws, settings_for(tmp_path, libretranslate_url=flaky.url))
    assert report.failed and report.total > 0  # the others were written; the run ended
    assert f"{ws.document('work-permit').segments[0].id}/fr" in report.failed


def test_pseudo_localised_text_cannot_be_confirmed(ws, tmp_path):
    settings = settings_for(tmp_path)
    pretranslate(ws, settings, engine="pseudo", documents=["work-permit"])
    title = segment_id(ws, "title")
    cell = ws.cell(title, "fr")
    assert cell.origin == "mt:pseudo" and cell.text.startswith("[!! ")
    with pytest.raises(ValidationError, match="pseudo-localised"):
        ws.save_cell(title, "fr", cell.text, cell.version, confirm=True)


def test_a_pivot_locale_s_language_model_reads_every_approved_translation_of_the_sentence(ws, tmp_path):
    title = segment_id(ws, "title")
    approve(ws, title, en="Work permit for foreigners", fr="Permis de travail pour les étrangers")
    with serving("llm") as llm:
        settings = settings_for(tmp_path, llm_url=llm.url + "/v1")
        settings.set_pivot("de", True)
        report, _ = pretranslate(ws, settings, locales=("de",), documents=["work-permit"], engine="llm")
    assert not report.failed
    prompts = [m["content"] for seen in llm.seen for m in seen.json()["messages"] if m["role"] == "user"]
    asked = next(p for p in prompts if "Permis de travail pour les étrangers" in p)
    assert "Work permit for foreigners" in asked
    assert ws.cell(title, "de").origin == "mt:llm:pivot-en"


def test_two_runs_at_once_share_the_engine_s_concurrency_limit(ws, tmp_path):
    import threading

    run_job(ws.import_files([write_json(tmp_path / "more.json", [office(f"hall-{i}") for i in range(12)])],
                            ImportOptions()))
    with serving("libretranslate", delay=0.1) as slow:
        settings = settings_for(tmp_path, libretranslate_url=slow.url)
        limit = settings.engine("libretranslate").limits.concurrency
        other = settings_for(tmp_path, libretranslate_url=slow.url)  # another window's settings, same engine
        def another_window() -> None:
            with ws.sibling_opener()() as sibling:
                pretranslate(sibling, other, locales=("de",))

        second = threading.Thread(target=another_window)
        second.start()
        pretranslate(ws, settings, locales=("fr",))
        second.join()
    assert slow.peak <= limit


def test_a_cancelled_run_leaves_no_request_waiting_to_ask_again(ws, tmp_path):
    # The engine is busy: every request is told to come back in 20 s, well within the batch's deadline.
    with serving("libretranslate") as busy:
        busy.script.extend(status(429, retry_after="20") for _ in range(50))
        control, said = JobControl(), []
        job = ws.pretranslate_job(["fr"], settings=settings_for(tmp_path, libretranslate_url=busy.url))
        runner = threading.Thread(target=lambda: said.append(run_job_until_cancelled(job, control)))
        runner.start()
        deadline = time.monotonic() + 10
        while not busy.seen and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # the request pauses before asking again
        control.cancel()
        runner.join(5)
        assert said == ["cancelled"]
        # Its thread stops pausing and ends with the job, not 20 s later.
        deadline = time.monotonic() + 3
        while engine_threads() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not engine_threads()


def engine_threads():
    return [t for t in threading.enumerate() if t.name.startswith("mt-libretranslate")]


def test_a_locale_waiting_for_its_engine_holds_back_no_other_locale(ws, tmp_path):
    # Korean's engine is out of reach; German's needs no network (pseudo-localisation, like the offline engine).
    settings = settings_for(tmp_path, libretranslate_url=f"http://127.0.0.1:{closed_port()}")
    settings.set_route("ko", ["libretranslate"])
    settings.set_route("de", ["pseudo"])
    control, said = JobControl(), []
    job = ws.pretranslate_job(["ko", "de"], settings=settings)
    runner = threading.Thread(target=lambda: said.append(run_job_until_cancelled(job, control)))
    runner.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(state == "missing" for *_, state, _ in cells(ws, "de").values()):
            time.sleep(0.05)
        assert all(state == "draft" for *_, state, _ in cells(ws, "de").values()), "German was held back"
        assert all(state == "missing" for *_, state, _ in cells(ws, "ko").values())
    finally:
        control.cancel()
        runner.join(10)
    assert said == ["cancelled"]


def run_job_until_cancelled(job, control):
    try:
        run_job(job, None, control)
    except Cancelled:
        return "cancelled"
    return "ended"


# --- in a process of its own (the window's whole-portal runs) ----------------------------------------------------


def test_a_pre_translation_in_its_own_process_writes_reports_and_returns_its_report(ws, tmp_path, libre):
    settings = settings_for(tmp_path, libretranslate_url=libre.url)
    progress = []
    report = run_job(in_process(ws.sibling_opener(), "pretranslate_job", ["fr"], settings=settings)(),
                     progress.append)
    assert report.total == len(cells(ws, "fr")) > 0
    assert all(state == "draft" and origin == "mt:libretranslate" for *_, state, origin in cells(ws, "fr").values())
    assert any(p.total == report.total for p in progress)
    assert not multiprocessing.active_children()


def test_cancelling_it_stops_the_child_at_once_even_with_a_request_stalled(ws, tmp_path):
    with serving("libretranslate") as slow:
        def stalled(text: str, target: str) -> str:
            slow.released.wait(30)  # answers only once the test is over
            return f"{target}:{text}"

        slow.translate = stalled
        settings = settings_for(tmp_path, libretranslate_url=slow.url)
        control = JobControl()
        job = in_process(ws.sibling_opener(), "pretranslate_job", ["fr"], settings=settings)()

        def cancel_once_asked(step):
            if slow.seen:
                control.cancel()

        start = time.monotonic()
        with pytest.raises(Cancelled):
            run_job(job, cancel_once_asked, control)
        assert time.monotonic() - start < 8  # not the request's read timeout, nor the batch's deadline
        assert not multiprocessing.active_children()
        slow.released.set()


def test_a_child_killed_midway_is_a_clear_error(ws, tmp_path):
    with serving("libretranslate", delay=0.3) as slow:
        settings = settings_for(tmp_path, libretranslate_url=slow.url)
        job = in_process(ws.sibling_opener(), "pretranslate_job", ["fr", "de"], settings=settings)()

        def kill_once_asked(step):
            if len(slow.seen) >= 2:
                for child in multiprocessing.active_children():
                    os.kill(child.pid, signal.SIGKILL)

        with pytest.raises(StudioError, match="ended unexpectedly"):
            run_job(job, kill_once_asked)
    assert not multiprocessing.active_children()
