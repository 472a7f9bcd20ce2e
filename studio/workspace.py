"""The facade every front end uses: open a workspace, sign in, read, and write through operations.

Each write is one transaction that returns a `Changes` value; long writes are jobs (generators yielding
`Progress`). Neither the CLI nor the UI touches a Session: they call these methods.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from studio import db
from studio.changes import Changes
from studio.content import queries, search
from studio.content.importers import DocumentInput, ImportOptions, read_document_file
from studio.content.store import insert_documents, prepare_all, update_source
from studio.errors import (
    AuthenticationError,
    ConflictError,
    NotFound,
    StudioError,
    ValidationError,
    WorkspaceBusy,
    WorkspaceError,
)
from studio.jobs import Job, Progress, run_job
from studio.locales import LOCALES
from studio.models import ROLES, Cell, Document, Section, Segment, User, utcnow
from studio.resources import RESOURCES
from studio.workflow import audit, cells, passwords, progress, replace
from studio.workflow.permissions import Actor, require
from studio.workflow.states import DRAFT, TRANSLATED

DATABASE_FILE = "studio.db"
IMPORTABLE_SUFFIXES = (".json", ".md", ".markdown", ".html", ".htm")
USER_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


def default_workspace_dir() -> Path:
    """$STUDIO_WORKSPACE, else `workspace` in the user data directory."""
    env = os.environ.get("STUDIO_WORKSPACE")
    return Path(env) if env else Path(user_data_dir("Studio", appauthor=False)) / "workspace"


def _location(path: Path | str | None, database_url: str | None) -> tuple[str, Path | None]:
    """The database URL and, for an embedded workspace, its folder."""
    if database_url:
        return database_url, None
    folder = Path(path) if path is not None else default_workspace_dir()
    return f"sqlite:///{(folder / DATABASE_FILE).resolve()}", folder


class Workspace:
    """An open workspace: one database, and the user signed in to it (if any).

    Not thread-safe: a job that runs on another thread opens its own `Workspace` on the same location.
    """

    def __init__(self, engine: Engine, location: str, folder: Path | None) -> None:
        self.engine = engine
        self.location = location
        self.folder = folder
        self.actor: Actor | None = None
        self.write_wait: float | None = None  # seconds to wait for another writer; None: the engine's default
        self._sessions: sessionmaker[Session] = db.session_factory(engine)

    # --- opening ------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, database_url: str | None = None) -> Workspace:
        """Open an existing workspace, upgrading an older schema; a newer one is refused untouched."""
        url, folder = _location(path, database_url)
        if folder is not None:
            _check_folder(folder)
        else:
            _check_sqlite_file(url)
        engine = db.make_engine(url)
        try:
            found = db.check_schema(engine, upgrade=True)
            if found is None:
                raise WorkspaceError(f"{db.redacted(url)} is empty; create a workspace there with 'studio init'")
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, str(folder) if folder else db.redacted(url), folder)

    @classmethod
    def create(cls, path: Path | str | None = None, database_url: str | None = None) -> Workspace:
        """Create a workspace with the schema and the six sections; refuse if one is already there."""
        url, folder = _location(path, database_url)
        if folder is not None:
            if (folder / DATABASE_FILE).exists():
                raise WorkspaceError(f"a workspace already exists at {folder}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(f"cannot create {folder}: {exc.strerror or exc}") from None
        engine = db.make_engine(url)
        try:
            if db.current_revision(engine) is not None:
                raise WorkspaceError(f"a workspace already exists at {db.redacted(url)}")
            db.migrate(engine)
            workspace = cls(engine, str(folder) if folder else db.redacted(url), folder)
            with workspace._transaction() as session:
                _create_sections(session)
                audit.record(session, None, "create_workspace", "workspace", "-",
                             after={"schema": db.head_revision()}, summary="created the workspace")
        except BaseException:
            engine.dispose()
            if folder is not None:
                (folder / DATABASE_FILE).unlink(missing_ok=True)
            raise
        return workspace

    @classmethod
    def exists(cls, path: Path | str | None = None) -> bool:
        _, folder = _location(path, None)
        return folder is not None and (folder / DATABASE_FILE).is_file()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One unit of work; database errors become one clear line, and nothing half-done is kept.

        With `write_wait` set (seconds), an embedded workspace waits at most that long for another writer
        and then raises `WorkspaceBusy`: a window must not freeze while an import holds the database."""
        try:
            with db.transaction(self._sessions) as session:
                if self.write_wait is not None and self.engine.dialect.name == "sqlite":
                    session.execute(text(f"PRAGMA busy_timeout = {int(self.write_wait * 1000)}"))
                yield session
        except OperationalError as exc:
            if "locked" in str(exc.orig):
                raise WorkspaceBusy("the workspace is busy with another change (an import?); "
                                    "try again in a moment") from None
            raise WorkspaceError(f"{self.location}: the database refused the change: {db.first_line(exc)}") from None
        except SQLAlchemyError as exc:
            raise WorkspaceError(f"{self.location}: the database refused the change: {db.first_line(exc)}") from None

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    # --- people -------------------------------------------------------------------------------------------

    def sign_in(self, name: str, password: str) -> Actor:
        """Check the password and act as that user from now on."""
        with self._reading() as session:
            user = session.scalar(select(User).where(User.name == name))
            if user is None or not passwords.verify_password(password, user.password_hash):
                raise AuthenticationError(f"wrong user name or password for {name!r}")
            self.actor = _actor(user)
        return self.actor

    def users(self) -> list[Actor]:
        with self._reading() as session:
            return [_actor(u) for u in session.scalars(select(User).order_by(User.name))]

    def display_names(self) -> dict[str, str]:
        with self._reading() as session:
            return dict(session.execute(select(User.name, User.display_name)).all())

    def add_user(self, name: str, roles: Iterable[str], password: str, review_locales: Iterable[str] = (),
                 display_name: str = "") -> Changes:
        """Create an account. The very first account may be added by anyone and must be a supervisor."""
        roles, locales = sorted(set(roles)), sorted(set(review_locales))
        _check_account(name, roles, locales, password)
        with self._transaction() as session:
            first = not session.scalar(select(func.count()).select_from(User))
            if first and "supervisor" not in roles:
                raise ValidationError("the first account of a workspace must have the supervisor role")
            if not first:
                require(self.actor, "manage_users")
            if session.scalar(select(User.id).where(User.name == name)) is not None:
                raise ConflictError(f"user {name!r} already exists")
            user = User(name=name, display_name=display_name or name, roles=roles, review_locales=locales,
                        password_hash=passwords.hash_password(password))
            session.add(user)
            session.flush()
            audit.record(session, self.actor, "add_user", "user", str(user.id),
                         after={"name": name, "roles": roles, "review_locales": locales},
                         summary=f"added user {name} ({', '.join(roles)})")
        return Changes(users=True, summary=f"added user {name}")

    def set_password(self, name: str, new_password: str, old_password: str | None = None) -> Changes:
        """Change a password: one's own with the old password, anyone's as a supervisor."""
        if len(new_password) < passwords.MIN_LENGTH:
            raise ValidationError(f"a password needs at least {passwords.MIN_LENGTH} characters")
        with self._transaction() as session:
            user = session.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"no user {name!r}")
            own = self.actor is not None and self.actor.name == name
            if own and not self.actor_is("supervisor"):
                if old_password is None or not passwords.verify_password(old_password, user.password_hash):
                    raise AuthenticationError(f"wrong current password for {name!r}")
            elif not own:
                require(self.actor, "manage_users")
            user.password_hash = passwords.hash_password(new_password)
            audit.record(session, self.actor, "set_password", "user", str(user.id),
                         summary=f"changed the password of {name}")
        return Changes(users=True, summary=f"changed the password of {name}")

    def actor_is(self, role: str) -> bool:
        return self.actor is not None and self.actor.has_role(role)

    # --- reading ------------------------------------------------------------------------------------------

    def status(self) -> progress.StatusReport:
        with self._reading() as session:
            return progress.status_report(session)

    def sections(self) -> list[queries.SectionRow]:
        with self._reading() as session:
            return queries.sections(session)

    def documents(self) -> list[queries.DocumentRow]:
        with self._reading() as session:
            return queries.document_rows(session)

    def document(self, id_or_slug: str) -> queries.DocumentView:
        with self._reading() as session:
            return queries.document_view(session, id_or_slug)

    def deleted_documents(self) -> list[queries.DocumentRow]:
        with self._reading() as session:
            return queries.document_rows(session, deleted=True)

    def document_progress(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, dict[str, int]]]:
        """For every live document (or those of `ids`) and target locale, the number of cells in each state."""
        with self._reading() as session:
            return search.document_progress(session, ids)

    def find_documents(self, flt: search.DocumentFilter,
                       progress: search.Progress | None = None) -> set[str]:
        """Ids of the documents that pass the filter (text, type, state, locale, outdated, my review)."""
        with self._reading() as session:
            return search.find_documents(session, flt, self.actor, progress)

    def cell(self, segment_id: int, locale: str) -> queries.CellRow | None:
        with self._reading() as session:
            c = session.scalar(select(Cell).where(Cell.segment_id == segment_id, Cell.locale == locale))
            return queries.cell_row(c) if c is not None else None

    def history(self, segment_id: int, locale: str) -> list[cells.RevisionRow]:
        with self._reading() as session:
            return cells.history(session, segment_id, locale)

    def comments(self, document_id: str, segment_id: int | None = None,
                 locale: str | None = None) -> list[cells.CommentRow]:
        with self._reading() as session:
            return cells.comments(session, document_id, segment_id, locale)

    def is_empty(self) -> bool:
        with self._reading() as session:
            return not session.scalar(select(func.count()).select_from(Document))

    # --- writing content ----------------------------------------------------------------------------------

    def import_files(self, paths: Sequence[Path], options: ImportOptions) -> Job[Changes]:
        """Read, check and import files (folders are searched for .json, .md and .html), all or nothing."""
        require(self.actor, "import")
        files = _expand(paths)
        inputs: list[DocumentInput] = []
        for i, path in enumerate(files):
            if i % 50 == 0:
                yield Progress(i, len(files), f"reading {path.name}")
            inputs.extend(read_document_file(path, options))
        return (yield from self.import_documents(inputs))

    def import_documents(self, inputs: Sequence[DocumentInput], action: str = "import") -> Job[Changes]:
        """Check every document, then write them all in one transaction."""
        require(self.actor, "import")
        prepared = yield from prepare_all(inputs)
        yield Progress(len(inputs), len(inputs), f"writing {len(inputs)} document(s)")
        with self._transaction() as session:
            ids = insert_documents(session, prepared, self.actor, action)
        return Changes(documents=frozenset(ids), summary=f"imported {len(ids)} document(s)")

    def edit_source(self, id_or_slug: str, values: Mapping[str, Any],
                    expected_version: int | None = None) -> Changes:
        """Change source fields of a document; rewritten sentences make their translations outdated."""
        require(self.actor, "edit_source")
        with self._transaction() as session:
            doc_id = queries.find_document(session, id_or_slug).id
            edit = update_source(session, doc_id, values, self.actor, expected_version)
        return Changes(documents=frozenset({doc_id}), cells=frozenset(edit.outdated_cells),
                       summary=f"{edit.changed} sentence(s) changed, {edit.added} added, {edit.removed} removed")

    def create_document(self, doc_type: str, section: str, slug: str, fields: Mapping[str, Any],
                        source_locale: str = "zh-Hans") -> Changes:
        """A new document of any type in a section, checked like an import."""
        require(self.actor, "edit_source")
        doc = DocumentInput(where=f"new {doc_type} {slug!r}", type=doc_type, section=section, slug=slug.strip(),
                            source_locale=source_locale, fields=dict(fields))
        return run_job(self.import_documents([doc], action="create"))

    def delete_document(self, id_or_slug: str) -> Changes:
        """Hide a document with everything it holds; `restore_document` brings it back as it was."""
        require(self.actor, "edit_source")
        with self._transaction() as session:
            row = queries.find_document(session, id_or_slug)
            doc = session.get(Document, row.id)
            assert doc is not None
            doc.deleted_at = utcnow()
            audit.record(session, self.actor, "delete_document", "document", row.id,
                         before={"slug": row.slug, "title": row.title}, summary=f"deleted {row.slug}")
        return Changes(documents=frozenset({row.id}), summary=f"deleted {row.slug}")

    def restore_document(self, id_or_slug: str) -> Changes:
        require(self.actor, "edit_source")
        with self._transaction() as session:
            row = queries.find_document(session, id_or_slug, include_deleted=True)
            doc = session.get(Document, row.id)
            assert doc is not None
            if doc.deleted_at is None:
                raise ValidationError(f"document {row.slug} is not deleted")
            doc.deleted_at = None
            audit.record(session, self.actor, "restore_document", "document", row.id,
                         after={"slug": row.slug}, summary=f"restored {row.slug}")
        return Changes(documents=frozenset({row.id}), summary=f"restored {row.slug}")

    # --- translating --------------------------------------------------------------------------------------

    def save_cell(self, segment_id: int, locale: str, text: str, expected_version: int | None, *,
                  confirm: bool = False, origin: str = "human") -> CellWrite:
        """Store a draft (anything typed, never refused for its content) or confirm a translation.

        `expected_version` is the version the editor started from (None: there was no cell); if the cell
        moved on meanwhile, `CellConflict` carries both texts.
        """
        with self._transaction() as session:
            before, cell = cells.write_cell(session, self.actor, segment_id, locale, text,
                                            state=TRANSLATED if confirm else DRAFT,
                                            expected_version=expected_version, origin=origin)
            if confirm:
                audit.record(session, self.actor, "confirm", "cell", str(cell.id), after={"locale": locale},
                             summary=f"confirmed segment {segment_id} ({locale})")
            return CellWrite(before, cell.version, queries.cell_row(cell))

    def restore_cell(self, snapshot: cells.CellSnapshot, expected_version: int | None) -> CellWrite:
        """Put a cell back as it was (undo and redo)."""
        with self._transaction() as session:
            current = session.scalar(select(Cell).where(Cell.segment_id == snapshot.segment_id,
                                                        Cell.locale == snapshot.locale))
            before = cells.snapshot(current, snapshot.segment_id, snapshot.locale)
            version = cells.restore_cell(session, self.actor, snapshot, expected_version)
            cell = session.scalar(select(Cell).where(Cell.segment_id == snapshot.segment_id,
                                                     Cell.locale == snapshot.locale))
            return CellWrite(before, version, queries.cell_row(cell) if cell is not None else None)

    def review_cell(self, segment_id: int, locale: str, expected_version: int, *, approve: bool,
                    comment: str = "") -> CellWrite:
        with self._transaction() as session:
            before = cells.snapshot(session.scalar(select(Cell).where(
                Cell.segment_id == segment_id, Cell.locale == locale)), segment_id, locale)
            cell = cells.review(session, self.actor, segment_id, locale, expected_version, approve=approve,
                                comment=comment)
            return CellWrite(before, cell.version, queries.cell_row(cell))

    def add_comment(self, document_id: str, body: str, segment_id: int | None = None,
                    locale: str | None = None) -> Changes:
        with self._transaction() as session:
            cells.add_comment(session, self.actor, document_id, body, segment_id, locale)
        return Changes(documents=frozenset({document_id}), summary="added a comment")

    def find_replacements(self, pattern: str, replacement: str, locales: Sequence[str], *, regex: bool = False,
                          case_sensitive: bool = False, whole_words: bool = False) -> list[replace.ReplaceMatch]:
        """The preview of a find-and-replace across every live document's translations in `locales`."""
        with self._reading() as session:
            return replace.find_matches(session, pattern, replacement, list(locales), regex=regex,
                                        case_sensitive=case_sensitive, whole_words=whole_words)

    def apply_replacements(self, matches: Sequence[replace.ReplaceMatch]) -> list[replace.AppliedReplacement]:
        """Apply a previewed replacement in one transaction; a cell changed since the preview stops it all."""
        with self._transaction() as session:
            applied = replace.apply_matches(session, self.actor, list(matches))
            audit.record(session, self.actor, "replace", "workspace", "-", after={"cells": len(applied)},
                         summary=f"replaced text in {len(applied)} translation(s)")
        return applied

    def restore_cells(self, items: Sequence[tuple[cells.CellSnapshot, int | None]]) -> list[int | None]:
        """Put many cells back in one transaction (undoing a replace-all); items are (snapshot, version now).
        Returns each cell's version afterwards (None where it is missing)."""
        with self._transaction() as session:
            versions = [cells.restore_cell(session, self.actor, snap, version, refresh=False)
                        for snap, version in items]
            search.refresh_texts(session, session.scalars(select(Segment.document_id).where(
                Segment.id.in_({snap.segment_id for snap, _ in items}))))
            return versions

    def cell_snapshots(self, keys: Sequence[tuple[int, str]]) -> list[cells.CellSnapshot]:
        """How these (segment id, locale) cells are stored now, in the order asked."""
        with self._reading() as session:
            found = {(c.segment_id, c.locale): c for c in session.scalars(
                select(Cell).where(Cell.segment_id.in_({seg for seg, _ in keys})))}
            return [cells.snapshot(found.get(key), *key) for key in keys]

    def replace_content(self) -> Changes:
        """Delete every document (with its segments, cells and history); users and sections stay."""
        require(self.actor, "replace_content")
        with self._transaction() as session:
            count = session.scalar(select(func.count()).select_from(Document)) or 0
            for doc in session.scalars(select(Document)):
                session.delete(doc)
            audit.record(session, self.actor, "replace_content", "workspace", "-", before={"documents": count},
                         summary=f"removed all {count} documents to replace the content")
        return Changes(sections=True, summary=f"removed {count} document(s)")


@dataclass(frozen=True)
class CellWrite:
    """The result of a cell write: the cell before it (to undo), its version now and the stored row (None:
    there is no cell)."""

    before: cells.CellSnapshot
    version: int | None
    row: queries.CellRow | None


def _actor(user: User) -> Actor:
    return Actor(user.id, user.name, frozenset(user.roles), frozenset(user.review_locales))


def _check_account(name: str, roles: Sequence[str], locales: Sequence[str], password: str) -> None:
    if not USER_NAME.match(name):
        raise ValidationError(f"user name {name!r}: use 2-64 lower-case letters, digits, '.', '_' or '-'")
    unknown = [r for r in roles if r not in ROLES]
    if not roles or unknown:
        raise ValidationError(f"role {unknown[0] if unknown else '(none)'!r}: use one or more of {', '.join(ROLES)}")
    bad = [loc for loc in locales if loc not in LOCALES]
    if bad:
        raise ValidationError(f"unknown locale {bad[0]!r}; use one of {', '.join(LOCALES)}")
    if "reviewer" in roles and not locales:
        raise ValidationError("a reviewer needs the locales they review (--locales fr,de)")
    if len(password) < passwords.MIN_LENGTH:
        raise ValidationError(f"a password needs at least {passwords.MIN_LENGTH} characters")


def _create_sections(session: Session) -> None:
    raw = tomllib.loads((RESOURCES / "sections.toml").read_text(encoding="utf-8"))
    session.execute(insert(Section), [{"key": s["key"], "position": i, "titles": s["titles"]}
                                      for i, s in enumerate(raw["sections"])])


def _expand(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in IMPORTABLE_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise StudioError(f"{path}: no such file or folder")
    return files


def _check_folder(folder: Path) -> None:
    """An embedded workspace is a folder we may use holding a database file."""
    database = folder / DATABASE_FILE
    if folder.is_dir() and not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise WorkspaceError(f"cannot read and write the workspace at {folder}: check its permissions")
    if database.exists() and not database.is_file():
        raise WorkspaceError(f"cannot read {database}: it is not a file")
    if not database.is_file():
        raise WorkspaceError(f"no workspace at {folder}; create one with 'studio init' or 'studio demo'")


def _check_sqlite_file(url: str) -> None:
    """An SQLite URL must name an existing, readable file: SQLite would silently create an empty one."""
    parsed = make_url(url) if "://" in url else None
    if parsed is None or parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if not database or database == ":memory:":
        return
    path = Path(database)
    if not path.is_file():
        raise WorkspaceError(f"no workspace database at {path}")
    if not os.access(path, os.R_OK | os.W_OK):
        raise WorkspaceError(f"cannot read and write {path}: check its permissions")
