"""The glossary kept in a workspace: who may add, edit and delete, the cached `Workspace.glossary()`, the audit,
and the demo's glossary."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studio.errors import PermissionDenied, ValidationError
from studio.memory.glossary import Term, TermStatus
from studio.models import AuditEvent
from tests.helpers import engine, snapshot

F = TermStatus.FORBIDDEN


def beijing() -> list[Term]:
    return [Term("zh-Hans", "北京", part_of_speech="properNoun"), Term("fr", "Beijing"), Term("fr", "Pékin", F)]


def test_an_editor_adds_and_edits_terms_and_the_cached_glossary_follows(workspace):
    first = workspace.glossary()
    assert not first and workspace.glossary() is first  # kept while nothing changes

    saved = workspace.add_glossary_entry(beijing(), "The city")
    assert saved.changes.glossary
    g = workspace.glossary()
    assert g is not first and g.required_in("北京欢迎你", "zh-Hans", "fr")[0].targets == ("Beijing",)
    assert g.forbidden_in("Pékin", "fr")[0].instead == "Beijing"

    workspace.edit_glossary_entry(saved.entry_id, [Term("zh-Hans", "北京"), Term("fr", "Beijing"),
                                                   Term("fr", "Pékin", TermStatus.ADMITTED)], "")
    g = workspace.glossary()
    assert g.forbidden_in("Pékin", "fr") == [] and g.entry(saved.entry_id).approved("fr") == ("Beijing", "Pékin")
    with engine(workspace).connect() as conn:
        actions = conn.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "glossary_entry")).all()
    assert actions == ["glossary_add", "glossary_edit"]


def test_another_workspace_on_the_same_database_sees_the_change(workspace, database):
    from studio.workspace import Workspace

    other = Workspace.open(*database)
    try:
        assert not other.glossary()
        entry = workspace.add_glossary_entry(beijing()).entry_id
        assert len(other.glossary()) == 1 and other.glossary().forbidden_in("Pékin", "fr")
        # The same number of entries and terms, one status changed: still seen.
        workspace.edit_glossary_entry(entry, [Term("zh-Hans", "北京"), Term("fr", "Beijing"),
                                              Term("fr", "Pékin", TermStatus.ADMITTED)])
        assert other.glossary().forbidden_in("Pékin", "fr") == []
    finally:
        other.close()


def test_a_delete_and_an_add_of_the_same_size_elsewhere_is_still_seen(workspace, database):
    from studio.workspace import Workspace

    other = Workspace.open(*database)
    try:
        other.sign_in("boss", "boss-password")
        entry = workspace.add_glossary_entry([Term("zh-Hans", "签证"), Term("en", "visa")]).entry_id
        cached = workspace.glossary()
        # As many entries, terms and versions as before, and (SQLite) the same id again: only the revision says.
        other.delete_glossary_entries([entry])
        other.add_glossary_entry([Term("zh-Hans", "签证"), Term("en", "entry permit")])
        assert workspace.glossary() is not cached
        assert workspace.glossary().required_in("签证", "zh-Hans", "en")[0].targets == ("entry permit",)
    finally:
        other.close()


def test_the_second_of_two_saves_from_the_same_version_is_refused(workspace, database):
    from studio.errors import ConflictError
    from studio.workspace import Workspace

    entry_id = workspace.add_glossary_entry(beijing()).entry_id
    entry = workspace.glossary().entry(entry_id)
    other = Workspace.open(*database)
    try:
        other.sign_in("boss", "boss-password")
        other.edit_glossary_entry(entry.id, [*beijing(), Term("en", "Beijing")], version=entry.version)
        before = snapshot(workspace)
        with pytest.raises(ConflictError, match="changed by someone else"):
            workspace.edit_glossary_entry(entry.id, [*beijing(), Term("de", "Peking")], version=entry.version)
        assert snapshot(workspace) == before
        fresh = workspace.glossary().entry(entry.id)
        assert fresh.version == entry.version + 1 and fresh.approved("en") == ("Beijing",)
        workspace.edit_glossary_entry(entry.id, [*beijing(), Term("de", "Peking")], version=fresh.version)
    finally:
        other.close()


def test_only_a_supervisor_deletes_and_a_reader_adds_nothing(workspace):
    entry = workspace.add_glossary_entry(beijing()).entry_id
    workspace.add_user("li", ["editor"], "li-password")
    workspace.sign_in("li", "li-password")
    workspace.add_glossary_entry([Term("zh-Hans", "签证"), Term("en", "visa")])
    with pytest.raises(PermissionDenied, match="supervisor"):
        workspace.delete_glossary_entries([entry])
    workspace.sign_out()
    with pytest.raises(PermissionDenied):
        workspace.add_glossary_entry([Term("zh-Hans", "护照"), Term("en", "passport")])
    workspace.sign_in("boss", "boss-password")
    assert workspace.delete_glossary_entries([entry, 999]).glossary
    assert [e.terms[0].text for e in workspace.glossary().entries] == ["签证"]


@pytest.mark.parametrize(("terms", "message"), [
    ([], "at least one term"),
    ([Term("xx", "北京")], "unknown locale"),
    ([Term("fr", "Pékin", F)], "approved"),
    ([Term("fr", "Beijing"), Term("fr", " beijing ")], "twice"),
    ([Term("fr", "x" * 201)], "longer than 200"),
    ([Term("fr", "Beijing", part_of_speech="noun phrase")], "part of speech"),
    ([Term("zh-Hans", "北京"), Term("fr", "Bei\x01jing")], "term 'Bei\\\\x01jing' holds the character U\\+0001"),
    ([Term("zh-Hans", "北京"), Term("fr", "Bei\x0bjing")], "U\\+000B"),
    ([Term("zh-Hans", "北京"), Term("fr", "Bei\ufffejing")], "U\\+FFFE"),
    ([Term("zh-Hans", "北京"), Term("fr", "Bei\ud800jing")], "U\\+D800"),
    ([Term("zh-Hans", "北京"), Term("fr", "Beijing", note="a\x07")], "the note of term 'Beijing'"),
])
def test_a_bad_entry_is_refused_with_the_reason_and_nothing_is_written(workspace, terms, message):
    before = snapshot(workspace)
    with pytest.raises(ValidationError, match=message):
        workspace.add_glossary_entry(terms)
    assert snapshot(workspace) == before


def test_the_demo_brings_its_glossary(tmp_path):
    from studio.demo import fill_demo
    from studio.jobs import run_job
    from studio.workspace import Workspace

    with Workspace.create(tmp_path / "demo") as ws:
        changes = run_job(fill_demo(ws))
        g = ws.glossary()
    assert changes.glossary and len(g) > 20
    assert g.forbidden_in("Bienvenue à Pékin", "fr") == [g.forbidden_in("Pékin", "fr")[0]]
    assert g.discouraged_in("Please utilize the form", "en")[0].instead == "use"
    assert {loc for e in g.entries for t in e.terms for loc in [t.locale]} >= {"zh-Hans", "en", "ko", "ja", "de",
                                                                            "fr", "es", "ru", "ar"}
