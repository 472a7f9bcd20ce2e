"""Releases: validated whole, applied all or nothing, and once per idempotency key."""

from __future__ import annotations

import threading
from typing import Any

import requests

from tests.portal.helpers import TIMEOUT, Api, api_client, assert_problem, core_body, new_id, variant_body
from tests.portal.server import Portal


def _document(api: Api, *langs: str) -> str:
    """A new document with its core and `langs` variants staged."""
    document_id = new_id()
    assert api.put_core(document_id, core_body()).status_code == 201
    for lang in langs:
        assert api.put_variant(document_id, lang, variant_body(f"Title in {lang}")).status_code == 201
    return document_id


def _release_entries(api: Api, document_id: str) -> list[dict[str, Any]]:
    changes, _ = api.changes_to_end()
    return [c for c in changes if c["document_id"] == document_id and c["kind"] == "release"]


def test_a_release_makes_the_staged_versions_live(api: Api) -> None:
    document_id = _document(api, "en", "ar")
    items = [api.item(document_id), api.item(document_id, "en"), api.item(document_id, "ar")]

    answer = api.release(items, title="Spring guides")

    assert answer.status_code == 201, answer.text
    release = answer.json()
    assert answer.headers["Location"] == f"/v1/releases/{release['id']}"
    assert release["title"] == "Spring guides" and release["channels"] == ["portal"] and release["items"] == items
    assert release["published_at"].endswith("Z")
    for lang in (None, "en", "ar"):
        path = f"/v1/documents/{document_id}" + ("" if lang is None else f"/locales/{lang}")
        state = api.get(path).json()
        assert state["live"] == {"version": 1, "content_hash": state["staged"]["content_hash"],
                                 "release_id": release["id"], "published_at": release["published_at"]}
    assert api.get(f"/v1/releases/{release['id']}").json() == release


def test_a_release_is_listed_in_order(api: Api) -> None:
    first = api.publish(_document(api, "en"), "en")
    second = api.publish(_document(api, "ko"), "ko")

    listed: list[dict[str, Any]] = []
    after = None
    while True:
        page = api.get("/v1/releases", params={"limit": 1, **({"after": after} if after else {})}).json()
        listed += page["releases"]
        if not page["has_more"]:
            break
        after = page["next_after"]

    ids = [r["id"] for r in listed]
    assert ids.index(first["id"]) < ids.index(second["id"])
    assert listed[ids.index(second["id"])] == {"id": second["id"], "title": second["title"], "channels": ["portal"],
                                               "published_at": second["published_at"], "item_count": 2}


def test_an_unknown_release_is_404(api: Api) -> None:
    assert_problem(api.get(f"/v1/releases/{new_id()}"), 404, "not-found")


# --- idempotency ------------------------------------------------------------------------------------------------

def test_the_same_key_and_body_replays_the_answer_and_publishes_nothing_again(api: Api) -> None:
    document_id = _document(api, "en")
    items, key = [api.item(document_id), api.item(document_id, "en")], new_id()
    first = api.release(items, key=key)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    releases_before = api.get("/v1/releases", params={"limit": 1000}).json()["releases"]

    again = api.release(items, key=key)

    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert len(_release_entries(api, document_id)) == 2
    assert api.get("/v1/releases", params={"limit": 1000}).json()["releases"] == releases_before


def test_the_same_key_with_another_body_is_422(api: Api) -> None:
    document_id = _document(api, "en")
    key = new_id()
    assert api.release([api.item(document_id)], key=key).status_code == 201

    answer = api.release([api.item(document_id)], key=key, title="Another title")

    assert_problem(answer, 422, "idempotency-key-reused")


def test_keys_belong_to_the_client_of_the_token(portal: Portal, api: Api) -> None:
    document_id = _document(api)
    items, key = [api.item(document_id)], new_id()
    mine = api.release(items, key=key)

    with api_client(portal.url, portal.token("release:create", name="another-client")) as other:
        theirs = other.release(items, key=key)

    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"]


def test_a_release_without_an_idempotency_key_is_400(api: Api) -> None:
    answer = api.request("POST", "/v1/releases", json={"title": "t", "channels": ["portal"], "items": []})

    assert_problem(answer, 400, "idempotency-key-missing")


def test_an_idempotency_key_longer_than_200_characters_is_400(api: Api) -> None:
    document_id = _document(api)

    assert_problem(api.release([api.item(document_id)], key="k" * 201), 400, "idempotency-key-invalid")
    assert api.release([api.item(document_id)], key="k" * 200).status_code == 201


def test_two_requests_with_one_key_at_once_publish_once(portal: Portal, api: Api) -> None:
    document_id = _document(api, "en")
    body: dict[str, Any] = {"title": "Race", "channels": ["portal"],
                            "items": [api.item(document_id), api.item(document_id, "en")]}
    headers = {"Idempotency-Key": new_id(), "Authorization": api.session.headers["Authorization"]}
    answers: list[requests.Response] = []
    start = threading.Barrier(2)

    def send() -> None:
        start.wait()
        answers.append(requests.post(f"{portal.url}/v1/releases", json=body, headers=headers, timeout=TIMEOUT))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].content == answers[1].content
    assert sorted(a.headers.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    assert len(_release_entries(api, document_id)) == 2


# --- validated whole ----------------------------------------------------------------------------------------------

def test_one_stale_item_refuses_the_whole_release_and_nothing_goes_live(api: Api) -> None:
    fresh, stale = _document(api, "en"), _document(api, "en")
    items = [api.item(fresh), api.item(fresh, "en"), api.item(stale), api.item(stale, "en")]
    etag = api.staged(stale, "en")["etag"]
    newer = api.put_variant(stale, "en", variant_body("Changed meanwhile"), etag=etag).json()

    answer = api.release(items)

    problem = assert_problem(answer, 409, "release-conflict")
    assert problem["conflicts"] == [{"document_id": stale, "locale": "en", "reason": "stale", "current": {
        "version": 2, "etag": newer["etag"], "content_hash": newer["content_hash"], "live": None}}]
    for document_id, lang in ((fresh, None), (fresh, "en"), (stale, None)):
        path = f"/v1/documents/{document_id}" + ("" if lang is None else f"/locales/{lang}")
        assert api.get(path).json()["live"] is None
    assert _release_entries(api, fresh) == []


def test_an_item_with_the_right_version_but_another_hash_is_stale(api: Api) -> None:
    document_id = _document(api)
    item = {**api.item(document_id), "content_hash": "sha256:" + "0" * 64}

    problem = assert_problem(api.release([item]), 409, "release-conflict")

    assert problem["conflicts"][0]["reason"] == "stale"


def test_a_deleted_or_unknown_document_is_a_conflict(api: Api) -> None:
    deleted = _document(api)
    item = api.item(deleted)
    api.request("DELETE", f"/v1/documents/{deleted}", headers={"If-Match": "*"})
    unknown = {"document_id": new_id(), "locale": None, "version": 1, "content_hash": "sha256:" + "1" * 64}

    problem = assert_problem(api.release([item, unknown]), 409, "release-conflict")

    assert [(c["document_id"], c["reason"]) for c in problem["conflicts"]] == [
        (deleted, "deleted"), (unknown["document_id"], "not-found")]


def test_a_variant_needs_its_core_live_or_in_the_same_release(api: Api) -> None:
    document_id = _document(api, "de")

    problem = assert_problem(api.release([api.item(document_id, "de")]), 409, "release-conflict")
    assert problem["conflicts"][0]["reason"] == "core-not-live"

    assert api.release([api.item(document_id, "de"), api.item(document_id)]).status_code == 201
    assert api.put_variant(document_id, "fr", variant_body("Titre")).status_code == 201
    assert api.release([api.item(document_id, "fr")]).status_code == 201


def test_a_refused_release_keeps_no_answer_under_its_key(api: Api) -> None:
    document_id = _document(api, "es")
    key = new_id()
    assert api.release([api.item(document_id, "es")], key=key).status_code == 409

    answer = api.release([api.item(document_id, "es"), api.item(document_id)], key=key)

    assert answer.status_code == 201 and "Idempotent-Replayed" not in answer.headers


def test_an_unknown_channel_is_422(api: Api) -> None:
    document_id = _document(api)

    answer = api.release([api.item(document_id)], channels=("portal", "wechat"))

    assert assert_problem(answer, 422, "unknown-channel")["channels"] == ["portal"]
    assert api.get(f"/v1/documents/{document_id}").json()["live"] is None


def test_a_release_body_of_the_wrong_shape_is_422(api: Api) -> None:
    document_id = _document(api)
    item = api.item(document_id)

    problem = assert_problem(api.release([item, dict(item), {**item, "version": "1", "x": 1}]), 422, "invalid-body")
    assert {e["pointer"] for e in problem["errors"]} == {"/items/1", "/items/2", "/items/2/version", "/items/2/x"}
    assert_problem(api.release([]), 422, "invalid-body")
    assert_problem(api.release([{**item, "locale": "xx"}]), 422, "invalid-body")
