"""Builds the personalised plan at the end of the "helping a loved one" conversation from the content store."""

from __future__ import annotations

from typing import List, Optional

from bot.content.store import ContentStore
from bot.flows.lines import get_lines
from bot.flows.reply_format import personalise

# The topics whose plan steps make up the plan, in the order they are given.
PLAN_TOPICS = ("ask_how_to_talk", "ask_enabling", "ask_naloxone", "ask_family_support")
HELPLINE_KEY = "samhsa-helpline"


def build_plan(store: ContentStore, person: Optional[str], talked: Optional[bool]) -> str:
    """Return the plan text for helping ``person`` ("son"), adapted to whether they have talked yet.

    Raises:
        ContentUnavailable: when the store cannot be read.
    """
    who = f"your {person}" if person else "your loved one"
    steps: List[str] = []
    sources = {}
    for topic in PLAN_TOPICS:
        answer = store.answer(topic, "family")
        if answer is None or not answer.plan_step:
            continue
        step = personalise(answer.plan_step, person)
        if topic == "ask_how_to_talk" and talked:
            rest = step.split(": ", 1)[-1]
            step = "Keep talking: you've already raised it, which takes courage. " + rest[:1].upper() + rest[1:]
        steps.append(step)
        for s in answer.sources:
            sources.setdefault(s.url, s)
    helpline = next((r for r in store.resources("family") if r.key == HELPLINE_KEY), None)
    if helpline:
        steps.append(f"Someone to call: {helpline.name}, {helpline.phone}. {helpline.description} ({helpline.hours}).")
    lines = [f"Here is a short plan for helping {who}. It's general information, not a clinical assessment."]
    lines += [f"{i}. {step}" for i, step in enumerate(steps, start=1)]
    lines.append(f"If {who} is ever in danger or may be overdosing, call {get_lines().emergency.phone}.")
    lines.append("Sources: " + "; ".join(f"{s.publisher}, \"{s.title}\" {s.url}" for s in sources.values()))
    return "\n".join(lines)
