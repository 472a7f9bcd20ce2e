"""The change feed: every staged write, deletion and released item, in order, paged by an opaque cursor."""

from __future__ import annotations

import pytest

from tests.portal.helpers import Api, assert_problem, core_body, new_id, variant_body


def test_the_feed_records_every_change_in_order_and_pages_by_cursor(api: Api) -> None:
    _, cursor = api.changes_to_end()
    document_id = new_id()
    core = api.put_core(document_id, core_body()).json()
    variant = api.put_variant(document_id, "en", variant_body("One")).json()
    moved = core_body(section="work")
    core2 = api.put_core(document_id, moved, etag=core["etag"]).json()
    assert api.put_core(document_id, moved, etag=core2["etag"]).json() == core2  # the same content: no change
    release = api.publish(document_id, "en")
    api.request("DELETE", f"/v1/documents/{document_id}", headers={"If-Match": f'"{core2["etag"]}"'})

    pages, seen = 0, []
    while True:
        page = api.get("/v1/changes", params={"cursor": cursor, "limit": 2}).json()
        assert len(page["changes"]) <= 2
        seen += page["changes"]
        pages += 1
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break

    assert pages == 3
    assert [c["seq"] for c in seen] == sorted(c["seq"] for c in seen)
    assert [(c["kind"], c["locale"], c["version"], c["etag"], c["content_hash"], c["release_id"]) for c in seen] == [
        ("document", None, 1, core["etag"], core["content_hash"], None),
        ("variant", "en", 1, variant["etag"], variant["content_hash"], None),
        ("document", None, 2, core2["etag"], core2["content_hash"], None),
        ("release", None, 2, core2["etag"], core2["content_hash"], release["id"]),
        ("release", "en", 1, variant["etag"], variant["content_hash"], release["id"]),
        ("deletion", None, None, None, None, None),
    ]
    assert {c["document_id"] for c in seen} == {document_id}
    assert all(c["at"].endswith("Z") for c in seen)
    assert seen[3]["at"] == release["published_at"]


def test_a_cursor_at_the_end_stays_there_until_something_changes(api: Api) -> None:
    _, cursor = api.changes_to_end()

    empty = api.get("/v1/changes", params={"cursor": cursor}).json()
    assert empty == {"changes": [], "next_cursor": cursor, "has_more": False}

    document_id = new_id()
    api.put_core(document_id, core_body())
    after = api.get("/v1/changes", params={"cursor": cursor}).json()
    assert [c["document_id"] for c in after["changes"]] == [document_id]
    assert after["next_cursor"] != cursor


@pytest.mark.parametrize("params", [{}, {"cursor": ""}])
def test_no_cursor_starts_from_the_beginning(api: Api, params: dict[str, str]) -> None:
    api.put_core(new_id(), core_body())

    first = api.get("/v1/changes", params={**params, "limit": 1}).json()

    assert first["changes"][0]["seq"] == 1 and first["has_more"] is True


@pytest.mark.parametrize("cursor", ["not-a-cursor!", "c2VxOg", "Zm9vOjE"])
def test_a_cursor_the_feed_never_gave_is_400(api: Api, cursor: str) -> None:
    assert_problem(api.get("/v1/changes", params={"cursor": cursor}), 400, "invalid-cursor")


@pytest.mark.parametrize("limit", ["0", "1001"])
def test_a_page_holds_1_to_1000_changes(api: Api, limit: str) -> None:
    assert_problem(api.get("/v1/changes", params={"limit": limit}), 400, "invalid-parameter")
