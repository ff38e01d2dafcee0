"""SQLAlchemy models of the content store: topics, answers, sources and crisis resources."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()
# Named so that create_schema can tell a store made before answers had a language (its constraint had no language).
ANSWER_UNIQUE = "uq_answer_topic_audience_language"

answer_sources = Table(
    "answer_sources",
    Base.metadata,
    Column("answer_id", ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True),
    Column("source_key", ForeignKey("sources.key", ondelete="CASCADE"), primary_key=True),
)


class Source(Base):
    """A public publication an answer is based on (SAMHSA, NIDA, CDC, FDA, MedlinePlus...)."""

    __tablename__ = "sources"

    key = Column(String(80), primary_key=True)
    title = Column(String(300), nullable=False)
    publisher = Column(String(120), nullable=False)
    url = Column(String(500), nullable=False)
    language = Column(String(8))  # the language the page is written in ("en", "es")
    translates = Column(String(80))  # for another language's version of a page: the English source's key


class Topic(Base):
    """A topic of the taxonomy; its key is the intent name that asks about it."""

    __tablename__ = "topics"

    key = Column(String(80), primary_key=True)
    title = Column(String(200), nullable=False)
    category = Column(String(40), nullable=False)
    related = Column(JSON, nullable=False, default=list)
    titles = Column(JSON)  # {language: title} for every language the topic is written in
    plan_step = Column(Text)  # one step of a guided plan (e.g. the loved-one plan), if the topic has one
    plan_steps = Column(JSON)  # {language: plan step} for every language the topic is written in

    answers = relationship("Answer", back_populates="topic", cascade="all, delete-orphan")


class Answer(Base):
    """The curated answer to a topic for one audience in one language, with its depth, sources and review date."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("topic_key", "audience", "language", name=ANSWER_UNIQUE),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    topic_key = Column(ForeignKey("topics.key", ondelete="CASCADE"), nullable=False)
    audience = Column(String(20), nullable=False)  # "self" or "family"
    language = Column(String(5), nullable=False, default="en")
    short = Column(Text, nullable=False)
    more = Column(Text, nullable=False)
    last_reviewed = Column(Date, nullable=False, default=dt.date.today)

    topic = relationship("Topic", back_populates="answers")
    sources = relationship("Source", secondary=answer_sources, order_by="Source.key")


class CrisisResource(Base):
    """A phone line, text line or website people can turn to, and which situations it serves."""

    __tablename__ = "crisis_resources"

    key = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)
    phone = Column(String(40))
    text_number = Column(String(80))
    url = Column(String(500))
    hours = Column(String(80), nullable=False)
    languages = Column(JSON, nullable=False, default=list)
    scope = Column(JSON, nullable=False, default=list)  # e.g. ["overdose", "suicide", "general"]
    priority = Column(Integer, nullable=False, default=100)
    translations = Column(JSON)  # {language: {name, description, hours, languages}} for readers of other languages


class UsState(Base):
    """A US state, DC or territory, with its own treatment resource when one has been verified."""

    __tablename__ = "us_states"

    code = Column(String(2), primary_key=True)
    name = Column(String(80), nullable=False)
    kind = Column(String(20), nullable=False)  # state | district | territory
    aliases = Column(JSON, nullable=False, default=list)
    resource_name = Column(String(200))
    resource_url = Column(String(500))
    resource_phone = Column(String(40))
    source_key = Column(ForeignKey("sources.key", ondelete="SET NULL"))
    last_reviewed = Column(Date)
    resource_checked = Column(Date)  # date of the official page the state's own resource was seen on
    names = Column(JSON)  # {language: name} where it differs ("es": "Nueva York")
