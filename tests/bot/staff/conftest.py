"""Fixtures of the staff page's tests: real tracker stores (SQLite, and PostgreSQL in a database of its own)
holding the conversations of ``conversations.py``."""

from __future__ import annotations

import asyncio
import uuid
from typing import Iterator, Tuple

import pytest
from rasa.shared.core.domain import Domain
from sqlalchemy import create_engine, text

from bot.content.db import create_db_engine
from bot.rasa_ext.tracker_store import PrivacySQLTrackerStore
from tests.bot.staff.conversations import fill
from tests.conftest import POSTGRES_URL, ROOT
from tests.bot.widget.browser import chromium

ADMIN_URL = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"


_DOMAIN = []


def domain_once() -> Domain:
    """domain.yml, loaded once for all the staff tests."""
    if not _DOMAIN:
        _DOMAIN.append(Domain.load(str(ROOT / "domain.yml")))
    return _DOMAIN[0]


@pytest.fixture(scope="module")
def browser():
    """Chromium for this package's browser tests (tests/bot/widget/browser.py)."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def domain() -> Domain:
    return domain_once()


class Filled:
    """A tracker store holding the test conversations: the store, an engine on its database, the sender ids."""

    def __init__(self, store: PrivacySQLTrackerStore, url: str) -> None:
        self.store, self.url = store, url
        self.engine = create_db_engine(url)
        self.ids = asyncio.run(fill(store, store.domain))


def _sqlite(tmp_path) -> Filled:
    path = tmp_path / "tracker.db"
    return Filled(PrivacySQLTrackerStore(domain=domain_once(), dialect="sqlite", db=str(path)), f"sqlite:///{path}")


def _postgres() -> Tuple[Filled, str]:
    """A PostgreSQL database of this test's own (other tests share ``test`` and purge old conversations there)."""
    name = f"staff_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    store = PrivacySQLTrackerStore(domain=domain_once(), dialect="postgresql", host="127.0.0.1", port=5432, db=name,
                                   username="postgres")
    return Filled(store, f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"), name


def _drop(filled: Filled, name: str) -> None:
    filled.engine.dispose()
    filled.store.engine.dispose()
    admin = create_engine(ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def filled(request, tmp_path) -> Iterator[Filled]:
    """A fresh tracker store with the test conversations, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        f = _sqlite(tmp_path)
        yield f
        f.engine.dispose()
        return
    f, name = _postgres()
    yield f
    _drop(f, name)


@pytest.fixture
def filled_sqlite(tmp_path) -> Iterator[Filled]:
    """A fresh SQLite tracker store with the test conversations."""
    f = _sqlite(tmp_path)
    yield f
    f.engine.dispose()


@pytest.fixture(scope="session")
def shared_sqlite(tmp_path_factory) -> Iterator[Filled]:
    """One SQLite tracker store with the test conversations, for tests that only read."""
    f = _sqlite(tmp_path_factory.mktemp("staff"))
    yield f
    f.engine.dispose()


