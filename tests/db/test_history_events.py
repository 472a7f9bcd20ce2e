"""Revisions stored before history events were recorded: the upgrade to schema 0003 names what it can tell."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from studio import db
from studio.content.importers import ImportOptions
from studio.jobs import run_job
from tests.helpers import engine, guide, office, segment_id, write_json


def _downgrade(engine, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)


def test_the_upgrade_derives_the_events_of_older_revisions_and_links_the_rejections(workspace, tmp_path):
    ws = workspace
    run_job(ws.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    title, permit = segment_id(ws, "title"), segment_id(ws, "summary", 1)
    ws.save_cell(title, "fr", "Permis", None)
    confirmed = ws.save_cell(title, "fr", "Permis de travail", 1, confirm=True)
    ws.review_cell(title, "fr", confirmed.version, approve=False, comment="Trop court.")
    ws.add_comment(ws.document("work-permit").row.id, "Une autre remarque.", title, "fr")
    ws.save_cell(permit, "fr", "Le permis dure au plus cinq ans.", None, confirm=True)
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    permit = segment_id(ws, "summary", 1)

    _downgrade(engine(ws), "0002")  # as a workspace written before events were recorded
    db.migrate(engine(ws))

    history = ws.history(title, "fr")
    assert [(r.event, r.state) for r in history] == [
        ("rejected", "draft"), ("confirmed", "translated"), ("typed", "draft")]
    assert history[0].comment == "Trop court."
    assert [r.event for r in ws.history(permit, "fr")] == ["source_changed", "confirmed"]
