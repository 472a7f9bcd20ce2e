"""Importing documents: what lands in the workspace, and bad input that leaves it exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.content.importers import ImportOptions
from studio.errors import StudioError
from studio.jobs import run_job
from tests.helpers import guide, office, snapshot, write_json


def import_paths(ws, *paths, **options):
    return run_job(ws.import_files(list(paths), ImportOptions(**options)))


def test_a_guide_with_its_office_is_segmented_and_its_translation_aligned(workspace, tmp_path):
    doc = guide()
    doc["translations"] = {"en": {"state": "approved", "origin": "human", "states": {"steps": "draft"},
                                  "fields": {"title": "Work permit for foreigners",
                                             "steps": [{"title": "Apply online",
                                                        "body": "<p>The employer logs in to the <a href=\"https://fw.example.gov.cn\">service system</a> to submit the documents. The review is done online.</p>"}]}}}
    changes = import_paths(workspace, write_json(tmp_path / "a.json", [office(), doc]),
                           type=None)
    assert len(changes.documents) == 2
    view = workspace.document("work-permit")
    assert view.row.title == "外国人来华工作许可"
    paths = [(s.field_path, s.text) for s in view.segments]
    assert ("summary", "在本市工作的外国人须办理工作许可。") in paths
    assert ("summary", "许可证件有效期最长五年。") in paths
    assert ("steps[0].body", "用人单位登录{1}服务系统{/1}提交材料。") in paths
    title = next(s for s in view.segments if s.field_path == "title")
    assert title.cells["en"].text == "Work permit for foreigners"
    assert title.cells["en"].state == "approved"
    step = [s for s in view.segments if s.field_path == "steps[0].body"]
    assert [s.cells["en"].text for s in step] == [
        "The employer logs in to the {1}service system{/1} to submit the documents.",
        "The review is done online."]
    assert {s.cells["en"].state for s in step} == {"draft"}
    assert "fr" not in title.cells  # missing


def test_status_counts_cells_per_section_locale_and_state(workspace, tmp_path):
    doc = guide()
    doc["translations"] = {"fr": {"state": "translated", "fields": {"title": "Permis de travail"}}}
    import_paths(workspace, write_json(tmp_path / "a.json", [office(), doc]))
    report = workspace.status().to_json()
    work = next(s for s in report["sections"] if s["key"] == "work")
    segments = len(workspace.document("work-permit").segments)
    assert work["documents"] == 1 and work["segments"] == segments
    assert work["cells"]["fr"] == {"missing": segments - 1, "draft": 0, "translated": 1, "approved": 0,
                                   "outdated": 0}
    assert work["cells"]["zh-Hans"]["missing"] == 0  # the source locale has nothing to translate
    assert report["documents"] == {"office": 1, "procedure_guide": 1}


def test_markdown_becomes_an_article(workspace, tmp_path):
    md = tmp_path / "metro-hours.md"
    md.write_text("# 地铁延长运营时间\n\n节假日期间，地铁**延长**运营。详情见[官网](https://www.example.gov.cn/metro)。\n\n"
                  "- 一号线延长至次日一时。\n- 二号线延长至零时三十分。\n", encoding="utf-8")
    import_paths(workspace, md, type="article", section="live")
    view = workspace.document("metro-hours")
    assert view.row.title == "地铁延长运营时间"
    assert [s.text for s in view.segments if s.field_path == "body"] == [
        "节假日期间，地铁{1}延长{/1}运营。", "详情见{2}官网{/2}。", "一号线延长至次日一时。", "二号线延长至零时三十分。"]


def test_html_takes_its_title_and_language_from_the_page(workspace, tmp_path):
    page = tmp_path / "visa-free.html"
    page.write_text('<!DOCTYPE html>\n<html lang="en"><head><title>x</title><meta charset="utf-8"></head>\n'
                    "<body><h1>240-hour visa-free transit</h1>\n<p>Travellers from 55 countries may stay 240 hours."
                    "</p><script>alert(1)</script></body></html>", encoding="utf-8")
    import_paths(workspace, page, type="article", section="visit")
    view = workspace.document("visa-free")
    assert view.row.source_locale == "en"
    assert view.row.title == "240-hour visa-free transit"
    assert [s.text for s in view.segments if s.field_path == "body"] == [
        "Travellers from 55 countries may stay 240 hours."]


def test_a_folder_is_imported_whole(workspace, tmp_path):
    (tmp_path / "docs").mkdir()
    for i in range(3):
        (tmp_path / "docs" / f"faq-{i}.md").write_text(f"# 问题{i}？\n\n回答{i}。\n", encoding="utf-8")
    changes = import_paths(workspace, tmp_path / "docs", type="faq", section="live")
    assert len(changes.documents) == 3


BAD_INPUTS = {
    "malformed JSON": ("bad.json", '{\n  "type": "faq",\n  "fields": {"question": "x"\n}', {"type": "faq"},
                       r"bad.json:4: malformed JSON"),
    "malformed Markdown": ("bad.md", "# 标题\n\n正文**加粗。\n", {"type": "article", "section": "live"},
                           r"bad.md:3: unclosed bold"),
    "Markdown without a title": ("notitle.md", "\n\njust text\n", {"type": "article", "section": "live"},
                                 r"notitle.md:3: a Markdown document starts with '# title'"),
    "malformed HTML": ("bad.html", "<html><body>\n<h1>T</h1>\n<p>one\n<p>two</em></p></body></html>",
                       {"type": "article", "section": "live"}, r"bad.html:4: malformed HTML"),
    "unknown type": ("x.md", "# t\n\nb\n", {"type": "brochure", "section": "live"}, r"unknown document type 'brochure'"),
    "unknown section": ("x.md", "# t\n\nb\n", {"type": "article", "section": "sport"}, r"unknown section 'sport'"),
    "structured type from Markdown": ("x.md", "# t\n\nb\n", {"type": "procedure_guide", "section": "work"},
                                      r"has structured fields and no body; import it as JSON"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_files_are_refused_with_file_and_line_and_change_nothing(workspace, tmp_path, case):
    name, content, options, message = BAD_INPUTS[case]
    good = tmp_path / "good.md"
    good.write_text("# 好\n\n好的。\n", encoding="utf-8")
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    before = snapshot(workspace)
    with pytest.raises(StudioError, match=message):
        import_paths(workspace, good, bad, **options)
    assert snapshot(workspace) == before


def _refused(ws, tmp_path: Path, docs, message: str) -> None:
    before = snapshot(ws)
    with pytest.raises(StudioError, match=message):
        import_paths(ws, write_json(tmp_path / "docs.json", docs))
    assert snapshot(ws) == before


def test_a_duplicate_slug_is_refused(workspace, tmp_path):
    import_paths(workspace, write_json(tmp_path / "first.json", office()))
    _refused(workspace, tmp_path, [office("another"), office()], "slug 'pudong-hall' is taken")
    _refused(workspace, tmp_path, [office("twice"), office("twice")], "slug 'twice' is used twice")


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["fields"].pop("title"), "required field 'title' is missing"),
    (lambda d: d["fields"].update(colour="red"), "unknown field 'colour'"),
    (lambda d: d["fields"].update(title="长" * 121), "field 'title': is 121 characters long, over its maximum of 120"),
    (lambda d: d["fields"].update(online_service_url="www.example.gov.cn"), "field 'online_service_url': .* not an absolute"),
    (lambda d: d["fields"].update(contact_phone="call us"), "field 'contact_phone': 'call us' is not a phone number"),
    (lambda d: d["fields"]["steps"][1].pop("title"), r"field 'steps\[1\].title': is required"),
    (lambda d: d["fields"].update(offices=["nowhere"]), r"field 'offices\[0\]': no office document with slug 'nowhere'"),
    (lambda d: d.update(translations={"en": {"fields": {"summary": "Only one sentence."}}}),
     "translation en: field 'summary' has 1 sentence.*the source has 2"),
    (lambda d: d.update(translations={"en": {"fields": {"contact_phone": "1"}}}),
     "field 'contact_phone' is language-neutral"),
])
def test_a_document_breaking_its_type_is_refused_naming_the_field(workspace, tmp_path, mutate, message):
    doc = guide()
    mutate(doc)
    _refused(workspace, tmp_path, [office(), doc], message)


def test_importing_needs_the_editor_role(workspace, tmp_path):
    workspace.add_user("rev", ["reviewer"], "reviewer-pass", ["fr"])
    workspace.sign_in("rev", "reviewer-pass")
    _refused(workspace, tmp_path, [office()], "rev may not import documents: that needs the editor role")
