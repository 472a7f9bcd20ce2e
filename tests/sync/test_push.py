"""Pushing releases to the real reference portal over loopback, and pulling its change feed back: publication once,
rollbacks, and changes made on the portal by someone else (the three-way view's choices). On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from studio.errors import ValidationError
from studio.jobs import run_job
from studio.sync.canonical import canonical_json
from tests.sync.helpers import approve, guide_and_office

pytestmark = pytest.mark.slow  # a portal in a child process, and about a second a test


@pytest.fixture
def ws(workspace, tmp_path):
    guide_and_office(workspace, tmp_path)
    return workspace


def push(ws, conn, release_id):
    return run_job(ws.push_release_job(release_id, conn))


def compose_and_push(ws, conn, title="Guides", **scope):
    composed = ws.compose_release(conn.url, title, **scope)
    return composed, push(ws, conn, composed.release_id)


def edit_fr_title(ws, text, slug="work-permit"):
    title = next(s for s in ws.document(slug).segments if s.field_path in ("title", "name"))
    written = ws.save_cell(title.id, "fr", text, ws.cell(title.id, "fr").version, confirm=True)
    ws.review_cell(title.id, "fr", written.version, approve=True)


def test_a_release_is_staged_then_published_once_and_shows_on_the_pages(ws, connect, portal_api):
    conn = connect()
    before = len(portal_api.releases())
    composed, report = compose_and_push(ws, conn, "First guides")
    assert report.published and report.state == "published" and not report.replayed
    assert (report.staged, report.adopted) == (10, 0)
    assert ws.outbox_size() == 0
    view = ws.release(composed.release_id)
    assert view.row.state == "published" and view.row.remote_id == report.remote_id
    assert {item.state for item in view.items} == {"published"}

    on_portal = portal_api.releases()
    assert len(on_portal) == before + 1 and on_portal[-1]["id"] == report.remote_id
    published = portal_api.get(f"/v1/releases/{report.remote_id}")
    assert len(published["items"]) == 10 and published["channels"] == ["portal"]
    guide_id = ws.document("work-permit").row.id
    variant = portal_api.get(f"/v1/documents/{guide_id}/locales/fr")
    assert variant["live"]["content_hash"] == next(i.content_hash for i in view.items
                                                   if i.document_id == guide_id and i.locale == "fr")
    page = portal_api.page("/fr/work/work-permit")
    assert page.status_code == 200 and "[fr] 外国人来华工作许可" in page.text
    assert portal_api.page("/ar/live/dongcheng-hall").status_code == 200
    assert portal_api.page("/en/work/work-permit").status_code == 404  # never approved in English

    # Pushed again: nothing is sent, nothing is published twice; composed again: nothing differs.
    again = push(ws, conn, composed.release_id)
    assert again.published and (again.staged, again.adopted) == (0, 0)
    assert len(portal_api.releases()) == before + 1
    with pytest.raises(ValidationError, match="nothing to release"):
        ws.compose_release(conn.url, "Nothing new")


def test_a_change_goes_out_alone_and_a_rollback_publishes_the_earlier_version(ws, connect, portal_api):
    conn = connect()
    first, _ = compose_and_push(ws, conn, "First")
    edit_fr_title(ws, "Permis de travail")
    second, report = compose_and_push(ws, conn, "Better French")
    assert second.items == 1 and report.published
    assert "Permis de travail" in portal_api.page("/fr/work/work-permit").text

    rollback = ws.rollback_release(second.release_id)
    assert rollback.items == 1 and not rollback.skipped
    report = push(ws, conn, rollback.release_id)
    assert report.published
    page = portal_api.page("/fr/work/work-permit").text
    assert "[fr] 外国人来华工作许可" in page and "Permis de travail" not in page
    rows = {r.id: r for r in ws.releases()}
    assert rows[rollback.release_id].rollback_of == second.release_id
    # The first release has nothing earlier to go back to: the portal cannot take a version offline.
    with pytest.raises(ValidationError, match="this release published it first"):
        ws.rollback_release(first.release_id)


def _stage_as_someone_else(portal_api, document_id, locale, title):
    """A portal editor changes a variant: a conditional write over the current staged state."""
    current = portal_api.get(f"/v1/documents/{document_id}/locales/{locale}")
    body = {**current["staged"]["content"], "title": title}
    answer = portal_api.request("PUT", f"/v1/documents/{document_id}/locales/{locale}",
                                headers={"If-Match": f'"{current["staged"]["etag"]}"',
                                         "Content-Type": "application/json"}, data=canonical_json(body))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_change_made_on_the_portal_is_pulled_shown_three_ways_and_kept_out_until_resolved(ws, connect, portal_api):
    conn = connect()
    compose_and_push(ws, conn, "First")
    guide_id = ws.document("work-permit").row.id
    _stage_as_someone_else(portal_api, guide_id, "fr", "Titre corrigé sur le portail")
    edit_fr_title(ws, "Permis de travail des étrangers")

    pulled = run_job(ws.pull_job(conn))
    assert pulled.changed == (f"{guide_id} (fr)",)
    assert [(c.document_id, c.locale) for c in ws.portal_changes(conn.url)] == [(guide_id, "fr")]
    plan = {(c.slug, c.locale): c for c in ws.release_plan(conn.url).candidates}
    assert not plan[("work-permit", "fr")].included
    assert "changed on the portal" in plan[("work-permit", "fr")].reasons[0]

    three = ws.three_way(conn.url, guide_id, "fr")
    assert three.pushed["title"] == "[fr] 外国人来华工作许可"
    assert three.portal["title"] == "Titre corrigé sur le portail"
    assert three.ours["title"] == "Permis de travail des étrangers"
    assert three.ours["summary"] == three.portal["summary"] == three.pushed["summary"]

    ws.keep_ours(conn.url, guide_id, "fr")
    _, report = compose_and_push(ws, conn, "Ours again")
    assert report.published
    assert "Permis de travail des étrangers" in portal_api.page("/fr/work/work-permit").text
    assert run_job(ws.pull_job(conn)).changed == ()  # our own writes are recognised as ours
    assert ws.portal_changes(conn.url) == []


def test_taking_the_portals_version_keeps_it_live_and_leaves_studios_text_alone(ws, connect, portal_api):
    conn = connect()
    compose_and_push(ws, conn, "First")
    guide_id = ws.document("work-permit").row.id
    _stage_as_someone_else(portal_api, guide_id, "de", "Arbeitserlaubnis (Portal)")
    run_job(ws.pull_job(conn))
    ws.take_theirs(conn.url, guide_id, "de")
    assert ws.portal_changes(conn.url) == []
    plan = {(c.slug, c.locale): c for c in ws.release_plan(conn.url).candidates}
    # Studio's German is what was live: nothing of it differs, so nothing goes.
    assert plan[("work-permit", "de")].ready and not plan[("work-permit", "de")].included
    title = next(s for s in ws.document("work-permit").segments if s.field_path == "title")
    assert ws.cell(title.id, "de").text == "[de] 外国人来华工作许可"


def test_a_change_on_the_portal_found_while_pushing_stops_that_item_and_publishes_nothing(ws, connect, portal_api):
    conn = connect()
    compose_and_push(ws, conn, "First")
    guide_id = ws.document("work-permit").row.id
    edit_fr_title(ws, "Permis de travail")
    composed = ws.compose_release(conn.url, "Second")
    _stage_as_someone_else(portal_api, guide_id, "fr", "Changé entre-temps")
    before = len(portal_api.releases())

    report = push(ws, conn, composed.release_id)
    assert report.state == "failed" and not report.published
    assert report.conflicts == ("work-permit (fr)",)
    assert len(portal_api.releases()) == before
    assert ws.release(composed.release_id).items[0].state == "conflict"
    assert ws.three_way(conn.url, guide_id, "fr").portal["title"] == "Changé entre-temps"
    assert ws.outbox_size(composed.release_id) == 2  # the refused write and the release: nothing is lost

    ws.keep_ours(conn.url, guide_id, "fr")
    report = push(ws, conn, composed.release_id)
    assert report.published and len(portal_api.releases()) == before + 1
    assert "Permis de travail" in portal_api.page("/fr/work/work-permit").text
    assert ws.outbox_size() == 0


def test_a_release_composed_for_one_portal_is_not_pushed_to_another(ws, connect):
    conn = connect()
    composed = ws.compose_release("http://127.0.0.1:9", "Elsewhere")
    with pytest.raises(ValidationError, match="composed for http://127.0.0.1:9"):
        push(ws, conn, composed.release_id)


def test_the_items_of_a_release_say_what_the_portal_holds(ws, connect, portal_api):
    conn = connect()
    composed, _ = compose_and_push(ws, conn, "First")
    data = ws.release(composed.release_id).to_json()
    assert data["state"] == "published" and data["outbox"] == 0
    assert {i["state"] for i in data["item_list"]} == {"published"}
    assert json.dumps(data)  # plain JSON for `release status --json`
    approve(ws, "work-permit", ["fr"], text=lambda loc, src: f"{loc}! {src}")
    assert ws.compose_release(conn.url, "All French again", locales=["fr"]).items == 1


class _Interloper:
    """The portal as a target, where a portal editor stages a variant just before the release is published."""

    def __init__(self, target, act):
        self.target, self.act, self.url = target, act, target.url

    def __getattr__(self, name):
        return getattr(self.target, name)

    def publish(self, key, request):
        if self.act is not None:
            self.act()
            self.act = None
        return self.target.publish(key, request)


def test_a_change_between_staging_and_publishing_refuses_the_release_whole_until_resolved(ws, connect, portal_api):
    from studio.sync.target import open_portal

    conn = connect()
    compose_and_push(ws, conn, "First")
    guide_id = ws.document("work-permit").row.id
    edit_fr_title(ws, "Permis de travail")
    edit_fr_title(ws, "Hall de Dongcheng", slug="dongcheng-hall")
    composed = ws.compose_release(conn.url, "Second")
    before = len(portal_api.releases())
    target = _Interloper(open_portal(conn), lambda: _stage_as_someone_else(portal_api, guide_id, "fr", "Intrus"))
    report = push(ws, target, composed.release_id)
    target.close()
    assert report.state == "failed" and report.conflicts == ("work-permit (fr)",)
    assert len(portal_api.releases()) == before  # the office's French, staged fine, is not published either

    again = push(ws, conn, composed.release_id)  # nothing resolved: still held back, never published half
    assert again.state == "failed" and len(portal_api.releases()) == before

    ws.keep_ours(conn.url, guide_id, "fr")
    report = push(ws, conn, composed.release_id)
    assert report.published and len(portal_api.releases()) == before + 1
    assert "Permis de travail" in portal_api.page("/fr/work/work-permit").text
    assert "Hall de Dongcheng" in portal_api.page("/fr/live/dongcheng-hall").text
    assert ws.outbox_size() == 0


def test_a_translation_rejected_after_composing_is_never_published(ws, connect, portal_api):
    conn = connect()
    before = len(portal_api.releases())
    composed = ws.compose_release(conn.url, "Composed, then rejected")
    title = next(s for s in ws.document("work-permit").segments if s.field_path == "title")
    ws.review_cell(title.id, "fr", ws.cell(title.id, "fr").version, approve=False, comment="Not the official name")
    report = push(ws, conn, composed.release_id)
    assert not report.published
    assert any("changed since the release was composed" in why for why in report.failed), report.failed
    assert len(portal_api.releases()) == before  # nothing went live
