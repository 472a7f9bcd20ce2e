"""Shared fixtures: real SQLite workspaces in temporary folders, PostgreSQL when the test run started one."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's settings (window layout, chosen columns, last user) go to a throwaway folder, never the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="studio-test-config-")
# Keep every test away from the real user's workspace and passwords.
for _name in ("STUDIO_WORKSPACE", "STUDIO_DATABASE_URL", "STUDIO_USER", "STUDIO_PASSWORD", "STUDIO_NEW_PASSWORD"):
    os.environ.pop(_name, None)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from studio.workflow import passwords  # noqa: E402
from studio.workspace import Workspace  # noqa: E402

# Accounts get scrypt at a test cost. Studio's n = 2**14 takes about 30 ms a hash and most tests create and sign in
# accounts: a third of `make test-fast` went to it. Each hash carries its parameters, so hashing and checking run
# the same code as in use; the tests in tests/e2e run Studio in child processes at the real cost.
passwords._N = 2**10

POSTGRES_URL = os.environ.get("STUDIO_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path | None, str | None]]:
    """Where to create a workspace: a SQLite folder, or an emptied PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "workspace", None
        return
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server for this run (make test starts one)")
    _reset_postgres(POSTGRES_URL)
    yield None, POSTGRES_URL


def _signed_in_workspace(folder: Path | None, url: str | None) -> Workspace:
    """A new, empty workspace with a supervisor who can do everything, signed in."""
    ws = Workspace.create(folder, url)
    ws.add_user("boss", ["supervisor", "editor", "reviewer"], "boss-password", ["fr", "de", "ar"])
    ws.sign_in("boss", "boss-password")
    return ws


@pytest.fixture
def workspace(database: tuple[Path | None, str | None]) -> Iterator[Workspace]:
    """On each database in turn."""
    with _signed_in_workspace(*database) as ws:
        yield ws


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    with _signed_in_workspace(tmp_path / "workspace", None) as ws:
        yield ws
