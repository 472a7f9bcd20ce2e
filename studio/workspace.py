"""The facade every front end uses: open a workspace, sign in, read, and write through operations.

Each write is one transaction that returns a `Changes` value; long writes are jobs (generators yielding
`Progress`). Neither the CLI nor the UI touches a Session: they call these methods.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sqlite3
import stat
import time
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from studio import audit, db
from studio.backup import CheckInBackground, OpenLock, backup_before_upgrade, before_writing
from studio.changes import Changes
from studio.content import queries, search
from studio.content.importers import DocumentInput, ImportOptions, read_document_file
from studio.content.store import (
    PreparedDocument,
    insert_documents,
    prepare_all,
    unapprovable_locales,
    update_source,
)
from studio.errors import (
    AuthenticationError,
    ConflictError,
    NotFound,
    OutdatedSchema,
    StudioError,
    ValidationError,
    WorkspaceBusy,
    WorkspaceError,
)
from studio.jobs import Job, Progress, run_job
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.models import ROLES, Cell, Document, Section, Segment, User, utcnow
from studio.permissions import Actor, require
from studio.resources import RESOURCES
from studio.states import CellState
from studio.sync import gates
from studio.sync import releases as sync_releases
from studio.sync.config import Connection
from studio.sync.gates import ReleasePlan
from studio.sync.releases import ReleaseComposed
from studio.unsafe_characters import NEVER_STORED
from studio.workflow import cells, passwords, progress, replace, review

if TYPE_CHECKING:  # machine translation is imported when used: it brings HTTP and engine libraries along
    from studio.exchange.export import ExportResult
    from studio.exchange.returned import ImportReport
    from studio.exchange.tmx import TmxImport
    from studio.memory.concordance import ConcordancePair
    from studio.memory.glossary import Glossary, Term
    from studio.memory.glossary_store import GlossaryImport, GlossarySaved
    from studio.memory.lookup import MemoryLookup
    from studio.mt.config import MTSettings
    from studio.mt.pretranslate import Report
    from studio.mt.suggestions import Suggestion
    from studio.qa.findings import Finding
    from studio.qa.readability import ReadabilitySettings
    from studio.qa.runner import DocumentChecker, QAReport
    from studio.sync.pull import PullReport
    from studio.sync.push import PushReport
    from studio.sync.target import Target
    from studio.workflow.memory_drafts import MemoryDrafts
    from studio.workflow.propagation import PropagationOffer

DATABASE_FILE = "studio.db"
IMPORTABLE_SUFFIXES = (".json", ".md", ".markdown", ".html", ".htm")
# Matched with fullmatch: `$` also matches before a final newline, which let 'editor\n' pass as a lookalike.
USER_NAME = re.compile(r"[a-z][a-z0-9._-]{1,63}")
# An embedded workspace holds password hashes and unpublished content: only its owner may read it.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class NewAccount:
    """An account to create: its name, roles, first password, the locales it reviews and a display name."""

    name: str
    roles: tuple[str, ...]
    password: str
    review_locales: tuple[str, ...] = ()
    display_name: str = ""

    def check(self) -> None:
        """Refuse a bad name, role, locale or password before anything is written."""
        _check_account(self.name, sorted(set(self.roles)), sorted(set(self.review_locales)), self.password,
                       self.display_name)


def default_workspace_dir() -> Path:
    """$STUDIO_WORKSPACE, else `workspace` in the user data directory."""
    env = os.environ.get("STUDIO_WORKSPACE")
    return Path(env) if env else Path(user_data_dir("Studio", appauthor=False)) / "workspace"


def _location(path: Path | str | None, database_url: str | None) -> tuple[str, Path | None]:
    """The database URL and, for an embedded workspace, its folder."""
    if database_url:
        return database_url, None
    folder = Path(path) if path is not None else default_workspace_dir()
    return _sqlite_url(folder / DATABASE_FILE), folder


@dataclass(frozen=True)
class SiblingOpener:
    """Opens a workspace again as `actor` (see `Workspace.sibling_opener`); the window's jobs each open one."""

    url: str
    location: str
    folder: Path | None
    writable: bool
    actor: Actor | None
    opening_check: CheckInBackground | None = None  # still running: the sibling's writes wait for it too

    def __call__(self) -> Workspace:
        engine = db.make_engine(self.url, write=self.writable)
        sibling = Workspace(engine, self.location, self.folder, writable=self.writable)
        sibling._actor = self.actor  # and the default wait for other writers: a job may wait, a window may not
        sibling._opening_check = self.opening_check  # a job started at once writes after the check too
        return sibling

    def __reduce__(self) -> tuple[Any, ...]:
        # To another process: the opening's check (threads of this one) stays here; wait for it before sending.
        return (SiblingOpener, (self.url, self.location, self.folder, self.writable, self.actor))

    def checked(self) -> None:
        """Wait for the opening's check, if it still runs; `WorkspaceDamaged` if it found damage (nothing may
        be written then, by a thread or a process)."""
        if self.opening_check is not None:
            self.opening_check.result()


class Workspace:
    """An open workspace: one database, and the user signed in to it (if any).

    Not thread-safe: a job that runs on another thread opens its own `Workspace` on the same location.
    """

    def __init__(self, engine: Engine, location: str, folder: Path | None, *, writable: bool = True,
                 open_lock: OpenLock | None = None) -> None:
        self._engine = engine
        self.location = location
        self.folder = folder
        self.writable = writable  # False: opened for reading only, and every write is refused
        self.notices: list[str] = []  # what the user should know about opening (a backup that failed)
        self._open_lock = open_lock  # tells `studio restore` that this workspace is open
        self._actor: Actor | None = None
        self._write_wait: float | None = None  # seconds to wait for another writer; None: the engine's default
        self._opening_check: CheckInBackground | None = None  # running: every write waits for it
        self._sessions: sessionmaker[Session] = db.session_factory(engine)
        self._turns = db.write_turns(engine) if writable else None  # shared with this process's other workspaces

    # --- opening ------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, database_url: str | None = None, *,
             write: bool = True, check_in_background: bool = False) -> Workspace:
        """Open an existing workspace for writing, or with `write=False` for reading only.

        Opening never creates, upgrades or repairs anything: an empty database, an older schema (see `upgrade`)
        and a newer one are refused untouched. An embedded workspace opened for writing is checked for damage
        first and gets its daily backup; with `check_in_background` (the window) that runs on its own thread
        while the workspace is read, and the first write waits for it (`opening_checked`)."""
        engine, location, folder, database = _connect(path, database_url, write=write)
        lock = OpenLock(database) if database is not None else None
        notice, checking = None, None
        try:
            db.check_schema(engine, location)
            if write and database is not None:
                if check_in_background:
                    checking = CheckInBackground(partial(_before_writing, engine, database, folder))
                else:
                    notice = _before_writing(engine, database, folder)
        except BaseException:
            engine.dispose()
            if lock is not None:
                lock.release()
            raise
        workspace = cls(engine, location, folder, writable=write, open_lock=lock)
        workspace.notices.extend(filter(None, [notice]))
        workspace._opening_check = checking
        return workspace

    @classmethod
    def upgrade(cls, path: Path | str | None = None, database_url: str | None = None) -> tuple[str, str]:
        """Bring an older workspace's schema up to date (`studio upgrade`), after its integrity check and backup.

        Returns the schema revisions before and after (equal when there was nothing to do)."""
        engine, location, folder, database = _connect(path, database_url, write=True)
        lock = OpenLock(database) if database is not None else None  # no restore swaps the file mid-migration
        try:
            try:
                found = db.check_schema(engine, location)
            except OutdatedSchema as outdated:
                if database is not None:
                    _before_writing(engine, database, folder)
                    backup_before_upgrade(database, database.parent, outdated.found)
                db.migrate(engine, where=location)
                return outdated.found, outdated.head
            return found, found
        finally:
            engine.dispose()
            if lock is not None:
                lock.release()

    @classmethod
    def create(cls, path: Path | str | None = None, database_url: str | None = None,
               admin: NewAccount | None = None) -> Workspace:
        """Create a workspace with the schema, the six sections and optionally its first account, all or nothing.

        Everything is checked before anything is made. An embedded workspace is built under a temporary name and
        moved into place when complete, so a failure or a kill leaves no half-made `studio.db`; on PostgreSQL the
        schema and the first rows are one transaction."""
        if admin is not None:
            admin.check()
        url, folder = _location(path, database_url)
        made_folder = folder is not None and not folder.exists()
        building = _start_database_file(folder) if folder is not None else None
        engine = db.make_engine(url if building is None else _sqlite_url(building))
        try:
            if db.current_revision(engine) is not None:
                raise WorkspaceError(f"a workspace already exists at {db.redacted(url)}")
            db.migrate(engine, then=lambda session: _fill_new_workspace(session, admin))
            if building is not None:
                engine.dispose()
                _finish_database_file(building)
                engine = db.make_engine(url)
                engine.connect().close()  # the first connection puts the moved file back in WAL mode
        except BaseException:
            engine.dispose()
            if building is not None:
                _remove_database_file(building)
            if made_folder and folder is not None and not any(folder.iterdir()):
                folder.rmdir()
            raise
        # The memory's index of a workspace this one replaced at the same place is of no use any more.
        from studio.memory.index import forget
        from studio.memory.lookup import url_key
        forget(url_key(engine.url.render_as_string(hide_password=False)))
        database = _database_file(url, folder)
        return cls(engine, str(folder) if folder else db.redacted(url), folder,
                   open_lock=OpenLock(database) if database is not None else None)

    @classmethod
    def exists(cls, path: Path | str | None = None, database_url: str | None = None) -> bool:
        """Whether a workspace is there; an empty database or a zero-length file holds none."""
        url, folder = _location(path, database_url)
        database = _database_file(url, folder)
        if database is not None:
            return _holds_data(database)
        engine = db.make_engine(url, write=False)
        try:
            return db.current_revision(engine) is not None
        finally:
            engine.dispose()

    def sibling_opener(self) -> SiblingOpener:
        """What opens this workspace again, signed in as the same user, for a worker thread or process.

        It holds plain values only, so it may be called on any thread, and pickled for another process. The
        sibling skips the schema check, the integrity check and the daily backup: this workspace passed them
        when it was opened."""
        return SiblingOpener(self._engine.url.render_as_string(hide_password=False), self.location, self.folder,
                             self.writable, self._actor, self._opening_check)

    @property
    def checking(self) -> bool:
        """True while the opening's integrity check and daily backup still run (see `open`)."""
        return self._opening_check is not None and not self._opening_check.done

    def opening_checked(self) -> None:
        """Wait for the opening's check to end. What it has to say joins `notices`; a damaged workspace raises
        `WorkspaceDamaged`, here and at every write."""
        if self._opening_check is not None:
            self.notices.extend(filter(None, [self._opening_check.result()]))
            self._opening_check = None

    def close(self) -> None:
        if self._opening_check is not None:
            self._opening_check.wait()  # a backup being made ends before `restore` may replace the file
        self._engine.dispose()
        if self._open_lock is not None:
            self._open_lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One unit of work; database errors become one clear line, and nothing half-done is kept.

        With `limit_write_wait` set (seconds), an embedded workspace waits at most that long for another writer
        and then raises `WorkspaceBusy`: a window must not freeze while an import holds the database. Writers of
        this process wait their turn in line (`db.WriteTurns`)."""
        if not self.writable:
            raise WorkspaceError(f"{self.location} is open for reading only; open it for writing to change it")
        self.opening_checked()
        wait = db.WRITE_WAIT_S if self._write_wait is None else self._write_wait
        deadline = time.monotonic() + wait  # one wait in all: for this process's turn, then for another's write
        try:
            with self._turns.turn(wait) if self._turns is not None else nullcontext(), \
                    db.transaction(self._sessions, max(0.0, deadline - time.monotonic())) as session:
                yield session
        except OperationalError as exc:
            if "locked" in str(exc.orig):
                raise WorkspaceBusy(db.BUSY) from None
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
            user = _user_named(session, name)
            matched = passwords.verify_sign_in(password, user.password_hash if user is not None else None)
            if user is None or not matched:
                raise AuthenticationError(f"wrong user name or password for {name!r}")
            self._actor = _as_actor(user)
        return self._actor

    def sign_out(self) -> None:
        """Act as nobody from now on: the workspace can be read, and nothing changed."""
        self._actor = None

    @property
    def actor(self) -> Actor | None:
        """Who is signed in (None: nobody; every write is refused)."""
        return self._actor

    def limit_write_wait(self, seconds: float) -> None:
        """Wait at most `seconds` for another writer, then raise `WorkspaceBusy`: a window must not freeze while
        an import holds an embedded workspace (the job's own workspace keeps waiting as long as it needs)."""
        self._write_wait = seconds

    def users(self) -> list[Actor]:
        with self._reading() as session:
            return [_as_actor(u) for u in session.scalars(select(User).order_by(User.name))]

    def display_names(self) -> dict[str, str]:
        with self._reading() as session:
            return dict(session.execute(select(User.name, User.display_name)).all())

    def add_user(self, name: str, roles: Iterable[str], password: str, review_locales: Iterable[str] = (),
                 display_name: str = "") -> Changes:
        """Create an account. The very first account may be added by anyone and must be a supervisor."""
        account = NewAccount(name, tuple(roles), password, tuple(review_locales), display_name)
        account.check()
        with self._transaction() as session:
            first = not session.scalar(select(func.count()).select_from(User))
            if first and "supervisor" not in account.roles:
                raise ValidationError("the first account of a workspace must have the supervisor role")
            if not first:
                require(self._actor, "manage_users")
            _insert_account(session, account, self._actor)
        return Changes(users=True, summary=f"added user {name}")

    def set_password(self, name: str, new_password: str, old_password: str | None = None) -> Changes:
        """Change a password: one's own with the old password, anyone's as a supervisor."""
        passwords.check_new_password(new_password)
        with self._transaction() as session:
            user = _user_named(session, name)
            if user is None:
                raise NotFound(f"no user {name!r}")
            own = self._actor is not None and self._actor.name == name
            if own and not self.actor_is("supervisor"):
                if old_password is None or not passwords.verify_password(old_password, user.password_hash):
                    raise AuthenticationError(f"wrong current password for {name!r}")
            elif not own:
                require(self._actor, "manage_users")
            user.password_hash = passwords.hash_password(new_password)
            audit.record(session, self._actor, "set_password", "user", str(user.id),
                         summary=f"changed the password of {name}")
        return Changes(users=True, summary=f"changed the password of {name}")

    def actor_is(self, role: str) -> bool:
        return self._actor is not None and self._actor.has_role(role)

    # --- reading ------------------------------------------------------------------------------------------

    def status(self) -> progress.StatusReport:
        with self._reading() as session:
            return progress.status_report(session)

    def sections(self) -> list[queries.SectionRow]:
        with self._reading() as session:
            return queries.sections(session)

    def documents(self, *, ids: Iterable[str] | None = None, section: str | None = None,
                  doc_type: str | None = None) -> list[queries.DocumentRow]:
        """Live documents in tree order: all, or only those of `ids`, of `section` and of `doc_type` where given."""
        with self._reading() as session:
            return queries.document_rows(session, ids=ids, section=section, doc_type=doc_type)

    def document_counts(self) -> dict[tuple[str, str], int]:
        """The number of live documents of each (section key, type) that has any."""
        with self._reading() as session:
            return queries.document_counts(session)

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

    def document_titles(self, locale: str, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Each live document's title in `locale`, where it has one (the source's, or a whole translated title)."""
        with self._reading() as session:
            return search.document_titles(session, locale, ids)

    def find_documents(self, flt: search.DocumentFilter,
                       progress: search.Progress | None = None) -> set[str]:
        """Ids of the documents that pass the filter (text, type, state, locale, outdated, my review)."""
        with self._reading() as session:
            return search.find_documents(session, flt, self._actor, progress)

    def cell(self, segment_id: int, locale: str) -> queries.CellRow | None:
        with self._reading() as session:
            c = queries.cell_at(session, segment_id, locale)
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
        require(self._actor, "import")
        files = _expand(paths)
        inputs: list[DocumentInput] = []
        for i, path in enumerate(files):
            if i % 50 == 0:
                yield Progress(i, len(files), f"reading {path.name}")
            inputs.extend(read_document_file(path, options))
        changes = yield from self.import_documents(inputs)
        return _saying_what_was_held_back(changes, inputs, self._actor)

    def import_documents(self, inputs: Sequence[DocumentInput], action: str = "import") -> Job[Changes]:
        """Check every document, then write them all in one transaction."""
        require(self._actor, "import")
        from studio.qa.runner import approvals_failing_quality

        prepared = yield from prepare_all(inputs)
        # An approval in a file passes the quality gate an approval in the editor passes (`studio.qa`).
        prepared, held = approvals_failing_quality(prepared, self.glossary())
        yield Progress(len(inputs), len(inputs), f"writing {len(inputs)} document(s)")
        with self._transaction() as session:
            ids = insert_documents(session, prepared, self._actor, action)
        summary = f"imported {len(ids)} document(s)"
        if held:
            summary += (f"; {len(held)} translation(s) given as approved were imported as translated because of a "
                        f"quality error, e.g. {held[0]}")
        return Changes(documents=frozenset(ids), summary=summary)

    def edit_source(self, id_or_slug: str, values: Mapping[str, Any],
                    expected_version: int | None = None) -> Changes:
        """Change source fields of a document; rewritten sentences make their translations outdated."""
        require(self._actor, "edit_source")
        with self._transaction() as session:
            doc_id = queries.find_document(session, id_or_slug).id
            edit = update_source(session, doc_id, values, self._actor, expected_version)
        return Changes(documents=frozenset({doc_id}), cells=frozenset(edit.outdated_cells),
                       translated=frozenset({doc_id}) if edit.outdated_cells else frozenset(),
                       summary=f"{edit.changed} sentence(s) changed, {edit.added} added, {edit.removed} removed")

    def create_document(self, doc_type: str, section: str, slug: str, fields: Mapping[str, Any],
                        source_locale: str = SOURCE_DEFAULT) -> Changes:
        """A new document of any type in a section, checked like an import."""
        require(self._actor, "edit_source")
        doc = DocumentInput(where=f"new {doc_type} {slug!r}", type=doc_type, section=section, slug=slug.strip(),
                            source_locale=source_locale, fields=dict(fields))
        return run_job(self.import_documents([doc], action="create"))

    def delete_document(self, id_or_slug: str) -> Changes:
        """Hide a document with everything it holds; `restore_document` brings it back as it was."""
        require(self._actor, "edit_source")
        with self._transaction() as session:
            row = queries.find_document(session, id_or_slug)
            doc = session.get(Document, row.id)
            assert doc is not None
            doc.deleted_at = utcnow()
            audit.record(session, self._actor, "delete_document", "document", row.id,
                         before={"slug": row.slug, "title": row.title}, summary=f"deleted {row.slug}")
        return Changes(documents=frozenset({row.id}), summary=f"deleted {row.slug}")

    def restore_document(self, id_or_slug: str) -> Changes:
        require(self._actor, "edit_source")
        with self._transaction() as session:
            row = queries.find_document(session, id_or_slug, include_deleted=True)
            doc = session.get(Document, row.id)
            assert doc is not None
            if doc.deleted_at is None:
                raise ValidationError(f"document {row.slug} is not deleted")
            doc.deleted_at = None
            audit.record(session, self._actor, "restore_document", "document", row.id,
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
            write = cells.confirm if confirm else cells.draft
            before, cell = write(session, self._actor, segment_id, locale, text, expected_version, origin=origin)
            return _cell_write(session, before, cell)

    def restore_cell(self, snapshot: cells.CellSnapshot, expected_version: int | None) -> CellWrite:
        """Put a cell back as it was (undo and redo)."""
        with self._transaction() as session:
            current = queries.cell_at(session, snapshot.segment_id, snapshot.locale)
            before = cells.snapshot(current, snapshot.segment_id, snapshot.locale)
            cells.restore(session, self._actor, snapshot, expected_version)
            cell = queries.cell_at(session, snapshot.segment_id, snapshot.locale)
            return _cell_write(session, before, cell)

    def review_cell(self, segment_id: int, locale: str, expected_version: int, *, approve: bool,
                    comment: str = "") -> CellWrite:
        # The cached glossary: reading it whole for each approval would cost a big glossary's load every time.
        glossary = self.glossary() if approve else None
        with self._transaction() as session:
            before = cells.snapshot(queries.cell_at(session, segment_id, locale), segment_id, locale)
            cell = cells.review(session, self._actor, segment_id, locale, expected_version, approve=approve,
                                comment=comment, glossary=glossary)
            return _cell_write(session, before, cell)

    def review_queue(self, locales: Iterable[str] | None = None, *, document: str | None = None, text: str = "",
                     limit: int | None = None, offset: int = 0) -> list[review.QueueRow]:
        """The translations waiting for review in `locales` (default: those the signed-in user reviews), of one
        document (id or slug) or all, whose source or translation holds `text`; in document order, a page of
        `limit` rows from `offset` (no limit: all)."""
        with self._reading() as session:
            doc_id = queries.find_document(session, document).id if document is not None else None
            return review.waiting(session, self._actor, locales, document_id=doc_id, text=text, limit=limit,
                                  offset=offset)

    def review_queue_count(self, locales: Iterable[str] | None = None, *, document: str | None = None,
                           text: str = "") -> int:
        """How many translations `review_queue` lists without a limit."""
        with self._reading() as session:
            doc_id = queries.find_document(session, document).id if document is not None else None
            return review.waiting_count(session, self._actor, locales, document_id=doc_id, text=text)

    def review_cells(self, items: Sequence[tuple[int, str, int]], approve: bool, comment: str = "") -> Reviewed:
        """`review_cells_job` run to its end on this thread."""
        return run_job(self.review_cells_job(items, approve, comment))

    def review_cells_job(self, items: Sequence[tuple[int, str, int]], approve: bool,
                         comment: str = "") -> Job[Reviewed]:
        """Approve, or reject with `comment`, a selection of (segment id, locale, version) in one transaction,
        each cell by the checks of `review_cell`; a cell that fails them is skipped with its reason and the
        others are still decided. A job: progress between chunks, and a cancel rolls back everything."""
        with self._transaction() as session:
            verdicts = yield from cells.review_many(session, self._actor, items, approve=approve, comment=comment)
        done, skipped = len(verdicts.decided), len(verdicts.skipped)
        summary = (f"{'approved' if approve else 'rejected'} {done} translation(s)"
                   + (f"; {skipped} skipped" if skipped else ""))
        return Reviewed(approve, verdicts.decided, verdicts.skipped,
                        Changes(cells=frozenset(verdicts.decided), translated=verdicts.documents, summary=summary))

    @property
    def four_eyes(self) -> bool:
        """Whether the four-eyes rule is on: a reviewer may not approve a text they wrote."""
        with self._reading() as session:
            return review.four_eyes(session)

    def set_four_eyes(self, on: bool) -> Changes:
        """Turn the four-eyes rule on or off for everyone (supervisors only; audited)."""
        with self._transaction() as session:
            changed = review.set_four_eyes(session, self._actor, on)
        state = "on" if on else "off"
        return Changes(summary=f"the four-eyes rule is {state}" if changed else f"the four-eyes rule was {state} "
                       "already")

    # --- quality checks -----------------------------------------------------------------------------------
    # Pure checks in `studio.qa`; a `DocumentChecker` is one document's texts and the glossary as plain values, so
    # the window checks the current cell as the user types without a query.

    def document_checker(self, id_or_slug: str) -> DocumentChecker:
        """One document ready for live checks (`DocumentChecker.check(segment_id, locale, text)`); the glossary is
        the cached one (`glossary`), so this costs three short queries however large the glossary."""
        from studio.qa.runner import document_checker

        glossary = self.glossary()
        with self._reading() as session:
            return document_checker(session, id_or_slug, glossary=glossary)

    def check_cell(self, segment_id: int, locale: str, text: str) -> list[Finding]:
        """The quality findings of `text` as the translation of one sentence into `locale`, as if stored."""
        with self._reading() as session:
            doc_id = session.scalar(select(Segment.document_id).where(Segment.id == segment_id))
        if doc_id is None:
            raise NotFound("this sentence no longer exists: its source was edited or its document removed meanwhile")
        return self.document_checker(doc_id).check(segment_id, locale, text)

    def qa_job(self, locales: Sequence[str] | None = None, documents: Sequence[str] | None = None) -> Job[QAReport]:
        """Check every live document (or `documents`, ids or slugs) in `locales` (default: all): a job reading
        each table once; findings, acknowledged or not, and the readability per document and locale."""
        from studio.qa.runner import check_workspace

        with self._reading() as session:
            return (yield from check_workspace(session, locales, documents))

    def acknowledge_finding(self, segment_id: int, locale: str, check: str, text: str, note: str) -> Changes:
        """Acknowledge a warning on the cell's current `text` with a `note`; editing the text re-opens it."""
        from studio.qa.runner import acknowledge

        with self._transaction() as session:
            acknowledge(session, self._actor, segment_id, locale, check, text, note)
        return Changes(cells=frozenset({(segment_id, locale)}), summary=f"acknowledged a warning ({check}, {locale})")

    def readability_settings(self) -> ReadabilitySettings:
        """The workspace's readability limits (sentence length and long words per locale)."""
        from studio.qa.readability import load_settings

        with self._reading() as session:
            return load_settings(session)

    def set_readability_settings(self, settings: ReadabilitySettings) -> Changes:
        """Change the readability limits for everyone (supervisors only; audited)."""
        from studio.qa.readability import store_settings

        with self._transaction() as session:
            changed = store_settings(session, self._actor, settings)
        return Changes(summary="readability limits changed" if changed else "readability limits unchanged")

    # --- machine translation ------------------------------------------------------------------------------

    def pretranslate_job(self, locales: Sequence[str], *, documents: Sequence[str] | None = None,
                         section: str | None = None, engine: str | None = None, replace_machine: bool = False,
                         settings: MTSettings | None = None) -> Job[Report]:
        """Fill the missing and outdated cells of `documents` (ids or slugs), of a `section`, or of every live
        document, in `locales`, with machine drafts (`studio.mt.pretranslate`); each batch is a short transaction
        of its own, so the report's `changes` are what was written even after a cancel."""
        from studio.mt import pretranslate
        from studio.mt.config import MTSettings

        require(self._actor, "translate")
        scope = pretranslate.Scope()
        if documents is not None or section is not None:
            with self._reading() as session:
                ids = [queries.find_document(session, d).id for d in documents or ()]
                if section is not None:
                    ids += queries.section_documents(session, section)
            scope = pretranslate.Scope(tuple(ids))
        return (yield from pretranslate.pretranslate(self._reading, self._transaction, self._actor,
                                                     settings or MTSettings(), locales, scope, engine=engine,
                                                     replace_machine=replace_machine))

    def machine_suggestions(self, segment_id: int, locale: str, *, settings: MTSettings | None = None,
                            engines: Sequence[str] | None = None) -> list[Suggestion]:
        """Every engine's translation of one cell (Ctrl+M); slow engines bound the wait: run it on a worker."""
        from studio.mt import suggestions
        from studio.mt.config import MTSettings

        with self._reading() as session:
            document = session.scalars(select(Segment.document_id).where(Segment.id == segment_id)).first()
        if document is None:
            raise NotFound("this sentence no longer exists: its source was edited or its document removed meanwhile")
        return suggestions.suggest(self._reading, self._transaction, settings or MTSettings(), segment_id, locale,
                                   document, engines, glossary=self.glossary())

    # --- translation memory -------------------------------------------------------------------------------

    def memory_lookup(self, segment_id: int, *, min_score: int | None = None) -> MemoryLookup | None:
        """The memory's matches for a stored segment, for all its target locales at once (None: the segment is
        gone). The first look-up in a process builds the memory's index: call it off the window's thread."""
        from studio.memory.lookup import MIN_SCORE, look_up, query_for_segment

        with self._reading() as session:
            query = query_for_segment(session, segment_id)
            return None if query is None else look_up(session, query, min_score=min_score or MIN_SCORE)

    def memory_lookup_text(self, text: str, source_locale: str = SOURCE_DEFAULT, *, document_type: str | None = None,
                           min_score: int | None = None) -> MemoryLookup:
        """The memory's matches for any source text (`studio tm lookup`, scripts, the benchmark)."""
        from studio.memory.lookup import MIN_SCORE, MemoryQuery, look_up

        with self._reading() as session:
            return look_up(session, MemoryQuery(text, source_locale, document_type), min_score=min_score or MIN_SCORE)

    def concordance(self, phrase: str, *, locales: Sequence[str] | None = None,
                    limit: int | None = None) -> list[ConcordancePair]:
        """The memory's source and translation pairs holding `phrase` in either text, in any language."""
        from studio.memory.concordance import CONCORDANCE_LIMIT, concordance

        with self._reading() as session:
            return concordance(session, phrase, locales=locales, limit=limit or CONCORDANCE_LIMIT)

    def import_tmx(self, paths: Sequence[Path]) -> TmxImport:
        """Add the units of TMX files to the memory, all files or none: every file is read and checked before
        anything is stored, and a bad one raises `InputFileError` naming it and the line."""
        from studio.exchange.tmx import read_all
        from studio.memory.units import add_units

        require(self._actor, "import")
        units, report = read_all(list(paths))
        with self._transaction() as session:
            report.added, report.already = add_units(session, units)
            audit.record(session, self._actor, "import_tmx", "workspace", "-",
                         after={"files": [p.name for p in paths], "added": report.added}, summary=report.summary)
        return report

    def export_tmx(self, path: Path | str, *, locales: Sequence[str] | None = None) -> int:
        """Write the memory (confirmed and approved translations, imported units) to a TMX 1.4b file; returns the
        number of units written."""
        from studio.exchange.tmx import write_tmx
        from studio.memory.units import exportable

        with self._reading() as session:
            return write_tmx(path, exportable(session, locales))

    def memory_pretranslate_job(self, locales: Sequence[str], *, min_score: int,
                                documents: Sequence[str] | None = None) -> Job[MemoryDrafts]:
        """Fill the missing and outdated cells of `documents` (ids or slugs; None: every live document) in
        `locales` with memory matches of at least `min_score`, as drafts (origin `tm:<score>`); one short
        transaction per batch, so a cancel keeps what was written."""
        from studio.workflow.memory_drafts import pretranslate_from_memory

        require(self._actor, "translate")
        ids = None
        if documents is not None:
            with self._reading() as session:
                ids = [queries.find_document(session, d).id for d in documents]
        return (yield from pretranslate_from_memory(self._reading, self._transaction, self._actor, locales,
                                                    min_score, ids))

    def propagation_offer(self, segment_id: int, locale: str) -> PropagationOffer | None:
        """The identical sentences elsewhere that the translation just confirmed in (segment, locale) may go to;
        None when there are none."""
        from studio.workflow.propagation import offer

        with self._reading() as session:
            return offer(session, segment_id, locale)

    def propagate(self, proposal: PropagationOffer) -> Propagated:
        """Write an offer's translation into its sentences (translated, origin `propagated`), in one transaction;
        cells written since the offer, or refused by the checks, are left as they are and counted."""
        from studio.workflow.propagation import propagate

        with self._transaction() as session:
            written, left = propagate(session, self._actor, proposal)
            documents = frozenset(c.document_id for c in written)
            search.refresh_texts(session, documents, [proposal.locale])
        summary = f"used the translation for {len(written)} identical sentence(s)" + (
            f"; {left} left as they are" if left else "")
        keys = frozenset((c.after.segment_id, c.after.locale) for c in written)
        return Propagated(tuple((c.before, c.after, c.version) for c in written), left,
                          Changes(cells=keys, translated=documents, summary=summary))

    def add_comment(self, document_id: str, body: str, segment_id: int | None = None,
                    locale: str | None = None) -> Changes:
        with self._transaction() as session:
            cells.add_comment(session, self._actor, document_id, body, segment_id, locale)
        return Changes(summary="added a comment")  # the side panel that wrote it shows it

    # --- glossary -------------------------------------------------------------------------------------------
    # Plain values (`studio.memory.glossary.Glossary`) for the checks, the editor and machine translation; writes
    # through `studio.memory.glossary_store`, which says who may do what.

    _glossary_cache: tuple[int, Glossary] | None = None  # (revision, glossary): see `glossary`

    def glossary(self) -> Glossary:
        """The whole glossary, read once and kept while it stays the same: each call costs one small query (the
        glossary's revision, which every write raises), so another window's or user's changes are seen at the
        next call."""
        from studio.memory import glossary_store
        from studio.memory.glossary import load_glossary

        with self._reading() as session:
            revision = glossary_store.revision(session)
            cached = self._glossary_cache
            if cached is not None and cached[0] == revision:
                return cached[1]
            loaded = load_glossary(session)
        self._glossary_cache = (revision, loaded)
        return loaded

    def add_glossary_entry(self, terms: Sequence[Term], note: str = "") -> GlossarySaved:
        """A new glossary entry (concept) with `terms`; editors may (see `studio.memory.glossary_store`)."""
        from studio.memory import glossary_store
        from studio.memory.glossary_store import GlossarySaved

        actor = require(self._actor, "edit_glossary")
        entry = glossary_store.checked_entry(glossary_store.EntryInput(tuple(terms), note))
        with self._transaction() as session:
            entry_id = glossary_store.add_entry(session, actor, entry)
        self._glossary_cache = None
        return GlossarySaved(entry_id, Changes(glossary=True, summary=f"added glossary entry {entry_id}"))

    def edit_glossary_entry(self, entry_id: int, terms: Sequence[Term], note: str = "", *,
                            version: int | None = None) -> GlossarySaved:
        """Replace the terms and note of a glossary entry. With `version` (the `Entry.version` the change
        started from), ConflictError when someone saved the entry meanwhile."""
        from studio.memory import glossary_store
        from studio.memory.glossary_store import GlossarySaved

        actor = require(self._actor, "edit_glossary")
        entry = glossary_store.checked_entry(glossary_store.EntryInput(tuple(terms), note))
        with self._transaction() as session:
            glossary_store.update_entry(session, actor, entry_id, entry, version)
        self._glossary_cache = None
        return GlossarySaved(entry_id, Changes(glossary=True, summary=f"edited glossary entry {entry_id}"))

    def delete_glossary_entries(self, entry_ids: Iterable[int]) -> Changes:
        """Delete glossary entries with all their terms: a supervisor's decision."""
        from studio.memory import glossary_store

        actor = require(self._actor, "delete_glossary")
        with self._transaction() as session:
            count = glossary_store.delete_entries(session, actor, entry_ids)
        self._glossary_cache = None
        return Changes(glossary=bool(count), summary=f"deleted {count} glossary entr{'y' if count == 1 else 'ies'}")

    def import_glossary(self, paths: Sequence[Path | str], *, author: str | None = None) -> GlossaryImport:
        """`import_glossary_job` run to its end on this thread (the command line, the demo, tests)."""
        return run_job(self.import_glossary_job(paths, author=author))

    def import_glossary_job(self, paths: Sequence[Path | str], *,
                            author: str | None = None) -> Job[GlossaryImport]:
        """Merge glossary files (TBX by content, CSV by the `.csv` suffix) into the glossary: every file is read
        and checked first, then all are written in one transaction, so a bad file changes nothing. A job: a
        large file takes seconds, which the window spends on a worker.

        `author` (a user's name) is for the demo's first glossary only: it is accepted while the glossary is
        empty and records that user as the author, as `set_up` does for content; otherwise the signed-in user
        needs the editor role."""
        from studio.exchange.glossary_csv import read_glossary_csv
        from studio.exchange.tbx import read_tbx
        from studio.memory import glossary_store
        from studio.memory.glossary_store import GlossaryImport

        actor = None if author is not None else require(self._actor, "edit_glossary")
        entries: list[glossary_store.EntryInput] = []
        skipped: dict[str, int] = {}
        for number, path in enumerate(paths):
            yield Progress(number, len(paths) + 1, f"reading {Path(path).name}")
            read = read_glossary_csv(path) if str(path).lower().endswith(".csv") else read_tbx(path)
            entries += read.entries
            for language, count in read.skipped_languages:
                skipped[language] = skipped.get(language, 0) + count
        yield Progress(len(paths), len(paths) + 1, f"merging {len(entries)} entries into the glossary")
        with self._transaction() as session:
            if author is not None:
                user = _user_named(session, author)
                if user is None:
                    raise NotFound(f"no user named {author!r}")
                if glossary_store.entry_count(session):
                    raise ConflictError("the glossary has entries already: sign in as an editor to import into it")
                actor = _as_actor(user)
            report = glossary_store.merge_entries(session, actor, entries)
        self._glossary_cache = None
        return GlossaryImport(len(paths), report.added, report.updated, report.unchanged, report.terms_added,
                              tuple(sorted(skipped.items())),
                              Changes(glossary=bool(report.added or report.updated),
                                      summary=f"glossary: {report.added} new, {report.updated} updated entries"))

    def export_glossary(self, path: Path | str, *, format: str = "tbx",
                        locales: Sequence[str] | None = None) -> int:
        """Write the glossary to `path` as TBX (v3, TBX-Basic) or CSV; how many entries were written. With
        `locales`, only their terms and the source language's are written, and entries without any of theirs
        are left out."""
        from studio.exchange.glossary_csv import write_glossary_csv
        from studio.exchange.tbx import write_tbx
        from studio.locales import get_locale as locale_named
        from studio.memory.glossary import Entry

        if format not in ("tbx", "csv"):
            raise ValidationError(f"unknown glossary format {format!r}; use tbx or csv")
        entries: Iterable[Entry] = self.glossary().entries
        if locales is not None:
            wanted = {locale_named(code).code for code in locales}
            keep = wanted | {SOURCE_DEFAULT}
            entries = [Entry(e.id, tuple(t for t in e.terms if t.locale in keep), e.note) for e in entries
                       if any(t.locale in wanted for t in e.terms)]
        return write_tbx(path, entries) if format == "tbx" else write_glossary_csv(path, entries)

    def find_replacements(self, pattern: str, replacement: str, locales: Sequence[str], *, regex: bool = False,
                          case_sensitive: bool = False, whole_words: bool = False) -> list[replace.ReplaceMatch]:
        """`find_replacements_job` run to its end on this thread (scripts and tests; the window runs the job)."""
        return run_job(self.find_replacements_job(pattern, replacement, locales, regex=regex,
                                                  case_sensitive=case_sensitive, whole_words=whole_words))

    def find_replacements_job(self, pattern: str, replacement: str, locales: Sequence[str], *, regex: bool = False,
                              case_sensitive: bool = False,
                              whole_words: bool = False) -> Job[list[replace.ReplaceMatch]]:
        """The preview of a find-and-replace across every live document's translations in `locales`, as a job:
        progress, and a cancel point, every few hundred translations read."""
        with self._reading() as session:
            return (yield from replace.find_matches(session, pattern, replacement, list(locales), regex=regex,
                                                    case_sensitive=case_sensitive, whole_words=whole_words))

    def replace_job(self, run: replace.ReplaceRun) -> Job[Changes]:
        """Apply a previewed replacement as a job, one transaction per batch: progress between batches, and a
        cancel (between batches) keeps the batches done. `run.applied` then lists exactly what was replaced,
        for one undo; cells edited since the preview are left alone and counted."""
        require(self._actor, "translate")
        batches, total = run.batches(), len(run.todo)
        done = 0
        for batch in batches:
            yield Progress(done, total, f"replacing: {done} of {total} translations")
            # The one place a replacement is written, and recorded: scripts and tests run this job too.
            with self._transaction() as session:
                applied, changed = replace.apply_batch(session, self._actor, batch)
                audit.record(session, self._actor, "replace", "workspace", "-", after={"cells": len(applied)},
                             summary=f"replaced text in {len(applied)} translation(s)")
            run.applied_batch(applied, changed)
            done += len(batch)
        yield Progress(total, total, "replaced")
        summary = f"replaced in {len(run.applied)} translation(s)"
        if run.changed_since_preview:
            summary += f"; {run.changed_since_preview} changed since the preview were left as they are"
        return run.changes(summary)

    def restore_cells(self, items: Sequence[tuple[cells.CellSnapshot, int | None]]) -> CellsRestored:
        """`restore_cells_job` run to its end on this thread (a small undo, scripts and tests)."""
        return run_job(self.restore_cells_job(items))

    def restore_cells_job(self, items: Sequence[tuple[cells.CellSnapshot, int | None]]) -> Job[CellsRestored]:
        """Put many cells back (undo and redo of a replace-all); items are (snapshot, version now). The result
        has each cell's version afterwards (None where it is missing), in the order of `items`.

        A job with progress between chunks of cells, all in one transaction: a cancel at any chunk rolls it back
        and leaves every cell as it was, so the undo step stays whole."""
        keys = frozenset((snap.segment_id, snap.locale) for snap, _ in items)
        with self._transaction() as session:
            versions = yield from cells.restore_many(session, self._actor, items)
            documents = frozenset(session.scalars(select(Segment.document_id).where(
                Segment.id.in_({seg for seg, _ in keys}))))
            search.refresh_texts(session, documents, {locale for _, locale in keys})
        return CellsRestored(versions, Changes(cells=keys, translated=documents))  # the undo stack says what it did

    def cell_snapshots(self, keys: Sequence[tuple[int, str]]) -> list[cells.CellSnapshot]:
        """How these (segment id, locale) cells are stored now, in the order asked."""
        with self._reading() as session:
            found = {(c.segment_id, c.locale): c for c in session.scalars(
                select(Cell).where(Cell.segment_id.in_({seg for seg, _ in keys})))}
            return [cells.snapshot(found.get(key), *key) for key in keys]

    def replace_content(self, documents: Sequence[DocumentInput], edits: Sequence[SourceChange] = (),
                        action: str = "replace_content") -> Job[Changes]:
        """Replace every document by `documents`, then apply the source `edits`: one transaction, all or nothing.

        It needs the supervisor role and no other: the supervisor replaces the content as a whole and is recorded
        as the author of all of it. Accounts and sections stay exactly as they are."""
        actor = require(self._actor, "replace_content")
        prepared = yield from prepare_all(documents)
        yield Progress(len(documents), len(documents), f"writing {len(documents)} document(s)")
        with self._transaction() as session:
            changes = _write_content(session, actor, prepared, edits, action)
        return _saying_what_was_held_back(changes, documents, actor)

    def set_up(self, accounts: Sequence[NewAccount], author: str, documents: Sequence[DocumentInput],
               edits: Sequence[SourceChange] = (), action: str = "import") -> Job[Changes]:
        """Give a workspace without accounts its first accounts and its content, in one transaction.

        One of the accounts must be a supervisor; the content is recorded as the work of `author`, one of the new
        accounts. Documents the workspace held are replaced. A workspace that has accounts is refused: there a
        supervisor signs in and uses `replace_content`, which never touches accounts."""
        for account in accounts:
            account.check()
        if not any("supervisor" in a.roles for a in accounts):
            raise ValidationError("the first accounts of a workspace must include one with the supervisor role")
        prepared = yield from prepare_all(documents)
        yield Progress(len(documents), len(documents), f"writing {len(documents)} document(s)")
        with self._transaction() as session:
            if session.scalar(select(func.count()).select_from(User)):
                raise ConflictError(f"{self.location} has accounts already; a supervisor signs in to replace "
                                    "its content")
            users = {a.name: _as_actor(_insert_account(session, a, None)) for a in accounts}
            reviewers = [u for u in users.values() if u.has_role("reviewer")]
            changes = _write_content(session, users[author], prepared, edits, action, reviewers)
        return dataclasses.replace(changes, users=True)

    # --- exchange with outside translators ------------------------------------------------------------------
    # PO, XLIFF 2.1, XLIFF 1.2 and CSV out (`studio.exchange.export`), and the returned files back in
    # (`studio.exchange.returned`): every unit matched by its segment id, applied, skipped or in conflict.

    def export_translations(self, path: Path | str, fmt: str, *, locales: Sequence[str] | None = None,
                            documents: Sequence[str] | None = None, section: str | None = None) -> ExportResult:
        """`export_translations_job` run to its end on this thread."""
        return run_job(self.export_translations_job(path, fmt, locales=locales, documents=documents,
                                                     section=section))

    def export_translations_job(self, path: Path | str, fmt: str, *, locales: Sequence[str] | None = None,
                                documents: Sequence[str] | None = None,
                                section: str | None = None) -> Job[ExportResult]:
        """Export the translations of `documents` (ids or slugs), of a `section`, or of every live document, in
        `locales` (None: every target language) as `fmt` (po, xliff, xliff12, csv): one file per target language,
        written to `path` (a file, a folder, or a .zip archive; see `exchange.export.write_files`)."""
        from studio.exchange import export

        if fmt not in export.FORMATS:
            raise ValidationError(f"unknown format {fmt!r}; use one of {', '.join(export.FORMATS)}")
        unknown = [code for code in locales or () if code not in LOCALES]
        if unknown:
            raise ValidationError(f"unknown locale {unknown[0]!r}; use one of {', '.join(LOCALES)}")
        with self._reading() as session:
            if documents:
                ids = [queries.find_document(session, d).id for d in documents]
                scope = queries.find_document(session, documents[0]).slug if len(ids) == 1 else "documents"
            elif section is not None:
                ids, scope = queries.section_documents(session, section), section
            else:
                ids, scope = [row.id for row in queries.document_rows(session)], "portal"
            sets = yield from export.collect(session, ids, list(locales) if locales else None)
        return (yield from export.write_files(sets, fmt, scope, Path(path)))

    def import_translations(self, paths: Sequence[Path | str]) -> ImportReport:
        """`import_translations_job` run to its end on this thread."""
        return run_job(self.import_translations_job(paths))

    def import_translations_job(self, paths: Sequence[Path | str]) -> Job[ImportReport]:
        """Bring returned PO, XLIFF 2, XLIFF 1.2 or CSV files back, all of them in one transaction: every file is
        read and checked first (a malformed one stops everything with one `InputFileError` naming it and the
        line), then each unit is applied, skipped or reported as a conflict (`exchange.returned`); applied units
        land as drafts or translated, never approved."""
        from studio.exchange import returned

        require(self._actor, "translate")
        files = []
        for i, path in enumerate(paths):
            yield Progress(i, len(paths), f"reading {Path(path).name}")
            files.append(returned.read_returned(Path(path)))
        yield Progress(len(paths), len(paths), "comparing with the workspace")
        with self._transaction() as session:
            found = returned.plan(session, files)
            # A cancel here rolls the transaction back: nothing of the import is kept.
            yield Progress(len(paths), len(paths), f"storing {len(found.writes)} translation(s)")
            stored = cells.import_texts(session, self._actor, found.writes)
            documents = frozenset(session.scalars(select(Segment.document_id).where(
                Segment.id.in_({w.segment_id for w in found.writes})))) if found.writes else frozenset()
            summary = returned.summary(len(files), len(found.applied), len(found.skipped), len(found.conflicts))
            audit.record(session, self._actor, "import_translations", "workspace", "-",
                         after={"files": [Path(p).name for p in paths], "applied": len(found.applied),
                                "skipped": len(found.skipped), "conflicts": len(found.conflicts)}, summary=summary)
        # What each applied unit became: a translation failing its checks was stored as a draft, with why.
        applied = tuple(
            dataclasses.replace(unit, state=stored[key][0],
                                reason=f"stored as a draft: {stored[key][1]}" if stored[key][1] else unit.reason)
            if (key := (unit.segment_id or 0, unit.locale)) in stored else unit for unit in found.applied)
        return returned.ImportReport(tuple(str(p) for p in paths), applied, found.skipped, found.conflicts,
                                     Changes(cells=frozenset(stored), translated=documents, summary=summary))

    # --- publishing -----------------------------------------------------------------------------------------
    # Releases are composed, with their outbox, in one transaction; pushes and pulls are jobs that talk to the
    # portal (`studio.sync`). `target` is the portal's address, the key of what Studio knows it holds.

    def release_plan(self, target: str, *, documents: Iterable[str] | None = None,
                     sections: Iterable[str] | None = None, locales: Sequence[str] | None = None) -> ReleasePlan:
        """Every live document (or those of `documents`, ids or slugs, and of `sections`) in `locales` (default:
        all nine) checked by the gates against what `target` has live: what a release would carry, and why the
        rest is held back."""
        with self._reading() as session:
            return gates.plan(session, target, _release_scope(session, documents, sections), locales)

    def compose_release(self, target: str, title: str, *, documents: Iterable[str] | None = None,
                        sections: Iterable[str] | None = None, locales: Sequence[str] | None = None,
                        channels: Sequence[str] = sync_releases.DEFAULT_CHANNELS) -> ReleaseComposed:
        """Compose a release for `target` of what passes the gates and differs from what the portal has live
        ("everything ready" when neither `documents` nor `sections` is given). The release, its items and its
        outbox are written in one transaction; nothing is sent until `push_release_job`."""
        require(self._actor, "release")
        with self._transaction() as session:
            plan = gates.plan(session, target, _release_scope(session, documents, sections), locales)
            release_id = sync_releases.compose(session, self._actor, target, title, plan.included, channels)
        included = plan.included
        count = len({c.document_id for c in included})
        summary = f"composed {' '.join(title.split())!r}: {len(included)} item(s) of {count} document(s)"
        if plan.held_back:
            summary += f"; {len(plan.held_back)} held back by a gate"
        return ReleaseComposed(release_id, len(included), count, plan.held_back, (), Changes(summary=summary))

    def rollback_release(self, release_id: str, title: str | None = None) -> ReleaseComposed:
        """Compose a new release of the versions that were live before `release_id` was published (nothing is
        sent: push it like any release); what cannot be taken back is listed in `skipped`."""
        require(self._actor, "release")
        with self._transaction() as session:
            release = sync_releases.find_release(session, release_id)
            items, skipped = sync_releases.rollback_items(session, release)
            if not items:
                raise ValidationError(f"nothing of {release.title!r} can be rolled back: "
                                      + "; ".join(skipped[:3]) + (" …" if len(skipped) > 3 else ""))
            new_id = sync_releases.compose(session, self._actor, release.target,
                                           title or f"Roll back: {release.title}"[:sync_releases.MAX_TITLE], items,
                                           release.channels, rollback_of=release.id)
        count = len({c.document_id for c in items})
        summary = f"composed the rollback of {release.title!r}: {len(items)} item(s)"
        if skipped:
            summary += f"; {len(skipped)} cannot be taken back"
        return ReleaseComposed(new_id, len(items), count, (), tuple(skipped), Changes(summary=summary))

    def releases(self) -> list[sync_releases.ReleaseRow]:
        """Every release, newest first, with its items counted by state and its outbox left."""
        with self._reading() as session:
            return sync_releases.release_rows(session)

    def release(self, release_id: str) -> sync_releases.ReleaseView:
        """A release (its id, or its first 8 characters or more) with each item's state."""
        with self._reading() as session:
            return sync_releases.release_view(session, release_id)

    def outbox_size(self, release_id: str | None = None) -> int:
        """Writes waiting in the outbox, of one release or of all."""
        with self._reading() as session:
            return sync_releases.outbox_size(session, release_id)

    def push_release_job(self, release_id: str, portal: Connection | Target,
                         concurrency: int | None = None) -> Job[PushReport]:
        """Send a release's outbox and publish it, going on where an earlier push stopped (`studio.sync.push`).
        A job: progress, and a cancel keeps what the portal acknowledged. A `Connection` is opened here, on the
        job's own thread, and closed at its end."""
        from studio.sync.push import CONCURRENCY, push
        from studio.sync.target import open_portal

        wanted = concurrency or CONCURRENCY
        target = open_portal(portal, concurrency=wanted) if isinstance(portal, Connection) else portal
        try:
            return (yield from push(self._reading, self._transaction, self._actor, target, release_id,
                                    concurrency=wanted))
        finally:
            if isinstance(portal, Connection):
                target.close()

    def pull_job(self, portal: Connection | Target) -> Job[PullReport]:
        """Read the portal's change feed into what Studio knows of it (a job; each page is kept as it is read)."""
        from studio.sync.pull import pull
        from studio.sync.target import open_portal

        target = open_portal(portal) if isinstance(portal, Connection) else portal
        try:
            return (yield from pull(self._transaction, self._actor, target))
        finally:
            if isinstance(portal, Connection):
                target.close()

    def portal_changes(self, target: str) -> list[sync_releases.PortalChange]:
        """What someone else changed on the portal since Studio pushed it and is not resolved, and documents
        deleted there (as far as the last pull or push knows)."""
        with self._reading() as session:
            return sync_releases.portal_changes(session, target)

    def three_way(self, target: str, document_id: str, locale: str | None) -> sync_releases.ThreeWay:
        """What Studio last pushed, what the portal has and what Studio has of one changed core or variant."""
        with self._reading() as session:
            return sync_releases.three_way(session, target, document_id, locale)

    def keep_ours(self, target: str, document_id: str, locale: str | None) -> Changes:
        """Studio's text wins over the portal's change: the next push writes over it (supervisors only)."""
        with self._transaction() as session:
            again = sync_releases.keep_ours(session, self._actor, target, document_id, locale)
        return Changes(summary=f"Studio's text will replace the portal's; {again} item(s) queued again")

    def take_theirs(self, target: str, document_id: str, locale: str | None) -> Changes:
        """The portal's change stays and becomes the baseline; Studio's own text is left as it is."""
        with self._transaction() as session:
            left = sync_releases.take_theirs(session, self._actor, target, document_id, locale)
        return Changes(summary=f"kept the portal's version; {left} item(s) left out of their release")

    def discard_release(self, release_id: str) -> Changes:
        """Give up an unpublished release: its outbox is emptied, and it stays in the history as failed."""
        with self._transaction() as session:
            release = sync_releases.abandon(session, self._actor, release_id)
        return Changes(summary=f"discarded {release.title!r}")

    def leave_out_failed(self, release_id: str) -> Changes:
        """Take the failed items (deleted on the portal, refused) out of an unpublished release so that the
        rest can be published."""
        with self._transaction() as session:
            left = sync_releases.leave_out_failed(session, self._actor, release_id)
        return Changes(summary=f"left out {len(left)} failed item(s): {', '.join(left)}" if left
                       else "no item of the release had failed")


def _release_scope(session: Session, documents: Iterable[str] | None, sections: Iterable[str] | None) -> list[str]:
    """Live document ids in tree order: those named (ids or slugs), those of the sections named, or every one."""
    if documents is None and sections is None:
        return [row.id for row in queries.document_rows(session)]
    ids = [queries.find_document(session, d).id for d in documents or ()]
    for key in sections or ():
        ids += queries.section_documents(session, key)
    return [row.id for row in queries.document_rows(session, ids=ids)]


@dataclass(frozen=True)
class SourceChange:
    """New values for some source fields of the document `slug`, as `edit_source` takes them."""

    slug: str
    fields: Mapping[str, Any]


def _write_content(session: Session, actor: Actor, documents: Sequence[PreparedDocument],
                   edits: Sequence[SourceChange], action: str, reviewers: Sequence[Actor] = ()) -> Changes:
    """Delete every document, insert `documents` and apply `edits`, all in the caller's transaction.

    Cells the documents give as approved are approved by one of `reviewers` who reviews their locale (or by
    `actor` if it does); the others land as translated, like any import."""
    removed = session.scalar(select(func.count()).select_from(Document)) or 0
    for doc in session.scalars(select(Document)):
        session.delete(doc)
    session.flush()  # the old slugs must be gone before the new documents take them
    audit.record(session, actor, "replace_content", "workspace", "-", before={"documents": removed},
                 summary=f"removed all {removed} documents to replace the content")
    ids = insert_documents(session, documents, actor, action)
    _approve_by_reviewers(session, documents, ids, reviewers)
    outdated: list[tuple[int, str]] = []
    for edit in edits:
        doc_id = queries.find_document(session, edit.slug).id
        outdated += update_source(session, doc_id, edit.fields, actor).outdated_cells
    return Changes(documents=frozenset(ids), cells=frozenset(outdated), translated=frozenset(ids), sections=True,
                   summary=f"{len(ids)} document(s) in place of {removed}, {len(outdated)} outdated cell(s)")


def _saying_what_was_held_back(changes: Changes, documents: Sequence[DocumentInput], actor: Actor | None) -> Changes:
    """The import's warning: the approvals the files asked for that the importing user may not give."""
    held_back = unapprovable_locales(documents, actor)
    if not held_back:
        return changes
    return dataclasses.replace(changes, summary=(
        f"{changes.summary}; approved translations in {', '.join(held_back)} were imported as translated: only a "
        "reviewer of a language approves it"))


def _approve_by_reviewers(session: Session, documents: Sequence[PreparedDocument], ids: Sequence[str],
                          reviewers: Sequence[Actor]) -> None:
    """The review the documents record (cells given as approved), made by a reviewer of each locale through the
    same operation as Ctrl+Shift+A: the import itself landed those cells as translated."""
    wanted = {(doc_id, d.segments[c.segment_index].field_path, d.segments[c.segment_index].ordinal, c.locale)
              for doc_id, d in zip(ids, documents, strict=True) for c in d.cells if c.state == CellState.APPROVED}
    if not wanted or not reviewers:
        return
    rows = session.execute(
        select(Segment.document_id, Segment.field_path, Segment.ordinal, Cell.segment_id, Cell.locale, Cell.version)
        .join(Cell, Cell.segment_id == Segment.id)
        .where(Segment.document_id.in_({key[0] for key in wanted}), Cell.state == CellState.TRANSLATED)).all()
    for doc_id, path, ordinal, segment_id, locale, version in rows:
        reviewer = next((r for r in reviewers if locale in r.review_locales), None)
        if reviewer is not None and (doc_id, path, ordinal, locale) in wanted:
            cells.review(session, reviewer, segment_id, locale, version, approve=True)


@dataclass(frozen=True)
class CellWrite:
    """The result of a cell write: the cell before it (to undo), its version now, the stored row (None: there
    is no cell) and what changed."""

    before: cells.CellSnapshot
    version: int | None
    row: queries.CellRow | None
    changes: Changes


def _cell_write(session: Session, before: cells.CellSnapshot, cell: Cell | None) -> CellWrite:
    # No summary: the grid and the review actions say what they did, in the interface's language.
    key = before.segment_id, before.locale
    document = session.scalars(select(Segment.document_id).where(Segment.id == before.segment_id)).one()
    return CellWrite(before, cell.version if cell is not None else None,
                     queries.cell_row(cell) if cell is not None else None,
                     Changes(cells=frozenset({key}), translated=frozenset({document})))


@dataclass(frozen=True)
class Reviewed:
    """The result of deciding a selection: each decided cell's version now, the cells skipped and why, and what
    changed (the decided cells and their documents)."""

    approved: bool
    decided: Mapping[tuple[int, str], int]
    skipped: tuple[cells.Skipped, ...]
    changes: Changes


@dataclass(frozen=True)
class Propagated:
    """The result of a propagation: each cell written (before, after, version now), for one undo; how many were
    left as they are; and what changed."""

    cells: tuple[tuple[cells.CellSnapshot, cells.CellSnapshot, int], ...]
    left: int
    changes: Changes


@dataclass(frozen=True)
class CellsRestored:
    """The result of putting many cells back: each one's version afterwards (None: missing), and what changed."""

    versions: list[int | None]
    changes: Changes


def _user_named(session: Session, name: str) -> User | None:
    # A name no account can have (from the environment: a control character, bytes that are not UTF-8) is
    # nobody's, without asking the database, which would refuse such text.
    return session.scalar(select(User).where(User.name == name)) if USER_NAME.fullmatch(name) else None


def _as_actor(user: User) -> Actor:
    return Actor(user.id, user.name, frozenset(user.roles), frozenset(user.review_locales))


def _check_account(name: str, roles: Sequence[str], locales: Sequence[str], password: str,
                   display_name: str = "") -> None:
    if not USER_NAME.fullmatch(name):
        raise ValidationError(f"user name {name!r}: use 2-64 lower-case letters, digits, '.', '_' or '-'")
    # The display name is shown as the author of every revision and verdict: an override character in it could
    # make one person's approval read as another's.
    if len(display_name) > 100 or NEVER_STORED.search(display_name) or any(c in display_name for c in "\n\r\t"):
        raise ValidationError(f"display name {display_name!r}: use up to 100 characters on one line, without "
                              "control characters or bidi overrides")
    unknown = [r for r in roles if r not in ROLES]
    if not roles or unknown:
        raise ValidationError(f"role {unknown[0] if unknown else '(none)'!r}: use one or more of {', '.join(ROLES)}")
    bad = [loc for loc in locales if loc not in LOCALES]
    if bad:
        raise ValidationError(f"unknown locale {bad[0]!r}; use one of {', '.join(LOCALES)}")
    if "reviewer" in roles and not locales:
        raise ValidationError("a reviewer needs the locales they review (--locales fr,de)")
    passwords.check_new_password(password)


def _create_sections(session: Session) -> None:
    raw = tomllib.loads((RESOURCES / "sections.toml").read_text(encoding="utf-8"))
    session.execute(insert(Section), [{"key": s["key"], "position": i, "titles": s["titles"]}
                                      for i, s in enumerate(raw["sections"])])


def _expand(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not is_file(): a pipe or device named x.json must be refused by name, not skipped in silence.
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in IMPORTABLE_SUFFIXES and not p.is_dir()))
        elif path.exists():
            files.append(path)
        else:
            raise StudioError(f"{path}: no such file or folder")
    return files


def _connect(path: Path | str | None, database_url: str | None, *,
             write: bool) -> tuple[Engine, str, Path | None, Path | None]:
    """An engine on an existing workspace, after the checks that need no database.

    Returns the engine, the location to name in messages, the workspace folder (None with a database URL) and
    the SQLite file (None on a database server)."""
    url, folder = _location(path, database_url)
    if folder is not None:
        database: Path | None = _check_folder(folder, write=write)
        location = str(folder)
    else:
        database = _check_sqlite_file(url, write=write)
        location = db.redacted(url)
    engine_url = url if write or database is None else _reading_url(database)
    return db.make_engine(engine_url, write=write), location, folder, database


def _before_writing(engine: Engine, database: Path, folder: Path | None) -> str | None:
    """The integrity check and the daily backup; a workspace made before files were private is made so now."""
    _make_private(database, folder)
    return before_writing(engine, database.parent)


def _make_private(database: Path, folder: Path | None) -> None:
    # Only the workspace's own folder: an SQLite URL may name a file in a folder others share.
    for path, private in ((folder, 0o700), (database, 0o600), (Path(f"{database}-wal"), 0o600),
                          (Path(f"{database}-shm"), 0o600)):
        if path is None or not path.exists() or path.stat().st_uid != os.getuid():
            continue
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(private)


def _check_folder(folder: Path, *, write: bool) -> Path:
    """An embedded workspace is a folder we may use holding a database file; returns the file."""
    database = folder / DATABASE_FILE
    if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
        needed = "read and write" if write else "read"
        raise WorkspaceError(f"cannot {needed} the workspace at {folder}: check its permissions")
    if database.exists() and not database.is_file():
        raise WorkspaceError(f"cannot read {database}: it is not a file")
    if not _holds_data(database):
        raise WorkspaceError(f"no workspace at {folder}; create one with 'studio init' or 'studio demo'")
    _check_access(database, write=write)
    return database


def _check_sqlite_file(url: str, *, write: bool) -> Path | None:
    """An SQLite URL must name an existing, readable file: SQLite would silently create an empty one."""
    path = _sqlite_file(url)
    if path is None:
        return None
    if not _holds_data(path):
        raise WorkspaceError(f"no workspace database at {path}")
    _check_access(path, write=write)
    return path


def _holds_data(database: Path) -> bool:
    # A zero-length file (`touch`, an interrupted copy) is no workspace, and SQLite must not be let near it
    # when only reading: even setting the WAL journal mode would write its first page.
    return database.is_file() and database.stat().st_size > 0


def _check_access(database: Path, *, write: bool) -> None:
    if not os.access(database, os.R_OK):
        raise WorkspaceError(f"cannot read {database}: check its permissions")
    if write and not (_writable(database) and _writable(database.parent)):
        raise WorkspaceError(f"{database.parent} is read-only: reading it works (status, documents), changing "
                             f"it needs write permission on the folder and on {database.name}")


def _writable(path: Path) -> bool:
    """Whether we may write `path`. The mode bits count too: root passes every access check, yet a folder or
    file without any write bit was made read-only on purpose."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _reading_url(database: Path) -> str:
    """How to open `database` for reading without writing anything beside it.

    `mode=ro` suffices where the folder is writable: SQLite reads a WAL database through its -shm index and
    creates that file when it is missing. In a read-only folder it cannot, and refuses the file; but there no
    writer can be at work either (a writer must create its -wal there), so the file is opened `immutable`: no
    locks, no -shm. The exception is a -wal left beside the file (a crash while the folder was writable): it
    may hold committed work that `immutable` would ignore, so then `mode=ro` reads it through the -shm beside
    it. (A folder we may not write but another account may is not covered: workspace folders are 0700.)"""
    immutable = not _writable(database.parent) and not Path(f"{database}-wal").exists()
    return db.sqlite_reading_url(database, immutable=immutable)


def _sqlite_url(database: Path) -> str:
    return f"sqlite:///{database.resolve()}"


def embedded_database(path: Path | str | None = None, database_url: str | None = None) -> Path:
    """The SQLite file of an embedded workspace, for backup and restore; a database server is refused."""
    url, folder = _location(path, database_url)
    database = _database_file(url, folder)
    if database is None:
        raise WorkspaceError("backup and restore work on embedded workspaces; back up a PostgreSQL workspace with "
                             "the server's own tools (pg_dump)")
    return database


def _database_file(url: str, folder: Path | None) -> Path | None:
    """The SQLite file of a workspace: its folder's, or the one its URL names; None for a database server."""
    return folder / DATABASE_FILE if folder is not None else _sqlite_file(url)


def _sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names; None for another database or an in-memory one."""
    parsed = db.parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


# --- making a new embedded workspace ---------------------------------------------------------------------------

def _start_database_file(folder: Path) -> Path:
    """Check that `folder` holds no workspace and return a new, owner-only file to build one in.

    Created 0600 before SQLite opens it, whatever the umask: SQLite gives the -wal and -shm files the mode of
    the database, so they are private too. A folder made here is 0700."""
    database = folder / DATABASE_FILE
    if database.exists() and not (database.is_file() and database.stat().st_size == 0):
        raise WorkspaceError(f"a workspace already exists at {folder}")
    # A name of its own per process: two `init`s at once must not build in the same file.
    building = folder / f".{DATABASE_FILE}.creating-{os.getpid()}"
    try:
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        _remove_database_file(building)  # what an interrupted `init` of a process with this id left
        os.close(os.open(building, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except OSError as exc:
        raise WorkspaceError(f"cannot create a workspace in {folder}: {exc.strerror or exc}") from None
    return building


def _finish_database_file(building: Path) -> None:
    """Move a complete new database into place as one rename, and make the rename durable."""
    # Self-contained first: no -wal must be left to travel, or be lost, beside a renamed file. The next
    # connection sets WAL again.
    conn = sqlite3.connect(building)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    final = building.parent / DATABASE_FILE
    if final.is_file() and final.stat().st_size == 0:
        final.unlink()  # the empty file `init` was pointed at
    try:
        # A hard link never replaces a file: a workspace another `init` finished meanwhile stays.
        os.link(building, final)
    except FileExistsError:
        raise WorkspaceError(f"a workspace already exists at {building.parent}") from None
    building.unlink()
    fd = os.open(building.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_database_file(database: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def _fill_new_workspace(session: Session, admin: NewAccount | None) -> None:
    _create_sections(session)
    audit.record(session, None, "create_workspace", "workspace", "-", after={"schema": db.head_revision()},
                 summary="created the workspace")
    if admin is not None:
        _insert_account(session, admin, None)


def _insert_account(session: Session, account: NewAccount, actor: Actor | None) -> User:
    """Add a checked account in the session's transaction, audited without its password."""
    roles, locales = sorted(set(account.roles)), sorted(set(account.review_locales))
    if session.scalar(select(User.id).where(User.name == account.name)) is not None:
        raise ConflictError(f"user {account.name!r} already exists")
    user = User(name=account.name, display_name=account.display_name or account.name, roles=roles,
                review_locales=locales, password_hash=passwords.hash_password(account.password))
    session.add(user)
    session.flush()
    audit.record(session, actor, "add_user", "user", str(user.id),
                 after={"name": account.name, "roles": roles, "review_locales": locales},
                 summary=f"added user {account.name} ({', '.join(roles)})")
    return user
