"""Read API of the content store, cached in memory so answering a message does not query the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from bot import settings
from bot.content.schema import PRIMARY_LANGUAGE, ResourceSpec
from bot.content.db import Answer, CrisisResource, Source, Topic, UsState, create_db_engine, session_factory

logger = logging.getLogger(__name__)


class ContentUnavailable(Exception):
    """Raised when the store cannot be read and nothing is cached yet."""


@dataclass(frozen=True)
class SourceView:
    """A cited source as shown to users."""

    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class AnswerView:
    """One answer, ready to show: text, depth, citations, review date and related topics."""

    topic: str
    title: str
    category: str
    audience: str
    short: str
    more: str
    last_reviewed: dt.date
    sources: Tuple[SourceView, ...]
    related: Tuple[Tuple[str, str], ...]  # (topic key, title in the answer's language)
    plan_step: Optional[str] = None
    language: str = PRIMARY_LANGUAGE


# A crisis or help line as shown to users: the validated entry itself (bot/content/schema.py), so its fields are
# defined once; ``last_checked`` is governance data the store does not keep, so it is None here.
ResourceView = ResourceSpec


@dataclass(frozen=True)
class StateView:
    """A US state, DC or territory, and its own treatment resource if one was verified."""

    code: str
    name: str
    kind: str
    aliases: Tuple[str, ...] = ()
    resource_name: Optional[str] = None
    resource_url: Optional[str] = None
    resource_phone: Optional[str] = None
    resource_source: Optional[SourceView] = None
    last_reviewed: Optional[dt.date] = None
    resource_checked: Optional[dt.date] = None  # date of the official page the resource was seen on
    names: Tuple[Tuple[str, str], ...] = ()  # (language, name) where the name differs in that language

    def name_in(self, language: Optional[str]) -> str:
        """The state's name as readers of ``language`` write it ("Nueva York"), else its English name."""
        return dict(self.names).get(language or "", self.name)


@dataclass(frozen=True)
class _Snapshot:
    answers: Dict[Tuple[str, str, str], AnswerView]  # (topic, audience, language)
    titles: Dict[str, str]
    resources: Tuple[ResourceView, ...]
    loaded_at: float
    states: Tuple[StateView, ...] = ()


class ContentStore:
    """Serves curated answers and resources from an in-memory snapshot of the database.

    The snapshot is refreshed after ``ttl`` seconds; if the database is unreachable then,
    the previous snapshot keeps serving so users still get answers.
    """

    def __init__(self, engine: Engine, ttl: Optional[float] = None, clock=time.monotonic):
        self._engine = engine
        self._ttl = settings.content_cache_seconds() if ttl is None else ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: Optional[_Snapshot] = None

    def answer(self, topic: str, audience: str = "self", language: Optional[str] = None) -> Optional[AnswerView]:
        """Return the answer to ``topic`` for ``audience`` in ``language``, falling back to the topic's other answer.

        Every topic is validated to exist in every language, so the English fallback only covers a store loaded
        by an older version or a language nobody writes in yet.
        """
        answers = self._current().answers
        for lang in dict.fromkeys((language or PRIMARY_LANGUAGE, PRIMARY_LANGUAGE)):
            for aud in (audience, "self", "family"):
                found = answers.get((topic, aud, lang))
                if found is not None:
                    return found
        return None

    def resources(self, scope: Optional[str] = None) -> List[ResourceView]:
        """Return resources for ``scope`` (all when None), most important first."""
        found = [r for r in self._current().resources if scope is None or scope in r.scope]
        return sorted(found, key=lambda r: (r.priority, r.key))

    def states(self) -> Tuple[StateView, ...]:
        """Return every US state, DC and territory in the store."""
        return self._current().states

    def _current(self) -> _Snapshot:
        snap = self._snapshot
        if snap is not None and self._clock() - snap.loaded_at < self._ttl:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is not None and self._clock() - snap.loaded_at < self._ttl:
                return snap
            try:
                self._snapshot = self._read()
            except SQLAlchemyError as exc:
                if snap is None:
                    raise ContentUnavailable(str(exc)) from exc
                logger.warning("Content store unreachable, serving cached content: %s", exc.__class__.__name__)
                # Retry later rather than on every message while the database is down.
                self._snapshot = _Snapshot(snap.answers, snap.titles, snap.resources, self._clock(), snap.states)
            return self._snapshot

    def _read(self) -> _Snapshot:
        make_session = session_factory(self._engine)
        with make_session() as session:
            topics = session.execute(
                select(Topic).options(selectinload(Topic.answers).selectinload(Answer.sources))
            ).scalars().all()
            resources = session.execute(select(CrisisResource)).scalars().all()
            titles = {t.key: t.title for t in topics}
            localized = {t.key: {**(t.titles or {}), PRIMARY_LANGUAGE: t.title} for t in topics}
            answers: Dict[Tuple[str, str, str], AnswerView] = {}
            for t in topics:
                for a in t.answers:
                    lang = a.language or PRIMARY_LANGUAGE
                    answers[(t.key, a.audience, lang)] = AnswerView(
                        topic=t.key,
                        title=_title_in(localized, t.key, lang),
                        category=t.category,
                        audience=a.audience,
                        short=a.short,
                        more=a.more,
                        last_reviewed=a.last_reviewed,
                        sources=tuple(SourceView(s.title, s.publisher, s.url) for s in a.sources),
                        related=tuple((k, _title_in(localized, k, lang)) for k in (t.related or []) if k in localized),
                        plan_step=(t.plan_steps or {}).get(lang) or t.plan_step,
                        language=lang,
                    )
            views = tuple(_resource_view(r) for r in resources)
            sources = {s.key: SourceView(s.title, s.publisher, s.url) for s in session.execute(select(Source)).scalars()}
            states = tuple(
                StateView(st.code, st.name, st.kind, tuple(st.aliases or ()), st.resource_name, st.resource_url,
                          st.resource_phone, sources.get(st.source_key) if st.source_key else None, st.last_reviewed,
                          st.resource_checked, tuple(sorted((st.names or {}).items())))
                for st in session.execute(select(UsState).order_by(UsState.name)).scalars()
            )
        return _Snapshot(answers, titles, views, self._clock(), states)


def _title_in(localized: Dict[str, Dict[str, str]], key: str, language: str) -> str:
    """A topic's title in ``language`` (its English title when it has none in that language)."""
    return localized[key].get(language) or localized[key][PRIMARY_LANGUAGE]


def _resource_view(row: CrisisResource) -> ResourceView:
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(ResourceView) if hasattr(row, f.name)}
    return ResourceView(**{**values, "languages": tuple(row.languages or ()), "scope": tuple(row.scope or ()),
                           "translations": row.translations or {}})


_default_store: Optional[ContentStore] = None
_default_lock = threading.Lock()


def get_store() -> ContentStore:
    """Return the process-wide store for the configured database, creating it on first use."""
    global _default_store
    if _default_store is None:
        with _default_lock:
            if _default_store is None:
                _default_store = ContentStore(create_db_engine())
    return _default_store


def set_store(store: Optional[ContentStore]) -> None:
    """Replace the process-wide store (tests and the CLI use this)."""
    global _default_store
    _default_store = store
