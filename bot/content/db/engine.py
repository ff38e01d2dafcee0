"""Engine and session creation; nothing connects until a caller asks for an engine."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import settings
from bot.content.db.models import ANSWER_UNIQUE, Base


def create_db_engine(url: Optional[str] = None, **kwargs) -> Engine:
    """Create a SQLAlchemy 2.0-style engine for ``url`` (default: the configured content store)."""
    url = url or settings.database_url()
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        _ensure_sqlite_dir(url)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("connect_args", {"connect_timeout": 5})
    engine = create_engine(url, future=True, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


# Columns added after the first release: (table, column, SQL type). Additive only, so old stores upgrade in place.
ADDED_COLUMNS = (("topics", "plan_step", "TEXT"), ("us_states", "last_reviewed", "DATE"), ("us_states", "resource_checked", "DATE"),
                 ("topics", "titles", "JSON"), ("topics", "plan_steps", "JSON"),
                 ("crisis_resources", "translations", "JSON"),
                 ("sources", "language", "VARCHAR(8)"), ("sources", "translates", "VARCHAR(80)"),
                 ("us_states", "names", "JSON"))


def create_schema(engine: Engine) -> None:
    """Create the content store's tables if they do not exist yet, and add columns newer code expects.

    Answers gained a language (and a unique constraint that includes it), which no ALTER can add the same way
    on SQLite and PostgreSQL; the content store holds only what ``content load`` writes from data/content/,
    so a store that still has the old answers table gets that table (and its links to sources) created anew
    just before the load replaces every row anyway.
    """
    inspector = inspect(engine)
    if inspector.has_table("answers") and ANSWER_UNIQUE not in {c["name"] for c in inspector.get_unique_constraints("answers")}:
        Base.metadata.tables["answer_sources"].drop(engine)
        Base.metadata.tables["answers"].drop(engine)
    Base.metadata.create_all(engine)
    inspector = inspect(engine)
    with engine.begin() as conn:
        for table, column, sql_type in ADDED_COLUMNS:
            if column not in {c["name"] for c in inspector.get_columns(table)}:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))


def session_factory(engine: Engine) -> "sessionmaker[Session]":
    """Return a session factory bound to ``engine``."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite ignores ON DELETE CASCADE unless foreign keys are switched on per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _ensure_sqlite_dir(url: str) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
