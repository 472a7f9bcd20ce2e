"""Fixtures of the reference portal's tests: one real server per test module (with faults enabled), a client
holding every scope, and a clean fault queue around every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.portal.helpers import Api, api_client
from tests.portal.server import Portal, running_portal


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    with running_portal(tmp_path_factory.mktemp("portal"), faults=True) as server:
        yield server


@pytest.fixture(scope="module")
def api(portal: Portal) -> Iterator[Api]:
    with api_client(portal.url, portal.token()) as client:
        yield client


@pytest.fixture(autouse=True)
def _no_faults_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "portal" in request.fixturenames:
        portal: Portal = request.getfixturevalue("portal")
        if portal.running:
            portal.clear_faults()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test here but the contract file's talks to a real server in a child process (about 30 s in all):
    # `slow`, like tests/e2e, so `make test-fast` leaves them out and `make test` runs them.
    # The hook sees every collected item, wherever its file is: mark only this folder's.
    here = Path(__file__).parent
    for item in items:
        if item.path.parent == here and item.path.name != "test_openapi.py":
            item.add_marker(pytest.mark.slow)
