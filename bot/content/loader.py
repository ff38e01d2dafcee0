"""Load validated content into the store in one transaction (idempotent: replaces what was there)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import yaml
from sqlalchemy import delete
from sqlalchemy.engine import Engine

from bot import settings
from bot.content.schema import ContentBundle, TopicSpec, parse_content
from bot.content.db import Answer, CrisisResource, Source, Topic, UsState, create_schema, session_factory
from bot.content.db.models import answer_sources

# Intents whose answers come from the content store; other intents are conversation moves.
# Crisis intents are answered by the static utter_crisis_* replies of domain.yml (they must work with the action
# server and the database down) and the resource list, never by a content answer.
TOPIC_PREFIXES = ("ask_", "report_")
NOT_CONTENT_TOPICS = {"ask_capabilities"}


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote."""

    topics: int
    answers: int
    sources: int
    resources: int
    states: int = 0


def required_topics(domain_path: Path = settings.PROJECT_ROOT / "domain.yml") -> List[str]:
    """Return the topic keys the dialogue needs content for: the domain's topic intents."""
    if not domain_path.exists():
        return []
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}
    names = [i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])]
    return [n for n in names if n.startswith(TOPIC_PREFIXES) and n not in NOT_CONTENT_TOPICS]


def validate(content_dir: Path = settings.CONTENT_DIR, domain_path: Optional[Path] = None) -> ContentBundle:
    """Validate the content folder against the domain; raise ContentError on any problem."""
    domain_path = domain_path or settings.PROJECT_ROOT / "domain.yml"
    return parse_content(content_dir, required_topics(domain_path))


def load(engine: Engine, bundle: ContentBundle) -> LoadReport:
    """Replace the store's content with ``bundle`` in a single transaction."""
    create_schema(engine)
    make_session = session_factory(engine)
    with make_session() as session, session.begin():
        # Delete children first so it works with or without ON DELETE CASCADE support.
        session.execute(delete(answer_sources))
        session.execute(delete(Answer))
        session.execute(delete(Topic))
        session.execute(delete(UsState))
        session.execute(delete(Source))
        session.execute(delete(CrisisResource))
        sources = {s.key: Source(key=s.key, title=s.title, publisher=s.publisher, url=s.url, language=s.language,
                                 translates=s.translates) for s in bundle.sources}
        session.add_all(sources.values())
        # Written now: a state's own resource refers to its source by key only (no relationship), so the unit of
        # work would not know to insert the sources first.
        session.flush()
        n_answers = 0
        translations: Dict[str, List[TopicSpec]] = {}
        for tr in bundle.translations:
            translations.setdefault(tr.key, []).append(tr)
        for t in bundle.topics:
            versions = [t, *translations.get(t.key, [])]
            topic = Topic(key=t.key, title=t.title, category=t.category, related=list(t.related), plan_step=t.plan_step,
                          titles={v.language: v.title for v in versions},
                          plan_steps={v.language: v.plan_step for v in versions if v.plan_step})
            for v in versions:
                for a in v.answers:
                    topic.answers.append(
                        Answer(
                            audience=a.audience,
                            language=v.language,
                            short=a.short,
                            more=a.more,
                            last_reviewed=v.last_reviewed,
                            sources=[sources[k] for k in v.sources],
                        )
                    )
                    n_answers += 1
            session.add(topic)
        for st in bundle.states:
            session.add(UsState(code=st.code, name=st.name, kind=st.kind, aliases=list(st.aliases),
                                resource_name=st.resource_name, resource_url=st.resource_url,
                                resource_phone=st.resource_phone, source_key=st.resource_source,
                                last_reviewed=bundle.states_reviewed, resource_checked=st.resource_checked,
                                names=dict(st.names)))
        for r in bundle.resources:
            row = dataclasses.asdict(r)
            row.pop("last_checked")  # governance metadata for the audit; the bot does not show it
            session.add(CrisisResource(**{**row, "languages": list(r.languages), "scope": list(r.scope)}))
    return LoadReport(len(bundle.topics), n_answers, len(bundle.sources), len(bundle.resources), len(bundle.states))
