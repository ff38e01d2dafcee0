"""What the staff page knows: the one module that reads conversations from the tracker store, and adds them up.

Everything here is computed from Rasa's ``events`` table (SQLite or PostgreSQL, see ``endpoints.yml``) when the
page is opened; nothing about users is stored by the staff page (staff labels live in ``bot/staff/labels.py``).
User messages in the store are already redacted (``bot/privacy/redaction.py``), so the review queue can show them.

How a turn is recognised, by the names in domain.yml and data/rules*.yml:

- a crisis reply is the action ``utter_crisis_<kind>``; its check-in is ``utter_ask_breathing`` (overdose) or
  ``utter_ask_safe`` asked before the person's next message; the check-in was answered if they wrote again;
- a topic answer is ``action_answer_topic``; the topic is the intent of the message it answered;
- a message was not understood if its intent is ``nlu_fallback`` or ``out_of_scope``, its confidence is under the
  NLU fallback threshold of config.yml, the bot had to ask whether they were in danger (``check_danger``), or
  Rasa's core fallback (``action_default_fallback``) answered it;
- a guided flow started when its form became active and finished when its closing action ran.

Days are UTC days.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import yaml
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot import settings

CRISIS_REPLIES = {
    "utter_crisis_overdose": "overdose",
    "utter_crisis_suicide": "suicide",
    "utter_crisis_medical": "medical",
    "utter_crisis_danger": "danger after the safety check",
}
CRISIS_KINDS = tuple(CRISIS_REPLIES.values())
CHECK_INS = ("utter_ask_breathing", "utter_ask_safe")
TOPIC_ACTION = "action_answer_topic"
CORE_FALLBACK = "action_default_fallback"
# Each guided flow (a form) and the action that runs when it is completed (data/rules.yml, "finish ...").
FLOWS = {
    "loved_one_form": "action_loved_one_plan",
    "level_of_care_form": "action_level_of_care",
    "find_treatment_form": "action_find_treatment",
}
NOT_UNDERSTOOD = {
    "nlu_fallback": "not understood",
    "out_of_scope": "out of scope",
    "check_danger": "safety check asked",
}
MISSED_INTENTS = ("nlu_fallback", "out_of_scope")


def fallback_threshold(config_path: Path = settings.PROJECT_ROOT / "config.yml") -> float:
    """The FallbackClassifier threshold in config.yml: below it, a prediction counts as low confidence."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for component in config.get("pipeline", []):
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return 0.3  # Rasa's default


@dataclass(frozen=True)
class Period:
    """The days shown, first and last included (UTC)."""

    first: dt.date
    last: dt.date

    @classmethod
    def last_days(cls, days: int, today: Optional[dt.date] = None) -> "Period":
        """The ``days`` days up to and including ``today`` (default: the UTC date now)."""
        today = today or dt.datetime.now(dt.timezone.utc).date()
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def days(self) -> List[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def bounds(self) -> Tuple[float, float]:
        """Epoch seconds: start of the first day, start of the day after the last."""
        start = dt.datetime.combine(self.first, dt.time(), dt.timezone.utc)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), dt.timezone.utc)
        return start.timestamp(), end.timestamp()


@dataclass
class QueueItem:
    """A message the assistant did not understand, as stored (redacted)."""

    event_id: int
    sender_id: str
    at: dt.datetime
    text: str
    intent: str
    confidence: float
    reason: str
    label: Optional[str] = None


@dataclass
class Usage:
    """The page's figures for one period."""

    period: Period
    conversations: Dict[dt.date, int] = field(default_factory=dict)
    messages: Dict[dt.date, int] = field(default_factory=dict)
    missed: Dict[dt.date, int] = field(default_factory=dict)
    topics: Counter = field(default_factory=Counter)
    crisis: Dict[str, Dict[dt.date, int]] = field(default_factory=dict)
    check_in_asked: Counter = field(default_factory=Counter)
    check_in_answered: Counter = field(default_factory=Counter)
    flows_started: Counter = field(default_factory=Counter)
    flows_finished: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    queue: List[QueueItem] = field(default_factory=list)
    senders: set = field(default_factory=set, repr=False)

    @property
    def total_conversations(self) -> int:
        """Conversations with at least one message in the period."""
        return len(self.senders)


@dataclass
class _Turn:
    """The user message being followed until the next one."""

    sender_id: str
    event_id: int
    at: dt.datetime
    text: str
    intent: str
    confidence: float
    predicted: str
    predicted_confidence: float
    reason: Optional[str]
    crisis: Optional[str] = None  # kind of the crisis reply of this turn
    checked_in: bool = False


def _utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc)


def _read(engine: Engine, sql: str, params: Dict[str, Any]) -> Iterator[Any]:
    """Rows of a query; none before Rasa has created its table (no conversation yet)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("events"):
            return
        yield from conn.execute(text(sql), params)


def _user_turn(sender_id: str, event_id: int, ts: float, data: Dict[str, Any], threshold: float) -> _Turn:
    parse = data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0.0)
    # FallbackClassifier (nlu_fallback) and the safety check (check_danger) put their intent first; what the
    # model itself predicted comes next in the ranking.
    predicted, predicted_confidence = name, confidence
    if name in ("nlu_fallback", "check_danger"):
        for option in parse.get("intent_ranking") or []:
            if option.get("name") and option["name"] not in ("nlu_fallback", "check_danger"):
                predicted, predicted_confidence = option["name"], float(option.get("confidence") or 0.0)
                break
    message = data.get("text") or ""
    reason = NOT_UNDERSTOOD.get(name)
    if reason is None and name and confidence < threshold and not message.startswith("/"):
        reason = "low confidence"
    return _Turn(sender_id, event_id, _utc(ts), message, name, confidence, predicted, predicted_confidence, reason)


def summarise(engine: Engine, period: Period, threshold: Optional[float] = None) -> Usage:
    """Read the period's events from the tracker store and return the page's figures and review queue."""
    from bot.staff.labels import labels_by_event

    threshold = fallback_threshold() if threshold is None else threshold
    usage = Usage(period, crisis={kind: {} for kind in CRISIS_KINDS})
    start, end = period.bounds()
    rows = _read(
        engine,
        "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
        "WHERE timestamp >= :start AND timestamp < :end AND type_name IN ('user', 'action', 'active_loop') "
        "ORDER BY sender_id, id",
        {"start": start, "end": end},
    )
    daily_senders: Dict[dt.date, set] = defaultdict(set)
    sender, turn, loop = None, None, None
    for event_id, sender_id, kind, ts, _intent, action, raw in rows:
        if sender_id != sender:
            _close(turn, usage)
            sender, turn, loop = sender_id, None, None
        if kind == "user":
            data = json.loads(raw)
            if turn is not None and turn.checked_in:
                usage.check_in_answered[turn.crisis] += 1
            _close(turn, usage)
            turn = _user_turn(sender_id, event_id, ts, data, threshold)
            day = turn.at.date()
            usage.messages[day] = usage.messages.get(day, 0) + 1
            daily_senders[day].add(sender_id)
            usage.senders.add(sender_id)
            usage.channels[data.get("input_channel") or "unknown"] += 1
            if turn.intent in MISSED_INTENTS:
                usage.missed[day] = usage.missed.get(day, 0) + 1
        elif kind == "active_loop":
            name = json.loads(raw).get("name")
            if name in FLOWS and name != loop:
                usage.flows_started[name] += 1
            loop = name
        elif kind == "action" and turn is not None:
            _action(action, turn, usage)
    _close(turn, usage)
    usage.conversations = {day: len(senders) for day, senders in daily_senders.items()}
    labels = labels_by_event(engine, [item.event_id for item in usage.queue])
    for item in usage.queue:
        item.label = labels.get(item.event_id)
    usage.queue.sort(key=lambda item: (item.at, item.event_id), reverse=True)
    return usage


def _action(action: Optional[str], turn: _Turn, usage: Usage) -> None:
    day = turn.at.date()
    if action in CRISIS_REPLIES:
        turn.crisis = CRISIS_REPLIES[action]
        per_day = usage.crisis[turn.crisis]
        per_day[day] = per_day.get(day, 0) + 1
    elif action in CHECK_INS and turn.crisis and not turn.checked_in:
        turn.checked_in = True
        usage.check_in_asked[turn.crisis] += 1
    elif action == TOPIC_ACTION and turn.intent:
        usage.topics[turn.intent] += 1
    elif action == CORE_FALLBACK:
        if turn.intent not in MISSED_INTENTS and turn.reason is None:
            usage.missed[day] = usage.missed.get(day, 0) + 1
        turn.reason = turn.reason or "no next step"
    elif action in FLOWS.values():
        usage.flows_finished[next(form for form, done in FLOWS.items() if done == action)] += 1


def _close(turn: Optional[_Turn], usage: Usage) -> None:
    """Put a finished turn on the review queue if it was not understood."""
    if turn is None or turn.reason is None:
        return
    usage.queue.append(QueueItem(turn.event_id, turn.sender_id, turn.at, turn.text, turn.predicted, turn.predicted_confidence, turn.reason))


@dataclass(frozen=True)
class StoredMessage:
    """One stored user message: who sent it (the conversation) and its redacted text."""

    event_id: int
    sender_id: str
    text: str


def user_message(engine: Engine, event_id: int) -> Optional[StoredMessage]:
    """The stored user message with this event id, or None."""
    for row in _read(engine, "SELECT id, sender_id, data FROM events WHERE id = :id AND type_name = 'user'",
                     {"id": event_id}):
        return StoredMessage(row[0], row[1], json.loads(row[2]).get("text") or "")
    return None


def labelled_messages(engine: Engine) -> List[Tuple[StoredMessage, str, float]]:
    """Every labelled message still in the store: (message, label, when labelled), oldest label first."""
    from bot.staff.labels import TABLE

    with engine.connect() as conn:
        if not inspect(conn).has_table(TABLE):
            return []
    rows = _read(
        engine,
        f"SELECT e.id, e.sender_id, e.data, l.intent, l.labelled_at FROM {TABLE} l JOIN events e ON e.id = l.event_id "
        "ORDER BY l.labelled_at, e.id",
        {},
    )
    return [(StoredMessage(r[0], r[1], json.loads(r[2]).get("text") or ""), r[3], float(r[4])) for r in rows]


def conversation_events(engine: Engine, sender_id: str) -> List[Tuple[int, Dict[str, Any]]]:
    """Every stored event of one conversation: (event id, Rasa's event dictionary), in order."""
    rows = _read(engine, "SELECT id, data FROM events WHERE sender_id = :s ORDER BY id", {"s": sender_id})
    return [(int(r[0]), json.loads(r[1])) for r in rows]
