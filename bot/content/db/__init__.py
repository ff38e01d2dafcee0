"""Database layer of the content store: SQLAlchemy models and engine creation."""

from bot.content.db.engine import create_db_engine, create_schema, session_factory
from bot.content.db.models import Answer, Base, CrisisResource, Source, Topic, UsState

__all__ = [
    "Answer",
    "Base",
    "CrisisResource",
    "Source",
    "Topic",
    "UsState",
    "create_db_engine",
    "create_schema",
    "session_factory",
]
