"""Assets are stored under the SHA-256 of their bytes, which the portal checks."""

from __future__ import annotations

import hashlib
import os

from tests.portal.helpers import Api, assert_problem


def test_an_asset_is_stored_once_and_served_as_sent(api: Api) -> None:
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()

    first = api.put(f"/v1/assets/{sha}", data=data, headers={"Content-Type": "image/png"})
    again = api.put(f"/v1/assets/{sha}", data=data, headers={"Content-Type": "image/png"})
    served = api.get(f"/v1/assets/{sha}")

    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == {"sha256": sha, "size": 3000, "media_type": "image/png"}
    assert served.status_code == 200 and served.content == data
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["ETag"] == f'"{sha}"'


def test_bytes_that_do_not_match_their_hash_are_422_and_not_stored(api: Api) -> None:
    sha = hashlib.sha256(b"the real file").hexdigest()

    answer = api.put(f"/v1/assets/{sha}", data=b"the real fil", headers={"Content-Type": "application/pdf"})

    problem = assert_problem(answer, 422, "hash-mismatch")
    assert problem["actual"] == hashlib.sha256(b"the real fil").hexdigest()
    assert_problem(api.get(f"/v1/assets/{sha}"), 404, "not-found")


def test_a_name_that_is_no_sha256_is_422(api: Api) -> None:
    assert_problem(api.put("/v1/assets/not-a-hash", data=b"x"), 422, "hash-mismatch")


def test_an_asset_not_stored_is_404(api: Api) -> None:
    assert_problem(api.get(f"/v1/assets/{'a' * 64}"), 404, "not-found")
