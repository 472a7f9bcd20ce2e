"""Engine factory, session scope, SQLite pragmas, and the schema version check.

Opening a workspace must stay fast, so the version check reads `alembic_version` directly and compares it
with the revision files on disk; Alembic itself is imported only when the schema has to change.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from studio.errors import OutdatedSchema, WorkspaceBusy, WorkspaceError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"(\d{4})_\w+\.py")
# How long a writer waits for another before it gives up (SQLite's busy timeout, and `WriteTurns`).
WRITE_WAIT_S = 10.0
BUSY = "the workspace is busy with another change (an import?); try again in a moment"
# How long an upgrade waits for other programs to let go of the tables before it gives up with one line.
UPGRADE_LOCK_WAIT_S = 10

# --- URLs and the secrets in them ---------------------------------------------------------------------------

_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)", re.S)
_USER = re.compile(r"[^:/@?#]*")
# Query parameters whose value may be a secret (`?password=`, `sslpassword`, `token`, `sslkey`, ...).
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|key|auth|cred", re.I)
HIDDEN = "***"


def known_revisions() -> list[str]:
    """Revision ids this program knows, oldest first; each file is named `<id>_<what>.py`."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted(m.group(1) for m in map(_REVISION_FILE.fullmatch, names) if m)


def head_revision() -> str:
    return known_revisions()[-1]


def _password_span(rest: str) -> tuple[int, int] | None:
    """Where the password is in the part of a URL after `scheme://`: from the first ':' to the LAST '@'.

    Drivers disagree about a password holding an unencoded '@' (SQLAlchemy and libpq stop at the first), so
    the widest reading is hidden: over-hiding a host name is harmless, showing the tail of a password is not."""
    at = rest.rfind("@")
    colon = rest.find(":")
    if at < 0 or colon < 0 or colon > at or not _USER.fullmatch(rest[:colon]):
        return None
    return colon + 1, at


def _secret_query_values(query: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for pair in query.split("&"):
        key, sep, value = pair.partition("=")
        if sep and value and _SECRET_KEY.search(key):
            begin = start + len(key) + 1
            spans.append((begin, begin + len(value)))
        start += len(pair) + 1
    return spans


def _secret_spans(url: str) -> list[tuple[int, int]]:
    """Where the secrets of `url` are, as (start, end) offsets; the whole text when it is not a URL at all."""
    m = _URL.fullmatch(url)
    if m is None:
        return [(0, len(url))] if url else []
    offset = m.start("rest")
    rest = m.group("rest")
    spans = []
    password = _password_span(rest)
    after = 0
    if password is not None:
        spans.append((offset + password[0], offset + password[1]))
        after = password[1]
    question = rest.find("?", after)
    if question >= 0:
        base = offset + question + 1
        spans += [(base + a, base + b) for a, b in _secret_query_values(rest[question + 1:])]
    return spans


def redacted(url: str) -> str:
    """The URL with its password and secret query values hidden, for messages.

    Written without the URL parser on purpose: a URL the parser refuses must not be echoed either."""
    out, last = [], 0
    for start, end in _secret_spans(url):
        out += [url[last:start], HIDDEN]
        last = end
    return "".join(out) + url[last:]


def scrubbed(message: str, url: str) -> str:
    """`message` (a driver's, say) with every secret of `url` and every '@'-separated piece of it hidden."""
    secrets = {url[a:b] for a, b in _secret_spans(url)}
    secrets |= {piece for s in list(secrets) for piece in s.split("@")}
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        message = message.replace(secret, HIDDEN)
    return message


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy sees it, with an unencoded '@' in the password read as part of the password."""
    m = _URL.fullmatch(url)
    password = _password_span(m.group("rest")) if m else None
    if m is not None and password is not None:
        rest = m.group("rest")
        # Percent-encode an '@' in the password so that the parser cannot take its tail for the host. Only the
        # '@': a password already percent-encoded (as URLs want, and as engine.url renders it) must stay as is.
        secret = rest[password[0]:password[1]].replace("@", "%40")
        url = f"{m.group('scheme')}://{rest[:password[0]]}{secret}{rest[password[1]:]}"
    try:
        return make_url(url)
    except ArgumentError:
        raise WorkspaceError(f"cannot use database URL {redacted(url)!r}: it is not a database URL; "
                             "write it as dialect+driver://user:password@host:port/database") from None
    except ValueError:
        # make_url reads the port with int(): `host:notaport`, or an IPv6 host without its closing bracket.
        raise WorkspaceError(f"cannot use database URL {redacted(url)!r}: the host or port is not valid "
                             "(a port is a number; an IPv6 host goes in brackets, e.g. [::1]:5432)") from None


# --- engines ------------------------------------------------------------------------------------------------

def make_engine(url: str, *, write: bool = True) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, full sync and a busy timeout on every connection.

    With `write` false the engine cannot change anything: PostgreSQL sessions are read-only transactions, and
    SQLite URLs should already say `mode=ro` (see `sqlite_reading_url`)."""
    try:
        parsed = parse_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": WRITE_WAIT_S})
            event.listen(engine, "connect", _sqlite_pragmas if write else _sqlite_reading_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
            if not write:
                event.listen(engine, "connect", _postgres_read_only)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        raise WorkspaceError(f"cannot use database URL {redacted(url)!r}: {scrubbed(str(exc), url)}") from None
    return engine


class WriteTurns:
    """Whose turn it is to write an embedded database, among the threads of this process: first come, first served.

    SQLite lets one connection write at a time, and a connection that finds the database locked sleeps in steps of
    up to 100 ms before it looks again, so a window storing a draft beside a job that writes batch after batch
    may look while the job writes, sleep through the gap between two batches, and wait several batches. Here it
    waits in line instead, and is woken the moment the writer before it ends. Another process still meets
    SQLite's own lock and busy timeout."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._line: deque[threading.Event] = deque()
        self._holder: int | None = None  # the thread whose turn it is
        self._depth = 0

    @contextmanager
    def turn(self, timeout: float) -> Iterator[None]:
        """Wait at most `timeout` seconds for this thread's turn (WorkspaceBusy after that), and hold it."""
        if not self._take(timeout):
            raise WorkspaceBusy(BUSY)
        try:
            yield
        finally:
            self._give()

    def _take(self, timeout: float) -> bool:
        me = threading.get_ident()
        with self._guard:
            if self._holder == me:  # a write inside a write of the same thread: already its turn
                self._depth += 1
                return True
            if self._holder is None:
                self._holder, self._depth = me, 1
                return True
            called = threading.Event()
            self._line.append(called)
        try:
            came = called.wait(timeout)
        except BaseException:  # interrupted while waiting (Ctrl+C): a turn given meanwhile goes to the next
            with self._guard:
                if called.is_set():
                    self._call_next()
                else:
                    self._line.remove(called)
            raise
        with self._guard:
            if not came and not called.is_set():  # not called meanwhile: leave the line
                self._line.remove(called)
                return False
            self._holder, self._depth = me, 1
        return True

    def _give(self) -> None:
        with self._guard:
            self._depth -= 1
            if not self._depth:
                self._call_next()

    def _call_next(self) -> None:
        # The next in line is called and nobody else may start meanwhile: it holds the turn as of now.
        self._holder = -1 if self._line else None
        if self._line:
            self._line.popleft().set()


_TURNS: dict[str, WriteTurns] = {}
_TURNS_GUARD = threading.Lock()


def write_turns(engine: Engine) -> WriteTurns | None:
    """The turns of every engine of this process on the same embedded database file (None: not SQLite, or a
    database in memory, which only its own connection sees)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or engine.url.query.get("mode") == "memory":
        return None
    key = str(Path(database.removeprefix("file:").split("?")[0]).resolve())
    with _TURNS_GUARD:
        return _TURNS.setdefault(key, WriteTurns())


def sqlite_reading_url(database: Path, *, immutable: bool) -> str:
    """An SQLite URL that opens `database` for reading only (`immutable`: no locks, no -wal/-shm; see the
    caller for when that is safe)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"sqlite:///{database.resolve().as_uri()}?{flags}&uri=true"


WRITE_WAIT_OPTION = "studio_write_wait"
_LOOK_AGAIN = 0.002  # seconds between two tries of a writer waiting for another process's write


def writing(engine: Engine, wait: float = WRITE_WAIT_S) -> Engine:
    """`engine` for transactions that write. On SQLite they take the write lock as they begin, waiting at most
    `wait` seconds for it: what they read is then the latest, and no other writer can come between their reads
    and their writes (a transaction that read first would fail at its first write, not wait)."""
    return engine.execution_options(**{WRITE_WAIT_OPTION: wait})


def _sqlite_begin(conn: Connection) -> None:
    # Studio begins SQLite's transactions itself (pysqlite's own, begun at the first INSERT or UPDATE, let a
    # SAVEPOINT begin one, which its RELEASE then committed: half a unit of work).
    wait = conn.get_execution_options().get(WRITE_WAIT_OPTION)
    if wait is None:
        conn.exec_driver_sql("BEGIN")
        return
    # SQLite's own busy handler sleeps longer and longer between two looks (up to 100 ms): beside another
    # process that writes batch after batch (a job in its own process) a window's draft could sleep through
    # every gap between them. It looks every few milliseconds instead, up to `wait`.
    conn.exec_driver_sql("PRAGMA busy_timeout = 0")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                break
            except OperationalError as exc:
                if "locked" not in str(exc.orig) or time.monotonic() >= deadline:
                    raise
                time.sleep(_LOOK_AGAIN)
    finally:  # for whatever else this connection may have to wait for, in this transaction or a later one
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(WRITE_WAIT_S * 1000)}")


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # see `_sqlite_begin`
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a confirmed translation or a queued publication must survive a power cut.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    # The search index's triggers call it on every write of a document's search text (migration 0004).
    dbapi_connection.create_function(GRAMS_FUNCTION, 1, cjk_grams, deterministic=True)


def _sqlite_reading_pragmas(dbapi_connection: Any, _record: object) -> None:
    # No journal_mode here: on a read-only connection setting it could only fail; the file is WAL already.
    dbapi_connection.isolation_level = None  # see `_sqlite_begin`
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _postgres_read_only(dbapi_connection: Any, _record: object) -> None:
    # Every transaction of this connection is read-only: a reader that tried to write would be refused by the
    # server itself, not only by our own checks.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    dbapi_connection.commit()


# --- the search index's function -----------------------------------------------------------------------------

# Chinese, Japanese and Korean letters (Han, kana, Hangul, with their marks of repetition and iteration). These
# scripts write words without spaces, and their words are often two characters long, which SQLite's trigram index
# cannot find: so every run of these letters is also indexed as its letters and its pairs of neighbouring letters
# (`cjk_grams`, which SQLite's triggers call). Migration 0004 writes the same class into PostgreSQL's function of
# the same name. Every workspace's index was built with this definition: changing it needs a new function name
# (v2) and a revision that rebuilds the index, or searches would miss what the old definition indexed.
CJK_LETTERS = ("\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u30ff"
               "\u3131-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff"
               "\uf900-\ufaff\uff66-\uffdc\U0001b000-\U0001b16f\U00020000-\U0003ffff")
_CJK_RUN = re.compile(f"[{CJK_LETTERS}]+")
GRAMS_FUNCTION = "studio_cjk_grams_v1"


def is_cjk(word: str) -> bool:
    """Whether `word` is made only of Chinese, Japanese and Korean letters (and is not empty)."""
    return _CJK_RUN.fullmatch(word) is not None


def cjk_grams(text: str) -> str:
    """Every CJK letter of `text` and every pair of them side by side, each once, space separated: a word of one
    or two such letters is in `text` exactly when it is here. (SQLite's `ascii` tokenizer takes every character
    beyond ASCII as part of a word, whatever Unicode version it knows, and splits at the spaces.)"""
    grams: set[str] = set()
    for run in _CJK_RUN.findall(text):
        grams.update(run)
        grams.update(map(str.__add__, run, run[1:]))
    return " ".join(grams)


# --- the schema ---------------------------------------------------------------------------------------------

def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    url = engine.url.render_as_string(hide_password=False)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                if inspect(conn).get_table_names():
                    raise WorkspaceError(f"{redacted(url)} holds tables but is not a Studio workspace")
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        raise WorkspaceError(f"cannot open {redacted(url)}: {scrubbed(first_line(exc), url)}") from None
    except SQLAlchemyError as exc:
        raise WorkspaceError(f"cannot read {redacted(url)}: {scrubbed(first_line(exc), url)}") from None


def first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__


def check_schema(engine: Engine, where: str) -> str:
    """The revision of a workspace this program can use as it is; refused with one line otherwise.

    Nothing is created or upgraded here: an empty database, an older schema and a newer one are refused
    untouched (`where` names the workspace in the messages)."""
    found = current_revision(engine)
    known = known_revisions()
    if found is None:
        raise WorkspaceError(f"{where} is empty; create a workspace there with 'studio init' or 'studio demo'")
    if found not in known:
        raise WorkspaceError(
            f"this workspace was written by a newer Studio (schema {found}; this program knows up to "
            f"{known[-1]}); update Studio to open it")
    if found != known[-1]:
        raise OutdatedSchema(
            f"{where} has an older schema ({found}; this Studio uses {known[-1]}); run 'studio upgrade' to "
            "bring it up to date", found=found, head=known[-1])
    return found


def migrate(engine: Engine, target: str = "head", where: str | None = None,
            then: Callable[[Session], None] | None = None) -> None:
    """Bring the schema to `target` with Alembic, then run `then` (the first rows of a new workspace) in the
    same transaction.

    Another program holding the tables makes this wait a bounded time, then fail with one line."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    url = engine.url.render_as_string(hide_password=False)
    name = where or redacted(url)
    try:
        with writing(engine, UPGRADE_LOCK_WAIT_S).begin() as conn:
            if engine.dialect.name == "postgresql":
                # Without it an upgrade queues behind an open window's transaction for ever.
                conn.execute(text(f"SET LOCAL lock_timeout = '{UPGRADE_LOCK_WAIT_S}s'"))
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            if then is not None:
                with Session(bind=conn) as session:  # joins the connection's transaction
                    then(session)
                    session.flush()
    except OperationalError as exc:
        if _is_lock_failure(exc):
            raise WorkspaceBusy(f"cannot change the schema of {name}: another program is using the workspace; "
                                "close it (Studio windows, imports) and try again") from None
        raise WorkspaceError(f"cannot change the schema of {name}: {scrubbed(first_line(exc), url)}") from None
    except SQLAlchemyError as exc:
        raise WorkspaceError(f"cannot change the schema of {name}: {scrubbed(first_line(exc), url)}") from None


def _is_lock_failure(exc: OperationalError) -> bool:
    # SQLite: "database is locked"; PostgreSQL: lock_timeout's "canceling statement due to lock timeout".
    message = str(exc.orig).lower()
    return "locked" in message or "lock timeout" in message


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], wait: float | None = None) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely if it raises. With `wait` it
    writes: on SQLite it takes the write lock as it begins, waiting at most `wait` seconds (see `writing`)."""
    with factory() as session, session.begin():
        if wait is not None:
            session.connection(execution_options={WRITE_WAIT_OPTION: wait})
        yield session
