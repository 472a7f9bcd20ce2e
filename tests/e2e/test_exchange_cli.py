"""`studio export` and `studio import-translations` as a user runs them, on the demo workspace: every export
passes the real validators (xmllint against the shared XLIFF schemas, msgfmt -c), and a PO file translated
outside comes back into the right cells while the rest is reported."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from studio.workspace import Workspace
from tests.e2e.test_cli import studio
from tests.exchange.conftest import validate

EDITOR = {"STUDIO_USER": "editor", "STUDIO_PASSWORD": "editor-demo"}
REVIEWER = {"STUDIO_USER": "reviewer", "STUDIO_PASSWORD": "reviewer-demo"}  # reviews fr and de


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exchange") / "ws"
    made = studio("--workspace", str(folder), "demo")
    assert made.returncode == 0, made.stderr
    return folder


@pytest.mark.parametrize("fmt", ["po", "xliff", "xliff12", "csv"])
def test_every_export_of_the_demo_passes_its_validator(demo, tmp_path, fmt):
    out = tmp_path / fmt
    done = studio("--workspace", str(demo), "export", "--format", fmt, "--all", "-o", str(out), "--json", env=EDITOR)
    assert done.returncode == 0, done.stderr
    files = json.loads(done.stdout)["files"]
    # One file per target language (and per other source language: a news item written in English).
    assert {f["locale"] for f in files} >= {"en", "ko", "ja", "de", "fr", "es", "ru", "ar"}
    assert sorted(p.name for p in out.iterdir()) == sorted(f["name"] for f in files)
    for path in out.iterdir():
        validate(path, fmt)


def test_a_po_file_translated_outside_comes_back_into_the_right_cells(demo, tmp_path):
    out = tmp_path / "fr.po"
    done = studio("--workspace", str(demo), "export", "--format", "po", "--locale", "fr", "-o", str(out), env=EDITOR)
    assert done.returncode == 0, done.stderr
    validate(out, "po")
    catalogue = polib.pofile(str(out))
    entries = {int(e.msgctxt): e for e in catalogue}
    with Workspace.open(demo, write=False) as ws:
        docs = {row.id: row.slug for row in ws.documents()}
        views = {slug: ws.document(slug) for slug in docs.values()}
    where = {s.id: (slug, s) for slug, view in views.items() for s in view.segments}
    by_state: dict[str, list[int]] = {}
    for segment_id in entries:
        cell = where[segment_id][1].cells.get("fr")
        by_state.setdefault(cell.state if cell else "missing", []).append(segment_id)
    missing, fuzzy, confirmed = by_state["missing"][0], by_state["draft"][0], by_state["translated"]
    approve_meanwhile = confirmed[0]
    # A document whose title will be rewritten, and another that will be deleted, after the export.
    rewritten_slug = next(slug for slug, view in views.items() if slug != where[approve_meanwhile][0]
                          and slug not in (where[missing][0], where[fuzzy][0])
                          and any(s.field_path == "title" and "fr" in s.cells for s in view.segments))
    rewritten = next(s.id for s in views[rewritten_slug].segments if s.field_path == "title")
    deleted_slug = next(slug for slug in views if slug not in (rewritten_slug, where[approve_meanwhile][0],
                                                               where[missing][0], where[fuzzy][0]))
    deleted = views[deleted_slug].segments[0].id

    with Workspace.open(demo) as ws:
        ws.sign_in("reviewer", "reviewer-demo")
        ws.review_cell(approve_meanwhile, "fr", ws.cell(approve_meanwhile, "fr").version, approve=True)
        ws.sign_in("editor", "editor-demo")
        ws.edit_source(rewritten_slug, {"title": where[rewritten][1].text + "（更新）"})
        ws.delete_document(deleted_slug)

    # The translator fills a missing unit, finishes a fuzzy one and touches the three that moved meanwhile.
    edits = {missing: "Traduction nouvelle.", fuzzy: "Brouillon terminé.", approve_meanwhile: "Autre texte.",
             rewritten: "Titre revu.", deleted: "Texte d'un document supprimé."}
    for segment_id, text in edits.items():
        entries[segment_id].msgstr = text
        entries[segment_id].flags = []
        entries[segment_id].previous_msgid = None
    catalogue.save(str(out))

    back = studio("--workspace", str(demo), "import-translations", str(out), "--json", env=EDITOR)
    assert back.returncode == 3, back.stderr  # a conflict: the approved cell
    report = json.loads(back.stdout)
    assert {(u["segment"], u["state"]) for u in report["applied"]} == {(missing, "translated"),
                                                                       (fuzzy, "translated")}
    assert [u["segment"] for u in report["conflicts"]] == [approve_meanwhile]
    skipped = {u["unit"]: u["reason"] for u in report["skipped"]}
    assert "rewritten" in skipped[str(rewritten)]
    assert "deleted" in skipped[str(deleted)]
    with Workspace.open(demo, write=False) as ws:
        assert (ws.cell(missing, "fr").text, ws.cell(missing, "fr").state) == ("Traduction nouvelle.", "translated")
        assert ws.cell(fuzzy, "fr").text == "Brouillon terminé."
        assert ws.cell(approve_meanwhile, "fr").state == "approved"
        assert ws.cell(approve_meanwhile, "fr").text != "Autre texte."

    text = studio("--workspace", str(demo), "import-translations", str(out), env=EDITOR)
    assert text.returncode == 3
    assert text.stdout.splitlines()[0] == "imported 0 translation(s) from 1 file(s); " \
        f"{len(report['skipped']) + 2} skipped, 1 in conflict"
    assert "in conflict: " in text.stdout and "approved in Studio" in text.stdout


def test_bad_usage_and_a_bad_file(demo, tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff", encoding="utf-8")
    done = studio("--workspace", str(demo), "import-translations", str(bad), env=EDITOR)
    assert done.returncode == 1 and done.stderr.startswith(f"studio: {bad}:1: not well-formed XML")
    usage = studio("--workspace", str(demo), "export", "--format", "docx", "-o", str(tmp_path / "x"), env=EDITOR)
    assert usage.returncode == 2


def test_the_memory_and_the_glossary_are_exported_by_the_same_command(demo, tmp_path):
    import os
    import shutil
    import subprocess

    from tests.helpers import SCHEMAS

    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (Debian package libxml2-utils; `make test` installs it)")

    memory = tmp_path / "memory.tmx"
    done = studio("--workspace", str(demo), "export", "--format", "tmx", "-o", str(memory), env=EDITOR)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported ") and "unit(s)" in done.stdout
    checked = subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", str(SCHEMAS / "tmx-1.4" / "tmx14.dtd"),
                              str(memory)], capture_output=True, text=True,
                             env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")})
    assert checked.returncode == 0, checked.stderr
    terms = tmp_path / "terms.tbx"
    done = studio("--workspace", str(demo), "export", "--format", "tbx", "--locale", "fr", "-o", str(terms),
                  "--json", env=EDITOR)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["units"] > 0 and b"urn:iso:std:iso:30042" in terms.read_bytes()
    scoped = studio("--workspace", str(demo), "export", "--format", "tmx", "--section", "work", "-o",
                    str(tmp_path / "x.tmx"), env=EDITOR)
    assert scoped.returncode == 1 and "exported whole" in scoped.stderr
