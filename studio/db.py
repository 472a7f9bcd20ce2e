"""Engine factory, session scope, SQLite pragmas, and the schema version check.

Opening a workspace must stay fast, so the version check reads `alembic_version` directly and compares it
with the revision files on disk; Alembic itself is imported only when the schema has to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from studio.errors import WorkspaceError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Revision ids this program knows, oldest first; each file is named `<id>_<what>.py`."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted(m.group(1) for m in map(_REVISION_FILE.match, names) if m)


def head_revision() -> str:
    return known_revisions()[-1]


def redacted(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, full sync and a busy timeout on every connection."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": 10})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise WorkspaceError(f"cannot use database URL {redacted(url)!r}: {exc}") from None
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a confirmed translation or a queued publication must survive a power cut.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                if inspect(conn).get_table_names():
                    raise WorkspaceError(
                        f"{redacted(str(engine.url))} holds tables but is not a Studio workspace")
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        raise WorkspaceError(f"cannot open {redacted(str(engine.url))}: {first_line(exc)}") from None
    except SQLAlchemyError as exc:
        raise WorkspaceError(f"cannot read {redacted(str(engine.url))}: {first_line(exc)}") from None


def first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__


def check_schema(engine: Engine, *, upgrade: bool) -> str | None:
    """Make sure the schema is one this program can use; upgrade an older one when `upgrade` is true.

    Returns the revision found before any upgrade. A schema newer than this program is refused untouched.
    """
    found = current_revision(engine)
    known = known_revisions()
    if found is not None and found not in known:
        raise WorkspaceError(
            f"this workspace was written by a newer Studio (schema {found}; this program knows up to "
            f"{known[-1]}); update Studio to open it")
    if found != known[-1] and upgrade:
        migrate(engine)
    return found


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema to `target` with Alembic, in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely if it raises."""
    with factory() as session, session.begin():
        yield session
