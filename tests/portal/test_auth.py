"""Bearer tokens and scopes: 401 for a missing, unknown or expired token, 403 for a missing scope."""

from __future__ import annotations

import pytest
import requests

from tests.portal.helpers import SCOPED_ROUTES, TIMEOUT, Api, api_client, assert_problem, concrete, core_body, new_id
from tests.portal.server import Portal

ALL_SCOPES = ("content:read", "content:write", "release:create")


def _call(portal: Portal, method: str, path: str, token: str | None = None,
          authorization: str | None = None) -> requests.Response:
    headers = {"If-None-Match": "*", "Idempotency-Key": new_id()}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if authorization is not None:
        headers["Authorization"] = authorization
    return requests.request(method, portal.url + path, headers=headers, json={}, timeout=TIMEOUT)


def _assert_unauthorized(answer: requests.Response) -> None:
    assert_problem(answer, 401, "unauthorized")
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "template", "scope"), SCOPED_ROUTES)
def test_every_route_needs_a_token(portal: Portal, method: str, template: str, scope: str) -> None:
    _assert_unauthorized(_call(portal, method, concrete(template)))


@pytest.mark.parametrize("authorization", ["Bearer", "Basic dXNlcjpwYXNz", "Bearer rpt_made-up", "rpt_no-scheme"])
def test_a_malformed_or_unknown_token_is_401(portal: Portal, authorization: str) -> None:
    _assert_unauthorized(_call(portal, "GET", "/v1/capabilities", authorization=authorization))


def test_an_expired_token_is_401(portal: Portal) -> None:
    token = portal.token("content:read", expires_in=0)

    answer = _call(portal, "GET", "/v1/capabilities", token)

    _assert_unauthorized(answer)
    assert "expired" in answer.json()["detail"]
    assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]


def test_a_token_that_has_not_expired_works(portal: Portal) -> None:
    assert _call(portal, "GET", "/v1/capabilities", portal.token("content:read", expires_in=3600)).status_code == 200


@pytest.fixture(scope="module")
def tokens_lacking(portal: Portal) -> dict[str, str]:
    """For each scope, a token holding the other two."""
    return {scope: portal.token(*(s for s in ALL_SCOPES if s != scope)) for scope in ALL_SCOPES}


@pytest.mark.parametrize(("method", "template", "scope"), SCOPED_ROUTES)
def test_a_token_without_the_routes_scope_is_403(portal: Portal, tokens_lacking: dict[str, str], method: str,
                                                 template: str, scope: str) -> None:
    answer = _call(portal, method, concrete(template), tokens_lacking[scope])

    problem = assert_problem(answer, 403, "insufficient-scope")
    assert problem["required_scope"] == scope


def test_the_scopes_of_a_token_allow_exactly_their_routes(portal: Portal) -> None:
    document_id = new_id()
    with api_client(portal.url, portal.token("content:write")) as writer, \
            api_client(portal.url, portal.token("content:read")) as reader:
        assert writer.put_core(document_id, core_body()).status_code == 201
        assert reader.get(f"/v1/documents/{document_id}").status_code == 200
        assert_problem(reader.put_core(new_id(), core_body()), 403)
        assert_problem(writer.get(f"/v1/documents/{document_id}"), 403)


def test_capabilities_describe_the_portal(api: Api) -> None:
    answer = api.get("/v1/capabilities")

    assert answer.status_code == 200
    capabilities = answer.json()
    assert capabilities["api_version"] == "1"
    assert capabilities["locales"] == ["zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
    assert capabilities["channels"] == ["portal"]
    assert capabilities["max_release_items"] == 10000
    assert capabilities["max_asset_bytes"] > 0
