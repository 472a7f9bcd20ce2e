"""Importing documents: what lands in the workspace, and bad input that leaves it exactly as it was."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from studio.content.importers import ImportOptions
from studio.errors import ConflictError, StudioError
from studio.jobs import run_job
from studio.workspace import Workspace
from tests.helpers import engine, guide, office, snapshot, write_json


def import_paths(ws, *paths, **options):
    return run_job(ws.import_files(list(paths), ImportOptions(**options)))


def test_a_guide_with_its_office_is_segmented_and_its_translation_aligned(workspace, tmp_path):
    # The signed-in user reviews French, so French cells may be imported approved.
    doc = guide()
    doc["translations"] = {"fr": {"state": "approved", "origin": "human", "states": {"steps": "draft"},
                                  "fields": {"title": "Permis de travail pour les étrangers",
                                             "steps": [{"title": "Demande en ligne",
                                                        "body": "<p>L'employeur se connecte au <a href=\"https://fw.example.gov.cn\">système de service</a> pour soumettre les documents. L'examen se fait en ligne.</p>"}]}}}
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
    assert title.cells["fr"].text == "Permis de travail pour les étrangers"
    assert title.cells["fr"].state == "approved"
    step = [s for s in view.segments if s.field_path == "steps[0].body"]
    assert [s.cells["fr"].text for s in step] == [
        "L'employeur se connecte au {1}système de service{/1} pour soumettre les documents.",
        "L'examen se fait en ligne."]
    assert {s.cells["fr"].state for s in step} == {"draft"}
    assert "en" not in title.cells  # missing


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
    _refused(workspace, tmp_path, [office("another"), office()], "slug 'dongcheng-hall' is taken")
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


# --- hostile and odd files (issue 7) -------------------------------------------------------------------------

def _refused_file(ws, path: Path, message: str, **options) -> None:
    before = snapshot(ws)
    with pytest.raises(StudioError, match=message):
        import_paths(ws, path, **options)
    assert snapshot(ws) == before


def _json_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "docs.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(section=["work"]), r"docs.json: 'section' must be a string, not an array"),
    (lambda d: d.update(source_locale=["en"]), r"docs.json: 'source_locale' must be a string, not an array"),
    (lambda d: d.update(type={"a": 1}), r"'type' must be a string, not an object"),
    (lambda d: d.update(translations={"fr": {"origin": 5, "fields": {}}}),
     r"translation fr: 'origin' must be a string, not a number"),
    (lambda d: d.update(translations={"fr": {"states": [1], "fields": {}}}),
     r"translation fr: 'states' must map a field path to a state"),
    (lambda d: d.update(translations={"fr": {"states": {"title": 1}, "fields": {}}}),
     r"translation fr: 'states' must map a field path to a state"),
    (lambda d: d.update(slug="trailing-nl\n"), r"slug 'trailing-nl\\n' must be lower-case"),
])
def test_a_value_of_the_wrong_json_kind_is_one_clear_line(workspace, tmp_path, mutate, message):
    doc = office()
    mutate(doc)
    _refused_file(workspace, write_json(tmp_path / "docs.json", doc), message)


@pytest.mark.parametrize("title, message", [
    ("\ud800", r"field 'name': contains U\+D800, a lone surrogate"),
    ("东城\u0000大厅", r"field 'name': contains U\+0000, a control character"),
    ("\u001b[31m红色", r"field 'name': contains U\+001B, a control character"),
    ("叮\u0007", r"field 'name': contains U\+0007"),
    ("evil\u202egnp.exe", r"field 'name': contains U\+202E, a bidirectional override"),
    ("embedding\u202bx\u202c", r"field 'name': contains U\+202B, a bidirectional override"),
    ("two\nlines", r"field 'name': contains U\+000A, a line break or tab in a one-line field"),
])
def test_characters_that_are_never_text_are_refused_naming_the_field(workspace, tmp_path, title, message):
    doc = office()
    doc["fields"]["name"] = title
    path = _json_file(tmp_path, json.dumps(doc))  # \u escapes, as a hostile file would have them
    _refused_file(workspace, path, r"docs.json: " + message)


def test_isolates_stay_allowed_they_are_how_a_latin_name_sits_in_arabic(workspace, tmp_path):
    """Unlike overrides, an isolate ends with its paragraph: translators use FSI/PDI around Latin names."""
    doc = office()
    doc["translations"] = {"ar": {"state": "draft", "fields": {"name": "قاعة \u2068Andingmen\u2069 للدخول والخروج"}}}
    import_paths(workspace, write_json(tmp_path / "o.json", doc))
    name = next(s for s in workspace.document("dongcheng-hall").segments if s.field_path == "name")
    assert name.cells["ar"].text == "قاعة \u2068Andingmen\u2069 للدخول والخروج"


def test_line_breaks_and_tabs_stay_allowed_in_multi_line_fields(workspace, tmp_path):
    doc = office()
    doc["fields"]["opening_hours"] = "周一至周五\t9:00-17:00。\n周六 9:00-12:00。"
    import_paths(workspace, write_json(tmp_path / "o.json", doc))
    assert workspace.document("dongcheng-hall").row.title == "东城出入境办证大厅"


@pytest.mark.parametrize("text, message", [
    ('{"type": "office", "slug": "a", "slug": "b", "fields": {}}', r"docs.json:1: key 'slug' appears twice"),
    ('{\n  "type": "office",\n  "fields": {\n    "name": "a",\n    "name": "b"\n  }\n}',
     r"docs.json:3: key 'name' appears twice"),
    ('{"type": "office", "fields": {"phone": ' + "9" * 5000 + "}}", r"docs.json:1: a number of 5000 digits"),
    ("[" * 1000 + "]" * 1000, r"docs.json: JSON nested more than 32 levels deep"),
    ("[" * 100_000 + "]" * 100_000, r"docs.json: JSON nested more than 32 levels deep"),
    ('{"type": "office", "fields": ' + '{"a": ' * 40 + "1" + "}" * 41, r"JSON nested more than 32 levels"),
])
def test_json_that_python_would_take_loosely_is_refused_with_its_line(workspace, tmp_path, text, message):
    _refused_file(workspace, _json_file(tmp_path, text), message, type="office", section="live")


def test_a_byte_order_mark_is_accepted_in_json_and_markdown(workspace, tmp_path):
    json_path = tmp_path / "hall.json"
    json_path.write_bytes(b"\xef\xbb\xbf" + json.dumps(office(), ensure_ascii=False).encode("utf-8"))
    md = tmp_path / "bom-news.md"
    md.write_bytes(b"\xef\xbb\xbf" + "# 标题\n\n正文。\n".encode())
    import_paths(workspace, json_path)
    import_paths(workspace, md, section="live", type="article")
    assert workspace.document("dongcheng-hall").row.title == "东城出入境办证大厅"
    assert workspace.document("bom-news").row.title == "标题"


@pytest.mark.parametrize("name", ["测试.md", "---.html", "Тест.md"])
def test_a_file_name_without_latin_letters_asks_for_one(workspace, tmp_path, name):
    path = tmp_path / name
    path.write_text("<html><body><h1>标题</h1><p>正文。</p></body></html>" if name.endswith(".html")
                    else "# 标题\n\n正文。\n", encoding="utf-8")
    _refused_file(workspace, path, rf"cannot make a slug from the file name '{name}': name the file in Latin "
                                   "letters and digits", type="article", section="live")


def test_a_json_file_without_latin_letters_asks_for_a_slug_key(workspace, tmp_path):
    doc = office()
    del doc["slug"]
    _refused_file(workspace, write_json(tmp_path / "办证大厅.json", doc), r"or give a \"slug\" key")


def test_accents_are_folded_into_the_slug(workspace, tmp_path):
    path = tmp_path / "Crème Brûlée Straße.md"
    path.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    import_paths(workspace, path, type="article", section="live")
    assert workspace.document("creme-brulee-strae").row.title == "标题"


@pytest.mark.parametrize("body", ["<script>alert(1)</script>", "<p> <br> </p>", "<img src='x.png'>",
                                  "<style>p {}</style><!-- nothing -->"])
def test_a_required_body_with_no_text_once_cleaned_is_refused(workspace, tmp_path, body):
    doc = {"type": "article", "section": "live", "slug": "empty-news", "fields": {"title": "空", "body": body}}
    _refused_file(workspace, write_json(tmp_path / "n.json", doc),
                  r"field 'body': is required and has no text once cleaned")


def test_an_optional_rich_text_with_no_text_once_cleaned_is_left_out(workspace, tmp_path):
    doc = guide()
    doc["fields"]["notes"] = "<script>alert(1)</script>"
    import_paths(workspace, write_json(tmp_path / "g.json", [office(), doc]))
    assert "notes" not in workspace.document("work-permit").fields


def test_a_states_entry_for_a_path_the_translation_does_not_give_is_refused(workspace, tmp_path):
    doc = guide()
    doc["translations"] = {"fr": {"states": {"stpes": "draft"}, "fields": {"title": "Permis de travail"}}}
    _refused(workspace, tmp_path, [office(), doc],
             r"translation fr: 'states' names 'stpes', a field path this translation does not give")


def test_an_editor_imports_approved_translations_as_translated_with_a_warning(workspace, tmp_path):
    workspace.add_user("mei", ["editor"], "editor-pass")
    workspace.add_user("claire", ["editor", "reviewer"], "reviewer-pass", ["fr"])
    doc = guide()
    doc["translations"] = {
        "fr": {"state": "approved", "fields": {"title": "Permis de travail"}},
        "en": {"state": "draft", "states": {"title": "approved"}, "fields": {"title": "Work permit"}}}
    path = write_json(tmp_path / "g.json", [office(), doc])
    workspace.sign_in("mei", "editor-pass")
    changes = import_paths(workspace, path)
    title = next(s for s in workspace.document("work-permit").segments if s.field_path == "title")
    assert (title.cells["fr"].state, title.cells["en"].state) == ("translated", "translated")
    assert "approved translations in en, fr were imported as translated" in changes.summary

    workspace.sign_in("boss", "boss-password")
    workspace.delete_document("work-permit")
    workspace.sign_in("claire", "reviewer-pass")  # reviews French only
    doc["slug"] = "work-permit-2"
    changes = import_paths(workspace, write_json(tmp_path / "g2.json", doc))
    title = next(s for s in workspace.document("work-permit-2").segments if s.field_path == "title")
    assert (title.cells["fr"].state, title.cells["en"].state) == ("approved", "translated")
    assert "approved translations in en were imported" in changes.summary


@pytest.mark.slow
def test_two_imports_of_one_slug_racing_end_with_slug_is_taken(database, tmp_path):
    """Two workspaces on one database import the same slug at once. The first is held just before it writes
    its document until the second has finished or is seen waiting; whichever loses hears "slug ... is taken"."""
    folder, url = database
    first = Workspace.create(folder, url)
    first.add_user("boss", ["supervisor", "editor"], "boss-password")
    first.sign_in("boss", "boss-password")
    second = Workspace.open(folder, url)
    second.sign_in("boss", "boss-password")
    paths = [write_json(tmp_path / f"{n}.json", office("same-hall")) for n in ("one", "two")]
    second_done = threading.Event()
    held = threading.Event()

    def hold_first(conn, cursor, statement, *_args):
        if statement.lstrip().upper().startswith("INSERT INTO DOCUMENTS") and not held.is_set():
            held.set()
            second_done.wait(timeout=3)  # the second cannot finish while the first holds the writers' lock

    event.listen(engine(first), "before_cursor_execute", hold_first)
    outcomes: dict[str, BaseException | None] = {}

    def run(name, ws, path):
        try:
            import_paths(ws, path)
            outcomes[name] = None
        except BaseException as exc:  # the outcome is what the test checks
            outcomes[name] = exc
        finally:
            if name == "second":
                second_done.set()

    one = threading.Thread(target=run, args=("first", first, paths[0]))
    one.start()
    assert held.wait(timeout=30)
    two = threading.Thread(target=run, args=("second", second, paths[1]))
    two.start()
    one.join(timeout=60)
    two.join(timeout=60)
    try:
        errors = [exc for exc in outcomes.values() if exc is not None]
        assert len(outcomes) == 2 and len(errors) == 1, outcomes
        assert isinstance(errors[0], ConflictError), repr(errors[0])
        assert "slug 'same-hall' is taken" in str(errors[0])
        assert [d.slug for d in first.documents()] == ["same-hall"]
    finally:
        first.close()
        second.close()
