"""Fixtures of the publishing tests: the real reference portal (one per test module, faults on) and ways to reach
it: `connect(*scopes)` makes a `Connection` with a new token, `portal_api` reads the portal as any client would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from studio.sync.config import Connection
from tests.portal.server import Portal, running_portal

ALL_SCOPES = ("content:read", "content:write", "release:create")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    with running_portal(tmp_path_factory.mktemp("portal"), faults=True) as running:
        yield running


@pytest.fixture(scope="module")
def full_token(portal: Portal) -> str:
    return portal.token(*ALL_SCOPES)


@pytest.fixture
def connect(portal: Portal, full_token: str) -> Iterator[Callable[..., Connection]]:
    """`connect()` reaches the portal with every scope; `connect("content:read", ...)` with a new token holding only
    those; `expires_in=0` an expired one; `read_timeout` shortens the wait for an answer."""

    def make(*scopes: str, expires_in: float | None = None, read_timeout: float = 10.0) -> Connection:
        token = full_token if not scopes and expires_in is None else portal.token(*(scopes or ALL_SCOPES),
                                                                                  expires_in=expires_in)
        return Connection(portal.url, token, read_timeout=read_timeout)

    yield make
    portal.clear_faults()


class PortalApi:
    """The portal's own API, read (and written, as a portal editor would) with a full token."""

    def __init__(self, portal: Portal, token: str) -> None:
        self.portal = portal
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str) -> Any:
        answer = requests.get(self.portal.url + path, headers=self.headers, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, self.portal.url + path, headers={**self.headers, **kwargs.pop("headers", {})},
                                timeout=10, **kwargs)

    def releases(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        after = ""
        while True:
            page = self.get("/v1/releases?limit=1000" + (f"&after={after}" if after else ""))
            found += page["releases"]
            if not page["has_more"]:
                return found
            after = page["next_after"]

    def page(self, path: str) -> requests.Response:
        return requests.get(self.portal.url + path, timeout=10)


@pytest.fixture(scope="module")
def portal_api(portal: Portal, full_token: str) -> PortalApi:
    return PortalApi(portal, full_token)
