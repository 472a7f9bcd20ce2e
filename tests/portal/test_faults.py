"""Injected faults as a plain `requests` client sees them: statuses with Retry-After, slowness, connections
dropped before the work or after it committed (never a valid answer)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import MutableMapping
from typing import Any

import pytest
import requests
from requests.exceptions import ChunkedEncodingError

from tests.portal.helpers import TIMEOUT, Api, assert_problem, core_body, new_id, variant_body
from tests.portal.server import Portal, running_portal

DROPPED = (requests.ConnectionError, ChunkedEncodingError)  # ChunkedEncodingError: an incomplete read


@pytest.mark.parametrize("status", [503, 429])
def test_a_status_fault_answers_with_retry_after_and_does_no_work(portal: Portal, api: Api, status: int) -> None:
    document_id = new_id()
    portal.fault(method="PUT", path="/v1/documents/", fault="status", status=status, retry_after=3)

    answer = api.put_core(document_id, core_body())

    assert_problem(answer, status)
    assert answer.headers["Retry-After"] == "3"
    assert_problem(api.get(f"/v1/documents/{document_id}"), 404)
    assert api.put_core(document_id, core_body()).status_code == 201  # used up: the next request is served


def test_a_fault_hits_as_many_requests_as_its_times(portal: Portal, api: Api) -> None:
    portal.fault(method="*", path="/v1/capabilities", fault="status", status=500, times=2)

    statuses = [api.get("/v1/capabilities").status_code for _ in range(3)]

    assert statuses == [500, 500, 200]


def test_a_fault_matches_its_method_and_path_prefix_only(portal: Portal, api: Api) -> None:
    portal.fault(method="POST", path="/v1/releases", fault="status", status=503, times=None)

    assert api.get("/v1/releases").status_code == 200
    assert api.get("/v1/capabilities").status_code == 200
    assert api.release([]).status_code == 503
    assert api.release([]).status_code == 503


@pytest.mark.slow
def test_a_slow_fault_waits_then_does_the_work(portal: Portal, api: Api) -> None:
    document_id = new_id()
    portal.fault(method="PUT", path=f"/v1/documents/{document_id}", fault="slow", seconds=1.0)

    with pytest.raises(requests.ReadTimeout):
        api.put_core(document_id, core_body(), timeout=0.3)

    deadline = time.monotonic() + 10
    while api.get(f"/v1/documents/{document_id}").status_code != 200:
        assert time.monotonic() < deadline, "the slow write never happened"
        time.sleep(0.1)


def test_a_reset_drops_the_connection_without_an_answer_or_the_work(portal: Portal, api: Api) -> None:
    document_id = new_id()
    portal.fault(method="PUT", path="/v1/documents/", fault="reset")

    with pytest.raises(DROPPED):
        requests.put(f"{portal.url}/v1/documents/{document_id}", json=core_body(), timeout=TIMEOUT,
                      headers={"If-None-Match": "*", "Authorization": api.session.headers["Authorization"]})

    assert_problem(api.get(f"/v1/documents/{document_id}"), 404)
    assert "ERROR" not in portal.log()


def test_commit_then_drop_does_the_work_but_the_client_gets_no_valid_answer(portal: Portal, api: Api) -> None:
    document_id, body = new_id(), core_body()
    portal.fault(method="PUT", path=f"/v1/documents/{document_id}", fault="commit_then_drop")

    with pytest.raises(DROPPED):
        api.put_core(document_id, body)

    assert api.staged(document_id)["content"] == body
    assert "ERROR" not in portal.log()  # the drop is deliberate: uvicorn saw no failing application


def test_commit_then_drop_of_a_body_less_answer_drops_it_whole(portal: Portal, api: Api) -> None:
    document_id = new_id()
    etag = api.put_core(document_id, core_body()).json()["etag"]
    portal.fault(method="DELETE", path="/v1/documents/", fault="commit_then_drop")

    with pytest.raises(DROPPED):
        api.request("DELETE", f"/v1/documents/{document_id}", headers={"If-Match": f'"{etag}"'})

    assert_problem(api.get(f"/v1/documents/{document_id}"), 410, "document-deleted")


def test_a_release_whose_answer_was_lost_is_replayed_when_sent_again_with_its_key(portal: Portal, api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())
    api.put_variant(document_id, "ru", variant_body("Запись"))
    items, key = [api.item(document_id), api.item(document_id, "ru")], new_id()
    portal.fault(method="POST", path="/v1/releases", fault="commit_then_drop")

    with pytest.raises(DROPPED):
        api.release(items, key=key)
    assert api.get(f"/v1/documents/{document_id}").json()["live"] is not None
    again = api.release(items, key=key)

    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    changes, _ = api.changes_to_end()
    assert len([c for c in changes if c["document_id"] == document_id and c["kind"] == "release"]) == 2


def test_requests_are_counted_per_route_template(portal: Portal, api: Api) -> None:
    portal.clear_requests()
    document_id = new_id()
    portal.fault(method="PUT", path="/v1/documents/", fault="reset")
    with pytest.raises(DROPPED):
        api.put_core(document_id, core_body())
    api.put_core(document_id, core_body())
    api.get(f"/v1/documents/{document_id}/locales/en")
    api.get("/en/")

    assert portal.requests_seen() == {"PUT /v1/documents/{id}": 2, "GET /v1/documents/{id}/locales/{lang}": 1,
                                      "GET /{site}/": 1}


def test_a_fault_spec_is_checked(portal: Portal) -> None:
    answer = requests.post(f"{portal.url}/_faults", json={"method": "PATCH", "path": "v1", "fault": "explode",
                                                          "times": 0}, timeout=TIMEOUT)

    problem = assert_problem(answer, 422, "invalid-body")
    assert {e["pointer"] for e in problem["errors"]} == {"/method", "/path", "/fault", "/times"}


def test_faults_are_listed_and_cleared(portal: Portal) -> None:
    portal.fault(method="GET", path="/v1/changes", fault="status", status=503, times=None)
    assert [f["path"] for f in requests.get(f"{portal.url}/_faults", timeout=TIMEOUT).json()["faults"]] == [
        "/v1/changes"]

    portal.clear_faults()

    assert requests.get(f"{portal.url}/_faults", timeout=TIMEOUT).json()["faults"] == []


def test_without_faults_there_are_no_fault_routes(tmp_path) -> None:
    with running_portal(tmp_path / "portal") as plain:
        assert requests.post(f"{plain.url}/_faults", json={}, timeout=TIMEOUT).status_code in (404, 405)
        assert requests.get(f"{plain.url}/_requests", timeout=TIMEOUT).status_code == 404
        with pytest.raises(RuntimeError):
            plain.fault(method="GET", path="/", fault="reset")


def test_a_drop_without_uvicorns_transport_cuts_the_answer_short_and_fails() -> None:
    # The fallback for a server whose `send` does not lead to its transport: promise a long body, send none of it
    # and fail, so the server closes the connection mid-answer.
    from reference_portal.faults import ConnectionDropped, _drop

    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    with pytest.raises(ConnectionDropped):
        asyncio.run(_drop(send))

    assert sent[0]["type"] == "http.response.start"
    assert int(dict(sent[0]["headers"])[b"content-length"]) > len(sent[1]["body"])
    assert sent[1]["more_body"] is True
