"""Composing a release: the payloads the portal takes, the gates, and the release with its outbox written whole.

Runs on SQLite and on PostgreSQL (the `workspace` fixture). Nothing here talks to a portal."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text, update

from reference_portal.canonical import content_hash as portals_hash
from reference_portal.pages import merge_fields
from studio.errors import PermissionDenied, ValidationError, WorkspaceError
from studio.models import Cell, OutboxOp, Release, ReleaseItem, RemoteState, utcnow
from studio.sync.payload import core_body, variant_body
from tests.helpers import engine, snapshot
from tests.sync.helpers import PORTAL, approve, guide_and_office, import_documents, translation


@pytest.fixture
def ws(workspace, tmp_path):
    guide_and_office(workspace, tmp_path)
    return workspace


def plan_of(ws, **scope):
    return {(c.slug, c.locale): c for c in ws.release_plan(PORTAL, **scope).candidates}


def test_the_core_holds_the_neutral_facts_and_a_variant_the_approved_texts_in_the_same_shape(ws):
    view = ws.document("work-permit")
    core = core_body(view)
    assert core == {"type": "procedure_guide", "section": "work", "slug": "work-permit", "source_locale": "zh-Hans",
                    "fields": {"fees": [{"amount": {"amount": "0", "currency": "CNY"}}], "offices": ["dongcheng-hall"],
                               "online_service_url": "https://fw.example.gov.cn/apply", "contact_phone": "12345"}}
    french = variant_body(view, "fr")
    assert french.ready
    body = french.body
    assert body["title"] == "[fr] 外国人来华工作许可"
    assert body["fields"]["required_documents"] == [{"name": "[fr] 护照", "note": "[fr] 有效期六个月以上。"},
                                                    {"name": "[fr] 学历证明"}]
    # Rich text gets its markup back from the placeholders; sentences are joined with the locale's space.
    assert body["fields"]["steps"][0]["body"] == (
        '<p>[fr] 用人单位登录<a href="https://fw.example.gov.cn">服务系统</a>提交材料。 [fr] 审核在线完成。</p>')
    assert body["fields"]["fees"] == [{"explanation": "[fr] 免费。"}]
    # The portal merges the two item by item into the page's fields.
    merged = merge_fields(core["fields"], body["fields"])
    assert merged["fees"] == [{"amount": {"amount": "0", "currency": "CNY"}, "explanation": "[fr] 免费。"}]
    # The source locale's variant is the source itself.
    source = variant_body(view, "zh-Hans").body
    assert source["fields"]["summary"] == "在本市工作的外国人须办理工作许可。许可证件有效期最长五年。"


def test_content_hashes_are_the_portals_own(ws):
    for candidate in ws.release_plan(PORTAL, documents=["work-permit"]).candidates:
        assert candidate.content_hash == portals_hash(dict(candidate.body))


def test_everything_ready_is_each_approved_locale_with_its_core_and_source(ws):
    plan = plan_of(ws)
    included = {key for key, c in plan.items() if c.included}
    assert included == {(slug, locale) for slug in ("dongcheng-hall", "work-permit")
                        for locale in (None, "zh-Hans", "fr", "de", "ar")}
    english = plan[("work-permit", "en")]
    assert not english.ready and not english.included
    assert english.reasons[0].startswith("not approved in en:")


def test_a_locale_whose_source_is_neither_live_nor_going_is_held_back(ws):
    plan = plan_of(ws, documents=["work-permit"], locales=["fr"])
    assert not plan[("work-permit", "fr")].included
    assert "its source (zh-Hans) is neither live on the portal nor in this release" in plan[("work-permit", "fr")].reasons


def test_a_broken_placeholder_or_pseudo_text_never_passes_even_when_approved(ws):
    # Approved text is checked again when a release is composed: damage done behind the workflow's back is caught.
    step = ws.document("work-permit").segments
    body = next(s for s in step if s.field_path == "steps[0].body" and "{1}" in s.text)
    title = next(s for s in step if s.field_path == "title")
    with engine(ws).begin() as conn:
        conn.execute(update(Cell).where(Cell.segment_id == body.id, Cell.locale == "fr").values(text="[fr] 没有占位符"))
        conn.execute(update(Cell).where(Cell.segment_id == title.id, Cell.locale == "de").values(origin="mt:pseudo"))
    plan = plan_of(ws, documents=["work-permit"])
    assert any("placeholders do not match" in r for r in plan[("work-permit", "fr")].reasons)
    assert any("pseudo-localised" in r for r in plan[("work-permit", "de")].reasons)
    assert plan[("work-permit", "ar")].included


def test_an_outdated_translation_holds_its_locale_back(ws):
    ws.edit_source("work-permit", {"processing_time": "15个工作日。"})
    plan = plan_of(ws, documents=["work-permit"])
    assert all("processing_time" in c.reasons[0] for key, c in plan.items() if key[1] in ("fr", "de", "ar"))
    assert plan[("work-permit", "zh-Hans")].included


def test_composing_writes_the_release_its_items_and_its_outbox_in_one_go(ws):
    composed = ws.compose_release(PORTAL, "  First  guides ")
    assert (composed.items, composed.documents) == (10, 2)
    with engine(ws).connect() as conn:
        release = conn.execute(select(Release)).one()
        items = conn.execute(select(ReleaseItem).order_by(ReleaseItem.id)).all()
        ops = conn.execute(select(OutboxOp).order_by(OutboxOp.id)).all()
    assert (release.title, release.state, release.channels, release.target) == (
        "First guides", "composed", ["portal"], PORTAL)
    assert [i.locale for i in items][:2] == [None, None]  # the cores first
    assert all(i.state == "pending" and i.content_hash == portals_hash(i.payload) for i in items)
    assert [o.kind for o in ops] == ["stage_core"] * 2 + ["stage_variant"] * 8 + ["publish"]
    assert len({o.idempotency_key for o in ops}) == 11  # made now, one per write
    assert ops[-1].idempotency_key == release.idempotency_key
    listed = ws.releases()
    assert [(r.title, r.state, r.items, r.waiting) for r in listed] == [("First guides", "composed", 10, 11)]
    assert ws.release(composed.release_id[:8]).row.id == composed.release_id


def test_content_another_release_has_still_to_send_is_refused_until_it_is_pushed_or_discarded(ws):
    first = ws.compose_release(PORTAL, "First")
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="has not been published yet"):  # pushed one after the other,
        ws.compose_release(PORTAL, "Again")  # the two would publish the same content twice
    assert snapshot(ws) == before
    ws.discard_release(first.release_id)
    assert ws.compose_release(PORTAL, "Again").items == first.items


def test_what_is_live_already_is_not_released_again(ws):
    plan = ws.release_plan(PORTAL, documents=["dongcheng-hall"])
    with engine(ws).begin() as conn:
        for c in plan.candidates:
            if c.included:
                conn.execute(RemoteState.__table__.insert().values(
                    target=PORTAL, document_id=c.document_id, locale=c.locale or "", live_version=1,
                    live_hash=c.content_hash, changed_on_portal=False, deleted=False,
                    updated_at=utcnow()))
    again = plan_of(ws)
    assert not any(c.included for (slug, _), c in again.items() if slug == "dongcheng-hall")
    assert again[("dongcheng-hall", "fr")].difference == "unchanged"
    # A new approval changes a variant: only that one (and not its unchanged core or source) goes.
    name = next(s for s in ws.document("dongcheng-hall").segments if s.field_path == "name")
    cell = ws.cell(name.id, "fr")
    ws.save_cell(name.id, "fr", "Hall de Dongcheng", cell.version, confirm=True)
    ws.review_cell(name.id, "fr", ws.cell(name.id, "fr").version, approve=True)
    again = plan_of(ws, documents=["dongcheng-hall"])
    assert [key for key, c in again.items() if c.included] == [("dongcheng-hall", "fr")]
    assert again[("dongcheng-hall", "fr")].difference == "changed"


def test_a_document_deleted_or_changed_on_the_portal_is_held_back(ws):
    guide_id = ws.document("work-permit").row.id
    office_id = ws.document("dongcheng-hall").row.id
    with engine(ws).begin() as conn:
        conn.execute(RemoteState.__table__.insert(), [
            {"target": PORTAL, "document_id": guide_id, "locale": "", "deleted": True, "changed_on_portal": False,
             "updated_at": utcnow()},
            {"target": PORTAL, "document_id": office_id, "locale": "fr", "deleted": False, "changed_on_portal": True,
             "updated_at": utcnow()}])
    plan = plan_of(ws)
    assert all(not c.included and "deleted on the portal" in c.reasons[0]
               for (slug, _), c in plan.items() if slug == "work-permit")
    assert "changed on the portal" in plan[("dongcheng-hall", "fr")].reasons[0]
    assert plan[("dongcheng-hall", "de")].included


def test_only_a_supervisor_composes_and_a_refusal_writes_nothing(ws):
    ws.add_user("li.mei", ["editor", "reviewer"], "li-mei-password", ["fr"])
    ws.sign_in("li.mei", "li-mei-password")
    before = snapshot(ws)
    with pytest.raises(PermissionDenied, match="publish releases"):
        ws.compose_release(PORTAL, "Guides")
    assert snapshot(ws) == before


def test_nothing_ready_is_refused_with_a_reason_and_writes_nothing(workspace, tmp_path):
    import_documents(workspace, tmp_path, [])
    before = snapshot(workspace)
    with pytest.raises(ValidationError, match="nothing to release"):
        workspace.compose_release(PORTAL, "Empty")
    with pytest.raises(ValidationError, match="title"):
        workspace.compose_release(PORTAL, "   ")
    assert snapshot(workspace) == before


def test_a_full_disk_while_queuing_loses_nothing_and_leaves_no_half_release(sqlite_workspace, tmp_path):
    """SQLite's page limit makes the database full, as a full disk would: the release and its outbox are written
    together or not at all, and the error says so in one line."""
    ws = sqlite_workspace
    guide_and_office(ws, tmp_path)
    before = snapshot(ws)
    eng = engine(ws)
    with eng.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    def full(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(eng, "connect", full)
    eng.dispose()  # every new connection gets the limit: the current size, and not a page more
    try:
        with pytest.raises(WorkspaceError, match="full"):
            ws.compose_release(PORTAL, "Too big for the disk")
    finally:
        event.remove(eng, "connect", full)
        eng.dispose()
    assert snapshot(ws) == before
    assert ws.compose_release(PORTAL, "Room again").items == 10


def test_an_untranslated_document_still_goes_in_its_source_locale(workspace, tmp_path):
    import_documents(workspace, tmp_path, [{"type": "faq", "section": "live", "slug": "faq-one",
                                            "fields": {"question": "问题？", "answer": "<p>回答。</p>"}}])
    plan = plan_of(workspace)
    assert {key for key, c in plan.items() if c.included} == {("faq-one", None), ("faq-one", "zh-Hans")}
    approve(workspace, "faq-one", ["ar"], text=translation)
    assert plan_of(workspace)[("faq-one", "ar")].included
