"""Loading content: idempotent, transactional, works with SQLite and the real PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from bot.content.loader import load, required_topics
from bot.content.store import ContentStore
from bot.content.db import Answer, Topic, create_db_engine, session_factory
from tests.conftest import POSTGRES_URL, ROOT


def _count(engine, model) -> int:
    with session_factory(engine)() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_every_domain_topic_intent_has_content(content_bundle):
    keys = {t.key for t in content_bundle.topics}
    missing = [k for k in required_topics(ROOT / "domain.yml") if k not in keys]
    assert not missing


def test_load_twice_gives_the_same_store(sqlite_url, content_bundle):
    engine = create_db_engine(sqlite_url)
    first = load(engine, content_bundle)
    second = load(engine, content_bundle)
    assert first == second
    assert _count(engine, Topic) == len(content_bundle.topics)
    assert _count(engine, Answer) == first.answers


def test_failed_load_keeps_the_previous_content(sqlite_url, content_bundle):
    engine = create_db_engine(sqlite_url)
    load(engine, content_bundle)
    # Two topics with the same key violate the primary key half-way through the transaction.
    broken = dataclasses.replace(content_bundle, topics=content_bundle.topics + [content_bundle.topics[0]])
    with pytest.raises(SQLAlchemyError):
        load(engine, broken)
    store = ContentStore(engine, ttl=0)
    assert store.answer("ask_methadone") is not None
    assert _count(engine, Topic) == len(content_bundle.topics)


@pytest.mark.postgres
def test_load_and_read_on_postgresql(content_bundle):
    engine = create_db_engine(POSTGRES_URL)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except SQLAlchemyError as exc:  # pragma: no cover - .ci/run starts PostgreSQL
        pytest.fail(f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc}")
    schema = "content_test"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    pg = create_db_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        load(pg, content_bundle)
        load(pg, content_bundle)
        answer = ContentStore(pg, ttl=0).answer("ask_naloxone")
        assert "Narcan" in answer.short
        assert any("cdc.gov" in s.url for s in answer.sources)
        assert _count(pg, Topic) == len(content_bundle.topics)
    finally:
        pg.dispose()
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def test_a_store_created_before_plan_steps_is_upgraded_in_place(sqlite_url, content_bundle):
    engine = create_db_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE topics (key VARCHAR(80) PRIMARY KEY, title VARCHAR(200) NOT NULL, "
                          "category VARCHAR(40) NOT NULL, related JSON NOT NULL)"))
    load(engine, content_bundle)
    assert ContentStore(engine, ttl=0).answer("ask_naloxone").plan_step.startswith("Naloxone:")


OLD_ANSWERS = ("CREATE TABLE answers (id INTEGER PRIMARY KEY, topic_key VARCHAR(80) NOT NULL REFERENCES topics(key), "
               "audience VARCHAR(20) NOT NULL, short TEXT NOT NULL, more TEXT NOT NULL, last_reviewed DATE NOT NULL, "
               "CONSTRAINT uq_answer_topic_audience UNIQUE (topic_key, audience))")
OLD_LINKS = ("CREATE TABLE answer_sources (answer_id INTEGER REFERENCES answers(id), source_key VARCHAR(80), "
             "PRIMARY KEY (answer_id, source_key))")


def _check_spanish_after_upgrade(engine, content_bundle):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE topics (key VARCHAR(80) PRIMARY KEY, title VARCHAR(200) NOT NULL, "
                          "category VARCHAR(40) NOT NULL, related JSON NOT NULL)"))
        conn.execute(text(OLD_ANSWERS))
        conn.execute(text(OLD_LINKS))
    load(engine, content_bundle)
    store = ContentStore(engine, ttl=0)
    assert store.answer("ask_naloxone", "self", "es").short.startswith("La naloxona (Narcan)")
    assert store.answer("ask_naloxone", "self", "es").language == "es"
    assert store.answer("ask_naloxone").short.startswith("Naloxone (Narcan)")
    assert _count(engine, Answer) == 2 * sum(len(t.answers) for t in content_bundle.topics)


def test_a_store_made_before_answers_had_a_language_is_rebuilt_by_the_load(sqlite_url, content_bundle):
    _check_spanish_after_upgrade(create_db_engine(sqlite_url), content_bundle)


@pytest.mark.postgres
def test_a_postgresql_store_made_before_answers_had_a_language_is_rebuilt_by_the_load(content_bundle):
    engine = create_db_engine(POSTGRES_URL)
    schema = "content_upgrade_test"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    pg = create_db_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        _check_spanish_after_upgrade(pg, content_bundle)
    finally:
        pg.dispose()
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()
