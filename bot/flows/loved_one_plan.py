"""Builds the personalised plan at the end of the "helping a loved one" conversation from the content store."""

from __future__ import annotations

from typing import Dict, List, Optional

from bot.content.store import ContentStore
from bot.flows.lines import get_lines
from bot.flows.phrases import phrases, say
from bot.flows.reply_format import personalise

# The topics whose plan steps make up the plan, in the order they are given.
PLAN_TOPICS = ("ask_how_to_talk", "ask_enabling", "ask_naloxone", "ask_family_support")
# The buttons under the plan: topics worth reading next (their titles are phrases, "plan_buttons").
PLAN_BUTTONS = ("ask_how_to_talk", "ask_enabling", "ask_find_treatment")
HELPLINE_KEY = "samhsa-helpline"


def build_plan(store: ContentStore, person: Optional[str], talked: Optional[bool], language: Optional[str] = None) -> str:
    """Return the plan text for helping ``person`` ("son"), adapted to whether they have talked yet, in ``language``.

    Raises:
        ContentUnavailable: when the store cannot be read.
    """
    who = say(language, "your_person", person=person) if person else str(phrases(language)["your_loved_one"])
    steps: List[str] = []
    sources = {}
    for topic in PLAN_TOPICS:
        answer = store.answer(topic, "family", language)
        if answer is None or not answer.plan_step:
            continue
        step = personalise(answer.plan_step, person, answer.language)
        if topic == "ask_how_to_talk" and talked:
            rest = step.split(": ", 1)[-1]
            step = say(language, "plan_keep_talking", rest=rest[:1].upper() + rest[1:])
        steps.append(step)
        for s in answer.sources:
            sources.setdefault(s.url, s)
    helpline = next((r for r in store.resources("family") if r.key == HELPLINE_KEY), None)
    if helpline:
        line = helpline.in_language(language)
        steps.append(say(language, "plan_someone_to_call", name=line.name, phone=line.phone,
                         description=line.description, hours=line.hours))
    lines = [say(language, "plan_intro", who=who)]
    lines += [f"{i}. {step}" for i, step in enumerate(steps, start=1)]
    lines.append(say(language, "plan_danger", who=who, emergency=get_lines().emergency.phone))
    lines.append(f"{phrases(language)['sources']}: " + "; ".join(f"{s.publisher}, \"{s.title}\" {s.url}" for s in sources.values()))
    return "\n".join(lines)


def plan_buttons(language: Optional[str] = None) -> List[Dict[str, str]]:
    """Return the buttons under the plan, in ``language``."""
    titles = phrases(language)["plan_buttons"]
    return [{"title": titles[t], "payload": f"/{t}"} for t in PLAN_BUTTONS]
