"""The store answers from memory, adapts to the audience, and keeps serving when the database goes away."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from bot.content.loader import load
from bot.content.store import ContentStore, ContentUnavailable
from bot.content.db import create_db_engine


def test_answer_carries_sources_review_date_and_related(store: ContentStore):
    answer = store.answer("ask_buprenorphine")
    assert answer.title == "Buprenorphine (Suboxone)"
    assert answer.sources and all(s.url.startswith("https://") for s in answer.sources)
    assert answer.last_reviewed.year >= 2025
    assert ("ask_methadone", "Methadone") in answer.related


def test_family_audience_gets_the_family_answer_when_there_is_one(store: ContentStore):
    self_answer = store.answer("ask_withdrawal_symptoms", "self")
    family_answer = store.answer("ask_withdrawal_symptoms", "family")
    assert family_answer.audience == "family" and self_answer.audience == "self"
    assert family_answer.short != self_answer.short


def test_missing_audience_falls_back_to_the_other_answer(store: ContentStore):
    assert store.answer("ask_methadone", "family").audience == "self"
    assert store.answer("ask_enabling", "self").audience == "family"
    assert store.answer("no_such_topic") is None


def test_crisis_resources_are_ordered_and_scoped(store: ContentStore):
    overdose = [r.key for r in store.resources("overdose")]
    assert overdose[0] == "emergency-911"
    assert "never-use-alone" in overdose and "crisis-text-line" not in overdose
    suicide = store.resources("suicide")
    assert any(r.phone == "988" and r.text_number == "988" for r in suicide)


def test_answers_come_from_memory_not_one_query_per_message(sqlite_url, content_bundle):
    engine = create_db_engine(sqlite_url)
    load(engine, content_bundle)
    queries = []
    event.listen(engine, "before_cursor_execute", lambda *a, **k: queries.append(1))
    store = ContentStore(engine, ttl=300)
    store.answer("ask_detox")
    after_first = len(queries)
    for _ in range(50):
        store.answer("ask_detox")
        store.resources("overdose")
    assert after_first > 0
    assert len(queries) == after_first


def test_cached_content_survives_the_database_going_away(tmp_path, content_bundle):
    db = tmp_path / "content.db"
    engine = create_db_engine(f"sqlite:///{db}")
    load(engine, content_bundle)
    clock = [0.0]
    store = ContentStore(engine, ttl=10, clock=lambda: clock[0])
    assert store.answer("ask_naloxone") is not None
    engine.dispose()
    db.unlink()
    (tmp_path / "content.db").mkdir()  # the path now cannot be opened as a database
    clock[0] = 100.0  # cache expired: the store tries the database, fails, keeps serving
    assert "Narcan" in store.answer("ask_naloxone").short


def test_unreachable_database_without_cache_raises_a_clear_error(tmp_path):
    (tmp_path / "db").mkdir()
    store = ContentStore(create_db_engine(f"sqlite:///{tmp_path / 'db'}"), ttl=0)
    with pytest.raises(ContentUnavailable):
        store.answer("ask_detox")


def test_spanish_readers_get_the_agencys_spanish_page_where_it_has_one(store: ContentStore, content_bundle):
    """The naloxone answer cites CDC's naloxone page: in English, and in CDC's Spanish version for Spanish readers."""
    english = {s.url for s in store.answer("ask_naloxone", "self", "en").sources}
    spanish = {s.url for s in store.answer("ask_naloxone", "self", "es").sources}
    assert "https://www.cdc.gov/stop-overdose/caring/naloxone.html" in english
    assert "https://cdc.gov/stop-overdose/es/caring/la-naloxona-y-su-poder-de-salvar-vidas.html" in spanish
    assert not any("/es/" in url or "/spanish/" in url for url in english)
    # Every Spanish version a source has is what Spanish answers cite, in every topic.
    versions = {s.translates: s for s in content_bundle.sources if s.language == "es" and s.translates}
    for topic in content_bundle.topics:
        cited = {s.url for s in store.answer(topic.key, "self", "es").sources}
        for key in topic.sources:
            if key in versions:
                assert versions[key].url in cited, (topic.key, key)
