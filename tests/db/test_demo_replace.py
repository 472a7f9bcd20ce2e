"""`studio demo --force` replaces the content in one transaction and never touches existing accounts (issue 7, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from studio.content.importers import ImportOptions
from studio.demo import demo_documents, demo_edits, fill_demo
from studio.errors import PermissionDenied, WorkspaceError
from studio.jobs import run_job
from studio.models import AuditEvent, Cell, User
from studio.workspace import Workspace
from tests.helpers import engine, guide, office, snapshot, write_json


def refuse_source_edits(ws: Workspace) -> None:
    """Make the database itself fail at the last step of a demo fill (its source edits), after the old
    documents were deleted and the new ones inserted: a failure in the middle of the transaction."""
    with engine(ws).begin() as conn:
        if engine(ws).dialect.name == "sqlite":
            conn.execute(text("CREATE TRIGGER refuse_edits BEFORE INSERT ON audit_events "
                              "WHEN NEW.action = 'edit_source' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"))
        else:
            conn.execute(text("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                              "RAISE EXCEPTION 'simulated failure'; END $$ LANGUAGE plpgsql"))
            conn.execute(text("CREATE TRIGGER refuse_edits BEFORE INSERT ON audit_events FOR EACH ROW "
                              "WHEN (NEW.action = 'edit_source') EXECUTE FUNCTION refuse()"))


def password_hashes(ws: Workspace) -> dict[str, str]:
    with engine(ws).connect() as conn:
        return dict(conn.execute(select(User.name, User.password_hash)).all())


@pytest.fixture
def team_workspace(database: tuple[Path | None, str | None], tmp_path: Path) -> Iterator[Workspace]:
    """A real team's workspace: a supervisor `chief`, a real account that happens to be named `editor` (a
    reviewer, so it may not import), and documents of their own. Signed in as `chief`."""
    with Workspace.create(*database) as ws:
        ws.add_user("chief", ["supervisor"], "chief-password")
        ws.sign_in("chief", "chief-password")
        ws.add_user("editor", ["reviewer"], "real-editor-password", ["fr"])
        ws.add_user("mei", ["editor"], "mei-password")
        ws.sign_in("mei", "mei-password")
        run_job(ws.import_files([write_json(tmp_path / "own.json", [office(), guide()])], _options()))
        ws.sign_in("chief", "chief-password")
        yield ws


def _options() -> ImportOptions:
    return ImportOptions()


def test_a_supervisor_replaces_the_content_and_every_account_stays_as_it_was(team_workspace):
    ws = team_workspace
    hashes = password_hashes(ws)
    own = {row.id for row in ws.documents()}
    changes = run_job(fill_demo(ws, force=True))
    assert password_hashes(ws) == hashes  # nobody re-keyed, no demo account added
    assert not changes.users
    rows = ws.documents()
    assert not own & {row.id for row in rows}
    assert sorted(row.slug for row in rows) == sorted(doc.slug for doc in demo_documents())
    assert changes.cells  # the demo's source edits made some translations outdated
    # chief reviews no language: the demo's approvals are held back, and the summary says so.
    assert "approved translations in zh-Hans, en, ja, de, fr, ar were imported as translated" in changes.summary
    with Session(engine(ws)) as session:
        assert not session.scalar(select(func.count()).select_from(Cell).where(Cell.state == "approved"))
        authors = set(session.scalars(select(AuditEvent.actor).where(AuditEvent.action.in_(
            ["demo", "edit_source", "replace_content"]))))
    assert authors == {"chief"}


def test_a_replacement_that_fails_midway_leaves_documents_and_passwords_as_they_were(team_workspace):
    ws = team_workspace
    refuse_source_edits(ws)
    before = snapshot(ws)
    with pytest.raises(WorkspaceError, match="simulated failure"):
        run_job(fill_demo(ws, force=True))
    assert snapshot(ws) == before


def test_only_a_supervisor_replaces_the_content(team_workspace):
    ws = team_workspace
    ws.sign_in("mei", "mei-password")
    before = snapshot(ws)
    with pytest.raises(PermissionDenied, match="mei may not replace the workspace's content"):
        run_job(fill_demo(ws, force=True))
    assert snapshot(ws) == before


@pytest.mark.slow
def test_the_demo_in_a_new_workspace_is_one_transaction_too(database):
    """Accounts and content go in together: a failure leaves an empty workspace the demo can fill again."""
    with Workspace.create(*database) as ws:
        refuse_source_edits(ws)
        before = snapshot(ws)
        with pytest.raises(WorkspaceError, match="simulated failure"):
            run_job(fill_demo(ws))
        assert snapshot(ws) == before
        with engine(ws).begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_edits" if engine(ws).dialect.name == "sqlite"
                              else "DROP TRIGGER refuse_edits ON audit_events"))
        changes = run_job(fill_demo(ws))
        assert changes.users
        assert {u.name for u in ws.users()} == {"supervisor", "editor", "reviewer", "lead"}
        assert len(ws.documents()) == len(demo_documents())
        assert len(demo_edits()) > 0 and changes.cells
        ws.sign_in("editor", "editor-demo")


@pytest.mark.slow
def test_every_approval_of_the_demo_was_made_by_a_reviewer_of_its_language(database):
    """Only a reviewer approves (issue 7, item 2), the demo included: its approved translations are approvals by
    the demo reviewers, recorded as such, in every language the demo content approves."""
    with Workspace.create(*database) as ws:
        run_job(fill_demo(ws))
        shown_as = ws.display_names()  # the history names people as the interface does
        reviewers = {shown_as[u.name]: u.review_locales for u in ws.users()}
        with Session(engine(ws)) as session:
            approved = session.execute(select(Cell.segment_id, Cell.locale).where(Cell.state == "approved")).all()
        assert {locale for _, locale in approved} >= {"en", "fr", "ja", "de", "ar"}
        for segment_id, locale in approved:
            last = ws.history(segment_id, locale)[0]  # newest first
            assert last.event == "approved" and locale in reviewers[last.author], (segment_id, locale, last)


@pytest.mark.slow
def test_a_replacement_killed_midway_leaves_everything_as_it_was(team_workspace):
    """kill -9 of `studio demo --force` while its transaction is open (old documents deleted, new ones
    inserted), on PostgreSQL where the server lets the test hold the transaction at that point."""
    ws = team_workspace
    if engine(ws).dialect.name != "postgresql":
        pytest.skip("the transaction is held open by a server-side trigger, a PostgreSQL feature")
    url = engine(ws).url.render_as_string(hide_password=False)
    with engine(ws).begin() as conn:
        conn.execute(text("CREATE FUNCTION stall() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(120); "
                          "RETURN NEW; END $$ LANGUAGE plpgsql"))
        conn.execute(text("CREATE TRIGGER stall_edits BEFORE INSERT ON audit_events FOR EACH ROW "
                          "WHEN (NEW.action = 'edit_source') EXECUTE FUNCTION stall()"))
    before = snapshot(ws)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env["STUDIO_PASSWORD"] = "chief-password"
    child = subprocess.Popen([sys.executable, "-m", "studio", "--database-url", url, "--user", "chief", "demo",
                              "--force"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        backend = _wait_for_stalled_backend(ws, child)
        child.kill()
        child.wait()
        with engine(ws).begin() as conn:  # the server would notice the dead client only when the sleep ends
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert snapshot(ws) == before


def _wait_for_stalled_backend(ws: Workspace, child: subprocess.Popen[bytes]) -> int:
    """The server process of `child`'s connection once it sleeps in the trigger, mid-transaction."""
    deadline = 120
    with engine(ws).connect() as conn:
        for _ in range(deadline * 10):
            pid = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep'")).scalar()
            if pid is not None:
                return int(pid)
            assert child.poll() is None, "demo --force ended before reaching its source edits"
            conn.commit()
            time.sleep(0.1)  # polling the server's own view: there is no signal to await across processes
    raise AssertionError("demo --force never reached its source edits")
