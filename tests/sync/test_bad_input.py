"""Bad input: a token without the scope, an expired token, a server answering HTML or garbage instead of JSON, a
release touching a document deleted on the portal. Each gives one clear line; nothing is published half, nothing is
lost from the outbox, and the token never shows in a message."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from studio.jobs import run_job
from studio.sync.config import Connection
from studio.sync.errors import PortalAuthError, PortalBadAnswer, PortalForbidden, PortalRefused
from tests.sync.helpers import approve, guide_and_office

pytestmark = pytest.mark.slow  # retries wait for their pauses: a second or more each


@pytest.fixture
def ws(sqlite_workspace, tmp_path):
    guide_and_office(sqlite_workspace, tmp_path)
    return sqlite_workspace


def nothing_live(portal_api, ws):
    guide = ws.document("work-permit").row.id
    answer = portal_api.request("GET", f"/v1/documents/{guide}")
    return answer.status_code == 404 or answer.json()["live"] is None


def test_a_token_without_the_release_scope_stages_but_publishes_nothing(ws, connect, portal_api):
    composed = ws.compose_release(portal_api.portal.url, "Without the scope")
    before = len(portal_api.releases())
    with pytest.raises(PortalForbidden, match="lacks the scope release:create needed for publishing the release"):
        run_job(ws.push_release_job(composed.release_id, connect("content:read", "content:write")))
    assert len(portal_api.releases()) == before and nothing_live(portal_api, ws)
    assert ws.outbox_size(composed.release_id) == 1  # the staging writes were acknowledged; the release waits
    assert ws.release(composed.release_id).row.state == "pushing"
    assert run_job(ws.push_release_job(composed.release_id, connect())).published
    assert len(portal_api.releases()) == before + 1


def test_a_read_only_token_stops_at_the_first_write(ws, connect, portal_api):
    composed = ws.compose_release(portal_api.portal.url, "Read only")
    with pytest.raises(PortalForbidden, match="content:write"):
        run_job(ws.push_release_job(composed.release_id, connect("content:read")))
    assert ws.outbox_size(composed.release_id) == 11
    assert {i.state for i in ws.release(composed.release_id).items} == {"pending"}


def test_an_expired_token_is_said_and_nothing_moves(ws, connect, portal_api):
    composed = ws.compose_release(portal_api.portal.url, "Expired")
    conn = connect(expires_in=0)
    with pytest.raises(PortalAuthError, match="refused the token.*expired.*studio portal connect") as caught:
        run_job(ws.push_release_job(composed.release_id, conn))
    assert conn.token not in str(caught.value)
    assert ws.outbox_size(composed.release_id) == 11 and nothing_live(portal_api, ws)
    with pytest.raises(PortalAuthError):
        run_job(ws.pull_job(conn))


def test_a_release_touching_a_document_deleted_on_the_portal_publishes_nothing_until_it_is_left_out(
        ws, connect, portal_api):
    conn = connect()
    run_job(ws.push_release_job(ws.compose_release(conn.url, "First").release_id, conn))
    guide_id = ws.document("work-permit").row.id
    assert portal_api.request("DELETE", f"/v1/documents/{guide_id}", headers={"If-Match": "*"}).status_code == 204
    approve(ws, "work-permit", ["fr"], text=lambda loc, src: f"{loc}: {src}")
    approve(ws, "dongcheng-hall", ["fr"], text=lambda loc, src: f"{loc}: {src}")
    composed = ws.compose_release(conn.url, "Second")  # composed before anyone pulled: the gate cannot know yet
    before = len(portal_api.releases())

    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert not report.published and report.state == "failed"
    assert report.failed == ("work-permit (fr): deleted on the portal: it cannot be published again",)
    assert len(portal_api.releases()) == before
    assert "deleted on the portal" in ws.release(composed.release_id).row.error
    assert ws.outbox_size(composed.release_id) == 2  # the refused write and the release are kept

    ws.leave_out_failed(composed.release_id)
    report = run_job(ws.push_release_job(composed.release_id, conn))
    assert report.published and len(portal_api.releases()) == before + 1
    assert portal_api.page("/fr/live/dongcheng-hall").text.count("fr: ") >= 1
    # Known now: the gates hold the deleted document back.
    plan = {(c.slug, c.locale): c for c in ws.release_plan(conn.url).candidates}
    assert "deleted on the portal" in plan[("work-permit", "de")].reasons[0]


class _Canned(BaseHTTPRequestHandler):
    status = 200
    content_type = "text/html"
    body = b"<html><body>Welcome to nginx!</body></html>"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = self.body.replace(b"$AUTH", (self.headers.get("Authorization") or "").encode())
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[type[_Canned]]:
    """A server on loopback answering every request with the handler's `status`, `content_type` and `body`."""
    handler = type("Handler", (_Canned,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("status", "content_type", "body", "said"), [
    (200, "text/html", b"<html><body>Welcome to nginx!</body></html>", "an HTML page instead of JSON"),
    (200, "application/json", b"\x00\xff not json", "not JSON"),
    (201, "application/json", b'{"id": 1}', "has no whole number 'version'"),
    (502, "text/html", b"<html>Bad gateway</html>", "HTML page"),
])
def test_a_server_answering_html_or_garbage_is_said_and_the_outbox_is_kept(ws, canned, status, content_type, body,
                                                                           said):
    canned.status, canned.content_type, canned.body = status, content_type, body
    composed = ws.compose_release(canned.url, "To the wrong server")
    with pytest.raises((PortalBadAnswer, PortalRefused), match=said):
        run_job(ws.push_release_job(composed.release_id, Connection(canned.url, "secret-token")))
    assert ws.outbox_size(composed.release_id) == 11
    assert ws.release(composed.release_id).row.state == "pushing"


def test_a_token_a_server_echoes_back_never_reaches_a_message(ws, canned):
    canned.status, canned.content_type = 400, "application/problem+json"
    canned.body = b'{"type": "https://portal.example/problems/invalid-body", "detail": "bad header $AUTH"}'
    composed = ws.compose_release(canned.url, "Echo")
    report = run_job(ws.push_release_job(composed.release_id, Connection(canned.url, "s3cret-t0ken-value")))
    assert report.state == "failed" and len(report.failed) == 10
    assert "bad header Bearer [token]" in report.failed[0]
    view = ws.release(composed.release_id)
    assert all("s3cret-t0ken-value" not in (i.error or "") for i in view.items)
    assert "s3cret-t0ken-value" not in (view.row.error or "")
    canned.status = 403
    with pytest.raises(PortalForbidden) as caught:
        run_job(ws.pull_job(Connection(canned.url, "s3cret-t0ken-value")))
    assert "s3cret-t0ken-value" not in str(caught.value)
