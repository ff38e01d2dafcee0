"""Builds the answer of the "finding treatment in my state" conversation from the content store."""

from __future__ import annotations

from typing import Dict, List, Optional

from bot.content.store import ContentStore, ResourceView, StateView
from bot.flows.lines import get_lines
from bot.flows.phrases import month_year, phrases, say

# The resources every answer gives, in order (keys in data/content/resources.yml).
RESOURCE_KEYS = ("findtreatment-gov", "samhsa-helpline", "naloxone-otc")
LOCATOR_KEY = "findtreatment-gov"
# The buttons under the answer (their titles are phrases, "ft_buttons").
ANSWER_BUTTONS = ("ask_cost", "choose_level_of_care", "find_treatment_by_state")
# How many characters of an unmatched answer are repeated back.
SHOWN_CHARS = 60


def _resource_line(r: ResourceView, place: str, language: Optional[str]) -> str:
    r = r.in_language(language)
    contact = ", ".join(x for x in (r.phone, r.url) if x)
    line = f"{r.name} ({contact}): {r.description}"
    if r.key == LOCATOR_KEY:
        line += " " + say(language, "ft_locator", place=place)
    return line


def treatment_text(store: ContentStore, state: StateView, language: Optional[str] = None) -> str:
    """Return where to look for treatment in ``state``: national locators, naloxone, and the state's own line.

    Raises:
        ContentUnavailable: when the store cannot be read.
    """
    by_key = {r.key: r for r in store.resources()}
    place = state.name_in(language)
    lines: List[str] = [say(language, "ft_intro", place=place)]
    for i, key in enumerate(k for k in RESOURCE_KEYS if k in by_key):
        lines.append(f"{i + 1}. {_resource_line(by_key[key], place, language)}")
    n = len(lines)
    if state.resource_url:
        phone = f", {state.resource_phone}" if state.resource_phone else ""
        # The date of the official page it was seen on, so people can judge how current the line is.
        checked = say(language, "ft_checked", date=month_year(language, state.resource_checked)) if state.resource_checked else ""
        lines.append(f"{n}. " + say(language, "ft_state_resource", place=place, name=state.resource_name,
                                     url=state.resource_url, phone=phone, checked=checked))
    else:
        lines.append(f"{n}. " + say(language, "ft_no_state_link", place=place))
    lines.append(say(language, "ft_danger", emergency=get_lines().emergency.phone))
    cited = [r.url for r in (by_key.get(k) for k in RESOURCE_KEYS) if r and r.url]
    if state.resource_source:
        cited.append(state.resource_source.url)
    lines.append(f"{phrases(language)['sources']}: " + "; ".join(cited))
    if state.last_reviewed:
        lines.append(say(language, "reviewed", date=month_year(language, state.last_reviewed)))
    return "\n".join(lines)


def answer_buttons(language: Optional[str] = None) -> List[Dict[str, str]]:
    """Return the buttons under a state's answer, in ``language``."""
    titles = phrases(language)["ft_buttons"]
    return [{"title": titles[t], "payload": f"/{t}"} for t in ANSWER_BUTTONS]


def reask_text(answer: str, language: Optional[str] = None) -> str:
    """Return the message for an answer that names no US state or territory."""
    return say(language, "ft_reask", answer=" ".join(answer.split())[:SHOWN_CHARS])
