"""The client against the reference portal under each injected fault: busy answers with Retry-After, failing
servers, resets, stalls and answers cut off after the work was committed. Every push ends with each item published
exactly once (checked through the portal's own API) and an empty outbox."""

from __future__ import annotations

import pytest

from studio.errors import ValidationError
from studio.jobs import run_job
from studio.sync.errors import PortalBusy, PortalUnreachable
from tests.sync.helpers import guide_and_office

pytestmark = pytest.mark.slow  # retries wait for their pauses: a second or more each


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    guide_and_office(sqlite_workspace, tmp_path)
    return sqlite_workspace


def published_once(ws, portal_api, release_id, releases_before):
    """The release is published, the portal holds exactly one more release with every item, the outbox is empty."""
    view = ws.release(release_id)
    assert view.row.state == "published", view.row.error
    assert {i.state for i in view.items} == {"published"}
    on_portal = portal_api.releases()
    assert len(on_portal) == releases_before + 1
    assert on_portal[-1]["id"] == view.row.remote_id and on_portal[-1]["item_count"] == len(view.items)
    for item in view.items:
        path = f"/v1/documents/{item.document_id}" + (f"/locales/{item.locale}" if item.locale else "")
        live = portal_api.get(path)["live"]
        assert (live["content_hash"], live["release_id"]) == (item.content_hash, view.row.remote_id)
    assert ws.outbox_size() == 0


FAULTS = {
    "busy variant writes (503, Retry-After)": dict(method="PUT", path="/v1/documents/", fault="status", status=503,
                                                   retry_after=1, times=3),
    "too many requests (429) on the release": dict(method="POST", path="/v1/releases", fault="status", status=429,
                                                   retry_after=1, times=2),
    "a failing server (500)": dict(method="PUT", path="/v1/documents/", fault="status", status=500, times=2),
    "connections reset before any answer": dict(method="PUT", path="/v1/documents/", fault="reset", times=4),
    "a reset release request": dict(method="POST", path="/v1/releases", fault="reset", times=2),
    "stalled reads (GET retried)": dict(method="GET", path="/v1/changes", fault="status", status=503, times=2),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_push_rides_out_the_fault(ws, connect, portal, portal_api, fault):
    conn = connect()
    before = len(portal_api.releases())
    portal.fault(**fault)
    composed = ws.compose_release(conn.url, "Through the storm")
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published
    published_once(ws, portal_api, composed.release_id, before)
    run_job(ws.pull_job(conn))  # a read through the same faults
    assert portal.requests_seen()  # the server counted what it saw


def test_writes_committed_then_cut_off_are_recognised_as_ours(ws, connect, portal, portal_api):
    conn = connect()
    before = len(portal_api.releases())
    portal.fault(method="PUT", path="/v1/documents/", fault="commit_then_drop", times=3)
    composed = ws.compose_release(conn.url, "Half answers")
    portal.clear_requests()
    report = run_job(ws.push_release_job(composed.release_id, conn))
    # Each write whose answer was cut is sent again with the same precondition and found done: adopted (a retry may
    # itself be cut, and is then sent a third time).
    assert report.published and report.staged + report.adopted == 10 and report.adopted >= 2
    published_once(ws, portal_api, composed.release_id, before)
    seen = portal.requests_seen()
    assert seen["PUT /v1/documents/{id}"] + seen["PUT /v1/documents/{id}/locales/{lang}"] == 13


def test_a_release_committed_then_cut_off_is_replayed_never_published_twice(ws, connect, portal, portal_api):
    conn = connect()
    before = len(portal_api.releases())
    portal.fault(method="POST", path="/v1/releases", fault="commit_then_drop", times=1)
    composed = ws.compose_release(conn.url, "Lost answer")
    portal.clear_requests()
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published and report.replayed
    assert portal.requests_seen()["POST /v1/releases"] == 2
    published_once(ws, portal_api, composed.release_id, before)


def test_a_release_whose_answer_never_came_cannot_be_discarded_before_a_push_learns_its_fate(ws, connect, portal,
                                                                                            portal_api):
    conn = connect()
    before = len(portal_api.releases())
    portal.fault(method="POST", path="/v1/releases", fault="commit_then_drop", times=None)  # published, unsaid
    composed = ws.compose_release(conn.url, "Answer lost for good")
    with pytest.raises(PortalUnreachable):
        run_job(ws.push_release_job(composed.release_id, conn))
    with pytest.raises(ValidationError, match="answer never came"):  # the portal may well have published it
        ws.discard_release(composed.release_id)
    portal.clear_faults()
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published and report.replayed
    published_once(ws, portal_api, composed.release_id, before)


def test_a_stalled_answer_is_asked_again_and_the_write_done_meanwhile_is_adopted(ws, connect, portal, portal_api):
    conn = connect(read_timeout=0.5)
    before = len(portal_api.releases())
    portal.fault(method="PUT", path="/v1/documents/", fault="slow", seconds=1.5, times=1)
    composed = ws.compose_release(conn.url, "Slow portal")
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published and report.staged + report.adopted == 10
    published_once(ws, portal_api, composed.release_id, before)


def test_a_portal_that_stays_unreachable_stops_the_push_and_keeps_the_outbox(ws, connect, portal, portal_api):
    conn = connect()
    before = len(portal_api.releases())
    composed = ws.compose_release(conn.url, "Network lost")
    portal.fault(method="PUT", path="/v1/documents/", fault="reset", times=None)
    with pytest.raises(PortalUnreachable, match="broke|cut off|no answer"):
        run_job(ws.push_release_job(composed.release_id, conn))
    row = ws.release(composed.release_id).row
    assert row.state == "pushing" and row.error
    assert ws.outbox_size(composed.release_id) == 11
    assert len(portal_api.releases()) == before

    portal.clear_faults()
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published
    published_once(ws, portal_api, composed.release_id, before)


def test_a_retry_after_longer_than_a_push_waits_stops_it_with_when_to_try_again(ws, connect, portal, portal_api):
    conn = connect()
    composed = ws.compose_release(conn.url, "Come back tomorrow")
    portal.fault(method="PUT", path="/v1/documents/", fault="status", status=503, retry_after=3600, times=None)
    with pytest.raises(PortalBusy, match="wait 3600 s"):
        run_job(ws.push_release_job(composed.release_id, conn))
    assert ws.outbox_size(composed.release_id) == 11
    portal.clear_faults()
    assert run_job(ws.push_release_job(composed.release_id, conn)).published


def test_a_server_that_is_not_there_is_said_in_one_line(ws):
    from studio.sync.config import Connection

    composed = ws.compose_release("http://127.0.0.1:9", "Nobody home")
    with pytest.raises(PortalUnreachable, match="cannot reach the portal at 127.0.0.1:9: connection refused"):
        run_job(ws.push_release_job(composed.release_id, Connection("http://127.0.0.1:9", "t0ken")))
    assert ws.outbox_size(composed.release_id) == 11
