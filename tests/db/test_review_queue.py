"""Reviewing across documents: each reviewer's queue of confirmed translations in their locales, deciding a
selection at once (a stale or refused cell is skipped with its reason, the others decided, each audited), and the
four-eyes rule that keeps a reviewer from approving a text they wrote, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studio.content.importers import ImportOptions
from studio.errors import PermissionDenied, ValidationError
from studio.jobs import run_job
from studio.models import AuditEvent, Cell
from tests.helpers import engine, guide, office, segment_id, snapshot, write_json

TEXTS = {
    "title": "Permis de travail pour les étrangers",
    "summary": "Les étrangers qui travaillent dans la ville ont besoin d'un permis de travail.",
    "who_may_apply": "L'employeur fait la demande pour l'étranger qu'il veut recruter.",
    "processing_time": "10 jours ouvrables.",
}


@pytest.fixture
def team(workspace, tmp_path):
    """The work-permit guide and a second guide; boss (supervisor, editor, reviewer of fr, de, ar), Marie who
    reviews French, Paul who translates and reviews French, Wang Fang who translates."""
    docs = [office(), guide(), guide("residence-permit", fields={**guide()["fields"], "title": "工作类居留许可"})]
    run_job(workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    workspace.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    workspace.add_user("paul", ["editor", "reviewer"], "paul-password", ["fr"], display_name="Paul Martin")
    workspace.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    workspace.add_user("sup", ["supervisor"], "sup-password")
    return workspace


def as_user(ws, name):
    ws.sign_in(name, f"{name.split('.')[0]}-password")
    return ws


def confirm(ws, field, locale="fr", text=None, slug="work-permit", ordinal=0):
    seg = segment_id(ws, field, ordinal, slug)
    cell = ws.cell(seg, locale)
    ws.save_cell(seg, locale, text or TEXTS.get(field, f"{field} ({locale})"), cell.version if cell else None,
                 confirm=True)
    return seg


def keys(rows):
    return [(r.segment_id, r.locale) for r in rows]


def audit_actions(ws, action):
    with engine(ws).connect() as conn:
        return conn.execute(select(AuditEvent.actor, AuditEvent.object_id, AuditEvent.after)
                            .where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def test_the_queue_holds_exactly_the_waiting_translations_of_the_reviewers_locales(team):
    as_user(team, "wang.fang")
    summary = confirm(team, "summary")
    title = confirm(team, "title")
    confirm(team, "title", "de", "Arbeitserlaubnis für Ausländer")
    confirm(team, "title", "ar", "تصريح عمل للأجانب")
    other_title = confirm(team, "title", slug="residence-permit", text="Permis de séjour pour le travail")
    # Not waiting: a draft, an approved translation, an outdated one, one of a deleted document.
    team.save_cell(segment_id(team, "who_may_apply"), "fr", TEXTS["who_may_apply"], None)
    processing = confirm(team, "processing_time")
    office_name = confirm(team, "name", slug="dongcheng-hall", text="Salle de Dongcheng")
    as_user(team, "boss")
    team.review_cell(processing, "fr", team.cell(processing, "fr").version, approve=True)
    confirm(team, "steps[1].title", text="Retrait du permis")
    team.edit_source("work-permit", {"steps": [*guide()["fields"]["steps"][:1],
                                               {"title": "领取许可证", "body": "<p>审核通过后领取工作许可证。</p>"}]})
    team.delete_document("dongcheng-hall")
    assert team.cell(segment_id(team, "steps[1].title"), "fr").state == "outdated"

    as_user(team, "marie")
    queue = team.review_queue()
    # Document order (as the tree: section, type, position, slug), then field order.
    assert keys(queue) == [(title, "fr"), (summary, "fr"), (other_title, "fr")]
    first = queue[0]
    assert (first.slug, first.field_path, first.source, first.translation) == (
        "work-permit", "title", "外国人来华工作许可", TEXTS["title"])
    assert (first.confirmed_by, first.version, first.rejected_before, first.yours) == ("王芳", 1, False, False)
    assert first.document_id == team.document("work-permit").row.id and first.source_locale == "zh-Hans"
    assert team.review_queue_count() == 3
    assert (office_name, "fr") not in keys(queue)

    as_user(team, "boss")  # reviews fr, de and ar: the locales in portal order within a sentence
    assert keys(team.review_queue()) == [(title, "de"), (title, "fr"), (title, "ar"), (summary, "fr"),
                                         (other_title, "fr")]
    assert keys(team.review_queue(["ar"])) == [(title, "ar")]
    assert keys(team.review_queue(document="residence-permit")) == [(other_title, "fr")]
    assert keys(team.review_queue(text="TRAVAILLENT")) == [(summary, "fr")]
    assert keys(team.review_queue(text="来华工作")) == [(title, "de"), (title, "fr"), (title, "ar")]
    assert [keys(team.review_queue(limit=2, offset=o)) for o in (0, 2, 4)] == [
        keys(team.review_queue())[0:2], keys(team.review_queue())[2:4], keys(team.review_queue())[4:]]

    as_user(team, "sup")  # a supervisor who reviews nothing sees nothing unless naming the locales
    assert team.review_queue() == [] and team.review_queue_count() == 0
    assert keys(team.review_queue(["fr"])) == [(title, "fr"), (summary, "fr"), (other_title, "fr")]
    team.sign_out()
    assert team.review_queue() == []


def test_a_translation_rejected_before_says_so_when_it_waits_again(team):
    as_user(team, "wang.fang")
    summary = confirm(team, "summary")
    as_user(team, "marie")
    team.review_cells([(summary, "fr", 1)], False, "« travaillent ici » suffit")
    assert team.review_queue() == []
    as_user(team, "wang.fang")
    confirm(team, "summary", text="Les étrangers qui travaillent ici ont besoin d'un permis.")
    as_user(team, "marie")
    [row] = team.review_queue()
    assert (row.key, row.rejected_before, row.version) == ((summary, "fr"), True, 3)


def test_approving_a_selection_decides_each_skips_a_stale_one_and_audits_each(team, database):
    as_user(team, "wang.fang")
    title, summary, who = (confirm(team, f) for f in ("title", "summary", "who_may_apply"))
    de_title = confirm(team, "title", "de", "Arbeitserlaubnis für Ausländer")
    as_user(team, "marie")
    read = {row.key: row for row in team.review_queue(["fr", "de"])}
    # Meanwhile Wang Fang rewrites the summary in another window: Marie's selection holds an older version.
    from studio.workspace import Workspace
    with Workspace.open(*database) as other:
        as_user(other, "wang.fang")
        confirm(other, "summary", text="Les étrangers qui travaillent ici ont besoin d'un permis de travail.")

    result = team.review_cells([(r.segment_id, r.locale, r.version) for r in read.values()], True)

    assert set(result.decided) == {(title, "fr"), (who, "fr")}
    assert result.decided[(title, "fr")] == 2 and result.approved
    skipped = {s.key: s for s in result.skipped}
    assert set(skipped) == {(summary, "fr"), (de_title, "de")}
    assert "changed meanwhile by 王芳" in skipped[(summary, "fr")].reason
    assert skipped[(summary, "fr")].where == "work-permit summary"
    assert skipped[(de_title, "de")].reason == "marie does not review de (reviews fr)"
    assert {(k, team.cell(*k).state) for k in [(title, "fr"), (who, "fr"), (summary, "fr"), (de_title, "de")]} == {
        ((title, "fr"), "approved"), ((who, "fr"), "approved"), ((summary, "fr"), "translated"),
        ((de_title, "de"), "translated")}
    assert result.changes.cells == {(title, "fr"), (who, "fr")}
    assert result.changes.translated == {team.document("work-permit").row.id}
    approvals = audit_actions(team, "approve")
    with engine(team).connect() as conn:
        cell_ids = {str(conn.scalar(select(Cell.id).where(Cell.segment_id == seg, Cell.locale == "fr")))
                    for seg in (title, who)}
    assert sorted(a.object_id for a in approvals) == sorted(cell_ids)  # one audit event per decided cell
    assert {a.actor for a in approvals} == {"marie"}
    assert [r.key for r in team.review_queue()] == [(summary, "fr")]  # the stale one still waits, newer now


def test_rejecting_a_selection_needs_a_comment_then_sends_each_back_with_it(team):
    as_user(team, "wang.fang")
    title, summary = confirm(team, "title"), confirm(team, "summary")
    as_user(team, "marie")
    items = [(r.segment_id, r.locale, r.version) for r in team.review_queue()]
    before = snapshot(team)
    with pytest.raises(ValidationError, match="say why the translations are rejected"):
        team.review_cells(items, False, "  ")
    assert snapshot(team) == before

    result = team.review_cells(items, False, "Le glossaire dit « permis de travail ».")

    assert set(result.decided) == {(title, "fr"), (summary, "fr")} and not result.skipped
    for seg in (title, summary):
        cell = team.cell(seg, "fr")
        assert (cell.state, cell.flagged) == ("draft", True)
        [comment] = team.comments(team.document("work-permit").row.id, seg, "fr")
        assert comment.body == "Le glossaire dit « permis de travail »." and comment.author == "Marie Dubois"
    assert len(audit_actions(team, "reject")) == 2
    assert team.review_queue() == []


def test_a_user_who_does_not_review_is_refused_the_whole_selection(team):
    as_user(team, "wang.fang")
    title = confirm(team, "title")
    before = snapshot(team)
    with pytest.raises(PermissionDenied, match="needs the reviewer role"):
        team.review_cells([(title, "fr", 1)], True)
    assert snapshot(team) == before


def test_only_a_supervisor_turns_the_four_eyes_rule_on_or_off_and_it_is_audited(team, database):
    assert team.four_eyes is False  # off by default
    as_user(team, "paul")
    before = snapshot(team)
    with pytest.raises(PermissionDenied, match=r"only a supervisor turns the four-eyes rule on or off \(paul is "
                                               r"editor, reviewer\)"):
        team.set_four_eyes(True)
    assert snapshot(team) == before and team.four_eyes is False

    as_user(team, "sup")
    assert team.set_four_eyes(True).summary == "the four-eyes rule is on"
    assert team.set_four_eyes(True).summary == "the four-eyes rule was on already"
    from studio.workspace import Workspace
    with Workspace.open(*database, write=False) as other:  # a workspace-wide rule: every member's Studio reads it
        assert other.four_eyes is True
    team.set_four_eyes(False)
    assert team.four_eyes is False
    assert [(a.actor, a.after) for a in audit_actions(team, "set_four_eyes")] == [
        ("sup", {"four_eyes": True}), ("sup", {"four_eyes": False})]


def test_four_eyes_refuses_ones_own_text_and_leaves_it_to_another_reviewer(team):
    as_user(team, "sup")
    team.set_four_eyes(True)
    as_user(team, "paul")
    title = confirm(team, "title")
    [row] = team.review_queue()
    assert row.yours and row.confirmed_by == "Paul Martin"
    before = snapshot(team)

    message = (r"four-eyes rule: work-permit title \(fr\) was confirmed by you; another reviewer of fr must "
               r"approve it")
    with pytest.raises(PermissionDenied, match=message):
        team.review_cell(title, "fr", row.version, approve=True)
    result = team.review_cells([(title, "fr", row.version)], True)
    assert not result.decided and [s.reason for s in result.skipped] == [message.replace("\\", "")]
    assert snapshot(team) == before

    as_user(team, "marie")
    assert not team.review_queue()[0].yours
    team.review_cell(title, "fr", row.version, approve=True)
    assert team.cell(title, "fr").state == "approved"


def test_four_eyes_lets_a_reviewer_reject_their_own_text(team):
    as_user(team, "sup")
    team.set_four_eyes(True)
    as_user(team, "paul")
    title = confirm(team, "title")
    team.review_cell(title, "fr", 1, approve=False, comment="Je me suis trompé de terme.")
    assert (team.cell(title, "fr").state, team.cell(title, "fr").flagged) == ("draft", True)


def test_the_author_of_a_text_is_whoever_wrote_it_since_its_last_approval(team):
    """`review.own_write`: typing, confirming, importing, a find-and-replace, an undo make a text one's own; a
    machine draft one only ran does not, nor a verdict; an approval by another reviewer closes the text's past."""
    as_user(team, "sup")
    team.set_four_eyes(True)
    title, summary, who = (segment_id(team, f) for f in ("title", "summary", "who_may_apply"))

    # Paul types a draft, Wang Fang confirms it unchanged: Paul wrote it all the same.
    as_user(team, "paul")
    team.save_cell(title, "fr", TEXTS["title"], None)
    as_user(team, "wang.fang")
    confirm(team, "title")
    # Paul only ran the machine translation that Wang Fang confirmed: the text is hers.
    as_user(team, "paul")
    team.save_cell(summary, "fr", "Les étrangers travaillant dans la ville ont besoin d'un permis.", None,
                   origin="mt:deepl")
    as_user(team, "wang.fang")
    confirm(team, "summary", text="Les étrangers travaillant dans la ville ont besoin d'un permis.")
    # Paul corrects a machine draft and confirms it: his.
    as_user(team, "wang.fang")
    team.save_cell(who, "fr", "L'employeur demande pour l'étranger.", None, origin="mt:deepl")
    as_user(team, "paul")
    confirm(team, "who_may_apply")

    assert {r.key: r.yours for r in team.review_queue()} == {(title, "fr"): True, (summary, "fr"): False,
                                                            (who, "fr"): True}
    result = team.review_cells([(r.segment_id, r.locale, r.version) for r in team.review_queue()], True)
    assert set(result.decided) == {(summary, "fr")}
    assert {s.key: s.reason.split(";")[0] for s in result.skipped} == {
        (title, "fr"): "four-eyes rule: work-permit title (fr) was written by you",
        (who, "fr"): "four-eyes rule: work-permit who_may_apply (fr) was confirmed by you"}

    # Marie approves Paul's title; Wang Fang then changes it: Paul reviews her change, not his approved text.
    as_user(team, "marie")
    team.review_cell(title, "fr", team.cell(title, "fr").version, approve=True)
    as_user(team, "wang.fang")
    confirm(team, "title", text="Permis de travail des étrangers")
    as_user(team, "paul")
    team.review_cell(title, "fr", team.cell(title, "fr").version, approve=True)
    assert team.cell(title, "fr").state == "approved"

    # With the rule off, Paul approves his own text.
    as_user(team, "sup")
    team.set_four_eyes(False)
    as_user(team, "paul")
    team.review_cell(who, "fr", team.cell(who, "fr").version, approve=True)
    assert team.cell(who, "fr").state == "approved"
