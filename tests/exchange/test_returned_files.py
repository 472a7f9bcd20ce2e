"""A file goes out to a translator, comes back translated, and lands in the right cells; what cannot land is
reported with its reason, in each of the four formats. Meanwhile Studio moved on: a sentence was rewritten,
another removed, one approved, one changed by someone else."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polib
import pytest
from lxml import etree

from studio.content.importers import ImportOptions
from studio.errors import InputFileError, PermissionDenied
from studio.exchange import xliff2, xliff12
from studio.jobs import run_job
from studio.states import CellState
from studio.workspace import Workspace
from tests.exchange.conftest import validate
from tests.helpers import guide, office, segment_id, snapshot, write_json

FORMATS = ("po", "xliff", "xliff12", "csv")


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    """On SQLite, and on PostgreSQL when the run has one."""
    files = [write_json(tmp_path / "office.json", office()), write_json(tmp_path / "guide.json", guide())]
    run_job(workspace.import_files(files, ImportOptions()))
    return workspace


def seg(ws: Workspace, field: str, ordinal: int = 0) -> int:
    return segment_id(ws, field, ordinal)


def save(ws: Workspace, field: str, text: str, *, ordinal: int = 0, confirm: bool = True, locale: str = "fr") -> None:
    key = seg(ws, field, ordinal)
    current = ws.cell(key, locale)
    ws.save_cell(key, locale, text, current.version if current else None, confirm=confirm)


def translate(path: Path, fmt: str, edits: dict[int, tuple[str, bool]]) -> None:
    """Do what a translator's tool does to the file: set the targets of some units (by segment id) and mark them
    translated (True) or leave them unconfirmed (False)."""
    if fmt == "po":
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if int(entry.msgctxt) in edits:
                entry.msgstr, done = edits[int(entry.msgctxt)]
                entry.flags = [] if done else ["fuzzy"]
                entry.previous_msgid = None
        catalogue.save(str(path))
    elif fmt in ("xliff", "xliff12"):
        tree = etree.parse(str(path))
        ns = {"x": xliff2.NS if fmt == "xliff" else xliff12.NS}
        for unit in tree.iterfind(".//x:unit" if fmt == "xliff" else ".//x:trans-unit", ns):
            if int(unit.get("id")) not in edits:
                continue
            text, done = edits[int(unit.get("id"))]
            holder = unit.find("x:segment", ns) if fmt == "xliff" else unit
            target = holder.find("x:target", ns)
            if target is None:
                target = etree.SubElement(holder, f"{{{ns['x']}}}target")
                if fmt == "xliff12":  # the target comes right after the source
                    holder.find("x:source", ns).addnext(target)
            target.text = text
            for child in list(target):
                target.remove(child)
            if fmt == "xliff":
                holder.set("state", "translated" if done else "initial")
            else:
                target.set("state", "translated" if done else "needs-review-translation")
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    else:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        for row in rows[1:]:
            if int(row[0]) in edits:
                row[5], done = edits[int(row[0])]
                row[6] = "translated" if done else "draft"
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_translated_file_lands_in_the_right_cells_and_reports_the_rest(ws, tmp_path, fmt):
    save(ws, "title", "Permis de travail")
    save(ws, "summary", "Brouillon du résumé", confirm=False)
    save(ws, "summary", "Le permis vaut cinq ans.", ordinal=1)
    save(ws, "who_may_apply", "L'employeur dépose la demande.")
    save(ws, "processing_time", "10 jours ouvrables.")
    out = tmp_path / f"work-permit.fr.{fmt}"
    result = ws.export_translations(out, fmt, locales=["fr"], documents=["work-permit"])
    assert result.files[0].units == len(ws.document("work-permit").segments)
    validate(out, fmt)
    ids = {name: seg(ws, *name) for name in [("title", 0), ("summary", 0), ("summary", 1), ("who_may_apply", 0),
                                              ("processing_time", 0), ("steps[0].body", 0), ("steps[1].body", 0),
                                              ("required_documents[1].name", 0), ("fees[0].explanation", 0)]}

    # Meanwhile in Studio: an approval, a rewritten and a removed sentence, another person's change.
    approved = ws.cell(ids[("summary", 1)], "fr")
    ws.review_cell(ids[("summary", 1)], "fr", approved.version, approve=True)
    ws.edit_source("work-permit", {"who_may_apply": "用人单位为拟聘用的外籍人员申请。",
                                   "required_documents": [{"name": "护照", "note": "有效期六个月以上。"}]})
    save(ws, "processing_time", "Dix jours ouvrables.")

    translate(out, fmt, {
        ids[("title", 0)]: ("Permis de travail des étrangers", True),
        ids[("summary", 0)]: ("Les étrangers qui travaillent ici doivent obtenir un permis.", True),
        ids[("summary", 1)]: ("Le permis est valable cinq ans au plus.", True),
        ids[("who_may_apply", 0)]: ("L'employeur fait la demande.", True),
        ids[("processing_time", 0)]: ("Dix jours ouvrés.", True),
        ids[("steps[0].body", 0)]: ("L'employeur se connecte au {1}système{/1} et dépose le dossier.", True),
        ids[("steps[1].body", 0)]: ("Le permis est retiré après {1}l'examen.", True),
        ids[("required_documents[1].name", 0)]: ("Diplôme", True),
        ids[("fees[0].explanation", 0)]: ("Gratuit.", False),
    })
    report = ws.import_translations([out])

    def cell(name: tuple[str, int]) -> tuple[str, str]:
        found = ws.cell(seg(ws, *name), "fr")
        return (found.text, found.state) if found else ("", CellState.MISSING)

    assert cell(("title", 0)) == ("Permis de travail des étrangers", "translated")
    assert cell(("summary", 0)) == ("Les étrangers qui travaillent ici doivent obtenir un permis.", "translated")
    assert cell(("steps[0].body", 0)) == ("L'employeur se connecte au {1}système{/1} et dépose le dossier.",
                                          "translated")
    assert cell(("fees[0].explanation", 0)) == ("Gratuit.", "draft")
    # Broken placeholders are kept, as a flagged draft, never confirmed.
    broken = ws.cell(ids[("steps[1].body", 0)], "fr")
    assert (broken.text, broken.state) == ("Le permis est retiré après {1}l'examen.", "draft")
    assert broken.machine_issue and "placeholders" in broken.machine_issue
    assert {(u.segment_id, u.state) for u in report.applied} == {
        (ids[("title", 0)], "translated"), (ids[("summary", 0)], "translated"),
        (ids[("steps[0].body", 0)], "translated"), (ids[("steps[1].body", 0)], "draft"),
        (ids[("fees[0].explanation", 0)], "draft")}
    assert next(u for u in report.applied if u.state == "draft" and "placeholders" in u.reason)
    assert all(h.origin == f"import:{fmt}" for h in ws.history(ids[("title", 0)], "fr")[:1])

    # Nothing approved or changed by someone else was overwritten: both are conflicts, with both texts.
    assert cell(("summary", 1)) == ("Le permis vaut cinq ans.", "approved")
    assert cell(("processing_time", 0)) == ("Dix jours ouvrables.", "translated")
    conflicts = {u.segment_id: u for u in report.conflicts}
    assert set(conflicts) == {ids[("summary", 1)], ids[("processing_time", 0)]}
    assert "approved" in conflicts[ids[("summary", 1)]].reason
    assert conflicts[ids[("processing_time", 0)]].studio_text == "Dix jours ouvrables."
    assert conflicts[ids[("processing_time", 0)]].text == "Dix jours ouvrés."

    reasons = {u.unit: u.reason for u in report.skipped}
    assert "rewritten" in reasons[str(ids[("who_may_apply", 0)])]
    assert "no longer exists" in reasons[str(ids[("required_documents[1].name", 0)])]
    assert all(r == "the target is empty" or "rewritten" in r or "no longer exists" in r or r.startswith("unchanged")
               for r in reasons.values())
    assert report.changes.cells == {(u.segment_id, "fr") for u in report.applied}

    # Imported again, the same file changes nothing more.
    before = snapshot(ws)
    again = ws.import_translations([out])
    assert not again.applied and len(again.conflicts) == 2
    assert {k: v for k, v in snapshot(ws).items() if k != "audit_events"} == \
        {k: v for k, v in before.items() if k != "audit_events"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_arabic_cjk_newlines_placeholders_and_spaces_survive_the_round_trip(ws, tmp_path, fmt):
    texts = {
        ("title", 0): ("ar", "  تصريح العمل للأجانب "),
        ("summary", 0): ("ja", "本市で働く外国人は\n就労許可が必要です。"),
        ("steps[0].body", 0): ("ar", "يسجّل صاحب العمل الدخول إلى {1}النظام{/1}\nويقدّم الملفات. "),
        ("steps[0].body", 1): ("ko", " 심사는 온라인으로 완료됩니다.  "),
        ("fees[0].explanation", 0): ("ru", "Бесплатно.\n"),
    }
    sent = {}
    for (field, ordinal), (locale, _) in texts.items():
        save(ws, field, f"draft {locale}", ordinal=ordinal, confirm=False, locale=locale)
    for locale in {loc for loc, _ in texts.values()}:
        out = tmp_path / f"out.{locale}.{fmt}"
        ws.export_translations(out, fmt, locales=[locale], documents=["work-permit"])
        validate(out, fmt)
        wanted = {seg(ws, f, o): (t, True) for (f, o), (loc, t) in texts.items() if loc == locale}
        translate(out, fmt, wanted)
        sent[locale] = out
    report = ws.import_translations(list(sent.values()))
    assert not report.conflicts
    for (field, ordinal), (locale, text) in texts.items():
        cell = ws.cell(seg(ws, field, ordinal), locale)
        assert cell.text == text
    # And out again: the stored texts come out exactly as they went in.
    for locale, path in sent.items():
        ws.export_translations(path, fmt, locales=[locale], documents=["work-permit"])
        validate(path, fmt)
        back = ws.import_translations([path])
        assert not back.applied and not back.conflicts


def test_a_malformed_file_among_good_ones_changes_nothing_and_names_file_and_line(ws, tmp_path):
    good = tmp_path / "good.po"
    ws.export_translations(good, "po", locales=["fr"], documents=["work-permit"])
    translate(good, "po", {seg(ws, "title"): ("Permis de travail", True)})
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgctxt "1"\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    before = snapshot(ws)
    with pytest.raises(InputFileError) as caught:
        ws.import_translations([good, bad])
    assert caught.value.path == str(bad) and caught.value.line == 7
    assert snapshot(ws) == before


def test_without_the_translate_role_nothing_is_imported(ws, tmp_path):
    out = tmp_path / "fr.po"
    ws.export_translations(out, "po", locales=["fr"], documents=["work-permit"])
    ws.add_user("viewer", ["reviewer"], "viewer-password", ["fr"])
    ws.sign_in("viewer", "viewer-password")
    with pytest.raises(PermissionDenied):
        ws.import_translations([out])


def test_export_to_a_zip_holds_one_file_per_language(ws, tmp_path):
    import zipfile

    result = ws.export_translations(tmp_path / "package.zip", "xliff", locales=["fr", "ar"], section="work")
    with zipfile.ZipFile(result.path) as archive:
        assert sorted(archive.namelist()) == ["work.ar.xlf", "work.fr.xlf"]
        for name in archive.namelist():
            (tmp_path / name).write_bytes(archive.read(name))
            validate(tmp_path / name, "xliff")


def test_a_hand_made_csv_is_read_by_column_names_and_every_odd_unit_is_reported(ws, tmp_path):
    title, summary, summary2 = seg(ws, "title"), seg(ws, "summary"), seg(ws, "summary", 1)
    save(ws, "summary", "Texte d'une personne.")
    machine = ws.cell(seg(ws, "processing_time"), "fr")
    assert machine is None
    ws.save_cell(seg(ws, "processing_time"), "fr", "Dix jours (machine).", None, origin="mt:google")
    rows = [
        ["target", "ID", "Locale", "Source", "state"],  # reordered, in other letter cases, no version column
        ["Permis de travail", str(title), "fr-FR", "外国人来华工作许可", "translated"],
        ["Autre texte", str(summary), "fr", "在本市工作的外国人须办理工作许可。", "translated"],
        ["Dix jours ouvrés.", str(seg(ws, "processing_time")), "fr", "10个工作日。", "draft"],
        ["第一", str(summary2), "zh-Hans", "许可证件有效期最长五年。", "translated"],
        ["x", str(summary2), "tlh", "许可证件有效期最长五年。", "translated"],
        ["Cinq ans.", str(summary2), "fr", "许可证件有效期最长五年。", "translated"],
        ["Cinq ans au plus.", str(summary2), "fr", "许可证件有效期最长五年。", "translated"],
        ["Sans id", "abc", "fr", "x", "translated"],
    ]
    path = tmp_path / "returned.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    report = ws.import_translations([path])
    assert {(u.segment_id, u.state) for u in report.applied} == {(title, "translated"), (summary2, "translated"),
                                                                 (seg(ws, "processing_time"), "draft")}
    assert ws.cell(summary2, "fr").text == "Cinq ans au plus."
    assert ws.cell(seg(ws, "processing_time"), "fr").origin == "import:csv"  # a machine draft gives way
    assert [(u.segment_id, u.studio_text) for u in report.conflicts] == [(summary, "Texte d'une personne.")]
    reasons = sorted(u.reason for u in report.skipped)
    assert len(reasons) == 4
    assert any("source language" in r for r in reasons) and any("portal's languages" in r for r in reasons)
    assert any("given again in" in r for r in reasons) and any("not a Studio segment id" in r for r in reasons)
