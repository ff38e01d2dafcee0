"""Conversations as Rasa records them, saved turn by turn through the real tracker store, and what the staff page
must make of them.

Each turn is the events Rasa's processor appends (the user message with its NLU parse, the actions the policies
chose with their replies, form and slot events, then action_listen), with the action names of domain.yml and
data/rules*.yml, saved through PrivacySQLTrackerStore after every turn just as the Rasa server does.
"""

from __future__ import annotations

import datetime as dt
from typing import Dict, List, Optional, Sequence, Tuple, Union

from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.staff.usage import Period

DAY1 = dt.date(2025, 3, 3)
DAY2 = DAY1 + dt.timedelta(days=1)
DAY3 = DAY1 + dt.timedelta(days=2)
BEFORE = DAY1 - dt.timedelta(days=3)
PERIOD = Period(DAY1, DAY1 + dt.timedelta(days=6))
PHONE_MESSAGE = "can someone call me back at 617-555-0100 about my brother"
NONSENSE = "blorp the flibber"
WEATHER = "what's the weather in boston"
ODD = "ok so what now then"

Step = Union[str, Event]


def parse(text: str, intent: str, confidence: float, ranking: Optional[List[Tuple[str, float]]] = None,
          entities: Optional[List[Dict]] = None) -> Dict:
    """The parse data Rasa's NLU pipeline stores with a message."""
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])],
    }


class Conversation:
    """One person's conversation, written to the store a turn at a time."""

    def __init__(self, store, domain, sender: str, day: dt.date, channel: str = "rest") -> None:
        self.store, self.sender, self.channel = store, sender, channel
        self.tracker = DialogueStateTracker(sender, domain.slots)
        self.clock = dt.datetime.combine(day, dt.time(10, 0), dt.timezone.utc).timestamp()
        self.started = False

    def _ts(self) -> float:
        self.clock += 1.5
        return self.clock

    async def turn(self, text: str, intent: str, confidence: float = 0.93, steps: Sequence[Step] = (),
                   ranking: Optional[List[Tuple[str, float]]] = None, entities: Optional[List[Dict]] = None) -> None:
        """The user says ``text`` (parsed as ``intent``); the bot runs ``steps`` (action names or events)."""
        events: List[Event] = []
        if not self.started:
            events += [ActionExecuted("action_session_start", timestamp=self._ts()), SessionStarted(timestamp=self._ts()),
                       ActionExecuted("action_listen", timestamp=self._ts())]
            self.started = True
        events.append(UserUttered(text, parse_data=parse(text, intent, confidence, ranking, entities),
                                  timestamp=self._ts(), input_channel=self.channel))
        for step in steps:
            if isinstance(step, str):
                events.append(ActionExecuted(step, policy="RulePolicy", confidence=1.0, timestamp=self._ts()))
                if step.startswith("utter_"):
                    events.append(BotUttered(f"({step})", {"utter_action": step}, timestamp=self._ts()))
            else:
                step.timestamp = self._ts()
                events.append(step)
        events.append(ActionExecuted("action_listen", timestamp=self._ts()))
        for event in events:
            self.tracker.update(event)
        await self.store.save(self.tracker)


async def fill(store, domain) -> Dict[str, str]:
    """Hold the conversations below in ``store``; return their sender ids by role."""
    ids: Dict[str, str] = {}

    def new(role: str, day: dt.date, channel: str = "rest") -> Conversation:
        ids[role] = f"staff-test-{role}"
        return Conversation(store, domain, ids[role], day, channel)

    # Day 1: a topic question and "tell me more"; an overdose, its check-in answered.
    c = new("topic", DAY1)
    await c.turn("hiya", "greet", steps=["utter_greet"])
    await c.turn("what is methadone", "ask_methadone", steps=["action_answer_topic", SlotSet("last_topic", "ask_methadone")])
    await c.turn("tell me more", "tell_me_more", steps=["action_tell_me_more"])
    c = new("overdose", DAY1)
    await c.turn("my friend took too much and isnt breathing", "crisis_overdose", 0.99,
                 steps=["utter_crisis_overdose", "action_crisis_resources", "utter_ask_breathing"])
    await c.turn("no", "deny", steps=["utter_crisis_not_safe"])

    # Day 2: a suicide crisis on Telegram, check-in never answered; two messages not understood;
    # a finished loved-one plan on Slack.
    c = new("suicide", DAY2, "telegram")
    await c.turn("i want to end it all tonight", "crisis_suicide", 0.97,
                 steps=["utter_crisis_suicide", "action_crisis_resources", "utter_ask_safe"])
    c = new("missed", DAY2)
    await c.turn(NONSENSE, "nlu_fallback", 0.25, steps=["utter_ask_rephrase"],
                 ranking=[("nlu_fallback", 0.25), ("ask_cost", 0.18), ("greet", 0.07)])
    await c.turn(WEATHER, "out_of_scope", 0.81, steps=["utter_out_of_scope"])
    c = new("plan", DAY2, "slack")
    await c.turn("help me make a plan for my son", "make_plan",
                 steps=["loved_one_form", ActiveLoop("loved_one_form"), SlotSet("requested_slot", "lo_noticed")])
    await c.turn("he sleeps all day", "ask_signs_of_use", 0.41, steps=["loved_one_form", SlotSet("lo_noticed", "he sleeps all day"),
                                                      ActiveLoop(None), SlotSet("requested_slot", None), "action_loved_one_plan"])

    # Day 3: a state search stopped half way; a phone number in a message not understood (stored redacted);
    # a message no rule fits (Rasa's core fallback); a safety check that found no danger.
    c = new("stopped", DAY3)
    await c.turn("find treatment in my state", "find_treatment_by_state",
                 steps=["find_treatment_form", ActiveLoop("find_treatment_form"), SlotSet("requested_slot", "us_state")])
    await c.turn("what is naloxone", "ask_naloxone", steps=["action_answer_topic", "find_treatment_form"])
    await c.turn("stop", "stop_form", steps=["utter_form_stopped", "action_deactivate_loop", ActiveLoop(None)])
    c = new("phone", DAY3)
    await c.turn(PHONE_MESSAGE, "nlu_fallback", 0.25, steps=["utter_ask_rephrase"],
                 ranking=[("nlu_fallback", 0.25), ("request_human", 0.21)])
    c = new("core", DAY3)
    await c.turn(ODD, "affirm", 0.62, steps=["action_default_fallback"])

    # Five more people ask about naloxone on day 3 (a count of 5 is shown as it is); a medical crisis.
    for n in range(5):
        c = new(f"naloxone{n}", DAY3)
        await c.turn("how do i use narcan", "ask_naloxone", 0.88, steps=["action_answer_topic"])
    c = new("medical", DAY3)
    await c.turn("chest pain and can't breathe after using", "crisis_medical", 0.95,
                 steps=["utter_crisis_medical", "action_crisis_resources", "utter_ask_safe"])
    await c.turn("yes im ok now", "affirm", steps=["utter_glad_safe"])

    # Before the period: must not be counted.
    c = new("old", BEFORE)
    await c.turn("what is methadone", "ask_methadone", steps=["action_answer_topic"])
    await c.turn(NONSENSE, "nlu_fallback", 0.25, steps=["utter_ask_rephrase"], ranking=[("nlu_fallback", 0.25), ("ask_cost", 0.2)])
    return ids
