"""Pre-translation with the offline engine and the tiny model of tiny_model.py: like the online engines, a
sentence whose placeholders came back damaged is kept as a flagged draft, and the rest of its batch is not."""

from __future__ import annotations

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.mt import offline
from studio.mt.config import MTSettings, SecretStore
from studio.mt.masking import mask
from studio.states import CellState
from tests.helpers import office, write_json
from tests.mt import tiny_model
from tests.mt.tiny_model import VISA


def test_an_offline_batch_flags_only_the_sentence_whose_placeholder_was_lost(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv(offline.MODELS_ENV, str(tmp_path / "mt-models"))
    model = tiny_model.build(tmp_path / "visa", VISA)  # answers VISA to everything: every token is lost
    offline.install_model(tiny_model.argos_package(model, tmp_path / "zh-en.argosmodel"))
    hall = office()
    hall["fields"] = {"name": "东城出入境办证大厅", "address": "北京市东城区安定门东大街2号",
                      "opening_hours": "周一至周五办理。", "phone": "+86 10 8402 0101"}  # the phone: not translated
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [hall])], ImportOptions()))
    settings = MTSettings(tmp_path / "mt.json", env={}, secrets=SecretStore())
    try:
        report = run_job(workspace.pretranslate_job(["en"], settings=settings, engine="offline"))
    finally:
        offline.MODELS.clear()

    segments = workspace.document("dongcheng-hall").segments
    assert [bool(mask(s.text).table) for s in segments] == [False, True, False], "one sentence with a token, one without"
    cells = [s.cells["en"] for s in segments]
    assert all((c.state, c.origin) == (CellState.DRAFT, "mt:offline") for c in cells), "both kept as drafts"
    assert all(c.text == VISA for c in cells)
    assert [c.machine_issue is not None for c in cells] == [False, True, False]
    assert "'2'" in (cells[1].machine_issue or "")
    assert report.drafted == {"en": 3} and report.damaged == 1 and not report.failed
    assert report.requests == 1, "one batch"
