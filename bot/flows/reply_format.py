"""Turns content-store records into chat replies: text with citations, review dates and buttons."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence

from bot.content.store import AnswerView, ResourceView
from bot.flows.lines import get_lines

_LINES = get_lines()
HELPLINE_LINE = _LINES.helpline_sentence()
STORE_DOWN_TEXT = (
    "Sorry, I can't reach my library of answers right now. Please try again in a few minutes.\n"
    + HELPLINE_LINE
    + "\n"
    + _LINES.safety_sentence()
)
# The essentials, used only when the content store cannot be read at all (the numbers from the resource table).
ESSENTIAL_RESOURCES: Dict[str, List[str]] = {
    "overdose": [
        f"{_LINES.emergency.phone} - emergency services",
        f"Poison Control: {_LINES.poison.phone} (24/7)",
        f"Never Use Alone: {_LINES.never_use_alone.phone}",
    ],
    "suicide": [
        f"{_LINES.lifeline.name}: call or text {_LINES.lifeline.phone}",
        f"Crisis Text Line: text HOME to {_LINES.crisis_text.text_number}",
    ],
    "medical": [f"{_LINES.emergency.phone} - emergency services", f"Poison Control: {_LINES.poison.phone} (24/7)"],
}
MAX_RELATED_BUTTONS = 3
# The words around a content answer, per language (the answers themselves are in data/content/topics/<lang>/).
# The widget folds the line that starts with "sources" (bot/widget/static/widget.js knows both words).
PHRASES = {
    "en": {
        "tell_me_more": "Tell me more",
        "sources": "Sources",
        "reviewed": "Last reviewed: {date}. General information, not medical advice.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
    },
    "es": {
        "tell_me_more": "Quiero saber más",
        "sources": "Fuentes",
        "reviewed": "Última revisión: {date}. Información general, no es consejo médico.",
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"),
    },
}
# Topics that can continue as a guided conversation: (button title, payload). The guided conversations are in
# English only so far, so a Spanish answer does not offer them (a reply never switches language).
GUIDED_FLOWS = {
    "ask_help_loved_one": ("Make a plan together", "/make_plan"),
    "ask_treatment_options": ("Which level of care fits?", "/choose_level_of_care"),
    "ask_find_treatment": ("Search by state", "/find_treatment_by_state"),
}
_LOVED_ONE_RE = re.compile(r"\byour loved one\b", re.IGNORECASE)


def personalise(text: str, loved_one: Optional[str]) -> str:
    """Replace "your loved one" with the user's own word ("your son") when we know it."""
    if not loved_one:
        return text

    def repl(m: re.Match) -> str:
        return ("Your " if m.group(0)[0] == "Y" else "your ") + loved_one

    return _LOVED_ONE_RE.sub(repl, text)


def _phrases(answer: AnswerView) -> Dict:
    return PHRASES.get(answer.language, PHRASES["en"])


def citation(answer: AnswerView) -> str:
    """Return the "Sources ... Last reviewed ..." footer of an answer, in the answer's language.

    The website widget folds the "Sources: Publisher, "Title" URL; ..." line into a "Sources" disclosure
    (bot/widget/static/widget.js), so a change to its shape must be made there too.
    """
    words = _phrases(answer)
    sources = "; ".join(f"{s.publisher}, \"{s.title}\" {s.url}" for s in answer.sources)
    date = f"{words['months'][answer.last_reviewed.month - 1]} {answer.last_reviewed.year}"
    return f"{words['sources']}: {sources}\n" + words["reviewed"].format(date=date)


def answer_text(answer: AnswerView, loved_one: Optional[str] = None, deep: bool = False) -> str:
    """Return the full text of a short (or, with ``deep``, detailed) answer with its citation."""
    body = answer.more if deep else answer.short
    return f"{personalise(body.strip(), loved_one)}\n\n{citation(answer)}"


def answer_buttons(answer: AnswerView, include_more: bool = True) -> List[Dict[str, str]]:
    """Return buttons for "tell me more", a guided conversation if the topic has one, and related topics."""
    buttons = [{"title": _phrases(answer)["tell_me_more"], "payload": "/tell_me_more"}] if include_more else []
    if answer.topic in GUIDED_FLOWS and answer.language == "en":
        title, payload = GUIDED_FLOWS[answer.topic]
        buttons.append({"title": title, "payload": payload})
    for key, title in answer.related[:MAX_RELATED_BUTTONS]:
        buttons.append({"title": title, "payload": f"/{key}"})
    return buttons


def resource_line(r: ResourceView) -> str:
    """Return one resource as a line of text."""
    ways = []
    if r.phone:
        ways.append(f"call {r.phone}")
    if r.text_number:
        ways.append(f"text {r.text_number}")
    if r.url:
        ways.append(r.url)
    langs = ", ".join(r.languages)
    return f"- {r.name}: {' or '.join(ways)}. {r.description} ({r.hours}; {langs})"


def resources_text(resources: Sequence[ResourceView]) -> str:
    """Return the detailed resource list sent after a crisis message."""
    lines = [resource_line(r) for r in resources]
    return "More help, any time:\n" + "\n".join(lines)


def essential_resources_text(kind: str) -> str:
    """Return the built-in crisis lines for ``kind``, used when the store is unreachable."""
    lines = ESSENTIAL_RESOURCES.get(kind, ESSENTIAL_RESOURCES["overdose"])
    return "More help, any time:\n" + "\n".join(f"- {line}" for line in lines) + "\n- " + HELPLINE_LINE
