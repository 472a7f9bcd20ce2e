"""Accounts, passwords and the role guards that operations enforce themselves."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.errors import AuthenticationError, PermissionDenied, ValidationError
from studio.models import AuditEvent, User
from tests.helpers import engine, snapshot


def test_passwords_are_salted_scrypt_hashes(workspace):
    workspace.add_user("mei", ["editor"], "same-password")
    workspace.add_user("jun", ["editor"], "same-password")
    with engine(workspace).connect() as conn:
        hashes = dict(conn.execute(select(User.name, User.password_hash)).all())
    assert hashes["mei"].startswith("scrypt$") and "same-password" not in hashes["mei"]
    assert hashes["mei"] != hashes["jun"]  # a salt of their own


def test_a_wrong_password_is_refused(workspace):
    workspace.add_user("mei", ["editor"], "right-password")
    before = snapshot(workspace)
    with pytest.raises(AuthenticationError, match="wrong user name or password for 'mei'"):
        workspace.sign_in("mei", "wrong-password")
    with pytest.raises(AuthenticationError):
        workspace.sign_in("nobody", "right-password")
    assert snapshot(workspace) == before


def test_only_a_supervisor_manages_users(workspace):
    workspace.add_user("mei", ["editor"], "editor-password")
    workspace.sign_in("mei", "editor-password")
    with pytest.raises(PermissionDenied, match="mei may not manage users: that needs the supervisor role"):
        workspace.add_user("intruder", ["supervisor"], "intruder-password")
    with pytest.raises(PermissionDenied):
        workspace.set_password("boss", "taken-over-1")
    workspace.set_password("mei", "a-new-password", old_password="editor-password")
    workspace.sign_in("mei", "a-new-password")


def test_changing_ones_own_password_needs_the_old_one(workspace):
    workspace.add_user("mei", ["editor"], "editor-password")
    workspace.sign_in("mei", "editor-password")
    with pytest.raises(AuthenticationError, match="wrong current password"):
        workspace.set_password("mei", "a-new-password", old_password="guess")


def test_reviewers_name_their_locales(workspace):
    with pytest.raises(ValidationError, match="a reviewer needs the locales"):
        workspace.add_user("claire", ["reviewer"], "reviewer-password")
    with pytest.raises(ValidationError, match="unknown locale 'xx'"):
        workspace.add_user("claire", ["reviewer"], "reviewer-password", ["fr", "xx"])
    workspace.add_user("claire", ["reviewer"], "reviewer-password", ["fr", "de"])
    claire = next(u for u in workspace.users() if u.name == "claire")
    assert claire.review_locales == {"fr", "de"}


def test_the_first_account_must_be_a_supervisor(tmp_path):
    from studio.workspace import Workspace

    with Workspace.create(tmp_path / "ws") as ws:
        with pytest.raises(ValidationError, match="first account .* supervisor"):
            ws.add_user("mei", ["editor"], "editor-password")
        ws.add_user("wang", ["supervisor"], "supervisor-password")
        with pytest.raises(PermissionDenied, match="you must sign in"):
            ws.add_user("mei", ["editor"], "editor-password")


def test_user_changes_are_audited_without_the_password(workspace):
    workspace.add_user("mei", ["editor"], "editor-password")
    with Session(engine(workspace)) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "add_user")).all()[-1]
    assert event.actor == "boss"
    assert event.after == {"name": "mei", "roles": ["editor"], "review_locales": []}
    assert "editor-password" not in str(event.after)


@pytest.mark.parametrize("name", ["editor\n", "editor\r", " editor", "editor "])
def test_a_user_name_with_a_line_break_or_space_is_refused_not_made_a_lookalike(workspace, name):
    """Issue 7, item 11: `^...$` with re.match let 'editor\\n' through as a second 'editor'."""
    before = snapshot(workspace)
    with pytest.raises(ValidationError, match="use 2-64 lower-case letters"):
        workspace.add_user(name, ["editor"], "editor-password")
    assert snapshot(workspace) == before


@pytest.mark.parametrize("blank", [" " * 8, "\t" * 10, "\u3000" * 8])
def test_a_password_of_blanks_only_is_refused(workspace, blank):
    """Issue 7, item 12: eight spaces were accepted as a password."""
    workspace.add_user("mei", ["editor"], "editor-password")
    before = snapshot(workspace)
    with pytest.raises(ValidationError, match="a password cannot be only spaces"):
        workspace.add_user("jun", ["editor"], blank)
    with pytest.raises(ValidationError, match="a password cannot be only spaces"):
        workspace.set_password("mei", blank)
    assert snapshot(workspace) == before


def test_signing_in_as_an_unknown_user_runs_the_same_scrypt_as_a_known_one(workspace, monkeypatch):
    """Issue 7, item 15: an unknown name was answered without any scrypt, so timing told which names exist.
    Every call goes through the real hashlib.scrypt; the test records the work each sign-in asked for."""
    workspace.add_user("mei", ["editor"], "editor-password")
    real_scrypt = hashlib.scrypt
    calls: list[tuple[int, int, int, int, int]] = []

    def recording_scrypt(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
        calls.append((n, r, p, dklen, len(salt)))
        return real_scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen)

    monkeypatch.setattr(hashlib, "scrypt", recording_scrypt)

    def work_of_a_refused_sign_in(name: str) -> list[tuple[int, int, int, int, int]]:
        calls.clear()
        with pytest.raises(AuthenticationError, match=f"wrong user name or password for {name!r}"):
            workspace.sign_in(name, "wrong-password")
        return list(calls)

    work_of_a_refused_sign_in("nobody")  # the first unknown name may also make the process's unmatchable hash
    known = work_of_a_refused_sign_in("mei")
    assert len(known) == 1
    assert work_of_a_refused_sign_in("nobody") == known
    assert work_of_a_refused_sign_in("someone-else") == known


@pytest.mark.parametrize("display_name", ["Evil\x1b[2Jman", "Wang\u202eJun", "Two\nlines", "x" * 101])
def test_a_display_name_that_could_spoof_an_author_is_refused(workspace, display_name):
    """Shown as the author of every revision and verdict: an override could make one approval read as another's."""
    before = snapshot(workspace)
    with pytest.raises(ValidationError, match="display name"):
        workspace.add_user("evil", ["editor"], "evil-password", display_name=display_name)
    assert snapshot(workspace) == before


def test_a_display_name_in_any_script_is_kept(workspace):
    workspace.add_user("mariam", ["reviewer"], "mariam-password", ["ar"], display_name="مريم \u2068Haddad\u2069")
    assert workspace.display_names()["mariam"] == "مريم \u2068Haddad\u2069"
