"""Turns content-store records into chat replies: text with citations, review dates and buttons."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence

from bot.content.store import AnswerView, ResourceView
from bot.flows.lines import get_lines
from bot.flows.phrases import month_year, phrases, say

# The topics that can continue as a guided conversation, and the message that starts it (the button's title is
# a phrase, bot/flows/phrases.py "guided").
GUIDED_FLOWS = {
    "ask_help_loved_one": "/make_plan",
    "ask_treatment_options": "/choose_level_of_care",
    "ask_find_treatment": "/find_treatment_by_state",
}
MAX_RELATED_BUTTONS = 3


def store_down_text(language: Optional[str] = None) -> str:
    """The reply when the content store cannot be read: try again, a person to talk to, and the emergency lines."""
    lines = get_lines()
    return "\n".join((say(language, "store_down"), lines.helpline_sentence(language), lines.safety_sentence(language)))


def personalise(text: str, loved_one: Optional[str], language: Optional[str] = None) -> str:
    """Replace "your loved one" ("su ser querido") with the user's own word ("your son", "su hijo") when we know it."""
    if not loved_one:
        return text
    generic, own = str(phrases(language)["your_loved_one"]), say(language, "your_person", person=loved_one)

    def repl(m: re.Match) -> str:
        return own[:1].upper() + own[1:] if m.group(0)[0].isupper() else own

    return re.sub(rf"\b{re.escape(generic)}\b", repl, text, flags=re.IGNORECASE)


def citation(answer: AnswerView) -> str:
    """Return the "Sources ... Last reviewed ..." footer of an answer, in the answer's language.

    The website widget folds the "Sources: Publisher, "Title" URL; ..." line into a "Sources" disclosure
    (bot/widget/static/widget.js), so a change to its shape must be made there too.
    """
    words = phrases(answer.language)
    sources = "; ".join(f"{s.publisher}, \"{s.title}\" {s.url}" for s in answer.sources)
    return f"{words['sources']}: {sources}\n" + say(answer.language, "reviewed", date=month_year(answer.language, answer.last_reviewed))


def answer_text(answer: AnswerView, loved_one: Optional[str] = None, deep: bool = False) -> str:
    """Return the full text of a short (or, with ``deep``, detailed) answer with its citation."""
    body = answer.more if deep else answer.short
    return f"{personalise(body.strip(), loved_one, answer.language)}\n\n{citation(answer)}"


def answer_buttons(answer: AnswerView, include_more: bool = True) -> List[Dict[str, str]]:
    """Return buttons for "tell me more", a guided conversation if the topic has one, and related topics."""
    words = phrases(answer.language)
    buttons = [{"title": words["tell_me_more"], "payload": "/tell_me_more"}] if include_more else []
    if answer.topic in GUIDED_FLOWS:
        buttons.append({"title": words["guided"][answer.topic], "payload": GUIDED_FLOWS[answer.topic]})
    for key, title in answer.related[:MAX_RELATED_BUTTONS]:
        buttons.append({"title": title, "payload": f"/{key}"})
    return buttons


def resource_line(r: ResourceView, language: Optional[str] = None) -> str:
    """Return one resource as a line of text, in ``language``."""
    r = r.in_language(language)
    ways = []
    if r.phone:
        ways.append(say(language, "call", phone=r.phone))
    if r.text_number:
        ways.append(say(language, "text", number=r.text_number))
    if r.url:
        ways.append(r.url)
    langs = ", ".join(r.languages)
    return f"- {r.name}: {say(language, 'or').join(ways)}. {r.description} ({r.hours}; {langs})"


def resources_text(resources: Sequence[ResourceView], language: Optional[str] = None) -> str:
    """Return the detailed resource list sent after a crisis message."""
    lines = [resource_line(r, language) for r in resources]
    return say(language, "more_help") + "\n" + "\n".join(lines)


def essential_resources_text(kind: str, language: Optional[str] = None) -> str:
    """Return the built-in crisis lines for ``kind``, used when the store is unreachable (numbers from the table)."""
    lines = get_lines()
    emergency = say(language, "essential_emergency", phone=lines.emergency.phone)
    poison = say(language, "essential_poison", phone=lines.poison.phone)
    essential = {
        "overdose": [emergency, poison, say(language, "essential_never_use_alone", phone=lines.never_use_alone.phone)],
        "suicide": [say(language, "essential_lifeline", name=lines.lifeline.name_in(language), phone=lines.lifeline.phone),
                    say(language, "essential_crisis_text", number=lines.crisis_text.text_number)],
        "medical": [emergency, poison],
    }
    chosen = essential.get(kind, essential["overdose"])
    return say(language, "more_help") + "\n" + "\n".join(f"- {line}" for line in chosen) + "\n- " + lines.helpline_sentence(language)
