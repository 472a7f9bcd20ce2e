"""Staging a document's core and its variants: every write conditional, every refusal a problem+json."""

from __future__ import annotations

import pytest

from tests.portal.helpers import Api, assert_problem, content_hash, core_body, new_id, variant_body


def test_a_write_without_a_precondition_is_refused_with_428(api: Api) -> None:
    answer = api.put(f"/v1/documents/{new_id()}", json=core_body())

    assert_problem(answer, 428, "precondition-required")


def test_creating_answers_201_with_a_strong_etag_version_1_and_the_hash_of_the_body(api: Api) -> None:
    document_id, body = new_id(), core_body()

    answer = api.put_core(document_id, body)

    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created == {"id": document_id, "version": 1, "etag": created["etag"], "content_hash": content_hash(body)}
    assert answer.headers["ETag"] == f'"{created["etag"]}"'
    assert answer.headers["Location"] == f"/v1/documents/{document_id}"


def test_creating_what_exists_is_412_with_the_current_state(api: Api) -> None:
    document_id, body = new_id(), core_body()
    created = api.put_core(document_id, body).json()

    answer = api.put_core(document_id, core_body(slug="another-slug"))

    problem = assert_problem(answer, 412, "stale-write")
    assert problem["current"] == {"version": 1, "etag": created["etag"], "content_hash": created["content_hash"],
                                  "content": body}


def test_an_update_with_the_current_etag_answers_200_and_the_next_version(api: Api) -> None:
    document_id = new_id()
    first = api.put_core(document_id, core_body()).json()
    changed = core_body(section="work")

    answer = api.put_core(document_id, changed, etag=first["etag"])

    assert answer.status_code == 200, answer.text
    second = answer.json()
    assert second["version"] == 2 and second["content_hash"] == content_hash(changed)
    assert second["etag"] != first["etag"]
    assert answer.headers["ETag"] == f'"{second["etag"]}"'


def test_an_update_with_a_stale_etag_is_412_with_the_current_state_and_changes_nothing(api: Api) -> None:
    document_id = new_id()
    first = api.put_core(document_id, core_body()).json()
    newer_body = core_body(section="work")
    newer = api.put_core(document_id, newer_body, etag=first["etag"]).json()

    answer = api.put_core(document_id, core_body(section="study"), etag=first["etag"])

    problem = assert_problem(answer, 412, "stale-write")
    assert problem["current"] == {"version": 2, "etag": newer["etag"], "content_hash": newer["content_hash"],
                                  "content": newer_body}
    assert api.staged(document_id)["content"] == newer_body


def test_writing_the_staged_content_again_keeps_its_version_and_etag(api: Api) -> None:
    document_id, body = new_id(), core_body()
    first = api.put_core(document_id, body).json()

    answer = api.put_core(document_id, dict(body), etag=first["etag"])

    assert answer.status_code == 200, answer.text
    assert answer.json() == first


def test_if_match_on_a_document_that_does_not_exist_is_412_with_no_current_state(api: Api) -> None:
    answer = api.put_core(new_id(), core_body(), etag="0123456789abcdef")

    assert assert_problem(answer, 412, "stale-write")["current"] is None


def test_if_match_star_updates_whatever_is_staged(api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())

    answer = api.put(f"/v1/documents/{document_id}", json=core_body(section="shop"), headers={"If-Match": "*"})

    assert answer.status_code == 200 and answer.json()["version"] == 2


def test_a_weak_etag_never_matches(api: Api) -> None:
    document_id = new_id()
    etag = api.put_core(document_id, core_body()).json()["etag"]

    answer = api.put(f"/v1/documents/{document_id}", json=core_body(section="shop"),
                     headers={"If-Match": f'W/"{etag}"'})

    assert_problem(answer, 412, "stale-write")


@pytest.mark.parametrize("headers", [{"If-Match": "no-quotes"}, {"If-None-Match": '"abc"'}])
def test_a_malformed_precondition_is_400(api: Api, headers: dict[str, str]) -> None:
    answer = api.put(f"/v1/documents/{new_id()}", json=core_body(), headers=headers)

    assert_problem(answer, 400, "invalid-precondition")


def test_reading_a_document_shows_what_is_staged_and_that_nothing_is_live(api: Api) -> None:
    document_id, body = new_id(), core_body()
    created = api.put_core(document_id, body).json()

    answer = api.get(f"/v1/documents/{document_id}")

    assert answer.status_code == 200
    assert answer.headers["ETag"] == f'"{created["etag"]}"'
    assert answer.json() == {"id": document_id, "live": None, "staged": {
        "version": 1, "etag": created["etag"], "content_hash": content_hash(body), "content": body}}


def test_a_document_that_does_not_exist_is_404(api: Api) -> None:
    assert_problem(api.get(f"/v1/documents/{new_id()}"), 404, "not-found")


# --- variants ---------------------------------------------------------------------------------------------------

def test_a_variant_is_staged_under_the_same_rules(api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())
    body = variant_body("Book a visit", description="Booking.", how_to_book=["Open the page", "Pick a day"])
    path = f"/v1/documents/{document_id}/locales/fr"

    assert_problem(api.put(path, json=body), 428, "precondition-required")
    created = api.put_variant(document_id, "fr", body)
    assert created.status_code == 201, created.text
    assert created.json() == {"id": document_id, "lang": "fr", "version": 1, "etag": created.json()["etag"],
                              "content_hash": content_hash(body)}
    assert_problem(api.put_variant(document_id, "fr", body), 412, "stale-write")
    same = api.put_variant(document_id, "fr", body, etag=created.json()["etag"])
    assert same.status_code == 200 and same.json()["version"] == 1
    updated = api.put_variant(document_id, "fr", variant_body("Prendre rendez-vous"), etag=created.json()["etag"])
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = api.put_variant(document_id, "fr", variant_body("Encore"), etag=created.json()["etag"])
    assert assert_problem(stale, 412, "stale-write")["current"]["content"] == variant_body("Prendre rendez-vous")

    shown = api.get(path)
    assert shown.status_code == 200 and shown.headers["ETag"] == f'"{updated.json()["etag"]}"'
    assert shown.json()["lang"] == "fr" and shown.json()["staged"]["version"] == 2 and shown.json()["live"] is None


def test_a_variant_of_a_document_that_does_not_exist_is_404(api: Api) -> None:
    assert_problem(api.put_variant(new_id(), "en", variant_body()), 404, "not-found")


def test_a_variant_not_staged_is_404(api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())

    assert_problem(api.get(f"/v1/documents/{document_id}/locales/de"), 404, "not-found")


@pytest.mark.parametrize("lang", ["xx", "zh", "en-GB", "EN"])
def test_a_locale_the_portal_does_not_have_is_404(api: Api, lang: str) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())

    assert_problem(api.put_variant(document_id, lang, variant_body()), 404, "unknown-locale")
    assert_problem(api.get(f"/v1/documents/{document_id}/locales/{lang}"), 404, "unknown-locale")


# --- deletion ---------------------------------------------------------------------------------------------------

def test_deleting_needs_the_current_etag_and_then_everything_of_the_document_is_gone(api: Api) -> None:
    document_id = new_id()
    etag = api.put_core(document_id, core_body()).json()["etag"]
    variant_etag = api.put_variant(document_id, "en", variant_body()).json()["etag"]
    path = f"/v1/documents/{document_id}"

    assert_problem(api.request("DELETE", path), 428, "precondition-required")
    assert_problem(api.request("DELETE", path, headers={"If-None-Match": "*"}), 428, "precondition-required")
    assert_problem(api.request("DELETE", path, headers={"If-Match": '"stale"'}), 412, "stale-write")
    deleted = api.request("DELETE", path, headers={"If-Match": f'"{etag}"'})
    assert deleted.status_code == 204 and deleted.content == b""

    gone = assert_problem(api.get(path), 410, "document-deleted")
    assert gone["document_id"] == document_id and gone["deleted_at"]
    assert_problem(api.get(f"{path}/locales/en"), 410, "document-deleted")
    assert_problem(api.put_variant(document_id, "en", variant_body("x"), etag=variant_etag), 410, "document-deleted")
    assert_problem(api.put_variant(document_id, "ko", variant_body("x")), 410, "document-deleted")
    assert_problem(api.put_core(document_id, core_body(), etag=etag), 410, "document-deleted")
    assert_problem(api.put_core(document_id, core_body()), 410, "document-deleted")
    assert_problem(api.request("DELETE", path, headers={"If-Match": f'"{etag}"'}), 410, "document-deleted")


def test_deleting_a_document_that_does_not_exist_is_404(api: Api) -> None:
    assert_problem(api.request("DELETE", f"/v1/documents/{new_id()}", headers={"If-Match": "*"}), 404, "not-found")


# --- bodies -----------------------------------------------------------------------------------------------------

def test_a_body_of_the_wrong_shape_is_422_listing_every_fault(api: Api) -> None:
    body = core_body(slug="Not A Slug", source_locale="xx", extra=1)
    del body["type"]

    problem = assert_problem(api.put_core(new_id(), body), 422, "invalid-body")

    assert {e["pointer"] for e in problem["errors"]} == {"/type", "/slug", "/source_locale", "/extra"}


def test_a_variant_needs_a_title_and_fields(api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())

    problem = assert_problem(api.put_variant(document_id, "en", {"title": "", "fields": []}), 422, "invalid-body")

    assert {e["pointer"] for e in problem["errors"]} == {"/title", "/fields"}


@pytest.mark.parametrize("raw", [b"{not json", b'{"type": "a", "type": "b"}', b'{"n": NaN}', b"\xff\xfe"])
def test_a_body_that_is_not_strict_json_is_400(api: Api, raw: bytes) -> None:
    answer = api.put(f"/v1/documents/{new_id()}", data=raw,
                     headers={"If-None-Match": "*", "Content-Type": "application/json"})

    assert_problem(answer, 400, "malformed-json")


def test_a_body_that_is_not_json_is_415(api: Api) -> None:
    answer = api.put(f"/v1/documents/{new_id()}", data=b"type=service",
                     headers={"If-None-Match": "*", "Content-Type": "application/x-www-form-urlencoded"})

    assert_problem(answer, 415, "unsupported-media-type")


def test_a_body_too_large_is_413(api: Api) -> None:
    body = core_body()
    body["fields"]["padding"] = "x" * (2 * 1024 * 1024)

    assert_problem(api.put_core(new_id(), body), 413, "too-large")


def test_hashes_cover_non_ascii_text_as_utf_8(api: Api) -> None:
    document_id = new_id()
    api.put_core(document_id, core_body())
    body = variant_body("外国人工作许可", description="办理“外国人来华工作许可”。", note="الخطوة ٣")

    answer = api.put_variant(document_id, "zh-Hans", body)

    assert answer.json()["content_hash"] == content_hash(body)


# --- listing ----------------------------------------------------------------------------------------------------

def test_the_list_of_documents_pages_through_every_id_with_its_state(api: Api) -> None:
    prefix = new_id()[:8]
    ids = [f"{prefix}-list-{n}" for n in range(5)]
    for document_id in ids:
        api.put_core(document_id, core_body())
    api.put_variant(ids[0], "ja", variant_body("予約"))
    etag = api.staged(ids[1])["etag"]
    api.request("DELETE", f"/v1/documents/{ids[1]}", headers={"If-Match": f'"{etag}"'})

    seen: dict[str, dict] = {}
    after = f"{prefix}-list"
    while True:
        page = api.get("/v1/documents", params={"limit": 2, "after": after}).json()
        assert len(page["documents"]) <= 2
        seen.update((d["id"], d) for d in page["documents"] if d["id"].startswith(f"{prefix}-list"))
        if not page["has_more"]:
            break
        after = page["next_after"]

    assert list(seen) == ids
    assert seen[ids[0]]["locales"]["ja"]["staged"]["version"] == 1
    assert seen[ids[0]]["staged"]["version"] == 1 and seen[ids[0]]["live"] is None
    assert "content" not in seen[ids[0]]["staged"]
    assert seen[ids[1]]["deleted_at"] and seen[ids[2]]["deleted_at"] is None


@pytest.mark.parametrize("limit", ["0", "1001", "many"])
def test_a_page_size_out_of_range_is_400(api: Api, limit: str) -> None:
    assert_problem(api.get("/v1/documents", params={"limit": limit}), 400, "invalid-parameter")
