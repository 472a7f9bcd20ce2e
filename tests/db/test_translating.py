"""Translating a document: drafts, confirmations, reviews, undo, conflicts, and documents that come and go."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from studio.content.importers import ImportOptions
from studio.errors import NotFound, PermissionDenied, ValidationError
from studio.jobs import run_job
from studio.workflow.cells import CellConflict, CellSnapshot
from studio.workflow.replace import ReplaceRun
from studio.workspace import Workspace
from tests.helpers import engine, guide, office, segment_id, snapshot, write_json

STEP_BODY = "用人单位登录{1}服务系统{/1}提交材料。"


@pytest.fixture
def ws(workspace, tmp_path):
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return workspace



def doc_id(ws, slug="work-permit"):
    return ws.document(slug).row.id


def second_window(database, name="boss", password="boss-password"):
    """Another Workspace on the same database, as another window or process would open it."""
    other = Workspace.open(*database)
    other.sign_in(name, password)
    return other


def test_a_draft_then_a_confirmation_leave_two_revisions_and_move_the_progress(ws):
    ws.add_user("marie", ["editor"], "marie-password", display_name="Marie Dupont")
    ws.sign_in("marie", "marie-password")
    title = segment_id(ws, "title")

    draft = ws.save_cell(title, "fr", "Permis de travail", None)
    cell = ws.cell(title, "fr")
    assert (cell.text, cell.state, cell.origin, cell.version) == ("Permis de travail", "draft", "human", 1)
    assert draft.before.text is None and draft.version == 1
    assert ws.document_progress()[doc_id(ws)]["fr"]["draft"] == 1
    assert ws.document_progress()[doc_id(ws)]["fr"]["missing"] == 13

    ws.save_cell(title, "fr", "Permis de travail des étrangers", draft.version, confirm=True)
    assert ws.cell(title, "fr").state == "translated"
    progress = ws.document_progress()[doc_id(ws)]["fr"]
    assert (progress["draft"], progress["translated"], progress["missing"]) == (0, 1, 13)
    assert [(r.version, r.state, r.text, r.author) for r in ws.history(title, "fr")] == [
        (2, "translated", "Permis de travail des étrangers", "Marie Dupont"),
        (1, "draft", "Permis de travail", "Marie Dupont")]


def test_a_stale_save_is_refused_with_both_texts_and_keeping_mine_succeeds(ws, database):
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", None)
    ws.add_user("marie", ["editor"], "marie-password", display_name="Marie Dupont")
    other = second_window(database, "marie", "marie-password")
    with other:
        other.save_cell(title, "fr", "Autorisation de travail", 1)

        with pytest.raises(CellConflict) as conflict:
            ws.save_cell(title, "fr", "Permis de travail des étrangers", 1)
    err = conflict.value
    assert (err.mine, err.theirs.text, err.theirs_version, err.theirs_author) == (
        "Permis de travail des étrangers", "Autorisation de travail", 2, "Marie Dupont")
    assert ws.cell(title, "fr").text == "Autorisation de travail"

    kept = ws.save_cell(title, "fr", err.mine, err.theirs_version)
    assert kept.version == 3
    assert ws.cell(title, "fr").text == "Permis de travail des étrangers"


def test_two_first_drafts_of_the_same_cell_conflict(ws, database):
    title = segment_id(ws, "title")
    with second_window(database) as other:
        other.save_cell(title, "de", "Arbeitserlaubnis", None)
    with pytest.raises(CellConflict) as conflict:
        ws.save_cell(title, "de", "Arbeitsgenehmigung", None)
    assert (conflict.value.theirs.text, conflict.value.theirs_version) == ("Arbeitserlaubnis", 1)


def _other_writes_first(ws, database, text, version):
    """While `ws` is between reading a cell and writing it, another window stores `text` over `version` and
    commits: the race the optimistic lock is for. Only a server database lets both in at once."""
    title = segment_id(ws, "title")
    fired = []

    def before_cursor_execute(_conn, _cursor, statement, *_args):
        if not fired and statement.lstrip().upper().startswith(("UPDATE CELLS", "INSERT INTO CELLS")):
            fired.append(statement)
            with second_window(database) as other:
                other.save_cell(title, "fr", text, version)

    event.listen(engine(ws), "before_cursor_execute", before_cursor_execute)
    try:
        with pytest.raises(CellConflict) as conflict:
            ws.save_cell(title, "fr", "Permis de travail des étrangers", version)
    finally:
        event.remove(engine(ws), "before_cursor_execute", before_cursor_execute)
    assert fired
    return conflict.value


@pytest.mark.postgres
def test_a_write_that_loses_a_race_after_its_check_is_a_conflict_with_the_winners_text(ws, database):
    if engine(ws).dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: there is no race between the check and the write")
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis", None)
    err = _other_writes_first(ws, database, "Autorisation de travail", 1)
    assert (err.mine, err.theirs.text, err.theirs_version) == (
        "Permis de travail des étrangers", "Autorisation de travail", 2)
    assert ws.cell(title, "fr").text == "Autorisation de travail"
    assert ws.save_cell(title, "fr", err.mine, err.theirs_version).version == 3  # keeping mine goes on


@pytest.mark.postgres
def test_a_first_draft_that_loses_a_race_is_a_conflict_with_the_winners_text(ws, database):
    if engine(ws).dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: there is no race between the check and the write")
    err = _other_writes_first(ws, database, "Autorisation de travail", None)
    assert (err.theirs.text, err.theirs_version) == ("Autorisation de travail", 1)
    assert ws.cell(segment_id(ws, "title"), "fr").text == "Autorisation de travail"


BAD_CONFIRMATIONS = [
    ("steps[0].body", "L'employeur soumet les documents dans le système.", "placeholders"),
    ("steps[0].body", "L'employeur se connecte au {/1}système{1} et soumet les documents.", "closing placeholder"),
    ("title", "<b>Permis</b> de travail", "raw markup '<b>'"),
    ("title", "x" * 121, "at most 120 characters"),
]


@pytest.mark.parametrize(("path", "text", "reason"), BAD_CONFIRMATIONS)
def test_a_text_that_cannot_be_confirmed_is_refused_but_kept_as_a_draft(ws, path, text, reason):
    seg = segment_id(ws, path)
    before = snapshot(ws)
    with pytest.raises(ValidationError, match=reason):
        ws.save_cell(seg, "fr", text, None, confirm=True)
    assert snapshot(ws) == before

    ws.save_cell(seg, "fr", text, None)
    assert (ws.cell(seg, "fr").text, ws.cell(seg, "fr").state) == (text, "draft")


def test_a_blank_text_is_neither_a_translation_nor_a_draft(ws):
    # Until issue 7 a blank draft was stored and counted as progress: nothing is stored now.
    title = segment_id(ws, "title")
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="empty"):
        ws.save_cell(title, "fr", "  ", None, confirm=True)
    written = ws.save_cell(title, "fr", "  ", None)
    assert (written.version, written.row, ws.cell(title, "fr")) == (None, None, None)
    assert snapshot(ws) == before


def test_an_emptied_cell_is_missing_again_and_keeps_its_history(ws):
    title = segment_id(ws, "title")
    first = ws.save_cell(title, "fr", "Permis de travail", None)
    ws.add_comment(doc_id(ws), "« Permis » suffit ?", title, "fr")
    cleared = ws.save_cell(title, "fr", "", first.version)

    cell = ws.cell(title, "fr")
    assert (cell.text, cell.state, cell.version) == ("", "missing", cleared.version)
    assert (cleared.row.state, cleared.before.text) == ("missing", "Permis de travail")
    progress = ws.document_progress()[doc_id(ws)]["fr"]
    assert (progress["draft"], progress["missing"]) == (0, 14)
    assert [(r.event, r.state, r.text) for r in ws.history(title, "fr")] == [
        ("cleared", "missing", ""), ("typed", "draft", "Permis de travail")]
    assert [c.body for c in ws.comments(doc_id(ws), title, "fr")] == ["« Permis » suffit ?"]

    ws.restore_cell(cleared.before, cleared.version)  # undo brings the draft back
    assert (ws.cell(title, "fr").text, ws.cell(title, "fr").state) == ("Permis de travail", "draft")


def test_emptying_a_rejected_or_outdated_cell_makes_it_missing(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    rejected = ws.review_cell(title, "fr", 1, approve=False, comment="Trop court.")
    ws.sign_in("boss", "boss-password")
    ws.save_cell(title, "fr", " ", rejected.version)
    cell = ws.cell(title, "fr")
    assert (cell.state, cell.flagged) == ("missing", False)


def test_a_step_body_with_its_placeholders_can_be_confirmed(ws):
    seg = segment_id(ws, "steps[0].body")
    ws.save_cell(seg, "fr", "L'employeur se connecte au {1}système{/1} et soumet les documents.", None,
                 confirm=True)
    assert ws.cell(seg, "fr").state == "translated"


def test_a_user_without_the_editor_role_cannot_save(ws):
    ws.add_user("rita", ["reviewer"], "rita-password", ["fr"])
    ws.sign_in("rita", "rita-password")
    before = snapshot(ws)
    with pytest.raises(PermissionDenied, match="editor"):
        ws.save_cell(segment_id(ws, "title"), "fr", "Permis de travail", None)
    assert snapshot(ws) == before


@pytest.fixture
def reviewer(ws):
    """rita reviews French only; boss has confirmed the French and German titles."""
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", None, confirm=True)
    ws.save_cell(title, "de", "Arbeitserlaubnis", None, confirm=True)
    ws.add_user("rita", ["reviewer"], "rita-password", ["fr"], display_name="Rita Levi")
    ws.sign_in("rita", "rita-password")
    return ws


def test_a_reviewer_approves_only_the_locales_they_review(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    with pytest.raises(PermissionDenied, match="does not review de"):
        ws.review_cell(title, "de", 1, approve=True)
    assert ws.cell(title, "de").state == "translated"

    ws.review_cell(title, "fr", 1, approve=True)
    assert ws.cell(title, "fr").state == "approved"


def test_only_a_confirmed_translation_can_be_approved(reviewer):
    ws, summary = reviewer, segment_id(reviewer, "summary")
    ws.sign_in("boss", "boss-password")
    ws.save_cell(summary, "fr", "Les étrangers ont besoin d'un permis.", None)
    ws.sign_in("rita", "rita-password")
    with pytest.raises(ValidationError, match="only a confirmed translation"):
        ws.review_cell(summary, "fr", 1, approve=True)
    assert ws.cell(summary, "fr").state == "draft"


def test_a_rejection_needs_a_reason_and_sends_the_cell_back_flagged(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="say why"):
        ws.review_cell(title, "fr", 1, approve=False, comment=" ")
    assert snapshot(ws) == before

    ws.review_cell(title, "fr", 1, approve=False, comment="« Autorisation » est le terme officiel.")
    cell = ws.cell(title, "fr")
    assert (cell.state, cell.flagged, cell.text) == ("draft", True, "Permis de travail")
    assert [(c.author, c.body, c.locale) for c in ws.comments(doc_id(ws), title, "fr")] == [
        ("Rita Levi", "« Autorisation » est le terme officiel.", "fr")]


def test_the_rejection_flag_stays_on_drafts_until_the_text_is_confirmed_again(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    ws.review_cell(title, "fr", 1, approve=False, comment="« Autorisation » est le terme officiel.")
    ws.sign_in("boss", "boss-password")
    draft = ws.save_cell(title, "fr", "Autorisation", ws.cell(title, "fr").version)
    assert ws.cell(title, "fr").flagged  # an autosave while fixing it does not hide the reviewer's verdict
    ws.save_cell(title, "fr", "Autorisation de travail", draft.version, confirm=True)
    assert not ws.cell(title, "fr").flagged


def test_a_fields_maximum_length_counts_all_its_sentences(ws):
    # The summary (600 characters at most) has two sentences: each may be short enough while both are not.
    first, second = segment_id(ws, "summary", 0), segment_id(ws, "summary", 1)
    ws.save_cell(first, "de", "A" * 400, None, confirm=True)
    with pytest.raises(ValidationError, match="allows at most 600 characters; its translation would have 651"):
        ws.save_cell(second, "de", "B" * 250, None, confirm=True)
    ws.save_cell(second, "de", "B" * 199, None, confirm=True)


def test_a_comment_on_a_cell_and_one_on_the_document(ws):
    title = segment_id(ws, "title")
    ws.save_cell(title, "fr", "Permis de travail", None)
    ws.add_comment(doc_id(ws), "Vérifier le terme.", title, "fr")
    ws.add_comment(doc_id(ws), "Relire tout le guide.")
    assert [c.body for c in ws.comments(doc_id(ws), title, "fr")] == ["Vérifier le terme."]
    assert [(c.body, c.locale) for c in ws.comments(doc_id(ws))] == [
        ("Vérifier le terme.", "fr"), ("Relire tout le guide.", None)]


def test_undo_puts_back_the_previous_text_and_state(ws):
    title = segment_id(ws, "title")
    first = ws.save_cell(title, "fr", "Permis", None)
    second = ws.save_cell(title, "fr", "Permis de travail", first.version, confirm=True)

    undone = ws.restore_cell(second.before, second.version)
    cell = ws.cell(title, "fr")
    assert (cell.text, cell.state, cell.version) == ("Permis", "draft", undone.version)

    ws.restore_cell(undone.before, undone.version)  # redo
    assert (ws.cell(title, "fr").text, ws.cell(title, "fr").state) == ("Permis de travail", "translated")


def test_undoing_the_first_draft_makes_the_cell_missing_and_redo_brings_it_back(ws):
    title = segment_id(ws, "title")
    first = ws.save_cell(title, "fr", "Permis de travail", None)
    ws.add_comment(doc_id(ws), "« Permis » suffit ?", title, "fr")

    undone = ws.restore_cell(first.before, first.version)
    withdrawn = ws.cell(title, "fr")
    assert (withdrawn.text, withdrawn.state, withdrawn.version) == ("", "missing", undone.version)
    assert ws.document_progress()[doc_id(ws)]["fr"]["missing"] == 14
    # The cell keeps its history and comments, and its version goes on counting.
    assert [r.state for r in ws.history(title, "fr")] == ["missing", "draft"]
    assert [c.body for c in ws.comments(doc_id(ws), title, "fr")] == ["« Permis » suffit ?"]
    with pytest.raises(CellConflict):  # a window still holding the first version is refused
        ws.save_cell(title, "fr", "Autorisation de travail", first.version)

    redone = ws.restore_cell(undone.before, undone.version)
    cell = ws.cell(title, "fr")
    assert (cell.text, cell.state, cell.version) == ("Permis de travail", "draft", redone.version)


def test_an_undo_over_a_newer_change_is_a_conflict(ws):
    title = segment_id(ws, "title")
    first = ws.save_cell(title, "fr", "Permis", None)
    ws.save_cell(title, "fr", "Permis de travail", first.version)
    before = snapshot(ws)
    with pytest.raises(CellConflict):
        ws.restore_cell(first.before, first.version)
    assert snapshot(ws) == before


def test_a_rewritten_source_outdates_the_cell_until_the_translation_is_confirmed_again(ws):
    permit = segment_id(ws, "summary", 1)
    ws.save_cell(permit, "fr", "Le permis dure au plus cinq ans.", None, confirm=True)
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    with pytest.raises(NotFound, match="no longer exists"):  # a rewritten sentence is a new segment
        ws.save_cell(permit, "fr", "Le permis dure au plus trois ans.", 1)
    permit = segment_id(ws, "summary", 1)
    cell = ws.cell(permit, "fr")
    assert (cell.text, cell.state, cell.outdated_source) == (
        "Le permis dure au plus cinq ans.", "outdated", "许可证件有效期最长五年。")

    draft = ws.save_cell(permit, "fr", "Le permis dure au plus trois ans.", cell.version)
    cell = ws.cell(permit, "fr")
    assert (cell.state, cell.outdated_source) == ("draft", "许可证件有效期最长五年。")

    ws.save_cell(permit, "fr", "Le permis dure au plus trois ans.", draft.version, confirm=True)
    cell = ws.cell(permit, "fr")
    assert (cell.state, cell.outdated_source) == ("translated", None)


def test_a_reviewer_may_undo_their_verdict_but_not_write_a_text(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    approved = ws.review_cell(title, "fr", 1, approve=True)
    undone = ws.restore_cell(approved.before, approved.version)
    assert ws.cell(title, "fr").state == "translated"

    rewritten = CellSnapshot(title, "fr", "Autorisation de travail", "translated")
    with pytest.raises(PermissionDenied, match="editor"):
        ws.restore_cell(rewritten, undone.version)
    assert ws.cell(title, "fr").text == "Permis de travail"


# --- the review gate: only a reviewer of the locale makes a cell approved, undo included (issue 7, item 2) ---


@pytest.fixture
def editor(reviewer):
    """rita approved the French title; marie edits and does not review."""
    ws, title = reviewer, segment_id(reviewer, "title")
    approved = ws.review_cell(title, "fr", 1, approve=True)
    ws.sign_in("boss", "boss-password")
    ws.add_user("marie", ["editor"], "marie-password", display_name="Marie Dupont")
    ws.sign_in("marie", "marie-password")
    return ws, title, approved


def test_an_editors_restore_does_not_undo_a_rejection(editor):
    ws, title, approved = editor
    approved_snapshot = CellSnapshot(title, "fr", "Permis de travail", "approved")
    ws.sign_in("rita", "rita-password")
    rejected = ws.review_cell(title, "fr", approved.version, approve=False, comment="Trop court.")
    ws.sign_in("marie", "marie-password")

    restored = ws.restore_cell(approved_snapshot, rejected.version)
    cell = ws.cell(title, "fr")
    # The text comes back, but the rejection stands: a flagged draft the translator must answer.
    assert (cell.text, cell.state, cell.flagged) == ("Permis de travail", "draft", True)
    assert restored.version == cell.version
    ws.restore_cell(CellSnapshot(title, "fr", "Permis de travail", "translated"), cell.version)
    assert (ws.cell(title, "fr").state, ws.cell(title, "fr").flagged) == ("draft", True)


def test_an_editors_restore_does_not_approve_an_outdated_cell_against_the_new_source(editor):
    ws, title, _ = editor
    ws.sign_in("boss", "boss-password")
    ws.edit_source("work-permit", {"title": "外国人在京工作许可"})
    title = segment_id(ws, "title")
    outdated = ws.cell(title, "fr")
    assert outdated.state == "outdated"
    ws.sign_in("marie", "marie-password")

    ws.restore_cell(CellSnapshot(title, "fr", "Permis de travail", "approved"), outdated.version)
    cell = ws.cell(title, "fr")
    assert (cell.text, cell.state, cell.outdated_source) == ("Permis de travail", "outdated", "外国人来华工作许可")


def test_a_reviewer_cannot_approve_an_outdated_cell_by_a_restore(editor):
    ws, title, _ = editor
    ws.sign_in("boss", "boss-password")
    ws.edit_source("work-permit", {"title": "外国人在京工作许可"})
    title = segment_id(ws, "title")
    ws.sign_in("rita", "rita-password")
    with pytest.raises(PermissionDenied, match="editor"):
        ws.restore_cell(CellSnapshot(title, "fr", "Permis de travail", "approved"), ws.cell(title, "fr").version)
    assert ws.cell(title, "fr").state == "outdated"


def test_an_editor_puts_back_an_approval_only_while_the_reviewers_verdict_on_that_text_stands(editor):
    ws, title, approved = editor
    edited = ws.save_cell(title, "fr", "Permis de travail des étrangers", approved.version, confirm=True)
    ws.restore_cell(edited.before, edited.version)  # undo of the editor's own edit: the approval stands
    assert (ws.cell(title, "fr").text, ws.cell(title, "fr").state) == ("Permis de travail", "approved")

    # Approved, then changed and approved again: the older text comes back only as a confirmed translation.
    again = ws.save_cell(title, "fr", "Autorisation de travail", ws.cell(title, "fr").version, confirm=True)
    ws.sign_in("rita", "rita-password")
    second = ws.review_cell(title, "fr", again.version, approve=True)
    ws.sign_in("marie", "marie-password")
    ws.restore_cell(CellSnapshot(title, "fr", "Permis de travail", "approved"), second.version)
    assert (ws.cell(title, "fr").text, ws.cell(title, "fr").state) == ("Permis de travail", "translated")


def test_an_editors_restore_never_approves_a_text_no_reviewer_approved(editor):
    ws, title, approved = editor
    ws.restore_cell(CellSnapshot(title, "fr", "Autorisation de travail", "approved"), approved.version)
    assert (ws.cell(title, "fr").text, ws.cell(title, "fr").state) == ("Autorisation de travail", "translated")
    de = ws.cell(title, "de")
    ws.restore_cell(CellSnapshot(title, "de", "Arbeitserlaubnis", "approved"), de.version)
    assert ws.cell(title, "de").state == "translated"


def test_a_reviewer_takes_back_a_rejection(reviewer):
    ws, title = reviewer, segment_id(reviewer, "title")
    rejected = ws.review_cell(title, "fr", 1, approve=False, comment="Trop court.")
    ws.restore_cell(rejected.before, rejected.version)
    cell = ws.cell(title, "fr")
    assert (cell.state, cell.flagged) == ("translated", False)


# --- history: what happened in each revision, and who did it (issue 7, item 27) ---


def events(ws, seg, locale="fr"):
    return [(r.event, r.author, r.state) for r in ws.history(seg, locale)]


def test_the_history_names_each_event_and_its_author(editor):
    ws, title, approved = editor
    ws.sign_in("rita", "rita-password")
    rejected = ws.review_cell(title, "fr", approved.version, approve=False, comment="« Permis » seul est ambigu.")
    ws.sign_in("marie", "marie-password")
    typed = ws.save_cell(title, "fr", "Permis de travail des étrangers", rejected.version)
    undone = ws.restore_cell(typed.before, typed.version)
    cleared = ws.save_cell(title, "fr", "", undone.version)
    ws.save_cell(title, "fr", "Permis de travail des étrangers", cleared.version, confirm=True)
    assert events(ws, title) == [
        ("confirmed", "Marie Dupont", "translated"),
        ("cleared", "Marie Dupont", "missing"),
        ("restored", "Marie Dupont", "draft"),
        ("typed", "Marie Dupont", "draft"),
        ("rejected", "Rita Levi", "draft"),
        ("approved", "Rita Levi", "approved"),
        ("confirmed", "boss", "translated")]
    rejection = ws.history(title, "fr")[4]
    assert rejection.comment == "« Permis » seul est ambigu."
    assert [r.comment for r in ws.history(title, "fr") if r.event != "rejected"] == [None] * 6


def test_a_source_change_an_import_and_a_replace_are_named_as_such(ws, tmp_path):
    permit = segment_id(ws, "summary", 1)
    ws.save_cell(permit, "fr", "Le permis dure au plus cinq ans.", None, confirm=True)
    ws.edit_source("work-permit", {"summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长三年。"})
    permit = segment_id(ws, "summary", 1)
    assert [r.event for r in ws.history(permit, "fr")] == ["source_changed", "confirmed"]

    run_job(ws.replace_job(ReplaceRun(ws.find_replacements("cinq", "trois", ["fr"]))))
    assert ws.history(permit, "fr")[0].event == "replaced"

    translated = guide("study-permit", translations={"fr": {"fields": {"title": "Permis d'études"}}})
    run_job(ws.import_files([write_json(tmp_path / "t.json", [translated])], ImportOptions()))
    study_title = segment_id(ws, "title", slug="study-permit")
    assert [r.event for r in ws.history(study_title, "fr")] == ["imported"]
    # Typed by a person elsewhere, then imported: still an import, not a confirmation made here.
    typed = guide("typed-permit", translations={"fr": {"state": "translated", "origin": "human",
                                                       "fields": {"title": "Permis tapé"}}})
    run_job(ws.import_files([write_json(tmp_path / "h.json", [typed])], ImportOptions()))
    assert [r.event for r in ws.history(segment_id(ws, "title", slug="typed-permit"), "fr")] == ["imported"]
