"""End-to-end tests: Studio started as a user starts it, in child processes, some of them rendering its window.

Every test here is marked `slow`; `make test-fast` leaves them out, `make test` runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees every collected item, wherever its file is: mark only this folder's.
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)
